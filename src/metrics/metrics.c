/* metrics.c — see metrics.h. */
#include "metrics.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const rs_metric_info rs_metric_infos[RS_M_N] = {
    {"rijk_awarded", "M€", "Rijk money awarded, ΣA", 0},
    {"rijk_paid", "M€", "Rijk money paid out (all years, incl. after the horizon)", 0},
    {"rijk_reclaimed", "M€", "reclaimed by the Rijk at settlement (vaststelling)", 0},
    {"rijk_net", "M€", "paid − reclaimed: what the deals cost the Rijk", 0},
    {"cofinancing", "M€", "co-financing agreed, ΣC", 0},
    {"volume", "M€", "total deal volume, ΣV = ΣA + ΣC", 0},
    {"leverage", "ratio", "volume / rijk_awarded (2 at 50% co-financing)", 0},
    {"spent", "M€", "spending on the deals, both shares", 0},
    {"cofinancing_spent", "M€", "the region-funded part of spent", 0},
    {"goal_spending", "M€", "spending that serves the deal goals: co-financed + Rijk-funded·(1 − off_goal_share)", 0},
    {"retained", "M€", "Rijk money neither spent on the deals nor reclaimed: stays with the regions", 0},
    {"admin_region", "M€", "administrative burden borne by the regions", 0},
    {"admin_rijk", "M€", "administrative burden borne by the Rijk", 0},
    {"admin_total", "M€", "admin_region + admin_rijk", 0},
    {"admin_pct", "share", "admin_total / rijk_awarded (a share: 0.01 is 1%)", 0},
    {"effectiveness", "ratio", "goal_spending / (rijk_net + cofinancing_spent + admin_total)", 0},
    {"delay_years", "years", "mean year of spending minus mean year of planned spending", 0},
    {"npv_rijk", "M€", "Σ (paid − reclaimed) discounted to horizon.start at discount_rate", 0},
    {"deals_awarded", "deals", "deals not dropped (incl. scaled ones)", 0},
    {"deals_scaled", "deals", "awarded with A < request", 0},
    {"deals_dropped", "deals", "deals not made (co-financing shortfall, deal_min, budget)", 0},
    {"budget_overrun", "M€", "Σ over as_requested tranches of max(0, ΣA − budget)", 1},
    {"gini_per_capita", "ratio", "Gini of the Rijk award per inhabitant over all regions (0 equal … 1); overlapping regions count apart (docs/model.md §8.3)", 1},
    {"pressure_correlation", "ratio", "Pearson correlation of award per inhabitant with bw_pressure", 1},
    {"goal_per_rijk_net", "ratio", "goal_spending / rijk_net: goal euros per net Rijk euro (added to MODEL.md §5)", 0},
    {"cofinancing_public", "M€", "the part of ΣC that is public money (cofin_sources)", 0},
    {"cofinancing_private", "M€", "the part of ΣC that is private money (cofin_sources)", 0},
    {"cofinancing_in_kind", "M€", "the part of ΣC contributed in kind: spending without a cash flow", 0},
    {"in_kind_spent", "M€", "the part of spent delivered in kind (no money changes hands)", 0},
};

double rs_gini(double *x, size_t n)
{
    if (!n)
        return 0;
    gsl_sort(x, 1, n);
    double sum = 0, w = 0;
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
        /* Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n − 1)·x_(i), i from 1, sorted */
        w += (2.0 * (double)(i + 1) - (double)n - 1.0) * x[i];
    }
    if (sum <= 0)
        return 0;
    return w / ((double)n * sum);
}

double rs_correlation(const double *x, const double *y, size_t n)
{
    if (n < 2)
        return 0;
    double vx = gsl_stats_variance(x, 1, n), vy = gsl_stats_variance(y, 1, n);
    if (!(vx > 0) || !(vy > 0))
        return 0;
    return gsl_stats_correlation(x, 1, y, 1, n);
}

static double ratio(double a, double b) { return b != 0 ? a / b : 0; }

#define DISC_MEMO 128

/* disc^e, remembered in memo[e] (0 = not yet) for 0 ≤ e < DISC_MEMO. */
static double discount(double disc, int e, double *memo)
{
    if (e < 0 || e >= DISC_MEMO)
        return pow(disc, (double)e);
    if (memo[e] == 0)
        memo[e] = pow(disc, (double)e);
    return memo[e];
}

