/* report.c — see report.h. */
#include "report.h"
#include "labels.h"

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

int rs_shows_zero(double x, int dec)
{
    char t[64];
    rs_fmt(t, sizeof t, x, dec, 0);
    for (const char *p = t; *p; p++)
        if (*p >= '1' && *p <= '9')
            return 0;
    return 1;
}

/* a difference this small is rounding in sums of millions, not a finding */
#define RS_NO_DIFFERENCE 5e-7

rs_diff_kind rs_diff_classify(double mean, double p5, double p95, double p_greater, double p_less,
                              int dec_mean, int dec_band)
{
    if ((p_greater == 0 && p_less == 0) ||
        fmax(fabs(mean), fmax(fabs(p5), fabs(p95))) < RS_NO_DIFFERENCE)
        return RS_DIFF_NONE;
    if (rs_shows_zero(mean, dec_mean) && rs_shows_zero(p5, dec_band) && rs_shows_zero(p95, dec_band))
        return RS_DIFF_NEGLIGIBLE;
    return RS_DIFF_SHOWN;
}

char *rs_report_prob(const rs_doc *d, double p)
{
    if (p >= 1)
        return rs_xstrdup("100 %");
    if (p <= 0)
        return rs_xstrdup("0 %");
    if (p >= 0.995)
        return rs_xstrdup("> 99 %");
    if (p < 0.005)
        return rs_xstrdup("< 1 %");
    char *v = rs_report_num(d, 100 * p, 0), *r = rs_xasprintf("%s %%", v);
    free(v);
    return r;
}

void rs_doc_table_split(rs_doc *d, char **cells, size_t n, size_t cols, size_t keep, size_t per)
{
    if (cols <= keep + per || per == 0 || keep >= cols) {
        rs_doc_cells(d, RS_B_TABLE, cells, n, cols);
        return;
    }
    size_t rows = n / cols, data = cols - keep;
    size_t parts = (data + per - 1) / per;
    /* parts of equal width: 8 columns in two tables of 4, not 5 and 3 */
    size_t w = (data + parts - 1) / parts;
    char **t = rs_xcalloc(rows * (keep + w), sizeof *t);
    for (size_t from = keep; from < cols; from += w) {
        size_t to = from + w < cols ? from + w : cols, tc = keep + (to - from), k = 0;
        for (size_t r = 0; r < rows; r++) {
            for (size_t c = 0; c < keep; c++)
                t[k++] = cells[r * cols + c];
            for (size_t c = from; c < to; c++)
                t[k++] = cells[r * cols + c];
        }
        rs_doc_cells(d, RS_B_TABLE, t, k, tc);
    }
    free(t);
}

/* A cell that holds a number ("1.654,9", "-0,3", "12 %", "€ 85", "2028
 * (verlengd)" is not): right-aligned, text left-aligned. */
static int is_number(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p == '+' || *p == '-')
        p++;
    else if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92) /* − */
        p += 3;
    if (strncmp((const char *)p, "€ ", 4) == 0)
        p += 4;
    if (!(*p >= '0' && *p <= '9'))
        return 0;
    for (; *p; p++)
        if (!strchr("0123456789.,% ", *p))
            return 0;
    return 1;
}

/* A column is numeric when every body cell in it is a number or empty. */
static int numeric_column(const rs_block *b, size_t col)
{
    int any = 0;
    for (size_t r = 1; r * b->cols < b->n; r++) {
        const char *c = b->cells[r * b->cols + col];
        if (!c[0] || strcmp(c, "–") == 0 || strcmp(c, "≈ 0") == 0)
            continue;
        if (!is_number(c))
            return 0;
        any = 1;
    }
    return any;
}

/* ---- Markdown ------------------------------------------------------------ */

/* Text that comes from a scenario: no Markdown or HTML of its own.  Every
 * character Markdown gives a meaning (CommonMark lets any ASCII
 * punctuation be escaped with a backslash), '<' and '&' included, so no
 * tag or entity of a name reaches a Markdown renderer; control
 * characters become spaces. */
static void md_text(FILE *f, int plain, const char *s)
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
        /* for a terminal only '|', which would end a table cell */
        if (plain ? *p == '|' : strchr("\\`*_[]<>#|!~&", *p) != NULL)
            fputc('\\', f);
        fputc(*p, f);
    }
}

