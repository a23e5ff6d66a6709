/* json.c — see json.h. */
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void rs_srcmap_init(rs_srcmap *m) { memset(m, 0, sizeof *m); }

void rs_srcmap_free(rs_srcmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_files; i++) {
        free(m->files[i].path);
        free(m->files[i].mount);
    }
    free(m->files);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

int rs_srcmap_add_file(rs_srcmap *m, const char *path, const char *mount)
{
    m->files = rs_xrealloc(m->files, (m->n_files + 1) * sizeof *m->files);
    m->files[m->n_files].path = rs_xstrdup(path);
    m->files[m->n_files].mount = rs_xstrdup(mount);
    return (int)m->n_files++;
}

static size_t hash_ptr(const void *p, size_t cap)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x & (cap - 1);
}

static void put(rs_srcmap *m, const cJSON *node, int file)
{
    if (2 * (m->count + 1) > m->cap) {
        size_t oc = m->cap;
        const cJSON **ok = m->keys;
        int *ov = m->vals;
        m->cap = oc ? 2 * oc : 256;
        m->keys = rs_xcalloc(m->cap, sizeof *m->keys);
        m->vals = rs_xcalloc(m->cap, sizeof *m->vals);
        m->count = 0;
        for (size_t i = 0; i < oc; i++)
            if (ok[i])
                put(m, ok[i], ov[i]);
        free(ok);
        free(ov);
    }
    size_t h = hash_ptr(node, m->cap);
    while (m->keys[h] && m->keys[h] != node)
        h = (h + 1) & (m->cap - 1);
    if (!m->keys[h])
        m->count++;
    m->keys[h] = node;
    m->vals[h] = file;
}

void rs_srcmap_register(rs_srcmap *m, const cJSON *node, int file)
{
    /* Iterative over siblings, recursive over depth (bounded by cJSON's
     * nesting limit of 1000). */
    for (; node; node = node->next) {
        put(m, node, file);
        if (node->child)
            rs_srcmap_register(m, node->child, file);
    }
}

void rs_srcmap_register_one(rs_srcmap *m, const cJSON *node, int file) { put(m, node, file); }

int rs_srcmap_file_of(const rs_srcmap *m, const cJSON *node)
{
    if (!m->cap || !node)
        return -1;
    size_t h = hash_ptr(node, m->cap);
    while (m->keys[h]) {
        if (m->keys[h] == node)
            return m->vals[h];
        h = (h + 1) & (m->cap - 1);
    }
    return -1;
}

char *rs_srcmap_where(const rs_srcmap *m, const cJSON *node, const char *path)
{
    int f = rs_srcmap_file_of(m, node);
    if (f < 0)
        return rs_xasprintf("%s", path);
    const rs_srcfile *sf = &m->files[f];
    size_t ml = strlen(sf->mount);
    if (strcmp(sf->mount, "$") != 0 && strncmp(path, sf->mount, ml) == 0 &&
        (path[ml] == '\0' || path[ml] == '.' || path[ml] == '['))
        return rs_xasprintf("%s: $%s", sf->path, path + ml);
    return rs_xasprintf("%s: %s", sf->path, path);
}

const char *rs_json_type_name(const cJSON *n)
{
    if (!n)
        return "missing";
    if (cJSON_IsNull(n))
        return "null";
    if (cJSON_IsBool(n))
        return "a boolean";
    if (cJSON_IsNumber(n))
        return "a number";
    if (cJSON_IsString(n))
        return "a string";
    if (cJSON_IsArray(n))
        return "a list";
    if (cJSON_IsObject(n))
        return "an object";
    return "of unknown type";
}

/* ---- parsing ----------------------------------------------------------- */

static void line_col(const char *text, size_t pos, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s;
        int n;
        if (c < 0x80) {
            s++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
        } else {
            return 0;
        }
        unsigned cp = c & (0x3F >> n);
        for (int i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        s += n + 1;
    }
    return 1;
}

/* The first control character of a valid UTF-8 text (C0 U+0000–U+001F,
 * DEL U+007F, C1 U+0080–U+009F): its code point and, in *at, its place
 * in characters (from 1); -1 when there is none. */
long rs_text_control(const char *text, size_t *at)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) != 0x80)
            chars++;
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
            *at = chars;
            return *p == 0xC2 ? p[1] : *p;
        }
    }
    return -1;
}

#define CONTROL_WHY                                                                          \
    "control characters (U+0000 to U+001F, U+007F to U+009F: line breaks, tabs, escape "     \
    "sequences) are refused in every text, as they could rewrite what a terminal shows"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Checks what cJSON accepts but a scenario must not contain.  'path' is a
 * scratch buffer holding the path of 'node'. */
