/* sample.h — exact samplers over a counter stream (cstream.h): standard
 * normal, gamma and beta, inline, allocating nothing.
 *
 *   rs_normal     N(0, 1) by the ziggurat of Marsaglia and Tsang (2000)
 *                 with 256 layers (tables in sample.c), one 64-bit word
 *                 per number in 98.8% of cases: its low 8 bits pick the
 *                 layer, its top 52 bits the signed position.  The wedges
 *                 and the tail beyond R = 3.654 are sampled exactly
 *                 (rejection against exp(−x²/2); Marsaglia's tail method).
 *   rs_gamma      Gamma(a, 1) by Marsaglia and Tsang (2000): d = a − 1/3,
 *                 c = 1/√(9d) precomputed once per shape (rs_gamma_prep),
 *                 then x ~ N(0,1), v = (1 + cx)³, u ~ U(0,1), accept d·v
 *                 when u < 1 − 0.0331x⁴ (no logarithm, ~98% of cases) or
 *                 log u < x²/2 + d(1 − v + log v).  This is the method
 *                 and the order of numbers of GSL's gsl_ran_gamma; for
 *                 a < 1 it uses the same identity Gamma(a) = Gamma(1 + a)
 *                 · U^(1/a), kept in logarithms (rs_log_gamma) because
 *                 U^(1/a) underflows for small a.
 *   rs_beta       Beta(a, b) = X/(X + Y), X ~ Gamma(a) from one stream
 *                 and Y ~ Gamma(b) from another (so the uniforms behind X
 *                 do not depend on b, nor Y's on a); when a or b < 1 as
 *                 1/(1 + exp(log Y − log X)), which never divides 0 by 0.
 *
 * Everything is portable C: the same stream gives the same bytes on every
 * machine (IEEE double, a correctly rounding exp and log as glibc's).  The
 * unit tests check mean, variance and a Kolmogorov–Smirnov distance of
 * each sampler (tests/unit/test_sample.c; 10^7 samples per parameter pair
 * with SAMPLE_N=10000000). */
#ifndef RS_MC_SAMPLE_H
#define RS_MC_SAMPLE_H

#include <math.h>
#include <stdint.h>

#include "cstream.h"

#define RS_ZIG_N 256
#define RS_ZIG_R 3.6541528853610088 /* start of the tail */

/* Layer edges x[0 … 256] (x[0] = V/φ(R) is the base layer's width, x[1] =
 * R, x[256] = 0) and f[i] = exp(−x[i]²/2), written as exact hex floats so
 * that every build has the same bits (sample.c says how they were made). */
extern const double rs_zig_x[RS_ZIG_N + 1];
extern const double rs_zig_f[RS_ZIG_N + 1];

/* A N(0, 1) number from the tail |x| > R, sign from 'neg'. */
static inline double rs_normal_tail(rs_cstream *s, int neg)
{
    double x, y;
    do {
        x = log(rs_cstream_u01(s)) / RS_ZIG_R;
        y = log(rs_cstream_u01(s));
    } while (-2 * y < x * x);
    return neg ? x - RS_ZIG_R : RS_ZIG_R - x;
}

/* A N(0, 1) number. */
static inline double rs_normal(rs_cstream *s)
{
    for (;;) {
        uint64_t w = rs_cstream_u64(s);
        int i = (int)(w & 0xff);
        /* top 52 bits: a signed position in [−1, 1) */
        double f = (double)(int64_t)(w >> 12) * 0x1.0p-51 - 1.0;
        double x = f * rs_zig_x[i];
        if (fabs(x) < rs_zig_x[i + 1])
            return x;
        if (i == 0)
            return rs_normal_tail(s, f < 0);
        double y = rs_zig_f[i + 1] + (rs_zig_f[i] - rs_zig_f[i + 1]) * rs_cstream_u01(s);
        if (y < exp(-0.5 * x * x))
            return x;
    }
}

/* A gamma shape with what its sampler needs, made once per shape. */
typedef struct rs_gamma_shape {
    double a;     /* the shape, > 0 */
    double d, c;  /* Marsaglia–Tsang constants for max(a, 1 + a) */
    double inv_a; /* 1/a, for a < 1 */
    int small;    /* a < 1 */
} rs_gamma_shape;

/* Fills 'g' for shape a > 0. */
void rs_gamma_prep(rs_gamma_shape *g, double a);

/* Gamma(d + 1/3, 1) by Marsaglia–Tsang with constants d and c. */
static inline double rs_gamma_mt(rs_cstream *s, double d, double c)
{
    for (;;) {
        double x, v;
        do {
            x = rs_normal(s);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = rs_cstream_u01(s), x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2)
            return d * v;
        if (log(u) < 0.5 * x2 + d * (1 - v + log(v)))
            return d * v;
    }
}

/* Gamma(a, 1), a = g->a ≥ 1 (for a < 1 use rs_log_gamma). */
static inline double rs_gamma(rs_cstream *s, const rs_gamma_shape *g)
{
    return rs_gamma_mt(s, g->d, g->c);
}

/* log of a Gamma(a, 1) number, any a > 0. */
static inline double rs_log_gamma(rs_cstream *s, const rs_gamma_shape *g)
{
    double x = rs_gamma_mt(s, g->d, g->c);
    if (!g->small)
        return log(x);
    return log(x) + log(rs_cstream_u01(s)) * g->inv_a;
}

/* The two shapes of a Beta(a, b). */
typedef struct rs_beta_shape {
    rs_gamma_shape x, y;
} rs_beta_shape;

void rs_beta_prep(rs_beta_shape *b, double a, double bb);

/* Beta(a, b): X ~ Gamma(a) from sx, Y ~ Gamma(b) from sy. */
static inline double rs_beta(rs_cstream *sx, rs_cstream *sy, const rs_beta_shape *b)
{
    if (!b->x.small && !b->y.small) {
        double x = rs_gamma(sx, &b->x), y = rs_gamma(sy, &b->y);
        return x / (x + y);
    }
    double lx = rs_log_gamma(sx, &b->x), ly = rs_log_gamma(sy, &b->y);
    return 1.0 / (1.0 + exp(ly - lx));
}

#endif
