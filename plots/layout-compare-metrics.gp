# layout-compare-metrics.gp — the six panels of the key metrics per scenario.
# Read before each panel's plot.  Narrower bars:
#   set boxwidth 0.5
set boxwidth 0.7
