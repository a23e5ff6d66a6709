/* engine.c — see engine.h and docs/model.md §5–6. */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const rs_status_names[] = {"awarded", "scaled", "dropped"};
const char *const rs_series_names[] = {
    "rijk_paid",    "rijk_reclaimed", "rijk_net",       "spent",   "cofinancing_spent",
    "goal_spending", "admin_region",  "admin_rijk",     "region_balance", "planned",
    "rijk_spent"};

/* ---- awards (docs/model.md §5) ------------------------------------------ */


static void award_tranche(rs_plan *p, size_t k, rs_cand *cand)
{
    const rs_scenario *sc = p->sc;
    const rs_tranche *t = &sc->tranches[k];
    size_t n = 0;
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_deal *deal = &sc->deals[d];
        if (deal->tranche != k)
            continue;
        rs_award *a = &p->aw[d];
        const rs_region *reg = &sc->regions[deal->region];
        a->c = rs_cofin_share(t->cofin, reg);
        double R = deal->request < t->deal_cap ? deal->request : t->deal_cap;
        double C = a->c > 0 ? R * a->c / (1 - a->c) : 0;
        int bind;
        double cap_c = rs_cofin_source_capacity(reg->cofin_capacity, reg->src_capacity,
                                                t->counts, deal->src_share, &bind);
        if (C > cap_c && bind >= 0) {
            int none = bind == RS_SRC_N;
            a->why = (rs_msg){0, {C, cap_c, 0, t->cofin->shortfall_drop}, {NULL, NULL}};
            a->why.s[0] = none ? t->id : rs_cofin_source_names[bind];
            if (t->cofin->shortfall_drop || !(cap_c > 0)) {
                a->status = RS_DROPPED;
                a->why.id = none ? RS_MSG_SRC_NONE_DROP : RS_MSG_SRC_BIND_DROP;
                continue;
            }
            R = cap_c * (1 - a->c) / a->c;
            a->why.id = none ? RS_MSG_SRC_NONE_SCALE : RS_MSG_SRC_BIND_SCALE;
            a->why.x[2] = R;
        } else if (C > reg->cofin_capacity) {
            a->why = (rs_msg){0, {C, reg->cofin_capacity, 0, 0}, {NULL, NULL}};
            if (t->cofin->shortfall_drop) {
                a->status = RS_DROPPED;
                a->why.id = RS_MSG_CAP_DROP;
                continue;
            }
            R = reg->cofin_capacity * (1 - a->c) / a->c;
            a->why.id = RS_MSG_CAP_SCALE;
            a->why.x[2] = R;
        }
        if (R < t->deal_min) {
            a->status = RS_DROPPED;
            a->why = (rs_msg){RS_MSG_BELOW_MIN, {R, t->deal_min, 0, 0}, {NULL, NULL}};
            continue;
        }
        a->R = R;
        cand[n].deal = d;
        cand[n].id = deal->id;
        cand[n].pressure = reg->bw_pressure;
        cand[n].R = R;
        cand[n].A = 0;
        n++;
    }
    p->overrun[k] = t->alloc->fit(cand, n, t->budget, t->deal_min);
    for (size_t i = 0; i < n; i++) {
        rs_award *a = &p->aw[cand[i].deal];
        const rs_deal *deal = &sc->deals[cand[i].deal];
        if (cand[i].A < 0) {
            a->status = RS_DROPPED;
            a->why = (rs_msg){RS_MSG_LEFT_BELOW_MIN, {0, t->deal_min, 0, 0}, {NULL, NULL}};
            continue;
        }
        a->A = cand[i].A;
        a->C = a->c > 0 ? a->A * a->c / (1 - a->c) : 0;
        a->V = a->A + a->C;
        double q = rs_cofin_counted_share(t->counts, deal->src_share);
        for (int s = 0; s < RS_SRC_N; s++)
            a->Cs[s] = q > 0 && t->counts[s] ? a->C * deal->src_share[s] / q : 0;
        a->status = a->A < deal->request ? RS_SCALED : RS_AWARDED;
        if (a->status == RS_SCALED && !a->why.id) {
            if (deal->request > t->deal_cap && a->A == t->deal_cap)
                a->why = (rs_msg){RS_MSG_CAPPED, {0, t->deal_cap, 0, 0}, {NULL, NULL}};
            else
                a->why = (rs_msg){RS_MSG_SHARED, {0, t->budget, 0, 0}, {t->alloc->name, NULL}};
        }
    }
}

