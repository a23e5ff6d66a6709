/* sensitivity.c — see sensitivity.h. */
#include "sensitivity.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

/* ---- Morris ------------------------------------------------------------ */

size_t rs_morris_points(size_t k, size_t r) { return r * (k + 1); }

int rs_morris_sample(size_t k, size_t r, int levels, unsigned long seed, double *u)
{
    if (!k || !r || levels < 2 || levels % 2)
        return -1;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, seed);
    size_t *perm = rs_xcalloc(k, sizeof *perm);
    int half = levels / 2; /* Δ is 'half' grid steps */
    double step = 1.0 / (levels - 1), delta = half * step;
    for (size_t t = 0; t < r; t++) {
        double *row = u + t * (k + 1) * k;
        int *dir = rs_xcalloc(k, sizeof *dir);
        for (size_t i = 0; i < k; i++) {
            dir[i] = gsl_rng_uniform_int(g, 2) ? 1 : -1;
            /* a start from which the move stays on the grid */
            unsigned long j = gsl_rng_uniform_int(g, (unsigned long)half);
            row[i] = (dir[i] > 0 ? (double)j : (double)(j + (unsigned long)half)) * step;
            perm[i] = i;
        }
        for (size_t i = k; i > 1; i--) { /* Fisher-Yates */
            size_t j = gsl_rng_uniform_int(g, i);
            size_t tmp = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = tmp;
        }
        for (size_t s = 0; s < k; s++) {
            double *next = row + (s + 1) * k;
            memcpy(next, row + s * k, k * sizeof *next);
            size_t i = perm[s];
            next[i] += dir[i] * delta;
            /* the grid values exactly, whatever the rounding of the sum */
            next[i] = round(next[i] / step) * step;
        }
        free(dir);
    }
    free(perm);
    gsl_rng_free(g);
    return 0;
}

void rs_morris_analyze(size_t k, size_t r, int levels, const double *u, const double *y,
                       double *mu_star, double *mu, double *sigma, double *ee)
{
    (void)levels;
    double *e = rs_xcalloc(r * k, sizeof *e);
    for (size_t t = 0; t < r; t++) {
        const double *row = u + t * (k + 1) * k;
        const double *yt = y + t * (k + 1);
        for (size_t s = 0; s < k; s++) {
            const double *a = row + s * k, *b = a + k;
            size_t moved = 0;
            double best = 0;
            for (size_t i = 0; i < k; i++)
                if (fabs(b[i] - a[i]) > best) {
                    best = fabs(b[i] - a[i]);
                    moved = i;
                }
            if (best > 0)
                e[t * k + moved] = (yt[s + 1] - yt[s]) / (b[moved] - a[moved]);
        }
    }
    for (size_t i = 0; i < k; i++) {
        double sa = 0, sm = 0;
        for (size_t t = 0; t < r; t++) {
            sa += fabs(e[t * k + i]);
            sm += e[t * k + i];
        }
        double m = sm / (double)r, ss = 0;
        for (size_t t = 0; t < r; t++)
            ss += (e[t * k + i] - m) * (e[t * k + i] - m);
        if (mu_star)
            mu_star[i] = sa / (double)r;
        if (mu)
            mu[i] = m;
        if (sigma)
            sigma[i] = r > 1 ? sqrt(ss / (double)(r - 1)) : 0;
    }
    if (ee)
        memcpy(ee, e, r * k * sizeof *e);
    free(e);
}

/* ---- Sobol -------------------------------------------------------------- */

size_t rs_sobol_points(size_t k, size_t n) { return n * (k + 2); }

int rs_sobol_sample(size_t k, size_t n, double *u)
{
    if (!k || !n || k > RS_SOBOL_MAX_FACTORS)
        return -1;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    if (!q)
        return -1;
    double x[2 * RS_SOBOL_MAX_FACTORS];
    for (size_t j = 0; j < n; j++) {
        gsl_qrng_get(q, x);
        double *blk = u + j * (k + 2) * k;
        memcpy(blk, x, k * sizeof *x);                   /* A */
        for (size_t i = 0; i < k; i++) {                 /* AB_i */
            memcpy(blk + (1 + i) * k, x, k * sizeof *x);
            blk[(1 + i) * k + i] = x[k + i];
        }
        memcpy(blk + (k + 1) * k, x + k, k * sizeof *x); /* B */
    }
    gsl_qrng_free(q);
    return 0;
}

/* The estimates for the rows idx[0..n-1] (a bootstrap resample, or every
 * row).  Returns V. */
