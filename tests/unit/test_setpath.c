/* test_setpath.c — the PATH of --set PATH=VALUE. */
#include <stdlib.h>
#include <string.h>

#include "../../src/scenario/setpath.h"
#include "helpers.h"

static char *apply(const char *doc, const char *path, const char *value, char **err)
{
    cJSON *root = cJSON_Parse(doc);
    *err = NULL;
    char *out = NULL;
    if (rs_setpath_apply(root, path, rs_setpath_value(value), err) == 0)
        out = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return out;
}

static void check(const char *doc, const char *path, const char *value, const char *want)
{
    char *err;
    char *got = apply(doc, path, value, &err);
    if (!got || strcmp(got, want) != 0)
        fprintf(stderr, "\nset %s=%s on %s: got %s (%s), want %s\n", path, value, doc,
                got ? got : "error", err ? err : "", want);
    CU_ASSERT_PTR_NOT_NULL(got);
    if (got)
        CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
    free(err);
}

static void check_error(const char *doc, const char *path, const char *want)
{
    char *err;
    char *got = apply(doc, path, "1", &err);
    CU_ASSERT_PTR_NULL(got);
    int ok = err && strstr(err, want);
    if (!ok)
        fprintf(stderr, "\nset %s: wanted error [%s], got [%s]\n", path, want, err ? err : "");
    CU_ASSERT_TRUE(ok);
    free(got);
    free(err);
}

static void sets(void)
{
    check("{\"cofinancing\":{\"share\":0.5}}", "cofinancing.share", "0.4",
          "{\"cofinancing\":{\"share\":0.4}}");
    check("{}", "cofinancing.share", "0.4", "{\"cofinancing\":{\"share\":0.4}}");
    check("{\"tranches\":[{\"instrument\":\"spuk\"}]}", "tranches[0].instrument", "du",
          "{\"tranches\":[{\"instrument\":\"du\"}]}");
    check("{\"r\":{}}", "r.by_year.2020", "0.6", "{\"r\":{\"by_year\":{\"2020\":0.6}}}");
    check("{\"a\":1,\"b\":2}", "$.a", "null", "{\"b\":2}");
    check("{\"a\":1}", "a", "[1,2]", "{\"a\":[1,2]}");
    check("{\"a\":1}", "a", "\"42\"", "{\"a\":\"42\"}");
    check("{\"a\":[[1,2],[3]]}", "a[0][1]", "true", "{\"a\":[[1,true],[3]]}");
    check("{\"t\":[{\"id\":\"T3\",\"i\":\"s\"},{\"id\":\"T4\",\"i\":\"s\"}]}",
          "t[T4].i", "du", "{\"t\":[{\"id\":\"T3\",\"i\":\"s\"},{\"id\":\"T4\",\"i\":\"du\"}]}");
    check("{\"d\":[{\"id\":\"a-1.2\"}]}", "d[a-1.2].x", "2", "{\"d\":[{\"id\":\"a-1.2\",\"x\":2}]}");
}

static void errors(void)
{
    check_error("{\"t\":[{}]}", "t[9].x", "$.t has 1 element: there is no [9]");
    check_error("{\"t\":5}", "t.x", "$.t is a value, not an object");
    check_error("{\"t\":{}}", "t[0]", "$.t is not a list");
    check_error("{}", "a..b", "unexpected '.'");
    check_error("{}", "a.", "path ends with '.'");
    check_error("{\"a\":[{\"id\":\"y\"}]}", "a[x].b", "$.a has no element with id 'x'");
    check_error("{}", "a[x", "expected a list index [0] or an id [T4]");
    check_error("{}", "a[1", "expected a list index like [0]");
    check_error("{}", "", "empty path");
    check_error("{}", "a b", "unexpected ' '");
}

const rs_test rs_tests_setpath[] = {{"sets", sets}, {"errors", errors}, {NULL, NULL}};
