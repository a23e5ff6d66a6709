/* write.c — see write.h. */
#include "write.h"

#include "messages.h"
#include "labels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV ---------------------------------------------------------------- */

void rs_csv_init(rs_csv *c, FILE *f, const char *dialect)
{
    c->f = f;
    c->first = 1;
    int nl = dialect && strncmp(dialect, "nl", 2) == 0;
    c->sep = nl ? ';' : ',';
    c->dec = nl ? ',' : '.';
    c->decimals = dialect && strstr(dialect, ":exact") ? -1 : RS_CSV_DECIMALS;
    if (nl)
        fputs("\xEF\xBB\xBF", f);
}

static void sep(rs_csv *c)
{
    if (!c->first)
        fputc(c->sep, c->f);
    c->first = 0;
}

void rs_csv_str(rs_csv *c, const char *s)
{
    sep(c);
    /* A text that starts like a formula (= + - @, or tab or CR before
     * one) is run by a spreadsheet that opens the file: as OWASP
     * recommends, it gets a leading apostrophe, inside quotes, so Excel
     * and LibreOffice show it as text ("'=1+1" shows =1+1). */
    int formula = s[0] && strchr("=+-@\t\r", s[0]);
    if (!formula && !strpbrk(s, "\",;\n\r") && s[0] != ' ') {
        fputs(s, c->f);
        return;
    }
    fputc('"', c->f);
    if (formula)
        fputc('\'', c->f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', c->f);
        fputc(*s, c->f);
    }
    fputc('"', c->f);
}

void rs_csv_num(rs_csv *c, double x)
{
    char b[400];
    rs_fmt_csvnum(b, sizeof b, x, c->decimals, c->dec);
    sep(c);
    fputs(b, c->f);
}

void rs_csv_int(rs_csv *c, long x)
{
    sep(c);
    fprintf(c->f, "%ld", x);
}

void rs_csv_end(rs_csv *c)
{
    fputc('\n', c->f);
    c->first = 1;
}

/* ---- results ------------------------------------------------------------ */

void rs_result_make(rs_result *res, const rs_run *run, const rs_diag *warnings)
{
    const rs_scenario *sc = run->plan->sc;
    memset(res, 0, sizeof *res);
    res->sc = sc;
    res->plan = run->plan;
    res->run = run;
    res->warnings = warnings;
    double *work = rs_xcalloc(2 * sc->n_regions, sizeof *work);
    rs_metrics_compute(run, RS_SUB_ALL, 0, work, res->metrics);
    free(work);
    res->tranche_metrics = rs_xcalloc(sc->n_tranches * RS_M_N + 1, sizeof *res->tranche_metrics);
    res->region_metrics = rs_xcalloc(sc->n_regions * RS_M_N + 1, sizeof *res->region_metrics);
    rs_metrics_groups(run, res->tranche_metrics, res->region_metrics);
}

void rs_result_clear(rs_result *res)
{
    free(res->tranche_metrics);
    free(res->region_metrics);
    memset(res, 0, sizeof *res);
}

double *rs_tranche_years(const rs_result *res, int *rows)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    int nr = sc->end - sc->start + 2;
    double *out = rs_xcalloc(sc->n_tranches * (size_t)nr * RS_TY_N, sizeof *out);
    for (size_t d = 0; d < sc->n_deals; d++) {
        size_t t = sc->deals[d].tranche;
        int y0 = sc->tranches[t].year - sc->start;
        for (int k = 0; k < p->len[d]; k++) {
            int row = y0 + k;
            if (row < 0)
                row = 0;
            if (row > nr - 1)
                row = nr - 1;
            double *o = out + (t * (size_t)nr + (size_t)row) * RS_TY_N;
            size_t i = p->off[d] + (size_t)k;
            o[RS_TY_PAID] += r->paid[i];
            o[RS_TY_RECLAIMED] += r->reclaimed[i];
            o[RS_TY_NET] += r->paid[i] - r->reclaimed[i];
            o[RS_TY_SPENT] += r->spent[i];
        }
    }
    *rows = nr;
    return out;
}

