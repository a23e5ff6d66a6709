/* labels.c — see labels.h. */
#include "labels.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../engine/engine.h"
#include "../metrics/metrics.h"

const char *const rs_label_kind_names[RS_LK_N] = {
    "metric", "series", "param", "rule", "schedule", "alloc", "obligation", "status", "unit"};

#define M RS_LK_METRIC
#define S RS_LK_SERIES
#define P RS_LK_PARAM
const rs_label rs_labels[] = {
    /* metrics (docs/model.md §8) */
    {M, "rijk_awarded", "Toegekende Rijksbijdrage", "Rijk money awarded",
     "Rijksbijdrage die aan de deals is toegekend (ΣA)"},
    {M, "rijk_paid", "Betaald door het Rijk", "Paid by the Rijk",
     "Door het Rijk uitbetaald, alle jaren, ook na de horizon"},
    {M, "rijk_reclaimed", "Teruggevorderd", "Reclaimed",
     "Bij de vaststelling door het Rijk teruggevorderd"},
    {M, "rijk_net", "Netto Rijksuitgaven", "Net Rijk expenditure",
     "Betaald min teruggevorderd: wat de deals het Rijk kosten"},
    {M, "cofinancing", "Cofinanciering", "Co-financing",
     "Afgesproken cofinanciering van de regio's (ΣC)"},
    {M, "volume", "Dealvolume", "Deal volume", "Totaal volume van de deals: Rijksbijdrage plus cofinanciering"},
    {M, "leverage", "Hefboom", "Leverage",
     "Dealvolume gedeeld door de toegekende Rijksbijdrage (2 bij 50 % cofinanciering)"},
    {M, "spent", "Besteed", "Spent", "Bestedingen aan de deals, Rijks- en regiodeel samen"},
    {M, "cofinancing_spent", "Besteed uit cofinanciering", "Spent from co-financing",
     "Het door de regio's gefinancierde deel van de bestedingen"},
    {M, "goal_spending", "Doelbestedingen", "Goal spending",
     "Bestedingen die de doelen van de deals dienen: de cofinanciering en het Rijksdeel zonder "
     "het aandeel niet-doelbesteding"},
    {M, "retained", "Bij de regio's gebleven", "Retained by the regions",
     "Rijksgeld dat niet aan de deals is besteed en niet is teruggevorderd"},
    {M, "admin_region", "Uitvoeringslasten regio's", "Administrative burden, regions",
     "Administratieve lasten die de regio's dragen"},
    {M, "admin_rijk", "Uitvoeringslasten Rijk", "Administrative burden, Rijk",
     "Administratieve lasten die het Rijk draagt"},
    {M, "admin_total", "Uitvoeringslasten totaal", "Administrative burden, total",
     "Uitvoeringslasten van regio's en Rijk samen"},
    {M, "admin_pct", "Uitvoeringslasten, aandeel", "Administrative burden, share",
     "Uitvoeringslasten als percentage van de toegekende Rijksbijdrage"},
    {M, "effectiveness", "Doelmatigheid", "Effectiveness",
     "Doelbestedingen gedeeld door netto Rijksuitgaven, bestedingen uit cofinanciering en "
     "uitvoeringslasten samen"},
    {M, "delay_years", "Vertraging", "Delay",
     "Gemiddeld jaar van besteding min gemiddeld jaar van de geplande besteding"},
    {M, "npv_rijk", "Contante waarde Rijksuitgaven", "Present value of Rijk net expenditure",
     "Netto Rijksuitgaven per jaar, verdisconteerd naar het beginjaar"},
    {M, "deals_awarded", "Deals toegekend", "Deals awarded", "Deals die doorgaan, ook verlaagde"},
    {M, "deals_scaled", "Deals verlaagd", "Deals scaled",
     "Deals met een toekenning lager dan de aanvraag"},
    {M, "deals_dropped", "Deals vervallen", "Deals dropped",
     "Deals die niet doorgaan: te weinig cofinanciering, onder het minimum of geen budget"},
    {M, "budget_overrun", "Budgetoverschrijding", "Budget overrun",
     "Bedrag boven het budget in tranches die toekennen zoals aangevraagd"},
    {M, "gini_per_capita", "Ongelijkheid per inwoner (Gini)", "Inequality per inhabitant (Gini)",
     "Gini-coëfficiënt van de Rijksbijdrage per inwoner over alle regio's (0 gelijk, 1 ongelijk)"},
    {M, "pressure_correlation", "Samenhang met druk op brede welvaart",
     "Correlation with pressure on brede welvaart",
     "Correlatie van de Rijksbijdrage per inwoner met de druk op brede welvaart"},
    {M, "goal_per_rijk_net", "Doelbesteding per netto Rijkseuro", "Goal spending per net Rijk euro",
     "Doelbestedingen gedeeld door de netto Rijksuitgaven"},
    {M, "cofinancing_public", "Cofinanciering, publiek", "Co-financing, public",
     "Het deel van de cofinanciering dat publiek geld is"},
    {M, "cofinancing_private", "Cofinanciering, privaat", "Co-financing, private",
     "Het deel van de cofinanciering dat privaat geld is"},
    {M, "cofinancing_in_kind", "Cofinanciering in natura", "Co-financing in kind",
     "Het deel van de cofinanciering dat in natura wordt ingebracht: besteding zonder geldstroom"},
    {M, "in_kind_spent", "Besteed in natura", "Spent in kind",
     "Het deel van de bestedingen dat in natura is geleverd (er gaat geen geld over)"},
    /* yearly series (yearly.csv) */
    {S, "rijk_paid", "Betaald door het Rijk", "Paid by the Rijk", "Betalingen van het Rijk in het jaar"},
    {S, "rijk_reclaimed", "Teruggevorderd", "Reclaimed", "Terugvorderingen bij de vaststelling in het jaar"},
    {S, "rijk_net", "Netto Rijk", "Rijk net", "Betaald min teruggevorderd in het jaar"},
    {S, "spent", "Besteed", "Spent", "Bestedingen aan de deals in het jaar"},
    {S, "cofinancing_spent", "Besteed uit cofinanciering", "Spent from co-financing",
     "Het regiodeel van de bestedingen in het jaar"},
    {S, "goal_spending", "Doelbestedingen", "Goal spending", "Bestedingen die de doelen dienen"},
    {S, "admin_region", "Uitvoeringslasten regio's", "Administrative burden, regions", NULL},
    {S, "admin_rijk", "Uitvoeringslasten Rijk", "Administrative burden, Rijk", NULL},
    {S, "region_balance", "Saldo bij de regio's", "Balance held by the regions",
     "Ontvangen en nog niet besteed Rijksgeld aan het eind van het jaar"},
    {S, "planned", "Gepland", "Planned", "Geplande bestedingen volgens het bestedingsprofiel"},
    {S, "rijk_spent", "Besteed uit Rijksgeld", "Spent from Rijk money", NULL},
    {S, "spent_cumulative", "Besteed, cumulatief", "Spent, cumulative", NULL},
    /* parameters: the last part of a path */
    {P, "share", "cofinancieringsaandeel", "co-financing share", NULL},
    {P, "base", "basisaandeel cofinanciering", "co-financing base share", NULL},
    {P, "slope", "helling naar draagkracht", "slope by fiscal capacity", NULL},
    {P, "min", "minimum", "minimum", NULL},
    {P, "max", "maximum", "maximum", NULL},
    {P, "budget", "budget (€ mln)", "budget (M€)", NULL},
    {P, "reclaim_share", "terugvorderingsaandeel", "reclaim share", NULL},
    {P, "off_goal_share", "aandeel niet-doelbesteding", "off-goal share", NULL},
    {P, "realisation_shift", "verschuiving van de realisatie", "realisation shift", NULL},
    {P, "lag", "betalingsvertraging (jaar)", "payment lag (years)", NULL},
    {P, "settlement_lag", "vaststelling na (jaar)", "settlement after (years)", NULL},
    {P, "extension_years", "verlenging (jaar)", "extension (years)", NULL},
    {P, "extension_threshold", "drempel voor verlenging", "extension threshold", NULL},
    {P, "discount_rate", "disconteringsvoet", "discount rate", NULL},
    {P, "mean", "realisatie per jaar", "realisation per year", NULL},
    {P, "request", "aanvraag (€ mln)", "request (M€)", NULL},
    {P, "deal_min", "minimum per deal (€ mln)", "minimum per deal (M€)", NULL},
    {P, "deal_cap", "maximum per deal (€ mln)", "maximum per deal (M€)", NULL},
    {P, "hours", "uren per keer", "hours per occurrence", NULL},
    {P, "fixed_eur", "vaste kosten per keer (€)", "fixed cost per occurrence (€)", NULL},
    {P, "share_of_flow", "aandeel van de jaarbetaling", "share of the year's payment", NULL},
    {P, "concentration", "concentratie van de realisatie", "concentration of the realisation", NULL},
    {P, "shock_probability", "kans op een schokjaar", "probability of a shock year", NULL},
    {P, "shock_severity", "ernst van een schokjaar", "severity of a shock year", NULL},
    {P, "admin_spread", "spreiding van de uitvoeringslasten", "spread of the burden", NULL},
    {P, "population", "inwoners", "inhabitants", NULL},
    {P, "fiscal_capacity", "draagkracht", "fiscal capacity", NULL},
    {P, "bw_pressure", "druk op brede welvaart", "pressure on brede welvaart", NULL},
    {P, "cofin_capacity", "maximale cofinanciering (€ mln)", "co-financing capacity (M€)", NULL},
    {P, "duration", "looptijd (jaar)", "duration (years)", NULL},
    {P, "tariff", "uurtarief (€)", "hourly rate (€)", NULL},
    {P, "max_pressure", "bovengrens druk", "upper pressure bound", NULL},
    /* chart titles of parameters (rs_param_title): the keys the sweep and
     * sensitivity charts name that the list above does not */
    {P, "tariff.region", "uurtarief regio (€)", "hourly rate, region (€)", NULL},
    {P, "tariff.rijk", "uurtarief Rijk (€)", "hourly rate, Rijk (€)", NULL},
    {P, "obligation.hours", "uren", "hours", NULL},
    {P, "obligation.share_of_flow", "aandeel betaling", "share of payment", NULL},
    {P, "obligation.fixed_eur", "vaste kosten (€)", "fixed cost (€)", NULL},
    /* co-financing rules */
    {RS_LK_RULE, "flat", "vast aandeel", "flat share", NULL},
    {RS_LK_RULE, "capacity_linear", "naar draagkracht", "by fiscal capacity", NULL},
    {RS_LK_RULE, "pressure_tiers", "staffel naar druk op brede welvaart",
     "tiers by pressure on brede welvaart", NULL},
    /* payment schedules */
    {RS_LK_SCHEDULE, "plan", "volgens het bestedingsplan", "by the spending plan", NULL},
    {RS_LK_SCHEDULE, "upfront", "vooraf ineens", "all in advance", NULL},
    {RS_LK_SCHEDULE, "equal", "in gelijke jaarbedragen", "in equal yearly amounts", NULL},
    {RS_LK_SCHEDULE, "arrears", "achteraf, naar besteding", "in arrears, by spending", NULL},
    /* allocation rules */
    {RS_LK_ALLOC, "pro_rata", "naar rato", "pro rata", NULL},
    {RS_LK_ALLOC, "priority", "voorrang bij hoge druk op brede welvaart",
     "priority by pressure on brede welvaart", NULL},
    {RS_LK_ALLOC, "as_requested", "zoals aangevraagd", "as requested", NULL},
    /* obligation kinds */
    {RS_LK_OBLIGATION, "deal", "eenmaal per deal", "once per deal", NULL},
    {RS_LK_OBLIGATION, "deal_year", "per deal, elk actief jaar", "per deal, each active year", NULL},
    {RS_LK_OBLIGATION, "project", "eenmaal per project", "once per project", NULL},
    {RS_LK_OBLIGATION, "project_year", "per project, elk actief jaar",
     "per project, each active year", NULL},
    {RS_LK_OBLIGATION, "private_partner", "per private partner (doorsubsidie)",
     "per private partner (onward subsidy)", NULL},
    {RS_LK_OBLIGATION, "extension", "per verlenging", "per extension", NULL},
    /* deal status */
    {RS_LK_STATUS, "awarded", "toegekend", "awarded", NULL},
    {RS_LK_STATUS, "scaled", "verlaagd", "scaled", NULL},
    {RS_LK_STATUS, "dropped", "vervallen", "dropped", NULL},
    /* units */
    {RS_LK_UNIT, "M€", "€ mln", "M€", NULL},
    {RS_LK_UNIT, "share", "%", "%", NULL},
    {RS_LK_UNIT, "years", "jaar", "years", NULL},
    {RS_LK_UNIT, "deals", "deals", "deals", NULL},
    {RS_LK_UNIT, "ratio", "", "", NULL},
};
#undef M
#undef S
#undef P
const size_t rs_n_labels = sizeof rs_labels / sizeof *rs_labels;

