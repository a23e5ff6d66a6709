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

#endif
