/* qhist.c — sorted-sample quantiles of one value over many draws, from two
 * histograms with integer counts.
 *
 * Why histograms: at 10^6 draws the ~170 values of a draw (metrics, nine
 * yearly series and the cumulative spending of a 12-year plan) would take
 * 1.3 GB as doubles, and a sort each; the histograms of a value take
 * 144 KB whatever the number of draws, their counts are integers (adding
 * them is exact and the same in any order, so threads cannot change the
 * result), and filling them is two indices and two increments per value.
 *
 * 1. Log-linear buckets over every value, which bound the relative error
 *    whatever the values are.  |x| < 2^-32 is the zero bucket
 *    [−2^-32, 2^-32].  Otherwise |x| = (1 + f)·2^e, e in [−32, 32), and the
 *    bucket is (sign, e, the top 8 bits of f): 256 buckets of equal width
 *    per octave, so a bucket [c, d] away from 0 has d − c ≤ min(|c|, |d|)/256.
 *    |x| ≥ 2^32 (4.3e9, beyond any sum of M€ a scenario holds) is counted
 *    in the outermost bucket of its sign; the caller is told
 *    (rs_qh_beyond) and warns.
 * 2. RS_QH_LIN linear bins over the range the pilot (the first draws) saw,
 *    widened by half that range on each side, with counts below and above
 *    it: the resolution where the draws are, which 0.39% of the value may
 *    not give (a spending total of 316 M€ with an sd of 2 M€).
 *
 * Estimate of order statistic x_(j) (0-based): the extremes x_(0) and
 * x_(n−1) are the exact min and max.  Otherwise x_(j) lies in the log
 * bucket [c, d] where the cumulative count passes j, and, when the counts
 * below and above the linear range leave j inside it, in the linear bin
 * [a, b] where the count passes j.  The estimate interpolates j's rank
 * within [a, b] (else [c, d]), then is kept in [c, d] and in [min, max].
 * It so lies in every interval that holds x_(j), and
 *   |x̂_(j) − x_(j)| ≤ min(b − a, |x_(j)|/256 + 2·2^-32)
 * (the linear term up to the rounding of the bin index).  The quantile at
 * p is (1 − δ)·x_(i) + δ·x_(i+1), i = ⌊(n−1)p⌋, δ = (n−1)p − i (as
 * gsl_stats_quantile_from_sorted_data), so
 *   |q̂ − q| ≤ ((1−δ)|x_(i)| + δ|x_(i+1)|)/256 + 2^-31,
 * which is |q|/256 + 2^-31 (0.39% relative, absolute floor 4.7e-10) when
 * x_(i) and x_(i+1) have the same sign, and max(|x_(i)|, |x_(i+1)|)/256 +
 * 2^-31 when they straddle zero; and within the linear range also
 * ≤ the bin width, 1/2048 of the pilot's range. */
#include "internal.h"

#include <math.h>
#include <string.h>

#define SUB_MASK RS_QH_SUB_MASK
#define FLOOR RS_QH_FLOOR
#define CEIL RS_QH_CEIL

/* ---- log-linear buckets ----------------------------------------------- */

void rs_qh_bounds(uint32_t b, double *lo, double *hi)
{
    if (b == RS_QH_HALF) {
        *lo = -FLOOR;
        *hi = FLOOR;
        return;
    }
    uint32_t m = b > RS_QH_HALF ? b - RS_QH_HALF - 1 : RS_QH_HALF - 1 - b;
    int e = (int)(m >> RS_QH_SUB) + RS_QH_EMIN;
    double f = (double)(m & SUB_MASK);
    double a = ldexp(1 + f / (1 << RS_QH_SUB), e);
    double c = ldexp(1 + (f + 1) / (1 << RS_QH_SUB), e);
    if (b > RS_QH_HALF) {
        *lo = a;
        *hi = c;
    } else {
        *lo = -c;
        *hi = -a;
    }
}

/* ---- linear bins ------------------------------------------------------ */

