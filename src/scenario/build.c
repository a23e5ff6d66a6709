/* build.c — checks a merged scenario tree against docs/model.md (and the
 * additions in docs/format.md) and turns it into plain C structs.
 *
 * Every problem is reported with the file it came from, the JSON path,
 * what is wrong and what is allowed; checking goes on after an error so
 * that one run lists all of them. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* More errors than this are cut: the first ones are the ones to fix. */
#define RS_MAX_ERRORS 40

typedef struct V {
    const rs_srcmap *m;
    rs_diag *diag;
    int errors;
} V;

static void verr(V *v, const cJSON *node, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void verr(V *v, const cJSON *node, const char *path, const char *fmt, ...)
{
    v->errors++;
    if (v->errors > RS_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *w = rs_srcmap_where(v->m, node, path);
    if (v->errors == RS_MAX_ERRORS)
        rs_diag_add(v->diag, RS_EXIT_INVALID, "%s: %s (and perhaps more errors: fix these first)",
                    w, msg);
    else
        rs_diag_add(v->diag, RS_EXIT_INVALID, "%s: %s", w, msg);
    free(w);
}

/* A text from the input, shortened for a message: the first 60 bytes
 * (whole UTF-8 characters) and "…" when it is longer than 64 bytes, so
 * that a 1 MB key or id does not push the rest of the message past the
 * buffer of verr(). */
#define CLIP 72
static const char *clip(const char *s, char out[CLIP])
{
    size_t n = strlen(s);
    if (n <= 64)
        return s;
    size_t k = 60;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    memcpy(out, s, k);
    memcpy(out + k, "…", sizeof "…");
    return out;
}

int rs_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Paths are built in fixed buffers: ids are not part of them, so they stay
 * short; a truncated path still names the right place. */
#define PATH(buf, ...) snprintf(buf, sizeof buf, __VA_ARGS__)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation" /* truncation is the intent */
#endif

/* ---- keys ------------------------------------------------------------- */

static const char *const doc_keys[] = {"note", "source", "estimate", NULL};

/* The documentation of an object: its 'source' (copied) and 'estimate'. */
static void doc_of(const cJSON *o, char **source, int *estimate)
{
    const cJSON *src = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, "source") : NULL;
    const cJSON *est = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, "estimate") : NULL;
    *source = cJSON_IsString(src) && src->valuestring[0] ? rs_xstrdup(src->valuestring) : NULL;
    *estimate = cJSON_IsTrue(est);
}

static int in_list(const char *k, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(k, list[i]) == 0)
            return 1;
    return 0;
}

/* Checks that 'obj' is an object whose keys are all in 'allowed' (or
 * 'extra', or documentation keys).  'hint' is said after an unknown key
 * that belongs to no list (e.g. a key left over from a parent scenario). */
static int check_object(V *v, const cJSON *obj, const char *path, const char *what,
                        const char *const *allowed, const char *const *extra)
{
    if (!cJSON_IsObject(obj)) {
        verr(v, obj, path, "is %s, must be an object (%s)", rs_json_type_name(obj), what);
        return 0;
    }
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (in_list(c->string, allowed) || in_list(c->string, extra))
            continue;
        if (strcmp(c->string, "ranges") == 0)
            continue; /* checked by rs_ranges_collect() (ranges.c) */
        if (in_list(c->string, doc_keys)) {
            int is_bool = strcmp(c->string, "estimate") == 0;
            if (is_bool ? !cJSON_IsBool(c) : !cJSON_IsString(c)) {
                char p[512];
                PATH(p, "%s.%s", path, c->string);
                verr(v, c, p, "is %s, must be %s (documentation)", rs_json_type_name(c),
                     is_bool ? "true or false" : "a string");
            }
            continue;
        }
        const char *best = NULL;
        int bd = 3;
        for (size_t i = 0; allowed[i]; i++) {
            int d = rs_edit_distance(c->string, allowed[i], 2);
            if (d < bd) {
                bd = d;
                best = allowed[i];
            }
        }
        for (size_t i = 0; extra && extra[i]; i++) {
            int d = rs_edit_distance(c->string, extra[i], 2);
            if (d < bd) {
                bd = d;
                best = extra[i];
            }
        }
        rs_buf list;
        rs_buf_init(&list);
        for (size_t i = 0; allowed[i]; i++)
            rs_buf_printf(&list, "%s'%s'", i ? ", " : "", allowed[i]);
        for (size_t i = 0; extra && extra[i]; i++)
            rs_buf_printf(&list, ", '%s'", extra[i]);
        char kb[CLIP];
        if (best)
            verr(v, c, path, "unknown key '%s' in %s (did you mean '%s'?)",
                 clip(c->string, kb), path, best);
        else
            verr(v, c, path, "unknown key '%s' in %s (%s takes %s)", clip(c->string, kb),
                 path, what, list.s ? list.s : "no keys");
        rs_buf_free(&list);
    }
    return 1;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

/* ---- values ----------------------------------------------------------- */

enum { OPT = 0, REQ = 1 };

/* Range of a number: [lo, hi], with an open lower end when 'lo_open'. */
typedef struct range {
    double lo, hi;
    int lo_open;
    int integer;
    const char *unit; /* shown in messages, e.g. "M€" */
} range;

static const range R_MONEY = {0, HUGE_VAL, 0, 0, "M€"};
static const range R_SHARE = {0, 1, 0, 0, "a share"};
static const range R_POS = {0, HUGE_VAL, 1, 0, NULL};
static const range R_NONNEG = {0, HUGE_VAL, 0, 0, NULL};
static const range R_YEARS = {0, 100, 0, 1, "years"};

static void describe_range(char *out, size_t n, const range *r, const char *meaning)
{
    const char *kind = r->integer ? "a whole number" : "a number";
    char unit[48] = "";
    if (r->unit && !(meaning && strstr(meaning, r->unit)))
        snprintf(unit, sizeof unit, " (%s)", r->unit);
    if (isinf(r->hi))
        snprintf(out, n, "%s %s %.10g%s", kind, r->lo_open ? ">" : "≥", r->lo, unit);
    else if (r->lo_open)
        snprintf(out, n, "%s > %.10g and ≤ %.10g%s", kind, r->lo, r->hi, unit);
    else
        snprintf(out, n, "%s from %.10g to %.10g%s", kind, r->lo, r->hi, unit);
}

/* Reads a number.  Returns 1 when present and valid, 0 when absent (and
 * not required: *out = def), -1 on an error (reported; *out = def). */
static int num(V *v, const cJSON *obj, const char *path, const char *key, int req, double def,
               const range *r, const char *meaning, double *out)
{
    *out = def;
    const cJSON *n = get(obj, key);
    /* the path and the allowed range are written only for a message: a
     * sweep builds a scenario hundreds of times, and formatting them for
     * every valid number was most of the time of a build */
    char p[512], allowed[128];
    if (!n) {
        if (req) {
            describe_range(allowed, sizeof allowed, r, meaning);
            verr(v, obj, path, "missing required key '%s' (%s: %s)", key, meaning, allowed);
            return -1;
        }
        return 0;
    }
    if (!cJSON_IsNumber(n)) {
        PATH(p, "%s.%s", path, key);
        describe_range(allowed, sizeof allowed, r, meaning);
        verr(v, n, p, "is %s, must be %s (%s)", rs_json_type_name(n), allowed, meaning);
        return -1;
    }
    double x = n->valuedouble;
    int bad = x < r->lo || x > r->hi || (r->lo_open && x == r->lo) ||
              (r->integer && x != floor(x));
    if (bad) {
        PATH(p, "%s.%s", path, key);
        describe_range(allowed, sizeof allowed, r, meaning);
        char xs[40], hint[96] = "";
        rs_fmt_num(xs, sizeof xs, x, '.');
        /* a share written as a percentage: 50 for 0.5 */
        if (r->lo == 0 && r->hi <= 1 && !r->integer && x > 1 && x <= 100) {
            char hs[40];
            rs_fmt_num(hs, sizeof hs, x / 100, '.');
            snprintf(hint, sizeof hint, "; shares are written from 0 to 1: for %s%% write %s", xs,
                     hs);
        }
        verr(v, n, p, "is %s, must be %s (%s)%s", xs, allowed, meaning, hint);
        return -1;
    }
    *out = x;
    return 1;
}

static int integer(V *v, const cJSON *obj, const char *path, const char *key, int req, int def,
                   const range *r, const char *meaning, int *out)
{
    double x;
    int rc = num(v, obj, path, key, req, def, r, meaning, &x);
    *out = (int)x;
    return rc;
}