/* ---- summary.json ------------------------------------------------------- */

void rs_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                fprintf(f, "\\u%04x", *p);
            } else if (*p >= 0x80) {
                /* a file name need not be UTF-8, JSON must be: a byte
                 * that is not part of a UTF-8 character becomes U+FFFD */
                size_t n = rs_utf8_len(p);
                if (n == 0) {
                    fputs("\\ufffd", f);
                } else {
                    fwrite(p, 1, n, f);
                    p += n - 1;
                }
            } else {
                fputc(*p, f);
            }
        }
    }
    fputc('"', f);
}

/* A JSON number; JSON has no infinity or NaN, so those are null (the
 * loader's bounds keep them out of every run, this is the last guard). */
void rs_json_num(FILE *f, double x)
{
    char b[40];
    if (!isfinite(x)) {
        fputs("null", f);
        return;
    }
    rs_fmt_num(b, sizeof b, x, '.');
    fputs(b, f);
}

static void json_metrics(FILE *f, const double *m, int per_region, const char *indent)
{
    fputs("{", f);
    int first = 1;
    for (int i = 0; i < RS_M_N; i++) {
        if (per_region && rs_metric_infos[i].across_regions)
            continue;
        fprintf(f, "%s\n%s  \"%s\": ", first ? "" : ",", indent, rs_metric_infos[i].name);
        rs_json_num(f, m[i]);
        first = 0;
    }
    fprintf(f, "\n%s}", indent);
}

void rs_write_summary_json(FILE *f, const rs_result *res)
{
    const rs_scenario *sc = res->sc;
    fputs("{\n  \"scenario\": ", f);
    rs_json_string(f, sc->name);
    fputs(",\n  \"version\": \"" RS_VERSION "\",\n  \"file\": ", f);
    rs_json_string(f, sc->file);
    fprintf(f, ",\n  \"horizon\": {\"start\": %d, \"end\": %d},\n  \"units\": {", sc->start,
            sc->end);
    for (int i = 0; i < RS_M_N; i++)
        fprintf(f, "%s\"%s\": \"%s\"", i ? ", " : "", rs_metric_infos[i].name,
                rs_metric_infos[i].unit);
    fputs("},\n  \"metrics\": ", f);
    json_metrics(f, res->metrics, 0, "  ");
    fputs(",\n  \"tranches\": [", f);
    for (size_t k = 0; k < sc->n_tranches; k++) {
        fprintf(f, "%s\n    {\"id\": ", k ? "," : "");
        rs_json_string(f, sc->tranches[k].id);
        fputs(", \"instrument\": ", f);
        rs_json_string(f, sc->instruments[sc->tranches[k].instrument].id);
        fprintf(f, ", \"year\": %d, \"budget\": ", sc->tranches[k].year);
        rs_json_num(f, sc->tranches[k].budget);
        fputs(", \"metrics\": ", f);
        json_metrics(f, res->tranche_metrics + k * RS_M_N, 0, "    ");
        fputs("}", f);
    }
    fputs("\n  ],\n  \"regions\": [", f);
    for (size_t k = 0; k < sc->n_regions; k++) {
        fprintf(f, "%s\n    {\"id\": ", k ? "," : "");
        rs_json_string(f, sc->regions[k].id);
        fputs(", \"metrics\": ", f);
        json_metrics(f, res->region_metrics + k * RS_M_N, 1, "    ");
        fputs("}", f);
    }
    fputs("\n  ],", f);
    if (res->mc) {
        const rs_mc_result *mc = res->mc;
        fprintf(f, "\n  \"uncertainty\": {\"draws\": %ld, \"seed\": %lu, \"shocked_draws\": %ld, "
                   "\"metrics\": {",
                mc->draws, mc->seed, mc->shocked);
        for (int i = 0; i < RS_M_N; i++) {
            const rs_stats *st = &mc->metric[i];
            fprintf(f, "%s\n    \"%s\": {\"mean\": ", i ? "," : "", rs_metric_infos[i].name);
            rs_json_num(f, st->mean);
            fputs(", \"sd\": ", f);
            rs_json_num(f, st->sd);
            fputs(", \"p5\": ", f);
            rs_json_num(f, st->p5);
            fputs(", \"p50\": ", f);
            rs_json_num(f, st->p50);
            fputs(", \"p95\": ", f);
            rs_json_num(f, st->p95);
            fputs("}", f);
        }
        fputs("\n  }},", f);
    }
    /* which figure the report leads with: the mean when there are draws */
    fprintf(f, "\n  \"headline\": \"%s\",", res->mc ? "uncertainty.metrics.*.mean" : "metrics");
    if (res->mc) {
        int out[RS_M_N];
        int n = rs_result_outside(res, out);
        fputs("\n  \"deterministic_outside_p5_p95\": [", f);
        for (int i = 0; i < n; i++)
            fprintf(f, "%s\"%s\"", i ? ", " : "", rs_metric_infos[out[i]].name);
        fputs("],", f);
    }
    fputs("\n  \"warnings\": [", f);
    for (size_t i = 0; res->warnings && i < res->warnings->n; i++) {
        fputs(i ? ",\n    " : "\n    ", f);
        rs_json_string(f, res->warnings->msg[i]);
    }
    fputs(res->warnings && res->warnings->n ? "\n  ]\n}\n" : "]\n}\n", f);
}

