/* test_loader.c — loading: the extends chain, file references resolved
 * against the file that names them, --set, defaults, CSV regions. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "scen.h"

/* The shipped DU/SPUK pair: the DU twin changes only the instrument. */
static void extends_pair(void)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *a = rs_scenario_load("../../scenarios/t4-spuk.json", NULL, 0, &d);
    rs_scenario *b = rs_scenario_load("../../scenarios/t4-du.json", NULL, 0, &d);
    rs_diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(a->n_deals, b->n_deals);
    CU_ASSERT_EQUAL(a->n_regions, b->n_regions);
    CU_ASSERT_STRING_EQUAL(a->instruments[a->tranches[0].instrument].id, "spuk");
    CU_ASSERT_STRING_EQUAL(b->instruments[b->tranches[0].instrument].id, "du");
    CU_ASSERT_TRUE(strcmp(a->name, b->name) != 0);
    for (size_t i = 0; i < a->n_deals; i++)
        CU_ASSERT_EQUAL(a->deals[i].request, b->deals[i].request);
    rs_scenario_free(a);
    rs_scenario_free(b);
    rs_diag_free(&d);
}

/* A chain of three files in two folders: paths resolve against the file
 * that names them, later files win, null deletes. */
static void chain_and_relative_paths(void)
{
    char sub[256];
    snprintf(sub, sizeof sub, "%s/sub", rs_test_dir());
    mkdir(sub, 0777);
    rs_test_file("sub/regions.json",
                 "[{\"id\": \"r\", \"name\": \"R\", \"population\": 1000, "
                 "\"fiscal_capacity\": 1, \"bw_pressure\": 0.3}]");
    rs_test_file("sub/base.json",
                 "{\"name\": \"base\", \"horizon\": {\"start\": 2023, \"end\": 2030},"
                 " \"regions\": \"regions.json\", \"discount_rate\": 0.03,"
                 " \"instruments\": {\"du\": {\"id\": \"du\", \"name\": \"DU\","
                 " \"payment\": {\"schedule\": \"plan\"}}},"
                 " \"tranches\": [{\"id\": \"T\", \"year\": 2024, \"budget\": 50,"
                 " \"instrument\": \"du\"}],"
                 " \"deals\": [{\"id\": \"d\", \"region\": \"r\", \"tranche\": \"T\","
                 " \"request\": 12, \"duration\": 3}]}");
    rs_test_file("mid.json", "{\"extends\": \"sub/base.json\", \"name\": \"mid\","
                             " \"realisation\": {\"mean\": 0.7}}");
    const char *top = rs_test_file("top.json", "{\"extends\": \"mid.json\", "
                                               "\"discount_rate\": null,"
                                               " \"realisation\": {\"by_year\": {\"2025\": 0.5}}}");
    char path[256];
    snprintf(path, sizeof path, "%s", top);
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load(path, NULL, 0, &d);
    rs_diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->name, "mid");
    CU_ASSERT_EQUAL(s->discount_rate, 0); /* deleted: the default */
    CU_ASSERT_EQUAL(s->real_mean, 0.7);
    CU_ASSERT_EQUAL(rs_scenario_m(s, s->real_mean, 2025), 0.5);
    CU_ASSERT_EQUAL(rs_scenario_m(s, s->real_mean, 2026), 0.7);
    CU_ASSERT_EQUAL(s->regions[0].population, 1000);
    rs_scenario_free(s);
    rs_diag_free(&d);
}

