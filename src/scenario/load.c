/* load.c — from a scenario file name to a merged JSON tree: the extends
 * chain (RFC 7386 merge patches), file references and --set overrides.
 * build.c then turns the tree into C structs. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "setpath.h"

/* A chain deeper than this is surely a mistake (and bounds the stack). */
#define RS_MAX_EXTENDS 256

/* A child that changes instruments or rules but not its 'description'
 * would show its parent's text for a different question: say so
 * (docs/model.md §2.3). */
static void warn_description(const cJSON *child, const cJSON *parent, const char *path,
                             rs_diag *diag)
{
    static const char *const changes[] = {"instruments", "cofinancing", "tranches", "deals",
                                          "regions",     "set",         "realisation", NULL};
    if (cJSON_GetObjectItemCaseSensitive(child, "description") ||
        !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(parent, "description")))
        return;
    rs_buf keys;
    rs_buf_init(&keys);
    for (size_t i = 0; changes[i]; i++)
        if (cJSON_GetObjectItemCaseSensitive(child, changes[i]))
            rs_buf_printf(&keys, "%s'%s'", keys.s ? ", " : "", changes[i]);
    if (keys.s) {
        rs_msg w = {RS_MSG_L_DESCRIPTION, {0}, {path, keys.s, NULL, NULL}};
        rs_diag_add_id(diag, 0, &w);
    }
    rs_buf_free(&keys);
}

/* Loads 'path' and its parents.  'text' (NUL-terminated, 'len' bytes),
 * when not NULL, is the content of 'path' itself (rs_scenario_load_text);
 * the parents are always read from files. */
static cJSON *load_chain(rs_srcmap *m, const char *path, const char *text, size_t len,
                         char **stack, const char **shown, int depth, rs_diag *diag)
{
    if (depth >= RS_MAX_EXTENDS) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: 'extends' chain is more than %d files deep",
                    path, RS_MAX_EXTENDS);
        return NULL;
    }
    char *real = realpath(path, NULL);
    if (real) {
        for (int i = 0; i < depth; i++)
            if (strcmp(stack[i], real) == 0) {
                rs_buf chain;
                rs_buf_init(&chain);
                for (int k = i; k < depth; k++)
                    rs_buf_printf(&chain, "%s -> ", shown[k]);
                rs_buf_add(&chain, path);
                rs_diag_add(diag, RS_EXIT_INVALID,
                            "%s: $.extends: cycle: the 'extends' chain comes back to this "
                            "file (%s)",
                            path, chain.s);
                rs_buf_free(&chain);
                free(real);
                return NULL;
            }
        stack[depth] = real;
        shown[depth] = path;
    } else {
        shown[depth] = path;
        stack[depth] = rs_xstrdup(path);
    }
    cJSON *tree = text ? rs_json_parse_text(m, text, len, path, "$", diag)
                       : rs_json_parse_file(m, path, "$", diag);
    cJSON *result = NULL;
    if (!tree)
        goto out;
    if (!cJSON_IsObject(tree)) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: $: a scenario must be a JSON object, not %s",
                    path, rs_json_type_name(tree));
        cJSON_Delete(tree);
        goto out;
    }
    cJSON *ext = cJSON_DetachItemFromObjectCaseSensitive(tree, "extends");
    if (!ext) {
        result = tree;
        goto out;
    }
    if (!cJSON_IsString(ext) || !ext->valuestring[0]) {
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: $.extends: is %s, must be the file name of the parent scenario", path,
                    rs_json_type_name(ext));
        cJSON_Delete(ext);
        cJSON_Delete(tree);
        goto out;
    }
    char *dir = rs_dirname(path);
    char *parent_path = rs_path_join(dir, ext->valuestring);
    free(dir);
    cJSON_Delete(ext);
    cJSON *parent = load_chain(m, parent_path, NULL, 0, stack, shown, depth + 1, diag);
    if (!parent && access(parent_path, R_OK) != 0)
        rs_diag_add(diag, 0, "%s: $.extends: names that file as its parent scenario", path);
    free(parent_path);
    if (!parent) {
        cJSON_Delete(tree);
        goto out;
    }
    warn_description(tree, parent, path, diag);
    rs_json_merge(&parent, tree);
    result = parent;
out:
    free(stack[depth]);
    stack[depth] = NULL;
    return result;
}