/* ---- yearly.csv --------------------------------------------------------- */

void rs_write_yearly_csv(FILE *f, const rs_result *res, const char *dialect)
{
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    const rs_scenario *sc = res->sc;
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    rs_csv_str(&c, "year");
    for (int s = 0; s < RS_Y_N_OUT; s++)
        rs_csv_str(&c, rs_series_names[s]);
    rs_csv_end(&c);
    int last_row = sc->end - p->y0; /* index of horizon.end */
    for (int y = 0; y <= last_row && y < p->ny; y++) {
        rs_csv_int(&c, p->y0 + y);
        for (int s = 0; s < RS_Y_N_OUT; s++)
            rs_csv_num(&c, r->y[s][y]);
        rs_csv_end(&c);
    }
    /* after: flows past horizon.end summed; the balance (a stock) at the
     * end of the last year with a flow */
    rs_csv_str(&c, "after");
    for (int s = 0; s < RS_Y_N_OUT; s++) {
        double sum = 0;
        if (s == RS_Y_BALANCE)
            sum = r->y[s][p->ny - 1];
        else
            for (int y = last_row + 1; y < p->ny; y++)
                sum += r->y[s][y];
        rs_csv_num(&c, sum);
    }
    rs_csv_end(&c);
}

/* ---- deals.csv ---------------------------------------------------------- */

void rs_write_deals_csv(FILE *f, const rs_result *res, const char *dialect)
{
    static const char *const head[] = {
        "deal",   "region",      "tranche",   "instrument", "status",  "cofin_share",
        "request", "award",      "cofinancing", "volume",   "last_year", "extended",
        "spent",  "rijk_paid",   "reclaimed", "retained",   "admin_region", "admin_rijk",
        "p_extended", "mean_reclaimed", NULL};
    const rs_scenario *sc = res->sc;
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    for (int i = 0; head[i]; i++)
        rs_csv_str(&c, head[i]);
    rs_csv_end(&c);
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_deal *deal = &sc->deals[d];
        const rs_tranche *t = &sc->tranches[deal->tranche];
        const rs_award *a = &res->plan->aw[d];
        const rs_dealres *dr = &res->run->dr[d];
        rs_csv_str(&c, deal->id);
        rs_csv_str(&c, sc->regions[deal->region].id);
        rs_csv_str(&c, t->id);
        rs_csv_str(&c, sc->instruments[deal->instrument].id);
        rs_csv_str(&c, rs_status_names[a->status]);
        rs_csv_num(&c, a->c);
        rs_csv_num(&c, deal->request);
        rs_csv_num(&c, a->A);
        rs_csv_num(&c, a->C);
        rs_csv_num(&c, a->V);
        if (a->status == RS_DROPPED)
            rs_csv_str(&c, "");
        else
            rs_csv_int(&c, t->year + dr->last);
        rs_csv_int(&c, dr->extended);
        rs_csv_num(&c, dr->spent);
        rs_csv_num(&c, dr->paid);
        rs_csv_num(&c, dr->reclaimed);
        rs_csv_num(&c, dr->retained);
        rs_csv_num(&c, dr->admin[0]);
        rs_csv_num(&c, dr->admin[1]);
        /* with draws: the share of draws that extended the deal and its
         * mean reclaim; empty for a deterministic run */
        if (res->mc) {
            rs_csv_num(&c, res->mc->p_extended[d]);
            rs_csv_num(&c, res->mc->mean_reclaimed[d]);
        } else {
            rs_csv_str(&c, "");
            rs_csv_str(&c, "");
        }
        rs_csv_end(&c);
    }
}

