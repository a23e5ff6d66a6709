/* test_json.c — RFC 7386 merge patch (the examples of its appendix A),
 * parse errors with line and column, and what cJSON lets through. */
#include <stdlib.h>
#include <string.h>

#include "../../src/scenario/json.h"
#include "helpers.h"

static cJSON *parse(rs_srcmap *m, const char *text)
{
    rs_diag d;
    rs_diag_init(&d);
    cJSON *j = rs_json_parse_text(m, text, strlen(text), "t.json", "$", &d);
    if (!j)
        rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    return j;
}

static void merge_case(const char *target, const char *patch, const char *want)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    cJSON *t = parse(&m, target), *p = parse(&m, patch), *w = parse(&m, want);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    rs_json_merge(&t, p);
    int same = cJSON_Compare(t, w, 1);
    if (!same) {
        char *got = cJSON_PrintUnformatted(t);
        fprintf(stderr, "\nmerge %s + %s = %s, want %s\n", target, patch, got, want);
        free(got);
    }
    CU_ASSERT_TRUE(same);
    cJSON_Delete(t);
    cJSON_Delete(w);
    rs_srcmap_free(&m);
}

static void rfc7386_examples(void)
{
    merge_case("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
    merge_case("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}");
    merge_case("{\"a\":\"b\"}", "{\"a\":null}", "{}");
    merge_case("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}");
    merge_case("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
    merge_case("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}");
    merge_case("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}",
               "{\"a\":{\"b\":\"d\"}}");
    merge_case("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}");
    merge_case("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]");
    merge_case("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]");
    merge_case("{\"a\":\"foo\"}", "null", "null");
    merge_case("{\"a\":\"foo\"}", "\"bar\"", "\"bar\"");
    merge_case("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}");
    merge_case("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}");
    merge_case("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}");
}

/* The merged tree remembers where each node came from. */
static void origin_survives_merge(void)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    cJSON *t = parse(&m, "{\"a\": {\"x\": 1}, \"b\": 2}");
    rs_diag d;
    rs_diag_init(&d);
    const char *pt = "{\"a\": {\"y\": 3}}";
    cJSON *p = rs_json_parse_text(&m, pt, strlen(pt), "child.json", "$", &d);
    rs_json_merge(&t, p);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(t, "a");
    const cJSON *y = cJSON_GetObjectItemCaseSensitive(a, "y");
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, "x");
    CU_ASSERT_STRING_EQUAL(m.files[rs_srcmap_file_of(&m, y)].path, "child.json");
    CU_ASSERT_STRING_EQUAL(m.files[rs_srcmap_file_of(&m, x)].path, "t.json");
    char *w = rs_srcmap_where(&m, y, "$.a.y");
    CU_ASSERT_STRING_EQUAL(w, "child.json: $.a.y");
    free(w);
    cJSON_Delete(t);
    rs_diag_free(&d);
    rs_srcmap_free(&m);
}

static void parse_error(const char *text, const char *want)
{
    rs_srcmap m;
    rs_srcmap_init(&m);
    rs_diag d;
    rs_diag_init(&d);
    cJSON *j = rs_json_parse_text(&m, text, strlen(text), "x.json", "$", &d);
    CU_ASSERT_PTR_NULL(j);
    CU_ASSERT_EQUAL(d.code, RS_EXIT_INVALID);
    int ok = d.n && strstr(d.msg[0], want);
    if (!ok)
        fprintf(stderr, "\nwanted [%s], got [%s]\n", want, d.n ? d.msg[0] : "");
    CU_ASSERT_TRUE(ok);
    cJSON_Delete(j);
    rs_diag_free(&d);
    rs_srcmap_free(&m);
}

static void parse_errors(void)
{
    parse_error("{\n  \"a\": 1,\n  \"b\": ]\n}", "x.json:3:8: invalid JSON near ']'");
    parse_error("{\"a\": 1} x", "x.json:1:10: invalid JSON: more text after the end");
    parse_error("{\"a\": \"tab\there\"}", "x.json:1:11: invalid JSON: a control character inside a string");
    parse_error("{\"a\": 02024}", "x.json:1:7: invalid JSON: a number with a leading zero");
    parse_error("{\"a\": [1.5e-07, 2023.]}", "x.json:1:17: invalid JSON: a number with no digit after its decimal point");
    parse_error("{\"a\": [1, 2", "x.json:1:12: invalid JSON: unexpected end of file");
    parse_error("{\"a\": 1, \"a\": 2}", "x.json: $: duplicate key 'a'");
    parse_error("{\"a\": {\"n\": 1e400}}", "x.json: $.a.n: number out of range");
    parse_error("{\"a\": [\"ok\", \"\xff\"]}", "x.json: $.a[1]: text is not valid UTF-8");
    parse_error("", "unexpected end of file");
}

const rs_test rs_tests_json[] = {{"RFC 7386 examples", rfc7386_examples},
                                 {"origin survives merge", origin_survives_merge},
                                 {"parse errors", parse_errors},
                                 {NULL, NULL}};
