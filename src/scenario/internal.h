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

/* A region, tranche or deal file is a bare list or an object
 * {"<key>": [...]} with documentation keys beside it ('note', 'source',
 * 'estimate', 'description').  Replaces *tree by the list in the second
 * case (file 'path', parsed into m) and then reports paths inside the file
 * as "$.<key>[i]".  Returns 0 with a message when *tree is neither. */
int rs_list_unwrap(rs_srcmap *m, cJSON **tree, const char *key, const char *path,
                   rs_diag *diag);

#endif
