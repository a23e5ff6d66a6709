/* bench.c — benchmark of the Monte Carlo core (make bench).
 *
 * Builds a reference scenario in a temporary file: 40 regions, 80 deals
 * over the 12 years 2023–2034, three tranches (2023 SPUK pro rata, 2025 DU
 * priority, 2027 SPUK as requested), a SPUK with yearly accountability,
 * audit, project administration, a settlement and an extension obligation,
 * and a DU with onward subsidies; the demo's uncertainty (κ 20, shock 0.1
 * × 0.4, admin spread 0.3).  Then prints, against the targets:
 *   - deal-years per second on 1 thread and on all threads (median of 5);
 *     a deal-year is one ρ drawn and simulated;
 *   - the bare rate of the random draws the run needs (rs_mc_draw: same
 *     generator, same α and β, no model), and model rate / bare rate;
 *   - the speed-up of all threads over one (and of the bare draws, which
 *     shows what the machine itself gives);
 *   - the floor under the random draws: the Philox4x64-10 block that a
 *     deal-year's two gammas share (common random numbers: one stream per
 *     gamma, sharing their first block, cstream.h), computed and nothing
 *     else;
 *   - the fixed cost of a Monte Carlo: rs_mc_run of one draw (median of 9);
 *   - peak memory (VmHWM of a fresh process: fork + exec) and
 *     the rate at 10^4, 10^5 and 10^6 draws, and the rate for 40, 80 and
 *     160 deals (time linear in draws × deal-years);
 *   - the worst quantile error against the exact sorted-sample quantile
 *     at 10^4 draws.
 * "bench --child N T DEALS" runs one Monte Carlo of N draws on T threads
 * and prints its time: the parent reads its RSS.  "bench --write FILE"
 * writes the reference scenario (to run it with regiosim). */
#define _DEFAULT_SOURCE /* wait4 */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "../../src/mc/internal.h"

#define REPS 5
#define RATE_DRAWS 10000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- the reference scenario ------------------------------------------- */

static const char *const SPUK =
    "{\"id\": \"spuk\", \"name\": \"SPUK\", \"payment\": {\"schedule\": \"plan\"},"
    " \"deadline\": {\"extension_years\": 1, \"extension_threshold\": 0.05},"
    " \"settlement\": {\"lag\": 1, \"reclaim_share\": 1}, \"realisation_shift\": -0.03,"
    " \"admin\": {\"tariff\": {\"region\": 85, \"rijk\": 95}, \"obligations\": ["
    "{\"name\": \"aanvraag\", \"side\": \"region\", \"hours\": 120, \"per\": \"deal\"},"
    "{\"name\": \"beschikking\", \"side\": \"rijk\", \"hours\": 120, \"per\": \"deal\"},"
    "{\"name\": \"sisa\", \"side\": \"region\", \"hours\": 100, \"per\": \"deal_year\"},"
    "{\"name\": \"audit\", \"side\": \"region\", \"hours\": 60, \"share_of_flow\": 0.003,"
    " \"per\": \"deal_year\"},"
    "{\"name\": \"projects\", \"side\": \"region\", \"hours\": 24, \"per\": \"project_year\"},"
    "{\"name\": \"review\", \"side\": \"rijk\", \"hours\": 200, \"per\": \"deal_year\"},"
    "{\"name\": \"vaststelling\", \"side\": \"rijk\", \"hours\": 120, \"per\": \"deal\","
    " \"when\": \"settlement\"},"
    "{\"name\": \"extension\", \"side\": \"rijk\", \"hours\": 40, \"per\": \"extension\"}]}}";

static const char *const DU =
    "{\"id\": \"du\", \"name\": \"DU\", \"payment\": {\"schedule\": \"plan\"},"
    " \"off_goal_share\": 0.1, \"recipients\": \"public\","
    " \"admin\": {\"tariff\": {\"region\": 85, \"rijk\": 95}, \"obligations\": ["
    "{\"name\": \"onward subsidy\", \"side\": \"region\", \"hours\": 60,"
    " \"per\": \"private_partner\"},"
    "{\"name\": \"decision\", \"side\": \"rijk\", \"hours\": 40, \"per\": \"deal\"}]}}";

