/* test_edges.c — the model at its edges (docs/model.md §5–6): realisation 0 and
 * 1, co-financing 0 and 0.95, one-year deals, profiles with zeros, awards
 * exactly at deal_min and deal_cap, budgets exactly equal to the
 * requests.  Every case loads through rs_fixture_load(), which fails
 * when rs_run_check() finds a broken invariant, and every metric of every
 * case must be finite; the numbers are worked out by hand in the
 * comments (c = 0.5 unless said: C = A, V = 2A, the Rijk funds half). */
#include <stdlib.h>
#include <string.h>

#include "../../src/output/messages.h"
#include "helpers.h"
#include "scen.h"

/* Every metric over all deals, per tranche and per region is finite. */
static void assert_finite_metrics(const rs_fixture *f)
{
    const rs_scenario *sc = f->sc;
    double *work = calloc(2 * sc->n_regions + 1, sizeof *work);
    double m[RS_M_N];
    CU_ASSERT_PTR_NOT_NULL_FATAL(work);
    rs_metrics_compute(f->run, RS_SUB_ALL, 0, work, m);
    for (int i = 0; i < RS_M_N; i++)
        CU_ASSERT_TRUE(isfinite(m[i]));
    for (size_t k = 0; k < sc->n_tranches; k++) {
        rs_metrics_compute(f->run, RS_SUB_TRANCHE, k, work, m);
        for (int i = 0; i < RS_M_N; i++)
            CU_ASSERT_TRUE(isfinite(m[i]));
    }
    for (size_t k = 0; k < sc->n_regions; k++) {
        rs_metrics_compute(f->run, RS_SUB_REGION, k, work, m);
        for (int i = 0; i < RS_M_N; i++)
            CU_ASSERT_TRUE(isfinite(m[i]));
    }
    free(work);
}

static double metric(const rs_fixture *f, rs_metric which)
{
    double *work = calloc(2 * f->sc->n_regions + 1, sizeof *work);
    double m[RS_M_N];
    rs_metrics_compute(f->run, RS_SUB_ALL, 0, work, m);
    free(work);
    return m[which];
}

/* ---- realisation 0 and 1 ---------------------------------------------- */

/* SPUK, ρ = 0: A = 20, V = 40, nothing is spent.  The backlog after 2026
 * is all of V, above 0.05·V: extended to 2027; the vaststelling in 2028
 * reclaims all 20 that was paid (5 a year, 2023–2026). */
static void realisation_zero_spuk(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY, ", 'realisation': {'mean': 0}", TR100, DEAL("d", "r2", 20, 4))));
    const rs_dealres *dr = &f.run->dr[0];
    ASSERT_CLOSE(f.plan->aw[0].V, 40, 1e-15);
    CU_ASSERT_EQUAL(dr->spent, 0);
    ASSERT_CLOSE(dr->backlog, 40, 1e-15);
    CU_ASSERT_EQUAL(dr->extended, 1);
    CU_ASSERT_EQUAL(2023 + dr->last, 2027);
    for (int y = 2023; y <= 2026; y++)
        ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, y), 5, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_RECLAIMED, 2028), 20, 1e-15);
    ASSERT_CLOSE(dr->retained, 0, 1e-15);
    ASSERT_CLOSE(metric(&f, RS_M_RIJK_NET), 0, 1e-15);
    /* nothing spent: no goal spending, and effectiveness 0 rather than 0/0 */
    CU_ASSERT_EQUAL(metric(&f, RS_M_GOAL_SPENDING), 0);
    CU_ASSERT_EQUAL(metric(&f, RS_M_EFFECTIVENESS), 0);
    /* delay_years is not asserted: with nothing spent it is computed as
     * 0 − 2024.5 (the plan's mean year), see the report of this test */
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* DU, ρ = 0: no deadline, so the deal runs until 2032 and spends nothing;
 * no settlement, so all 20 paid stays with the region. */
