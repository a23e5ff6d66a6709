/* xlsx.c — see xlsx.h. */
#include "xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "labels.h"
#include "report.h"

#define T(nl_text, en_text) (x->nl ? (nl_text) : (en_text))

/* Rows of the sheets Deals and Regio's: a workbook is for reading and
 * exchanging; beyond this a sheet stops with a note and the CSV holds every
 * row (compressing 300,000 rows would take most of a run's time). */
#define RS_XLSX_ROWS 50000

typedef struct xw {
    lxw_workbook *wb;
    lxw_format *head, *text, *wrap, *meur, *pct, *ratio, *count, *eur, *year, *note, *num;
    lxw_format *fine, *fine_pct; /* a difference below the report's precision, to the euro */
    int nl;
} xw;

static lxw_format *fmt(xw *x, const char *num)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (num)
        format_set_num_format(f, num);
    format_set_font_name(f, "Liberation Sans");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void formats(xw *x)
{
    x->head = fmt(x, NULL);
    format_set_bold(x->head);
    format_set_text_wrap(x->head);
    format_set_bg_color(x->head, 0xE5F0F9);
    format_set_font_color(x->head, 0x154273);
    format_set_bottom(x->head, LXW_BORDER_THIN);
    x->text = fmt(x, NULL);
    x->wrap = fmt(x, NULL);
    format_set_text_wrap(x->wrap);
    x->note = fmt(x, NULL);
    format_set_italic(x->note);
    format_set_font_color(x->note, 0x696969);
    /* Excel shows these with the reader's separators: 1.654,9 in Dutch */
    x->meur = fmt(x, "#,##0.0");
    x->pct = fmt(x, "0.00%");
    x->ratio = fmt(x, "0.000");
    x->count = fmt(x, "0");
    x->eur = fmt(x, "#,##0");
    x->year = fmt(x, "0");
    x->num = fmt(x, "General");
    x->fine = fmt(x, "#,##0.000000");
    x->fine_pct = fmt(x, "0.000000%");
}

/* The cell format of metric m (values in model units: a share stays a
 * share, shown as a percentage). */
static lxw_format *metric_fmt(xw *x, int m)
{
    const char *u = rs_metric_infos[m].unit;
    if (strcmp(u, "M€") == 0)
        return x->meur;
    if (strcmp(u, "share") == 0)
        return x->pct;
    if (strcmp(u, "deals") == 0)
        return x->count;
    return x->ratio;
}

/* A unit for a header: "(€ mln)", "(%)", "" */
static const char *unit_of(xw *x, int m)
{
    const char *u = rs_metric_infos[m].unit;
    if (strcmp(u, "M€") == 0)
        return T(" (€ mln)", " (M€)");
    if (strcmp(u, "share") == 0)
        return " (%)";
    if (strcmp(u, "years") == 0)
        return T(" (jaar)", " (years)");
    return "";
}

/* Characters of UTF-8 text (for the height of a wrapped header). */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        size_t k = *p >= 0x80 ? rs_utf8_len(p) : 1;
        p += k ? k : 1;
    }
    return n;
}

/* A sheet with a frozen header row tall enough for its wrapped headers,
 * sized columns, and a print layout: A4 landscape, the header row (and on
 * a wide sheet the first column) on every page, one page wide when that
 * keeps the text readable, the sheet's name and page numbers in the
 * footer. */
static lxw_worksheet *sheet(xw *x, const char *name, const char *const *heads, size_t n,
                            const double *widths)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    size_t lines = 2;
    double total = 0;
    for (size_t c = 0; c < n; c++) {
        double w = widths ? widths[c] : 14;
        worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], x->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        /* words wrap, so a line holds a little less than the width */
        size_t l = (size_t)ceil((double)chars(heads[c]) * 1.15 / (w > 2 ? w - 1 : 1));
        lines = l > lines ? l : lines;
        total += w;
    }
    lines = lines > 8 ? 8 : lines;
    worksheet_set_row(ws, 0, 13.5 * (double)lines + 3, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_repeat_rows(ws, 0, 0);
    /* about 150 width units fill an A4 landscape page at 100 % */
    if (total <= 200)
        worksheet_fit_to_pages(ws, 1, 0);
    else
        worksheet_repeat_columns(ws, 0, 0);
    worksheet_set_footer(ws, x->nl ? "&L&A&RPagina &P van &N" : "&L&A&RPage &P of &N");
    return ws;
}

static void str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    worksheet_write_string(ws, r, c, s ? s : "", f);
}

/* A number; NaN and infinities (never in a valid run) as an empty cell. */
static void num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (isfinite(v))
        worksheet_write_number(ws, r, c, v, f);
    else
        worksheet_write_blank(ws, r, c, f);
}

/* ---- a run ----------------------------------------------------------------- */

