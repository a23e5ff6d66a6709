/* sensitivity.c — regiosim sensitivity: which estimates decide a metric,
 * or the difference of a metric between two scenarios, and where a
 * conclusion turns.
 *
 * The factors are the ranges of docs/format.md (or --factor); the
 * methods are src/sensitivity (one at a time with switching values,
 * Morris, Sobol).  Every point goes through eval_points(), which hands
 * them to the experiment layer (src/experiment): each scenario loaded
 * once, a point a set of overrides on a copy of its tree. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../dist/dist.h"
#include "../experiment/experiment.h"
#include "../mc/mc.h"
#include "../output/labels.h"
#include "../output/messages.h"
#include "../output/outdir.h"
#include "../output/report.h"
#include "../output/write.h"
#include "../plot/charts.h"
#include "../sensitivity/sensitivity.h"
#include "cli.h"

enum { M_OAT, M_MORRIS, M_SOBOL };

/* Defaults and fixed settings of the methods (help text and README say
 * them). */
#define MORRIS_R 10        /* trajectories */
#define MORRIS_LEVELS 4
#define SOBOL_N 256        /* base rows */
#define SOBOL_RESAMPLES 200
#define SOBOL_Z 1.959964   /* 95% */
#define DESIGN_SEED 20231  /* Morris design and bootstrap, unless --seed */
#define MAX_RUNS 1000000L
/* Morris keeps every draw of every point for its standard errors: at most
 * this many values (256 MB). */
#define MAX_KEPT 32000000.0

typedef struct factor {
    char *name;          /* what sensitivity.json/.csv and the terminal show */
    char *disp[2];       /* what charts and the report show (en, nl): no code ids */
    char *group;         /* NULL for a single value */
    char *note;          /* why this range (its first member's), or NULL */
    size_t n;            /* members */
    char **paths, **labels;
    double *lo, *hi, *value;
    int *in_a, *in_b;    /* where the path names a number */
    /* results */
    double at_lo, at_hi, swing, swing_se, at_lo_se, at_hi_se, sw;
    int has_switch;
    double mu_star, mu_star_se, mu, sigma, s1, s1c, st, stc;
} factor;

