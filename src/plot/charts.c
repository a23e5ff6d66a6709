/* charts.c — the five charts of a run; see charts.h. */
#define _GNU_SOURCE
#include "charts.h"

#include "../util/dirlist.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void rs_charts_free(rs_charts *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->c[i].name);
        free(c->c[i].caption);
        free(c->c[i].script);
    }
    free(c->c);
    memset(c, 0, sizeof *c);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Text for a data file: tabs and line breaks would split a field. */
static void dat_str(rs_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        rs_buf_addn(b, *p < 0x20 ? " " : (const char *)p, 1);
}

/* A tic label: at most 'max' characters (UTF-8 aware), '…' when cut. */
static void dat_label(rs_buf *b, const char *s, size_t max)
{
    size_t chars = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max) {
            rs_buf_add(b, "…");
            return;
        }
        rs_buf_addn(b, *p < 0x20 ? " " : (const char *)p, 1);
    }
}

static void dat_num(rs_buf *b, double x)
{
    char t[40];
    rs_fmt_num(t, sizeof t, x, '.');
    rs_buf_add(b, t);
}

/* gnuplot's message for a one-line warning: its last non-blank line
 * ("line 12: undefined variable: x"), the one that says what went wrong. */
static char *first_lines(const char *s)
{
    const char *best = NULL, *end = NULL;
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '^'))
            q++;
        if (q < e) {
            best = q;
            end = e;
        }
        p = *e ? e + 1 : e;
    }
    if (!best)
        return rs_xstrdup("(no message)");
    char *r = rs_xmalloc((size_t)(end - best) + 1);
    memcpy(r, best, (size_t)(end - best));
    r[end - best] = '\0';
    return r;
}

int rs_chart_draw(rs_charts *out, const char *dir, const char *shown_dir, const rs_gp *g,
                  const char *name, const char *caption, const char *script,
                  const char *data, rs_diag *warn)
{
    (void)g;
    char *pdir = rs_xasprintf("%s/plots", dir);
    mkdir(pdir, 0777);
    char *gpname = rs_xasprintf("%s.gp", name), *datname = rs_xasprintf("%s.dat", name);
    int rc = RS_EXIT_OK;
    if ((data && rs_write_text(pdir, datname, data) < 0) ||
        rs_write_text(pdir, gpname, script) < 0) {
        rs_diag_add(warn, RS_EXIT_IO, "%s/plots/%s: cannot write: %s", shown_dir, gpname,
                    strerror(errno));
        rc = RS_EXIT_IO;
    } else {
        out->c = rs_xrealloc(out->c, (out->n + 1) * sizeof *out->c);
        rs_chart *c = &out->c[out->n++];
        c->name = rs_xstrdup(name);
        c->caption = rs_xstrdup(caption);
        c->drawn = 0;
        c->script = rs_xstrdup(script);
    }
    free(pdir);
    free(gpname);
    free(datname);
    return rc;
}

/* The marker a chart prints when its image is complete. */
#define DRAWN_MARK "regiosim-drawn "

