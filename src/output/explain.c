/* explain.c — see explain.h.  Every number is recomputed from the run's
 * deal-year arrays; burden per obligation uses the engine's own
 * rs_obligation_cost(), so the trace cannot drift from the model. */
#include "explain.h"

#include <string.h>

#include "messages.h"

static const char *side_name(int side) { return side ? "rijk" : "region"; }

void rs_explain_deal(FILE *f, const rs_run *run, size_t d)
{
    const rs_plan *p = run->plan;
    const rs_scenario *sc = p->sc;
    const rs_deal *deal = &sc->deals[d];
    const rs_tranche *t = &sc->tranches[deal->tranche];
    const rs_instrument *in = &sc->instruments[deal->instrument];
    const rs_region *reg = &sc->regions[deal->region];
    const rs_award *a = &p->aw[d];
    const rs_dealres *dr = &run->dr[d];

    fprintf(f, "deal %s — region %s (%s), tranche %s (%d), instrument %s (%s)\n", deal->id,
            reg->id, reg->name, t->id, t->year, in->id, in->name);
    fprintf(f, "\n1. award (docs/model.md §5), money in M€\n");
    fprintf(f, "   co-financing rule %s: c = %.6f (fiscal_capacity %.3f, bw_pressure %.3f)\n",
            t->cofin->rule->name, a->c, reg->fiscal_capacity, reg->bw_pressure);
    fprintf(f, "   request %.6f, deal_cap %.3f -> R = %.6f\n", deal->request, t->deal_cap,
            deal->request < t->deal_cap ? deal->request : t->deal_cap);
    if (a->status == RS_DROPPED) {
        char why[768];
        rs_msg_format(why, sizeof why, &a->why, 0);
        fprintf(f, "   status dropped: %s\n", why);
        return;
    }
    fprintf(f, "   allocation %s, budget %.3f -> A = %.6f\n", t->alloc->name, t->budget, a->A);
    fprintf(f, "   C = A·c/(1−c) = %.6f, V = A + C = %.6f, Rijk share A/V = %.6f\n", a->C,
            a->V, a->V > 0 ? a->A / a->V : 0);
    char why[768];
    rs_msg_format(why, sizeof why, &a->why, 0);
    fprintf(f, "   status %s%s%s\n", rs_status_names[a->status], a->why.id ? ": " : "", why);

    fprintf(f, "\n2. year by year (docs/model.md §6.2–6.6): target = planned + backlog before; spent = ρ·target"
               "\n   payment schedule %s, lag %d; ",
            in->schedule->name, in->lag);
    if (in->has_deadline)
        fprintf(f, "deadline: extended by %d %s if the backlog after %d exceeds %.4f "
                   "(= %.4g·V)\n",
                in->extension_years, rs_plural(in->extension_years, "year", "years"), t->year + deal->duration - 1,
                in->extension_threshold * a->V, in->extension_threshold);
    else
        fprintf(f, "no deadline: spending goes on until %d\n",
                t->year + dr->last);
    fprintf(f, "\n   %-5s %9s %9s %6s %9s %9s %9s %9s %9s %9s %9s\n", "year", "planned",
            "target", "rho", "spent", "backlog", "rijk_sp", "paid", "reclaim", "adm_reg",
            "adm_rijk");
    size_t o = p->off[d];
    double ratio = a->V > 0 ? a->A / a->V : 0;
    for (int k = 0; k < p->len[d]; k++) {
        double before = k > 0 ? run->backlog[o + k - 1] : 0;
        int spending = k <= dr->last;
        char rho[16] = "", target[16] = "";
        if (spending) {
            snprintf(rho, sizeof rho, "%.4f", run->rho[o + k]);
            snprintf(target, sizeof target, "%.4f", run->planned[o + k] + before);
        }
        fprintf(f, "   %-5d %9.4f %9s %6s %9.4f %9.4f %9.4f %9.4f %9.4f %9.6f %9.6f%s\n",
                t->year + k, run->planned[o + k], target, rho, run->spent[o + k],
                spending ? run->backlog[o + k] : 0.0, ratio * run->spent[o + k],
                run->paid[o + k], run->reclaimed[o + k], run->admin[0][o + k],
                run->admin[1][o + k], t->year + k > sc->end ? "  (after the horizon)" : "");
    }
    fprintf(f, "\n   last year of spending %d%s; final backlog %.9f\n", t->year + dr->last,
            dr->extended ? " (extended)" : "", dr->backlog);

    if (in->n_obl) {
        fprintf(f, "\n3. administrative burden by obligation (M€ = n·(hours·tariff + fixed_eur)/1e6"
                   " + share_of_flow·paid)\n");
        rs_occ_ctx occ = rs_run_occ(run, d);
        for (size_t i = 0; i < in->n_obl; i++) {
            const rs_obligation *ob = &in->obl[i];
            fprintf(f, "   %-28s %-6s per %-15s", ob->name, side_name(ob->side), ob->per->name);
            double tot = 0;
            for (int k = 0; k < p->len[d]; k++) {
                double c = rs_obligation_cost(in, ob, &occ, run->admin_factor, k,
                                              run->paid[o + k]);
                if (c != 0)
                    fprintf(f, " %d: %.6f", t->year + k, c);
                tot += c;
            }
            fprintf(f, "  total %.6f\n", tot);
        }
    }

    fprintf(f, "\n4. totals (M€)\n");
    fprintf(f, "   spent %.6f (Rijk share %.6f, co-financing %.6f), goal spending %.6f "
               "(off_goal_share %.3f)\n",
            dr->spent, dr->rijk_spent, dr->cofin_spent, dr->goal, in->off_goal_share);
    fprintf(f, "   paid %.6f, reclaimed %.6f", dr->paid, dr->reclaimed);
    if (dr->settle >= 0)
        fprintf(f, " in %d (vaststelling: %.3f × max(0, paid − Rijk share spent))",
                t->year + dr->settle, in->reclaim_share);
    fprintf(f, "\n   retained by the region = paid − reclaimed − Rijk share spent = %.9f\n",
            dr->retained);
    fprintf(f, "   burden: region %.6f, Rijk %.6f\n", dr->admin[0], dr->admin[1]);
}
