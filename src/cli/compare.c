/* compare.c — regiosim compare A.json B.json [C.json ...]: every scenario
 * run deterministically, side by side, with the differences to the first
 * (the baseline). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../output/outdir.h"
#include "../output/report.h"
#include "../output/write.h"
#include "cli.h"

typedef struct one {
    rs_scenario *sc;
    rs_plan *plan;
    rs_run *run;
    rs_diag warn;
    rs_result res;
    char *label;
} one;

static char *label_of(const char *file)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    char *l = rs_xstrdup(b);
    size_t n = strlen(l);
    if (n > 5 && strcmp(l + n - 5, ".json") == 0)
        l[n - 5] = '\0';
    return l;
}

static int load_one(const char *file, const rs_opts *o, one *x)
{
    int code;
    memset(x, 0, sizeof *x);
    rs_diag_init(&x->warn);
    x->sc = rs_cli_load(file, o, &code);
    if (!x->sc)
        return code;
    rs_diag d;
    rs_diag_init(&d);
    code = rs_cli_simulate(x->sc, &x->plan, &x->run, &d);
    rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    if (code)
        return code;
    rs_collect_warnings(x->run, &x->warn);
    rs_result_make(&x->res, x->run, &x->warn);
    return RS_EXIT_OK;
}

static void free_one(one *x)
{
    rs_result_clear(&x->res);
    rs_run_free(x->run);
    rs_plan_free(x->plan);
    rs_scenario_free(x->sc);
    rs_diag_free(&x->warn);
    free(x->label);
}

/* ---- compare.csv and regions.csv ------------------------------------------ */

static void write_compare_csv(FILE *f, const one *s, size_t n, const char *dialect)
{
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    rs_csv_str(&c, "metric");
    rs_csv_str(&c, "unit");
    for (size_t i = 0; i < n; i++)
        rs_csv_str(&c, s[i].label);
    for (size_t i = 1; i < n; i++) {
        char h[512];
        snprintf(h, sizeof h, "%s_minus_%s", s[i].label, s[0].label);
        rs_csv_str(&c, h);
        snprintf(h, sizeof h, "%s_relative", s[i].label);
        rs_csv_str(&c, h);
    }
    rs_csv_end(&c);
    for (int m = 0; m < RS_M_N; m++) {
        rs_csv_str(&c, rs_metric_infos[m].name);
        rs_csv_str(&c, rs_metric_infos[m].unit);
        for (size_t i = 0; i < n; i++)
            rs_csv_num(&c, s[i].res.metrics[m]);
        double base = s[0].res.metrics[m];
        for (size_t i = 1; i < n; i++) {
            double diff = s[i].res.metrics[m] - base;
            rs_csv_num(&c, diff);
            if (base != 0)
                rs_csv_num(&c, diff / fabs(base));
            else
                rs_csv_str(&c, ""); /* no relative change from 0 */
        }
        rs_csv_end(&c);
    }
}

/* Regions of all scenarios, matched by id, in order of first appearance. */
typedef struct reg {
    const rs_region *r;
    double *award; /* per scenario, NAN when the region is not in it */
} reg;

static reg *union_regions(const one *s, size_t n, size_t *count)
{
    reg *out = NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < s[i].sc->n_regions; r++) {
            const rs_region *rg = &s[i].sc->regions[r];
            size_t j = 0;
            while (j < k && strcmp(out[j].r->id, rg->id) != 0)
                j++;
            if (j == k) {
                out = rs_xrealloc(out, (k + 1) * sizeof *out);
                out[k].r = rg;
                out[k].award = rs_xmalloc(n * sizeof *out[k].award);
                for (size_t q = 0; q < n; q++)
                    out[k].award[q] = NAN;
                k++;
            }
            double A = 0;
            for (size_t d = 0; d < s[i].sc->n_deals; d++)
                if (s[i].sc->deals[d].region == r)
                    A += s[i].plan->aw[d].A;
            out[j].award[i] = A;
        }
    *count = k;
    return out;
}