void rs_charts_flush(rs_charts *out, const char *dir, const char *shown_dir, const rs_gp *g,
                     rs_diag *warn)
{
    char *pdir = rs_xasprintf("%s/plots", dir);
    size_t from = 0;
    while (from < out->n && !out->c[from].script)
        from++;
    while (from < out->n && !out->missing) {
        /* one script: every waiting chart, each closing its file and then
         * saying so on stderr */
        rs_buf all;
        rs_buf_init(&all);
        for (size_t i = from; i < out->n; i++) {
            if (!out->c[i].script)
                continue;
            rs_buf_add(&all, out->c[i].script);
            rs_buf_printf(&all, "\nunset output\nprint '" DRAWN_MARK "%zu'\n", i);
        }
        char *err = NULL;
        double t0 = now();
        rs_gp_status st = rs_gp_run_capture(g, pdir, all.s ? all.s : "", &err);
        out->seconds += now() - t0;
        out->processes++;
        rs_buf_free(&all);
        if (st == RS_GP_MISSING) {
            out->missing = 1;
            rs_diag_add(warn, 0,
                        "gnuplot ('%s') is not installed: the charts were not drawn; their "
                        "scripts and data are in %s/plots. Install it (apt-get install "
                        "gnuplot-nox) and run: regiosim plot %s",
                        g->gnuplot, shown_dir, shown_dir);
            free(err);
            break;
        }
        /* which charts said they were done */
        size_t next = out->n;
        for (size_t i = from; i < out->n; i++) {
            if (!out->c[i].script)
                continue;
            char mark[64];
            snprintf(mark, sizeof mark, DRAWN_MARK "%zu\n", i);
            if (err && strstr(err, mark)) {
                out->c[i].drawn = 1;
                free(out->c[i].script);
                out->c[i].script = NULL;
            } else if (next == out->n) {
                next = i; /* the first chart gnuplot did not finish */
            }
        }
        if (next < out->n) {
            /* gnuplot stopped at chart 'next': say why, go on after it */
            char *msg = first_lines(err ? err : "");
            rs_diag_add(warn, 0, "chart '%s' was not drawn: gnuplot says: %s; redraw it with: "
                                 "cd %s/plots && gnuplot %s.gp",
                        out->c[next].name, msg, shown_dir, out->c[next].name);
            free(msg);
            free(out->c[next].script);
            out->c[next].script = NULL;
        }
        free(err);
        from = next < out->n ? next + 1 : out->n;
        (void)st;
    }
    for (size_t i = 0; i < out->n; i++) {
        free(out->c[i].script);
        out->c[i].script = NULL;
    }
    free(pdir);
}

/* ---- shared helpers ---------------------------------------------------- */

/* The title, centred on the image (not on the plot area, which long tic
 * labels can push aside). */
static void title(rs_buf *b, const rs_gp *g, const char *t)
{
    rs_buf_add(b, "set label 98 ");
    rs_gp_quote(b, t);
    rs_buf_add(b, " at screen 0.5, screen 0.95 center noenhanced");
    rs_gp_font(b, g, 1.25);
    rs_buf_add(b, "\nset tmargin 5\n");
}

static void label_axis(rs_buf *b, const char *axis, const char *t)
{
    rs_buf_printf(b, "set %slabel ", axis);
    rs_gp_quote(b, t);
    rs_buf_add(b, " noenhanced\n");
}

static const char *money_unit(const rs_gp *g) { return RS_L(g, "€ mln", "€ million"); }

/* Years shown on the x axis: the horizon, plus one 'after' position when
 * any flow falls after it. */
static int has_after(const rs_run *r)
{
    const rs_plan *p = r->plan;
    int last = p->sc->end - p->y0;
    for (int y = last + 1; y < p->ny; y++)
        for (int s = 0; s < RS_Y_N_OUT; s++)
            if (s != RS_Y_BALANCE && r->y[s][y] != 0)
                return 1;
    return 0;
}

/* ---- cashflow ----------------------------------------------------------- */