static void summary_sheet(xw *x, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    size_t nt = sc->n_tranches;
    size_t nh = 3 + nt + 1;
    const char **heads = rs_xcalloc(nh, sizeof *heads);
    double *w = rs_xcalloc(nh, sizeof *w);
    char **own = rs_xcalloc(nt + 1, sizeof *own);
    heads[0] = T("Maatstaf", "Metric");
    w[0] = 36;
    heads[1] = T("Totaal", "Total");
    w[1] = 13;
    for (size_t t = 0; t < nt; t++) {
        own[t] = rs_xasprintf("%s %s", T("Tranche", "Tranche"), sc->tranches[t].id);
        heads[2 + t] = own[t];
        w[2 + t] = 13;
    }
    heads[2 + nt] = T("Eenheid", "Unit");
    w[2 + nt] = 9;
    heads[3 + nt] = T("Betekenis", "Meaning");
    w[3 + nt] = 70;
    lxw_worksheet *ws = sheet(x, "Samenvatting", heads, nh, w);
    lxw_row_t r = 1;
    for (int m = 0; m < RS_M_N; m++, r++) {
        str(ws, r, 0, rs_metric_label(m, x->nl), x->text);
        num(ws, r, 1, res->metrics[m], metric_fmt(x, m));
        for (size_t t = 0; t < nt; t++)
            num(ws, r, (lxw_col_t)(2 + t), res->tranche_metrics[t * RS_M_N + (size_t)m],
                metric_fmt(x, m));
        const char *u = rs_metric_unit(m, x->nl);
        str(ws, r, (lxw_col_t)(2 + nt), u, x->text);
        str(ws, r, (lxw_col_t)(3 + nt), rs_metric_meaning(m, x->nl), x->wrap);
    }
    r++;
    char *t = rs_xasprintf("%s: %s", T("Scenario", "Scenario"), sc->name);
    str(ws, r++, 0, t, x->note);
    free(t);
    t = rs_xasprintf(T("Bron: regiosim %s, scenariobestand %s, horizon %d–%d",
                       "Source: regiosim %s, scenario file %s, horizon %d–%d"),
                     RS_VERSION, sc->file, sc->start, sc->end);
    str(ws, r++, 0, t, x->note);
    free(t);
    str(ws, r, 0, T("Bedragen in miljoen euro; aandelen als percentage. De cellen bevatten de "
                    "onafgeronde waarden.",
                    "Amounts in million euro; shares as percentages. The cells hold the "
                    "unrounded values."),
        x->note);
    /* the run's warnings, worded in the workbook's language (messages.h) */
    if (res->warnings && res->warnings->n) {
        r += 2;
        str(ws, r++, 0, T("Waarschuwingen", "Warnings"), x->head);
        for (size_t i = 0; i < res->warnings->n; i++)
            str(ws, r++, 0, res->warnings->msg[i], x->note);
    }
    for (size_t q = 0; q < nt; q++)
        free(own[q]);
    free(own);
    free(heads);
    free(w);
}

static void yearly_sheet(xw *x, const rs_result *res)
{
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    const rs_scenario *sc = res->sc;
    size_t nh = 1 + RS_Y_N_OUT;
    const char **heads = rs_xcalloc(nh, sizeof *heads);
    char **own = rs_xcalloc(nh, sizeof *own);
    double *w = rs_xcalloc(nh, sizeof *w);
    heads[0] = T("Jaar", "Year");
    w[0] = 10;
    for (int s = 0; s < RS_Y_N_OUT; s++) {
        own[s] = rs_xasprintf("%s%s", rs_series_label(s, x->nl), T(" (€ mln)", " (M€)"));
        heads[1 + s] = own[s];
        w[1 + s] = 15;
    }
    lxw_worksheet *ws = sheet(x, "Per jaar", heads, nh, w);
    int last_row = sc->end - p->y0;
    lxw_row_t row = 1;
    for (int y = 0; y <= last_row && y < p->ny; y++, row++) {
        num(ws, row, 0, p->y0 + y, x->year);
        for (int s = 0; s < RS_Y_N_OUT; s++)
            num(ws, row, (lxw_col_t)(1 + s), r->y[s][y], x->meur);
    }
    char *after = rs_xasprintf("%s %d", T("na", "after"), sc->end);
    str(ws, row, 0, after, x->text);
    free(after);
    for (int s = 0; s < RS_Y_N_OUT; s++) {
        double sum = 0;
        if (s == RS_Y_BALANCE)
            sum = r->y[s][p->ny - 1];
        else
            for (int y = last_row + 1; y < p->ny; y++)
                sum += r->y[s][y];
        num(ws, row, (lxw_col_t)(1 + s), sum, x->meur);
    }
    str(ws, row + 2, 0, T("De rij 'na' telt de geldstromen na de horizon op; het saldo is dat aan "
                          "het eind van het laatste jaar met een geldstroom.",
                          "The row 'after' adds up the flows after the horizon; the balance is "
                          "the one at the end of the last year with a flow."),
        x->note);
    for (size_t q = 0; q < nh; q++)
        free(own[q]);
    free(own);
    free(heads);
    free(w);
}

static void tranche_years_sheet(xw *x, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    const char *heads[] = {T("Jaar", "Year"),
                           "Tranche",
                           "Instrument",
                           T("Betaald door het Rijk (€ mln)", "Paid by the Rijk (M€)"),
                           T("Teruggevorderd (€ mln)", "Reclaimed (M€)"),
                           T("Netto Rijk (€ mln)", "Rijk net (M€)"),
                           T("Besteed (€ mln)", "Spent (M€)")};
    const double w[] = {10, 10, 30, 16, 16, 16, 16};
    lxw_worksheet *ws = sheet(x, "Per jaar en tranche", heads, 7, w);
    int rows;
    double *ty = rs_tranche_years(res, &rows);
    lxw_row_t r = 1;
    for (int q = 0; q < rows; q++)
        for (size_t t = 0; t < sc->n_tranches; t++, r++) {
            const double *v = ty + (t * (size_t)rows + (size_t)q) * RS_TY_N;
            if (q == rows - 1) {
                char *a = rs_xasprintf("%s %d", T("na", "after"), sc->end);
                str(ws, r, 0, a, x->text);
                free(a);
            } else {
                num(ws, r, 0, sc->start + q, x->year);
            }
            str(ws, r, 1, sc->tranches[t].id, x->text);
            str(ws, r, 2, sc->instruments[sc->tranches[t].instrument].name, x->text);
            num(ws, r, 3, v[RS_TY_PAID], x->meur);
            num(ws, r, 4, v[RS_TY_RECLAIMED], x->meur);
            num(ws, r, 5, v[RS_TY_NET], x->meur);
            num(ws, r, 6, v[RS_TY_SPENT], x->meur);
        }
    free(ty);
    worksheet_autofilter(ws, 0, 0, r - 1, 6);
}

