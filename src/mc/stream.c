/* stream.c — the random stream of one Monte Carlo draw.
 *
 * Draw i of seed s uses xoshiro256** (Blackman and Vigna, period 2^256 − 1)
 * whose 256-bit state is outputs 4i+1 … 4i+4 of the SplitMix64 sequence
 * that starts at the counter mix64(s).  SplitMix64 is a bijection of its
 * counter, so two draws of one seed never share a state word, and a draw
 * is put at the start of its stream with four cheap steps, in any order,
 * on any thread.  (gsl's taus2 would take a seed of only 32 bits: with 10^6
 * draws about a hundred pairs of draws would then share a stream.)
 *
 * The type is a plain gsl_rng_type, so the gsl_ran_* samplers read from it:
 * get() gives 32 bits (the top half of an output), get_double() 53. */
#include "internal.h"

#include <string.h>

#define GOLDEN 0x9e3779b97f4a7c15ULL

typedef struct xoshiro {
    uint64_t s[4];
} xoshiro;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Next output of the SplitMix64 sequence whose counter is *x. */
static uint64_t splitmix64(uint64_t *x)
{
    *x += GOLDEN;
    return mix64(*x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t xoshiro_next(xoshiro *st)
{
    uint64_t *s = st->s;
    const uint64_t out = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* gsl_rng_set: a stream from a 64-bit (or, where long has 32 bits, 32-bit)
 * seed; the draws use rs_mc_stream_seed instead. */
static void xoshiro_set(void *vs, unsigned long seed)
{
    xoshiro *st = vs;
    uint64_t x = mix64((uint64_t)seed);
    for (int k = 0; k < 4; k++)
        st->s[k] = splitmix64(&x);
}

static unsigned long xoshiro_get(void *vs) { return (unsigned long)(xoshiro_next(vs) >> 32); }

static double xoshiro_get_double(void *vs)
{
    return (double)(xoshiro_next(vs) >> 11) * 0x1.0p-53; /* [0, 1) */
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**", 0xffffffffUL, 0, sizeof(xoshiro), xoshiro_set, xoshiro_get,
    xoshiro_get_double};

gsl_rng *rs_mc_rng_alloc(void) { return gsl_rng_alloc(&xoshiro_type); }

void rs_mc_stream_seed(gsl_rng *r, unsigned long seed, long draw)
{
    xoshiro *st = gsl_rng_state(r);
    uint64_t x = mix64((uint64_t)seed) + 4 * (uint64_t)draw * GOLDEN;
    for (int k = 0; k < 4; k++)
        st->s[k] = splitmix64(&x);
}
