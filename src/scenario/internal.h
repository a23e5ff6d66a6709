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

/* The merged tree of 'file' with its references inlined and the overrides
 * applied, before it is checked (load.c).  NULL with 'diag' filled. */
cJSON *rs_scenario_tree(const char *file, const rs_override *ov, size_t n_ov, rs_diag *diag);

/* Collects the 'ranges' of every object of 'tree' into s->ranges
 * (ranges.c).  Returns the number of errors reported to 'diag'. */
int rs_ranges_collect(const rs_srcmap *m, const cJSON *tree, rs_scenario *s, rs_diag *diag);
void rs_ranges_free(rs_range *r, size_t n);

int rs_ends_with(const char *s, const char *suffix);

/* A region, tranche or deal file is a bare list or an object
 * {"<key>": [...]} with documentation keys beside it ('note', 'source',
 * 'estimate', 'description').  Replaces *tree by the list in the second
 * case (file 'path', parsed into m) and then reports paths inside the file
 * as "$.<key>[i]".  Returns 0 with a message when *tree is neither. */
int rs_list_unwrap(rs_srcmap *m, cJSON **tree, const char *key, const char *path,
                   rs_diag *diag);

#endif
