/* test_mc.c — docs/model.md §9: the Monte Carlo core (src/mc/). */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/mc/internal.h"
#include "helpers.h"
#include "scen.h"

#define DEMO "../../scenarios/demo.json"
#define T4_DU "../../scenarios/t4-du.json"

/* Runs 'draws' draws of fixture f under u (its draws replaced) with the
 * given options; asserts success. */
static void run_mc(const rs_fixture *f, rs_uncertainty u, long draws, rs_mc_opts o,
                   rs_mc_result *r)
{
    u.draws = draws;
    rs_diag d;
    rs_diag_init(&d);
    int code = rs_mc_run_opts(f->plan, &u, &o, r, &d);
    if (code != RS_EXIT_OK)
        rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    CU_ASSERT_EQUAL_FATAL(code, RS_EXIT_OK);
}

static rs_mc_opts opts(int threads, int keep)
{
    rs_mc_opts o = {threads, NULL, NULL, keep, NULL};
    return o;
}

/* ---- the random stream ------------------------------------------------ */

/* Philox4x64-10 as Random123 publishes it: the known answer for counter
 * and key all zero (Random123's kat_vectors), and a stream is a function
 * of its name: naming it again gives the same words. */
static void philox_known_answer_and_names(void)
{
    rs_cstream s, t;
    rs_cstream_init(&s, 0, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(rs_cstream_u64(&s), 0x16554d9eca36314cULL);
    CU_ASSERT_EQUAL(rs_cstream_u64(&s), 0xdb20fe9d672d0fdcULL);
    CU_ASSERT_EQUAL(rs_cstream_u64(&s), 0xd7e772cee186176bULL);
    CU_ASSERT_EQUAL(rs_cstream_u64(&s), 0x7e68b68aec7ba23bULL);
    rs_cstream_init(&s, 42, 7, 777, 3, 9);
    for (int k = 0; k < 5; k++)
        rs_cstream_u64(&s);
    rs_cstream_init(&t, 42, 7, 777, 3, 9);
    for (int k = 0; k < 5; k++)
        rs_cstream_u64(&t);
    CU_ASSERT_EQUAL(rs_cstream_u64(&s), rs_cstream_u64(&t));
    rs_cstream_init(&t, 42, 7, 777, 3, 10); /* another counter word: other numbers */
    rs_cstream_init(&s, 42, 7, 777, 3, 9);
    CU_ASSERT_NOT_EQUAL(rs_cstream_u64(&s), rs_cstream_u64(&t));
    /* uniforms lie in (0, 1) and average 1/2: 10^4 of them have sd
     * 0.2887/100, so 0.5 ± 0.01 is 3.5 sd */
    double sum = 0;
    for (int k = 0; k < 10000; k++) {
        double u = rs_cstream_u01(&s);
        CU_ASSERT_TRUE(u > 0 && u < 1);
        sum += u;
    }
    ASSERT_CLOSE(sum / 10000, 0.5, 0.01);
    CU_ASSERT_NOT_EQUAL(rs_cstream_hash("twente-t4"), rs_cstream_hash("twente-t5"));
}

/* A pair of streams (rs_cstream_pair) shares its first block: x reads
 * words 0–1 of block 0 of (…, 2t), then blocks 1, 2, … of (…, 2t); y
 * reads words 2–3 of that block, then blocks 0, 1, … of (…, 2t + 1).  So
 * what one half reads never moves the other. */
static void pair_of_streams_shares_one_block(void)
{
    rs_cstream x, y, a, b;
    rs_cstream_pair(&x, &y, 42, 7, 777, 3, 2026);
    rs_cstream_init(&a, 42, 7, 777, 3, 2 * 2026);
    rs_cstream_init(&b, 42, 7, 777, 3, 2 * 2026 + 1);
    uint64_t w[8];
    for (int k = 0; k < 8; k++)
        w[k] = rs_cstream_u64(&a); /* blocks 0 and 1 of (…, 2t) */
    CU_ASSERT_EQUAL(rs_cstream_u64(&y), w[2]);
    CU_ASSERT_EQUAL(rs_cstream_u64(&x), w[0]);
    CU_ASSERT_EQUAL(rs_cstream_u64(&x), w[1]);
    CU_ASSERT_EQUAL(rs_cstream_u64(&y), w[3]);
    for (int k = 4; k < 8; k++)
        CU_ASSERT_EQUAL(rs_cstream_u64(&x), w[k]);
    for (int k = 0; k < 6; k++)
        CU_ASSERT_EQUAL(rs_cstream_u64(&y), rs_cstream_u64(&b));
    /* y after reading nothing from x gives the same words as after x read 8 */
    rs_cstream_pair(&x, &y, 42, 7, 777, 3, 2026);
    rs_cstream_init(&b, 42, 7, 777, 3, 2 * 2026 + 1);
    CU_ASSERT_EQUAL(rs_cstream_u64(&y), w[2]);
    CU_ASSERT_EQUAL(rs_cstream_u64(&y), w[3]);
    CU_ASSERT_EQUAL(rs_cstream_u64(&y), rs_cstream_u64(&b));
}

/* Mean and variance of n Beta(a, b) samples from rs_mc_beta (each from
 * its own pair of named streams) against a/(a+b) and
 * ab/((a+b)²(a+b+1)), each within 5 of its standard errors (the variance's
 * estimated from the sample's fourth moment). */
static void check_beta(double a, double b, long n)
{
    rs_mc_rng *r = rs_mc_rng_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    double mean = 0, m2 = 0;
    double *x = rs_xmalloc((size_t)n * sizeof *x);
    for (long i = 0; i < n; i++) {
        rs_cstream_pair(rs_mc_stream(r->g[0]), rs_mc_stream(r->g[1]), 5, RS_MC_KEY_DEAL,
                        (uint64_t)i, 11, 0);
        x[i] = rs_mc_beta(r, a, b);
        double d = x[i] - mean;
        mean += d / (double)(i + 1);
        m2 += d * (x[i] - mean);
    }
    double var = m2 / (double)(n - 1), m4 = 0;
    int inside = 1;
    for (long i = 0; i < n; i++) {
        double d2 = (x[i] - mean) * (x[i] - mean);
        m4 += (d2 - var) * (d2 - var);
        inside &= x[i] >= 0 && x[i] <= 1;
    }
    CU_ASSERT_TRUE(inside);
    double mu = a / (a + b), v = a * b / ((a + b) * (a + b) * (a + b + 1));
    double se_mean = sqrt(v / (double)n), se_var = sqrt(m4 / (double)n) / sqrt((double)n);
    if (fabs(mean - mu) > 5 * se_mean || fabs(var - v) > 5 * se_var)
        fprintf(stderr, "\nBeta(%g, %g): mean %.8g (%.8g), variance %.8g (%.8g)\n", a, b, mean,
                mu, var, v);
    CU_ASSERT_TRUE(fabs(mean - mu) <= 5 * se_mean);
    CU_ASSERT_TRUE(fabs(var - v) <= 5 * se_var);
    free(x);
    rs_mc_rng_free(r);
}

/* The Beta is a Beta: 10^7 samples at the demo's μ 0.85, κ 20 (the
 * Marsaglia–Tsang path), and 10^6 at κ 1 (both parameters below 1: the
 * log path); fewer when SAMPLE_N says so. */
static void beta_mean_and_variance(void)
{
    /* SAMPLE_N (as in test_sample.c) makes it smaller under valgrind; the
     * bounds are in standard errors, so they follow n */
    const char *e = getenv("SAMPLE_N");
    long n = e && atol(e) > 0 ? atol(e) : 10000000;
    check_beta(17, 3, n);
    check_beta(0.3, 0.7, n < 1000000 ? n : 1000000);
}

/* Common random numbers: a deal's ρ in every year of every draw, the
 * shock year and the burden factor stay the same, bit for bit, when
 * another deal is added before it, the deals are reordered and the other
 * deal's tranche changes; a deal under an instrument with
 * realisation_shift −0.1 gets other values but the same uniforms, so its
 * ρ is lower in (nearly) every deal-year. */
static void a_deals_draws_do_not_depend_on_other_deals(void)
{
    const char *one = SCEN(SPUK_BODY, ", 'uncertainty': {'draws': 10, 'seed': 11, "
                                      "'realisation': {'mean': 0.8, 'concentration': 20}, "
                                      "'shock': {'probability': 0.5, 'severity': 0.3}, "
                                      "'admin_spread': 0.2}",
                          TR100, DEAL("keep", "r1", 12.5, 3));
    const char *two = SCEN(SPUK_BODY, ", 'uncertainty': {'draws': 10, 'seed': 11, "
                                      "'realisation': {'mean': 0.8, 'concentration': 20}, "
                                      "'shock': {'probability': 0.5, 'severity': 0.3}, "
                                      "'admin_spread': 0.2}",
                          TR100, DEAL("other", "r2", 7.25, 4) ", " DEAL("keep", "r1", 12.5, 3));
    const char *shifted = SCEN(SPUK_BODY ", 'realisation_shift': -0.1",
                               ", 'uncertainty': {'draws': 10, 'seed': 11, "
                               "'realisation': {'mean': 0.8, 'concentration': 20}, "
                               "'shock': {'probability': 0.5, 'severity': 0.3}, "
                               "'admin_spread': 0.2}",
                               TR100, DEAL("keep", "r1", 12.5, 3));
    rs_fixture a, b, c;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&a, one));
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&b, two));
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&c, shifted));
    rs_diag d;
    rs_diag_init(&d);
    rs_mc_layout *la = rs_mc_layout_make(a.plan, &a.sc->unc, &d);
    rs_mc_layout *lb = rs_mc_layout_make(b.plan, &b.sc->unc, &d);
    rs_mc_layout *lc = rs_mc_layout_make(c.plan, &c.sc->unc, &d);
    CU_ASSERT_TRUE_FATAL(la && lb && lc);
    rs_run *ra = rs_run_alloc(a.plan), *rb = rs_run_alloc(b.plan), *rc = rs_run_alloc(c.plan);
    rs_mc_rng *g = rs_mc_rng_new();
    size_t kb = rs_scenario_find_deal(b.sc, "keep");
    CU_ASSERT_EQUAL_FATAL(kb, 1);
    int same = 1, lower = 0, n = 0, shocks = 0;
    for (long i = 0; i < 200; i++) {
        int sa = rs_mc_draw(la, 11, i, g, ra);
        int sb = rs_mc_draw(lb, 11, i, g, rb);
        rs_mc_draw(lc, 11, i, g, rc);
        shocks += sa;
        same &= sa == sb && ra->admin_factor == rb->admin_factor;
        for (int k = 0; k < a.plan->len[0] && k < 4; k++) {
            double x = ra->rho[a.plan->off[0] + (size_t)k];
            same &= x == rb->rho[b.plan->off[kb] + (size_t)k];
            lower += rc->rho[c.plan->off[0] + (size_t)k] < x;
            n++;
        }
    }
    CU_ASSERT_TRUE(same);
    CU_ASSERT_TRUE(shocks > 50 && shocks < 150); /* probability 0.5 in 200 draws */
    /* 4 years (3 planned, 1 extension) × 200 draws; μ 0.8 against 0.7 */
    CU_ASSERT_EQUAL(n, 800);
    CU_ASSERT_TRUE(lower >= 780);
    rs_mc_rng_free(g);
    rs_run_free(ra);
    rs_run_free(rb);
    rs_run_free(rc);
    rs_mc_layout_free(la);
    rs_mc_layout_free(lb);
    rs_mc_layout_free(lc);
    rs_diag_free(&d);
    rs_fixture_free(&a);
    rs_fixture_free(&b);
    rs_fixture_free(&c);
}

