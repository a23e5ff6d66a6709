/* report.c — see report.h. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rs_doc_init(rs_doc *d, int nl, const char *img_ext)
{
    memset(d, 0, sizeof *d);
    d->nl = nl;
    d->img_ext = img_ext;
}

void rs_doc_free(rs_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        for (size_t k = 0; k < d->b[i].n; k++)
            free(d->b[i].cells[k]);
        free(d->b[i].cells);
    }
    free(d->b);
    memset(d, 0, sizeof *d);
}

static rs_block *add(rs_doc *d, rs_block_kind kind, size_t n)
{
    d->b = rs_xrealloc(d->b, (d->n + 1) * sizeof *d->b);
    rs_block *b = &d->b[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->n = n;
    b->cells = rs_xcalloc(n ? n : 1, sizeof *b->cells);
    return b;
}

void rs_doc_text(rs_doc *d, rs_block_kind kind, const char *text)
{
    add(d, kind, 1)->cells[0] = rs_xstrdup(text);
}

void rs_doc_cells(rs_doc *d, rs_block_kind kind, char **cells, size_t n, size_t cols)
{
    rs_block *b = add(d, kind, n);
    b->cols = cols;
    for (size_t i = 0; i < n; i++)
        b->cells[i] = rs_xstrdup(cells[i] ? cells[i] : "");
}

void rs_doc_image(rs_doc *d, const char *name, const char *caption, int drawn)
{
    rs_block *b = add(d, RS_B_IMAGE, 2);
    b->cells[0] = rs_xstrdup(name);
    b->cells[1] = rs_xstrdup(caption);
    b->drawn = drawn;
}

char *rs_report_num(const rs_doc *d, double x, int dec)
{
    char t[64];
    rs_fmt_grouped(t, sizeof t, x, dec, d->nl);
    return rs_xstrdup(t);
}

/* ---- Markdown ------------------------------------------------------------ */

/* Text that comes from a scenario: no Markdown or HTML of its own.  Every
 * character Markdown gives a meaning (CommonMark lets any ASCII
 * punctuation be escaped with a backslash), '<' and '&' included, so no
 * tag or entity of a name reaches a Markdown renderer; control
 * characters become spaces. */
static void md_text(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            fputc(' ', f);
            continue;
        }
        if (*p >= 0x80) {
            size_t n = rs_utf8_len(p);
            if (n)
                fwrite(p, 1, n, f), p += n - 1;
            else
                fputs("\xef\xbf\xbd", f); /* not UTF-8 (a file name): U+FFFD */
            continue;
        }
        if (strchr("\\`*_[]<>#|!~&", *p))
            fputc('\\', f);
        fputc(*p, f);
    }
}

/* A table cell: the same (a '|' would end the cell). */
static void md_cell(FILE *f, const char *s) { md_text(f, s); }

void rs_doc_markdown(FILE *f, const rs_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const rs_block *b = &d->b[i];
        switch (b->kind) {
        case RS_B_H1:
            fputs("# ", f);
            md_text(f, b->cells[0]);
            fputs("\n\n", f);
            break;
        case RS_B_H2:
            fputs("## ", f);
            md_text(f, b->cells[0]);
            fputs("\n\n", f);
            break;
        case RS_B_P:
            md_text(f, b->cells[0]);
            fputs("\n\n", f);
            break;
        case RS_B_LIST:
            for (size_t k = 0; k < b->n; k++) {
                fputs("- ", f);
                md_text(f, b->cells[k]);
                fputc('\n', f);
            }
            fputc('\n', f);
            break;
        case RS_B_TABLE:
            for (size_t r = 0; r * b->cols < b->n; r++) {
                fputc('|', f);
                for (size_t c = 0; c < b->cols; c++) {
                    fputc(' ', f);
                    md_cell(f, b->cells[r * b->cols + c]);
                    fputs(" |", f);
                }
                fputc('\n', f);
                if (r == 0) {
                    fputc('|', f);
                    for (size_t c = 0; c < b->cols; c++)
                        fputs(c ? "---:|" : "---|", f);
                    fputc('\n', f);
                }
            }
            fputc('\n', f);
            break;
        case RS_B_IMAGE:
            if (b->drawn) {
                fprintf(f, "![%s](plots/%s.%s)\n\n", b->cells[1], b->cells[0], d->img_ext);
            } else {
                fprintf(f, "*(%s: plots/%s.gp)*\n\n",
                        d->nl ? "grafiek niet getekend; script" : "chart not drawn; script",
                        b->cells[0]);
            }
            fputs("*", f);
            md_text(f, b->cells[1]);
            fputs("*\n\n", f);
            break;
        }
    }
}

