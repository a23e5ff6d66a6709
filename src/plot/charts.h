/* charts.h — the charts of one run (cashflow, cumulative, burden,
 * cofinancing, regions) and of a comparison.  Each chart is a data file
 * (<name>.dat, tab separated, with a header line) and a script
 * (<name>.gp) in a folder plots/, so an analyst can restyle it by hand and
 * run `gnuplot <name>.gp` again; gnuplot then draws <name>.png (or .svg,
 * .pdf). */
#ifndef RS_CHARTS_H
#define RS_CHARTS_H

#include "../output/write.h"
#include "gp.h"

typedef struct rs_chart {
    char *name;    /* file name without extension */
    char *caption; /* one line for the report */
    int drawn;     /* the image exists */
} rs_chart;

typedef struct rs_charts {
    rs_chart *c;
    size_t n;
    double seconds;   /* time spent in gnuplot */
    int missing;      /* gnuplot was not found */
} rs_charts;

void rs_charts_free(rs_charts *c);

/* Writes every chart of a run into dir/plots and draws it.  Problems with
 * gnuplot become warnings that name the chart and how to redraw it
 * ('shown_dir' is the folder the user will see); returns RS_EXIT_IO only
 * when a file cannot be written. */
int rs_charts_run(const rs_result *res, const char *dir, const char *shown_dir,
                  const rs_gp *g, rs_charts *out, rs_diag *warn);

/* The Monte Carlo charts of a run (res->mc set): fan-net, fan-cumulative
 * and a histogram of metric 'hist' (mc_charts.c). */
int rs_charts_mc(const rs_result *res, rs_metric hist, const char *dir, const char *shown_dir,
                 const rs_gp *g, rs_charts *out, rs_diag *warn);

/* Adds a chart (script and data already written to dir/plots) and draws
 * it; used by the comparison charts too. */
int rs_chart_draw(rs_charts *out, const char *dir, const char *shown_dir, const rs_gp *g,
                  const char *name, const char *caption, const char *script,
                  const char *data, rs_diag *warn);

#define RS_L(g, nl_text, en_text) ((g)->nl ? (nl_text) : (en_text))

#endif
