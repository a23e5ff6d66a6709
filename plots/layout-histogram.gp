# layout-histogram.gp — the distribution of one metric over the draws.
#   c_band = lichtblauw
