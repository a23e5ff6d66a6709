/* test_output.c — result files: CSV dialects round-trip exactly,
 * summary.json holds every metric and parses, the folder is replaced
 * atomically and a foreign folder is left alone. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/output/outdir.h"
#include "../../src/output/report.h"
#include "../../src/output/write.h"
#include "helpers.h"
#include "scen.h"

static char *slurp(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    rewind(f);
    char *s = calloc((size_t)n + 1, 1);
    CU_ASSERT_EQUAL(fread(s, 1, (size_t)n, f), (size_t)n);
    return s;
}

/* Writes yearly.csv in a dialect, reads every number back and compares it
 * with the run's series: bit for bit in an ":exact" dialect, within half a
 * unit of the 6th decimal otherwise; the nl dialect starts with a
 * byte-order mark; no number is in scientific notation. */
static void csv_round_trip(const char *dialect)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/demo.json", NULL, 0));
    rs_result res;
    rs_result_make(&res, f.run, NULL);
    FILE *tmp = tmpfile();
    rs_write_yearly_csv(tmp, &res, dialect);
    char *text = slurp(tmp);
    fclose(tmp);
    int nl = strncmp(dialect, "nl", 2) == 0, exact = strstr(dialect, ":exact") != NULL;
    char sep = nl ? ';' : ',';
    CU_ASSERT_EQUAL(strncmp(text, "\xEF\xBB\xBFyear", 7) == 0, nl);
    for (const char *q = text; q[0] && q[1]; q++) /* no 1e-07 */
        CU_ASSERT_FALSE(q[0] >= '0' && q[0] <= '9' && (q[1] == 'e' || q[1] == 'E'));
    char *line = strtok(text, "\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, nl ? "year;rijk_paid;rijk_reclaimed" : "year,rijk_paid,"));
    int row = 0, checked = 0;
    while ((line = strtok(NULL, "\n")) && row < f.sc->end - f.sc->start + 1) {
        char *p = line;
        for (int col = -1; col < RS_Y_N_OUT; col++) {
            char *end = strchr(p, sep);
            if (end)
                *end = '\0';
            if (col >= 0) {
                if (nl)
                    for (char *c = p; *c; c++) {
                        CU_ASSERT_NOT_EQUAL(*c, '.');
                        if (*c == ',')
                            *c = '.';
                    }
                double x = strtod(p, NULL);
                if (exact) {
                    CU_ASSERT_EQUAL(x, f.run->y[col][row]);
                } else {
                    CU_ASSERT_DOUBLE_EQUAL(x, f.run->y[col][row], 0.5e-6 + 1e-12);
                }
                char *dot = strchr(p, '.');
                CU_ASSERT_TRUE(exact || !dot || strlen(dot + 1) <= RS_CSV_DECIMALS);
                checked++;
            }
            p = end ? end + 1 : p + strlen(p);
        }
        row++;
    }
    CU_ASSERT_EQUAL(checked, 10 * RS_Y_N_OUT);
    CU_ASSERT_PTR_NOT_NULL(line && strstr(line, "after"));
    free(text);
    rs_result_clear(&res);
    rs_fixture_free(&f);
}

static void csv_en(void) { csv_round_trip("en"); }
static void csv_nl(void) { csv_round_trip("nl"); }
static void csv_en_exact(void) { csv_round_trip("en:exact"); }
static void csv_nl_exact(void) { csv_round_trip("nl:exact"); }

