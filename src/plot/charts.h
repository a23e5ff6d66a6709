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
    char *script;  /* waiting to be drawn by rs_charts_flush, or NULL */
} rs_chart;

typedef struct rs_charts {
    rs_chart *c;
    size_t n;
    double seconds;   /* time spent in gnuplot */
    int missing;      /* gnuplot was not found */
    int processes;    /* gnuplot processes started or tried (a missing one once) */
    int at_once;      /* the most gnuplot processes that drew at the same time */
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

/* Writes a chart's script and data to dir/plots and adds it to the charts
 * to draw; used by the comparison charts too.  Nothing is drawn until
 * rs_charts_flush. */
int rs_chart_draw(rs_charts *out, const char *dir, const char *shown_dir, const rs_gp *g,
                  const char *name, const char *caption, const char *script,
                  const char *data, rs_diag *warn);

/* Draws every chart added since the last flush in up to RS_GP_MAX_PROCS
 * gnuplot processes at once: g->procs (--threads) or else the online
 * cores, with at least two charts per process (gnuplot's start is a large
 * part of a chart's time).  The charts are dealt out in turn; images and
 * warnings are the same for any number of processes.  When gnuplot stops
 * at a chart, that chart gets a warning and the charts after it in that
 * process are drawn by a new one.  RS_EXIT_IO when an image gnuplot reported done is
 * incomplete (a full disk), with the reason in 'warn'. */
int rs_charts_flush(rs_charts *out, const char *dir, const char *shown_dir, const rs_gp *g,
                    rs_diag *warn);


/* ---- layout.c: what every chart shares ---- */

/* The title, centred on the image. */
void rs_chart_title(rs_buf *b, const rs_gp *g, const char *t);
void rs_chart_axis_label(rs_buf *b, const char *axis, const char *t);
/* The legend under the plot in as many columns as fit ('longest': the
 * longest entry in characters), and a bottom margin that leaves room for
 * it and for the source line. */
void rs_chart_key_below(rs_buf *b, const rs_gp *g, int entries, size_t longest, int xlabel);
/* No legend; room for the source line. */
void rs_chart_no_key(rs_buf *b, int xlabel);
/* The x axis of years: start … end, and a position 'na <end>' at end + 1
 * when 'after' (flows after the horizon). */
void rs_chart_years(rs_buf *b, const rs_gp *g, int start, int end, int after);
/* Which bars a chart of n values sorted from high to low shows.  Values
 * that show as zero (|v| < 'zero', e.g. 0.5 for whole euros) are left out
 * when any value is not zero (they would fill the selection with empty
 * rows); of the others all when there are at most 2·show + 2, else the
 * 'show' highest and the 'show' lowest.  The chosen indices go to 'idx'
 * (room for n), in order; '*gap' is the number of shown rows above the
 * row that says what was left out (*gap = returned count with the left-out
 * rows below them all), '*left_out' how many were left out and '*zeros'
 * how many of those are zero.  With every value zero all are shown. */
size_t rs_chart_pick(const double *v, size_t n, size_t show, double zero, size_t *idx, size_t *gap,
                     size_t *left_out, size_t *zeros);
/* A chart of sorted horizontal bars, after rs_gp_header: the
 * rs_chart_pick selection of the n values 'v' (sorted from high to low,
 * zero below 0.5: whole euros), one data row "k y value name" per shown
 * bar into 'dat' (y from the top down, one row left free for the note when
 * some are left out) and into 'gp' the arrays L (the names) and V (the
 * values as "€ 1.234", with 'sign' as "+€ 12" / "−€ 3").  What was left
 * out goes to 'r'. */
typedef struct rs_chart_rows {
    size_t shown, gap, left, zeros;
} rs_chart_rows;
void rs_chart_ranked(rs_buf *dat, rs_buf *gp, const rs_gp *g, const double *v,
                     const char *const *names, size_t n, size_t show, int sign, rs_chart_rows *r);
/* The row under a rs_chart_pick selection that says what was left out,
 * as gnuplot label 'tag' at row 'at' in font scale fs: '… 28 regio's
 * daartussen en 8 <zero>: <where>' (zero: what the zero rows lack, e.g.
 * 'zonder verandering'; where: where the full list is). */
void rs_chart_pick_note(rs_buf *b, const rs_gp *g, int tag, size_t left_out, size_t zeros,
                        const char *zero_nl, const char *zero_en, const char *where_nl,
                        const char *where_en, size_t at, double fs);
/* A number of a chart's data file (shortest exact form, decimal point). */
void rs_chart_dat_num(rs_buf *b, double x);
/* A tab and the cell x of a data file: 'NaN' (a gap gnuplot skips) when x
 * is NaN, else the number, widening [*lo, *hi] to it. */
void rs_chart_dat_cell(rs_buf *b, double x, double *lo, double *hi);
/* Characters (not bytes) of UTF-8 text. */
size_t rs_text_chars(const char *s);
/* 'SPUK', 'DU met afspraken': an instrument as a legend names it. */
void rs_instrument_short(char *out, size_t n, const rs_instrument *in);
/* 's' cut to 'max' characters with '…'. */
void rs_chart_cut(char *out, size_t n, const char *s, size_t max);

#define RS_L(g, nl_text, en_text) ((g)->nl ? (nl_text) : (en_text))

#endif