/* ---- regions.csv -------------------------------------------------------- */

void rs_write_regions_csv(FILE *f, const rs_result *res, const char *dialect)
{
    const rs_scenario *sc = res->sc;
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    static const char *const head[] = {
        "region",       "population",   "fiscal_capacity", "bw_pressure", "cofin_share",
        "award",        "award_per_capita", "name",        "deals",       "cofinancing",
        "cofinancing_per_capita", "admin_region", "rijk_net", "reclaimed", "retained", NULL};
    for (int i = 0; head[i]; i++)
        rs_csv_str(&c, head[i]);
    rs_csv_end(&c);
    for (size_t i = 0; i < sc->n_regions; i++) {
        const rs_region *reg = &sc->regions[i];
        const double *m = res->region_metrics + i * RS_M_N;
        double A = m[RS_M_RIJK_AWARDED], C = m[RS_M_COFINANCING], V = m[RS_M_VOLUME];
        /* the share actually agreed over its deals; the scenario rule's
         * share for a region without an awarded deal */
        double cs = V > 0 ? C / V : rs_cofin_share(&sc->cofin, reg);
        rs_csv_str(&c, reg->id);
        rs_csv_num(&c, reg->population);
        rs_csv_num(&c, reg->fiscal_capacity);
        rs_csv_num(&c, reg->bw_pressure);
        rs_csv_num(&c, cs);
        rs_csv_num(&c, A);
        rs_csv_num(&c, A * 1e6 / reg->population);
        rs_csv_str(&c, reg->name);
        rs_csv_num(&c, m[RS_M_DEALS_AWARDED]);
        rs_csv_num(&c, C);
        rs_csv_num(&c, C * 1e6 / reg->population);
        rs_csv_num(&c, m[RS_M_ADMIN_REGION]);
        rs_csv_num(&c, m[RS_M_RIJK_NET]);
        rs_csv_num(&c, m[RS_M_RIJK_RECLAIMED]);
        rs_csv_num(&c, m[RS_M_RETAINED]);
        rs_csv_end(&c);
    }
}

/* ---- yearly_tranches.csv ------------------------------------------------ */

/* The rows of one run; 'label' (when not NULL) starts each row. */
static void tranche_rows(rs_csv *c, const rs_result *res, const char *label)
{
    const rs_plan *p = res->plan;
    const rs_scenario *sc = res->sc;
    const size_t ny = (size_t)p->ny, stride = (size_t)RS_Y_N_OUT * ny;
    double *ty = rs_xcalloc(sc->n_tranches * stride + 1, sizeof *ty);
    rs_metrics_tranche_yearly(res->run, ty);
    int last_row = sc->end - p->y0;
    for (size_t t = 0; t < sc->n_tranches; t++) {
        const double *o = ty + t * stride;
        for (int y = 0; y <= last_row + 1; y++) {
            int after = y == last_row + 1;
            if (!after && y >= (int)ny)
                continue;
            if (label)
                rs_csv_str(c, label);
            rs_csv_str(c, sc->tranches[t].id);
            rs_csv_str(c, sc->instruments[sc->tranches[t].instrument].id);
            if (after)
                rs_csv_str(c, "after");
            else
                rs_csv_int(c, p->y0 + y);
            for (int s = 0; s < RS_Y_N_OUT; s++) {
                double v = 0;
                if (!after)
                    v = o[(size_t)s * ny + (size_t)y];
                else if (s == RS_Y_BALANCE)
                    v = o[(size_t)s * ny + ny - 1];
                else
                    for (size_t k = (size_t)last_row + 1; k < ny; k++)
                        v += o[(size_t)s * ny + k];
                rs_csv_num(c, v);
            }
            rs_csv_end(c);
        }
    }
    free(ty);
}