/* 1500 and 3000 draws are cut into chunks of 2 and 3 draws: the first 1500
 * draws must still be the same numbers, bit for bit. */
static void draws_do_not_depend_on_chunks(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    rs_mc_result a, b;
    run_mc(&f, f.sc->unc, 1500, opts(2, 1), &a);
    run_mc(&f, f.sc->unc, 3000, opts(3, 1), &b);
    size_t n = (size_t)rs_mc_nvar(a.ny);
    CU_ASSERT_EQUAL(memcmp(a.samples, b.samples, 1500 * n * sizeof *a.samples), 0);
    rs_mc_result_free(&a);
    rs_mc_result_free(&b);
    rs_fixture_free(&f);
}

/* ---- determinism across threads --------------------------------------- */

static int same_result(const rs_mc_result *a, const rs_mc_result *b)
{
    size_t ny = (size_t)a->ny;
    int same = a->draws == b->draws && a->ny == b->ny && a->shocked == b->shocked &&
               memcmp(a->metric, b->metric, sizeof a->metric) == 0 &&
               memcmp(a->min, b->min, sizeof a->min) == 0 &&
               memcmp(a->max, b->max, sizeof a->max) == 0 &&
               memcmp(a->cum_spent, b->cum_spent, ny * sizeof *a->cum_spent) == 0;
    for (int s = 0; s < RS_Y_N_OUT; s++)
        same = same && memcmp(a->yearly[s], b->yearly[s], ny * sizeof *a->yearly[s]) == 0;
    double ea[21], eb[21];
    long ca[20], cb[20];
    for (int m = 0; m < RS_M_N; m++) {
        rs_mc_histogram(a, (rs_metric)m, 20, ea, ca);
        rs_mc_histogram(b, (rs_metric)m, 20, eb, cb);
        same = same && memcmp(ea, eb, sizeof ea) == 0 && memcmp(ca, cb, sizeof ca) == 0;
    }
    return same;
}

