/* ranges.c — the plausible range of an estimate, declared next to it.
 *
 * Any object of a scenario or of a file it names may hold
 *   "ranges": {"KEY": {"lo": A, "hi": B, "note": "why", "group": "G"}, ...}
 * (or "KEY": [A, B]) where KEY is a path, in the syntax of --set, from
 * that object to a number: "off_goal_share" in an instrument file,
 * "hours" in an obligation, "instruments.du.off_goal_share" at the top of
 * a scenario.  A range declared nearer the top of the merged scenario
 * wins, so a scenario overrides the ranges of the model files it names.
 * Ranges with the same 'group' are varied together as one factor.  They
 * never change a number of a run: only 'regiosim sensitivity' reads them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "setpath.h"

typedef struct collect {
    const rs_srcmap *m;
    rs_diag *diag;
    int errors;
    rs_range *r;
    int *depth;
    size_t n, cap;
} collect;

static void rerr(collect *c, const cJSON *node, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void rerr(collect *c, const cJSON *node, const char *path, const char *fmt, ...)
{
    c->errors++;
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *w = rs_srcmap_where(c->m, node, path);
    rs_diag_add(c->diag, RS_EXIT_INVALID, "%s: %s", w, msg);
    free(w);
}

/* The element of a list as a path segment: [id] when it has a string id
 * (and the id is a valid path segment), else [index]; 'label' uses the
 * element's name where it has one and no id (obligations). */
static void element_seg(const cJSON *e, int index, rs_buf *path, rs_buf *label)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(e, "name");
    int ok = cJSON_IsString(id) && id->valuestring[0];
    for (const char *p = ok ? id->valuestring : ""; *p && ok; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
             *p == '_' || *p == '-' || *p == '.';
    if (ok && (id->valuestring[0] < '0' || id->valuestring[0] > '9')) {
        rs_buf_printf(path, "[%s]", id->valuestring);
        if (label)
            rs_buf_printf(label, "[%s]", id->valuestring);
    } else {
        rs_buf_printf(path, "[%d]", index);
        if (label) {
            if (cJSON_IsString(name))
                rs_buf_printf(label, "[%s]", name->valuestring);
            else
                rs_buf_printf(label, "[%d]", index);
        }
    }
}

/* Follows 'path' from 'from'.  Appends the canonical form to 'canon' and
 * a readable one to 'label'.  NULL with *err set when it names nothing. */
static const cJSON *resolve(const cJSON *from, const char *path, rs_buf *canon, rs_buf *label,
                            char **err)
{
    rs_pathseg *segs;
    size_t n;
    if (rs_setpath_parse(path, &segs, &n, err) < 0)
        return NULL;
    const cJSON *cur = from;
    for (size_t i = 0; i < n && cur; i++) {
        if (segs[i].key) {
            const cJSON *next =
                cJSON_IsObject(cur) ? cJSON_GetObjectItemCaseSensitive(cur, segs[i].key) : NULL;
            if (!next) {
                *err = rs_xasprintf("there is no '%s' here", segs[i].key);
                cur = NULL;
                break;
            }
            int dot = canon->s && canon->s[0];
            rs_buf_printf(canon, "%s%s", dot ? "." : "", segs[i].key);
            if (label)
                rs_buf_printf(label, "%s%s", dot ? "." : "", segs[i].key);
            cur = next;
        } else {
            if (!cJSON_IsArray(cur)) {
                *err = rs_xasprintf("a list element is asked of what is not a list");
                cur = NULL;
                break;
            }
            const cJSON *next = NULL;
            int idx = 0, found = -1;
            for (const cJSON *e = cur->child; e; e = e->next, idx++) {
                const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
                if (segs[i].id ? cJSON_IsString(id) && strcmp(id->valuestring, segs[i].id) == 0
                               : idx == segs[i].index) {
                    next = e;
                    found = idx;
                    break;
                }
            }
            if (!next) {
                *err = segs[i].id ? rs_xasprintf("the list has no element with id '%s'", segs[i].id)
                                  : rs_xasprintf("the list has no element %ld", segs[i].index);
                cur = NULL;
                break;
            }
            element_seg(next, found, canon, label);
            cur = next;
        }
    }
    rs_setpath_free(segs, n);
    return cur;
}