/* Latest year offset at which a deal can have a flow (docs/model.md §6.7). */
static int deal_span(const rs_scenario *sc, const rs_deal *d)
{
    const rs_tranche *t = &sc->tranches[d->tranche];
    const rs_instrument *in = &sc->instruments[d->instrument];
    int D = d->duration;
    int last = in->has_deadline ? D - 1 + in->extension_years
                                : (sc->end - t->year > D - 1 ? sc->end - t->year : D - 1);
    int pay = in->schedule->pays_award ? D - 1 + in->lag : last + in->lag;
    int settle = in->has_settlement ? last + in->settlement_lag : last;
    int m = last > pay ? last : pay;
    return (m > settle ? m : settle) + 1;
}

rs_plan *rs_plan_make(const rs_scenario *sc)
{
    rs_plan *p = rs_xcalloc(1, sizeof *p);
    p->sc = sc;
    p->aw = rs_xcalloc(sc->n_deals, sizeof *p->aw);
    p->overrun = rs_xcalloc(sc->n_tranches, sizeof *p->overrun);
    p->off = rs_xcalloc(sc->n_deals, sizeof *p->off);
    p->len = rs_xcalloc(sc->n_deals, sizeof *p->len);
    rs_cand *cand = rs_xcalloc(sc->n_deals, sizeof *cand);
    for (size_t k = 0; k < sc->n_tranches; k++)
        award_tranche(p, k, cand);
    free(cand);
    p->y0 = sc->start;
    p->ny = sc->end - sc->start + 1;
    size_t off = 0;
    for (size_t d = 0; d < sc->n_deals; d++) {
        p->off[d] = off;
        if (p->aw[d].status == RS_DROPPED)
            continue;
        p->len[d] = deal_span(sc, &sc->deals[d]);
        off += (size_t)p->len[d];
        int y = sc->tranches[sc->deals[d].tranche].year - p->y0 + p->len[d];
        if (y > p->ny)
            p->ny = y;
    }
    p->n_dy = off;
    return p;
}

void rs_plan_free(rs_plan *p)
{
    if (!p)
        return;
    free(p->aw);
    free(p->overrun);
    free(p->off);
    free(p->len);
    free(p);
}

/* ---- the run ---------------------------------------------------------- */

rs_run *rs_run_alloc(const rs_plan *p)
{
    rs_run *r = rs_xcalloc(1, sizeof *r);
    r->plan = p;
    r->admin_factor = 1;
    size_t n = p->n_dy;
    r->rho = rs_xcalloc(n, sizeof *r->rho);
    r->planned = rs_xcalloc(n, sizeof *r->planned);
    r->spent = rs_xcalloc(n, sizeof *r->spent);
    r->backlog = rs_xcalloc(n, sizeof *r->backlog);
    r->paid = rs_xcalloc(n, sizeof *r->paid);
    r->reclaimed = rs_xcalloc(n, sizeof *r->reclaimed);
    r->admin[0] = rs_xcalloc(n, sizeof *r->admin[0]);
    r->admin[1] = rs_xcalloc(n, sizeof *r->admin[1]);
    r->dr = rs_xcalloc(p->sc->n_deals, sizeof *r->dr);
    for (int i = 0; i < RS_Y_N; i++)
        r->y[i] = rs_xcalloc((size_t)p->ny, sizeof *r->y[i]);
    return r;
}

void rs_run_free(rs_run *r)
{
    if (!r)
        return;
    free(r->rho);
    free(r->planned);
    free(r->spent);
    free(r->backlog);
    free(r->paid);
    free(r->reclaimed);
    free(r->admin[0]);
    free(r->admin[1]);
    free(r->dr);
    for (int i = 0; i < RS_Y_N; i++)
        free(r->y[i]);
    free(r);
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

void rs_run_set_rho(rs_run *r)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_tranche *t = &sc->tranches[sc->deals[d].tranche];
        double shift = sc->instruments[sc->deals[d].instrument].realisation_shift;
        for (int k = 0; k < p->len[d]; k++)
            r->rho[p->off[d] + (size_t)k] =
                clamp01(rs_scenario_m(sc, sc->real_mean, t->year + k) + shift);
    }
}