/* Writes the reference scenario with n_deals deals to 'path'. */
static int write_scenario(const char *path, int n_deals)
{
    rs_buf b;
    rs_buf_init(&b);
    rs_buf_add(&b, "{\"name\": \"bench\", \"horizon\": {\"start\": 2023, \"end\": 2034},"
                   " \"discount_rate\": 0.0225, \"realisation\": {\"mean\": 0.85},"
                   " \"regions\": [");
    const int n_regions = n_deals / 2 > 1 ? n_deals / 2 : 2;
    for (int r = 0; r < n_regions; r++)
        rs_buf_printf(&b,
                      "%s{\"id\": \"r%03d\", \"name\": \"R%d\", \"population\": %d,"
                      " \"fiscal_capacity\": %.3f, \"bw_pressure\": %.3f}",
                      r ? "," : "", r, r, 80000 + 7919 * r % 400000, 0.7 + 0.013 * (r % 47),
                      0.05 + 0.9 * ((r * 37) % 101) / 100.0);
    rs_buf_printf(&b, "], \"instruments\": {\"spuk\": %s, \"du\": %s},", SPUK, DU);
    rs_buf_printf(&b,
                  " \"tranches\": ["
                  "{\"id\": \"T1\", \"year\": 2023, \"budget\": %d, \"instrument\": \"spuk\"},"
                  "{\"id\": \"T2\", \"year\": 2025, \"budget\": %d, \"instrument\": \"du\","
                  " \"allocation\": \"priority\"},"
                  "{\"id\": \"T3\", \"year\": 2027, \"budget\": %d, \"instrument\": \"spuk\","
                  " \"allocation\": \"as_requested\"}], \"deals\": [",
                  5 * n_deals, 6 * n_deals, 6 * n_deals);
    for (int d = 0; d < n_deals; d++)
        rs_buf_printf(&b,
                      "%s{\"id\": \"d%03d\", \"region\": \"r%03d\", \"tranche\": \"T%d\","
                      " \"request\": %.1f, \"duration\": %d, \"projects\": %d,"
                      " \"private_partners\": %d}",
                      d ? "," : "", d, d % n_regions, 1 + d % 3, 6.0 + (d * 7) % 25, 3 + d % 3,
                      4 + d % 11, d % 5);
    rs_buf_add(&b, "], \"uncertainty\": {\"draws\": 1000, \"seed\": 42,"
                   " \"realisation\": {\"mean\": 0.85, \"concentration\": 20},"
                   " \"shock\": {\"probability\": 0.1, \"severity\": 0.4},"
                   " \"admin_spread\": 0.3}}\n");
    FILE *f = fopen(path, "w");
    int ok = f && fputs(b.s, f) >= 0;
    if (f && fclose(f) != 0)
        ok = 0;
    rs_buf_free(&b);
    if (!ok)
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
    return ok ? 0 : -1;
}

typedef struct bench_sc {
    rs_scenario *sc;
    rs_plan *plan;
    rs_mc_layout *lay;
} bench_sc;

static int bench_load(bench_sc *b, int n_deals)
{
    char dir[] = "/tmp/regiosim-bench-XXXXXX", path[64];
    memset(b, 0, sizeof *b);
    if (!mkdtemp(dir)) {
        perror("bench: mkdtemp");
        return -1;
    }
    snprintf(path, sizeof path, "%s/bench.json", dir);
    rs_diag d;
    rs_diag_init(&d);
    if (write_scenario(path, n_deals) == 0)
        b->sc = rs_scenario_load(path, NULL, 0, &d);
    remove(path);
    rmdir(dir);
    if (b->sc) {
        b->plan = rs_plan_make(b->sc);
        b->lay = rs_mc_layout_make(b->plan, &b->sc->unc, &d);
    }
    if (!b->lay)
        rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    return b->lay ? 0 : -1;
}

static void bench_free(bench_sc *b)
{
    rs_mc_layout_free(b->lay);
    rs_plan_free(b->plan);
    rs_scenario_free(b->sc);
}

/* ---- rates ------------------------------------------------------------ */

/* Seconds for one Monte Carlo of 'draws' draws on 'threads' threads. */
static double time_mc(const bench_sc *b, long draws, int threads, int keep, rs_mc_result *keep_out)
{
    rs_uncertainty u = b->sc->unc;
    u.draws = draws;
    rs_mc_opts o = {threads, NULL, NULL, keep, NULL};
    rs_mc_result r;
    rs_diag d;
    rs_diag_init(&d);
    double t0 = now();
    int code = rs_mc_run_opts(b->plan, &u, &o, &r, &d);
    double t = now() - t0;
    if (code != RS_EXIT_OK) {
        rs_diag_print(&d, stderr);
        exit(1);
    }
    rs_diag_free(&d);
    if (keep_out)
        *keep_out = r;
    else
        rs_mc_result_free(&r);
    return t;
}

