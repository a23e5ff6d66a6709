/* test_cofin.c — co-financing rules and shortfalls (docs/model.md §4, §5.1).
 * Regions of scen.h: r1 fiscal_capacity 0.8 / pressure 0.9, r2 1.0 / 0.5,
 * r3 1.25 / 0.2. */
#include <string.h>

#include "../../src/output/messages.h"
#include "helpers.h"
#include "scen.h"

#define THREE DEAL("d1", "r1", 10, 2) "," DEAL("d2", "r2", 10, 2) "," DEAL("d3", "r3", 10, 2)

static void shares(const char *cofin, double c1, double c2, double c3)
{
    char json[4096];
    snprintf(json, sizeof json, SCEN(DU_BODY, ", 'cofinancing': %s", TR100, THREE), cofin);
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, json));
    ASSERT_CLOSE(f.plan->aw[0].c, c1, 1e-12);
    ASSERT_CLOSE(f.plan->aw[1].c, c2, 1e-12);
    ASSERT_CLOSE(f.plan->aw[2].c, c3, 1e-12);
    /* C = A·c/(1−c) with A = 10 */
    ASSERT_CLOSE(f.plan->aw[0].C, 10 * c1 / (1 - c1), 1e-12);
    ASSERT_CLOSE(f.plan->aw[2].V, 10 + 10 * c3 / (1 - c3), 1e-12);
    rs_fixture_free(&f);
}

static void flat(void) { shares("{'rule': 'flat', 'share': 0.4}", 0.4, 0.4, 0.4); }

/* base 0.5 + 0.4·(fc − 1): 0.42, 0.5, 0.6 → clamped to [0.45, 0.55] */
static void capacity_linear(void)
{
    shares("{'rule': 'capacity_linear', 'base': 0.5, 'slope': 0.4}", 0.42, 0.5, 0.6);
    shares("{'rule': 'capacity_linear', 'base': 0.5, 'slope': 0.4, 'min': 0.45, 'max': 0.55}",
           0.45, 0.5, 0.55);
}

/* first tier with pressure ≤ max_pressure: 0.9 → 0.3, 0.5 → 0.5 (equal
 * to the bound), 0.2 → 0.6 */
static void pressure_tiers(void)
{
    shares("{'rule': 'pressure_tiers', 'tiers': [{'max_pressure': 0.2, 'share': 0.6}, "
           "{'max_pressure': 0.5, 'share': 0.5}, {'max_pressure': 1, 'share': 0.3}]}",
           0.3, 0.5, 0.6);
}

/* A tranche's own rule overrides the scenario's. */
static void tranche_rule(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(DU_BODY, ", 'cofinancing': {'rule': 'flat', 'share': 0.5}",
                 TR100 ", 'cofinancing': {'rule': 'flat', 'share': 0.25}", THREE)));
    ASSERT_CLOSE(f.plan->aw[1].c, 0.25, 1e-15);
    ASSERT_CLOSE(f.plan->aw[1].C, 10.0 / 3, 1e-12);
    rs_fixture_free(&f);
}

/* cofin_capacity 6 M€.  At c = 0.5 'scale' sets R = 6·0.5/0.5 = 6;
 * at c = 0.6, R = 6·0.4/0.6 = 4 < deal_min 5: dropped; 'drop' drops. */
static void shortfall(const char *share, const char *mode, rs_status want, double A)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{'horizon': {'start': 2023, 'end': 2030}, 'regions': [{'id': 'r', 'name': 'R', "
             "'population': 5000, 'fiscal_capacity': 1, 'bw_pressure': 0.5, "
             "'cofin_capacity': 6}], 'instruments': {'i': {'id': 'i', 'name': 'I', " DU_BODY
             "}}, 'cofinancing': {'rule': 'flat', 'share': %s, 'shortfall': '%s'}, "
             "'tranches': [{'id': 'T', 'year': 2023, 'budget': 100, 'instrument': 'i'}], "
             "'deals': [{'id': 'd', 'region': 'r', 'tranche': 'T', 'request': 20, "
             "'duration': 2}]}",
             share, mode);
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, json));
    CU_ASSERT_EQUAL(f.plan->aw[0].status, want);
    ASSERT_CLOSE(f.plan->aw[0].A, A, 1e-12);
    if (want != RS_DROPPED)
        ASSERT_CLOSE(f.plan->aw[0].C, 6, 1e-12);
    CU_ASSERT_EQUAL(f.plan->aw[0].why.id, want == RS_AWARDED ? RS_MSG_NONE
                                          : want == RS_SCALED ? RS_MSG_CAP_SCALE
                                          : strcmp(mode, "drop") == 0 ? RS_MSG_CAP_DROP
                                                                      : RS_MSG_BELOW_MIN);
    rs_fixture_free(&f);
}

static void shortfall_scale(void) { shortfall("0.5", "scale", RS_SCALED, 6); }
static void shortfall_scale_below_min(void) { shortfall("0.6", "scale", RS_DROPPED, 0); }
static void shortfall_drop(void) { shortfall("0.5", "drop", RS_DROPPED, 0); }

/* c = 0 needs no co-financing: V = A. */
static void zero_share(void) { shares("{'rule': 'flat', 'share': 0}", 0, 0, 0); }

/* Co-financing by source (docs/model.md §4.3).  One region 's' that can
 * raise 3 M€ of private money for a deal; the deal asks 20 at c = 0.5
 * (C = 20) with its contribution half public, half private.  'counts' is
 * the tranche's cofin_counts (NULL: the default, all sources). */