/* The demo (8 deals, shock 0.1, spread 0.3) with 3000 draws in 3-draw
 * chunks: 1, 2 and 3 threads give the same bytes. */
static void threads_give_identical_bytes(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    rs_mc_result r[3];
    for (int t = 0; t < 3; t++)
        run_mc(&f, f.sc->unc, 3000, opts(t + 1, 0), &r[t]);
    CU_ASSERT_TRUE(same_result(&r[0], &r[1]));
    CU_ASSERT_TRUE(same_result(&r[0], &r[2]));
    /* a 10% chance of a shock in each of 3000 draws: 300 ± 16.4 */
    CU_ASSERT_TRUE(r[0].shocked > 300 - 66 && r[0].shocked < 300 + 66);
    for (int t = 0; t < 3; t++)
        rs_mc_result_free(&r[t]);
    rs_fixture_free(&f);
}

/* ---- accuracy ---------------------------------------------------------- */

/* Every P5, P50 and P95 of 10^4 demo draws (metrics, yearly series,
 * cumulative spending) against the exact quantile of the sorted draws.
 * qhist.c proves |q̂ − q| ≤ max(|x_(i)|, |x_(i+1)|)/256 + 2^-31 for the
 * neighbouring order statistics x_(i), x_(i+1); the requirement is 0.5% of
 * |q| with an absolute floor of 1e-9 (values within 1e-9 M€ of 0).  Mean
 * and sd are the same sums in another order: equal to 1e-12. */