static void chart_cashflow(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    size_t nt = sc->n_tranches;
    int rows = sc->end - sc->start + 1 + has_after(r);
    /* per tranche and row: paid, reclaimed */
    double *paid = rs_xcalloc(nt * (size_t)rows, sizeof *paid);
    double *recl = rs_xcalloc(nt * (size_t)rows, sizeof *recl);
    for (size_t d = 0; d < sc->n_deals; d++) {
        size_t t = sc->deals[d].tranche;
        int y = sc->tranches[t].year - p->y0;
        for (int k = 0; k < p->len[d]; k++) {
            int row = y + k < rows ? y + k : rows - 1;
            paid[t * (size_t)rows + (size_t)row] += r->paid[p->off[d] + (size_t)k];
            recl[t * (size_t)rows + (size_t)row] += r->reclaimed[p->off[d] + (size_t)k];
        }
    }
    double lo = 0, hi = 0;
    rs_buf_add(dat, "# x\tyear");
    for (size_t t = 0; t < nt; t++)
        rs_buf_printf(dat, "\tpaid_cum_%zu", t + 1);
    for (size_t t = 0; t < nt; t++)
        rs_buf_printf(dat, "\treclaimed_cum_%zu", t + 1);
    rs_buf_add(dat, "\trijk_net\tcofinancing_spent\t(M€; _cum_: stacked over tranches)\n");
    for (int row = 0; row < rows; row++) {
        int after = row > sc->end - sc->start;
        rs_buf_printf(dat, "%d\t", sc->start + row);
        if (after)
            rs_buf_add(dat, RS_L(g, "later", "after"));
        else
            rs_buf_printf(dat, "%d", sc->start + row);
        double cum = 0;
        for (size_t t = 0; t < nt; t++) {
            cum += paid[t * (size_t)rows + (size_t)row];
            rs_buf_add(dat, "\t");
            dat_num(dat, cum);
        }
        hi = fmax(hi, cum);
        cum = 0;
        for (size_t t = 0; t < nt; t++) {
            cum -= recl[t * (size_t)rows + (size_t)row];
            rs_buf_add(dat, "\t");
            dat_num(dat, cum);
        }
        lo = fmin(lo, cum);
        double net = 0, cof = 0;
        if (after) {
            for (int y = sc->end - p->y0 + 1; y < p->ny; y++) {
                net += r->y[RS_Y_NET][y];
                cof += r->y[RS_Y_COFIN_SPENT][y];
            }
        } else {
            net = r->y[RS_Y_NET][row + sc->start - p->y0];
            cof = r->y[RS_Y_COFIN_SPENT][row + sc->start - p->y0];
        }
        rs_buf_add(dat, "\t");
        dat_num(dat, net);
        rs_buf_add(dat, "\t");
        dat_num(dat, cof);
        rs_buf_add(dat, "\n");
        hi = fmax(hi, fmax(net, cof));
        lo = fmin(lo, net);
    }
    free(paid);
    free(recl);

    rs_gp_header(gp, g, "cashflow");
    title(gp, g, RS_L(g, "Geldstromen per jaar", "Money flows per year"));
    label_axis(gp, "y", money_unit(g));
    rs_gp_tics(gp, g, "y", lo, hi * 1.08);
    rs_buf_printf(gp, "set xrange [%d:%d]\n", sc->start - 1, sc->start + rows);
    rs_buf_add(gp, rows > 16 ? "set xtics rotate by -45 noenhanced\n" : "set xtics noenhanced\n");
    rs_buf_add(gp, "set key below vertical maxrows 4 Left reverse\n"
                   "set boxwidth 0.38\n"
                   "set xzeroaxis lt -1 lc rgb '#555555'\n"
                   "plot \\\n");
    /* stacked bars: the largest cumulative first, so each tranche shows */
    for (size_t t = nt; t-- > 0;) {
        char lab[160];
        snprintf(lab, sizeof lab, nt > 1 ? "%s %s" : "%s", RS_L(g, "Rijksbetaling", "Rijk payment"),
                 sc->tranches[t].id);
        rs_buf_printf(gp, "  'cashflow.dat' using ($1-0.2):%zu%s with boxes lt %zu title ", t + 3,
                      t == 0 ? ":xtic(2)" : "", t % RS_GP_NCOLORS + 1);
        rs_gp_quote(gp, lab);
        rs_buf_add(gp, ", \\\n");
    }
    /* reclaims: hatched in the tranche's colour, one legend entry */
    for (size_t t = nt; t-- > 0;) {
        rs_buf_printf(gp, "  'cashflow.dat' using ($1-0.2):%zu with boxes lt %zu "
                          "fs pattern 2 ",
                      nt + t + 3, t % RS_GP_NCOLORS + 1);
        if (t == nt - 1) {
            rs_buf_add(gp, "title ");
            rs_gp_quote(gp, nt > 1 ? RS_L(g, "Teruggevorderd (gearceerd, kleur van de tranche)",
                                          "Reclaimed (hatched, colour of the tranche)")
                                   : RS_L(g, "Teruggevorderd", "Reclaimed"));
        } else {
            rs_buf_add(gp, "notitle");
        }
        rs_buf_add(gp, ", \\\n");
    }
    rs_buf_printf(gp, "  'cashflow.dat' using ($1+0.2):%zu with boxes lc rgb '#8FCAE7' title ",
                  2 * nt + 4);
    rs_gp_quote(gp, RS_L(g, "Besteed uit cofinanciering", "Spent from co-financing"));
    rs_buf_printf(gp, ", \\\n  'cashflow.dat' using 1:%zu with linespoints lc rgb '#154273' "
                      "lw 2 pt 7 title ",
                  2 * nt + 3);
    rs_gp_quote(gp, RS_L(g, "Netto Rijk (betaald − teruggevorderd)", "Rijk net (paid − reclaimed)"));
    rs_buf_add(gp, "\n");
}

