/* dist.c — see dist.h.  Two builds: with RS_MPI the MPI calls, without it
 * the single-process case (and the block arithmetic, which both share). */
#include "dist.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void rs_dist_block_of(int r, long first, long n, long *lo, long *hi)
{
    long K = rs_dist_size(), q = n / K, rem = n % K;
    /* the first 'rem' ranks take one item more */
    *lo = first + r * q + (r < rem ? r : rem);
    *hi = *lo + q + (r < rem ? 1 : 0);
}

void rs_dist_block(long first, long n, long *lo, long *hi)
{
    rs_dist_block_of(rs_dist_rank(), first, n, lo, hi);
}

int rs_dist_owner(long first, long n, long i)
{
    int K = rs_dist_size();
    for (int r = 0; r < K; r++) {
        long lo, hi;
        rs_dist_block_of(r, first, n, &lo, &hi);
        if (i >= lo && i < hi)
            return r;
    }
    return K - 1;
}

int rs_dist_share_blocks(void *base, size_t item, long first, long n)
{
    int K = rs_dist_size();
    long *start = rs_xmalloc(((size_t)K + 1) * sizeof *start);
    for (int r = 0; r < K; r++) {
        long hi;
        rs_dist_block_of(r, first, n, &start[r], &hi);
        start[r + 1] = hi;
    }
    int rc = rs_dist_share(base, item, start);
    free(start);
    return rc;
}

int rs_dist_root(void) { return rs_dist_rank() == 0; }

#ifndef RS_MPI

void rs_dist_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

int rs_dist_finish(int code) { return code; }
void rs_dist_progress_begin(void) {}
int rs_dist_stderr_tty(void) { return isatty(2); }
long rs_dist_progress(long done, long total)
{
    (void)total;
    return done;
}
int rs_dist_rank(void) { return 0; }
int rs_dist_size(void) { return 1; }

int rs_dist_share(void *base, size_t item, const long *start)
{
    (void)base;
    (void)item;
    (void)start;
    return 0;
}

void rs_dist_sum_long(long *a, size_t n)
{
    (void)a;
    (void)n;
}

void rs_dist_sum_u32(uint32_t *a, size_t n)
{
    (void)a;
    (void)n;
}

void rs_dist_sum_i128(void *a, size_t n)
{
    (void)a;
    (void)n;
}

void rs_dist_min_long(long *a, size_t n)
{
    (void)a;
    (void)n;
}

int rs_dist_any(int flag) { return flag != 0; }

void rs_dist_bcast_diag(rs_diag *d, int root)
{
    (void)d;
    (void)root;
}

#else /* RS_MPI */

#include <errno.h>
#include <mpi.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* Seconds a failed rank waits for the others at the end before it ends
 * the job (they may be waiting in an exchange it will not join);
 * RS_MPI_GRACE overrides it.  RS_MPI_STATS set: rank 0 says at the end
 * how many bytes it put into how many exchanges. */
#define GRACE 20.0
#define PIECE (1L << 26) /* elements per reduction call */

static int d_rank, d_size = 1, d_up;
static MPI_Comm d_work = MPI_COMM_NULL, d_end = MPI_COMM_NULL;
static int d_err = -1;     /* non-zero ranks: the real standard error */
static FILE *d_errfile;    /* non-zero ranks: where stderr goes meanwhile */
static double d_bytes;     /* what this rank contributed to the exchanges */
/* progress (rs_dist_progress): ranks other than 0 send (epoch, done) to
 * rank 0 at most 10 times a second, one message in flight at a time */
#define TAG_PROGRESS 1
static MPI_Comm d_prog = MPI_COMM_NULL;
static long d_epoch, d_seen_epoch = -1, *d_seen, d_pbuf[2];
static MPI_Request d_preq = MPI_REQUEST_NULL;
static double d_plast;
static long d_calls;       /* and in how many */

void rs_dist_init(int *argc, char ***argv)
{
    int prov;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &prov) != MPI_SUCCESS) {
        fputs("regiosim: MPI could not be started\n", stderr);
        exit(RS_EXIT_INTERNAL);
    }
    d_up = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &d_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &d_size);
    MPI_Comm_dup(MPI_COMM_WORLD, &d_work);
    MPI_Comm_dup(MPI_COMM_WORLD, &d_end);
    MPI_Comm_dup(MPI_COMM_WORLD, &d_prog);
    d_seen = rs_xcalloc((size_t)d_size, sizeof *d_seen);
    /* errors end the job through rs_dist_finish, with regiosim's codes */
    MPI_Comm_set_errhandler(d_work, MPI_ERRORS_ARE_FATAL);
    if (d_rank != 0) {
        fflush(stdout);
        fflush(stderr);
        if (!freopen("/dev/null", "w", stdout))
            exit(RS_EXIT_IO);
        d_errfile = tmpfile();
        d_err = dup(2);
        if (d_errfile && d_err >= 0)
            dup2(fileno(d_errfile), 2);
    }
}