static void realisation_zero_du(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY, ", 'realisation': {'mean': 0}", TR100, DEAL("d", "r2", 20, 4))));
    const rs_dealres *dr = &f.run->dr[0];
    CU_ASSERT_EQUAL(2023 + dr->last, 2032);
    CU_ASSERT_EQUAL(dr->spent, 0);
    ASSERT_CLOSE(dr->backlog, 40, 1e-15);
    ASSERT_CLOSE(dr->paid, 20, 1e-15);
    CU_ASSERT_EQUAL(dr->reclaimed, 0);
    ASSERT_CLOSE(dr->retained, 20, 1e-15);
    ASSERT_CLOSE(metric(&f, RS_M_RETAINED), 20, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_BALANCE, 2032), 20, 1e-15);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* SPUK, ρ = 1: 10 a year as planned, no backlog, no extension, nothing to
 * reclaim; every euro serves the goals: effectiveness 40 / (20 + 20) = 1. */
static void realisation_one_spuk(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY, ", 'realisation': {'mean': 1}", TR100, DEAL("d", "r2", 20, 4))));
    const rs_dealres *dr = &f.run->dr[0];
    for (int y = 2023; y <= 2026; y++)
        ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, y), 10, 1e-15);
    CU_ASSERT_EQUAL(dr->backlog, 0);
    CU_ASSERT_EQUAL(dr->extended, 0);
    CU_ASSERT_EQUAL(dr->reclaimed, 0);
    CU_ASSERT_EQUAL(dr->retained, 0);
    ASSERT_CLOSE(metric(&f, RS_M_GOAL_SPENDING), 40, 1e-15);
    ASSERT_CLOSE(metric(&f, RS_M_EFFECTIVENESS), 1, 1e-15);
    ASSERT_CLOSE(metric(&f, RS_M_DELAY_YEARS), 0, 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* ---- co-financing 0 and 0.95 ------------------------------------------ */

/* c = 0: C = 0, V = A = 20, the Rijk funds all spending; leverage 1. */
static void cofinancing_zero(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY,
                 ", 'realisation': {'mean': 1}, 'cofinancing': {'rule': 'flat', 'share': 0}",
                 TR100, DEAL("d", "r2", 20, 4))));
    const rs_award *a = &f.plan->aw[0];
    CU_ASSERT_EQUAL(a->C, 0);
    CU_ASSERT_EQUAL(a->V, 20);
    ASSERT_CLOSE(f.run->dr[0].rijk_spent, 20, 1e-15);
    CU_ASSERT_EQUAL(f.run->dr[0].cofin_spent, 0);
    ASSERT_CLOSE(metric(&f, RS_M_LEVERAGE), 1, 1e-15);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* c = 0.95, the highest allowed: C = 20·0.95/0.05 = 380, V = 400, the
 * Rijk funds 1/20 of each year's spending; leverage 20. */
static void cofinancing_095(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY,
                 ", 'realisation': {'mean': 1}, 'cofinancing': {'rule': 'flat', 'share': 0.95}",
                 TR100, DEAL("d", "r2", 20, 4))));
    const rs_award *a = &f.plan->aw[0];
    ASSERT_CLOSE(a->A, 20, 1e-15);
    ASSERT_CLOSE(a->C, 380, 1e-12);
    ASSERT_CLOSE(a->V, 400, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].rijk_spent, 20, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].cofin_spent, 380, 1e-12);
    ASSERT_CLOSE(metric(&f, RS_M_LEVERAGE), 20, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].retained, 0, 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* c = 0.95 with a region that can raise at most 19: the 380 asked for is
 * too much.  'scale' cuts the award to 19·0.05/0.95 = 1 (so C = 19, V =
 * 20); 'drop' drops the deal; with the default deal_min 5, 'scale' drops
 * it too (1 < 5). */
#define CAP19(shortfall, deal_min)                                                           \
    "{'horizon': {'start': 2023, 'end': 2032}, "                                             \
    "'regions': [{'id': 'r', 'name': 'R', 'population': 100000, 'fiscal_capacity': 1, "      \
    "'bw_pressure': 0.5, 'cofin_capacity': 19}], "                                           \
    "'instruments': {'i': {'id': 'i', 'name': 'I', " DU_BODY "}}, "                          \
    "'cofinancing': {'rule': 'flat', 'share': 0.95, 'shortfall': '" shortfall "'}, "         \
    "'realisation': {'mean': 1}, "                                                           \
    "'tranches': [{'id': 'T', 'year': 2023, 'budget': 100, 'instrument': 'i'" deal_min "}], " \
    "'deals': [" DEAL("d", "r", 20, 4) "]}"