/* The sums of one deal into out[] and its year sums into ys[4]
 * (Σ t·spent, Σ t·planned, Σ spent, Σ planned) and out[NPV] when 'years'
 * (a subset: over all deals the year sums come from the yearly series).
 * x[region] gets the award when x is not NULL. */
static void add_deal(const rs_run *r, size_t d, int years, double disc, double *memo,
                     double *out, double *ys, double *x)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    const rs_deal *deal = &sc->deals[d];
    const rs_award *a = &p->aw[d];
    if (a->status == RS_DROPPED) {
        out[RS_M_DEALS_DROPPED]++;
        return;
    }
    const rs_dealres *dr = &r->dr[d];
    out[RS_M_DEALS_AWARDED]++;
    out[RS_M_DEALS_SCALED] += a->status == RS_SCALED;
    out[RS_M_RIJK_AWARDED] += a->A;
    out[RS_M_COFINANCING] += a->C;
    out[RS_M_COFIN_PUBLIC] += a->Cs[RS_SRC_PUBLIC];
    out[RS_M_COFIN_PRIVATE] += a->Cs[RS_SRC_PRIVATE];
    out[RS_M_COFIN_IN_KIND] += a->Cs[RS_SRC_IN_KIND];
    out[RS_M_IN_KIND_SPENT] += a->V > 0 ? dr->spent * a->Cs[RS_SRC_IN_KIND] / a->V : 0;
    out[RS_M_VOLUME] += a->V;
    out[RS_M_RIJK_PAID] += dr->paid;
    out[RS_M_RIJK_RECLAIMED] += dr->reclaimed;
    out[RS_M_SPENT] += dr->spent;
    out[RS_M_COFINANCING_SPENT] += dr->cofin_spent;
    out[RS_M_GOAL_SPENDING] += dr->goal;
    out[RS_M_RETAINED] += dr->retained;
    out[RS_M_ADMIN_REGION] += dr->admin[0];
    out[RS_M_ADMIN_RIJK] += dr->admin[1];
    if (x)
        x[deal->region] += a->A;
    if (!years)
        return;
    int y = sc->tranches[deal->tranche].year;
    size_t o = p->off[d];
    for (int k = 0; k < p->len[d]; k++) {
        double t = (double)(y + k);
        ys[0] += t * r->spent[o + k];
        ys[1] += t * r->planned[o + k];
        ys[2] += r->spent[o + k];
        ys[3] += r->planned[o + k];
        double net = r->paid[o + k] - r->reclaimed[o + k];
        if (net != 0)
            out[RS_M_NPV_RIJK] += net / discount(disc, y + k - sc->start, memo);
    }
}

/* The ratios of out[] from its sums and the year sums ys[4]. */
static void finish(double *out, const double *ys)
{
    out[RS_M_RIJK_NET] = out[RS_M_RIJK_PAID] - out[RS_M_RIJK_RECLAIMED];
    out[RS_M_LEVERAGE] = ratio(out[RS_M_VOLUME], out[RS_M_RIJK_AWARDED]);
    out[RS_M_ADMIN_TOTAL] = out[RS_M_ADMIN_REGION] + out[RS_M_ADMIN_RIJK];
    out[RS_M_ADMIN_PCT] = ratio(out[RS_M_ADMIN_TOTAL], out[RS_M_RIJK_AWARDED]);
    out[RS_M_EFFECTIVENESS] =
        ratio(out[RS_M_GOAL_SPENDING],
              out[RS_M_RIJK_NET] + out[RS_M_COFINANCING_SPENT] + out[RS_M_ADMIN_TOTAL]);
    /* no spending (realisation 0) or no plan: no delay to measure, 0 (not
     * "0 − 2024.5", which the ratio rule alone would give) */
    out[RS_M_DELAY_YEARS] = ys[2] > 0 && ys[3] > 0 ? ys[0] / ys[2] - ys[1] / ys[3] : 0;
    out[RS_M_GOAL_PER_RIJK_NET] = ratio(out[RS_M_GOAL_SPENDING], out[RS_M_RIJK_NET]);
}