static void deals_sheet(xw *x, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    const char *heads[] = {"Deal",
                           T("Regio", "Region"),
                           "Tranche",
                           "Instrument",
                           T("Status", "Status"),
                           T("Cofinancieringsaandeel (%)", "Co-financing share (%)"),
                           T("Aanvraag (€ mln)", "Request (M€)"),
                           T("Toegekend (€ mln)", "Awarded (M€)"),
                           T("Cofinanciering (€ mln)", "Co-financing (M€)"),
                           T("Volume (€ mln)", "Volume (M€)"),
                           T("Laatste jaar", "Last year"),
                           T("Verlengd", "Extended"),
                           T("Besteed (€ mln)", "Spent (M€)"),
                           T("Betaald door het Rijk (€ mln)", "Paid by the Rijk (M€)"),
                           T("Teruggevorderd (€ mln)", "Reclaimed (M€)"),
                           T("Bij de regio gebleven (€ mln)", "Retained (M€)"),
                           T("Uitvoeringslasten regio (€ mln)", "Burden, region (M€)"),
                           T("Uitvoeringslasten Rijk (€ mln)", "Burden, Rijk (M€)")};
    const double w[] = {26, 28, 9, 26, 11, 14, 12, 12, 14, 12, 10, 9, 12, 14, 14, 14, 15, 15};
    lxw_worksheet *ws = sheet(x, "Deals", heads, 18, w);
    size_t nd = sc->n_deals < RS_XLSX_ROWS ? sc->n_deals : RS_XLSX_ROWS;
    for (size_t d = 0; d < nd; d++) {
        lxw_row_t r = (lxw_row_t)(d + 1);
        const rs_deal *deal = &sc->deals[d];
        const rs_tranche *t = &sc->tranches[deal->tranche];
        const rs_award *a = &res->plan->aw[d];
        const rs_dealres *dr = &res->run->dr[d];
        str(ws, r, 0, deal->id, x->text);
        str(ws, r, 1, sc->regions[deal->region].name, x->text);
        str(ws, r, 2, t->id, x->text);
        str(ws, r, 3, sc->instruments[t->instrument].name, x->text);
        str(ws, r, 4, rs_label_of(RS_LK_STATUS, rs_status_names[a->status], x->nl), x->text);
        num(ws, r, 5, a->c, x->pct);
        num(ws, r, 6, deal->request, x->meur);
        num(ws, r, 7, a->A, x->meur);
        num(ws, r, 8, a->C, x->meur);
        num(ws, r, 9, a->V, x->meur);
        if (a->status == RS_DROPPED)
            worksheet_write_blank(ws, r, 10, x->year);
        else
            num(ws, r, 10, t->year + dr->last, x->year);
        str(ws, r, 11, dr->extended ? T("ja", "yes") : T("nee", "no"), x->text);
        num(ws, r, 12, dr->spent, x->meur);
        num(ws, r, 13, dr->paid, x->meur);
        num(ws, r, 14, dr->reclaimed, x->meur);
        num(ws, r, 15, dr->retained, x->meur);
        num(ws, r, 16, dr->admin[0], x->meur);
        num(ws, r, 17, dr->admin[1], x->meur);
    }
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)nd, 17);
    if (nd < sc->n_deals) {
        char *t = rs_xasprintf(T("De eerste %zu van %zu deals; alle staan in deals.csv.",
                                 "The first %zu of %zu deals; all are in deals.csv."),
                               nd, sc->n_deals);
        str(ws, (lxw_row_t)nd + 2, 0, t, x->note);
        free(t);
    }
}

static void regions_sheet(xw *x, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    const char *heads[] = {T("Regio", "Region"),
                           T("Inwoners", "Inhabitants"),
                           T("Draagkracht (1 = landelijk gemiddelde)", "Fiscal capacity (1 = national average)"),
                           T("Druk op brede welvaart (0–1)", "Pressure on brede welvaart (0–1)"),
                           T("Cofinancieringsaandeel (%)", "Co-financing share (%)"),
                           T("Rijksbijdrage (€ mln)", "Rijk award (M€)"),
                           T("Rijksbijdrage per inwoner (€)", "Rijk award per inhabitant (€)")};
    const double w[] = {34, 12, 16, 16, 15, 14, 16};
    lxw_worksheet *ws = sheet(x, "Regio's", heads, 7, w);
    double *sum = rs_xcalloc(3 * (sc->n_regions ? sc->n_regions : 1), sizeof *sum);
    for (size_t d = 0; d < sc->n_deals; d++) {
        double *q = sum + 3 * sc->deals[d].region;
        q[0] += res->plan->aw[d].A;
        q[1] += res->plan->aw[d].C;
        q[2] += res->plan->aw[d].V;
    }
    size_t nr = sc->n_regions < RS_XLSX_ROWS ? sc->n_regions : RS_XLSX_ROWS;
    for (size_t i = 0; i < nr; i++) {
        lxw_row_t r = (lxw_row_t)(i + 1);
        const rs_region *reg = &sc->regions[i];
        double A = sum[3 * i], C = sum[3 * i + 1], V = sum[3 * i + 2];
        double cs = V > 0 ? C / V : rs_cofin_share(&sc->cofin, reg);
        str(ws, r, 0, reg->name, x->text);
        num(ws, r, 1, reg->population, x->eur);
        num(ws, r, 2, reg->fiscal_capacity, x->ratio);
        num(ws, r, 3, reg->bw_pressure, x->ratio);
        num(ws, r, 4, cs, x->pct);
        num(ws, r, 5, A, x->meur);
        num(ws, r, 6, A * 1e6 / reg->population, x->eur);
    }
    free(sum);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)nr, 6);
    if (nr < sc->n_regions) {
        char *t = rs_xasprintf(T("De eerste %zu van %zu regio's; alle staan in regions.csv.",
                                 "The first %zu of %zu regions; all are in regions.csv."),
                               nr, sc->n_regions);
        str(ws, (lxw_row_t)nr + 2, 0, t, x->note);
        free(t);
    }
}

