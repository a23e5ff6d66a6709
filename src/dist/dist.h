/* dist.h — one study over many processes (MPI ranks), with the same bytes
 * as one process.
 *
 * Built with -DRS_MPI (make MPI=1) these functions use MPI; otherwise they
 * are the single-process case: rank 0 of 1, every block is everything, and
 * the exchanges do nothing.  Nothing else in regiosim calls MPI.
 *
 * The rules that keep a result independent of the number of ranks K:
 *   - work is a list of items (chunks of draws, or (variant, chunk) tasks)
 *     whose bounds depend only on the number of draws; rank r takes the
 *     fixed block r of that list (rs_dist_block), never a share chosen at
 *     run time;
 *   - every rank computes its items' partial results exactly as one
 *     process would (the random numbers of a draw are named by seed and
 *     draw, mc/cstream.h), into the item's own slot;
 *   - rs_dist_share then gives every rank every item's slot, so every rank
 *     combines the items in item order, the same floating-point operations
 *     as one process; the only reductions MPI does are of integers (counts
 *     and minima), which are exact in any order;
 *   - every rank therefore ends with the same numbers and goes on through
 *     the command the same way; only rank 0 writes the result folder and
 *     prints (the other ranks' standard output is discarded and their
 *     standard error is kept aside, see rs_dist_finish).
 *
 * Threads: MPI is called only from the thread that called rs_dist_init
 * (MPI_THREAD_FUNNELED): outside OpenMP parallel regions, or inside them
 * from the master thread. */
#ifndef RS_DIST_H
#define RS_DIST_H

#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

/* Starts MPI (when built with it).  On ranks other than 0, standard output
 * goes to /dev/null and standard error to a private temporary file. */
void rs_dist_init(int *argc, char ***argv);
/* Ends the job with one exit code.  Every rank calls it with its own code;
 * when all arrive, the job's code is rank 0's, or else the first non-zero
 * one (whose rank then prints its messages).  A rank that arrives with a
 * failure while others do not arrive within a grace period (they wait in
 * an exchange it will never join) prints its messages and aborts the whole
 * job with its code.  Returns the code main should return. */
int rs_dist_finish(int code);

int rs_dist_rank(void);
int rs_dist_size(void);
/* 1 on rank 0: the rank that writes results and prints. */
int rs_dist_root(void);

/* Block r of items first … first+n−1: [*lo, *hi).  Blocks are in rank
 * order, contiguous, and their sizes differ by at most one. */
void rs_dist_block_of(int r, long first, long n, long *lo, long *hi);
/* This rank's block. */
void rs_dist_block(long first, long n, long *lo, long *hi);
/* The rank whose block holds item i. */
int rs_dist_owner(long first, long n, long i);

/* Items start[r] … start[r+1]−1 (r = 0 … K−1, start has K+1 entries,
 * non-decreasing) of the array 'base' (items of 'item' bytes each) were
 * filled by rank r; afterwards every rank has all of them.  Returns 0, or
 * -1 when an item or a block is too large to send. */
int rs_dist_share(void *base, size_t item, const long *start);
/* The same with the blocks of rs_dist_block_of(·, first, n). */
int rs_dist_share_blocks(void *base, size_t item, long first, long n);

/* Element-wise integer sums and minima over all ranks, in place, on every
 * rank (integers: the same in any order). */
void rs_dist_sum_long(long *a, size_t n);
void rs_dist_sum_u32(uint32_t *a, size_t n);
void rs_dist_sum_i128(void *a, size_t n); /* n __int128 */
void rs_dist_min_long(long *a, size_t n);
/* 1 on every rank when 'flag' is non-zero on any. */
int rs_dist_any(int flag);

/* Rank 'root''s messages and code replace those of 'd' on every other
 * rank. */
void rs_dist_bcast_diag(rs_diag *d, int root);

/* Progress over all ranks.  Every rank calls rs_dist_progress_begin() at
 * the start of each distributed loop (the same loops in the same order on
 * every rank), then rs_dist_progress(its own units done, the job's total)
 * from the main thread as it goes.  Ranks other than 0 pass their count on
 * to rank 0 (at most 10 times a second, without waiting); on rank 0 it
 * returns the units done by all ranks as far as it has heard (less than
 * total: the caller reports total itself at the end). */
void rs_dist_progress_begin(void);
/* Whether standard error reaches a terminal, for a progress bar: under
 * mpirun rank 0's standard error is a pipe to mpirun even when mpirun's is
 * a terminal, so there its standard output (a terminal then) stands in. */
int rs_dist_stderr_tty(void);
long rs_dist_progress(long done, long total);

#endif
