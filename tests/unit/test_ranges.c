/* test_ranges.c — the 'ranges' of estimates (docs/format.md): where they
 * are declared, which one wins, and every malformed range refused. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "scen.h"

#define OK_DEAL DEAL("d", "r1", 10, 2)

#define BAD(json, ...)                                                                       \
    do {                                                                                     \
        const char *const frag_[] = {__VA_ARGS__, NULL};                                     \
        CU_ASSERT_TRUE(rs_test_invalid(json, frag_));                                        \
    } while (0)

#define INSTR                                                                                \
    DU_BODY ", 'off_goal_share': 0.1, 'realisation_shift': -0.02, "                          \
            "'ranges': {'off_goal_share': {'lo': 0.02, 'hi': 0.25, 'note': 'why'}, "         \
            "'realisation_shift': [-0.05, 0.01]}, "                                          \
            "'admin': {'tariff': {'region': 85, 'ranges': {'region': {'lo': 76.5, 'hi': 93.5, " \
            "'group': 'tarief'}}}, 'obligations': [{'name': 'SiSa x', 'side': 'region', "      \
            "'hours': 100, 'per': 'deal', 'ranges': {'hours': [50, 200]}}]}"

static const rs_range *find(const rs_scenario *s, const char *path)
{
    for (size_t i = 0; i < s->n_ranges; i++)
        if (strcmp(s->ranges[i].path, path) == 0)
            return &s->ranges[i];
    return NULL;
}

static void collected(void)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_test_load(SCEN(INSTR, "", TR100, OK_DEAL), &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->n_ranges, 4);
    const rs_range *r = find(s, "instruments.i.off_goal_share");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_DOUBLE_EQUAL(r->value, 0.1, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->lo, 0.02, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->hi, 0.25, 0);
    CU_ASSERT_STRING_EQUAL(r->note, "why");
    CU_ASSERT_PTR_NULL(r->group);
    r = find(s, "instruments.i.realisation_shift");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_DOUBLE_EQUAL(r->lo, -0.05, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->value, -0.02, 0);
    r = find(s, "instruments.i.admin.tariff.region");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(r->group, "tarief");
    /* an obligation has no id: its index in the path, its name in the label */
    r = find(s, "instruments.i.admin.obligations[0].hours");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(r->label, "instruments.i.admin.obligations[SiSa x].hours");
    CU_ASSERT_DOUBLE_EQUAL(r->hi, 200, 0);
    /* sorted by path */
    for (size_t i = 1; i < s->n_ranges; i++)
        CU_ASSERT(strcmp(s->ranges[i - 1].path, s->ranges[i].path) < 0);
    rs_scenario_free(s);
    rs_diag_free(&d);
}

static void scenario_wins(void)
{
    rs_diag d;
    rs_diag_init(&d);
    /* the scenario's own range replaces the instrument's; a region's list
     * element is named by its id */
    rs_scenario *s = rs_test_load(
        SCEN(INSTR,
             ", 'ranges': {'instruments.i.off_goal_share': {'lo': 0.05, 'hi': 0.15}, "
             "'regions[r2].fiscal_capacity': [0.9, 1.1], '$.regions[2].bw_pressure': [0.1, 0.3]}",
             TR100, OK_DEAL),
        &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->n_ranges, 6);
    const rs_range *r = find(s, "instruments.i.off_goal_share");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_DOUBLE_EQUAL(r->lo, 0.05, 0);
    CU_ASSERT_DOUBLE_EQUAL(r->hi, 0.15, 0);
    CU_ASSERT_PTR_NULL(r->note);
    r = find(s, "regions[r2].fiscal_capacity");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_DOUBLE_EQUAL(r->value, 1.0, 0);
    r = find(s, "regions[r3].bw_pressure"); /* by index in, by id out */
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_DOUBLE_EQUAL(r->value, 0.2, 0);
    rs_scenario_free(s);
    rs_diag_free(&d);
}

static void refused(void)
{
    BAD(SCEN(DU_BODY ", 'off_goal_share': 0.1, 'ranges': {'off_goal_share': [0.3, 0.2]}", "",
             TR100, OK_DEAL),
        "$.instruments.i.ranges.off_goal_share", "lo 0.3 must be below hi 0.2");
    BAD(SCEN(DU_BODY ", 'ranges': {'off_goal_shar': [0, 0.2]}", "", TR100, OK_DEAL),
        "$.instruments.i.ranges.off_goal_shar", "names no value", "no 'off_goal_shar'");
    BAD(SCEN(DU_BODY ", 'ranges': {'id': [0, 0.2]}", "", TR100, OK_DEAL),
        "'instruments.i.id' is a string: a range belongs to a number");
    BAD(SCEN(DU_BODY ", 'off_goal_share': 0.1, 'ranges': {'off_goal_share': {'lo': 0, 'hi': 1, "
                     "'low': 0}}",
             "", TR100, OK_DEAL),
        "unknown key 'low' in a range");
    BAD(SCEN(DU_BODY ", 'off_goal_share': 0.1, 'ranges': {'off_goal_share': 0.2}", "", TR100,
             OK_DEAL),
        "is a number, must be a range [LO, HI]");
    BAD(SCEN(DU_BODY, ", 'ranges': [1, 2]", TR100, OK_DEAL), "$.ranges: is a list, must be an object");
    BAD(SCEN(DU_BODY, ", 'ranges': {'deals[x].request': [1, 2]}", TR100, OK_DEAL),
        "no element with id 'x'");
    BAD(SCEN(DU_BODY ", 'off_goal_share': 0.1, 'ranges': {'off_goal_share': {'lo': 0, 'hi': 1, "
                     "'group': 3}}",
             "", TR100, OK_DEAL),
        "'note' and 'group' are text");
}

static void number_lookup(void)
{
    rs_diag d;
    rs_diag_init(&d);
    const char *f = rs_test_file("rng.json", "{\"horizon\": {\"start\": 2023, \"end\": 2030}, "
                                             "\"tranches\": [{\"id\": \"T4\", \"budget\": 2.385}]}");
    double v = 0;
    char *canon = NULL;
    CU_ASSERT_EQUAL(rs_scenario_number(f, NULL, 0, "tranches[0].budget", &v, &canon, &d), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 2.385, 0);
    CU_ASSERT_STRING_EQUAL(canon, "tranches[T4].budget");
    free(canon);
    rs_override ov = {"tranches[T4].budget", "7.5"};
    CU_ASSERT_EQUAL(rs_scenario_number(f, &ov, 1, "tranches[T4].budget", &v, NULL, &d), 0);
    CU_ASSERT_DOUBLE_EQUAL(v, 7.5, 0);
    CU_ASSERT_EQUAL(rs_scenario_number(f, NULL, 0, "horizon.middle", &v, NULL, &d), -1);
    CU_ASSERT_EQUAL(rs_scenario_number(f, NULL, 0, "tranches[0].id", &v, NULL, &d), -1);
    CU_ASSERT_EQUAL(d.n, 0);
    CU_ASSERT_EQUAL(rs_scenario_number("/nonexistent/x.json", NULL, 0, "a", &v, NULL, &d),
                    RS_EXIT_IO);
    rs_diag_free(&d);
}

const rs_test rs_tests_ranges[] = {
    {"ranges collected next to their values", collected},
    {"a scenario's range wins over a model file's", scenario_wins},
    {"malformed ranges refused", refused},
    {"a number looked up by path", number_lookup},
    {NULL, NULL},
};