/* ---- cumulative --------------------------------------------------------- */

static void chart_cumulative(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    double *ext = rs_xcalloc((size_t)p->ny, sizeof *ext);
    int ext_lo = 0, ext_hi = -1;
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_dealres *dr = &r->dr[d];
        if (!dr->extended)
            continue;
        int y = sc->tranches[sc->deals[d].tranche].year - p->y0;
        for (int k = sc->deals[d].duration; k <= dr->last; k++) {
            ext[y + k] += r->spent[p->off[d] + (size_t)k];
            if (ext_hi < ext_lo) {
                ext_lo = ext_hi = y + k;
            } else {
                ext_lo = y + k < ext_lo ? y + k : ext_lo;
                ext_hi = y + k > ext_hi ? y + k : ext_hi;
            }
        }
    }
    /* the last year with spending or plan */
    int last = sc->end - p->y0;
    for (int y = 0; y < p->ny; y++)
        if (r->y[RS_Y_SPENT][y] > 1e-9 * (r->y[RS_Y_SPENT][0] + 1) || r->y[RS_Y_PLANNED][y] > 0)
            last = y > last ? y : last;
    rs_buf_add(dat, "# year\tplanned_cumulative\tspent_cumulative\tspent_in_extension_years "
                    "(M€)\n");
    double cp = 0, cs = 0;
    for (int y = 0; y <= last; y++) {
        cp += r->y[RS_Y_PLANNED][y];
        cs += r->y[RS_Y_SPENT][y];
        rs_buf_printf(dat, "%d\t", p->y0 + y);
        dat_num(dat, cp);
        rs_buf_add(dat, "\t");
        dat_num(dat, cs);
        rs_buf_add(dat, "\t");
        dat_num(dat, ext[y]);
        rs_buf_add(dat, "\n");
    }
    free(ext);
    rs_gp_header(gp, g, "cumulative");
    title(gp, g, RS_L(g, "Geplande en gerealiseerde bestedingen, cumulatief",
                   "Planned and realised spending, cumulative"));
    label_axis(gp, "y", money_unit(g));
    rs_gp_tics(gp, g, "y", 0, fmax(cp, cs) * 1.08);
    rs_buf_printf(gp, "set xrange [%d:%d]\nset xtics 1 rotate by -45\n", p->y0 - 1,
                  p->y0 + last + 1);
    rs_buf_add(gp, "set key bottom right\nset boxwidth 0.6\n");
    if (ext_hi >= ext_lo) {
        rs_buf_printf(gp, "set object 1 rect from %g, graph 0 to %g, graph 1 behind "
                          "fc rgb '#FDE6CC' fs solid 0.6 noborder\n",
                      p->y0 + ext_lo - 0.5, p->y0 + ext_hi + 0.5);
        rs_buf_printf(gp, "set label 2 %s at %g, graph 0.96 center noenhanced "
                          "textcolor rgb '#94710A'\n",
                      RS_L(g, "'verlengingsjaren'", "'extension years'"),
                      p->y0 + (ext_lo + ext_hi) / 2.0);
    }
    rs_buf_printf(gp, "set arrow 1 from %g, graph 0 to %g, graph 1 nohead dt 2 lc rgb '#555555'\n"
                      "set label 1 %s at %g, graph 0.5 rotate by 90 offset -1,0 noenhanced "
                      "textcolor rgb '#555555'\n",
                  sc->end + 0.5, sc->end + 0.5, RS_L(g, "'einde horizon'", "'end of horizon'"),
                  sc->end + 0.5);
    rs_buf_add(gp, "plot 'cumulative.dat' using 1:4 with boxes lc rgb '#E17000' title ");
    rs_gp_quote(gp, RS_L(g, "Besteed in verlengingsjaren (per jaar)",
                         "Spent in extension years (per year)"));
    rs_buf_add(gp, ", \\\n  '' using 1:2 with lines dt 2 lw 2 lc rgb '#555555' title ");
    rs_gp_quote(gp, RS_L(g, "Gepland", "Planned"));
    rs_buf_add(gp, ", \\\n  '' using 1:3 with linespoints lw 2.5 lc rgb '#01689B' title ");
    rs_gp_quote(gp, RS_L(g, "Gerealiseerd", "Realised"));
    rs_buf_add(gp, "\n");
}

