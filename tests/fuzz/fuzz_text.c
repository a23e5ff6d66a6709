/* fuzz_text.c — libFuzzer target: text from a scenario on its way into
 * chart scripts, chart data files, the report (Markdown and HTML) and SVG.
 *
 * The input is split at NUL bytes into texts; the first 17 bytes, when
 * there are that many, are also read as two doubles and a tic count.
 *
 * 1. Each text through rs_gp_quote(): the result is parsed back by the
 *    grammar gnuplot applies (single-quoted runs, the literal "'",
 *    joined by '.'), which must give the text with control characters as
 *    spaces, bytes that are not UTF-8 as U+FFFD and "]]>" broken; no line
 *    break, backquote or '@' outside a single-quoted run.
 * 2. rs_gp_text() (data files): valid UTF-8, no tab, line break or other
 *    control character, at most 'max' characters.
 * 3. rs_gp_tics_n() on the two doubles: at most 64 tics, no nan or inf.
 * 4. The texts as names of the worked example's regions, deal,
 *    tranche, instrument and obligation and as the scenario name: every
 *    chart script and data file is written (gnuplot is not run), then
 *    checked line by line as in 1 and 2: quotes balanced, every '"' the
 *    literal "'", no backquote outside a literal, text columns of a data
 *    file only last (a '"' elsewhere would make gnuplot drop the record).
 * 5. The texts in a report (a heading, a paragraph, a table): in
 *    Markdown no '<', '&', '|' or backquote without a backslash; in HTML
 *    no '<' or '&' of the input.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/engine/engine.h"
#include "../../src/output/outdir.h"
#include "../../src/output/report.h"
#include "../../src/plot/charts.h"
#include "exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                             \
    do {                                                                                     \
        if (!(c)) {                                                                          \
            fprintf(stderr, "fuzz_text: check failed: %s (line %d)\n", #c, __LINE__);        \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    while (p < e) {
        size_t k = rs_utf8_len(p);
        if (!k || p + k > e)
            return 0;
        p += k;
    }
    return 1;
}

/* What rs_gp_quote / rs_gp_text should keep of 'text'. */
static char *expected(const char *text, int tabs_too)
{
    rs_buf b;
    rs_buf_init(&b);
    rs_buf_add(&b, "");
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t n = rs_utf8_len(p);
        if (p[0] == ']' && p[1] == ']' && p[2] == '>') {
            rs_buf_add(&b, "]]\xe2\x80\x8b");
            p += 2;
        } else if (!n) {
            rs_buf_add(&b, "\xef\xbf\xbd");
            p++;
        } else if (*p < 0x20 || *p == 0x7f || (n == 2 && p[0] == 0xC2 && p[1] < 0xA0)) {
            rs_buf_add(&b, " ");
            p += n;
        } else {
            rs_buf_addn(&b, (const char *)p, n);
            p += n;
        }
    }
    (void)tabs_too;
    return b.s;
}

/* Parses one gnuplot string expression made by rs_gp_quote at s; the
 * decoded text goes to 'out'; returns the end, or NULL if it is not one. */
static const char *parse_quoted(const char *s, rs_buf *out)
{
    int parts = 0;
    for (;;) {
        if (*s == '\'') {
            const char *e = strchr(s + 1, '\'');
            if (!e)
                return NULL;
            rs_buf_addn(out, s + 1, (size_t)(e - s - 1));
            s = e + 1;
        } else if (s[0] == '"' && s[1] == '\'' && s[2] == '"') {
            rs_buf_add(out, "'");
            s += 3;
        } else {
            return NULL;
        }
        parts++;
        if (*s != '.')
            return s;
        s++;
    }
}