/* Reads a string; on absence *out = def (may be NULL). */
static int str(V *v, const cJSON *obj, const char *path, const char *key, int req,
               const char *def, const char *meaning, const char **out)
{
    *out = def;
    const cJSON *n = get(obj, key);
    if (!n) {
        if (req) {
            verr(v, obj, path, "missing required key '%s' (%s)", key, meaning);
            return -1;
        }
        return 0;
    }
    if (!cJSON_IsString(n)) {
        char p[512];
        PATH(p, "%s.%s", path, key);
        verr(v, n, p, "is %s, must be a string (%s)", rs_json_type_name(n), meaning);
        return -1;
    }
    *out = n->valuestring;
    return 1;
}

/* Reads a string that must be one of 'choices'; returns its index in
 * *out (def when absent), or -1 on error. */
static int choice(V *v, const cJSON *obj, const char *path, const char *key, int req, int def,
                  const char *const *choices, const char *meaning, int *out)
{
    const char *s;
    *out = def;
    int rc = str(v, obj, path, key, req, NULL, meaning, &s);
    if (rc <= 0)
        return rc;
    for (int i = 0; choices[i]; i++)
        if (strcmp(s, choices[i]) == 0) {
            *out = i;
            return 1;
        }
    rs_buf list;
    rs_buf_init(&list);
    for (int i = 0; choices[i]; i++)
        rs_buf_printf(&list, "%s'%s'", i ? ", " : "", choices[i]);
    char p[512];
    PATH(p, "%s.%s", path, key);
    char sb[CLIP];
    verr(v, get(obj, key), p, "is '%s', must be one of %s (%s)", clip(s, sb), list.s, meaning);
    rs_buf_free(&list);
    return -1;
}

/* An id: non-empty, printable, at most 64 bytes; 'strict' also asks
 * [a-z0-9-]+ (region ids, docs/model.md §3.1). */
static int check_id(V *v, const cJSON *obj, const char *path, const char *id, int strict)
{
    size_t n = strlen(id);
    int ok = n > 0 && n <= 64;
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (strict ? !(islower(c) || isdigit(c) || c == '-') : (c < 0x20 || c == 0x7f))
            ok = 0;
    }
    if (!ok) {
        char p[512];
        PATH(p, "%s.id", path);
        char ib[CLIP];
        verr(v, get(obj, "id"), p, "'%s' is not a valid id (%s)", clip(id, ib),
             strict ? "lower-case letters, digits and '-', 1 to 64 characters"
                    : "1 to 64 printable characters");
    }
    return ok;
}

/* Returns the list at obj.key, or NULL (reported) when it is missing,
 * not a list, or empty while 'nonempty'. */
static const cJSON *list(V *v, const cJSON *obj, const char *path, const char *key, int req,
                         int nonempty, const char *meaning)
{
    const cJSON *n = get(obj, key);
    char p[512];
    PATH(p, "%s.%s", path, key);
    if (!n) {
        if (req)
            verr(v, obj, path, "missing required key '%s' (%s)", key, meaning);
        return NULL;
    }
    if (!cJSON_IsArray(n)) {
        verr(v, n, p, "is %s, must be a list (%s)", rs_json_type_name(n), meaning);
        return NULL;
    }
    if (nonempty && !n->child) {
        verr(v, n, p, "is an empty list, must hold at least one entry (%s)", meaning);
        return NULL;
    }
    return n;
}

static char *dup_or(const char *s, const char *def) { return rs_xstrdup(s ? s : def); }

/* ---- co-financing ----------------------------------------------------- */

static const char *const shortfall_choices[] = {"scale", "drop", NULL};

static void build_cofin(V *v, const cJSON *o, const char *path, rs_cofin *c)
{
    memset(c, 0, sizeof *c);
    c->rule = rs_cofin_rules[0];
    c->share = 0.5;
    static const char *const base_keys[] = {"rule", "shortfall", NULL};
    if (!cJSON_IsObject(o)) {
        verr(v, o, path, "is %s, must be an object like {\"rule\": \"flat\", \"share\": 0.5}",
             rs_json_type_name(o));
        return;
    }
    const char *rule;
    if (str(v, o, path, "rule", REQ, NULL, "the co-financing rule: flat, capacity_linear or "
                                            "pressure_tiers",
            &rule) <= 0)
        return;
    const rs_cofin_rule *r = rs_cofin_rule_find(rule);
    if (!r) {
        char p[512];
        PATH(p, "%s.rule", path);
        rs_buf l;
        rs_buf_init(&l);
        for (size_t i = 0; rs_cofin_rules[i]; i++)
            rs_buf_printf(&l, "%s'%s'", i ? ", " : "", rs_cofin_rules[i]->name);
        char rb[CLIP];
        verr(v, get(o, "rule"), p, "is '%s', must be one of %s", clip(rule, rb), l.s);
        rs_buf_free(&l);
        return;
    }
    c->rule = r;
    /* keys of the rule; a key of another rule here is most often left
     * over from a parent scenario: say how to remove it. */
    for (const cJSON *k = o->child; k; k = k->next) {
        if (in_list(k->string, base_keys) || in_list(k->string, r->keys) ||
            in_list(k->string, doc_keys))
            continue;
        for (size_t i = 0; rs_cofin_rules[i]; i++)
            if (in_list(k->string, rs_cofin_rules[i]->keys)) {
                char p[512];
                PATH(p, "%s.%s", path, k->string);
                int kf = rs_srcmap_file_of(v->m, k), rf = rs_srcmap_file_of(v->m, get(o, "rule"));
                if (kf >= 0 && rf >= 0 && kf != rf)
                    verr(v, get(o, "rule"), p,
                         "key '%s' (from %s) belongs to rule '%s', not to '%s': set it to "
                         "null here to remove it (\"%s\": null)",
                         k->string, v->m->files[kf].path, rs_cofin_rules[i]->name, r->name,
                         k->string);
                else
                    verr(v, k, p, "key '%s' belongs to rule '%s', not to '%s' (remove it, or "
                                  "set it to null when it comes from a parent scenario)",
                         k->string, rs_cofin_rules[i]->name, r->name);
                goto next;
            }
        check_object(v, o, path, "a co-financing rule", base_keys, r->keys);
        break;
    next:;
    }
    int sd;
    choice(v, o, path, "shortfall", OPT, 0, shortfall_choices,
           "what happens when a region cannot raise its part", &sd);
    c->shortfall_drop = sd == 1;
    static const range R_C = {0, 0.95, 0, 0, "the region's share of the volume"};
    static const range R_ANY = {-HUGE_VAL, HUGE_VAL, 0, 0, NULL};
    if (strcmp(r->name, "flat") == 0) {
        num(v, o, path, "share", REQ, 0.5, &R_C, "c, the region's share of the volume",
            &c->share);
    } else if (strcmp(r->name, "capacity_linear") == 0) {
        num(v, o, path, "base", REQ, 0.5, &R_C, "c at fiscal_capacity 1", &c->base);
        num(v, o, path, "slope", REQ, 0, &R_ANY, "change of c per unit of fiscal_capacity",
            &c->slope);
        num(v, o, path, "min", OPT, 0, &R_C, "lowest c", &c->min);
        num(v, o, path, "max", OPT, 0.95, &R_C, "highest c", &c->max);
        if (c->min > c->max)
            verr(v, o, path, "min %g is above max %g", c->min, c->max);
    } else {
        char p[512];
        PATH(p, "%s", path);
        const cJSON *t = list(v, o, path, "tiers", REQ, 1,
                              "tiers {max_pressure, share}, sorted by max_pressure");
        if (!t)
            return;
        c->n_tiers = (size_t)cJSON_GetArraySize(t);
        c->tiers = rs_xcalloc(c->n_tiers, sizeof *c->tiers);
        size_t i = 0;
        static const char *const tkeys[] = {"max_pressure", "share", NULL};
        for (const cJSON *e = t->child; e; e = e->next, i++) {
            PATH(p, "%s.tiers[%zu]", path, i);
            if (!check_object(v, e, p, "a tier", tkeys, NULL))
                continue;
            num(v, e, p, "max_pressure", REQ, 1, &R_SHARE, "highest bw_pressure of the tier",
                &c->tiers[i].max_pressure);
            num(v, e, p, "share", REQ, 0.5, &R_C, "c in this tier", &c->tiers[i].share);
            if (i > 0 && c->tiers[i].max_pressure <= c->tiers[i - 1].max_pressure)
                verr(v, e, p, "max_pressure %g must be above the previous tier's %g (tiers "
                              "are sorted by max_pressure)",
                     c->tiers[i].max_pressure, c->tiers[i - 1].max_pressure);
        }
    }
}

/* ---- instruments ------------------------------------------------------ */

static const char *const side_choices[] = {"region", "rijk", NULL};
static const char *const recipient_choices[] = {"any", "public", NULL};
static const char *const when_choices[] = {"start", "settlement", NULL};