/* A table cell: the same (a '|' would end the cell). */
static void md_cell(FILE *f, int plain, const char *s) { md_text(f, plain, s); }

void rs_doc_markdown(FILE *f, const rs_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const rs_block *b = &d->b[i];
        switch (b->kind) {
        case RS_B_H1:
            fputs("# ", f);
            md_text(f, d->plain, b->cells[0]);
            fputs("\n\n", f);
            break;
        case RS_B_H2:
            fputs("## ", f);
            md_text(f, d->plain, b->cells[0]);
            fputs("\n\n", f);
            break;
        case RS_B_P:
            md_text(f, d->plain, b->cells[0]);
            fputs("\n\n", f);
            break;
        case RS_B_LIST:
            for (size_t k = 0; k < b->n; k++) {
                fputs("- ", f);
                md_text(f, d->plain, b->cells[k]);
                fputc('\n', f);
            }
            fputc('\n', f);
            break;
        case RS_B_TABLE:
            for (size_t r = 0; r * b->cols < b->n; r++) {
                fputc('|', f);
                for (size_t c = 0; c < b->cols; c++) {
                    fputc(' ', f);
                    md_cell(f, d->plain, b->cells[r * b->cols + c]);
                    fputs(" |", f);
                }
                fputc('\n', f);
                if (r == 0) {
                    fputc('|', f);
                    for (size_t c = 0; c < b->cols; c++) /* once per table */
                        fputs(numeric_column(b, c) ? "---:|" : ":---|", f);
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
            md_text(f, d->plain, b->cells[1]);
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
    "body{font-family:'Liberation Sans',Arial,sans-serif;color:#222;max-width:60rem;"
    "margin:2rem auto;padding:0 1rem;line-height:1.45}"
    "h1{color:#154273;border-bottom:3px solid #01689B;padding-bottom:.3rem}"
    "h2{color:#01689B;margin-top:2rem}"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}"
    "th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}"
    "th.n,td.n{text-align:right}td.n{white-space:nowrap}"
    "th{background:#e5f0f9;color:#154273}"
    ".t{overflow-x:auto}table.wide{font-size:.78rem}"
    "table.wide th,table.wide td{padding:.2rem .35rem}"
    "figure{margin:1.5rem 0}figure img,figure svg{max-width:100%;height:auto}"
    "figcaption{font-style:italic;color:#555;font-size:.9rem}"
    ".missing{color:#D52B1E}"
    "footer{margin-top:3rem;color:#777;font-size:.8rem}"
    /* printed: an A4 page, its full width for the text */
    "@page{size:A4;margin:16mm 14mm}"
    "@media print{body{max-width:none;margin:0;padding:0}table,table.wide{font-size:8pt}"
    "th,td,table.wide th,table.wide td{padding:.15rem .3rem}"
    /* on paper nothing scrolls: a table that is too wide shows (and the
     * output test measures it) instead of being cut at the margin; a
     * header breaks between words, never inside one ("eenh|eid") */
    ".t{overflow:visible}th{overflow-wrap:break-word}tr{break-inside:avoid}}";

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
            /* a table wider than the page scrolls instead of being cut, and
             * one with many columns (a comparison of three scenarios) is
             * set smaller so that it usually fits */
            fputs(b->cols > 8 ? "<div class=\"t\"><table class=\"wide\">" : "<div class=\"t\"><table>",
                  f);
            /* which columns hold numbers: once per table, not per cell */
            int *numcol = rs_xcalloc(b->cols ? b->cols : 1, sizeof *numcol);
            for (size_t c = 0; c < b->cols; c++)
                numcol[c] = numeric_column(b, c);
            for (size_t r = 0; r * b->cols < b->n; r++) {
                /* the header row in <thead>: repeated on every printed page */
                fputs(r == 0 ? "<thead><tr>" : r == 1 ? "<tbody><tr>" : "<tr>", f);
                for (size_t c = 0; c < b->cols; c++) {
                    int numeric = numcol[c];
                    fputs(r ? (numeric ? "<td class=\"n\">" : "<td>")
                            : (numeric ? "<th class=\"n\">" : "<th>"),
                          f);
                    html_text(f, b->cells[r * b->cols + c]);
                    fputs(r ? "</td>" : "</th>", f);
                }
                fputs(r == 0 ? "</tr></thead>\n" : "</tr>\n", f);
            }
            fputs(b->n > b->cols ? "</tbody></table></div>\n" : "</table></div>\n", f);
            free(numcol);
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

/* Rows of a region or deal table in the report (the CSVs and the workbook
 * hold them all). */
#define RS_REPORT_ROWS 500

static void row(char ***cells, size_t *n, size_t cols, ...)
{
    va_list ap;
    va_start(ap, cols);
    /* capacity doubles at each power of two: a table of 100,000 deals is
     * not copied 100,000 times */
    size_t need = *n + cols, cap = 16;
    while (cap < need)
        cap *= 2;
    size_t had = 16;
    while (had < *n)
        had *= 2;
    if (!*cells || cap != had || *n == 0)
        *cells = rs_xrealloc(*cells, cap * sizeof **cells);
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
    char v[64];
    rs_fmt_metric(v, sizeof v, m, x, d->nl, 0);
    return rs_xstrdup(v);
}

static const char *metric_unit(const rs_doc *d, int m) { return rs_metric_unit(m, d->nl); }

static char *num(const rs_doc *d, double x, int dec) { return rs_report_num(d, x, dec); }

/* An instrument in words, as a letter describes it. */
static void instrument_words(const rs_doc *d, const rs_instrument *in, char **pay, char **term,
                             char **settle)
{
    const char *sched = rs_label_of(RS_LK_SCHEDULE, in->schedule->name, d->nl);
    *pay = in->lag ? rs_xasprintf(T("%s, %d jaar later", "%s, %d year(s) later"), sched, in->lag)
                   : rs_xstrdup(sched);
    if (in->has_deadline) {
        char *th = num(d, 100 * in->extension_threshold, 0);
        *term = rs_xasprintf(T("vaste looptijd; eenmaal %d jaar verlenging als meer dan %s %% van "
                               "het volume nog niet besteed is",
                               "fixed term; extended once by %d year(s) when more than %s%% of "
                               "the volume is still unspent"),
                             in->extension_years, th);
        free(th);
    } else {
        *term = rs_xstrdup(T("geen einddatum: besteden kan tot het einde van de horizon",
                             "no deadline: spending may go on until the horizon ends"));
    }
    if (in->has_settlement) {
        const char *how;
        char *share = num(d, 100 * in->reclaim_share, 0);
        if (in->reclaim_share >= 1)
            how = T("het onbestede Rijksdeel wordt volledig teruggevorderd",
                    "the unspent Rijk share is reclaimed in full");
        else if (in->reclaim_share <= 0)
            how = T("er wordt niets teruggevorderd", "nothing is reclaimed");
        else
            how = NULL;
        if (how)
            *settle = rs_xasprintf(T("vaststelling %d jaar na afloop; %s",
                                     "settlement %d year(s) after the end; %s"),
                                   in->settlement_lag, how);
        else
            *settle = rs_xasprintf(T("vaststelling %d jaar na afloop; %s %% van het onbestede "
                                     "Rijksdeel wordt teruggevorderd",
                                     "settlement %d year(s) after the end; %s%% of the unspent "
                                     "Rijk share is reclaimed"),
                                   in->settlement_lag, share);
        free(share);
    } else {
        *settle = rs_xstrdup(T("geen vaststelling: onbesteed geld blijft bij de regio",
                               "no settlement: unspent money stays with the region"));
    }
}

/* The co-financing rule of a tranche in words. */
static char *rule_words(const rs_doc *d, const rs_cofin *c)
{
    const char *w = rs_label_of(RS_LK_RULE, c->rule->name, d->nl);
    if (strcmp(c->rule->name, "flat") == 0) {
        char *v = num(d, 100 * c->share, 0);
        char *r = rs_xasprintf("%s, %s %%", w, v);
        free(v);
        return r;
    }
    if (strcmp(c->rule->name, "capacity_linear") == 0) {
        char *lo = num(d, 100 * c->min, 0), *hi = num(d, 100 * c->max, 0);
        char *r = rs_xasprintf(T("%s, %s–%s %%", "%s, %s–%s%%"), w, lo, hi);
        free(lo);
        free(hi);
        return r;
    }
    return rs_xstrdup(w);
}

static void simulated(rs_doc *d, const rs_scenario *sc)
{
    char **c = NULL;
    size_t n = 0;
    row(&c, &n, 1, rs_xasprintf("%s: %s", T("Scenariobestand", "Scenario file"), sc->file));
    row(&c, &n, 1, rs_xasprintf("%s: %d–%d", T("Horizon", "Horizon"), sc->start, sc->end));
    char *dr = rs_report_num(d, 100 * sc->discount_rate, 2);
    char *rm = rs_report_num(d, 100 * sc->real_mean, 0);
    row(&c, &n, 1, rs_xasprintf(T("Disconteringsvoet: %s %%; realisatie: %s %% van het geplande "
                                  "per jaar",
                                  "Discount rate: %s%%; realisation: %s%% of the plan per year"),
                                dr, rm));
    free(dr);
    free(rm);
    rs_buf by;
    rs_buf_init(&by);
    for (int y = sc->start; y <= sc->end; y++)
        if (!isnan(sc->real_by_year[y - sc->start])) {
            char *v = rs_report_num(d, 100 * sc->real_by_year[y - sc->start], 0);
            rs_buf_printf(&by, "%s%d: %s %%", by.len ? ", " : "", y, v);
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

    /* instruments, in words */
    rs_doc_text(d, RS_B_P, T("De instrumenten:", "The instruments:"));
    c = NULL;
    n = 0;
    row(&c, &n, 5, dup(T("instrument", "instrument")), dup(T("betaling", "payment")),
        dup(T("looptijd", "term")), dup(T("vaststelling", "settlement")),
        dup(T("niet-doelbesteding", "off-goal share")));
    for (size_t i = 0; i < sc->n_instruments; i++) {
        const rs_instrument *in = &sc->instruments[i];
        char *pay, *term, *settle;
        instrument_words(d, in, &pay, &term, &settle);
        char *og = rs_report_num(d, 100 * in->off_goal_share, 0);
        row(&c, &n, 5, dup(in->name), pay, term, settle, rs_xasprintf("%s %%", og));
        free(og);
    }
    rs_doc_cells(d, RS_B_TABLE, c, n, 5);
    free_cells(c, n);

    /* tranches */
    c = NULL;
    n = 0;
    row(&c, &n, 6, dup("tranche"), dup(T("jaar", "year")), dup(T("budget (€ mln)", "budget (M€)")),
        dup("instrument"), dup(T("verdeling", "allocation")), dup(T("cofinanciering", "co-financing")));
    for (size_t i = 0; i < sc->n_tranches; i++) {
        const rs_tranche *t = &sc->tranches[i];
        row(&c, &n, 6, dup(t->id), rs_xasprintf("%d", t->year), rs_report_num(d, t->budget, 1),
            dup(sc->instruments[t->instrument].name),
            dup(rs_label_of(RS_LK_ALLOC, t->alloc->name, d->nl)), rule_words(d, t->cofin));
    }
    rs_doc_cells(d, RS_B_TABLE, c, n, 6);
    free_cells(c, n);
}

/* Money per year, in total and per tranche. */
static void yearly_tables(rs_doc *d, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    static const int series[] = {RS_Y_PAID, RS_Y_RECLAIMED, RS_Y_NET, RS_Y_SPENT, RS_Y_COFIN_SPENT,
                                 RS_Y_GOAL};
    const size_t ns = sizeof series / sizeof *series;
    rs_doc_text(d, RS_B_H2, T("Per jaar", "By year"));
    rs_doc_text(d, RS_B_P, T("Bedragen in € mln; de laatste rij telt de jaren na de horizon op.",
                             "Amounts in M€; the last row adds up the years after the horizon."));
    char **c = NULL;
    size_t n = 0;
    row(&c, &n, 1, dup(T("jaar", "year")));
    for (size_t k = 0; k < ns; k++)
        row(&c, &n, 1, dup(rs_series_label(series[k], d->nl)));
    int last = sc->end - p->y0;
    for (int y = sc->start - p->y0; y <= last + 1; y++) {
        int after = y > last;
        if (after) {
            int any = 0;
            for (int q = last + 1; q < p->ny; q++)
                for (size_t k = 0; k < ns; k++)
                    any |= fabs(r->y[series[k]][q]) > 5e-4;
            if (!any)
                break;
        }
        row(&c, &n, 1, after ? rs_xasprintf("%s %d", T("na", "after"), sc->end)
                             : rs_xasprintf("%d", p->y0 + y));
        for (size_t k = 0; k < ns; k++) {
            double v = 0;
            if (after)
                for (int q = last + 1; q < p->ny; q++)
                    v += r->y[series[k]][q];
            else if (y >= 0 && y < p->ny)
                v = r->y[series[k]][y];
            row(&c, &n, 1, num(d, v, 1));
        }
    }
    rs_doc_cells(d, RS_B_TABLE, c, n, 1 + ns);
    free_cells(c, n);

    if (sc->n_tranches < 2)
        return;
    rs_doc_text(d, RS_B_H2, T("Per jaar en tranche", "By year and tranche"));
    rs_doc_text(d, RS_B_P, T("Netto Rijksuitgaven (betaald min teruggevorderd) per tranche, in € mln.",
                             "Net Rijk expenditure (paid minus reclaimed) by tranche, in M€."));
    int rows;
    double *ty = rs_tranche_years(res, &rows);
    size_t cols = 2 + sc->n_tranches;
    c = NULL;
    n = 0;
    row(&c, &n, 1, dup(T("jaar", "year")));
    for (size_t t = 0; t < sc->n_tranches; t++)
        row(&c, &n, 1, dup(sc->tranches[t].id));
    row(&c, &n, 1, dup(T("totaal", "total")));
    for (int q = 0; q < rows; q++) {
        double tot = 0;
        int any = 0;
        for (size_t t = 0; t < sc->n_tranches; t++)
            any |= fabs(ty[(t * (size_t)rows + (size_t)q) * RS_TY_N + RS_TY_NET]) > 5e-4 ||
                   fabs(ty[(t * (size_t)rows + (size_t)q) * RS_TY_N + RS_TY_SPENT]) > 5e-4;
        if (q == rows - 1 && !any)
            break;
        row(&c, &n, 1, q == rows - 1 ? rs_xasprintf("%s %d", T("na", "after"), sc->end)
                                     : rs_xasprintf("%d", sc->start + q));
        for (size_t t = 0; t < sc->n_tranches; t++) {
            double v = ty[(t * (size_t)rows + (size_t)q) * RS_TY_N + RS_TY_NET];
            tot += v;
            row(&c, &n, 1, num(d, v, 1));
        }
        row(&c, &n, 1, num(d, tot, 1));
    }
    free(ty);
    rs_doc_cells(d, RS_B_TABLE, c, n, cols);
    free_cells(c, n);
}

static void region_table(rs_doc *d, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    rs_doc_text(d, RS_B_H2, T("Per regio", "By region"));
    char **c = NULL;
    size_t n = 0;
    row(&c, &n, 7, dup(T("regio", "region")), dup(T("inwoners", "inhabitants")),
        dup(T("draagkracht", "fiscal capacity")), dup(T("druk op brede welvaart", "pressure on brede welvaart")),
        dup(T("Rijksbijdrage (€ mln)", "Rijk award (M€)")), dup(T("per inwoner (€)", "per inhabitant (€)")),
        dup(T("cofinanciering (%)", "co-financing (%)")));
    /* A, C and V of each region in one pass over the deals */
    double *sum = rs_xcalloc(3 * (sc->n_regions ? sc->n_regions : 1), sizeof *sum);
    for (size_t k = 0; k < sc->n_deals; k++) {
        double *q = sum + 3 * sc->deals[k].region;
        q[0] += res->plan->aw[k].A;
        q[1] += res->plan->aw[k].C;
        q[2] += res->plan->aw[k].V;
    }
    size_t shown = sc->n_regions < RS_REPORT_ROWS ? sc->n_regions : RS_REPORT_ROWS;
    for (size_t i = 0; i < shown; i++) {
        const rs_region *reg = &sc->regions[i];
        double A = sum[3 * i], C = sum[3 * i + 1], V = sum[3 * i + 2];
        row(&c, &n, 7, dup(reg->name), num(d, reg->population, 0), num(d, reg->fiscal_capacity, 2),
            num(d, reg->bw_pressure, 2), num(d, A, 1), num(d, A * 1e6 / reg->population, 0),
            V > 0 ? num(d, 100 * C / V, 0) : dup("–"));
    }
    free(sum);
    rs_doc_cells(d, RS_B_TABLE, c, n, 7);
    free_cells(c, n);
    if (shown < sc->n_regions) {
        char *p = rs_xasprintf(T("De eerste %zu van %zu regio's; alle staan in regions.csv en "
                                 "results.xlsx.",
                                 "The first %zu of %zu regions; all are in regions.csv and "
                                 "results.xlsx."),
                               shown, sc->n_regions);
        rs_doc_text(d, RS_B_P, p);
        free(p);
    }
}

static void deal_table(rs_doc *d, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    rs_doc_text(d, RS_B_H2, T("Per deal", "By deal"));
    rs_doc_text(d, RS_B_P, T("Bedragen in € mln. Elke regel is na te rekenen met regiosim explain "
                             "SCENARIO DEAL.",
                             "Amounts in M€. Every row can be traced with regiosim explain "
                             "SCENARIO DEAL."));
    char **c = NULL;
    size_t n = 0;
    row(&c, &n, 10, dup("deal"), dup(T("regio", "region")), dup("tranche"),
        dup(T("status", "status")), dup(T("aanvraag", "request")), dup(T("toegekend", "awarded")),
        dup(T("cofinanciering (%)", "co-financing (%)")), dup(T("besteed", "spent")),
        dup(T("teruggevorderd", "reclaimed")), dup(T("laatste jaar", "last year")));
    /* a report is read: beyond RS_REPORT_ROWS deals the table stops and
     * says where the rest is */
    size_t shown = sc->n_deals < RS_REPORT_ROWS ? sc->n_deals : RS_REPORT_ROWS;
    for (size_t k = 0; k < shown; k++) {
        const rs_deal *deal = &sc->deals[k];
        const rs_award *a = &res->plan->aw[k];
        const rs_dealres *dr = &res->run->dr[k];
        const rs_tranche *t = &sc->tranches[deal->tranche];
        char *last = a->status == RS_DROPPED
                         ? dup("–")
                         : rs_xasprintf("%d%s", t->year + dr->last,
                                        dr->extended ? T(" (verlengd)", " (extended)") : "");
        row(&c, &n, 10, dup(deal->id), dup(sc->regions[deal->region].name), dup(t->id),
            dup(rs_label_of(RS_LK_STATUS, rs_status_names[a->status], d->nl)),
            num(d, deal->request, 1), num(d, a->A, 1), num(d, 100 * a->c, 0), num(d, dr->spent, 1),
            num(d, dr->reclaimed, 1), last);
    }
    rs_doc_cells(d, RS_B_TABLE, c, n, 10);
    free_cells(c, n);
    if (shown < sc->n_deals) {
        char *p = rs_xasprintf(T("De eerste %zu van %zu deals; alle deals staan in deals.csv en in "
                                 "het blad Deals van results.xlsx.",
                                 "The first %zu of %zu deals; every deal is in deals.csv and in "
                                 "the sheet Deals of results.xlsx."),
                               shown, sc->n_deals);
        rs_doc_text(d, RS_B_P, p);
        free(p);
    }
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
            row(&c, &n, 5, dup(rs_metric_label(m, d->nl)),
                metric_value(d, m, res->mc->metric[m].mean), metric_value(d, m, res->metrics[m]),
                dup(metric_unit(d, m)), dup(rs_metric_meaning(m, d->nl)));
        rs_doc_cells(d, RS_B_TABLE, c, n, 5);
        char *note = rs_result_note(res, d->nl);
        if (note)
            rs_doc_text(d, RS_B_P, note);
        free(note);
    } else {
        row(&c, &n, 4, dup(T("maatstaf", "metric")), dup(T("waarde", "value")),
            dup(T("eenheid", "unit")), dup(T("betekenis", "meaning")));
        for (int m = 0; m < RS_M_N; m++)
            row(&c, &n, 4, dup(rs_metric_label(m, d->nl)), metric_value(d, m, res->metrics[m]),
                dup(metric_unit(d, m)), dup(rs_metric_meaning(m, d->nl)));
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
        for (size_t k = 0; k < 6; k++) {
            const char *u = metric_unit(d, cols[k]);
            row(&c, &n, 1, u[0] ? rs_xasprintf("%s (%s)", rs_metric_label(cols[k], d->nl), u)
                                : dup(rs_metric_label(cols[k], d->nl)));
        }
        for (size_t t = 0; t < sc->n_tranches; t++) {
            row(&c, &n, 1, dup(sc->tranches[t].id));
            for (size_t k = 0; k < 6; k++)
                row(&c, &n, 1, metric_value(d, cols[k], res->tranche_metrics[t * RS_M_N + (size_t)cols[k]]));
        }
        rs_doc_cells(d, RS_B_TABLE, c, n, 7);
        free_cells(c, n);
    }
    yearly_tables(d, res);

    if (res->mc) {
        const rs_mc_result *mc = res->mc;
        rs_doc_text(d, RS_B_H2, T("Onzekerheid (Monte Carlo)", "Uncertainty (Monte Carlo)"));
        char *p = rs_xasprintf(
            T("%ld trekkingen met seed %lu: per deal en jaar een realisatie uit een Beta-verdeling, "
              "in %ld trekkingen een schokjaar, en een spreiding van de uren voor "
              "administratieve lasten (docs/model.md §9). P5 en P95 begrenzen 90%% van de uitkomsten; het "
              "gemiddelde en de deterministische waarde staan bij de kerncijfers.",
              "%ld draws with seed %lu: a realisation per deal and year from a Beta "
              "distribution, a shock year in %ld draws, and a spread of the hours of the "
              "administrative burden (docs/model.md §9). P5 and P95 bound 90%% of the outcomes; the mean "
              "and the deterministic value are with the headline numbers."),
            mc->draws, mc->seed, mc->shocked);
        rs_doc_text(d, RS_B_P, p);
        free(p);
        c = NULL;
        n = 0;
        /* the mean and the deterministic value are in the headline table */
        row(&c, &n, 6, dup(T("maatstaf", "metric")), dup(T("standaardafwijking", "sd")), dup("P5"),
            dup("P50"), dup("P95"), dup(T("eenheid", "unit")));
        for (int m = 0; m < RS_M_N; m++) {
            const rs_stats *st = &mc->metric[m];
            row(&c, &n, 6, dup(rs_metric_label(m, d->nl)), metric_value(d, m, st->sd),
                metric_value(d, m, st->p5), metric_value(d, m, st->p50),
                metric_value(d, m, st->p95), dup(metric_unit(d, m)));
        }
        rs_doc_cells(d, RS_B_TABLE, c, n, 6);
        free_cells(c, n);
    }

    if (ch && ch->n) {
        rs_doc_text(d, RS_B_H2, T("Grafieken", "Charts"));
        for (size_t i = 0; i < ch->n; i++)
            rs_doc_image(d, ch->c[i].name, ch->c[i].caption, ch->c[i].drawn);
    }
    region_table(d, res);
    deal_table(d, res);
    rs_doc_text(d, RS_B_H2, T("Waarschuwingen", "Warnings"));
    if (res->warnings && res->warnings->n)
        rs_doc_cells(d, RS_B_LIST, res->warnings->msg, res->warnings->n, 1);
    else
        rs_doc_text(d, RS_B_P, T("Geen.", "None."));
    rs_doc_text(d, RS_B_P, T("Bedragen in miljoen euro (€ mln) tenzij anders vermeld. Elk getal is "
                             "terug te voeren op de jaarlijkse berekening: zie deals.csv, yearly.csv, "
                             "results.xlsx en regiosim explain.",
                             "Amounts in million euro (M€) unless stated otherwise. Every number "
                             "can be traced to the year-by-year calculation: see deals.csv, "
                             "yearly.csv, results.xlsx and regiosim explain."));
}
