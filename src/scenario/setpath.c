/* setpath.c — see setpath.h. */
#include "setpath.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

void rs_setpath_free(rs_pathseg *segs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(segs[i].key);
        free(segs[i].id);
    }
    free(segs);
}

static int keychar(int c) { return isalnum(c) || c == '_' || c == '-'; }

int rs_setpath_parse(const char *path, rs_pathseg **segs_out, size_t *n_out, char **err)
{
    rs_pathseg *segs = NULL;
    size_t n = 0;
    const char *p = path;
    *err = NULL;
    if (strncmp(p, "$.", 2) == 0)
        p += 2; /* accept the $.a.b form the error messages print */
    if (!*p) {
        *err = rs_xasprintf("empty path");
        return -1;
    }
    int expect_key = 1;
    while (*p) {
        if (n == RS_SETPATH_MAX_SEGMENTS) {
            *err = rs_xasprintf("a path has at most %d parts", RS_SETPATH_MAX_SEGMENTS);
            goto fail;
        }
        segs = rs_xrealloc(segs, (n + 1) * sizeof *segs);
        if (*p == '[' && !isdigit((unsigned char)p[1])) {
            const char *s = p + 1, *e = s;
            while (keychar((unsigned char)*e) || *e == '.')
                e++;
            if (e == s || *e != ']') {
                *err = rs_xasprintf("expected a list index [0] or an id [T4] at '%s'", p);
                goto fail;
            }
            segs[n].key = NULL;
            segs[n].index = -1;
            segs[n].id = rs_xmalloc((size_t)(e - s) + 1);
            memcpy(segs[n].id, s, (size_t)(e - s));
            segs[n++].id[e - s] = '\0';
            p = e + 1;
            expect_key = 0;
        } else if (*p == '[') {
            char *end;
            errno = 0;
            long v = strtol(p + 1, &end, 10);
            if (errno || *end != ']' || v > INT_MAX) {
                *err = rs_xasprintf("expected a list index like [0] at '%s'", p);
                goto fail;
            }
            segs[n].key = NULL;
            segs[n].id = NULL;
            segs[n++].index = v;
            p = end + 1;
            expect_key = 0;
        } else if (*p == '.' && !expect_key) {
            p++;
            expect_key = 1;
            continue;
        } else if (expect_key && keychar((unsigned char)*p)) {
            const char *s = p;
            while (keychar((unsigned char)*p))
                p++;
            segs[n].key = rs_xmalloc((size_t)(p - s) + 1);
            memcpy(segs[n].key, s, (size_t)(p - s));
            segs[n].key[p - s] = '\0';
            segs[n].id = NULL;
            segs[n++].index = -1;
            expect_key = 0;
        } else {
            *err = rs_xasprintf("unexpected '%c' at '%s' (a path is keys joined by '.', "
                                "with list indices as [N])",
                                *p, p);
            goto fail;
        }
        if (*p && *p != '.' && *p != '[') {
            *err = rs_xasprintf("unexpected '%c' at '%s'", *p, p);
            goto fail;
        }
    }
    if (expect_key) {
        *err = rs_xasprintf("path ends with '.'");
        goto fail;
    }
    *segs_out = segs;
    *n_out = n;
    return 0;
fail:
    rs_setpath_free(segs, n);
    return -1;
}

int rs_setpath_apply(cJSON *root, const char *path, cJSON *value, char **err)
{
    rs_pathseg *segs;
    size_t n;
    if (rs_setpath_parse(path, &segs, &n, err) < 0) {
        cJSON_Delete(value);
        return -1;
    }
    cJSON *cur = root;
    rs_buf where;
    rs_buf_init(&where);
    rs_buf_add(&where, "$");
    int rc = -1;
    for (size_t i = 0; i < n; i++) {
        int last = i + 1 == n;
        if (segs[i].key) {
            if (!cJSON_IsObject(cur)) {
                *err = rs_xasprintf("%s is %s, not an object: no key '%s' in it", where.s,
                                    cJSON_IsArray(cur) ? "a list" : "a value", segs[i].key);
                goto out;
            }
            cJSON *next = cJSON_GetObjectItemCaseSensitive(cur, segs[i].key);
            if (last) {
                if (cJSON_IsNull(value)) {
                    if (next)
                        cJSON_DeleteItemFromObjectCaseSensitive(cur, segs[i].key);
                    cJSON_Delete(value);
                } else if (next) {
                    cJSON_ReplaceItemInObjectCaseSensitive(cur, segs[i].key, value);
                } else {
                    cJSON_AddItemToObject(cur, segs[i].key, value);
                }
                value = NULL;
                rc = 0;
                goto out;
            }
            if (!next) {
                next = cJSON_CreateObject();
                cJSON_AddItemToObject(cur, segs[i].key, next);
            }
            rs_buf_printf(&where, ".%s", segs[i].key);
            cur = next;
        } else {
            char sel[96];
            if (segs[i].id)
                snprintf(sel, sizeof sel, "[%s]", segs[i].id);
            else
                snprintf(sel, sizeof sel, "[%ld]", segs[i].index);
            if (!cJSON_IsArray(cur)) {
                *err = rs_xasprintf("%s is not a list: no %s in it", where.s, sel);
                goto out;
            }
            cJSON *next = NULL;
            if (segs[i].id) {
                for (cJSON *e = cur->child; e && !next; e = e->next) {
                    const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
                    if (cJSON_IsString(id) && strcmp(id->valuestring, segs[i].id) == 0)
                        next = e;
                }
                if (!next) {
                    *err = rs_xasprintf("%s has no element with id '%s'", where.s, segs[i].id);
                    goto out;
                }
            } else {
                int size = cJSON_GetArraySize(cur);
                if (segs[i].index >= size) {
                    *err = rs_xasprintf("%s has %d element%s: there is no %s", where.s, size,
                                        size == 1 ? "" : "s", sel);
                    goto out;
                }
                next = cJSON_GetArrayItem(cur, (int)segs[i].index);
            }
            if (last) {
                if (cJSON_IsNull(value)) {
                    *err = rs_xasprintf("cannot delete a list element with null");
                    goto out;
                }
                if (value->string && !(value->type & cJSON_StringIsConst)) {
                    cJSON_free(value->string); /* a list element has no key */
                    value->string = NULL;
                }
                cJSON_ReplaceItemViaPointer(cur, next, value);
                value = NULL;
                rc = 0;
                goto out;
            }
            rs_buf_add(&where, sel);
            cur = next;
        }
    }
out:
    cJSON_Delete(value);
    rs_buf_free(&where);
    rs_setpath_free(segs, n);
    return rc;
}

cJSON *rs_setpath_value(const char *text)
{
    const char *end = NULL;
    cJSON *v = cJSON_ParseWithOpts(text, &end, 1);
    if (v)
        return v;
    return cJSON_CreateString(text);
}
