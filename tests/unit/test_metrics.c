/* test_metrics.c — MODEL.md §5 on hand-worked numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "scen.h"

/* x = 1, 2, 3, 4: Σ_i Σ_j |x_i − x_j| = 20, n = 4, mean 2.5:
 * G = 20 / (2·16·2.5) = 0.25.  x = 0, 0, 0, 5: 30 / (2·16·1.25) = 0.75. */
static void gini(void)
{
    double a[] = {3, 1, 4, 2};
    ASSERT_CLOSE(rs_gini(a, 4), 0.25, 1e-15);
    double b[] = {0, 5, 0, 0};
    ASSERT_CLOSE(rs_gini(b, 4), 0.75, 1e-15);
    double c[] = {0, 0, 0};
    CU_ASSERT_EQUAL(rs_gini(c, 3), 0);
    double d[] = {2.385, 2.385};
    CU_ASSERT_EQUAL(rs_gini(d, 2), 0);
}

/* x = 1, 2, 3; y = 2, 4, 7: Σdx·dy = 5, Σdx² = 2, Σdy² = 114/9:
 * r = 5 / sqrt(2·114/9) = 15 / sqrt(228). */
static void correlation(void)
{
    double x[] = {1, 2, 3}, y[] = {2, 4, 7};
    ASSERT_CLOSE(rs_correlation(x, y, 3), 15 / sqrt(228), 1e-14);
    double z[] = {5, 5, 5};
    CU_ASSERT_EQUAL(rs_correlation(x, z, 3), 0);
    CU_ASSERT_EQUAL(rs_correlation(z, x, 3), 0);
}

/* One 10 M€ deal in r1 (pressure 0.9) among three regions of 100,000:
 * x = (100 €, 0, 0) per inhabitant; G = 4x / (2·9·x/3) = 2/3; the
 * correlation of (1, 0, 0) with (0.9, 0.5, 0.2). */
static void fairness_in_a_scenario(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, SCEN(DU_BODY, "", TR100, DEAL("d", "r1", 10, 2))));
    double m[RS_M_N], work[6];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    ASSERT_CLOSE(m[RS_M_GINI_PER_CAPITA], 2.0 / 3, 1e-14);
    double x[] = {1, 0, 0}, p[] = {0.9, 0.5, 0.2};
    ASSERT_CLOSE(m[RS_M_PRESSURE_CORRELATION], rs_correlation(x, p, 3), 1e-14);
    CU_ASSERT_TRUE(m[RS_M_PRESSURE_CORRELATION] > 0.9);
    rs_fixture_free(&f);
}

/* The worked example with discount_rate 0.1 and a DU-like off_goal_share
 * of 0.2 (rijk-funded spending 19.7504, co-financed 19.7504):
 *   npv = 5 + 5/1.1 + 5/1.1² + 5/1.1³ − 0.2496/1.1⁵
 *   goal = 19.7504 + 0.8·19.7504; effectiveness = goal / (19.7504 + 19.7504)
 *   leverage 2, admin 0. */
static void money_metrics(void)
{
    rs_override ov[] = {{"discount_rate", "0.1"}, {"instruments.spuk.off_goal_share", "0.2"}};
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/worked-example.json", ov, 2));
    double m[RS_M_N], work[2];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    ASSERT_CLOSE(m[RS_M_NPV_RIJK],
                 5 + 5 / 1.1 + 5 / (1.1 * 1.1) + 5 / (1.1 * 1.1 * 1.1) - 0.2496 / pow(1.1, 5),
                 1e-12);
    ASSERT_CLOSE(m[RS_M_GOAL_SPENDING], 19.7504 * 1.8, 1e-12);
    ASSERT_CLOSE(m[RS_M_EFFECTIVENESS], 0.9, 1e-12);
    ASSERT_CLOSE(m[RS_M_LEVERAGE], 2, 1e-15);
    ASSERT_CLOSE(m[RS_M_RIJK_PAID], 20, 1e-12);
    ASSERT_CLOSE(m[RS_M_COFINANCING_SPENT], 19.7504, 1e-12);
    CU_ASSERT_EQUAL(m[RS_M_ADMIN_PCT], 0);
    rs_fixture_free(&f);
}

