/* fuzz_csv.c — libFuzzer target: the input is a CSV region file.
 *
 * rs_regions_csv_text() reads it (the code rs_regions_csv() runs on a
 * file's text); the regions it gives replace those of a fixed scenario
 * whose deals name 'twente' and 'veluwe', so the rows are then checked by
 * the same code as JSON regions (build.c) and, when valid, run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../src/scenario/internal.h"
#include "exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char scenario_text[] =
    "{\"horizon\": {\"start\": 2023, \"end\": 2032}, \"realisation\": {\"mean\": 0.85},"
    " \"regions\": [],"
    " \"instruments\": {\"du\": {\"id\": \"du\", \"name\": \"DU\","
    " \"payment\": {\"schedule\": \"plan\"}, \"recipients\": \"public\"}},"
    " \"cofinancing\": {\"rule\": \"capacity_linear\", \"base\": 0.5, \"slope\": 0.5},"
    " \"tranches\": [{\"id\": \"T\", \"year\": 2023, \"budget\": 30, \"instrument\": \"du\","
    " \"allocation\": \"priority\"}],"
    " \"deals\": [{\"id\": \"a\", \"region\": \"twente\", \"tranche\": \"T\", \"request\": 20,"
    " \"duration\": 4}, {\"id\": \"b\", \"region\": \"veluwe\", \"tranche\": \"T\","
    " \"request\": 15, \"duration\": 3}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    rs_diag d;
    rs_diag_init(&d);
    cJSON *regions = rs_regions_csv_text(&m, (const char *)data, size, "fuzz.csv", &d);
    if (!regions) {
        if (d.code != RS_EXIT_INVALID || d.n == 0)
            abort(); /* refused text always says why */
    } else {
        cJSON *tree = cJSON_Parse(scenario_text);
        cJSON_ReplaceItemInObjectCaseSensitive(tree, "regions", regions);
        rs_scenario *s = rs_scenario_build(&m, tree, "fuzz.json", &d);
        if (!s && d.code != RS_EXIT_INVALID)
            abort();
        if (s)
            rs_fuzz_exercise(s);
        rs_scenario_free(s);
        cJSON_Delete(tree);
    }
    rs_diag_free(&d);
    rs_srcmap_free(&m);
    return 0;
}