int rs_list_unwrap(rs_srcmap *m, cJSON **tree, const char *key, const char *path,
                   rs_diag *diag)
{
    static const char *const doc[] = {"note", "source", "estimate", "description", NULL};
    cJSON *t = *tree;
    if (cJSON_IsArray(t))
        return 1;
    if (!cJSON_IsObject(t)) {
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: $: is %s, must be a list or an object {\"%s\": [...]}", path,
                    rs_json_type_name(t), key);
        return 0;
    }
    int ok = 1;
    cJSON *list = NULL;
    for (cJSON *c = t->child; c; c = c->next) {
        int d = 0;
        for (size_t i = 0; doc[i]; i++)
            d |= strcmp(c->string, doc[i]) == 0;
        if (strcmp(c->string, key) == 0) {
            list = c;
            if (!cJSON_IsArray(c)) {
                rs_diag_add(diag, RS_EXIT_INVALID, "%s: $.%s: is %s, must be a list", path,
                            key, rs_json_type_name(c));
                ok = 0;
            }
        } else if (!d) {
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s: $: unknown key '%.60s' (a file of %s takes '%s' and the "
                        "documentation keys 'note', 'source', 'estimate', 'description')",
                        path, c->string, key, key);
            ok = 0;
        } else if (strcmp(c->string, "estimate") == 0 ? !cJSON_IsBool(c) : !cJSON_IsString(c)) {
            rs_diag_add(diag, RS_EXIT_INVALID, "%s: $.%s: is %s, must be %s (documentation)",
                        path, c->string, rs_json_type_name(c),
                        strcmp(c->string, "estimate") == 0 ? "true or false" : "a string");
            ok = 0;
        }
    }
    if (!list) {
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: $: is an object without '%s': a file of %s is a list, or an object "
                    "{\"%s\": [...], \"source\": \"...\"}",
                    path, key, key, key);
        return 0;
    }
    if (!ok)
        return 0;
    int f = rs_srcmap_file_of(m, t);
    if (f >= 0) {
        free(m->files[f].mount);
        m->files[f].mount = rs_xstrdup("$");
    }
    cJSON_DetachItemViaPointer(t, list);
    free(list->string);
    list->string = NULL;
    cJSON_Delete(t);
    *tree = list;
    return 1;
}

#ifndef RS_DATADIR
#define RS_DATADIR "/usr/local/share/regiosim"
#endif

/* 'path' made absolute and without "." and ".." parts, for messages. */
static char *absolute(const char *path)
{
    char cwd[PATH_MAX];
    char *full = path[0] == '/' || !getcwd(cwd, sizeof cwd) ? rs_xstrdup(path)
                                                             : rs_xasprintf("%s/%s", cwd, path);
    char *out = rs_xmalloc(strlen(full) + 2);
    size_t n = 0;
    for (char *p = full; *p;) {
        while (*p == '/')
            p++;
        char *e = p;
        while (*e && *e != '/')
            e++;
        size_t l = (size_t)(e - p);
        if (l == 0 || (l == 1 && p[0] == '.')) {
        } else if (l == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
        } else {
            out[n++] = '/';
            memcpy(out + n, p, l);
            n += l;
        }
        p = e;
    }
    if (!n)
        out[n++] = '/';
    out[n] = '\0';
    free(full);
    return out;
}

/* Where a shipped model is looked for when a reference does not resolve
 * next to the file that names it (a scenario copied to another folder):
 * the part of the reference after its last "models/", under
 * $REGIOSIM_MODELS, then under the installed models folder.  Returns the
 * first that exists (caller frees), or NULL; 'tried' collects the paths. */
static char *find_model(const char *ref, rs_buf *tried)
{
    const char *tail = NULL;
    for (const char *p = ref; (p = strstr(p, "models/")) != NULL; p++)
        if (p == ref || p[-1] == '/')
            tail = p + 7;
    if (!tail || !*tail)
        return NULL;
    const char *env = getenv("REGIOSIM_MODELS");
    const char *dirs[2] = {env && *env ? env : NULL, RS_DATADIR "/models"};
    for (int i = 0; i < 2; i++) {
        if (!dirs[i])
            continue;
        char *c = rs_path_join(dirs[i], tail);
        if (access(c, R_OK) == 0)
            return c;
        rs_buf_printf(tried, ", %s%s", c, i == 0 ? " (REGIOSIM_MODELS)" : " (installed models)");
        free(c);
    }
    if (!dirs[0])
        rs_buf_add(tried, "; REGIOSIM_MODELS is not set");
    return NULL;
}