/* Award per inhabitant x and bw_pressure pr of every region (both in
 * 'work') into the fairness metrics of out.  x holds the awards summed in
 * deal order. */
static void fairness(const rs_scenario *sc, double *x, const double *pr, double *out)
{
    for (size_t i = 0; i < sc->n_regions; i++)
        x[i] /= sc->regions[i].population;
    out[RS_M_PRESSURE_CORRELATION] = rs_correlation(x, pr, sc->n_regions);
    out[RS_M_GINI_PER_CAPITA] = rs_gini(x, sc->n_regions);
}

void rs_metrics_fixed(const rs_plan *p, double *work, double *fixed)
{
    const rs_scenario *sc = p->sc;
    memset(fixed, 0, RS_M_N * sizeof *fixed);
    double *x = work, *pr = work + sc->n_regions;
    for (size_t i = 0; i < sc->n_regions; i++) {
        x[i] = 0;
        pr[i] = sc->regions[i].bw_pressure;
    }
    /* the same sums in the same order as add_deal's, so the same bits */
    for (size_t d = 0; d < sc->n_deals; d++)
        if (p->aw[d].status != RS_DROPPED)
            x[sc->deals[d].region] += p->aw[d].A;
    fairness(sc, x, pr, fixed);
}

/* rs_metrics_compute; with 'fixed' (all deals only, 'work' unused) the
 * fairness metrics are copied from it instead of computed again. */
static void compute(const rs_run *r, rs_subset sub, size_t index, double *work,
                    const double *fixed, double *out)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    memset(out, 0, RS_M_N * sizeof *out);
    double *x = fixed ? NULL : work, *pr = fixed ? NULL : work + sc->n_regions;
    for (size_t i = 0; x && i < sc->n_regions; i++) {
        x[i] = 0;
        pr[i] = sc->regions[i].bw_pressure;
    }
    double ys[4] = {0, 0, 0, 0};
    const double disc = 1 + sc->discount_rate;
    /* (1 + rate)^e for the first DISC_MEMO exponents, each computed once by
     * pow() (so the same bits as calling pow every time): the pow calls
     * were most of the cost of this function in a Monte Carlo draw */
    double memo[DISC_MEMO] = {0};
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_deal *deal = &sc->deals[d];
        if ((sub == RS_SUB_TRANCHE && deal->tranche != index) ||
            (sub == RS_SUB_REGION && deal->region != index))
            continue;
        add_deal(r, d, sub != RS_SUB_ALL, disc, memo, out, ys, x);
    }
    if (sub == RS_SUB_ALL) {
        /* over all deals the year sums are the yearly series' (the same sums
         * in another order): ny years instead of every deal-year, which keeps
         * this function small next to a Monte Carlo draw */
        for (int y = 0; y < p->ny; y++) {
            double t = (double)(p->y0 + y);
            ys[0] += t * r->y[RS_Y_SPENT][y];
            ys[1] += t * r->y[RS_Y_PLANNED][y];
            ys[2] += r->y[RS_Y_SPENT][y];
            ys[3] += r->y[RS_Y_PLANNED][y];
            double net = r->y[RS_Y_NET][y];
            if (net != 0)
                out[RS_M_NPV_RIJK] += net / discount(disc, p->y0 + y - sc->start, memo);
        }
    }
    finish(out, ys);
    for (size_t k = 0; k < sc->n_tranches; k++) {
        int in = sub == RS_SUB_ALL || (sub == RS_SUB_TRANCHE && k == index);
        if (in)
            out[RS_M_BUDGET_OVERRUN] += p->overrun[k];
    }
    if (sub == RS_SUB_REGION)
        return; /* fairness across regions is not a property of one region */
    if (fixed) {
        out[RS_M_PRESSURE_CORRELATION] = fixed[RS_M_PRESSURE_CORRELATION];
        out[RS_M_GINI_PER_CAPITA] = fixed[RS_M_GINI_PER_CAPITA];
        return;
    }
    fairness(sc, x, pr, out);
}

void rs_metrics_compute(const rs_run *r, rs_subset sub, size_t index, double *work, double *out)
{
    compute(r, sub, index, work, NULL, out);
}