static void quantiles_match_a_full_sort(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    const long n = 10000;
    rs_mc_result r;
    run_mc(&f, f.sc->unc, n, opts(0, 1), &r);
    int nvar = rs_mc_nvar(r.ny), bad = 0;
    double *x = rs_xmalloc((size_t)n * sizeof *x);
    for (int v = 0; v < nvar; v++) {
        for (long i = 0; i < n; i++)
            x[i] = r.samples[(size_t)i * (size_t)nvar + (size_t)v];
        double mean = gsl_stats_mean(x, 1, (size_t)n), sd = gsl_stats_sd(x, 1, (size_t)n);
        gsl_sort(x, 1, (size_t)n);
        int s = (v - RS_M_N) / r.ny, k = (v - RS_M_N) % r.ny;
        const rs_stats *st = v < RS_M_N        ? &r.metric[v]
                             : s < RS_Y_N_OUT ? &r.yearly[s][k]
                                              : &r.cum_spent[k];
        CU_ASSERT_TRUE(v < RS_M_N || v == rs_mc_var_year(r.ny, s, k));
        ASSERT_CLOSE(st->mean, mean, 1e-12);
        ASSERT_CLOSE(st->sd, sd, 1e-12);
        const double p[3] = {0.05, 0.5, 0.95}, got[3] = {st->p5, st->p50, st->p95};
        for (int j = 0; j < 3; j++) {
            double q = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)n, p[j]);
            size_t i = (size_t)(p[j] * (double)(n - 1));
            double nb = fmax(fabs(x[i]), fabs(x[i + 1]));
            double e = fabs(got[j] - q);
            if (e > nb / 256 + 0x1.0p-31 || e > 0.005 * fabs(q) + 1e-9) {
                fprintf(stderr, "\nvalue %d P%g: %.17g, exact %.17g\n", v, 100 * p[j], got[j], q);
                bad++;
            }
        }
        if (v < RS_M_N) {
            CU_ASSERT_EQUAL(r.min[v], x[0]);
            CU_ASSERT_EQUAL(r.max[v], x[n - 1]);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    free(x);
    rs_mc_result_free(&r);
    rs_fixture_free(&f);
}

/* The buckets are ordered as the values are, each value lies in its
 * bucket, and a bucket [lo, hi] away from 0 has hi − lo ≤ |lo|/256 (or
 * |hi|/256 below 0). */
static void buckets_are_ordered_and_narrow(void)
{
    /* ascending; 2^-32 = 2.3283e-10 is the floor, 2^32 = 4.2950e9 the bound */
    const double x[] = {-1e12,     -4.3e9,   -2.385e3, -1,         -0.999, -1e-9,
                        -2.4e-10,  -1e-300,  0,        1e-300,     2.3e-10, 0x1.0p-32,
                        2.33e-10,  1e-9,     0.5,      1,          1.00390625, 2.385,
                        196.553,   4.29e9,   0x1.0p32, 1e12};
    size_t n = sizeof x / sizeof *x;
    for (size_t i = 0; i < n; i++) {
        uint32_t b = rs_qh_bucket(x[i]);
        CU_ASSERT_TRUE(b < RS_QH_N);
        double lo, hi;
        rs_qh_bounds(b, &lo, &hi);
        if (!rs_qh_beyond(x[i]))
            CU_ASSERT_TRUE(lo <= x[i] && x[i] <= hi);
        if (b != RS_QH_HALF)
            CU_ASSERT_TRUE(hi - lo <= fmin(fabs(lo), fabs(hi)) / 256);
        if (i > 0)
            CU_ASSERT_TRUE(rs_qh_bucket(x[i - 1]) <= b);
    }
    CU_ASSERT_EQUAL(rs_qh_bucket(0), RS_QH_HALF);
    CU_ASSERT_EQUAL(rs_qh_bucket(2e-10), RS_QH_HALF); /* below the 2^-32 floor */
    CU_ASSERT_TRUE(rs_qh_beyond(-0x1.0p32) && !rs_qh_beyond(4.29e9));
    /* 1 and 1 + 1/256 are the first two buckets of an octave */
    CU_ASSERT_EQUAL(rs_qh_bucket(1.00390625), rs_qh_bucket(1) + 1);
}

/* Quantiles of five values 1, 2, 3, 4, 10.  The median (position 2) is
 * x_(2) = 3, P95 at position 3.8 is 0.2·4 + 0.8·10 = 8.8, the extremes are
 * exact.  With the log buckets only, x_(2) and x_(3) are known within
 * 1/256 of themselves; with the linear range [1 − 4.5, 10 + 4.5] of 4096
 * bins (w = 18/4096 = 0.0044) within w. */