static void add_range(collect *c, const cJSON *tgt_node, const cJSON *spec, const char *canon,
                      const char *label, const char *where, int depth)
{
    double lo = 0, hi = 0;
    const char *note = NULL, *group = NULL;
    if (cJSON_IsArray(spec)) {
        const cJSON *a = cJSON_GetArrayItem(spec, 0), *b = cJSON_GetArrayItem(spec, 1);
        if (cJSON_GetArraySize(spec) != 2 || !cJSON_IsNumber(a) || !cJSON_IsNumber(b)) {
            rerr(c, spec, where, "a range is [LO, HI] or {\"lo\": LO, \"hi\": HI, \"note\": "
                                 "\"why\"}");
            return;
        }
        lo = a->valuedouble;
        hi = b->valuedouble;
    } else if (cJSON_IsObject(spec)) {
        static const char *const keys[] = {"lo", "hi", "note", "source", "group", "estimate",
                                           NULL};
        for (const cJSON *k = spec->child; k; k = k->next) {
            int known = 0;
            for (size_t i = 0; keys[i]; i++)
                known |= strcmp(k->string, keys[i]) == 0;
            if (!known) {
                rerr(c, k, where, "unknown key '%s' in a range (a range takes 'lo', 'hi', "
                                  "'note', 'source', 'group')",
                     k->string);
                return;
            }
        }
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(spec, "lo");
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(spec, "hi");
        const cJSON *nt = cJSON_GetObjectItemCaseSensitive(spec, "note");
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(spec, "group");
        if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b)) {
            rerr(c, spec, where, "a range needs numbers 'lo' and 'hi'");
            return;
        }
        if ((nt && !cJSON_IsString(nt)) || (g && (!cJSON_IsString(g) || !g->valuestring[0]))) {
            rerr(c, spec, where, "a range's 'note' and 'group' are text");
            return;
        }
        lo = a->valuedouble;
        hi = b->valuedouble;
        note = nt ? nt->valuestring : NULL;
        group = g ? g->valuestring : NULL;
    } else {
        rerr(c, spec, where, "is %s, must be a range [LO, HI] or {\"lo\": LO, \"hi\": HI, "
                             "\"note\": \"why\"}",
             rs_json_type_name(spec));
        return;
    }
    if (!(lo < hi)) {
        rerr(c, spec, where, "lo %g must be below hi %g", lo, hi);
        return;
    }
    if (!cJSON_IsNumber(tgt_node)) {
        rerr(c, spec, where, "'%s' is %s: a range belongs to a number", canon,
             rs_json_type_name(tgt_node));
        return;
    }
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->r[i].path, canon) == 0) {
            if (depth > c->depth[i])
                return; /* one nearer the top wins */
            free(c->r[i].path);
            free(c->r[i].label);
            free(c->r[i].group);
            free(c->r[i].note);
            c->r[i] = c->r[--c->n];
            c->depth[i] = c->depth[c->n];
            break;
        }
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->r = rs_xrealloc(c->r, c->cap * sizeof *c->r);
        c->depth = rs_xrealloc(c->depth, c->cap * sizeof *c->depth);
    }
    rs_range *r = &c->r[c->n];
    r->path = rs_xstrdup(canon);
    r->label = rs_xstrdup(label);
    r->value = tgt_node->valuedouble;
    r->lo = lo;
    r->hi = hi;
    r->group = group ? rs_xstrdup(group) : NULL;
    r->note = note ? rs_xstrdup(note) : NULL;
    c->depth[c->n++] = depth;
}

/* Where the walk is: a chain up to the top, formatted into a path only
 * where an object has ranges, so that a scenario of 100,000 deals and no
 * ranges costs one key lookup per object and no text. */
typedef struct trail {
    const struct trail *up;
    const cJSON *node; /* an object member (its key) or a list element */
    int index;         /* list index, or -1 for an object member */
} trail;