/* Defaults of docs/model.md §3.6 when keys are absent. */
static void defaults(void)
{
    rs_diag d;
    rs_scenario *s = rs_test_load(SCEN(DU_BODY, "", TR100, DEAL("d", "r1", 10, 4)), &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->name, "scenario");
    CU_ASSERT_EQUAL(s->discount_rate, 0);
    CU_ASSERT_EQUAL(s->real_mean, 1);
    CU_ASSERT_STRING_EQUAL(s->cofin.rule->name, "flat");
    CU_ASSERT_EQUAL(s->cofin.share, 0.5);
    CU_ASSERT_EQUAL(s->cofin.shortfall_drop, 0);
    const rs_tranche *t = &s->tranches[0];
    CU_ASSERT_STRING_EQUAL(t->alloc->name, "pro_rata");
    CU_ASSERT_EQUAL(t->deal_min, 5);
    CU_ASSERT_EQUAL(t->deal_cap, 40);
    const rs_instrument *in = &s->instruments[0];
    CU_ASSERT_EQUAL(in->lag, 0);
    CU_ASSERT_EQUAL(in->has_deadline, 0);
    CU_ASSERT_EQUAL(in->has_settlement, 0);
    CU_ASSERT_EQUAL(in->realisation_shift, 0);
    CU_ASSERT_EQUAL(in->off_goal_share, 0);
    CU_ASSERT_EQUAL(in->recipients_public, 0);
    CU_ASSERT_EQUAL(in->n_obl, 0);
    CU_ASSERT_STRING_EQUAL(in->legal_basis, "");
    const rs_deal *dl = &s->deals[0];
    for (int k = 0; k < 4; k++)
        CU_ASSERT_EQUAL(dl->profile[k], 0.25);
    CU_ASSERT_EQUAL(dl->projects, 0);
    CU_ASSERT_TRUE(isinf(s->regions[0].cofin_capacity));
    CU_ASSERT_EQUAL(s->unc.present, 0);
    rs_scenario_free(s);
    rs_diag_free(&d);
}

/* --set overrides, applied after the chain; a path may name a file. */
static void overrides(void)
{
    rs_override ov[] = {{"cofinancing.share", "0.4"},
                        {"tranches[0].allocation", "priority"},
                        {"deals[0].profile", "[0.1, 0.2, 0.3, 0.4]"}};
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load("../../scenarios/worked-example.json", ov, 3, &d);
    rs_diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->cofin.share, 0.4);
    CU_ASSERT_STRING_EQUAL(s->tranches[0].alloc->name, "priority");
    CU_ASSERT_EQUAL(s->deals[0].profile[3], 0.4);
    rs_scenario_free(s);
    rs_diag_free(&d);
    /* the profile has 2 shares for 4 years: an error naming --set */
    rs_override bad[] = {{"deals[0].profile", "[0.5, 0.5]"}};
    rs_diag_init(&d);
    s = rs_scenario_load("../../scenarios/worked-example.json", bad, 1, &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(d.code, RS_EXIT_INVALID);
    CU_ASSERT_TRUE(d.n && strstr(d.msg[0], "--set deals[0].profile=[0.5, 0.5]: $.deals[0].profile: has 2 shares"));
    rs_diag_free(&d);
}

/* A scenario's own "set" changes one element of an inherited list. */
static void scenario_set(void)
{
    char path[256];
    rs_test_file("set-base.json",
                 "{\"horizon\": {\"start\": 2023, \"end\": 2030},"
                 " \"regions\": [{\"id\": \"r\", \"name\": \"R\", \"population\": 1000,"
                 " \"fiscal_capacity\": 1, \"bw_pressure\": 0.3}],"
                 " \"instruments\": {\"du\": {\"id\": \"du\", \"name\": \"DU\","
                 " \"payment\": {\"schedule\": \"plan\"}}, \"up\": {\"id\": \"up\","
                 " \"name\": \"UP\", \"payment\": {\"schedule\": \"upfront\"}}},"
                 " \"tranches\": [{\"id\": \"T3\", \"year\": 2023, \"budget\": 50,"
                 " \"instrument\": \"du\"}, {\"id\": \"T4\", \"year\": 2024, \"budget\": 50,"
                 " \"instrument\": \"du\"}],"
                 " \"deals\": [{\"id\": \"d\", \"region\": \"r\", \"tranche\": \"T4\","
                 " \"request\": 12, \"duration\": 3}]}");
    snprintf(path, sizeof path, "%s",
             rs_test_file("set-child.json",
                          "{\"extends\": \"set-base.json\", \"set\": {"
                          "\"tranches[T4].instrument\": \"up\", \"deals[d].request\": 7}}"));
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load(path, NULL, 0, &d);
    rs_diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->instruments[s->tranches[1].instrument].id, "up");
    CU_ASSERT_STRING_EQUAL(s->instruments[s->tranches[0].instrument].id, "du");
    CU_ASSERT_EQUAL(s->deals[0].request, 7);
    rs_scenario_free(s);
    rs_diag_free(&d);
    /* a path that selects nothing names the file and the path */
    snprintf(path, sizeof path, "%s",
             rs_test_file("set-bad.json", "{\"extends\": \"set-base.json\", \"set\": {"
                                          "\"tranches[T9].instrument\": \"up\"}}"));
    rs_diag_init(&d);
    s = rs_scenario_load(path, NULL, 0, &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_TRUE(d.n == 1 && strstr(d.msg[0], "set-bad.json: $.set.tranches[T9].instrument: "
                                                "$.tranches has no element with id 'T9'"));
    rs_diag_free(&d);
}

