/* charts.c — the five charts of a run; see charts.h. */
#define _GNU_SOURCE
#include "charts.h"

#include "../output/labels.h"
#include "../util/dirlist.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

/* Text for a data file (its last column, see gp.h). */
static void dat_str(rs_buf *b, const char *s) { rs_gp_text(b, s, 0); }

/* gnuplot's message for a one-line warning: its last non-blank line
 * ("line 0: undefined variable: x"), the one that says what went wrong;
 * NULL when it printed nothing. */
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
        return NULL;
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
    const char *failed = data && rs_write_text(pdir, datname, data) < 0 ? datname
                         : rs_write_text(pdir, gpname, script) < 0    ? gpname
                                                                        : NULL;
    if (failed) {
        rs_diag_add(warn, RS_EXIT_IO, "%s/plots/%s: cannot write: %s", shown_dir, failed,
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

/* How many gnuplot processes draw 'pending' charts: the --threads cap (or
 * the online cores), at least two charts per process (a process costs a
 * start), at most RS_GP_MAX_PROCS. */
static size_t procs_for(const rs_gp *g, size_t pending)
{
    long cap = g->procs > 0 ? g->procs : sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cap > 0 ? (size_t)cap : 1;
    if (n > (pending + 1) / 2)
        n = (pending + 1) / 2;
    if (n > RS_GP_MAX_PROCS)
        n = RS_GP_MAX_PROCS;
    return n ? n : 1;
}

/* What gnuplot printed after the last chart it finished: the output of
 * the chart it stopped at, the same whichever charts shared its process. */
static const char *after_last_mark(const char *err)
{
    const char *from = err, *m = err;
    while ((m = strstr(m, DRAWN_MARK)) != NULL) {
        const char *e = strchr(m, '\n');
        from = m = e ? e + 1 : m + strlen(m);
    }
    return from;
}

/* Put between two charts drawn by one gnuplot: a chart must come out the
 * same whether it is the first of its process or not.  gnuplot 5.4's svg
 * terminal keeps the colour mode of the last thing a plot drew and writes
 * it into the next file's first group (stroke="rgb(105, 105, 105)" where a
 * new gnuplot writes "currentColor"); 'clear' starts and ends an empty
 * page, which leaves the mode as a new gnuplot has it, and the small plot
 * before it leaves the line width at its default.  The cairo terminals
 * (png, pdf) keep no such state.  Written to /dev/null, never to a file of
 * the result. */
static void between_charts(rs_buf *b, const rs_gp *g)
{
    if (strcmp(g->terminal, "svg") != 0)
        return;
    rs_buf_add(b, "set terminal svg size 100,100\nset output '/dev/null'\nreset session\n"
                  "plot 2 lw 1 notitle\nclear\nunset output\n");
}

/* A warning waiting to be reported in the order of the charts. */
typedef struct pending_note {
    char *msg;
    int code;
} pending_note;

int rs_charts_flush(rs_charts *out, const char *dir, const char *shown_dir, const rs_gp *g,
                    rs_diag *warn)
{
    int rc = RS_EXIT_OK;
    char *pdir = rs_xasprintf("%s/plots", dir);
    /* The waiting charts are dealt out in turn to up to RS_GP_MAX_PROCS
     * gnuplot processes that draw at the same time; each process gets one
     * script of its charts, each chart closing its file and then saying so
     * on stderr.  When a process stops at a chart, that chart gets a
     * warning and the charts after it in that process wait for the next
     * round.  Warnings are kept per chart and reported in chart order at
     * the end, so that what the user reads does not depend on the number
     * of processes; every chart starts with 'reset session', so its image
     * does not either. */
    pending_note *note = rs_xcalloc(out->n ? out->n : 1, sizeof *note);
    size_t *grp = rs_xcalloc(out->n ? out->n : 1, sizeof *grp);
    int missing_now = 0;
    for (;;) {
        size_t pending = 0;
        for (size_t i = 0; i < out->n; i++)
            pending += out->c[i].script != NULL;
        if (!pending || out->missing)
            break;
        size_t np = procs_for(g, pending), k = 0;
        rs_buf all[RS_GP_MAX_PROCS];
        for (size_t j = 0; j < np; j++)
            rs_buf_init(&all[j]);
        for (size_t i = 0; i < out->n; i++) {
            if (!out->c[i].script)
                continue;
            grp[i] = k++ % np; /* charts cost about the same: deal them in turn */
            if (all[grp[i]].len)
                between_charts(&all[grp[i]], g);
            rs_buf_add(&all[grp[i]], out->c[i].script);
            rs_buf_printf(&all[grp[i]], "\nunset output\nprint '" DRAWN_MARK "%zu'\n", i);
        }
        rs_gp_proc proc[RS_GP_MAX_PROCS];
        char *err[RS_GP_MAX_PROCS] = {0};
        int started[RS_GP_MAX_PROCS] = {0};
        double t0 = now();
        for (size_t j = 0; j < np; j++) {
            rs_gp_status st = rs_gp_start(g, pdir, all[j].s ? all[j].s : "", &proc[j], &err[j]);
            out->processes++;
            if (st == RS_GP_MISSING) {
                missing_now = 1;
                break;
            }
            started[j] = st == RS_GP_OK;
        }
        /* the processes that did start: feed them all at once, then wait */
        rs_gp_proc run[RS_GP_MAX_PROCS];
        size_t nrun = 0, at[RS_GP_MAX_PROCS];
        for (size_t j = 0; j < np; j++)
            if (started[j]) {
                at[nrun] = j;
                run[nrun++] = proc[j];
            }
        if ((int)nrun > out->at_once)
            out->at_once = (int)nrun;
        rs_gp_feed(run, nrun);
        for (size_t r = 0; r < nrun; r++)
            rs_gp_wait(&run[r], &err[at[r]]);
        out->seconds += now() - t0;
        for (size_t j = 0; j < np; j++)
            rs_buf_free(&all[j]);
        if (missing_now) {
            out->missing = 1;
            for (size_t j = 0; j < np; j++)
                free(err[j]);
            break;
        }
        /* which charts said they were done; in each process, the first
         * that did not is where gnuplot stopped */
        int stopped[RS_GP_MAX_PROCS] = {0};
        for (size_t i = 0; i < out->n; i++) {
            if (!out->c[i].script)
                continue;
            size_t j = grp[i];
            if (stopped[j])
                continue; /* after the stop: the next round draws it */
            char mark[64];
            snprintf(mark, sizeof mark, DRAWN_MARK "%zu\n", i);
            if (err[j] && strstr(err[j], mark)) {
                /* gnuplot exits 0 with a cut image when the disk is full or a
                 * file size limit is reached: an incomplete image fails the run */
                const char *ext = rs_gp_ext(g->terminal);
                char *img = rs_xasprintf("%s/%s.%s", pdir, out->c[i].name, ext);
                char *why = rs_gp_image_check(img, g->terminal);
                free(img);
                if (why) {
                    note[i].msg = rs_xasprintf("%s/plots/%s.%s: %s", shown_dir, out->c[i].name,
                                               ext, why);
                    note[i].code = RS_EXIT_IO;
                    free(why);
                    rc = RS_EXIT_IO;
                } else {
                    out->c[i].drawn = 1;
                }
            } else {
                /* gnuplot stopped at this chart: say why, go on after it */
                stopped[j] = 1;
                char *msg = first_lines(after_last_mark(err[j] ? err[j] : ""));
                char *said = msg ? rs_xasprintf(RS_L(g, "gnuplot meldt: %s", "gnuplot says: %s"), msg)
                                 : rs_xstrdup(RS_L(g, "gnuplot stopte zonder melding",
                                                   "gnuplot stopped without a message"));
                note[i].msg = rs_xasprintf(RS_L(g, "grafiek '%s' is niet getekend: %s; teken hem "
                                                   "opnieuw met: cd %s/plots && gnuplot %s.gp",
                                                "chart '%s' was not drawn: %s; redraw it with: cd "
                                                "%s/plots && gnuplot %s.gp"),
                                           out->c[i].name, said, shown_dir, out->c[i].name);
                free(said);
                free(msg);
                /* no empty or cut image of it in the result */
                char *img = rs_xasprintf("%s/%s.%s", pdir, out->c[i].name, rs_gp_ext(g->terminal));
                unlink(img);
                free(img);
            }
            free(out->c[i].script);
            out->c[i].script = NULL;
        }
        for (size_t j = 0; j < np; j++)
            free(err[j]);
    }
    for (size_t i = 0; i < out->n; i++) {
        if (note[i].msg)
            rs_diag_add(warn, note[i].code, "%s", note[i].msg);
        free(note[i].msg);
        free(out->c[i].script);
        out->c[i].script = NULL;
    }
    if (missing_now)
        rs_diag_add(warn, 0,
                    RS_L(g, "gnuplot ('%s') is niet geïnstalleerd: de grafieken zijn niet "
                            "getekend; hun scripts en gegevens staan in %s/plots. Installeer het "
                            "(apt-get install gnuplot-nox) en voer uit: regiosim plot %s",
                         "gnuplot ('%s') is not installed: the charts were not drawn; their "
                         "scripts and data are in %s/plots. Install it (apt-get install "
                         "gnuplot-nox) and run: regiosim plot %s"),
                    g->gnuplot, shown_dir, shown_dir);
    free(note);
    free(grp);
    free(pdir);
    return rc;
}

/* ---- shared helpers ---------------------------------------------------- */

static const char *money_unit(const rs_gp *g) { return RS_L(g, "€ mln", "€ million"); }

/* Any flow after the horizon: the year axis then gets a position 'na'. */
static int has_after(const rs_run *r)
{
    const rs_plan *p = r->plan;
    int last = p->sc->end - p->y0;
    for (int y = last + 1; y < p->ny; y++)
        for (int s = 0; s < RS_Y_N_OUT; s++)
            if (s != RS_Y_BALANCE && fabs(r->y[s][y]) > 1e-9)
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
    int after = has_after(r);
    int rows = sc->end - sc->start + 1 + after;
    /* per tranche and row: paid; per row: reclaimed */
    double *paid = rs_xcalloc(nt * (size_t)rows, sizeof *paid);
    double *recl = rs_xcalloc((size_t)rows, sizeof *recl);
    for (size_t d = 0; d < sc->n_deals; d++) {
        size_t t = sc->deals[d].tranche;
        int y = sc->tranches[t].year - sc->start;
        for (int k = 0; k < p->len[d]; k++) {
            int row = y + k < rows ? y + k : rows - 1;
            if (row < 0)
                continue;
            paid[t * (size_t)rows + (size_t)row] += r->paid[p->off[d] + (size_t)k];
            recl[row] += r->reclaimed[p->off[d] + (size_t)k];
        }
    }
    double lo = 0, hi = 0;
    int any_recl = 0;
    rs_buf_add(dat, "# x\tyear");
    for (size_t t = 0; t < nt; t++)
        rs_buf_printf(dat, "\tpaid_cum_%zu", t + 1);
    rs_buf_add(dat, "\treclaimed\trijk_net\tcofinancing_spent\trow\t"
                    "(M€; _cum_: stacked over tranches)\n");
    char **rlab = rs_xcalloc((size_t)rows, sizeof *rlab);
    for (int row = 0; row < rows; row++) {
        int is_after = row > sc->end - sc->start;
        rs_buf_printf(dat, "%d\t", sc->start + row);
        if (is_after)
            rs_buf_printf(dat, "%s %d", RS_L(g, "na", "after"), sc->end);
        else
            rs_buf_printf(dat, "%d", sc->start + row);
        double cum = 0;
        for (size_t t = 0; t < nt; t++) {
            cum += paid[t * (size_t)rows + (size_t)row];
            rs_buf_add(dat, "\t");
            rs_chart_dat_num(dat, cum);
        }
        hi = fmax(hi, cum);
        rs_buf_add(dat, "\t");
        rs_chart_dat_num(dat, -recl[row]);
        double net = 0, cof = 0;
        int y0 = sc->start - p->y0 + row;
        if (is_after) {
            for (int y = sc->end - p->y0 + 1; y < p->ny; y++) {
                net += r->y[RS_Y_NET][y];
                cof += r->y[RS_Y_COFIN_SPENT][y];
            }
        } else if (y0 >= 0 && y0 < p->ny) {
            net = r->y[RS_Y_NET][y0];
            cof = r->y[RS_Y_COFIN_SPENT][y0];
        }
        rs_buf_add(dat, "\t");
        rs_chart_dat_num(dat, net);
        rs_buf_add(dat, "\t");
        rs_chart_dat_num(dat, cof);
        char lab[64];
        rs_fmt(lab, sizeof lab, -recl[row], 1, g->nl);
        rlab[row] = rs_xstrdup(recl[row] > 0.05 ? lab : "");
        rs_buf_printf(dat, "\t%d\n", row);
        any_recl |= recl[row] > 0.05;
        hi = fmax(hi, fmax(net, cof));
        lo = fmin(lo, fmin(net, -recl[row]));
    }
    free(paid);
    free(recl);

    rs_gp_header(gp, g, "cashflow");
    rs_gp_label_array(gp, "R", (const char *const *)rlab, (size_t)rows, 0);
    for (int row = 0; row < rows; row++)
        free(rlab[row]);
    free(rlab);
    rs_chart_title(gp, g, RS_L(g, "Geldstromen per jaar", "Money flows per year"));
    rs_chart_axis_label(gp, "y", money_unit(g));
    if (any_recl)
        lo -= 0.07 * (hi - lo); /* room for the reclaim's value under its bar */
    rs_gp_tics(gp, g, "y", lo, hi * 1.05);
    rs_chart_years(gp, g, sc->start, sc->end, after);
    size_t longest = 0;
    char (*names)[160] = rs_xcalloc(nt ? nt : 1, sizeof *names);
    for (size_t t = 0; t < nt; t++) {
        char in[96];
        rs_instrument_short(in, sizeof in, &sc->instruments[sc->tranches[t].instrument]);
        if (nt > 1)
            snprintf(names[t], sizeof names[t], "%s %s (%s)", RS_L(g, "Rijk", "Rijk"),
                     sc->tranches[t].id, in);
        else
            snprintf(names[t], sizeof names[t], "%s (%s)",
                     RS_L(g, "Betaald door het Rijk", "Paid by the Rijk"), in);
        size_t l = rs_text_chars(names[t]);
        longest = l > longest ? l : longest;
    }
    const char *l_recl = RS_L(g, "Teruggevorderd bij vaststelling", "Reclaimed at settlement");
    const char *l_cof = RS_L(g, "Besteed uit cofinanciering", "Spent from co-financing");
    const char *l_net = RS_L(g, "Netto Rijk (betaald − teruggevorderd)", "Rijk net (paid − reclaimed)");
    longest = fmax((double)longest, (double)rs_text_chars(l_net));
    rs_chart_key_below(gp, g, (int)nt + 2 + any_recl, longest, 0);
    rs_buf_add(gp, "set boxwidth 0.38\nset xzeroaxis lt -1 lc rgb c_axis lw 1\n");
    rs_gp_layout(gp, g, "cashflow");
    rs_buf_add(gp, "plot \\\n");
    /* stacked bars: the largest cumulative first, so each tranche shows;
     * the legend in tranche order comes from the invisible entries */
    for (size_t t = nt; t-- > 0;)
        rs_buf_printf(gp, "  'cashflow.dat' using ($1-0.2):%zu with boxes lt %zu notitle, \\\n",
                      t + 3, t % RS_GP_NCOLORS + 1);
    for (size_t t = 0; t < nt; t++) {
        rs_buf_printf(gp, "  NaN with boxes lt %zu title ", t % RS_GP_NCOLORS + 1);
        rs_gp_quote(gp, names[t]);
        rs_buf_add(gp, ", \\\n");
    }
    free(names);
    size_t c_recl = nt + 3, c_net = nt + 4, c_cof = nt + 5, c_lab = nt + 6;
    if (any_recl) {
        rs_buf_printf(gp, "  'cashflow.dat' using ($1-0.2):%zu with boxes lc rgb c_reclaim title ",
                      c_recl);
        rs_gp_quote(gp, l_recl);
        rs_buf_printf(gp, ", \\\n  '' using ($1-0.2):($%zu < 0 ? $%zu : 1/0):(R[int($%zu)+1]) with "
                          "labels center offset 0,-0.75 textcolor rgb c_reclaim noenhanced notitle, "
                          "\\\n",
                      c_recl, c_recl, c_lab);
    }
    rs_buf_printf(gp, "  'cashflow.dat' using ($1+0.2):%zu with boxes lc rgb c_cofin title ", c_cof);
    rs_gp_quote(gp, l_cof);
    rs_buf_printf(gp, ", \\\n  'cashflow.dat' using 1:%zu with linespoints lc rgb c_net dt 1 "
                      "lw 2.5 pt 7 ps 1.2 title ",
                  c_net);
    rs_gp_quote(gp, l_net);
    rs_buf_add(gp, "\n");
}

/* ---- cumulative --------------------------------------------------------- */

static void chart_cumulative(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    const rs_run *r = res->run;
    int after = has_after(r);
    int rows = sc->end - sc->start + 1 + after;
    double *ext = rs_xcalloc((size_t)rows, sizeof *ext);
    int ext_lo = 0, ext_hi = -1;
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_dealres *dr = &r->dr[d];
        if (!dr->extended)
            continue;
        int y = sc->tranches[sc->deals[d].tranche].year - sc->start;
        for (int k = sc->deals[d].duration; k <= dr->last; k++) {
            int row = y + k < rows ? y + k : rows - 1;
            if (row < 0)
                continue;
            ext[row] += r->spent[p->off[d] + (size_t)k];
            if (ext_hi < ext_lo) {
                ext_lo = ext_hi = row;
            } else {
                ext_lo = row < ext_lo ? row : ext_lo;
                ext_hi = row > ext_hi ? row : ext_hi;
            }
        }
    }
    rs_buf_add(dat, "# x\tplanned_cumulative\tspent_cumulative\tspent_in_extension_years (M€)\n");
    double cp = 0, cs = 0;
    for (int y = 0; y < sc->start - p->y0; y++) {
        cp += r->y[RS_Y_PLANNED][y];
        cs += r->y[RS_Y_SPENT][y];
    }
    for (int row = 0; row < rows; row++) {
        int is_after = row > sc->end - sc->start;
        int y0 = sc->start - p->y0 + row;
        if (is_after) {
            for (int y = y0; y < p->ny; y++) {
                cp += r->y[RS_Y_PLANNED][y];
                cs += r->y[RS_Y_SPENT][y];
            }
        } else if (y0 >= 0 && y0 < p->ny) {
            cp += r->y[RS_Y_PLANNED][y0];
            cs += r->y[RS_Y_SPENT][y0];
        }
        rs_buf_printf(dat, "%d\t", sc->start + row);
        rs_chart_dat_num(dat, cp);
        rs_buf_add(dat, "\t");
        rs_chart_dat_num(dat, cs);
        rs_buf_add(dat, "\t");
        rs_chart_dat_num(dat, ext[row]);
        rs_buf_add(dat, "\n");
    }
    free(ext);
    rs_gp_header(gp, g, "cumulative");
    rs_chart_title(gp, g, RS_L(g, "Geplande en gerealiseerde bestedingen, cumulatief",
                               "Planned and realised spending, cumulative"));
    rs_chart_axis_label(gp, "y", money_unit(g));
    rs_gp_tics(gp, g, "y", 0, fmax(cp, cs) * 1.05);
    rs_chart_years(gp, g, sc->start, sc->end, after);
    int has_ext = ext_hi >= ext_lo;
    const char *l_ext = RS_L(g, "Besteed in verlengingsjaren (per jaar)",
                             "Spent in extension years (per year)");
    rs_chart_key_below(gp, g, 2 + has_ext, rs_text_chars(l_ext), 0);
    rs_buf_add(gp, "set boxwidth 0.6\n");
    if (has_ext) {
        rs_buf_printf(gp, "set object 1 rect from %g, graph 0 to %g, graph 1 behind "
                          "fc rgb c_shade fs solid 1 noborder\n",
                      sc->start + ext_lo - 0.5, sc->start + ext_hi + 0.5);
        rs_buf_printf(gp, "set label 2 %s at %g, graph 0.96 center noenhanced "
                          "textcolor rgb c_text\n",
                      RS_L(g, "'verlengingsjaren'", "'extension years'"),
                      sc->start + (ext_lo + ext_hi) / 2.0);
    }
    rs_gp_layout(gp, g, "cumulative");
    rs_buf_add(gp, "plot ");
    if (has_ext) {
        rs_buf_add(gp, "'cumulative.dat' using 1:4 with boxes lc rgb c_accent title ");
        rs_gp_quote(gp, l_ext);
        rs_buf_add(gp, ", \\\n  ");
    }
    rs_buf_add(gp, "'cumulative.dat' using 1:2 with lines dt 2 lw 2.5 lc rgb c_planned title ");
    rs_gp_quote(gp, RS_L(g, "Gepland", "Planned"));
    rs_buf_add(gp, ", \\\n  '' using 1:3 with linespoints dt 1 lw 2.5 pt 7 lc rgb c_real title ");
    rs_gp_quote(gp, RS_L(g, "Gerealiseerd", "Realised"));
    rs_buf_add(gp, "\n");
}

/* ---- burden -------------------------------------------------------------- */

typedef struct burden_row {
    char label[260];
    const char *full; /* the whole obligation name, for the data file */
    double keur, pct;
    int side;
} burden_row;

static int by_cost(const void *a, const void *b)
{
    const burden_row *x = a, *y = b;
    if (x->keur != y->keur)
        return x->keur < y->keur ? -1 : 1; /* smallest first: gnuplot draws bottom up */
    return strcmp(y->label, x->label);
}

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
        size_t ii = sc->deals[d].instrument;
        const rs_instrument *in = &sc->instruments[ii];
        award[ii] += p->aw[d].A;
        rs_occ_ctx occ = rs_run_occ(r, d);
        for (size_t o = 0; o < in->n_obl; o++)
            for (int k = 0; k < p->len[d]; k++)
                cost[first[ii] + o] += rs_obligation_cost(in, &in->obl[o], &occ, r->admin_factor,
                                                          k, r->paid[p->off[d] + (size_t)k]);
    }
    burden_row *rw = rs_xcalloc(n ? n : 1, sizeof *rw);
    size_t rows = 0;
    int multi = 0;
    for (size_t i = 0; i < sc->n_instruments; i++)
        multi += award[i] > 0;
    multi = multi > 1;
    double hi = 0;
    for (size_t i = 0; i < sc->n_instruments; i++) {
        const rs_instrument *in = &sc->instruments[i];
        char ins[96];
        rs_instrument_short(ins, sizeof ins, in);
        for (size_t o = 0; o < in->n_obl; o++) {
            double c = cost[first[i] + o];
            if (c <= 0)
                continue;
            burden_row *b = &rw[rows++];
            char name[120];
            rs_chart_cut(name, sizeof name, in->obl[o].name, 30);
            snprintf(b->label, sizeof b->label, "%s%s%s (%s)", multi ? ins : "", multi ? ": " : "",
                     name, in->obl[o].side ? "Rijk" : RS_L(g, "regio", "region"));
            b->full = in->obl[o].name;
            b->keur = c * 1000;
            b->pct = award[i] > 0 ? 100 * c / award[i] : 0;
            b->side = in->obl[o].side;
            hi = fmax(hi, b->keur);
        }
    }
    qsort(rw, rows, sizeof *rw, by_cost);
    rs_buf_add(dat, "# index\tcost_keur\tside\tvalue\tobligation\n");
    char **bl = rs_xcalloc(rows ? rows : 1, sizeof *bl), **bv = rs_xcalloc(rows ? rows : 1, sizeof *bv);
    for (size_t i = 0; i < rows; i++) {
        char num[48], eur[48];
        rs_fmt(num, sizeof num, rw[i].pct, rw[i].pct < 0.1 ? 2 : 1, g->nl);
        rs_fmt(eur, sizeof eur, rw[i].keur, 0, g->nl);
        bv[i] = rs_xasprintf("%s (%s %%)", eur, num);
        bl[i] = rs_xstrdup(rw[i].label);
        rs_buf_printf(dat, "%zu\t", i);
        rs_chart_dat_num(dat, rw[i].keur);
        rs_buf_printf(dat, "\t%d\t%s\t", rw[i].side, bv[i]);
        dat_str(dat, rw[i].full);
        rs_buf_add(dat, "\n");
    }
    free(rw);
    free(cost);
    free(award);
    free(first);
    rs_gp_header(gp, g, "burden");
    rs_gp_label_array(gp, "L", (const char *const *)bl, rows, 0);
    rs_gp_label_array(gp, "V", (const char *const *)bv, rows, 0);
    for (size_t i = 0; i < rows; i++) {
        free(bl[i]);
        free(bv[i]);
    }
    free(bl);
    free(bv);
    rs_chart_title(gp, g, RS_L(g, "Administratieve lasten per verplichting, hele looptijd",
                               "Administrative burden by obligation, whole term"));
    rs_chart_axis_label(gp, "x", RS_L(g, "€ duizend (tussen haakjes: % van de Rijksbijdrage)",
                                      "€ thousand (in brackets: % of the Rijk award)"));
    if (!rows) {
        rs_chart_no_key(gp, 1);
        rs_buf_add(gp, "unset border\nunset tics\nset label 3 ");
        rs_gp_quote(gp, RS_L(g, "Geen administratieve lasten in dit scenario",
                             "No administrative burden in this scenario"));
        rs_buf_add(gp, " at graph 0.5, graph 0.5 center\nset xrange [0:1]\nset yrange [0:1]\n"
                       "plot -1 notitle\n");
        return;
    }
    /* room right of the longest bar for its value */
    rs_gp_tics(gp, g, "x", 0, hi * 1.3);
    rs_buf_printf(gp, "set yrange [-0.7:%zu-0.3]\nset ytics noenhanced scale 0", rows);
    rs_gp_font(gp, g, rows > 14 ? 0.7 : 0.85);
    rs_buf_add(gp, "\nset grid xtics noytics\nset border 1\n");
    rs_chart_key_below(gp, g, 2, 8, 1);
    rs_gp_layout(gp, g, "burden");
    rs_buf_add(gp, "plot 'burden.dat' using ($3 == 0 ? $2 : 1/0):1:(0):2:($1-0.36):($1+0.36):"
                   "ytic(L[int($1)+1]) with boxxyerror lc rgb c_region title ");
    rs_gp_quote(gp, RS_L(g, "regio", "region"));
    rs_buf_add(gp, ", \\\n  '' using ($3 == 1 ? $2 : 1/0):1:(0):2:($1-0.36):($1+0.36):"
                   "ytic(L[int($1)+1]) with boxxyerror lc rgb c_rijk title 'Rijk', \\\n"
                   "  '' using 2:1:(V[int($1)+1]) with labels left offset 0.5,0 noenhanced "
                   "textcolor rgb c_text");
    rs_gp_font(gp, g, rows > 14 ? 0.7 : 0.85);
    rs_buf_add(gp, " notitle\n");
}