void rs_qh_set_range(rs_qh *h, double min, double max)
{
    double span = max - min;
    if (span > 0 && isfinite(span)) {
        h->lo = min - span / 2;
        h->w = 2 * span / RS_QH_LIN;
    } else {
        h->lo = min;
        h->w = 0;
    }
}

/* Bounds of linear bin b (1 … RS_QH_LIN). */
static void lin_bounds(const rs_qh *h, uint32_t b, double *lo, double *hi)
{
    *lo = h->lo + (double)(b - 1) * h->w;
    *hi = h->lo + (double)b * h->w;
}

/* ---- order statistics ------------------------------------------------- */

/* Rank j's position in an interval that holds ranks before … before+c−1. */
static double interpolate(double lo, double hi, long before, long c, long j)
{
    return lo + (hi - lo) * ((double)(j - before) + 0.5) / (double)c;
}

/* Sorts the indices 0 … n−1 of ranks[] by rank, by insertion (n is small). */
static void rank_order(const long *ranks, int n, int *ord)
{
    for (int a = 0; a < n; a++) {
        int b = a;
        for (; b > 0 && ranks[ord[b - 1]] > ranks[a]; b--)
            ord[b] = ord[b - 1];
        ord[b] = a;
    }
}

/* The log buckets [*b0, *b1) that can hold counts. */
static void log_range(const rs_qh *h, uint32_t *b0, uint32_t *b1)
{
    *b0 = h->b_end ? h->b_lo : 0;
    *b1 = h->b_end ? h->b_end : RS_QH_N;
    if (*b0 > *b1)
        *b0 = *b1;
}

/* Log-bucket estimates x[k] and bucket bounds c[k], d[k] of ranks[k], in
 * one walk. */
static void log_stats(const rs_qh *h, const long *ranks, const int *ord, int n_r, double *x,
                      double *c, double *d)
{
    const uint32_t *counts = h->log;
    long before = 0;
    int r = 0;
    uint32_t b0, b1;
    log_range(h, &b0, &b1);
    for (uint32_t b = b0; b < b1 && r < n_r; b++) {
        long cnt = counts[b];
        for (; r < n_r && ranks[ord[r]] < before + cnt; r++) {
            int k = ord[r];
            rs_qh_bounds(b, &c[k], &d[k]);
            x[k] = interpolate(c[k], d[k], before, cnt, ranks[k]);
        }
        before += cnt;
    }
    for (; r < n_r; r++) { /* only if the counts do not add up: keep the bound open */
        int k = ord[r];
        c[k] = -HUGE_VAL;
        d[k] = x[k] = HUGE_VAL;
    }
}

/* Refines x[k] with the linear bins for the ranks inside the linear range. */
static void lin_stats(const rs_qh *h, long n, const long *ranks, const int *ord, int n_r,
                      double *x)
{
    if (!(h->w > 0))
        return;
    const long under = h->lin[0], over = h->lin[RS_QH_LIN + 1];
    long before = under;
    int r = 0;
    while (r < n_r && ranks[ord[r]] < under)
        r++;
    for (uint32_t b = 1; b <= RS_QH_LIN && r < n_r; b++) {
        long cnt = h->lin[b];
        for (; r < n_r && ranks[ord[r]] < before + cnt && ranks[ord[r]] < n - over; r++) {
            double lo, hi;
            lin_bounds(h, b, &lo, &hi);
            x[ord[r]] = interpolate(lo, hi, before, cnt, ranks[ord[r]]);
        }
        before += cnt;
    }
}

