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
     "Rijksbijdrage die aan de deals is toegekend (ΣA)", NULL},
    {M, "rijk_paid", "Betaald door het Rijk", "Paid by the Rijk",
     "Door het Rijk uitbetaald, alle jaren, ook na de horizon", NULL},
    {M, "rijk_reclaimed", "Teruggevorderd", "Reclaimed",
     "Bij de vaststelling door het Rijk teruggevorderd", NULL},
    {M, "rijk_net", "Netto Rijksuitgaven", "Net Rijk expenditure",
     "Betaald min teruggevorderd: wat de deals het Rijk kosten", NULL},
    {M, "cofinancing", "Cofinanciering", "Co-financing",
     "Afgesproken cofinanciering van de regio's (ΣC)", NULL},
    {M, "volume", "Dealvolume", "Deal volume", "Totaal volume van de deals: Rijksbijdrage plus cofinanciering", NULL},
    {M, "leverage", "Hefboom", "Leverage",
     "Dealvolume gedeeld door de toegekende Rijksbijdrage (2 bij 50 % cofinanciering)", NULL},
    {M, "spent", "Besteed", "Spent", "Bestedingen aan de deals, Rijks- en regiodeel samen", NULL},
    {M, "cofinancing_spent", "Besteed uit cofinanciering", "Spent from co-financing",
     "Het door de regio's gefinancierde deel van de bestedingen", NULL},
    {M, "goal_spending", "Doelbestedingen", "Goal spending",
     "Bestedingen die de doelen van de deals dienen: de cofinanciering en het Rijksdeel zonder "
     "het aandeel niet-doelbesteding", NULL},
    {M, "retained", "Bij de regio's gebleven", "Retained by the regions",
     "Rijksgeld dat niet aan de deals is besteed en niet is teruggevorderd", NULL},
    {M, "admin_region", "Uitvoeringslasten regio's", "Administrative burden, regions",
     "Administratieve lasten die de regio's dragen", NULL},
    {M, "admin_rijk", "Uitvoeringslasten Rijk", "Administrative burden, Rijk",
     "Administratieve lasten die het Rijk draagt", NULL},
    {M, "admin_total", "Uitvoeringslasten totaal", "Administrative burden, total",
     "Uitvoeringslasten van regio's en Rijk samen", NULL},
    {M, "admin_pct", "Uitvoeringslasten, aandeel", "Administrative burden, share",
     "Uitvoeringslasten als percentage van de toegekende Rijksbijdrage", NULL},
    {M, "effectiveness", "Doelmatigheid", "Effectiveness",
     "Doelbestedingen gedeeld door netto Rijksuitgaven, bestedingen uit cofinanciering en "
     "uitvoeringslasten samen", NULL},
    {M, "delay_years", "Vertraging", "Delay",
     "Gemiddeld jaar van besteding min gemiddeld jaar van de geplande besteding", NULL},
    {M, "npv_rijk", "Contante waarde Rijksuitgaven", "Present value of Rijk net expenditure",
     "Netto Rijksuitgaven per jaar, verdisconteerd naar het beginjaar", NULL},
    {M, "deals_awarded", "Deals toegekend", "Deals awarded", "Deals die doorgaan, ook verlaagde", NULL},
    {M, "deals_scaled", "Deals verlaagd", "Deals scaled",
     "Deals met een toekenning lager dan de aanvraag", NULL},
    {M, "deals_dropped", "Deals vervallen", "Deals dropped",
     "Deals die niet doorgaan: te weinig cofinanciering, onder het minimum of geen budget", NULL},
    {M, "budget_overrun", "Budgetoverschrijding", "Budget overrun",
     "Bedrag boven het budget in tranches die toekennen zoals aangevraagd", NULL},
    {M, "gini_per_capita", "Ongelijkheid per inwoner (Gini)", "Inequality per inhabitant (Gini)",
     "Gini-coëfficiënt van de Rijksbijdrage per inwoner over alle regio's (0 gelijk, 1 ongelijk)", NULL},
    {M, "pressure_correlation", "Samenhang met druk op brede welvaart",
     "Correlation with pressure on brede welvaart",
     "Correlatie van de Rijksbijdrage per inwoner met de druk op brede welvaart", NULL},
    {M, "goal_per_rijk_net", "Doelbesteding per netto Rijkseuro", "Goal spending per net Rijk euro",
     "Doelbestedingen gedeeld door de netto Rijksuitgaven", NULL},
    {M, "cofinancing_public", "Cofinanciering, publiek", "Co-financing, public",
     "Het deel van de cofinanciering dat publiek geld is", NULL},
    {M, "cofinancing_private", "Cofinanciering, privaat", "Co-financing, private",
     "Het deel van de cofinanciering dat privaat geld is", NULL},
    {M, "cofinancing_in_kind", "Cofinanciering in natura", "Co-financing in kind",
     "Het deel van de cofinanciering dat in natura wordt ingebracht: besteding zonder geldstroom", NULL},
    {M, "in_kind_spent", "Besteed in natura", "Spent in kind",
     "Het deel van de bestedingen dat in natura is geleverd (er gaat geen geld over)", NULL},
    /* yearly series (yearly.csv) */
    {S, "rijk_paid", "Betaald door het Rijk", "Paid by the Rijk", "Betalingen van het Rijk in het jaar", NULL},
    {S, "rijk_reclaimed", "Teruggevorderd", "Reclaimed", "Terugvorderingen bij de vaststelling in het jaar", NULL},
    {S, "rijk_net", "Netto Rijk", "Rijk net", "Betaald min teruggevorderd in het jaar", NULL},
    {S, "spent", "Besteed", "Spent", "Bestedingen aan de deals in het jaar", NULL},
    {S, "cofinancing_spent", "Besteed uit cofinanciering", "Spent from co-financing",
     "Het regiodeel van de bestedingen in het jaar", NULL},
    {S, "goal_spending", "Doelbestedingen", "Goal spending", "Bestedingen die de doelen dienen", NULL},
    {S, "admin_region", "Uitvoeringslasten regio's", "Administrative burden, regions", NULL, NULL},
    {S, "admin_rijk", "Uitvoeringslasten Rijk", "Administrative burden, Rijk", NULL, NULL},
    {S, "region_balance", "Saldo bij de regio's", "Balance held by the regions",
     "Ontvangen en nog niet besteed Rijksgeld aan het eind van het jaar", NULL},
    {S, "planned", "Gepland", "Planned", "Geplande bestedingen volgens het bestedingsprofiel", NULL},
    {S, "rijk_spent", "Besteed uit Rijksgeld", "Spent from Rijk money", NULL, NULL},
    {S, "spent_cumulative", "Besteed, cumulatief", "Spent, cumulative", NULL, NULL},
    /* parameters: the last part of a path */
    {P, "share", "cofinancieringsaandeel", "co-financing share", NULL, "share"},
    {P, "base", "basisaandeel cofinanciering", "co-financing base share", NULL, "share"},
    {P, "slope", "helling naar draagkracht", "slope by fiscal capacity", NULL, NULL},
    {P, "min", "minimum", "minimum", NULL, "share"},
    {P, "max", "maximum", "maximum", NULL, "share"},
    {P, "budget", "budget (€ mln)", "budget (M€)", NULL, "M€"},
    {P, "reclaim_share", "terugvorderingsaandeel", "reclaim share", NULL, "share"},
    {P, "off_goal_share", "aandeel niet-doelbesteding", "off-goal share", NULL, "share"},
    {P, "realisation_shift", "verschuiving van de realisatie", "realisation shift", NULL, "share"},
    {P, "lag", "betalingsvertraging (jaar)", "payment lag (years)", NULL, "years"},
    {P, "settlement_lag", "vaststelling na (jaar)", "settlement after (years)", NULL, "years"},
    {P, "extension_years", "verlenging (jaar)", "extension (years)", NULL, "years"},
    {P, "extension_threshold", "drempel voor verlenging", "extension threshold", NULL, "share"},
    {P, "discount_rate", "disconteringsvoet", "discount rate", NULL, "share"},
    {P, "mean", "realisatie per jaar", "realisation per year", NULL, "share"},
    {P, "request", "aanvraag (€ mln)", "request (M€)", NULL, "M€"},
    {P, "deal_min", "minimum per deal (€ mln)", "minimum per deal (M€)", NULL, "M€"},
    {P, "deal_cap", "maximum per deal (€ mln)", "maximum per deal (M€)", NULL, "M€"},
    {P, "hours", "uren per keer", "hours per occurrence", NULL, "hours"},
    {P, "fixed_eur", "vaste kosten per keer (€)", "fixed cost per occurrence (€)", NULL, "€"},
    {P, "share_of_flow", "aandeel van de jaarbetaling", "share of the year's payment", NULL, "share"},
    {P, "concentration", "concentratie van de realisatie", "concentration of the realisation", NULL, NULL},
    {P, "shock_probability", "kans op een schokjaar", "probability of a shock year", NULL, "share"},
    {P, "shock_severity", "ernst van een schokjaar", "severity of a shock year", NULL, "share"},
    {P, "admin_spread", "spreiding van de uitvoeringslasten", "spread of the burden", NULL, "share"},
    {P, "population", "inwoners", "inhabitants", NULL, NULL},
    {P, "fiscal_capacity", "draagkracht", "fiscal capacity", NULL, NULL},
    {P, "bw_pressure", "druk op brede welvaart", "pressure on brede welvaart", NULL, NULL},
    {P, "cofin_capacity", "maximale cofinanciering (€ mln)", "co-financing capacity (M€)", NULL, "M€"},
    {P, "duration", "looptijd (jaar)", "duration (years)", NULL, "years"},
    {P, "tariff", "uurtarief (€)", "hourly rate (€)", NULL, "€/hour"},
    {P, "max_pressure", "bovengrens druk", "upper pressure bound", NULL, NULL},
    /* chart titles of parameters (rs_param_title): the keys the sweep and
     * sensitivity charts name that the list above does not */
    {P, "tariff.region", "uurtarief regio (€)", "hourly rate, region (€)", NULL, "€/hour"},
    {P, "tariff.rijk", "uurtarief Rijk (€)", "hourly rate, Rijk (€)", NULL, "€/hour"},
    {P, "obligation.hours", "uren", "hours", NULL, "hours"},
    {P, "obligation.share_of_flow", "aandeel betaling", "share of payment", NULL, "share"},
    {P, "obligation.fixed_eur", "vaste kosten (€)", "fixed cost (€)", NULL, "€"},
    /* co-financing rules */
    {RS_LK_RULE, "flat", "vast aandeel", "flat share", NULL, NULL},
    {RS_LK_RULE, "capacity_linear", "naar draagkracht", "by fiscal capacity", NULL, NULL},
    {RS_LK_RULE, "pressure_tiers", "staffel naar druk op brede welvaart",
     "tiers by pressure on brede welvaart", NULL, NULL},
    /* payment schedules */
    {RS_LK_SCHEDULE, "plan", "volgens het bestedingsplan", "by the spending plan", NULL, NULL},
    {RS_LK_SCHEDULE, "upfront", "vooraf ineens", "all in advance", NULL, NULL},
    {RS_LK_SCHEDULE, "equal", "in gelijke jaarbedragen", "in equal yearly amounts", NULL, NULL},
    {RS_LK_SCHEDULE, "arrears", "achteraf, naar besteding", "in arrears, by spending", NULL, NULL},
    /* allocation rules */
    {RS_LK_ALLOC, "pro_rata", "naar rato", "pro rata", NULL, NULL},
    {RS_LK_ALLOC, "priority", "voorrang bij hoge druk op brede welvaart",
     "priority by pressure on brede welvaart", NULL, NULL},
    {RS_LK_ALLOC, "as_requested", "zoals aangevraagd", "as requested", NULL, NULL},
    /* obligation kinds */
    {RS_LK_OBLIGATION, "deal", "eenmaal per deal", "once per deal", NULL, NULL},
    {RS_LK_OBLIGATION, "deal_year", "per deal, elk actief jaar", "per deal, each active year", NULL, NULL},
    {RS_LK_OBLIGATION, "project", "eenmaal per project", "once per project", NULL, NULL},
    {RS_LK_OBLIGATION, "project_year", "per project, elk actief jaar",
     "per project, each active year", NULL, NULL},
    {RS_LK_OBLIGATION, "private_partner", "per private partner (doorsubsidie)",
     "per private partner (onward subsidy)", NULL, NULL},
    {RS_LK_OBLIGATION, "extension", "per verlenging", "per extension", NULL, NULL},
    /* deal status */
    {RS_LK_STATUS, "awarded", "toegekend", "awarded", NULL, NULL},
    {RS_LK_STATUS, "scaled", "verlaagd", "scaled", NULL, NULL},
    {RS_LK_STATUS, "dropped", "vervallen", "dropped", NULL, NULL},
    /* units */
    {RS_LK_UNIT, "M€", "€ mln", "M€", NULL, NULL},
    {RS_LK_UNIT, "share", "%", "%", NULL, NULL},
    {RS_LK_UNIT, "years", "jaar", "years", NULL, NULL},
    {RS_LK_UNIT, "deals", "deals", "deals", NULL, NULL},
    {RS_LK_UNIT, "ratio", "", "", NULL, NULL},
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