/* Replaces a string that names a file with the file's content.  The path
 * resolves against the file that holds the string ('--set' values against
 * the current directory).  'want' is cJSON_Array or cJSON_Object. */
static int inline_ref(rs_srcmap *m, cJSON *parent, cJSON *node, const char *mount, int want,
                      const char *what, rs_diag *diag)
{
    if (!cJSON_IsString(node))
        return 1;
    int f = rs_srcmap_file_of(m, node);
    const char *from = f >= 0 ? m->files[f].path : ".";
    char *dir = f >= 0 && strncmp(from, "--set", 5) != 0 ? rs_dirname(from) : rs_xstrdup(".");
    char *path = rs_path_join(dir, node->valuestring);
    free(dir);
    cJSON *sub = NULL;
    rs_buf tried;
    rs_buf_init(&tried);
    if (access(path, F_OK) != 0) {
        char *abs = absolute(path);
        char *found = find_model(node->valuestring, &tried);
        if (found) {
            char *w = rs_srcmap_where(m, node, mount);
            rs_msg mw = {RS_MSG_L_MODEL_FOUND, {0}, {w, node->valuestring, abs, found}};
            rs_diag_add_id(diag, 0, &mw);
            free(w);
            free(path);
            path = found;
            rs_buf_free(&tried);
        } else {
            /* said below, after the reader's own message */
            char *t = rs_xasprintf(" (tried %s, next to the file%s; copy the models along with "
                                   "the scenario, or set REGIOSIM_MODELS to a models folder)",
                                   abs, tried.s ? tried.s : "");
            rs_buf_free(&tried);
            rs_buf_init(&tried);
            rs_buf_add(&tried, t);
            free(t);
        }
        free(abs);
    }
    if (rs_ends_with(path, ".csv") && want == cJSON_Array && strcmp(mount, "$.regions") == 0) {
        sub = rs_regions_csv(m, path, diag);
    } else {
        sub = rs_json_parse_file(m, path, mount, diag);
    }
    if (sub && want == cJSON_Array && cJSON_IsObject(sub) && !rs_list_unwrap(m, &sub, mount + 2, path, diag)) {
        cJSON_Delete(sub);
        sub = NULL;
    }
    if (!sub) {
        char *w = rs_srcmap_where(m, node, mount);
        rs_diag_add(diag, 0, "%s: names that file as %s%s", w, what, tried.s ? tried.s : "");
        free(w);
        free(path);
        rs_buf_free(&tried);
        return 0;
    }
    rs_buf_free(&tried);
    if ((want == cJSON_Array && !cJSON_IsArray(sub)) ||
        (want == cJSON_Object && !cJSON_IsObject(sub))) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: $: is %s, must be %s (%s)", path,
                    rs_json_type_name(sub), want == cJSON_Array ? "a list" : "an object", what);
        cJSON_Delete(sub);
        free(path);
        return 0;
    }
    free(path);
    /* by pointer, naming the new item first (a replacement by key looks
     * the key up: with many instruments, n lookups of n steps) */
    size_t kl = strlen(node->string) + 1;
    sub->string = cJSON_malloc(kl);
    if (!sub->string) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    memcpy(sub->string, node->string, kl);
    cJSON_ReplaceItemViaPointer(parent, node, sub);
    return 1;
}

static int inline_refs(rs_srcmap *m, cJSON *tree, rs_diag *diag)
{
    static const struct {
        const char *key, *what;
    } lists[] = {{"regions", "the region list"},
                 {"tranches", "the tranche list"},
                 {"deals", "the deal list"}};
    int ok = 1;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        cJSON *n = cJSON_GetObjectItemCaseSensitive(tree, lists[i].key);
        if (n) {
            char mount[32];
            snprintf(mount, sizeof mount, "$.%s", lists[i].key);
            ok &= inline_ref(m, tree, n, mount, cJSON_Array, lists[i].what, diag);
        }
    }
    cJSON *ins = cJSON_GetObjectItemCaseSensitive(tree, "instruments");
    if (cJSON_IsObject(ins)) {
        cJSON *c = ins->child;
        while (c) {
            cJSON *next = c->next;
            char *mount = rs_xasprintf("$.instruments.%s", c->string);
            ok &= inline_ref(m, ins, c, mount, cJSON_Object, "an instrument file", diag);
            free(mount);
            c = next;
        }
    }
    return ok;
}