/* Per tranche and per region sums add up to the scenario's. */
static void subsets_add_up(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/demo.json", NULL, 0));
    double all[RS_M_N], sub[RS_M_N], work[64];
    CU_ASSERT_TRUE_FATAL(f.sc->n_regions <= 32);
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, all);
    static const rs_metric sums[] = {RS_M_RIJK_AWARDED, RS_M_RIJK_NET, RS_M_SPENT,
                                     RS_M_ADMIN_TOTAL, RS_M_RETAINED, RS_M_DEALS_AWARDED};
    double tr[6] = {0}, rg[6] = {0};
    for (size_t k = 0; k < f.sc->n_tranches; k++) {
        rs_metrics_compute(f.run, RS_SUB_TRANCHE, k, work, sub);
        for (int i = 0; i < 6; i++)
            tr[i] += sub[sums[i]];
    }
    for (size_t k = 0; k < f.sc->n_regions; k++) {
        rs_metrics_compute(f.run, RS_SUB_REGION, k, work, sub);
        for (int i = 0; i < 6; i++)
            rg[i] += sub[sums[i]];
    }
    for (int i = 0; i < 6; i++) {
        ASSERT_CLOSE(tr[i], all[sums[i]], 1e-12);
        ASSERT_CLOSE(rg[i], all[sums[i]], 1e-12);
    }
    rs_fixture_free(&f);
}

/* One pass for every tranche and region gives what rs_metrics_compute
 * gives per subset: bit for bit, except a tranche's pressure correlation
 * (another, two-pass, formula: to 1e-12).  The programme (82 deals, six
 * tranches, many regions without a deal) and the demo. */
static void groups_equal_subsets(void)
{
    const char *files[] = {"../../scenarios/programme-baseline.json", "../../scenarios/demo.json",
                           "../../scenarios/cofin-draagkracht.json"};
    for (int fi = 0; fi < 3; fi++) {
        rs_fixture f;
        CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, files[fi], NULL, 0));
        const rs_scenario *sc = f.sc;
        double *tm = rs_xcalloc(sc->n_tranches * RS_M_N, sizeof *tm);
        double *rm = rs_xcalloc(sc->n_regions * RS_M_N, sizeof *rm);
        double *work = rs_xcalloc(2 * sc->n_regions, sizeof *work), one[RS_M_N];
        rs_metrics_groups(f.run, tm, rm);
        int bad = 0;
        for (size_t k = 0; k < sc->n_tranches; k++) {
            rs_metrics_compute(f.run, RS_SUB_TRANCHE, k, work, one);
            for (int m = 0; m < RS_M_N; m++) {
                double a = tm[k * RS_M_N + (size_t)m];
                if (m == RS_M_PRESSURE_CORRELATION ? fabs(a - one[m]) > 1e-12 : a != one[m]) {
                    fprintf(stderr, "\n%s tranche %zu %s: %.17g vs %.17g\n", files[fi], k,
                            rs_metric_infos[m].name, a, one[m]);
                    bad++;
                }
            }
        }
        for (size_t k = 0; k < sc->n_regions; k++) {
            rs_metrics_compute(f.run, RS_SUB_REGION, k, work, one);
            bad += memcmp(rm + k * RS_M_N, one, sizeof one) != 0;
        }
        CU_ASSERT_EQUAL(bad, 0);
        CU_ASSERT_TRUE(tm[RS_M_GINI_PER_CAPITA] > 0);
        free(tm);
        free(rm);
        free(work);
        rs_fixture_free(&f);
    }
}

/* The yearly series per tranche add up to the scenario's, year by year,
 * to 1e-9 (every series of yearly.csv, the programme). */
static void tranche_years_add_up(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/programme-baseline.json", NULL, 0));
    size_t ny = (size_t)f.plan->ny, nt = f.sc->n_tranches;
    double *ty = rs_xcalloc(nt * RS_Y_N_OUT * ny, sizeof *ty);
    rs_metrics_tranche_yearly(f.run, ty);
    double worst = 0;
    for (int s = 0; s < RS_Y_N_OUT; s++)
        for (size_t y = 0; y < ny; y++) {
            double sum = 0;
            for (size_t t = 0; t < nt; t++)
                sum += ty[(t * RS_Y_N_OUT + (size_t)s) * ny + y];
            worst = fmax(worst, fabs(sum - f.run->y[s][y]));
        }
    CU_ASSERT_TRUE(worst <= 1e-9);
    CU_ASSERT_TRUE(nt == 6);
    free(ty);
    rs_fixture_free(&f);
}

/* 100,000 regions and 100,000 deals (one per region, two tranches): the
 * per-tranche and per-region metrics of a run in one pass take less than
 * 30 passes over all deals (one subset at a time they took 100,002 such
 * passes: 10^10 steps).  Checked against the sums over all deals. */