static void build_obligation(V *v, const cJSON *o, const char *path, rs_obligation *ob,
                             int *side_used)
{
    static const char *const keys[] = {"name", "side", "hours", "fixed_eur", "share_of_flow",
                                       "per", "when", NULL};
    memset(ob, 0, sizeof *ob);
    ob->per = rs_per_kinds[0];
    if (!check_object(v, o, path, "an obligation", keys, NULL)) {
        ob->name = rs_xstrdup("?");
        return;
    }
    const char *name, *per;
    doc_of(o, &ob->source, &ob->estimate);
    str(v, o, path, "name", REQ, "?", "e.g. \"SiSa-verantwoording\"", &name);
    ob->name = rs_xstrdup(name ? name : "?");
    choice(v, o, path, "side", REQ, 0, side_choices, "who bears it", &ob->side);
    side_used[ob->side] = 1;
    num(v, o, path, "hours", OPT, 0, &R_NONNEG, "hours per occurrence", &ob->hours);
    static const range R_EUR = {0, HUGE_VAL, 0, 0, "€ per occurrence"};
    num(v, o, path, "fixed_eur", OPT, 0, &R_EUR, "out-of-pocket cost", &ob->fixed_eur);
    num(v, o, path, "share_of_flow", OPT, 0, &R_SHARE,
        "cost as a share of the deal's Rijk payment that year", &ob->share_of_flow);
    rs_buf l;
    rs_buf_init(&l);
    for (size_t i = 0; rs_per_kinds[i]; i++)
        rs_buf_printf(&l, "%s%s", i ? ", " : "", rs_per_kinds[i]->name);
    if (str(v, o, path, "per", REQ, NULL, l.s, &per) > 0) {
        ob->per = rs_per_kind_find(per);
        if (!ob->per) {
            char p[512];
            PATH(p, "%s.per", path);
            char pb[CLIP];
            verr(v, get(o, "per"), p, "is '%s', must be one of %s", clip(per, pb), l.s);
            ob->per = rs_per_kinds[0];
        }
    }
    rs_buf_free(&l);
    const cJSON *w = get(o, "when");
    if (w && strcmp(ob->per->name, "deal") != 0) {
        char p[512];
        PATH(p, "%s.when", path);
        verr(v, w, p, "'when' is only for per 'deal', this obligation is per '%s'",
             ob->per->name);
    } else {
        choice(v, o, path, "when", OPT, 0, when_choices, "when a per-deal obligation occurs",
               &ob->when_settlement);
    }
}

static void build_instrument(V *v, const cJSON *o, const char *path, const char *key,
                             rs_instrument *in)
{
    static const char *const keys[] = {"id",         "name",        "legal_basis",
                                       "payment",    "deadline",    "settlement",
                                       "realisation_shift", "off_goal_share", "recipients",
                                       "admin",      NULL};
    memset(in, 0, sizeof *in);
    in->schedule = rs_schedules[0];
    in->id = rs_xstrdup(key);
    if (!check_object(v, o, path, "an instrument", keys, NULL)) {
        in->name = rs_xstrdup(key);
        in->legal_basis = rs_xstrdup("");
        return;
    }
    const char *id, *name, *lb;
    char ib[CLIP], kb[CLIP];
    doc_of(o, &in->source, &in->estimate);
    /* a part marked as an estimate makes the instrument's numbers one */
    for (const cJSON *c = o->child; c; c = c->next) {
        char *ps;
        int pe;
        doc_of(c, &ps, &pe);
        in->estimate |= pe;
        if (ps && !in->source)
            in->source = ps;
        else
            free(ps);
    }
    if (str(v, o, path, "id", REQ, NULL, "the instrument's id", &id) > 0 &&
        strcmp(id, key) != 0) {
        char p[512];
        PATH(p, "%s.id", path);
        verr(v, get(o, "id"), p,
             "instrument id '%s' differs from the key '%s' that names it in $.instruments "
             "(use the same id)",
             clip(id, ib), clip(key, kb));
    }
    str(v, o, path, "name", REQ, key, "display name", &name);
    in->name = dup_or(name, key);
    str(v, o, path, "legal_basis", OPT, "", "free text, e.g. \"Fvw art. 17\"", &lb);
    in->legal_basis = dup_or(lb, "");

    char p[512];
    const cJSON *pay = get(o, "payment");
    PATH(p, "%s.payment", path);
    static const char *const pkeys[] = {"schedule", "lag", NULL};
    if (!pay) {
        verr(v, o, path, "missing required key 'payment' ({\"schedule\": \"plan\"})");
    } else if (check_object(v, pay, p, "payment", pkeys, NULL)) {
        rs_buf l;
        rs_buf_init(&l);
        for (size_t i = 0; rs_schedules[i]; i++)
            rs_buf_printf(&l, "%s'%s'", i ? ", " : "", rs_schedules[i]->name);
        const char *sched;
        if (str(v, pay, p, "schedule", REQ, NULL, l.s, &sched) > 0) {
            in->schedule = rs_schedule_find(sched);
            if (!in->schedule) {
                char q[560];
                PATH(q, "%s.schedule", p);
                char sb[CLIP];
                verr(v, get(pay, "schedule"), q, "is '%s', must be one of %s", clip(sched, sb),
                     l.s);
                in->schedule = rs_schedules[0];
            }
        }
        rs_buf_free(&l);
        integer(v, pay, p, "lag", OPT, 0, &R_YEARS, "years between schedule and payment",
                &in->lag);
    }

    const cJSON *dl = get(o, "deadline");
    static const char *const dkeys[] = {"extension_years", "extension_threshold", NULL};
    PATH(p, "%s.deadline", path);
    if (dl && !cJSON_IsNull(dl) && check_object(v, dl, p, "a deadline", dkeys, NULL)) {
        in->has_deadline = 1;
        integer(v, dl, p, "extension_years", REQ, 0, &R_YEARS,
                "years the deal is extended once when its backlog is too large",
                &in->extension_years);
        num(v, dl, p, "extension_threshold", REQ, 0, &R_SHARE,
            "backlog, as a share of the volume V, above which the deal is extended",
            &in->extension_threshold);
    }
    const cJSON *st = get(o, "settlement");
    static const char *const skeys[] = {"lag", "reclaim_share", NULL};
    PATH(p, "%s.settlement", path);
    if (st && !cJSON_IsNull(st) && check_object(v, st, p, "a settlement", skeys, NULL)) {
        in->has_settlement = 1;
        integer(v, st, p, "lag", REQ, 1, &R_YEARS,
                "years after the deal's last year until the vaststelling", &in->settlement_lag);
        num(v, st, p, "reclaim_share", REQ, 1, &R_SHARE,
            "share of the unspent Rijk money that is reclaimed", &in->reclaim_share);
        if (!in->has_deadline)
            verr(v, st, p, "a settlement needs a deadline: add 'deadline' "
                           "({\"extension_years\": 1, \"extension_threshold\": 0.05}) or "
                           "remove the settlement");
    }
    static const range R_SHIFT = {-1, 1, 0, 0, "added to the realisation mean"};
    num(v, o, path, "realisation_shift", OPT, 0, &R_SHIFT, "change of spending pace",
        &in->realisation_shift);
    num(v, o, path, "off_goal_share", OPT, 0, &R_SHARE,
        "share of Rijk-funded spending that does not serve the deal goals", &in->off_goal_share);
    choice(v, o, path, "recipients", OPT, 0, recipient_choices,
           "who can receive the money: public bodies only, or any", &in->recipients_public);

    const cJSON *ad = get(o, "admin");
    static const char *const akeys[] = {"tariff", "obligations", NULL};
    PATH(p, "%s.admin", path);
    if (!ad || cJSON_IsNull(ad) || !check_object(v, ad, p, "admin", akeys, NULL))
        return;
    const cJSON *ob = list(v, ad, p, "obligations", OPT, 0,
                           "obligations of the Standard Cost Model");
    int used[2] = {0, 0};
    if (ob) {
        in->n_obl = (size_t)cJSON_GetArraySize(ob);
        in->obl = rs_xcalloc(in->n_obl, sizeof *in->obl);
        size_t i = 0;
        for (const cJSON *e = ob->child; e; e = e->next, i++) {
            char q[560];
            PATH(q, "%s.obligations[%zu]", p, i);
            build_obligation(v, e, q, &in->obl[i], used);
        }
    }
    const cJSON *tf = get(ad, "tariff");
    static const char *const tkeys[] = {"region", "rijk", NULL};
    char q[560];
    PATH(q, "%s.tariff", p);
    if (!tf) {
        if (used[0] || used[1])
            verr(v, ad, p, "missing required key 'tariff' ({\"region\": €/h, \"rijk\": €/h})");
        return;
    }
    if (!check_object(v, tf, q, "the hourly tariffs", tkeys, NULL))
        return;
    static const range R_TARIFF = {0, HUGE_VAL, 0, 0, "€/h"};
    for (int side = 0; side < 2; side++)
        num(v, tf, q, side_choices[side], used[side] ? REQ : OPT, 0, &R_TARIFF,
            side == 0 ? "hourly tariff of the region's staff"
                      : "hourly tariff of the Rijk's staff",
            &in->tariff[side]);
}