const rs_label *rs_label_find(rs_label_kind kind, const char *id)
{
    for (size_t i = 0; i < rs_n_labels; i++)
        if (rs_labels[i].kind == kind && strcmp(rs_labels[i].id, id) == 0)
            return &rs_labels[i];
    return NULL;
}

const char *rs_label_of(rs_label_kind kind, const char *id, int nl)
{
    const rs_label *l = rs_label_find(kind, id);
    return l ? (nl ? l->nl : l->en) : id;
}

const char *rs_metric_label(int m, int nl)
{
    return rs_label_of(RS_LK_METRIC, rs_metric_infos[m].name, nl);
}

const char *rs_metric_meaning(int m, int nl)
{
    const rs_label *l = rs_label_find(RS_LK_METRIC, rs_metric_infos[m].name);
    return nl && l && l->nl_doc ? l->nl_doc : rs_metric_infos[m].doc;
}

const char *rs_metric_unit(int m, int nl)
{
    return rs_label_of(RS_LK_UNIT, rs_metric_infos[m].unit, nl);
}

const char *rs_series_label(int s, int nl) { return rs_label_of(RS_LK_SERIES, rs_series_names[s], nl); }

void rs_param_label(char *out, size_t n, const char *path, int nl)
{
    const char *last = strrchr(path, '.');
    last = last ? last + 1 : path;
    /* 'instruments.spuk.reclaim_share', 'tranches.t4.budget': the element's
     * id says which one */
    const char *first_dot = strchr(path, '.');
    char which[128] = "";
    if (first_dot && first_dot + 1 < last) {
        size_t len = (size_t)(last - 1 - (first_dot + 1));
        if (len >= sizeof which)
            len = sizeof which - 1;
        memcpy(which, first_dot + 1, len);
        which[len] = '\0';
    }
    const char *name = rs_label_of(RS_LK_PARAM, last, nl);
    if (which[0] && strcmp(path, "cofinancing") != 0)
        snprintf(out, n, "%s (%s)", name, which);
    else
        snprintf(out, n, "%s", name);
}

