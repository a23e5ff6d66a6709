/* test_engine.c — docs/model.md §5–6 on hand-worked examples. */
#include <string.h>

#include "helpers.h"
#include "scen.h"

#define WE "../../scenarios/worked-example.json"
#define WE_DU "../../scenarios/worked-example-du.json"

/* The worked example of the issue and the README: A = 20, C = 20, V = 40,
 * ρ = 0.8, flat profile of 10 a year; backlog 2.496 > 0.05·40 after 2026,
 * so the deal is extended to 2027. */
static void worked_example_spuk(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, WE, NULL, 0));
    const rs_award *a = &f.plan->aw[0];
    ASSERT_CLOSE(a->A, 20, 1e-12);
    ASSERT_CLOSE(a->C, 20, 1e-12);
    ASSERT_CLOSE(a->V, 40, 1e-12);
    const double spent[] = {8, 9.6, 9.92, 9.984, 1.9968};
    for (int k = 0; k < 5; k++)
        ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2023 + k), spent[k], 1e-12);
    CU_ASSERT_EQUAL(rs_fixture_dy(&f, f.run->spent, 0, 2028), 0);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->backlog, 0, 2026), 2.496, 1e-12);
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 1);
    CU_ASSERT_EQUAL(2023 + f.run->dr[0].last, 2027);
    for (int y = 2023; y <= 2026; y++)
        ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, y), 5, 1e-12);
    CU_ASSERT_EQUAL(rs_fixture_y(&f, RS_Y_PAID, 2027), 0);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_RECLAIMED, 2028), 0.2496, 1e-12);
    CU_ASSERT_EQUAL(rs_fixture_y(&f, RS_Y_RECLAIMED, 2027), 0);
    double m[RS_M_N], work[2];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    ASSERT_CLOSE(m[RS_M_RIJK_NET], 19.7504, 1e-12);
    ASSERT_CLOSE(m[RS_M_RETAINED], 0, 1e-12);
    /* spending's mean year is 67.3792/39.5008 years after 2023, the plan's 1.5 */
    ASSERT_CLOSE(m[RS_M_DELAY_YEARS], 67.3792 / 39.5008 - 1.5, 1e-12);
    ASSERT_CLOSE(m[RS_M_EFFECTIVENESS], 1, 1e-12);
    rs_fixture_free(&f);
}

/* The same deal as a DU: no deadline, spending until 2032. */
static void worked_example_du(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, WE_DU, NULL, 0));
    CU_ASSERT_EQUAL(2023 + f.run->dr[0].last, 2032);
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 0);
    ASSERT_CLOSE(f.run->dr[0].backlog, 0.000159744, 1e-9);
    ASSERT_CLOSE(f.run->dr[0].retained, 0.000079872, 1e-9);
    CU_ASSERT_EQUAL(f.run->dr[0].reclaimed, 0);
    /* 2.496·0.8^k spent in 2027+k */
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2029), 2.496 * 0.2 * 0.2 * 0.8, 1e-12);
    rs_fixture_free(&f);
}

/* Realisation 1 and no lag: spending follows the plan exactly. */
static void realisation_one_follows_plan(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY, "", TR100,
                 "{'id': 'd', 'region': 'r2', 'tranche': 'T', 'request': 12.5, "
                 "'duration': 3, 'profile': [0.2, 0.5, 0.3]}")));
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2023), 5, 1e-12);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2024), 12.5, 1e-12);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2025), 7.5, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2024), 6.25, 1e-12);
    CU_ASSERT_EQUAL(f.run->dr[0].reclaimed, 0);
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 0);
    rs_fixture_free(&f);
}

/* Every schedule with its lag: A = 10, V = 20, profile 0.3/0.7. */
static void schedules_and_lags(void)
{
    static const struct {
        const char *body;
        int year[3];
        double paid[3];
    } c[] = {
        {"'payment': {'schedule': 'plan', 'lag': 1}", {2024, 2025, 2023}, {3, 7, 0}},
        {"'payment': {'schedule': 'upfront'}", {2023, 2024, 2025}, {10, 0, 0}},
        {"'payment': {'schedule': 'upfront', 'lag': 2}", {2025, 2023, 2024}, {10, 0, 0}},
        {"'payment': {'schedule': 'equal', 'lag': 2}", {2025, 2026, 2024}, {5, 5, 0}},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        char json[4096];
        snprintf(json, sizeof json,
                 SCEN("%s", "", TR100,
                      "{'id': 'd', 'region': 'r2', 'tranche': 'T', 'request': 10, "
                      "'duration': 2, 'profile': [0.3, 0.7]}"),
                 c[i].body);
        rs_fixture f;
        CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, json));
        for (int k = 0; k < 3; k++)
            ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, c[i].year[k]), c[i].paid[k], 1e-12);
        ASSERT_CLOSE(f.run->dr[0].paid, 10, 1e-12);
        rs_fixture_free(&f);
    }
}

/* Arrears: the Rijk pays its share of year t's spending in t + lag, so
 * nothing is left to reclaim.  V = 20, ρ = 0.5, deadline without
 * extension: spent 5 in 2023 and 7.5 in 2024. */
static void arrears_pays_spending(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN("'payment': {'schedule': 'arrears', 'lag': 1}, "
                 "'deadline': {'extension_years': 0, 'extension_threshold': 0}, "
                 "'settlement': {'lag': 1, 'reclaim_share': 1}",
                 ", 'realisation': {'mean': 0.5}", TR100, DEAL("d", "r2", 10, 2))));
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2023), 0, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2024), 2.5, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2025), 3.75, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].paid, 6.25, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].reclaimed, 0, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].retained, 0, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].backlog, 7.5, 1e-12);
    rs_fixture_free(&f);
}