static void write_regions_csv(FILE *f, const one *s, size_t n, const reg *rg, size_t nr,
                              const char *dialect)
{
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    rs_csv_str(&c, "region");
    rs_csv_str(&c, "population");
    char h[512];
    for (size_t i = 0; i < n; i++) {
        snprintf(h, sizeof h, "award_%s", s[i].label);
        rs_csv_str(&c, h);
        snprintf(h, sizeof h, "award_per_capita_%s", s[i].label);
        rs_csv_str(&c, h);
    }
    for (size_t i = 1; i < n; i++) {
        snprintf(h, sizeof h, "change_award_%s", s[i].label);
        rs_csv_str(&c, h);
        snprintf(h, sizeof h, "change_per_capita_%s", s[i].label);
        rs_csv_str(&c, h);
    }
    rs_csv_end(&c);
    for (size_t j = 0; j < nr; j++) {
        rs_csv_str(&c, rg[j].r->id);
        rs_csv_num(&c, rg[j].r->population);
        for (size_t i = 0; i < n; i++) {
            if (isnan(rg[j].award[i])) {
                rs_csv_str(&c, "");
                rs_csv_str(&c, "");
                continue;
            }
            rs_csv_num(&c, rg[j].award[i]);
            rs_csv_num(&c, rg[j].award[i] * 1e6 / rg[j].r->population);
        }
        for (size_t i = 1; i < n; i++) {
            double a = isnan(rg[j].award[0]) ? 0 : rg[j].award[0];
            double b = isnan(rg[j].award[i]) ? 0 : rg[j].award[i];
            rs_csv_num(&c, b - a);
            rs_csv_num(&c, (b - a) * 1e6 / rg[j].r->population);
        }
        rs_csv_end(&c);
    }
}

/* ---- the comparison table (compare.md and the report) --------------------- */

static void compare_table(rs_doc *d, const one *s, size_t n)
{
    size_t cols = 2 + n + 2 * (n - 1);
    char **c = NULL;
    size_t k = 0;
#define CELL(x)                                                                              \
    do {                                                                                     \
        c = rs_xrealloc(c, (k + 1) * sizeof *c);                                             \
        c[k++] = (x);                                                                        \
    } while (0)
    CELL(rs_xstrdup(d->nl ? "maatstaf" : "metric"));
    CELL(rs_xstrdup(d->nl ? "eenheid" : "unit"));
    for (size_t i = 0; i < n; i++)
        CELL(rs_xstrdup(s[i].label));
    for (size_t i = 1; i < n; i++) {
        CELL(rs_xasprintf("%s − %s", s[i].label, s[0].label));
        CELL(rs_xasprintf("%s %s", s[i].label, d->nl ? "t.o.v. basis" : "vs baseline"));
    }
    for (int m = 0; m < RS_M_N; m++) {
        int pct = strcmp(rs_metric_infos[m].unit, "share") == 0;
        int dec = strcmp(rs_metric_infos[m].unit, "deals") == 0 ? 0 : pct ? 2 : 3;
        double f = pct ? 100 : 1;
        CELL(rs_xstrdup(rs_metric_infos[m].name));
        CELL(rs_xstrdup(pct ? "%" : rs_metric_infos[m].unit));
        for (size_t i = 0; i < n; i++)
            CELL(rs_report_num(d, f * s[i].res.metrics[m], dec));
        double base = s[0].res.metrics[m];
        for (size_t i = 1; i < n; i++) {
            double diff = s[i].res.metrics[m] - base;
            /* a '+' only on what shows as a change at this precision */
            int up = f * diff >= 0.5 * pow(10, -dec);
            char *v = rs_report_num(d, f * diff, dec);
            CELL(up ? rs_xasprintf("+%s", v) : rs_xstrdup(v));
            free(v);
            if (base != 0) {
                char *r = rs_report_num(d, 100 * diff / fabs(base), 1);
                CELL(rs_xasprintf("%s%s %%", 100 * diff / fabs(base) >= 0.05 ? "+" : "", r));
                free(r);
            } else {
                CELL(rs_xstrdup("–"));
            }
        }
    }
#undef CELL
    rs_doc_cells(d, RS_B_TABLE, c, k, cols);
    for (size_t i = 0; i < k; i++)
        free(c[i]);
    free(c);
}

/* ---- charts ------------------------------------------------------------------ */

static void dat_num(rs_buf *b, double x)
{
    char t[40];
    rs_fmt_num(t, sizeof t, x, '.');
    rs_buf_add(b, t);
}

/* A label for a data file: no tabs or line breaks, at most 'max'
 * characters (UTF-8 aware), '…' when cut. */
static void dat_str(rs_buf *b, const char *s, size_t max)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max) {
            rs_buf_add(b, "…");
            return;
        }
        rs_buf_addn(b, *p < 0x20 ? " " : (const char *)p, 1);
    }
}