void rs_fmt(char *out, size_t n, double x, int dec, int nl)
{
    rs_fmt_fixed(out, n, x, dec, nl ? ',' : '.', nl ? '.' : ',');
}

void rs_fmt_meur(char *out, size_t n, double meur, int dec, int nl)
{
    char v[64];
    rs_fmt(v, sizeof v, meur, dec, nl);
    if (nl)
        snprintf(out, n, "€ %s mln", v);
    else
        snprintf(out, n, "€%s million", v);
}

double rs_metric_scale(int m) { return strcmp(rs_metric_infos[m].unit, "share") == 0 ? 100 : 1; }

int rs_metric_decimals(int m)
{
    const char *u = rs_metric_infos[m].unit;
    if (strcmp(u, "deals") == 0)
        return 0;
    if (strcmp(u, "M€") == 0 || strcmp(u, "share") == 0)
        return m == RS_M_ADMIN_PCT ? 2 : 1;
    return 2;
}

void rs_fmt_metric(char *out, size_t n, int m, double x, int nl, int with_unit)
{
    char v[64];
    rs_fmt(v, sizeof v, rs_metric_scale(m) * x, rs_metric_decimals(m), nl);
    const char *u = rs_metric_unit(m, nl);
    if (with_unit && u[0] && strcmp(u, "deals") != 0)
        snprintf(out, n, "%s %s", v, u);
    else
        snprintf(out, n, "%s", v);
}