static void trail_text(const trail *t, rs_buf *path, rs_buf *label)
{
    if (!t)
        return;
    trail_text(t->up, path, label);
    if (t->index < 0) {
        int dot = path->s && path->s[0];
        rs_buf_printf(path, "%s%s", dot ? "." : "", t->node->string);
        rs_buf_printf(label, "%s%s", dot ? "." : "", t->node->string);
    } else {
        element_seg(t->node, t->index, path, label);
    }
}

static void walk(collect *c, const cJSON *node, const trail *at, int depth)
{
    if (cJSON_IsObject(node)) {
        const cJSON *rg = cJSON_GetObjectItemCaseSensitive(node, "ranges");
        if (rg) {
            rs_buf path, label;
            rs_buf_init(&path);
            rs_buf_init(&label);
            trail_text(at, &path, &label);
            char *jp = rs_xasprintf("$%s%s.ranges", path.s && path.s[0] != '[' ? "." : "",
                                    path.s ? path.s : "");
            if (!cJSON_IsObject(rg)) {
                rerr(c, rg, jp, "is %s, must be an object {\"KEY\": {\"lo\": LO, \"hi\": HI}}",
                     rs_json_type_name(rg));
            } else {
                for (const cJSON *e = rg->child; e; e = e->next) {
                    rs_buf canon, lab;
                    rs_buf_init(&canon);
                    rs_buf_init(&lab);
                    rs_buf_add(&canon, path.s ? path.s : "");
                    rs_buf_add(&lab, label.s ? label.s : "");
                    char *err = NULL;
                    char *where = rs_xasprintf("%s.%s", jp, e->string);
                    const cJSON *t = resolve(node, e->string, &canon, &lab, &err);
                    if (!t)
                        rerr(c, e, where, "names no value: %s", err);
                    else
                        add_range(c, t, e, canon.s, lab.s, where, depth);
                    free(where);
                    free(err);
                    rs_buf_free(&canon);
                    rs_buf_free(&lab);
                }
            }
            free(jp);
            rs_buf_free(&path);
            rs_buf_free(&label);
        }
        for (const cJSON *ch = node->child; ch; ch = ch->next) {
            if (!(cJSON_IsObject(ch) || cJSON_IsArray(ch)) || ch == rg)
                continue;
            trail t = {at, ch, -1};
            walk(c, ch, &t, depth + 1);
        }
    } else if (cJSON_IsArray(node)) {
        int i = 0;
        for (const cJSON *e = node->child; e; e = e->next, i++) {
            if (!cJSON_IsObject(e))
                continue;
            trail t = {at, e, i};
            walk(c, e, &t, depth + 1);
        }
    }
}

static int cmp_range(const void *a, const void *b)
{
    return strcmp(((const rs_range *)a)->path, ((const rs_range *)b)->path);
}

int rs_ranges_collect(const rs_srcmap *m, const cJSON *tree, rs_scenario *s, rs_diag *diag)
{
    collect c = {m, diag, 0, NULL, NULL, 0, 0};
    walk(&c, tree, NULL, 0);
    free(c.depth);
    /* a fixed order, whatever the order of the files */
    if (c.n)
        qsort(c.r, c.n, sizeof *c.r, cmp_range);
    s->ranges = c.r;
    s->n_ranges = c.n;
    return c.errors;
}

void rs_ranges_free(rs_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].path);
        free(r[i].label);
        free(r[i].group);
        free(r[i].note);
    }
    free(r);
}

int rs_scenario_number(const char *file, const rs_override *ov, size_t n_ov, const char *path,
                       double *value, char **canon, rs_diag *diag)
{
    cJSON *tree = rs_scenario_tree(file, ov, n_ov, diag);
    if (!tree)
        return diag->code ? diag->code : RS_EXIT_INVALID;
    rs_buf cb;
    rs_buf_init(&cb);
    char *err = NULL;
    const cJSON *t = resolve(tree, path, &cb, NULL, &err);
    int rc = RS_EXIT_OK;
    if (!t || !cJSON_IsNumber(t)) {
        rc = -1;
        if (canon)
            *canon = NULL;
    } else {
        *value = t->valuedouble;
        if (canon)
            *canon = rs_xstrdup(cb.s);
    }
    free(err);
    rs_buf_free(&cb);
    cJSON_Delete(tree);
    return rc;
}