static void quantiles_of_few_values(void)
{
    rs_qh h = {rs_xcalloc(RS_QH_N, sizeof(uint32_t)), rs_xcalloc(RS_QH_LIN + 2, sizeof(uint32_t)),
               0, 0, 0, 0};
    const double x[] = {1, 2, 3, 4, 10};
    const double p[] = {0, 0.5, 0.95, 1};
    double q[4];
    for (int i = 0; i < 5; i++)
        h.log[rs_qh_bucket(x[i])]++;
    CU_ASSERT_EQUAL(rs_qh_quantiles(&h, 5, 1, 10, p, 4, q), 0);
    CU_ASSERT_EQUAL(q[0], 1);
    ASSERT_CLOSE(q[1], 3, 3.0 / 256 / 3);
    ASSERT_CLOSE(q[2], 8.8, 0.2 * 4 / 256 / 8.8);
    CU_ASSERT_EQUAL(q[3], 10);
    rs_qh_set_range(&h, 1, 10);
    ASSERT_CLOSE(h.lo, -3.5, 1e-15);
    ASSERT_CLOSE(h.w, 18.0 / RS_QH_LIN, 1e-15);
    for (int i = 0; i < 5; i++)
        h.lin[rs_qh_lin_bin(&h, x[i])]++;
    CU_ASSERT_EQUAL(h.lin[0] + h.lin[RS_QH_LIN + 1], 0);
    CU_ASSERT_EQUAL(rs_qh_quantiles(&h, 5, 1, 10, p, 4, q), 0);
    CU_ASSERT_TRUE(fabs(q[1] - 3) <= h.w);
    CU_ASSERT_TRUE(fabs(q[2] - 8.8) <= 0.2 * h.w);
    CU_ASSERT_EQUAL(rs_qh_lin_bin(&h, -3.6), 0);
    CU_ASSERT_EQUAL(rs_qh_lin_bin(&h, 14.5), RS_QH_LIN + 1);
    CU_ASSERT_EQUAL(rs_qh_quantiles(&h, 5, 1, 10, p, RS_QH_MAXP + 1, q), -1);
    free(h.log);
    free(h.lin);
}

/* Keeping the range of the log buckets that hold counts (rs_qh_note)
 * changes no quantile and no chart count: 3000 values over 12 octaves and
 * both signs, with the range kept and with every bucket read. */
static void tracked_buckets_give_the_same_quantiles(void)
{
    rs_qh a = {rs_xcalloc(RS_QH_N, sizeof(uint32_t)), rs_xcalloc(RS_QH_LIN + 2, sizeof(uint32_t)),
               0, 0, 0, 0};
    rs_qh b = a;
    b.log = rs_xcalloc(RS_QH_N, sizeof(uint32_t));
    rs_qh_track(&b);
    CU_ASSERT_TRUE(b.b_lo > b.b_end); /* nothing counted yet */
    double mn = HUGE_VAL, mx = -HUGE_VAL;
    for (int i = 0; i < 3000; i++) {
        double x = (i % 7 == 0 ? -1 : 1) * 0.013 * pow(2.0, 12.0 * ((i * 0.618034) - floor(i * 0.618034)));
        a.log[rs_qh_bucket(x)]++;
        rs_qh_note(&b, rs_qh_bucket(x));
        mn = fmin(mn, x);
        mx = fmax(mx, x);
    }
    CU_ASSERT_TRUE(b.b_lo == rs_qh_bucket(mn) && b.b_end == rs_qh_bucket(mx) + 1);
    const double p[] = {0, 0.05, 0.142857, 0.5, 0.95, 1};
    double qa[6], qb[6];
    CU_ASSERT_EQUAL(rs_qh_quantiles(&a, 3000, mn, mx, p, 6, qa), 0);
    CU_ASSERT_EQUAL(rs_qh_quantiles(&b, 3000, mn, mx, p, 6, qb), 0);
    for (int k = 0; k < 6; k++)
        CU_ASSERT_EQUAL(qa[k], qb[k]);
    double ea[11], eb[11];
    long ca[10], cb[10], tot = 0;
    rs_qh_chart(&a, mn, mx, 10, ea, ca);
    rs_qh_chart(&b, mn, mx, 10, eb, cb);
    for (int k = 0; k < 10; k++) {
        CU_ASSERT_EQUAL(ca[k], cb[k]);
        tot += cb[k];
    }
    CU_ASSERT_EQUAL(tot, 3000);
    free(a.log);
    free(a.lin);
    free(b.log);
}

/* ---- the model under uncertainty -------------------------------------- */

/* With κ = 10^7 a year's ρ has sd sqrt(0.82·0.18/10^7) = 1.2e-4 around
 * the deterministic realisation, no shock and no spread: the mean of 2000
 * draws equals the deterministic run to well within 1e-4 (its error is of
 * the order 1.2e-4·sensitivity/sqrt(2000), plus a bias of order σ² =
 * 1.5e-8), and the sd is small; so does the median (the linear bins are
 * 1/2048 of the pilot's range wide, here far below 1e-4 of the value,
 * where the log buckets alone would give 0.39%).  No SPUK deal of the demo
 * is within reach of its extension threshold (at least 0.5% of V away). */
