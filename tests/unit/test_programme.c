/* test_programme.c — the real programme (models/programme/) reproduces
 * the published figures of FACTS.md when each deal receives what it was
 * awarded. */
#include <string.h>

#include "helpers.h"

#define BASELINE "../../scenarios/programme-baseline.json"

static size_t tranche(const rs_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_tranches; i++)
        if (strcmp(s->tranches[i].id, id) == 0)
            return i;
    CU_FAIL_FATAL("tranche missing");
    return 0;
}

/* Tranche 4: 14 deals, 284.2 M€; 5: 22 and 386.4; 6: 16 and 244.3
 * (rijksoverheid.nl 17 Feb 2023, 9 Feb 2024, 3 Feb 2025). */
static void published_tranches(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, BASELINE, NULL, 0));
    static const struct {
        const char *id;
        int deals;
        double awarded;
    } pub[] = {{"T4", 14, 284.2}, {"T5", 22, 386.4}, {"T6", 16, 244.3}};
    double work[256], m[RS_M_N];
    CU_ASSERT_TRUE_FATAL(2 * f.sc->n_regions <= 256);
    for (size_t i = 0; i < 3; i++) {
        size_t k = tranche(f.sc, pub[i].id);
        rs_metrics_compute(f.run, RS_SUB_TRANCHE, k, work, m);
        CU_ASSERT_EQUAL(m[RS_M_DEALS_AWARDED], pub[i].deals);
        CU_ASSERT_EQUAL(m[RS_M_DEALS_DROPPED], 0);
        CU_ASSERT_EQUAL(m[RS_M_DEALS_SCALED], 0);
        ASSERT_CLOSE(m[RS_M_RIJK_AWARDED], pub[i].awarded, 1e-12);
        ASSERT_CLOSE(f.sc->tranches[k].budget, pub[i].awarded, 0);
    }
    rs_fixture_free(&f);
}

/* Tranches 2–3 hold no deal outside 5–40 M€.  Tranche 1 does: Rotterdam-Zuid
 * and Brainport 130, Caribisch Nederland 50 (FACTS lists them so; they
 * predate the envelope's bounds), so its deal_cap is 130. */
static void deal_bounds(void)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load(BASELINE, NULL, 0, &d);
    rs_diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    int above40_t1 = 0;
    for (size_t i = 0; i < s->n_deals; i++) {
        const rs_deal *dl = &s->deals[i];
        const char *t = s->tranches[dl->tranche].id;
        if (strcmp(t, "T2") == 0 || strcmp(t, "T3") == 0) {
            CU_ASSERT_TRUE(dl->request >= 5 && dl->request <= 40);
        }
        if (strcmp(t, "T1") == 0 && dl->request > 40)
            above40_t1++;
        CU_ASSERT_TRUE(dl->request >= s->tranches[dl->tranche].deal_min);
        CU_ASSERT_TRUE(dl->request <= s->tranches[dl->tranche].deal_cap);
    }
    CU_ASSERT_EQUAL(above40_t1, 3);
    CU_ASSERT_EQUAL(s->n_deals, 82);
    rs_scenario_free(s);
    rs_diag_free(&d);
}

/* With realisation 1 (the instruments' shifts set to 0, so ρ = 1) and no
 * lags the whole programme pays out exactly the sum of the awards, spends
 * exactly its volume and reclaims nothing. */
static void pays_the_awards(void)
{
    rs_override ov[] = {{"realisation.mean", "1"},
                        {"instruments.spuk.realisation_shift", "0"},
                        {"instruments.du.realisation_shift", "0"},
                        {"instruments.spuk.payment.lag", "0"},
                        {"instruments.du.payment.lag", "0"}};
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, BASELINE, ov, 5));
    double work[256], m[RS_M_N];
    rs_metrics_compute(f.run, RS_SUB_ALL, 0, work, m);
    /* 345 + 215 + 180 + 284.2 + 386.4 + 244.3 */
    ASSERT_CLOSE(m[RS_M_RIJK_AWARDED], 1654.9, 1e-12);
    ASSERT_CLOSE(m[RS_M_RIJK_PAID], m[RS_M_RIJK_AWARDED], 1e-12);
    ASSERT_CLOSE(m[RS_M_SPENT], m[RS_M_VOLUME], 1e-12);
    CU_ASSERT_EQUAL(m[RS_M_RIJK_RECLAIMED], 0);
    ASSERT_CLOSE(m[RS_M_RETAINED], 0, 1e-12);
    ASSERT_CLOSE(m[RS_M_DELAY_YEARS], 0, 1e-12);
    rs_fixture_free(&f);
}

/* Every programme deal has projects and private partners (published or
 * estimated per M€, docs/sources.md §4.3), the island deals of tranches
 * 5–6 are paid as a bijzondere uitkering, and overlapping regions list
 * each other. */
static void deals_complete(void)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load(BASELINE, NULL, 0, &d);
    rs_diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    long projects = 0, partners = 0;
    for (size_t i = 0; i < s->n_deals; i++) {
        const rs_deal *dl = &s->deals[i];
        CU_ASSERT_TRUE(dl->projects >= 3);
        CU_ASSERT_TRUE(dl->private_partners >= 1);
        projects += dl->projects;
        partners += dl->private_partners;
        const char *ins = s->instruments[dl->instrument].id;
        int island = strcmp(dl->id, "t6-bonaire") == 0 || strcmp(dl->id, "t5-sint-eustatius") == 0;
        CU_ASSERT_EQUAL(strcmp(ins, "bu-bes") == 0, island);
    }
    /* Zeeland 13 and Achterhoek 43 projects as published */
    CU_ASSERT_EQUAL(s->deals[rs_scenario_find_deal(s, "t1-zeeland")].projects, 13);
    CU_ASSERT_EQUAL(s->deals[rs_scenario_find_deal(s, "t2-achterhoek")].projects, 43);
    CU_ASSERT_EQUAL(projects, 1677);
    CU_ASSERT_EQUAL(partners, 997);
    int parkstad_in_zl = 0;
    for (size_t i = 0; i < s->n_regions; i++) {
        const rs_region *r = &s->regions[i];
        for (size_t k = 0; k < r->n_overlaps; k++) {
            const rs_region *o = &s->regions[r->overlaps[k]];
            int back = 0;
            for (size_t j = 0; j < o->n_overlaps; j++)
                back |= o->overlaps[j] == i;
            CU_ASSERT_TRUE(back); /* listed both ways */
            parkstad_in_zl |= strcmp(r->id, "parkstad") == 0 && strcmp(o->id, "zuid-limburg") == 0;
        }
    }
    CU_ASSERT_TRUE(parkstad_in_zl);
    rs_scenario_free(s);
    rs_diag_free(&d);
}

const rs_test rs_tests_programme[] = {{"deals complete", deals_complete},
{"published tranche figures", published_tranches},
                                      {"deal bounds", deal_bounds},
                                      {"pays the awards", pays_the_awards},
                                      {NULL, NULL}};
