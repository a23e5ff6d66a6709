/* test_sample.c — the samplers of src/mc/sample.h against their exact
 * distributions: mean, variance and the Kolmogorov–Smirnov distance of n
 * samples per parameter pair (n = 200,000 here; SAMPLE_N=10000000 in the
 * environment, as `make check-samplers` sets it, for 10^7).  Every sample
 * reads its own named streams, as the Monte Carlo does.
 *
 * Tolerances, for n samples of a distribution with variance σ² and fourth
 * central moment μ4: |mean − μ| ≤ 5σ/√n; |s² − σ²| ≤ 6·√((μ4 − σ⁴)/n)
 * (μ4 from the sample); KS distance D_n ≤ 1.95/√n (the 0.1% point of
 * Kolmogorov's distribution).  So a correct sampler fails one check in
 * well under a thousand runs, and the test below that feeds a wrong
 * distribution in shows that a sampler off by a few percent fails. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <stdlib.h>

#include "../../src/mc/sample.h"
#include "helpers.h"

#define KEY 0x74657374ULL /* "test" */

static size_t n_samples(void)
{
    const char *s = getenv("SAMPLE_N");
    long n = s ? atol(s) : 0;
    return n >= 1000 ? (size_t)n : 200000;
}

typedef double (*cdf_fn)(double x, const double *par);
static double cdf_normal(double x, const double *par) { (void)par; return gsl_cdf_ugaussian_P(x); }
static double cdf_gamma(double x, const double *par) { return gsl_cdf_gamma_P(x, par[0], 1.0); }
static double cdf_beta(double x, const double *par) { return gsl_cdf_beta_P(x, par[0], par[1]); }

/* What kind of sample 'fill' draws. */
enum { NORMAL, GAMMA, LOG_GAMMA, BETA };

static void fill(int kind, const double *par, double *x, size_t n, uint64_t seed)
{
    rs_gamma_shape g;
    rs_beta_shape b;
    rs_gamma_prep(&g, par[0]);
    rs_beta_prep(&b, par[0], par[1]);
    for (size_t i = 0; i < n; i++) {
        /* normals from a plain stream; the rest from the two halves of a
         * pair of streams as draw.c reads them (rs_cstream_pair): gammas
         * from the half that starts at word 2 of the shared block, log
         * gammas (three words or more each) across the end of the half
         * that owns words 0 and 1 */
        rs_cstream s, t;
        if (kind == NORMAL)
            rs_cstream_init(&s, seed, KEY, i, 7, 0);
        else
            rs_cstream_pair(&s, &t, seed, KEY, i, 7, 0);
        switch (kind) {
        case NORMAL: x[i] = rs_normal(&s); break;
        case GAMMA: x[i] = rs_gamma(&t, &g); break;
        case LOG_GAMMA: x[i] = exp(rs_log_gamma(&s, &g)); break;
        default: x[i] = rs_beta(&s, &t, &b); break;
        }
    }
}

/* Checks n samples x (sorted here) against mean mu, variance var and cdf;
 * returns how many of the three checks failed, and prints them. */
static int check(const char *what, double *x, size_t n, double mu, double var, cdf_fn cdf,
                 const double *par)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= (double)n;
    double s2 = 0, m4 = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - m;
        s2 += d * d;
        m4 += d * d * d * d;
    }
    s2 /= (double)(n - 1);
    m4 /= (double)n;
    gsl_sort(x, 1, n);
    double D = 0;
    for (size_t i = 0; i < n; i++) {
        double F = cdf(x[i], par);
        double lo = F - (double)i / (double)n, hi = (double)(i + 1) / (double)n - F;
        D = fmax(D, fmax(lo, hi));
    }
    int bad = 0;
    double rn = sqrt((double)n);
    if (fabs(m - mu) > 5 * sqrt(var) / rn) {
        printf("\n  %s: mean %.6g, expected %.6g (tolerance %.2g)", what, m, mu,
               5 * sqrt(var) / rn);
        bad++;
    }
    if (fabs(s2 - var) > 6 * sqrt(fmax(m4 - var * var, 0) / (double)n)) {
        printf("\n  %s: variance %.6g, expected %.6g", what, s2, var);
        bad++;
    }
    if (D * rn > 1.95) {
        printf("\n  %s: KS distance %.3g, limit %.3g", what, D, 1.95 / rn);
        bad++;
    }
    return bad;
}

static void test_normal(void)
{
    size_t n = n_samples();
    double *x = rs_xmalloc(n * sizeof *x), par[2] = {0, 0};
    fill(NORMAL, par, x, n, 11);
    CU_ASSERT_EQUAL(check("normal", x, n, 0, 1, cdf_normal, par), 0);
    /* the tails: P(|z| > R) = 2.58e-4, reached only through rs_normal_tail */
    size_t tail = 0;
    for (size_t i = 0; i < n; i++)
        tail += fabs(x[i]) > RS_ZIG_R;
    double p = 2 * gsl_cdf_ugaussian_Q(RS_ZIG_R);
    CU_ASSERT(fabs((double)tail - p * (double)n) < 5 * sqrt(p * (double)n) + 1);
    free(x);
}

static void test_gamma(void)
{
    static const double shapes[] = {0.05, 0.37, 1.0, 2.385, 3.6, 16.4, 171.3};
    size_t n = n_samples();
    double *x = rs_xmalloc(n * sizeof *x);
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        double par[2] = {shapes[k], 0};
        char what[64];
        snprintf(what, sizeof what, "gamma(%g)", shapes[k]);
        fill(shapes[k] < 1 ? LOG_GAMMA : GAMMA, par, x, n, 100 + k);
        CU_ASSERT_EQUAL(check(what, x, n, shapes[k], shapes[k], cdf_gamma, par), 0);
    }
    free(x);
}

