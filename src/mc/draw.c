/* draw.c — the random inputs of one Monte Carlo draw (docs/model.md §9), as
 * common random numbers: every number is named by what it is for, never
 * by how many numbers were drawn before it (cstream.h).
 *
 *   draw level   stream (seed, RS_MC_KEY_DRAW; draw, 0, 0), words 1–3:
 *                u1 < shock.probability: the draw has a shock year;
 *                the shock year's index in the horizon, ⌊u2·years⌋
 *                (drawn even without a shock); z = Φ⁻¹(u3):
 *                admin_factor = exp(ln_mu + ln_sigma·z) (exactly 1 when
 *                admin_spread is 0).  So these depend on (seed, draw) only.
 *   deal-year    ρ ~ Beta(μκ, (1−μ)κ) of deal d in calendar year t is
 *                X/(X + Y) with X ~ Gamma(μκ) read from the stream
 *                (seed, RS_MC_KEY_DEAL; draw, hash(id of d), 2t) and
 *                Y ~ Gamma((1−μ)κ) from (…; draw, hash(id of d), 2t + 1),
 *                the two sharing their first Philox block (rs_cstream_pair:
 *                X its words 0–1, Y its words 2–3, each then its own),
 *                by the exact samplers of sample.h (Marsaglia–Tsang
 *                gammas over a 256-layer ziggurat normal, the constants of
 *                each distinct (μκ, (1−μ)κ) made once in the layout); times
 *                (1 − severity) in the shock year.  So a deal-year's ρ
 *                depends on (seed, draw, deal id, calendar year) and its
 *                own μ and κ only: adding, removing or reordering other
 *                deals, tranches or instruments changes nothing for it,
 *                and two scenarios that give the deal a different μ (an
 *                instrument's realisation_shift) read the same uniforms
 *                for X and for Y, so their ρ move together.
 * Deal-years that cannot have spending (payments after the last year,
 * settlement) keep ρ = 0: the engine does not read them. */
#include "internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

/* Offset of the last year in which deal d can spend (docs/model.md §6.2). */
static int last_spend(const rs_scenario *sc, size_t d)
{
    const rs_deal *deal = &sc->deals[d];
    const rs_tranche *t = &sc->tranches[deal->tranche];
    const rs_instrument *in = &sc->instruments[deal->instrument];
    int D = deal->duration;
    if (in->has_deadline)
        return D - 1 + in->extension_years;
    return sc->end - t->year > D - 1 ? sc->end - t->year : D - 1;
}

/* Checks what the scenario loader cannot know is needed here. */
static int usable(const rs_scenario *sc, const rs_uncertainty *u, rs_diag *diag)
{
    const char *why = NULL;
    if (u->draws < 1)
        why = "draws must be at least 1";
    else if (!(u->concentration > 0) || !isfinite(u->concentration))
        why = "realisation.concentration must be a number > 0";
    else if (!(u->real_mean >= 0 && u->real_mean <= 1))
        why = "realisation.mean must be a share from 0 to 1";
    else if (!(u->shock_probability >= 0 && u->shock_probability <= 1) ||
             !(u->shock_severity >= 0 && u->shock_severity <= 1))
        why = "shock probability and severity must be shares from 0 to 1";
    else if (!(u->admin_spread >= 0) || !isfinite(u->admin_spread))
        why = "admin_spread must be a number ≥ 0";
    else if (sc->end < sc->start)
        why = "the horizon is empty";
    if (why)
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: $.uncertainty: %s", sc->file ? sc->file : "",
                    why);
    return why == NULL;
}

/* Index of the shape pair (a, b) in l->shapes, added when new.  μ depends
 * only on the instrument and the calendar year, so there are few distinct
 * pairs (two in the benchmark), and the linear search is short; their
 * sampler constants are computed here once, not per draw. */
static uint32_t shape_index(rs_mc_layout *l, double a, double b)
{
    for (size_t k = 0; k < l->n_shapes; k++)
        if (l->shapes[k].x.a == a && l->shapes[k].y.a == b)
            return (uint32_t)k;
    if (l->n_shapes == l->cap_shapes) {
        l->cap_shapes = l->cap_shapes ? 2 * l->cap_shapes : 8;
        l->shapes = rs_xrealloc(l->shapes, l->cap_shapes * sizeof *l->shapes);
    }
    rs_beta_prep(&l->shapes[l->n_shapes], a, b);
    return (uint32_t)l->n_shapes++;
}

