/* metrics.c — see metrics.h. */
#include "metrics.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
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

void rs_metrics_compute(const rs_run *r, rs_subset sub, size_t index, double *work, double *out)
{
    const rs_plan *p = r->plan;
    const rs_scenario *sc = p->sc;
    memset(out, 0, RS_M_N * sizeof *out);
    double *x = work, *pr = work + sc->n_regions;
    for (size_t i = 0; i < sc->n_regions; i++) {
        x[i] = 0;
        pr[i] = sc->regions[i].bw_pressure;
    }
    double t_spent = 0, t_planned = 0, sum_spent = 0, sum_planned = 0;
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
        const rs_award *a = &p->aw[d];
        if (a->status == RS_DROPPED) {
            out[RS_M_DEALS_DROPPED]++;
            continue;
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
        x[deal->region] += a->A;
        if (sub == RS_SUB_ALL)
            continue; /* the year sums come from the yearly series, below */
        int y = sc->tranches[deal->tranche].year;
        size_t o = p->off[d];
        for (int k = 0; k < p->len[d]; k++) {
            double t = (double)(y + k);
            t_spent += t * r->spent[o + k];
            t_planned += t * r->planned[o + k];
            sum_spent += r->spent[o + k];
            sum_planned += r->planned[o + k];
            double net = r->paid[o + k] - r->reclaimed[o + k];
            if (net != 0)
                out[RS_M_NPV_RIJK] += net / discount(disc, y + k - sc->start, memo);
        }
    }
    if (sub == RS_SUB_ALL) {
        /* over all deals the year sums are the yearly series' (the same sums
         * in another order): ny years instead of every deal-year, which keeps
         * this function small next to a Monte Carlo draw */
        for (int y = 0; y < p->ny; y++) {
            double t = (double)(p->y0 + y);
            t_spent += t * r->y[RS_Y_SPENT][y];
            t_planned += t * r->y[RS_Y_PLANNED][y];
            sum_spent += r->y[RS_Y_SPENT][y];
            sum_planned += r->y[RS_Y_PLANNED][y];
            double net = r->y[RS_Y_NET][y];
            if (net != 0)
                out[RS_M_NPV_RIJK] += net / discount(disc, p->y0 + y - sc->start, memo);
        }
    }
    out[RS_M_RIJK_NET] = out[RS_M_RIJK_PAID] - out[RS_M_RIJK_RECLAIMED];
    out[RS_M_LEVERAGE] = ratio(out[RS_M_VOLUME], out[RS_M_RIJK_AWARDED]);
    out[RS_M_ADMIN_TOTAL] = out[RS_M_ADMIN_REGION] + out[RS_M_ADMIN_RIJK];
    out[RS_M_ADMIN_PCT] = ratio(out[RS_M_ADMIN_TOTAL], out[RS_M_RIJK_AWARDED]);
    out[RS_M_EFFECTIVENESS] =
        ratio(out[RS_M_GOAL_SPENDING],
              out[RS_M_RIJK_NET] + out[RS_M_COFINANCING_SPENT] + out[RS_M_ADMIN_TOTAL]);
    /* no spending (realisation 0) or no plan: no delay to measure, 0 (not
     * "0 − 2024.5", which the ratio rule alone would give) */
    out[RS_M_DELAY_YEARS] = sum_spent > 0 && sum_planned > 0
                                ? t_spent / sum_spent - t_planned / sum_planned
                                : 0;
    out[RS_M_GOAL_PER_RIJK_NET] = ratio(out[RS_M_GOAL_SPENDING], out[RS_M_RIJK_NET]);
    for (size_t k = 0; k < sc->n_tranches; k++) {
        int in = sub == RS_SUB_ALL || (sub == RS_SUB_TRANCHE && k == index);
        if (in)
            out[RS_M_BUDGET_OVERRUN] += p->overrun[k];
    }
    if (sub == RS_SUB_REGION)
        return; /* fairness across regions is not a property of one region */
    for (size_t i = 0; i < sc->n_regions; i++)
        x[i] /= sc->regions[i].population;
    out[RS_M_PRESSURE_CORRELATION] = rs_correlation(x, pr, sc->n_regions);
    out[RS_M_GINI_PER_CAPITA] = rs_gini(x, sc->n_regions);
}