static void test_beta(void)
{
    /* the bench's two (μκ, (1−μ)κ) pairs, a symmetric one, both shapes
     * below 1, one below 1 (each side: near 1, doubles are too coarse for
     * b much below 0.4), and a concentration of 1000 */
    static const double pairs[][2] = {{16.4, 3.6}, {17, 3},     {2.385, 2.385}, {0.3, 0.7},
                                      {0.05, 2.0}, {2.5, 0.45}, {850, 150}};
    size_t n = n_samples();
    double *x = rs_xmalloc(n * sizeof *x);
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        double a = pairs[k][0], b = pairs[k][1];
        char what[64];
        snprintf(what, sizeof what, "beta(%g, %g)", a, b);
        fill(BETA, pairs[k], x, n, 200 + k);
        int in01 = 1;
        for (size_t i = 0; i < n; i++)
            in01 &= x[i] >= 0 && x[i] <= 1;
        CU_ASSERT(in01);
        double mu = a / (a + b), var = a * b / ((a + b) * (a + b) * (a + b + 1));
        CU_ASSERT_EQUAL(check(what, x, n, mu, var, cdf_beta, pairs[k]), 0);
    }
    free(x);
}

/* The checks can fail: Beta(17, 3) samples are not Beta(16.4, 3.6) (means
 * 0.85 and 0.82), nor is Gamma(3.6) Gamma(3.7). */
static void test_checks_catch_a_wrong_sampler(void)
{
    size_t n = 200000;
    double *x = rs_xmalloc(n * sizeof *x);
    const double right[2] = {17, 3}, wrong[2] = {16.4, 3.6};
    fill(BETA, right, x, n, 3);
    printf("\n  (the next lines are failures this test provokes on purpose)");
    CU_ASSERT(check("beta(17, 3) as beta(16.4, 3.6)", x, n, 16.4 / 20, 16.4 * 3.6 / 8400,
                    cdf_beta, wrong) >= 2);
    const double g[2] = {3.6, 0}, g2[2] = {3.7, 0};
    fill(GAMMA, g, x, n, 4);
    CU_ASSERT(check("gamma(3.6) as gamma(3.7)", x, n, 3.7, 3.7, cdf_gamma, g2) >= 2);
    free(x);
}

/* Streams name samples: the same names give the same bits, the X stream
 * of a Beta does not depend on b, and the samplers read nothing else. */
static void test_streams(void)
{
    rs_beta_shape b1, b2;
    rs_beta_prep(&b1, 16.4, 3.6);
    rs_beta_prep(&b2, 16.4, 30.0);
    rs_cstream s, t;
    rs_cstream_init(&s, 5, KEY, 9, 1, 0);
    rs_cstream_init(&t, 5, KEY, 9, 1, 1);
    double x1 = rs_beta(&s, &t, &b1);
    rs_cstream_init(&s, 5, KEY, 9, 1, 0);
    rs_cstream_init(&t, 5, KEY, 9, 1, 1);
    CU_ASSERT_EQUAL(x1, rs_beta(&s, &t, &b1));
    /* X = Gamma(16.4) is the same under both b: x1/(1 − x1) · Y1 = X */
    rs_gamma_shape ga;
    rs_gamma_prep(&ga, 16.4);
    rs_cstream_init(&s, 5, KEY, 9, 1, 0);
    double X = rs_gamma(&s, &ga);
    rs_cstream_init(&t, 5, KEY, 9, 1, 1);
    double Y1 = rs_gamma(&t, &b1.y);
    ASSERT_CLOSE(X / (X + Y1), x1, 1e-15);
    rs_cstream_init(&s, 5, KEY, 9, 1, 0);
    rs_cstream_init(&t, 5, KEY, 9, 1, 1);
    double x2 = rs_beta(&s, &t, &b2);
    rs_cstream_init(&t, 5, KEY, 9, 1, 1);
    double Y2 = rs_gamma(&t, &b2.y);
    ASSERT_CLOSE(X / (X + Y2), x2, 1e-15);
    CU_ASSERT(x2 < x1);
}

/* The ziggurat tables are the recurrence of sample.c. */
static void test_tables(void)
{
    const double R = RS_ZIG_R, V = 0.00492867323399;
    double x = R;
    CU_ASSERT_EQUAL(rs_zig_x[1], R);
    ASSERT_CLOSE(rs_zig_x[0], V / exp(-R * R / 2), 1e-15);
    for (int i = 2; i < RS_ZIG_N; i++) {
        x = sqrt(-2 * log(V / x + exp(-x * x / 2)));
        ASSERT_CLOSE(rs_zig_x[i], x, 1e-13);
        CU_ASSERT(rs_zig_x[i] < rs_zig_x[i - 1]);
    }
    CU_ASSERT_EQUAL(rs_zig_x[RS_ZIG_N], 0);
    for (int i = 0; i <= RS_ZIG_N; i++)
        ASSERT_CLOSE(rs_zig_f[i], exp(-rs_zig_x[i] * rs_zig_x[i] / 2), 1e-15);
    /* the top layer's area is V: x[255]·(1 − f[255]) */
    ASSERT_CLOSE(rs_zig_x[255] * (1 - rs_zig_f[255]), V, 1e-6);
}

const rs_test rs_tests_sample[] = {
    {"normal: mean, variance, KS, tail", test_normal},
    {"gamma: 7 shapes from 0.05 to 171", test_gamma},
    {"beta: 7 pairs, incl. shapes below 1", test_beta},
    {"the checks fail for a wrong distribution", test_checks_catch_a_wrong_sampler},
    {"streams name samples", test_streams},
    {"ziggurat tables", test_tables},
    {NULL, NULL},
};
