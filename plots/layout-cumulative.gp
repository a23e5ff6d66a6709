# layout-cumulative.gp — planned against realised spending, cumulative.
set boxwidth 0.6
# the shaded years in which deals with a longer term still spend are object 1,
# their label is label 2:
#   unset object 1; unset label 2
