/* sweep.c — regiosim sweep and regiosim solve: a metric as a function of
 * one or two numeric keys of a scenario, and the value of a key at which a
 * metric reaches a target (GSL's Brent solver).  Both are thin users of
 * the experiment layer: the scenario is read and validated once, every
 * point is a variant (the swept keys as overrides on a copy of its tree),
 * and a sweep's points are evaluated in parallel, as means only when
 * there are draws. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../experiment/experiment.h"
#include "../output/outdir.h"
#include "../output/write.h"
#include "../plot/charts.h"
#include "../output/labels.h"
#include "../output/messages.h"
#include "cli.h"

/* The Monte Carlo settings of one point: the point's own 'uncertainty'
 * block with --draws and --seed (so a sweep may move a key of that block).
 * The same seed at every point: a sweep or a solver sees a smooth
 * function of the parameter. */
static int point_unc(const rs_scenario *sc, rs_uncertainty *u, void *arg)
{
    const rs_opts *o = arg;
    rs_diag warn;
    rs_diag_init(&warn);
    int with = rs_cli_uncertainty(sc, o, u, &warn);
    rs_diag_free(&warn); /* the --draws default is said once, by the caller */
    return with;
}

/* Evaluates n variants of the study (deterministic, or the Monte Carlo
 * mean when the scenario or the options ask for draws).  Returns 0, or the
 * first failing variant's code with its messages in 'diag' and *failed
 * set to its index. */
static int eval_points(const rs_study *st, const rs_variant *var, size_t n, const rs_opts *o,
                       rs_eval_result *r, size_t *failed, rs_diag *diag)
{
    rs_eval_opts eo = {RS_EVAL_MEANS, NULL, point_unc, (void *)o,
                       o->threads > 0 ? (int)o->threads : 0, 0, 0, NULL, NULL, 0, 0};
    int rc = rs_eval(st, var, n, &eo, r, diag);
    *failed = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].code) {
            *failed = i;
            for (size_t k = 0; k < r->v[i].diag.n; k++)
                rs_diag_add(diag, r->v[i].code, "%s", r->v[i].diag.msg[k]);
            break;
        }
    return rc;
}

/* Says, once, the Monte Carlo defaults --draws takes when the scenario has
 * no 'uncertainty' block (point_unc drops the warning of each point). */
static void say_draws_default(const rs_study *st, const rs_opts *o, int nl)
{
    rs_uncertainty u;
    rs_diag warn;
    rs_diag_init(&warn);
    rs_cli_uncertainty(rs_study_scenario(st, 0), o, &u, &warn);
    rs_diag_print_lang(&warn, stderr, nl, 1);
    rs_diag_free(&warn);
}

/* Adds 'file' with the options' --set to a new study. */
static rs_study *study_of(const char *file, const rs_opts *o, const char *also, int *rc,
                          rs_diag *diag)
{
    rs_study *st = rs_study_new();
    if (rs_study_add(st, file, o->ov, o->n_ov, diag) < 0 ||
        (also && rs_study_add(st, also, o->ov, o->n_ov, diag) < 0)) {
        *rc = diag->code ? diag->code : RS_EXIT_INVALID;
        rs_study_free(st);
        return NULL;
    }
    for (size_t i = 0; i < (also ? 2u : 1u); i++)
        if ((*rc = rs_cli_draws_check(rs_study_scenario(st, i), o, diag)) != 0) {
            rs_study_free(st);
            return NULL;
        }
    return st;
}

static void fmt_value(char *out, size_t n, double x) { rs_fmt_num(out, n, x, '.'); }

/* 't' right-aligned in 'w' characters (not bytes: "€" is three) after 'sep' */
static void put_col(const char *t, int w, const char *sep)
{
    int pad = w - (int)rs_text_width(t);
    printf("%s%*s%s", sep, pad > 0 ? pad : 0, "", t);
}

/* ---- sweep ------------------------------------------------------------- */

/* Point i of 'steps' from 'from' to 'to', rounded to 12 significant
 * digits so that 0.3 + 0.1 is the 0.4 an analyst typed elsewhere. */
