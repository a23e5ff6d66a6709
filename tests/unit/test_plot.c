/* test_plot.c — chart scripts checked as text: language, decimal sign,
 * terminal, escaping of scenario text, tic labels. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/plot/charts.h"
#include "helpers.h"

static char *slurp_path(const char *path)
{
    size_t n;
    return rs_read_file(path, &n);
}

/* rs_gp_quote: single-quoted runs joined by '.', every quote the
 * separate literal "'", no line breaks, so nothing in it is a command. */
static void quote(void)
{
    rs_buf b;
    rs_buf_init(&b);
    rs_gp_quote(&b, "a'b`c`\nset output '|x' @m \"d\"");
    CU_ASSERT_STRING_EQUAL(b.s, "'a'.\"'\".'b`c` set output '.\"'\".'|x'.\"'\".' @m \"d\"'");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_quote(&b, "'s-Hertogenbosch");
    CU_ASSERT_STRING_EQUAL(b.s, "\"'\".'s-Hertogenbosch'");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_quote(&b, "''");
    CU_ASSERT_STRING_EQUAL(b.s, "\"'\".\"'\"");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_quote(&b, "");
    CU_ASSERT_STRING_EQUAL(b.s, "''");
    rs_buf_free(&b);
    /* not UTF-8: U+FFFD; C1 control (U+0085): a space; cut by characters */
    rs_buf_init(&b);
    rs_gp_quote(&b, "a\xff" "b\xc2\x85" "c");
    CU_ASSERT_STRING_EQUAL(b.s, "'a\xef\xbf\xbd" "b c'");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_quote_max(&b, "ééééé", 3);
    CU_ASSERT_STRING_EQUAL(b.s, "'éé…'");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_quote_max(&b, "ééé", 3);
    CU_ASSERT_STRING_EQUAL(b.s, "'ééé'");
    rs_buf_free(&b);
}

/* What gnuplot itself makes of quoted text: each string printed back
 * exactly, and no command in it runs. */
