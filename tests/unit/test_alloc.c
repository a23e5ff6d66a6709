/* test_alloc.c — the three allocation rules and deal_min / deal_cap
 * (docs/model.md §3.4 allocation, §5.2). */
#include "helpers.h"
#include "scen.h"

static void fixture(rs_fixture *f, const char *tranche, const char *deals)
{
    char json[4096];
    snprintf(json, sizeof json, SCEN(DU_BODY, "", "%s", "%s"), tranche, deals);
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(f, json));
}

/* ΣR = 45 > budget 30: awards 20·30/45 and 25·30/45 */
static void pro_rata(void)
{
    rs_fixture f;
    fixture(&f, ", 'budget': 30", DEAL("a", "r1", 20, 2) "," DEAL("b", "r2", 25, 2));
    ASSERT_CLOSE(f.plan->aw[0].A, 40.0 / 3, 1e-12);
    ASSERT_CLOSE(f.plan->aw[1].A, 50.0 / 3, 1e-12);
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_SCALED);
    rs_fixture_free(&f);
}

/* Requests within budget are awarded in full. */
static void pro_rata_fits(void)
{
    rs_fixture f;
    fixture(&f, TR100, DEAL("a", "r1", 20, 2) "," DEAL("b", "r2", 25, 2));
    ASSERT_CLOSE(f.plan->aw[0].A, 20, 0);
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_AWARDED);
    rs_fixture_free(&f);
}

/* Priority by pressure: r1 (0.9) 20 in full, left 10; r2 (0.5) wants 12
 * and gets the 10 left (≥ deal_min 5); r3 (0.2) finds 0 < 5: dropped. */
static void priority(void)
{
    rs_fixture f;
    fixture(&f, ", 'budget': 30, 'allocation': 'priority'",
            DEAL("c", "r3", 8, 2) "," DEAL("b", "r2", 12, 2) "," DEAL("a", "r1", 20, 2));
    ASSERT_CLOSE(f.plan->aw[2].A, 20, 0);
    ASSERT_CLOSE(f.plan->aw[1].A, 10, 0);
    CU_ASSERT_EQUAL(f.plan->aw[1].status, RS_SCALED);
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_DROPPED);
    rs_fixture_free(&f);
}

/* Equal pressure: ties go by deal id; a dropped deal does not stop the
 * next ones from being tried. */
static void priority_ties_and_skips(void)
{
    rs_fixture f;
    fixture(&f, ", 'budget': 26, 'deal_min': 5, 'allocation': 'priority'",
            DEAL("z", "r2", 20, 2) "," DEAL("m", "r2", 24, 2) "," DEAL("q", "r3", 6, 2));
    /* order m (id), z: m gets 24, left 2 < 5: z dropped; q: 6 > 2: dropped */
    ASSERT_CLOSE(f.plan->aw[1].A, 24, 0);
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_DROPPED);
    CU_ASSERT_EQUAL(f.plan->aw[2].status, RS_DROPPED);
    rs_fixture_free(&f);
    fixture(&f, ", 'budget': 30, 'deal_min': 5, 'allocation': 'priority'",
            DEAL("z", "r2", 20, 2) "," DEAL("m", "r2", 24, 2) "," DEAL("q", "r3", 6, 2));
    /* m 24, left 6; z 20 > 6 → gets 6 (≥ 5), left 0; q dropped */
    ASSERT_CLOSE(f.plan->aw[0].A, 6, 0);
    CU_ASSERT_EQUAL(f.plan->aw[2].status, RS_DROPPED);
    rs_fixture_free(&f);
}

/* as_requested awards R and reports the overrun. */
static void as_requested(void)
{
    rs_fixture f;
    fixture(&f, ", 'budget': 30, 'allocation': 'as_requested'",
            DEAL("a", "r1", 20, 2) "," DEAL("b", "r2", 25, 2));
    ASSERT_CLOSE(f.plan->aw[1].A, 25, 0);
    ASSERT_CLOSE(f.plan->overrun[0], 15, 1e-12);
    double m[RS_M_N], work[6];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    ASSERT_CLOSE(m[RS_M_BUDGET_OVERRUN], 15, 1e-12);
    rs_fixture_free(&f);
}

/* deal_cap caps the request; a request below deal_min is dropped; one
 * exactly at deal_min stays. */
static void cap_and_min(void)
{
    rs_fixture f;
    fixture(&f, TR100 ", 'deal_min': 5, 'deal_cap': 40",
            DEAL("a", "r1", 55, 2) "," DEAL("b", "r2", 4.99, 2) "," DEAL("c", "r3", 5, 2));
    ASSERT_CLOSE(f.plan->aw[0].A, 40, 0);
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_SCALED);
    CU_ASSERT_EQUAL(f.plan->aw[1].status, RS_DROPPED);
    CU_ASSERT_EQUAL(f.plan->aw[2].status, RS_AWARDED);
    ASSERT_CLOSE(f.plan->aw[2].A, 5, 0);
    double m[RS_M_N], work[6];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    CU_ASSERT_EQUAL(m[RS_M_DEALS_AWARDED], 2);
    CU_ASSERT_EQUAL(m[RS_M_DEALS_SCALED], 1);
    CU_ASSERT_EQUAL(m[RS_M_DEALS_DROPPED], 1);
    rs_fixture_free(&f);
}

const rs_test rs_tests_alloc[] = {{"pro_rata", pro_rata},
                                  {"pro_rata within budget", pro_rata_fits},
                                  {"priority", priority},
                                  {"priority ties and skips", priority_ties_and_skips},
                                  {"as_requested overrun", as_requested},
                                  {"deal_cap and deal_min", cap_and_min},
                                  {NULL, NULL}};