/* A rank other than 0 copies what it wrote to standard error meanwhile. */
static void show_own_errors(void)
{
    if (d_rank == 0 || !d_errfile || d_err < 0)
        return;
    fflush(stderr);
    int fd = fileno(d_errfile);
    if (lseek(fd, 0, SEEK_SET) < 0)
        return;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(d_err, buf + off, (size_t)(n - off));
            if (w <= 0)
                return;
            off += w;
        }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int rs_dist_finish(int code)
{
    if (!d_up)
        return code;
    fflush(stdout);
    fflush(stderr);
    if (d_size > 1) {
        MPI_Request rq;
        MPI_Ibarrier(d_end, &rq);
        int done = 0;
        double t0 = now(), grace = GRACE;
        const char *g = getenv("RS_MPI_GRACE");
        if (g && *g && atof(g) > 0)
            grace = atof(g);
        const struct timespec nap = {0, 2000000};
        for (;;) {
            MPI_Test(&rq, &done, MPI_STATUS_IGNORE);
            if (done)
                break;
            if (code && now() - t0 > grace) {
                show_own_errors();
                char msg[200];
                int n = snprintf(msg, sizeof msg,
                                 "regiosim: rank %d of %d stopped with exit code %d while the "
                                 "other ranks went on; ending the whole job, no results "
                                 "written\n",
                                 d_rank, d_size, code);
                if (n > 0 && write(d_rank ? d_err : 2, msg, (size_t)n) < 0)
                    n = 0;
                MPI_Abort(MPI_COMM_WORLD, code);
            }
            nanosleep(&nap, NULL);
        }
        /* every progress message is received: each rank's last one is an
         * end mark (messages between two ranks arrive in order) */
        long m[2] = {-1, 0};
        if (d_rank) {
            if (d_preq != MPI_REQUEST_NULL)
                MPI_Wait(&d_preq, MPI_STATUS_IGNORE);
            MPI_Send(m, 2, MPI_LONG, 0, TAG_PROGRESS, d_prog);
        } else {
            for (int left = d_size - 1; left > 0;) {
                MPI_Recv(m, 2, MPI_LONG, MPI_ANY_SOURCE, TAG_PROGRESS, d_prog, MPI_STATUS_IGNORE);
                left -= m[0] == -1;
            }
        }
        int *codes = rs_xmalloc((size_t)d_size * sizeof *codes);
        MPI_Allgather(&code, 1, MPI_INT, codes, 1, MPI_INT, d_end);
        int final = codes[0], first = 0;
        for (int r = 1; !final && r < d_size; r++)
            if (codes[r]) {
                final = codes[r];
                first = r;
            }
        free(codes);
        if (final && first == d_rank)
            show_own_errors();
        /* only the rank that spoke exits with the code: mpirun then ends
         * the job on that rank's exit, after its messages are out */
        code = first == d_rank ? final : 0;
    }
    if (d_rank == 0 && getenv("RS_MPI_STATS"))
        fprintf(stderr, "regiosim: rank 0 of %d put %.0f bytes into %ld exchanges\n", d_size,
                d_bytes, d_calls);
    MPI_Comm_free(&d_work);
    MPI_Comm_free(&d_end);
    MPI_Comm_free(&d_prog);
    free(d_seen);
    MPI_Finalize();
    d_up = 0;
    if (d_errfile)
        fclose(d_errfile);
    return code;
}

void rs_dist_progress_begin(void) { d_epoch++; }

int rs_dist_stderr_tty(void)
{
    return isatty(2) || (d_size > 1 && d_rank == 0 && isatty(1)) ||
           (d_size == 1 && getenv("OMPI_COMM_WORLD_SIZE") && isatty(1));
}

long rs_dist_progress(long done, long total)
{
    if (d_size == 1)
        return done;
    if (d_rank) {
        double t = now();
        if (t - d_plast < 0.1)
            return done;
        int free_ = 1;
        if (d_preq != MPI_REQUEST_NULL)
            MPI_Test(&d_preq, &free_, MPI_STATUS_IGNORE);
        if (free_) {
            d_pbuf[0] = d_epoch;
            d_pbuf[1] = done;
            MPI_Isend(d_pbuf, 2, MPI_LONG, 0, TAG_PROGRESS, d_prog, &d_preq);
            d_plast = t;
        }
        return done;
    }
    if (d_seen_epoch != d_epoch) {
        memset(d_seen, 0, (size_t)d_size * sizeof *d_seen);
        d_seen_epoch = d_epoch;
    }
    int flag;
    MPI_Status st;
    for (;;) {
        MPI_Iprobe(MPI_ANY_SOURCE, TAG_PROGRESS, d_prog, &flag, &st);
        if (!flag)
            break;
        long m[2];
        MPI_Recv(m, 2, MPI_LONG, st.MPI_SOURCE, TAG_PROGRESS, d_prog, MPI_STATUS_IGNORE);
        if (m[0] == d_epoch && m[1] > d_seen[st.MPI_SOURCE])
            d_seen[st.MPI_SOURCE] = m[1];
    }
    long g = done;
    for (int r = 1; r < d_size; r++)
        g += d_seen[r];
    /* the caller reports total itself, after the exchange at the end */
    return g < total ? g : total - 1;
}

