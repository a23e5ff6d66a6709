/* test_validate.c — every kind of invalid scenario, provoked on purpose,
 * with the JSON path and the words of the message asserted. */
#include <string.h>

#include "helpers.h"
#include "scen.h"

#define OK_DEAL DEAL("d", "r1", 10, 2)

#define BAD(json, ...)                                                                       \
    do {                                                                                     \
        const char *const frag_[] = {__VA_ARGS__, NULL};                                     \
        CU_ASSERT_TRUE(rs_test_invalid(json, frag_));                                        \
    } while (0)

static void keys(void)
{
    BAD(SCEN(DU_BODY, "", ", 'budjet': 100", OK_DEAL),
        "$.tranches[0]: unknown key 'budjet' in $.tranches[0] (did you mean 'budget'?)");
    BAD(SCEN(DU_BODY, ", 'colour': 'blue'", TR100, OK_DEAL), "$: unknown key 'colour'");
    BAD(SCEN(DU_BODY, "", TR100, "{'id': 'd', 'region': 'r1', 'tranche': 'T', 'duration': 2}"),
        "$.deals[0]: missing required key 'request'");
    BAD(SCEN("'payment': {'lag': 1}", "", TR100, OK_DEAL),
        "$.instruments.i.payment: missing required key 'schedule'");
    BAD(SCEN(DU_BODY, "", TR100, OK_DEAL ", " OK_DEAL),
        "$.deals[1].id: duplicate deal id 'd' (also at $.deals[0])");
    BAD(SCEN(DU_BODY ", 'note': 5", "", TR100, OK_DEAL),
        "$.instruments.i.note: is a number, must be a string (documentation)");
}

static void types_and_ranges(void)
{
    BAD(SCEN(DU_BODY, "", ", 'budget': '100'", OK_DEAL),
        "$.tranches[0].budget: is a string, must be a number ≥ 0 (M€)");
    BAD(SCEN(DU_BODY, "", ", 'budget': -5", OK_DEAL),
        "$.tranches[0].budget: is -5, must be a number ≥ 0 (M€)");
    BAD(SCEN(DU_BODY, "", TR100, DEAL("d", "r1", -2.5, 2)), "$.deals[0].request: is -2.5");
    BAD(SCEN(DU_BODY, "", TR100, DEAL("d", "r1", 10, 2.5)),
        "$.deals[0].duration: is 2.5, must be a whole number from 1 to 100");
    BAD(SCEN(DU_BODY, "", TR100, DEAL("d", "r1", 10, 0)), "$.deals[0].duration: is 0");
    BAD(SCEN(DU_BODY ", 'off_goal_share': 1.5", "", TR100, OK_DEAL),
        "$.instruments.i.off_goal_share: is 1.5, must be a number from 0 to 1");
    BAD(SCEN(DU_BODY ", 'recipients': 'private'", "", TR100, OK_DEAL),
        "$.instruments.i.recipients: is 'private', must be one of 'any', 'public'");
}

static void years(void)
{
    BAD(SCEN(DU_BODY, "", ", 'budget': 1, 'year': 2019", OK_DEAL),
        "duplicate key 'year'");
    BAD("{'horizon': {'start': 2023, 'end': 2030}, " REGIONS3 ", 'instruments': {'i': {'id': "
        "'i', 'name': 'I', " DU_BODY "}}, 'tranches': [{'id': 'T', 'year': 2031, 'budget': 5, "
        "'instrument': 'i'}], 'deals': [" OK_DEAL "]}",
        "$.tranches[0].year: year 2031 is outside the horizon 2023–2030");
    BAD("{'horizon': {'start': 2023, 'end': 2020}, " REGIONS3 ", 'instruments': {'i': {'id': "
        "'i', 'name': 'I', " DU_BODY "}}, 'tranches': [{'id': 'T', 'year': 2023, 'budget': 5, "
        "'instrument': 'i'}], 'deals': [" OK_DEAL "]}",
        "$.horizon.end: end 2020 is before start 2023");
    BAD(SCEN(DU_BODY, ", 'realisation': {'by_year': {'2019': 0.5}}", TR100, OK_DEAL),
        "$.realisation.by_year.2019: year 2019 is outside the horizon");
    BAD(SCEN(DU_BODY, ", 'realisation': {'by_year': {'covid': 0.5}}", TR100, OK_DEAL),
        "$.realisation.by_year.covid: 'covid' is not a year");
}