rs_occ_ctx rs_run_occ(const rs_run *r, size_t d)
{
    const rs_scenario *sc = r->plan->sc;
    const rs_deal *deal = &sc->deals[d];
    const rs_instrument *in = &sc->instruments[deal->instrument];
    const rs_dealres *dr = &r->dr[d];
    rs_occ_ctx o;
    o.last_active = dr->last_active;
    o.settle = dr->settle >= 0 ? dr->settle : dr->last_active;
    o.ext_first = dr->extended ? deal->duration : -1;
    o.projects = deal->projects;
    o.partners = deal->private_partners;
    o.recipients_public = in->recipients_public;
    return o;
}

/* Cost in € of one occurrence of 'ob' before share_of_flow (docs/model.md §6.6). */
static double obligation_unit(const rs_instrument *in, const rs_obligation *ob,
                              double admin_factor)
{
    return ob->hours * admin_factor * in->tariff[ob->side] + ob->fixed_eur;
}

/* Cost (M€) of n > 0 occurrences in a year with Rijk payment paid_k. */
static double occurrences_cost(const rs_obligation *ob, int n, double unit, double paid_k)
{
    return n * unit / 1e6 + ob->share_of_flow * paid_k;
}

double rs_obligation_cost(const rs_instrument *in, const rs_obligation *ob,
                          const rs_occ_ctx *occ, double admin_factor, int k, double paid_k)
{
    int k0, k1;
    int n = ob->per->span(occ, ob->when_settlement, &k0, &k1);
    if (n <= 0 || k < k0 || k > k1)
        return 0;
    return occurrences_cost(ob, n, obligation_unit(in, ob, admin_factor), paid_k);
}