static void check_quote(const char *text)
{
    rs_buf q, d;
    rs_buf_init(&q);
    rs_buf_init(&d);
    rs_buf_add(&d, "");
    rs_gp_quote(&q, text);
    CHECK(!strchr(q.s, '\n') && !strchr(q.s, '\r'));
    CHECK(!strstr(q.s, "]]>"));
    const char *end = parse_quoted(q.s, &d);
    CHECK(end && *end == '\0');
    char *want = expected(text, 0);
    CHECK(strcmp(d.s, want) == 0);
    CHECK(valid_utf8(q.s, q.len));
    free(want);
    rs_buf_free(&q);
    rs_buf_free(&d);
    /* cut by characters, with '…' */
    for (size_t max = 1; max < 6; max++) {
        rs_buf t;
        rs_buf_init(&t);
        rs_buf_add(&t, "");
        rs_gp_text(&t, text, max);
        CHECK(valid_utf8(t.s, t.len));
        /* at most 'max' characters, not counting the zero-width spaces
         * that break "]]>" */
        size_t chars = 0;
        for (const unsigned char *p = (const unsigned char *)t.s; *p; p += rs_utf8_len(p))
            chars += memcmp(p, "\xe2\x80\x8b", 3) != 0;
        CHECK(chars <= max);
        for (const unsigned char *p = (const unsigned char *)t.s; *p; p++)
            CHECK(*p >= 0x20 && *p != 0x7f);
        rs_buf_free(&t);
    }
}

/* Every line of a chart script: quotes balanced and every double quote
 * the literal "'"; no backquote or '@' outside a single-quoted run. */
static void check_script(const char *s)
{
    int in = 0;
    for (const char *p = s; *p; p++) {
        if (in) {
            if (*p == '\'')
                in = 0;
            else
                CHECK(*p != '\n');
            continue;
        }
        if (*p == '\'') {
            in = 1;
        } else if (*p == '"') {
            /* the literal "'", a fixed gnuplot string like "\t" is not
             * written by the charts */
            CHECK(p[1] == '\'' && p[2] == '"');
            p += 2;
        } else {
            CHECK(*p != '`' && *p != '@');
        }
    }
    CHECK(!in);
    CHECK(valid_utf8(s, strlen(s)));
}

/* A data file: valid UTF-8, no control character but tab and line break,
 * and a '"' only in the last field of a line (and never in a number). */
static void check_data(const char *s)
{
    CHECK(valid_utf8(s, strlen(s)));
    const char *line = s;
    while (*line) {
        const char *e = strchr(line, '\n');
        if (!e)
            e = line + strlen(line);
        const char *last_tab = NULL;
        for (const char *p = line; p < e; p++) {
            CHECK((unsigned char)*p >= 0x20 || *p == '\t');
            if (*p == '\t')
                last_tab = p;
        }
        if (line[0] != '#')
            for (const char *p = line; p < (last_tab ? last_tab : line); p++)
                CHECK(*p != '"');
        line = *e ? e + 1 : e;
    }
}

static char *slurp(const char *dir, const char *name)
{
    char *path = rs_xasprintf("%s/plots/%s", dir, name);
    size_t n;
    char *t = rs_read_file(path, &n);
    free(path);
    return t;
}