/* ---- co-financing -------------------------------------------------------- */

/* Two co-financing rules are the same when their rule and parameters are. */
static int same_cofin(const rs_cofin *a, const rs_cofin *b)
{
    if (a == b)
        return 1;
    if (a->rule != b->rule)
        return 0;
    if (strcmp(a->rule->name, "flat") == 0)
        return a->share == b->share;
    if (strcmp(a->rule->name, "capacity_linear") == 0)
        return a->base == b->base && a->slope == b->slope && a->min == b->min && a->max == b->max;
    if (a->n_tiers != b->n_tiers)
        return 0;
    for (size_t i = 0; i < a->n_tiers; i++)
        if (a->tiers[i].share != b->tiers[i].share ||
            a->tiers[i].max_pressure != b->tiers[i].max_pressure)
            return 0;
    return 1;
}

/* "vast aandeel 50 %", "naar draagkracht", ... */
static void rule_words(char *out, size_t n, const rs_cofin *c, int nl)
{
    const char *w = rs_label_of(RS_LK_RULE, c->rule->name, nl);
    if (strcmp(c->rule->name, "flat") == 0) {
        char v[32];
        rs_fmt(v, sizeof v, 100 * c->share, 0, nl);
        snprintf(out, n, "%s %s %%", w, v);
    } else {
        snprintf(out, n, "%s", w);
    }
}