/* ---- regions, tranches, deals ----------------------------------------- */

static void build_region(V *v, const cJSON *o, const char *path, rs_region *r)
{
    static const char *const keys[] = {"id", "name", "population", "fiscal_capacity",
                                       "bw_pressure", "cofin_capacity", "overlaps",
                                       "cofin_capacity_public", "cofin_capacity_private",
                                       "cofin_capacity_in_kind", NULL};
    const char *id, *name;
    memset(r, 0, sizeof *r);
    r->cofin_capacity = HUGE_VAL;
    for (int s = 0; s < RS_SRC_N; s++)
        r->src_capacity[s] = HUGE_VAL;
    if (!check_object(v, o, path, "a region", keys, NULL)) {
        r->id = rs_xstrdup("");
        r->name = rs_xstrdup("");
        return;
    }
    if (str(v, o, path, "id", REQ, "", "unique, [a-z0-9-]+", &id) > 0)
        check_id(v, o, path, id, 1);
    r->id = dup_or(id, "");
    doc_of(o, &r->source, &r->estimate);
    str(v, o, path, "name", REQ, "", "display name", &name);
    r->name = dup_or(name, "");
    static const range R_POP = {0, 1e9, 1, 0, "inhabitants"};
    num(v, o, path, "population", REQ, 1, &R_POP, "inhabitants", &r->population);
    static const range R_FC = {0, 100, 1, 0, "1.0 = national average"};
    num(v, o, path, "fiscal_capacity", REQ, 1, &R_FC, "draagkracht index", &r->fiscal_capacity);
    num(v, o, path, "bw_pressure", REQ, 0, &R_SHARE,
        "pressure on brede welvaart, 0 none … 1 most", &r->bw_pressure);
    num(v, o, path, "cofin_capacity", OPT, HUGE_VAL, &R_MONEY,
        "the most co-financing the region can raise for one deal", &r->cofin_capacity);
    for (int s = 0; s < RS_SRC_N; s++) {
        char key[48], meaning[96];
        snprintf(key, sizeof key, "cofin_capacity_%s", rs_cofin_source_names[s]);
        snprintf(meaning, sizeof meaning, "the most %s co-financing the region can raise for one deal",
                 s == RS_SRC_IN_KIND ? "in-kind" : rs_cofin_source_names[s]);
        num(v, o, path, key, OPT, HUGE_VAL, &R_MONEY, meaning, &r->src_capacity[s]);
    }
    const cJSON *ov = get(o, "overlaps");
    if (ov) {
        char p[512];
        PATH(p, "%s.overlaps", path);
        int ok = cJSON_IsArray(ov);
        for (const cJSON *e = ok ? ov->child : NULL; e; e = e->next)
            ok = ok && cJSON_IsString(e);
        if (!ok)
            verr(v, ov, p, "is %s, must be a list of region ids (\"overlaps\": [\"zuid-limburg\"])",
                 cJSON_IsArray(ov) ? "a list with a non-text element" : rs_json_type_name(ov));
        else
            r->n_overlaps = (size_t)cJSON_GetArraySize(ov);
    }
}

static const char *const alloc_names[] = {"pro_rata", "priority", "as_requested", NULL};

/* "'a', 'b', … (N in all)" for a message naming what exists. */
static char *id_list(char **ids, size_t n)
{
    rs_buf b;
    rs_buf_init(&b);
    char cb[CLIP];
    for (size_t i = 0; i < n && i < 8; i++)
        rs_buf_printf(&b, "%s'%s'", i ? ", " : "", clip(ids[i], cb));
    if (n > 8)
        rs_buf_printf(&b, ", … (%zu in all)", n);
    if (!b.s)
        rs_buf_add(&b, "none");
    return b.s;
}

typedef struct idpair {
    const char *id;
    size_t i;
} idpair;

