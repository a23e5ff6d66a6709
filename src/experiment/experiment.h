/* experiment.h — many evaluations of scenario variants: the layer between
 * the Monte Carlo (mc: one plan, many draws) and the command line.
 *
 * compare, sweep, solve and sensitivity all evaluate a set of variants of
 * a few scenario files, each deterministically or over the same draws.
 * This module does that once:
 *
 *   rs_study    — scenario files, each read, merged (extends, set, file
 *                 references, the study's own overrides such as --set)
 *                 and validated ONCE, then kept as a merged tree.
 *   rs_variant  — (scenario index, overrides): the overrides are applied
 *                 to a copy of that scenario's tree, which is then built
 *                 and validated as a fresh load would be (the same
 *                 messages, naming the file and JSON path, or the
 *                 --set PATH=VALUE that caused them).  A variant with no
 *                 overrides reuses the scenario built by rs_study_add.
 *   rs_eval     — evaluates n variants in one of three modes:
 *      RS_EVAL_DET    the deterministic metrics only;
 *      RS_EVAL_MEANS  also the Monte Carlo mean and its standard error
 *                     (sd/sqrt(draws)) of every metric; no quantiles, no
 *                     histograms, nothing kept per draw: for sweep, solve
 *                     and sensitivity points;
 *      RS_EVAL_FULL   also mean, sd, P5, P50, P95 of every metric and of
 *                     the yearly Rijk net flow, and the same of the
 *                     per-draw difference (variant − base variant) with
 *                     the share of draws in which that difference is > 0
 *                     and < 0 (compare).  Quantiles are exact: the sorted
 *                     draws, interpolated as gsl_stats_quantile_from_
 *                     sorted_data (FULL keeps RS_M_N + years doubles per
 *                     draw and variant).
 *
 * Common random numbers: every variant's draw i uses the streams of mc
 * (mc/internal.h, rs_mc_draw), whose numbers for a deal-year depend only
 * on (seed, i, deal id, calendar year) and whose draw-level inputs (shock
 * year, burden factor) only on (seed, i).  So the same deal meets the same
 * luck in every variant, and a difference per draw measures the variant,
 * not the noise.  All variants use the one rs_uncertainty given in the
 * options (a comparison needs the same draws, seed and distributions).
 *
 * Reproducibility: work is cut into tasks (variant, chunk of draws) whose
 * bounds depend only on the number of draws; threads take tasks in any
 * order, and every sum is combined in task order, so the results are
 * byte-identical for any number of threads.
 *
 * Errors: a variant that does not build (an override with a bad value) or
 * whose run breaks an invariant gets its own code and messages in its
 * result; the other variants are still evaluated.  rs_eval returns the
 * code of the first failing variant (its messages are in its result). */
#ifndef RS_EXPERIMENT_H
#define RS_EXPERIMENT_H

#include "../mc/mc.h"
#include "../metrics/metrics.h"

typedef struct rs_study rs_study;

rs_study *rs_study_new(void);
/* Frees the study and every scenario in it; accepts NULL. */
void rs_study_free(rs_study *st);
/* Reads, merges and validates 'file' with 'ov' (the command line's --set,
 * applied as rs_scenario_load applies them) and adds it to the study.
 * Returns its index (0, 1, …) or -1 with the messages in 'diag' (code
 * RS_EXIT_INVALID or RS_EXIT_IO).  'ov' is copied. */
long rs_study_add(rs_study *st, const char *file, const rs_override *ov, size_t n_ov,
                  rs_diag *diag);
size_t rs_study_count(const rs_study *st);
/* Scenario k as loaded (no variant overrides); owned by the study. */
const rs_scenario *rs_study_scenario(const rs_study *st, size_t k);

/* One variant: scenario 'scenario' of the study with 'ov' applied after
 * the study's own overrides (so they win).  'ov' must stay valid during
 * rs_eval. */
typedef struct rs_variant {
    size_t scenario;
    const rs_override *ov;
    size_t n_ov;
} rs_variant;

typedef enum { RS_EVAL_DET, RS_EVAL_MEANS, RS_EVAL_FULL } rs_eval_mode;

