# rijkshuisstijl.gp — the house style of every regiosim chart.
#
# regiosim copies this file into each chart script it writes (after the
# terminal, size and font, before the chart's own settings), so a results
# folder keeps the look it was drawn with.  A department with another house
# style edits a copy of this file and passes it with --style FILE (or sets
# REGIOSIM_PLOTS to a folder holding its own rijkshuisstijl.gp and
# layout-*.gp files); nothing in the C code needs to change.
#
# Colours: the Rijkshuisstijl palette (Rijksoverheid, "Kleuren",
# rijkshuisstijl.nl; the same values are in src/plot/gp.c, rs_palette).
# The Rijksoverheid fonts (RO Sans) are licensed and cannot ship: the font
# is chosen with --font (default Liberation Sans, free, installed by make).

lintblauw   = '#154273'   # the ribbon of the logo
donkerblauw = '#01689B'
hemelblauw  = '#007BC7'
lichtblauw  = '#8FCAE7'
oranje      = '#E17000'
groen       = '#39870C'
donkergeel  = '#FFB612'
rood        = '#D52B1E'
violet      = '#A90061'
grijs1 = '#F3F3F3'; grijs2 = '#E6E6E6'; grijs3 = '#CCCCCC'; grijs4 = '#B4B4B4'
grijs5 = '#999999'; grijs6 = '#696969'; grijs7 = '#535353'

# Series colours in order of use: neighbours differ in lightness as well as
# in hue (dark blue, yellow, violet, light blue, orange, green, ...), and
# lines add a dash pattern, so a print in grey still tells them apart.
set linetype 1 lc rgb donkerblauw lw 2 dt 1      pt 7  ps 1.1
set linetype 2 lc rgb donkergeel  lw 2 dt 2      pt 5  ps 1.1
set linetype 3 lc rgb violet      lw 2 dt 3      pt 9  ps 1.1
set linetype 4 lc rgb lichtblauw  lw 2 dt 4      pt 11 ps 1.1
set linetype 5 lc rgb oranje      lw 2 dt 5      pt 13 ps 1.1
set linetype 6 lc rgb groen       lw 2 dt (8,4,2,4) pt 7 ps 1.1
set linetype 7 lc rgb lintblauw   lw 2 dt (2,4)  pt 5  ps 1.1
set linetype 8 lc rgb rood        lw 2 dt (12,4) pt 9  ps 1.1
set linetype cycle 8

# Roles: what each kind of series is drawn in.
c_net      = lintblauw    # net Rijk expenditure (line)
c_cofin    = grijs4       # spending from co-financing (bars beside the Rijk's)
c_reclaim  = rood         # reclaims, below the zero line
c_planned  = grijs6       # the plan (dashed)
c_real     = donkerblauw  # what was realised
c_band     = lichtblauw   # Monte Carlo P5–P95
c_accent   = oranje       # a marker: the deterministic run, a highlighted value
c_region   = donkerblauw  # the region side of the burden
c_rijk     = oranje       # the Rijk side of the burden
c_shade    = '#FBE3CC'    # years in which extended deals still spend
c_up       = groen        # a gain against the baseline
c_down     = rood         # a loss against the baseline
c_text     = '#222222'
c_axis     = grijs6
c_grid     = grijs2
c_source   = grijs6

set border 3 lc rgb c_axis lw 1
set tics nomirror textcolor rgb c_text
set grid ytics lc rgb c_grid lw 1 dt 1
set key noenhanced textcolor rgb c_text nobox samplen 2 spacing 1.1
set style fill solid 1.0 noborder
set encoding utf8
