# layout-regions.gp — Rijk award per inhabitant per region (sorted bars).
# Bars in another colour of the palette:
#   c_real = hemelblauw
