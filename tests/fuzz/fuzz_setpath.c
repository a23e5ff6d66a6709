/* fuzz_setpath.c — libFuzzer target: the input is the PATH=VALUE of a
 * --set (split at the first '=', as the command line does).
 *
 * 1. rs_setpath_parse() on PATH, then rs_setpath_apply() on a small fixed
 *    tree with objects, lists selected by index and by id, and nulls;
 *    the tree must still print as JSON afterwards.
 * 2. the same override through rs_scenario_load_text() on the worked
 *    example, the way `regiosim run --set` applies it, and, when the
 *    scenario still loads, a full run (exercise.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/scenario/setpath.h"
#include "exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char tree_text[] =
    "{\"a\": 1, \"b\": {\"c\": [1, 2, {\"d\": null}]}, \"realisation\": {\"by_year\": "
    "{\"2020\": 0.6}}, \"tranches\": [{\"id\": \"T4\", \"budget\": 1}, {\"id\": \"T.5\"}, "
    "{\"x\": 2}, 3], \"e\": [], \"f\": {}}";

/* The worked example of the README, inline (no file needed). */
static const char scenario_text[] =
    "{\"horizon\": {\"start\": 2023, \"end\": 2032}, \"realisation\": {\"mean\": 0.8},"
    " \"regions\": [{\"id\": \"v\", \"name\": \"V\", \"population\": 100000,"
    " \"fiscal_capacity\": 1, \"bw_pressure\": 0.5}],"
    " \"instruments\": {\"spuk\": {\"id\": \"spuk\", \"name\": \"S\","
    " \"payment\": {\"schedule\": \"plan\", \"lag\": 0},"
    " \"deadline\": {\"extension_years\": 1, \"extension_threshold\": 0.05},"
    " \"settlement\": {\"lag\": 1, \"reclaim_share\": 1}}},"
    " \"tranches\": [{\"id\": \"T\", \"year\": 2023, \"budget\": 100, \"instrument\": \"spuk\"}],"
    " \"deals\": [{\"id\": \"d\", \"region\": \"v\", \"tranche\": \"T\", \"request\": 20,"
    " \"duration\": 4}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = rs_fuzz_text(data, size);
    char *eq = strchr(text, '=');
    if (!eq || eq == text || strlen(text) != size) {
        free(text); /* the command line refuses these before any parsing */
        return 0;
    }
    *eq = '\0';
    const char *path = text, *value = eq + 1;

    rs_pathseg *segs = NULL;
    size_t n = 0;
    char *err = NULL;
    if (rs_setpath_parse(path, &segs, &n, &err) == 0) {
        if (n == 0)
            abort(); /* a parsed path has a segment */
        rs_setpath_free(segs, n);
    } else if (!err) {
        abort(); /* a refused path says why */
    }
    free(err);

    cJSON *tree = cJSON_Parse(tree_text);
    err = NULL;
    if (rs_setpath_apply(tree, path, rs_setpath_value(value), &err) < 0 && !err)
        abort();
    free(err);
    char *printed = cJSON_PrintUnformatted(tree);
    if (!printed)
        abort();
    free(printed);
    cJSON_Delete(tree);

    char *name = rs_xasprintf("%s/scenarios/fuzz-input.json", rs_fuzz_files());
    rs_override ov = {path, value};
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s =
        rs_scenario_load_text(name, scenario_text, sizeof scenario_text - 1, &ov, 1, &d);
    if (!s && (d.n == 0 || (d.code != RS_EXIT_INVALID && d.code != RS_EXIT_IO)))
        abort();
    if (s)
        rs_fuzz_exercise(s);
    rs_scenario_free(s);
    rs_diag_free(&d);
    free(name);
    free(text);
    return 0;
}
