/* setpath.h — the PATH of `--set PATH=VALUE` and of a scenario's "set":
 * keys separated by dots, list elements in brackets by index or by id, as
 * in `tranches[0].instrument`, `tranches[T4].instrument` or
 * `realisation.by_year.2020`. */
#ifndef RS_SETPATH_H
#define RS_SETPATH_H

#include <cjson/cJSON.h>
#include <stddef.h>

typedef struct rs_pathseg {
    char *key;  /* object key; NULL for a list element */
    long index; /* list index, or -1 when 'id' selects the element */
    char *id;   /* [ID]: the element whose "id" is ID */
} rs_pathseg;

/* The most segments a path may have.  Applying a path creates the
 * objects missing on the way, and a tree that deep would be freed (by
 * cJSON_Delete, recursively) at the risk of overflowing the stack; real
 * paths have a handful of segments. */
#define RS_SETPATH_MAX_SEGMENTS 64

/* Splits 'path' into segments.  Returns 0, or -1 with a message in *err
 * (newly allocated) saying what is wrong. */
int rs_setpath_parse(const char *path, rs_pathseg **segs, size_t *n, char **err);
void rs_setpath_free(rs_pathseg *segs, size_t n);

/* Sets the node at 'path' in 'root' to 'value' (consumed): missing
 * objects on the way are created, list elements must exist, and a JSON
 * null deletes the key (as in a merge patch).  Returns 0, or -1 with a
 * message in *err; 'value' is freed either way. */
int rs_setpath_apply(cJSON *root, const char *path, cJSON *value, char **err);

/* The value text of --set as JSON: a JSON number, string, true, false,
 * null, list or object when it parses as one, else the text as a string
 * (so `--set tranches[0].instrument=du` needs no quotes). */
cJSON *rs_setpath_value(const char *text);

#endif