void rs_write_tranches_yearly_many(FILE *f, const rs_result *const *res,
                                   const char *const *labels, size_t n, const char *dialect)
{
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    if (labels)
        rs_csv_str(&c, "scenario");
    rs_csv_str(&c, "tranche");
    rs_csv_str(&c, "instrument");
    rs_csv_str(&c, "year");
    for (int s = 0; s < RS_Y_N_OUT; s++)
        rs_csv_str(&c, rs_series_names[s]);
    rs_csv_end(&c);
    for (size_t i = 0; i < n; i++)
        tranche_rows(&c, res[i], labels ? labels[i] : NULL);
}

void rs_write_tranches_yearly_csv(FILE *f, const rs_result *res, const char *dialect)
{
    rs_write_tranches_yearly_many(f, &res, NULL, 1, dialect);
}

/* ---- yearly_bands.csv --------------------------------------------------- */

void rs_write_bands_csv(FILE *f, const rs_result *res, const char *dialect)
{
    const rs_mc_result *mc = res->mc;
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    static const char *const head[] = {"year", "series", "mean", "sd", "p5", "p50", "p95", NULL};
    for (int i = 0; head[i]; i++)
        rs_csv_str(&c, head[i]);
    rs_csv_end(&c);
    for (int y = 0; y < mc->ny; y++) {
        for (int s = 0; s <= RS_Y_N_OUT; s++) {
            const rs_stats *st = s < RS_Y_N_OUT ? &mc->yearly[s][y] : &mc->cum_spent[y];
            rs_csv_int(&c, mc->y0 + y);
            rs_csv_str(&c, s < RS_Y_N_OUT ? rs_series_names[s] : "spent_cumulative");
            rs_csv_num(&c, st->mean);
            rs_csv_num(&c, st->sd);
            rs_csv_num(&c, st->p5);
            rs_csv_num(&c, st->p50);
            rs_csv_num(&c, st->p95);
            rs_csv_end(&c);
        }
    }
}

/* ---- warnings ----------------------------------------------------------- */

void rs_collect_warnings(const rs_run *run, rs_diag *diag, int nl)
{
    const rs_plan *p = run->plan;
    const rs_scenario *sc = p->sc;
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_award *a = &p->aw[d];
        const rs_tranche *t = &sc->tranches[sc->deals[d].tranche];
        if (a->status == RS_DROPPED) {
            char why[768];
            rs_msg_format(why, sizeof why, &a->why, nl);
            rs_msg m = {RS_MSG_W_DROPPED, {0, 0, 0, 0}, {sc->deals[d].id, why}};
            rs_diag_add_msg(diag, &m, nl);
        } else if (a->A < t->deal_min) {
            rs_msg m = {RS_MSG_W_PRORATA_MIN, {a->A, t->deal_min, 0, 0}, {sc->deals[d].id, NULL}};
            rs_diag_add_msg(diag, &m, nl);
        }
    }
    for (size_t k = 0; k < sc->n_tranches; k++)
        if (p->overrun[k] > 0) {
            rs_msg m = {RS_MSG_W_OVERRUN, {sc->tranches[k].budget, p->overrun[k], 0, 0},
                        {sc->tranches[k].id, NULL}};
            rs_diag_add_msg(diag, &m, nl);
        }
    int last_row = sc->end - p->y0;
    double after = 0, after_spent = 0;
    for (int y = last_row + 1; y < p->ny; y++) {
        after += fabs(run->y[RS_Y_PAID][y]) + fabs(run->y[RS_Y_RECLAIMED][y]);
        after_spent += run->y[RS_Y_SPENT][y];
    }
    if (after > 0 || after_spent > 0) {
        rs_msg m = {RS_MSG_W_AFTER, {after, after_spent, 0, sc->end}, {NULL, NULL}};
        rs_diag_add_msg(diag, &m, nl);
    }
}