static void huge_concentration_gives_the_deterministic_run(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    rs_uncertainty u = f.sc->unc;
    u.real_mean = f.sc->real_mean;
    u.concentration = 1e7;
    u.shock_probability = 0;
    u.admin_spread = 0;
    rs_mc_result r;
    run_mc(&f, u, 2000, opts(0, 0), &r);
    double det[RS_M_N], work[64];
    CU_ASSERT_FATAL(2 * f.sc->n_regions <= 64);
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, det);
    for (int m = 0; m < RS_M_N; m++) {
        ASSERT_CLOSE(r.metric[m].mean, det[m], 1e-4);
        ASSERT_CLOSE(r.metric[m].p50, det[m], 1e-4);
        CU_ASSERT_TRUE(r.metric[m].sd <= 1e-3 * fmax(1, fabs(det[m])));
    }
    for (int k = 0; k < r.ny; k++)
        ASSERT_CLOSE(r.yearly[RS_Y_SPENT][k].mean, f.run->y[RS_Y_SPENT][k], 1e-4);
    CU_ASSERT_EQUAL(r.shocked, 0);
    rs_mc_result_free(&r);
    rs_fixture_free(&f);
}

/* A one-year horizon (2023) and a shock with probability 1 and severity 1:
 * 2023 is the shock year of every draw, so every ρ of 2023 is 0 and
 * nothing is spent in 2023; the DU deal goes on into 2024 (after the
 * horizon), where it spends. */
static void certain_total_shock_stops_spending(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, "{'horizon': {'start': 2023, 'end': 2023}, " REGIONS3 ", "
            "'instruments': {'i': {'id': 'i', 'name': 'I', " DU_BODY "}}, "
            "'tranches': [{'id': 'T', 'year': 2023, 'instrument': 'i', 'budget': 100}], "
            "'deals': [" DEAL("a", "r1", 12.5, 2) ", " DEAL("b", "r2", 7.25, 3) "], "
            "'uncertainty': {'draws': 500, 'seed': 7, "
            "'realisation': {'mean': 0.85, 'concentration': 20}, "
            "'shock': {'probability': 1, 'severity': 1}}}"));
    rs_mc_result r;
    run_mc(&f, f.sc->unc, 500, opts(2, 0), &r);
    CU_ASSERT_EQUAL(r.shocked, 500);
    const rs_stats *s = &r.yearly[RS_Y_SPENT][0], *c = &r.cum_spent[0];
    CU_ASSERT_TRUE(s->mean == 0 && s->sd == 0 && s->p5 == 0 && s->p50 == 0 && s->p95 == 0);
    CU_ASSERT_TRUE(c->mean == 0 && c->p95 == 0);
    CU_ASSERT_EQUAL(r.y0, 2023);
    CU_ASSERT_TRUE_FATAL(r.ny >= 2);
    CU_ASSERT_TRUE(r.yearly[RS_Y_SPENT][1].p5 > 0);
    /* money is still paid in 2023: the plan schedule does not wait */
    CU_ASSERT_TRUE(r.yearly[RS_Y_PAID][0].p50 > 0);
    rs_mc_result_free(&r);
    rs_fixture_free(&f);
}

/* t4-du.json: a DU (no deadline, so the active years never change) whose
 * obligations are per deal and per private partner.  With admin_spread 0
 * every draw bears exactly the deterministic burden, whatever ρ does. */
static void no_spread_gives_the_deterministic_burden(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, T4_DU, NULL, 0));
    rs_uncertainty u = f.sc->unc;
    u.admin_spread = 0;
    rs_mc_result r;
    run_mc(&f, u, 1000, opts(0, 0), &r);
    double det[RS_M_N], work[64];
    CU_ASSERT_FATAL(2 * f.sc->n_regions <= 64);
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, det);
    const int ms[] = {RS_M_ADMIN_REGION, RS_M_ADMIN_RIJK, RS_M_ADMIN_TOTAL};
    for (int j = 0; j < 3; j++) {
        const rs_stats *s = &r.metric[ms[j]];
        CU_ASSERT_TRUE(det[ms[j]] > 0);
        CU_ASSERT_EQUAL(s->mean, det[ms[j]]);
        CU_ASSERT_EQUAL(s->sd, 0);
        CU_ASSERT_EQUAL(s->p5, det[ms[j]]);
        CU_ASSERT_EQUAL(s->p50, det[ms[j]]);
        CU_ASSERT_EQUAL(s->p95, det[ms[j]]);
        CU_ASSERT_EQUAL(r.min[ms[j]], det[ms[j]]);
        CU_ASSERT_EQUAL(r.max[ms[j]], det[ms[j]]);
    }
    CU_ASSERT_TRUE(r.metric[RS_M_SPENT].sd > 0); /* ρ does vary */
    rs_mc_result_free(&r);

    /* spread 0.3: the factor has mean 1 and sd 0.3, so the mean burden of
     * 4000 draws is the deterministic one within 3.2 standard errors
     * (0.3/sqrt(4000) = 0.47%): 1.5% */
    u.admin_spread = 0.3;
    run_mc(&f, u, 4000, opts(0, 0), &r);
    ASSERT_CLOSE(r.metric[RS_M_ADMIN_TOTAL].mean / det[RS_M_ADMIN_TOTAL], 1, 0.015);
    ASSERT_CLOSE(r.metric[RS_M_ADMIN_TOTAL].sd / det[RS_M_ADMIN_TOTAL], 0.3, 0.3 * 0.05);
    rs_mc_result_free(&r);
    rs_fixture_free(&f);
}

