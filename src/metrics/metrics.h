/* metrics.h — MODEL.md §5: the metrics of a run, over all deals or over a
 * subset (one tranche, one region). */
#ifndef RS_METRICS_H
#define RS_METRICS_H

#include "../engine/engine.h"

typedef enum {
    RS_M_RIJK_AWARDED,
    RS_M_RIJK_PAID,
    RS_M_RIJK_RECLAIMED,
    RS_M_RIJK_NET,
    RS_M_COFINANCING,
    RS_M_VOLUME,
    RS_M_LEVERAGE,
    RS_M_SPENT,
    RS_M_COFINANCING_SPENT,
    RS_M_GOAL_SPENDING,
    RS_M_RETAINED,
    RS_M_ADMIN_REGION,
    RS_M_ADMIN_RIJK,
    RS_M_ADMIN_TOTAL,
    RS_M_ADMIN_PCT,
    RS_M_EFFECTIVENESS,
    RS_M_DELAY_YEARS,
    RS_M_NPV_RIJK,
    RS_M_DEALS_AWARDED,
    RS_M_DEALS_SCALED,
    RS_M_DEALS_DROPPED,
    RS_M_BUDGET_OVERRUN,
    RS_M_GINI_PER_CAPITA,
    RS_M_PRESSURE_CORRELATION,
    RS_M_GOAL_PER_RIJK_NET, /* added by regiosim (docs/format.md) */
    RS_M_COFIN_PUBLIC,      /* co-financing by source, docs/model.md §4.3 */
    RS_M_COFIN_PRIVATE,
    RS_M_COFIN_IN_KIND,
    RS_M_IN_KIND_SPENT,
    RS_M_N
} rs_metric;

typedef struct rs_metric_info {
    const char *name;
    const char *unit;     /* "M€", "years", "deals", "ratio", "share" */
    const char *doc;      /* one line, for 'list metrics' and the README */
    int across_regions;   /* 1: a scenario-wide measure, not per region */
} rs_metric_info;

extern const rs_metric_info rs_metric_infos[RS_M_N];

/* Which deals count. */
typedef enum { RS_SUB_ALL, RS_SUB_TRANCHE, RS_SUB_REGION } rs_subset;

/* Fills out[RS_M_N] for the deals of the subset (index: tranche or
 * region; ignored for RS_SUB_ALL).  'work' holds 2 × n_regions doubles. */
void rs_metrics_compute(const rs_run *r, rs_subset sub, size_t index, double *work,
                        double *out);

/* What rs_metrics_compute gives for every tranche (tranche_out,
 * n_tranches × RS_M_N) and every region (region_out, n_regions × RS_M_N),
 * either may be NULL, in one pass over the deals and their years: time
 * O(deal-years + regions + deals·log deals) instead of O((tranches +
 * regions) × deals).  The sums are the same, in the same order, bit for
 * bit; a tranche's pressure_correlation is Pearson's in a two-pass form
 * (equal to rs_correlation's to rounding). */
void rs_metrics_groups(const rs_run *r, double *tranche_out, double *region_out);

/* The yearly series of MODEL.md §5 (the RS_Y_N_OUT of yearly.csv) per
 * tranche: out[(t·RS_Y_N_OUT + s)·ny + y] for tranche t, series s and year
 * index y (plan->ny years).  Summed over tranches they are run->y[s]. */
void rs_metrics_tranche_yearly(const rs_run *r, double *out);

/* The metrics that depend only on the awards, fixed for every run of plan
 * 'p' (gini_per_capita and pressure_correlation; the other entries 0), for
 * rs_metrics_compute_draw.  'work' holds 2 × n_regions doubles. */
void rs_metrics_fixed(const rs_plan *p, double *work, double *fixed);
/* rs_metrics_compute over all deals, with the metrics of rs_metrics_fixed
 * copied from 'fixed' rather than computed again (they are the same bits):
 * for the draws of a Monte Carlo, whose awards do not change. */
void rs_metrics_compute_draw(const rs_run *r, const double *fixed, double *out);

/* Gini coefficient of x[0..n-1] as in §5 (0 when the mean is 0); sorts x. */
double rs_gini(double *x, size_t n);
/* Pearson correlation, 0 when either side has no variance. */
double rs_correlation(const double *x, const double *y, size_t n);

#endif
