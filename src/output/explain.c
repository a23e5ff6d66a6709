/* explain.c — see explain.h.  Every number is recomputed from the run's
 * deal-year arrays; burden per obligation uses the engine's own
 * rs_obligation_cost(), so the trace cannot drift from the model.
 *
 * The words come from one table (X_*, a Dutch and an English line with
 * the same arguments in the same order); numbers go through the shared
 * formatter, so the Dutch trace has decimal commas. */
#include "explain.h"

#include <string.h>

#include "labels.h"
#include "messages.h"

enum {
    X_HEAD,
    X_AWARD,
    X_RULE,
    X_REQUEST,
    X_DROPPED,
    X_ALLOC,
    X_CV,
    X_STATUS,
    X_YEARS,
    X_DEADLINE,
    X_NODEADLINE,
    X_COLS,
    X_AFTER,
    X_LAST,
    X_EXTENDED,
    X_BURDEN,
    X_TOTALS,
    X_SPENT,
    X_PAID,
    X_SETTLE,
    X_RETAINED,
    X_BURDEN_TOT,
    X_TOTAL,
    X_REGION,
    X_RIJK,
    X_OBL,
    X_N
};

static const char *const xt[X_N][2] = {
    [X_HEAD] = {"deal %s — regio %s (%s), tranche %s (%d), instrument %s (%s)\n",
                "deal %s — region %s (%s), tranche %s (%d), instrument %s (%s)\n"},
    [X_AWARD] = {"\n1. toekenning (docs/model.md §5), bedragen in € mln\n",
                 "\n1. award (docs/model.md §5), money in M€\n"},
    [X_RULE] = {"   cofinancieringsregel: %s; c = %s (draagkracht %s, druk op brede welvaart %s)\n",
                "   co-financing rule %s: c = %s (fiscal_capacity %s, bw_pressure %s)\n"},
    [X_REQUEST] = {"   aanvraag %s, maximum per deal %s -> R = %s\n",
                   "   request %s, deal_cap %s -> R = %s\n"},
    [X_DROPPED] = {"   status vervallen: %s\n", "   status dropped: %s\n"},
    [X_ALLOC] = {"   verdeling: %s; budget %s -> A = %s\n",
                 "   allocation %s, budget %s -> A = %s\n"},
    [X_CV] = {"   C = A·c/(1−c) = %s, V = A + C = %s, Rijksaandeel A/V = %s\n",
              "   C = A·c/(1−c) = %s, V = A + C = %s, Rijk share A/V = %s\n"},
    [X_STATUS] = {"   status %s%s%s\n", "   status %s%s%s\n"},
    [X_YEARS] = {"\n2. per jaar (docs/model.md §6.2–6.6): doel = gepland + achterstand vooraf; "
                 "besteed = ρ·doel\n   betaalritme: %s; vertraging %d jaar; ",
                 "\n2. year by year (docs/model.md §6.2–6.6): target = planned + backlog before; "
                 "spent = ρ·target\n   payment schedule %s, lag %d; "},
    [X_DEADLINE] = {"einddatum: verlengd met %d %s als de achterstand na %d meer is dan %s "
                    "(= %s·V)\n",
                    "deadline: extended by %d %s if the backlog after %d exceeds %s "
                    "(= %s·V)\n"},
    [X_NODEADLINE] = {"geen einddatum: besteding loopt door tot %d\n",
                      "no deadline: spending goes on until %d\n"},
    [X_COLS] = {"jaar|gepland|doel|rho|besteed|achterst.|rijk_best|betaald|terugvord|adm_regio|"
                "adm_rijk",
                "year|planned|target|rho|spent|backlog|rijk_sp|paid|reclaim|adm_reg|adm_rijk"},
    [X_AFTER] = {"  (na de looptijd)", "  (after the horizon)"},
    [X_LAST] = {"\n   laatste jaar van besteding %d%s; achterstand aan het eind %s\n",
                "\n   last year of spending %d%s; final backlog %s\n"},
    [X_EXTENDED] = {" (verlengd)", " (extended)"},
    [X_BURDEN] = {"\n3. administratieve lasten per verplichting (€ mln = n·(uren·tarief + "
                  "vaste kosten in euro)/1e6 + aandeel van de stroom·betaald)\n",
                  "\n3. administrative burden by obligation (M€ = n·(hours·tariff + fixed_eur)/1e6"
                  " + share_of_flow·paid)\n"},
    [X_TOTALS] = {"\n4. totalen (€ mln)\n", "\n4. totals (M€)\n"},
    [X_SPENT] = {"   besteed %s (Rijksaandeel %s, cofinanciering %s), aan het doel besteed %s "
                 "(aandeel niet-doelbesteding %s)\n",
                 "   spent %s (Rijk share %s, co-financing %s), goal spending %s "
                 "(off_goal_share %s)\n"},
    [X_PAID] = {"   betaald %s, teruggevorderd %s", "   paid %s, reclaimed %s"},
    [X_SETTLE] = {" in %d (vaststelling: %s × max(0, betaald − besteed Rijksaandeel))",
                  " in %d (vaststelling: %s × max(0, paid − Rijk share spent))"},
    [X_RETAINED] = {"\n   bij de regio gebleven = betaald − teruggevorderd − besteed Rijksaandeel "
                    "= %s\n",
                    "\n   retained by the region = paid − reclaimed − Rijk share spent = %s\n"},
    [X_BURDEN_TOT] = {"   lasten: regio %s, Rijk %s\n", "   burden: region %s, Rijk %s\n"},
    [X_TOTAL] = {"  totaal %s\n", "  total %s\n"},
    [X_REGION] = {"regio", "region"},
    [X_RIJK] = {"Rijk", "rijk"},
    [X_OBL] = {"   %-28s %-6s %-15s", "   %-28s %-6s per %-15s"},
};

