# layout-heatmap.gp — a sweep over two parameters, one heat map per metric.
# The colour scale, light (low) to dark (high):
set palette defined (0 '#F0F6FB', 0.5 '#8FCAE7', 1 '#3D94CC')