static void references(void)
{
    BAD(SCEN(DU_BODY, "", TR100, DEAL("d", "r9", 10, 2)), "$.deals[0].region: no region 'r9'");
    BAD(SCEN(DU_BODY, "", TR100,
             "{'id': 'd', 'region': 'r1', 'tranche': 'T2', 'request': 10, 'duration': 2}"),
        "$.deals[0].tranche: no tranche 'T2'");
    BAD("{'horizon': {'start': 2023, 'end': 2030}, " REGIONS3 ", 'instruments': {'i': {'id': "
        "'i', 'name': 'I', " DU_BODY "}}, 'tranches': [{'id': 'T', 'year': 2023, 'budget': 5, "
        "'instrument': 'du'}], 'deals': [" OK_DEAL "]}",
        "$.tranches[0].instrument: no instrument 'du' in $.instruments (there is 'i')");
    BAD("{'horizon': {'start': 2023, 'end': 2030}, " REGIONS3 ", 'instruments': {'x': {'id': "
        "'i', 'name': 'I', " DU_BODY "}}, 'tranches': [], 'deals': [" OK_DEAL "]}",
        "$.instruments.x.id: instrument id 'i' differs from the key 'x'");
}

/* A file that cannot be read is an I/O error (exit 4), and the message
 * says which file names it. */