/* ---- HTML ------------------------------------------------------------------ */

static void html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s >= 0x80) {
                size_t n = rs_utf8_len((const unsigned char *)s);
                if (n)
                    fwrite(s, 1, n, f), s += n - 1;
                else
                    fputs("\xef\xbf\xbd", f); /* not UTF-8 (a file name): U+FFFD */
            } else {
                fputc(*s, f);
            }
        }
    }
}

static void base64(FILE *f, const unsigned char *p, size_t n)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        fputc(t[(v >> 18) & 63], f);
        fputc(t[(v >> 12) & 63], f);
        fputc(i + 1 < n ? t[(v >> 6) & 63] : '=', f);
        fputc(i + 2 < n ? t[v & 63] : '=', f);
    }
}

static void html_image(FILE *f, const rs_doc *d, const rs_block *b, const char *plots)
{
    char *path = rs_xasprintf("%s/%s.%s", plots, b->cells[0], d->img_ext);
    size_t len = 0;
    char *data = b->drawn ? rs_read_file(path, &len) : NULL;
    free(path);
    fputs("<figure>", f);
    if (!data) {
        fprintf(f, "<p class=\"missing\">%s plots/%s.gp</p>",
                d->nl ? "Grafiek niet getekend; script:" : "Chart not drawn; script:",
                b->cells[0]);
    } else if (strcmp(d->img_ext, "svg") == 0) {
        /* inline SVG: skip the XML prolog and doctype */
        const char *svg = strstr(data, "<svg");
        fputs(svg ? svg : "", f);
    } else if (strcmp(d->img_ext, "png") == 0) {
        fputs("<img alt=\"", f);
        html_text(f, b->cells[1]);
        fputs("\" src=\"data:image/png;base64,", f);
        base64(f, (const unsigned char *)data, len);
        fputs("\">", f);
    } else {
        fprintf(f, "<p><a href=\"plots/%s.pdf\">plots/%s.pdf</a></p>", b->cells[0], b->cells[0]);
    }
    free(data);
    fputs("<figcaption>", f);
    html_text(f, b->cells[1]);
    fputs("</figcaption></figure>\n", f);
}

static const char css[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#222;max-width:60rem;"
    "margin:2rem auto;padding:0 1rem;line-height:1.45}"
    "h1{color:#154273;border-bottom:3px solid #01689B;padding-bottom:.3rem}"
    "h2{color:#01689B;margin-top:2rem}"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}"
    "th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    "th{background:#e5f0f9;color:#154273}"
    "figure{margin:1.5rem 0}figure img,figure svg{max-width:100%;height:auto}"
    "figcaption{font-style:italic;color:#555;font-size:.9rem}"
    ".missing{color:#CA005D}"
    "footer{margin-top:3rem;color:#777;font-size:.8rem}";

void rs_doc_html(FILE *f, const rs_doc *d, const char *plots)
{
    const char *title = d->n && d->b[0].kind == RS_B_H1 ? d->b[0].cells[0] : "regiosim";
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width\"><title>",
            d->nl ? "nl" : "en");
    html_text(f, title);
    fprintf(f, "</title><style>%s</style></head><body>\n", css);
    for (size_t i = 0; i < d->n; i++) {
        const rs_block *b = &d->b[i];
        switch (b->kind) {
        case RS_B_H1:
        case RS_B_H2:
            fputs(b->kind == RS_B_H1 ? "<h1>" : "<h2>", f);
            html_text(f, b->cells[0]);
            fputs(b->kind == RS_B_H1 ? "</h1>\n" : "</h2>\n", f);
            break;
        case RS_B_P:
            fputs("<p>", f);
            html_text(f, b->cells[0]);
            fputs("</p>\n", f);
            break;
        case RS_B_LIST:
            fputs("<ul>", f);
            for (size_t k = 0; k < b->n; k++) {
                fputs("<li>", f);
                html_text(f, b->cells[k]);
                fputs("</li>", f);
            }
            fputs("</ul>\n", f);
            break;
        case RS_B_TABLE:
            fputs("<table>", f);
            for (size_t r = 0; r * b->cols < b->n; r++) {
                fputs("<tr>", f);
                for (size_t c = 0; c < b->cols; c++) {
                    fputs(r ? "<td>" : "<th>", f);
                    html_text(f, b->cells[r * b->cols + c]);
                    fputs(r ? "</td>" : "</th>", f);
                }
                fputs("</tr>\n", f);
            }
            fputs("</table>\n", f);
            break;
        case RS_B_IMAGE:
            html_image(f, d, b, plots);
            break;
        }
    }
    fprintf(f, "<footer>regiosim %s</footer>\n</body></html>\n", RS_VERSION);
}

