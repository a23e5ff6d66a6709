/* commands.c — run, explain, validate and list. */
#define _DEFAULT_SOURCE /* realpath */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "../dist/dist.h"
#include "../output/explain.h"
#include "../output/labels.h"
#include "../output/messages.h"
#include "../output/outdir.h"
#include "../output/report.h"
#include "../output/write.h"
#include "../output/xlsx.h"
#include "../util/dirlist.h"
#include "cli.h"

#ifndef RS_DATADIR
#define RS_DATADIR "/usr/local/share/regiosim"
#endif

int rs_cli_nl(const rs_opts *o, const rs_scenario *sc)
{
    return strcmp(o->lang ? o->lang : sc ? sc->lang : "nl", "nl") == 0;
}

rs_scenario *rs_cli_load(const char *file, const rs_opts *o, int *code)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load(file, o->ov, o->n_ov, &d);
    /* the loader's warnings in the language of the run */
    rs_diag_print_lang(&d, stderr, rs_cli_nl(o, s), 0);
    *code = s ? RS_EXIT_OK : (d.code ? d.code : RS_EXIT_INVALID);
    rs_diag_free(&d);
    return s;
}

/* The default results folder: out/<scenario file name without .json>. */
static char *default_dir(const rs_scenario *s)
{
    const char *b = strrchr(s->file, '/');
    b = b ? b + 1 : s->file;
    char *n = rs_xasprintf("out/%s", b);
    size_t l = strlen(n);
    if (l > 9 && strcmp(n + l - 5, ".json") == 0)
        n[l - 5] = '\0';
    return n;
}

typedef void (*writer)(FILE *, const rs_result *, const char *);

static void w_summary(FILE *f, const rs_result *r, const char *d)
{
    (void)d;
    rs_write_summary_json(f, r);
}

const char *rs_cli_csv(const rs_opts *o, const rs_scenario *sc)
{
    const char *d = o->csv ? o->csv : sc ? sc->csv : "en";
    int nl = strcmp(d, "nl") == 0;
    if (o->exact)
        return nl ? "nl:exact" : "en:exact";
    return nl ? "nl" : "en";
}

/* The folder of the running binary (for plots/ next to it), or NULL. */
static char *binary_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return rs_xstrdup(buf);
}

/* Reads the style file 'path' into g (owned by 'own'); its folder holds the
 * layouts. */
static int read_style(rs_gp *g, rs_cli_gpmem *own, const char *path)
{
    size_t len;
    char *text = rs_read_file(path, &len);
    if (!text)
        return -1;
    own->style = text;
    g->style = text;
    const char *slash = strrchr(path, '/');
    own->layouts = slash ? rs_xasprintf("%.*s", (int)(slash - path), path) : rs_xstrdup(".");
    g->layouts = own->layouts;
    return 0;
}

/* The chart settings: command line first, then the scenario's output. */
int rs_cli_gp(rs_gp *g, const rs_opts *o, const rs_scenario *sc, rs_cli_gpmem *own)
{
    memset(g, 0, sizeof *g);
    memset(own, 0, sizeof *own);
    const char *lang = o->lang ? o->lang : sc ? sc->lang : "nl";
    g->terminal = o->terminal ? o->terminal : sc ? sc->terminal : "pngcairo";
    g->nl = strcmp(lang, "nl") == 0;
    const char *bin = getenv("REGIOSIM_GNUPLOT");
    g->gnuplot = bin && *bin ? bin : "gnuplot";
    /* --threads N also caps the gnuplot processes that draw the charts at
     * once (1: one after another); without it, one per core (plot/charts.c) */
    g->procs = o->threads > 0 ? (int)o->threads : 0;
    g->font = o->font ? o->font : sc && sc->font ? sc->font : RS_GP_FONT;
    if (o->size) {
        char *end;
        long w = strtol(o->size, &end, 10), h = 0;
        if (*end == 'x' || *end == 'X')
            h = strtol(end + 1, &end, 10);
        int pdf = strcmp(g->terminal, "pdfcairo") == 0;
        long lo = pdf ? 4 : 200, hi = pdf ? 200 : 10000;
        if (*end || w < lo || w > hi || h < lo || h > hi) {
            fprintf(stderr, "regiosim: --size '%s': must be WIDTHxHEIGHT, each %ld to %ld (%s), "
                            "e.g. %s\n",
                    o->size, lo, hi, pdf ? "cm" : "pixels", pdf ? "16x10" : "1600x1000");
            return RS_EXIT_USAGE;
        }
        g->width = (int)w;
        g->height = (int)h;
    }
    /* the house style: --style FILE, $REGIOSIM_PLOTS, plots/ next to the
     * binary, the installed share/regiosim/plots */
    if (o->style) {
        if (read_style(g, own, o->style) < 0) {
            fprintf(stderr, "regiosim: %s: cannot read the chart style (--style): %s\n",
                    o->style, strerror(errno));
            return RS_EXIT_IO;
        }
    } else {
        const char *env = getenv("REGIOSIM_PLOTS");
        char *bd = binary_dir();
        char *cand[3] = {env && *env ? rs_xasprintf("%s/rijkshuisstijl.gp", env) : NULL,
                         bd ? rs_xasprintf("%s/plots/rijkshuisstijl.gp", bd) : NULL,
                         rs_xstrdup(RS_DATADIR "/plots/rijkshuisstijl.gp")};
        free(bd);
        for (int i = 0; i < 3 && !g->style; i++)
            if (cand[i])
                read_style(g, own, cand[i]);
        for (int i = 0; i < 3; i++)
            free(cand[i]);
        own->builtin = !g->style;
    }
    /* the source line under every chart */
    char name[256] = "";
    if (sc) {
        const char *src = sc->label ? sc->label : sc->name;
        size_t chars = 0, k = 0;
        for (const unsigned char *p = (const unsigned char *)src; *p && k + 4 < sizeof name;
             p++) {
            if ((*p & 0xC0) != 0x80 && ++chars > 80) {
                memcpy(name + k, "…", 3);
                k += 3;
                break;
            }
            name[k++] = (char)*p;
        }
        name[k] = '\0';
    }
    own->footer = sc ? rs_xasprintf("%s: regiosim %s, scenario '%s'", g->nl ? "Bron" : "Source",
                                    RS_VERSION, name)
                     : rs_xasprintf("%s: regiosim %s", g->nl ? "Bron" : "Source", RS_VERSION);
    g->footer = own->footer;
    return RS_EXIT_OK;
}