/* ---- invariants, errors, progress ------------------------------------- */

typedef struct hook_arg {
    long calls;
    long bad[2]; /* draws to break */
} hook_arg;

/* Counts the draws; breaks 'spent + backlog = V' of the first deal in
 * the chosen draws. */
static void hook(rs_run *run, long draw, void *arg)
{
    hook_arg *h = arg;
#pragma omp atomic update
    h->calls++;
    if (draw == h->bad[0] || draw == h->bad[1])
        run->dr[0].backlog += 2.385;
}

/* Every draw is checked: the hook sees all 2000 draws; broken in draws
 * 1500 and 777, the run stops with RS_EXIT_INTERNAL naming draw 777 (the
 * lowest) and the deal, on 1, 2 or 3 threads alike. */
static void invariants_checked_in_every_draw(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    hook_arg h = {0, {-1, -1}};
    rs_mc_opts o = {2, NULL, &h, 0, hook};
    rs_mc_result r;
    run_mc(&f, f.sc->unc, 2000, o, &r);
    CU_ASSERT_EQUAL(h.calls, 2000);
    rs_mc_result_free(&r);
    for (int t = 1; t <= 3; t++) {
        hook_arg hb = {0, {1500, 777}};
        rs_mc_opts ob = {t, NULL, &hb, 0, hook};
        rs_uncertainty u = f.sc->unc;
        u.draws = 2000;
        rs_diag d;
        rs_diag_init(&d);
        CU_ASSERT_EQUAL(rs_mc_run_opts(f.plan, &u, &ob, &r, &d), RS_EXIT_INTERNAL);
        CU_ASSERT_EQUAL(d.code, RS_EXIT_INTERNAL);
        CU_ASSERT_TRUE_FATAL(d.n >= 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "draw 777 "));
        CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], f.sc->deals[0].id));
        CU_ASSERT_PTR_NOT_NULL(strstr(d.msg[0], "spent + backlog"));
        CU_ASSERT_PTR_NULL(r.store);
        rs_diag_free(&d);
    }
    rs_fixture_free(&f);
}

/* Parameters the loader would not let through are still refused. */
static void bad_parameters_are_refused(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    rs_uncertainty bad[3];
    for (int k = 0; k < 3; k++)
        bad[k] = f.sc->unc;
    bad[0].draws = 0;
    bad[1].concentration = 0;
    bad[2].shock_severity = 1.5;
    for (int k = 0; k < 3; k++) {
        rs_diag d;
        rs_diag_init(&d);
        rs_mc_result r;
        CU_ASSERT_EQUAL(rs_mc_run(f.plan, &bad[k], 1, NULL, NULL, &r, &d), RS_EXIT_INVALID);
        CU_ASSERT_TRUE(d.n == 1 && strstr(d.msg[0], "$.uncertainty"));
        rs_diag_free(&d);
    }
    rs_fixture_free(&f);
}

typedef struct prog {
    long calls, last, total;
    int backwards;
} prog;

static void progress(long done, long total, void *arg)
{
    prog *p = arg;
    p->backwards |= done < p->last;
    p->calls++;
    p->last = done;
    p->total = total;
}

/* Progress ends with done = total and never goes back. */
static void progress_reaches_the_total(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    prog p = {0, 0, 0, 0};
    rs_mc_result r;
    rs_uncertainty u = f.sc->unc;
    u.draws = 2000;
    rs_diag d;
    rs_diag_init(&d);
    CU_ASSERT_EQUAL(rs_mc_run(f.plan, &u, 2, progress, &p, &r, &d), RS_EXIT_OK);
    CU_ASSERT_TRUE(p.calls >= 1);
    CU_ASSERT_EQUAL(p.last, 2000);
    CU_ASSERT_EQUAL(p.total, 2000);
    CU_ASSERT_FALSE(p.backwards);
    rs_mc_result_free(&r);
    rs_mc_result_free(&r); /* a freed result is zeroed: freeing again is harmless */
    rs_diag_free(&d);
    rs_fixture_free(&f);
}

/* The chart histogram: 25 bins from the smallest to the largest draw that
 * hold every draw; a metric that never changes (deals_awarded = 8) lands
 * in the middle bin of a unit-wide range. */