static void chart_metrics(const one *s, size_t n, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    static const int ms[] = {RS_M_RIJK_NET,      RS_M_ADMIN_TOTAL, RS_M_GOAL_SPENDING,
                             RS_M_EFFECTIVENESS, RS_M_RETAINED,    RS_M_RIJK_RECLAIMED};
    static const char *const nl[] = {"Netto Rijk (€ mln)",       "Administratieve lasten (€ mln)",
                                     "Doelbestedingen (€ mln)", "Effectiviteit",
                                     "Bij regio's achtergebleven (€ mln)", "Teruggevorderd (€ mln)"};
    static const char *const en[] = {"Rijk net (M€)",           "Administrative burden (M€)",
                                     "Goal spending (M€)",      "Effectiveness",
                                     "Retained by regions (M€)", "Reclaimed (M€)"};
    rs_buf_add(dat, "# scenario index\tlabel");
    for (int k = 0; k < 6; k++)
        rs_buf_printf(dat, "\t%s", rs_metric_infos[ms[k]].name);
    rs_buf_add(dat, "\n");
    for (size_t i = 0; i < n; i++) {
        rs_buf_printf(dat, "%zu\t", i);
        dat_str(dat, s[i].label, 40);
        for (int k = 0; k < 6; k++) {
            rs_buf_add(dat, "\t");
            dat_num(dat, s[i].res.metrics[ms[k]]);
        }
        rs_buf_add(dat, "\n");
    }
    rs_gp_header(gp, g, "compare-metrics");
    rs_buf_add(gp, "unset key\nset boxwidth 0.7\nset xtics noenhanced rotate by -30");
    rs_gp_font(gp, g, 0.6);
    rs_buf_add(gp, "\nset style fill solid 0.9 noborder\n"
                   "set multiplot layout 2,3 title ");
    rs_gp_quote(gp, RS_L(g, "Kerncijfers per scenario", "Key metrics by scenario"));
    rs_gp_font(gp, g, 1.25);
    rs_buf_add(gp, "\n");
    for (int k = 0; k < 6; k++) {
        double lo = 0, hi = 0;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, s[i].res.metrics[ms[k]]);
            hi = fmax(hi, s[i].res.metrics[ms[k]]);
        }
        rs_buf_add(gp, "set title ");
        rs_gp_quote(gp, g->nl ? nl[k] : en[k]);
        rs_buf_add(gp, " noenhanced");
        rs_gp_font(gp, g, 0.85);
        rs_buf_add(gp, "\n");
        rs_gp_tics(gp, g, "y", lo, hi > lo ? hi * 1.1 : hi + 1);
        rs_buf_printf(gp, "set xrange [-0.6:%zu.6]\n", n - 1);
        rs_buf_printf(gp, "plot 'compare-metrics.dat' using 1:%d:($1+1):xtic(2) with boxes "
                          "lc variable\n",
                      k + 3);
    }
    rs_buf_add(gp, "unset multiplot\n");
}