void rs_cli_gp_free(rs_cli_gpmem *own)
{
    free(own->style);
    free(own->layouts);
    free(own->footer);
    memset(own, 0, sizeof *own);
}

/* Writes report.md and report.html from a document. */
int rs_cli_report(rs_outdir *od, const char *dir, const rs_doc *doc, rs_diag *diag)
{
    static const char *const names[] = {"report.md", "report.html"};
    char *plots = rs_xasprintf("%s/plots", od->tmp);
    int rc = RS_EXIT_OK;
    for (int i = 0; i < 2 && !rc; i++) {
        FILE *f = rs_outdir_open(od, names[i], diag);
        if (!f) {
            rc = RS_EXIT_IO;
            break;
        }
        if (i == 0)
            rs_doc_markdown(f, doc);
        else
            rs_doc_html(f, doc, plots);
        char *label = rs_xasprintf("%s/%s", dir, names[i]);
        rc = rs_outdir_close(f, label, diag);
        free(label);
    }
    free(plots);
    return rc;
}


/* Writes the tree t (then freed) as DIR/NAME in the result folder od. */
static int write_json(rs_outdir *od, const char *dir, const char *name, cJSON *t, rs_diag *diag)
{
    char *text = cJSON_Print(t);
    cJSON_Delete(t);
    FILE *f = rs_outdir_open(od, name, diag);
    if (!f) {
        cJSON_free(text);
        return RS_EXIT_IO;
    }
    if (text) {
        fputs(text, f);
        fputc('\n', f);
    }
    cJSON_free(text);
    char *label = rs_xasprintf("%s/%s", dir, name);
    int rc = rs_outdir_close(f, label, diag);
    free(label);
    return rc;
}
/* scenario.json: the scenario as it was run (extends merged, files and
 * 'set' applied), with the chart and CSV settings of this run and no
 * output.dir; `regiosim plot DIR` runs it again. */
static int write_scenario(rs_outdir *od, const char *dir, const rs_scenario *sc,
                          const rs_gp *g, const char *csv, rs_diag *diag)
{
    cJSON *t = sc->resolved ? cJSON_Parse(sc->resolved) : NULL;
    if (!t)
        return RS_EXIT_OK; /* out of memory for a copy: the rest of the result still holds */
    cJSON_DeleteItemFromObjectCaseSensitive(t, "output");
    cJSON *out = cJSON_AddObjectToObject(t, "output");
    cJSON_AddStringToObject(out, "lang", g->nl ? "nl" : "en");
    cJSON_AddStringToObject(out, "terminal", g->terminal);
    cJSON_AddStringToObject(out, "csv", strncmp(csv, "nl", 2) == 0 ? "nl" : "en");
    if (g->font)
        cJSON_AddStringToObject(out, "font", g->font);
    return write_json(od, dir, "scenario.json", t, diag);
}

