/* internal.h — the parts of the Monte Carlo module (mc.h) that the module,
 * its tests and the benchmark share: the per-draw random stream
 * (stream.c), the draw of one realisation (draw.c) and the quantile
 * histogram (qhist.c). */
#ifndef RS_MC_INTERNAL_H
#define RS_MC_INTERNAL_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "cstream.h"
#include "mc.h"
#include "sample.h"

/* ---- stream.c: counter streams as gsl_rng ---------------------------- */

/* Two gsl_rng whose state is an rs_cstream (cstream.h): the two gammas of
 * a Beta read from two separate streams.  NULL when out of memory. */
typedef struct rs_mc_rng {
    gsl_rng *g[2];
} rs_mc_rng;
rs_mc_rng *rs_mc_rng_new(void);
void rs_mc_rng_free(rs_mc_rng *r); /* accepts NULL */
/* The stream inside a gsl_rng of rs_mc_rng, to name it with rs_cstream_init. */
rs_cstream *rs_mc_stream(gsl_rng *g);

/* ---- draw.c: the random inputs of one draw --------------------------- */

/* The keys (second word) of the two families of streams (draw.c). */
#define RS_MC_KEY_DRAW 0x647261772d6c766cULL /* "draw-lvl": shock, burden factor */
#define RS_MC_KEY_DEAL 0x6465616c2d797200ULL /* "deal-yr": ρ of a deal-year */

/* What is fixed for all draws of a plan: the deal-years that get a ρ, with
 * their Beta parameters and stream names. */
typedef struct rs_mc_layout {
    size_t n;            /* deal-years drawn */
    size_t *slot;        /* index into run->rho: plan->off[d] + k */
    double *alpha, *beta;
    int *year;           /* calendar year − horizon start */
    int *cal;            /* calendar year */
    uint64_t *deal;      /* rs_cstream_hash of the deal's id */
    uint32_t *shape;     /* index into shapes */
    rs_beta_shape *shapes; /* the distinct (alpha, beta) with their sampler constants */
    size_t n_shapes, cap_shapes;
    int n_years;         /* years of the horizon (shock years) */
    double shock_p, shock_keep; /* probability; 1 − severity */
    double ln_mu, ln_sigma;     /* of the admin factor; sigma 0: factor 1 */
} rs_mc_layout;

/* Makes the layout of plan 'p' under 'u'.  Returns NULL and adds an
 * RS_EXIT_INVALID message when 'u' cannot be used. */
rs_mc_layout *rs_mc_layout_make(const rs_plan *p, const rs_uncertainty *u, rs_diag *diag);
void rs_mc_layout_free(rs_mc_layout *l);
/* Draws the inputs of draw 'draw' of seed 'seed' into run->rho (the slots
 * of the layout only) and run->admin_factor, reading the streams named as
 * draw.c says through 'r'.  Returns 1 when the draw has a shock year, else
 * 0.  Allocates nothing. */
int rs_mc_draw(const rs_mc_layout *l, unsigned long seed, long draw, rs_mc_rng *r,
               rs_run *run);
/* The draw-level inputs of draw 'draw': shock year index (or -1) and the
 * burden factor. */
int rs_mc_draw_level(const rs_mc_layout *l, unsigned long seed, long draw, double *admin_factor);
/* One Beta(a, b) sample from the streams already named in r->g[0] (the
 * gamma of a) and r->g[1] (the gamma of b): X/(X + Y), computed in logs
 * when a or b < 1 so that it never divides 0 by 0. */
double rs_mc_beta(rs_mc_rng *r, double a, double b);

/* ---- qhist.c: quantiles from two histograms ------------------------- */

#define RS_QH_SUB 8      /* 2^8 log buckets per octave */
#define RS_QH_EMIN (-32) /* |x| < 2^-32 falls in the zero bucket */
#define RS_QH_NOCT 64    /* octaves 2^-32 … 2^32 */
#define RS_QH_HALF ((uint32_t)RS_QH_NOCT << RS_QH_SUB)
#define RS_QH_N (2 * RS_QH_HALF + 1) /* log buckets of one value */
#define RS_QH_LIN 4096                /* linear bins of one value */
#define RS_QH_MAXP 8                  /* quantiles asked at once */