/* ---- parameter titles for charts (rs_param_title) ---- */

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* 'spuk' → SPUK, 'du-met-afspraken' → DU met afspraken, 'spuk-light' →
 * SPUK light: the abbreviation a letter uses, then the id's other words */
static void inst_short(char *out, size_t n, const char *id, size_t len)
{
    size_t k = 0;
    int first = 1;
    for (size_t i = 0; i < len && id[i] && k + 1 < n; i++) {
        char c = id[i];
        if (c == '-' || c == '_') {
            first = 0;
            out[k++] = ' ';
            continue;
        }
        out[k++] = first && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[k] = '\0';
}

/* the text between '[' and ']' of 'p' (which starts with 'prefix[') */
static const char *bracket(const char *p, size_t *len)
{
    const char *a = strchr(p, '['), *b = a ? strchr(a, ']') : NULL;
    if (!a || !b)
        return NULL;
    *len = (size_t)(b - a - 1);
    return a + 1;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

void rs_param_title(char *out, size_t n, const char *path, const rs_scenario *sc, int nl)
{
    const char *last = strrchr(path, '.');
    last = last ? last + 1 : path;
    const char *key = rs_label_of(RS_LK_PARAM, last, nl);
    char who[200] = "";
    size_t len = 0;
    if (starts(path, "instruments.")) {
        const char *id = path + 12, *dot = strchr(id, '.');
        if (!dot) {
            snprintf(out, n, "%s", key);
            return;
        }
        inst_short(who, sizeof who, id, (size_t)(dot - id));
        const char *rest = dot + 1;
        const char *name;
        if (starts(rest, "admin.obligations[") && (name = bracket(rest, &len)) != NULL) {
            /* by name, or by index: the obligation's name from the scenario */
            char nm[160];
            snprintf(nm, sizeof nm, "%.*s", (int)len, name);
            if (all_digits(name, len) && sc) {
                size_t k = (size_t)strtoul(nm, NULL, 10);
                for (size_t i = 0; i < sc->n_instruments; i++)
                    if (strlen(sc->instruments[i].id) == (size_t)(dot - id) &&
                        strncmp(sc->instruments[i].id, id, (size_t)(dot - id)) == 0 &&
                        k < sc->instruments[i].n_obl)
                        snprintf(nm, sizeof nm, "%s", sc->instruments[i].obl[k].name);
            }
            char ok[64];
            snprintf(ok, sizeof ok, "obligation.%s", last);
            snprintf(out, n, "%s: %s, %s", who, nm, rs_label_of(RS_LK_PARAM, ok, nl));
            return;
        }
        if (starts(rest, "admin.tariff."))
            key = rs_label_of(RS_LK_PARAM, rest + 6, nl);
    } else if (starts(path, "regions[") && bracket(path, &len)) {
        const char *id = bracket(path, &len);
        snprintf(who, sizeof who, "%.*s", (int)len, id);
        for (size_t i = 0; sc && i < sc->n_regions; i++)
            if (strlen(sc->regions[i].id) == len && strncmp(sc->regions[i].id, id, len) == 0)
                snprintf(who, sizeof who, "%s", sc->regions[i].name);
    } else if (starts(path, "tranches[") && bracket(path, &len)) {
        const char *id = bracket(path, &len);
        snprintf(who, sizeof who, "%s %.*s", all_digits(id, len) ? (nl ? "tranche nr." : "tranche no.")
                                                                 : "tranche",
                 (int)len, id);
    } else if (starts(path, "deals[") && bracket(path, &len)) {
        const char *id = bracket(path, &len);
        snprintf(who, sizeof who, "deal %.*s", (int)len, id);
    } else if (starts(path, "uncertainty.")) {
        snprintf(who, sizeof who, "%s", nl ? "onzekerheid" : "uncertainty");
    }
    if (who[0])
        snprintf(out, n, "%s: %s", who, key);
    else
        snprintf(out, n, "%s", key);
}