static int check_tree(const cJSON *node, rs_buf *path, const char *name, rs_diag *diag)
{
    if (cJSON_IsNumber(node) && !isfinite(node->valuedouble)) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: %s: number out of range (must be finite)",
                    name, path->s);
        return 0;
    }
    /* 1e308 is finite, but the model multiplies and sums such numbers into
     * infinities, and divides by 5e-324 into them: bound every number so
     * that all that follows stays finite (see RS_JSON_MAX_NUMBER) */
    if (cJSON_IsNumber(node) && node->valuedouble != 0 &&
        (fabs(node->valuedouble) > RS_JSON_MAX_NUMBER ||
         fabs(node->valuedouble) < RS_JSON_MIN_NUMBER)) {
        char xs[40];
        rs_fmt_num(xs, sizeof xs, node->valuedouble, '.');
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: %s: number %s out of range (numbers in a scenario are 0 or from "
                    "%g to %g in size)",
                    name, path->s, xs, RS_JSON_MIN_NUMBER, RS_JSON_MAX_NUMBER);
        return 0;
    }
    if (cJSON_IsString(node) && !valid_utf8((const unsigned char *)node->valuestring)) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: %s: text is not valid UTF-8", name, path->s);
        return 0;
    }
    size_t at;
    long cc;
    if (cJSON_IsString(node) && (cc = rs_text_control(node->valuestring, &at)) >= 0) {
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: %s: text holds the control character U+%04lX (character %zu); "
                    CONTROL_WHY,
                    name, path->s, cc, at);
        return 0;
    }
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return 1;
    size_t n = 0;
    for (const cJSON *c = node->child; c; c = c->next)
        n++;
    if (cJSON_IsObject(node) && n > 1) {
        const char **keys = rs_xmalloc(n * sizeof *keys);
        size_t i = 0;
        for (const cJSON *c = node->child; c; c = c->next)
            keys[i++] = c->string;
        qsort(keys, n, sizeof *keys, cmp_str);
        for (i = 1; i < n; i++)
            if (strcmp(keys[i - 1], keys[i]) == 0) {
                rs_diag_add(diag, RS_EXIT_INVALID, "%s: %s: duplicate key '%s'", name, path->s,
                            keys[i]);
                free(keys);
                return 0;
            }
        free(keys);
    }
    size_t base = path->len, idx = 0;
    for (const cJSON *c = node->child; c; c = c->next, idx++) {
        if (cJSON_IsObject(node)) {
            if (!valid_utf8((const unsigned char *)c->string)) {
                rs_diag_add(diag, RS_EXIT_INVALID, "%s: %s: a key is not valid UTF-8", name,
                            path->s);
                return 0;
            }
            if ((cc = rs_text_control(c->string, &at)) >= 0) {
                rs_diag_add(diag, RS_EXIT_INVALID,
                            "%s: %s: a key holds the control character U+%04lX (character "
                            "%zu); " CONTROL_WHY,
                            name, path->s, cc, at);
                return 0;
            }
            rs_buf_printf(path, ".%s", c->string);
        } else {
            rs_buf_printf(path, "[%zu]", idx);
        }
        int ok = check_tree(c, path, name, diag);
        path->len = base;
        path->s[base] = '\0';
        if (!ok)
            return 0;
    }
    return 1;
}

int rs_json_check(const cJSON *root, const char *mount, const char *name, rs_diag *diag)
{
    rs_buf path;
    rs_buf_init(&path);
    rs_buf_add(&path, mount);
    int ok = check_tree(root, &path, name, diag);
    rs_buf_free(&path);
    return ok;
}

/* What cJSON accepts beyond RFC 8259 (raw control characters inside
 * strings, numbers like 02024 or 2023.) and \u0000, which it reads as
 * the end of the string.  Returns the offset of the first such place and
 * says what is wrong, or (size_t)-1. */