rs_mc_layout *rs_mc_layout_make(const rs_plan *p, const rs_uncertainty *u, rs_diag *diag)
{
    const rs_scenario *sc = p->sc;
    if (!usable(sc, u, diag))
        return NULL;
    rs_mc_layout *l = rs_xcalloc(1, sizeof *l);
    for (size_t d = 0; d < sc->n_deals; d++)
        if (p->aw[d].status != RS_DROPPED)
            l->n += (size_t)last_spend(sc, d) + 1;
    l->slot = rs_xcalloc(l->n, sizeof *l->slot);
    l->alpha = rs_xcalloc(l->n, sizeof *l->alpha);
    l->beta = rs_xcalloc(l->n, sizeof *l->beta);
    l->year = rs_xcalloc(l->n, sizeof *l->year);
    l->cal = rs_xcalloc(l->n, sizeof *l->cal);
    l->deal = rs_xcalloc(l->n, sizeof *l->deal);
    l->shape = rs_xcalloc(l->n, sizeof *l->shape);
    const double kappa = u->concentration;
    size_t j = 0;
    for (size_t d = 0; d < sc->n_deals; d++) {
        if (p->aw[d].status == RS_DROPPED)
            continue;
        const rs_tranche *t = &sc->tranches[sc->deals[d].tranche];
        double shift = sc->instruments[sc->deals[d].instrument].realisation_shift;
        uint64_t h = rs_cstream_hash(sc->deals[d].id);
        for (int k = 0; k <= last_spend(sc, d); k++, j++) {
            double mu = clamp(rs_scenario_m(sc, u->real_mean, t->year + k) + shift, 0.001, 0.999);
            l->slot[j] = p->off[d] + (size_t)k;
            l->alpha[j] = mu * kappa;
            l->beta[j] = (1 - mu) * kappa;
            l->year[j] = t->year + k - sc->start;
            l->cal[j] = t->year + k;
            l->deal[j] = h;
            l->shape[j] = shape_index(l, l->alpha[j], l->beta[j]);
        }
    }
    l->n_years = sc->end - sc->start + 1;
    l->shock_p = u->shock_probability;
    l->shock_keep = 1 - u->shock_severity;
    double s2 = log1p(u->admin_spread * u->admin_spread);
    l->ln_sigma = sqrt(s2);
    l->ln_mu = -s2 / 2;
    return l;
}

void rs_mc_layout_free(rs_mc_layout *l)
{
    if (!l)
        return;
    free(l->slot);
    free(l->alpha);
    free(l->beta);
    free(l->year);
    free(l->cal);
    free(l->deal);
    free(l->shape);
    free(l->shapes);
    free(l);
}

double rs_mc_beta(rs_mc_rng *r, double a, double b)
{
    rs_beta_shape sh;
    rs_beta_prep(&sh, a, b);
    return rs_beta(rs_mc_stream(r->g[0]), rs_mc_stream(r->g[1]), &sh);
}

int rs_mc_draw_level(const rs_mc_layout *l, unsigned long seed, long draw, double *admin_factor)
{
    rs_cstream s;
    rs_cstream_init(&s, (uint64_t)seed, RS_MC_KEY_DRAW, (uint64_t)draw, 0, 0);
    double u1 = rs_cstream_u01(&s), u2 = rs_cstream_u01(&s), u3 = rs_cstream_u01(&s);
    int year = (int)(u2 * (double)l->n_years);
    if (year >= l->n_years) /* u2 < 1, but guard the product's rounding */
        year = l->n_years - 1;
    *admin_factor = l->ln_sigma > 0 ? exp(l->ln_mu + l->ln_sigma * gsl_cdf_ugaussian_Pinv(u3))
                                    : 1.0;
    return u1 < l->shock_p ? year : -1;
}

int rs_mc_draw(const rs_mc_layout *l, unsigned long seed, long draw, rs_mc_rng *r, rs_run *run)
{
    (void)r; /* the samplers read their streams directly (sample.h) */
    int shock_year = rs_mc_draw_level(l, seed, draw, &run->admin_factor);
    double *rho = run->rho;
    const uint64_t k0 = (uint64_t)seed, c0 = (uint64_t)draw;
    for (size_t j = 0; j < l->n; j++) {
        rs_cstream sx, sy;
        rs_cstream_pair(&sx, &sy, k0, RS_MC_KEY_DEAL, c0, l->deal[j], (uint64_t)(int64_t)l->cal[j]);
        double x = rs_beta(&sx, &sy, &l->shapes[l->shape[j]]);
        rho[l->slot[j]] = l->year[j] == shock_year ? x * l->shock_keep : x;
    }
    return shock_year >= 0;
}