static void groups_are_linear(void)
{
    const size_t n = 100000;
    rs_buf b;
    rs_buf_init(&b);
    rs_buf_add(&b, "id,name,population,fiscal_capacity,bw_pressure\n");
    for (size_t i = 0; i < n; i++)
        rs_buf_printf(&b, "r%zu,R%zu,%zu,1,%.3f\n", i, i, 1000 + i, (double)(i % 1000) / 1000);
    const char *csv = rs_test_file("many-regions.csv", b.s);
    char *csvpath = rs_xstrdup(csv);
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_buf_printf(&b, "{'horizon': {'start': 2023, 'end': 2030}, 'regions': '%s', "
                      "'instruments': {'i': {'id': 'i', 'name': 'I', 'payment': {'schedule': 'plan'}}}, "
                      "'tranches': [{'id': 'A', 'year': 2023, 'budget': 1e9, 'instrument': 'i'}, "
                      "{'id': 'B', 'year': 2024, 'budget': 1e9, 'instrument': 'i'}], 'deals': [",
                  csvpath);
    for (size_t i = 0; i < n; i++)
        rs_buf_printf(&b, "%s{'id': 'd%zu', 'region': 'r%zu', 'tranche': '%s', 'request': %d, "
                          "'duration': 3}",
                      i ? ", " : "", i, i, i % 2 ? "B" : "A", 5 + (int)(i % 7));
    rs_buf_add(&b, "]}");
    free(csvpath);
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, b.s));
    rs_buf_free(&b);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double *tm = rs_xcalloc(2 * RS_M_N, sizeof *tm);
    double *rm = rs_xcalloc(n * RS_M_N, sizeof *rm);
    rs_metrics_groups(f.run, tm, rm);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    /* against one pass over all deals (as fast or slow as this machine,
     * or valgrind, makes it): one subset at a time was 100,000 of those */
    double *work = rs_xcalloc(2 * n, sizeof *work), all[RS_M_N];
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, all);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double one = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    if (!(secs < 30 * one + 0.05))
        fprintf(stderr, "\nper-subset metrics in one pass: %.3f s, one pass over all: %.4f s\n",
                secs, one);
    CU_ASSERT_TRUE(secs < 30 * one + 0.05);
    double sr = 0, st = tm[RS_M_SPENT] + tm[RS_M_N + RS_M_SPENT];
    for (size_t i = 0; i < n; i++)
        sr += rm[i * RS_M_N + RS_M_SPENT];
    ASSERT_CLOSE(sr, all[RS_M_SPENT], 1e-12);
    ASSERT_CLOSE(st, all[RS_M_SPENT], 1e-12);
    CU_ASSERT_EQUAL(tm[RS_M_DEALS_AWARDED] + tm[RS_M_N + RS_M_DEALS_AWARDED], (double)n);
    free(work);
    free(tm);
    free(rm);
    rs_fixture_free(&f);
}

/* The Monte Carlo's metrics of a draw (rs_metrics_compute_draw, fairness
 * made once by rs_metrics_fixed) are rs_metrics_compute's bit for bit, in
 * the programme (82 deals, 2018–2032) under realisations that vary by
 * deal-year; and the fixed metrics are the plan's fairness. */
static void draw_metrics_equal_full_metrics(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/programme-baseline.json", NULL, 0));
    size_t nw = 2 * f.sc->n_regions;
    double *work = rs_xcalloc(nw, sizeof *work), fixed[RS_M_N], a[RS_M_N], b[RS_M_N];
    rs_metrics_fixed(f.plan, work, fixed);
    for (int k = 0; k < 3; k++) {
        for (size_t j = 0; j < f.plan->n_dy; j++)
            f.run->rho[j] = 0.55 + 0.4 * fmod(0.618034 * (double)(j + 17 * k), 1.0);
        f.run->admin_factor = 0.7 + 0.3 * k;
        rs_run_simulate(f.run);
        rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, a);
        rs_metrics_compute_draw(f.run, fixed, b);
        CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);
    }
    CU_ASSERT_EQUAL(fixed[RS_M_GINI_PER_CAPITA], a[RS_M_GINI_PER_CAPITA]);
    CU_ASSERT_EQUAL(fixed[RS_M_PRESSURE_CORRELATION], a[RS_M_PRESSURE_CORRELATION]);
    CU_ASSERT_TRUE(fixed[RS_M_GINI_PER_CAPITA] > 0.1 && fixed[RS_M_GINI_PER_CAPITA] < 1);
    CU_ASSERT_EQUAL(fixed[RS_M_SPENT], 0);
    free(work);
    rs_fixture_free(&f);
}

const rs_test rs_tests_metrics[] = {{"gini", gini},
                                    {"draw metrics equal the full metrics",
                                     draw_metrics_equal_full_metrics},
                                    {"groups in one pass equal each subset", groups_equal_subsets},
                                    {"yearly series per tranche add up", tranche_years_add_up},
                                    {"100,000 regions × 100,000 deals in one pass", groups_are_linear},
                                    {"correlation", correlation},
                                    {"fairness in a scenario", fairness_in_a_scenario},
                                    {"money metrics", money_metrics},
                                    {"subsets add up", subsets_add_up},
                                    {NULL, NULL}};