/* The scenario's own "set": {"PATH": value, ...}, the --set of a file:
 * it lets a small scenario change one element of a list it extends
 * ("tranches[T4].instrument": "du") where a merge patch would replace the
 * whole list.  Applied in order after the extends chain is merged. */
static int apply_scenario_set(rs_srcmap *m, cJSON *tree, rs_diag *diag)
{
    cJSON *set = cJSON_DetachItemFromObjectCaseSensitive(tree, "set");
    if (!set)
        return 1;
    int ok = 1;
    if (!cJSON_IsObject(set)) {
        char *w = rs_srcmap_where(m, set, "$.set");
        rs_diag_add(diag, RS_EXIT_INVALID,
                    "%s: is %s, must be an object of PATH: value, like "
                    "{\"tranches[T4].instrument\": \"du\"}",
                    w, rs_json_type_name(set));
        free(w);
        ok = 0;
    }
    while (ok && set->child) {
        cJSON *v = cJSON_DetachItemViaPointer(set, set->child);
        char *path = rs_xstrdup(v->string);
        char *where = rs_xasprintf("$.set.%s", path);
        char *w = rs_srcmap_where(m, v, where);
        char *err = NULL;
        if (rs_setpath_apply(tree, path, v, &err) < 0) {
            rs_diag_add(diag, RS_EXIT_INVALID, "%s: %s", w, err);
            ok = 0;
        }
        free(err);
        free(w);
        free(where);
        free(path);
    }
    cJSON_Delete(set);
    return ok;
}

static int apply_overrides(rs_srcmap *m, cJSON *tree, const rs_override *ov, size_t n,
                           rs_diag *diag)
{
    for (size_t i = 0; i < n; i++) {
        char *label = rs_xasprintf("--set %s=%s", ov[i].path, ov[i].value);
        int f = rs_srcmap_add_file(m, label, "$");
        cJSON *v = rs_setpath_value(ov[i].value);
        /* the value gets the checks a file's values get (1e999 parses as
         * infinity, and plain text may be invalid UTF-8) */
        if (!rs_json_check(v, ov[i].path, label, diag)) {
            cJSON_Delete(v);
            free(label);
            return 0;
        }
        rs_srcmap_register(m, v, f);
        char *err = NULL;
        if (rs_setpath_apply(tree, ov[i].path, v, &err) < 0) {
            rs_diag_add(diag, RS_EXIT_INVALID, "%s: %s", label, err);
            free(err);
            free(label);
            return 0;
        }
        free(label);
    }
    return 1;
}

/* The merged, inlined tree with overrides ('m' initialised by the caller). */
static cJSON *merged_tree(rs_srcmap *m, const char *file, const char *text, size_t len,
                          const rs_override *ov, size_t n_ov, rs_diag *diag)
{
    char *stack[RS_MAX_EXTENDS] = {0};
    const char *shown[RS_MAX_EXTENDS] = {0};
    cJSON *tree = load_chain(m, file, text, len, stack, shown, 0, diag);
    if (tree && (!inline_refs(m, tree, diag) || !apply_scenario_set(m, tree, diag) ||
                 !apply_overrides(m, tree, ov, n_ov, diag) || !inline_refs(m, tree, diag))) {
        cJSON_Delete(tree);
        tree = NULL;
    }
    return tree;
}

cJSON *rs_scenario_tree(const char *file, const rs_override *ov, size_t n_ov, rs_diag *diag)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    cJSON *tree = merged_tree(&m, file, NULL, 0, ov, n_ov, diag);
    rs_srcmap_free(&m);
    if (!tree && !diag->code)
        diag->code = RS_EXIT_INVALID;
    return tree;
}