/* Fixed notation at both ends of the scale, rounding, and trailing zeros. */
static void csv_numbers(void)
{
    char b[400];
    rs_fmt_csvnum(b, sizeof b, 1.5e-7, 6, '.');
    CU_ASSERT_STRING_EQUAL(b, "0");
    rs_fmt_csvnum(b, sizeof b, 2.385e-7, -1, ',');
    CU_ASSERT_STRING_EQUAL(b, "0,0000002385");
    CU_ASSERT_EQUAL(strtod("0.0000002385", NULL), 2.385e-7);
    rs_fmt_csvnum(b, sizeof b, 1654.9, 6, ',');
    CU_ASSERT_STRING_EQUAL(b, "1654,9");
    rs_fmt_csvnum(b, sizeof b, -0.1234566, 6, '.');
    CU_ASSERT_STRING_EQUAL(b, "-0.123457");
    rs_fmt_csvnum(b, sizeof b, 3e20, -1, '.');
    CU_ASSERT_STRING_EQUAL(b, "300000000000000000000");
    rs_fmt_csvnum(b, sizeof b, 0.1, -1, '.');
    CU_ASSERT_STRING_EQUAL(b, "0.1");
    rs_fmt_csvnum(b, sizeof b, 1.0 / 3, -1, '.');
    CU_ASSERT_EQUAL(strtod(b, NULL), 1.0 / 3);
    rs_fmt_csvnum(b, sizeof b, -1e-300, -1, '.');
    CU_ASSERT_EQUAL(strtod(b, NULL), -1e-300);
    CU_ASSERT_PTR_NULL(strchr(b, 'e'));
}

static void csv_quoting(void)
{
    FILE *tmp = tmpfile();
    rs_csv c;
    rs_csv_init(&c, tmp, "nl");
    rs_csv_str(&c, "Noord; \"Oost\"");
    rs_csv_num(&c, 2.5);
    rs_csv_num(&c, -0.0);
    rs_csv_end(&c);
    char *s = slurp(tmp);
    CU_ASSERT_STRING_EQUAL(s, "\xEF\xBB\xBF\"Noord; \"\"Oost\"\"\";2,5;0\n");
    free(s);
    fclose(tmp);
}

static void summary_json(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/demo.json", NULL, 0));
    rs_diag w;
    rs_diag_init(&w);
    rs_diag_add(&w, 0, "a \"quoted\" warning\nwith a newline");
    rs_result res;
    rs_result_make(&res, f.run, &w);
    FILE *tmp = tmpfile();
    rs_write_summary_json(tmp, &res);
    char *s = slurp(tmp);
    fclose(tmp);
    cJSON *j = cJSON_Parse(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "metrics");
    for (int i = 0; i < RS_M_N; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, rs_metric_infos[i].name);
        CU_ASSERT_TRUE(cJSON_IsNumber(v));
        if (v)
            CU_ASSERT_EQUAL(v->valuedouble, res.metrics[i]); /* round-trips */
    }
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(j, "tranches");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(tr), (int)f.sc->n_tranches);
    const cJSON *wa = cJSON_GetObjectItemCaseSensitive(j, "warnings");
    CU_ASSERT_STRING_EQUAL(cJSON_GetArrayItem(wa, 0)->valuestring,
                           "a \"quoted\" warning\nwith a newline");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItemCaseSensitive(j, "scenario")->valuestring,
                           f.sc->name);
    cJSON_Delete(j);
    free(s);
    rs_result_clear(&res);
    rs_diag_free(&w);
    rs_fixture_free(&f);
}

/* Field k (from 0) of a CSV line without quotes, as a number. */
static double field(const char *line, int k)
{
    const char *p = line;
    for (int i = 0; i < k && p; i++) {
        p = strchr(p, ',');
        if (p)
            p++;
    }
    return p ? strtod(p, NULL) : NAN;
}

/* regions.csv by hand: r1 has two deals (12.5 and 7.25 M€, flat 50%), r2
 * none, r3 one of 10 M€; 100,000 inhabitants each.  r1: deals 2, award
 * and co-financing 19.75 M€, 197.5 € per inhabitant; r2: zeros and its
 * name; r3: 10 M€, 100 €.  Rijk net, reclaimed and retained are the sums
 * of the region's deals. */