typedef struct study {
    const rs_opts *o;
    const char *a, *b;   /* files; b NULL without --vs */
    int metric, method;
    rs_uncertainty unc;  /* of every point when mc */
    int mc;
    factor *f;
    size_t k;
    /* progress */
    long runs, total;
    double start, last;
    int bar, shown;
    rs_study *ex;        /* the experiment layer's study: SCENARIO (0) and OTHER (1) */
    int nl;              /* the language of the run (notes, warnings, tables) */
    const rs_scenario *a_sc; /* SCENARIO as loaded: region and obligation names */
} study;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void progress(study *st)
{
    double t = now(), el = t - st->start;
    if (!st->bar || (el < 1.0 && !st->shown) || (st->runs < st->total && t - st->last < 0.2))
        return;
    st->last = t;
    st->shown = 1;
    long total = st->total > st->runs ? st->total : st->runs;
    double left = st->runs ? el / (double)st->runs * (double)(total - st->runs) : 0;
    int w = 30, fill = (int)(w * st->runs / (total ? total : 1));
    char bar[40];
    for (int i = 0; i < w; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[w] = '\0';
    fprintf(stderr, "\rregiosim: [%s] %ld/%ld runs, %.0f s left   ", bar, st->runs, total, left);
    fflush(stderr);
}

static void progress_end(study *st)
{
    if (st->shown)
        fputc('\n', stderr);
    st->shown = 0;
}

/* ---- evaluation through the experiment layer ------------------------------ */

/* The Monte Carlo settings of a point: its own 'uncertainty' block (so
 * that a factor in it, uncertainty.realisation.mean, moves the draws)
 * with the study's draws and seed (common random numbers); a file
 * without one (OTHER) takes SCENARIO's, around its own realisation mean. */
static int point_unc(const rs_scenario *sc, rs_uncertainty *u, void *arg)
{
    const study *st = arg;
    *u = st->unc;
    if (sc->unc.present) {
        rs_diag w;
        rs_diag_init(&w);
        rs_cli_uncertainty(sc, st->o, u, &w);
        rs_diag_free(&w);
        u->draws = st->unc.draws;
        u->seed = st->unc.seed;
    } else {
        u->real_mean = sc->real_mean; /* SCENARIO's spread around its own pace */
    }
    return 1;
}

/* The overrides of one point for one scenario: every factor whose
 * position u[i] is not NaN, at lo + u·(hi − lo), exact to the last bit
 * ("%.17g"); --set is the study's own and comes before them.  *texts
 * (NULL-terminated) holds the value texts. */
static rs_override *point_overrides(const study *st, const double *u, int for_b, size_t *n,
                                    char ***texts)
{
    size_t cap = 1;
    for (size_t i = 0; i < st->k; i++)
        cap += st->f[i].n;
    rs_override *ov = rs_xcalloc(cap, sizeof *ov);
    char **t = rs_xcalloc(cap, sizeof *t);
    size_t m = 0;
    for (size_t i = 0; i < st->k; i++) {
        if (isnan(u[i]))
            continue;
        const factor *f = &st->f[i];
        for (size_t j = 0; j < f->n; j++) {
            if (!(for_b ? f->in_b[j] : f->in_a[j]))
                continue;
            double x = u[i] <= 0 ? f->lo[j] : u[i] >= 1 ? f->hi[j]
                                                         : f->lo[j] + u[i] * (f->hi[j] - f->lo[j]);
            t[m] = rs_xasprintf("%.17g", x);
            ov[m].path = f->paths[j];
            ov[m].value = t[m];
            m++;
        }
    }
    *n = m;
    *texts = t;
    return ov;
}

static void free_texts(char **t)
{
    for (size_t i = 0; t && t[i]; i++)
        free(t[i]);
    free(t);
}

/* Evaluates n points (row-major n × k positions; NaN: at the scenario's
 * value): y[p] = M(SCENARIO at p), or M(SCENARIO at p) − M(OTHER at p)
 * with --vs.  With draws, each point is the Monte Carlo mean of the same
 * draws, and per_draw (NULL, or n × draws) gets the value of every draw.
 * All points go to the experiment layer at once (parallel over points
 * and draws, reduced in a fixed order). */
static int eval_points(study *st, size_t n, const double *U, double *y, double *per_draw,
                       rs_diag *diag)
{
    size_t per = st->b ? 2 : 1, nv = n * per;
    rs_variant *vars = rs_xcalloc(nv, sizeof *vars);
    rs_override **ovs = rs_xcalloc(nv, sizeof *ovs);
    char ***texts = rs_xcalloc(nv, sizeof *texts);
    for (size_t p = 0; p < n; p++)
        for (size_t s = 0; s < per; s++) {
            size_t v = p * per + s, m;
            ovs[v] = point_overrides(st, U + p * st->k, (int)s, &m, &texts[v]);
            vars[v].scenario = s;
            vars[v].ov = ovs[v];
            vars[v].n_ov = m;
        }
    rs_eval_opts eo;
    memset(&eo, 0, sizeof eo);
    eo.mode = st->mc ? RS_EVAL_MEANS : RS_EVAL_DET;
    eo.unc_of = st->mc ? point_unc : NULL;
    eo.unc_arg = st;
    eo.threads = st->o->threads > 0 ? (int)st->o->threads : 0;
    eo.keep_draws = per_draw != NULL;
    eo.draws_metric = (rs_metric)st->metric;
    rs_eval_result r;
    int rc = rs_eval(st->ex, vars, nv, &eo, &r, diag);
    if (rc) {
        for (size_t v = 0; v < r.n; v++) {
            if (!r.v[v].code)
                continue;
            for (size_t i = 0; i < r.v[v].diag.n; i++)
                rs_diag_add(diag, r.v[v].code, "%s", r.v[v].diag.msg[i]);
            /* say where: the factors that were not at their values */
            const double *u = U + (v / per) * st->k;
            rs_buf w;
            rs_buf_init(&w);
            for (size_t i = 0; i < st->k; i++)
                if (!isnan(u[i]))
                    rs_buf_printf(&w, "%s%s at %.6g", w.s ? ", " : "", st->f[i].name,
                                  st->f[i].lo[0] + u[i] * (st->f[i].hi[0] - st->f[i].lo[0]));
            rs_diag_add(diag, 0, "(%s, at %s)", v % per ? st->b : st->a,
                        w.s ? w.s : "the scenario's own values");
            rs_buf_free(&w);
            break;
        }
    } else {
        long nd = st->mc ? st->unc.draws : 0;
        for (size_t p = 0; p < n; p++) {
            const rs_vresult *a = &r.v[p * per], *b = st->b ? &r.v[p * per + 1] : NULL;
            y[p] = a->mean[st->metric] - (b ? b->mean[st->metric] : 0);
            if (per_draw)
                for (long i = 0; i < nd; i++)
                    per_draw[p * (size_t)nd + (size_t)i] =
                        (a->draws_of ? a->draws_of[i] : a->mean[st->metric]) -
                        (b ? (b->draws_of ? b->draws_of[i] : b->mean[st->metric]) : 0);
        }
    }
    rs_eval_result_free(&r);
    for (size_t v = 0; v < nv; v++) {
        free(ovs[v]);
        free_texts(texts[v]);
    }
    free(ovs);
    free(texts);
    free(vars);
    st->runs += (long)nv;
    progress(st);
    return rc;
}

/* One point. */
static int eval_u(study *st, const double *u, double *y, double *per_draw, rs_diag *diag)
{
    return eval_points(st, 1, u, y, per_draw, diag);
}

/* Points in batches (progress between them, bounded memory). */
#define BATCH 64

/* After the first batch of a long design: how long the rest will take,
 * measured on this machine. */
static void estimate(study *st, size_t done, size_t total, double t0)
{
    if (st->o->quiet || done >= total)
        return;
    double el = now() - t0;
    progress_end(st);
    rs_msg m = {RS_MSG_S_ESTIMATE,
                {(double)done, el, el / (double)done * (double)(total - done),
                 (double)(total - done)},
                {NULL}};
    char t[400];
    rs_msg_format(t, sizeof t, &m, st->nl);
    fprintf(stderr, "regiosim: %s\n", t);
}

/* sd/sqrt(n) of a[i] − b[i] (b may be NULL). */
static double se_of(const double *a, const double *b, long n)
{
    if (n < 2)
        return 0;
    double m = 0, s = 0;
    for (long i = 0; i < n; i++)
        m += a[i] - (b ? b[i] : 0);
    m /= (double)n;
    for (long i = 0; i < n; i++) {
        double d = a[i] - (b ? b[i] : 0) - m;
        s += d * d;
    }
    return sqrt(s / (double)(n - 1) / (double)n);
}

/* ---- factors ------------------------------------------------------------ */

static int is_key(const char *s, const char *k) { return strcmp(s, k) == 0; }

/* A short name for tables: "spuk: SiSa-verantwoording, uren",
 * "twente: fiscal_capacity", "du: off_goal_share". */
static char *short_name(const char *label)
{
    const char *p = label;
    if (strncmp(p, "instruments.", 12) == 0) {
        p += 12;
        const char *dot = strchr(p, '.');
        if (!dot)
            return rs_xstrdup(label);
        rs_buf b;
        rs_buf_init(&b);
        rs_buf_addn(&b, p, (size_t)(dot - p));
        rs_buf_add(&b, ": ");
        const char *rest = dot + 1;
        if (strncmp(rest, "admin.obligations[", 18) == 0) {
            const char *e = strrchr(rest, ']');
            rs_buf_addn(&b, rest + 18, (size_t)(e - rest - 18));
            const char *key = e + 2;
            rs_buf_printf(&b, ", %s",
                          is_key(key, "hours")           ? "uren"
                          : is_key(key, "share_of_flow") ? "aandeel betaling"
                          : is_key(key, "fixed_eur")     ? "vaste kosten"
                                                         : key);
        } else if (strncmp(rest, "admin.tariff.", 13) == 0) {
            rs_buf_printf(&b, "tarief %s", rest + 13);
        } else if (strncmp(rest, "deadline.", 9) == 0) {
            rs_buf_add(&b, rest + 9);
        } else {
            rs_buf_add(&b, rest);
        }
        return b.s;
    }
    if (strncmp(p, "regions[", 8) == 0) {
        const char *e = strchr(p, ']');
        if (e && e[1] == '.')
            return rs_xasprintf("%.*s: %s", (int)(e - p - 8), p + 8, e + 2);
    }
    return rs_xstrdup(label);
}

/* The display names of a factor: its group's name (the author's words),
 * else the label of its path from the label table (labels.c). */
static void set_disp(factor *f, const char *label, const rs_scenario *sc)
{
    for (int nl = 0; nl < 2; nl++) {
        char t[400];
        rs_param_title(t, sizeof t, label, sc, nl);
        f->disp[nl] = rs_xstrdup(t);
        if (!f->group)
            continue;
        /* a group: the common title of its members when they differ only
         * by instrument ('uurtarief Rijk (€)' for the Rijk tariff of every
         * instrument), else the group's name, with an instrument id in
         * front ('spuk: …') written as a letter does ('SPUK: …') */
        const char *common = strchr(t, ':') ? strchr(t, ':') + 2 : t;
        int same = f->n > 1;
        for (size_t j = 0; j < f->n && same; j++) {
            char u[400];
            rs_param_title(u, sizeof u, f->labels[j], sc, nl);
            const char *cu = strchr(u, ':') ? strchr(u, ':') + 2 : u;
            same = strncmp(f->labels[j], "instruments.", 12) == 0 && strcmp(cu, common) == 0;
        }
        free(f->disp[nl]);
        if (same) {
            f->disp[nl] = rs_xstrdup(common);
            continue;
        }
        f->disp[nl] = rs_xstrdup(f->group);
        const char *colon = strstr(f->group, ": ");
        for (size_t i = 0; sc && colon && i < sc->n_instruments; i++)
            if (strlen(sc->instruments[i].id) == (size_t)(colon - f->group) &&
                strncmp(sc->instruments[i].id, f->group, (size_t)(colon - f->group)) == 0) {
                char s_[120];
                rs_instrument_short(s_, sizeof s_, &sc->instruments[i]);
                free(f->disp[nl]);
                f->disp[nl] = rs_xasprintf("%s%s", s_, colon);
                break;
            }
    }
}

static void factor_free(factor *f)
{
    for (size_t j = 0; j < f->n; j++) {
        free(f->paths[j]);
        free(f->labels[j]);
    }
    free(f->paths);
    free(f->labels);
    free(f->lo);
    free(f->hi);
    free(f->value);
    free(f->in_a);
    free(f->in_b);
    free(f->name);
    free(f->disp[0]);
    free(f->disp[1]);
    free(f->group);
    free(f->note);
}

static void factor_add_member(factor *f, const char *path, const char *label, double value,
                              double lo, double hi)
{
    f->paths = rs_xrealloc(f->paths, (f->n + 1) * sizeof *f->paths);
    f->labels = rs_xrealloc(f->labels, (f->n + 1) * sizeof *f->labels);
    f->lo = rs_xrealloc(f->lo, (f->n + 1) * sizeof *f->lo);
    f->hi = rs_xrealloc(f->hi, (f->n + 1) * sizeof *f->hi);
    f->value = rs_xrealloc(f->value, (f->n + 1) * sizeof *f->value);
    f->in_a = rs_xrealloc(f->in_a, (f->n + 1) * sizeof *f->in_a);
    f->in_b = rs_xrealloc(f->in_b, (f->n + 1) * sizeof *f->in_b);
    f->paths[f->n] = rs_xstrdup(path);
    f->labels[f->n] = rs_xstrdup(label);
    f->value[f->n] = value;
    f->lo[f->n] = lo;
    f->hi[f->n] = hi;
    f->in_a[f->n] = f->in_b[f->n] = 0;
    f->n++;
}

static const rs_range *find_range(const rs_scenario *s, const char *path)
{
    for (size_t i = 0; s && i < s->n_ranges; i++)
        if (strcmp(s->ranges[i].path, path) == 0)
            return &s->ranges[i];
    return NULL;
}

/* Adds range r (or all of its group) as a factor, unless already there. */
static void add_declared(study *st, const rs_scenario *a, const rs_scenario *b,
                         const rs_range *r)
{
    for (size_t i = 0; i < st->k; i++) {
        if (r->group && st->f[i].group && strcmp(st->f[i].group, r->group) == 0)
            return;
        for (size_t j = 0; j < st->f[i].n; j++)
            if (strcmp(st->f[i].paths[j], r->path) == 0)
                return;
    }
    st->f = rs_xrealloc(st->f, (st->k + 1) * sizeof *st->f);
    factor *f = memset(&st->f[st->k++], 0, sizeof *st->f);
    if (!r->group) {
        factor_add_member(f, r->path, r->label, r->value, r->lo, r->hi);
        f->name = short_name(r->label);
        set_disp(f, r->label, a ? a : b);
        f->note = r->note ? rs_xstrdup(r->note) : NULL;
        return;
    }
    f->group = rs_xstrdup(r->group);
    f->name = rs_xstrdup(r->group);
    /* members from both scenarios, by path (A's range wins) */
    const rs_scenario *sc[2] = {a, b};
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; sc[s] && i < sc[s]->n_ranges; i++) {
            const rs_range *m = &sc[s]->ranges[i];
            if (!m->group || strcmp(m->group, r->group) != 0)
                continue;
            int dup = 0;
            for (size_t j = 0; j < f->n; j++)
                dup |= strcmp(f->paths[j], m->path) == 0;
            if (!dup)
                factor_add_member(f, m->path, m->label, m->value, m->lo, m->hi);
            if (!dup && !f->note && m->note)
                f->note = rs_xstrdup(m->note);
        }
    set_disp(f, f->n ? f->labels[0] : r->label, a ? a : b);
}

/* --factor PATH=LO,HI or --factor PATH (its declared range, or group). */
static int add_option_factor(study *st, const rs_scenario *a, const rs_scenario *b,
                             const char *spec)
{
    const char *eq = strchr(spec, '=');
    char *path = eq ? rs_xasprintf("%.*s", (int)(eq - spec), spec) : rs_xstrdup(spec);
    double lo = 0, hi = 0;
    if (eq) {
        char *end;
        errno = 0;
        lo = strtod(eq + 1, &end);
        int ok = end != eq + 1 && *end == ',' && isfinite(lo);
        if (ok) {
            const char *h = end + 1;
            hi = strtod(h, &end);
            ok = end != h && !*end && isfinite(hi);
        }
        if (!ok) {
            free(path);
            return rs_usage_error("sensitivity",
                                  "--factor takes PATH=LO,HI or PATH (got '%s'), e.g. --factor "
                                  "instruments.du.off_goal_share=0,0.25",
                                  spec);
        }
        if (!(lo < hi)) {
            free(path);
            return rs_usage_error("sensitivity", "--factor %s: LO %g must be below HI %g", spec,
                                  lo, hi);
        }
    }
    rs_diag d;
    rs_diag_init(&d);
    double v = 0;
    char *canon = NULL;
    int rc = rs_scenario_number(st->a, st->o->ov, st->o->n_ov, path, &v, &canon, &d);
    if (rc == -1 && st->b)
        rc = rs_scenario_number(st->b, st->o->ov, st->o->n_ov, path, &v, &canon, &d);
    rs_diag_free(&d);
    if (rc) {
        int code = rs_usage_error("sensitivity",
                                  "--factor %s: '%s' names no number in %s%s%s (a path as in "
                                  "--set, e.g. instruments.du.off_goal_share)",
                                  spec, path, st->a, st->b ? " or " : "", st->b ? st->b : "");
        free(path);
        return code;
    }
    free(path);
    const rs_range *r = find_range(a, canon);
    if (!r)
        r = find_range(b, canon);
    if (!eq && !r) {
        int code = rs_usage_error("sensitivity",
                                  "--factor %s: no range is declared for '%s'; give one as "
                                  "--factor %s=LO,HI",
                                  spec, canon, canon);
        free(canon);
        return code;
    }
    for (size_t i = 0; i < st->k; i++)
        for (size_t j = 0; j < st->f[i].n; j++)
            if (strcmp(st->f[i].paths[j], canon) == 0) {
                int code = rs_usage_error("sensitivity", "--factor %s: '%s' is already a factor",
                                          spec, canon);
                free(canon);
                return code;
            }
    if (!eq) {
        add_declared(st, a, b, r);
    } else {
        st->f = rs_xrealloc(st->f, (st->k + 1) * sizeof *st->f);
        factor *f = memset(&st->f[st->k++], 0, sizeof *st->f);
        factor_add_member(f, canon, r ? r->label : canon, v, lo, hi);
        f->name = short_name(r ? r->label : canon);
        set_disp(f, r ? r->label : canon, a ? a : b);
    }
    free(canon);
    return 0;
}

