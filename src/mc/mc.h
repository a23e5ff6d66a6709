/* mc.h — docs/model.md §9: Monte Carlo over one plan.
 *
 * rs_mc_run() simulates 'draws' realisations of a plan (rs_plan, made
 * once) and reports mean, sd, P5, P50 and P95 of every metric (docs/model.md §8), of
 * every yearly series and of the cumulative spending through each year.
 *
 * Reproducibility and common random numbers: the random inputs of draw i
 * are named, not sequenced (draw.c): a deal-year's ρ depends only on
 * (seed, i, deal id, calendar year), the shock year and the burden factor
 * only on (seed, i).  Every reduction over draws is done in a
 * fixed order or with integers, so the result is byte-identical for any
 * number of threads.
 *
 * Quantiles come from two histograms per value with integer counts (see
 * qhist.c): log-linear buckets, 256 per octave, which bound the error by
 * 2^-8·|exact| + 2^-31 (0.39% relative, absolute floor 4.7e-10) for every
 * quantile whose two neighbouring order statistics have the same sign; and
 * 4096 linear bins over twice the range of the first 1024 draws, which
 * bound it by 1/2048 of that range where the draws are.  Mean, sd and the
 * extremes are exact sums and comparisons. */
#ifndef RS_MC_H
#define RS_MC_H

#include "../engine/engine.h"
#include "../metrics/metrics.h"

/* Summary of one quantity over the draws.  sd has the n − 1 denominator
 * (0 for one draw); pX is the sorted-sample quantile with linear
 * interpolation at position (n − 1)·X/100, as in
 * gsl_stats_quantile_from_sorted_data, to the accuracy stated above. */
typedef struct rs_stats {
    double mean, sd, p5, p50, p95;
} rs_stats;

struct rs_mc_store; /* private: what rs_mc_histogram() reads */

typedef struct rs_mc_result {
    long draws;
    unsigned long seed;
    int y0, ny;                   /* calendar year of index 0; years (plan->ny) */
    long shocked;                 /* draws that had a shock year */
    rs_stats metric[RS_M_N];
    double min[RS_M_N], max[RS_M_N]; /* exact extremes of each metric */
    rs_stats *yearly[RS_Y_N_OUT]; /* ny each, per calendar year y0 + k */
    rs_stats *cum_spent;          /* ny: spending through year y0 + k (fan chart) */
    /* per deal: the share of draws in which it was extended, and its mean
     * reclaim (M€; summed in integer units of 1e-9 M€, so exact to
     * 5e-10 M€ and the same for any number of threads) */
    double *p_extended, *mean_reclaimed;
    /* Test hook: with rs_mc_opts.keep_samples, every draw's values, draw i
     * at samples + i·rs_mc_nvar(ny), laid out as rs_mc_nvar() says; else NULL. */
    double *samples;
    struct rs_mc_store *store;
} rs_mc_result;

typedef void (*rs_mc_progress)(long done, long total, void *arg);

typedef struct rs_mc_opts {
    int threads;            /* ≤ 0: omp_get_max_threads() (all cores unless OMP_NUM_THREADS) */
    rs_mc_progress progress; /* NULL or called from the calling thread only, ≤ 20 times a
                              * second, and once at the end with done = total */
    void *arg;              /* passed to progress and after_draw */
    int keep_samples;       /* test hook: fill rs_mc_result.samples */
    /* Test hook: called in the draw's thread after rs_run_simulate() and
     * before the invariant check (NULL normally). */
    void (*after_draw)(rs_run *run, long draw, void *arg);
} rs_mc_opts;

/* Runs u->draws draws of plan 'p' (u is usually &p->sc->unc).  Returns an
 * rs_exit code: RS_EXIT_OK with 'out' filled (free it with
 * rs_mc_result_free), RS_EXIT_INVALID for unusable parameters, or
 * RS_EXIT_INTERNAL when an invariant of docs/model.md §7 fails in a draw (the
 * message names the lowest such draw and the deal).  On failure 'out' holds
 * nothing to free. */
int rs_mc_run(const rs_plan *p, const rs_uncertainty *u, int threads, rs_mc_progress progress,
              void *arg, rs_mc_result *out, rs_diag *diag);
/* The same with every option. */
int rs_mc_run_opts(const rs_plan *p, const rs_uncertainty *u, const rs_mc_opts *o,
                   rs_mc_result *out, rs_diag *diag);
/* The threads to use for 'tasks' units of work when 'asked' were asked
 * for (≤ 0: omp_get_max_threads()): at least 1, at most 'tasks'. */
int rs_mc_threads(int asked, long tasks);
/* Frees what rs_mc_run put in 'r' and zeroes it; accepts a zeroed r. */
void rs_mc_result_free(rs_mc_result *r);

/* A chart histogram of metric 'm': 'nbins' equal bins from the smallest to
 * the largest draw (a unit-wide range around the value when all draws are
 * equal): edges[0..nbins], counts[0..nbins-1], which sum to r->draws.  The
 * counts come from the quantile histograms, each of their bins put in the
 * chart bin of its midpoint: a draw within one linear bin (1/2048 of the
 * pilot's range) of an edge, or for the rare draws outside that range
 * within 0.39% of it, may be counted in the bin next to it.  Returns 0, or
 * -1 when nbins < 1. */
int rs_mc_histogram(const rs_mc_result *r, rs_metric m, int nbins, double *edges, long *counts);

/* Values kept per draw for 'ny' years: the RS_M_N metrics (metric m at
 * index m), then RS_Y_N_OUT yearly series of ny years, then ny cumulative
 * spending totals. */
int rs_mc_nvar(int ny);
/* Index of yearly series 's' (RS_Y_N_OUT: cumulative spending) in year
 * index k in that layout. */
int rs_mc_var_year(int ny, int s, int k);

#endif
