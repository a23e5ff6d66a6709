/* experiment.c — see experiment.h.
 *
 * rs_eval works in two phases.
 *   1. Per variant (in parallel, one variant per task): build the
 *      scenario from a copy of its tree, make the plan, run it
 *      deterministically, check docs/model.md §7, and make the draw layout.
 *   2. Monte Carlo (MEANS, FULL): tasks (variant, chunk of draws),
 *      variant-major; chunk bounds depend only on the number of draws.
 *      MEANS keeps a Welford mean and sum of squares per task and combines
 *      them in chunk order (Chan et al.); FULL writes every draw's values
 *      into the variant's sample table at the draw's own row, and the
 *      summaries are taken afterwards in draw order.  Per-deal counts
 *      (extensions) and sums (reclaims, in integer units of 1e-9 M€) are
 *      integers, the same in any order.  Each thread keeps one rs_run,
 *      for the variant it last worked on. */
#include "experiment.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "../dist/dist.h"
#include "../mc/internal.h"

#define CHUNKS 64 /* chunks of draws per variant */
/* a reclaim is counted in units of 1e-9 M€ (0.001 €): exact integer sums */
#define RECLAIM_UNIT 1e9

__extension__ typedef __int128 rs_i128;

typedef struct study_entry {
    rs_scenario_src *src;
    rs_scenario *sc;
} study_entry;

struct rs_study {
    study_entry *e;
    size_t n;
};

rs_study *rs_study_new(void) { return rs_xcalloc(1, sizeof(rs_study)); }

void rs_study_free(rs_study *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++) {
        rs_scenario_src_free(st->e[i].src);
        rs_scenario_free(st->e[i].sc);
    }
    free(st->e);
    free(st);
}

long rs_study_add(rs_study *st, const char *file, const rs_override *ov, size_t n_ov,
                  rs_diag *diag)
{
    rs_scenario_src *src = rs_scenario_src_load(file, ov, n_ov, diag);
    if (!src)
        return -1;
    rs_scenario *sc = rs_scenario_src_build(src, NULL, 0, diag);
    if (!sc) {
        rs_scenario_src_free(src);
        return -1;
    }
    st->e = rs_xrealloc(st->e, (st->n + 1) * sizeof *st->e);
    st->e[st->n].src = src;
    st->e[st->n].sc = sc;
    return (long)st->n++;
}

size_t rs_study_count(const rs_study *st) { return st->n; }

const rs_scenario *rs_study_scenario(const rs_study *st, size_t k)
{
    return k < st->n ? st->e[k].sc : NULL;
}

/* ---- summaries ------------------------------------------------------------ */

void rs_stats_of(double *x, size_t n, rs_stats *s)
{
    memset(s, 0, sizeof *s);
    if (!n)
        return;
    /* summed as differences from the first value: a value that is the
     * same in every draw gets exactly that mean and sd 0 */
    double shift = x[0], sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i] - shift;
    double mean = shift + sum / (double)n, ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    s->mean = mean;
    s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
    gsl_sort(x, 1, n);
    s->p5 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.05);
    s->p50 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.5);
    s->p95 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.95);
}

/* ---- the evaluation ----------------------------------------------------------- */

typedef struct vstate {
    const rs_scenario *sc; /* built (owned when 'own') or the study's */
    int own;
    rs_plan *plan;
    rs_run *run;
    rs_mc_layout *lay;
    rs_uncertainty u;      /* this variant's Monte Carlo settings */
    long draws, chunk, nchunks; /* draws 0: none */
    double *samples;       /* FULL: draws × nval */
    double *cmean, *cm2;   /* MEANS: CHUNKS × RS_M_N */
    double *kept;          /* MEANS with keep_draws: draws values */
    long fail;             /* lowest failing draw, or draws */
    long shocked;          /* atomic */
    long *ext;             /* FULL: per deal, draws extended (atomic) */
    rs_i128 *recl;         /* FULL: per deal, Σ reclaim (under a lock) */
} vstate;

typedef struct job {
    const rs_study *st;
    const rs_variant *vars;
    size_t n;
    const rs_eval_opts *o;
    rs_eval_mode mode;
    long draws; /* FULL: the common number of draws */
    int y0, ny, nval;
    vstate *vs;
    rs_vresult *res;
    long done; /* atomic: tasks done */
} job;

static int thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