/* chart-settings.json: the chart settings of the command line that
 * scenario.json cannot hold (README "plot"): --style as an absolute path
 * and --size; `regiosim plot DIR` reuses them.  Written only when given. */
static int write_chart_settings(rs_outdir *od, const char *dir, const rs_opts *o,
                                const rs_gp *g, rs_diag *diag)
{
    if (!o->style && !o->size)
        return RS_EXIT_OK;
    cJSON *t = cJSON_CreateObject();
    if (!t)
        return RS_EXIT_OK;
    if (o->style) {
        char *abs = realpath(o->style, NULL);
        cJSON_AddStringToObject(t, "style", abs ? abs : o->style);
        free(abs);
    }
    if (o->size) {
        char sz[64];
        snprintf(sz, sizeof sz, "%dx%d", g->width, g->height);
        cJSON_AddStringToObject(t, "size", sz);
    }
    return write_json(od, dir, "chart-settings.json", t, diag);
}

static int write_results(const rs_result *res, const char *dir, const char *csv,
                         const rs_opts *o, rs_diag *warn, rs_diag *diag)
{
    static const struct {
        const char *name;
        writer fn;
    } files[] = {{"summary.json", w_summary},
                 {"yearly.csv", rs_write_yearly_csv},
                 {"deals.csv", rs_write_deals_csv},
                 {"regions.csv", rs_write_regions_csv},
                 {"yearly_tranches.csv", rs_write_tranches_yearly_csv}};
    rs_outdir od;
    rs_charts charts = {0};
    rs_gp g;
    rs_cli_gpmem gmem;
    int rc = rs_cli_gp(&g, o, res->sc, &gmem);
    if (rc) {
        rs_cli_gp_free(&gmem);
        return rc;
    }
    rc = rs_outdir_begin(&od, dir, diag);
    if (rc)
        goto out;
    /* charts first: their warnings belong in summary.json and the report */
    if (!o->no_plots) {
        rc = rs_charts_run(res, od.tmp, dir, &g, &charts, warn);
        if (!rc && res->mc) {
            rs_metric hist = RS_M_RIJK_NET;
            for (int m = 0; o->hist_metric && m < RS_M_N; m++)
                if (strcmp(rs_metric_infos[m].name, o->hist_metric) == 0)
                    hist = (rs_metric)m;
            rc = rs_charts_mc(res, hist, od.tmp, dir, &g, &charts, warn);
        }
        if (rc)
            goto out;
        rc = rs_charts_flush(&charts, od.tmp, dir, &g, warn);
        if (rc) {
            for (size_t i = 0; i < warn->n; i++) /* the reason of the failure */
                if (strstr(warn->msg[i], "/plots/"))
                    rs_diag_add(diag, RS_EXIT_IO, "%s", warn->msg[i]);
            goto out;
        }
        if (gmem.builtin) {
            rs_msg m = {RS_MSG_C_NO_STYLE, {0}, {RS_DATADIR, NULL, NULL, NULL}};
            rs_diag_add_msg(warn, &m, g.nl);
        }
    }
    if (res->mc) {
        FILE *f = rs_outdir_open(&od, "yearly_bands.csv", diag);
        if (!f) {
            rc = RS_EXIT_IO;
            goto out;
        }
        rs_write_bands_csv(f, res, csv);
        char *label = rs_xasprintf("%s/yearly_bands.csv", dir);
        rc = rs_outdir_close(f, label, diag);
        free(label);
        if (rc)
            goto out;
    }
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        FILE *f = rs_outdir_open(&od, files[i].name, diag);
        if (!f) {
            rc = RS_EXIT_IO;
            goto out;
        }
        files[i].fn(f, res, csv);
        char *label = rs_xasprintf("%s/%s", dir, files[i].name);
        rc = rs_outdir_close(f, label, diag);
        free(label);
        if (rc)
            goto out;
    }
    rc = write_scenario(&od, dir, res->sc, &g, csv, diag);
    if (!rc)
        rc = write_chart_settings(&od, dir, o, &g, diag);
    if (rc)
        goto out;
    {
        char *path = rs_xasprintf("%s/results.xlsx", od.tmp);
        char *label = rs_xasprintf("%s/results.xlsx", dir);
        rc = rs_write_xlsx(path, label, res, g.nl, diag);
        free(path);
        free(label);
        if (rc)
            goto out;
    }
    rs_doc doc;
    rs_doc_init(&doc, g.nl, rs_gp_ext(g.terminal));
    rs_report_run(&doc, res, o->no_plots ? NULL : &charts);
    rc = rs_cli_report(&od, dir, &doc, diag);
    rs_doc_free(&doc);
    if (!rc)
        rc = rs_outdir_commit(&od, diag);
    if (!rc && !o->quiet && !o->no_plots && charts.n && !charts.missing)
    {
        char secs[32];
        rs_fmt(secs, sizeof secs, charts.seconds, 2, g.nl);
        if (g.nl)
            fprintf(stderr, "regiosim: %zu %s getekend in %s s door %d gnuplot-%s\n", charts.n,
                    charts.n == 1 ? "grafiek" : "grafieken", secs, charts.at_once,
                    charts.at_once > 1 ? "processen tegelijk" : "proces");
        else
            fprintf(stderr, "regiosim: %zu %s drawn in %s s by %d gnuplot %s\n", charts.n,
                    rs_plural((long)charts.n, "chart", "charts"), secs, charts.at_once,
                    charts.at_once > 1 ? "processes at once" : "process");
    }