static void uncertainty_sheet(xw *x, const rs_result *res)
{
    const rs_mc_result *mc = res->mc;
    const char *heads[] = {T("Maatstaf", "Metric"),
                           T("Deterministisch", "Deterministic"),
                           T("Gemiddelde", "Mean"),
                           T("Standaardafwijking", "Standard deviation"),
                           "P5",
                           "P50",
                           "P95",
                           T("Eenheid", "Unit")};
    const double w[] = {36, 14, 13, 14, 13, 13, 13, 9};
    lxw_worksheet *ws = sheet(x, "Onzekerheid", heads, 8, w);
    lxw_row_t r = 1;
    for (int m = 0; m < RS_M_N; m++, r++) {
        const rs_stats *st = &mc->metric[m];
        str(ws, r, 0, rs_metric_label(m, x->nl), x->text);
        num(ws, r, 1, res->metrics[m], metric_fmt(x, m));
        num(ws, r, 2, st->mean, metric_fmt(x, m));
        num(ws, r, 3, st->sd, metric_fmt(x, m));
        num(ws, r, 4, st->p5, metric_fmt(x, m));
        num(ws, r, 5, st->p50, metric_fmt(x, m));
        num(ws, r, 6, st->p95, metric_fmt(x, m));
        str(ws, r, 7, rs_metric_unit(m, x->nl), x->text);
    }
    r++;
    str(ws, r, 0, T("Trekkingen", "Draws"), x->text);
    num(ws, r++, 1, (double)mc->draws, x->count);
    str(ws, r, 0, "Seed", x->text);
    num(ws, r++, 1, (double)mc->seed, x->count);
    str(ws, r, 0, T("Trekkingen met een schokjaar", "Draws with a shock year"), x->text);
    num(ws, r++, 1, (double)mc->shocked, x->count);
    r++;
    /* the yearly bands (yearly_bands.csv) */
    const char *bh[] = {T("Jaar", "Year"), T("Reeks", "Series"), T("Gemiddelde (€ mln)", "Mean (M€)"),
                        T("Standaardafwijking (€ mln)", "Standard deviation (M€)"),
                        "P5 (€ mln)", "P50 (€ mln)", "P95 (€ mln)"};
    lxw_row_t head = r;
    for (int c = 0; c < 7; c++)
        str(ws, r, (lxw_col_t)c, bh[c], x->head);
    r++;
    for (int y = 0; y < mc->ny; y++)
        for (int s = 0; s <= RS_Y_N_OUT; s++, r++) {
            const rs_stats *st = s < RS_Y_N_OUT ? &mc->yearly[s][y] : &mc->cum_spent[y];
            num(ws, r, 0, mc->y0 + y, x->year);
            str(ws, r, 1, s < RS_Y_N_OUT ? rs_series_label(s, x->nl)
                                         : rs_label_of(RS_LK_SERIES, "spent_cumulative", x->nl),
                x->text);
            num(ws, r, 2, st->mean, x->meur);
            num(ws, r, 3, st->sd, x->meur);
            num(ws, r, 4, st->p5, x->meur);
            num(ws, r, 5, st->p50, x->meur);
            num(ws, r, 6, st->p95, x->meur);
        }
    (void)head;
}

/* One row of the assumptions sheet. */
typedef struct arow {
    lxw_worksheet *ws;
    lxw_row_t r;
    xw *x;
} arow;

static void assume(arow *a, const char *part, const char *param, double value, lxw_format *f,
                   const char *unit, const char *source, int estimate)
{
    xw *x = a->x;
    str(a->ws, a->r, 0, part, x->text);
    str(a->ws, a->r, 1, param, x->text);
    num(a->ws, a->r, 2, value, f);
    str(a->ws, a->r, 3, unit, x->text);
    str(a->ws, a->r, 4, source ? source : "–", x->wrap);
    str(a->ws, a->r, 5, estimate ? T("ja", "yes") : T("nee", "no"), x->text);
    a->r++;
}

