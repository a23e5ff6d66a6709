/* mc_charts.c — the charts of a Monte Carlo run: fans of the yearly Rijk
 * net flow and of cumulative spending (P5–P95 band, P50 line, the
 * deterministic run dashed), and a histogram of one metric. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../output/labels.h"
#include "charts.h"


/* A fan over the years with a flow: 'band' per year, 'det' the
 * deterministic value per year (plan years).  The x axis is the horizon,
 * plus one position 'na <end>' only when anything moves after it: for a
 * cumulative series ('cumulative') the band of the last year (the
 * distribution of the total), for a yearly flow the sum of the mean and of
 * the deterministic flows after the horizon, without a band (a quantile of
 * a sum is not the sum of the quantiles). */
static void fan(const rs_result *res, const rs_gp *g, const char *name, const char *title,
                const rs_stats *band, const double *det, int cumulative, rs_buf *dat, rs_buf *gp)
{
    const rs_mc_result *mc = res->mc;
    int first = res->sc->start - mc->y0;
    int last = res->sc->end - mc->y0;
    if (first < 0)
        first = 0;
    if (last > mc->ny - 1)
        last = mc->ny - 1;
    int after = 0;
    /* below half the display precision (0,1 mln) is no flow */
    for (int y = last + 1; y < mc->ny; y++) {
        const rs_stats *p = cumulative ? &band[y - 1] : NULL;
        if (cumulative ? fabs(band[y].p95 - p->p95) >= 0.05 || fabs(band[y].p5 - p->p5) >= 0.05 ||
                             fabs(det[y] - det[y - 1]) >= 0.05
                       : fabs(band[y].p95) >= 0.05 || fabs(band[y].p5) >= 0.05 ||
                             fabs(det[y]) >= 0.05)
            after = 1;
    }
    double lo = 0, hi = 0;
    rs_buf_add(dat, "# year\tdeterministic\tp5\tp50\tp95\tmean (M€)");
    if (after)
        rs_buf_printf(dat, cumulative ? "; year %d: 'after the horizon', the total at the end"
                                      : "; year %d: 'after the horizon', the sum of the deterministic "
                                        "and of the mean flows after it (no band)",
                      res->sc->end + 1);
    rs_buf_add(dat, "\n");
    for (int y = first; y <= last + after; y++) {
        double v[5];
        if (y <= last) {
            v[0] = det[y];
            v[1] = band[y].p5;
            v[2] = band[y].p50;
            v[3] = band[y].p95;
            v[4] = band[y].mean;
        } else if (cumulative) {
            int z = mc->ny - 1;
            v[0] = det[z];
            v[1] = band[z].p5;
            v[2] = band[z].p50;
            v[3] = band[z].p95;
            v[4] = band[z].mean;
        } else {
            v[0] = v[4] = 0;
            for (int z = last + 1; z < mc->ny; z++) {
                v[0] += det[z];
                v[4] += band[z].mean;
            }
            v[1] = v[2] = v[3] = NAN;
        }
        rs_buf_printf(dat, "%d", mc->y0 + y);
        for (int j = 0; j < 5; j++)
            rs_chart_dat_cell(dat, v[j], &lo, &hi);
        rs_buf_add(dat, "\n");
    }
    rs_gp_header(gp, g, name);
    rs_chart_title(gp, g, title);
    rs_chart_axis_label(gp, "y", RS_L(g, "€ mln", "€ million"));
    rs_chart_axis_label(gp, "x", RS_L(g, "jaar", "year"));
    rs_gp_tics(gp, g, "y", lo, hi * 1.05);
    rs_chart_years(gp, g, mc->y0 + first, res->sc->end, after);
    rs_buf_add(gp, "set xzeroaxis lt -1 lc rgb c_axis lw 1\n");
    char lab[128];
    snprintf(lab, sizeof lab, RS_L(g, "90 %% van de trekkingen (P5–P95, %ld trekkingen)",
                                   "90%% of the draws (P5–P95, %ld draws)"),
             mc->draws);
    const char *l_det = RS_L(g, "deterministische berekening", "deterministic run");
    rs_chart_key_below(gp, g, 3 + (after && !cumulative), rs_text_chars(lab), 1);
    rs_gp_layout(gp, g, "fan");
    /* the band, with its edges drawn too: a narrow band (a SPUK's net
     * flow varies little) still shows as two lines around the median */
    rs_buf_printf(gp, "plot '%s.dat' using 1:3:5 with filledcurves fc rgb c_band fs solid 0.7 "
                      "title ",
                  name);
    rs_gp_quote(gp, lab);
    rs_buf_add(gp, ", \\\n  '' using 1:3 with lines dt 1 lw 1.2 lc rgb c_real notitle, \\\n"
                   "  '' using 1:5 with lines dt 1 lw 1.2 lc rgb c_real notitle, \\\n"
                   "  '' using 1:4 with lines dt 1 lw 2.5 lc rgb c_net title ");
    rs_gp_quote(gp, RS_L(g, "mediaan (P50)", "median (P50)"));
    rs_buf_add(gp, ", \\\n  '' using 1:2 with lines lw 2.5 dt 2 lc rgb c_accent title ");
    rs_gp_quote(gp, l_det);
    if (after && !cumulative) {
        rs_buf_printf(gp, ", \\\n  '' using 1:($1 > %d ? $6 : NaN) with points pt 7 ps 1.2 "
                          "lc rgb c_net title ", res->sc->end);
        rs_gp_quote(gp, RS_L(g, "na de horizon: som van de gemiddelden", "after the horizon: sum of the means"));
    }
    rs_buf_add(gp, "\n");
}

