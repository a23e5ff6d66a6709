# layout-cofinancing.gp — co-financing share per region, one panel per rule.
# Read before each panel's plot.  Without region names:
#   set format x '%g'
