/* draw.c — the random inputs of one Monte Carlo draw (MODEL.md §6).
 *
 * A draw reads its stream (stream.c) in this fixed order:
 *   1. u ~ U[0,1): the draw has a shock year when u < shock.probability;
 *   2. the shock year's index in the horizon, uniform over start … end
 *      (drawn even when there is no shock, so that the rest of the stream
 *      does not depend on the shock probability);
 *   3. z ~ N(0,1) (ziggurat): admin_factor = exp(ln_mu + ln_sigma·z),
 *      exactly 1 when admin_spread is 0;
 *   4. ρ of every deal-year that can have spending, deal by deal in
 *      scenario order and year by year within a deal, from
 *      Beta(μκ, (1−μ)κ) (gsl_ran_beta), times (1 − severity) in the shock
 *      year.
 * Deal-years that cannot have spending (payments after the last year,
 * settlement) keep ρ = 0: the engine does not read them. */
#include "internal.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

/* Offset of the last year in which deal d can spend (MODEL.md §3.2). */
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
    const double kappa = u->concentration;
    size_t j = 0;
    for (size_t d = 0; d < sc->n_deals; d++) {
        if (p->aw[d].status == RS_DROPPED)
            continue;
        const rs_tranche *t = &sc->tranches[sc->deals[d].tranche];
        double shift = sc->instruments[sc->deals[d].instrument].realisation_shift;
        for (int k = 0; k <= last_spend(sc, d); k++, j++) {
            double mu = clamp(rs_scenario_m(sc, u->real_mean, t->year + k) + shift, 0.001, 0.999);
            l->slot[j] = p->off[d] + (size_t)k;
            l->alpha[j] = mu * kappa;
            l->beta[j] = (1 - mu) * kappa;
            l->year[j] = t->year + k - sc->start;
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
    free(l);
}

int rs_mc_draw(const rs_mc_layout *l, gsl_rng *r, rs_run *run)
{
    double u = gsl_rng_uniform(r);
    int shock_year = (int)gsl_rng_uniform_int(r, (unsigned long)l->n_years);
    int shocked = u < l->shock_p;
    if (!shocked)
        shock_year = -1;
    double z = gsl_ran_gaussian_ziggurat(r, 1.0);
    run->admin_factor = l->ln_sigma > 0 ? exp(l->ln_mu + l->ln_sigma * z) : 1.0;
    double *rho = run->rho;
    for (size_t j = 0; j < l->n; j++) {
        double x = gsl_ran_beta(r, l->alpha[j], l->beta[j]);
        rho[l->slot[j]] = l->year[j] == shock_year ? x * l->shock_keep : x;
    }
    return shocked;
}