/* Phase 1 for variant v. */
static void prepare(job *J, size_t v)
{
    const rs_variant *var = &J->vars[v];
    rs_vresult *r = &J->res[v];
    vstate *s = &J->vs[v];
    if (var->scenario >= J->st->n) {
        rs_diag_add(&r->diag, RS_EXIT_USAGE, "variant %zu: no scenario %zu in the study", v,
                    var->scenario);
        r->code = RS_EXIT_USAGE;
        return;
    }
    if (var->n_ov) {
        rs_scenario *sc = rs_scenario_src_build(J->st->e[var->scenario].src, var->ov, var->n_ov,
                                                &r->diag);
        if (!sc) {
            r->code = r->diag.code ? r->diag.code : RS_EXIT_INVALID;
            return;
        }
        s->sc = sc;
        s->own = 1;
    } else {
        s->sc = J->st->e[var->scenario].sc;
    }
    s->plan = rs_plan_make(s->sc);
    s->run = rs_run_alloc(s->plan);
    rs_run_set_rho(s->run);
    rs_run_simulate(s->run);
    if (rs_run_check(s->run, &r->diag)) {
        r->code = RS_EXIT_INTERNAL;
        return;
    }
    double *work = rs_xcalloc(2 * s->sc->n_regions + 1, sizeof *work);
    rs_metrics_compute(s->run, RS_SUB_ALL, 0, work, r->det);
    free(work);
    if (J->mode == RS_EVAL_DET)
        return;
    if (J->o->unc)
        s->u = *J->o->unc;
    else if (!J->o->unc_of(s->sc, &s->u, J->o->unc_arg))
        return; /* a deterministic variant */
    s->lay = rs_mc_layout_make(s->plan, &s->u, &r->diag);
    if (!s->lay) {
        r->code = RS_EXIT_INVALID;
        return;
    }
    if (s->u.draws > (long)UINT32_MAX) {
        rs_diag_add(&r->diag, RS_EXIT_INVALID, "%s: $.uncertainty.draws: %ld is more than %lu",
                    s->sc->file, s->u.draws, (unsigned long)UINT32_MAX);
        r->code = RS_EXIT_INVALID;
        return;
    }
    s->draws = s->u.draws;
    s->chunk = (s->draws + CHUNKS - 1) / CHUNKS;
    s->nchunks = (s->draws + s->chunk - 1) / s->chunk;
    s->fail = s->draws;
    if (J->mode == RS_EVAL_MEANS) {
        s->cmean = rs_xcalloc((size_t)s->nchunks * RS_M_N, sizeof *s->cmean);
        s->cm2 = rs_xcalloc((size_t)s->nchunks * RS_M_N, sizeof *s->cm2);
        if (J->o->keep_draws)
            s->kept = rs_xcalloc((size_t)s->draws, sizeof *s->kept);
    }
}

/* What one thread owns. */
typedef struct worker {
    long var;      /* variant of 'run', or -1 */
    rs_run *run;
    rs_mc_rng *rng;
    double *work;
    size_t nwork;
    double m[RS_M_N];
    rs_diag diag;
} worker;

static void worker_use(worker *w, const vstate *s, long v)
{
    if (w->var == v)
        return;
    rs_run_free(w->run);
    w->run = rs_run_alloc(s->plan);
    w->var = v;
    size_t need = 2 * s->sc->n_regions + 1;
    if (need > w->nwork) {
        free(w->work);
        w->work = rs_xcalloc(need, sizeof *w->work);
        w->nwork = need;
    }
}

static void record_failure(job *J, size_t v, long i, worker *w)
{
#pragma omp critical(rs_exp_fail)
    {
        vstate *s = &J->vs[v];
        if (i < s->fail) {
#pragma omp atomic write
            s->fail = i;
            rs_vresult *r = &J->res[v];
            rs_diag_free(&r->diag);
            rs_diag_init(&r->diag);
            for (size_t k = 0; k < w->diag.n; k++)
                rs_diag_add(&r->diag, RS_EXIT_INTERNAL,
                            "internal error in Monte Carlo draw %ld (seed %lu): %s", i,
                            s->u.seed, w->diag.msg[k]);
        }
    }
    rs_diag_free(&w->diag);
    rs_diag_init(&w->diag);
}