/* One deal, docs/model.md §6.2–6.6.  Writes its deal-year slots and its rs_dealres. */
static void simulate_deal(rs_run *r, size_t d)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    const rs_deal *deal = &sc->deals[d];
    const rs_tranche *t = &sc->tranches[deal->tranche];
    const rs_instrument *in = &sc->instruments[deal->instrument];
    const rs_award *a = &p->aw[d];
    rs_dealres *dr = &r->dr[d];
    size_t o = p->off[d];
    int len = p->len[d];
    double *planned = r->planned + o, *spent = r->spent + o, *backlog = r->backlog + o;
    double *paid = r->paid + o, *reclaimed = r->reclaimed + o;
    double *adm[2] = {r->admin[0] + o, r->admin[1] + o};
    const double *rho = r->rho + o;

    memset(dr, 0, sizeof *dr);
    dr->settle = -1;
    /* planned, spent and backlog are written below up to the last year of
     * spending and zeroed after it; the rest are added to */
    for (int k = 0; k < len; k++)
        paid[k] = reclaimed[k] = adm[0][k] = adm[1][k] = 0;
    if (a->status == RS_DROPPED)
        return;

    /* spending: target = planned + backlog, spent = ρ·target */
    const int D = deal->duration;
    const double V = a->V;
    int last = in->has_deadline ? D - 1 : (sc->end - t->year > D - 1 ? sc->end - t->year : D - 1);
    double B = 0, sum_planned = 0, sum_spent = 0; /* sums in locals: no store per year */
    for (int k = 0; k <= last; k++) {
        double pl = k < D ? V * deal->profile[k] : 0;
        double target = pl + B;
        double sp = rho[k] * target;
        B = target - sp;
        planned[k] = pl;
        spent[k] = sp;
        backlog[k] = B;
        sum_planned += pl;
        sum_spent += sp;
        if (in->has_deadline && k == D - 1 && in->extension_years > 0 &&
            B > in->extension_threshold * V) {
            last += in->extension_years;
            dr->extended = 1;
        }
    }
    for (int k = last + 1; k < len; k++)
        planned[k] = spent[k] = backlog[k] = 0;
    dr->planned = sum_planned;
    dr->spent = sum_spent;
    dr->last = last;
    dr->last_active = in->has_deadline ? last : D - 1;
    dr->backlog = B;
    const double ratio = V > 0 ? a->A / V : 0;
    dr->rijk_spent = ratio * dr->spent;
    dr->cofin_spent = dr->spent - dr->rijk_spent;
    dr->goal = dr->cofin_spent + dr->rijk_spent * (1 - in->off_goal_share);

    /* payments */
    rs_pay_ctx pc = {a->A, ratio, deal->profile, D, in->lag, spent, last};
    in->schedule->pay(&pc, paid, len);
    for (int k = 0; k < len; k++)
        dr->paid += paid[k];

    /* settlement */
    if (in->has_settlement) {
        dr->settle = last + in->settlement_lag;
        double unspent = dr->paid - dr->rijk_spent;
        dr->reclaimed = in->reclaim_share * (unspent > 0 ? unspent : 0);
        reclaimed[dr->settle] = dr->reclaimed;
    }
    dr->retained = dr->paid - dr->reclaimed - dr->rijk_spent;

    /* burden: as rs_obligation_cost() (the same functions, so the same
     * bits), one call per obligation for the run of years it occurs in,
     * the unit cost out of the loop and the totals in locals.  This loop
     * was the largest cost of a Monte Carlo draw after the random numbers. */
    rs_occ_ctx occ = rs_run_occ(r, d);
    double tot_region = 0, tot_rijk = 0; /* added in the same order as before */
    for (size_t i = 0; i < in->n_obl; i++) {
        const rs_obligation *ob = &in->obl[i];
        int k0, k1;
        int n = ob->per->span(&occ, ob->when_settlement, &k0, &k1);
        if (n <= 0)
            continue;
        if (k1 >= len)
            k1 = len - 1;
        const double unit = obligation_unit(in, ob, r->admin_factor);
        double *cost = adm[ob->side];
        double *tot = ob->side == RS_SIDE_REGION ? &tot_region : &tot_rijk;
        /* occurrences_cost() with its year-independent part and the share
         * read once, and the running total in a register: the same
         * operations in the same order, so the same bits, without a store
         * and reload of the total in every year */
        const double fixed = n * unit / 1e6, share = ob->share_of_flow;
        double acc = *tot;
        for (int k = k0 < 0 ? 0 : k0; k <= k1; k++) {
            double c = fixed + share * paid[k];
            cost[k] += c;
            acc += c;
        }
        *tot = acc;
    }
    dr->admin[RS_SIDE_REGION] = tot_region;
    dr->admin[RS_SIDE_RIJK] = tot_rijk;

    /* the deal's years into the yearly series, while they are in cache
     * (deal by deal and year by year, as the series were always summed) */
    double **y = r->y;
    const double keep = 1 - in->off_goal_share;
    const int y0 = t->year - p->y0;
    for (int k = 0; k < len; k++) {
        const int yy = y0 + k;
        double sp = spent[k], rs = ratio * sp;
        y[RS_Y_PAID][yy] += paid[k];
        y[RS_Y_RECLAIMED][yy] += reclaimed[k];
        y[RS_Y_SPENT][yy] += sp;
        y[RS_Y_RIJK_SPENT][yy] += rs;
        y[RS_Y_COFIN_SPENT][yy] += sp - rs;
        y[RS_Y_GOAL][yy] += sp - rs + rs * keep;
        y[RS_Y_ADMIN_REGION][yy] += adm[0][k];
        y[RS_Y_ADMIN_RIJK][yy] += adm[1][k];
        y[RS_Y_PLANNED][yy] += planned[k];
    }
}

void rs_run_simulate(rs_run *r)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    for (int i = 0; i < RS_Y_N; i++)
        memset(r->y[i], 0, (size_t)p->ny * sizeof *r->y[i]);
    for (size_t d = 0; d < sc->n_deals; d++)
        simulate_deal(r, d);
    double bal = 0;
    for (int y = 0; y < p->ny; y++) {
        r->y[RS_Y_NET][y] = r->y[RS_Y_PAID][y] - r->y[RS_Y_RECLAIMED][y];
        bal += r->y[RS_Y_NET][y] - r->y[RS_Y_RIJK_SPENT][y];
        r->y[RS_Y_BALANCE][y] = bal;
    }
}

/* ---- invariants (docs/model.md §7) -------------------------------------- */

#define RS_TOL 1e-9

/* a and b differ by more than RS_TOL relative to 'scale' (at least 1); a
 * value that is not finite always differs. */
static int differs_at(double a, double b, double scale)
{
    if (!isfinite(a) || !isfinite(b))
        return 1;
    return fabs(a - b) > RS_TOL * (scale > 1 ? scale : 1);
}

