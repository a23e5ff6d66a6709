/* test_experiment.c — the experiment layer (src/experiment/): variants
 * built from a tree loaded once, paired Monte Carlo over variants, and
 * reductions that do not depend on the number of threads. */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/experiment/experiment.h"
#include "helpers.h"

#define T4_SPUK "../../scenarios/t4-spuk.json"
#define T4_DU "../../scenarios/t4-du.json"
#define PROG "../../scenarios/programme-baseline.json"

static rs_study *study_of(const char *const *files, size_t n)
{
    rs_study *st = rs_study_new();
    for (size_t i = 0; i < n; i++) {
        rs_diag d;
        rs_diag_init(&d);
        long k = rs_study_add(st, files[i], NULL, 0, &d);
        if (k < 0)
            rs_diag_print(&d, stderr);
        CU_ASSERT_EQUAL_FATAL(k, (long)i);
        rs_diag_free(&d);
    }
    return st;
}

/* A variant is the scenario rs_scenario_load gives with the same
 * overrides: its deterministic metrics equal bit for bit, at five values
 * of a key; a variant with a bad value fails alone, with the loader's
 * message naming the --set. */
static void variants_equal_fresh_loads(void)
{
    const char *files[] = {T4_SPUK};
    rs_study *st = study_of(files, 1);
    static const char *const vals[] = {"0.6", "0.7", "0.825", "0.9", "1"};
    rs_override ov[6];
    rs_variant var[6];
    for (int k = 0; k < 5; k++) {
        ov[k].path = "realisation.mean";
        ov[k].value = vals[k];
        var[k].scenario = 0;
        var[k].ov = &ov[k];
        var[k].n_ov = 1;
    }
    ov[5].path = "realisation.mean";
    ov[5].value = "1.5";
    var[5] = (rs_variant){0, &ov[5], 1};
    rs_eval_opts o = {RS_EVAL_DET, NULL, NULL, NULL, 2, 0, 0, NULL, NULL, 0, 0};
    rs_eval_result r;
    rs_diag d;
    rs_diag_init(&d);
    CU_ASSERT_EQUAL(rs_eval(st, var, 6, &o, &r, &d), RS_EXIT_INVALID);
    CU_ASSERT_EQUAL(r.n, 6);
    for (int k = 0; k < 5; k++) {
        rs_fixture f;
        CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, T4_SPUK, &ov[k], 1));
        double m[RS_M_N], work[64];
        rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
        CU_ASSERT_EQUAL(r.v[k].code, 0);
        CU_ASSERT_EQUAL(memcmp(m, r.v[k].det, sizeof m), 0);
        rs_fixture_free(&f);
    }
    CU_ASSERT_EQUAL(r.v[5].code, RS_EXIT_INVALID);
    CU_ASSERT_TRUE_FATAL(r.v[5].diag.n >= 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.v[5].diag.msg[0], "--set realisation.mean=1.5"));
    /* the realisation mean moves spending: the five values differ */
    CU_ASSERT_TRUE(r.v[0].det[RS_M_SPENT] < r.v[3].det[RS_M_SPENT]);
    rs_eval_result_free(&r);
    rs_diag_free(&d);
    rs_study_free(st);
}

static rs_eval_result full(const rs_study *st, const rs_variant *var, size_t n,
                           const rs_uncertainty *u, int threads)
{
    rs_eval_opts o = {RS_EVAL_FULL, u, NULL, NULL, threads, 0, 0, NULL, NULL, 0, 0};
    rs_eval_result r;
    rs_diag d;
    rs_diag_init(&d);
    int code = rs_eval(st, var, n, &o, &r, &d);
    for (size_t v = 0; code && v < r.n; v++)
        rs_diag_print(&r.v[v].diag, stderr);
    CU_ASSERT_EQUAL(code, 0);
    rs_diag_free(&d);
    return r;
}

/* 1, 2 and 3 threads: the same bytes in every summary. */
static void full_is_identical_for_any_threads(void)
{
    const char *files[] = {T4_SPUK, T4_DU};
    rs_study *st = study_of(files, 2);
    rs_variant var[2] = {{0, NULL, 0}, {1, NULL, 0}};
    rs_uncertainty u = rs_study_scenario(st, 0)->unc;
    u.draws = 777;
    rs_eval_result r[3];
    for (int t = 0; t < 3; t++)
        r[t] = full(st, var, 2, &u, t + 1);
    for (int t = 1; t < 3; t++)
        for (size_t v = 0; v < 2; v++) {
            const rs_vresult *a = &r[0].v[v], *b = &r[t].v[v];
            CU_ASSERT_EQUAL(memcmp(a->metric, b->metric, sizeof a->metric), 0);
            CU_ASSERT_EQUAL(memcmp(a->diff, b->diff, sizeof a->diff), 0);
            CU_ASSERT_EQUAL(memcmp(a->p_greater, b->p_greater, sizeof a->p_greater), 0);
            CU_ASSERT_EQUAL(memcmp(a->net_diff, b->net_diff, (size_t)r[0].ny * sizeof *a->net_diff), 0);
            CU_ASSERT_EQUAL(memcmp(a->mean_reclaimed, b->mean_reclaimed,
                                   rs_study_scenario(st, v)->n_deals * sizeof(double)), 0);
            CU_ASSERT_EQUAL(a->shocked, b->shocked);
        }
    for (int t = 0; t < 3; t++)
        rs_eval_result_free(&r[t]);
    rs_study_free(st);
}

