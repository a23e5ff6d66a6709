/* stream.c — gsl_rng views of the counter streams of cstream.h, so that
 * GSL's exact samplers (gsl_ran_gamma) read from a stream named by what
 * it is for (see draw.c) rather than from a stream whose position depends
 * on what was drawn before.
 *
 * The type's state is an rs_cstream: get() gives the top 32 bits of the
 * next 64-bit word, get_double() the open-interval uniform of
 * rs_cstream_u01 (53 bits; never 0 or 1).  gsl_rng_set(r, s) puts it at
 * the start of the stream named (s, 0; 0, 0, 0): only for completeness,
 * the draws name their streams with rs_cstream_init on rs_mc_stream(). */
#include "internal.h"

#include <stdlib.h>

static void philox_set(void *vs, unsigned long seed)
{
    rs_cstream_init(vs, (uint64_t)seed, 0, 0, 0, 0);
}

static unsigned long philox_get(void *vs) { return (unsigned long)(rs_cstream_u64(vs) >> 32); }

static double philox_get_double(void *vs) { return rs_cstream_u01(vs); }

static const gsl_rng_type philox_type = {"philox4x64-10", 0xffffffffUL, 0, sizeof(rs_cstream),
                                         philox_set, philox_get, philox_get_double};

rs_mc_rng *rs_mc_rng_new(void)
{
    rs_mc_rng *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    for (int k = 0; k < 2; k++)
        if (!(r->g[k] = gsl_rng_alloc(&philox_type))) {
            rs_mc_rng_free(r);
            return NULL;
        }
    return r;
}

void rs_mc_rng_free(rs_mc_rng *r)
{
    if (!r)
        return;
    for (int k = 0; k < 2; k++)
        if (r->g[k])
            gsl_rng_free(r->g[k]);
    free(r);
}

rs_cstream *rs_mc_stream(gsl_rng *g) { return gsl_rng_state(g); }
