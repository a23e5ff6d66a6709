# layout-fan.gp — the Monte Carlo fans (fan-net.png, fan-cumulative.png).
# A darker band:
#   c_band = '#5AA9D6'