void rs_metrics_compute_draw(const rs_run *r, const double *fixed, double *out)
{
    compute(r, RS_SUB_ALL, 0, NULL, fixed, out);
}

/* ---- every tranche and every region in one pass ------------------------- */

typedef struct reg_award {
    size_t region, deal;
    double A;
} reg_award;

static int by_region_then_deal(const void *a, const void *b)
{
    const reg_award *x = a, *y = b;
    if (x->region != y->region)
        return x->region < y->region ? -1 : 1;
    return x->deal < y->deal ? -1 : x->deal > y->deal;
}

/* Gini and pressure correlation over all n regions of award per
 * inhabitant x, given only the regions with a deal in the subset (their
 * awards in 'ra', m entries, sorted by region then deal); the other n − m
 * regions have x = 0.  The Gini is rs_gini's sum without its zero terms
 * (the same value, bit for bit); the correlation is Pearson's, two-pass,
 * with the zeros' part in closed form.  'pm', 'pss' and 'psd': mean of
 * bw_pressure, Σ (p − pm)² and Σ (p − pm) over all regions.  'y' holds m
 * doubles. */
static void fairness_sparse(const rs_scenario *sc, const reg_award *ra, size_t m, double pm,
                            double pss, double psd, double *y, size_t *yr, double *gini,
                            double *corr)
{
    const size_t n = sc->n_regions;
    size_t k = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        double A = 0;
        while (j < m && ra[j].region == ra[i].region)
            A += ra[j++].A;
        yr[k] = ra[i].region;
        y[k++] = A / sc->regions[ra[i].region].population;
        i = j;
    }
    /* correlation first: it needs y in region order with yr */
    double sx = 0;
    for (size_t i = 0; i < k; i++)
        sx += y[i];
    double mx = n ? sx / (double)n : 0, ssx = 0, cov = 0, spd = 0;
    for (size_t i = 0; i < k; i++) {
        double dp = sc->regions[yr[i]].bw_pressure - pm;
        ssx += (y[i] - mx) * (y[i] - mx);
        cov += (y[i] - mx) * dp;
        spd += dp;
    }
    ssx += (double)(n - k) * mx * mx;
    cov += -mx * (psd - spd);
    *corr = n >= 2 && ssx > 0 && pss > 0 ? cov / sqrt(ssx * pss) : 0;
    gsl_sort(y, 1, k);
    double sum = 0, w = 0;
    const size_t z = n - k;
    for (size_t i = 0; i < k; i++) {
        sum += y[i];
        w += (2.0 * (double)(z + i + 1) - (double)n - 1.0) * y[i];
    }
    *gini = sum > 0 ? w / ((double)n * sum) : 0;
}

