/* json.h — the JSON edge of the scenario loader: parsing files with line
 * and column errors, remembering which file every node came from, and
 * RFC 7386 merge patches.  No cJSON node leaves the scenario module. */
#ifndef RS_JSON_H
#define RS_JSON_H

#include <cjson/cJSON.h>

#include "../util/util.h"

/* A file that contributed nodes.  'mount' is the JSON path where its root
 * sits in the merged scenario ("$" for scenario files, "$.regions" for a
 * region file), so errors can name the path inside the file itself. */
typedef struct rs_srcfile {
    char *path;
    char *mount;
} rs_srcfile;

typedef struct rs_srcmap {
    rs_srcfile *files;
    size_t n_files;
    /* open-addressing hash: node pointer -> file index */
    const cJSON **keys;
    int *vals;
    size_t cap, count;
} rs_srcmap;

void rs_srcmap_init(rs_srcmap *m);
void rs_srcmap_free(rs_srcmap *m);
int rs_srcmap_add_file(rs_srcmap *m, const char *path, const char *mount);
void rs_srcmap_register(rs_srcmap *m, const cJSON *node, int file);
/* File index of 'node', or -1. */
int rs_srcmap_file_of(const rs_srcmap *m, const cJSON *node);
/* "file: $.path" for an error about 'node' at merged path 'path'. */
char *rs_srcmap_where(const rs_srcmap *m, const cJSON *node, const char *path);

/* Parses a file into a tree registered under a new file entry with the
 * given mount.  Rejects syntax errors (file:line:col), duplicate keys,
 * non-finite numbers and invalid UTF-8.  NULL on failure, with 'diag'
 * filled (RS_EXIT_IO when unreadable, RS_EXIT_INVALID otherwise). */
cJSON *rs_json_parse_file(rs_srcmap *m, const char *path, const char *mount, rs_diag *diag);
/* The same for text in memory; 'name' is used in messages. */
cJSON *rs_json_parse_text(rs_srcmap *m, const char *text, size_t len, const char *name,
                          const char *mount, rs_diag *diag);

/* Applies 'patch' to '*target' as an RFC 7386 merge patch.  'patch' is
 * consumed (its nodes move into the target, keeping their origin). */
void rs_json_merge(cJSON **target, cJSON *patch);

const char *rs_json_type_name(const cJSON *node);

#endif