/* Which file each member path exists in. */
static int locate(study *st)
{
    for (size_t i = 0; i < st->k; i++) {
        factor *f = &st->f[i];
        for (size_t j = 0; j < f->n; j++) {
            rs_diag d;
            rs_diag_init(&d);
            double v;
            f->in_a[j] = rs_scenario_number(st->a, st->o->ov, st->o->n_ov, f->paths[j], &v,
                                            NULL, &d) == 0;
            if (f->in_a[j])
                f->value[j] = v;
            if (st->b) {
                f->in_b[j] = rs_scenario_number(st->b, st->o->ov, st->o->n_ov, f->paths[j], &v,
                                                NULL, &d) == 0;
                if (!f->in_a[j] && f->in_b[j])
                    f->value[j] = v;
            }
            rs_diag_free(&d);
            if (f->value[j] < f->lo[j] || f->value[j] > f->hi[j]) {
                /* Dutch: the parameter by its display name, value and range in
                 * its unit; English: the path and the numbers as written */
                char name[400], val[80], range[200];
                if (st->nl) {
                    rs_param_title(name, sizeof name, f->labels[j], st->a_sc, 1);
                    rs_fmt_param(val, sizeof val, f->paths[j], f->value[j], 1, "-");
                    rs_fmt_param_range(range, sizeof range, f->paths[j], f->lo[j], f->hi[j], 1,
                                       "-");
                } else {
                    snprintf(name, sizeof name, "%s", f->paths[j]);
                    snprintf(val, sizeof val, "%g", f->value[j]);
                    snprintf(range, sizeof range, "%g to %g", f->lo[j], f->hi[j]);
                }
                rs_msg m = {RS_MSG_S_OUTSIDE, {0}, {name, val, range, NULL}};
                char t[1200];
                rs_msg_format(t, sizeof t, &m, st->nl);
                fprintf(stderr, "regiosim: %s: %s\n", st->nl ? "waarschuwing" : "warning", t);
            }
        }
    }
    return 0;
}

/* ---- methods ------------------------------------------------------------ */

typedef struct root_ctx {
    study *st;
    size_t i;
    double target;
    int rc;
    rs_diag *diag;
} root_ctx;

static double along(double u, void *arg)
{
    root_ctx *c = arg;
    double *pt = rs_xcalloc(c->st->k, sizeof *pt);
    for (size_t j = 0; j < c->st->k; j++)
        pt[j] = NAN;
    pt[c->i] = u;
    double y = 0;
    int rc = eval_u(c->st, pt, &y, NULL, c->diag);
    free(pt);
    if (rc) {
        if (!c->rc)
            c->rc = rc;
        return NAN;
    }
    return y - c->target;
}

static int run_oat(study *st, double base, int has_target, double target, rs_diag *diag)
{
    size_t k = st->k;
    long nd = st->mc ? st->unc.draws : 0;
    /* every factor's two ends in one evaluation: point 2i at the low end
     * of factor i, 2i + 1 at its high end */
    double *U = rs_xcalloc(2 * k * k, sizeof *U), *yy = rs_xcalloc(2 * k, sizeof *yy);
    double *dd = nd ? rs_xcalloc(2 * k * (size_t)nd, sizeof *dd) : NULL;
    for (size_t p = 0; p < 2 * k; p++)
        for (size_t j = 0; j < k; j++)
            U[p * k + j] = j == p / 2 ? (double)(p % 2) : NAN;
    st->total = st->runs + (long)(2 * k) * (st->b ? 2 : 1);
    int rc = eval_points(st, 2 * k, U, yy, dd, diag);
    for (size_t i = 0; i < k && !rc; i++) {
        factor *f = &st->f[i];
        const double *dlo = dd ? dd + 2 * i * (size_t)nd : NULL, *dhi = dd ? dlo + nd : NULL;
        f->at_lo = yy[2 * i];
        f->at_hi = yy[2 * i + 1];
        f->swing = fabs(f->at_hi - f->at_lo);
        if (nd) {
            f->swing_se = se_of(dhi, dlo, nd);
            f->at_lo_se = se_of(dlo, NULL, nd);
            f->at_hi_se = se_of(dhi, NULL, nd);
        }
        if (!has_target)
            continue;
        double flo = f->at_lo - target, fhi = f->at_hi - target;
        root_ctx c = {st, i, target, 0, diag};
        double u = 0;
        int r = rs_sens_root(along, &c, 0, 1, flo, fhi, 1e-10, 1e-10, 100, &u);
        if (c.rc) {
            rc = c.rc;
            break;
        }
        if (r == 0 && !(flo == 0 && fhi == 0)) {
            f->has_switch = 1;
            f->sw = f->lo[0] + u * (f->hi[0] - f->lo[0]);
        }
    }
    (void)base;
    free(U);
    free(yy);
    free(dd);
    return rc;
}

static int run_morris(study *st, long r, rs_diag *diag)
{
    size_t k = st->k, np = rs_morris_points(k, (size_t)r);
    long nd = st->mc ? st->unc.draws : 0;
    double *u = rs_xcalloc(np * k, sizeof *u), *y = rs_xcalloc(np, sizeof *y);
    double *yd = nd ? rs_xcalloc(np * (size_t)nd, sizeof *yd) : NULL;
    unsigned long seed = st->o->seed >= 0 ? (unsigned long)st->o->seed : DESIGN_SEED;
    rs_morris_sample(k, (size_t)r, MORRIS_LEVELS, seed, u);
    st->total = st->runs + (long)np * (st->b ? 2 : 1);
    int rc = 0;
    double t0 = now();
    for (size_t p = 0; p < np && !rc; p += BATCH) {
        rc = eval_points(st, np - p < BATCH ? np - p : BATCH, u + p * k, y + p,
                         yd ? yd + p * (size_t)nd : NULL, diag);
        if (p == 0)
            estimate(st, np < BATCH ? np : BATCH, np, t0);
    }
    if (!rc) {
        double *ms = rs_xcalloc(k, sizeof *ms), *mu = rs_xcalloc(k, sizeof *mu),
               *sd = rs_xcalloc(k, sizeof *sd);
        rs_morris_analyze(k, (size_t)r, MORRIS_LEVELS, u, y, ms, mu, sd, NULL);
        for (size_t i = 0; i < k; i++) {
            st->f[i].mu_star = ms[i];
            st->f[i].mu = mu[i];
            st->f[i].sigma = sd[i];
        }
        if (nd) {
            /* the Monte Carlo error of μ*: each trajectory's effect is a
             * mean over the same draws; SE(μ*) = sqrt(Σ_t SE(EE_t)²) / r */
            double *var = rs_xcalloc(k, sizeof *var);
            double *e = rs_xcalloc((size_t)nd, sizeof *e);
            double delta = (double)(MORRIS_LEVELS / 2) / (MORRIS_LEVELS - 1);
            for (long t = 0; t < r; t++)
                for (size_t s = 0; s < k; s++) {
                    size_t p0 = (size_t)t * (k + 1) + s;
                    const double *a = u + p0 * k, *b = a + k;
                    size_t moved = 0;
                    for (size_t i = 0; i < k; i++)
                        if (fabs(b[i] - a[i]) > 0.5 * delta)
                            moved = i;
                    double dd = b[moved] - a[moved];
                    for (long d = 0; d < nd; d++)
                        e[d] = (yd[(p0 + 1) * (size_t)nd + (size_t)d] -
                                yd[p0 * (size_t)nd + (size_t)d]) / dd;
                    double se = se_of(e, NULL, nd);
                    var[moved] += se * se;
                }
            for (size_t i = 0; i < k; i++)
                st->f[i].mu_star_se = sqrt(var[i]) / (double)r;
            free(var);
            free(e);
        }
        free(ms);
        free(mu);
        free(sd);
    }
    free(u);
    free(y);
    free(yd);
    return rc;
}