int rs_qh_quantiles(const rs_qh *h, long n, double min, double max, const double *p, int np,
                    double *q)
{
    if (np < 0 || np > RS_QH_MAXP || n < 1)
        return -1;
    long ranks[2 * RS_QH_MAXP];
    int ord[2 * RS_QH_MAXP];
    double x[2 * RS_QH_MAXP], c[2 * RS_QH_MAXP], d[2 * RS_QH_MAXP], delta[RS_QH_MAXP];
    for (int k = 0; k < np; k++) {
        double pos = p[k] * (double)(n - 1);
        long i = (long)pos;
        if (i > n - 1)
            i = n - 1;
        delta[k] = pos - (double)i;
        ranks[2 * k] = i;
        ranks[2 * k + 1] = i < n - 1 ? i + 1 : i;
    }
    int n_r = 2 * np;
    rank_order(ranks, n_r, ord);
    log_stats(h, ranks, ord, n_r, x, c, d);
    lin_stats(h, n, ranks, ord, n_r, x);
    for (int k = 0; k < n_r; k++) {
        x[k] = x[k] < c[k] ? c[k] : x[k] > d[k] ? d[k] : x[k];
        x[k] = x[k] < min ? min : x[k] > max ? max : x[k];
        if (ranks[k] == 0)
            x[k] = min;
        if (ranks[k] == n - 1)
            x[k] = max;
    }
    for (int k = 0; k < np; k++)
        q[k] = ranks[2 * k] == n - 1 ? x[2 * k]
                                     : (1 - delta[k]) * x[2 * k] + delta[k] * x[2 * k + 1];
    return 0;
}

/* ---- chart histogram -------------------------------------------------- */

/* Adds 'cnt' draws at value x (kept in [min, max]) to the chart bins. */
static void chart_add(double x, long cnt, double min, double max, double lo, double w, int nbins,
                      long *counts)
{
    if (cnt <= 0)
        return;
    x = x < min ? min : x > max ? max : x;
    int k = (int)((x - lo) / w);
    counts[k < 0 ? 0 : k >= nbins ? nbins - 1 : k] += cnt;
}

/* The draws outside the linear range, from the log buckets: those wholly
 * below (above) it at their midpoints, the rest of the count below
 * (above) between the straddling bucket's edge and the range. */
static void chart_tails(const rs_qh *h, double min, double max, double lo, double w, int nbins,
                        long *counts)
{
    const double top = h->lo + RS_QH_LIN * h->w;
    long left = h->lin[0];
    uint32_t b, t;
    log_range(h, &b, &t);
    double c, d;
    for (; b < RS_QH_N && left > 0; b++) {
        rs_qh_bounds(b, &c, &d);
        if (!(d < h->lo) || h->log[b] > left)
            break;
        chart_add((c + d) / 2, h->log[b], min, max, lo, w, nbins, counts);
        left -= h->log[b];
    }
    if (left > 0) {
        rs_qh_bounds(b < RS_QH_N ? b : RS_QH_N - 1, &c, &d);
        chart_add((fmax(c, min) + h->lo) / 2, left, min, max, lo, w, nbins, counts);
    }
    left = h->lin[RS_QH_LIN + 1];
    for (; t > 0 && left > 0; t--) {
        rs_qh_bounds(t - 1, &c, &d);
        if (!(c > top) || h->log[t - 1] > left)
            break;
        chart_add((c + d) / 2, h->log[t - 1], min, max, lo, w, nbins, counts);
        left -= h->log[t - 1];
    }
    if (left > 0) {
        rs_qh_bounds(t > 0 ? t - 1 : 0, &c, &d);
        chart_add((top + fmin(d, max)) / 2, left, min, max, lo, w, nbins, counts);
    }
}

void rs_qh_chart(const rs_qh *h, double min, double max, int nbins, double *edges, long *counts)
{
    double lo = min, hi = max;
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    double w = (hi - lo) / nbins;
    for (int k = 0; k < nbins; k++) {
        edges[k] = lo + k * w;
        counts[k] = 0;
    }
    edges[nbins] = hi;
    if (h->w > 0) {
        for (uint32_t b = 1; b <= RS_QH_LIN; b++) {
            double a, z;
            lin_bounds(h, b, &a, &z);
            chart_add((a + z) / 2, h->lin[b], min, max, lo, w, nbins, counts);
        }
        chart_tails(h, min, max, lo, w, nbins, counts);
        return;
    }
    uint32_t b0, b1;
    log_range(h, &b0, &b1);
    for (uint32_t b = b0; b < b1; b++) {
        double c, d;
        if (!h->log[b])
            continue;
        rs_qh_bounds(b, &c, &d);
        chart_add((c + d) / 2, h->log[b], min, max, lo, w, nbins, counts);
    }
}