/* Seconds for the random draws alone of 'draws' draws on 'threads'
 * threads: seeding and rs_mc_draw into a run's ρ, no model. */
static double time_bare(const bench_sc *b, long draws, int threads)
{
    double sink = 0, t0 = now();
#pragma omp parallel num_threads(threads) reduction(+ : sink)
    {
        rs_mc_rng *r = rs_mc_rng_new();
        rs_run *run = rs_run_alloc(b->plan);
#pragma omp for schedule(static)
        for (long i = 0; i < draws; i++) {
            rs_mc_draw(b->lay, 42, i, r, run);
            sink += run->rho[b->lay->slot[b->lay->n - 1]];
        }
        rs_run_free(run);
        rs_mc_rng_free(r);
    }
    double t = now() - t0;
    if (sink < 0) /* keeps the draws from being optimised away */
        puts("");
    return t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    return x[n / 2];
}

/* Over REPS rounds, each timing the model and the bare draws on 1 and on T
 * threads back to back: the medians of the four rates (deal-years per
 * second, rate[0..3]: model 1, model T, bare 1, bare T) and the medians of
 * the per-round ratios (ratio[0..2]: model / bare on 1 thread, model
 * speed-up, bare speed-up), which a slow drift of the machine's speed
 * does not bias. */
static void rates(const bench_sc *b, int T, double rate[4], double ratio[3])
{
    double t[4][REPS], r[3][REPS];
    for (int k = 0; k < REPS; k++) {
        t[0][k] = time_mc(b, RATE_DRAWS, 1, 0, NULL);
        t[1][k] = time_mc(b, RATE_DRAWS, T, 0, NULL);
        t[2][k] = time_bare(b, RATE_DRAWS, 1);
        t[3][k] = time_bare(b, RATE_DRAWS, T);
        r[0][k] = t[2][k] / t[0][k];
        r[1][k] = t[0][k] / t[1][k];
        r[2][k] = t[2][k] / t[3][k];
    }
    for (int j = 0; j < 4; j++)
        rate[j] = (double)RATE_DRAWS * (double)b->lay->n / median(t[j], REPS);
    for (int j = 0; j < 3; j++)
        ratio[j] = median(r[j], REPS);
}

/* Seconds for the Philox blocks alone of 'draws' draws on one thread: per
 * deal-year the first block its two streams share, named as draw.c names
 * it, and nothing drawn from it.  What common random numbers
 * cost before any sampling. */
static double time_philox(const bench_sc *b, long draws)
{
    const rs_mc_layout *l = b->lay;
    uint64_t sink = 0;
    double t0 = now();
    for (long i = 0; i < draws; i++)
        for (size_t j = 0; j < l->n; j++) {
            rs_cstream sx, sy;
            rs_cstream_pair(&sx, &sy, 42, RS_MC_KEY_DEAL, (uint64_t)i, l->deal[j],
                            (uint64_t)(int64_t)l->cal[j]);
            sink += sx.out.v[0] ^ sy.out.v[3];
        }
    double t = now() - t0;
    if (sink == 1) /* keeps the blocks from being optimised away */
        puts("");
    return t;
}

/* The fixed cost of a Monte Carlo on T threads: rs_mc_run of one draw
 * (set-up, thread start, one draw, statistics), median of 9. */
static double fixed_cost(const bench_sc *b, int T)
{
    double t[9];
    for (int k = 0; k < 9; k++)
        t[k] = time_mc(b, 1, T, 0, NULL);
    return median(t, 9);
}

/* ---- peak memory in a fresh process ----------------------------------- */

/* The peak resident memory of this process since its exec (VmHWM, KB),
 * or -1.  (wait4's ru_maxrss would also count the pages the child shared
 * with the parent between fork and exec: the parent's size, not its.) */
static long peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static int child(long draws, int threads, int n_deals)
{
    bench_sc b;
    if (bench_load(&b, n_deals) < 0)
        return 1;
    double t = time_mc(&b, draws, threads, 0, NULL);
    printf("%.6f %zu %ld\n", t, b.lay->n, peak_kb());
    bench_free(&b);
    return 0;
}

/* Runs "self --child draws threads n_deals" and returns its time (s),
 * drawn deal-years per draw and max RSS (MB); -1 on failure. */