static int run_sobol(study *st, long n, double *mean_se, rs_diag *diag)
{
    size_t k = st->k, np = rs_sobol_points(k, (size_t)n);
    long nd = st->mc ? st->unc.draws : 0;
    double *u = rs_xcalloc(np * k, sizeof *u), *y = rs_xcalloc(np, sizeof *y);
    double *yd = nd ? rs_xcalloc(BATCH * (size_t)nd, sizeof *yd) : NULL;
    rs_sobol_sample(k, (size_t)n, u);
    st->total = st->runs + (long)np * (st->b ? 2 : 1);
    int rc = 0;
    double sse = 0;
    double t0 = now();
    for (size_t p = 0; p < np && !rc; p += BATCH) {
        size_t m = np - p < BATCH ? np - p : BATCH;
        rc = eval_points(st, m, u + p * k, y + p, yd, diag);
        if (p == 0)
            estimate(st, m, np, t0);
        for (size_t q = 0; !rc && nd && q < m; q++)
            sse += se_of(yd + q * (size_t)nd, NULL, nd);
    }
    *mean_se = nd ? sse / (double)np : 0;
    if (!rc) {
        rs_sobol_result r;
        unsigned long seed = st->o->seed >= 0 ? (unsigned long)st->o->seed : DESIGN_SEED;
        if (rs_sobol_analyze(k, (size_t)n, y, SOBOL_RESAMPLES, seed, SOBOL_Z, &r) < 0) {
            rs_msg m = {RS_MSG_S_FLAT, {0}, {NULL}};
            char t[400];
            rs_msg_format(t, sizeof t, &m, st->nl);
            fprintf(stderr, "regiosim: %s: %s\n", st->nl ? "waarschuwing" : "warning", t);
        }
        for (size_t i = 0; i < k; i++) {
            st->f[i].s1 = r.s1[i];
            st->f[i].s1c = r.s1_conf[i];
            st->f[i].st = r.st[i];
            st->f[i].stc = r.st_conf[i];
        }
        rs_sobol_result_free(&r);
    }
    free(u);
    free(y);
    free(yd);
    return rc;
}

/* ---- output ------------------------------------------------------------- */

static double measure(const study *st, const factor *f)
{
    return st->method == M_OAT ? f->swing : st->method == M_MORRIS ? f->mu_star : f->st;
}

static const study *sort_study;
static int by_measure(const void *a, const void *b)
{
    double x = measure(sort_study, a), y = measure(sort_study, b);
    if (x != y)
        return x < y ? 1 : -1;
    return strcmp(((const factor *)a)->name, ((const factor *)b)->name);
}

static void jnum(FILE *f, double x, int present)
{
    if (!present || !isfinite(x)) {
        fputs("null", f);
        return;
    }
    char t[40];
    rs_fmt_num(t, sizeof t, x, '.');
    fputs(t, f);
}

static void write_json(FILE *out, const study *st, double base, double base_se, long samples,
                       double seconds, double sobol_se)
{
    int oat = st->method == M_OAT, mor = st->method == M_MORRIS, sob = st->method == M_SOBOL;
    static const char *const names[] = {"oat", "morris", "sobol"};
    fputs("{\"scenario\": ", out);
    rs_json_string(out, st->a);
    fputs(", \"vs\": ", out);
    if (st->b)
        rs_json_string(out, st->b);
    else
        fputs("null", out);
    fputs(", \"metric\": ", out);
    rs_json_string(out, rs_metric_infos[st->metric].name);
    fputs(", \"unit\": ", out);
    rs_json_string(out, rs_metric_infos[st->metric].unit);
    fputs(", \"base\": ", out);
    jnum(out, base, 1);
    fprintf(out, ", \"method\": \"%s\",\n \"draws\": %ld, \"seed\": ", names[st->method],
            st->mc ? st->unc.draws : 0L);
    jnum(out, (double)st->unc.seed, st->mc);
    fputs(", \"base_se\": ", out);
    jnum(out, base_se, st->mc);
    fprintf(out, ", \"samples\": %ld, \"runs\": %ld, \"seconds\": %.3f, \"version\": \"%s\"",
            samples, st->runs, seconds, RS_VERSION);
    if (sob) {
        fputs(", \"point_se\": ", out);
        jnum(out, sobol_se, st->mc);
    }
    fputs(",\n \"factors\": [", out);
    for (size_t i = 0; i < st->k; i++) {
        const factor *f = &st->f[i];
        fputs(i ? ",\n  " : "\n  ", out);
        fputs("{\"name\": ", out);
        rs_json_string(out, f->name);
        fputs(", \"paths\": [", out);
        for (size_t j = 0; j < f->n; j++) {
            fputs(j ? ", " : "", out);
            rs_json_string(out, f->paths[j]);
        }
        fputs("], \"value\": ", out);
        jnum(out, f->value[0], 1);
        fputs(", \"lo\": ", out);
        jnum(out, f->lo[0], 1);
        fputs(", \"hi\": ", out);
        jnum(out, f->hi[0], 1);
        fputs(", \"at_lo\": ", out);
        jnum(out, f->at_lo, oat);
        fputs(", \"at_hi\": ", out);
        jnum(out, f->at_hi, oat);
        fputs(", \"swing\": ", out);
        jnum(out, f->swing, oat);
        fputs(", \"swing_se\": ", out);
        jnum(out, f->swing_se, oat && st->mc);
        fputs(", \"switch\": ", out);
        jnum(out, f->sw, oat && f->has_switch);
        fputs(", \"mu_star\": ", out);
        jnum(out, f->mu_star, mor);
        fputs(", \"mu_star_se\": ", out);
        jnum(out, f->mu_star_se, mor && st->mc);
        fputs(", \"sigma\": ", out);
        jnum(out, f->sigma, mor);
        fputs(", \"S1\": ", out);
        jnum(out, f->s1, sob);
        fputs(", \"S1_conf\": ", out);
        jnum(out, f->s1c, sob);
        fputs(", \"ST\": ", out);
        jnum(out, f->st, sob);
        fputs(", \"ST_conf\": ", out);
        jnum(out, f->stc, sob);
        fputs("}", out);
    }
    fputs("\n]}\n", out);
}

static void cnum(rs_csv *c, double x, int present)
{
    if (present && isfinite(x))
        rs_csv_num(c, x);
    else
        rs_csv_str(c, "");
}

static void write_csv(FILE *out, const study *st, const char *dialect)
{
    int oat = st->method == M_OAT, mor = st->method == M_MORRIS, sob = st->method == M_SOBOL;
    static const char *const head[] = {"name",  "paths",      "value",  "lo",     "hi",
                                       "at_lo", "at_hi",      "swing",  "swing_se", "switch",
                                       "mu_star", "mu_star_se", "sigma", "S1",     "S1_conf",
                                       "ST",    "ST_conf",    NULL};
    rs_csv c;
    rs_csv_init(&c, out, dialect);
    for (size_t i = 0; head[i]; i++)
        rs_csv_str(&c, head[i]);
    rs_csv_end(&c);
    for (size_t i = 0; i < st->k; i++) {
        const factor *f = &st->f[i];
        rs_csv_str(&c, f->name);
        rs_buf p;
        rs_buf_init(&p);
        for (size_t j = 0; j < f->n; j++)
            rs_buf_printf(&p, "%s%s", j ? " " : "", f->paths[j]);
        rs_csv_str(&c, p.s);
        rs_buf_free(&p);
        cnum(&c, f->value[0], 1);
        cnum(&c, f->lo[0], 1);
        cnum(&c, f->hi[0], 1);
        cnum(&c, f->at_lo, oat);
        cnum(&c, f->at_hi, oat);
        cnum(&c, f->swing, oat);
        cnum(&c, f->swing_se, oat && st->mc);
        cnum(&c, f->sw, oat && f->has_switch);
        cnum(&c, f->mu_star, mor);
        cnum(&c, f->mu_star_se, mor && st->mc);
        cnum(&c, f->sigma, mor);
        cnum(&c, f->s1, sob);
        cnum(&c, f->s1c, sob);
        cnum(&c, f->st, sob);
        cnum(&c, f->stc, sob);
        rs_csv_end(&c);
    }
}

static void fmtv(char *t, size_t n, double x, int nl)
{
    double a = fabs(x);
    int dec = a == 0 ? 0 : a >= 100 ? 1 : a >= 1 ? 3 : a >= 0.01 ? 4 : 6;
    rs_fmt_grouped(t, n, x, dec, nl);
}

/* A file's name without folder and .json. */
static char *base_of(const char *file)
{
    const char *b = strrchr(file, '/');
    char *s = rs_xstrdup(b ? b + 1 : file);
    size_t l = strlen(s);
    if (l > 5 && strcmp(s + l - 5, ".json") == 0)
        s[l - 5] = '\0';
    return s;
}

/* The quantity's name in a chart or report: "effectiveness" or
 * "effectiveness (A) − effectiveness (B)". */
/* A scenario as a reader knows it: its 'label', else its name, else the
 * file's base name. */
static char *scenario_text(const study *st, size_t k, const char *file)
{
    const rs_scenario *sc = st->ex ? rs_study_scenario(st->ex, k) : NULL;
    if (sc && sc->label && *sc->label)
        return rs_xstrdup(sc->label);
    if (sc && sc->name && *sc->name)
        return rs_xstrdup(sc->name);
    return base_of(file);
}

/* The name of factor f for a reader: in Dutch the display name the
 * charts and the report use (set_disp), so that all three phrase it alike;
 * in English its name as the ranges file gives it. */
static const char *shown(const factor *f, int nl) { return nl ? f->disp[1] : f->name; }

static char *quantity(const study *st, int nl)
{
    const char *m = rs_metric_label(st->metric, nl);
    if (!st->b)
        return rs_xstrdup(m);
    char *a = scenario_text(st, 0, st->a), *b = scenario_text(st, 1, st->b);
    char *q = rs_xasprintf("%s: %s − %s", m, a, b);
    free(a);
    free(b);
    return q;
}

static char *unit_text(const study *st, int nl)
{
    const char *u = rs_metric_infos[st->metric].unit;
    if (strcmp(u, "M€") == 0)
        return rs_xstrdup(nl ? "€ mln" : "€ million");
    if (strcmp(u, "years") == 0)
        return rs_xstrdup(nl ? "jaar" : "years");
    if (strcmp(u, "ratio") == 0)
        return rs_xstrdup(nl ? "verhouding" : "ratio");
    if (strcmp(u, "share") == 0)
        return rs_xstrdup(nl ? "aandeel" : "share");
    return rs_xstrdup(u);
}