out:
    rs_outdir_abort(&od);
    rs_charts_free(&charts);
    rs_cli_gp_free(&gmem);
    return rc;
}

/* Loads, simulates and checks; the caller owns what it returns. */
typedef struct loaded {
    rs_scenario *sc;
    rs_plan *plan;
    rs_run *run;
} loaded;

static void loaded_free(loaded *l)
{
    rs_run_free(l->run);
    rs_plan_free(l->plan);
    rs_scenario_free(l->sc);
}

int rs_cli_simulate(const rs_scenario *sc, rs_plan **plan, rs_run **run, rs_diag *diag)
{
    *plan = rs_plan_make(sc);
    *run = rs_run_alloc(*plan);
    rs_run_set_rho(*run);
    rs_run_simulate(*run);
    return rs_run_check(*run, diag) ? RS_EXIT_INTERNAL : RS_EXIT_OK;
}

static int simulate(const char *file, const rs_opts *o, loaded *l)
{
    int code;
    memset(l, 0, sizeof *l);
    l->sc = rs_cli_load(file, o, &code);
    if (!l->sc)
        return code;
    rs_diag d;
    rs_diag_init(&d);
    code = rs_cli_simulate(l->sc, &l->plan, &l->run, &d);
    rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    return code;
}

/* ---- Monte Carlo ------------------------------------------------------- */

int rs_cli_draws_check(const rs_scenario *sc, const rs_opts *o, rs_diag *diag)
{
    if (o->draws > 0 || !sc->unc.present || sc->unc.draws <= RS_MAX_FILE_DRAWS)
        return RS_EXIT_OK;
    rs_diag_add(diag, RS_EXIT_USAGE,
                "%s: $.uncertainty.draws asks for %ld draws, more than the %d a scenario file "
                "may ask for on its own (a file from someone else could keep this machine busy "
                "for hours: %ld draws take about %ld times as long as %d); to run them, say so "
                "on the command line: --draws %ld",
                sc->file, sc->unc.draws, RS_MAX_FILE_DRAWS, sc->unc.draws,
                sc->unc.draws / 1000, 1000, sc->unc.draws);
    return RS_EXIT_USAGE;
}

int rs_cli_uncertainty(const rs_scenario *sc, const rs_opts *o, rs_uncertainty *u,
                       rs_diag *warn)
{
    *u = sc->unc;
    if (!u->present && o->draws < 0)
        return 0;
    if (!u->present) {
        /* --draws without an uncertainty block: docs/model.md §9 with stated
         * defaults, said in a warning so no number rests on a hidden choice */
        u->present = 1;
        u->seed = 1;
        u->real_mean = sc->real_mean;
        u->concentration = 20;
        rs_msg m = {RS_MSG_C_DRAWS_DEFAULT, {sc->real_mean}, {NULL}};
        rs_diag_add_msg(warn, &m, rs_cli_nl(o, sc));
    }
    if (o->draws > 0)
        u->draws = o->draws;
    if (o->seed >= 0)
        u->seed = (unsigned long)o->seed;
    return 1;
}

typedef struct progress {
    double start, last;
    int shown, enabled, nl;
} progress;

