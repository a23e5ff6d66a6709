# layout-compare-regions.gp — winners and losers per region.
# Gains and losses in other colours:
#   c_up = donkerblauw; c_down = oranje