/* The reductions against a direct computation: the FULL summaries of a
 * scenario equal rs_mc_run's over the same draws (mean and sd to 1e-12,
 * the same sums in another order; quantiles within the 0.39% that mc's
 * histograms promise), so 'run' and 'compare' report the same draws; the
 * MEANS mode gives the same means; the base's differences are 0; and
 * p_greater + p_less ≤ 1. */
static void reductions_agree_with_the_monte_carlo(void)
{
    const char *files[] = {T4_SPUK, T4_DU};
    rs_study *st = study_of(files, 2);
    rs_variant var[2] = {{0, NULL, 0}, {1, NULL, 0}};
    rs_uncertainty u = rs_study_scenario(st, 1)->unc;
    u.draws = 3000;
    rs_eval_result r = full(st, var, 2, &u, 0);
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, T4_DU, NULL, 0));
    rs_mc_result mc;
    rs_diag d;
    rs_diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(rs_mc_run(f.plan, &u, 2, NULL, NULL, &mc, &d), 0);
    for (int m = 0; m < RS_M_N; m++) {
        const rs_stats *a = &r.v[1].metric[m], *b = &mc.metric[m];
        ASSERT_CLOSE(a->mean, b->mean, 1e-12);
        ASSERT_CLOSE(a->sd, b->sd, 1e-9);
        ASSERT_CLOSE(a->p50, b->p50, 0.004);
        ASSERT_CLOSE(a->p5, b->p5, 0.004);
        CU_ASSERT_EQUAL(r.v[0].diff[m].mean, 0);
        CU_ASSERT_EQUAL(r.v[0].p_greater[m], 0);
        CU_ASSERT_TRUE(r.v[1].p_greater[m] + r.v[1].p_less[m] <= 1);
        /* the mean of differences is the difference of the means */
        ASSERT_CLOSE(r.v[1].diff[m].mean, r.v[1].metric[m].mean - r.v[0].metric[m].mean, 1e-10);
    }
    CU_ASSERT_EQUAL(r.v[1].shocked, mc.shocked);
    rs_mc_result_free(&mc);
    /* MEANS: the same draws, summed per chunk */
    rs_eval_opts o = {RS_EVAL_MEANS, &u, NULL, NULL, 3, 0, 0, NULL, NULL, 0, 0};
    rs_eval_result m;
    CU_ASSERT_EQUAL(rs_eval(st, var, 2, &o, &m, &d), 0);
    for (int k = 0; k < RS_M_N; k++) {
        ASSERT_CLOSE(m.v[1].mean[k], r.v[1].metric[k].mean, 1e-12);
        ASSERT_CLOSE(m.v[1].se[k], r.v[1].metric[k].sd / sqrt(3000.0), 1e-9);
    }
    CU_ASSERT_PTR_NULL(m.v[1].draws_of); /* only when asked */
    rs_eval_result_free(&m);
    /* MEANS keeping one metric per draw: the kept values have the mean,
     * sd and median of the full evaluation */
    o.keep_draws = 1;
    o.draws_metric = RS_M_GOAL_SPENDING;
    CU_ASSERT_EQUAL(rs_eval(st, var, 2, &o, &m, &d), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m.v[1].draws_of);
    {
        double *x = malloc(3000 * sizeof *x);
        memcpy(x, m.v[1].draws_of, 3000 * sizeof *x);
        rs_stats ks;
        rs_stats_of(x, 3000, &ks);
        const rs_stats *full_s = &r.v[1].metric[RS_M_GOAL_SPENDING];
        ASSERT_CLOSE(ks.mean, full_s->mean, 1e-12);
        ASSERT_CLOSE(ks.sd, full_s->sd, 1e-12);
        ASSERT_CLOSE(ks.p50, full_s->p50, 1e-12);
        ASSERT_CLOSE(ks.mean, m.v[1].mean[RS_M_GOAL_SPENDING], 1e-12);
        free(x);
    }
    rs_eval_result_free(&m);
    rs_eval_result_free(&r);
    rs_fixture_free(&f);
    rs_diag_free(&d);
    rs_study_free(st);
}