static void cofinancing_095_capacity(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, CAP19("scale", ", 'deal_min': 0.5")));
    const rs_award *a = &f.plan->aw[0];
    CU_ASSERT_EQUAL(a->status, RS_SCALED);
    ASSERT_CLOSE(a->A, 1, 1e-12);
    ASSERT_CLOSE(a->C, 19, 1e-12);
    ASSERT_CLOSE(a->V, 20, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].spent, 20, 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);

    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, CAP19("drop", ", 'deal_min': 0.5")));
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_DROPPED);
    CU_ASSERT_EQUAL(metric(&f, RS_M_RIJK_AWARDED), 0);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);

    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, CAP19("scale", "")));
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_DROPPED);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* ---- one-year deals ----------------------------------------------------- */

/* D = 1, ρ = 0.8, A = 10, V = 20: 2023 plans all 20 and spends 16, leaving
 * 4 > 0.05·20: extended to 2024, which spends 3.2 and leaves 0.8.  The
 * plan pays all 10 in 2023; the Rijk's share of spending is 9.6, so the
 * vaststelling in 2025 reclaims 0.4. */
static void one_year_deal(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY, ", 'realisation': {'mean': 0.8}", TR100, DEAL("d", "r2", 10, 1))));
    const rs_dealres *dr = &f.run->dr[0];
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2023), 16, 1e-15);
    ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2024), 3.2, 1e-15);
    ASSERT_CLOSE(dr->backlog, 0.8, 1e-12);
    CU_ASSERT_EQUAL(dr->extended, 1);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2023), 10, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_RECLAIMED, 2025), 0.4, 1e-12);
    ASSERT_CLOSE(dr->retained, 0, 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* The same deal paid in arrears with lag 1: the Rijk pays half of 16 in
 * 2024 and half of 3.2 in 2025, 9.6 in all, which is exactly its share
 * of the spending: nothing to reclaim.  'equal' pays A/1 in 2023. */
static void one_year_deal_schedules(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN("'payment': {'schedule': 'arrears', 'lag': 1}, "
                 "'deadline': {'extension_years': 1, 'extension_threshold': 0.05}, "
                 "'settlement': {'lag': 1, 'reclaim_share': 1}",
                 ", 'realisation': {'mean': 0.8}", TR100, DEAL("d", "r2", 10, 1))));
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2023), 0, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2024), 8, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2025), 1.6, 1e-15);
    ASSERT_CLOSE(f.run->dr[0].paid, 9.6, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].reclaimed, 0, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].retained, 0, 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);

    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN("'payment': {'schedule': 'equal'}", ", 'realisation': {'mean': 0.8}", TR100,
                 DEAL("d", "r2", 10, 1))));
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2023), 10, 1e-15);
    /* no deadline: 0.8 of the backlog each year until 2032 */
    ASSERT_CLOSE(f.run->dr[0].backlog, 20 * pow(0.2, 10), 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* ---- profiles with zeros ---------------------------------------------- */

/* Profile 0/1/0/0, ρ = 0.5, A = 8, V = 16: nothing planned or spent in
 * 2023; 2024 aims at 16 and spends 8; then 4 and 2 from the backlog; after
 * 2026 the backlog 2 > 0.8: extended, 2027 spends 1 and leaves 1.  The
 * plan pays all 8 in 2024; reclaim 8 − 7.5 = 0.5 in 2028. */
static void profile_with_zeros(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY, ", 'realisation': {'mean': 0.5}", TR100,
                 "{'id': 'd', 'region': 'r2', 'tranche': 'T', 'request': 8, 'duration': 4, "
                 "'profile': [0, 1, 0, 0]}")));
    const double spent[] = {0, 8, 4, 2, 1};
    for (int k = 0; k < 5; k++)
        ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2023 + k), spent[k], 1e-15);
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 1);
    ASSERT_CLOSE(f.run->dr[0].backlog, 1, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2023), 0, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_PAID, 2024), 8, 1e-15);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_RECLAIMED, 2028), 0.5, 1e-15);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* Zeros in the middle with ρ = 1 (spending follows the plan: 8, 0, 0, 8),
 * and all of the plan in the last year with ρ = 0.5 as a DU: 8 planned in
 * 2026 is spent 4, 2, 1, … until 2032: 16·(1 − 0.5^7) = 15.875, backlog
 * 0.125, of which the Rijk's half, 0.0625, stays with the region. */
