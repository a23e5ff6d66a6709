/* cstream.h — counter-based random streams for common random numbers.
 *
 * A stream is a function of its name, not of what was drawn before it:
 * block n of the stream named (key k0, k1; counter words c0, c1, c2) is
 * Philox4x64-10 (Salmon et al. 2011, Random123) of the counter
 * {c0, c1, c2, n} under the key {k0, k1}, and each block gives four 64-bit
 * words.  So the numbers of a deal-year can be named by (seed, draw, deal
 * id, calendar year) and are the same whatever other deals, instruments or
 * orderings a scenario has, on any thread, in any process.
 *
 * Philox4x64-10 passes TestU01's BigCrush for every key; distinct
 * (key, counter) pairs give independent-looking blocks.  The known answer
 * for counter and key all zero is 16554d9eca36314c … (a unit test).
 *
 * Everything here is inline and allocates nothing: the draw loop calls it
 * once per number. */
#ifndef RS_MC_CSTREAM_H
#define RS_MC_CSTREAM_H

#include <Random123/philox.h>
#include <stdint.h>

typedef struct rs_cstream {
    philox4x64_key_t key;
    philox4x64_ctr_t ctr; /* v[3] is the block number */
    philox4x64_ctr_t out; /* the current block */
    int i;                /* next unused word of out */
    int end;              /* words of out this stream owns end here (4, or 2) */
} rs_cstream;

/* Puts 's' at the start of the stream named (k0, k1; c0, c1, c2). */
static inline void rs_cstream_init(rs_cstream *s, uint64_t k0, uint64_t k1, uint64_t c0,
                                   uint64_t c1, uint64_t c2)
{
    s->key.v[0] = k0;
    s->key.v[1] = k1;
    s->ctr.v[0] = c0;
    s->ctr.v[1] = c1;
    s->ctr.v[2] = c2;
    s->ctr.v[3] = 0;
    s->i = s->end = 4;
}

/* The next 64-bit word of the stream. */
static inline uint64_t rs_cstream_u64(rs_cstream *s)
{
    if (s->i == s->end) {
        s->out = philox4x64(s->ctr, s->key);
        s->ctr.v[3]++;
        s->i = 0;
        s->end = 4;
    }
    return s->out.v[s->i++];
}

/* Puts 'x' and 'y' at the start of the pair of streams named (k0, k1; c0,
 * c1, 2·t) and (k0, k1; c0, c1, 2·t + 1), which share their first block:
 * one Philox block B = block 0 of (…, 2·t) is computed, 'x' reads B's words
 * 0 and 1 and then blocks 1, 2, … of (…, 2·t); 'y' reads B's words 2 and 3
 * and then blocks 0, 1, … of (…, 2·t + 1).  So neither stream's words
 * depend on how many the other reads (the common random numbers of a Beta's
 * two gammas stay separate), and a deal-year whose two gammas need two
 * words each (about 95% of them) costs one block instead of two. */
static inline void rs_cstream_pair(rs_cstream *x, rs_cstream *y, uint64_t k0, uint64_t k1,
                                   uint64_t c0, uint64_t c1, uint64_t t)
{
    rs_cstream_init(x, k0, k1, c0, c1, 2 * t);
    rs_cstream_init(y, k0, k1, c0, c1, 2 * t + 1);
    x->out = y->out = philox4x64(x->ctr, x->key);
    x->ctr.v[3] = 1;
    x->i = 0;
    x->end = 2;
    y->i = 2;
    y->end = 4;
}

/* A uniform number in the open interval (0, 1): the top 53 bits of the
 * next word, centred in their cell, so that 0 and 1 never occur (log and
 * division by it are always safe). */
static inline double rs_cstream_u01(rs_cstream *s)
{
    return ((double)(rs_cstream_u64(s) >> 11) + 0.5) * 0x1.0p-53;
}

/* A 64-bit name for a text (a deal id): FNV-1a over its bytes, then the
 * SplitMix64 finaliser so that ids that differ in one letter give names
 * that differ in about half their bits. */
static inline uint64_t rs_cstream_hash(const char *text)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

#endif