static void regions_csv_by_hand(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_load(
        &f, SCEN(SPUK_BODY, ", 'realisation': {'mean': 0.8}", TR100,
                 DEAL("a", "r1", 12.5, 2) ", " DEAL("b", "r1", 7.25, 3) ", " DEAL("c", "r3", 10, 2))));
    rs_result res;
    rs_result_make(&res, f.run, NULL);
    FILE *tmp = tmpfile();
    rs_write_regions_csv(tmp, &res, "en:exact"); /* every digit: compared to 1e-12 */
    char *s = slurp(tmp);
    fclose(tmp);
    char *l1 = strchr(s, '\n') + 1, *l2 = strchr(l1, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
    CU_ASSERT_EQUAL(strncmp(s, "region,population,fiscal_capacity,bw_pressure,cofin_share,award,"
                               "award_per_capita,name,deals,cofinancing,cofinancing_per_capita,"
                               "admin_region,rijk_net,reclaimed,retained\n", 150), 0);
    CU_ASSERT_EQUAL(strncmp(l2, "r2,100000,", 10), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2, ",R2,0,0,0,0,0,0,0\n"));
    const rs_dealres *dr = f.run->dr;
    const double want1[] = {19.75, 197.5, 0, 2, 19.75, 197.5, 0,
                            dr[0].paid - dr[0].reclaimed + dr[1].paid - dr[1].reclaimed,
                            dr[0].reclaimed + dr[1].reclaimed, dr[0].retained + dr[1].retained};
    const int col1[] = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    for (int k = 0; k < 10; k++)
        if (col1[k] != 7)
            ASSERT_CLOSE(field(l1, col1[k]), want1[k], 1e-12);
    CU_ASSERT_TRUE(dr[0].reclaimed + dr[1].reclaimed > 0); /* ρ 0.8 < 1: a backlog to reclaim */
    ASSERT_CLOSE(field(l3, 8), 1, 0);
    ASSERT_CLOSE(field(l3, 10), 100, 1e-12);
    ASSERT_CLOSE(field(l3, 13), dr[2].reclaimed, 1e-12);
    free(s);
    rs_result_clear(&res);
    rs_fixture_free(&f);
}

static int exists(const char *dir, const char *name)
{
    char *p = rs_xasprintf("%s/%s", dir, name);
    int ok = access(p, F_OK) == 0;
    free(p);
    return ok;
}

static void write_one(const char *dir, const char *name, int commit, int *rc)
{
    rs_outdir o;
    rs_diag d;
    rs_diag_init(&d);
    *rc = rs_outdir_begin(&o, dir, &d);
    if (*rc == 0) {
        FILE *f = rs_outdir_open(&o, "summary.json", &d);
        fputs("{}", f);
        rs_outdir_close(f, "summary.json", &d);
        f = rs_outdir_open(&o, name, &d);
        fputs("x", f);
        rs_outdir_close(f, name, &d);
        if (commit)
            *rc = rs_outdir_commit(&o, &d);
    }
    rs_outdir_abort(&o);
    rs_diag_free(&d);
}

static void outdir_replace_and_refuse(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/out/a", rs_test_dir());
    int rc;
    write_one(dir, "first", 1, &rc);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_TRUE(exists(dir, "first"));
    /* a run that fails before commit leaves the old result untouched */
    write_one(dir, "second", 0, &rc);
    CU_ASSERT_TRUE(exists(dir, "first"));
    CU_ASSERT_FALSE(exists(dir, "second"));
    /* a completed run replaces it whole */
    write_one(dir, "second", 1, &rc);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_TRUE(exists(dir, "second"));
    CU_ASSERT_FALSE(exists(dir, "first"));
    /* a folder that is not a result is refused and left alone */
    char mine[512];
    snprintf(mine, sizeof mine, "%s/mine", rs_test_dir());
    mkdir(mine, 0777);
    rs_test_file("mine/notes.txt", "keep me");
    write_one(mine, "x", 1, &rc);
    CU_ASSERT_EQUAL(rc, RS_EXIT_IO);
    CU_ASSERT_TRUE(exists(mine, "notes.txt"));
    CU_ASSERT_FALSE(exists(mine, "summary.json"));
}