/* Phase 2: the draws of chunk c of variant v. */
static void run_task(job *J, worker *w, size_t v, long c)
{
    vstate *s = &J->vs[v];
    if (J->res[v].code)
        return;
    worker_use(w, s, (long)v);
    long i0 = c * s->chunk, i1 = i0 + s->chunk < s->draws ? i0 + s->chunk : s->draws;
    double *mean = s->cmean ? s->cmean + (size_t)c * RS_M_N : NULL;
    double *m2 = s->cm2 ? s->cm2 + (size_t)c * RS_M_N : NULL;
    const rs_scenario *sc = s->sc;
    long shocked = 0;
    for (long i = i0; i < i1; i++) {
        long fail;
#pragma omp atomic read
        fail = s->fail;
        if (i > fail)
            break;
        rs_run *run = w->run;
        shocked += rs_mc_draw(s->lay, s->u.seed, i, w->rng, run);
        rs_run_simulate(run);
        if (rs_run_check(run, &w->diag) > 0) {
            record_failure(J, v, i, w);
            break;
        }
        rs_metrics_compute(run, RS_SUB_ALL, 0, w->work, w->m);
        if (s->kept)
            s->kept[i] = w->m[J->o->draws_metric];
        if (mean) {
            double inv = 1.0 / (double)(i - i0 + 1);
            for (int m = 0; m < RS_M_N; m++) {
                double d = w->m[m] - mean[m];
                mean[m] += d * inv;
                m2[m] += d * (w->m[m] - mean[m]);
            }
        } else {
            double *row = s->samples + (size_t)i * (size_t)J->nval;
            memcpy(row, w->m, sizeof w->m);
            double *net = row + RS_M_N;
            int off = s->plan->y0 - J->y0;
            for (int k = 0; k < s->plan->ny; k++)
                net[off + k] = run->y[RS_Y_NET][k];
            for (size_t d = 0; d < sc->n_deals; d++) {
                if (run->dr[d].extended) {
#pragma omp atomic update
                    s->ext[d]++;
                }
            }
#pragma omp critical(rs_exp_reclaim)
            for (size_t d = 0; d < sc->n_deals; d++)
                s->recl[d] += (rs_i128)nearbyint(run->dr[d].reclaimed * RECLAIM_UNIT);
        }
    }
#pragma omp atomic update
    s->shocked += shocked;
}

/* Combines the chunks of a MEANS variant in chunk order. */
static void combine_means(job *J, size_t v)
{
    vstate *s = &J->vs[v];
    rs_vresult *r = &J->res[v];
    for (int m = 0; m < RS_M_N; m++) {
        double n = 0, mean = 0, m2 = 0;
        for (long c = 0; c < s->nchunks; c++) {
            long i0 = c * s->chunk, i1 = i0 + s->chunk < s->draws ? i0 + s->chunk : s->draws;
            double nb = (double)(i1 - i0), mb = s->cmean[(size_t)c * RS_M_N + (size_t)m];
            double tot = n + nb, d = mb - mean;
            if (n == 0) {
                mean = mb;
                m2 = s->cm2[(size_t)c * RS_M_N + (size_t)m];
            } else {
                mean += d * (nb / tot);
                m2 += s->cm2[(size_t)c * RS_M_N + (size_t)m] + d * d * (n * nb / tot);
            }
            n = tot;
        }
        r->mean[m] = mean;
        double sd = n > 1 ? sqrt(m2 / (n - 1)) : 0;
        r->se[m] = n > 1 ? sd / sqrt(n) : 0;
        r->metric[m].mean = mean;
        r->metric[m].sd = sd;
    }
}

