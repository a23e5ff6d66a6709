/* internal.h — shared by the files of the scenario module only. */
#ifndef RS_SCENARIO_INTERNAL_H
#define RS_SCENARIO_INTERNAL_H

#include "json.h"
#include "scenario.h"

/* Turns a merged tree into a scenario, checking everything (build.c). */
rs_scenario *rs_scenario_build(const rs_srcmap *m, const cJSON *tree, const char *file,
                               rs_diag *diag);

/* Reads a CSV region table into a JSON list of region objects (csv.c). */
cJSON *rs_regions_csv(rs_srcmap *m, const char *path, rs_diag *diag);
/* The same for the text of such a file ('len' bytes); 'path' names it in
 * messages. */
cJSON *rs_regions_csv_text(rs_srcmap *m, const char *text, size_t len, const char *path,
                           rs_diag *diag);

int rs_ends_with(const char *s, const char *suffix);

#endif
