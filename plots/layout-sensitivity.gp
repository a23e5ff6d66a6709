# layout-sensitivity.gp — the tornado, Morris and Sobol charts of
# 'regiosim sensitivity' (one bar per estimate, the strongest at the top).
# Read just before the plot.  Other colours of the palette, e.g.:
#   c_real = hemelblauw; c_accent = donkergeel