/* Summaries of a FULL variant and its differences to the base. */
static void summarise_full(job *J, size_t v, size_t base, double *x)
{
    vstate *s = &J->vs[v], *b = &J->vs[base];
    rs_vresult *r = &J->res[v];
    const size_t n = (size_t)J->draws, nv = (size_t)J->nval;
    const int with_base = J->res[base].code == 0;
    r->net = rs_xcalloc((size_t)J->ny ? (size_t)J->ny : 1, sizeof *r->net);
    r->net_diff = rs_xcalloc((size_t)J->ny ? (size_t)J->ny : 1, sizeof *r->net_diff);
    for (size_t k = 0; k < nv; k++) {
        rs_stats *st = k < RS_M_N ? &r->metric[k] : &r->net[k - RS_M_N];
        for (size_t i = 0; i < n; i++)
            x[i] = s->samples[i * nv + k];
        rs_stats_of(x, n, st);
        if (!with_base)
            continue;
        long gt = 0, lt = 0;
        for (size_t i = 0; i < n; i++) {
            double a = s->samples[i * nv + k], c = b->samples[i * nv + k];
            x[i] = a - c;
            /* a difference within rounding of the values (the same sums
             * in another order) is no difference */
            double tol = RS_EVAL_EQUAL_REL * fmax(1, fmax(fabs(a), fabs(c)));
            gt += x[i] > tol;
            lt += x[i] < -tol;
        }
        rs_stats *dt = k < RS_M_N ? &r->diff[k] : &r->net_diff[k - RS_M_N];
        rs_stats_of(x, n, dt);
        if (k < RS_M_N) {
            r->p_greater[k] = (double)gt / (double)n;
            r->p_less[k] = (double)lt / (double)n;
        }
    }
    for (int m = 0; m < RS_M_N; m++) {
        r->mean[m] = r->metric[m].mean;
        r->se[m] = n > 1 ? r->metric[m].sd / sqrt((double)n) : 0;
    }
    size_t nd = s->sc->n_deals;
    r->p_extended = rs_xcalloc(nd ? nd : 1, sizeof *r->p_extended);
    r->mean_reclaimed = rs_xcalloc(nd ? nd : 1, sizeof *r->mean_reclaimed);
    for (size_t d = 0; d < nd; d++) {
        r->p_extended[d] = (double)s->ext[d] / (double)n;
        r->mean_reclaimed[d] = (double)s->recl[d] / RECLAIM_UNIT / (double)n;
    }
}

/* Several ranks (dist.h): rank r ran its block of the tasks; every rank
 * gets every task's numbers, so each combines them in task order as one
 * process does.  Integer counts are summed; the messages of a variant's
 * lowest failing draw come from the rank that ran it. */
static void share_tasks(job *J, long ntasks)
{
    const int K = rs_dist_size();
    if (K == 1)
        return;
    long *lo = rs_xmalloc(((size_t)K + 1) * sizeof *lo), *st = rs_xmalloc(((size_t)K + 1) * sizeof *st);
    for (int r = 0; r < K; r++) {
        long hi;
        rs_dist_block_of(r, 0, ntasks, &lo[r], &hi);
    }
    lo[K] = ntasks;
    int bad = 0;
    for (size_t v = 0, base = 0; v < J->n; v++) {
        vstate *s = &J->vs[v];
        if (J->res[v].code)
            continue;
        /* this variant's tasks are base … base + nchunks − 1 */
        for (int r = 0; r <= K; r++) {
            long c = lo[r] - (long)base;
            st[r] = c < 0 ? 0 : c > s->nchunks ? s->nchunks : c;
        }
        if (s->cmean) {
            bad |= rs_dist_share(s->cmean, RS_M_N * sizeof *s->cmean, st);
            bad |= rs_dist_share(s->cm2, RS_M_N * sizeof *s->cm2, st);
        }
        /* from chunks to draws */
        for (int r = 0; r <= K; r++)
            st[r] = st[r] * s->chunk < s->draws ? st[r] * s->chunk : s->draws;
        if (s->kept)
            bad |= rs_dist_share(s->kept, sizeof *s->kept, st);
        if (s->samples) {
            bad |= rs_dist_share(s->samples, (size_t)J->nval * sizeof *s->samples, st);
            rs_dist_sum_long(s->ext, s->sc->n_deals);
            rs_dist_sum_i128(s->recl, s->sc->n_deals);
        }
        rs_dist_sum_long(&s->shocked, 1);
        rs_dist_min_long(&s->fail, 1);
        if (s->fail < s->draws)
            rs_dist_bcast_diag(&J->res[v].diag,
                               rs_dist_owner(0, ntasks, (long)base + s->fail / s->chunk));
        base += (size_t)s->nchunks;
    }
    free(lo);
    free(st);
    if (bad) {
        fputs("regiosim: internal error: a block of draws is too large to send\n", stderr);
        abort();
    }
}

