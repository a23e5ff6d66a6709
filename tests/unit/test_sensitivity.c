/* test_sensitivity.c — the methods of src/sensitivity on functions whose
 * indices are known analytically. */
#include <stdlib.h>
#include <string.h>

#include "../../src/sensitivity/sensitivity.h"
#include "helpers.h"

static const double PI = 3.14159265358979323846;

/* Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³. */
static double ishigami(const double *u)
{
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    return sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

static rs_sobol_result sobol_of(size_t k, size_t n, double (*f)(const double *), size_t k_f)
{
    size_t np = rs_sobol_points(k, n);
    double *u = calloc(np * k, sizeof *u), *y = calloc(np, sizeof *y);
    CU_ASSERT_EQUAL_FATAL(rs_sobol_sample(k, n, u), 0);
    (void)k_f;
    for (size_t p = 0; p < np; p++)
        y[p] = f(u + p * k);
    rs_sobol_result r;
    CU_ASSERT_EQUAL(rs_sobol_analyze(k, n, y, 200, 7, 1.959964, &r), 0);
    free(u);
    free(y);
    return r;
}

/* Analytic values (Saltelli et al. 2008, ch. 4): V1 = 0.5(1 + bπ⁴/5)²,
 * V2 = a²/8, V13 = b²π⁸(1/18 − 1/50); S1 = 0.3139, 0.4424, 0;
 * ST = 0.5576, 0.4424, 0.2437.  With N = 8192 Sobol rows (40960 runs) the
 * estimates are within 0.02 of them; the bootstrap half-widths are below
 * 0.05 and cover the truth. */
static void test_ishigami(void)
{
    rs_sobol_result r = sobol_of(3, 8192, ishigami, 3);
    const double s1[3] = {0.3139, 0.4424, 0}, st[3] = {0.5576, 0.4424, 0.2437};
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_DOUBLE_EQUAL(r.s1[i], s1[i], 0.02);
        CU_ASSERT_DOUBLE_EQUAL(r.st[i], st[i], 0.02);
        CU_ASSERT(r.s1_conf[i] > 0 && r.s1_conf[i] < 0.05);
        CU_ASSERT(r.st_conf[i] > 0 && r.st_conf[i] < 0.05);
        CU_ASSERT(fabs(r.s1[i] - s1[i]) < r.s1_conf[i] + 0.005);
        CU_ASSERT(fabs(r.st[i] - st[i]) < r.st_conf[i] + 0.005);
    }
    /* V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446 */
    ASSERT_CLOSE(r.variance, 13.8446, 0.01);
    rs_sobol_result_free(&r);
}

/* Indices do not depend on where the output lies: Ishigami + 1000 gives
 * the indices of Ishigami (the outputs are centred first; without that,
 * the first-order estimator's spread grows with the offset). */
static double ishigami_far(const double *u) { return ishigami(u) + 1000; }

static void test_shift_invariance(void)
{
    rs_sobol_result a = sobol_of(3, 1024, ishigami, 3), b = sobol_of(3, 1024, ishigami_far, 3);
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_DOUBLE_EQUAL(a.s1[i], b.s1[i], 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(a.st[i], b.st[i], 1e-9);
        CU_ASSERT_DOUBLE_EQUAL(a.s1_conf[i], b.s1_conf[i], 1e-9);
    }
    rs_sobol_result_free(&a);
    rs_sobol_result_free(&b);
}

/* The Sobol G-function with a = (0, 1, 4.5, 9, 99): V_i = 1/(3(1 + a_i)²),
 * S_i = V_i / V, ST_i = V_i·Π_{j≠i}(1 + V_j) / V with V = Π(1 + V_i) − 1.
 * N = 4096 (28672 runs): within 0.02. */
static const double G_A[5] = {0, 1, 4.5, 9, 99};
static double gfun(const double *u)
{
    double f = 1;
    for (int i = 0; i < 5; i++)
        f *= (fabs(4 * u[i] - 2) + G_A[i]) / (1 + G_A[i]);
    return f;
}