/* ---- deterministic value against the draws --------------------------- */

int rs_result_outside(const rs_result *res, int *out)
{
    int n = 0;
    for (int m = 0; res->mc && m < RS_M_N; m++) {
        const rs_stats *st = &res->mc->metric[m];
        double x = res->metrics[m];
        /* outside by more than rounding: a value the draws never move
         * (an award) lies on P5 and P95 */
        double tol = 1e-9 * fmax(1, fabs(x));
        if (x < st->p5 - tol || x > st->p95 + tol)
            out[n++] = m;
    }
    return n;
}

char *rs_result_note(const rs_result *res, int nl)
{
    int out[RS_M_N];
    int n = rs_result_outside(res, out);
    if (!n)
        return NULL;
    rs_buf b;
    rs_buf_init(&b);
    rs_buf_add(&b, nl ? "De deterministische waarde ligt buiten P5–P95 van de trekkingen voor "
                      : "The deterministic value lies outside the draws' P5–P95 for ");
    for (int i = 0; i < n; i++)
        rs_buf_printf(&b, "%s%s", i ? (i + 1 == n ? (nl ? " en " : " and ") : ", ") : "",
                      rs_metric_infos[out[i]].name);
    rs_buf_add(&b, ". ");
    /* the extension cliff: deals just above the threshold are extended
     * and spend their backlog, deals just below are not and are reclaimed */
    const rs_scenario *sc = res->sc;
    long det_ext = 0, eligible = 0, majority = 0;
    double mean_ext = 0;
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_tranche *t = &sc->tranches[sc->deals[d].tranche];
        if (!sc->instruments[t->instrument].has_deadline ||
            res->plan->aw[d].status == RS_DROPPED)
            continue;
        eligible++;
        det_ext += res->run->dr[d].extended;
        mean_ext += res->mc->p_extended[d];
        majority += res->mc->p_extended[d] > 0.5;
    }
    if (eligible)
        rs_buf_printf(&b,
                      nl ? "De verlengingsregel is een klif: een deal met een achterstand net "
                           "boven de drempel wordt verlengd en besteedt die, een deal net "
                           "eronder niet en die wordt teruggevorderd. De deterministische run "
                           "verlengt %ld van de %ld deals met een einddatum; in de trekkingen "
                           "worden gemiddeld %.1f deals verlengd (%ld deals in meer dan de "
                           "helft van de trekkingen, zie p_extended in deals.csv). "
                         : "The extension rule is a cliff: a deal whose backlog is just above "
                           "the threshold is extended and spends it, one just below is not and "
                           "is reclaimed. The deterministic run extends %ld of the %ld deals "
                           "with a deadline; in the draws %.1f deals are extended on average "
                           "(%ld deals in more than half of the draws, see p_extended in "
                           "deals.csv). ",
                      det_ext, eligible, mean_ext, majority);
    rs_buf_add(&b, nl ? "Het gemiddelde over de trekkingen is het kerncijfer."
                      : "The mean over the draws is the headline figure.");
    return b.s;
}

/* ---- the table on stdout ------------------------------------------------ */

/* 'text' padded with spaces to 'width' characters (not bytes). */
static void pad(FILE *f, const char *text, int width, int right)
{
    int chars = (int)rs_text_width(text);
    if (right)
        fprintf(f, "%*s%s", width > chars ? width - chars : 0, "", text);
    else
        fprintf(f, "%s%*s", text, width > chars ? width - chars : 0, "");
}