/* At most this many factors in a chart (the strongest). */
#define CHART_MAX 20

/* 't' right-aligned in 'w' characters (not bytes: "€" is three) */
/* "uurtarief regio (€)" → "uurtarief regio": a name's unit in brackets
 * at its end, when a range in that unit follows it ("[€ 76,5–93,5 per
 * uur]"); other brackets ("(Rijk)") stay. */
static void drop_unit(char *name)
{
    size_t len = strlen(name);
    char *open = len ? strrchr(name, '(') : NULL;
    if (!open || name[len - 1] != ')' || open == name || open[-1] != ' ' ||
        (size_t)(name + len - open) > 12)
        return;
    static const char *const units[] = {"(€)", "(€ mln)", "(M€)", "(jaar)", "(years)"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(open, units[i]) == 0) {
            open[-1] = '\0';
            return;
        }
}

static void put_col(const char *t, int w)
{
    int pad = w - (int)rs_text_width(t);
    printf(" %*s%s", pad > 0 ? pad : 0, "", t);
}

/* Factors a chart shows: the strongest, none without any effect. */
static size_t chart_count(const study *st)
{
    size_t n = 0;
    while (n < st->k && n < CHART_MAX && measure(st, &st->f[n]) > 0)
        n++;
    return n ? n : (st->k < CHART_MAX ? st->k : CHART_MAX);
}

static void chart(const study *st, const rs_gp *g, double base, rs_buf *dat, rs_buf *gp,
                  const char *name)
{
    size_t n = chart_count(st);
    char *q = quantity(st, g->nl), *unit = unit_text(st, g->nl);
    rs_buf_add(dat, "# row\tlabel\ta\tb\tc\td\n");
    /* the chart takes its labels from an array in the script, never from
     * the data file (any text then stays a literal; the data file's label
     * column is for readers only) */
    char **labs = rs_xcalloc(n ? n : 1, sizeof *labs);
    double lo = st->method == M_OAT ? base : 0, hi = lo;
    for (size_t i = 0; i < n; i++) {
        const factor *f = &st->f[i];
        double row = (double)(n - i); /* the strongest at the top */
        char a[40], b[40], c[40], d[40];
        double va, vb, vc, vd;
        if (st->method == M_OAT) {
            va = f->at_lo, vb = f->at_hi, vc = f->has_switch ? f->sw : NAN, vd = 0;
        } else if (st->method == M_MORRIS) {
            va = f->mu_star, vb = f->sigma, vc = f->mu_star_se, vd = 0;
        } else {
            va = f->s1, vb = f->s1c, vc = f->st, vd = f->stc;
        }
        lo = fmin(lo, fmin(va, st->method == M_SOBOL ? vc - vd : vb));
        hi = fmax(hi, fmax(va, st->method == M_SOBOL ? vc + vd : vb));
        if (st->method == M_SOBOL)
            lo = fmin(lo, va - vb), hi = fmax(hi, va + vb);
        snprintf(a, sizeof a, "%.12g", va);
        snprintf(b, sizeof b, "%.12g", vb);
        snprintf(c, sizeof c, "%.12g", isnan(vc) ? 0.0 : vc);
        snprintf(d, sizeof d, "%.12g", vd);
        /* the label: the name, and for a tornado the range and any switch */
        rs_buf lab;
        rs_buf_init(&lab);
        char nm[400];
        snprintf(nm, sizeof nm, "%s", f->disp[g->nl ? 1 : 0]);
        if (st->method == M_OAT)
            drop_unit(nm); /* the range after it says the unit */
        const char *fname = nm;
        if (strlen(fname) > 54) { /* whole UTF-8 characters */
            size_t cut = 52;
            while (cut > 0 && ((unsigned char)fname[cut] & 0xC0) == 0x80)
                cut--;
            rs_buf_addn(&lab, fname, cut);
            rs_buf_add(&lab, "…");
        } else {
            rs_buf_add(&lab, fname);
        }
        if (st->method == M_OAT) {
            /* the range in the unit of the factor (its first member's):
             * "[2–10 %]", "[€ 80–120 mln]", minus as U+2212 */
            char l1[200];
            rs_fmt_param_range(l1, sizeof l1, f->paths[0], f->lo[0], f->hi[0], g->nl, "−");
            rs_buf_printf(&lab, " [%s]", l1);
            if (f->has_switch) {
                rs_fmt_param(l1, sizeof l1, f->paths[0], f->sw, g->nl, "−");
                rs_buf_printf(&lab, RS_L(g, ", omslag bij %s", ", switches at %s"), l1);
            }
        }
        labs[i] = rs_xstrdup(lab.s);
        for (char *p = lab.s; *p; p++)
            if (*p == '"')
                *p = '\'';
        rs_buf_printf(dat, "%.0f\t\"", row);
        rs_gp_text(dat, lab.s, 0);
        rs_buf_printf(dat, "\"\t%s\t%s\t%s\t%s\n", a, b, c, d);
        rs_buf_free(&lab);
    }
    rs_gp_header(gp, g, name);
    rs_gp_label_array(gp, "L", (const char *const *)labs, n, 0);
    for (size_t i = 0; i < n; i++)
        free(labs[i]);
    free(labs);
    /* row r (n at the top) has label L[n - r + 1] */
    char ytic[48];
    snprintf(ytic, sizeof ytic, "ytic(L[%zu-int($1)+1])", n);
    /* a tornado always shows where the conclusion turns */
    int has_t = st->method == M_OAT && (st->b != NULL || st->o->has_target);
    double tx = st->b ? 0 : st->o->target;
    if (has_t) {
        lo = fmin(lo, tx);
        hi = fmax(hi, tx);
    }
    double pad = (hi - lo) * 0.06 + (hi == lo ? 1 : 0);
    /* the house style (rijkshuisstijl.gp): title centred on the image,
     * labels in the left part, the legend under the axis title, the
     * source line at the bottom; colours by role */
    rs_buf_printf(gp, "set termoption noenhanced\nset yrange [0.3:%zu.7]\nset ytics scale 0 "
                      "noenhanced",
                  n);
    rs_gp_font(gp, g, n > 12 ? 0.72 : 0.85);
    rs_buf_add(gp, "\nset grid xtics noytics\nset border 1\nset lmargin at screen 0.42\n"
                   "set rmargin at screen 0.96\nset tmargin 4.5\n");
    rs_gp_tics_n(gp, g, "x", st->method == M_MORRIS ? 0 : lo - pad, hi + pad, 4);
    rs_buf t;
    rs_buf_init(&t);
    const char *ml = rs_metric_label(st->metric, g->nl);
    char mlow[200];
    snprintf(mlow, sizeof mlow, "%s", ml);
    if (mlow[0] >= 'A' && mlow[0] <= 'Z') /* 'Doelmatigheid' in the middle of a sentence */
        mlow[0] = (char)(mlow[0] - 'A' + 'a');
    const char *what = st->method == M_OAT ? RS_L(g, "Gevoeligheid", "Sensitivity")
                       : st->method == M_MORRIS ? RS_L(g, "Morris-screening", "Morris screening")
                                                : RS_L(g, "Sobol-indices", "Sobol indices");
    if (st->b)
        rs_buf_printf(&t, RS_L(g, "%s van het verschil in %s", "%s of the difference in %s"), what,
                      mlow);
    else
        rs_buf_printf(&t, RS_L(g, "%s van de %s", "%s of %s"), what, mlow);
    (void)q;
    if (st->b) {
        /* which difference, under the title */
        char *sa = scenario_text(st, 0, st->a), *sb = scenario_text(st, 1, st->b);
        char ca[160], cb[160], sub[400];
        rs_chart_cut(ca, sizeof ca, sa, 44);
        rs_chart_cut(cb, sizeof cb, sb, 44);
        snprintf(sub, sizeof sub, RS_L(g, "“%s” min “%s”", "“%s” minus “%s”"), ca, cb);
        free(sa);
        free(sb);
        rs_buf_add(gp, "set label 97 ");
        rs_gp_quote(gp, sub);
        rs_buf_add(gp, " at screen 0.5, screen 0.905 center noenhanced textcolor rgb c_axis");
        rs_gp_font(gp, g, 0.8);
        rs_buf_add(gp, "\nset tmargin 6.5\n");
    }
    rs_chart_title(gp, g, t.s);
    if (st->b)
        rs_buf_add(gp, "set tmargin 6.5\n");
    rs_buf_free(&t);
    rs_buf_init(&t);
    if (st->method == M_OAT)
        rs_buf_printf(&t, "%s (%s)", rs_metric_label(st->metric, g->nl), unit);
    else if (st->method == M_MORRIS)
        rs_buf_printf(&t, RS_L(g, "μ* en σ (%s per hele bandbreedte)",
                               "μ* and σ (%s per whole range)"),
                      unit);
    else
        rs_buf_add(&t, RS_L(g, "aandeel van de variantie (95%-interval)",
                            "share of the variance (95% interval)"));
    rs_chart_axis_label(gp, "x", t.s);
    rs_buf_free(&t);
    const char *l_lo = RS_L(g, "schatting op ondergrens", "estimate at its low end");
    const char *l_hi = RS_L(g, "schatting op bovengrens", "estimate at its high end");
    char bt[40];
    fmtv(bt, sizeof bt, base, g->nl);
    rs_gp_minus(bt, sizeof bt);
    rs_buf_init(&t);
    rs_buf_printf(&t, RS_L(g, "basiswaarde %s", "base value %s"), bt);
    if (st->method == M_OAT)
        /* room for one column: gnuplot fits the columns into the plot's
         * width, narrowed by the labels' margin */
        rs_chart_key_below(gp, g, 3, 60, 1);
    else
        rs_chart_key_below(gp, g, 2, 16, 1);
    rs_buf_add(gp, "set style fill solid 1 noborder\n");
    rs_gp_layout(gp, g, "sensitivity");
    if (st->method == M_OAT) {
        rs_buf_printf(gp, "base = %.12g\nset arrow from base, graph 0 to base, graph 1 nohead "
                          "lw 2 lc rgb c_text dt 2 front\n",
                      base);
        /* where the conclusion turns: 0 for a difference, or --target */
        if (has_t) {
            rs_buf_printf(gp, "set arrow from %.12g, graph 0 to %.12g, graph 1 nohead lw 2 lc rgb "
                              "c_down front\nset label 2 ",
                          tx, tx);
            rs_gp_quote(gp, st->b ? RS_L(g, "omslagpunt: geen verschil", "turning point: no difference")
                                  : RS_L(g, "doel", "target"));
            rs_buf_printf(gp, " at %.12g, graph 1.03 center textcolor rgb c_down", tx);
            rs_gp_font(gp, g, 0.8);
            rs_buf_add(gp, " noenhanced\n");
        }
        rs_buf_add(gp, "plot 'sensitivity.dat' using (($3+base)/2):1:(base<$3?base:$3):"
                       "(base<$3?$3:base):($1-0.35):($1+0.35):");
        rs_buf_add(gp, ytic);
        rs_buf_add(gp, " with boxxyerror lc rgb c_real title ");
        rs_gp_quote(gp, l_lo);
        rs_buf_add(gp, ", '' using (($4+base)/2):1:(base<$4?base:$4):(base<$4?$4:base):"
                       "($1-0.35):($1+0.35) with boxxyerror lc rgb c_accent title ");
        rs_gp_quote(gp, l_hi);
        rs_buf_add(gp, ", NaN with lines lw 2 lc rgb c_text dt 2 title ");
        rs_gp_quote(gp, t.s);
        rs_buf_add(gp, "\n");
    } else if (st->method == M_MORRIS) {
        rs_buf_add(gp, "plot 'sensitivity.dat' using ($3/2):($1+0.17):(0):3:($1):($1+0.34):");
        rs_buf_add(gp, ytic);
        rs_buf_add(gp, " with boxxyerror lc rgb c_real title 'μ*', '' using ($4/2):($1-0.17):(0):4:"
                       "($1-0.34):($1) with boxxyerror lc rgb c_band title 'σ'\n");
    } else {
        rs_buf_add(gp, "plot 'sensitivity.dat' using (($3>0?$3:0)/2):($1+0.17):(0):($3>0?$3:0):"
                       "($1):($1+0.34):");
        rs_buf_add(gp, ytic);
        rs_buf_add(gp, " with boxxyerror lc rgb c_real title ");
        rs_gp_quote(gp, RS_L(g, "eerste orde S1", "first order S1"));
        rs_buf_add(gp, ", '' using 3:($1+0.17):4 with xerrorbars lc rgb c_text pt 0 notitle, "
                       "'' using (($5>0?$5:0)/2):($1-0.17):(0):($5>0?$5:0):($1-0.34):($1) with "
                       "boxxyerror lc rgb c_band title ");
        rs_gp_quote(gp, RS_L(g, "totaal ST", "total ST"));
        rs_buf_add(gp, ", '' using 5:($1-0.17):6 with xerrorbars lc rgb c_text pt 0 notitle\n");
    }
    rs_buf_free(&t);
    free(q);
    free(unit);
}