/* Regions from CSV, both dialects, with quotes, a BOM and CRLF. */
static void csv_regions(void)
{
    rs_test_file("r-en.csv", "id,name,population,fiscal_capacity,bw_pressure,cofin_capacity\n"
                             "a,\"Noord, Oost\",1500,0.9,0.7,\n"
                             "b,B,2500.5,1.1,0.25,12.5\n");
    rs_test_file("r-nl.csv", "\xEF\xBB\xBFid;name;population;fiscal_capacity;bw_pressure\r\n"
                             "a;\"Noord; \"\"Oost\"\"\";1500;0,9;0,7\r\n"
                             "b;B;2500,5;1,1;0,25\r\n\r\n");
    const char *const files[] = {"r-en.csv", "r-nl.csv"};
    for (int i = 0; i < 2; i++) {
        char json[2048];
        snprintf(json, sizeof json,
                 "{'horizon': {'start': 2023, 'end': 2030}, 'regions': '%s', "
                 "'instruments': {'i': {'id': 'i', 'name': 'I', " DU_BODY "}}, "
                 "'tranches': [{'id': 'T', 'year': 2023, 'budget': 10, 'instrument': 'i'}], "
                 "'deals': [" DEAL("d", "a", 10, 2) "]}",
                 files[i]);
        rs_diag d;
        rs_scenario *s = rs_test_load(json, &d);
        rs_diag_print(&d, stderr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        CU_ASSERT_EQUAL(s->n_regions, 2);
        CU_ASSERT_STRING_EQUAL(s->regions[0].name, i ? "Noord; \"Oost\"" : "Noord, Oost");
        CU_ASSERT_EQUAL(s->regions[0].fiscal_capacity, 0.9);
        CU_ASSERT_EQUAL(s->regions[1].population, 2500.5);
        CU_ASSERT_EQUAL(s->regions[1].bw_pressure, 0.25);
        if (i == 0) {
            CU_ASSERT_TRUE(isinf(s->regions[0].cofin_capacity));
            CU_ASSERT_EQUAL(s->regions[1].cofin_capacity, 12.5);
        }
        rs_scenario_free(s);
        rs_diag_free(&d);
    }
}

static void csv_errors(void)
{
    static const struct {
        const char *text, *want;
    } c[] = {
        {"id,name,population,fiscal_capacity,bw_pressure\na,A,lots,1,0.5\n",
         "r.csv:2: column 'population': 'lots' is not a number"},
        {"id,name,population,fiscal_capacity,bw_pressure\na,A,10,1\n",
         "r.csv:2: has 4 fields, the header has 5"},
        {"id,naam,population,fiscal_capacity,bw_pressure\n", "r.csv:1: column 'naam' is unknown"},
        {"id,name,population,fiscal_capacity,bw_pressure\na,A,10,1,1.5\n",
         "r.csv: $[0].bw_pressure: is 1.5, must be a number from 0 to 1"},
        {"id,name,population,fiscal_capacity,bw_pressure\na,\"A,10,1,1\n",
         "r.csv:2: a quoted field is not closed"},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        rs_test_file("r.csv", c[i].text);
        const char *const frag[] = {c[i].want, NULL};
        CU_ASSERT_TRUE(rs_test_invalid(
            "{'horizon': {'start': 2023, 'end': 2030}, 'regions': 'r.csv', "
            "'instruments': {'i': {'id': 'i', 'name': 'I', " DU_BODY "}}, "
            "'tranches': [{'id': 'T', 'year': 2023, 'budget': 10, 'instrument': 'i'}], "
            "'deals': [" DEAL("d", "a", 10, 2) "]}",
            frag));
    }
}

const rs_test rs_tests_loader[] = {{"extends pair", extends_pair},
                                   {"chain and relative paths", chain_and_relative_paths},
                                   {"defaults", defaults},
                                   {"overrides", overrides},
                                   {"scenario set", scenario_set},
                                   {"CSV regions", csv_regions},
                                   {"CSV errors", csv_errors},
                                   {NULL, NULL}};