/* ---- parameter values in their units (rs_fmt_param) ---- */

/* the label-table key of a parameter path, as rs_param_title looks it up */
static const rs_label *param_entry(const char *path)
{
    const char *last = strrchr(path, '.');
    last = last ? last + 1 : path;
    char key[96];
    const rs_label *l = NULL;
    if (strstr(path, ".admin.obligations[")) {
        snprintf(key, sizeof key, "obligation.%s", last);
        l = rs_label_find(RS_LK_PARAM, key);
    } else if (strstr(path, ".admin.tariff.")) {
        snprintf(key, sizeof key, "tariff.%s", last);
        l = rs_label_find(RS_LK_PARAM, key);
    }
    return l ? l : rs_label_find(RS_LK_PARAM, last);
}

const char *rs_param_unit(const char *path)
{
    const rs_label *l = param_entry(path ? path : "");
    return l && l->unit ? l->unit : "";
}

/* the number alone, scaled to the unit, with 'minus' for a negative one */
static void param_number(char *out, size_t n, const char *unit, double x, int nl,
                         const char *minus)
{
    int max = 4;
    if (strcmp(unit, "share") == 0)
        x *= 100, max = 2;
    else if (strcmp(unit, "M€") == 0)
        max = 3;
    else if (strcmp(unit, "€") == 0 || strcmp(unit, "€/hour") == 0)
        max = 2;
    else if (strcmp(unit, "years") == 0 || strcmp(unit, "hours") == 0)
        max = 2;
    int dec = 0;
    while (dec < max && fabs(x * pow(10, dec) - round(x * pow(10, dec))) > 1e-6 * pow(10, dec))
        dec++;
    char v[64];
    rs_fmt(v, sizeof v, fabs(x), dec, nl);
    int neg = x < 0 && strspn(v, "0,.") != strlen(v);
    snprintf(out, n, "%s%s", neg ? (minus ? minus : "-") : "", v);
}