static void chart_cofinancing(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    const rs_plan *p = res->plan;
    size_t nt = sc->n_tranches;
    /* one panel per distinct rule in force in the tranches */
    size_t *panel = rs_xcalloc(nt ? nt : 1, sizeof *panel);
    const rs_cofin **rules = rs_xcalloc(nt ? nt : 1, sizeof *rules);
    size_t np = 0;
    for (size_t t = 0; t < nt; t++) {
        size_t k = 0;
        while (k < np && !same_cofin(rules[k], sc->tranches[t].cofin))
            k++;
        if (k == np)
            rules[np++] = sc->tranches[t].cofin;
        panel[t] = k;
    }
    if (np > 4)
        np = 4; /* more rules than that do not fit: the rest share the last panel's data */
    rs_gp_header(gp, g, "cofinancing");
    rs_chart_title(gp, g, RS_L(g, "Cofinancieringsaandeel per regio", "Co-financing share by region"));
    int no_deal_any = 0;
    for (size_t i = 0; i < sc->n_regions; i++) {
        int has = 0;
        for (size_t d = 0; d < sc->n_deals && !has; d++)
            has = sc->deals[d].region == i && p->aw[d].V > 0;
        no_deal_any |= !has;
    }
    rs_buf_add(gp, "set multiplot\n");
    for (size_t k = 0; k < np; k++) {
        const rs_cofin *cf = rules[k];
        int tiers = strcmp(cf->rule->name, "pressure_tiers") == 0;
        int flat = strcmp(cf->rule->name, "flat") == 0;
        /* points: each region with a deal in this panel's tranches, the
         * share agreed over those deals */
        double xlo = tiers ? 0 : 1e300, xhi = tiers ? 1 : -1e300;
        double *lx = rs_xcalloc(sc->n_regions + 1, sizeof *lx), *ly = rs_xcalloc(sc->n_regions + 1, sizeof *ly);
        size_t nl_ = 0;
        char **pn = rs_xcalloc(sc->n_regions + 1, sizeof *pn);
        rs_buf_printf(dat, "%s# panel %zu: x\tshare\thas_deal\tregion\n", k ? "\n\n" : "", k + 1);
        int pts = 0;
        for (size_t i = 0; i < sc->n_regions; i++) {
            const rs_region *reg = &sc->regions[i];
            double C = 0, V = 0;
            for (size_t d = 0; d < sc->n_deals; d++)
                if (sc->deals[d].region == i && panel[sc->deals[d].tranche] == k) {
                    C += p->aw[d].C;
                    V += p->aw[d].V;
                }
            int has = V > 0;
            if (!has && (np > 1 || !no_deal_any))
                continue;
            double x = tiers ? reg->bw_pressure : reg->fiscal_capacity;
            double c = has ? C / V : rs_cofin_share(cf, reg);
            xlo = fmin(xlo, x);
            xhi = fmax(xhi, x);
            rs_chart_dat_num(dat, x);
            rs_buf_add(dat, "\t");
            rs_chart_dat_num(dat, 100 * c);
            rs_buf_printf(dat, "\t%d\t", has);
            /* a name only where it does not run into another one */
            int room = sc->n_regions <= 40;
            for (size_t j = 0; j < nl_ && room; j++)
                if (fabs(lx[j] - x) < 0.12 * fmax(xhi - xlo, 0.5) && fabs(ly[j] - c) < 0.05)
                    room = 0;
            dat_str(dat, reg->name);
            pn[pts] = rs_xstrdup(room ? reg->name : "");
            if (room) {
                lx[nl_] = x;
                ly[nl_++] = c;
            }
            rs_buf_add(dat, "\n");
            pts++;
        }
        free(lx);
        free(ly);
        if (!pts)
            rs_buf_add(dat, "0\t0\t0\t-\n");
        char var[16];
        snprintf(var, sizeof var, "N%zu", k + 1);
        rs_gp_label_array(gp, var, (const char *const *)pn, (size_t)pts, 18);
        for (int q = 0; q < pts; q++)
            free(pn[q]);
        free(pn);
        if (xhi < xlo)
            xlo = 0, xhi = 2;
        double pad = fmax(0.05, (xhi - xlo) * 0.1);
        double a = tiers ? 0 : xlo - pad, b = tiers ? 1 : xhi + pad;
        rs_buf_printf(dat, "\n\n# panel %zu, the rule: x\tshare\n", k + 1);
        for (int s = 0; s <= 200; s++) {
            rs_region probe = {0};
            double x = a + (b - a) * s / 200.0;
            probe.fiscal_capacity = tiers ? 1 : x;
            probe.bw_pressure = tiers ? x : 0.5;
            rs_chart_dat_num(dat, x);
            rs_buf_add(dat, "\t");
            rs_chart_dat_num(dat, 100 * rs_cofin_share(cf, &probe));
            rs_buf_add(dat, "\n");
        }
        /* the panel's title: its tranches and rule */
        char which[256] = "", rw[128];
        size_t wl = 0;
        for (size_t t = 0; t < nt; t++)
            if (panel[t] == k && wl + 40 < sizeof which)
                wl += (size_t)snprintf(which + wl, sizeof which - wl, "%s%s", wl ? ", " : "",
                                       sc->tranches[t].id);
        rule_words(rw, sizeof rw, cf, g->nl);
        char pt[400];
        snprintf(pt, sizeof pt, "%s: %s", which, rw);
        rs_buf_add(gp, "set title ");
        rs_gp_quote(gp, pt);
        rs_buf_add(gp, " noenhanced textcolor rgb c_text\n");
        rs_chart_axis_label(gp, "x", tiers ? RS_L(g, "druk op brede welvaart (0 geen, 1 hoogst)",
                                                 "pressure on brede welvaart (0 none, 1 most)")
                                           : RS_L(g, "draagkracht (1 = landelijk gemiddelde)",
                                                 "fiscal capacity (1 = national average)"));
        if (k == 0)
            rs_chart_axis_label(gp, "y", RS_L(g, "cofinanciering, % van het dealvolume",
                                              "co-financing, % of the deal volume"));
        else
            rs_buf_add(gp, "unset ylabel\n");
        rs_gp_tics(gp, g, "y", 0, 100);
        rs_gp_tics_n(gp, g, "x", a, b, np > 2 ? 3 : 5);
        double w = 0.90 / (double)np, left = 0.08 + w * (double)k;
        rs_buf_printf(gp, "unset key\nset lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                          "set tmargin at screen 0.84\nset bmargin at screen 0.24\n",
                      left, left + w - (np > 1 ? 0.05 : 0.02));
        rs_gp_layout(gp, g, "cofinancing");
        rs_buf_printf(gp, "plot 'cofinancing.dat' index %zu using 1:2 with lines dt 1 lw 2.5 "
                          "lc rgb c_net notitle, \\\n"
                          "  '' index %zu using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 1.5 "
                          "lc rgb c_accent notitle, \\\n"
                          "  '' index %zu using 1:($3 == 0 ? $2 : 1/0) with points pt 6 ps 1.5 "
                          "lc rgb c_accent notitle",
                      2 * k + 1, 2 * k, 2 * k);
        if (!flat || pts <= 40) {
            rs_buf_printf(gp, ", \\\n  '' index %zu using 1:2:(N%zu[int($0)+1]) with labels left "
                              "offset 0.7,0.5 noenhanced textcolor rgb c_text",
                          2 * k, k + 1);
            rs_gp_font(gp, g, np > 1 ? 0.6 : 0.7);
            rs_buf_add(gp, " notitle");
        }
        rs_buf_add(gp, "\n");
        if (k == 0)
            rs_buf_add(gp, "unset label 98\nunset label 99\n"); /* drawn once */
    }
    /* the legend, once, under the panels */
    rs_buf_add(gp, "unset title\nunset xlabel\nunset ylabel\nunset tics\nunset border\nunset grid\n"
                   "set xrange [0:1]\nset yrange [0:1]\n");
    rs_buf_add(gp, "set key at screen 0.5, screen 0.085 center center horizontal Left reverse "
                   "maxcols 3\n");
    rs_buf_add(gp, "plot NaN with lines dt 1 lw 2.5 lc rgb c_net title ");
    rs_gp_quote(gp, RS_L(g, "regel", "rule"));
    rs_buf_add(gp, ", NaN with points pt 7 ps 1.5 lc rgb c_accent title ");
    rs_gp_quote(gp, RS_L(g, "regio met deal (afgesproken aandeel)", "region with a deal (agreed share)"));
    if (np == 1 && no_deal_any) {
        rs_buf_add(gp, ", NaN with points pt 6 ps 1.5 lc rgb c_accent title ");
        rs_gp_quote(gp, RS_L(g, "regio zonder deal (aandeel volgens de regel)",
                             "region without a deal (share by the rule)"));
    }
    rs_buf_add(gp, "\nunset multiplot\n");
    free(panel);
    free(rules);
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

/* Sorted horizontal bars; with many regions the 12 highest and the 12
 * lowest, the full list being in regions.csv and the report's table. */
static void chart_regions(const rs_result *res, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const rs_scenario *sc = res->sc;
    size_t n = sc->n_regions;
    region_row *rows = rs_xcalloc(n ? n : 1, sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        double A = 0;
        for (size_t d = 0; d < sc->n_deals; d++)
            if (sc->deals[d].region == i)
                A += res->plan->aw[d].A;
        rows[i].r = &sc->regions[i];
        rows[i].per_capita = A * 1e6 / sc->regions[i].population;
    }
    qsort(rows, n, sizeof *rows, by_per_capita);
    enum { SHOW = 12 };
    double *val = rs_xcalloc(n ? n : 1, sizeof *val), hi = 0;
    const char **nm = rs_xcalloc(n ? n : 1, sizeof *nm);
    for (size_t i = 0; i < n; i++) {
        val[i] = rows[i].per_capita;
        nm[i] = rows[i].r->name;
        hi = fmax(hi, val[i]); /* the first, which every selection shows */
    }
    rs_buf_add(dat, "# k\ty\taward_per_capita_eur\tregion\n");
    rs_gp_header(gp, g, "regions");
    rs_chart_rows sel;
    rs_chart_ranked(dat, gp, g, val, nm, n, SHOW, 0, &sel);
    free(val);
    free(nm);
    size_t shown = sel.shown, gap = sel.gap, left = sel.left, zeros = sel.zeros;
    int cut = left > 0;
    char t[200];
    if (left > zeros)
        snprintf(t, sizeof t, RS_L(g, "Rijksbijdrage per inwoner: de %d hoogste en de %d laagste van %zu regio's",
                                   "Rijk award per inhabitant: the %d highest and the %d lowest of %zu regions"),
                 SHOW, SHOW, n - zeros);
    else
        snprintf(t, sizeof t, "%s", RS_L(g, "Rijksbijdrage per inwoner, per regio",
                                         "Rijk award per inhabitant, by region"));
    rs_chart_title(gp, g, t);
    rs_chart_axis_label(gp, "x", RS_L(g, "€ per inwoner", "€ per inhabitant"));
    rs_gp_tics(gp, g, "x", 0, hi * 1.18);
    double top = (double)shown + (cut ? 1 : 0);
    rs_buf_printf(gp, "set yrange [-0.7:%g-0.3]\nset ytics noenhanced scale 0", top);
    double fs = shown > 16 ? 0.62 : 0.8;
    rs_gp_font(gp, g, fs);
    rs_buf_add(gp, "\nset grid xtics noytics\nset border 1\n");
    if (cut)
        rs_chart_pick_note(gp, g, 3, left, zeros, "zonder Rijksbijdrage", "without a Rijk award",
                           "zie de tabel in het rapport", "see the table in the report",
                           shown - gap, fs);
    rs_chart_no_key(gp, 1);
    rs_gp_layout(gp, g, "regions");
    rs_buf_add(gp, "plot 'regions.dat' using (0):2:(0):3:($2-0.36):($2+0.36):ytic(L[int($1)+1]) "
                   "with boxxyerror lc rgb c_real notitle, \\\n"
                   "  '' using 3:2:(V[int($1)+1]) with labels left offset 0.4,0 noenhanced "
                   "textcolor rgb c_text");
    rs_gp_font(gp, g, fs);
    rs_buf_add(gp, " notitle\n");
    free(rows);
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
         "Rijksbetalingen per jaar, gestapeld per tranche (met het instrument), terugvorderingen bij de vaststelling als rode staaf onder nul, de bestedingen uit cofinanciering ernaast en de netto Rijksuitgaven als lijn.",
         "Rijk payments per year, stacked by tranche (with its instrument), reclaims at settlement as red bars below zero, spending from co-financing beside them and the net Rijk expenditure as a line."},
        {"cumulative", chart_cumulative,
         "Geplande tegenover gerealiseerde bestedingen, cumulatief; oranje de bestedingen in verlengingsjaren, gearceerd de jaren waarin verlengde deals nog besteden.",
         "Planned against realised spending, cumulative; in orange the spending in extension years, shaded the years in which extended deals still spend."},
        {"burden", chart_burden,
         "Administratieve lasten per verplichting over de hele looptijd, van groot naar klein, voor regio en Rijk, in duizend euro en als percentage van de Rijksbijdrage.",
         "Administrative burden by obligation over the whole term, largest first, for region and Rijk, in thousand euro and as a percentage of the Rijk award."},
        {"cofinancing", chart_cofinancing,
         "Afgesproken cofinancieringsaandeel per regio met de regel als lijn; één paneel per regel die in de tranches geldt, tegen draagkracht of tegen druk op brede welvaart, zoals de regel rekent.",
         "Agreed co-financing share by region with the rule as a line; one panel per rule in force in the tranches, against fiscal capacity or pressure on brede welvaart, as the rule computes it."},
        {"regions", chart_regions,
         "Rijksbijdrage per inwoner per regio, van hoog naar laag (bij veel regio's de hoogste en de laagste; de hele lijst staat in de tabel per regio).",
         "Rijk award per inhabitant by region, highest first (with many regions the highest and the lowest; the full list is in the table by region)."},
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