/* Paired differences agree with separate runs: the programme against
 * itself with the SPUK's realisation_shift −0.02 instead of −0.03 (κ 20,
 * no shock).  The difference of means over 2000 paired draws (seed 42)
 * and the difference
 * of two independent runs (seeds 1 and 2) agree within 4 standard errors
 * of the independent difference, for every metric; and pairing makes the
 * difference of spending and of goal spending about twice as precise as
 * independent draws would (sd of the difference below 0.6 of
 * sqrt(sd_a² + sd_b²)). */
static void paired_differences_agree_with_separate_runs(void)
{
    const char *files[] = {PROG};
    rs_study *st = study_of(files, 1);
    rs_override shift = {"instruments.spuk.realisation_shift", "-0.02"};
    rs_variant var[2] = {{0, NULL, 0}, {0, &shift, 1}};
    rs_uncertainty u = {1, 2000, 42, rs_study_scenario(st, 0)->real_mean, 20, 0, 0, 0};
    rs_eval_result r = full(st, var, 2, &u, 0);
    rs_eval_opts o = {RS_EVAL_MEANS, &u, NULL, NULL, 0, 0, 0, NULL, NULL, 0, 0};
    rs_eval_result a, b;
    rs_diag d;
    rs_diag_init(&d);
    u.seed = 1;
    CU_ASSERT_EQUAL(rs_eval(st, var, 1, &o, &a, &d), 0);
    u.seed = 2;
    CU_ASSERT_EQUAL(rs_eval(st, var + 1, 1, &o, &b, &d), 0);
    int bad = 0;
    for (int m = 0; m < RS_M_N; m++) {
        double sep = b.v[0].mean[m] - a.v[0].mean[m];
        double se = sqrt(a.v[0].se[m] * a.v[0].se[m] + b.v[0].se[m] * b.v[0].se[m]);
        double paired = r.v[1].diff[m].mean;
        if (fabs(paired - sep) > 4 * se + 1e-12) {
            fprintf(stderr, "\n%s: paired %.9g, separate %.9g ± %.3g\n", rs_metric_infos[m].name,
                    paired, sep, se);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    const int ms[] = {RS_M_GOAL_SPENDING, RS_M_SPENT};
    for (int k = 0; k < 2; k++) {
        double sa = r.v[0].metric[ms[k]].sd, sb = r.v[1].metric[ms[k]].sd;
        /* measured: 0.496 with GSL's gamma sampler, 0.509 with sample.h's
         * (the same method, other uniforms; the ratio of two sd estimates of
         * 2000 draws varies by a few percent); independent draws give 1 */
        CU_ASSERT_TRUE(r.v[1].diff[ms[k]].sd < 0.6 * sqrt(sa * sa + sb * sb));
    }
    rs_eval_result_free(&r);
    rs_eval_result_free(&a);
    rs_eval_result_free(&b);
    rs_diag_free(&d);
    rs_study_free(st);
}

/* unc_of: each variant's own Monte Carlo settings; a variant whose
 * settings say no draws is deterministic (means = deterministic values). */
static int unc_half(const rs_scenario *sc, rs_uncertainty *u, void *arg)
{
    (void)arg;
    *u = sc->unc;
    u->draws = 200;
    return sc->unc.shock_probability > 0.05;
}

static void variants_can_have_their_own_draws(void)
{
    const char *files[] = {T4_SPUK};
    rs_study *st = study_of(files, 1);
    rs_override ov[2] = {{"uncertainty.shock.probability", "0.01"},
                         {"uncertainty.shock.probability", "0.3"}};
    rs_variant var[2] = {{0, &ov[0], 1}, {0, &ov[1], 1}};
    rs_eval_opts o = {RS_EVAL_MEANS, NULL, unc_half, NULL, 2, 0, 0, NULL, NULL, 0, 0};
    rs_eval_result r;
    rs_diag d;
    rs_diag_init(&d);
    CU_ASSERT_EQUAL(rs_eval(st, var, 2, &o, &r, &d), 0);
    CU_ASSERT_EQUAL(r.v[0].draws, 0);
    CU_ASSERT_EQUAL(memcmp(r.v[0].mean, r.v[0].det, sizeof r.v[0].det), 0);
    CU_ASSERT_EQUAL(r.v[1].draws, 200);
    CU_ASSERT_TRUE(r.v[1].se[RS_M_SPENT] > 0);
    CU_ASSERT_TRUE(r.v[1].shocked > 30 && r.v[1].shocked < 90); /* 60 ± 6.5 */
    rs_eval_result_free(&r);
    rs_diag_free(&d);
    rs_study_free(st);
}

const rs_test rs_tests_experiment[] = {
    {"a variant equals a fresh load with its overrides", variants_equal_fresh_loads},
    {"full evaluation: identical bytes for 1, 2, 3 threads", full_is_identical_for_any_threads},
    {"reductions agree with the Monte Carlo module", reductions_agree_with_the_monte_carlo},
    {"paired differences agree with separate runs", paired_differences_agree_with_separate_runs},
    {"variants can have their own draws", variants_can_have_their_own_draws},
    {NULL, NULL}};