static void assumptions(arow *a, const rs_scenario *sc, const char *prefix)
{
    xw *x = a->x;
    char part[400];
#define PART(...) snprintf(part, sizeof part, __VA_ARGS__)
    PART("%s%s", prefix, T("Scenario", "Scenario"));
    assume(a, part, T("beginjaar horizon", "first year of the horizon"), sc->start, x->year,
           T("jaar", "year"), sc->source, 0);
    assume(a, part, T("eindjaar horizon", "last year of the horizon"), sc->end, x->year,
           T("jaar", "year"), sc->source, 0);
    assume(a, part, rs_label_of(RS_LK_PARAM, "discount_rate", x->nl), sc->discount_rate, x->pct,
           T("per jaar", "per year"), sc->source, sc->estimate);
    assume(a, part, rs_label_of(RS_LK_PARAM, "mean", x->nl), sc->real_mean, x->pct,
           T("van het geplande", "of the plan"), sc->source, sc->real_estimate);
    for (int y = sc->start; y <= sc->end; y++)
        if (!isnan(sc->real_by_year[y - sc->start])) {
            char p[120];
            snprintf(p, sizeof p, "%s %d", rs_label_of(RS_LK_PARAM, "mean", x->nl), y);
            assume(a, part, p, sc->real_by_year[y - sc->start], x->pct,
                   T("van het geplande", "of the plan"), sc->source, sc->real_estimate);
        }
    PART("%s%s", prefix, T("Cofinanciering", "Co-financing"));
    const rs_cofin *c = &sc->cofin;
    if (strcmp(c->rule->name, "flat") == 0) {
        assume(a, part, rs_label_of(RS_LK_PARAM, "share", x->nl), c->share, x->pct,
               T("van het dealvolume", "of the deal volume"), sc->cofin_source, sc->cofin_estimate);
    } else if (strcmp(c->rule->name, "capacity_linear") == 0) {
        assume(a, part, rs_label_of(RS_LK_PARAM, "base", x->nl), c->base, x->pct, "",
               sc->cofin_source, sc->cofin_estimate);
        assume(a, part, rs_label_of(RS_LK_PARAM, "slope", x->nl), c->slope, x->ratio, "",
               sc->cofin_source, sc->cofin_estimate);
        assume(a, part, rs_label_of(RS_LK_PARAM, "min", x->nl), c->min, x->pct, "",
               sc->cofin_source, sc->cofin_estimate);
        assume(a, part, rs_label_of(RS_LK_PARAM, "max", x->nl), c->max, x->pct, "",
               sc->cofin_source, sc->cofin_estimate);
    } else {
        for (size_t i = 0; i < c->n_tiers; i++) {
            char p[160];
            snprintf(p, sizeof p, T("aandeel tot druk %.2f", "share up to pressure %.2f"),
                     c->tiers[i].max_pressure);
            assume(a, part, p, c->tiers[i].share, x->pct, "", sc->cofin_source,
                   sc->cofin_estimate);
        }
    }
    if (sc->unc.present) {
        PART("%s%s", prefix, T("Onzekerheid", "Uncertainty"));
        const rs_uncertainty *u = &sc->unc;
        assume(a, part, T("trekkingen", "draws"), (double)u->draws, x->count, "", NULL, 0);
        assume(a, part, rs_label_of(RS_LK_PARAM, "mean", x->nl), u->real_mean, x->pct, "", NULL, 1);
        assume(a, part, rs_label_of(RS_LK_PARAM, "concentration", x->nl), u->concentration,
               x->ratio, "", NULL, 1);
        assume(a, part, rs_label_of(RS_LK_PARAM, "shock_probability", x->nl),
               u->shock_probability, x->pct, T("per trekking", "per draw"), NULL, 1);
        assume(a, part, rs_label_of(RS_LK_PARAM, "shock_severity", x->nl), u->shock_severity,
               x->pct, "", NULL, 1);
        assume(a, part, rs_label_of(RS_LK_PARAM, "admin_spread", x->nl), u->admin_spread,
               x->ratio, "", NULL, 1);
    }
    for (size_t i = 0; i < sc->n_instruments; i++) {
        const rs_instrument *in = &sc->instruments[i];
        PART("%s%s", prefix, in->name);
        assume(a, part, rs_label_of(RS_LK_PARAM, "lag", x->nl), in->lag, x->count,
               T("jaar", "years"), in->source, in->estimate);
        if (in->has_deadline) {
            assume(a, part, rs_label_of(RS_LK_PARAM, "extension_years", x->nl),
                   in->extension_years, x->count, T("jaar", "years"), in->source, in->estimate);
            assume(a, part, rs_label_of(RS_LK_PARAM, "extension_threshold", x->nl),
                   in->extension_threshold, x->pct, T("van het volume", "of the volume"),
                   in->source, in->estimate);
        }
        if (in->has_settlement) {
            assume(a, part, rs_label_of(RS_LK_PARAM, "settlement_lag", x->nl), in->settlement_lag,
                   x->count, T("jaar", "years"), in->source, in->estimate);
            assume(a, part, rs_label_of(RS_LK_PARAM, "reclaim_share", x->nl), in->reclaim_share,
                   x->pct, T("van het onbestede Rijksdeel", "of the unspent Rijk share"),
                   in->source, in->estimate);
        }
        assume(a, part, rs_label_of(RS_LK_PARAM, "off_goal_share", x->nl), in->off_goal_share,
               x->pct, T("van het Rijksdeel", "of the Rijk share"), in->source, in->estimate);
        assume(a, part, rs_label_of(RS_LK_PARAM, "realisation_shift", x->nl),
               in->realisation_shift, x->pct, "", in->source, in->estimate);
        assume(a, part, T("uurtarief regio", "hourly rate, region"), in->tariff[0], x->eur,
               T("€ per uur", "€ per hour"), in->source, in->estimate);
        assume(a, part, T("uurtarief Rijk", "hourly rate, Rijk"), in->tariff[1], x->eur,
               T("€ per uur", "€ per hour"), in->source, in->estimate);
        for (size_t o = 0; o < in->n_obl; o++) {
            const rs_obligation *ob = &in->obl[o];
            char p[400];
            const char *side = ob->side ? "Rijk" : T("regio", "region");
            const char *per = rs_label_of(RS_LK_OBLIGATION, ob->per->name, x->nl);
            snprintf(p, sizeof p, "%s (%s): %s, %s", ob->name, side,
                     rs_label_of(RS_LK_PARAM, "hours", x->nl), per);
            assume(a, part, p, ob->hours, x->ratio, T("uur", "hours"),
                   ob->source ? ob->source : in->source, ob->estimate);
            if (ob->fixed_eur != 0) {
                snprintf(p, sizeof p, "%s (%s): %s", ob->name, side,
                         rs_label_of(RS_LK_PARAM, "fixed_eur", x->nl));
                assume(a, part, p, ob->fixed_eur, x->eur, "€", ob->source ? ob->source : in->source,
                       ob->estimate);
            }
            if (ob->share_of_flow != 0) {
                snprintf(p, sizeof p, "%s (%s): %s", ob->name, side,
                         rs_label_of(RS_LK_PARAM, "share_of_flow", x->nl));
                assume(a, part, p, ob->share_of_flow, x->pct, "",
                       ob->source ? ob->source : in->source, ob->estimate);
            }
        }
    }
    for (size_t t = 0; t < sc->n_tranches; t++) {
        const rs_tranche *tr = &sc->tranches[t];
        PART("%s%s %s", prefix, "Tranche", tr->id);
        assume(a, part, T("jaar", "year"), tr->year, x->year, "", tr->source, tr->estimate);
        assume(a, part, T("budget", "budget"), tr->budget, x->meur, T("€ mln", "M€"), tr->source,
               tr->estimate);
        if (tr->deal_min > 0)
            assume(a, part, rs_label_of(RS_LK_PARAM, "deal_min", x->nl), tr->deal_min, x->meur,
                   T("€ mln", "M€"), tr->source, tr->estimate);
    }
    for (size_t i = 0; i < sc->n_regions; i++) {
        const rs_region *reg = &sc->regions[i];
        PART("%s%s %s", prefix, T("Regio", "Region"), reg->name);
        assume(a, part, rs_label_of(RS_LK_PARAM, "population", x->nl), reg->population, x->eur, "",
               reg->source, reg->estimate);
        assume(a, part, rs_label_of(RS_LK_PARAM, "fiscal_capacity", x->nl), reg->fiscal_capacity,
               x->ratio, T("1 = landelijk gemiddelde", "1 = national average"), reg->source,
               reg->estimate);
        assume(a, part, rs_label_of(RS_LK_PARAM, "bw_pressure", x->nl), reg->bw_pressure, x->ratio,
               "0–1", reg->source, reg->estimate);
    }
    /* every deal's request and duration are on the sheet Deals too; here
     * up to 2,000 of them */
    size_t nd = sc->n_deals < 2000 ? sc->n_deals : 2000;
    if (nd < sc->n_deals) {
        char *t = rs_xasprintf(T("%s: de aanvraag en looptijd van alle %zu deals staan in het blad "
                                 "Deals",
                                 "%s: the request and duration of all %zu deals are on the sheet "
                                 "Deals"),
                               prefix[0] ? prefix : "Deals", sc->n_deals);
        str(a->ws, a->r++, 0, t, x->note);
        free(t);
    }
    for (size_t d = 0; d < nd; d++) {
        const rs_deal *deal = &sc->deals[d];
        PART("%sDeal %s", prefix, deal->id);
        assume(a, part, T("aanvraag", "request"), deal->request, x->meur, T("€ mln", "M€"), NULL, 0);
        assume(a, part, rs_label_of(RS_LK_PARAM, "duration", x->nl), deal->duration, x->count,
               T("jaar", "years"), NULL, 0);
    }
#undef PART
}