static size_t lex_check(const char *t, size_t len, const char **what, size_t *values)
{
    size_t i = 0;
    /* an upper bound of the values cJSON would make: one per comma and
     * per list or object, plus the first */
    *values = 1;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (c == '"') {
            for (i++; i < len && t[i] != '"'; i++) {
                if ((unsigned char)t[i] < 0x20) {
                    *what = "a control character inside a string (write it as \\n, \\t "
                            "or \\u00XX)";
                    return i;
                }
                /* cJSON would end the text there, silently: "a\u0000b" as "a" */
                if (t[i] == '\\' && i + 5 < len && memcmp(t + i + 1, "u0000", 5) == 0) {
                    *what = "\\u0000 inside a string (a text cannot hold a NUL character)";
                    return i;
                }
                if (t[i] == '\\')
                    i++;
            }
            i++;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t s = i;
            if (t[i] == '-')
                i++;
            if (i < len && t[i] == '0' && i + 1 < len && t[i + 1] >= '0' && t[i + 1] <= '9') {
                *what = "a number with a leading zero";
                return s;
            }
            while (i < len && t[i] >= '0' && t[i] <= '9')
                i++;
            if (i < len && t[i] == '.') {
                i++;
                if (i >= len || t[i] < '0' || t[i] > '9') {
                    *what = "a number with no digit after its decimal point";
                    return s;
                }
                while (i < len && t[i] >= '0' && t[i] <= '9')
                    i++;
            }
            if (i < len && (t[i] == 'e' || t[i] == 'E')) {
                i++;
                if (i < len && (t[i] == '+' || t[i] == '-'))
                    i++;
                while (i < len && t[i] >= '0' && t[i] <= '9')
                    i++;
            }
        } else {
            if (c == ',') {
                /* cJSON reports these at the next token or at the end of
                 * the file: name the comma itself */
                size_t j = i + 1;
                while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n'))
                    j++;
                if (j < len && (t[j] == '}' || t[j] == ']')) {
                    *what = t[j] == '}' ? "trailing comma: a ',' before '}' (remove it)"
                                        : "trailing comma: a ',' before ']' (remove it)";
                    return i;
                }
                if (j < len && t[j] == ',') {
                    *what = "two commas in a row: this ',' follows another with no value "
                            "between them (remove one)";
                    return j;
                }
                size_t k = i;
                while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\r' ||
                                 t[k - 1] == '\n'))
                    k--;
                if (k > 0 && (t[k - 1] == '[' || t[k - 1] == '{')) {
                    *what = "a ',' with no value before it (remove it)";
                    return i;
                }
            }
            if (c == ',' || c == '[' || c == '{')
                (*values)++;
            i++;
        }
    }
    return (size_t)-1;
}

/* Depth of brackets and braces open at offset 'pos' (outside strings). */
static size_t nesting_at(const char *t, size_t pos)
{
    size_t depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < pos; i++) {
        if (in_string) {
            if (t[i] == '\\')
                i++;
            else if (t[i] == '"')
                in_string = 0;
        } else if (t[i] == '"') {
            in_string = 1;
        } else if (t[i] == '[' || t[i] == '{') {
            depth++;
        } else if ((t[i] == ']' || t[i] == '}') && depth > 0) {
            depth--;
        }
    }
    return depth;
}

cJSON *rs_json_parse_text(rs_srcmap *m, const char *text, size_t len, const char *name,
                          const char *mount, rs_diag *diag)
{
    if (memchr(text, '\0', len)) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: contains a NUL byte: not a JSON text file",
                    name);
        return NULL;
    }
    const char *what = NULL;
    size_t values;
    size_t bad = lex_check(text, len, &what, &values);
    if (bad != (size_t)-1) {
        int line, col;
        line_col(text, bad, &line, &col);
        rs_diag_add(diag, RS_EXIT_INVALID, "%s:%d:%d: invalid JSON: %s", name, line, col, what);
        return NULL;
    }
    if (values + m->count > RS_JSON_MAX_VALUES) {
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: too large: the files of a scenario hold at most %d values (lists, "
                    "objects, numbers, texts) in all",
                    name, RS_JSON_MAX_VALUES);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!root) {
        /* a complete value followed by more text? */
        const char *vend = NULL;
        cJSON *first = cJSON_ParseWithLengthOpts(text, len, &vend, 0);
        cJSON_Delete(first);
        if (first && vend) {
            int line, col;
            while (*vend == ' ' || *vend == '\t' || *vend == '\r' || *vend == '\n')
                vend++;
            line_col(text, (size_t)(vend - text), &line, &col);
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s:%d:%d: invalid JSON: more text after the end of the JSON value "
                        "(one object per file)",
                        name, line, col);
            return NULL;
        }
        size_t pos = end && end >= text && end <= text + len ? (size_t)(end - text) : len;
        int line, col;
        line_col(text, pos, &line, &col);
        size_t skip = pos;
        while (skip < len && (text[skip] == ' ' || text[skip] == '\t' || text[skip] == '\r' ||
                              text[skip] == '\n'))
            skip++;
        if (nesting_at(text, pos) >= CJSON_NESTING_LIMIT) {
            /* cJSON stops there to bound its recursion: say so, not just
             * "near '[[[['" */
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s:%d:%d: invalid JSON: nested more than %d levels deep", name, line,
                        col, CJSON_NESTING_LIMIT);
        } else if (skip >= len) {
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s:%d:%d: invalid JSON: unexpected end of file (a bracket or brace "
                        "not closed?)",
                        name, line, col);
        } else {
            char near[24];
            size_t k = 0;
            for (size_t i = pos; i < len && k < 16 && text[i] != '\n'; i++)
                near[k++] = text[i];
            near[k] = '\0';
            rs_diag_add(diag, RS_EXIT_INVALID, "%s:%d:%d: invalid JSON near '%s'", name, line,
                        col, near);
        }
        return NULL;
    }
    if (!rs_json_check(root, mount, name, diag)) {
        cJSON_Delete(root);
        return NULL;
    }
    int f = rs_srcmap_add_file(m, name, mount);
    rs_srcmap_register(m, root, f);
    return root;
}

