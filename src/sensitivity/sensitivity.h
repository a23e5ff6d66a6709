/* sensitivity.h — global and local sensitivity methods on the unit cube:
 * one at a time with switching values, Morris elementary effects, Sobol
 * indices.  Plain numerics: a method makes the points, the caller
 * evaluates them (the model, a scenario, a test function), and the method
 * turns the values into measures.  Nothing here knows about scenarios;
 * factor k of a point is its position u_k in [0, 1] between the factor's
 * low and high end.
 *
 * The estimators follow the SALib conventions so that a modeller can
 * check a figure against it:
 *  - Morris (1991) trajectories on a grid of 'levels' levels with step
 *    Δ = levels / (2·(levels − 1)); an elementary effect is the change of
 *    the output divided by Δ (so it is in the output's units per the whole
 *    range of the factor); μ* = mean |EE|, μ = mean EE, σ = sd of EE
 *    (n − 1 denominator, 0 for one trajectory).
 *  - Sobol: Saltelli sampling from a 2k-dimensional Sobol sequence
 *    (gsl_qrng_sobol, which starts at (0.5, …, 0.5): it leaves out the
 *    all-zero point, as SALib does), N base rows in blocks of k + 2: A, AB_1 … AB_k, B, where AB_i
 *    is A with column i taken from B.  First order (Saltelli et al. 2010):
 *    S1_i = mean(f_B·(f_ABi − f_A)) / V; total (Jansen 1999):
 *    ST_i = mean((f_A − f_ABi)²) / (2V); V the population variance of
 *    f_A and f_B together; the outputs are first centred on their mean
 *    (as SALib does: the first-order estimator is not shift-invariant).
 *    Confidence: z·sd of the estimate over
 *    bootstrap resamples of the N rows (95%: z = 1.959964).
 *  The indices assume independent factors. */
#ifndef RS_SENSITIVITY_H
#define RS_SENSITIVITY_H

#include <stddef.h>

/* The most factors of a Sobol study: gsl_qrng_sobol has 40 dimensions,
 * and Saltelli sampling takes two per factor. */
#define RS_SOBOL_MAX_FACTORS 20

/* ---- Morris ------------------------------------------------------------ */

/* Points of a Morris design: r trajectories of k + 1 points. */
size_t rs_morris_points(size_t k, size_t r);

/* Fills u[rs_morris_points(k, r) × k] (row-major) with r trajectories on a
 * grid of 'levels' levels (even, ≥ 2; 4 is usual), from a generator seeded
 * with 'seed'.  In each trajectory the factors move one at a time, in a
 * random order, by +Δ or −Δ.  Returns 0, or −1 for k = 0, r = 0 or bad
 * levels. */
int rs_morris_sample(size_t k, size_t r, int levels, unsigned long seed, double *u);

/* Elementary effects of the design 'u' with outputs y[points]: mu_star,
 * mu and sigma (k each; any may be NULL).  ee (NULL, or r × k) receives
 * every effect, trajectory-major. */
void rs_morris_analyze(size_t k, size_t r, int levels, const double *u, const double *y,
                       double *mu_star, double *mu, double *sigma, double *ee);

/* ---- Sobol -------------------------------------------------------------- */

/* Points of a Saltelli design with N base rows: N·(k + 2). */
size_t rs_sobol_points(size_t k, size_t n);

/* Fills u[rs_sobol_points(k, n) × k].  Returns 0, or −1 for k = 0, n = 0
 * or k > RS_SOBOL_MAX_FACTORS. */
int rs_sobol_sample(size_t k, size_t n, double *u);

typedef struct rs_sobol_result {
    double *s1, *s1_conf, *st, *st_conf; /* k each, allocated */
    double variance;                     /* V of the output */
} rs_sobol_result;

/* Indices from the outputs y[rs_sobol_points(k, n)] of the design above,
 * with 'resamples' bootstrap resamples (≥ 2; seeded with 'seed') for the
 * confidence half-widths at z (1.959964 for 95%).  Returns 0, or −1 when
 * the output has no variance (every index is then 0 and the result still
 * needs rs_sobol_result_free). */
int rs_sobol_analyze(size_t k, size_t n, const double *y, size_t resamples, unsigned long seed,
                     double z, rs_sobol_result *out);
void rs_sobol_result_free(rs_sobol_result *r);

/* ---- switching values ------------------------------------------------- */

/* The x in [lo, hi] where f(x) = 0, with GSL's Brent solver (the one
 * 'regiosim solve' uses): flo = f(lo) and fhi = f(hi) must have opposite
 * signs (or one be 0).  Converges when the bracket is within
 * xtol_abs + xtol_rel·|x|; at most 'max_iter' iterations.  f returns NaN
 * to abort.  Returns 0 with *x, 1 when f has the same sign at both ends,
 * 2 when f returned NaN, 3 when the solver did not converge. */
int rs_sens_root(double (*f)(double x, void *arg), void *arg, double lo, double hi, double flo,
                 double fhi, double xtol_abs, double xtol_rel, int max_iter, double *x);

#endif