static double grid(double from, double to, long steps, long i)
{
    double x = steps > 1 ? from + (to - from) * (double)i / (double)(steps - 1) : from;
    char t[32];
    snprintf(t, sizeof t, "%.12g", x);
    return strtod(t, NULL);
}

static void sweep_chart(const rs_opts *o, const rs_gp *g, const int *ms, size_t nm,
                        const double *vals, long n1, long n2, const char *p1, const char *p2,
                        rs_buf *dat, rs_buf *gp)
{
    int two = n2 > 1;
    rs_buf_printf(dat, "# %s%s%s", o->param, two ? "\t" : "", two ? o->param2 : "");
    for (size_t k = 0; k < nm; k++)
        rs_buf_printf(dat, "\t%s", rs_metric_infos[ms[k]].name);
    rs_buf_add(dat, "\tpoint\n");
    char **vl = rs_xcalloc(nm * (size_t)(n1 * n2) + 1, sizeof *vl);
    for (long i = 0; i < n1; i++) {
        for (long j = 0; j < n2; j++) {
            const double *row = vals + (size_t)(i * n2 + j) * (nm + 2);
            char t[40];
            fmt_value(t, sizeof t, row[0]);
            rs_buf_add(dat, t);
            if (two) {
                fmt_value(t, sizeof t, row[1]);
                rs_buf_printf(dat, "\t%s", t);
            }
            for (size_t k = 0; k < nm; k++) {
                fmt_value(t, sizeof t, rs_metric_scale(ms[k]) * row[2 + k]);
                rs_buf_printf(dat, "\t%s", t);
            }
            for (size_t k = 0; k < nm; k++) {
                rs_fmt_metric(t, sizeof t, ms[k], row[2 + k], g->nl, 0);
                vl[k * (size_t)(n1 * n2) + (size_t)(i * n2 + j)] = rs_xstrdup(t);
            }
            rs_buf_printf(dat, "\t%ld\n", i * n2 + j);
        }
        if (two)
            rs_buf_add(dat, "\n"); /* a blank line between rows: a grid */
    }
    rs_gp_header(gp, g, "sweep");
    if (two)
        for (size_t k = 0; k < nm; k++) {
            char var[32];
            snprintf(var, sizeof var, "V%zu", k + 1);
            rs_gp_label_array(gp, var, (const char *const *)(vl + k * (size_t)(n1 * n2)),
                              (size_t)(n1 * n2), 0);
        }
    for (size_t i = 0; i < nm * (size_t)(n1 * n2); i++)
        free(vl[i]);
    free(vl);
    rs_buf b;
    rs_buf_init(&b);
    rs_buf_printf(&b, "%s: %s%s%s", RS_L(g, "Parameterverkenning", "Sweep"), p1, two ? " × " : "",
                  two ? p2 : "");
    rs_chart_title(gp, g, b.s);
    rs_buf_free(&b);
    rs_buf_add(gp, "unset key\nset multiplot\n");
    /* panels: stacked with one x axis for a sweep (the same margins, so
     * the axes line up), side by side for heat maps */
    size_t cols = two ? (nm < 3 ? nm : 3) : 1, rows = (nm + cols - 1) / cols;
    double top = 0.86, bottom = 0.07;
    for (size_t k = 0; k < nm; k++) {
        int m = ms[k];
        double lo = HUGE_VAL, hi = -HUGE_VAL, f = rs_metric_scale(m);
        for (long p = 0; p < n1 * n2; p++) {
            double v = f * vals[(size_t)p * (nm + 2) + 2 + k];
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        size_t c = k % cols, r = k / cols;
        double w = 0.86 / (double)cols, h = (top - bottom) / (double)rows;
        double l = 0.11 + w * (double)c, t = top - h * (double)r;
        char mt[200];
        const char *u = strcmp(rs_metric_infos[m].unit, "M€") == 0 ? RS_L(g, "€ mln", "M€")
                                                                  : rs_metric_unit(m, g->nl);
        snprintf(mt, sizeof mt, u[0] ? "%s (%s)" : "%s%s", rs_metric_label(m, g->nl), u);
        int last_row = r == rows - 1 || k + cols >= nm;
        if (two) {
            double s1 = n1 > 1 ? fabs(o->to - o->from) / (double)(n1 - 1) : 1;
            double s2 = n2 > 1 ? fabs(o->to2 - o->from2) / (double)(n2 - 1) : 1;
            rs_buf_printf(gp, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                              "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
                          l, l + w - 0.17, t - 0.06, t - h + 0.09);
            /* every point a cell of its own: the grid's first and last
             * rows and columns included */
            rs_buf_printf(gp, "set xrange [%.10g:%.10g]\nset yrange [%.10g:%.10g]\n",
                          fmin(o->from, o->to) - s1 / 2, fmax(o->from, o->to) + s1 / 2,
                          fmin(o->from2, o->to2) - s2 / 2, fmax(o->from2, o->to2) + s2 / 2);
            rs_gp_tics_n(gp, g, "x", fmin(o->from, o->to), fmax(o->from, o->to), 4);
            rs_buf_printf(gp, "set xrange [%.10g:%.10g]\n", fmin(o->from, o->to) - s1 / 2,
                          fmax(o->from, o->to) + s1 / 2);
            rs_gp_tics_n(gp, g, "y", fmin(o->from2, o->to2), fmax(o->from2, o->to2), 4);
            rs_buf_printf(gp, "set yrange [%.10g:%.10g]\n", fmin(o->from2, o->to2) - s2 / 2,
                          fmax(o->from2, o->to2) + s2 / 2);
            rs_chart_axis_label(gp, "x", p1);
            rs_chart_axis_label(gp, "y", c == 0 ? p2 : "");
            rs_buf_add(gp, "set grid noxtics noytics\nset border 15\n"
                           "set palette defined (0 '#F0F6FB', 0.5 '#8FCAE7', 1 '#3D94CC')\n");
            rs_buf_printf(gp, "set cbrange [%.10g:%.10g]\nset colorbox user origin screen %.4f, "
                              "screen %.4f size screen 0.012, screen %.4f\n",
                          lo, hi > lo ? hi : lo + 1, l + w - 0.155, t - h + 0.09, h - 0.15);
            rs_buf_add(gp, "set cbtics textcolor rgb c_text\nset title ");
            rs_gp_quote(gp, mt);
            rs_buf_add(gp, " noenhanced textcolor rgb c_text\n");
            rs_gp_layout(gp, g, "heatmap");
            rs_buf_printf(gp, "plot 'sweep.dat' using 1:2:%zu with image notitle, \\\n"
                              "  '' using 1:2:(V%zu[int($%zu)+1]) with labels center noenhanced "
                              "textcolor rgb c_text",
                          k + 3, k + 1, nm + 3);
            rs_gp_font(gp, g, n1 * n2 > 49 ? 0.5 : 0.7);
            rs_buf_add(gp, " notitle\n");
        } else {
            rs_buf_printf(gp, "set lmargin at screen 0.14\nset rmargin at screen 0.96\n"
                              "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
                          t - 0.05, t - h + (last_row ? 0.10 : 0.03));
            /* start at zero where the values are all on one side of it and
             * the change is not hidden by it; else say that the axis is
             * zoomed in */
            int zoom = 0;
            double ylo = lo, yhi = hi;
            if (lo >= 0 && hi > 0) {
                if ((hi - lo) >= 0.2 * hi)
                    ylo = 0;
                else
                    zoom = 1;
            } else if (hi <= 0 && lo < 0) {
                if ((hi - lo) >= 0.2 * -lo)
                    yhi = 0;
                else
                    zoom = 1;
            }
            double pad = (yhi - ylo) * 0.08;
            if (pad == 0)
                pad = fabs(yhi) > 0 ? fabs(yhi) * 0.1 : 1;
            rs_gp_tics_n(gp, g, "y", ylo == 0 ? 0 : ylo - pad, yhi == 0 ? 0 : yhi + pad, 3);
            rs_gp_tics(gp, g, "x", fmin(o->from, o->to), fmax(o->from, o->to));
            if (!last_row)
                rs_buf_add(gp, "set xtics textcolor rgb '#FFFFFF'\nunset xlabel\n");
            else {
                rs_buf_add(gp, "set xtics textcolor rgb c_text\n");
                rs_chart_axis_label(gp, "x", p1);
            }
            char tt[300];
            snprintf(tt, sizeof tt, "%s%s", mt,
                     zoom ? RS_L(g, " — as ingezoomd, begint niet bij 0",
                                 " — zoomed axis, does not start at 0")
                          : "");
            rs_buf_add(gp, "unset ylabel\nset title ");
            rs_gp_quote(gp, tt);
            rs_buf_add(gp, " noenhanced textcolor rgb c_text");
            rs_gp_font(gp, g, 0.85);
            rs_buf_add(gp, "\n");
            rs_gp_layout(gp, g, "sweep");
            rs_buf_printf(gp, "plot 'sweep.dat' using 1:%zu with linespoints lt %zu dt 1 lw 2.5 "
                              "notitle\n",
                          k + 2, k % RS_GP_NCOLORS + 1);
        }
        if (k == 0)
            rs_buf_add(gp, "unset label 98\nunset label 99\n"); /* title and source once */
    }
    rs_buf_add(gp, "unset multiplot\n");
}

int rs_cmd_sweep(const rs_opts *o)
{
    if (o->n_pos != 1)
        return rs_usage_error("sweep", "sweep takes one scenario file");
    if (!o->param || !o->has_from || !o->has_to || o->steps < 0)
        return rs_usage_error("sweep", "sweep needs --param PATH --from A --to B --steps N");
    int two = o->param2 != NULL;
    if (two && (!o->has_from2 || !o->has_to2 || o->steps2 < 0))
        return rs_usage_error("sweep", "--param2 needs --from2, --to2 and --steps2");
    long n1 = o->steps, n2 = two ? o->steps2 : 1;
    /* each count is capped before the product is formed: 2^32 × 2^32
     * overflowed and the grid was written past its buffer */
    if (n1 > 100000)
        return rs_usage_error("sweep", "--steps %ld is too many (at most 100000 points)", n1);
    if (n2 > 100000)
        return rs_usage_error("sweep", "--steps2 %ld is too many (at most 100000 points)", n2);
    if (n1 * n2 > 100000)
        return rs_usage_error("sweep", "--steps %ld × --steps2 %ld = %ld points is too many (at "
                                       "most 100000)",
                              n1, n2, n1 * n2);
    int ms[RS_M_N];
    size_t nm = 0;
    for (size_t i = 0; i < o->n_metrics; i++)
        for (int m = 0; m < RS_M_N; m++)
            if (strcmp(rs_metric_infos[m].name, o->metrics[i]) == 0)
                ms[nm++] = m;
    if (!nm) {
        ms[nm++] = RS_M_RIJK_NET;
        ms[nm++] = RS_M_EFFECTIVENESS;
    }
    double *vals = rs_xcalloc((size_t)(n1 * n2) * (nm + 2), sizeof *vals);
    int rc = RS_EXIT_OK;
    rs_diag diag;
    rs_diag_init(&diag);
    rs_study *st = study_of(o->pos[0], o, NULL, &rc, &diag);
    if (!st) {
        rs_diag_print_lang(&diag, stderr, rs_cli_nl(o, NULL), 0);
        goto out;
    }
    say_draws_default(st, o, rs_cli_nl(o, rs_study_scenario(st, 0)));
    /* every point is a variant of the scenario loaded once */
    size_t np = (size_t)(n1 * n2);
    char (*text)[2][40] = rs_xcalloc(np, sizeof *text);
    rs_override *ov = rs_xcalloc(2 * np, sizeof *ov);
    rs_variant *var = rs_xcalloc(np, sizeof *var);
    for (long i = 0; i < n1; i++)
        for (long j = 0; j < n2; j++) {
            size_t p = (size_t)(i * n2 + j);
            double *row = vals + p * (nm + 2);
            row[0] = grid(o->from, o->to, n1, i);
            row[1] = two ? grid(o->from2, o->to2, n2, j) : 0;
            fmt_value(text[p][0], sizeof text[p][0], row[0]);
            fmt_value(text[p][1], sizeof text[p][1], row[1]);
            ov[2 * p] = (rs_override){o->param, text[p][0]};
            ov[2 * p + 1] = (rs_override){o->param2, text[p][1]};
            var[p] = (rs_variant){0, &ov[2 * p], two ? 2 : 1};
        }
    rs_eval_result er;
    size_t failed;
    rc = eval_points(st, var, np, o, &er, &failed, &diag);
    if (rc)
        rs_diag_add(&diag, 0, "(at %s = %s%s%s%s)", o->param, text[failed][0], two ? ", " : "",
                    two ? o->param2 : "", two ? text[failed][1] : "");
    for (size_t p = 0; !rc && p < np; p++)
        for (size_t k = 0; k < nm; k++)
            vals[p * (nm + 2) + 2 + k] = er.v[p].mean[ms[k]];
    rs_eval_result_free(&er);
    free(var);
    free(ov);
    free(text);
    /* the words of the terminal table, while the scenario is at hand */
    const rs_scenario *sc0 = rs_study_scenario(st, 0);
    int nl = strcmp(o->lang ? o->lang : sc0 ? sc0->lang : "nl", "nl") == 0;
    /* the parameters by the name the charts give them (rs_param_title) */
    char p1[400], p2[400] = "";
    rs_param_title(p1, sizeof p1, o->param, sc0, nl);
    if (two)
        rs_param_title(p2, sizeof p2, o->param2, sc0, nl);
    /* the chart names the parameters by their display labels (region and
     * obligation names from the scenario) and the scenario by its name */
    char t1[2][200], t2[2][200];
    for (int ln = 0; ln < 2; ln++) {
        rs_param_title(t1[ln], sizeof t1[ln], o->param, sc0, ln);
        rs_param_title(t2[ln], sizeof t2[ln], two ? o->param2 : "", sc0, ln);
    }
    char *scname = sc0 && sc0->label && *sc0->label  ? rs_xstrdup(sc0->label)
                   : sc0 && sc0->name && *sc0->name ? rs_xstrdup(sc0->name)
                                                     : NULL;
    rs_study_free(st);
    if (rc) {
        rs_diag_print_lang(&diag, stderr, nl, 0);
        goto out;
    }
    const char *b = strrchr(o->pos[0], '/');
    b = b ? b + 1 : o->pos[0];
    char *dir = o->out ? rs_xstrdup(o->out) : rs_xasprintf("out/sweep-%s", b);
    size_t dl = strlen(dir);
    if (!o->out && dl > 5 && strcmp(dir + dl - 5, ".json") == 0)
        dir[dl - 5] = '\0';
    rs_outdir od;
    rs_diag warn;
    rs_diag_init(&warn);
    rc = rs_outdir_begin(&od, dir, &diag);
    FILE *f = rc ? NULL : rs_outdir_open(&od, "sweep.csv", &diag);
    if (f) {
        rs_csv c;
        rs_csv_init(&c, f, rs_cli_csv(o, NULL));
        rs_csv_str(&c, o->param);
        if (two)
            rs_csv_str(&c, o->param2);
        for (size_t k = 0; k < nm; k++)
            rs_csv_str(&c, rs_metric_infos[ms[k]].name);
        rs_csv_end(&c);
        for (long p = 0; p < n1 * n2; p++) {
            const double *row = vals + (size_t)p * (nm + 2);
            rs_csv_num(&c, row[0]);
            if (two)
                rs_csv_num(&c, row[1]);
            for (size_t k = 0; k < nm; k++)
                rs_csv_num(&c, row[2 + k]);
            rs_csv_end(&c);
        }
        rc = rs_outdir_close(f, "sweep.csv", &diag);
    } else if (!rc) {
        rc = RS_EXIT_IO;
    }
    if (!rc && !o->no_plots) {
        rs_gp g;
        rs_cli_gpmem gmem;
        rc = rs_cli_gp(&g, o, NULL, &gmem);
        free(gmem.footer);
        gmem.footer = scname ? rs_xasprintf("%s: regiosim %s, scenario '%s'", g.nl ? "Bron" : "Source",
                                            RS_VERSION, scname)
                             : rs_xasprintf(g.nl ? "Bron: regiosim %s, scenariobestand %s"
                                                 : "Source: regiosim %s, scenario file %s",
                                            RS_VERSION, o->pos[0]);
        g.footer = gmem.footer;
        rs_charts ch = {0};
        rs_buf dat, gp;
        rs_buf_init(&dat);
        rs_buf_init(&gp);
        if (!rc) {
            sweep_chart(o, &g, ms, nm, vals, n1, n2, t1[g.nl ? 1 : 0], t2[g.nl ? 1 : 0], &dat, &gp);
            rc = rs_chart_draw(&ch, od.tmp, dir, &g, "sweep", "", gp.s, dat.s, &warn);
        }
        if (!rc)
            rc = rs_charts_flush(&ch, od.tmp, dir, &g, &warn);
        rs_buf_free(&dat);
        rs_buf_free(&gp);
        rs_charts_free(&ch);
        rs_cli_gp_free(&gmem);
    }
    free(scname);
    /* a sweep folder is marked as a result by its sweep.csv */
    if (!rc) {
        FILE *mark = rs_outdir_open(&od, "summary.json", &diag);
        if (mark) {
            fprintf(mark, "{\"sweep\": ");
            rs_json_string(mark, o->param);
            fprintf(mark, ", \"points\": %ld, \"version\": \"%s\"}\n", n1 * n2, RS_VERSION);
            rc = rs_outdir_close(mark, "summary.json", &diag);
        }
    }
    if (!rc)
        rc = rs_outdir_commit(&od, &diag);
    rs_outdir_abort(&od);
    rs_diag_print_lang(&diag, stderr, nl, 0);
    for (size_t i = 0; i < warn.n; i++)
        fprintf(stderr, "regiosim: %s: %s\n", nl ? "waarschuwing" : "warning", warn.msg[i]);
    if (!rc && !o->quiet && !nl) { /* English: the ids, as in sweep.csv */
        printf("%-14s%s%-14s", o->param, two ? " " : "", two ? o->param2 : "");
        for (size_t k = 0; k < nm; k++)
            printf(" %22s", rs_metric_infos[ms[k]].name);
        printf("\n");
        for (long p = 0; p < n1 * n2; p++) {
            const double *row = vals + (size_t)p * (nm + 2);
            printf("%-14.6g", row[0]);
            if (two)
                printf(" %-14.6g", row[1]);
            for (size_t k = 0; k < nm; k++)
                printf(" %22.6f", row[2 + k]);
            printf("\n");
        }
        printf("\n%s %s/ (sweep.csv%s)\n", nl ? "resultaten in" : "results in", dir, o->no_plots ? "" : ", plots/sweep");
    } else if (!rc && !o->quiet) {
        /* Dutch: display labels, one column per line of the heading, the
         * shared number format (decimal comma) with the metric's unit */
        printf("Variatie van %s%s%s\n", p1, two ? " en " : "", p2);
        for (size_t k = 0; k < nm; k++) {
            const char *u = rs_metric_unit(ms[k], 1);
            printf("  kolom %zu: %s%s%s%s\n", k + 1, rs_metric_label(ms[k], 1), u[0] ? " (" : "",
                   u, u[0] ? ")" : "");
        }
        printf("\n%16s%s", "waarde", two ? "         waarde 2" : "");
        for (size_t k = 0; k < nm; k++)
            printf(" %14s %zu", "kolom", k + 1);
        printf("\n");
        for (long p = 0; p < n1 * n2; p++) {
            const double *row = vals + (size_t)p * (nm + 2);
            /* the parameter in its unit (12,5 %, € 80 mln, 2 jaar) */
            char v[96];
            rs_fmt_param(v, sizeof v, o->param, row[0], 1, "-");
            put_col(v, 16, "");
            if (two) {
                rs_fmt_param(v, sizeof v, o->param2, row[1], 1, "-");
                put_col(v, 16, " ");
            }
            for (size_t k = 0; k < nm; k++) {
                rs_fmt_metric(v, sizeof v, ms[k], row[2 + k], 1, 0);
                printf(" %16s", v);
            }
            printf("\n");
        }
        printf("\nresultaten in %s/ (sweep.csv%s)\n", dir, o->no_plots ? "" : ", plots/sweep");
    }
    rs_diag_free(&warn);
    free(dir);
out:
    rs_diag_free(&diag);
    free(vals);
    return rc;
}

/* ---- solve ---------------------------------------------------------------- */

typedef struct solve_ctx {
    const rs_opts *o;
    const rs_study *st;
    int metric;
    double target;
    int rc;        /* first failure */
    rs_diag *diag;
    long evals;
} solve_ctx;

/* The metric of variant 'var' (one point), or NAN after recording a
 * failure. */
static double eval_one(solve_ctx *c, const rs_variant *var, const char *at)
{
    rs_eval_result r;
    size_t failed;
    c->evals++;
    int rc = eval_points(c->st, var, 1, c->o, &r, &failed, c->diag);
    double m = rc ? GSL_NAN : r.v[0].mean[c->metric];
    rs_eval_result_free(&r);
    if (rc && !c->rc) {
        c->rc = rc;
        if (at)
            rs_diag_add(c->diag, 0, "(at %s = %s)", c->o->param, at);
    }
    return m;
}

static double metric_at(double x, void *arg)
{
    solve_ctx *c = arg;
    char v[40];
    fmt_value(v, sizeof v, x);
    rs_override extra = {c->o->param, v};
    rs_variant var = {0, &extra, 1};
    return eval_one(c, &var, v) - c->target;
}

int rs_cmd_solve(const rs_opts *o)
{
    if (o->n_pos != 1)
        return rs_usage_error("solve", "solve takes one scenario file");
    if (!o->param || o->n_metrics != 1)
        return rs_usage_error("solve", "solve needs --param PATH and one --metric M");
    if (o->has_target == (o->target_scenario != NULL))
        return rs_usage_error("solve", "solve needs either --target X or --target-scenario FILE");
    int metric = 0;
    for (int m = 0; m < RS_M_N; m++)
        if (strcmp(rs_metric_infos[m].name, o->metrics[0]) == 0)
            metric = m;
    double lo = o->has_lo ? o->lo : 0, hi = o->has_hi ? o->hi : 1;
    if (!(lo < hi))
        return rs_usage_error("solve", "--lo %g must be below --hi %g", lo, hi);
    rs_diag diag;
    rs_diag_init(&diag);
    int rc = RS_EXIT_OK;
    rs_study *st = study_of(o->pos[0], o, o->target_scenario, &rc, &diag);
    if (!st) {
        rs_diag_print_lang(&diag, stderr, rs_cli_nl(o, NULL), 0);
        rs_diag_free(&diag);
        return rc;
    }
    const rs_scenario *sc0 = rs_study_scenario(st, 0);
    int nl = rs_cli_nl(o, sc0);
    /* the loader's warnings, before any run */
    rs_diag_print_lang(&diag, stderr, nl, 0);
    rs_diag_free(&diag);
    rs_diag_init(&diag);
    say_draws_default(st, o, nl);
    solve_ctx c = {o, st, metric, 0, 0, &diag, 0};
    if (o->target_scenario) {
        rs_variant var = {1, NULL, 0};
        c.target = eval_one(&c, &var, NULL);
        if (c.rc) {
            rs_diag_print_lang(&diag, stderr, nl, 0);
            rs_diag_free(&diag);
            rs_study_free(st);
            return c.rc;
        }
        c.evals = 0;
    } else {
        c.target = o->target;
    }
    double flo = metric_at(lo, &c), fhi = c.rc ? GSL_NAN : metric_at(hi, &c);
    if (c.rc) {
        rs_diag_print_lang(&diag, stderr, nl, 0);
        rs_study_free(st);
        rs_diag_free(&diag);
        return c.rc;
    }
    const char *name = rs_metric_infos[metric].name, *unit = rs_metric_infos[metric].unit;
    if ((flo > 0 && fhi > 0) || (flo < 0 && fhi < 0)) {
        fprintf(stderr,
                "regiosim: solve: %s does not cross the target %.10g %s between %s = %g and "
                "%g: it is %.10g at %g and %.10g at %g; choose another --lo/--hi\n",
                name, c.target, unit, o->param, lo, hi, flo + c.target, lo, fhi + c.target, hi);
        rs_study_free(st);
        rs_diag_free(&diag);
        return RS_EXIT_USAGE;
    }
    double x = flo == 0 ? lo : hi;
    int iter = 0;
    if (flo != 0 && fhi != 0) {
        gsl_function F = {metric_at, &c};
        gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
        int status = gsl_root_fsolver_set(s, &F, lo, hi), converged = 0;
        while (status == GSL_SUCCESS && iter < 200) {
            iter++;
            status = gsl_root_fsolver_iterate(s);
            if (status != GSL_SUCCESS || c.rc)
                break;
            x = gsl_root_fsolver_root(s);
            status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                            gsl_root_fsolver_x_upper(s), 1e-12,
                                            1e-10);
            if (status == GSL_SUCCESS) {
                converged = 1;
                break;
            }
            if (status == GSL_CONTINUE)
                status = GSL_SUCCESS;
        }
        gsl_root_fsolver_free(s);
        if (c.rc) {
            rs_diag_print_lang(&diag, stderr, nl, 0);
            rs_study_free(st);
            rs_diag_free(&diag);
            return c.rc;
        }
        if (!converged) {
            rs_msg m = {RS_MSG_V_NO_CONVERGE, {iter}, {gsl_strerror(status)}};
            char t[600];
            rs_msg_format(t, sizeof t, &m, nl);
            fprintf(stderr, "regiosim: solve: %s\n", t);
            rs_study_free(st);
            rs_diag_free(&diag);
            return RS_EXIT_INTERNAL;
        }
    }
    double fx = metric_at(x, &c);
    double at = fx + c.target;
    double scale = fabs(c.target) > 1 ? fabs(c.target) : 1;
    if (!nl) { /* English: the ids and every digit, as sweep.csv has them */
        printf("%s = %.10g\n", o->param, x);
        printf("%s there = %.10g %s (target %.10g%s%s)\n", name, at, unit, c.target,
               o->target_scenario ? ", the value in " : "",
               o->target_scenario ? o->target_scenario : "");
        printf("iterations: %d (Brent, bracket %g to %g, %ld runs)\n", iter, lo, hi, c.evals);
    } else {
        /* Dutch: the parameter as the charts name it, its value in its unit
         * (and as a --set for a next run), the metric with its unit */
        char pt[400], pv[96], ma[96], mt[96], bl[200], xs[40];
        rs_param_title(pt, sizeof pt, o->param, sc0, 1);
        rs_fmt_param(pv, sizeof pv, o->param, x, 1, "-");
        fmt_value(xs, sizeof xs, x);
        /* three decimals more than a table shows: the point of solve is
         * that the metric meets the target */
        int md = rs_metric_decimals(metric) + 3;
        if (!rs_metric_decimals(metric)) /* a count: as many decimals as the target has */
            for (md = 0; md < 3 && fabs(c.target * pow(10, md) - round(c.target * pow(10, md))) >
                                       1e-9 * pow(10, md);
                 md++)
                ;
        const char *mu = rs_metric_unit(metric, 1);
        rs_fmt(ma, sizeof ma, rs_metric_scale(metric) * at, md, 1);
        rs_fmt(mt, sizeof mt, rs_metric_scale(metric) * c.target, md, 1);
        if (mu[0]) {
            size_t l = strlen(ma);
            snprintf(ma + l, sizeof ma - l, " %s", mu);
            l = strlen(mt);
            snprintf(mt + l, sizeof mt - l, " %s", mu);
        }
        rs_fmt_param_range(bl, sizeof bl, o->param, lo, hi, 1, "-");
        printf("%s = %s (--set %s=%s)\n", pt, pv, o->param, xs);
        printf("%s bij die waarde: %s (doel %s%s%s)\n", rs_metric_label(metric, 1), ma, mt,
               o->target_scenario ? ", de waarde in " : "",
               o->target_scenario ? o->target_scenario : "");
        printf("iteraties: %d (methode van Brent, gezocht tussen %s, %ld doorrekeningen)\n", iter,
               bl, c.evals);
    }
    if (fabs(fx) > 1e-6 * scale) {
        rs_msg m = {RS_MSG_V_JUMP, {metric, at}, {NULL}};
        char t[800];
        rs_msg_format(t, sizeof t, &m, nl);
        fprintf(stderr, "regiosim: %s: %s\n", nl ? "waarschuwing" : "warning", t);
    }
    rs_study_free(st);
    rs_diag_free(&diag);
    return RS_EXIT_OK;
}