static void unreadable_reference(void)
{
    rs_diag d;
    rs_scenario *s = rs_test_load("{'horizon': {'start': 2023, 'end': 2030}, "
                                  "'regions': 'nowhere.json', 'instruments': {}, "
                                  "'tranches': [], 'deals': []}",
                                  &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(d.code, RS_EXIT_IO);
    CU_ASSERT_TRUE(d.n == 2 && strstr(d.msg[0], "nowhere.json: cannot read: No such file") &&
                   strstr(d.msg[1], "scenario.json: $.regions: names that file"));
    rs_diag_free(&d);
}

static void lists(void)
{
    BAD(SCEN(DU_BODY, "", TR100, ""), "$.deals: is an empty list, must hold at least one");
    BAD("{'horizon': {'start': 2023, 'end': 2030}, 'regions': [], 'instruments': {'i': {'id': "
        "'i', 'name': 'I', " DU_BODY "}}, 'tranches': [], 'deals': []}",
        "$.regions: is an empty list");
    BAD("{'horizon': {'start': 2023, 'end': 2030}, " REGIONS3 ", 'instruments': {}, "
        "'tranches': [], 'deals': []}",
        "$.instruments: is empty, must be an object naming at least one instrument");
}

static void profiles(void)
{
    BAD(SCEN(DU_BODY, "", TR100,
             "{'id': 'd', 'region': 'r1', 'tranche': 'T', 'request': 10, 'duration': 3, "
             "'profile': [0.3, 0.3, 0.3]}"),
        "$.deals[0].profile: shares sum to 0.9, must sum to 1");
    BAD(SCEN(DU_BODY, "", TR100,
             "{'id': 'd', 'region': 'r1', 'tranche': 'T', 'request': 10, 'duration': 3, "
             "'profile': [0.5, 0.5]}"),
        "$.deals[0].profile: has 2 shares, must have one per planned year: 3");
    BAD(SCEN(DU_BODY, "", TR100,
             "{'id': 'd', 'region': 'r1', 'tranche': 'T', 'request': 10, 'duration': 2, "
             "'profile': [1.5, -0.5]}"),
        "$.deals[0].profile[0]: is 1.5, must be a share from 0 to 1");
}

static void cofinancing(void)
{
    BAD(SCEN(DU_BODY, ", 'cofinancing': {'rule': 'flat', 'share': 0.96}", TR100, OK_DEAL),
        "$.cofinancing.share: is 0.96, must be a number from 0 to 0.95");
    BAD(SCEN(DU_BODY, ", 'cofinancing': {'rule': 'flat', 'share': -0.1}", TR100, OK_DEAL),
        "$.cofinancing.share: is -0.1");
    BAD(SCEN(DU_BODY, ", 'cofinancing': {'rule': 'matching'}", TR100, OK_DEAL),
        "$.cofinancing.rule: is 'matching', must be one of 'flat', 'capacity_linear', "
        "'pressure_tiers'");
    BAD(SCEN(DU_BODY,
             ", 'cofinancing': {'rule': 'capacity_linear', 'base': 0.5, 'slope': 0.2, 'share': 0.5}",
             TR100, OK_DEAL),
        "$.cofinancing.share: key 'share' belongs to rule 'flat', not to 'capacity_linear'",
        "set it to null");
    BAD(SCEN(DU_BODY,
             ", 'cofinancing': {'rule': 'capacity_linear', 'base': 0.5, 'slope': 0.2, "
             "'min': 0.6, 'max': 0.4}",
             TR100, OK_DEAL),
        "$.cofinancing: min 0.6 is above max 0.4");
    BAD(SCEN(DU_BODY,
             ", 'cofinancing': {'rule': 'pressure_tiers', 'tiers': [{'max_pressure': 0.5, "
             "'share': 0.5}, {'max_pressure': 0.3, 'share': 0.4}]}",
             TR100, OK_DEAL),
        "$.cofinancing.tiers[1]: max_pressure 0.3 must be above the previous tier's 0.5");
    BAD(SCEN(DU_BODY,
             ", 'cofinancing': {'rule': 'pressure_tiers', 'tiers': [{'max_pressure': 0.5, "
             "'share': 0.5}]}",
             TR100, OK_DEAL),
        "$.cofinancing: region 'r1' has bw_pressure 0.9, above the last tier's max_pressure 0.5");
    BAD(SCEN(DU_BODY, ", 'cofinancing': {'rule': 'flat', 'share': 0.5, 'shortfall': 'wait'}",
             TR100, OK_DEAL),
        "$.cofinancing.shortfall: is 'wait', must be one of 'scale', 'drop'");
}

static void instruments(void)
{
    BAD(SCEN(DU_BODY ", 'settlement': {'lag': 1, 'reclaim_share': 1}", "", TR100, OK_DEAL),
        "$.instruments.i.settlement: a settlement needs a deadline");
    BAD(SCEN("'payment': {'schedule': 'monthly'}", "", TR100, OK_DEAL),
        "$.instruments.i.payment.schedule: is 'monthly', must be one of 'plan', 'upfront', "
        "'equal', 'arrears'");
    BAD(SCEN(DU_BODY ", 'admin': {'obligations': [{'name': 'x', 'side': 'region', 'per': "
                     "'deal'}]}",
             "", TR100, OK_DEAL),
        "$.instruments.i.admin: missing required key 'tariff'");
    BAD(SCEN(DU_BODY ", 'admin': {'tariff': {'region': 80}, 'obligations': [{'name': 'x', "
                     "'side': 'region', 'per': 'month'}]}",
             "", TR100, OK_DEAL),
        "$.instruments.i.admin.obligations[0].per: is 'month'");
    BAD(SCEN(DU_BODY ", 'admin': {'tariff': {'region': 80}, 'obligations': [{'name': 'x', "
                     "'side': 'region', 'per': 'deal_year', 'when': 'settlement'}]}",
             "", TR100, OK_DEAL),
        "$.instruments.i.admin.obligations[0].when: 'when' is only for per 'deal'");
    BAD(SCEN(DU_BODY ", 'admin': {'tariff': {'region': 80}, 'obligations': [{'name': 'x', "
                     "'side': 'rijk', 'per': 'deal'}]}",
             "", TR100, OK_DEAL),
        "$.instruments.i.admin.tariff: missing required key 'rijk'");
}

static void regions(void)
{
    BAD("{'horizon': {'start': 2023, 'end': 2030}, 'regions': [{'id': 'Twente', 'name': 'T', "
        "'population': 5, 'fiscal_capacity': 1, 'bw_pressure': 0.5}], 'instruments': {'i': "
        "{'id': 'i', 'name': 'I', " DU_BODY "}}, 'tranches': [{'id': 'T', 'year': 2023, "
        "'budget': 5, 'instrument': 'i'}], 'deals': [" DEAL("d", "Twente", 10, 2) "]}",
        "$.regions[0].id: 'Twente' is not a valid id (lower-case letters, digits and '-'");
    BAD("{'horizon': {'start': 2023, 'end': 2030}, 'regions': [{'id': 'r1', 'name': 'T', "
        "'population': 0, 'fiscal_capacity': 1, 'bw_pressure': 0.5}], 'instruments': {'i': "
        "{'id': 'i', 'name': 'I', " DU_BODY "}}, 'tranches': [{'id': 'T', 'year': 2023, "
        "'budget': 5, 'instrument': 'i'}], 'deals': [" OK_DEAL "]}",
        "$.regions[0].population: is 0, must be a number > 0 and ≤ 1000000000 (inhabitants)");
    BAD("[1, 2]", "$: a scenario must be a JSON object, not a list");
}

/* All errors of a file are reported, not only the first. */
static void all_errors_listed(void)
{
    rs_diag d;
    rs_scenario *s = rs_test_load(
        SCEN(DU_BODY, "", ", 'budget': -1", DEAL("d", "r9", -3, 0)), &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_TRUE(d.n >= 4);
    rs_diag_free(&d);
}

const rs_test rs_tests_validate[] = {{"keys", keys},
                                     {"types and ranges", types_and_ranges},
                                     {"years", years},
                                     {"references", references},
                                     {"unreadable reference", unreadable_reference},
                                     {"lists", lists},
                                     {"profiles", profiles},
                                     {"cofinancing", cofinancing},
                                     {"instruments", instruments},
                                     {"regions", regions},
                                     {"all errors listed", all_errors_listed},
                                     {NULL, NULL}};