/* The worked example with every name replaced by the fuzzed texts. */
static void check_charts(char **texts, size_t n)
{
    static char dir[64];
    if (!dir[0]) {
        /* in memory when possible: the charts write ten files per input */
        snprintf(dir, sizeof dir, "%s/fuzz-text-%d",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", (int)getpid());
        mkdir(dir, 0777);
    }
    char *we = rs_xasprintf("%s/scenarios/worked-example.json", rs_fuzz_files());
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load(we, NULL, 0, &d);
    free(we);
    rs_diag_free(&d);
    if (!s)
        abort(); /* the seed file must load */
    const char *t0 = texts[0], *t1 = texts[n > 1], *t2 = texts[n > 2 ? 2 : 0];
    free(s->name);
    s->name = rs_xstrdup(t0);
    free(s->regions[0].name);
    s->regions[0].name = rs_xstrdup(t1);
    free(s->instruments[0].name);
    s->instruments[0].name = rs_xstrdup(t2);
    free(s->tranches[0].id);
    s->tranches[0].id = rs_xstrdup(t1);
    rs_plan *plan = rs_plan_make(s);
    rs_run *run = rs_run_alloc(plan);
    rs_run_set_rho(run);
    rs_run_simulate(run);
    rs_diag_init(&d);
    {
        rs_result res;
        rs_result_make(&res, run, NULL);
        char *footer = rs_xasprintf("%s · regiosim", t2);
        rs_gp g = {.terminal = n % 3 == 0 ? "svg" : "pngcairo", .nl = (int)(n & 1), .footer = footer, .gnuplot = ""};
        rs_charts ch;
        rs_diag w;
        rs_diag_init(&w);
        CHECK(rs_charts_run(&res, dir, "shown", &g, &ch, &w) == 0);
        static const char *const names[] = {"cashflow", "cumulative", "burden", "cofinancing",
                                            "regions"};
        for (size_t i = 0; i < 5; i++) {
            char gpn[32], datn[32];
            snprintf(gpn, sizeof gpn, "%s.gp", names[i]);
            snprintf(datn, sizeof datn, "%s.dat", names[i]);
            char *gp = slurp(dir, gpn), *dat = slurp(dir, datn);
            CHECK(gp && dat);
            check_script(gp);
            check_data(dat);
            free(gp);
            free(dat);
        }
        rs_charts_free(&ch);
        rs_diag_free(&w);
        free(footer);
        rs_result_clear(&res);
    }
    rs_diag_free(&d);
    rs_run_free(run);
    rs_plan_free(plan);
    rs_scenario_free(s);
}

static void check_report(char **texts, size_t n)
{
    rs_doc doc;
    rs_doc_init(&doc, (int)(n & 1), "png");
    rs_doc_text(&doc, RS_B_H1, texts[0]);
    rs_doc_text(&doc, RS_B_P, texts[n > 1]);
    char *cells[4] = {texts[0], texts[n > 1], texts[n > 2 ? 2 : 0], texts[0]};
    rs_doc_cells(&doc, RS_B_TABLE, cells, 4, 2);
    char *md = NULL, *html = NULL;
    size_t mdn = 0, htmln = 0;
    FILE *f = open_memstream(&md, &mdn);
    rs_doc_markdown(f, &doc);
    fclose(f);
    f = open_memstream(&html, &htmln);
    rs_doc_html(f, &doc, "/nonexistent");
    fclose(f);
    rs_doc_free(&doc);
    /* Markdown: the significant characters are escaped */
    for (size_t i = 0; i < mdn; i++)
        if (strchr("<&`", md[i]) && md[i])
            CHECK(i > 0 && md[i - 1] == '\\');
    /* HTML: nothing of the input is markup; the template's own tags are
     * known, so a '<' must start one of them */
    for (char *p = html; (p = strchr(p, '<')); p++) {
        static const char *const ok[] = {"<!DOCTYPE", "<html", "</html", "<head", "</head",
                                         "<meta",     "<title", "</title", "<style", "</style",
                                         "<body",     "</body", "<h1", "</h1", "<h2", "</h2",
                                         "<p",        "</p", "<div class=\"t\">", "</div", "<table", "</table", "<tr", "</tr",
                                         "<td",       "</td", "<th", "</th", "<ul", "</ul",
                                         "<li",       "</li", "<footer", "</footer", "<thead",
                                         "</thead",   "<tbody", "</tbody", "<figure",
                                         "</figure", "<figcaption", "</figcaption", "<img",
                                         "<a ",       "</a", "<main", "</main", "<code",
                                         "</code", NULL};
        int known = 0;
        for (int k = 0; ok[k] && !known; k++)
            known = strncmp(p, ok[k], strlen(ok[k])) == 0;
        if (!known) {
            fprintf(stderr, "fuzz_text: unknown tag in the HTML: %.40s\n", p);
            abort();
        }
    }
    free(md);
    free(html);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0; /* names, not files */
    char *text = rs_fuzz_text(data, size);
    char *texts[8];
    size_t n = 0;
    for (char *p = text; n < 8;) {
        texts[n++] = p;
        size_t l = strlen(p);
        if (p + l >= text + size)
            break;
        p += l + 1;
    }
    for (size_t i = 0; i < n; i++)
        check_quote(texts[i]);
    if (size >= 17) {
        double lo, hi;
        memcpy(&lo, data, 8);
        memcpy(&hi, data + 8, 8);
        rs_gp g = {.terminal = "pngcairo", .nl = data[16] & 1, .gnuplot = "gnuplot"};
        rs_buf b;
        rs_buf_init(&b);
        rs_gp_tics_n(&b, &g, "y", lo, hi, data[16] % 24);
        size_t q = 0;
        const char *t = strstr(b.s, "tics (");
        for (; t && *t && *t != '\n'; t++)
            q += *t == '\'';
        CHECK(q / 2 <= 64);
        CHECK(!strstr(b.s, "nan") && !strstr(b.s, "inf"));
        rs_buf_free(&b);
    }
    check_charts(texts, n);
    check_report(texts, n);
    free(text);
    return 0;
}
