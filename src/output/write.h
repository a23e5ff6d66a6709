/* write.h — the result files of one run (README "Outputs"): summary.json,
 * yearly.csv, deals.csv, regions.csv; and the summary table on stdout. */
#ifndef RS_WRITE_H
#define RS_WRITE_H

#include <stdio.h>

#include "../mc/mc.h"
#include "../metrics/metrics.h"

/* A CSV dialect: 'en' comma and decimal point, 'nl' semicolon and decimal
 * comma, after a UTF-8 byte-order mark (what Dutch Excel opens directly,
 * "M€" included).  Numbers are rounded to RS_CSV_DECIMALS decimals (6: a
 * whole euro in M€) with trailing zeros dropped; the dialect "nl:exact" or
 * "en:exact" keeps every digit that reads back as the same double.  Never
 * scientific notation. */
typedef struct rs_csv {
    FILE *f;
    char sep, dec;
    int first;
    int decimals; /* RS_CSV_DECIMALS, or -1: round-trip */
} rs_csv;

#define RS_CSV_DECIMALS 6

/* Writes the byte-order mark of the nl dialect. */
void rs_csv_init(rs_csv *c, FILE *f, const char *dialect);
void rs_csv_str(rs_csv *c, const char *s);
void rs_csv_num(rs_csv *c, double x);
void rs_csv_int(rs_csv *c, long x);
void rs_csv_end(rs_csv *c);

/* Everything one run produced, as the writers need it. */
typedef struct rs_result {
    const rs_scenario *sc;
    const rs_plan *plan;
    const rs_run *run;
    double metrics[RS_M_N];
    double *tranche_metrics; /* n_tranches × RS_M_N */
    double *region_metrics;  /* n_regions × RS_M_N */
    const rs_diag *warnings;
    const rs_mc_result *mc;  /* Monte Carlo ranges, or NULL */
} rs_result;

/* Computes the metrics of 'run' into a new result (free with
 * rs_result_clear). */
void rs_result_make(rs_result *res, const rs_run *run, const rs_diag *warnings);
void rs_result_clear(rs_result *res);

void rs_write_summary_json(FILE *f, const rs_result *res);
void rs_write_yearly_csv(FILE *f, const rs_result *res, const char *dialect);
void rs_write_deals_csv(FILE *f, const rs_result *res, const char *dialect);
void rs_write_regions_csv(FILE *f, const rs_result *res, const char *dialect);
/* yearly_tranches.csv: per tranche and year (and a row 'after', as in
 * yearly.csv) the yearly series; summed over tranches they are yearly.csv. */
void rs_write_tranches_yearly_csv(FILE *f, const rs_result *res, const char *dialect);
/* The same for n runs, each row starting with its run's label (compare). */
void rs_write_tranches_yearly_many(FILE *f, const rs_result *const *res,
                                   const char *const *labels, size_t n, const char *dialect);
/* yearly_bands.csv: per year and series the Monte Carlo mean, sd, p5, p50
 * and p95 (res->mc must be set). */
void rs_write_bands_csv(FILE *f, const rs_result *res, const char *dialect);
/* The metrics whose deterministic value lies outside the draws' P5–P95
 * (beyond rounding), into out[] (room for RS_M_N); their number (0
 * without draws). */
int rs_result_outside(const rs_result *res, int *out);
/* A sentence for the analyst when rs_result_outside finds any: which
 * metrics, and why (the extension cliff: deals extended in the
 * deterministic run against the draws); NULL otherwise.  Newly
 * allocated, in Dutch when 'nl'. */
char *rs_result_note(const rs_result *res, int nl);
/* The short table printed by 'run', in Dutch (nl) or English: the labels
 * and the number style of labels.h. */
void rs_write_table(FILE *f, const rs_result *res, int nl);

/* Per tranche and year: what was paid, reclaimed, the net and what was
 * spent, from the deal-years of the tranche's deals (the per-tranche split
 * of yearly.csv).  Rows are the horizon's years and a last row for all
 * years after it; returns n_tranches × rows × RS_TY_N values (free()),
 * row r of tranche t at [(t * rows + r) * RS_TY_N]. */
enum { RS_TY_PAID, RS_TY_RECLAIMED, RS_TY_NET, RS_TY_SPENT, RS_TY_N };
double *rs_tranche_years(const rs_result *res, int *rows);

/* Writes 'x' as a JSON string literal. */
void rs_json_string(FILE *f, const char *s);

/* Adds the warnings every run should show (dropped deals, overruns,
 * flows after the horizon) to 'diag'. */
void rs_collect_warnings(const rs_run *run, rs_diag *diag, int nl);

/* Writes x as a JSON number: the shortest text that reads back as x, or
 * null for what JSON cannot hold (infinity, NaN). */
void rs_json_num(FILE *f, double x);

#endif
