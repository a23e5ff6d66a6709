# layout-cashflow.gp — the yearly money flows (cashflow.png).  Read just
# before the plot command, so what is set here wins over regiosim's choice.
# The bars stand at year - 0.2 (Rijk) and year + 0.2 (co-financing).
set boxwidth 0.38
# the legend under the plot; to put it inside, top right:
#   set key inside top right vertical