static void profile_zeros_between_and_before(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY, ", 'realisation': {'mean': 1}", TR100,
                 "{'id': 'd', 'region': 'r2', 'tranche': 'T', 'request': 8, 'duration': 4, "
                 "'profile': [0.5, 0, 0, 0.5]}")));
    const double spent[] = {8, 0, 0, 8};
    for (int k = 0; k < 4; k++)
        ASSERT_CLOSE(rs_fixture_dy(&f, f.run->spent, 0, 2023 + k), spent[k], 1e-15);
    ASSERT_CLOSE(metric(&f, RS_M_DELAY_YEARS), 0, 1e-12);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);

    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY, ", 'realisation': {'mean': 0.5}", TR100,
                 "{'id': 'd', 'region': 'r2', 'tranche': 'T', 'request': 8, 'duration': 4, "
                 "'profile': [0, 0, 0, 1]}")));
    ASSERT_CLOSE(f.run->dr[0].spent, 15.875, 1e-15);
    ASSERT_CLOSE(f.run->dr[0].backlog, 0.125, 1e-15);
    ASSERT_CLOSE(f.run->dr[0].retained, 0.0625, 1e-15);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* ---- awards at deal_min and deal_cap ---------------------------------- */

/* deal_min 5 and deal_cap 40 (the defaults), budget 100: a request of
 * exactly 5 is awarded (only below 5 is dropped), one of exactly 40 is
 * awarded in full (not 'scaled'), 4.999999 is dropped, and 40.5 is capped
 * at 40 ('scaled', because of the cap). */
static void awards_at_min_and_cap(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY, "", TR100,
                 DEAL("a", "r1", 5, 2) "," DEAL("b", "r2", 40, 2) "," DEAL("c", "r3", 4.999999,
                                                                            2))));
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_AWARDED);
    CU_ASSERT_EQUAL(f.plan->aw[0].A, 5);
    CU_ASSERT_EQUAL(f.plan->aw[1].status, RS_AWARDED);
    CU_ASSERT_EQUAL(f.plan->aw[1].A, 40);
    CU_ASSERT_EQUAL(f.plan->aw[2].status, RS_DROPPED);
    CU_ASSERT_EQUAL(f.plan->aw[2].A, 0);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);

    CU_ASSERT_TRUE_FATAL(
        rs_fixture_load(&f, SCEN(DU_BODY, "", TR100, DEAL("a", "r1", 40.5, 2))));
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_SCALED);
    CU_ASSERT_EQUAL(f.plan->aw[0].A, 40);
    CU_ASSERT_EQUAL(f.plan->aw[0].why.id, RS_MSG_CAPPED);
    char nl[256], en[256];
    rs_msg_format(nl, sizeof nl, &f.plan->aw[0].why, 1);
    rs_msg_format(en, sizeof en, &f.plan->aw[0].why, 0);
    CU_ASSERT_STRING_EQUAL(nl, "aanvraag begrensd op het maximum per deal (€ 40 mln)");
    CU_ASSERT_STRING_EQUAL(en, "request capped at the maximum per deal (€40 million)");
    rs_fixture_free(&f);
}

/* Priority, budget 45: r1 (pressure 0.9) gets its 40, r2 (0.5) finds
 * exactly deal_min = 5 left and gets it ('scaled'), r3 (0.2) finds 0 and
 * is dropped. */
