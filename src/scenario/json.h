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
/* Registers 'node' alone (not its siblings or children). */
void rs_srcmap_register_one(rs_srcmap *m, const cJSON *node, int file);
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

/* Every number of a scenario is 0 or within these bounds in size.  Money
 * is in M€ (1e12 M€ is a thousand times the world's yearly product), the
 * largest count is 1e9 and the largest seed 2^32 − 1; with inputs so
 * bounded, every product and sum of the model stays finite, also over
 * 100,000 deals and 600 years, and no ratio divides by a subnormal. */
#define RS_JSON_MAX_NUMBER 1e12
#define RS_JSON_MIN_NUMBER 1e-12

/* The most JSON values the files of one scenario may hold in all, counted
 * before parsing.  Each costs some 100 bytes of memory (its node and its
 * entry in the source map), and the checks visit each: 5 million is
 * half a gigabyte and a few seconds, and five times what a scenario of
 * 100,000 deals holds.  Without a bound, 64 MB of "0,0,0,..." would take
 * 3.5 GB and half a minute. */
#define RS_JSON_MAX_VALUES 5000000

/* The checks rs_json_parse_text() makes after parsing, for a tree built
 * otherwise (a --set value, a CSV table): numbers finite and within the
 * bounds above, text valid UTF-8, no duplicate keys.  'mount' starts the
 * JSON path in messages.  Returns 1 when all is well, else 0 with an
 * RS_EXIT_INVALID message in 'diag'. */
int rs_json_check(const cJSON *root, const char *mount, const char *name, rs_diag *diag);

/* Applies 'patch' to '*target' as an RFC 7386 merge patch.  'patch' is
 * consumed (its nodes move into the target, keeping their origin). */
void rs_json_merge(cJSON **target, cJSON *patch);

const char *rs_json_type_name(const cJSON *node);

/* The first control character (C0, DEL, C1) of a valid UTF-8 text: its
 * code point, its place in characters (from 1) in *at; -1 when none. */
long rs_text_control(const char *text, size_t *at);

#endif