/* ---- burden -------------------------------------------------------------- */

static void chart_burden(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    size_t n = 0;
    for (size_t i = 0; i < sc->n_instruments; i++)
        n += sc->instruments[i].n_obl;
    double *cost = rs_xcalloc(n ? n : 1, sizeof *cost);
    double *award = rs_xcalloc(sc->n_instruments, sizeof *award);
    size_t *first = rs_xcalloc(sc->n_instruments, sizeof *first);
    for (size_t i = 1; i < sc->n_instruments; i++)
        first[i] = first[i - 1] + sc->instruments[i - 1].n_obl;
    for (size_t d = 0; d < sc->n_deals; d++) {
        if (p->aw[d].status == RS_DROPPED)
            continue;
        size_t ii = sc->tranches[sc->deals[d].tranche].instrument;
        const rs_instrument *in = &sc->instruments[ii];
        award[ii] += p->aw[d].A;
        rs_occ_ctx occ = rs_run_occ(r, d);
        for (size_t o = 0; o < in->n_obl; o++)
            for (int k = 0; k < p->len[d]; k++)
                cost[first[ii] + o] += rs_obligation_cost(in, &in->obl[o], &occ, r->admin_factor,
                                                          k, r->paid[p->off[d] + (size_t)k]);
    }
    rs_buf_add(dat, "# index\tlabel\tcost_keur\tside\tshare_label\n");
    size_t rows = 0;
    double hi = 0;
    for (size_t i = 0; i < sc->n_instruments; i++) {
        const rs_instrument *in = &sc->instruments[i];
        for (size_t o = 0; o < in->n_obl; o++) {
            double c = cost[first[i] + o];
            if (c <= 0)
                continue;
            char share[64], num[48];
            rs_fmt_grouped(num, sizeof num, award[i] > 0 ? 100 * c / award[i] : 0, 3, g->nl);
            snprintf(share, sizeof share, " %s%%", num);
            rs_buf_printf(dat, "%zu\t", rows++);
            dat_str(dat, in->id);
            rs_buf_add(dat, ": ");
            dat_str(dat, in->obl[o].name);
            rs_buf_printf(dat, " (%s)\t", in->obl[o].side ? "Rijk" : "regio");
            dat_num(dat, c * 1000);
            rs_buf_printf(dat, "\t%d\t%s\n", in->obl[o].side, share);
            hi = fmax(hi, c * 1000);
        }
    }
    free(cost);
    free(award);
    free(first);
    rs_gp_header(gp, g, "burden");
    title(gp, g, RS_L(g, "Administratieve lasten per verplichting (hele looptijd)",
                   "Administrative burden by obligation (whole term)"));
    label_axis(gp, "x", RS_L(g, "€ duizend (label: % van de Rijksbijdrage)",
                             "€ thousand (label: % of the Rijk award)"));
    if (!rows) {
        rs_buf_add(gp, "unset border\nunset tics\nset label 3 ");
        rs_gp_quote(gp, RS_L(g, "Geen administratieve lasten in dit scenario",
                             "No administrative burden in this scenario"));
        rs_buf_add(gp, " at graph 0.5, graph 0.5 center\nset xrange [0:1]\nset yrange [0:1]\n"
                       "plot -1 notitle\n");
        return;
    }
    rs_gp_tics(gp, g, "x", 0, hi * 1.25);
    rs_buf_printf(gp, "set yrange [-0.7:%zu]\nset ytics noenhanced", rows);
    rs_gp_font(gp, g, 0.8);
    rs_buf_add(gp, "\nset grid xtics noytics\nset key bottom right\n");
    rs_buf_add(gp, "set style fill solid 0.9 noborder\n"
                   "plot 'burden.dat' using ($4 == 0 ? $3 : 1/0):1:(0):3:($1-0.38):($1+0.38):"
                   "ytic(2) with boxxyerror lc rgb '#01689B' title ");
    rs_gp_quote(gp, RS_L(g, "regio", "region"));
    rs_buf_add(gp, ", \\\n  '' using ($4 == 1 ? $3 : 1/0):1:(0):3:($1-0.38):($1+0.38) "
                   "with boxxyerror lc rgb '#E17000' title 'Rijk', \\\n"
                   "  '' using 3:1:5 with labels left offset 0.5,0 noenhanced notitle\n");
}