static lxw_worksheet *assumptions_sheet(xw *x, arow *a)
{
    const char *heads[] = {T("Onderdeel", "Part"),  T("Parameter", "Parameter"),
                           T("Waarde", "Value"),     T("Eenheid", "Unit"),
                           T("Bron", "Source"),      T("Schatting", "Estimate")};
    const double w[] = {34, 46, 12, 22, 80, 10};
    lxw_worksheet *ws = sheet(x, "Aannames en bronnen", heads, 6, w);
    a->ws = ws;
    a->r = 1;
    a->x = x;
    return ws;
}

static int open_book(xw *x, const char *path, int nl, const char *title)
{
    memset(x, 0, sizeof *x);
    x->nl = nl;
    lxw_workbook_options opt = {0};
    opt.tmpdir = NULL;
    /* rows go to disk as they are written (every sheet is written top to
     * bottom): a workbook of 100,000 deals in seconds, not minutes */
    opt.constant_memory = LXW_TRUE;
    x->wb = workbook_new_opt(path, &opt);
    if (!x->wb)
        return -1;
    lxw_doc_properties props = {0};
    props.title = (char *)title;
    props.author = (char *)"regiosim " RS_VERSION;
    props.comments = (char *)(nl ? "Gemaakt met regiosim; de cellen bevatten onafgeronde waarden"
                                 : "Made with regiosim; the cells hold unrounded values");
    /* A fixed creation time, so that the same run gives the same bytes
     * (results are compared byte for byte across thread counts and MPI
     * ranks): SOURCE_DATE_EPOCH when set, else 1 January 2000 UTC. */
    props.created = (time_t)946684800;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long t = strtoll(sde, &end, 10);
        if (*end == '\0' && t > 0)
            props.created = (time_t)t;
    }
    workbook_set_properties(x->wb, &props);
    formats(x);
    return 0;
}

static int close_book(xw *x, const char *shown, rs_diag *diag)
{
    lxw_error e = workbook_close(x->wb);
    if (e != LXW_NO_ERROR) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot write the workbook: %s", shown, lxw_strerror(e));
        return RS_EXIT_IO;
    }
    return RS_EXIT_OK;
}

int rs_write_xlsx(const char *path, const char *shown, const rs_result *res, int nl,
                  rs_diag *diag)
{
    xw xb, *x = &xb;
    if (open_book(x, path, nl, res->sc->name) < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create the workbook", shown);
        return RS_EXIT_IO;
    }
    summary_sheet(x, res);
    yearly_sheet(x, res);
    tranche_years_sheet(x, res);
    deals_sheet(x, res);
    regions_sheet(x, res);
    if (res->mc)
        uncertainty_sheet(x, res);
    arow a;
    assumptions_sheet(x, &a);
    assumptions(&a, res->sc, "");
    return close_book(x, shown, diag);
}

/* ---- a comparison ------------------------------------------------------------ */