void rs_metrics_groups(const rs_run *r, double *tranche_out, double *region_out)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    const size_t nt = sc->n_tranches, nr = sc->n_regions, nd = sc->n_deals;
    const double disc = 1 + sc->discount_rate;
    double memo[DISC_MEMO] = {0};
    double *tys = rs_xcalloc(4 * (nt + 1), sizeof *tys), *rys = rs_xcalloc(4 * (nr + 1), sizeof *rys);
    if (tranche_out)
        memset(tranche_out, 0, nt * RS_M_N * sizeof *tranche_out);
    if (region_out)
        memset(region_out, 0, nr * RS_M_N * sizeof *region_out);
    for (size_t d = 0; d < nd; d++) {
        const rs_deal *deal = &sc->deals[d];
        if (tranche_out)
            add_deal(r, d, 1, disc, memo, tranche_out + deal->tranche * RS_M_N,
                     tys + 4 * deal->tranche, NULL);
        if (region_out)
            add_deal(r, d, 1, disc, memo, region_out + deal->region * RS_M_N,
                     rys + 4 * deal->region, NULL);
    }
    for (size_t k = 0; region_out && k < nr; k++)
        finish(region_out + k * RS_M_N, rys + 4 * k);
    if (tranche_out) {
        /* fairness per tranche over all regions, from the deals of each
         * tranche only (counting sort by tranche keeps deal order) */
        size_t *start = rs_xcalloc(nt + 1, sizeof *start);
        for (size_t d = 0; d < nd; d++)
            if (p->aw[d].status != RS_DROPPED)
                start[sc->deals[d].tranche + 1]++;
        for (size_t k = 0; k < nt; k++)
            start[k + 1] += start[k];
        size_t na = start[nt];
        reg_award *ra = rs_xcalloc(na + 1, sizeof *ra);
        size_t *fill = rs_xcalloc(nt + 1, sizeof *fill);
        for (size_t d = 0; d < nd; d++) {
            if (p->aw[d].status == RS_DROPPED)
                continue;
            size_t t = sc->deals[d].tranche;
            ra[start[t] + fill[t]++] = (reg_award){sc->deals[d].region, d, p->aw[d].A};
        }
        double pm = 0, pss = 0, psd = 0;
        for (size_t i = 0; i < nr; i++)
            pm += sc->regions[i].bw_pressure;
        pm = nr ? pm / (double)nr : 0;
        for (size_t i = 0; i < nr; i++) {
            double dp = sc->regions[i].bw_pressure - pm;
            pss += dp * dp;
            psd += dp;
        }
        double *y = rs_xcalloc(na + 1, sizeof *y);
        size_t *yr = rs_xcalloc(na + 1, sizeof *yr);
        for (size_t k = 0; k < nt; k++) {
            double *out = tranche_out + k * RS_M_N;
            finish(out, tys + 4 * k);
            out[RS_M_BUDGET_OVERRUN] += p->overrun[k];
            size_t m = start[k + 1] - start[k];
            qsort(ra + start[k], m, sizeof *ra, by_region_then_deal);
            fairness_sparse(sc, ra + start[k], m, pm, pss, psd, y, yr,
                            &out[RS_M_GINI_PER_CAPITA], &out[RS_M_PRESSURE_CORRELATION]);
        }
        free(y);
        free(yr);
        free(ra);
        free(fill);
        free(start);
    }
    free(tys);
    free(rys);
}

void rs_metrics_tranche_yearly(const rs_run *r, double *out)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    const size_t ny = (size_t)p->ny, stride = (size_t)RS_Y_N_OUT * ny;
    memset(out, 0, sc->n_tranches * stride * sizeof *out);
    double *rijk = rs_xcalloc(sc->n_tranches * ny + 1, sizeof *rijk);
    /* the same sums as rs_run_simulate's yearly series, per tranche */
    for (size_t d = 0; d < sc->n_deals; d++) {
        const rs_award *a = &p->aw[d];
        if (a->status == RS_DROPPED)
            continue;
        size_t t = sc->deals[d].tranche;
        const rs_instrument *in = &sc->instruments[sc->tranches[t].instrument];
        double ratio_av = a->V > 0 ? a->A / a->V : 0;
        double *o = out + t * stride;
        size_t y = (size_t)(sc->tranches[t].year - p->y0), off = p->off[d];
        for (int k = 0; k < p->len[d]; k++, y++) {
            double sp = r->spent[off + k], rs = ratio_av * sp;
            o[RS_Y_PAID * ny + y] += r->paid[off + k];
            o[RS_Y_RECLAIMED * ny + y] += r->reclaimed[off + k];
            o[RS_Y_SPENT * ny + y] += sp;
            rijk[t * ny + y] += rs;
            o[RS_Y_COFIN_SPENT * ny + y] += sp - rs;
            o[RS_Y_GOAL * ny + y] += sp - rs + rs * (1 - in->off_goal_share);
            o[RS_Y_ADMIN_REGION * ny + y] += r->admin[0][off + k];
            o[RS_Y_ADMIN_RIJK * ny + y] += r->admin[1][off + k];
        }
    }
    for (size_t t = 0; t < sc->n_tranches; t++) {
        double *o = out + t * stride, bal = 0;
        for (size_t y = 0; y < ny; y++) {
            o[RS_Y_NET * ny + y] = o[RS_Y_PAID * ny + y] - o[RS_Y_RECLAIMED * ny + y];
            bal += o[RS_Y_NET * ny + y] - rijk[t * ny + y];
            o[RS_Y_BALANCE * ny + y] = bal;
        }
    }
    free(rijk);
}