/* ---- co-financing -------------------------------------------------------- */

static void chart_cofinancing(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    int tiers = strcmp(sc->cofin.rule->name, "pressure_tiers") == 0;
    double xlo = 1e300, xhi = -1e300;
    rs_buf_add(dat, "# x\tshare\thas_deal\tregion\n");
    for (size_t i = 0; i < sc->n_regions; i++) {
        const rs_region *reg = &sc->regions[i];
        double C = 0, V = 0;
        for (size_t d = 0; d < sc->n_deals; d++)
            if (sc->deals[d].region == i) {
                C += p->aw[d].C;
                V += p->aw[d].V;
            }
        double x = tiers ? reg->bw_pressure : reg->fiscal_capacity;
        double c = V > 0 ? C / V : rs_cofin_share(&sc->cofin, reg);
        xlo = fmin(xlo, x);
        xhi = fmax(xhi, x);
        dat_num(dat, x);
        rs_buf_add(dat, "\t");
        dat_num(dat, c);
        rs_buf_printf(dat, "\t%d\t", V > 0);
        dat_str(dat, reg->name);
        rs_buf_add(dat, "\n");
    }
    /* the scenario's rule as a line, two blank lines apart (index 1) */
    double pad = fmax(0.05, (xhi - xlo) * 0.1);
    double a = tiers ? 0 : xlo - pad, b = tiers ? 1 : xhi + pad;
    rs_buf_add(dat, "\n\n# rule: x\tshare\n");
    for (int k = 0; k <= 200; k++) {
        rs_region probe = {0};
        double x = a + (b - a) * k / 200.0;
        probe.fiscal_capacity = tiers ? 1 : x;
        probe.bw_pressure = tiers ? x : 0.5;
        dat_num(dat, x);
        rs_buf_add(dat, "\t");
        dat_num(dat, rs_cofin_share(&sc->cofin, &probe));
        rs_buf_add(dat, "\n");
    }
    rs_gp_header(gp, g, "cofinancing");
    char t[256];
    snprintf(t, sizeof t, "%s: %s", RS_L(g, "Cofinancieringsaandeel per regio", "Co-financing share by region"),
             sc->cofin.rule->name);
    title(gp, g, t);
    label_axis(gp, "x", tiers ? RS_L(g, "druk op brede welvaart (0 geen … 1 hoogst)",
                                     "pressure on brede welvaart (0 none … 1 most)")
                              : RS_L(g, "draagkracht (fiscal_capacity, 1 = landelijk gemiddelde)",
                                     "draagkracht (fiscal_capacity, 1 = national average)"));
    label_axis(gp, "y", RS_L(g, "aandeel regio in het totaal (c)", "region's share of the total (c)"));
    rs_gp_tics(gp, g, "y", 0, 1);
    rs_gp_tics(gp, g, "x", a, b);
    rs_buf_add(gp, "set key bottom right\nplot 'cofinancing.dat' index 1 using 1:2 with lines lw 2.5 "
                   "lc rgb '#154273' title ");
    rs_gp_quote(gp, RS_L(g, "regel van het scenario", "the scenario's rule"));
    rs_buf_add(gp, ", \\\n  '' index 0 using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 1.6 "
                   "lc rgb '#E17000' title ");
    rs_gp_quote(gp, RS_L(g, "regio met deal (afgesproken C/V)", "region with a deal (agreed C/V)"));
    rs_buf_add(gp, ", \\\n  '' index 0 using 1:($3 == 0 ? $2 : 1/0) with points pt 6 ps 1.6 "
                   "lc rgb '#E17000' title ");
    rs_gp_quote(gp, RS_L(g, "regio zonder deal", "region without a deal"));
    if (sc->n_regions <= 12)
    {
        rs_buf_add(gp, ", \\\n  '' index 0 using 1:2:4 with labels left offset 0.8,0.4 "
                       "noenhanced");
        rs_gp_font(gp, g, 0.6);
        rs_buf_add(gp, " notitle");
    }
    rs_buf_add(gp, "\n");
}