int rs_write_xlsx_compare(const char *path, const char *shown, const rs_result *const *res,
                          const char *const *names, size_t n, const rs_xlsx_mc *mc, int nl,
                          rs_diag *diag)
{
    xw xb, *x = &xb;
    if (open_book(x, path, nl, nl ? "Vergelijking van scenario's" : "Comparison of scenarios") < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot create the workbook", shown);
        return RS_EXIT_IO;
    }
    /* Vergelijking: every metric per scenario, the difference with the
     * baseline and the relative difference (none from a base near 0) */
    size_t nd = 2 + n + 2 * (n - 1); /* the deterministic columns */
    size_t nh = nd + (mc ? 3 * n + 5 * (n - 1) : 0);
    const char **heads = rs_xcalloc(nh, sizeof *heads);
    char **own = rs_xcalloc(nh, sizeof *own);
    double *w = rs_xcalloc(nh, sizeof *w);
    heads[0] = T("Maatstaf", "Metric");
    w[0] = 36;
    heads[1] = T("Eenheid", "Unit");
    w[1] = 9;
    for (size_t i = 0; i < n; i++) {
        own[2 + i] = rs_xasprintf("%s%s", names[i], i ? "" : T(" (basis)", " (baseline)"));
        heads[2 + i] = own[2 + i];
        w[2 + i] = 16;
    }
    for (size_t i = 1; i < n; i++) {
        own[2 + n + 2 * (i - 1)] = rs_xasprintf(T("%s min basis", "%s minus baseline"), names[i]);
        own[3 + n + 2 * (i - 1)] = rs_xasprintf(T("%s t.o.v. basis (%%)", "%s vs baseline (%%)"), names[i]);
        heads[2 + n + 2 * (i - 1)] = own[2 + n + 2 * (i - 1)];
        heads[3 + n + 2 * (i - 1)] = own[3 + n + 2 * (i - 1)];
        w[2 + n + 2 * (i - 1)] = 16;
        w[3 + n + 2 * (i - 1)] = 14;
    }
    /* with draws: the scenario's own statistics, then the paired differences */
    for (size_t i = 0; mc && i < n; i++) {
        static const char *const st[][2] = {{"gemiddelde", "mean"}, {"P5", "P5"}, {"P95", "P95"}};
        for (size_t k = 0; k < 3; k++) {
            size_t c = nd + 3 * i + k;
            own[c] = rs_xasprintf(T("%s: %s over %ld trekkingen", "%s: %s over %ld draws"), names[i],
                                  nl ? st[k][0] : st[k][1], mc[i].draws);
            heads[c] = own[c];
            w[c] = 16;
        }
    }
    for (size_t i = 1; mc && i < n; i++) {
        static const char *const st[][2] = {{"gemiddeld verschil", "mean difference"},
                                            {"verschil P5", "difference P5"},
                                            {"verschil P95", "difference P95"},
                                            {"P(verschil > 0) (%)", "P(difference > 0) (%)"},
                                            {"P(verschil < 0) (%)", "P(difference < 0) (%)"}};
        for (size_t k = 0; k < 5; k++) {
            size_t c = nd + 3 * n + 5 * (i - 1) + k;
            own[c] = rs_xasprintf(T("%s min basis: %s", "%s minus baseline: %s"), names[i],
                                  nl ? st[k][0] : st[k][1]);
            heads[c] = own[c];
            w[c] = k < 3 ? 16 : 14;
        }
    }
    lxw_worksheet *ws = sheet(x, "Vergelijking", heads, nh, w);
    /* its 30 rows on one page tall, however many pages wide */
    worksheet_fit_to_pages(ws, nh > 12 ? 0 : 1, 1);
    int negligible = 0;
    for (int m = 0; m < RS_M_N; m++) {
        lxw_row_t r = (lxw_row_t)(m + 1);
        str(ws, r, 0, rs_metric_label(m, nl), x->text);
        str(ws, r, 1, rs_metric_unit(m, nl), x->text);
        for (size_t i = 0; i < n; i++)
            num(ws, r, (lxw_col_t)(2 + i), res[i]->metrics[m], metric_fmt(x, m));
        double base = res[0]->metrics[m];
        for (size_t i = 1; i < n; i++) {
            double diff = res[i]->metrics[m] - base;
            num(ws, r, (lxw_col_t)(2 + n + 2 * (i - 1)), diff, metric_fmt(x, m));
            /* no relative change against a base that is zero as shown */
            if (fabs(rs_metric_scale(m) * base) >= 0.5 * pow(10, -rs_metric_decimals(m)))
                num(ws, r, (lxw_col_t)(3 + n + 2 * (i - 1)), diff / fabs(base), x->pct);
            else
                str(ws, r, (lxw_col_t)(3 + n + 2 * (i - 1)), "–", x->text);
        }
        for (size_t i = 0; mc && i < n; i++) {
            const rs_stats *st = &mc[i].metric[m];
            num(ws, r, (lxw_col_t)(nd + 3 * i), st->mean, metric_fmt(x, m));
            num(ws, r, (lxw_col_t)(nd + 3 * i + 1), st->p5, metric_fmt(x, m));
            num(ws, r, (lxw_col_t)(nd + 3 * i + 2), st->p95, metric_fmt(x, m));
        }
        for (size_t i = 1; mc && i < n; i++) {
            const rs_stats *st = &mc[i].diff[m];
            lxw_col_t c = (lxw_col_t)(nd + 3 * n + 5 * (i - 1));
            /* a difference the report shows as "≈ 0" (rs_diff_classify) is
             * shown here to the euro, so that 0,0 never stands beside
             * P(> 0) = 100 % */
            int dec = rs_metric_decimals(m);
            double f = rs_metric_scale(m);
            lxw_format *df = metric_fmt(x, m);
            if (rs_diff_classify(f * st->mean, f * st->p5, f * st->p95, mc[i].p_greater[m],
                                 mc[i].p_less[m], dec + (dec == 0), dec) == RS_DIFF_NEGLIGIBLE) {
                df = df == x->pct ? x->fine_pct : x->fine;
                negligible = 1;
            }
            num(ws, r, c, st->mean, df);
            num(ws, r, c + 1, st->p5, df);
            num(ws, r, c + 2, st->p95, df);
            num(ws, r, c + 3, mc[i].p_greater[m], x->pct);
            num(ws, r, c + 4, mc[i].p_less[m], x->pct);
        }
    }
    if (mc) {
        lxw_row_t r = (lxw_row_t)(RS_M_N + 2);
        str(ws, r, 0, T("Verschillen en kansen gaan over de onafgeronde waarden per trekking.",
                        "Differences and probabilities are of the unrounded values per draw."),
            x->note);
        /* short lines: a note runs over the empty cells beside it, and a
         * printed page holds about 100 characters of them */
        if (negligible) {
            str(ws, r + 1, 0,
                T("Een verschil dat het rapport als ≈ 0 toont (gemiddelde, P5 en P95 kleiner",
                  "A difference the report shows as ≈ 0 (mean, P5 and P95 below the precision"),
                x->note);
            str(ws, r + 2, 0,
                T("dan de getoonde precisie) staat hier met zes decimalen: in € mln op de euro.",
                  "shown) is given here with six decimals: in M€ to the euro."),
                x->note);
        }
    }
    for (size_t q = 0; q < nh; q++)
        free(own[q]);
    free(own);
    free(heads);
    free(w);

    /* Per tranche: the net Rijk expenditure of each tranche id in each scenario */
    {
        const char **th = rs_xcalloc(2 + n, sizeof *th);
        char **to = rs_xcalloc(2 + n, sizeof *to);
        double *tw = rs_xcalloc(2 + n, sizeof *tw);
        th[0] = "Tranche";
        tw[0] = 10;
        th[1] = T("Maatstaf", "Metric");
        tw[1] = 30;
        for (size_t i = 0; i < n; i++) {
            to[i] = rs_xasprintf("%s%s", names[i], i ? "" : T(" (basis)", " (baseline)"));
            th[2 + i] = to[i];
            tw[2 + i] = 16;
        }
        lxw_worksheet *wt = sheet(x, "Per tranche", th, 2 + n, tw);
        static const int ms[] = {RS_M_RIJK_AWARDED, RS_M_RIJK_NET, RS_M_RIJK_RECLAIMED,
                                 RS_M_GOAL_SPENDING, RS_M_ADMIN_TOTAL};
        lxw_row_t r = 1;
        /* tranches in order of first appearance over the scenarios */
        for (size_t i = 0; i < n; i++)
            for (size_t t = 0; t < res[i]->sc->n_tranches; t++) {
                const char *id = res[i]->sc->tranches[t].id;
                int seen = 0;
                for (size_t j = 0; j < i && !seen; j++)
                    for (size_t u = 0; u < res[j]->sc->n_tranches && !seen; u++)
                        seen = strcmp(res[j]->sc->tranches[u].id, id) == 0;
                if (seen)
                    continue;
                for (size_t k = 0; k < sizeof ms / sizeof *ms; k++, r++) {
                    str(wt, r, 0, id, x->text);
                    char *lab = rs_xasprintf("%s%s", rs_metric_label(ms[k], nl), unit_of(x, ms[k]));
                    str(wt, r, 1, lab, x->text);
                    free(lab);
                    for (size_t j = 0; j < n; j++) {
                        size_t u = 0;
                        while (u < res[j]->sc->n_tranches && strcmp(res[j]->sc->tranches[u].id, id) != 0)
                            u++;
                        if (u < res[j]->sc->n_tranches)
                            num(wt, r, (lxw_col_t)(2 + j),
                                res[j]->tranche_metrics[u * RS_M_N + (size_t)ms[k]], x->meur);
                        else
                            str(wt, r, (lxw_col_t)(2 + j), "–", x->text);
                    }
                }
            }
        for (size_t i = 0; i < n; i++)
            free(to[i]);
        free(to);
        free(th);
        free(tw);
    }

    /* Regio's: the award per inhabitant in each scenario, by region id */
    {
        const char **rh = rs_xcalloc(1 + 2 * n, sizeof *rh);
        char **ro = rs_xcalloc(1 + 2 * n, sizeof *ro);
        double *rw = rs_xcalloc(1 + 2 * n, sizeof *rw);
        rh[0] = T("Regio", "Region");
        rw[0] = 34;
        for (size_t i = 0; i < n; i++) {
            const char *b = i ? "" : T(" (basis)", " (baseline)");
            ro[1 + 2 * i] = rs_xasprintf(T("%s%s: Rijksbijdrage (€ mln)", "%s%s: Rijk award (M€)"), names[i], b);
            ro[2 + 2 * i] = rs_xasprintf(T("%s%s: per inwoner (€)", "%s%s: per inhabitant (€)"), names[i], b);
            rh[1 + 2 * i] = ro[1 + 2 * i];
            rh[2 + 2 * i] = ro[2 + 2 * i];
            rw[1 + 2 * i] = rw[2 + 2 * i] = 16;
        }
        lxw_worksheet *wr = sheet(x, "Regio's", rh, 1 + 2 * n, rw);
        lxw_row_t r = 1;
        for (size_t i = 0; i < n; i++)
            for (size_t g = 0; g < res[i]->sc->n_regions; g++) {
                const rs_region *reg = &res[i]->sc->regions[g];
                int seen = 0;
                for (size_t j = 0; j < i && !seen; j++)
                    for (size_t u = 0; u < res[j]->sc->n_regions && !seen; u++)
                        seen = strcmp(res[j]->sc->regions[u].id, reg->id) == 0;
                if (seen)
                    continue;
                str(wr, r, 0, reg->name, x->text);
                for (size_t j = 0; j < n; j++) {
                    const rs_scenario *sj = res[j]->sc;
                    size_t u = 0;
                    while (u < sj->n_regions && strcmp(sj->regions[u].id, reg->id) != 0)
                        u++;
                    if (u == sj->n_regions) {
                        str(wr, r, (lxw_col_t)(1 + 2 * j), "–", x->text);
                        str(wr, r, (lxw_col_t)(2 + 2 * j), "–", x->text);
                        continue;
                    }
                    double A = 0;
                    for (size_t d = 0; d < sj->n_deals; d++)
                        if (sj->deals[d].region == u)
                            A += res[j]->plan->aw[d].A;
                    num(wr, r, (lxw_col_t)(1 + 2 * j), A, x->meur);
                    num(wr, r, (lxw_col_t)(2 + 2 * j), A * 1e6 / sj->regions[u].population, x->eur);
                }
                r++;
            }
        for (size_t i = 0; i < 1 + 2 * n; i++)
            free(ro[i]);
        free(ro);
        free(rh);
        free(rw);
    }
    arow a;
    assumptions_sheet(x, &a);
    for (size_t i = 0; i < n; i++) {
        char *prefix = rs_xasprintf("%s · ", names[i]);
        assumptions(&a, res[i]->sc, prefix);
        free(prefix);
    }
    return close_book(x, shown, diag);
}