/* The histograms of one value (see qhist.c).  The caller owns the counts. */
typedef struct rs_qh {
    uint32_t *log; /* RS_QH_N log-linear buckets */
    uint32_t *lin; /* RS_QH_LIN + 2: [0] below the range, [1 … RS_QH_LIN] bins,
                    * [RS_QH_LIN + 1] above it */
    double lo, w;  /* the range starts at lo, bins are w wide; w = 0: no range */
    /* The log buckets that hold counts all lie in [b_lo, b_end), which
     * rs_qh_note keeps, so that reading the quantiles walks only those
     * (not 32,769 buckets per value, most of them never touched); b_end 0:
     * not kept, every bucket is read. */
    uint32_t b_lo, b_end;
} rs_qh;

/* Starts keeping the range of h's log buckets: none yet. */
static inline void rs_qh_track(rs_qh *h)
{
    h->b_lo = RS_QH_N;
    h->b_end = 1;
}
/* Counts one value in log bucket b. */
static inline void rs_qh_note(rs_qh *h, uint32_t b)
{
    h->log[b]++;
    if (b < h->b_lo)
        h->b_lo = b;
    if (b >= h->b_end)
        h->b_end = b + 1;
}

#define RS_QH_SUB_MASK ((1u << RS_QH_SUB) - 1)
#define RS_QH_FLOOR 0x1.0p-32
#define RS_QH_CEIL 0x1.0p32

/* Log bucket of x (finite).  Buckets are ordered as the values are; |x| ≥
 * 2^32 goes into the outermost bucket of its sign (rs_qh_beyond tells).
 * Inline, with rs_qh_beyond and rs_qh_lin_bin: the draw loop calls each
 * once per value of every draw. */
static inline uint32_t rs_qh_bucket(double x)
{
    double a = fabs(x);
    if (!(a >= RS_QH_FLOOR))
        return RS_QH_HALF;
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int e = (int)(bits >> 52) - 1023 - RS_QH_EMIN; /* ≥ 0: a ≥ 2^EMIN is normal */
    uint32_t m;
    if (e >= RS_QH_NOCT)
        m = RS_QH_HALF - 1;
    else
        m = (uint32_t)e << RS_QH_SUB | ((uint32_t)(bits >> (52 - RS_QH_SUB)) & RS_QH_SUB_MASK);
    return x > 0 ? RS_QH_HALF + 1 + m : RS_QH_HALF - 1 - m;
}

static inline int rs_qh_beyond(double x) { return fabs(x) >= RS_QH_CEIL; }
/* Bounds [lo, hi] of log bucket b. */
void rs_qh_bounds(uint32_t b, double *lo, double *hi);
/* Sets the linear range from the pilot's extremes: [min − s/2, max + s/2],
 * s = max − min (no range when s is 0). */
void rs_qh_set_range(rs_qh *h, double min, double max);
/* Linear bin of x (0 below, RS_QH_LIN + 1 above); needs h->w > 0. */
static inline uint32_t rs_qh_lin_bin(const rs_qh *h, double x)
{
    double u = (x - h->lo) / h->w;
    if (!(u >= 0))
        return 0;
    return u < RS_QH_LIN ? 1 + (uint32_t)u : RS_QH_LIN + 1;
}
/* The sorted-sample quantiles q[k] at probabilities p[k] in [0, 1]
 * (k < np ≤ RS_QH_MAXP) of the n ≥ 1 values counted in h, whose exact
 * extremes are min and max.  Returns 0, or -1 for bad np or n. */
int rs_qh_quantiles(const rs_qh *h, long n, double min, double max, const double *p, int np,
                    double *q);
/* A chart histogram of the values counted in h: nbins equal bins from min
 * to max (min ± 0.5 when equal), edges[0 … nbins], counts[0 … nbins−1]. */
void rs_qh_chart(const rs_qh *h, double min, double max, int nbins, double *edges,
                 long *counts);

#endif
