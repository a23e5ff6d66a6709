# layout-burden.gp — the burden per obligation (horizontal bars).
# Tic labels at the left are cut at 30 characters by regiosim; a smaller
# font for them:
#   set ytics font ',14'