static void report(rs_doc *d, const study *st, double base, const char *img, int drawn,
                   double seconds)
{
    int nl = d->nl;
    char *q = quantity(st, nl), *unit = unit_text(st, nl);
    rs_doc_text(d, RS_B_H1, nl ? "Gevoeligheidsanalyse" : "Sensitivity analysis");
    rs_buf p;
    rs_buf_init(&p);
    char bt[40];
    fmtv(bt, sizeof bt, base, nl);
    static const char *const mn[] = {"one at a time (OAT)", "Morris", "Sobol"};
    static const char *const mnl[] = {"één voor één (OAT)", "Morris", "Sobol"};
    char secs[40];
    rs_fmt_grouped(secs, sizeof secs, seconds, 1, nl);
    rs_buf_printf(&p,
                  nl ? "Grootheid: %s (%s); basiswaarde %s. Methode: %s, %zu factoren, %ld "
                       "doorrekeningen in %s s."
                     : "Quantity: %s (%s); base value %s. Method: %s, %zu factors, %ld runs in "
                       "%s s.",
                  q, unit, bt, nl ? mnl[st->method] : mn[st->method], st->k, st->runs, secs);
    if (st->mc)
        rs_buf_printf(&p,
                      nl ? " Elk punt is het gemiddelde over dezelfde %ld trekkingen (seed %lu): "
                           "gemeenschappelijke toevalsgetallen."
                         : " Each point is the mean over the same %ld draws (seed %lu): common "
                           "random numbers.",
                      st->unc.draws, st->unc.seed);
    rs_doc_text(d, RS_B_P, p.s);
    rs_buf_free(&p);
    size_t cols = st->method == M_OAT ? 6 : st->method == M_MORRIS ? 5 : 5;
    size_t n = 0;
    char **cells = rs_xcalloc((st->k + 1) * cols, sizeof *cells);
    if (st->method == M_OAT) {
        const char *h[] = {"factor", nl ? "bandbreedte" : "range", nl ? "bij ondergrens" : "at low",
                           nl ? "bij bovengrens" : "at high", "swing",
                           nl ? "omslagwaarde" : "switching value"};
        for (size_t i = 0; i < 6; i++)
            cells[n++] = rs_xstrdup(h[i]);
    } else if (st->method == M_MORRIS) {
        const char *h[] = {"factor", nl ? "bandbreedte" : "range", "μ*", "σ",
                           nl ? "MC-fout μ*" : "MC error μ*"};
        for (size_t i = 0; i < 5; i++)
            cells[n++] = rs_xstrdup(h[i]);
    } else {
        const char *h[] = {"factor", nl ? "bandbreedte" : "range", "S1", "ST", "ST − S1"};
        for (size_t i = 0; i < 5; i++)
            cells[n++] = rs_xstrdup(h[i]);
    }
    for (size_t i = 0; i < st->k; i++) {
        const factor *f = &st->f[i];
        char a[40], b[40], c[40], e[40];
        cells[n++] = rs_xstrdup(f->disp[nl ? 1 : 0]);
        char r[200];
        rs_fmt_param_range(r, sizeof r, f->paths[0], f->lo[0], f->hi[0], nl, "−");
        cells[n++] = rs_xstrdup(r);
        if (st->method == M_OAT) {
            fmtv(a, sizeof a, f->at_lo, nl);
            fmtv(b, sizeof b, f->at_hi, nl);
            fmtv(c, sizeof c, f->swing, nl);
            cells[n++] = rs_xstrdup(a);
            cells[n++] = rs_xstrdup(b);
            if (st->mc) {
                fmtv(e, sizeof e, f->swing_se, nl);
                cells[n++] = rs_xasprintf("%s ± %s", c, e);
            } else {
                cells[n++] = rs_xstrdup(c);
            }
            if (f->has_switch)
                rs_fmt_param(r, sizeof r, f->paths[0], f->sw, nl, "−");
            cells[n++] = rs_xstrdup(f->has_switch ? r : "–");
        } else if (st->method == M_MORRIS) {
            fmtv(a, sizeof a, f->mu_star, nl);
            fmtv(b, sizeof b, f->sigma, nl);
            fmtv(c, sizeof c, f->mu_star_se, nl);
            cells[n++] = rs_xstrdup(a);
            cells[n++] = rs_xstrdup(b);
            cells[n++] = rs_xstrdup(st->mc ? c : "–");
        } else {
            rs_fmt_grouped(a, sizeof a, f->s1, 3, nl);
            rs_fmt_grouped(b, sizeof b, f->s1c, 3, nl);
            cells[n++] = rs_xasprintf("%s ± %s", a, b);
            rs_fmt_grouped(a, sizeof a, f->st, 3, nl);
            rs_fmt_grouped(b, sizeof b, f->stc, 3, nl);
            cells[n++] = rs_xasprintf("%s ± %s", a, b);
            rs_fmt_grouped(a, sizeof a, f->st - f->s1, 3, nl);
            cells[n++] = rs_xstrdup(a);
        }
    }
    rs_doc_cells(d, RS_B_TABLE, cells, n, cols);
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
    if (img)
        rs_doc_image(d, img, nl ? "De sterkste factoren bovenaan" : "The strongest factors on top",
                     drawn);
    /* the reasoning of every range, as the model files give it */
    char **why = rs_xcalloc(st->k + 1, sizeof *why);
    size_t nw = 0;
    for (size_t i = 0; i < st->k; i++) {
        const factor *f = &st->f[i];
        rs_buf b;
        rs_buf_init(&b);
        rs_buf_printf(&b, "%s", f->disp[nl ? 1 : 0]);
        for (size_t j = 0; j < f->n; j++)
            rs_buf_printf(&b, "%s%s", j ? ", " : " (", f->paths[j]);
        rs_buf_printf(&b, "): %s", f->note ? f->note : (nl ? "bandbreedte van --factor" : "range from --factor"));
        why[nw++] = b.s;
    }
    rs_doc_text(d, RS_B_H2, nl ? "Onderbouwing van de bandbreedtes" : "Why these ranges");
    rs_doc_cells(d, RS_B_LIST, why, nw, 1);
    for (size_t i = 0; i < nw; i++)
        free(why[i]);
    free(why);
    const char *how =
        st->method == M_OAT
            ? (nl ? "Elke schatting apart op de onder- en bovengrens van haar bandbreedte, de "
                    "andere op hun waarde. Swing = |bij bovengrens − bij ondergrens|. De "
                    "omslagwaarde is de waarde van de schatting (tussen de grenzen) waarbij de "
                    "grootheid het doel bereikt (met --vs: nul, het punt waarop de conclusie "
                    "omslaat), gevonden met de Brent-methode; een groep wordt genoemd in de "
                    "eenheid van haar eerste lid."
                  : "Each estimate alone at the low and high end of its range, the others at "
                    "their values. Swing = |at high − at low|. The switching value is the "
                    "estimate's value (between its ends) at which the quantity reaches the "
                    "target (with --vs: zero, where the conclusion turns), found with Brent's "
                    "method; a group is given in the units of its first member.")
        : st->method == M_MORRIS
            ? (nl ? "Elementaire effecten over r trajecten op een rooster van 4 niveaus: μ* is "
                    "het gemiddelde absolute effect van een stap van 2/3 van de bandbreedte, "
                    "omgerekend naar de hele bandbreedte; een grote σ wijst op een niet-lineair "
                    "effect of samenhang met andere factoren."
                  : "Elementary effects over r trajectories on a 4-level grid: μ* is the mean "
                    "absolute effect of a step of 2/3 of the range, scaled to the whole range; a "
                    "large σ points to a non-linear effect or interactions.")
            : (nl ? "S1: het deel van de variantie dat de factor alleen verklaart; ST: met alle "
                    "wisselwerkingen. Saltelli-steekproef op een Sobol-reeks, schatters van "
                    "Saltelli (2010) en Jansen, 95%-intervallen uit 200 bootstrap-steekproeven. "
                    "De indices veronderstellen onafhankelijke factoren."
                  : "S1: the share of the variance the factor explains alone; ST: with all its "
                    "interactions. Saltelli sampling on a Sobol sequence, Saltelli (2010) and "
                    "Jansen estimators, 95% intervals from 200 bootstrap resamples. The indices "
                    "assume independent factors.");
    rs_doc_text(d, RS_B_P, how);
    free(q);
    free(unit);
}