static void quote_in_gnuplot(void)
{
    if (system("gnuplot --version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "(gnuplot not installed: quote_in_gnuplot skipped) ");
        return;
    }
    static const char *const texts[] = {
        "'s-Hertogenbosch", "'t Gooi", "a''b", "''", "'", "x'", "\"", "\\", "\\'",
        "`touch quote-pwned`", "a\"b`c`\\n'd'", "é ü € … 🙂", "end\\", "@m", "''''",
        "\"`touch quote-pwned`\"", "system('touch quote-pwned')", "'.'", "' . '"};
    char dir[256], path[300], cmd[700];
    snprintf(dir, sizeof dir, "%s/quote", rs_test_dir());
    mkdir(dir, 0777);
    size_t n = sizeof texts / sizeof *texts;
    rs_buf b;
    rs_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        rs_buf_add(&b, "print ");
        rs_gp_quote(&b, texts[i]);
        rs_buf_add(&b, "\nset label 1 ");
        rs_gp_quote(&b, texts[i]);
        rs_buf_add(&b, " at 0,0\nset xlabel ");
        rs_gp_quote(&b, texts[i]);
        rs_buf_add(&b, "\n");
    }
    CU_ASSERT_EQUAL_FATAL(rs_write_text(dir, "q.gp", b.s), 0);
    rs_buf_free(&b);
    snprintf(cmd, sizeof cmd, "cd '%s' && gnuplot q.gp > out.txt 2>&1", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
    snprintf(path, sizeof path, "%s/out.txt", dir);
    char *out = slurp_path(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    char *line = out;
    for (size_t i = 0; i < n; i++) {
        char *e = strchr(line, '\n');
        CU_ASSERT_PTR_NOT_NULL_FATAL(e);
        *e = '\0';
        if (strcmp(line, texts[i]) != 0)
            fprintf(stderr, "\n  gnuplot printed [%s] for [%s]\n", line, texts[i]);
        CU_ASSERT_STRING_EQUAL(line, texts[i]);
        line = e + 1;
    }
    CU_ASSERT_STRING_EQUAL(line, "");
    free(out);
    snprintf(path, sizeof path, "%s/quote-pwned", dir);
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);
}

/* Data-file text: tabs and line breaks would split a field. */
static void data_text(void)
{
    rs_buf b;
    rs_buf_init(&b);
    rs_gp_text(&b, "a\tb\nc\"d\x1b[31m", 0);
    CU_ASSERT_STRING_EQUAL(b.s, "a b c\"d [31m");
    rs_buf_free(&b);
    rs_buf_init(&b);
    /* 'é' is two bytes: a byte cut would split it */
    rs_gp_text(&b, "aéééé", 3);
    CU_ASSERT_STRING_EQUAL(b.s, "aé…");
    rs_buf_free(&b);
    const char *labs[] = {"'s-Hertogenbosch", "x"};
    rs_buf_init(&b);
    rs_gp_label_array(&b, "L", labs, 2, 0);
    CU_ASSERT_STRING_EQUAL(b.s, "array L[2]\nL[1] = \"'\".'s-Hertogenbosch'\nL[2] = 'x'\n");
    rs_buf_free(&b);
}

static void grouped(void)
{
    char t[64];
    rs_fmt_grouped(t, sizeof t, 1234567.891, 2, 1);
    CU_ASSERT_STRING_EQUAL(t, "1.234.567,89");
    rs_fmt_grouped(t, sizeof t, 1234567.891, 2, 0);
    CU_ASSERT_STRING_EQUAL(t, "1,234,567.89");
    rs_fmt_grouped(t, sizeof t, -999.5, 0, 1);
    CU_ASSERT_STRING_EQUAL(t, "-1.000");
    rs_fmt_grouped(t, sizeof t, -0.0001, 2, 1);
    CU_ASSERT_STRING_EQUAL(t, "0,00");
    rs_fmt_grouped(t, sizeof t, 12.5, 1, 1);
    CU_ASSERT_STRING_EQUAL(t, "12,5");
}

static size_t count_tics(const char *s)
{
    size_t n = 0;
    const char *p = strstr(s, "tics (");
    for (; p && *p && *p != '\n'; p++)
        n += *p == '\'';
    return n / 2;
}

/* Data from −3 to 47: step 10, labels 0 … 50 and −10, range snapped. */
static void tics(void)
{
    rs_gp g = {.terminal = "pngcairo", .nl = 1, .gnuplot = "gnuplot"};
    rs_buf b;
    rs_buf_init(&b);
    CU_ASSERT_EQUAL(rs_gp_tics(&b, &g, "y", -3, 47), 0);
    /* the labels with the minus sign U+2212, the positions as numbers */
    CU_ASSERT_STRING_EQUAL(b.s, "set yrange [-10:50]\nset ytics ('\xe2\x88\x92" "10' -10, '0' 0, '10' 10, "
                                "'20' 20, '30' 30, '40' 40, '50' 50)\n");
    rs_buf_free(&b);
    /* value labels: a negative number takes the minus sign, a dash or a
     * text starting with a hyphen stays as it is */
    rs_buf_init(&b);
    const char *vals[] = {"-2,3", "+1,6", "-", "-x", "0,0"};
    rs_gp_label_array(&b, "V", vals, 5, 0);
    CU_ASSERT_STRING_EQUAL(b.s, "array V[5]\nV[1] = '\xe2\x88\x92" "2,3'\nV[2] = '+1,6'\n"
                                "V[3] = '-'\nV[4] = '-x'\nV[5] = '0,0'\n");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_tics(&b, &g, "x", 0, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.s, "'0,2' 0.20000000000000001"));
    rs_buf_free(&b);
    rs_buf_init(&b);
    g.nl = 0;
    rs_gp_tics(&b, &g, "y", 0, 2400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.s, "'1,000' 1000"));
    rs_buf_free(&b);
}

/* Ranges that are empty or constant up to rounding (the sweep and the
 * histogram of a constant metric never finished): one tic, 'constant',
 * and every call ends with a bounded number of tics. */
static void tics_degenerate(void)
{
    rs_gp g = {.terminal = "pngcairo", .nl = 1, .gnuplot = "gnuplot"};
    double x = 1644.0958780000001;
    rs_buf b;
    rs_buf_init(&b);
    CU_ASSERT_EQUAL(rs_gp_tics_n(&b, &g, "y", nextafter(x, 0), nextafter(x, 2000), 3), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.s, "'1.644,095878 (constant)'"));
    CU_ASSERT_EQUAL(count_tics(b.s), 1);
    rs_buf_free(&b);
    rs_buf_init(&b);
    CU_ASSERT_EQUAL(rs_gp_tics(&b, &g, "x", 2, 2), 1);
    CU_ASSERT_STRING_EQUAL(b.s, "set xrange [1:3]\nset xtics ('2 (constant)' 2)\n");
    rs_buf_free(&b);
    rs_buf_init(&b);
    CU_ASSERT_EQUAL(rs_gp_tics(&b, &g, "x", 0, 0), 1);
    CU_ASSERT_STRING_EQUAL(b.s, "set xrange [-1:1]\nset xtics ('0 (constant)' 0)\n");
    rs_buf_free(&b);
    static const double odd[][2] = {{NAN, NAN},      {NAN, 5},        {-INFINITY, INFINITY},
                                    {1e308, -1e308}, {1e-300, 2e-300}, {1e16, 1e16 + 4},
                                    {-1e308, 1e308}, {5e-324, 1e-323}, {0.1, 0.1 + 1e-17}};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        rs_buf_init(&b);
        rs_gp_tics(&b, &g, "y", odd[i][0], odd[i][1]);
        size_t n = count_tics(b.s);
        CU_ASSERT_TRUE(n >= 1 && n <= 64);
        CU_ASSERT_PTR_NULL(strstr(b.s, "nan"));
        CU_ASSERT_PTR_NULL(strstr(b.s, "inf"));
        rs_buf_free(&b);
    }
}

