/* test_plot.c — chart scripts checked as text: language, decimal sign,
 * terminal, escaping of scenario text, tic labels. */
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

/* rs_gp_quote: a single-quoted literal with doubled quotes and no line
 * breaks, so nothing in it is a command. */
static void quote(void)
{
    rs_buf b;
    rs_buf_init(&b);
    rs_gp_quote(&b, "a'b`c`\nset output '|x' @m \"d\"");
    CU_ASSERT_STRING_EQUAL(b.s, "'a''b`c` set output ''|x'' @m \"d\"'");
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

/* Data from −3 to 47: step 10, labels 0 … 50 and −10, range snapped. */
static void tics(void)
{
    rs_gp g = {"pngcairo", 1, NULL, "gnuplot"};
    rs_buf b;
    rs_buf_init(&b);
    rs_gp_tics(&b, &g, "y", -3, 47);
    CU_ASSERT_STRING_EQUAL(b.s, "set yrange [-10:50]\nset ytics ('-10' -10, '0' 0, '10' 10, "
                                "'20' 20, '30' 30, '40' 40, '50' 50)\n");
    rs_buf_free(&b);
    rs_buf_init(&b);
    rs_gp_tics(&b, &g, "x", 0, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.s, "'0,2' 0.2"));
    rs_buf_free(&b);
    rs_buf_init(&b);
    g.nl = 0;
    rs_gp_tics(&b, &g, "y", 0, 2400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.s, "'1,000' 1000"));
    rs_buf_free(&b);
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
        rs_gp g = {c[i].term, strcmp(c[i].lang, "nl") == 0, "Demo 'x' · regiosim",
                   "/nonexistent/gnuplot"};
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
        CU_ASSERT_PTR_NOT_NULL(strstr(gp, "'Demo ''x'' · regiosim'"));
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

const rs_test rs_tests_plot[] = {{"quote", quote},
                                 {"grouped numbers", grouped},
                                 {"tics", tics},
                                 {"scripts", scripts},
                                 {NULL, NULL}};
