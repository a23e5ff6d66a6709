/* test_burden.c — the Standard Cost Model, every 'per' kind (MODEL.md
 * §1 admin, §3.6), on a deal worked by hand:
 *   A = 10, V = 20, D = 2, ρ = 0.5, plan 5 + 5 paid in 2023–2024;
 *   spent 5, 7.5; backlog 7.5 > 0.05·20 → extended to 2025;
 *   settlement in 2026.  Tariffs: region 80 €/h, Rijk 100 €/h;
 *   3 projects, 2 private partners. */
#include "helpers.h"
#include "scen.h"

#define OBLIGATIONS                                                                          \
    "'admin': {'tariff': {'region': 80, 'rijk': 100}, 'obligations': ["                      \
    "{'name': 'aanvraag', 'side': 'region', 'hours': 10, 'per': 'deal'},"                    \
    "{'name': 'vaststelling', 'side': 'rijk', 'hours': 5, 'fixed_eur': 1000, "               \
    "'per': 'deal', 'when': 'settlement'},"                                                  \
    "{'name': 'SiSa', 'side': 'region', 'hours': 2, 'share_of_flow': 0.01, "                 \
    "'per': 'deal_year'},"                                                                   \
    "{'name': 'projectplan', 'side': 'region', 'hours': 1, 'per': 'project'},"               \
    "{'name': 'voortgang', 'side': 'rijk', 'hours': 1, 'per': 'project_year'},"              \
    "{'name': 'doorzetting', 'side': 'region', 'hours': 4, 'per': 'private_partner'},"       \
    "{'name': 'verlenging', 'side': 'rijk', 'hours': 8, 'per': 'extension'}]}"

#define BDEAL                                                                                \
    "{'id': 'd', 'region': 'r2', 'tranche': 'T', 'request': 10, 'duration': 2, "             \
    "'projects': 3, 'private_partners': 2}"

static void load(rs_fixture *f, const char *recipients, const char *deadline)
{
    char json[8192];
    snprintf(json, sizeof json,
             SCEN("'payment': {'schedule': 'plan'}, %s 'recipients': '%s', " OBLIGATIONS,
                  ", 'realisation': {'mean': 0.5}", TR100, BDEAL),
             deadline, recipients);
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(f, json));
}

#define SPUK_DL                                                                              \
    "'deadline': {'extension_years': 1, 'extension_threshold': 0.05}, "                      \
    "'settlement': {'lag': 1, 'reclaim_share': 1},"

static void every_per_kind(void)
{
    rs_fixture f;
    load(&f, "public", SPUK_DL);
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 1);
    /* region 2023: aanvraag 800 € + SiSa 160 € + 1% of 5 M€ + 3 projects·80 €
     * + 2 partners·320 € */
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2023),
                 (800 + 160 + 240 + 640) / 1e6 + 0.05, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2024), 160 / 1e6 + 0.05, 1e-12);
    /* 2025 is an active (extension) year, with no payment */
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2025), 160 / 1e6, 1e-12);
    CU_ASSERT_EQUAL(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2026), 0);
    /* Rijk: 3 projects·100 € each active year, extension 800 € in 2025,
     * vaststelling 500 € + 1000 € in 2026 */
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_RIJK, 2023), 300 / 1e6, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_RIJK, 2025), 1100 / 1e6, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_RIJK, 2026), 1500 / 1e6, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].admin[RS_SIDE_REGION], 0.10216, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].admin[RS_SIDE_RIJK], 0.0032, 1e-12);
    rs_fixture_free(&f);
}

/* private_partner costs only where the money can reach public bodies only */
static void partners_only_when_public(void)
{
    rs_fixture f;
    load(&f, "any", SPUK_DL);
    ASSERT_CLOSE(f.run->dr[0].admin[RS_SIDE_REGION], 0.10216 - 640 / 1e6, 1e-12);
    rs_fixture_free(&f);
}

/* The burden factor of Monte Carlo multiplies hours, not fixed € or the
 * share of the flow. */
static void admin_factor_scales_hours(void)
{
    rs_fixture f;
    load(&f, "public", SPUK_DL);
    f.run->admin_factor = 2;
    rs_run_simulate(f.run);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2023),
                 2 * (800 + 160 + 240 + 640) / 1e6 + 0.05, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_RIJK, 2026), (1000 + 1000) / 1e6, 1e-12);
    rs_fixture_free(&f);
}

/* Without a deadline the active years are the planned ones (2023–2024),
 * though spending goes on; 'settlement' obligations fall in the last
 * active year; no extension ever. */
static void du_active_years(void)
{
    rs_fixture f;
    load(&f, "public", "");
    CU_ASSERT_EQUAL(f.run->dr[0].last_active, 1);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2025), 0, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_RIJK, 2024), (300 + 1500) / 1e6, 1e-12);
    ASSERT_CLOSE(f.run->dr[0].admin[RS_SIDE_RIJK], (300 + 300 + 1500) / 1e6, 1e-12);
    rs_fixture_free(&f);
}

/* A deal may name its own instrument (docs/model.md §3.5): two deals in one
 * tranche of instrument 'i' (plan, no obligations), the second paid by 'du2'
 * whose only obligation is 60 h per private partner at 85 €/h.  Deal 'a'
 * carries no burden; deal 'b' with 3 partners costs the region
 * 3·60·85 = 15,300 € in its start year, and runs without a deadline. */
static void deal_own_instrument(void)
{
    const char *json =
        "{'horizon': {'start': 2023, 'end': 2030}, " REGIONS3 ", "
        "'instruments': {'i': {'id': 'i', 'name': 'I', " SPUK_BODY "}, "
        "'du2': {'id': 'du2', 'name': 'DU2', 'payment': {'schedule': 'plan'}, "
        "'recipients': 'public', 'admin': {'tariff': {'region': 85}, 'obligations': ["
        "{'name': 'doorsubsidiering', 'side': 'region', 'hours': 60, "
        "'per': 'private_partner'}]}}}, "
        "'tranches': [{'id': 'T', 'year': 2023, 'instrument': 'i', 'budget': 100}], "
        "'deals': [{'id': 'a', 'region': 'r1', 'tranche': 'T', 'request': 10, "
        "'duration': 2, 'private_partners': 3}, "
        "{'id': 'b', 'region': 'r2', 'tranche': 'T', 'request': 10, 'duration': 2, "
        "'private_partners': 3, 'instrument': 'du2'}], 'realisation': {'mean': 0.5}}";
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(&f, json));
    CU_ASSERT_STRING_EQUAL(f.sc->instruments[f.sc->deals[0].instrument].id, "i");
    CU_ASSERT_STRING_EQUAL(f.sc->instruments[f.sc->deals[1].instrument].id, "du2");
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2023), 3 * 60 * 85 / 1e6, 1e-12);
    ASSERT_CLOSE(rs_fixture_y(&f, RS_Y_ADMIN_REGION, 2024), 0, 1e-15);
    /* 'a' under the deadline ends in 2025 (extended), 'b' spends to 2030 */
    CU_ASSERT_EQUAL(f.run->dr[0].extended, 1);
    CU_ASSERT_EQUAL(f.run->dr[0].reclaimed > 0, 1);
    ASSERT_CLOSE(f.run->dr[1].reclaimed, 0, 0);
    rs_fixture_free(&f);
}

const rs_test rs_tests_burden[] = {{"deal's own instrument", deal_own_instrument},
{"every per kind", every_per_kind},
                                   {"partners only when public", partners_only_when_public},
                                   {"admin factor scales hours", admin_factor_scales_hours},
                                   {"DU active years", du_active_years},
                                   {NULL, NULL}};