static void sources_fixture(rs_fixture *f, const char *counts, const char *sources)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{'horizon': {'start': 2023, 'end': 2030}, "
             "'regions': [{'id': 's', 'name': 'S', 'population': 1000, 'fiscal_capacity': 1, "
             "'bw_pressure': 0.5, 'cofin_capacity_private': 3}], "
             "'instruments': {'i': {'id': 'i', 'name': 'I', " DU_BODY "}}, "
             "'tranches': [{'id': 'T', 'year': 2023, 'instrument': 'i', 'budget': 100%s%s}], "
             "'deals': [{'id': 'd', 'region': 's', 'tranche': 'T', 'request': 20, "
             "'duration': 1, 'cofin_sources': %s}]}",
             counts ? ", 'cofin_counts': " : "", counts ? counts : "", sources);
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(f, json));
}

/* All sources count: private binds, C ≤ 3·1/0.5 = 6, so R = 6 = A,
 * C = 6 of which 3 public and 3 private. */
static void sources_private_binds(void)
{
    rs_fixture f;
    sources_fixture(&f, NULL, "{'public': 0.5, 'private': 0.5}");
    const rs_award *a = &f.plan->aw[0];
    CU_ASSERT_EQUAL(a->status, RS_SCALED);
    ASSERT_CLOSE(a->A, 6, 1e-12);
    ASSERT_CLOSE(a->C, 6, 1e-12);
    ASSERT_CLOSE(a->Cs[RS_SRC_PUBLIC], 3, 1e-12);
    ASSERT_CLOSE(a->Cs[RS_SRC_PRIVATE], 3, 1e-12);
    CU_ASSERT_EQUAL(a->why.id, RS_MSG_SRC_BIND_SCALE);
    CU_ASSERT_STRING_EQUAL(a->why.s[0], "private");
    char nl[512], en[512];
    rs_msg_format(nl, sizeof nl, &a->why, 1);
    rs_msg_format(en, sizeof en, &a->why, 0);
    CU_ASSERT_STRING_EQUAL(nl, "cofinanciering € 20 mln: ten hoogste € 6 mln telt mee, want de "
                               "maximale cofinanciering uit private middelen is bereikt; "
                               "aanvraag verlaagd tot € 6 mln");
    CU_ASSERT_STRING_EQUAL(en, "co-financing €20 million: at most €6 million counts, as the "
                               "region's co-financing capacity from private funds binds; "
                               "request scaled to €6 million");
    rs_fixture_free(&f);
}

/* Tranche-3 rule, only public money counts: q = 0.5, the private half is
 * left out of the deal, so its capacity does not bind; C = A = 20, all
 * public. */
static void sources_public_only(void)
{
    rs_fixture f;
    sources_fixture(&f, "['public']", "{'public': 0.5, 'private': 0.5}");
    const rs_award *a = &f.plan->aw[0];
    CU_ASSERT_EQUAL(a->status, RS_AWARDED);
    ASSERT_CLOSE(a->A, 20, 1e-12);
    ASSERT_CLOSE(a->Cs[RS_SRC_PUBLIC], 20, 1e-12);
    ASSERT_CLOSE(a->Cs[RS_SRC_PRIVATE], 0, 0);
    rs_fixture_free(&f);
    /* nothing of an all-private contribution counts: dropped */
    sources_fixture(&f, "['public']", "{'private': 1}");
    CU_ASSERT_EQUAL(f.plan->aw[0].status, RS_DROPPED);
    CU_ASSERT_EQUAL(f.plan->aw[0].why.id, RS_MSG_SRC_NONE_DROP);
    {
        char nl[512];
        rs_msg_format(nl, sizeof nl, &f.plan->aw[0].why, 1);
        CU_ASSERT_STRING_EQUAL(nl, "cofinanciering € 20 mln: in tranche T telt geen van de "
                                   "bronnen van de regio mee (bij een tekort wordt de aanvraag "
                                   "verlaagd, hier tot 0)");
    }
    rs_fixture_free(&f);
}

/* In kind: 0.6 public, 0.4 in kind of C = 20; realisation 1, one year:
 * spent = V = 40, of which 40·8/40 = 8 in kind; cofinancing_spent stays 20
 * (in-kind work is spending on the deal). */
static void sources_in_kind(void)
{
    rs_fixture f;
    sources_fixture(&f, NULL, "{'public': 0.6, 'in_kind': 0.4}");
    double work[8], m[RS_M_N];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    ASSERT_CLOSE(m[RS_M_COFIN_PUBLIC], 12, 1e-12);
    ASSERT_CLOSE(m[RS_M_COFIN_IN_KIND], 8, 1e-12);
    ASSERT_CLOSE(m[RS_M_COFIN_PRIVATE], 0, 0);
    ASSERT_CLOSE(m[RS_M_IN_KIND_SPENT], 8, 1e-12);
    ASSERT_CLOSE(m[RS_M_COFINANCING_SPENT], 20, 1e-12);
    ASSERT_CLOSE(m[RS_M_SPENT], 40, 1e-12);
    rs_fixture_free(&f);
}

const rs_test rs_tests_cofin[] = {{"sources: private capacity binds", sources_private_binds},
                                  {"sources: only public counts", sources_public_only},
                                  {"sources: in kind", sources_in_kind},
{"flat", flat},
                                  {"capacity_linear with clamp", capacity_linear},
                                  {"pressure_tiers", pressure_tiers},
                                  {"tranche rule overrides", tranche_rule},
                                  {"shortfall scale", shortfall_scale},
                                  {"shortfall scale below deal_min", shortfall_scale_below_min},
                                  {"shortfall drop", shortfall_drop},
                                  {"zero share", zero_share},
                                  {NULL, NULL}};