/* ---- regions -------------------------------------------------------------- */

typedef struct region_row {
    const rs_region *r;
    double per_capita;
} region_row;

static int by_per_capita(const void *a, const void *b)
{
    const region_row *x = a, *y = b;
    if (x->per_capita != y->per_capita)
        return x->per_capita > y->per_capita ? -1 : 1;
    return strcmp(x->r->id, y->r->id);
}

static void chart_regions(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    region_row *rows = rs_xcalloc(sc->n_regions, sizeof *rows);
    for (size_t i = 0; i < sc->n_regions; i++) {
        double A = 0;
        for (size_t d = 0; d < sc->n_deals; d++)
            if (sc->deals[d].region == i)
                A += res->plan->aw[d].A;
        rows[i].r = &sc->regions[i];
        rows[i].per_capita = A * 1e6 / sc->regions[i].population;
    }
    qsort(rows, sc->n_regions, sizeof *rows, by_per_capita);
    rs_buf_add(dat, "# index\tregion\taward_per_capita_eur\tbw_pressure\n");
    double hi = 0;
    for (size_t i = 0; i < sc->n_regions; i++) {
        rs_buf_printf(dat, "%zu\t", i);
        dat_label(dat, rows[i].r->name, 28);
        rs_buf_add(dat, "\t");
        dat_num(dat, rows[i].per_capita);
        rs_buf_add(dat, "\t");
        dat_num(dat, rows[i].r->bw_pressure);
        rs_buf_add(dat, "\n");
        hi = fmax(hi, rows[i].per_capita);
    }
    free(rows);
    rs_gp_header(gp, g, "regions");
    title(gp, g, RS_L(g, "Rijksbijdrage per inwoner, per regio", "Rijk award per inhabitant, by region"));
    label_axis(gp, "y", RS_L(g, "€ per inwoner", "€ per inhabitant"));
    rs_gp_tics(gp, g, "y", 0, hi * 1.05);
    int small = sc->n_regions > 30;
    rs_buf_printf(gp, "set xrange [-0.7:%zu]\nset xtics rotate by 60 right noenhanced",
                  sc->n_regions);
    rs_gp_font(gp, g, small ? 0.55 : 0.8);
    rs_buf_add(gp, "\n");
    rs_buf_add(gp, "set boxwidth 0.75\nset palette defined (0 '#8FCAE7', 0.5 '#01689B', 1 '#42145F')\n"
                   "set cbrange [0:1]\nset cblabel ");
    rs_gp_quote(gp, RS_L(g, "druk op brede welvaart", "pressure on brede welvaart"));
    rs_buf_add(gp, " noenhanced\nset colorbox\nunset key\n"
                   "plot 'regions.dat' using 1:3:4:xtic(2) with boxes lc palette notitle\n");
}

/* ---- the run's chart list --------------------------------------------- */

