# layout-sweep.gp — one panel per metric along the swept parameter.
# Read before each panel's plot.