static int cmp_idpair(const void *a, const void *b)
{
    const idpair *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* Ids with their positions, sorted, so that each deal finds its region
 * and tranche in log n steps: a linear search per deal took 20 s for
 * 100,000 deals of 100,000 regions. */
typedef struct idindex {
    char **ids; /* in their order in the scenario (not owned) */
    size_t n;
    idpair *sorted;
} idindex;

static void idindex_make(idindex *x, char **ids, size_t n)
{
    x->ids = ids;
    x->n = n;
    x->sorted = rs_xmalloc((n ? n : 1) * sizeof *x->sorted);
    for (size_t i = 0; i < n; i++) {
        x->sorted[i].id = ids[i];
        x->sorted[i].i = i;
    }
    qsort(x->sorted, n, sizeof *x->sorted, cmp_idpair);
}

static void idindex_free(idindex *x) { free(x->sorted); }

/* Position of the first 'id' (as a linear search would find it), or
 * (size_t)-1. */
static size_t find_id(const idindex *x, const char *id)
{
    size_t lo = 0, hi = x->n; /* the first entry not below (id, 0) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(x->sorted[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n && strcmp(x->sorted[lo].id, id) == 0 ? x->sorted[lo].i : (size_t)-1;
}

/* The ids in each region's 'overlaps' must name another region of the
 * scenario; resolves them into r->overlaps. */
static void resolve_overlaps(V *v, const cJSON *rl, rs_scenario *s, const idindex *regions)
{
    size_t i = 0;
    for (const cJSON *e = rl->child; e && i < s->n_regions; e = e->next, i++) {
        rs_region *r = &s->regions[i];
        const cJSON *ov = get(e, "overlaps");
        if (!r->n_overlaps || !ov)
            continue;
        r->overlaps = rs_xcalloc(r->n_overlaps, sizeof *r->overlaps);
        size_t k = 0;
        for (const cJSON *x = ov->child; x && k < r->n_overlaps; x = x->next, k++) {
            char p[600], b[CLIP];
            PATH(p, "$.regions[%zu].overlaps[%zu]", i, k);
            size_t j = find_id(regions, x->valuestring);
            if (j == (size_t)-1)
                verr(v, x, p, "no region '%s' in $.regions", clip(x->valuestring, b));
            else if (j == i)
                verr(v, x, p, "names the region itself; list the other regions it overlaps");
            r->overlaps[k] = j == (size_t)-1 ? i : j;
        }
    }
}

/* 'cofin_counts': the co-financing sources that count in a tranche, a
 * list of distinct names of rs_cofin_source_names (docs/model.md §4.3). */
static void build_counts(V *v, const cJSON *cc, const char *path, int counts[RS_SRC_N])
{
    if (!cc)
        return;
    char p[512];
    PATH(p, "%s.cofin_counts", path);
    if (!cJSON_IsArray(cc) || !cc->child) {
        verr(v, cc, p, "is %s, must be a non-empty list of 'public', 'private', 'in_kind'",
             cJSON_IsArray(cc) ? "an empty list" : rs_json_type_name(cc));
        return;
    }
    for (int s = 0; s < RS_SRC_N; s++)
        counts[s] = 0;
    int k = 0;
    for (const cJSON *e = cc->child; e; e = e->next, k++) {
        char q[560], b[CLIP];
        PATH(q, "%s[%d]", p, k);
        int s = 0;
        while (s < RS_SRC_N && !(cJSON_IsString(e) && strcmp(e->valuestring, rs_cofin_source_names[s]) == 0))
            s++;
        if (s == RS_SRC_N)
            verr(v, e, q, "is %s%s%s, must be 'public', 'private' or 'in_kind'",
                 cJSON_IsString(e) ? "'" : "",
                 cJSON_IsString(e) ? clip(e->valuestring, b) : rs_json_type_name(e),
                 cJSON_IsString(e) ? "'" : "");
        else if (counts[s])
            verr(v, e, q, "'%s' is listed twice", rs_cofin_source_names[s]);
        else
            counts[s] = 1;
    }
}

/* 'cofin_sources': shares of a deal's co-financing by source, summing to 1. */
static void build_sources(V *v, const cJSON *o, const char *path, double share[RS_SRC_N])
{
    share[RS_SRC_PUBLIC] = 1;
    share[RS_SRC_PRIVATE] = share[RS_SRC_IN_KIND] = 0;
    const cJSON *cs = get(o, "cofin_sources");
    if (!cs)
        return;
    char p[512];
    PATH(p, "%s.cofin_sources", path);
    if (!check_object(v, cs, p, "the co-financing shares by source", rs_cofin_source_names,
                      NULL))
        return;
    double sum = 0;
    for (int s = 0; s < RS_SRC_N; s++) {
        num(v, cs, p, rs_cofin_source_names[s], OPT, 0, &R_SHARE,
            "share of the region's co-financing from this source", &share[s]);
        sum += share[s];
    }
    if (fabs(sum - 1) > 1e-9)
        verr(v, cs, p, "shares sum to %.10g, must sum to 1 (public + private + in_kind)", sum);
}

static void build_tranche(V *v, const cJSON *o, const char *path, const rs_scenario *s,
                          const idindex *instruments, rs_tranche *t)
{
    static const char *const keys[] = {"id",      "year",     "budget",   "instrument",
                                       "allocation", "deal_min", "deal_cap", "cofinancing",
                                       "cofin_counts", NULL};
    const char *id, *ins;
    memset(t, 0, sizeof *t);
    for (int j = 0; j < RS_SRC_N; j++)
        t->counts[j] = 1;
    t->alloc = rs_alloc_rules[0];
    t->cofin = &s->cofin;
    if (!check_object(v, o, path, "a tranche", keys, NULL)) {
        t->id = rs_xstrdup("");
        return;
    }
    if (str(v, o, path, "id", REQ, "", "unique tranche id, e.g. \"T4\"", &id) > 0)
        check_id(v, o, path, id, 0);
    t->id = dup_or(id, "");
    doc_of(o, &t->source, &t->estimate);
    build_counts(v, get(o, "cofin_counts"), path, t->counts);
    static const range R_YEAR = {1900, 2200, 0, 1, NULL};
    if (integer(v, o, path, "year", REQ, s->start, &R_YEAR, "start year of its deals",
                &t->year) > 0 &&
        (t->year < s->start || t->year > s->end)) {
        char p[512];
        PATH(p, "%s.year", path);
        verr(v, get(o, "year"), p, "year %d is outside the horizon %d–%d", t->year, s->start,
             s->end);
    }
    num(v, o, path, "budget", REQ, 0, &R_MONEY, "the Rijk envelope", &t->budget);
    if (str(v, o, path, "instrument", REQ, NULL, "an instrument id of $.instruments", &ins) >
        0 && instruments) {
        size_t k = find_id(instruments, ins);
        if (k == (size_t)-1) {
            char p[512];
            PATH(p, "%s.instrument", path);
            char *l = id_list(instruments->ids, instruments->n);
            char nb[CLIP];
            verr(v, get(o, "instrument"), p, "no instrument '%s' in $.instruments (%s %s)",
                 clip(ins, nb), instruments->n == 1 ? "there is" : "there are", l);
            free(l);
            k = 0;
        }
        t->instrument = k;
    }
    int a;
    choice(v, o, path, "allocation", OPT, 0, alloc_names, "how awards fit the budget", &a);
    t->alloc = rs_alloc_rule_find(alloc_names[a]);
    num(v, o, path, "deal_min", OPT, 5, &R_MONEY, "smallest award", &t->deal_min);
    num(v, o, path, "deal_cap", OPT, 40, &R_MONEY, "largest award", &t->deal_cap);
    if (t->deal_min > t->deal_cap)
        verr(v, o, path, "deal_min %g M€ is above deal_cap %g M€", t->deal_min, t->deal_cap);
    const cJSON *cf = get(o, "cofinancing");
    if (cf) {
        char p[512];
        PATH(p, "%s.cofinancing", path);
        build_cofin(v, cf, p, &t->own_cofin);
        t->cofin = &t->own_cofin;
    }
}

/* Resolves obj.key, the id of a region or tranche listed in 'index'; a
 * missing id is reported with the ids there are, and gives 0. */
static size_t reference(V *v, const cJSON *o, const char *path, const char *key,
                        const char *list, const idindex *index)
{
    const char *id;
    char meaning[64];
    snprintf(meaning, sizeof meaning, "%s %s id", strchr("aeiou", key[0]) ? "an" : "a", key);
    if (str(v, o, path, key, REQ, NULL, meaning, &id) <= 0 || !index)
        return 0;
    size_t k = find_id(index, id);
    if (k != (size_t)-1)
        return k;
    char p[512], b[CLIP];
    PATH(p, "%s.%s", path, key);
    char *l = id_list(index->ids, index->n);
    verr(v, get(o, key), p, "no %s '%s' in %s (%s %s)", key, clip(id, b), list,
         index->n == 1 ? "there is" : "there are", l);
    free(l);
    return 0;
}

static void build_deal(V *v, const cJSON *o, const char *path, const idindex *regions,
                       const idindex *tranches, const rs_scenario *s,
                       const idindex *instruments, rs_deal *d)
{
    static const char *const keys[] = {"id",      "region",   "tranche",  "request",
                                       "duration", "profile", "projects", "private_partners",
                                       "instrument", "cofin_sources", NULL};
    const char *id;
    memset(d, 0, sizeof *d);
    d->duration = 1;
    if (!check_object(v, o, path, "a deal", keys, NULL)) {
        d->id = rs_xstrdup("");
        d->profile = rs_xcalloc(1, sizeof *d->profile);
        d->profile[0] = 1;
        return;
    }
    if (str(v, o, path, "id", REQ, "", "unique deal id", &id) > 0)
        check_id(v, o, path, id, 0);
    d->id = dup_or(id, "");
    d->region = reference(v, o, path, "region", "$.regions", regions);
    d->tranche = reference(v, o, path, "tranche", "$.tranches", tranches);
    d->instrument = d->tranche < s->n_tranches ? s->tranches[d->tranche].instrument : 0;
    if (get(o, "instrument"))
        d->instrument = reference(v, o, path, "instrument", "$.instruments", instruments);
    num(v, o, path, "request", REQ, 0, &R_MONEY, "Rijk money asked for", &d->request);
    static const range R_DUR = {1, 100, 0, 1, "years"};
    integer(v, o, path, "duration", REQ, 1, &R_DUR, "planned years D", &d->duration);
    if (d->duration < 1)
        d->duration = 1;
    static const range R_CNT = {0, 1e6, 0, 1, NULL};
    integer(v, o, path, "projects", OPT, 0, &R_CNT, "number of projects", &d->projects);
    integer(v, o, path, "private_partners", OPT, 0, &R_CNT, "number of private partners",
            &d->private_partners);
    build_sources(v, o, path, d->src_share);
    d->profile = rs_xcalloc((size_t)d->duration, sizeof *d->profile);
    for (int k = 0; k < d->duration; k++)
        d->profile[k] = 1.0 / d->duration;
    const cJSON *pr = get(o, "profile");
    char p[512];
    PATH(p, "%s.profile", path);
    if (!pr)
        return;
    if (!cJSON_IsArray(pr)) {
        verr(v, pr, p, "is %s, must be a list of %d spending shares summing to 1",
             rs_json_type_name(pr), d->duration);
        return;
    }
    int n = cJSON_GetArraySize(pr);
    if (n != d->duration) {
        verr(v, pr, p, "has %d share%s, must have one per planned year: %d (the duration)", n,
             n == 1 ? "" : "s", d->duration);
        return;
    }
    double sum = 0;
    int k = 0, bad = 0;
    for (const cJSON *e = pr->child; e; e = e->next, k++) {
        char q[560];
        PATH(q, "%s[%d]", p, k);
        if (!cJSON_IsNumber(e) || e->valuedouble < 0 || e->valuedouble > 1) {
            if (cJSON_IsNumber(e))
                verr(v, e, q, "is %g, must be a share from 0 to 1", e->valuedouble);
            else
                verr(v, e, q, "is %s, must be a share from 0 to 1", rs_json_type_name(e));
            bad = 1;
            continue;
        }
        d->profile[k] = e->valuedouble;
        sum += e->valuedouble;
    }
    if (!bad && fabs(sum - 1) > 1e-9) {
        verr(v, pr, p, "shares sum to %.10g, must sum to 1", sum);
    }
}

/* ---- uncertainty, output, realisation --------------------------------- */

static void build_uncertainty(V *v, const cJSON *o, rs_uncertainty *u, double real_mean)
{
    static const char *const keys[] = {"draws", "seed", "realisation", "shock", "admin_spread",
                                       NULL};
    const char *path = "$.uncertainty";
    memset(u, 0, sizeof *u);
    if (!o || cJSON_IsNull(o) || !check_object(v, o, path, "uncertainty", keys, NULL))
        return;
    u->present = 1;
    double x;
    static const range R_DRAWS = {1, 1e9, 0, 1, NULL};
    num(v, o, path, "draws", REQ, 1, &R_DRAWS, "number of Monte Carlo draws", &x);
    u->draws = (long)x;
    static const range R_SEED = {0, 4294967295.0, 0, 1, NULL};
    num(v, o, path, "seed", REQ, 0, &R_SEED, "random seed", &x);
    u->seed = (unsigned long)x;
    u->real_mean = real_mean;
    u->concentration = 20;
    const cJSON *r = get(o, "realisation");
    static const char *const rkeys[] = {"mean", "concentration", NULL};
    if (!r)
        verr(v, o, path, "missing required key 'realisation' ({\"mean\": 0.85, "
                         "\"concentration\": 20})");
    else if (check_object(v, r, "$.uncertainty.realisation", "realisation", rkeys, NULL)) {
        num(v, r, "$.uncertainty.realisation", "mean", REQ, real_mean, &R_SHARE,
            "mean realisation of a year", &u->real_mean);
        num(v, r, "$.uncertainty.realisation", "concentration", REQ, 20, &R_POS,
            "κ of the Beta distribution", &u->concentration);
    }
    const cJSON *sh = get(o, "shock");
    static const char *const skeys[] = {"probability", "severity", NULL};
    if (sh && check_object(v, sh, "$.uncertainty.shock", "shock", skeys, NULL)) {
        num(v, sh, "$.uncertainty.shock", "probability", REQ, 0, &R_SHARE,
            "chance per draw of a shock year", &u->shock_probability);
        num(v, sh, "$.uncertainty.shock", "severity", REQ, 0, &R_SHARE,
            "cut in realisation in the shock year", &u->shock_severity);
    }
    num(v, o, path, "admin_spread", OPT, 0, &R_NONNEG, "sd of the burden factor",
        &u->admin_spread);
}

static void build_output(V *v, const cJSON *o, rs_scenario *s)
{
    static const char *const keys[] = {"dir", "lang", "terminal", "csv", "font", NULL};
    static const char *const langs[] = {"nl", "en", NULL};
    static const char *const terms[] = {"pngcairo", "svg", "pdfcairo", NULL};
    static const char *const csvs[] = {"en", "nl", NULL};
    strcpy(s->lang, "nl");
    strcpy(s->csv, "en");
    s->terminal = rs_xstrdup("pngcairo");
    if (!o || !check_object(v, o, "$.output", "output", keys, NULL))
        return;
    const char *dir;
    if (str(v, o, "$.output", "dir", OPT, NULL, "results folder", &dir) > 0) {
        /* A scenario may come from anyone: its folder is confined to the
         * current folder and below (-o on the command line is free). */
        int dotdot = 0, named = 0;
        for (const char *c = dir; *c;) {
            size_t n = strcspn(c, "/");
            dotdot |= n == 2 && c[0] == '.' && c[1] == '.';
            named |= n > 0 && !(n == 1 && c[0] == '.');
            c += n;
            while (*c == '/')
                c++;
        }
        if (!dir[0])
            verr(v, get(o, "dir"), "$.output.dir", "is empty, must name a folder");
        else if (dir[0] == '/')
            verr(v, get(o, "dir"), "$.output.dir",
                 "is an absolute path; a scenario may only name a folder below the current "
                 "one, as a relative path without '..' (like \"out/t4\"); use -o DIR on the "
                 "command line for any other place");
        else if (dotdot)
            verr(v, get(o, "dir"), "$.output.dir",
                 "climbs out with '..'; a scenario may only name a folder below the current "
                 "one, as a relative path without '..' (like \"out/t4\"); use -o DIR on the "
                 "command line for any other place");
        else if (!named)
            verr(v, get(o, "dir"), "$.output.dir",
                 "names the current folder itself, must name a folder below it (like "
                 "\"out/t4\")");
        else
            s->out_dir = rs_xstrdup(dir);
    }
    int i;
    if (choice(v, o, "$.output", "lang", OPT, 0, langs, "language of charts and report", &i) >
        0)
        strcpy(s->lang, langs[i]);
    if (choice(v, o, "$.output", "terminal", OPT, 0, terms, "gnuplot terminal", &i) > 0) {
        free(s->terminal);
        s->terminal = rs_xstrdup(terms[i]);
    }
    if (choice(v, o, "$.output", "csv", OPT, 0, csvs,
               "CSV dialect: en (comma, decimal point) or nl (semicolon, decimal comma)",
               &i) > 0)
        strcpy(s->csv, csvs[i]);
    const char *font;
    if (str(v, o, "$.output", "font", OPT, NULL, "font family of the charts, e.g. \"Liberation Sans\"",
            &font) > 0) {
        if (!font[0] || strlen(font) > 100 || strpbrk(font, "\n\r\t"))
            verr(v, get(o, "font"), "$.output.font",
                 "must be a font family name of 1 to 100 characters, e.g. \"Liberation Sans\"");
        else
            s->font = rs_xstrdup(font);
    }
}

static void build_realisation(V *v, const cJSON *o, rs_scenario *s)
{
    static const char *const keys[] = {"mean", "by_year", NULL};
    size_t ny = (size_t)(s->end - s->start + 1);
    s->real_by_year = rs_xmalloc(ny * sizeof *s->real_by_year);
    for (size_t i = 0; i < ny; i++)
        s->real_by_year[i] = NAN;
    s->real_mean = 1;
    if (!o || !check_object(v, o, "$.realisation", "realisation", keys, NULL))
        return;
    num(v, o, "$.realisation", "mean", OPT, 1, &R_SHARE, "share of a year's target spent",
        &s->real_mean);
    const cJSON *by = get(o, "by_year");
    if (!by)
        return;
    if (!cJSON_IsObject(by)) {
        verr(v, by, "$.realisation.by_year", "is %s, must be an object like {\"2020\": 0.6}",
             rs_json_type_name(by));
        return;
    }
    for (const cJSON *e = by->child; e; e = e->next) {
        char p[512];
        PATH(p, "$.realisation.by_year.%s", e->string);
        char *end;
        long y = strtol(e->string, &end, 10);
        if (*end || end == e->string) {
            char yb[CLIP];
            verr(v, e, p, "'%s' is not a year (keys are years like \"2020\")",
                 clip(e->string, yb));
            continue;
        }
        if (y < s->start || y > s->end) {
            verr(v, e, p, "year %ld is outside the horizon %d–%d", y, s->start, s->end);
            continue;
        }
        if (!cJSON_IsNumber(e) || e->valuedouble < 0 || e->valuedouble > 1) {
            verr(v, e, p, "must be a number from 0 to 1 (the realisation in that year)");
            continue;
        }
        s->real_by_year[y - s->start] = e->valuedouble;
    }
}

/* ---- the scenario ----------------------------------------------------- */

static char *base_name(const char *file)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    char *n = rs_xstrdup(b);
    if (rs_ends_with(n, ".json"))
        n[strlen(n) - 5] = '\0';
    return n;
}


/* Reports ids that occur twice (sorting a copy: n log n, also for the
 * 100,000-deal stress scenario). */
static void check_unique(V *v, const cJSON *arr, const char *path, char **ids, size_t n,
                         const char *what)
{
    if (n < 2)
        return;
    idpair *pp = rs_xmalloc(n * sizeof *pp);
    for (size_t i = 0; i < n; i++) {
        pp[i].id = ids[i];
        pp[i].i = i;
    }
    qsort(pp, n, sizeof *pp, cmp_idpair);
    for (size_t i = 1; i < n; i++)
        if (pp[i].id[0] && strcmp(pp[i].id, pp[i - 1].id) == 0) {
            char p[512], ib[CLIP];
            PATH(p, "%s[%zu].id", path, pp[i].i);
            /* finding the node is linear: only for a message that is shown
             * (100,000 equal ids took minutes) */
            const cJSON *node =
                v->errors < RS_MAX_ERRORS ? cJSON_GetArrayItem(arr, (int)pp[i].i) : NULL;
            verr(v, node, p, "duplicate %s id '%s' (also at %s[%zu]): ids must be unique", what,
                 clip(pp[i].id, ib), path, pp[i - 1].i);
        }
    free(pp);
}

/* pressure_tiers must give every region a share. */
/* The regions whose bw_pressure is above that of every region before
 * them, in order: the first region above any bound is one of them.  So
 * each tranche's tiers are checked in log n steps, not n (a scenario can
 * hold very many regions and tranches). */
typedef struct records {
    size_t *i;
    size_t n;
} records;

static void records_make(records *r, const rs_scenario *s)
{
    r->i = rs_xmalloc((s->n_regions ? s->n_regions : 1) * sizeof *r->i);
    r->n = 0;
    for (size_t i = 0; i < s->n_regions; i++)
        if (!r->n || s->regions[i].bw_pressure > s->regions[r->i[r->n - 1]].bw_pressure)
            r->i[r->n++] = i;
}

static void check_tiers(V *v, const cJSON *node, const char *path, const rs_cofin *c,
                        const rs_scenario *s, const records *rec)
{
    if (!c->rule || strcmp(c->rule->name, "pressure_tiers") != 0 || !c->n_tiers)
        return;
    double top = c->tiers[c->n_tiers - 1].max_pressure;
    size_t lo = 0, hi = rec->n; /* the first record above 'top' */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->regions[rec->i[mid]].bw_pressure > top)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo < rec->n) {
        const rs_region *r = &s->regions[rec->i[lo]];
        verr(v, node, path,
             "region '%s' has bw_pressure %g, above the last tier's max_pressure %g: "
             "every region needs a tier (end with max_pressure 1)",
             r->id, r->bw_pressure, top);
    }
}

