/* mc.c — the Monte Carlo driver (mc.h): draws in parallel, and reductions
 * that give the same bytes for any number of threads.
 *
 * The draws are cut into chunks of consecutive draws whose bounds depend
 * only on the number of draws: the pilot (the first PILOT draws, in chunks
 * of PILOT_CHUNK), then at most MAX_CHUNKS chunks of the rest.  Threads
 * take chunks in any order (OpenMP dynamic schedule) and
 *   - keep each chunk's mean, sum of squared deviations (Welford, in draw
 *     order) and extremes in the chunk's own slot; at the end the chunks
 *     are combined in chunk order (Chan et al.), so the floating-point
 *     sums never depend on which thread ran what;
 *   - keep the pilot's values exactly; after the pilot, its extremes fix
 *     the linear range of each value's histograms (qhist.c) and its values
 *     are counted in them: the pilot is part of the one pass, not extra;
 *   - after the pilot, count every value in the thread's own histograms
 *     (with the pilot's ranges), and add those to the shared ones once, when
 *     the thread is done: integer counts, the same in any order.  No lock
 *     is taken in the draw loop, and no thread writes where another does.
 * Each thread owns an rs_run, a gsl_rng and its buffers, which it
 * allocates before the loop; a draw allocates nothing (an invariant
 * failure adds a message, and then the run stops). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "internal.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "../dist/dist.h"

#define PILOT 1024       /* draws whose values fix the linear ranges */
#define PILOT_CHUNK 16
#define MAX_CHUNKS 1024  /* chunks after the pilot */
#define PROGRESS_PERIOD 0.05 /* seconds: at most 20 reports a second */
/* a deal's reclaim is summed in integer units of 1e-9 M€ (0.001 €), so
 * that the sum does not depend on which thread added which draw */
#define RECLAIM_UNIT 1e9

__extension__ typedef __int128 rs_i128;

typedef struct rs_mc_store rs_mc_store;

struct rs_mc_store {
    rs_stats *stats;      /* every value's summary: metric, yearly and cum_spent point in */
    rs_qh qh[RS_M_N];     /* the metrics' histograms (rs_mc_histogram) */
    uint32_t *log, *lin;  /* their counts */
};

/* What the threads share.  Read-only in the loop except where noted. */
typedef struct mc_job {
    const rs_plan *p;
    const rs_uncertainty *u;
    const rs_mc_opts *o;
    const rs_mc_layout *lay;
    long draws, pilot, chunk, n_pilot_chunks, n_chunks;
    int nvar, ny;
    /* per chunk c, at cstat + c·4·npad: mean, m2, min and max of each value
     * (npad ≥ nvar, a multiple of 8: a chunk's block starts on its own
     * cache line, so threads on neighbouring chunks do not share one);
     * written only by the thread running the chunk */
    double *cstat;
    size_t npad;
    long *c_shocked;
    double *pilot_v;   /* pilot × nvar: the pilot's values */
    rs_qh *qh;         /* nvar histograms; counted under critical(rs_mc_hist) */
    uint32_t *log, *lin; /* their counts */
    double *samples;   /* draws × nvar, or NULL */
    long done;         /* atomic: draws finished, for progress */
    long fail;         /* atomic: lowest draw that failed, or draws */
    rs_diag fail_diag; /* under critical(rs_mc_fail): the messages of that draw */
    long beyond;       /* values ≥ 2^32 in magnitude (fix_ranges, then merge) */
    double fixed[RS_M_N]; /* the metrics the awards fix (rs_metrics_fixed), made once */
    long *ext;         /* per deal: draws in which it was extended (under rs_mc_deal) */
    rs_i128 *recl;     /* per deal: Σ reclaim in RECLAIM_UNIT (under rs_mc_deal) */
} mc_job;

/* What one thread owns. */
typedef struct mc_thread {
    rs_run *run;
    rs_mc_rng *rng;
    double *v;    /* nvar: the values of the current draw */
    rs_qh *qh;     /* after the pilot: nvar histograms of this thread's draws */
    uint32_t *log, *lin; /* their counts */
    size_t n_log;  /* counts at log (counts_alloc) */
    long beyond;   /* values ≥ 2^32 in magnitude among them */
    long *ext;     /* per deal, this thread's draws */
    rs_i128 *recl;
    rs_diag diag;
    double last_report;
} mc_thread;