static void test_g_function(void)
{
    double vi[5], prod = 1;
    for (int i = 0; i < 5; i++) {
        vi[i] = 1 / (3 * (1 + G_A[i]) * (1 + G_A[i]));
        prod *= 1 + vi[i];
    }
    double v = prod - 1;
    rs_sobol_result r = sobol_of(5, 4096, gfun, 5);
    for (int i = 0; i < 5; i++) {
        double s1 = vi[i] / v, st = vi[i] * prod / (1 + vi[i]) / v;
        CU_ASSERT_DOUBLE_EQUAL(r.s1[i], s1, 0.02);
        CU_ASSERT_DOUBLE_EQUAL(r.st[i], st, 0.02);
    }
    /* hand values for the first factor: S1 = 0.7165, ST = 0.7871 */
    CU_ASSERT_DOUBLE_EQUAL(vi[0] / v, 0.7165, 5e-4);
    CU_ASSERT_DOUBLE_EQUAL(vi[0] * prod / (1 + vi[0]) / v, 0.7871, 5e-4);
    ASSERT_CLOSE(r.variance, v, 0.03);
    rs_sobol_result_free(&r);
}

static void test_sobol_errors(void)
{
    double u[4];
    CU_ASSERT_EQUAL(rs_sobol_sample(0, 4, u), -1);
    CU_ASSERT_EQUAL(rs_sobol_sample(RS_SOBOL_MAX_FACTORS + 1, 4, u), -1);
    /* a constant output has no variance */
    double y[8] = {2.385, 2.385, 2.385, 2.385, 2.385, 2.385, 2.385, 2.385};
    rs_sobol_result r;
    CU_ASSERT_EQUAL(rs_sobol_analyze(2, 2, y, 10, 1, 1.96, &r), -1);
    CU_ASSERT_EQUAL(r.s1[0], 0);
    rs_sobol_result_free(&r);
    /* the design: A, AB_1, AB_2, B per base row */
    double d[2 * 4 * 2];
    CU_ASSERT_EQUAL_FATAL(rs_sobol_sample(2, 2, d), 0);
    CU_ASSERT_DOUBLE_EQUAL(d[0], 0.5, 0); /* first point of the sequence */
    CU_ASSERT_DOUBLE_EQUAL(d[2], d[6], 0);  /* AB_1 takes x1 from B */
    CU_ASSERT_DOUBLE_EQUAL(d[3], d[1], 0);  /* and x2 from A */
    CU_ASSERT_DOUBLE_EQUAL(d[4], d[0], 0);  /* AB_2 takes x1 from A */
    CU_ASSERT_DOUBLE_EQUAL(d[5], d[7], 0);  /* and x2 from B */
}

/* Morris on f = 2.385 x1 − 0.7 x2 + 0 x3 + x4²: the effect of a linear
 * factor is its coefficient exactly (μ* = |c|, σ = 0); x3 has none; for
 * x4 at 4 levels (Δ = 2/3) an effect is 2x + Δ with x in {0, 1/3}: 2/3 or
 * 4/3, so μ* lies between them, near 1 over many trajectories. */
static double morris_f(const double *u) { return 2.385 * u[0] - 0.7 * u[1] + u[3] * u[3]; }