static int spawn(long draws, int threads, int n_deals, double *secs, double *dy, double *mb)
{
    int fd[2];
    if (pipe(fd) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char a[32], c[32], e[32];
        snprintf(a, sizeof a, "%ld", draws);
        snprintf(c, sizeof c, "%d", threads);
        snprintf(e, sizeof e, "%d", n_deals);
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execl("/proc/self/exe", "regiosim-bench", "--child", a, c, e, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    char buf[128] = "";
    ssize_t n = read(fd[0], buf, sizeof buf - 1);
    close(fd[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        n <= 0)
        return -1;
    buf[n] = 0;
    long kb = -1;
    if (sscanf(buf, "%lf %lf %ld", secs, dy, &kb) < 2)
        return -1;
    /* without /proc, ru_maxrss (KB on Linux): an upper bound */
    *mb = (kb > 0 ? (double)kb : (double)ru.ru_maxrss) / 1024.0;
    return 0;
}

/* ---- where the time goes ---------------------------------------------- */

/* Seconds per stage of 'draws' draws on the calling thread, t[0..3]: the
 * random draws (seeding and rs_mc_draw), rs_run_simulate, rs_run_check,
 * rs_metrics_compute_draw; each timed with the monotonic clock (about 20 ns a
 * reading, against microseconds a stage). */
static void stage_times(const bench_sc *b, long draws, double t[4])
{
    rs_run *run = rs_run_alloc(b->plan);
    rs_mc_rng *r = rs_mc_rng_new();
    double *work = rs_xcalloc(2 * b->sc->n_regions, sizeof *work), m[RS_M_N], fixed[RS_M_N];
    rs_metrics_fixed(b->plan, work, fixed);
    rs_diag d;
    rs_diag_init(&d);
    t[0] = t[1] = t[2] = t[3] = 0;
    for (long i = 0; i < draws; i++) {
        double t0 = now();
        rs_mc_draw(b->lay, 42, i, r, run);
        double t1 = now();
        rs_run_simulate(run);
        double t2 = now();
        rs_run_check(run, &d);
        double t3 = now();
        rs_metrics_compute_draw(run, fixed, m);
        double t4 = now();
        t[0] += t1 - t0;
        t[1] += t2 - t1;
        t[2] += t3 - t2;
        t[3] += t4 - t3;
    }
    rs_diag_free(&d);
    free(work);
    rs_mc_rng_free(r);
    rs_run_free(run);
}

/* Time per draw (µs) on one thread of each stage above, and of what
 * rs_mc_run adds to them (statistics, histograms, set-up and summaries
 * spread over 'draws' draws): rs_mc_run's time minus the stages, in the
 * same round.  Medians of 5 rounds. */
static void breakdown(const bench_sc *b, long draws, double us[5])
{
    double t[5][5];
    for (int r = 0; r < 5; r++) {
        double st[4];
        stage_times(b, draws, st);
        t[4][r] = time_mc(b, draws, 1, 0, NULL) - st[0] - st[1] - st[2] - st[3];
        for (int k = 0; k < 4; k++)
            t[k][r] = st[k];
    }
    for (int k = 0; k < 5; k++)
        us[k] = 1e6 * median(t[k], 5) / (double)draws;
}

/* ---- quantile accuracy ------------------------------------------------ */

/* Worst error of P5, P50 and P95 over every value, against the exact
 * sorted-sample quantiles of the kept samples: the worst |q̂ − q| /
 * (|q| + 1e-9), the value it is at, the worst |q̂ − q| / sd (over values
 * whose sd is above 1e-9), and how many quantiles broke the bound of
 * qhist.c. */
static double quantile_error(const bench_sc *b, long draws, int *worst_var, double *worst_sd,
                             int *broken)
{
    rs_mc_result r;
    time_mc(b, draws, 0, 1, &r);
    int nvar = rs_mc_nvar(r.ny);
    double *col = rs_xmalloc((size_t)draws * sizeof *col), worst = 0;
    *broken = 0;
    *worst_sd = 0;
    for (int v = 0; v < nvar; v++) {
        for (long i = 0; i < draws; i++)
            col[i] = r.samples[(size_t)i * nvar + v];
        gsl_sort(col, 1, (size_t)draws);
        const rs_stats *s = v < RS_M_N ? &r.metric[v]
                            : (v - RS_M_N) / r.ny < RS_Y_N_OUT
                                ? &r.yearly[(v - RS_M_N) / r.ny][(v - RS_M_N) % r.ny]
                                : &r.cum_spent[(v - RS_M_N) % r.ny];
        const double p[3] = {0.05, 0.5, 0.95}, got[3] = {s->p5, s->p50, s->p95};
        for (int k = 0; k < 3; k++) {
            double q = gsl_stats_quantile_from_sorted_data(col, 1, (size_t)draws, p[k]);
            double pos = p[k] * (double)(draws - 1);
            size_t i = (size_t)pos;
            double nb = fmax(fabs(col[i]), fabs(col[i + 1 < (size_t)draws ? i + 1 : i]));
            double e = fabs(got[k] - q);
            if (e > nb / 256 + 0x1.0p-31)
                (*broken)++;
            if (e / (fabs(q) + 1e-9) > worst) {
                worst = e / (fabs(q) + 1e-9);
                *worst_var = v;
            }
            if (s->sd > 1e-9 && e / s->sd > *worst_sd)
                *worst_sd = e / s->sd;
        }
    }
    free(col);
    rs_mc_result_free(&r);
    return worst;
}

static void var_label(int ny, int y0, int v, char *out, size_t n)
{
    if (v < RS_M_N)
        snprintf(out, n, "%s", rs_metric_infos[v].name);
    else if ((v - RS_M_N) / ny < RS_Y_N_OUT)
        snprintf(out, n, "yearly %s %d", rs_series_names[(v - RS_M_N) / ny],
                 y0 + (v - RS_M_N) % ny);
    else
        snprintf(out, n, "cumulative spent %d", y0 + (v - RS_M_N) % ny);
}

static const char *verdict(int ok) { return ok ? "met" : "MISSED"; }

/* Busy and total CPU time of the machine so far (clock ticks, all CPUs),
 * from /proc/stat; 0 when it cannot be read. */
static int machine_ticks(double *busy, double *total)
{
    FILE *f = fopen("/proc/stat", "r");
    unsigned long long x[8] = {0};
    int n = f ? fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &x[0], &x[1], &x[2],
                       &x[3], &x[4], &x[5], &x[6], &x[7])
              : 0;
    if (f)
        fclose(f);
    if (n < 4)
        return 0;
    *total = 0;
    for (int k = 0; k < 8; k++)
        *total += (double)x[k];
    *busy = *total - (double)x[3] - (double)x[4]; /* minus idle and iowait */
    return 1;
}

/* CPU seconds used by this process and its finished children. */
static double own_cpu(void)
{
    struct rusage a, c;
    getrusage(RUSAGE_SELF, &a);
    getrusage(RUSAGE_CHILDREN, &c);
    return (double)(a.ru_utime.tv_sec + a.ru_stime.tv_sec + c.ru_utime.tv_sec +
                    c.ru_stime.tv_sec) +
           1e-6 * (double)(a.ru_utime.tv_usec + a.ru_stime.tv_usec + c.ru_utime.tv_usec +
                           c.ru_stime.tv_usec);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc == 5 && strcmp(argv[1], "--child") == 0)
        return child(atol(argv[2]), atoi(argv[3]), atoi(argv[4]));
    if (argc == 3 && strcmp(argv[1], "--write") == 0)
        return write_scenario(argv[2], 80) == 0 ? 0 : 1;
    int T = 1;
#ifdef _OPENMP
    T = omp_get_max_threads();
#endif
    bench_sc b;
    if (bench_load(&b, 80) < 0)
        return 1;
    printf("regiosim Monte Carlo benchmark: %zu deals, horizon %d–%d, %zu deal-years drawn per "
           "draw (%zu in the plan), %d threads\n",
           b.sc->n_deals, b.sc->start, b.sc->end, b.lay->n, b.plan->n_dy, T);
    putchar('\n');
    double busy0 = 0, total0 = 0, busy1, total1;
    int ticks = machine_ticks(&busy0, &total0);
    double own0 = own_cpu(), wall0 = now();

    double rt[4], ra[3];
    rates(&b, T, rt, ra);
    printf("rates, deal-years per second (median of %d rounds of %d draws each):\n", REPS,
           RATE_DRAWS);
    printf("  model, 1 thread          %12.0f   (%.2f µs per draw)\n", rt[0],
           1e6 * (double)b.lay->n / rt[0]);
    printf("  model, %d threads         %12.0f\n", T, rt[1]);
    printf("  bare draws, 1 thread     %12.0f   (%.1f ns per Beta draw)\n", rt[2], 1e9 / rt[2]);
    printf("  bare draws, %d threads    %12.0f\n", T, rt[3]);
    printf("medians of the per-round ratios:\n");
    printf("  model / bare, 1 thread   %12.3f   target ≥ 0.67: %s\n", ra[0],
           verdict(ra[0] >= 0.67));
    printf("  speed-up, %d threads      %12.3f   target ≥ 1.85 (2 threads): %s\n", T, ra[1],
           T >= 2 ? verdict(ra[1] >= 1.85) : "n/a (1 core)");
    printf("  bare draws speed-up      %12.3f   what the machine gives (no shared data at "
           "all)\n\n",
           ra[2]);

    double us[5];
    breakdown(&b, 10000, us);
    double model = us[1] + us[2] + us[3] + us[4];
    printf("time per draw on 1 thread (10000 draws, medians of 5), µs (ns per deal-year "
           "drawn):\n");
    const char *const part[5] = {"random draws (bare)", "rs_run_simulate", "rs_run_check",
                                 "rs_metrics_compute_draw", "rs_mc_run: the rest (difference)"};
    for (int k = 0; k < 5; k++)
        printf("  %-32s %8.2f  (%5.1f)\n", part[k], us[k], 1e3 * us[k] / (double)b.lay->n);
    printf("  model / bare from these        %10.3f   (needs the model ≤ %.2f µs, is %.2f)\n",
           us[0] / (us[0] + model), us[0] * (1 / 0.67 - 1), model);
    double ph[5];
    for (int k = 0; k < 5; k++)
        ph[k] = time_philox(&b, 10000);
    double ph_us = 1e6 * median(ph, 5) / 10000;
    printf("  of the random draws: the Philox blocks alone %.2f µs (%.1f ns per deal-year, one "
           "shared block), %.0f%% of them\n\n",
           ph_us, 1e3 * ph_us / (double)b.lay->n, 100 * ph_us / us[0]);

    double fc1 = fixed_cost(&b, 1), fcT = fixed_cost(&b, T);
    printf("fixed cost of a Monte Carlo (one draw, median of 9): %.2f ms on 1 thread, %.2f ms on "
           "%d; target ≤ 5 ms: %s\n\n",
           1e3 * fc1, 1e3 * fcT, T, verdict(fc1 <= 0.005 && fcT <= 0.005));

    printf("fresh process, %d threads: draws, seconds, deal-years per second, max RSS:\n", T);
    double worst_mb = 0;
    const long sizes[] = {10000, 100000, 1000000};
    for (int k = 0; k < 3; k++) {
        double s, dy, mb;
        if (spawn(sizes[k], T, 80, &s, &dy, &mb) < 0) {
            printf("  %8ld draws: the child failed\n", sizes[k]);
            continue;
        }
        printf("  %8ld draws  %8.2f s  %12.0f  %8.1f MB\n", sizes[k], s,
               (double)sizes[k] * dy / s, mb);
        if (sizes[k] == 1000000)
            worst_mb = mb;
    }
    printf("  peak memory at 10^6 draws %.1f MB, target ≤ 64 MB: %s\n\n", worst_mb,
           verdict(worst_mb > 0 && worst_mb <= 64));

    printf("deals (20000 draws, %d threads): deal-years per draw, seconds, deal-years per "
           "second:\n",
           T);
    const int deals[] = {40, 80, 160};
    for (int k = 0; k < 3; k++) {
        double s, dy, mb;
        if (spawn(20000, T, deals[k], &s, &dy, &mb) < 0)
            continue;
        printf("  %4d deals  %6.0f  %8.2f s  %12.0f\n", deals[k], dy, s, 20000 * dy / s);
    }

    int wv = 0, broken = 0;
    double wsd;
    double qe = quantile_error(&b, 10000, &wv, &wsd, &broken);
    char name[96];
    var_label(b.plan->ny, b.plan->y0, wv, name, sizeof name);
    printf("\nquantiles at 10^4 draws: worst |estimate − exact| / (|exact| + 1e-9) = %.3g%% "
           "(%s), worst / sd = %.3g; bound of qhist.c broken %d times; target ≤ 0.5%%: %s\n",
           100 * qe, name, wsd, broken, verdict(qe <= 0.005 && broken == 0));
    if (ticks && machine_ticks(&busy1, &total1) && total1 > total0) {
        double hz = (double)sysconf(_SC_CLK_TCK);
        double others = (busy1 - busy0) / hz - (own_cpu() - own0);
        double share = others / ((total1 - total0) / hz);
        printf("\nother processes used %.0f%% of the machine's CPU time during these %.0f s%s\n",
               100 * (share > 0 ? share : 0), now() - wall0,
               share > 0.05 ? ": the wall-clock rates and the speed-up above are low" : "");
    }
    bench_free(&b);
    return 0;
}