typedef void (*chart_fn)(const rs_result *, const rs_gp *, rs_buf *, rs_buf *);

int rs_charts_run(const rs_result *res, const char *dir, const char *shown_dir,
                  const rs_gp *g, rs_charts *out, rs_diag *warn)
{
    static const struct {
        const char *name;
        chart_fn fn;
        const char *nl, *en;
    } charts[] = {
        {"cashflow", chart_cashflow,
         "Rijksbetalingen, terugvorderingen (negatief) en netto per jaar, met de bestedingen uit cofinanciering ernaast.",
         "Rijk payments, reclaims (negative) and net per year, with spending from co-financing beside them."},
        {"cumulative", chart_cumulative,
         "Geplande tegenover gerealiseerde bestedingen, cumulatief; gearceerd de jaren waarin verlengde deals nog besteden.",
         "Planned against realised spending, cumulative; shaded the years in which extended deals still spend."},
        {"burden", chart_burden,
         "Administratieve lasten per verplichting over de hele looptijd, regio en Rijk, in euro en als aandeel van de Rijksbijdrage.",
         "Administrative burden by obligation over the whole term, region and Rijk, in euro and as a share of the Rijk award."},
        {"cofinancing", chart_cofinancing,
         "Cofinancieringsaandeel per regio tegen draagkracht (of druk op brede welvaart), met de regel als lijn.",
         "Co-financing share by region against draagkracht (or pressure on brede welvaart), with the rule as a line."},
        {"regions", chart_regions,
         "Rijksbijdrage per inwoner per regio, gesorteerd, gekleurd naar de druk op brede welvaart.",
         "Rijk award per inhabitant by region, sorted, coloured by the pressure on brede welvaart."},
    };
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++) {
        rs_buf dat, gp;
        rs_buf_init(&dat);
        rs_buf_init(&gp);
        charts[i].fn(res, g, &dat, &gp);
        int rc = rs_chart_draw(out, dir, shown_dir, g, charts[i].name,
                               RS_L(g, charts[i].nl, charts[i].en), gp.s, dat.s, warn);
        rs_buf_free(&dat);
        rs_buf_free(&gp);
        if (rc)
            return rc;
    }
    return RS_EXIT_OK;
}

int rs_charts_redraw(const char *dir, const rs_gp *g, rs_diag *diag)
{
    char *pdir = rs_xasprintf("%s/plots", dir);
    char **names;
    long n = rs_list_files(pdir, ".gp", &names);
    if (n < 0) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot open: %s (is %s a regiosim result?)", pdir,
                    strerror(errno), dir);
        free(pdir);
        return RS_EXIT_IO;
    }
    int rc = n ? RS_EXIT_OK : RS_EXIT_IO;
    if (!n)
        rs_diag_add(diag, RS_EXIT_IO, "%s: no chart scripts (*.gp) to draw", pdir);
    for (long i = 0; i < n; i++) {
        size_t len;
        char *path = rs_xasprintf("%s/%s", pdir, names[i]);
        char *script = rs_read_file(path, &len);
        free(path);
        if (!script) {
            rs_diag_add(diag, RS_EXIT_IO, "%s/%s: cannot read: %s", pdir, names[i],
                        strerror(errno));
            rc = RS_EXIT_IO;
            continue;
        }
        char *err = NULL;
        rs_gp_status st = rs_gp_run(g, pdir, script, &err);
        free(script);
        if (st == RS_GP_MISSING) {
            rs_diag_add(diag, RS_EXIT_IO, "gnuplot ('%s') is not installed (apt-get install "
                                          "gnuplot-nox)",
                        g->gnuplot);
            rc = RS_EXIT_IO;
            free(err);
            break;
        }
        if (st == RS_GP_FAILED) {
            char *msg = first_lines(err);
            rs_diag_add(diag, RS_EXIT_IO, "%s/%s: gnuplot failed: %s", pdir, names[i], msg);
            free(msg);
            rc = RS_EXIT_IO;
        }
        free(err);
    }
    rs_free_list(names, n);
    free(pdir);
    return rc;
}