/* The run's charts in Dutch (PNG) and English (SVG), written without
 * drawing (gnuplot pointed at a program that does not exist). */
static void scripts(void)
{
    rs_fixture f;
    CU_ASSERT_TRUE_FATAL(rs_fixture_file(&f, "../../scenarios/demo.json", NULL, 0));
    rs_result res;
    rs_result_make(&res, f.run, NULL);
    static const struct {
        const char *term, *lang, *ext, *title, *dec, *money;
    } c[] = {{"pngcairo", "nl", "png", "'Geldstromen per jaar'", "set decimalsign ','",
              "'€ mln'"},
             {"svg", "en", "svg", "'Money flows per year'", "set decimalsign '.'",
              "'€ million'"},
             {"pdfcairo", "nl", "pdf", "'Geldstromen per jaar'", "set decimalsign ','",
              "'€ mln'"}};
    for (size_t i = 0; i < 3; i++) {
        char dir[256];
        snprintf(dir, sizeof dir, "%s/plot-%zu", rs_test_dir(), i);
        mkdir(dir, 0777);
        rs_gp g = {.terminal = c[i].term, .nl = strcmp(c[i].lang, "nl") == 0,
                   .footer = "Demo 'x' · regiosim", .gnuplot = "/nonexistent/gnuplot"};
        rs_charts ch;
        rs_diag w;
        rs_diag_init(&w);
        CU_ASSERT_EQUAL(rs_charts_run(&res, dir, "shown", &g, &ch, &w), 0);
        CU_ASSERT_EQUAL(ch.n, 5);
        CU_ASSERT_FALSE(ch.missing); /* nothing drawn yet */
        rs_charts_flush(&ch, dir, "shown", &g, &w);
        CU_ASSERT_TRUE(ch.missing);
        CU_ASSERT_EQUAL(ch.processes, 1);
        CU_ASSERT_EQUAL(w.n, 1); /* one warning, not one per chart */
        char path[512];
        snprintf(path, sizeof path, "%s/plots/cashflow.gp", dir);
        char *gp = slurp_path(path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(gp);
        char want[128];
        snprintf(want, sizeof want, "set terminal %s ", c[i].term);
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, want));
        snprintf(want, sizeof want, "set output 'cashflow.%s'", c[i].ext);
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, want));
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, c[i].title));
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, c[i].dec));
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, c[i].money));
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, "'Demo '.\"'\".'x'.\"'\".' · regiosim'"));
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, "'cashflow.dat'"));
        CU_ASSERT_PTR_NULL(strstr(gp, "system("));
        free(gp);
        /* the data beside it: 10 horizon years, both tranches stacked */
        snprintf(path, sizeof path, "%s/plots/cashflow.dat", dir);
        char *dat = slurp_path(path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(dat);
        CU_ASSERT_PTR_NOT_NULL(strstr(dat, "paid_cum_2"));
        CU_ASSERT_PTR_NOT_NULL(strstr(dat, "\n2032\t2032\t"));
        free(dat);
        rs_charts_free(&ch);
        rs_diag_free(&w);
    }
    rs_result_clear(&res);
    rs_fixture_free(&f);
}