static double mono(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* A progress bar on stderr, only on a terminal and only for runs longer
 * than about a second. */
static void show_progress(long done, long total, void *arg)
{
    progress *p = arg;
    double t = mono(), el = t - p->start;
    if (!p->enabled || (el < 1.0 && !p->shown) || (done < total && t - p->last < 0.1))
        return;
    p->last = t;
    p->shown = 1;
    double rate = el > 0 ? (double)done / el : 0;
    double left = rate > 0 ? (double)(total - done) / rate : 0;
    int w = 30, fill = total ? (int)(w * done / total) : w;
    char bar[64];
    for (int i = 0; i < w; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[w] = '\0';
    fprintf(stderr,
            p->nl ? "\rregiosim: [%s] %ld/%ld trekkingen, %.0f/s, nog %.0f s   "
                  : "\rregiosim: [%s] %ld/%ld draws, %.0f/s, %.0f s left   ",
            bar, done, total, rate, left);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

int rs_cli_mc(const rs_plan *plan, const rs_uncertainty *u, const rs_opts *o,
              rs_mc_result *out, rs_diag *diag)
{
    progress p = {mono(), 0, 0, !o->quiet && rs_dist_stderr_tty(), rs_cli_nl(o, plan->sc)};
    return rs_mc_run(plan, u, o->threads > 0 ? (int)o->threads : 0, show_progress, &p, out,
                     diag);
}

int rs_cmd_run(const rs_opts *o)
{
    if (o->n_pos != 1)
        return rs_usage_error("run", "run takes one scenario file (got %zu)", o->n_pos);
    loaded l;
    int rc = simulate(o->pos[0], o, &l);
    if (rc) {
        loaded_free(&l);
        return rc;
    }
    int nl = strcmp(o->lang ? o->lang : l.sc->lang, "nl") == 0;
    rs_diag warn;
    rs_diag_init(&warn);
    rs_collect_warnings(l.run, &warn, nl);
    rs_uncertainty u;
    rs_mc_result mc = {0};
    {
        rs_diag d;
        rs_diag_init(&d);
        rc = rs_cli_draws_check(l.sc, o, &d);
        rs_diag_print(&d, stderr);
        rs_diag_free(&d);
        if (rc) {
            rs_diag_free(&warn);
            loaded_free(&l);
            return rc;
        }
    }
    int with_mc = rs_cli_uncertainty(l.sc, o, &u, &warn);
    if (with_mc) {
        rs_diag d;
        rs_diag_init(&d);
        rc = rs_cli_mc(l.plan, &u, o, &mc, &d);
        if (rc)
            rs_diag_print_lang(&d, stderr, nl, 0);
        else /* warnings of the draws are the run's: in the report too */
            for (size_t i = 0; i < d.n; i++) {
                char t[2048];
                rs_diag_text(t, sizeof t, d.msg[i], nl);
                rs_diag_add(&warn, 0, "%s", t);
            }
        rs_diag_free(&d);
        if (rc) {
            rs_diag_free(&warn);
            loaded_free(&l);
            return rc;
        }
    }
    rs_result res;
    rs_result_make(&res, l.run, &warn);
    res.mc = with_mc ? &mc : NULL;
    char *dir = o->out ? rs_xstrdup(o->out) : l.sc->out_dir ? rs_xstrdup(l.sc->out_dir)
                                                             : default_dir(l.sc);
    const char *csv = rs_cli_csv(o, l.sc);
    rs_diag io;
    rs_diag_init(&io);
    rc = write_results(&res, dir, csv, o, &warn, &io);
    if (rc) {
        /* every failure prints its cause: a chart that could not be
         * written is in the warnings (they go into the report), and they
         * are said here too */
        rs_diag_print(&io, stderr);
        for (size_t i = 0; i < warn.n && warn.code; i++)
            fprintf(stderr, "regiosim: %s\n", warn.msg[i]);
    } else {
        if (!o->quiet) {
            rs_write_table(stdout, &res, nl);
            printf("\n%s %s/ (summary.json, yearly.csv, yearly_tranches.csv, deals.csv, "
                   "regions.csv, results.xlsx, report.html%s)\n",
                   nl ? "resultaten in" : "results in", dir, o->no_plots ? "" : ", plots/");
        }
        for (size_t i = 0; i < warn.n; i++)
            fprintf(stderr, "regiosim: %s: %s\n", nl ? "waarschuwing" : "warning", warn.msg[i]);
    }
    rs_diag_free(&io);
    rs_result_clear(&res);
    rs_mc_result_free(&mc);
    rs_diag_free(&warn);
    free(dir);
    loaded_free(&l);
    return rc;
}

int rs_cmd_explain(const rs_opts *o)
{
    if (o->n_pos != 2)
        return rs_usage_error("explain", "explain takes a scenario file and a deal id");
    loaded l;
    int rc = simulate(o->pos[0], o, &l);
    if (rc) {
        loaded_free(&l);
        return rc;
    }
    size_t d = rs_scenario_find_deal(l.sc, o->pos[1]);
    if (d == (size_t)-1) {
        fputs("regiosim: ", stderr);
        rs_fputs_shown(o->pos[0], stderr);
        fputs(": no deal '", stderr);
        rs_fputs_shown(o->pos[1], stderr);
        fputs("'; deals:", stderr);
        for (size_t i = 0; i < l.sc->n_deals; i++)
            fprintf(stderr, " %s", l.sc->deals[i].id);
        fputc('\n', stderr);
        loaded_free(&l);
        return RS_EXIT_USAGE;
    }
    rs_explain_deal(stdout, l.run, d, strcmp(o->lang ? o->lang : l.sc->lang, "nl") == 0);
    loaded_free(&l);
    return RS_EXIT_OK;
}

int rs_cmd_validate(const rs_opts *o)
{
    if (o->n_pos < 1)
        return rs_usage_error("validate", "validate takes one or more scenario files");
    int worst = RS_EXIT_OK;
    for (size_t i = 0; i < o->n_pos; i++) {
        int code;
        /* an instrument, region, tranche or deal file is checked on its own
         * (--set applies to scenarios only) */
        rs_file_kind kind = RS_FILE_SCENARIO;
        size_t n = 0;
        if (!o->n_ov) {
            rs_diag d;
            rs_diag_init(&d);
            code = rs_file_check(o->pos[i], &kind, &n, &d);
            if (kind != RS_FILE_SCENARIO || code) {
                rs_diag_print(&d, stderr);
                rs_diag_free(&d);
                if (!code && !o->quiet) {
                    if (kind == RS_FILE_INSTRUMENT)
                        printf("ok: %s (an instrument, checked on its own)\n", o->pos[i]);
                    else
                        printf("ok: %s (a %s of %zu %s, checked on its own: references to "
                               "other files are checked when a scenario uses it)\n",
                               o->pos[i], rs_file_kind_names[kind], n,
                               kind == RS_FILE_REGIONS    ? rs_plural((long)n, "region", "regions")
                               : kind == RS_FILE_TRANCHES ? rs_plural((long)n, "tranche", "tranches")
                                                          : rs_plural((long)n, "deal", "deals"));
                }
                if (code && worst != RS_EXIT_IO)
                    worst = code;
                continue;
            }
            rs_diag_free(&d);
        }
        rs_scenario *s = rs_cli_load(o->pos[i], o, &code);
        if (s) {
            if (!o->quiet)
                printf("ok: %s (%zu %s, %zu %s, %zu %s, %zu %s)\n", o->pos[i], s->n_regions,
                       rs_plural((long)s->n_regions, "region", "regions"), s->n_instruments,
                       rs_plural((long)s->n_instruments, "instrument", "instruments"),
                       s->n_tranches, rs_plural((long)s->n_tranches, "tranche", "tranches"),
                       s->n_deals, rs_plural((long)s->n_deals, "deal", "deals"));
        } else if (worst != RS_EXIT_IO) {
            worst = code;
        }
        rs_scenario_free(s);
    }
    return worst;
}

/* ---- list ---------------------------------------------------------------- */

static char *models_dir(void)
{
    const char *env = getenv("REGIOSIM_MODELS");
    if (env && *env)
        return rs_xstrdup(env);
    struct stat st;
    if (stat("models/instruments", &st) == 0 && S_ISDIR(st.st_mode))
        return rs_xstrdup("models");
    return rs_xstrdup(RS_DATADIR "/models");
}

static int list_instruments(void)
{
    char *md = models_dir();
    char *dir = rs_xasprintf("%s/instruments", md);
    free(md);
    char **names;
    long n = rs_list_files(dir, ".json", &names);
    if (n < 0) {
        fprintf(stderr, "regiosim: %s: cannot open the instrument folder: %s (set "
                        "REGIOSIM_MODELS)\n",
                dir, strerror(errno));
        free(dir);
        return RS_EXIT_IO;
    }
    int rc = RS_EXIT_OK;
    for (long i = 0; i < n; i++) {
        rs_instrument in;
        rs_diag d;
        rs_diag_init(&d);
        char *path = rs_xasprintf("%s/%s", dir, names[i]);
        if (rs_instrument_load(path, &in, &d) == 0) {
            printf("%-18s %s\n", in.id, in.name);
            printf("  %-16s %s\n", "file", path);
            printf("  %-16s %s\n", "legal basis", in.legal_basis[0] ? in.legal_basis : "-");
            printf("  %-16s %s, lag %d %s\n", "payment", in.schedule->name, in.lag,
                   rs_plural(in.lag, "year", "years"));
            if (in.has_deadline)
                printf("  %-16s extended once by %d %s if the backlog > %g·V\n", "deadline",
                       in.extension_years, rs_plural(in.extension_years, "year", "years"),
                       in.extension_threshold);
            else
                printf("  %-16s none: spending goes on until the horizon ends\n", "deadline");
            if (in.has_settlement)
                printf("  %-16s %d %s after the last year, reclaims %g of the unspent "
                       "Rijk money\n",
                       "settlement", in.settlement_lag,
                       rs_plural(in.settlement_lag, "year", "years"), in.reclaim_share);
            else
                printf("  %-16s none: unspent money stays with the region\n", "settlement");
            printf("  %-16s off_goal_share %g, realisation_shift %+g, recipients %s, %zu "
                   "%s\n\n",
                   "other", in.off_goal_share, in.realisation_shift,
                   in.recipients_public ? "public" : "any", in.n_obl,
                   rs_plural((long)in.n_obl, "obligation", "obligations"));
        } else {
            rs_diag_print(&d, stderr);
            rc = RS_EXIT_INVALID;
        }
        rs_instrument_clear(&in);
        rs_diag_free(&d);
        free(path);
    }
    rs_free_list(names, n);
    free(dir);
    return rc;
}

/* The style and size of DIR's chart-settings.json (NULL where it names
 * none).  The style file is a gnuplot script: it is reused only when it is
 * the user's own (a regular file owned by this user, writable by no one
 * else, outside DIR); a folder from someone else cannot make plot run a
 * file of its choosing.  A style that is gone or not trusted is an error
 * (exit 4) unless --style is given.  RS_EXIT_OK or an exit code after a
 * message. */
static int plot_settings(const char *dir, const rs_opts *o, char **style, char **size)
{
    *style = *size = NULL;
    char *path = rs_xasprintf("%s/chart-settings.json", dir);
    size_t len;
    char *text = rs_read_file(path, &len);
    free(path);
    if (!text)
        return RS_EXIT_OK; /* drawn with the defaults */
    cJSON *t = cJSON_Parse(text);
    free(text);
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(t, "style");
    const cJSON *sz = cJSON_GetObjectItemCaseSensitive(t, "size");
    int rc = RS_EXIT_OK;
    if (cJSON_IsString(sz) && !o->size)
        *size = rs_xstrdup(sz->valuestring); /* checked like --size */
    if (cJSON_IsString(st) && !o->style) {
        const char *s = st->valuestring;
        struct stat fs;
        char *real = realpath(s, NULL), *rdir = realpath(dir, NULL);
        size_t dl = rdir ? strlen(rdir) : 0;
        const char *why = NULL;
        if (!real || stat(real, &fs) < 0)
            why = "no longer exists";
        else if (!S_ISREG(fs.st_mode))
            why = "is not a file";
        else if (fs.st_uid != getuid() || (fs.st_mode & (S_IWGRP | S_IWOTH)))
            why = "is not your own file (owned by another user or writable by others), so it "
                  "is not run";
        else if (!rdir || (strncmp(real, rdir, dl) == 0 && (real[dl] == '/' || !real[dl])))
            why = "lies inside the results folder, whose files are never run";
        if (why) {
            fprintf(stderr,
                    "regiosim: %s/chart-settings.json: the chart style %s %s.  Give "
                    "--style FILE to redraw with another style (e.g. the installed "
                    "plots/rijkshuisstijl.gp); nothing in the folder was changed.\n",
                    dir, s, why);
            rc = RS_EXIT_IO;
        } else {
            *style = rs_xstrdup(real);
        }
        free(real);
        free(rdir);
    }
    cJSON_Delete(t);
    if (rc) {
        free(*size);
        *size = NULL;
    }
    return rc;
}

/* regiosim plot DIR: never runs a script found in DIR (a folder from
 * someone else could hold any gnuplot commands).  It runs the result's
 * scenario.json again, with the Monte Carlo draws and seed summary.json
 * records, and writes the whole result anew, charts included, through
 * the same checks as `run -o DIR`. */
int rs_cmd_plot(const rs_opts *o)
{
    if (o->n_pos != 1)
        return rs_usage_error("plot", "plot takes one results folder");
    const char *dir = o->pos[0];
    struct stat st;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "regiosim: %s: %s\n", dir,
                errno == ENOENT ? "no such folder" : "is not a folder");
        return RS_EXIT_IO;
    }
    char *why = NULL;
    if (rs_outdir_check(dir, &why) < 0) {
        fprintf(stderr,
                "regiosim: %s: cannot be redrawn: %s.  plot writes the whole result again, so "
                "it only redraws a result exactly as regiosim left it; nothing in the folder "
                "was changed.  To draw a script you edited, run gnuplot on it in %s/plots.\n",
                dir, why, dir);
        free(why);
        return RS_EXIT_IO;
    }
    char *scen = rs_xasprintf("%s/scenario.json", dir);
    if (access(scen, R_OK) != 0) {
        fprintf(stderr,
                "regiosim: %s: holds no scenario.json: plot redraws the result of "
                "`regiosim run` by running its scenario.json again; a comparison or a sweep "
                "is redrawn by running it again\n",
                dir);
        free(scen);
        return RS_EXIT_IO;
    }
    rs_opts r = *o;
    const char *pos[1] = {scen};
    r.pos = pos;
    r.n_pos = 1;
    r.out = dir;
    r.n_ov = 0;
    r.no_plots = 0;
    r.quiet = 1;
    /* the Monte Carlo settings of the run, read as numbers only */
    char *sumpath = rs_xasprintf("%s/summary.json", dir);
    size_t len;
    char *text = rs_read_file(sumpath, &len);
    free(sumpath);
    cJSON *sum = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(sum, "uncertainty");
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(u, "draws");
    const cJSON *sd = cJSON_GetObjectItemCaseSensitive(u, "seed");
    if (cJSON_IsNumber(d) && d->valuedouble >= 1 && d->valuedouble <= RS_MAX_DRAWS &&
        d->valuedouble == (double)(long)d->valuedouble)
        r.draws = (long)d->valuedouble;
    if (cJSON_IsNumber(sd) && sd->valuedouble >= 0 && sd->valuedouble <= RS_MAX_SEED &&
        sd->valuedouble == (double)(long)sd->valuedouble)
        r.seed = (long)sd->valuedouble;
    cJSON_Delete(sum);
    /* the chart style and size the result was drawn with, unless given now */
    char *style = NULL, *size = NULL;
    int rc = plot_settings(dir, o, &style, &size);
    if (rc) {
        free(scen);
        return rc;
    }
    if (!o->style && style)
        r.style = style;
    if (!o->size && size)
        r.size = size;
    /* the histogram's metric, from its file name (only a known metric) */
    char *pdir = rs_xasprintf("%s/plots", dir);
    char **names;
    long n = rs_list_files(pdir, ".dat", &names);
    free(pdir);
    for (long i = 0; i < n && !o->hist_metric; i++)
        for (int m = 0; m < RS_M_N; m++) {
            char want[96];
            snprintf(want, sizeof want, "histogram-%s.dat", rs_metric_infos[m].name);
            for (char *q = want; *q; q++) /* the file names 'rijk_net' 'rijk-net' */
                if (*q == '_')
                    *q = '-';
            if (strcmp(names[i], want) == 0)
                r.hist_metric = rs_metric_infos[m].name;
        }
    rc = rs_cmd_run(&r);
    free(style);
    free(size);
    if (n > 0)
        rs_free_list(names, n);
    if (!rc && !o->quiet)
        printf(rs_cli_nl(o, NULL) ? "grafieken opnieuw getekend in %s/plots (de scenario.json "
                                    "ervan opnieuw doorgerekend; niets uit de map is uitgevoerd)\n"
                                  : "charts redrawn in %s/plots (its scenario.json run again; "
                                    "nothing in the folder was executed)\n",
               dir);
    free(scen);
    return rc;
}

int rs_cmd_list(const rs_opts *o)
{
    if (o->n_pos != 1)
        return rs_usage_error("list", "list takes one of: instruments, metrics, schedules, "
                                      "rules, allocations, obligations");
    const char *w = o->pos[0];
    if (strcmp(w, "instruments") == 0)
        return list_instruments();
    if (strcmp(w, "metrics") == 0) {
        for (int i = 0; i < RS_M_N; i++) {
            /* pad by characters, not bytes: "M€" is 4 bytes */
            const char *u = rs_metric_infos[i].unit;
            int chars = 0;
            for (const char *c = u; *c; c++)
                chars += ((unsigned char)*c & 0xC0) != 0x80;
            printf("%-22s %s%*s %s\n", rs_metric_infos[i].name, u, 6 - chars, "",
                   rs_metric_infos[i].doc);
        }
    } else if (strcmp(w, "schedules") == 0) {
        for (size_t i = 0; rs_schedules[i]; i++)
            printf("%-16s %s\n", rs_schedules[i]->name, rs_schedules[i]->doc);
    } else if (strcmp(w, "rules") == 0) {
        for (size_t i = 0; rs_cofin_rules[i]; i++)
            printf("%-16s %s\n", rs_cofin_rules[i]->name, rs_cofin_rules[i]->doc);
    } else if (strcmp(w, "allocations") == 0) {
        for (size_t i = 0; rs_alloc_rules[i]; i++)
            printf("%-16s %s\n", rs_alloc_rules[i]->name, rs_alloc_rules[i]->doc);
    } else if (strcmp(w, "obligations") == 0) {
        for (size_t i = 0; rs_per_kinds[i]; i++)
            printf("%-16s %s\n", rs_per_kinds[i]->name, rs_per_kinds[i]->doc);
    } else {
        return rs_usage_error("list", "cannot list '%s': instruments, metrics, schedules, "
                                      "rules, allocations or obligations",
                              w);
    }
    return RS_EXIT_OK;
}