/* Extension needs a backlog strictly above threshold·V: with ρ = 0.5 and
 * D = 1, V = 20, the backlog is exactly 10 = 0.5·20. */
static void extension_is_strict(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN("'payment': {'schedule': 'plan'}, "
                 "'deadline': {'extension_years': 2, 'extension_threshold': 0.5}",
                 ", 'realisation': {'mean': 0.5}", TR100, "{'id': 'd', 'region': 'r2', "
                 "'tranche': 'T', 'request': 10, 'duration': 1}")));
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 0);
    CU_ASSERT_EQUAL(f.run->dr[0].last, 0);
    ASSERT_CLOSE(f.run->dr[0].backlog, 10, 1e-12);
    rs_fixture_free(&f);
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN("'payment': {'schedule': 'plan'}, "
                 "'deadline': {'extension_years': 2, 'extension_threshold': 0.49}",
                 ", 'realisation': {'mean': 0.5}", TR100, "{'id': 'd', 'region': 'r2', "
                 "'tranche': 'T', 'request': 10, 'duration': 1}")));
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 1);
    CU_ASSERT_EQUAL(f.run->dr[0].last, 2);
    /* extension years plan nothing: 10 → spent 5, then 2.5 */
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2024), 5, 1e-12);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2025), 2.5, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].backlog, 2.5, 1e-12);
    rs_fixture_free(&f);
}

/* reclaim_share 0.5: half of the 0.2496 unspent is reclaimed, half stays. */
static void partial_reclaim(void)
{
    rs_override ov[] = {{"instruments.spuk.settlement.reclaim_share", "0.5"},
                        {"instruments.spuk.settlement.lag", "2"}};
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, WE, ov, 2));
    ASSERT_CLOSE(f.run->dr[0].reclaimed, 0.1248, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].retained, 0.1248, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_RECLAIMED, 2029), 0.1248, 1e-12);
    /* the region's balance ends at what it retained */
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_BALANCE, 2032), 0.1248, 1e-12);
    rs_fixture_free(&f);
}

/* realisation_shift and by_year: ρ_t = clamp(m_t + shift, 0, 1). */
static void realisation_by_year_and_shift(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY ", 'realisation_shift': -0.3",
                 ", 'realisation': {'mean': 0.8, 'by_year': {'2024': 1.2e-1}}", TR100,
                 DEAL("d", "r2", 10, 2))));
    /* 2023: ρ 0.5 of 10 → 5, backlog 5; 2024: ρ = clamp(0.12 − 0.3) = 0: 0 spent */
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->rho, 0, 2023), 0.5, 1e-15);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->rho, 0, 2024), 0, 1e-15);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2024), 0, 1e-12);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->backlog, 0, 2024), 15, 1e-12);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2025), 7.5, 1e-12);
    rs_fixture_free(&f);
}

/* Flows after horizon.end land in the years past it, which yearly.csv
 * sums in its row 'after'; nothing is lost. */
static void flows_after_horizon(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, "{'horizon': {'start': 2023, 'end': 2024}, " REGIONS3 ", "
            "'instruments': {'i': {'id': 'i', 'name': 'I', " SPUK_BODY "}}, "
            "'tranches': [{'id': 'T', 'year': 2024, 'budget': 100, 'instrument': 'i'}], "
            "'deals': [" DEAL("d", "r1", 8, 4) "]}"));
    /* room up to 2029: a possible extension year (2028) and its settlement */
    CU_ASSERT_EQUAL(f.plan->ny, 7);
    double after = 0;
    for (int y = 2025; y <= 2027; y++)
        after += rs_fixture_y(&f, RS_Y_SPENT, y);
    ASSERT_CLOSE(after, 12, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2027), 2, 1e-12);
    rs_fixture_free(&f);
}

/* A simulation can be repeated on the same run with other realisations
 * (the Monte Carlo path) and gives the same result as a fresh one. */
static void rerun_without_reload(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, WE, NULL, 0));
    for (size_t i = 0; i < f.plan->n_dy; i++)
        f.run->rho[i] = 0.5;
    rs_run_simulate(f.run);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2023), 5, 1e-12);
    rs_run_set_rho(f.run);
    rs_run_simulate(f.run);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_RECLAIMED, 2028), 0.2496, 1e-12);
    rs_diag d;
    rs_diag_init(&d);
    CU_ASSERT_EQUAL(rs_run_check(f.run, &d), 0);
    rs_diag_free(&d);
    rs_fixture_free(&f);
}

/* The invariant check catches a broken run and names the deal. */
static void invariant_violation_is_reported(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, WE, NULL, 0));
    f.run->dr[0].backlog += 0.001;
    rs_diag d;
    rs_diag_init(&d);
    CU_ASSERT_TRUE(rs_run_check(f.run, &d) >= 1);
    CU_ASSERT_EQUAL(d.code, RS_EXIT_INTERNAL);
    CU_ASSERT_PTR_NOT_NULL(d.n ? strstr(d.msg[0], "voorbeeld-deal") : NULL);
    rs_diag_free(&d);
    rs_fixture_free(&f);
}

const rs_test rs_tests_engine[] = {
    {"worked example as SPUK", worked_example_spuk},
    {"worked example as DU", worked_example_du},
    {"realisation 1 follows the plan", realisation_one_follows_plan},
    {"schedules and lags", schedules_and_lags},
    {"arrears pays spending", arrears_pays_spending},
    {"extension threshold is strict", extension_is_strict},
    {"partial reclaim", partial_reclaim},
    {"realisation by year and shift", realisation_by_year_and_shift},
    {"flows after the horizon", flows_after_horizon},
    {"rerun without reload", rerun_without_reload},
    {"invariant violation reported", invariant_violation_is_reported},
    {NULL, NULL}};