void rs_write_table(FILE *f, const rs_result *res, int nl)
{
    const rs_scenario *sc = res->sc;
    const double *m = res->metrics;
    fprintf(f, "%s\n", sc->name);
    if (nl)
        fprintf(f, "  %s, horizon %d–%d, %zu deals in %zu tranche%s: %.0f toegekend (%.0f "
                   "verlaagd), %.0f vervallen\n\n",
                sc->file, sc->start, sc->end, sc->n_deals, sc->n_tranches,
                sc->n_tranches == 1 ? "" : "s", m[RS_M_DEALS_AWARDED], m[RS_M_DEALS_SCALED],
                m[RS_M_DEALS_DROPPED]);
    else
        fprintf(f, "  %s, horizon %d–%d, %zu deals in %zu tranche%s: %.0f awarded (%.0f scaled), "
                   "%.0f dropped\n\n",
                sc->file, sc->start, sc->end, sc->n_deals, sc->n_tranches,
                sc->n_tranches == 1 ? "" : "s", m[RS_M_DEALS_AWARDED], m[RS_M_DEALS_SCALED],
                m[RS_M_DEALS_DROPPED]);
    static const rs_metric shown[] = {
        RS_M_RIJK_AWARDED,  RS_M_COFINANCING,   RS_M_VOLUME,        RS_M_LEVERAGE,
        RS_M_RIJK_PAID,     RS_M_RIJK_RECLAIMED, RS_M_RIJK_NET,     RS_M_SPENT,
        RS_M_GOAL_SPENDING, RS_M_RETAINED,      RS_M_ADMIN_REGION,  RS_M_ADMIN_RIJK,
        RS_M_ADMIN_PCT,     RS_M_EFFECTIVENESS, RS_M_DELAY_YEARS,   RS_M_NPV_RIJK,
        RS_M_BUDGET_OVERRUN, RS_M_GINI_PER_CAPITA, RS_M_PRESSURE_CORRELATION};
    enum { W = 38 };
    if (res->mc) {
        fprintf(f, "  %*s", W, "");
        pad(f, nl ? "deterministisch" : "deterministic", 16, 1);
        fprintf(f, "         %12s %12s %12s %12s\n", nl ? "gemiddelde" : "mean", "P5", "P50", "P95");
    }
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        int mi = shown[i];
        char v[64];
        /* three decimals in the terminal: the table is for checking, the
         * report and the workbook round for reading */
        rs_fmt(v, sizeof v, rs_metric_scale(mi) * m[mi], mi == RS_M_ADMIN_PCT ? 2 : 3, nl);
        fputs("  ", f);
        pad(f, rs_metric_label(mi, nl), W, 0);
        pad(f, v, 16, 1);
        fputc(' ', f);
        pad(f, rs_metric_unit(mi, nl), 7, 0);
        if (res->mc) {
            const rs_stats *st = &res->mc->metric[mi];
            const double q[4] = {st->mean, st->p5, st->p50, st->p95};
            for (int k = 0; k < 4; k++) {
                rs_fmt(v, sizeof v, rs_metric_scale(mi) * q[k], mi == RS_M_ADMIN_PCT ? 2 : 3, nl);
                fputc(' ', f);
                pad(f, v, 12, 1);
            }
        }
        fputc('\n', f);
    }
    if (res->mc) {
        fprintf(f, nl ? "\n  Monte Carlo: %ld trekkingen, seed %lu (gemiddelde, P5, P50, P95 over de "
                        "trekkingen)\n"
                      : "\n  Monte Carlo: %ld draws, seed %lu (mean, P5, P50, P95 over the draws)\n",
                res->mc->draws, res->mc->seed);
        char *note = rs_result_note(res, nl);
        if (note) {
            /* wrapped at about 90 columns */
            fputs("  ", f);
            int col = 2;
            for (char *w = strtok(note, " "); w; w = strtok(NULL, " ")) {
                int len = (int)strlen(w);
                if (col > 2 && col + 1 + len > 92) {
                    fputs("\n  ", f);
                    col = 2;
                } else if (col > 2) {
                    fputc(' ', f);
                    col++;
                }
                fputs(w, f);
                col += len;
            }
            fputc('\n', f);
            free(note);
        }
    }
}