int rs_dist_rank(void) { return d_rank; }
int rs_dist_size(void) { return d_size; }

int rs_dist_share(void *base, size_t item, const long *start)
{
    if (d_size == 1 || !item)
        return 0;
    if (item > INT_MAX)
        return -1;
    int *cnt = rs_xmalloc((size_t)d_size * sizeof *cnt), *dsp = rs_xmalloc((size_t)d_size * sizeof *dsp);
    for (int r = 0; r < d_size; r++) {
        if (start[r + 1] - start[r] > INT_MAX || start[r] - start[0] > INT_MAX) {
            free(cnt);
            free(dsp);
            return -1;
        }
        cnt[r] = (int)(start[r + 1] - start[r]);
        dsp[r] = (int)(start[r] - start[0]);
    }
    MPI_Datatype t;
    MPI_Type_contiguous((int)item, MPI_BYTE, &t);
    MPI_Type_commit(&t);
    char *p = (char *)base + (size_t)start[0] * item;
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, p, cnt, dsp, t, d_work);
    d_bytes += (double)cnt[d_rank] * (double)item;
    d_calls++;
    MPI_Type_free(&t);
    free(cnt);
    free(dsp);
    return 0;
}

static void allreduce(void *a, size_t n, size_t size, MPI_Datatype t, MPI_Op op)
{
    if (d_size == 1)
        return;
    for (size_t i = 0; i < n; i += PIECE) {
        size_t m = n - i < PIECE ? n - i : PIECE;
        MPI_Allreduce(MPI_IN_PLACE, (char *)a + i * size, (int)m, t, op, d_work);
        d_bytes += (double)(m * size);
        d_calls++;
    }
}

void rs_dist_sum_long(long *a, size_t n) { allreduce(a, n, sizeof *a, MPI_LONG, MPI_SUM); }
void rs_dist_sum_u32(uint32_t *a, size_t n) { allreduce(a, n, sizeof *a, MPI_UINT32_T, MPI_SUM); }
void rs_dist_min_long(long *a, size_t n) { allreduce(a, n, sizeof *a, MPI_LONG, MPI_MIN); }

int rs_dist_any(int flag)
{
    int f = flag != 0;
    if (d_size > 1)
        MPI_Allreduce(MPI_IN_PLACE, &f, 1, MPI_INT, MPI_MAX, d_work);
    return f;
}

__extension__ typedef __int128 i128;

void rs_dist_sum_i128(void *a, size_t n)
{
    if (d_size == 1 || !n)
        return;
    size_t bytes = n * sizeof(i128);
    i128 *all = rs_xmalloc(bytes * (size_t)d_size);
    MPI_Datatype t;
    MPI_Type_contiguous((int)bytes, MPI_BYTE, &t);
    MPI_Type_commit(&t);
    MPI_Allgather(a, 1, t, all, 1, t, d_work);
    d_bytes += (double)bytes;
    d_calls++;
    MPI_Type_free(&t);
    i128 *x = a;
    /* in rank order (integers: any order gives the same) */
    for (size_t i = 0; i < n; i++) {
        i128 s = 0;
        for (int r = 0; r < d_size; r++)
            s += all[(size_t)r * n + i];
        x[i] = s;
    }
    free(all);
}

void rs_dist_bcast_diag(rs_diag *d, int root)
{
    if (d_size == 1)
        return;
    long head[3] = {0, 0, 0};
    char *buf = NULL;
    if (d_rank == root) {
        size_t len = 0;
        for (size_t i = 0; i < d->n; i++)
            len += strlen(d->msg[i]) + 1;
        buf = rs_xmalloc(len + 1);
        size_t off = 0;
        for (size_t i = 0; i < d->n; i++) {
            size_t l = strlen(d->msg[i]) + 1;
            memcpy(buf + off, d->msg[i], l);
            off += l;
        }
        head[0] = d->code;
        head[1] = (long)d->n;
        head[2] = (long)len;
    }
    MPI_Bcast(head, 3, MPI_LONG, root, d_work);
    if (d_rank != root)
        buf = rs_xmalloc((size_t)head[2] + 1);
    if (head[2] > 0)
        MPI_Bcast(buf, (int)head[2], MPI_CHAR, root, d_work);
    if (d_rank != root) {
        rs_diag_free(d);
        rs_diag_init(d);
        const char *p = buf;
        for (long i = 0; i < head[1]; i++) {
            rs_diag_add(d, (int)head[0], "%s", p);
            p += strlen(p) + 1;
        }
        d->code = (int)head[0];
    }
    free(buf);
}

#endif