/* 'num' (one number or "lo–hi") with the unit of 'unit' around it */
static void with_unit(char *out, size_t n, const char *unit, const char *num, int nl, int plural)
{
    if (strcmp(unit, "share") == 0)
        snprintf(out, n, nl ? "%s %%" : "%s%%", num);
    else if (strcmp(unit, "M€") == 0)
        snprintf(out, n, nl ? "€ %s mln" : "€%s million", num);
    else if (strcmp(unit, "€") == 0)
        snprintf(out, n, nl ? "€ %s" : "€%s", num);
    else if (strcmp(unit, "€/hour") == 0)
        snprintf(out, n, nl ? "€ %s per uur" : "€%s per hour", num);
    else if (strcmp(unit, "years") == 0)
        snprintf(out, n, "%s %s", num, nl ? "jaar" : plural ? "years" : "year");
    else if (strcmp(unit, "hours") == 0)
        snprintf(out, n, "%s %s", num, nl ? "uur" : plural ? "hours" : "hour");
    else
        snprintf(out, n, "%s", num);
}

void rs_fmt_param(char *out, size_t n, const char *path, double x, int nl, const char *minus)
{
    const char *u = rs_param_unit(path);
    char v[80];
    param_number(v, sizeof v, u, x, nl, minus);
    with_unit(out, n, u, v, nl, x != 1);
}

void rs_fmt_param_range(char *out, size_t n, const char *path, double lo, double hi, int nl,
                        const char *minus)
{
    const char *u = rs_param_unit(path);
    char a[80], b[80], r[200];
    param_number(a, sizeof a, u, lo, nl, minus);
    param_number(b, sizeof b, u, hi, nl, minus);
    /* "2–10", and "−5 tot 5" where a dash next to a minus would mislead */
    if (lo < 0 || hi < 0)
        snprintf(r, sizeof r, "%s %s %s", a, nl ? "tot" : "to", b);
    else
        snprintf(r, sizeof r, "%s–%s", a, b);
    with_unit(out, n, u, r, nl, 1);
}