/* ---- the run report ------------------------------------------------------- */

#define T(nl_text, en_text) (d->nl ? (nl_text) : (en_text))

static void row(char ***cells, size_t *n, size_t cols, ...)
{
    va_list ap;
    va_start(ap, cols);
    *cells = rs_xrealloc(*cells, (*n + cols) * sizeof **cells);
    for (size_t i = 0; i < cols; i++)
        (*cells)[(*n)++] = va_arg(ap, char *);
    va_end(ap);
}

static void free_cells(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

static char *dup(const char *s) { return rs_xstrdup(s); }

static char *metric_value(const rs_doc *d, int m, double x)
{
    const char *u = rs_metric_infos[m].unit;
    if (strcmp(u, "share") == 0) {
        char *n = rs_report_num(d, 100 * x, 2);
        char *s = rs_xasprintf("%s %%", n);
        free(n);
        return s;
    }
    if (strcmp(u, "deals") == 0)
        return rs_report_num(d, x, 0);
    return rs_report_num(d, x, 3);
}

static const char *metric_unit(const rs_doc *d, int m)
{
    const char *u = rs_metric_infos[m].unit;
    if (strcmp(u, "M€") == 0)
        return T("€ mln", "M€");
    if (strcmp(u, "share") == 0)
        return "%";
    if (strcmp(u, "years") == 0)
        return T("jaar", "years");
    if (strcmp(u, "deals") == 0)
        return "deals";
    return "";
}

static void simulated(rs_doc *d, const rs_scenario *sc)
{
    char **c = NULL;
    size_t n = 0;
    row(&c, &n, 1, rs_xasprintf("%s: %s", T("Scenariobestand", "Scenario file"), sc->file));
    row(&c, &n, 1, rs_xasprintf("%s: %d–%d", T("Horizon", "Horizon"), sc->start, sc->end));
    char *dr = rs_report_num(d, 100 * sc->discount_rate, 2);
    char *rm = rs_report_num(d, sc->real_mean, 2);
    row(&c, &n, 1, rs_xasprintf("%s: %s %%; %s: %s", T("Disconteringsvoet", "Discount rate"), dr,
                                T("realisatie per jaar", "realisation per year"), rm));
    free(dr);
    free(rm);
    rs_buf by;
    rs_buf_init(&by);
    for (int y = sc->start; y <= sc->end; y++)
        if (!isnan(sc->real_by_year[y - sc->start])) {
            char *v = rs_report_num(d, sc->real_by_year[y - sc->start], 2);
            rs_buf_printf(&by, "%s%d: %s", by.len ? ", " : "", y, v);
            free(v);
        }
    if (by.s)
        row(&c, &n, 1, rs_xasprintf("%s: %s", T("Afwijkende realisatie", "Realisation by year"), by.s));
    rs_buf_free(&by);
    row(&c, &n, 1, rs_xasprintf("%s: %zu %s, %zu %s", T("Regio's en deals", "Regions and deals"),
                                sc->n_regions,
                                sc->n_regions == 1 ? T("regio", "region") : T("regio's", "regions"),
                                sc->n_deals, sc->n_deals == 1 ? "deal" : "deals"));
    rs_doc_cells(d, RS_B_LIST, c, n, 1);
    free_cells(c, n);

    /* instruments */
    c = NULL;
    n = 0;
    row(&c, &n, 6, dup(T("instrument", "instrument")), dup(T("naam", "name")),
        dup(T("betaling", "payment")), dup(T("einddatum", "deadline")),
        dup(T("vaststelling", "settlement")), dup(T("niet-doelbesteding", "off-goal share")));
    for (size_t i = 0; i < sc->n_instruments; i++) {
        const rs_instrument *in = &sc->instruments[i];
        char *og = rs_report_num(d, 100 * in->off_goal_share, 1);
        row(&c, &n, 6, dup(in->id), dup(in->name),
            rs_xasprintf("%s, %s %d", in->schedule->name, T("vertraging", "lag"), in->lag),
            in->has_deadline
                ? rs_xasprintf("%s %d %s", T("verlenging", "extension"), in->extension_years,
                               in->extension_years == 1 ? T("jaar", "year") : T("jaar", "years"))
                : dup(T("geen", "none")),
            in->has_settlement
                ? rs_xasprintf("%s %d, %s %g", T("na", "after"), in->settlement_lag,
                               T("terugvordering", "reclaim"), in->reclaim_share)
                : dup(T("geen", "none")),
            rs_xasprintf("%s %%", og));
        free(og);
    }
    rs_doc_cells(d, RS_B_TABLE, c, n, 6);
    free_cells(c, n);

    /* tranches */
    c = NULL;
    n = 0;
    row(&c, &n, 6, dup("tranche"), dup(T("jaar", "year")), dup(T("budget (€ mln)", "budget (M€)")),
        dup("instrument"), dup(T("verdeling", "allocation")), dup(T("cofinanciering", "co-financing")));
    for (size_t i = 0; i < sc->n_tranches; i++) {
        const rs_tranche *t = &sc->tranches[i];
        char *rule;
        if (strcmp(t->cofin->rule->name, "flat") == 0) {
            char *v = rs_report_num(d, 100 * t->cofin->share, 0);
            rule = rs_xasprintf("flat %s %%", v);
            free(v);
        } else {
            rule = dup(t->cofin->rule->name);
        }
        row(&c, &n, 6, dup(t->id), rs_xasprintf("%d", t->year), rs_report_num(d, t->budget, 1),
            dup(sc->instruments[t->instrument].id), dup(t->alloc->name), rule);
    }
    rs_doc_cells(d, RS_B_TABLE, c, n, 6);
    free_cells(c, n);
}

void rs_report_run(rs_doc *d, const rs_result *res, const rs_charts *ch)
{
    const rs_scenario *sc = res->sc;
    rs_doc_text(d, RS_B_H1, sc->name);
    if (sc->description[0])
        rs_doc_text(d, RS_B_P, sc->description);
    rs_doc_text(d, RS_B_H2, T("Wat is gesimuleerd", "What was simulated"));
    simulated(d, sc);

    rs_doc_text(d, RS_B_H2, T("Kerncijfers", "Headline numbers"));
    char **c = NULL;
    size_t n = 0;
    if (res->mc) {
        /* with draws the mean over the draws is the headline figure, the
         * deterministic run (every ρ at its expected value) beside it */
        char *p = rs_xasprintf(T("Kerncijfer is het gemiddelde over %ld trekkingen; de "
                                 "deterministische waarde (elke realisatie op haar verwachting) "
                                 "staat ernaast.",
                                 "The headline figure is the mean over %ld draws; the "
                                 "deterministic value (every realisation at its expectation) "
                                 "is shown beside it."),
                               res->mc->draws);
        rs_doc_text(d, RS_B_P, p);
        free(p);
        row(&c, &n, 5, dup(T("maatstaf", "metric")), dup(T("gemiddelde", "mean")),
            dup(T("deterministisch", "deterministic")), dup(T("eenheid", "unit")),
            dup(T("betekenis", "meaning")));
        for (int m = 0; m < RS_M_N; m++)
            row(&c, &n, 5, dup(rs_metric_infos[m].name), metric_value(d, m, res->mc->metric[m].mean),
                metric_value(d, m, res->metrics[m]), dup(metric_unit(d, m)),
                dup(rs_metric_infos[m].doc));
        rs_doc_cells(d, RS_B_TABLE, c, n, 5);
        char *note = rs_result_note(res, d->nl);
        if (note)
            rs_doc_text(d, RS_B_P, note);
        free(note);
    } else {
        row(&c, &n, 4, dup(T("maatstaf", "metric")), dup(T("waarde", "value")),
            dup(T("eenheid", "unit")), dup(T("betekenis", "meaning")));
        for (int m = 0; m < RS_M_N; m++)
            row(&c, &n, 4, dup(rs_metric_infos[m].name), metric_value(d, m, res->metrics[m]),
                dup(metric_unit(d, m)), dup(rs_metric_infos[m].doc));
        rs_doc_cells(d, RS_B_TABLE, c, n, 4);
    }
    free_cells(c, n);

    if (sc->n_tranches > 1) {
        rs_doc_text(d, RS_B_H2, T("Per tranche", "By tranche"));
        static const int cols[] = {RS_M_RIJK_AWARDED, RS_M_RIJK_NET, RS_M_RIJK_RECLAIMED,
                                   RS_M_GOAL_SPENDING, RS_M_ADMIN_TOTAL, RS_M_EFFECTIVENESS};
        c = NULL;
        n = 0;
        row(&c, &n, 1, dup("tranche"));
        for (size_t k = 0; k < 6; k++)
            row(&c, &n, 1, dup(rs_metric_infos[cols[k]].name));
        for (size_t t = 0; t < sc->n_tranches; t++) {
            row(&c, &n, 1, dup(sc->tranches[t].id));
            for (size_t k = 0; k < 6; k++)
                row(&c, &n, 1, metric_value(d, cols[k], res->tranche_metrics[t * RS_M_N + (size_t)cols[k]]));
        }
        rs_doc_cells(d, RS_B_TABLE, c, n, 7);
        free_cells(c, n);
    }

    if (res->mc) {
        const rs_mc_result *mc = res->mc;
        rs_doc_text(d, RS_B_H2, T("Onzekerheid (Monte Carlo)", "Uncertainty (Monte Carlo)"));
        char *p = rs_xasprintf(
            T("%ld trekkingen met seed %lu: per deal en jaar een realisatie uit een Beta-verdeling, "
              "in %ld trekkingen een schokjaar, en een spreiding van de uren voor "
              "administratieve lasten (MODEL.md §6). P5 en P95 begrenzen 90%% van de uitkomsten.",
              "%ld draws with seed %lu: a realisation per deal and year from a Beta "
              "distribution, a shock year in %ld draws, and a spread of the hours of the "
              "administrative burden (MODEL.md §6). P5 and P95 bound 90%% of the outcomes."),
            mc->draws, mc->seed, mc->shocked);
        rs_doc_text(d, RS_B_P, p);
        free(p);
        c = NULL;
        n = 0;
        row(&c, &n, 7, dup(T("maatstaf", "metric")), dup(T("deterministisch", "deterministic")),
            dup(T("gemiddelde", "mean")), dup("sd"), dup("P5"), dup("P50"), dup("P95"));
        for (int m = 0; m < RS_M_N; m++) {
            const rs_stats *st = &mc->metric[m];
            row(&c, &n, 7, dup(rs_metric_infos[m].name), metric_value(d, m, res->metrics[m]),
                metric_value(d, m, st->mean), metric_value(d, m, st->sd),
                metric_value(d, m, st->p5), metric_value(d, m, st->p50),
                metric_value(d, m, st->p95));
        }
        rs_doc_cells(d, RS_B_TABLE, c, n, 7);
        free_cells(c, n);
    }

    if (ch && ch->n) {
        rs_doc_text(d, RS_B_H2, T("Grafieken", "Charts"));
        for (size_t i = 0; i < ch->n; i++)
            rs_doc_image(d, ch->c[i].name, ch->c[i].caption, ch->c[i].drawn);
    }
    rs_doc_text(d, RS_B_H2, T("Waarschuwingen", "Warnings"));
    if (res->warnings && res->warnings->n)
        rs_doc_cells(d, RS_B_LIST, res->warnings->msg, res->warnings->n, 1);
    else
        rs_doc_text(d, RS_B_P, T("Geen.", "None."));
    rs_doc_text(d, RS_B_P, T("Bedragen in miljoen euro (€ mln) tenzij anders vermeld. Elk getal is "
                             "terug te voeren op de jaarlijkse berekening: zie deals.csv, yearly.csv "
                             "en regiosim explain.",
                             "Amounts in million euro (M€) unless stated otherwise. Every number "
                             "can be traced to the year-by-year calculation: see deals.csv, "
                             "yearly.csv and regiosim explain."));
}