/* A full disk is an I/O error, not a silent truncation. */
static void full_disk(void)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        return; /* no /dev/full on this system */
    rs_diag d;
    rs_diag_init(&d);
    fputs("some text that will not fit", f);
    CU_ASSERT_EQUAL(rs_outdir_close(f, "x.csv", &d), RS_EXIT_IO);
    CU_ASSERT_TRUE(d.n == 1 && strstr(d.msg[0], "x.csv: cannot write"));
    rs_diag_free(&d);
}

/* The rule for a paired difference as shown (docs/report.md), on
 * hand-built cases.  The first is the one a reader saw: a DU region keeps
 * € 13 to € 286 more in every draw (P(> 0) = 1), which the table in € mln
 * with one decimal shows as 0,0. */
static void diff_rule_by_hand(void)
{
    /* € 103 mean, P5 € 13, P95 € 286, more in every draw: "≈ 0" */
    CU_ASSERT_EQUAL(rs_diff_classify(0.000103, 0.0000129, 0.000286, 1, 0, 1, 1), RS_DIFF_NEGLIGIBLE);
    /* the same in every draw */
    CU_ASSERT_EQUAL(rs_diff_classify(0, 0, 0, 0, 0, 1, 1), RS_DIFF_NONE);
    /* within half a euro: rounding in sums of millions, whatever P says */
    CU_ASSERT_EQUAL(rs_diff_classify(4e-7, 1e-7, 4.9e-7, 1, 0, 1, 1), RS_DIFF_NONE);
    /* € 49.000 still shows as 0,0; € 51.000 as 0,1 */
    CU_ASSERT_EQUAL(rs_diff_classify(0.049, 0.01, 0.049, 1, 0, 1, 1), RS_DIFF_NEGLIGIBLE);
    CU_ASSERT_EQUAL(rs_diff_classify(0.049, 0.01, 0.051, 1, 0, 1, 1), RS_DIFF_SHOWN);
    CU_ASSERT_EQUAL(rs_diff_classify(-0.049, -0.049, -0.01, 0, 1, 1, 1), RS_DIFF_NEGLIGIBLE);
    CU_ASSERT_EQUAL(rs_diff_classify(-0.051, -0.06, -0.01, 0, 1, 1, 1), RS_DIFF_SHOWN);
    /* a mean that shows as 0,0 with a band that does not: a spread, shown */
    CU_ASSERT_EQUAL(rs_diff_classify(0.02, -0.3, 0.4, 0.55, 0.45, 1, 1), RS_DIFF_SHOWN);
    /* the mean of a count has one decimal more than its band */
    CU_ASSERT_EQUAL(rs_diff_classify(0.04, 0, 0, 0.04, 0, 1, 0), RS_DIFF_NEGLIGIBLE);
    CU_ASSERT_EQUAL(rs_diff_classify(0.06, 0, 0.4, 0.06, 0, 1, 0), RS_DIFF_SHOWN);
    CU_ASSERT_TRUE(rs_shows_zero(-0.0499, 1));
    CU_ASSERT_FALSE(rs_shows_zero(0.0501, 1));
    CU_ASSERT_TRUE(rs_shows_zero(0.004, 2));
    CU_ASSERT_FALSE(rs_shows_zero(0.006, 2));
}

/* A probability never shows as a certainty it is not. */
static void prob_text(void)
{
    rs_doc d;
    rs_doc_init(&d, 1, "png");
    static const struct {
        double p;
        const char *want;
    } c[] = {{1, "100 %"},    {0.996, "> 99 %"}, {0.994, "99 %"}, {0.5, "50 %"},
             {0.004, "< 1 %"}, {0.006, "1 %"},    {0, "0 %"}};
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        char *t = rs_report_prob(&d, c[i].p);
        CU_ASSERT_STRING_EQUAL(t, c[i].want);
        free(t);
    }
    rs_doc_free(&d);
}