static double sobol_est(size_t k, const double *y, const size_t *idx, size_t n, double *s1,
                        double *st)
{
    double mean = 0;
    for (size_t j = 0; j < n; j++) {
        const double *b = y + idx[j] * (k + 2);
        mean += b[0] + b[k + 1];
    }
    mean /= (double)(2 * n);
    double var = 0;
    for (size_t j = 0; j < n; j++) {
        const double *b = y + idx[j] * (k + 2);
        var += (b[0] - mean) * (b[0] - mean) + (b[k + 1] - mean) * (b[k + 1] - mean);
    }
    var /= (double)(2 * n);
    for (size_t i = 0; i < k; i++) {
        double a1 = 0, at = 0;
        for (size_t j = 0; j < n; j++) {
            const double *b = y + idx[j] * (k + 2);
            double fa = b[0], fab = b[1 + i], fb = b[k + 1];
            a1 += fb * (fab - fa);
            at += (fa - fab) * (fa - fab);
        }
        s1[i] = var > 0 ? a1 / (double)n / var : 0;
        st[i] = var > 0 ? at / (double)n / (2 * var) : 0;
    }
    return var;
}

int rs_sobol_analyze(size_t k, size_t n, const double *y, size_t resamples, unsigned long seed,
                     double z, rs_sobol_result *out)
{
    memset(out, 0, sizeof *out);
    out->s1 = rs_xcalloc(k, sizeof *out->s1);
    out->s1_conf = rs_xcalloc(k, sizeof *out->s1_conf);
    out->st = rs_xcalloc(k, sizeof *out->st);
    out->st_conf = rs_xcalloc(k, sizeof *out->st_conf);
    /* centred on the mean of all outputs, as SALib does: the first-order
     * estimator mean(f_B·(f_ABi − f_A)) is not shift-invariant, and an
     * output far from 0 with a small spread (a difference of two
     * effectivenesses, 0.04 ± 0.005) would make it needlessly noisy */
    size_t np = n * (k + 2);
    double mean = 0;
    for (size_t p = 0; p < np; p++)
        mean += y[p];
    mean /= (double)np;
    double *yc = rs_xcalloc(np, sizeof *yc);
    for (size_t p = 0; p < np; p++)
        yc[p] = y[p] - mean;
    y = yc;
    size_t *idx = rs_xcalloc(n, sizeof *idx);
    for (size_t j = 0; j < n; j++)
        idx[j] = j;
    out->variance = sobol_est(k, y, idx, n, out->s1, out->st);
    if (!(out->variance > 0)) {
        free(idx);
        free(yc);
        return -1;
    }
    if (resamples < 2)
        resamples = 2;
    double *b1 = rs_xcalloc(resamples * k, sizeof *b1);
    double *bt = rs_xcalloc(resamples * k, sizeof *bt);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, seed);
    for (size_t b = 0; b < resamples; b++) {
        for (size_t j = 0; j < n; j++)
            idx[j] = gsl_rng_uniform_int(g, (unsigned long)n);
        sobol_est(k, y, idx, n, b1 + b * k, bt + b * k);
    }
    for (size_t i = 0; i < k; i++) {
        double m1 = 0, mt = 0, v1 = 0, vt = 0;
        for (size_t b = 0; b < resamples; b++) {
            m1 += b1[b * k + i];
            mt += bt[b * k + i];
        }
        m1 /= (double)resamples;
        mt /= (double)resamples;
        for (size_t b = 0; b < resamples; b++) {
            v1 += (b1[b * k + i] - m1) * (b1[b * k + i] - m1);
            vt += (bt[b * k + i] - mt) * (bt[b * k + i] - mt);
        }
        out->s1_conf[i] = z * sqrt(v1 / (double)(resamples - 1));
        out->st_conf[i] = z * sqrt(vt / (double)(resamples - 1));
    }
    gsl_rng_free(g);
    free(b1);
    free(bt);
    free(idx);
    free(yc);
    return 0;
}

void rs_sobol_result_free(rs_sobol_result *r)
{
    if (!r)
        return;
    free(r->s1);
    free(r->s1_conf);
    free(r->st);
    free(r->st_conf);
    memset(r, 0, sizeof *r);
}

/* ---- switching values ------------------------------------------------- */

int rs_sens_root(double (*f)(double x, void *arg), void *arg, double lo, double hi, double flo,
                 double fhi, double xtol_abs, double xtol_rel, int max_iter, double *x)
{
    if (isnan(flo) || isnan(fhi))
        return 2;
    if (flo == 0) {
        *x = lo;
        return 0;
    }
    if (fhi == 0) {
        *x = hi;
        return 0;
    }
    if ((flo > 0) == (fhi > 0))
        return 1;
    gsl_function F = {f, arg};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    int status = gsl_root_fsolver_set(s, &F, lo, hi), rc = 3;
    for (int it = 0; status == GSL_SUCCESS && it < max_iter; it++) {
        status = gsl_root_fsolver_iterate(s);
        double r = gsl_root_fsolver_root(s);
        if (status != GSL_SUCCESS || isnan(r))
            break;
        *x = r;
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                        gsl_root_fsolver_x_upper(s), xtol_abs, xtol_rel);
        if (status == GSL_SUCCESS) {
            rc = 0;
            break;
        }
        if (status == GSL_CONTINUE)
            status = GSL_SUCCESS;
    }
    /* the solver reports a NaN from f as GSL_EBADFUNC */
    if (rc && status == GSL_EBADFUNC)
        rc = 2;
    gsl_root_fsolver_free(s);
    return rc;
}