int rs_mc_nvar(int ny) { return RS_M_N + (RS_Y_N_OUT + 1) * ny; }

int rs_mc_var_year(int ny, int s, int k) { return RS_M_N + s * ny + k; }

static int thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Name of value v, for messages. */
static void var_name(int ny, int y0, int v, char *out, size_t n)
{
    if (v < RS_M_N) {
        snprintf(out, n, "metric %s", rs_metric_infos[v].name);
        return;
    }
    int s = (v - RS_M_N) / ny, k = (v - RS_M_N) % ny;
    snprintf(out, n, "%s %s in %d", s < RS_Y_N_OUT ? "yearly" : "cumulative",
             s < RS_Y_N_OUT ? rs_series_names[s] : "spent", y0 + k);
}

/* ---- memory for histogram counts ------------------------------------- */

/* n zeroed counts straight from the kernel: a page costs nothing until a
 * count lands in it, and all of it goes back at counts_free.  (calloc
 * hands out such pages only while malloc's mmap threshold is below the
 * size; once a process has freed one Monte Carlo's counts, the next one's
 * came from reused memory that calloc clears: 21 MB written, 5 ms and
 * 20 MB of memory per thread and run, in a process that runs many.) */
static uint32_t *counts_alloc(size_t n)
{
    void *p = mmap(NULL, n * sizeof(uint32_t), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    return p;
}

static void counts_free(uint32_t *p, size_t n)
{
    if (p)
        munmap(p, n * sizeof(uint32_t));
}

/* ---- one draw --------------------------------------------------------- */

/* The yearly series and the cumulative spending of a run into v (after
 * the metrics, which rs_metrics_compute has put in v[0 .. RS_M_N)). */
static void collect(const rs_run *run, int ny, double *v)
{
    double *y = v + RS_M_N;
    for (int s = 0; s < RS_Y_N_OUT; s++, y += ny)
        memcpy(y, run->y[s], (size_t)ny * sizeof *y);
    double cum = 0;
    for (int k = 0; k < ny; k++) {
        cum += run->y[RS_Y_SPENT][k];
        y[k] = cum;
    }
}

/* Records that draw i failed with the messages in t->diag (or 'what'),
 * keeping only the lowest failing draw: so the report does not depend on
 * which thread got there first. */
static void record_failure(mc_job *job, mc_thread *t, long i, const char *what)
{
#pragma omp critical(rs_mc_fail)
    {
        if (i < job->fail) {
            rs_diag_free(&job->fail_diag);
            rs_diag_init(&job->fail_diag);
            const char *pre = "internal error: ";
            for (size_t k = 0; k < t->diag.n; k++) {
                const char *m = t->diag.msg[k];
                if (strncmp(m, pre, strlen(pre)) == 0)
                    m += strlen(pre);
                rs_diag_add(&job->fail_diag, RS_EXIT_INTERNAL,
                            "internal error in Monte Carlo draw %ld (seed %lu): %s", i,
                            job->u->seed, m);
            }
            if (what)
                rs_diag_add(&job->fail_diag, RS_EXIT_INTERNAL,
                            "internal error in Monte Carlo draw %ld (seed %lu): %s", i,
                            job->u->seed, what);
#pragma omp atomic write
            job->fail = i;
        }
    }
    rs_diag_free(&t->diag);
    rs_diag_init(&t->diag);
}

/* Simulates draw i into t->v.  Returns 0, or -1 after recording a failure. */
static int one_draw(mc_job *job, mc_thread *t, long i, int *shocked)
{
    rs_run *run = t->run;
    *shocked = rs_mc_draw(job->lay, job->u->seed, i, t->rng, run);
    rs_run_simulate(run);
    if (job->o->after_draw)
        job->o->after_draw(run, i, job->o->arg);
    if (rs_run_check(run, &t->diag) > 0) {
        record_failure(job, t, i, NULL);
        return -1;
    }
    rs_metrics_compute_draw(run, job->fixed, t->v);
    collect(run, job->ny, t->v);
    const size_t nd = job->p->sc->n_deals;
    for (size_t d = 0; d < nd; d++) {
        t->ext[d] += run->dr[d].extended;
        t->recl[d] += (rs_i128)nearbyint(run->dr[d].reclaimed * RECLAIM_UNIT);
    }
    for (int v = 0; v < job->nvar; v++)
        if (!isfinite(t->v[v])) {
            char name[96], what[160];
            var_name(job->ny, job->p->y0, v, name, sizeof name);
            snprintf(what, sizeof what, "%s is %g", name, t->v[v]);
            record_failure(job, t, i, what);
            return -1;
        }
    return 0;
}

/* ---- reductions ------------------------------------------------------- */

/* The statistics block of chunk c. */
static double *chunk_stats(const mc_job *job, long c)
{
    return job->cstat + (size_t)c * 4 * job->npad;
}

/* Makes thread t's histograms, with the ranges fix_ranges() gave the
 * shared ones: before the thread's first draw after the pilot. */
static void thread_hist(const mc_job *job, mc_thread *t)
{
    const size_t nvar = (size_t)job->nvar;
    t->qh = rs_xcalloc(nvar, sizeof *t->qh);
    /* calloc: pages of buckets that no draw reaches are never touched */
    t->log = counts_alloc(nvar * RS_QH_N);
    t->n_log = nvar * RS_QH_N;
    t->lin = rs_xcalloc(nvar * (RS_QH_LIN + 2), sizeof *t->lin);
    for (size_t v = 0; v < nvar; v++) {
        t->qh[v] = job->qh[v];
        t->qh[v].log = t->log + v * RS_QH_N;
        t->qh[v].lin = t->lin + v * (RS_QH_LIN + 2);
        rs_qh_track(&t->qh[v]);
    }
}

/* Adds thread t's histograms to the shared ones (once, at its end). */
static void merge(mc_job *job, mc_thread *t)
{
    if (!t->qh)
        return;
#pragma omp critical(rs_mc_hist)
    {
        for (int v = 0; v < job->nvar; v++) {
            rs_qh *h = &job->qh[v];
            const rs_qh *m = &t->qh[v];
            for (uint32_t b = m->b_lo; b < m->b_end; b++)
                h->log[b] += m->log[b];
            if (m->b_lo < m->b_end) {
                h->b_lo = m->b_lo < h->b_lo ? m->b_lo : h->b_lo;
                h->b_end = m->b_end > h->b_end ? m->b_end : h->b_end;
            }
            if (h->w > 0)
                for (uint32_t b = 0; b < RS_QH_LIN + 2; b++)
                    h->lin[b] += m->lin[b];
        }
        job->beyond += t->beyond;
    }
}

/* Adds draw values t->v to the running statistics of chunk c (the draw is
 * the n-th of its chunk).  Pilot draws are kept whole (draw i); later ones
 * are counted in the thread's histograms. */
static void accumulate(mc_job *job, mc_thread *t, long c, long n, long i)
{
    const int nvar = job->nvar;
    double *mean = chunk_stats(job, c), *m2 = mean + job->npad;
    double *mn = m2 + job->npad, *mx = mn + job->npad;
    const double inv = 1.0 / (double)n;
    for (int v = 0; v < nvar; v++) {
        double x = t->v[v], d = x - mean[v];
        mean[v] += d * inv;
        m2[v] += d * (x - mean[v]);
        if (x < mn[v])
            mn[v] = x;
        if (x > mx[v])
            mx[v] = x;
    }
    if (i < job->pilot) {
        memcpy(job->pilot_v + (size_t)i * (size_t)nvar, t->v, (size_t)nvar * sizeof *t->v);
        return;
    }
    for (int v = 0; v < nvar; v++) {
        rs_qh *h = &t->qh[v];
        double x = t->v[v];
        rs_qh_note(h, rs_qh_bucket(x));
        if (h->w > 0)
            h->lin[rs_qh_lin_bin(h, x)]++;
        t->beyond += rs_qh_beyond(x);
    }
}

/* After the pilot: each value's linear range from the pilot's extremes,
 * and the pilot's values counted.  Runs on one thread. */
static void fix_ranges(mc_job *job)
{
    const int nvar = job->nvar;
    long beyond = 0;
    for (int v = 0; v < nvar; v++) {
        rs_qh *h = &job->qh[v];
        double mn = HUGE_VAL, mx = -HUGE_VAL;
        for (long i = 0; i < job->pilot; i++) {
            double x = job->pilot_v[(size_t)i * (size_t)nvar + (size_t)v];
            mn = x < mn ? x : mn;
            mx = x > mx ? x : mx;
        }
        rs_qh_set_range(h, mn, mx);
        /* with several ranks every rank has the pilot: rank 0 counts it */
        for (long i = 0; rs_dist_root() && i < job->pilot; i++) {
            double x = job->pilot_v[(size_t)i * (size_t)nvar + (size_t)v];
            rs_qh_note(h, rs_qh_bucket(x));
            if (h->w > 0)
                h->lin[rs_qh_lin_bin(h, x)]++;
            beyond += rs_qh_beyond(x);
        }
    }
    job->beyond += rs_dist_root() ? beyond : 0;
}

static void report(mc_job *job, mc_thread *t)
{
    double tn = now();
    if (tn - t->last_report < PROGRESS_PERIOD)
        return;
    t->last_report = tn;
    long done;
#pragma omp atomic read
    done = job->done;
    job->o->progress(rs_dist_progress(done, job->draws), job->draws, job->o->arg);
}

/* The draws i0 … i1−1 of chunk c. */
static void chunk_bounds(const mc_job *job, long c, long *i0, long *i1)
{
    long lim;
    if (c < job->n_pilot_chunks) {
        *i0 = c * PILOT_CHUNK;
        lim = job->pilot;
        *i1 = *i0 + PILOT_CHUNK;
    } else {
        *i0 = job->pilot + (c - job->n_pilot_chunks) * job->chunk;
        lim = job->draws;
        *i1 = *i0 + job->chunk;
    }
    if (*i1 > lim)
        *i1 = lim;
}

/* Runs the draws of chunk c. */
static void run_chunk(mc_job *job, mc_thread *t, long c)
{
    long i0, i1;
    chunk_bounds(job, c, &i0, &i1);
    double *cs = chunk_stats(job, c);
    for (size_t v = 0; v < job->npad; v++) {
        cs[v] = cs[job->npad + v] = 0;
        cs[2 * job->npad + v] = HUGE_VAL;
        cs[3 * job->npad + v] = -HUGE_VAL;
    }
    const int reporter = thread_id() == 0 && job->o->progress;
    long shocked = 0;
    for (long i = i0; i < i1; i++) {
        long fail;
#pragma omp atomic read
        fail = job->fail;
        if (i > fail)
            return;
        int sh;
        if (one_draw(job, t, i, &sh) < 0)
            return;
        shocked += sh;
        accumulate(job, t, c, i - i0 + 1, i);
        if (job->samples)
            memcpy(job->samples + (size_t)i * (size_t)job->nvar, t->v,
                   (size_t)job->nvar * sizeof *t->v);
        if (reporter)
            report(job, t);
    }
    job->c_shocked[c] = shocked;
#pragma omp atomic update
    job->done += i1 - i0;
}

/* ---- set-up ----------------------------------------------------------- */

int rs_mc_threads(int asked, long tasks)
{
    int T = asked;
#ifdef _OPENMP
    if (T <= 0)
        T = omp_get_max_threads();
#else
    T = 1;
#endif
    if (T < 1)
        T = 1;
    if (T > tasks)
        T = tasks > 0 ? (int)tasks : 1;
    return T;
}

static void thread_free(mc_thread *t)
{
    if (!t)
        return;
    rs_run_free(t->run);
    rs_mc_rng_free(t->rng);
    free(t->v);
    free(t->qh);
    counts_free(t->log, t->n_log);
    free(t->lin);
    free(t->ext);
    free(t->recl);
    rs_diag_free(&t->diag);
    free(t);
}

/* A thread's workspace, or NULL when out of memory.  Called by the thread
 * itself: its memory then comes from the thread's own malloc arena, apart
 * from the other threads' (a generator's state sharing a cache line with
 * another thread's buffers made two threads slower than one). */
static mc_thread *thread_new(const mc_job *job)
{
    mc_thread *t = rs_xcalloc(1, sizeof *t);
    rs_diag_init(&t->diag);
    t->rng = rs_mc_rng_new();
    if (!t->rng) {
        thread_free(t);
        return NULL;
    }
    t->run = rs_run_alloc(job->p);
    t->v = rs_xcalloc((size_t)job->nvar, sizeof *t->v);
    t->ext = rs_xcalloc(job->p->sc->n_deals + 1, sizeof *t->ext);
    t->recl = rs_xcalloc(job->p->sc->n_deals + 1, sizeof *t->recl);
    t->last_report = now();
    return t;
}

static void job_free(mc_job *job)
{
    rs_mc_layout_free((rs_mc_layout *)job->lay);
    free(job->cstat);
    free(job->c_shocked);
    free(job->pilot_v);
    free(job->qh);
    counts_free(job->log, (size_t)job->nvar * RS_QH_N);
    free(job->lin);
    free(job->samples);
    free(job->ext);
    free(job->recl);
    rs_diag_free(&job->fail_diag);
}

/* Cuts the draws into chunks (see the top of this file). */
static void job_chunks(mc_job *job)
{
    job->pilot = job->draws < PILOT ? job->draws : PILOT;
    job->n_pilot_chunks = (job->pilot + PILOT_CHUNK - 1) / PILOT_CHUNK;
    long rest = job->draws - job->pilot;
    job->chunk = rest > 0 ? (rest + MAX_CHUNKS - 1) / MAX_CHUNKS : 1;
    job->n_chunks = job->n_pilot_chunks + (rest + job->chunk - 1) / job->chunk;
}

static void job_init(mc_job *job, const rs_plan *p, const rs_uncertainty *u, const rs_mc_opts *o,
                     const rs_mc_layout *lay)
{
    memset(job, 0, sizeof *job);
    job->p = p;
    job->u = u;
    job->o = o;
    job->lay = lay;
    job->draws = u->draws;
    job_chunks(job);
    job->ny = p->ny;
    job->nvar = rs_mc_nvar(p->ny);
    const size_t nvar = (size_t)job->nvar;
    job->npad = (nvar + 7) & ~(size_t)7;
    size_t bytes = (size_t)job->n_chunks * 4 * job->npad * sizeof *job->cstat;
    job->cstat = aligned_alloc(64, bytes); /* bytes is a multiple of 256 */
    if (!job->cstat) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    job->c_shocked = rs_xcalloc((size_t)job->n_chunks, sizeof *job->c_shocked);
    job->pilot_v = rs_xcalloc((size_t)job->pilot * nvar, sizeof *job->pilot_v);
    job->qh = rs_xcalloc(nvar, sizeof *job->qh);
    /* calloc: pages of buckets that no draw reaches are never touched */
    job->log = counts_alloc(nvar * RS_QH_N);
    job->lin = rs_xcalloc(nvar * (RS_QH_LIN + 2), sizeof *job->lin);
    for (size_t v = 0; v < nvar; v++) {
        job->qh[v].log = job->log + v * RS_QH_N;
        job->qh[v].lin = job->lin + v * (RS_QH_LIN + 2);
        rs_qh_track(&job->qh[v]);
    }
    if (o->keep_samples)
        job->samples = rs_xmalloc((size_t)u->draws * nvar * sizeof *job->samples);
    job->fail = u->draws;
    rs_diag_init(&job->fail_diag);
    double *work = rs_xcalloc(2 * p->sc->n_regions + 1, sizeof *work);
    rs_metrics_fixed(p, work, job->fixed);
    free(work);
    job->ext = rs_xcalloc(p->sc->n_deals + 1, sizeof *job->ext);
    job->recl = rs_xcalloc(p->sc->n_deals + 1, sizeof *job->recl);
}

/* ---- summaries -------------------------------------------------------- */

/* Mean, sd and extremes of value v: the chunks combined in chunk order. */
static void combine(const mc_job *job, int v, rs_stats *s, double *min, double *max)
{
    double n = 0, mean = 0, m2 = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
    for (long c = 0; c < job->n_chunks; c++) {
        const double *cs = chunk_stats(job, c) + v;
        const size_t np = job->npad;
        long i0, i1;
        chunk_bounds(job, c, &i0, &i1);
        double nb = (double)(i1 - i0);
        double mb = cs[0], tot = n + nb, d = mb - mean;
        if (n == 0) {
            mean = mb;
            m2 = cs[np];
        } else {
            mean += d * (nb / tot);
            m2 += cs[np] + d * d * (n * nb / tot);
        }
        n = tot;
        lo = cs[2 * np] < lo ? cs[2 * np] : lo;
        hi = cs[3 * np] > hi ? cs[3 * np] : hi;
    }
    s->mean = mean;
    s->sd = n > 1 ? sqrt(m2 / (n - 1)) : 0;
    *min = lo;
    *max = hi;
}

static void summarise(mc_job *job, rs_mc_result *out)
{
    static const double p[3] = {0.05, 0.5, 0.95};
    rs_stats *st = rs_xcalloc((size_t)job->nvar, sizeof *st);
    for (int v = 0; v < job->nvar; v++) {
        double lo, hi, q[3];
        combine(job, v, &st[v], &lo, &hi);
        rs_qh_quantiles(&job->qh[v], job->draws, lo, hi, p, 3, q);
        st[v].p5 = q[0];
        st[v].p50 = q[1];
        st[v].p95 = q[2];
        if (v < RS_M_N) {
            out->min[v] = lo;
            out->max[v] = hi;
        }
    }
    memcpy(out->metric, st, RS_M_N * sizeof *st);
    for (int s = 0; s < RS_Y_N_OUT; s++)
        out->yearly[s] = st + rs_mc_var_year(job->ny, s, 0);
    out->cum_spent = st + rs_mc_var_year(job->ny, RS_Y_N_OUT, 0);
    for (long c = 0; c < job->n_chunks; c++)
        out->shocked += job->c_shocked[c];
    /* keep the metrics' histograms only (they come first) */
    rs_mc_store *ms = rs_xcalloc(1, sizeof *ms);
    ms->stats = st;
    /* the metrics' log counts: only the buckets that hold counts copied */
    ms->log = counts_alloc(RS_M_N * RS_QH_N);
    for (int m = 0; m < RS_M_N; m++) {
        const rs_qh *h = &job->qh[m];
        if (h->b_lo < h->b_end)
            memcpy(ms->log + (size_t)m * RS_QH_N + h->b_lo, h->log + h->b_lo,
                   (h->b_end - h->b_lo) * sizeof *ms->log);
    }
    ms->lin = rs_xrealloc(job->lin, RS_M_N * (RS_QH_LIN + 2) * sizeof *job->lin);
    counts_free(job->log, (size_t)job->nvar * RS_QH_N);
    job->log = job->lin = NULL;
    for (int m = 0; m < RS_M_N; m++) {
        ms->qh[m] = job->qh[m];
        ms->qh[m].log = ms->log + (size_t)m * RS_QH_N;
        ms->qh[m].lin = ms->lin + (size_t)m * (RS_QH_LIN + 2);
    }
    out->store = ms;
    const size_t nd = job->p->sc->n_deals;
    out->p_extended = rs_xcalloc(nd + 1, sizeof *out->p_extended);
    out->mean_reclaimed = rs_xcalloc(nd + 1, sizeof *out->mean_reclaimed);
    for (size_t d = 0; d < nd; d++) {
        out->p_extended[d] = (double)job->ext[d] / (double)job->draws;
        out->mean_reclaimed[d] = (double)job->recl[d] / RECLAIM_UNIT / (double)job->draws;
    }
    out->samples = job->samples;
    job->samples = NULL;
}

/* ---- several ranks (dist.h) ------------------------------------------ */

/* The first draw of each rank's block of chunks first … first+n−1, and
 * after the last block the end of those chunks' draws. */
static long *draw_starts(const mc_job *job, long first, long n)
{
    int K = rs_dist_size();
    long *s = rs_xmalloc(((size_t)K + 1) * sizeof *s), lo, hi, i0, i1;
    for (int r = 0; r < K; r++) {
        rs_dist_block_of(r, first, n, &lo, &hi);
        chunk_bounds(job, lo < first + n ? lo : first + n - 1, &i0, &i1);
        s[r] = lo < first + n ? i0 : i1;
    }
    chunk_bounds(job, first + n - 1, &i0, &i1);
    s[K] = i1;
    return s;
}

/* Chunks first … first+n−1 done by their ranks: every rank gets their
 * statistics, shock counts and (test hook) samples. */
static void share_chunks(mc_job *job, long first, long n, double *rows)
{
    if (rs_dist_size() == 1 || n <= 0)
        return;
    const size_t nvar = (size_t)job->nvar;
    int bad = rs_dist_share_blocks(job->cstat, 4 * job->npad * sizeof *job->cstat, first, n);
    bad |= rs_dist_share_blocks(job->c_shocked, sizeof *job->c_shocked, first, n);
    long *s = draw_starts(job, first, n);
    if (rows)
        bad |= rs_dist_share(rows, nvar * sizeof *rows, s);
    if (job->samples)
        bad |= rs_dist_share(job->samples, nvar * sizeof *job->samples, s);
    free(s);
    if (bad) {
        fputs("regiosim: internal error: a block of draws is too large to send\n", stderr);
        abort();
    }
    rs_dist_min_long(&job->fail, 1);
}

/* After the pilot: every rank gets the pilot's values (for the ranges). */
static void share_pilot(mc_job *job) { share_chunks(job, 0, job->n_pilot_chunks, job->pilot_v); }

/* After the rest: the other chunks, the histogram counts and per-deal sums
 * (integers: summed in any order), and the messages of the lowest failing draw, from the rank
 * that ran it. */
static void share_rest(mc_job *job)
{
    if (rs_dist_size() == 1)
        return;
    const long npc = job->n_pilot_chunks;
    share_chunks(job, npc, job->n_chunks - npc, NULL);
    const size_t nvar = (size_t)job->nvar;
    rs_dist_sum_u32(job->lin, nvar * (RS_QH_LIN + 2));
    /* the log buckets that hold counts on any rank; only those are summed
     * (most of a value's 32,769 buckets are empty everywhere) */
    long *span = rs_xmalloc(2 * nvar * sizeof *span);
    for (size_t v = 0; v < nvar; v++) {
        const rs_qh *h = &job->qh[v];
        span[2 * v] = h->b_end ? h->b_lo : 0;
        span[2 * v + 1] = -(long)(h->b_end ? h->b_end : RS_QH_N);
    }
    rs_dist_min_long(span, 2 * nvar);
    size_t total = 0;
    for (size_t v = 0; v < nvar; v++) {
        rs_qh *h = &job->qh[v];
        h->b_lo = (uint32_t)span[2 * v];
        h->b_end = (uint32_t)-span[2 * v + 1];
        total += h->b_end > h->b_lo ? h->b_end - h->b_lo : 0;
    }
    uint32_t *buf = rs_xmalloc((total ? total : 1) * sizeof *buf), *b = buf;
    for (size_t v = 0; v < nvar; v++) {
        const rs_qh *h = &job->qh[v];
        for (uint32_t k = h->b_lo; k < h->b_end; k++)
            *b++ = h->log[k];
    }
    rs_dist_sum_u32(buf, total);
    b = buf;
    for (size_t v = 0; v < nvar; v++) {
        rs_qh *h = &job->qh[v];
        for (uint32_t k = h->b_lo; k < h->b_end; k++)
            h->log[k] = *b++;
    }
    free(buf);
    free(span);
    rs_dist_sum_long(&job->beyond, 1);
    rs_dist_sum_long(job->ext, job->p->sc->n_deals);
    rs_dist_sum_i128(job->recl, job->p->sc->n_deals);
    if (job->fail < job->draws) {
        long f = job->fail, c = f < job->pilot ? f / PILOT_CHUNK : npc + (f - job->pilot) / job->chunk;
        int owner = c < npc ? rs_dist_owner(0, npc, c) : rs_dist_owner(npc, job->n_chunks - npc, c);
        rs_dist_bcast_diag(&job->fail_diag, owner);
    }
}

/* ---- the run ---------------------------------------------------------- */

/* Runs every chunk on T threads.  Each thread makes its workspace before
 * the loop and frees it after; when one cannot, no thread runs a draw.
 * Returns 0, or -1 when out of memory. */
static int loop(mc_job *job, int T)
{
    int nomem = 0;
    /* this rank's blocks of the pilot's chunks and of the others' */
    long p0, p1, r0, r1;
    rs_dist_block(0, job->n_pilot_chunks, &p0, &p1);
    rs_dist_block(job->n_pilot_chunks, job->n_chunks - job->n_pilot_chunks, &r0, &r1);
    rs_dist_progress_begin();
    (void)T; /* unused without OpenMP */
    /* Only the main thread may take the signals that remove a temporary
     * result folder (outdir.c): a handler on a worker would let the main
     * thread go on writing.  Threads the runtime creates now inherit the
     * blocked mask; threads it made earlier block them at the start of
     * the region; the main thread takes its own mask back inside it. */
    sigset_t main_mask;
    rs_signals_block(&main_mask);
#pragma omp parallel num_threads(T)
    {
        if (thread_id() == 0)
            rs_signals_restore(&main_mask);
        else
            rs_signals_block(NULL);
        mc_thread *t = thread_new(job);
        if (!t) {
#pragma omp atomic write
            nomem = 1;
        }
#pragma omp barrier
        int stop;
#pragma omp atomic read
        stop = nomem;
        if (!stop) {
#pragma omp for schedule(dynamic, 1)
            for (long c = p0; c < p1; c++)
                run_chunk(job, t, c);
#pragma omp master
            {
                share_pilot(job);
                fix_ranges(job);
            }
#pragma omp barrier
            if (r1 > r0)
                thread_hist(job, t);
#pragma omp for schedule(dynamic, 1)
            for (long c = r0; c < r1; c++)
                run_chunk(job, t, c);
            merge(job, t);
            /* integer sums: the same totals in any order */
#pragma omp critical(rs_mc_deal)
            for (size_t d = 0; d < job->p->sc->n_deals; d++) {
                job->ext[d] += t->ext[d];
                job->recl[d] += t->recl[d];
            }
        }
        thread_free(t);
    }
    rs_signals_restore(&main_mask);
    if (!nomem)
        share_rest(job);
    return nomem ? -1 : 0;
}

int rs_mc_run_opts(const rs_plan *p, const rs_uncertainty *u, const rs_mc_opts *o,
                   rs_mc_result *out, rs_diag *diag)
{
    memset(out, 0, sizeof *out);
    if (u->draws > (long)UINT32_MAX) {
        rs_diag_add(diag, RS_EXIT_INVALID, "$.uncertainty.draws: %ld is more than %lu", u->draws,
                    (unsigned long)UINT32_MAX);
        return RS_EXIT_INVALID;
    }
    rs_mc_layout *lay = rs_mc_layout_make(p, u, diag);
    if (!lay)
        return RS_EXIT_INVALID;
    mc_job job;
    job_init(&job, p, u, o, lay);
    int ok = loop(&job, rs_mc_threads(o->threads, job.n_chunks)) == 0;
    if (!ok)
        rs_diag_add(diag, RS_EXIT_INTERNAL, "internal error: no memory for a random generator");
    int code = ok ? RS_EXIT_OK : RS_EXIT_INTERNAL;
    if (ok && job.fail < job.draws) {
        for (size_t k = 0; k < job.fail_diag.n; k++)
            rs_diag_add(diag, RS_EXIT_INTERNAL, "%s", job.fail_diag.msg[k]);
        code = RS_EXIT_INTERNAL;
    } else if (ok) {
        out->draws = u->draws;
        out->seed = u->seed;
        out->y0 = p->y0;
        out->ny = p->ny;
        summarise(&job, out);
        if (job.beyond) {
            rs_msg m = {RS_MSG_MC_BEYOND, {(double)job.beyond}, {NULL}};
            rs_diag_add_id(diag, 0, &m);
        }
        if (o->progress)
            o->progress(job.draws, job.draws, o->arg);
    }
    job_free(&job);
    return code;
}

int rs_mc_run(const rs_plan *p, const rs_uncertainty *u, int threads, rs_mc_progress progress,
              void *arg, rs_mc_result *out, rs_diag *diag)
{
    rs_mc_opts o = {threads, progress, arg, 0, NULL};
    return rs_mc_run_opts(p, u, &o, out, diag);
}

void rs_mc_result_free(rs_mc_result *r)
{
    if (!r)
        return;
    if (r->store) {
        free(r->store->stats);
        counts_free(r->store->log, RS_M_N * RS_QH_N);
        free(r->store->lin);
        free(r->store);
    }
    free(r->samples);
    free(r->p_extended);
    free(r->mean_reclaimed);
    memset(r, 0, sizeof *r);
}

int rs_mc_histogram(const rs_mc_result *r, rs_metric m, int nbins, double *edges, long *counts)
{
    if (nbins < 1 || !r->store || (int)m < 0 || m >= RS_M_N)
        return -1;
    rs_qh_chart(&r->store->qh[m], r->min[m], r->max[m], nbins, edges, counts);
    return 0;
}