/* The conversions (%d, %s, ...) of a format, in order, into 'out'. */
static void conversions(const char *fmt, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = fmt; *p && k + 1 < n; p++)
        if (p[0] == '%') {
            p++;
            while (*p && strchr("-0123456789.*", *p))
                p++;
            if (*p && k + 1 < n)
                out[k++] = *p;
        }
    out[k] = 0;
}

int rs_explain_check(void)
{
    int bad = 0;
    for (int k = 0; k < X_N; k++) {
        char a[32], b[32];
        if (!xt[k][0] || !xt[k][1]) {
            bad++;
            continue;
        }
        conversions(xt[k][0], a, sizeof a);
        conversions(xt[k][1], b, sizeof b);
        bad += strcmp(a, b) != 0;
    }
    return bad;
}

/* The formats come from the table above; rs_explain_check() (a unit test)
 * proves that its Dutch and English lines take the same arguments. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Up to 16 numbers per line, each in its own slot of a ring. */
static const char *num(double x, int dec, int nl)
{
    static char ring[16][48];
    static int i;
    char *s = ring[i++ % 16];
    rs_fmt(s, sizeof ring[0], x, dec, nl);
    return s;
}

#define T(k) xt[k][!nl]
#define N(x, d) num((x), (d), nl)

void rs_explain_deal(FILE *f, const rs_run *run, size_t d, int nl)
{
    const rs_plan *p = run->plan;
    const rs_scenario *sc = p->sc;
    const rs_deal *deal = &sc->deals[d];
    const rs_tranche *t = &sc->tranches[deal->tranche];
    const rs_instrument *in = &sc->instruments[deal->instrument];
    const rs_region *reg = &sc->regions[deal->region];
    const rs_award *a = &p->aw[d];
    const rs_dealres *dr = &run->dr[d];

    fprintf(f, T(X_HEAD), deal->id, reg->id, reg->name, t->id, t->year, in->id, in->name);
    fputs(T(X_AWARD), f);
    fprintf(f, T(X_RULE), nl ? rs_label_of(RS_LK_RULE, t->cofin->rule->name, 1)
                             : t->cofin->rule->name,
            N(a->c, 6), N(reg->fiscal_capacity, 3), N(reg->bw_pressure, 3));
    fprintf(f, T(X_REQUEST), N(deal->request, 6), N(t->deal_cap, 3),
            N(deal->request < t->deal_cap ? deal->request : t->deal_cap, 6));
    char why[768];
    rs_msg_format(why, sizeof why, &a->why, nl);
    if (a->status == RS_DROPPED) {
        fprintf(f, T(X_DROPPED), why);
        return;
    }
    fprintf(f, T(X_ALLOC), nl ? rs_label_of(RS_LK_ALLOC, t->alloc->name, 1) : t->alloc->name,
            N(t->budget, 3), N(a->A, 6));
    fprintf(f, T(X_CV), N(a->C, 6), N(a->V, 6), N(a->V > 0 ? a->A / a->V : 0, 6));
    fprintf(f, T(X_STATUS),
            nl ? rs_label_of(RS_LK_STATUS, rs_status_names[a->status], 1)
               : rs_status_names[a->status],
            a->why.id ? ": " : "", why);

    fprintf(f, T(X_YEARS),
            nl ? rs_label_of(RS_LK_SCHEDULE, in->schedule->name, 1) : in->schedule->name,
            in->lag);
    if (in->has_deadline)
        fprintf(f, T(X_DEADLINE), in->extension_years,
                nl ? "jaar" : rs_plural(in->extension_years, "year", "years"),
                t->year + deal->duration - 1, N(in->extension_threshold * a->V, 4),
                N(in->extension_threshold, 4));
    else
        fprintf(f, T(X_NODEADLINE), t->year + dr->last);
    /* the column heads, split from one '|' list so both languages align */
    {
        char cols[256];
        snprintf(cols, sizeof cols, "%s", T(X_COLS));
        static const int w[] = {-5, 9, 9, 6, 9, 9, 9, 9, 9, 9, 9};
        fputs("\n  ", f);
        int k = 0;
        for (char *c = strtok(cols, "|"); c && k < 11; c = strtok(NULL, "|"), k++)
            fprintf(f, " %*s", w[k], c);
        fputc('\n', f);
    }
    size_t o = p->off[d];
    double ratio = a->V > 0 ? a->A / a->V : 0;
    for (int k = 0; k < p->len[d]; k++) {
        double before = k > 0 ? run->backlog[o + k - 1] : 0;
        int spending = k <= dr->last;
        char rho[32] = "", target[32] = "";
        if (spending) {
            rs_fmt(rho, sizeof rho, run->rho[o + k], 4, nl);
            rs_fmt(target, sizeof target, run->planned[o + k] + before, 4, nl);
        }
        fprintf(f, "   %-5d %9s %9s %6s %9s %9s %9s %9s %9s %9s %9s%s\n", t->year + k,
                N(run->planned[o + k], 4), target, rho, N(run->spent[o + k], 4),
                N(spending ? run->backlog[o + k] : 0.0, 4), N(ratio * run->spent[o + k], 4),
                N(run->paid[o + k], 4), N(run->reclaimed[o + k], 4), N(run->admin[0][o + k], 6),
                N(run->admin[1][o + k], 6), t->year + k > sc->end ? T(X_AFTER) : "");
    }
    fprintf(f, T(X_LAST), t->year + dr->last, dr->extended ? T(X_EXTENDED) : "",
            N(dr->backlog, 9));

    if (in->n_obl) {
        fputs(T(X_BURDEN), f);
        rs_occ_ctx occ = rs_run_occ(run, d);
        for (size_t i = 0; i < in->n_obl; i++) {
            const rs_obligation *ob = &in->obl[i];
            fprintf(f, T(X_OBL), ob->name, T(ob->side ? X_RIJK : X_REGION),
                    nl ? rs_label_of(RS_LK_OBLIGATION, ob->per->name, 1) : ob->per->name);
            double tot = 0;
            for (int k = 0; k < p->len[d]; k++) {
                double c = rs_obligation_cost(in, ob, &occ, run->admin_factor, k,
                                              run->paid[o + k]);
                if (c != 0)
                    fprintf(f, " %d: %s", t->year + k, N(c, 6));
                tot += c;
            }
            fprintf(f, T(X_TOTAL), N(tot, 6));
        }
    }

    fputs(T(X_TOTALS), f);
    fprintf(f, T(X_SPENT), N(dr->spent, 6), N(dr->rijk_spent, 6), N(dr->cofin_spent, 6),
            N(dr->goal, 6), N(in->off_goal_share, 3));
    fprintf(f, T(X_PAID), N(dr->paid, 6), N(dr->reclaimed, 6));
    if (dr->settle >= 0)
        fprintf(f, T(X_SETTLE), t->year + dr->settle, N(in->reclaim_share, 3));
    fprintf(f, T(X_RETAINED), N(dr->retained, 9));
    fprintf(f, T(X_BURDEN_TOT), N(dr->admin[0], 6), N(dr->admin[1], 6));
}
