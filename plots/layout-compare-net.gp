# layout-compare-net.gp — net Rijk expenditure per year, levels and differences.