/* A table of 2 label columns and 8 value columns becomes two tables of
 * 2 + 4, the labels repeated; one of 2 + 5 stays whole. */
static void table_split(void)
{
    rs_doc d;
    rs_doc_init(&d, 1, "png");
    char *cells[2 * 10];
    char buf[2 * 10][8];
    for (int i = 0; i < 20; i++) {
        snprintf(buf[i], sizeof buf[i], "%d.%d", i / 10, i % 10);
        cells[i] = buf[i];
    }
    rs_doc_table_split(&d, cells, 20, 10, 2, 5);
    CU_ASSERT_EQUAL_FATAL(d.n, 2);
    CU_ASSERT_EQUAL(d.b[0].cols, 6);
    CU_ASSERT_EQUAL(d.b[1].cols, 6);
    CU_ASSERT_EQUAL(d.b[0].n, 12);
    CU_ASSERT_STRING_EQUAL(d.b[0].cells[2], "0.2");
    CU_ASSERT_STRING_EQUAL(d.b[0].cells[5], "0.5");
    CU_ASSERT_STRING_EQUAL(d.b[1].cells[0], "0.0");
    CU_ASSERT_STRING_EQUAL(d.b[1].cells[1], "0.1");
    CU_ASSERT_STRING_EQUAL(d.b[1].cells[2], "0.6");
    CU_ASSERT_STRING_EQUAL(d.b[1].cells[5], "0.9");
    CU_ASSERT_STRING_EQUAL(d.b[1].cells[8], "1.6");
    CU_ASSERT_STRING_EQUAL(d.b[1].cells[11], "1.9");
    rs_doc_free(&d);
    rs_doc_init(&d, 1, "png");
    rs_doc_table_split(&d, cells, 14, 7, 2, 5);
    CU_ASSERT_EQUAL(d.n, 1);
    CU_ASSERT_EQUAL(d.b[0].cols, 7);
    rs_doc_free(&d);
}

/* Markdown for a file escapes what Markdown reads; for a terminal only
 * the cell separator. */
static void markdown_plain(void)
{
    rs_doc d;
    rs_doc_init(&d, 1, "png");
    char c0[] = "kans > 0", c1[] = "a|b", c2[] = "100 %", c3[] = "x_y";
    char *cells[] = {c0, c1, c2, c3};
    rs_doc_cells(&d, RS_B_TABLE, cells, 4, 2);
    FILE *f = tmpfile();
    rs_doc_markdown(f, &d);
    char *md = slurp(f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| kans \\> 0 | a\\|b |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 100 % | x\\_y |"));
    free(md);
    d.plain = 1;
    f = tmpfile();
    rs_doc_markdown(f, &d);
    md = slurp(f);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| kans > 0 | a\\|b |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 100 % | x_y |"));
    free(md);
    rs_doc_free(&d);
}

const rs_test rs_tests_output[] = {{"difference as shown: the rule by hand", diff_rule_by_hand},
                                   {"probability text", prob_text},
                                   {"table split for A4", table_split},
                                   {"Markdown for a terminal", markdown_plain},
                                   {"CSV en round-trip", csv_en},
                                   {"CSV nl round-trip", csv_nl},
                                   {"CSV en, exact digits", csv_en_exact},
                                   {"CSV nl, exact digits", csv_nl_exact},
                                   {"CSV numbers: fixed notation, rounding", csv_numbers},
                                   {"CSV quoting", csv_quoting},
                                   {"summary.json", summary_json},
                                   {"regions.csv by hand", regions_csv_by_hand},
                                   {"outdir replace and refuse", outdir_replace_and_refuse},
                                   {"full disk", full_disk},
                                   {NULL, NULL}};
