/* report.h — report.md and a self-contained report.html (charts embedded,
 * no network, no JavaScript) that an analyst can read top to bottom and
 * copy from.  Both are rendered from one small document model, so they
 * always say the same. */
#ifndef RS_REPORT_H
#define RS_REPORT_H

#include "../plot/charts.h"
#include "write.h"

typedef enum { RS_B_H1, RS_B_H2, RS_B_P, RS_B_LIST, RS_B_TABLE, RS_B_IMAGE } rs_block_kind;

typedef struct rs_block {
    rs_block_kind kind;
    char **cells;   /* text (1), list items (n), table cells (rows × cols), image: name, caption */
    size_t n, cols; /* number of cells; columns of a table */
    int drawn;      /* image exists */
} rs_block;

typedef struct rs_doc {
    rs_block *b;
    size_t n;
    int nl;
    int plain;           /* Markdown for a terminal: no backslash escapes */
    const char *img_ext; /* png, svg or pdf */
} rs_doc;

void rs_doc_init(rs_doc *d, int nl, const char *img_ext);
void rs_doc_free(rs_doc *d);
void rs_doc_text(rs_doc *d, rs_block_kind kind, const char *text);
/* A list or table: 'cells' are copied. */
void rs_doc_cells(rs_doc *d, rs_block_kind kind, char **cells, size_t n, size_t cols);
void rs_doc_image(rs_doc *d, const char *name, const char *caption, int drawn);

void rs_doc_markdown(FILE *f, const rs_doc *d);
/* 'plots' is the folder holding the images, read to embed them. */
void rs_doc_html(FILE *f, const rs_doc *d, const char *plots);

/* The document of one run. */
void rs_report_run(rs_doc *d, const rs_result *res, const rs_charts *ch);

/* Number in the report's language with 'dec' decimals (newly allocated). */
char *rs_report_num(const rs_doc *d, double x, int dec);

/* ---- a paired difference over the draws, as shown (docs/report.md) ----
 * One rule for the compare report, compare.md, the terminal table and the
 * sentences, so that a difference and its probability never contradict
 * each other at the precision shown:
 *   RS_DIFF_NONE        the same in every draw (within half a euro, or
 *                       5e-7 of a ratio or a year): "0,0", no probability;
 *   RS_DIFF_NEGLIGIBLE  mean, P5 and P95 of the difference all show as 0
 *                       at the table's decimals: "≈ 0", no probability
 *                       (a note under the table says why);
 *   RS_DIFF_SHOWN       otherwise: the numbers and P(> 0).
 * Values are in display units (already scaled); 'dec_mean' and 'dec_band'
 * are the decimals of the mean and of P5/P95. */
typedef enum { RS_DIFF_NONE, RS_DIFF_NEGLIGIBLE, RS_DIFF_SHOWN } rs_diff_kind;
rs_diff_kind rs_diff_classify(double mean, double p5, double p95, double p_greater, double p_less,
                              int dec_mean, int dec_band);
/* 1 when x shows as zero with 'dec' decimals ("0,0", never "-0,0"). */
int rs_shows_zero(double x, int dec);
/* A probability as a percentage that never rounds to a certainty it is
 * not: "100 %" and "0 %" only when every or no draw, "> 99 %" and
 * "< 1 %" near them, else whole percents (newly allocated). */
char *rs_report_prob(const rs_doc *d, double p);
/* Split a table of 'cols' columns whose first 'keep' columns are labels
 * into tables of at most 'keep' + 'per' columns (the label columns
 * repeated), so that each fits an A4 page; 'cells' as rs_doc_cells. */
void rs_doc_table_split(rs_doc *d, char **cells, size_t n, size_t cols, size_t keep, size_t per);

#endif