static void vstate_free(vstate *s, rs_vresult *r, int keep)
{
    rs_mc_layout_free(s->lay);
    free(s->samples);
    free(s->cmean);
    free(s->cm2);
    if (!r->code && s->kept)
        r->draws_of = s->kept;
    else
        free(s->kept);
    free(s->ext);
    free(s->recl);
    if (keep && !r->code && s->plan) {
        r->sc = s->sc;
        r->owned_sc = s->own ? (rs_scenario *)s->sc : NULL;
        r->plan = s->plan;
        r->run = s->run;
        return;
    }
    rs_run_free(s->run);
    rs_plan_free(s->plan);
    if (s->own)
        rs_scenario_free((rs_scenario *)s->sc);
}

int rs_eval(const rs_study *st, const rs_variant *vars, size_t n, const rs_eval_opts *o,
            rs_eval_result *out, rs_diag *diag)
{
    memset(out, 0, sizeof *out);
    job J;
    memset(&J, 0, sizeof J);
    J.st = st;
    J.vars = vars;
    J.n = n;
    J.o = o;
    J.mode = o->mode;
    if (J.mode == RS_EVAL_FULL && o->base >= n) {
        rs_diag_add(diag, RS_EXIT_USAGE, "the base variant %zu is not one of the %zu variants",
                    o->base, n);
        return RS_EXIT_USAGE;
    }
    if (J.mode == RS_EVAL_FULL && !o->unc) {
        rs_diag_add(diag, RS_EXIT_USAGE, "a full evaluation needs one set of draws for all");
        return RS_EXIT_USAGE;
    }
    if (!o->unc && !o->unc_of)
        J.mode = RS_EVAL_DET;
    J.draws = J.mode == RS_EVAL_FULL ? o->unc->draws : 0;
    J.vs = rs_xcalloc(n ? n : 1, sizeof *J.vs);
    J.res = rs_xcalloc(n ? n : 1, sizeof *J.res);
    for (size_t v = 0; v < n; v++)
        rs_diag_init(&J.res[v].diag);
    out->n = n;
    out->v = J.res;

    int T = rs_mc_threads(o->threads, (long)n);
#pragma omp parallel for schedule(dynamic, 1) num_threads(T)
    for (size_t v = 0; v < n; v++)
        prepare(&J, v);

    /* the tasks: (variant, chunk), variant-major */
    long ntasks = 0;
    for (size_t v = 0; v < n; v++)
        if (!J.res[v].code)
            ntasks += J.vs[v].nchunks;
    if (ntasks > 0) {
        long *tv = rs_xmalloc((size_t)ntasks * sizeof *tv), *tc = rs_xmalloc((size_t)ntasks * sizeof *tc);
        for (size_t v = 0, t = 0; v < n; v++)
            for (long c = 0; !J.res[v].code && c < J.vs[v].nchunks; c++, t++) {
                tv[t] = (long)v;
                tc[t] = c;
            }
        /* the years of every variant that built */
        int y0 = 0, y1 = -1, any = 0;
        for (size_t v = 0; v < n; v++) {
            if (J.res[v].code)
                continue;
            const rs_plan *p = J.vs[v].plan;
            if (!any || p->y0 < y0)
                y0 = p->y0;
            if (!any || p->y0 + p->ny - 1 > y1)
                y1 = p->y0 + p->ny - 1;
            any = 1;
        }
        J.y0 = y0;
        J.ny = any ? y1 - y0 + 1 : 0;
        J.nval = RS_M_N + (J.mode == RS_EVAL_FULL ? J.ny : 0);
        if (J.mode == RS_EVAL_FULL) {
            /* exact paired quantiles keep every draw: refuse what would
             * not fit rather than fail half-way */
            double bytes = (double)J.draws * (double)J.nval * 8.0 * (double)n;
            if (bytes > RS_EVAL_FULL_MAX_BYTES) {
                rs_diag_add(diag, RS_EXIT_USAGE,
                            "%ld draws of %zu scenarios need %.1f GB to keep every draw for "
                            "the paired differences; at most %.0f GB: use at most %.0f draws",
                            J.draws, n, bytes / 1e9, RS_EVAL_FULL_MAX_BYTES / 1e9,
                            floor(RS_EVAL_FULL_MAX_BYTES / ((double)J.nval * 8.0 * (double)n)));
                free(tv);
                free(tc);
                for (size_t v = 0; v < n; v++)
                    vstate_free(&J.vs[v], &J.res[v], 0);
                free(J.vs);
                return RS_EXIT_USAGE;
            }
        }
        if (J.mode == RS_EVAL_FULL)
            for (size_t v = 0; v < n; v++) {
                if (J.res[v].code)
                    continue;
                vstate *s = &J.vs[v];
                s->samples = rs_xcalloc((size_t)J.draws * (size_t)J.nval, sizeof *s->samples);
                s->ext = rs_xcalloc(s->sc->n_deals + 1, sizeof *s->ext);
                s->recl = rs_xcalloc(s->sc->n_deals + 1, sizeof *s->recl);
            }
        long t0, t1; /* this rank's block of the tasks (all of them in one process) */
        rs_dist_block(0, ntasks, &t0, &t1);
        rs_dist_progress_begin();
        int TT = rs_mc_threads(o->threads, t1 - t0), nomem = 0;
        (void)TT;
#pragma omp parallel num_threads(TT)
        {
            worker w = {-1, NULL, rs_mc_rng_new(), NULL, 0, {0}, {0}};
            rs_diag_init(&w.diag);
            if (!w.rng) {
#pragma omp atomic write
                nomem = 1;
            }
#pragma omp barrier
            int stop;
#pragma omp atomic read
            stop = nomem;
            if (!stop) {
#pragma omp for schedule(dynamic, 1)
                for (long t = t0; t < t1; t++) {
                    run_task(&J, &w, (size_t)tv[t], tc[t]);
                    long done;
#pragma omp atomic capture
                    done = ++J.done;
                    if (o->progress && thread_id() == 0)
                        o->progress(rs_dist_progress(done, ntasks), ntasks, o->arg);
                }
            }
            rs_run_free(w.run);
            rs_mc_rng_free(w.rng);
            free(w.work);
            rs_diag_free(&w.diag);
        }
        free(tv);
        free(tc);
        nomem = rs_dist_any(nomem);
        if (!nomem)
            share_tasks(&J, ntasks);
        if (nomem) {
            rs_diag_add(diag, RS_EXIT_INTERNAL, "internal error: no memory for a random generator");
            for (size_t v = 0; v < n; v++)
                vstate_free(&J.vs[v], &J.res[v], 0);
            free(J.vs);
            return RS_EXIT_INTERNAL;
        }
        for (size_t v = 0; v < n; v++)
            if (!J.res[v].code && J.vs[v].fail < J.vs[v].draws)
                J.res[v].code = RS_EXIT_INTERNAL;
        double *x = rs_xmalloc((size_t)(J.draws > 0 ? J.draws : 1) * sizeof *x);
        for (size_t v = 0; v < n; v++) {
            rs_vresult *r = &J.res[v];
            if (r->code || !J.vs[v].draws)
                continue;
            r->draws = J.vs[v].draws;
            r->shocked = J.vs[v].shocked;
            if (J.mode == RS_EVAL_MEANS)
                combine_means(&J, v);
            else
                summarise_full(&J, v, o->base, x);
        }
        free(x);
        if (o->progress)
            o->progress(ntasks, ntasks, o->arg);
        out->y0 = J.y0;
        out->ny = J.mode == RS_EVAL_FULL ? J.ny : 0;
        out->draws = J.draws;
        out->seed = o->unc ? o->unc->seed : 0;
    }
    /* a variant without draws: its means are its deterministic values */
    for (size_t v = 0; v < n; v++) {
        rs_vresult *r = &J.res[v];
        if (r->code || r->draws)
            continue;
        for (int m = 0; m < RS_M_N; m++) {
            r->mean[m] = r->det[m];
            r->metric[m].mean = r->metric[m].p5 = r->metric[m].p50 = r->metric[m].p95 = r->det[m];
        }
    }
    int worst = RS_EXIT_OK;
    for (size_t v = 0; v < n; v++) {
        vstate_free(&J.vs[v], &J.res[v], o->keep_runs);
        if (J.res[v].code && !worst)
            worst = J.res[v].code;
    }
    free(J.vs);
    return worst;
}

void rs_eval_result_free(rs_eval_result *r)
{
    if (!r)
        return;
    for (size_t v = 0; v < r->n; v++) {
        rs_vresult *x = &r->v[v];
        rs_diag_free(&x->diag);
        free(x->net);
        free(x->net_diff);
        free(x->p_extended);
        free(x->mean_reclaimed);
        free(x->draws_of);
        rs_run_free(x->run);
        rs_plan_free(x->plan);
        rs_scenario_free(x->owned_sc);
    }
    free(r->v);
    memset(r, 0, sizeof *r);
}