static void chart_net(const one *s, size_t n, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    int y0 = s[0].sc->start, y1 = s[0].sc->end;
    for (size_t i = 1; i < n; i++) {
        y0 = s[i].sc->start < y0 ? s[i].sc->start : y0;
        y1 = s[i].sc->end > y1 ? s[i].sc->end : y1;
    }
    double lo = 0, hi = 0;
    rs_buf_add(dat, "# year\trijk_net per scenario (M€)\n");
    for (int y = y0; y <= y1; y++) {
        rs_buf_printf(dat, "%d", y);
        for (size_t i = 0; i < n; i++) {
            const rs_plan *p = s[i].plan;
            rs_buf_add(dat, "\t");
            if (y < s[i].sc->start || y > s[i].sc->end) {
                rs_buf_add(dat, "NaN");
                continue;
            }
            double v = s[i].run->y[RS_Y_NET][y - p->y0];
            dat_num(dat, v);
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        rs_buf_add(dat, "\n");
    }
    rs_gp_header(gp, g, "compare-net");
    rs_buf_add(gp, "set title ");
    rs_gp_quote(gp, RS_L(g, "Netto Rijksuitgaven per jaar", "Rijk net flow per year"));
    rs_buf_add(gp, " noenhanced");
    rs_gp_font(gp, g, 1.25);
    rs_buf_add(gp, "\nset ylabel ");
    rs_gp_quote(gp, RS_L(g, "€ mln", "€ million"));
    rs_buf_add(gp, "\n");
    rs_gp_tics(gp, g, "y", lo, hi * 1.1);
    rs_buf_printf(gp, "set xrange [%d:%d]\nset xtics 1 rotate by -45\n"
                      "set key outside bottom center horizontal noenhanced\n"
                      "set xzeroaxis lt -1 lc rgb '#555555'\nplot ",
                  y0 - 1, y1 + 1);
    for (size_t i = 0; i < n; i++) {
        rs_buf_printf(gp, "%s'compare-net.dat' using 1:%zu with linespoints lt %zu lw 2.5 %stitle ",
                      i ? ", \\\n  " : "", i + 2, i % RS_GP_NCOLORS + 1, i ? "" : "dt 1 ");
        rs_gp_quote(gp, s[i].label);
    }
    rs_buf_add(gp, "\n");
}

typedef struct chg {
    const char *name;
    double v;
} chg;

static int by_change(const void *a, const void *b)
{
    const chg *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void chart_regions(const one *s, size_t k, const reg *rg, size_t nr, const rs_gp *g,
                          const char *name, rs_buf *dat, rs_buf *gp)
{
    chg *c = rs_xcalloc(nr ? nr : 1, sizeof *c);
    double lo = 0, hi = 0;
    for (size_t j = 0; j < nr; j++) {
        double a = isnan(rg[j].award[0]) ? 0 : rg[j].award[0];
        double b = isnan(rg[j].award[k]) ? 0 : rg[j].award[k];
        c[j].name = rg[j].r->name;
        c[j].v = (b - a) * 1e6 / rg[j].r->population;
        lo = fmin(lo, c[j].v);
        hi = fmax(hi, c[j].v);
    }
    qsort(c, nr, sizeof *c, by_change);
    rs_buf_add(dat, "# index\tregion\tchange_award_per_capita_eur\n");
    for (size_t j = 0; j < nr; j++) {
        rs_buf_printf(dat, "%zu\t", j);
        dat_str(dat, c[j].name, 28);
        rs_buf_add(dat, "\t");
        dat_num(dat, c[j].v);
        rs_buf_add(dat, "\n");
    }
    free(c);
    rs_gp_header(gp, g, name);
    char t[600];
    snprintf(t, sizeof t, "%s: %s %s %s", RS_L(g, "Verandering Rijksbijdrage per inwoner", "Change in Rijk award per inhabitant"),
             s[k].label, RS_L(g, "t.o.v.", "vs"), s[0].label);
    rs_buf_add(gp, "set title ");
    rs_gp_quote(gp, t);
    rs_buf_add(gp, " noenhanced");
    rs_gp_font(gp, g, 1.1);
    rs_buf_add(gp, "\nset ylabel ");
    rs_gp_quote(gp, RS_L(g, "€ per inwoner", "€ per inhabitant"));
    rs_buf_add(gp, "\n");
    if (hi == lo) {
        hi = lo + 1;
        rs_buf_add(gp, "set label 3 ");
        rs_gp_quote(gp, RS_L(g, "Geen verandering in de Rijksbijdrage per regio",
                             "No change in the Rijk award of any region"));
        rs_buf_add(gp, " at graph 0.5, graph 0.5 center noenhanced\n");
    }
    rs_gp_tics(gp, g, "y", lo * 1.1, hi * 1.1);
    int small = nr > 30;
    rs_buf_printf(gp, "set xrange [-0.7:%zu]\nset xtics rotate by 60 right noenhanced", nr);
    rs_gp_font(gp, g, small ? 0.55 : 0.8);
    rs_buf_printf(gp, "\nset boxwidth 0.75\nunset key\n"
                      "set xzeroaxis lt -1 lc rgb '#555555'\n"
                      "plot '%s.dat' using 1:($3 >= 0 ? $3 : 1/0):xtic(2) with boxes "
                      "lc rgb '#39870C', '' using 1:($3 < 0 ? $3 : 1/0) with boxes lc rgb '#CA005D'\n",
                  name);
}

/* ---- the command ---------------------------------------------------------------- */

int rs_cmd_compare(const rs_opts *o)
{
    if (o->n_pos < 2)
        return rs_usage_error("compare", "compare takes two or more scenario files (the first "
                                         "is the baseline)");
    size_t n = o->n_pos;
    one *s = rs_xcalloc(n, sizeof *s);
    int rc = RS_EXIT_OK;
    size_t loaded = 0;
    for (size_t i = 0; i < n && !rc; i++, loaded++) {
        rc = load_one(o->pos[i], o, &s[i]);
        s[i].label = label_of(o->pos[i]);
        for (size_t j = 0; j < i && !rc; j++)
            if (strcmp(s[j].label, s[i].label) == 0) {
                char *l = rs_xasprintf("%s-%zu", s[i].label, i + 1);
                free(s[i].label);
                s[i].label = l;
            }
    }
    if (rc)
        goto out;

    char *dir = o->out ? rs_xstrdup(o->out)
                       : rs_xasprintf("out/compare-%s-%s%s", s[0].label, s[1].label,
                                      n > 2 ? "-etc" : "");
    const char *csv = rs_cli_csv(o, s[0].sc);
    rs_diag diag, warn;
    rs_diag_init(&diag);
    rs_diag_init(&warn);
    rs_gp g;
    rs_cli_gpmem gmem;
    rc = rs_cli_gp(&g, o, s[0].sc, &gmem);
    free(gmem.footer);
    gmem.footer = rs_xasprintf(RS_L(&g, "Bron: regiosim %s, vergelijking van %zu scenario's",
                                    "Source: regiosim %s, comparison of %zu scenarios"),
                               RS_VERSION, n);
    g.footer = gmem.footer;
    size_t nr = 0;
    reg *rg = union_regions(s, n, &nr);
    rs_charts charts = {0};
    rs_outdir od = {0};
    if (!rc)
        rc = rs_outdir_begin(&od, dir, &diag);
    if (!rc && !o->no_plots) {
        static const struct {
            const char *name;
            void (*fn)(const one *, size_t, const rs_gp *, rs_buf *, rs_buf *);
            const char *nl, *en;
        } charts_of_all[] = {
            {"compare-metrics", chart_metrics,
             "Netto Rijk, lasten, doelbestedingen, effectiviteit, achtergebleven en teruggevorderd geld per scenario.",
             "Rijk net, burden, goal spending, effectiveness, retained and reclaimed money by scenario."},
            {"compare-net", chart_net,
             "Netto Rijksuitgaven (betaald − teruggevorderd) per jaar, per scenario.",
             "Rijk net flow (paid − reclaimed) per year, by scenario."},
        };
        rs_buf dat, gp;
        for (size_t c = 0; c < 2 && !rc; c++) {
            rs_buf_init(&dat);
            rs_buf_init(&gp);
            charts_of_all[c].fn(s, n, &g, &dat, &gp);
            rc = rs_chart_draw(&charts, od.tmp, dir, &g, charts_of_all[c].name,
                               RS_L(&g, charts_of_all[c].nl, charts_of_all[c].en), gp.s, dat.s,
                               &warn);
            rs_buf_free(&dat);
            rs_buf_free(&gp);
        }
        for (size_t k = 1; k < n && !rc; k++) {
            char name[48];
            snprintf(name, sizeof name, "compare-regions-%zu", k + 1);
            rs_buf_init(&dat);
            rs_buf_init(&gp);
            chart_regions(s, k, rg, nr, &g, name, &dat, &gp);
            char *cap = rs_xasprintf("%s %s %s %s.",
                                     RS_L(&g, "Winnaars en verliezers: verandering van de Rijksbijdrage per inwoner onder",
                                          "Winners and losers: change in the Rijk award per inhabitant under"),
                                     s[k].label, RS_L(&g, "ten opzichte van", "compared with"), s[0].label);
            rc = rs_chart_draw(&charts, od.tmp, dir, &g, name, cap, gp.s, dat.s, &warn);
            free(cap);
            rs_buf_free(&dat);
            rs_buf_free(&gp);
        }
        if (!rc)
            rs_charts_flush(&charts, od.tmp, dir, &g, &warn);
    }
    if (!rc) {
        FILE *f = rs_outdir_open(&od, "compare.csv", &diag);
        if (f) {
            write_compare_csv(f, s, n, csv);
            rc = rs_outdir_close(f, "compare.csv", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
    }
    if (!rc) {
        FILE *f = rs_outdir_open(&od, "regions.csv", &diag);
        if (f) {
            write_regions_csv(f, s, n, rg, nr, csv);
            rc = rs_outdir_close(f, "regions.csv", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
    }
    /* every run's own summary, for tracing a difference back */
    for (size_t i = 0; i < n && !rc; i++) {
        char *name = rs_xasprintf("runs/%s/summary.json", s[i].label);
        FILE *f = rs_outdir_open(&od, name, &diag);
        if (f) {
            rs_write_summary_json(f, &s[i].res);
            rc = rs_outdir_close(f, name, &diag);
        } else {
            rc = RS_EXIT_IO;
        }
        free(name);
    }
    if (!rc) {
        rs_doc doc;
        rs_doc_init(&doc, g.nl, rs_gp_ext(g.terminal));
        rs_buf t;
        rs_buf_init(&t);
        rs_buf_add(&t, RS_L(&g, "Vergelijking: ", "Comparison: "));
        for (size_t i = 0; i < n; i++)
            rs_buf_printf(&t, "%s%s", i ? (i + 1 == n ? RS_L(&g, " en ", " and ") : ", ") : "",
                          s[i].sc->name);
        rs_doc_text(&doc, RS_B_H1, t.s);
        rs_buf_free(&t);
        rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Scenario's", "Scenarios"));
        char **items = rs_xcalloc(n, sizeof *items);
        for (size_t i = 0; i < n; i++)
            items[i] = rs_xasprintf("%s%s: %s (%s). %s", s[i].label,
                                    i ? "" : RS_L(&g, " (basis)", " (baseline)"), s[i].sc->name,
                                    s[i].sc->file, s[i].sc->description);
        rs_doc_cells(&doc, RS_B_LIST, items, n, 1);
        for (size_t i = 0; i < n; i++)
            free(items[i]);
        free(items);
        rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Vergelijkingstabel", "Comparison table"));
        rs_doc_text(&doc, RS_B_P, RS_L(&g, "Verschillen ten opzichte van het eerste scenario (de basis); bedragen in € mln.",
                                       "Differences to the first scenario (the baseline); money in M€."));
        compare_table(&doc, s, n);
        /* compare.md: the table on its own */
        rs_doc md;
        rs_doc_init(&md, g.nl, doc.img_ext);
        compare_table(&md, s, n);
        FILE *f = rs_outdir_open(&od, "compare.md", &diag);
        if (f) {
            rs_doc_markdown(f, &md);
            rc = rs_outdir_close(f, "compare.md", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
        rs_doc_free(&md);
        if (charts.n) {
            rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Grafieken", "Charts"));
            for (size_t i = 0; i < charts.n; i++)
                rs_doc_image(&doc, charts.c[i].name, charts.c[i].caption, charts.c[i].drawn);
        }
        rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Waarschuwingen", "Warnings"));
        size_t nw = warn.n;
        for (size_t i = 0; i < n; i++)
            nw += s[i].warn.n;
        char **w = rs_xcalloc(nw ? nw : 1, sizeof *w);
        size_t k = 0;
        for (size_t i = 0; i < warn.n; i++)
            w[k++] = rs_xstrdup(warn.msg[i]);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < s[i].warn.n; j++)
                w[k++] = rs_xasprintf("%s: %s", s[i].label, s[i].warn.msg[j]);
        if (k)
            rs_doc_cells(&doc, RS_B_LIST, w, k, 1);
        else
            rs_doc_text(&doc, RS_B_P, RS_L(&g, "Geen.", "None."));
        for (size_t i = 0; i < k; i++)
            free(w[i]);
        free(w);
        if (!rc)
            rc = rs_cli_report(&od, dir, &doc, &diag);
        rs_doc_free(&doc);
    }
    if (!rc)
        rc = rs_outdir_commit(&od, &diag);
    rs_outdir_abort(&od);
    rs_diag_print(&diag, stderr);
    if (!rc) {
        for (size_t i = 0; i < warn.n; i++)
            fprintf(stderr, "regiosim: warning: %s\n", warn.msg[i]);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < s[i].warn.n; j++)
                fprintf(stderr, "regiosim: warning: %s: %s\n", s[i].label, s[i].warn.msg[j]);
        if (!o->quiet) {
            rs_doc table;
            rs_doc_init(&table, 0, "png");
            compare_table(&table, s, n);
            rs_doc_markdown(stdout, &table);
            rs_doc_free(&table);
            printf("results in %s/ (compare.csv, compare.md, regions.csv, report.html%s)\n", dir,
                   o->no_plots ? "" : ", plots/");
        }
    }
    for (size_t j = 0; j < nr; j++)
        free(rg[j].award);
    free(rg);
    rs_charts_free(&charts);
    rs_diag_free(&diag);
    rs_diag_free(&warn);
    rs_cli_gp_free(&gmem);
    free(dir);
out:
    for (size_t i = 0; i < loaded && i < n; i++)
        free_one(&s[i]);
    free(s);
    return rc;
}