/* ---- the command -------------------------------------------------------- */

int rs_cmd_sensitivity(const rs_opts *o)
{
    if (o->n_pos != 1)
        return rs_usage_error("sensitivity", "sensitivity takes one scenario file (and --vs "
                                             "OTHER for a difference)");
    if (o->n_metrics != 1)
        return rs_usage_error("sensitivity", "sensitivity needs one --metric M, e.g. --metric "
                                             "effectiveness");
    study st;
    memset(&st, 0, sizeof st);
    st.o = o;
    st.a = o->pos[0];
    st.b = o->vs;
    st.method = !o->method || strcmp(o->method, "oat") == 0 ? M_OAT
                : strcmp(o->method, "morris") == 0         ? M_MORRIS
                                                           : M_SOBOL;
    for (int m = 0; m < RS_M_N; m++)
        if (strcmp(rs_metric_infos[m].name, o->metrics[0]) == 0)
            st.metric = m;
    long samples = o->samples > 0 ? o->samples : st.method == M_MORRIS ? MORRIS_R : SOBOL_N;
    if (st.method == M_OAT && o->samples > 0)
        return rs_usage_error("sensitivity", "--samples is for morris (trajectories) and sobol "
                                             "(base rows), not for oat");
    /* each file loaded and checked once; every point is a variant of it */
    st.ex = rs_study_new();
    rs_diag ld;
    rs_diag_init(&ld);
    const rs_scenario *a = NULL, *b = NULL;
    if (rs_study_add(st.ex, st.a, o->ov, o->n_ov, &ld) >= 0)
        a = rs_study_scenario(st.ex, 0);
    if (a && st.b && rs_study_add(st.ex, st.b, o->ov, o->n_ov, &ld) >= 0)
        b = rs_study_scenario(st.ex, 1);
    st.nl = rs_cli_nl(o, a);
    st.a_sc = a;
    rs_diag_print_lang(&ld, stderr, st.nl, 0);
    int code = ld.code ? ld.code : RS_EXIT_INVALID;
    rs_diag_free(&ld);
    if (!a || (st.b && !b)) {
        rs_study_free(st.ex);
        return code;
    }
    int rc = 0;
    rs_diag warn;
    rs_diag_init(&warn);
    /* a file's draws above the limit need --draws */
    rc = rs_cli_draws_check(a, o, &warn);
    if (!rc && b)
        rc = rs_cli_draws_check(b, o, &warn);
    if (rc) {
        rs_diag_print(&warn, stderr);
        rs_diag_free(&warn);
        rs_study_free(st.ex);
        return rc;
    }
    /* the draws of every point: SCENARIO's, or OTHER's when only it has them */
    st.mc = rs_cli_uncertainty(a, o, &st.unc, &warn);
    if (!st.mc && b)
        st.mc = rs_cli_uncertainty(b, o, &st.unc, &warn);
    rs_diag_print_lang(&warn, stderr, st.nl, 1);
    rs_diag_free(&warn);
    if (st.mc && b && b->unc.present) {
        rs_uncertainty ub;
        rs_diag w;
        rs_diag_init(&w);
        rs_cli_uncertainty(b, o, &ub, &w);
        rs_diag_free(&w);
        if (ub.draws != st.unc.draws || ub.seed != st.unc.seed) {
            rs_msg m = {RS_MSG_S_DRAWS_OTHER,
                        {(double)ub.draws, (double)ub.seed, (double)st.unc.draws,
                         (double)st.unc.seed},
                        {st.b, st.a, NULL, NULL}};
            rs_diag w1;
            rs_diag_init(&w1);
            rs_diag_add_id(&w1, 0, &m);
            rs_diag_print_lang(&w1, stderr, st.nl, 1);
            rs_diag_free(&w1);
        }
    }
    if (st.mc && st.unc.draws > 100000000L) {
        rs_study_free(st.ex);
        return rs_usage_error("sensitivity", "%ld draws a point is too many", st.unc.draws);
    }
    for (size_t i = 0; i < o->n_factors && !rc; i++)
        rc = add_option_factor(&st, a, b, o->factors[i]);
    if (!rc && !o->n_factors) {
        for (size_t i = 0; i < a->n_ranges; i++)
            add_declared(&st, a, b, &a->ranges[i]);
        for (size_t i = 0; b && i < b->n_ranges; i++)
            add_declared(&st, a, b, &b->ranges[i]);
    }
    if (!rc && !st.k)
        rc = rs_usage_error("sensitivity",
                            "no factors: %s declares no ranges (docs/format.md, 'Ranges'); give "
                            "some with --factor PATH=LO,HI",
                            st.a);
    if (!rc && st.method == M_SOBOL && st.k > RS_SOBOL_MAX_FACTORS)
        rc = rs_usage_error("sensitivity",
                            "sobol takes at most %d factors (%zu found); choose the strongest "
                            "of a morris screening with --factor",
                            RS_SOBOL_MAX_FACTORS, st.k);
    if (!rc)
        rc = locate(&st);
    long per = st.b ? 2 : 1, planned = 1 + (st.method == M_OAT      ? 2 * (long)st.k
                                            : st.method == M_MORRIS ? samples * ((long)st.k + 1)
                                                                    : samples * ((long)st.k + 2));
    if (!rc && st.method == M_MORRIS && st.mc &&
        (double)planned * (double)st.unc.draws > MAX_KEPT)
        rc = rs_usage_error("sensitivity",
                            "morris keeps every draw of every point for its standard errors: %ld "
                            "points × %ld draws is too many; fewer --samples or --draws",
                            planned, st.unc.draws);
    if (!rc && planned * per > MAX_RUNS)
        rc = rs_usage_error("sensitivity", "%ld runs is too many (at most %ld): fewer --samples "
                                           "or factors",
                            planned * per, MAX_RUNS);
    const rs_scenario *keep_a = a;
    if (rc) {
        for (size_t i = 0; i < st.k; i++)
            factor_free(&st.f[i]);
        free(st.f);
        rs_study_free(st.ex);
        return rc;
    }
    st.bar = !o->quiet && rs_dist_stderr_tty();
    st.start = now();
    st.total = planned * per;
    rs_diag diag;
    rs_diag_init(&diag);
    double *pt = rs_xcalloc(st.k, sizeof *pt);
    for (size_t i = 0; i < st.k; i++)
        pt[i] = NAN;
    double base = 0, base_se = 0, t0 = now();
    double *bd = st.mc ? rs_xcalloc((size_t)st.unc.draws, sizeof *bd) : NULL;
    rc = eval_u(&st, pt, &base, bd, &diag);
    if (!rc && st.mc)
        base_se = se_of(bd, NULL, st.unc.draws);
    free(bd);
    free(pt);
    double per_point = now() - t0;
    if (!rc && !o->quiet && (st.method != M_OAT || per_point * (double)planned > 10)) {
        progress_end(&st);
        rs_msg m = {RS_MSG_S_PLAN,
                    {(double)st.k, (double)planned, (double)per, st.mc ? (double)st.unc.draws : 0,
                     (double)(planned * per), st.method != M_OAT},
                    {st.method == M_SOBOL ? "sobol" : st.method == M_MORRIS ? "morris" : "oat"}};
        char t[600];
        rs_msg_format(t, sizeof t, &m, st.nl);
        fprintf(stderr, "regiosim: %s\n", t);
    }
    double sobol_se = 0;
    int has_target = st.b != NULL || o->has_target;
    double target = st.b ? 0 : o->target;
    if (!rc)
        rc = st.method == M_OAT      ? run_oat(&st, base, has_target, target, &diag)
             : st.method == M_MORRIS ? run_morris(&st, samples, &diag)
                                     : run_sobol(&st, samples, &sobol_se, &diag);
    progress_end(&st);
    double seconds = now() - st.start;
    if (rc) {
        rs_diag_print_lang(&diag, stderr, st.nl, 0);
        goto out;
    }
    sort_study = &st;
    qsort(st.f, st.k, sizeof *st.f, by_measure);

    /* results folder */
    const char *bn = strrchr(st.a, '/');
    bn = bn ? bn + 1 : st.a;
    char *dir = o->out ? rs_xstrdup(o->out) : rs_xasprintf("out/sensitivity-%s", bn);
    size_t dl = strlen(dir);
    if (!o->out && dl > 5 && strcmp(dir + dl - 5, ".json") == 0)
        dir[dl - 5] = '\0';
    const char *csv = o->csv ? o->csv : keep_a->csv;
    rs_outdir od;
    rs_diag w2;
    rs_diag_init(&w2);
    rc = rs_outdir_begin(&od, dir, &diag);
    static const char *const files[] = {"sensitivity.json", "sensitivity.csv"};
    for (int i = 0; i < 2 && !rc; i++) {
        FILE *f = rs_outdir_open(&od, files[i], &diag);
        if (!f) {
            rc = RS_EXIT_IO;
            break;
        }
        if (i == 0)
            write_json(f, &st, base, base_se, st.method == M_OAT ? 0 : samples, seconds, sobol_se);
        else
            write_csv(f, &st, csv);
        char *label = rs_xasprintf("%s/%s", dir, files[i]);
        rc = rs_outdir_close(f, label, &diag);
        free(label);
    }
    rs_gp g;
    rs_cli_gpmem gmem;
    int grc = rs_cli_gp(&g, o, keep_a, &gmem);
    if (!rc)
        rc = grc;
    rs_charts ch = {0};
    if (!rc && !o->no_plots) {
        rs_buf dat, gp;
        rs_buf_init(&dat);
        rs_buf_init(&gp);
        chart(&st, &g, base, &dat, &gp, "sensitivity");
        rc = rs_chart_draw(&ch, od.tmp, dir, &g, "sensitivity", "", gp.s, dat.s, &w2);
        if (!rc)
            rc = rs_charts_flush(&ch, od.tmp, dir, &g, &w2);
        rs_buf_free(&dat);
        rs_buf_free(&gp);
    }
    if (!rc) {
        rs_doc doc;
        rs_doc_init(&doc, g.nl, rs_gp_ext(g.terminal));
        report(&doc, &st, base, o->no_plots ? NULL : "sensitivity", ch.n && ch.c[0].drawn,
               seconds);
        rc = rs_cli_report(&od, dir, &doc, &diag);
        rs_doc_free(&doc);
    }
    rs_charts_free(&ch);
    rs_cli_gp_free(&gmem);
    if (!rc)
        rc = rs_outdir_commit(&od, &diag);
    rs_outdir_abort(&od);
    rs_diag_print_lang(&diag, stderr, st.nl, 0);
    for (size_t i = 0; i < w2.n; i++)
        fprintf(stderr, "regiosim: %s: %s\n", g.nl ? "waarschuwing" : "warning", w2.msg[i]);
    rs_diag_free(&w2);
    if (!rc && !o->quiet && g.nl) {
        /* Dutch: display labels, the shared number format, units */
        char *q = quantity(&st, 1), *u = unit_text(&st, 1), v[6][48];
        fmtv(v[0], sizeof v[0], base, 1);
        printf("%s (%s): basiswaarde %s", q, u, v[0]);
        if (st.mc) {
            fmtv(v[1], sizeof v[1], base_se, 1);
            printf(" ± %s (gemiddelde van %ld trekkingen ± standaardfout)\n", v[1], st.unc.draws);
        } else
            printf("\n");
        free(q);
        free(u);
        if (st.method == M_OAT)
            printf("%-58s %15s %15s %14s %14s %12s%s %15s\n", "factor", "ondergrens",
                   "bovengrens", "bij ondergrens", "bij bovengrens", "swing",
                   st.mc ? " ± standaardfout" : "", "omslagwaarde");
        else if (st.method == M_MORRIS)
            printf("%-58s %15s %15s %12s%s %12s\n", "factor", "ondergrens", "bovengrens", "μ*",
                   st.mc ? " ± standaardfout" : "", "σ");
        else
            printf("%-58s %8s %8s %8s %8s\n", "factor", "S1", "± 95%", "ST", "± 95%");
        for (size_t i = 0; i < st.k; i++) {
            const factor *f = &st.f[i];
            char *nm = rs_xstrdup(shown(f, 1));
            /* whole UTF-8 characters, at most 58 */
            size_t cut = 0, chars = 0;
            while (nm[cut] && chars < 58) {
                cut++;
                while (((unsigned char)nm[cut] & 0xC0) == 0x80)
                    cut++;
                chars++;
            }
            nm[cut] = '\0';
            printf("%s%*s", nm, (int)(58 - chars), "");
            free(nm);
            if (st.method == M_SOBOL) {
                double x[4] = {f->s1, f->s1c, f->st, f->stc};
                for (int k = 0; k < 4; k++) {
                    rs_fmt(v[k], sizeof v[k], x[k], 4, 1);
                    printf(" %8s", v[k]);
                }
                printf("\n");
                continue;
            }
            /* the ends of the range in the factor's unit (12,5 %, € 80 mln) */
            rs_fmt_param(v[0], sizeof v[0], f->paths[0], f->lo[0], 1, "-");
            rs_fmt_param(v[1], sizeof v[1], f->paths[0], f->hi[0], 1, "-");
            put_col(v[0], 15);
            put_col(v[1], 15);
            if (st.method == M_OAT) {
                fmtv(v[2], sizeof v[2], f->at_lo, 1);
                fmtv(v[3], sizeof v[3], f->at_hi, 1);
                fmtv(v[4], sizeof v[4], f->swing, 1);
                printf(" %14s %14s %12s", v[2], v[3], v[4]);
                if (st.mc) {
                    fmtv(v[5], sizeof v[5], f->swing_se, 1);
                    printf(" ± %-13s", v[5]);
                }
                if (f->has_switch) {
                    rs_fmt_param(v[5], sizeof v[5], f->paths[0], f->sw, 1, "-");
                    put_col(v[5], 15);
                    printf("\n");
                } else
                    printf(" %15s\n", "–");
            } else {
                fmtv(v[2], sizeof v[2], f->mu_star, 1);
                printf(" %12s", v[2]);
                if (st.mc) {
                    fmtv(v[3], sizeof v[3], f->mu_star_se, 1);
                    printf(" ± %-13s", v[3]);
                }
                fmtv(v[4], sizeof v[4], f->sigma, 1);
                printf(" %12s\n", v[4]);
            }
        }
        char secs[40], runs[40];
        rs_fmt(secs, sizeof secs, seconds, 1, 1);
        rs_fmt(runs, sizeof runs, (double)st.runs, 0, 1);
        printf("\n%s doorrekeningen in %s s; resultaten in %s/ (sensitivity.json, "
               "sensitivity.csv%s, report.html)\n",
               runs, secs, dir, o->no_plots ? "" : ", plots/sensitivity");
    } else if (!rc && !o->quiet) {
        char *q = quantity(&st, 0);
        printf("%s (%s): base %.6g%s", q, rs_metric_infos[st.metric].unit, base,
               st.mc ? "" : "\n");
        if (st.mc)
            printf(" ± %.2g (MC mean of %ld draws ± standard error)\n", base_se, st.unc.draws);
        free(q);
        if (st.method == M_OAT) {
            printf("%-44s %12s %12s %12s %12s%s %12s\n", "factor", "lo", "hi", "at lo", "at hi",
                   st.mc ? "   swing ± se          " : "        swing", "switch");
            for (size_t i = 0; i < st.k; i++) {
                const factor *f = &st.f[i];
                printf("%-44.44s %12.6g %12.6g %12.6g %12.6g %12.6g", f->name, f->lo[0], f->hi[0],
                       f->at_lo, f->at_hi, f->swing);
                if (st.mc)
                    printf(" ± %-8.2g", f->swing_se);
                if (f->has_switch)
                    printf(" %12.6g\n", f->sw);
                else
                    printf(" %12s\n", "-");
            }
        } else if (st.method == M_MORRIS) {
            printf("%-44s %12s %12s %12s%s\n", "factor", "lo", "hi", "mu*", st.mc
                                                                                 ? "   ± se     "
                                                                                 "  sigma"
                                                                                 : "        sigma");
            for (size_t i = 0; i < st.k; i++) {
                const factor *f = &st.f[i];
                printf("%-44.44s %12.6g %12.6g %12.6g", f->name, f->lo[0], f->hi[0], f->mu_star);
                if (st.mc)
                    printf(" ± %-8.2g", f->mu_star_se);
                printf(" %12.6g\n", f->sigma);
            }
        } else {
            printf("%-44s %8s %8s %8s %8s\n", "factor", "S1", "± 95%", "ST", "± 95%");
            for (size_t i = 0; i < st.k; i++) {
                const factor *f = &st.f[i];
                printf("%-44.44s %8.4f %8.4f %8.4f %8.4f\n", f->name, f->s1, f->s1c, f->st,
                       f->stc);
            }
        }
        char secs[32];
        rs_fmt(secs, sizeof secs, seconds, 1, st.nl);
        printf(st.nl ? "\n%ld doorrekeningen in %s s; resultaten in %s/ (sensitivity.json, "
                       "sensitivity.csv%s, report.html)\n"
                     : "\n%ld runs in %s s; results in %s/ (sensitivity.json, sensitivity.csv%s, "
                       "report.html)\n",
               st.runs, secs, dir, o->no_plots ? "" : ", plots/sensitivity");
    }
    free(dir);
out:
    rs_diag_free(&diag);
    for (size_t i = 0; i < st.k; i++)
        factor_free(&st.f[i]);
    free(st.f);
    rs_study_free(st.ex);
    return rc;
}
