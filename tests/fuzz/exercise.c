/* exercise.c — see exercise.h. */
#include "exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "../../src/engine/engine.h"
#include "../../src/output/explain.h"
#include "../../src/output/write.h"

/* Deals explained per input: explaining is linear in the deals, three
 * cover the first of each tranche in the seed scenarios. */
#define EXPLAIN_DEALS 3

static FILE *sink(void)
{
    static FILE *f;
    if (!f) {
        f = fopen("/dev/null", "w");
        if (!f) {
            perror("/dev/null");
            exit(2);
        }
    }
    return f;
}

void rs_fuzz_exercise(const rs_scenario *s)
{
    rs_plan *plan = rs_plan_make(s);
    rs_run *run = rs_run_alloc(plan);
    rs_run_set_rho(run);
    rs_run_simulate(run);
    rs_diag d;
    rs_diag_init(&d);
    if (rs_run_check(run, &d)) {
        /* the command line would exit 1: a valid scenario broke the model */
        rs_diag_print(&d, stderr);
        abort();
    }
    rs_diag_free(&d);

    rs_diag warn;
    rs_diag_init(&warn);
    rs_collect_warnings(run, &warn, 1);
    rs_result res;
    rs_result_make(&res, run, &warn);
    /* summary.json must be JSON whatever the input (no "inf", no "nan") */
    char *json = NULL;
    size_t json_len = 0;
    FILE *mem = open_memstream(&json, &json_len);
    if (!mem)
        abort();
    rs_write_summary_json(mem, &res);
    fclose(mem);
    cJSON *back = cJSON_ParseWithLength(json, json_len);
    if (!back) {
        fprintf(stderr, "fuzz: summary.json is not valid JSON near: %.80s\n",
                cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "?");
        abort();
    }
    cJSON_Delete(back);
    free(json);

    FILE *f = sink();
    rs_write_yearly_csv(f, &res, s->csv);
    rs_write_deals_csv(f, &res, s->csv);
    rs_write_regions_csv(f, &res, s->csv);
    rs_write_table(f, &res, 1);
    rs_write_table(f, &res, 0);
    for (size_t i = 0; i < s->n_deals && i < EXPLAIN_DEALS; i++)
        rs_explain_deal(f, run, i, (int)(i & 1));
    fflush(f);
    rs_result_clear(&res);
    rs_diag_free(&warn);
    rs_run_free(run);
    rs_plan_free(plan);
}

const char *rs_fuzz_files(void)
{
    static const char *dir;
    if (!dir) {
        const char *env = getenv("RS_FUZZ_FILES");
        dir = env && *env ? env : "tests/fuzz/files";
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr,
                    "fuzz: seed file folder '%s' not found: run from the top folder or set "
                    "RS_FUZZ_FILES\n",
                    dir);
            exit(2);
        }
    }
    return dir;
}

char *rs_fuzz_text(const unsigned char *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        abort();
    if (size)
        memcpy(t, data, size);
    t[size] = '\0';
    return t;
}