static void test_morris(void)
{
    size_t k = 4, r = 400;
    size_t np = rs_morris_points(k, r);
    CU_ASSERT_EQUAL(np, 2000);
    double *u = calloc(np * k, sizeof *u), *y = calloc(np, sizeof *y);
    CU_ASSERT_EQUAL_FATAL(rs_morris_sample(k, r, 4, 11, u), 0);
    for (size_t p = 0; p < np; p++) {
        for (size_t i = 0; i < k; i++) /* on the grid */
            CU_ASSERT(fabs(u[p * k + i] * 3 - round(u[p * k + i] * 3)) < 1e-15);
        y[p] = morris_f(u + p * k);
    }
    /* consecutive points differ in exactly one factor, by 2/3 */
    for (size_t t = 0; t < r; t++)
        for (size_t s = 0; s < k; s++) {
            int moved = 0;
            for (size_t i = 0; i < k; i++) {
                double d = fabs(u[(t * (k + 1) + s + 1) * k + i] - u[(t * (k + 1) + s) * k + i]);
                if (d > 0) {
                    moved++;
                    CU_ASSERT_DOUBLE_EQUAL(d, 2.0 / 3, 1e-15);
                }
            }
            CU_ASSERT_EQUAL(moved, 1);
        }
    double ms[4], mu[4], sd[4];
    double *ee = calloc(r * k, sizeof *ee);
    rs_morris_analyze(k, r, 4, u, y, ms, mu, sd, ee);
    CU_ASSERT_DOUBLE_EQUAL(ms[0], 2.385, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(mu[0], 2.385, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sd[0], 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ms[1], 0.7, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(mu[1], -0.7, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ms[2], 0, 1e-15);
    CU_ASSERT(ms[3] > 2.0 / 3 && ms[3] < 4.0 / 3);
    CU_ASSERT_DOUBLE_EQUAL(ms[3], 1, 0.06);
    /* each x4 effect is 2/3 or 4/3: sd of a two-point spread, ≈ 1/3 */
    for (size_t t = 0; t < r; t++)
        CU_ASSERT(fabs(ee[t * k + 3] - 2.0 / 3) < 1e-12 || fabs(ee[t * k + 3] - 4.0 / 3) < 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sd[3], 1.0 / 3, 0.02);
    /* the same seed gives the same design */
    double *u2 = calloc(np * k, sizeof *u2);
    rs_morris_sample(k, r, 4, 11, u2);
    CU_ASSERT_EQUAL(memcmp(u, u2, np * k * sizeof *u), 0);
    CU_ASSERT_EQUAL(rs_morris_sample(k, r, 3, 11, u2), -1); /* odd levels */
    CU_ASSERT_EQUAL(rs_morris_sample(0, r, 4, 11, u2), -1);
    free(u);
    free(u2);
    free(y);
    free(ee);
}

/* Brent on f(x) = x² − 2.385 over [0, 3]: √2.385 = 1.544344… */
static double sq(double x, void *arg)
{
    (void)arg;
    return x * x - 2.385;
}
static double bad(double x, void *arg)
{
    (void)arg;
    return x > 1 ? NAN : x - 2;
}

static void test_root(void)
{
    double x = 0;
    CU_ASSERT_EQUAL(rs_sens_root(sq, NULL, 0, 3, sq(0, NULL), sq(3, NULL), 1e-12, 1e-10, 100, &x),
                    0);
    CU_ASSERT_DOUBLE_EQUAL(x, sqrt(2.385), 1e-9);
    CU_ASSERT_EQUAL(rs_sens_root(sq, NULL, 2, 3, sq(2, NULL), sq(3, NULL), 1e-12, 1e-10, 100, &x),
                    1);
    CU_ASSERT_EQUAL(rs_sens_root(sq, NULL, 0, 3, NAN, 1, 1e-12, 1e-10, 100, &x), 2);
    CU_ASSERT_EQUAL(rs_sens_root(bad, NULL, 0, 3, -2, 1, 1e-12, 1e-10, 100, &x), 2);
    x = 9;
    CU_ASSERT_EQUAL(rs_sens_root(sq, NULL, 0, 3, 0, 1, 1e-12, 1e-10, 100, &x), 0);
    CU_ASSERT_EQUAL(x, 0); /* a zero at the end is the answer */
}

const rs_test rs_tests_sensitivity[] = {
    {"Sobol indices of the Ishigami function", test_ishigami},
    {"Sobol indices of the G-function", test_g_function},
    {"Sobol indices do not depend on the output's offset", test_shift_invariance},
    {"Sobol design and error paths", test_sobol_errors},
    {"Morris effects of known size", test_morris},
    {"Brent switching values", test_root},
    {NULL, NULL},
};