/* The common path of rs_scenario_load() and rs_scenario_load_text(). */
static rs_scenario *load(const char *file, const char *text, size_t len,
                         const rs_override *ov, size_t n_ov, rs_diag *diag)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    rs_scenario *s = NULL;
    cJSON *tree = merged_tree(&m, file, text, len, ov, n_ov, diag);
    if (!tree)
        goto out;
    s = rs_scenario_build(&m, tree, file, diag);
    if (s) {
        char *t = cJSON_PrintUnformatted(tree);
        s->resolved = t ? rs_xstrdup(t) : NULL;
        cJSON_free(t);
    }
out:
    cJSON_Delete(tree);
    rs_srcmap_free(&m);
    if (!diag->code && !s)
        diag->code = RS_EXIT_INVALID;
    return s;
}

rs_scenario *rs_scenario_load(const char *file, const rs_override *ov, size_t n_ov,
                              rs_diag *diag)
{
    return load(file, NULL, 0, ov, n_ov, diag);
}

/* ---- a merged tree kept for many builds (scenario.h, rs_scenario_src) ---- */

struct rs_scenario_src {
    char *file;
    rs_srcmap m;
    cJSON *tree;
};

rs_scenario_src *rs_scenario_src_load(const char *file, const rs_override *ov, size_t n_ov,
                                      rs_diag *diag)
{
    rs_scenario_src *src = rs_xcalloc(1, sizeof *src);
    rs_srcmap_init(&src->m);
    src->file = rs_xstrdup(file);
    char *stack[RS_MAX_EXTENDS] = {0};
    const char *shown[RS_MAX_EXTENDS] = {0};
    src->tree = load_chain(&src->m, file, NULL, 0, stack, shown, 0, diag);
    if (!src->tree || !inline_refs(&src->m, src->tree, diag) ||
        !apply_scenario_set(&src->m, src->tree, diag) ||
        !apply_overrides(&src->m, src->tree, ov, n_ov, diag) ||
        !inline_refs(&src->m, src->tree, diag)) {
        rs_scenario_src_free(src);
        if (!diag->code)
            diag->code = RS_EXIT_INVALID;
        return NULL;
    }
    return src;
}

void rs_scenario_src_free(rs_scenario_src *src)
{
    if (!src)
        return;
    cJSON_Delete(src->tree);
    rs_srcmap_free(&src->m);
    free(src->file);
    free(src);
}

/* Registers every node of 'copy' (a cJSON_Duplicate of 'orig') in 'to'
 * under the file 'from' has for the matching node of 'orig'.  Recursive
 * over depth, which the parser and RS_SETPATH_MAX_SEGMENTS bound. */
static void register_copy(const rs_srcmap *from, const cJSON *orig, rs_srcmap *to,
                          const cJSON *copy)
{
    for (; orig && copy; orig = orig->next, copy = copy->next) {
        int f = rs_srcmap_file_of(from, orig);
        if (f >= 0)
            rs_srcmap_register_one(to, copy, f);
        if (orig->child)
            register_copy(from, orig->child, to, copy->child);
    }
}

rs_scenario *rs_scenario_src_build(const rs_scenario_src *src, const rs_override *ov,
                                   size_t n_ov, rs_diag *diag)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    for (size_t i = 0; i < src->m.n_files; i++)
        rs_srcmap_add_file(&m, src->m.files[i].path, src->m.files[i].mount);
    cJSON *tree = cJSON_Duplicate(src->tree, 1);
    if (!tree) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    register_copy(&src->m, src->tree, &m, tree);
    rs_scenario *s = NULL;
    /* cJSON's parser writes its error position to a global on every call
     * (the override values and any file they name are parsed): one thread
     * at a time there.  The copy and the build, most of the time, run in
     * parallel. */
    int ok;
#pragma omp critical(rs_cjson_parse)
    ok = apply_overrides(&m, tree, ov, n_ov, diag) && inline_refs(&m, tree, diag);
    if (ok)
        s = rs_scenario_build(&m, tree, src->file, diag);
    cJSON_Delete(tree);
    rs_srcmap_free(&m);
    if (!diag->code && !s)
        diag->code = RS_EXIT_INVALID;
    return s;
}

rs_scenario *rs_scenario_load_text(const char *name, const char *text, size_t len,
                                   const rs_override *ov, size_t n_ov, rs_diag *diag)
{
    /* the parser needs a NUL after the text */
    char *copy = rs_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    rs_scenario *s = load(name, copy, len, ov, n_ov, diag);
    free(copy);
    return s;
}