static void histogram(const rs_result *res, const rs_gp *g, rs_metric m, const char *name,
                      rs_buf *dat, rs_buf *gp)
{
    const rs_mc_result *mc = res->mc;
    enum { NB = 40 };
    double edges[NB + 1];
    long counts[NB];
    rs_mc_histogram(mc, m, NB, edges, counts);
    const rs_metric_info *mi = &rs_metric_infos[m];
    double k = strcmp(mi->unit, "share") == 0 ? 100 : 1;
    rs_buf_add(dat, "# bin_middle\tcount\tbin_width\n");
    long top = 0;
    for (int i = 0; i < NB; i++) {
        rs_chart_dat_num(dat, k * (edges[i] + edges[i + 1]) / 2);
        rs_buf_printf(dat, "\t%ld\t", counts[i]);
        rs_chart_dat_num(dat, k * (edges[i + 1] - edges[i]));
        rs_buf_add(dat, "\n");
        top = counts[i] > top ? counts[i] : top;
    }
    rs_gp_header(gp, g, name);
    char t[200];
    snprintf(t, sizeof t, "%s: %s (%ld %s)", RS_L(g, "Verdeling", "Distribution"),
             rs_metric_label(m, g->nl), mc->draws, RS_L(g, "trekkingen", "draws"));
    rs_chart_title(gp, g, t);
    const char *unit = strcmp(mi->unit, "M€") == 0 ? RS_L(g, "€ mln", "€ million")
                                                   : rs_metric_unit(m, g->nl);
    if (!unit[0])
        unit = rs_metric_label(m, g->nl);
    rs_buf_add(gp, "set xlabel ");
    rs_gp_quote(gp, unit);
    rs_buf_add(gp, " noenhanced\nset ylabel ");
    rs_gp_quote(gp, RS_L(g, "aantal trekkingen", "draws"));
    rs_buf_add(gp, " noenhanced\n");
    /* the deterministic value in view, also when no draw comes near it
     * (the extension cliff can put it outside every draw) */
    double det = res->metrics[m];
    double xlo = isfinite(det) ? fmin(edges[0], det) : edges[0];
    double xhi = isfinite(det) ? fmax(edges[NB], det) : edges[NB];
    double span = xhi - xlo;
    rs_gp_tics(gp, g, "x", k * (xlo - span * 0.02), k * (xhi + span * 0.02));
    rs_gp_tics(gp, g, "y", 0, (double)top * 1.1);
    const rs_stats *st = &mc->metric[m];
    const double marks[] = {st->p5, st->p50, st->p95, res->metrics[m]};
    const char *const names[] = {"P5", "P50", "P95", ""};
    for (int i = 0; i < 4; i++) {
        rs_buf_printf(gp, "set arrow %d from %.17g, graph 0 to %.17g, graph 1 nohead lw 1.5 %s "
                          "lc rgb %s\n",
                      i + 1, k * marks[i], k * marks[i], i == 3 ? "dt 2" : "dt 1",
                      i == 3 ? "c_accent" : "c_net");
        if (i < 3) /* the quantiles named above the plot, the deterministic value in the legend */
            rs_buf_printf(gp, "set label %d '%s' at %.17g, graph 1.03 center noenhanced "
                              "textcolor rgb c_text\n",
                          i + 1, names[i], k * marks[i]);
    }
    char dv[64], l_det[160];
    rs_fmt_metric(dv, sizeof dv, m, det, g->nl, 0);
    rs_gp_minus(dv, sizeof dv);
    snprintf(l_det, sizeof l_det, RS_L(g, "deterministische berekening: %s (gestreept)",
                                       "deterministic run: %s (dashed)"), dv);
    rs_chart_key_below(gp, g, 2, rs_text_chars(l_det), 1);
    rs_gp_layout(gp, g, "histogram");
    rs_buf_printf(gp, "plot '%s.dat' using 1:2:3 with boxes lc rgb c_band notitle, \\\n"
                      "  NaN with lines dt 1 lw 1.5 lc rgb c_net title ",
                  name);
    rs_gp_quote(gp, RS_L(g, "P5, P50 en P95 van de trekkingen", "P5, P50 and P95 of the draws"));
    rs_buf_add(gp, ", NaN with lines dt 2 lw 1.5 lc rgb c_accent title ");
    rs_gp_quote(gp, l_det);
    rs_buf_add(gp, "\n");
}
int rs_charts_mc(const rs_result *res, rs_metric hist, const char *dir, const char *shown_dir,
                 const rs_gp *g, rs_charts *out, rs_diag *warn)
{
    const rs_mc_result *mc = res->mc;
    const rs_run *r = res->run;
    int ny = mc->ny;
    double *cum = rs_xcalloc((size_t)ny, sizeof *cum);
    double c = 0;
    for (int y = 0; y < ny; y++) {
        c += y < r->plan->ny ? r->y[RS_Y_SPENT][y] : 0;
        cum[y] = c;
    }
    int rc = RS_EXIT_OK;
    for (int i = 0; i < 3 && !rc; i++) {
        rs_buf dat, gp;
        rs_buf_init(&dat);
        rs_buf_init(&gp);
        char name[64];
        const char *cap;
        if (i == 0) {
            snprintf(name, sizeof name, "fan-net");
            fan(res, g, name, RS_L(g, "Netto Rijksuitgaven per jaar: onzekerheid", "Rijk net flow per year: uncertainty"),
                mc->yearly[RS_Y_NET], r->y[RS_Y_NET], 0, &dat, &gp);
            cap = RS_L(g, "Netto Rijksuitgaven per jaar: de band van 90% van de trekkingen (P5–P95), de mediaan en, gestreept, de deterministische berekening.",
                       "Rijk net flow per year: the band of 90% of the draws (P5–P95), the median and, dashed, the deterministic run.");
        } else if (i == 1) {
            snprintf(name, sizeof name, "fan-cumulative");
            fan(res, g, name, RS_L(g, "Bestedingen cumulatief: onzekerheid", "Cumulative spending: uncertainty"),
                mc->cum_spent, cum, 1, &dat, &gp);
            cap = RS_L(g, "Gerealiseerde bestedingen, cumulatief: P5–P95, mediaan en de deterministische berekening.",
                       "Realised spending, cumulative: P5–P95, median and the deterministic run.");
        } else {
            snprintf(name, sizeof name, "histogram-%s", rs_metric_infos[hist].name);
            for (char *q = name; *q; q++)
                if (*q == '_')
                    *q = '-';
            histogram(res, g, hist, name, &dat, &gp);
            cap = RS_L(g, "Verdeling van de maatstaf over de trekkingen, met P5, P50, P95 en de deterministische waarde.",
                       "Distribution of the metric over the draws, with P5, P50, P95 and the deterministic value.");
        }
        rc = rs_chart_draw(out, dir, shown_dir, g, name, cap, gp.s, dat.s, warn);
        rs_buf_free(&dat);
        rs_buf_free(&gp);
    }
    free(cum);
    return rc;
}