/* rs_chart_pick: which bars a sorted chart shows (hand-worked cases) */
static void pick(void)
{
    size_t idx[40], gap, left, zeros;
    /* gains, two zeros, losses; all fit: the zeros are left out and the
     * gap sits between the gains and the losses */
    const double a[] = {9, 4, 0.4, -0.2, -3, -8};
    CU_ASSERT_EQUAL(rs_chart_pick(a, 6, 2, 0.5, idx, &gap, &left, &zeros), 4);
    CU_ASSERT_EQUAL(idx[0], 0);
    CU_ASSERT_EQUAL(idx[1], 1);
    CU_ASSERT_EQUAL(idx[2], 4);
    CU_ASSERT_EQUAL(idx[3], 5);
    CU_ASSERT_EQUAL(gap, 2);
    CU_ASSERT_EQUAL(left, 2);
    CU_ASSERT_EQUAL(zeros, 2);
    /* every value negative, first 3 zero, 10 losses, show 2: the two
     * smallest and the two largest losses, no zero row */
    double b[13];
    for (int i = 0; i < 13; i++)
        b[i] = i < 3 ? 0 : -(double)(i - 2);
    CU_ASSERT_EQUAL(rs_chart_pick(b, 13, 2, 0.5, idx, &gap, &left, &zeros), 4);
    CU_ASSERT_EQUAL(idx[0], 3);
    CU_ASSERT_EQUAL(idx[1], 4);
    CU_ASSERT_EQUAL(idx[2], 11);
    CU_ASSERT_EQUAL(idx[3], 12);
    CU_ASSERT_EQUAL(gap, 2);
    CU_ASSERT_EQUAL(left, 9); /* 6 losses between and 3 zeros */
    CU_ASSERT_EQUAL(zeros, 3);
    /* gains only, zeros at the end, all fit: the gap (the note) at the bottom */
    const double c[] = {5, 2, 1, 0, 0};
    CU_ASSERT_EQUAL(rs_chart_pick(c, 5, 2, 0.5, idx, &gap, &left, &zeros), 3);
    CU_ASSERT_EQUAL(gap, 3);
    CU_ASSERT_EQUAL(left, 2);
    /* nothing to leave out */
    const double d[] = {5, -2};
    CU_ASSERT_EQUAL(rs_chart_pick(d, 2, 2, 0.5, idx, &gap, &left, &zeros), 2);
    CU_ASSERT_EQUAL(left, 0);
    CU_ASSERT_EQUAL(zeros, 0);
    /* every value zero: all shown (the chart says 'no change') */
    const double e[] = {0, 0.1, -0.3};
    CU_ASSERT_EQUAL(rs_chart_pick(e, 3, 2, 0.5, idx, &gap, &left, &zeros), 3);
    CU_ASSERT_EQUAL(left, 0);
    CU_ASSERT_EQUAL(zeros, 0);
}

/* Several gnuplot processes at once (rs_gp_start, rs_gp_feed, rs_gp_wait),
 * with 'cat' as the program: each gets a script of 1 MB (sixteen times a
 * pipe's buffer, so the writes to the three pipes interleave) and must
 * echo exactly its own; each holds its own slot of rs_child_pids while it
 * runs, and every slot is free again after the waits.  A program that is
 * not there is RS_GP_MISSING and takes no slot. */
static void several_processes(void)
{
    rs_gp g = {.terminal = "pngcairo", .gnuplot = "cat"};
    enum { N = 3, LEN = 1 << 20 };
    char *script[N];
    for (int j = 0; j < N; j++) {
        script[j] = malloc(LEN + 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(script[j]);
        for (int k = 0; k < LEN; k++)
            script[j][k] = (char)('a' + (k * 7 + j * 3) % 26);
        script[j][LEN] = '\0';
    }
    rs_gp_proc p[N];
    for (int j = 0; j < N; j++) {
        char *err = NULL;
        CU_ASSERT_EQUAL_FATAL(rs_gp_start(&g, rs_test_dir(), script[j], &p[j], &err), RS_GP_OK);
        CU_ASSERT_PTR_NULL(err);
    }
    int busy = 0;
    for (int s = 0; s < RS_MAX_CHILDREN; s++)
        for (int j = 0; j < N; j++)
            busy += rs_child_pids[s] == p[j].pid && p[j].slot == s;
    CU_ASSERT_EQUAL(busy, N);
    rs_gp_feed(p, N);
    for (int j = 0; j < N; j++) {
        char *out = NULL;
        CU_ASSERT_EQUAL(rs_gp_wait(&p[j], &out), RS_GP_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(out);
        CU_ASSERT_EQUAL(strlen(out), (size_t)LEN);
        CU_ASSERT_EQUAL(strcmp(out, script[j]), 0);
        free(out);
        free(script[j]);
    }
    for (int s = 0; s < RS_MAX_CHILDREN; s++)
        CU_ASSERT_EQUAL(rs_child_pids[s], 0);
    rs_gp missing = {.terminal = "pngcairo", .gnuplot = "/nonexistent/gnuplot"};
    char *err = NULL;
    CU_ASSERT_EQUAL(rs_gp_start(&missing, rs_test_dir(), "plot x\n", &p[0], &err), RS_GP_MISSING);
    CU_ASSERT_PTR_NULL(err);
    for (int s = 0; s < RS_MAX_CHILDREN; s++)
        CU_ASSERT_EQUAL(rs_child_pids[s], 0);
}

const rs_test rs_tests_plot[] = {{"bar selection", pick},
                                 {"several gnuplot processes at once", several_processes},
                                 {"quote", quote},
                                 {"grouped numbers", grouped},
                                 {"quote in gnuplot", quote_in_gnuplot},
                                 {"data-file text", data_text},
                                 {"tics", tics},
                                 {"tics of constant ranges", tics_degenerate},
                                 {"scripts", scripts},
                                 {NULL, NULL}};