cJSON *rs_json_parse_file(rs_srcmap *m, const char *path, const char *mount, rs_diag *diag)
{
    size_t len = 0;
    char *text = rs_read_file(path, &len);
    if (!text) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot read: %s", path, rs_read_error(errno));
        return NULL;
    }
    cJSON *root = rs_json_parse_text(m, text, len, path, mount, diag);
    free(text);
    return root;
}

/* ---- RFC 7386 merge patch --------------------------------------------- */

static void strip_nulls(cJSON *obj)
{
    cJSON *c = obj->child;
    while (c) {
        cJSON *next = c->next;
        if (cJSON_IsNull(c))
            cJSON_Delete(cJSON_DetachItemViaPointer(obj, c));
        else if (cJSON_IsObject(c))
            strip_nulls(c);
        c = next;
    }
}

static int cmp_node_key(const void *a, const void *b)
{
    return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* Position of the member 'key' in 'sorted' (n members of an object, by
 * key), or (size_t)-1. */
static size_t find_sorted(cJSON *const *sorted, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(sorted[mid]->string, key);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

void rs_json_merge(cJSON **target, cJSON *patch)
{
    if (!cJSON_IsObject(patch)) {
        cJSON_Delete(*target);
        *target = patch;
        return;
    }
    if (!cJSON_IsObject(*target)) {
        cJSON_Delete(*target);
        strip_nulls(patch);
        *target = patch;
        return;
    }
    /* The target's members sorted by key: looking each key of the patch up
     * one by one would take n·m steps (two objects of a million keys:
     * hours).  Every entry must stay a live node with its key, as the
     * search compares them: a replaced member's entry becomes its
     * replacement (same key), and a deleted member waits in 'gone' until
     * the end.  Members added are not in it; the patch's keys are distinct,
     * so they are never looked for. */
    size_t n = 0;
    for (const cJSON *c = (*target)->child; c; c = c->next)
        n++;
    cJSON **sorted = rs_xmalloc((n ? n : 1) * sizeof *sorted);
    n = 0;
    for (cJSON *c = (*target)->child; c; c = c->next)
        sorted[n++] = c;
    qsort(sorted, n, sizeof *sorted, cmp_node_key);
    cJSON *gone = cJSON_CreateArray();
    while (patch->child) {
        cJSON *item = cJSON_DetachItemViaPointer(patch, patch->child);
        const char *key = item->string;
        size_t at = find_sorted(sorted, n, key);
        cJSON *old = at != (size_t)-1 ? sorted[at] : NULL;
        if (cJSON_IsNull(item)) {
            if (old)
                cJSON_AddItemToArray(gone, cJSON_DetachItemViaPointer(*target, old));
            cJSON_Delete(item);
            continue;
        }
        if (old && cJSON_IsObject(old) && cJSON_IsObject(item)) {
            /* merges in place: 'old' stays an object at its position */
            cJSON *sub = old;
            rs_json_merge(&sub, item);
            continue;
        }
        if (cJSON_IsObject(item))
            strip_nulls(item);
        if (old) {
            cJSON_ReplaceItemViaPointer(*target, old, item);
            sorted[at] = item;
        } else {
            char *k = rs_xstrdup(key);
            cJSON_AddItemToObject(*target, k, item);
            free(k);
        }
    }
    cJSON_Delete(gone);
    free(sorted);
    cJSON_Delete(patch);
}