rs_scenario *rs_scenario_build(const rs_srcmap *m, const cJSON *t, const char *file,
                               rs_diag *diag)
{
    static const char *const keys[] = {"name",        "label",       "description", "horizon",
                                       "discount_rate", "realisation", "regions",
                                       "instruments", "cofinancing", "tranches",
                                       "deals",       "uncertainty", "output",
                                       NULL};
    V v = {m, diag, 0};
    rs_scenario *s = rs_xcalloc(1, sizeof *s);
    s->file = rs_xstrdup(file);
    check_object(&v, t, "$", "a scenario", keys, NULL);

    const char *name, *desc;
    char *bn = base_name(file);
    str(&v, t, "$", "name", OPT, bn, "scenario name", &name);
    s->name = rs_xstrdup(name ? name : bn);
    free(bn);
    const char *label;
    if (str(&v, t, "$", "label", OPT, NULL, "a short name for charts and tables", &label) > 0) {
        if (!label[0] || strlen(label) > 60)
            verr(&v, get(t, "label"), "$.label", "must be 1 to 60 characters (a short name of "
                                                 "the scenario for legends and columns)");
        else
            s->label = rs_xstrdup(label);
    }
    str(&v, t, "$", "description", OPT, "", "what question the scenario answers", &desc);
    s->description = dup_or(desc, "");

    /* horizon first: years elsewhere are checked against it */
    const cJSON *h = get(t, "horizon");
    static const char *const hkeys[] = {"start", "end", NULL};
    static const range R_YEAR = {1900, 2200, 0, 1, NULL};
    s->start = 2023;
    s->end = 2032;
    if (!h)
        verr(&v, t, "$", "missing required key 'horizon' ({\"start\": 2023, \"end\": 2032})");
    else if (check_object(&v, h, "$.horizon", "the horizon", hkeys, NULL)) {
        integer(&v, h, "$.horizon", "start", REQ, 2023, &R_YEAR, "first simulated year",
                &s->start);
        integer(&v, h, "$.horizon", "end", REQ, s->start, &R_YEAR, "last simulated year",
                &s->end);
        if (s->end < s->start) {
            verr(&v, get(h, "end"), "$.horizon.end", "end %d is before start %d", s->end,
                 s->start);
            s->end = 2200; /* no further errors about years outside it */
        }
    }
    static const range R_RATE = {-0.5, 1, 0, 0, "a yearly rate"};
    num(&v, t, "$", "discount_rate", OPT, 0, &R_RATE, "discount rate for npv_rijk",
        &s->discount_rate);
    build_realisation(&v, get(t, "realisation"), s);
    {
        char *rsrc;
        doc_of(t, &s->source, &s->estimate);
        doc_of(get(t, "realisation"), &rsrc, &s->real_estimate);
        free(rsrc);
        doc_of(get(t, "cofinancing"), &s->cofin_source, &s->cofin_estimate);
    }

    /* regions */
    const cJSON *rl = list(&v, t, "$", "regions", REQ, 1, "the regions, or a file of them");
    char **region_ids = NULL;
    if (rl) {
        s->n_regions = (size_t)cJSON_GetArraySize(rl);
        s->regions = rs_xcalloc(s->n_regions, sizeof *s->regions);
        region_ids = rs_xcalloc(s->n_regions, sizeof *region_ids);
        size_t i = 0;
        for (const cJSON *e = rl->child; e; e = e->next, i++) {
            char p[64];
            PATH(p, "$.regions[%zu]", i);
            build_region(&v, e, p, &s->regions[i]);
            region_ids[i] = s->regions[i].id;
        }
        check_unique(&v, rl, "$.regions", region_ids, s->n_regions, "region");
        idindex rx;
        idindex_make(&rx, region_ids, s->n_regions);
        resolve_overlaps(&v, rl, s, &rx);
        idindex_free(&rx);
    }

    /* instruments */
    const cJSON *il = get(t, "instruments");
    if (!il) {
        verr(&v, t, "$", "missing required key 'instruments' ({\"spuk\": \"file.json\"})");
    } else if (!cJSON_IsObject(il) || !il->child) {
        verr(&v, il, "$.instruments",
             "is %s, must be an object naming at least one instrument ({\"id\": \"file.json\"})",
             cJSON_IsObject(il) ? "empty" : rs_json_type_name(il));
    } else {
        s->n_instruments = (size_t)cJSON_GetArraySize(il);
        s->instruments = rs_xcalloc(s->n_instruments, sizeof *s->instruments);
        size_t i = 0;
        for (const cJSON *e = il->child; e; e = e->next, i++) {
            char p[512];
            PATH(p, "$.instruments.%s", e->string);
            build_instrument(&v, e, p, e->string, &s->instruments[i]);
        }
    }

    /* the scenario's co-financing rule (default flat 0.5, scale) */
    const cJSON *cf = get(t, "cofinancing");
    if (cf) {
        build_cofin(&v, cf, "$.cofinancing", &s->cofin);
    } else {
        s->cofin.rule = rs_cofin_rule_find("flat");
        s->cofin.share = 0.5;
    }
    records rec;
    records_make(&rec, s);
    check_tiers(&v, cf, "$.cofinancing", &s->cofin, s, &rec);

    /* tranches */
    const cJSON *tl = list(&v, t, "$", "tranches", REQ, 1, "the tranches, or a file of them");
    char **tranche_ids = NULL;
    char **instrument_ids = rs_xcalloc(s->n_instruments, sizeof *instrument_ids);
    for (size_t i = 0; i < s->n_instruments; i++)
        instrument_ids[i] = s->instruments[i].id;
    idindex instruments;
    idindex_make(&instruments, instrument_ids, s->n_instruments);
    if (tl && s->n_instruments) {
        s->n_tranches = (size_t)cJSON_GetArraySize(tl);
        s->tranches = rs_xcalloc(s->n_tranches, sizeof *s->tranches);
        tranche_ids = rs_xcalloc(s->n_tranches, sizeof *tranche_ids);
        size_t i = 0;
        for (const cJSON *e = tl->child; e; e = e->next, i++) {
            char p[64];
            PATH(p, "$.tranches[%zu]", i);
            build_tranche(&v, e, p, s, &instruments, &s->tranches[i]);
            tranche_ids[i] = s->tranches[i].id;
            PATH(p, "$.tranches[%zu].cofinancing", i);
            if (s->tranches[i].cofin == &s->tranches[i].own_cofin)
                check_tiers(&v, get(e, "cofinancing"), p, s->tranches[i].cofin, s, &rec);
        }
        check_unique(&v, tl, "$.tranches", tranche_ids, s->n_tranches, "tranche");
    }
    free(rec.i);

    /* deals */
    const cJSON *dl = list(&v, t, "$", "deals", REQ, 1, "the deals, or a file of them");
    if (dl && region_ids && tranche_ids) {
        s->n_deals = (size_t)cJSON_GetArraySize(dl);
        s->deals = rs_xcalloc(s->n_deals, sizeof *s->deals);
        char **deal_ids = rs_xcalloc(s->n_deals, sizeof *deal_ids);
        idindex regions, tranches;
        idindex_make(&regions, region_ids, s->n_regions);
        idindex_make(&tranches, tranche_ids, s->n_tranches);
        size_t i = 0;
        for (const cJSON *e = dl->child; e; e = e->next, i++) {
            char p[64];
            PATH(p, "$.deals[%zu]", i);
            build_deal(&v, e, p, &regions, &tranches, s, &instruments, &s->deals[i]);
            deal_ids[i] = s->deals[i].id;
        }
        idindex_free(&regions);
        idindex_free(&tranches);
        check_unique(&v, dl, "$.deals", deal_ids, s->n_deals, "deal");
        free(deal_ids);
        /* one pass over the deals, not one per tranche */
        size_t *per_tranche = rs_xcalloc(s->n_tranches, sizeof *per_tranche);
        for (size_t d = 0; d < s->n_deals; d++)
            per_tranche[s->deals[d].tranche]++;
        for (size_t k = 0; k < s->n_tranches; k++)
            if (!per_tranche[k]) {
                rs_msg w = {RS_MSG_L_NO_DEALS, {0}, {file, s->tranches[k].id, NULL, NULL}};
                rs_diag_add_id(diag, 0, &w);
            }
        free(per_tranche);
    }
    idindex_free(&instruments);
    free(instrument_ids);
    free(region_ids);
    free(tranche_ids);

    build_uncertainty(&v, get(t, "uncertainty"), &s->unc, s->real_mean);
    build_output(&v, get(t, "output"), s);
    v.errors += rs_ranges_collect(m, t, s, diag);

    if (!v.errors) {
        /* The memory budget, checked before anything of the run is
         * allocated: an upper bound of every deal's span of years (see
         * deal_span() in engine.c) times the bytes a run keeps per deal
         * year, plus what it keeps per deal and region. */
        double dy = 0;
        for (size_t d = 0; d < s->n_deals; d++) {
            const rs_deal *de = &s->deals[d];
            const rs_tranche *tr = &s->tranches[de->tranche];
            const rs_instrument *in = &s->instruments[tr->instrument];
            int last = de->duration - 1 + (in->has_deadline ? in->extension_years : 0);
            if (!in->has_deadline && s->end - tr->year > last)
                last = s->end - tr->year;
            int lag = in->lag > in->settlement_lag ? in->lag : in->settlement_lag;
            dy += last + lag + 1;
        }
        double bytes = dy * RS_MEM_PER_DEAL_YEAR + (double)s->n_deals * RS_MEM_PER_DEAL +
                       (double)s->n_regions * RS_MEM_PER_REGION;
        if (bytes > (double)RS_MEM_BUDGET_MB * 1048576.0)
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s: a run of this scenario needs about %.1f GB of memory (%zu deals "
                        "with %.0f deal-years of flows, %zu regions), more than the %d MB "
                        "regiosim allows one scenario (docs/format.md, 'Limits'); split it, or "
                        "shorten durations, extension years and lags",
                        file, bytes / 1073741824.0, s->n_deals, dy, s->n_regions,
                        RS_MEM_BUDGET_MB);
        if (bytes > (double)RS_MEM_BUDGET_MB * 1048576.0)
            v.errors++;
    }

    if (v.errors) {
        if (v.errors > RS_MAX_ERRORS)
            rs_diag_add(diag, RS_EXIT_INVALID, "%s: %d more %s not shown", file,
                        v.errors - RS_MAX_ERRORS,
                        rs_plural(v.errors - RS_MAX_ERRORS, "error", "errors"));
        rs_scenario_free(s);
        return NULL;
    }
    return s;
}

