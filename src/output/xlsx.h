/* xlsx.h — results.xlsx, the workbook ministries exchange (libxlsxwriter).
 *
 * A run's workbook has the sheets Samenvatting (every metric, in total and
 * per tranche), Per jaar (yearly.csv), Per jaar en tranche, Deals
 * (deals.csv), Regio's (regions.csv), Onzekerheid (the Monte Carlo
 * statistics, when there are draws) and Aannames en bronnen (every
 * parameter used, with its value, unit, source and whether it is an
 * estimate).  A comparison's workbook has Vergelijking, Regio's and
 * Aannames en bronnen per scenario.  Numbers are numeric cells (the full
 * double; the format only rounds what is shown), units are in the
 * headers, header rows are frozen, columns sized, names in the language
 * of the report (labels.h). */
#ifndef RS_XLSX_H
#define RS_XLSX_H

#include "write.h"

/* Writes the workbook of one run to 'path'.  RS_EXIT_OK, or RS_EXIT_IO
 * with a message naming 'shown' in 'diag'. */
int rs_write_xlsx(const char *path, const char *shown, const rs_result *res, int nl,
                  rs_diag *diag);

/* The Monte Carlo of one scenario in a comparison over the same draws:
 * its statistics per metric (RS_M_N each), those of its difference with
 * the baseline per draw, and the shares of draws in which that difference
 * is positive or negative (zero for the baseline itself). */
typedef struct rs_xlsx_mc {
    long draws;
    const rs_stats *metric, *diff;
    const double *p_greater, *p_less;
} rs_xlsx_mc;

/* Writes the workbook of a comparison of n results (the first is the
 * baseline); names[i] is how the report names scenario i.  mc is NULL
 * (no draws) or n entries: then Vergelijking gains, after the
 * deterministic columns, per scenario its mean, P5 and P95 over the
 * draws, and per other scenario the paired difference (mean, P5, P95)
 * and P(> 0), P(< 0). */
int rs_write_xlsx_compare(const char *path, const char *shown, const rs_result *const *res,
                          const char *const *names, size_t n, const rs_xlsx_mc *mc, int nl,
                          rs_diag *diag);

#endif