static void histogram_holds_every_draw(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, DEMO, NULL, 0));
    rs_mc_result r;
    run_mc(&f, f.sc->unc, 2000, opts(0, 0), &r);
    double e[26];
    long c[25], sum = 0;
    CU_ASSERT_EQUAL(rs_mc_histogram(&r, RS_M_SPENT, 25, e, c), 0);
    CU_ASSERT_EQUAL(e[0], r.min[RS_M_SPENT]);
    CU_ASSERT_EQUAL(e[25], r.max[RS_M_SPENT]);
    for (int k = 0; k < 25; k++) {
        CU_ASSERT_TRUE(e[k] < e[k + 1]);
        sum += c[k];
    }
    CU_ASSERT_EQUAL(sum, 2000);
    CU_ASSERT_TRUE(c[0] > 0 && c[24] > 0); /* the extremes are in the end bins */
    CU_ASSERT_EQUAL(rs_mc_histogram(&r, RS_M_DEALS_AWARDED, 25, e, c), 0);
    CU_ASSERT_EQUAL(c[12], 2000);
    ASSERT_CLOSE(e[0], 7.5, 1e-15);
    CU_ASSERT_EQUAL(rs_mc_histogram(&r, RS_M_SPENT, 0, e, c), -1);
    rs_mc_result_free(&r);
    rs_fixture_free(&f);
}

typedef struct ext_count {
    long n[16];
} ext_count;

static void count_ext(rs_run *run, long draw, void *arg)
{
    (void)draw;
    ext_count *c = arg;
    for (size_t d = 0; d < run->plan->sc->n_deals && d < 16; d++)
        if (run->dr[d].extended) {
#pragma omp atomic update
            c->n[d]++;
        }
}

/* Per deal, the share of draws with an extension counted directly in
 * every draw; the mean reclaims add up to the mean of rijk_reclaimed
 * (within the 5e-10 M€ per deal of their integer sums); both the same
 * bytes on 1 and 3 threads.  t4-spuk's deals sit near their extension
 * threshold: some draws extend them, some do not. */
static void per_deal_extension_and_reclaim(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/t4-spuk.json", NULL, 0));
    CU_ASSERT_FATAL(f.sc->n_deals <= 16);
    ext_count c = {{0}};
    rs_mc_opts o = {1, NULL, &c, 0, count_ext};
    rs_mc_result a, b;
    run_mc(&f, f.sc->unc, 1500, o, &a);
    run_mc(&f, f.sc->unc, 1500, opts(3, 0), &b);
    double sum = 0;
    int between = 0;
    for (size_t d = 0; d < f.sc->n_deals; d++) {
        CU_ASSERT_EQUAL(a.p_extended[d], (double)c.n[d] / 1500);
        between += a.p_extended[d] > 0 && a.p_extended[d] < 1;
        sum += a.mean_reclaimed[d];
    }
    CU_ASSERT_TRUE(between >= 1);
    ASSERT_CLOSE(sum, a.metric[RS_M_RIJK_RECLAIMED].mean, 5e-10 * (double)f.sc->n_deals);
    CU_ASSERT_EQUAL(memcmp(a.p_extended, b.p_extended, f.sc->n_deals * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(a.mean_reclaimed, b.mean_reclaimed, f.sc->n_deals * sizeof(double)), 0);
    rs_mc_result_free(&a);
    rs_mc_result_free(&b);
    rs_fixture_free(&f);
}

const rs_test rs_tests_mc[] = {
    {"per deal: share of draws extended, mean reclaim", per_deal_extension_and_reclaim},
    {"Philox known answer; a stream is a function of its name", philox_known_answer_and_names},
    {"a pair of streams shares its first block, each half then its own", pair_of_streams_shares_one_block},
    {"the Beta sampler's mean and variance (10^7 samples)", beta_mean_and_variance},
    {"a deal's draws do not depend on other deals", a_deals_draws_do_not_depend_on_other_deals},
    {"draws do not depend on the chunks", draws_do_not_depend_on_chunks},
    {"1, 2 and 3 threads give identical bytes", threads_give_identical_bytes},
    {"quantiles match a full sort", quantiles_match_a_full_sort},
    {"buckets are ordered and narrow", buckets_are_ordered_and_narrow},
    {"quantiles of a few values", quantiles_of_few_values},
    {"tracked log buckets give the same quantiles", tracked_buckets_give_the_same_quantiles},
    {"huge concentration gives the deterministic run",
     huge_concentration_gives_the_deterministic_run},
    {"a certain total shock stops a year's spending", certain_total_shock_stops_spending},
    {"admin_spread 0 gives the deterministic burden", no_spread_gives_the_deterministic_burden},
    {"invariants are checked in every draw", invariants_checked_in_every_draw},
    {"bad parameters are refused", bad_parameters_are_refused},
    {"progress reaches the total", progress_reaches_the_total},
    {"the histogram holds every draw", histogram_holds_every_draw},
    {NULL, NULL}};