int rs_instrument_load(const char *path, rs_instrument *in, rs_diag *diag)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    memset(in, 0, sizeof *in);
    cJSON *t = rs_json_parse_file(&m, path, "$", diag);
    int rc = -1;
    if (t) {
        V v = {&m, diag, 0};
        const cJSON *id = get(t, "id");
        char *bn = base_name(path);
        build_instrument(&v, t, "$", cJSON_IsString(id) ? id->valuestring : bn, in);
        free(bn);
        rc = v.errors ? -1 : 0;
    }
    cJSON_Delete(t);
    rs_srcmap_free(&m);
    return rc;
}

void rs_instrument_clear(rs_instrument *in)
{
    free(in->id);
    free(in->name);
    free(in->legal_basis);
    for (size_t k = 0; k < in->n_obl; k++) {
        free(in->obl[k].name);
        free(in->obl[k].source);
    }
    free(in->obl);
    free(in->source);
    memset(in, 0, sizeof *in);
}

/* ---- one file on its own ('validate FILE') ----------------------------- */

const char *const rs_file_kind_names[] = {"scenario", "instrument", "region file",
                                          "tranche file", "deal file"};

/* What a list holds, from the keys of its first element. */
static rs_file_kind list_kind(const cJSON *l)
{
    const cJSON *e = l ? l->child : NULL;
    if (!cJSON_IsObject(e))
        return RS_FILE_SCENARIO;
    if (get(e, "population") || get(e, "fiscal_capacity") || get(e, "bw_pressure"))
        return RS_FILE_REGIONS;
    if (get(e, "request") || get(e, "tranche") || get(e, "duration"))
        return RS_FILE_DEALS;
    if (get(e, "budget") || get(e, "allocation") || get(e, "instrument"))
        return RS_FILE_TRANCHES;
    return RS_FILE_SCENARIO;
}