static void priority_leaves_exactly_deal_min(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY, "", ", 'budget': 45, 'allocation': 'priority'",
                 DEAL("a", "r1", 40, 2) "," DEAL("b", "r2", 10, 2) "," DEAL("c", "r3", 6, 2))));
    CU_ASSERT_EQUAL(f.plan->aw[0].A, 40);
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_AWARDED);
    CU_ASSERT_EQUAL(f.plan->aw[1].A, 5);
    CU_ASSERT_EQUAL(f.plan->aw[1].status, RS_SCALED);
    CU_ASSERT_EQUAL(f.plan->aw[2].status, RS_DROPPED);
    ASSERT_CLOSE(metric(&f, RS_M_RIJK_AWARDED), 45, 1e-15);
    assert_finite_metrics(&f);
    rs_fixture_free(&f);
}

/* ---- budgets exactly equal to the requests ---------------------------- */

/* Requests 10 and 20, budget 30, under each allocation rule: both deals
 * get their request in full, with no overrun. */
static void budget_equals_requests(void)
{
    static const char *const rules[] = {"pro_rata", "priority", "as_requested"};
    for (size_t i = 0; i < 3; i++) {
        char tranche[128], json[4096];
        snprintf(tranche, sizeof tranche, ", 'budget': 30, 'allocation': '%s'", rules[i]);
        snprintf(json, sizeof json, SCEN(DU_BODY, "", "%s", "%s"), tranche,
                 DEAL("a", "r1", 10, 2) "," DEAL("b", "r2", 20, 2));
        rs_fixture f;
        CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, json));
        CU_ASSERT_EQUAL(f.plan->aw[0].A, 10);
        CU_ASSERT_EQUAL(f.plan->aw[1].A, 20);
        CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_AWARDED);
        CU_ASSERT_EQUAL(f.plan->aw[1].status, RS_AWARDED);
        CU_ASSERT_EQUAL(metric(&f, RS_M_BUDGET_OVERRUN), 0);
        CU_ASSERT_EQUAL(metric(&f, RS_M_DEALS_SCALED), 0);
        assert_finite_metrics(&f);
        rs_fixture_free(&f);
    }
}

/* The same with amounts as published, 5.1 + 16.1 = 21.2: in binary the
 * sum is 21.200000000000003, above the budget 21.2.  as_requested sees no
 * overrun (it allows rounding noise); the awards equal the requests to
 * the last bits under every rule, and no rule reports them 'scaled'
 * (pro_rata, like as_requested, allows that rounding noise). */
static void budget_equals_published_requests(void)
{
    static const char *const rules[] = {"pro_rata", "priority", "as_requested"};
    for (size_t i = 0; i < 3; i++) {
        char tranche[128], json[4096];
        snprintf(tranche, sizeof tranche, ", 'budget': 21.2, 'allocation': '%s'", rules[i]);
        snprintf(json, sizeof json, SCEN(DU_BODY, "", "%s", "%s"), tranche,
                 DEAL("a", "r1", 5.1, 2) "," DEAL("b", "r2", 16.1, 2));
        rs_fixture f;
        CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, json));
        ASSERT_CLOSE(f.plan->aw[0].A, 5.1, 1e-15);
        ASSERT_CLOSE(f.plan->aw[1].A, 16.1, 1e-15);
        CU_ASSERT_EQUAL(metric(&f, RS_M_BUDGET_OVERRUN), 0);
        CU_ASSERT_EQUAL(metric(&f, RS_M_DEALS_SCALED), 0);
        assert_finite_metrics(&f);
        rs_fixture_free(&f);
    }
}

const rs_test rs_tests_edges[] = {
    {"realisation 0, SPUK", realisation_zero_spuk},
    {"realisation 0, DU", realisation_zero_du},
    {"realisation 1, SPUK", realisation_one_spuk},
    {"co-financing 0", cofinancing_zero},
    {"co-financing 0.95", cofinancing_095},
    {"co-financing 0.95 above capacity", cofinancing_095_capacity},
    {"one-year deal", one_year_deal},
    {"one-year deal, arrears and equal", one_year_deal_schedules},
    {"profile with zeros", profile_with_zeros},
    {"profile zeros between and before", profile_zeros_between_and_before},
    {"awards at deal_min and deal_cap", awards_at_min_and_cap},
    {"priority leaves exactly deal_min", priority_leaves_exactly_deal_min},
    {"budget equals the requests", budget_equals_requests},
    {"budget equals published requests", budget_equals_published_requests},
    {NULL, NULL}};