typedef struct rs_eval_opts {
    rs_eval_mode mode;
    /* MEANS and FULL: the draws, seed and distributions of every variant.
     * MEANS also takes unc == NULL and unc_of != NULL: then each variant's
     * Monte Carlo settings come from unc_of(its scenario, &u, unc_arg),
     * which returns 0 for a deterministic variant (a sweep over a key of
     * the 'uncertainty' block needs that).  Neither: RS_EVAL_DET. */
    const rs_uncertainty *unc;
    int (*unc_of)(const rs_scenario *sc, rs_uncertainty *u, void *arg);
    void *unc_arg;
    int threads;        /* ≤ 0: omp_get_max_threads() */
    size_t base;        /* FULL: the variant the differences are taken against */
    int keep_runs;      /* 1: keep each variant's scenario, plan and deterministic run */
    /* NULL, or called from the calling thread only with tasks done so far */
    rs_mc_progress progress;
    void *arg;
    /* MEANS: 1 to keep every draw's value of metric 'draws_metric' in
     * rs_vresult.draws_of (paired standard errors of differences between
     * variants: sensitivity) */
    int keep_draws;
    rs_metric draws_metric;
} rs_eval_opts;

/* What rs_eval gives for one variant.  Arrays are owned by the result. */
/* The most memory a FULL evaluation may keep for its draws (draws ×
 * (RS_M_N + years) doubles per variant); more is refused (RS_EXIT_USAGE)
 * before anything runs. */
#define RS_EVAL_FULL_MAX_BYTES 2e9

/* p_greater and p_less count a draw's difference as 0 when it is within
 * RS_EVAL_EQUAL_REL·max(1, |a|, |b|) of 0: two scenarios that differ
 * only in something a metric does not depend on may still give values
 * that differ in the last bits (the same sums in another order). */
#define RS_EVAL_EQUAL_REL 1e-12

typedef struct rs_vresult {
    int code;                 /* RS_EXIT_OK, or why this variant has no numbers */
    rs_diag diag;             /* its errors (code != 0) and warnings */
    double det[RS_M_N];       /* deterministic metrics */
    /* MEANS and FULL (draws 0: no Monte Carlo for this variant; then the
     * means are the deterministic values and the errors 0) */
    long draws;
    double mean[RS_M_N];      /* Monte Carlo mean */
    double se[RS_M_N];        /* its standard error, sd/sqrt(draws) (0 for one draw) */
    /* FULL */
    rs_stats metric[RS_M_N];  /* mean, sd, P5, P50, P95 over the draws */
    rs_stats diff[RS_M_N];    /* of (this − base) per draw; zero for the base itself */
    double p_greater[RS_M_N]; /* share of draws with this − base > 0 (RS_EVAL_EQUAL_REL) */
    double p_less[RS_M_N];    /* share of draws with this − base < 0 */
    long shocked;             /* draws with a shock year */
    /* FULL, per calendar year y0 + k of rs_eval_result (0 where the
     * variant's plan has no such year): the yearly Rijk net flow and its
     * difference to the base */
    rs_stats *net, *net_diff;
    /* FULL, per deal of the variant's scenario: the share of draws in
     * which the deal was extended, and its mean reclaim (M€) */
    double *p_extended, *mean_reclaimed;
    /* keep_runs (code 0): the variant's scenario (the study's own when it
     * has no overrides), its plan and its deterministic run */
    const rs_scenario *sc;
    rs_plan *plan;
    rs_run *run;
    rs_scenario *owned_sc; /* private: what rs_eval_result_free frees */
    /* MEANS with keep_draws (draws > 0): metric draws_metric of draw i */
    double *draws_of;
} rs_vresult;

typedef struct rs_eval_result {
    size_t n;
    rs_vresult *v;            /* n, in the order of the variants */
    int y0, ny;               /* FULL: the union of the variants' years */
    long draws;
    unsigned long seed;
} rs_eval_result;

/* Evaluates the n variants.  Returns the first failing variant's code
 * (RS_EXIT_OK when all succeeded; an unusable 'o->unc' fails every
 * variant with RS_EXIT_INVALID); 'out' is filled either way and must be
 * freed with rs_eval_result_free.  RS_EXIT_USAGE when o->base ≥ n or a
 * FULL evaluation would keep more than RS_EVAL_FULL_MAX_BYTES, with the
 * message in 'diag' (and, for the first, no variants in 'out'). */
int rs_eval(const rs_study *st, const rs_variant *vars, size_t n, const rs_eval_opts *o,
            rs_eval_result *out, rs_diag *diag);
void rs_eval_result_free(rs_eval_result *r);

/* Exact summary of n ≥ 1 values (sorted in place): mean (summed in the
 * given order as differences from x[0], so that n equal values give that
 * value), sd (n − 1, two passes), P5, P50, P95 as in mc.h. */
void rs_stats_of(double *x, size_t n, rs_stats *s);

#endif