static rs_file_kind tree_kind(const cJSON *t)
{
    if (cJSON_IsArray(t))
        return list_kind(t);
    if (!cJSON_IsObject(t) || get(t, "horizon") || get(t, "extends"))
        return RS_FILE_SCENARIO;
    if (get(t, "payment") || get(t, "admin") || get(t, "settlement") || get(t, "deadline"))
        return RS_FILE_INSTRUMENT;
    static const char *const lists[] = {"regions", "tranches", "deals"};
    static const rs_file_kind kinds[] = {RS_FILE_REGIONS, RS_FILE_TRANCHES, RS_FILE_DEALS};
    int n = 0, which = -1;
    for (const cJSON *c = t->child; c; c = c->next) {
        if (in_list(c->string, doc_keys) || strcmp(c->string, "description") == 0)
            continue;
        n++;
        for (int i = 0; i < 3; i++)
            if (strcmp(c->string, lists[i]) == 0 && cJSON_IsArray(c))
                which = i;
    }
    return n == 1 && which >= 0 ? kinds[which] : RS_FILE_SCENARIO;
}

int rs_file_check(const char *path, rs_file_kind *kind, size_t *count, rs_diag *diag)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    *kind = RS_FILE_SCENARIO;
    *count = 0;
    int csv = rs_ends_with(path, ".csv");
    cJSON *t = csv ? rs_regions_csv(&m, path, diag) : rs_json_parse_file(&m, path, "$", diag);
    int rc = diag->code ? diag->code : RS_EXIT_INVALID;
    if (!t) {
        rs_srcmap_free(&m);
        return rc;
    }
    *kind = csv ? RS_FILE_REGIONS : tree_kind(t);
    if (*kind == RS_FILE_SCENARIO) {
        cJSON_Delete(t);
        rs_srcmap_free(&m);
        return 0;
    }
    static const char *const keys[] = {NULL, NULL, "regions", "tranches", "deals"};
    V v = {&m, diag, 0};
    int bare = 0;
    if (*kind == RS_FILE_INSTRUMENT) {
        rs_instrument in;
        memset(&in, 0, sizeof in);
        const cJSON *id = get(t, "id");
        char *bn = base_name(path);
        build_instrument(&v, t, "$", cJSON_IsString(id) ? id->valuestring : bn, &in);
        free(bn);
        rs_instrument_clear(&in);
    } else if (bare = cJSON_IsArray(t), rs_list_unwrap(&m, &t, keys[*kind], path, diag)) {
        rs_scenario s;
        memset(&s, 0, sizeof s);
        s.start = 1900;
        s.end = 2200;
        s.cofin.rule = rs_cofin_rule_find("flat");
        s.cofin.share = 0.5;
        size_t i = 0;
        for (const cJSON *e = t->child; e; e = e->next, i++) {
            char p[64];
            /* paths as in the file: "$[i]" in a bare list, else "$.<key>[i]" */
            if (bare)
                PATH(p, "$[%zu]", i);
            else
                PATH(p, "$.%s[%zu]", keys[*kind], i);
            if (*kind == RS_FILE_REGIONS) {
                rs_region r;
                build_region(&v, e, p, &r);
                free(r.id);
                free(r.name);
                free(r.source);
            } else if (*kind == RS_FILE_TRANCHES) {
                rs_tranche tr;
                build_tranche(&v, e, p, &s, NULL, &tr);
                free(tr.id);
                free(tr.source);
                free(tr.own_cofin.tiers);
            } else {
                rs_deal d;
                build_deal(&v, e, p, NULL, NULL, &s, NULL, &d);
                free(d.id);
                free(d.profile);
            }
        }
        *count = i;
    } else {
        v.errors++;
    }
    cJSON_Delete(t);
    rs_srcmap_free(&m);
    if (v.errors > RS_MAX_ERRORS)
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: %d more %s not shown", path,
                    v.errors - RS_MAX_ERRORS, rs_plural(v.errors - RS_MAX_ERRORS, "error", "errors"));
    return v.errors ? RS_EXIT_INVALID : 0;
}