static int differs(double a, double b)
{
    return differs_at(a, b, fabs(a) > fabs(b) ? fabs(a) : fabs(b));
}

int rs_run_check(const rs_run *r, rs_diag *diag)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    int bad = 0;
    double tot[RS_Y_N] = {0};
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_award *a = &p->aw[d];
        const rs_dealres *dr = &r->dr[d];
        const char *id = sc->deals[d].id;
        if (a->status == RS_DROPPED)
            continue;
        const rs_instrument *in = &sc->instruments[sc->deals[d].instrument];
        if (differs(dr->spent + dr->backlog, a->V)) {
            rs_diag_add(diag, RS_EXIT_INTERNAL,
                        "internal error: deal '%s': spent + backlog = %.17g, volume V = %.17g "
                        "(difference %.3g M€)",
                        id, dr->spent + dr->backlog, a->V, dr->spent + dr->backlog - a->V);
            bad++;
        }
        if (dr->retained < -RS_TOL * (a->A > 1 ? a->A : 1)) {
            rs_diag_add(diag, RS_EXIT_INTERNAL,
                        "internal error: deal '%s': retained is negative (%.3g M€)", id,
                        dr->retained);
            bad++;
        }
        if (in->schedule->pays_award && differs(dr->paid, a->A)) {
            rs_diag_add(diag, RS_EXIT_INTERNAL,
                        "internal error: deal '%s': paid %.17g differs from award %.17g "
                        "(difference %.3g M€)",
                        id, dr->paid, a->A, dr->paid - a->A);
            bad++;
        }
        /* with realisation 1 throughout, spending follows the plan */
        int all_one = 1;
        for (int k = 0; k <= dr->last && all_one; k++)
            all_one = r->rho[p->off[d] + (size_t)k] == 1;
        for (int k = 0; all_one && k < p->len[d]; k++)
            if (differs(r->spent[p->off[d] + (size_t)k], r->planned[p->off[d] + (size_t)k])) {
                rs_diag_add(diag, RS_EXIT_INTERNAL,
                            "internal error: deal '%s': realisation 1 but spending in year %d "
                            "differs from the plan by %.3g M€",
                            id, sc->tranches[sc->deals[d].tranche].year + k,
                            r->spent[p->off[d] + (size_t)k] - r->planned[p->off[d] + (size_t)k]);
                bad++;
                break;
            }
        tot[RS_Y_PAID] += dr->paid;
        tot[RS_Y_RECLAIMED] += dr->reclaimed;
        tot[RS_Y_SPENT] += dr->spent;
        tot[RS_Y_COFIN_SPENT] += dr->cofin_spent;
        tot[RS_Y_GOAL] += dr->goal;
        tot[RS_Y_ADMIN_REGION] += dr->admin[0];
        tot[RS_Y_ADMIN_RIJK] += dr->admin[1];
        tot[RS_Y_PLANNED] += dr->planned;
        tot[RS_Y_RIJK_SPENT] += dr->rijk_spent;
        tot[RS_Y_BALANCE] += dr->retained;
    }
    tot[RS_Y_NET] = tot[RS_Y_PAID] - tot[RS_Y_RECLAIMED];
    for (int i = 0; i < RS_Y_N; i++) {
        double sum = 0;
        if (i == RS_Y_BALANCE)
            sum = p->ny ? r->y[i][p->ny - 1] : 0; /* a stock: its last value */
        else
            for (int y = 0; y < p->ny; y++)
                sum += r->y[i][y];
        /* the balance is a difference of large sums: its rounding scales
         * with the flows it nets, not with its own (small) value */
        double scale = i == RS_Y_BALANCE
                           ? tot[RS_Y_PAID] + tot[RS_Y_RECLAIMED] + tot[RS_Y_RIJK_SPENT]
                           : fmax(fabs(sum), fabs(tot[i]));
        if (differs_at(sum, tot[i], scale)) {
            rs_diag_add(diag, RS_EXIT_INTERNAL,
                        "internal error: yearly series %s sums to %.17g, its total is %.17g "
                        "(difference %.3g M€)",
                        rs_series_names[i], sum, tot[i], sum - tot[i]);
            bad++;
        }
    }
    return bad;
}
