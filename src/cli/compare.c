/* compare.c — regiosim compare A.json B.json [C.json ...]: every scenario
 * run deterministically, side by side, with the differences to the first
 * (the baseline). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../output/labels.h"
#include "../output/messages.h"
#include "../experiment/experiment.h"
#include "../output/outdir.h"
#include "../output/report.h"
#include "../output/write.h"
#include "../output/xlsx.h"
#include "cli.h"

typedef struct one {
    const rs_scenario *sc;
    const rs_plan *plan;
    const rs_run *run;
    rs_diag warn;
    rs_result res;
    char *label;
    const rs_vresult *mc; /* the paired Monte Carlo, or NULL */
} one;

static char *label_of(const char *file)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    char *l = rs_xstrdup(b);
    size_t n = strlen(l);
    if (n > 5 && strcmp(l + n - 5, ".json") == 0)
        l[n - 5] = '\0';
    return l;
}

static void free_one(one *x)
{
    rs_result_clear(&x->res);
    rs_diag_free(&x->warn);
    free(x->label);
}

/* Two uncertainty blocks that give the same draws. */
static int same_unc(const rs_uncertainty *a, const rs_uncertainty *b)
{
    return a->real_mean == b->real_mean && a->concentration == b->concentration &&
           a->shock_probability == b->shock_probability &&
           a->shock_severity == b->shock_severity && a->admin_spread == b->admin_spread;
}

/* The key metrics of the sentences, with what "more" and "less" of them
 * is called. */
typedef struct key_metric {
    int m;
    const char *nl_more, *nl_less, *en_more, *en_less;
} key_metric;

static const key_metric keys[] = {
    {RS_M_RIJK_NET, "hogere netto Rijksuitgaven",
     "lagere netto Rijksuitgaven", "a higher Rijk net cost", "a lower Rijk net cost"},
    {RS_M_ADMIN_TOTAL, "meer uitvoeringslasten", "minder uitvoeringslasten",
     "more administrative burden", "less administrative burden"},
    {RS_M_GOAL_SPENDING, "meer doelbestedingen",
     "minder doelbestedingen", "more goal spending", "less goal spending"},
    {RS_M_EFFECTIVENESS, "een hogere doelmatigheid",
     "een lagere doelmatigheid", "a higher effectiveness", "a lower effectiveness"},
    {RS_M_RETAINED, "meer geld dat bij de regio's achterblijft", "minder geld dat bij de regio's achterblijft",
     "more money retained by the regions", "less money retained by the regions"},
    {RS_M_RIJK_RECLAIMED, "meer terugvordering",
     "minder terugvordering", "more reclaimed", "less reclaimed"},
};
#define N_KEYS (sizeof keys / sizeof *keys)

static const char *disp(const struct one *x);

/* ---- scenarios that do not hold the same deals -------------------------- */

static int by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The deals of 'a' whose id is not a deal of 'b' (sorting: O(D log D)). */
static size_t deals_not_in(const rs_scenario *a, const rs_scenario *b)
{
    const char **ids = rs_xcalloc(b->n_deals + 1, sizeof *ids);
    for (size_t d = 0; d < b->n_deals; d++)
        ids[d] = b->deals[d].id;
    qsort(ids, b->n_deals, sizeof *ids, by_str);
    size_t missing = 0;
    for (size_t d = 0; d < a->n_deals; d++) {
        const char *k = a->deals[d].id;
        if (!b->n_deals || !bsearch(&k, ids, b->n_deals, sizeof *ids, by_str))
            missing++;
    }
    free(ids);
    return missing;
}

/* A comparison of scenarios that are not about the same deals measures the
 * programme as much as the instrument: said once per such scenario, at the
 * top of the report and on stderr. */
static void unlike_warnings(const one *s, size_t n, int nl, rs_diag *out)
{
    for (size_t i = 1; i < n; i++) {
        size_t extra = deals_not_in(s[i].sc, s[0].sc), gone = deals_not_in(s[0].sc, s[i].sc);
        if (!extra && !gone)
            continue;
        rs_diag_add(out, 0,
                    nl ? "‘%s’ gaat niet over dezelfde deals als de basis ‘%s’ (%zu tegen %zu "
                         "deals; %zu niet in de basis, %zu van de basis niet in dit scenario): "
                         "de verschillen komen dan niet alleen uit het instrument"
                       : "'%s' is not about the same deals as the baseline '%s' (%zu against %zu "
                         "deals; %zu not in the baseline, %zu of the baseline not in this "
                         "scenario): the differences then come from more than the instrument",
                    disp(&s[i]), disp(&s[0]), s[i].sc->n_deals, s[0].sc->n_deals, extra, gone);
    }
}

/* ---- compare.csv and regions.csv ------------------------------------------ */

static void write_compare_csv(FILE *f, const one *s, size_t n, const char *dialect)
{
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    rs_csv_str(&c, "metric");
    rs_csv_str(&c, "unit");
    for (size_t i = 0; i < n; i++)
        rs_csv_str(&c, s[i].label);
    for (size_t i = 1; i < n; i++) {
        char h[512];
        snprintf(h, sizeof h, "%s_minus_%s", s[i].label, s[0].label);
        rs_csv_str(&c, h);
        snprintf(h, sizeof h, "%s_relative", s[i].label);
        rs_csv_str(&c, h);
    }
    /* with draws: every scenario's mean, then per difference its mean,
     * P5, P95 and the share of draws in which it is positive */
    for (size_t i = 0; s[0].mc && i < n; i++) {
        char h[512];
        snprintf(h, sizeof h, "%s_mean", s[i].label);
        rs_csv_str(&c, h);
    }
    for (size_t i = 1; s[0].mc && i < n; i++) {
        static const char *const what[] = {"mean", "p5", "p95", "p_greater"};
        for (int k = 0; k < 4; k++) {
            char h[512];
            snprintf(h, sizeof h, "%s_minus_%s_%s", s[i].label, s[0].label, what[k]);
            rs_csv_str(&c, h);
        }
    }
    rs_csv_end(&c);
    for (int m = 0; m < RS_M_N; m++) {
        rs_csv_str(&c, rs_metric_infos[m].name);
        rs_csv_str(&c, rs_metric_infos[m].unit);
        for (size_t i = 0; i < n; i++)
            rs_csv_num(&c, s[i].res.metrics[m]);
        double base = s[0].res.metrics[m];
        for (size_t i = 1; i < n; i++) {
            double diff = s[i].res.metrics[m] - base;
            rs_csv_num(&c, diff);
            if (base != 0)
                rs_csv_num(&c, diff / fabs(base));
            else
                rs_csv_str(&c, ""); /* no relative change from 0 */
        }
        for (size_t i = 0; s[0].mc && i < n; i++)
            rs_csv_num(&c, s[i].mc->metric[m].mean);
        for (size_t i = 1; s[0].mc && i < n; i++) {
            const rs_vresult *v = s[i].mc;
            rs_csv_num(&c, v->diff[m].mean);
            rs_csv_num(&c, v->diff[m].p5);
            rs_csv_num(&c, v->diff[m].p95);
            rs_csv_num(&c, v->p_greater[m]);
        }
        rs_csv_end(&c);
    }
}

static void json_stats(FILE *f, const rs_stats *st)
{
    fputs("\"mean\": ", f);
    rs_json_num(f, st->mean);
    fputs(", \"sd\": ", f);
    rs_json_num(f, st->sd);
    fputs(", \"p5\": ", f);
    rs_json_num(f, st->p5);
    fputs(", \"p50\": ", f);
    rs_json_num(f, st->p50);
    fputs(", \"p95\": ", f);
    rs_json_num(f, st->p95);
}

/* compare.json: every metric of every scenario over the same draws, and
 * every difference to the base per draw (README "compare"). */
static void write_compare_json(FILE *f, const one *s, size_t n, long draws, unsigned long seed)
{
    fputs("{\"scenarios\": [", f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        rs_json_string(f, s[i].sc->name);
    }
    fputs("],\n \"files\": [", f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        rs_json_string(f, s[i].sc->file);
    }
    fprintf(f, "],\n \"base\": 0,\n \"uncertainty\": {\"draws\": %ld, \"seed\": %lu, \"metrics\": {",
            draws, seed);
    for (int m = 0; m < RS_M_N; m++) {
        fprintf(f, "%s\n  \"%s\": {\"scenarios\": [", m ? "," : "", rs_metric_infos[m].name);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",\n      {" : "\n      {", f);
            json_stats(f, &s[i].mc->metric[m]);
            fputs("}", f);
        }
        fputs("],\n    \"differences\": [", f);
        for (size_t i = 1; i < n; i++) {
            fprintf(f, "%s\n      {\"vs\": %zu, ", i > 1 ? "," : "", i);
            json_stats(f, &s[i].mc->diff[m]);
            fputs(", \"p_greater\": ", f);
            rs_json_num(f, s[i].mc->p_greater[m]);
            fputs(", \"p_less\": ", f);
            rs_json_num(f, s[i].mc->p_less[m]);
            fputs("}", f);
        }
        fputs("]}", f);
    }
    fputs("\n}}}\n", f);
}

/* yearly_net_difference.csv: per year and scenario the Rijk net flow's
 * difference to the base over the draws (the fan chart's numbers). */
static void write_net_diff_csv(FILE *f, const one *s, size_t n, const rs_eval_result *er,
                               const char *dialect)
{
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    static const char *const head[] = {"year", "scenario", "vs", "mean", "sd", "p5", "p50", "p95", NULL};
    for (int i = 0; head[i]; i++)
        rs_csv_str(&c, head[i]);
    rs_csv_end(&c);
    for (int k = 0; k < er->ny; k++)
        for (size_t i = 1; i < n; i++) {
            const rs_stats *st = &s[i].mc->net_diff[k];
            rs_csv_int(&c, er->y0 + k);
            rs_csv_str(&c, s[i].label);
            rs_csv_str(&c, s[0].label);
            rs_csv_num(&c, st->mean);
            rs_csv_num(&c, st->sd);
            rs_csv_num(&c, st->p5);
            rs_csv_num(&c, st->p50);
            rs_csv_num(&c, st->p95);
            rs_csv_end(&c);
        }
}

/* x with at least 3 decimals and 3 significant digits (up to 9
 * decimals): a difference of 0.0004 is shown as 0,000400, not 0,000. */
static char *num_sig(const rs_doc *d, double x)
{
    int dec = 3;
    if (x != 0 && fabs(x) < 0.1) {
        dec = (int)ceil(-log10(fabs(x))) + 2;
        dec = dec < 3 ? 3 : dec > 9 ? 9 : dec;
    }
    return rs_report_num(d, x, dec);
}

static const char *disp(const one *x);

/* An amount in M€ in prose at the precision of the table ("€ 2,3 mln",
 * "-€ 1,7 mln", "+€ 0,4 mln" with 'plus'); one that shows as 0 there in
 * whole euros ("€ 103", "€ 12.900"), so that a sentence never says
 * "€ 0,0000129 mln". */
static char *prose_meur(const rs_doc *d, double x, int plus)
{
    const char *sign = x < 0 ? "-" : plus && x > 0 ? "+" : "";
    char *a, *t;
    if (rs_shows_zero(x, 1)) {
        a = rs_report_num(d, fabs(x) * 1e6, 0);
        if (strcmp(a, "0") == 0)
            sign = "";
        t = rs_xasprintf(d->nl ? "%s€ %s" : "%s€%s", sign, a);
    } else {
        a = rs_report_num(d, fabs(x), 1);
        t = rs_xasprintf(d->nl ? "%s€ %s mln" : "%s€%s million", sign, a);
    }
    free(a);
    return t;
}

/* A probability in prose: "100 %", "meer dan 99 %", "minder dan 1 %". */
static char *prose_prob(const rs_doc *d, double p)
{
    char *v = rs_report_prob(d, p);
    if (v[0] == '>' || v[0] == '<') {
        char *t = rs_xasprintf("%s%s", v[0] == '>' ? (d->nl ? "meer dan" : "more than")
                                                   : (d->nl ? "minder dan" : "less than"),
                               v + 1);
        free(v);
        return t;
    }
    return v;
}

/* "Tranche 4 als DU: meer doelbestedingen dan Tranche 4 als SPUK in 97 %
 * van de trekkingen (gemiddeld verschil +€ 1,2 mln, P5–P95 € 0,5 mln tot
 * € 2,1 mln)" for each key metric, at the precision of the table; a
 * difference that the table shows as ≈ 0 is called negligible, with its
 * size in euros (rs_diff_classify, docs/report.md). */
static char **sentences(const rs_doc *d, const one *s, size_t n, size_t *count)
{
    char **out = rs_xcalloc((n ? n : 1) * N_KEYS, sizeof *out);
    size_t k = 0;
    for (size_t i = 1; i < n; i++)
        for (size_t j = 0; j < N_KEYS; j++) {
            const key_metric *km = &keys[j];
            const rs_vresult *v = s[i].mc;
            int m = km->m, money = strcmp(rs_metric_infos[m].unit, "M€") == 0;
            int dec = rs_metric_decimals(m);
            double f = rs_metric_scale(m), pg = v->p_greater[m], pl = v->p_less[m];
            double x[3] = {f * v->diff[m].mean, f * v->diff[m].p5, f * v->diff[m].p95};
            rs_diff_kind kind = rs_diff_classify(x[0], x[1], x[2], pg, pl, dec + (dec == 0), dec);
            if (kind == RS_DIFF_NONE) {
                out[k++] = rs_xasprintf(d->nl ? "%s: geen verschil met %s in ‘%s’ (%s)"
                                              : "%s: no difference from %s in '%s' (%s)",
                                        disp(&s[i]), disp(&s[0]), rs_metric_label(m, d->nl),
                                        pg == 0 && pl == 0
                                            ? (d->nl ? "gelijk in elke trekking" : "equal in every draw")
                                        : money ? (d->nl ? "in elke trekking kleiner dan een halve euro"
                                                         : "below half a euro in every draw")
                                                : (d->nl ? "in elke trekking kleiner dan 0,0000005"
                                                         : "below 0.0000005 in every draw"));
                continue;
            }
            char *w[3];
            for (int q = 0; q < 3; q++) {
                if (money) {
                    w[q] = prose_meur(d, x[q], q == 0);
                } else {
                    char *a = kind == RS_DIFF_NEGLIGIBLE ? num_sig(d, x[q])
                                                         : rs_report_num(d, x[q], dec);
                    w[q] = q == 0 && x[0] > 0 && !rs_shows_zero(x[0], 9) ? rs_xasprintf("+%s", a)
                                                                        : rs_xstrdup(a);
                    free(a);
                }
            }
            int more = pg >= pl;
            const char *what = d->nl ? (more ? km->nl_more : km->nl_less)
                                     : (more ? km->en_more : km->en_less);
            char *p = prose_prob(d, more ? pg : pl);
            if (kind == RS_DIFF_NEGLIGIBLE)
                out[k++] = rs_xasprintf(
                    d->nl ? "%s: %s dan %s in %s van de trekkingen, maar het verschil is "
                            "verwaarloosbaar (gemiddeld %s, P5–P95 %s tot %s; in de tabel ≈ 0)"
                          : "%s: %s than %s in %s of the draws, but the difference is negligible "
                            "(mean %s, P5–P95 %s to %s; ≈ 0 in the table)",
                    disp(&s[i]), what, disp(&s[0]), p, w[0], w[1], w[2]);
            else
                out[k++] = rs_xasprintf(
                    d->nl ? "%s: %s dan %s in %s van de trekkingen (gemiddeld verschil %s, "
                            "P5–P95 %s tot %s)"
                          : "%s: %s than %s in %s of the draws (mean difference %s, P5–P95 %s "
                            "to %s)",
                    disp(&s[i]), what, disp(&s[0]), p, w[0], w[1], w[2]);
            free(p);
            for (int q = 0; q < 3; q++)
                free(w[q]);
        }
    *count = k;
    return out;
}

/* ---- regions: every scenario's regions matched by id -------------------- */

/* The per-region measures of compare's regions.csv: a metric of the
 * region (docs/model.md §8), shown as it is or per inhabitant (€). */
typedef struct rmeasure {
    const char *col;      /* column stem */
    int metric;
    int per_capita;
    const char *nl, *en;  /* what the chart calls its change */
} rmeasure;

static const rmeasure rmeasures[] = {
    {"deals", RS_M_DEALS_AWARDED, 0, NULL, NULL},
    {"award", RS_M_RIJK_AWARDED, 0, NULL, NULL},
    {"per_capita", RS_M_RIJK_AWARDED, 1, "Rijksbijdrage per inwoner", "Rijk award per inhabitant"},
    {"cofinancing", RS_M_COFINANCING, 0, NULL, NULL},
    {"cofinancing_per_capita", RS_M_COFINANCING, 1, "cofinanciering per inwoner",
     "co-financing per inhabitant"},
    {"admin_region", RS_M_ADMIN_REGION, 0, NULL, NULL},
    {"admin_region_per_capita", RS_M_ADMIN_REGION, 1, "uitvoeringslasten van de regio per inwoner",
     "burden on the region per inhabitant"},
    {"rijk_net", RS_M_RIJK_NET, 0, NULL, NULL},
    {"rijk_net_per_capita", RS_M_RIJK_NET, 1, "netto Rijksgeld per inwoner", "Rijk net per inhabitant"},
    {"reclaimed", RS_M_RIJK_RECLAIMED, 0, NULL, NULL},
    {"retained", RS_M_RETAINED, 0, NULL, NULL},
};
#define N_RMEASURES (sizeof rmeasures / sizeof *rmeasures)
/* the chart's candidates, in order: the first that moves is shown */
static const int chart_measures[] = {2, 4, 6, 8};

typedef struct reg {
    const rs_region *r;
    long *idx;     /* per scenario: the region's index there, or -1 */
    double change; /* largest |change| of the chart's measure over the scenarios */
} reg;

/* Measure k of union region j under scenario i (0 when it is not there). */
static double rvalue(const one *s, const reg *rg, size_t i, size_t k)
{
    long r = rg->idx[i];
    if (r < 0)
        return 0;
    const rmeasure *m = &rmeasures[k];
    double v = s[i].res.region_metrics[(size_t)r * RS_M_N + (size_t)m->metric];
    return m->per_capita ? v * 1e6 / rg->r->population : v;
}

typedef struct rkey {
    const char *id;
    size_t scen, reg;
} rkey;

static int by_id(const void *a, const void *b)
{
    const rkey *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->scen < y->scen ? -1 : x->scen > y->scen;
}

static int by_change_then_id(const void *a, const void *b)
{
    const reg *x = a, *y = b;
    if (x->change != y->change)
        return x->change > y->change ? -1 : 1;
    return strcmp(x->r->id, y->r->id);
}

/* The measure the regions chart shows: the first candidate whose change
 * is not 0 in some region and scenario (the award when nothing moves). */
static size_t moving_measure(const one *s, size_t n, const reg *rg, size_t nr)
{
    for (size_t c = 0; c < sizeof chart_measures / sizeof *chart_measures; c++) {
        size_t k = (size_t)chart_measures[c];
        for (size_t j = 0; j < nr; j++)
            for (size_t i = 1; i < n; i++)
                if (fabs(rvalue(s, &rg[j], i, k) - rvalue(s, &rg[j], 0, k)) > 1e-9)
                    return k;
    }
    return (size_t)chart_measures[0];
}

/* Regions of all scenarios matched by id (sorting: O(R log R)), sorted by
 * the largest change of the measure that moves, then by id. */
static reg *union_regions(const one *s, size_t n, size_t *count, size_t *measure)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += s[i].sc->n_regions;
    rkey *rk = rs_xcalloc(total + 1, sizeof *rk);
    size_t q = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < s[i].sc->n_regions; r++)
            rk[q++] = (rkey){s[i].sc->regions[r].id, i, r};
    qsort(rk, total, sizeof *rk, by_id);
    reg *out = rs_xcalloc(total + 1, sizeof *out);
    size_t k = 0;
    for (size_t a = 0; a < total;) {
        size_t b = a;
        out[k].r = &s[rk[a].scen].sc->regions[rk[a].reg];
        out[k].idx = rs_xmalloc(n * sizeof *out[k].idx);
        for (size_t i = 0; i < n; i++)
            out[k].idx[i] = -1;
        while (b < total && strcmp(rk[b].id, rk[a].id) == 0) {
            out[k].idx[rk[b].scen] = (long)rk[b].reg;
            b++;
        }
        k++;
        a = b;
    }
    free(rk);
    *measure = moving_measure(s, n, out, k);
    for (size_t j = 0; j < k; j++)
        for (size_t i = 1; i < n; i++)
            out[j].change = fmax(out[j].change, fabs(rvalue(s, &out[j], i, *measure) -
                                                     rvalue(s, &out[j], 0, *measure)));
    qsort(out, k, sizeof *out, by_change_then_id);
    *count = k;
    return out;
}

static void write_regions_csv(FILE *f, const one *s, size_t n, const reg *rg, size_t nr,
                              const char *dialect)
{
    rs_csv c;
    rs_csv_init(&c, f, dialect);
    rs_csv_str(&c, "region");
    rs_csv_str(&c, "name");
    rs_csv_str(&c, "population");
    char h[512];
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < N_RMEASURES; k++) {
            snprintf(h, sizeof h, "%s_%s", strcmp(rmeasures[k].col, "per_capita") == 0
                                               ? "award_per_capita" : rmeasures[k].col,
                     s[i].label);
            rs_csv_str(&c, h);
        }
    for (size_t i = 1; i < n; i++)
        for (size_t k = 0; k < N_RMEASURES; k++) {
            snprintf(h, sizeof h, "change_%s_%s", rmeasures[k].col, s[i].label);
            rs_csv_str(&c, h);
        }
    rs_csv_end(&c);
    for (size_t j = 0; j < nr; j++) {
        rs_csv_str(&c, rg[j].r->id);
        rs_csv_str(&c, rg[j].r->name);
        rs_csv_num(&c, rg[j].r->population);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < N_RMEASURES; k++) {
                if (rg[j].idx[i] < 0)
                    rs_csv_str(&c, ""); /* not a region of this scenario */
                else
                    rs_csv_num(&c, rvalue(s, &rg[j], i, k));
            }
        for (size_t i = 1; i < n; i++)
            for (size_t k = 0; k < N_RMEASURES; k++)
                rs_csv_num(&c, rvalue(s, &rg[j], i, k) - rvalue(s, &rg[j], 0, k));
        rs_csv_end(&c);
    }
}

/* ---- the comparison table (compare.md and the report) --------------------- */

/* Every metric per scenario (one table), then per other scenario a table
 * of its difference with the baseline (so that each fits the width of an
 * A4 page; compare.csv and results.xlsx hold all of it in one sheet),
 * computed from the values as shown; no relative change from a base that
 * shows as zero. */
static void compare_diff_table(rs_doc *d, const one *s, size_t i);
#define CELL(x)                                                                              \
    do {                                                                                     \
        c = rs_xrealloc(c, (k + 1) * sizeof *c);                                             \
        c[k++] = (x);                                                                        \
    } while (0)
static void compare_table(rs_doc *d, const one *s, size_t n)
{
    char **c = NULL;
    size_t k = 0;
    CELL(rs_xstrdup(d->nl ? "maatstaf" : "metric"));
    CELL(rs_xstrdup(d->nl ? "eenheid" : "unit"));
    for (size_t i = 0; i < n; i++)
        CELL(rs_xasprintf("%s%s", disp(&s[i]), i ? "" : d->nl ? " (basis)" : " (baseline)"));
    for (int m = 0; m < RS_M_N; m++) {
        int dec = rs_metric_decimals(m);
        double f = rs_metric_scale(m);
        CELL(rs_xstrdup(rs_metric_label(m, d->nl)));
        CELL(rs_xstrdup(rs_metric_unit(m, d->nl)));
        for (size_t i = 0; i < n; i++)
            CELL(rs_report_num(d, f * s[i].res.metrics[m], dec));
    }
    rs_doc_table_split(d, c, k, 2 + n, 2, 5);
    for (size_t i = 0; i < k; i++)
        free(c[i]);
    free(c);
    for (size_t i = 1; i < n; i++)
        compare_diff_table(d, s, i);
}

/* The difference of scenario i with the baseline, per metric. */
static void compare_diff_table(rs_doc *d, const one *s, size_t i)
{
    const int mc = s[0].mc != NULL;
    size_t cols = mc ? 7 : 4, negligible = 0;
    char **c = NULL;
    size_t k = 0;
    char *title = rs_xasprintf(d->nl ? "Verschil: %s min %s (basis)" : "Difference: %s minus %s (baseline)",
                               disp(&s[i]), disp(&s[0]));
    rs_doc_text(d, RS_B_P, title);
    free(title);
    CELL(rs_xstrdup(d->nl ? "maatstaf" : "metric"));
    CELL(rs_xstrdup(d->nl ? "eenheid" : "unit"));
    CELL(rs_xstrdup(d->nl ? "verschil" : "difference"));
    CELL(rs_xstrdup(d->nl ? "t.o.v. basis" : "vs baseline"));
    if (mc) {
        CELL(rs_xstrdup(d->nl ? "gem. verschil per trekking" : "mean difference per draw"));
        CELL(rs_xstrdup(d->nl ? "P5 – P95 verschil" : "P5 – P95 difference"));
        CELL(rs_xstrdup(d->nl ? "kans > 0" : "P(> 0)"));
    }
    for (int m = 0; m < RS_M_N; m++) {
        int dec = rs_metric_decimals(m);
        double f = rs_metric_scale(m), q = pow(10, dec);
        CELL(rs_xstrdup(rs_metric_label(m, d->nl)));
        /* the difference of two shares is in percentage points */
        CELL(rs_xstrdup(rs_metric_scale(m) != 1 ? (d->nl ? "%-punt" : "pp")
                                                : rs_metric_unit(m, d->nl)));
        double base = round(f * s[0].res.metrics[m] * q) / q;
        double shown = round(f * s[i].res.metrics[m] * q) / q;
        double diff = shown - base;
        /* a '+' only on what shows as a change at this precision */
        int up = diff >= 0.5 / q;
        char *v = rs_report_num(d, diff, dec);
        CELL(up ? rs_xasprintf("+%s", v) : rs_xstrdup(v));
        free(v);
        if (fabs(base) >= 0.5 / q && fabs(base) >= 1e-9) {
            double rel = 100 * diff / fabs(base);
            char *r = rs_report_num(d, rel, 1);
            CELL(rs_xasprintf("%s%s %%", rel >= 0.05 ? "+" : "", r));
            free(r);
        } else {
            CELL(rs_xstrdup("–"));
        }
        if (mc) {
            const rs_stats *st = &s[i].mc->diff[m];
            int dm = dec + (dec == 0); /* counts: the mean with one decimal */
            rs_diff_kind kind = rs_diff_classify(f * st->mean, f * st->p5, f * st->p95,
                                                 s[i].mc->p_greater[m], s[i].mc->p_less[m], dm, dec);
            if (kind == RS_DIFF_NEGLIGIBLE) {
                /* below the precision shown: no number that reads as 0,0
                 * beside a probability that reads as a finding */
                CELL(rs_xstrdup("≈ 0"));
                CELL(rs_xstrdup("≈ 0"));
                CELL(rs_xstrdup("–"));
                negligible++;
                continue;
            }
            char *v1 = rs_report_num(d, f * st->mean, dm);
            CELL(f * st->mean > 0 && !rs_shows_zero(f * st->mean, dm) ? rs_xasprintf("+%s", v1)
                                                                       : rs_xstrdup(v1));
            free(v1);
            char *a = rs_report_num(d, f * st->p5, dec), *b = rs_report_num(d, f * st->p95, dec);
            CELL(rs_xasprintf("%s … %s", a, b));
            free(a);
            free(b);
            /* the same in every draw: no direction */
            CELL(kind == RS_DIFF_NONE ? rs_xstrdup("–") : rs_report_prob(d, s[i].mc->p_greater[m]));
        }
    }
    rs_doc_cells(d, RS_B_TABLE, c, k, cols);
    for (size_t j = 0; j < k; j++)
        free(c[j]);
    free(c);
    if (negligible)
        rs_doc_text(d, RS_B_P,
                    d->nl ? "≈ 0: het gemiddelde verschil en de band P5–P95 zijn kleiner dan de "
                            "getoonde precisie (bij € mln: kleiner dan € 50.000). Zo'n verschil is "
                            "geen bevinding; er staat daarom geen kans bij. results.xlsx geeft het "
                            "onafgeronde verschil."
                          : "≈ 0: the mean difference and its P5–P95 band are below the precision "
                            "shown (for M€: less than €50,000). Such a difference is not a "
                            "finding, so no probability is given. results.xlsx holds the "
                            "unrounded difference.");
}
#undef CELL

/* The cells of a comparison table by tranche or by region: a first column,
 * one column per scenario, then each scenario's change to the baseline. */
typedef struct cells {
    char **c;
    size_t k;
} cells;

static void cell(cells *t, char *x)
{
    t->c = rs_xrealloc(t->c, (t->k + 1) * sizeof *t->c);
    t->c[t->k++] = x;
}

static void cells_head(cells *t, const rs_doc *d, const char *first, const one *s, size_t n)
{
    cell(t, rs_xstrdup(first));
    for (size_t i = 0; i < n; i++)
        cell(t, rs_xstrdup(disp(&s[i])));
    for (size_t i = 1; i < n; i++)
        cell(t, rs_xasprintf("%s − %s", disp(&s[i]), d->nl ? "basis" : "baseline"));
}

/* The values v[0 … n−1] as shown (NAN: "–"), then v[i] − v[0] of each
 * other scenario with a sign, from the values as shown ('dec' decimals,
 * already rounded to them). */
static void cells_values(cells *t, rs_doc *d, const double *v, size_t n, int dec)
{
    for (size_t i = 0; i < n; i++)
        cell(t, isnan(v[i]) ? rs_xstrdup("–") : rs_report_num(d, v[i], dec));
    for (size_t i = 1; i < n; i++) {
        if (isnan(v[i]) || isnan(v[0])) {
            cell(t, rs_xstrdup("–"));
            continue;
        }
        char *x = rs_report_num(d, v[i] - v[0], dec);
        cell(t, v[i] - v[0] >= 0.5 * pow(10, -dec) ? rs_xasprintf("+%s", x) : rs_xstrdup(x));
        free(x);
    }
}

/* Up to three scenarios: one table (a first column, the values, the
 * changes: at most 6 columns).  More: a table of the values and one of the
 * changes, each at most 6 columns wide (rs_doc_table_split), so that the
 * comparison by tranche and by region fits an A4 page as the table of
 * metrics does. */
static void cells_done(cells *t, rs_doc *d, size_t n)
{
    size_t cols = 1 + n + (n - 1), rows = t->k / cols;
    if (n <= 3) {
        rs_doc_cells(d, RS_B_TABLE, t->c, t->k, cols);
    } else {
        char **part = rs_xcalloc(rows * (1 + n), sizeof *part);
        size_t k = 0;
        for (size_t r = 0; r < rows; r++)
            for (size_t c = 0; c <= n; c++)
                part[k++] = t->c[r * cols + c];
        rs_doc_table_split(d, part, k, 1 + n, 1, 5);
        rs_doc_text(d, RS_B_P, d->nl ? "Verschil met de basis:" : "Difference from the baseline:");
        k = 0;
        for (size_t r = 0; r < rows; r++) {
            part[k++] = t->c[r * cols];
            for (size_t c = 1 + n; c < cols; c++)
                part[k++] = t->c[r * cols + c];
        }
        rs_doc_table_split(d, part, k, n, 1, 5);
        free(part);
    }
    for (size_t i = 0; i < t->k; i++)
        free(t->c[i]);
    free(t->c);
}

/* Per tranche id: the net Rijk expenditure and the goal spending in each
 * scenario, with the difference to the baseline (as shown, 1 decimal). */
static void compare_tranches(rs_doc *d, const one *s, size_t n)
{
    rs_doc_text(d, RS_B_H2, d->nl ? "Per tranche" : "By tranche");
    rs_doc_text(d, RS_B_P, d->nl ? "Netto Rijksuitgaven per tranche in € mln; – waar een scenario "
                                   "de tranche niet heeft."
                                 : "Net Rijk expenditure by tranche in M€; – where a scenario "
                                   "does not have the tranche.");
    cells t = {NULL, 0};
    cells_head(&t, d, "tranche", s, n);
    double *v = rs_xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++)
        for (size_t tr = 0; tr < s[i].sc->n_tranches; tr++) {
            const char *id = s[i].sc->tranches[tr].id;
            int seen = 0;
            for (size_t j = 0; j < i && !seen; j++)
                for (size_t u = 0; u < s[j].sc->n_tranches && !seen; u++)
                    seen = strcmp(s[j].sc->tranches[u].id, id) == 0;
            if (seen)
                continue;
            cell(&t, rs_xstrdup(id));
            for (size_t j = 0; j < n; j++) {
                size_t u = 0;
                while (u < s[j].sc->n_tranches && strcmp(s[j].sc->tranches[u].id, id) != 0)
                    u++;
                v[j] = u < s[j].sc->n_tranches
                           ? round(10 * s[j].res.tranche_metrics[u * RS_M_N + RS_M_RIJK_NET]) / 10
                           : NAN;
            }
            cells_values(&t, d, v, n, 1);
        }
    free(v);
    cells_done(&t, d, n);
}

/* Per region: in euro per inhabitant, the measure of the regions chart (the
 * Rijk award, or when no award changes — fixed awards, as in the
 * programme — what does change), in each scenario and the change to the
 * baseline, in whole euros; regions in the chart's order (largest change
 * first). */
static void compare_regions(rs_doc *d, const one *s, size_t n, const reg *rg, size_t nr, size_t mk)
{
    rs_doc_text(d, RS_B_H2, d->nl ? "Per regio" : "By region");
    char *p;
    if (mk == (size_t)chart_measures[0])
        p = rs_xstrdup(d->nl ? "Rijksbijdrage per inwoner in euro; – waar een scenario de regio "
                               "niet heeft."
                             : "Rijk award per inhabitant in euro; – where a scenario does not "
                               "have the region.");
    else
        p = rs_xasprintf(d->nl ? "De Rijksbijdrage per regio verandert in geen scenario (vaste "
                                 "toekenningen); de tabel toont daarom, zoals de grafiek, de %s in "
                                 "euro; – waar een scenario de regio niet heeft."
                               : "The Rijk award of no region changes in any scenario (fixed "
                                 "awards); so the table shows, like the chart, the %s in euro; – "
                                 "where a scenario does not have the region.",
                         d->nl ? rmeasures[mk].nl : rmeasures[mk].en);
    rs_doc_text(d, RS_B_P, p);
    free(p);
    cells t = {NULL, 0};
    cells_head(&t, d, d->nl ? "regio" : "region", s, n);
    double *v = rs_xcalloc(n, sizeof *v);
    for (size_t j = 0; j < nr; j++) {
        cell(&t, rs_xstrdup(rg[j].r->name));
        for (size_t i = 0; i < n; i++) /* per inhabitant, whole euros */
            v[i] = rg[j].idx[i] < 0 ? NAN : round(rvalue(s, &rg[j], i, mk));
        cells_values(&t, d, v, n, 0);
    }
    free(v);
    cells_done(&t, d, n);
}

/* ---- charts ------------------------------------------------------------------ */


/* A label for a data file (its last column, see gp.h): at most 'max'
 * characters, '…' when cut. */
static void dat_str(rs_buf *b, const char *s, size_t max) { rs_gp_text(b, s, max); }

/* The name a reader knows a scenario by: its 'label', else its 'name'. */
static const char *disp(const one *x) { return x->sc->label ? x->sc->label : x->sc->name; }

/* The columns of the legend of scenarios first..n-1. */
static int legend_cols(const one *s, size_t n, size_t first)
{
    size_t longest = 0;
    for (size_t i = first; i < n; i++) {
        char nm[160];
        rs_chart_cut(nm, sizeof nm, disp(&s[i]), 44);
        size_t l = rs_text_chars(nm) + 9;
        longest = l > longest ? l : longest;
    }
    int cols = (int)(96 / (longest + 6)), shown = (int)(n - first);
    return cols < 1 ? 1 : cols > shown ? shown : cols;
}

static int legend_rows(const one *s, size_t n, size_t first)
{
    int cols = legend_cols(s, n, first);
    return ((int)(n - first) + cols - 1) / cols;
}

/* The legend of scenarios first..n-1 (each in its colour of every
 * chart), once, under a multiplot's panels. */
static void scenario_legend(rs_buf *gp, const one *s, size_t n, size_t first, const rs_gp *g,
                            const char *with)
{
    int cols = legend_cols(s, n, first);
    rs_buf_add(gp, "unset title\nunset xlabel\nunset ylabel\nunset tics\nunset border\nunset grid\n"
                   "unset label\nunset arrow\nunset object\nunset xzeroaxis\nunset yzeroaxis\n"
                   "set xrange [0:1]\nset yrange [0:1]\n"
                   "set lmargin at screen 0\nset rmargin at screen 1\nset tmargin at screen 1\n"
                   "set bmargin at screen 0\n");
    rs_buf_printf(gp, "set key at screen 0.5, character %.2f center top horizontal Left reverse "
                      "maxcols %d samplen 2\nplot ",
                  1.9 + 1.25 * legend_rows(s, n, first), cols);
    for (size_t i = first; i < n; i++) {
        char nm[200], lab[240];
        rs_chart_cut(nm, sizeof nm, disp(&s[i]), 44);
        snprintf(lab, sizeof lab, "%s%s", nm, i == 0 ? RS_L(g, " (basis)", " (baseline)") : "");
        rs_buf_printf(gp, "%sNaN with %s lt %zu title ", i > first ? ", " : "", with,
                      i % RS_GP_NCOLORS + 1);
        rs_gp_quote(gp, lab);
    }
    rs_buf_add(gp, "\n");
}

/* The six panels of the key-metrics and difference charts: the metrics,
 * where the panels end above the legend, and panel k's place and title
 * (the metric's display label and unit). */
static const int panel_metrics[6] = {RS_M_RIJK_NET,      RS_M_ADMIN_TOTAL, RS_M_GOAL_SPENDING,
                                     RS_M_EFFECTIVENESS, RS_M_RETAINED,    RS_M_RIJK_RECLAIMED};

static double panels_bottom(const one *s, size_t n, size_t first)
{
    return 0.05 + 0.032 * legend_rows(s, n, first) + 0.03;
}

static void panel_place(rs_buf *gp, const rs_gp *g, int k, double bottom, int m)
{
    char t[200];
    const char *u = strcmp(rs_metric_infos[m].unit, "M€") == 0 ? RS_L(g, "€ mln", "M€")
                                                              : rs_metric_unit(m, g->nl);
    snprintf(t, sizeof t, u[0] ? "%s (%s)" : "%s%s", rs_metric_label(m, g->nl), u);
    int col = k % 3, row = k / 3;
    double w = 0.92 / 3, h = (0.86 - bottom) / 2;
    double l = 0.06 + col * w, b = bottom + (1 - row) * h;
    rs_buf_printf(gp, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                      "set bmargin at screen %.4f\nset tmargin at screen %.4f\n",
                  l + 0.045, l + w - 0.02, b + 0.02, b + h - 0.07);
    rs_buf_add(gp, "set title ");
    rs_gp_quote(gp, t);
    rs_buf_add(gp, " noenhanced textcolor rgb c_text");
    rs_gp_font(gp, g, 0.8);
    rs_buf_add(gp, "\n");
}

static void chart_metrics(const one *s, size_t n, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    const int *ms = panel_metrics;
    rs_buf_add(dat, "# scenario index");
    for (int k = 0; k < 6; k++)
        rs_buf_printf(dat, "\t%s", rs_metric_infos[ms[k]].name);
    rs_buf_add(dat, "\tscenario\n");
    char **vl = rs_xcalloc(6 * n, sizeof *vl);
    for (size_t i = 0; i < n; i++) {
        rs_buf_printf(dat, "%zu", i);
        for (int k = 0; k < 6; k++) {
            rs_buf_add(dat, "\t");
            rs_chart_dat_num(dat, rs_metric_scale(ms[k]) * s[i].res.metrics[ms[k]]);
        }
        for (int k = 0; k < 6; k++) {
            char v[64];
            rs_fmt_metric(v, sizeof v, ms[k], s[i].res.metrics[ms[k]], g->nl, 0);
            vl[(size_t)k * n + i] = rs_xstrdup(v);
        }
        rs_buf_add(dat, "\t");
        dat_str(dat, disp(&s[i]), 40);
        rs_buf_add(dat, "\n");
    }
    rs_gp_header(gp, g, "compare-metrics");
    for (int k = 0; k < 6; k++) {
        char var[16];
        snprintf(var, sizeof var, "V%d", k + 1);
        rs_gp_label_array(gp, var, (const char *const *)(vl + (size_t)k * n), n, 0);
    }
    for (size_t i = 0; i < 6 * n; i++)
        free(vl[i]);
    free(vl);
    rs_chart_title(gp, g, RS_L(g, "Kerncijfers per scenario", "Key metrics by scenario"));
    rs_buf_printf(gp, "unset key\nset boxwidth 0.7\nunset xtics\nset border 1\n"
                      "set xrange [-0.6:%zu.6]\nset multiplot\n",
                  n - 1);
    double bottom = panels_bottom(s, n, 0);
    for (int k = 0; k < 6; k++) {
        int m = ms[k];
        int dec = rs_metric_decimals(m);
        double f = rs_metric_scale(m), lo = 0, hi = 0;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, f * s[i].res.metrics[m]);
            hi = fmax(hi, f * s[i].res.metrics[m]);
        }
        /* all values below what the labels show: say so, draw no bars */
        int zero = fmax(fabs(lo), fabs(hi)) < 0.5 * pow(10, -dec);
        panel_place(gp, g, k, bottom, m);
        if (zero) {
            rs_buf_add(gp, "set yrange [0:1]\nunset ytics\nset label 5 ");
            rs_gp_quote(gp, RS_L(g, "≈ 0 in elk scenario", "≈ 0 in every scenario"));
            rs_buf_add(gp, " at graph 0.5, graph 0.5 center noenhanced textcolor rgb c_axis\n"
                           "plot NaN notitle\nunset label 5\n");
        } else {
            /* a ratio of at most 1 on its natural scale, never a zoomed one */
            if (m == RS_M_EFFECTIVENESS && hi <= 1)
                rs_buf_add(gp, "set yrange [0:1.15]\nset ytics ('0' 0, '0,25' 0.25, '0,5' 0.5, "
                               "'0,75' 0.75, '1' 1)\n");
            else
                rs_gp_tics_n(gp, g, "y", lo, hi * 1.18 + (hi == lo ? 1 : 0), 4);
            if (!g->nl && m == RS_M_EFFECTIVENESS && hi <= 1)
                rs_buf_add(gp, "set ytics ('0' 0, '0.25' 0.25, '0.5' 0.5, '0.75' 0.75, '1' 1)\n");
            rs_buf_add(gp, "set ytics nomirror textcolor rgb c_text\n");
            rs_gp_layout(gp, g, "compare-metrics");
            rs_buf_printf(gp, "plot 'compare-metrics.dat' using 1:%d:($1+1) with boxes lc variable "
                              "notitle, \\\n  '' using 1:%d:(V%d[int($1)+1]) with labels center "
                              "offset 0,0.7 noenhanced textcolor rgb c_text",
                          k + 2, k + 2, k + 1);
            rs_gp_font(gp, g, 0.7);
            rs_buf_add(gp, " notitle\n");
        }
        if (k == 0)
            rs_buf_add(gp, "unset label 98\nunset label 99\n"); /* title and source once */
    }
    scenario_legend(gp, s, n, 0, g, "boxes");
    rs_buf_add(gp, "unset multiplot\n");
}

/* The net Rijk expenditure per year: the levels above, the difference
 * with the baseline below (lines of similar scenarios lie on top of each
 * other; their differences do not). */
static void chart_net(const one *s, size_t n, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    int y0 = s[0].sc->start, y1 = s[0].sc->end;
    for (size_t i = 1; i < n; i++) {
        y0 = s[i].sc->start < y0 ? s[i].sc->start : y0;
        y1 = s[i].sc->end > y1 ? s[i].sc->end : y1;
    }
    /* flows after every horizon: one position 'na' */
    double *after = rs_xcalloc(n, sizeof *after);
    int any_after = 0;
    for (size_t i = 0; i < n; i++) {
        const rs_plan *p = s[i].plan;
        for (int y = s[i].sc->end - p->y0 + 1; y < p->ny; y++)
            after[i] += s[i].run->y[RS_Y_NET][y];
        any_after |= fabs(after[i]) > 1e-9;
    }
    double lo = 0, hi = 0, dlo = 0, dhi = 0;
    rs_buf_add(dat, "# year\trijk_net per scenario (M€), then the difference with the first\n");
    for (int y = y0; y <= y1 + any_after; y++) {
        rs_buf_printf(dat, "%d", y);
        double *v = rs_xcalloc(n, sizeof *v);
        for (size_t i = 0; i < n; i++) {
            const rs_plan *p = s[i].plan;
            if (y > y1)
                v[i] = after[i];
            else if (y >= s[i].sc->start && y <= s[i].sc->end)
                v[i] = s[i].run->y[RS_Y_NET][y - p->y0];
            else
                v[i] = NAN;
        }
        for (size_t i = 0; i < n; i++)
            rs_chart_dat_cell(dat, v[i], &lo, &hi);
        for (size_t i = 1; i < n; i++) {
            rs_buf_add(dat, "\t");
            /* from the values as shown (1 decimal) */
            double a = round(v[i] * 10) / 10, b = round(v[0] * 10) / 10;
            double dd = isnan(v[i]) || isnan(v[0]) ? NAN : a - b;
            if (isnan(dd)) {
                rs_buf_add(dat, "NaN");
                continue;
            }
            rs_chart_dat_num(dat, dd);
            dlo = fmin(dlo, dd);
            dhi = fmax(dhi, dd);
        }
        free(v);
        rs_buf_add(dat, "\n");
    }
    free(after);
    rs_gp_header(gp, g, "compare-net");
    rs_chart_title(gp, g, RS_L(g, "Netto Rijksuitgaven per jaar", "Net Rijk expenditure per year"));
    int rows_key = legend_rows(s, n, 0);
    double bottom = 0.05 + 0.032 * rows_key + 0.03;
    rs_buf_add(gp, "set multiplot\nunset key\n");
    rs_buf_printf(gp, "set lmargin at screen 0.10\nset rmargin at screen 0.97\n"
                      "set tmargin at screen 0.86\nset bmargin at screen %.4f\n",
                  bottom + 0.36);
    rs_chart_axis_label(gp, "y", RS_L(g, "€ mln", "€ million"));
    rs_gp_tics(gp, g, "y", lo, hi * 1.08);
    rs_chart_years(gp, g, y0, y1, any_after);
    rs_buf_add(gp, "set xtics textcolor rgb '#FFFFFF'\nset xzeroaxis lt -1 lc rgb c_axis lw 1\n");
    rs_gp_layout(gp, g, "compare-net");
    rs_buf_add(gp, "plot ");
    for (size_t i = 0; i < n; i++)
        rs_buf_printf(gp, "%s'compare-net.dat' using 1:%zu with linespoints lt %zu lw 2.5 notitle",
                      i ? ", \\\n  " : "", i + 2, i % RS_GP_NCOLORS + 1);
    rs_buf_add(gp, "\nunset label 98\nunset label 99\n");
    /* the differences, as bars side by side per year */
    rs_buf_printf(gp, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n", bottom + 0.30,
                  bottom + 0.05);
    char t[300], nm[120];
    rs_chart_cut(nm, sizeof nm, disp(&s[0]), 40);
    snprintf(t, sizeof t, RS_L(g, "Verschil met “%s” (€ mln)", "Difference from “%s” (€ million)"), nm);
    rs_buf_add(gp, "unset ylabel\nset label 7 ");
    rs_gp_quote(gp, t);
    rs_buf_printf(gp, " at screen 0.10, screen %.4f left noenhanced textcolor rgb c_text\n", bottom + 0.335);
    if (dhi - dlo < 0.05) {
        rs_buf_add(gp, "set yrange [-1:1]\nset ytics ('0' 0)\nset label 6 ");
        rs_gp_quote(gp, RS_L(g, "geen verschil van 0,1 mln of meer in enig jaar",
                             "no difference of 0.1 million or more in any year"));
        rs_buf_add(gp, " at graph 0.5, graph 0.7 center noenhanced textcolor rgb c_axis\n");
    } else {
        rs_gp_tics_n(gp, g, "y", dlo, dhi, 3);
    }
    rs_chart_years(gp, g, y0, y1, any_after);
    rs_buf_add(gp, "set xtics textcolor rgb c_text\n");
    double bw = 0.8 / (double)(n > 1 ? n - 1 : 1);
    rs_buf_printf(gp, "set boxwidth %g\nplot ", bw * 0.9);
    for (size_t i = 1; i < n; i++)
        rs_buf_printf(gp, "%s'compare-net.dat' using ($1%+g):%zu with boxes lt %zu notitle",
                      i > 1 ? ", \\\n  " : "", -0.4 + bw * ((double)i - 0.5), n + 1 + i, i % RS_GP_NCOLORS + 1);
    if (n < 2)
        rs_buf_add(gp, "NaN notitle");
    rs_buf_add(gp, "\nunset label 6\nunset label 7\n");
    scenario_legend(gp, s, n, 0, g, "linespoints");
    rs_buf_add(gp, "unset multiplot\n");
}

/* The difference of each scenario from the base per key metric: the
 * mean as a bar in the scenario's colour with its value, P5–P95 as an
 * error bar; the panels and their titles as in the key-metrics chart, a
 * panel whose differences all round to 0 says "≈ 0". */
static void chart_diff(const one *s, size_t n, const rs_gp *g, rs_buf *dat, rs_buf *gp)
{
    rs_buf_add(dat, "# scenario index");
    for (int k = 0; k < 6; k++)
        rs_buf_printf(dat, "\t%s_mean\tp5\tp95\tlabel_y", rs_metric_infos[panel_metrics[k]].name);
    rs_buf_add(dat, "\tscenario\n");
    /* per panel: the range, whether it shows anything, the value labels */
    double lo[6], hi[6];
    int zero[6];
    char **vl = rs_xcalloc(6 * n, sizeof *vl);
    for (int k = 0; k < 6; k++) {
        int m = panel_metrics[k];
        double f = rs_metric_scale(m);
        lo[k] = hi[k] = 0;
        for (size_t i = 1; i < n; i++) {
            const rs_stats *st = &s[i].mc->diff[m];
            lo[k] = fmin(lo[k], f * fmin(st->mean, st->p5));
            hi[k] = fmax(hi[k], f * fmax(st->mean, st->p95));
        }
        zero[k] = fmax(fabs(lo[k]), fabs(hi[k])) < 0.5 * pow(10, -rs_metric_decimals(m));
        for (size_t i = 1; i < n; i++) {
            char v[64];
            double x = s[i].mc->diff[m].mean;
            rs_fmt_metric(v, sizeof v, m, fabs(x), g->nl, 0);
            int shown = fabs(f * x) >= 0.5 * pow(10, -rs_metric_decimals(m));
            vl[(size_t)k * n + i] = rs_xasprintf("%s%s", !shown ? "" : x > 0 ? "+" : "−", v);
        }
    }
    for (size_t i = 1; i < n; i++) {
        rs_buf_printf(dat, "%zu", i);
        for (int k = 0; k < 6; k++) {
            int m = panel_metrics[k];
            const rs_stats *st = &s[i].mc->diff[m];
            double f = rs_metric_scale(m), pad = 0.07 * (hi[k] - lo[k]);
            /* the value above the band (below it for a decrease) */
            double ly = st->mean >= 0 ? f * fmax(st->mean, st->p95) + pad
                                      : f * fmin(st->mean, st->p5) - pad;
            const double col[4] = {f * st->mean, f * st->p5, f * st->p95, ly};
            for (int c = 0; c < 4; c++) {
                rs_buf_add(dat, "\t");
                rs_chart_dat_num(dat, col[c]);
            }
        }
        rs_buf_add(dat, "\t");
        dat_str(dat, disp(&s[i]), 40);
        rs_buf_add(dat, "\n");
    }
    rs_gp_header(gp, g, "compare-diff");
    for (int k = 0; k < 6; k++) {
        char var[16];
        snprintf(var, sizeof var, "V%d", k + 1);
        vl[(size_t)k * n] = rs_xstrdup(""); /* the base: never drawn */
        rs_gp_label_array(gp, var, (const char *const *)(vl + (size_t)k * n), n, 0);
    }
    for (size_t i = 0; i < 6 * n; i++)
        free(vl[i]);
    free(vl);
    char t[600], base[160];
    rs_chart_cut(base, sizeof base, disp(&s[0]), 48);
    snprintf(t, sizeof t, "%s “%s”", RS_L(g, "Verschil met", "Difference from"), base);
    rs_chart_title(gp, g, t);
    snprintf(t, sizeof t,
             RS_L(g, "staaf: gemiddelde over %ld trekkingen; lijn: P5–P95; dezelfde trekkingen in elk scenario",
                  "bar: mean over %ld draws; line: P5–P95; the same draws in every scenario"),
             s[0].mc->draws);
    rs_buf_add(gp, "set label 97 ");
    rs_gp_quote(gp, t);
    rs_buf_add(gp, " at screen 0.5, screen 0.905 center noenhanced textcolor rgb c_axis");
    rs_gp_font(gp, g, 0.8);
    rs_buf_printf(gp, "\nunset key\nset boxwidth 0.6\nunset xtics\nset border 1\n"
                      "set xzeroaxis lt -1 lc rgb c_axis\nset xrange [0.4:%zu.6]\n"
                      "set multiplot\n",
                  n - 1);
    double bottom = panels_bottom(s, n, 1);
    for (int k = 0; k < 6; k++) {
        int m = panel_metrics[k];
        panel_place(gp, g, k, bottom, m);
        if (zero[k]) {
            rs_buf_add(gp, "set yrange [0:1]\nunset ytics\nset label 5 ");
            rs_gp_quote(gp, RS_L(g, "≈ 0 (onder de getoonde precisie)", "≈ 0 (below the precision shown)"));
            rs_buf_add(gp, " at graph 0.5, graph 0.5 center noenhanced textcolor rgb c_axis\n"
                           "plot NaN notitle\nunset label 5\n");
        } else {
            double pad = 0.16 * (hi[k] - lo[k]);
            rs_gp_tics_n(gp, g, "y", lo[k] - (lo[k] < 0 ? pad : 0),
                         hi[k] + (hi[k] > 0 ? pad : 0), 4);
            rs_buf_add(gp, "set ytics nomirror textcolor rgb c_text\n");
            rs_gp_layout(gp, g, "compare-diff");
            int c = 2 + 4 * k;
            rs_buf_printf(gp, "plot 'compare-diff.dat' using 1:%d:($1+1) with boxes lc variable "
                              "notitle, \\\n  '' using 1:%d:%d:%d with yerrorbars lc rgb c_text "
                              "dt solid lw 1.5 pt 7 ps 0.5 notitle, \\\n  '' using 1:%d:(V%d[int($1)+1]) "
                              "with labels center noenhanced textcolor rgb c_text",
                          c, c, c + 1, c + 2, c + 3, k + 1);
            rs_gp_font(gp, g, 0.7);
            rs_buf_add(gp, " notitle\n");
        }
        if (k == 0)
            rs_buf_add(gp, "unset label 97\nunset label 98\nunset label 99\n"); /* titles and source once */
    }
    scenario_legend(gp, s, n, 1, g, "boxes");
    rs_buf_add(gp, "unset multiplot\n");
}

/* A fan chart of the yearly difference in Rijk net flow from the base:
 * the mean per year and its P5–P95 band, per scenario. */
static void chart_net_fan(const one *s, size_t n, const rs_eval_result *er, const rs_gp *g,
                          rs_buf *dat, rs_buf *gp)
{
    /* the x axis is the horizon (the union of the scenarios'), as in the
     * net chart, plus one position 'na' when a difference remains after it */
    int y0 = s[0].sc->start, y1 = s[0].sc->end;
    for (size_t i = 1; i < n; i++) {
        y0 = s[i].sc->start < y0 ? s[i].sc->start : y0;
        y1 = s[i].sc->end > y1 ? s[i].sc->end : y1;
    }
    int any_after = 0;
    double *after = rs_xcalloc(n, sizeof *after);
    for (size_t i = 1; i < n; i++)
        for (int k = y1 + 1 - er->y0; k < er->ny; k++) {
            if (k < 0)
                continue;
            const rs_stats *st = &s[i].mc->net_diff[k];
            after[i] += st->mean;
            /* below half the display precision (0,1 mln) is no flow */
            any_after |= fabs(st->mean) >= 0.05 || fabs(st->p5) >= 0.05 || fabs(st->p95) >= 0.05;
        }
    double lo = 0, hi = 0;
    rs_buf_add(dat, "# year");
    for (size_t i = 1; i < n; i++)
        rs_buf_printf(dat, "\tmean_%zu\tp5_%zu\tp95_%zu", i, i, i);
    rs_buf_add(dat, "\t(difference in rijk_net per year from the base, M€; the last row after "
                    "the horizon, if any, is the sum of the mean differences after it, without "
                    "a band)\n");
    for (int y = y0; y <= y1 + any_after; y++) {
        int k = y - er->y0;
        rs_buf_printf(dat, "%d", y);
        for (size_t i = 1; i < n; i++) {
            double m = 0, p5 = 0, p95 = 0;
            if (y > y1) {
                m = after[i];
                p5 = p95 = NAN;
            } else if (k >= 0 && k < er->ny) {
                const rs_stats *st = &s[i].mc->net_diff[k];
                m = st->mean;
                p5 = st->p5;
                p95 = st->p95;
            }
            double v[3] = {m, p5, p95};
            for (int j = 0; j < 3; j++)
                rs_chart_dat_cell(dat, v[j], &lo, &hi);
        }
        rs_buf_add(dat, "\n");
    }
    free(after);
    if (hi == lo)
        hi = lo + 1;
    rs_gp_header(gp, g, "compare-net-fan");
    char t[600], base[160];
    rs_chart_cut(base, sizeof base, disp(&s[0]), 48);
    snprintf(t, sizeof t, "%s “%s”",
             RS_L(g, "Verschil in netto Rijksuitgaven per jaar t.o.v.",
                  "Difference in Rijk net flow per year vs"),
             base);
    rs_chart_title(gp, g, t);
    rs_chart_axis_label(gp, "y", RS_L(g, "€ mln (gemiddelde, band P5–P95)", "€ million (mean, band P5–P95)"));
    rs_chart_axis_label(gp, "x", RS_L(g, "jaar", "year"));
    double pad = 0.1 * (hi - lo);
    rs_gp_tics(gp, g, "y", lo - pad, hi + pad);
    rs_chart_years(gp, g, y0, y1, any_after);
    size_t longest = 0;
    for (size_t i = 1; i < n; i++) {
        size_t c = rs_text_chars(disp(&s[i]));
        longest = c > longest ? c : longest;
    }
    rs_chart_key_below(gp, g, (int)(n - 1), longest > 44 ? 44 : longest, 1);
    rs_buf_add(gp, "set style fill transparent solid 0.2 noborder\n"
                   "set xzeroaxis lt -1 lc rgb c_axis lw 1\nplot ");
    for (size_t i = 1; i < n; i++) {
        const char *col = rs_gp_colors[i % RS_GP_NCOLORS];
        rs_buf_printf(gp, "%s'compare-net-fan.dat' using 1:%zu:%zu with filledcurves "
                          "lc rgb '%s' notitle, \\\n  '' using 1:%zu with linespoints lw 2.5 "
                          "lc rgb '%s' title ",
                      i > 1 ? ", \\\n  " : "", 3 * i, 3 * i + 1, col, 3 * i - 1, col);
        rs_gp_quote_max(gp, disp(&s[i]), 44);
    }
    rs_buf_add(gp, "\n");
}

typedef struct chg {
    const char *name;
    double v;
} chg;

static int by_change(const void *a, const void *b)
{
    const chg *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Winners and losers under scenario k: the change of measure 'mk' per
 * region as sorted horizontal bars; with many regions the 12 largest gains
 * and the 12 largest losses (the full list is regions.csv). */
static void chart_regions(const one *s, size_t k, const reg *rg, size_t nr, size_t mk,
                          const rs_gp *g, const char *name, rs_buf *dat, rs_buf *gp)
{
    chg *c = rs_xcalloc(nr ? nr : 1, sizeof *c);
    double lo = 0, hi = 0;
    for (size_t j = 0; j < nr; j++) {
        c[j].name = rg[j].r->name;
        /* from the values as shown: whole euros per inhabitant */
        c[j].v = round(rvalue(s, &rg[j], k, mk)) - round(rvalue(s, &rg[j], 0, mk));
        lo = fmin(lo, c[j].v);
        hi = fmax(hi, c[j].v);
    }
    qsort(c, nr, sizeof *c, by_change);
    enum { SHOW = 12 };
    /* the largest gains and losses; regions without a change are left out
     * while any region changes (the full list is regions.csv) */
    double *val = rs_xcalloc(nr ? nr : 1, sizeof *val);
    const char **nm = rs_xcalloc(nr ? nr : 1, sizeof *nm);
    for (size_t j = 0; j < nr; j++) {
        val[j] = c[j].v;
        nm[j] = c[j].name;
    }
    rs_buf_add(dat, "# k\ty\tchange_award_per_capita_eur\tregion\n");
    rs_gp_header(gp, g, name);
    rs_chart_rows sel;
    rs_chart_ranked(dat, gp, g, val, nm, nr, SHOW, 1, &sel);
    free(val);
    free(nm);
    size_t shown = sel.shown, gap = sel.gap, left = sel.left, zeros = sel.zeros;
    int cut = left > 0;
    free(c);
    char t[600], a[120], b[120];
    rs_chart_cut(a, sizeof a, disp(&s[k]), 50);
    rs_chart_cut(b, sizeof b, disp(&s[0]), 50);
    char tt[300];
    snprintf(tt, sizeof tt, RS_L(g, "Verandering van de %s, per regio", "Change in the %s, by region"),
             g->nl ? rmeasures[mk].nl : rmeasures[mk].en);
    rs_chart_title(gp, g, tt);
    snprintf(t, sizeof t, RS_L(g, "“%s” tegenover “%s”", "“%s” against “%s”"), a, b);
    rs_buf_add(gp, "set label 97 ");
    rs_gp_quote(gp, t);
    rs_buf_add(gp, " at screen 0.5, screen 0.905 center noenhanced textcolor rgb c_axis");
    rs_gp_font(gp, g, 0.8);
    rs_buf_add(gp, "\nset tmargin 5.5\n");
    rs_chart_axis_label(gp, "x", RS_L(g, "verandering in € per inwoner", "change in € per inhabitant"));
    if (hi == lo) {
        rs_buf_add(gp, "set label 3 ");
        rs_gp_quote(gp, RS_L(g, "Geen verandering in de Rijksbijdrage van enige regio",
                             "No change in the Rijk award of any region"));
        rs_buf_add(gp, " at graph 0.5, graph 0.5 center noenhanced textcolor rgb c_text\n"
                       "unset border\nunset tics\nunset grid\nset xrange [0:1]\nset yrange [0:1]\n");
        rs_chart_no_key(gp, 0);
        rs_buf_add(gp, "unset xlabel\nplot NaN notitle\n");
        return;
    }
    double span = hi - lo;
    rs_gp_tics(gp, g, "x", lo - (lo < 0 ? 0.05 * span : 0), hi + 0.22 * span); /* room for the values */
    double top = (double)shown + (cut ? 1 : 0);
    rs_buf_printf(gp, "set yrange [-0.7:%g-0.3]\nset ytics noenhanced scale 0", top);
    double fs = shown > 16 ? 0.62 : 0.8;
    rs_gp_font(gp, g, fs);
    rs_buf_add(gp, "\nset grid xtics noytics\nset border 1\nset yzeroaxis lt -1 lc rgb c_axis\n");
    if (cut)
        rs_chart_pick_note(gp, g, 4, left, zeros, "zonder verandering", "without a change",
                           "zie regions.csv", "see regions.csv", shown - gap, fs);
    rs_chart_no_key(gp, 1);
    rs_gp_layout(gp, g, "compare-regions");
    rs_buf_printf(gp, "plot '%s.dat' using ($3 >= 0 ? $3/2 : 1/0):2:(0):3:($2-0.36):($2+0.36):"
                      "ytic(L[int($1)+1]) with boxxyerror lc rgb c_up notitle, \\\n"
                      "  '' using ($3 < 0 ? 0 : 1/0):2:3:(0):($2-0.36):($2+0.36):ytic(L[int($1)+1]) "
                      "with boxxyerror lc rgb c_down notitle, \\\n"
                      "  '' using ($3 >= 0 ? $3 : 0):2:(V[int($1)+1]) with labels offset 0.4,0 left "
                      "noenhanced textcolor rgb c_text",
                  name);
    rs_gp_font(gp, g, fs);
    rs_buf_add(gp, " notitle\n");
}

/* ---- the command ---------------------------------------------------------------- */

int rs_cmd_compare(const rs_opts *o)
{
    if (o->n_pos < 2)
        return rs_usage_error("compare", "compare takes two or more scenario files (the first "
                                         "is the baseline)");
    size_t n = o->n_pos;
    one *s = rs_xcalloc(n, sizeof *s);
    int rc = RS_EXIT_OK;
    size_t loaded = 0;
    rs_eval_result er = {0};
    rs_diag ldiag;
    rs_diag_init(&ldiag);
    /* every scenario loaded once into a study, then evaluated by the
     * experiment layer: deterministically, and over the same draws when
     * the first scenario or the options ask for them */
    rs_study *st = rs_study_new();
    for (size_t i = 0; i < n && !rc; i++)
        if (rs_study_add(st, o->pos[i], o->ov, o->n_ov, &ldiag) < 0)
            rc = ldiag.code ? ldiag.code : RS_EXIT_INVALID;
    /* the loader's warnings in the language of the run (the first
     * scenario's, unless --lang says otherwise) */
    int nl0 = rs_cli_nl(o, rc ? NULL : rs_study_scenario(st, 0));
    rs_diag_print_lang(&ldiag, stderr, nl0, 0);
    rs_diag_free(&ldiag);
    rs_diag_init(&ldiag);
    if (rc)
        goto out;
    rs_uncertainty u;
    rs_diag uwarn;
    rs_diag_init(&uwarn);
    for (size_t i = 0; i < n && !rc; i++)
        rc = rs_cli_draws_check(rs_study_scenario(st, i), o, &ldiag);
    if (rc) {
        rs_diag_print_lang(&ldiag, stderr, nl0, 0);
        rs_diag_free(&uwarn);
        goto out;
    }
    int with_mc = rs_cli_uncertainty(rs_study_scenario(st, 0), o, &u, &uwarn);
    for (size_t i = 1; with_mc && i < n; i++) {
        const rs_scenario *si = rs_study_scenario(st, i);
        const rs_uncertainty *u0 = &rs_study_scenario(st, 0)->unc;
        /* the number of draws and the seed count only when --draws and
         * --seed do not set them for every scenario */
        int other_draws = (o->draws < 0 && si->unc.draws != u0->draws) ||
                          (o->seed < 0 && si->unc.seed != u0->seed);
        if (si->unc.present && (!same_unc(&si->unc, u0) || other_draws))
            rs_diag_add(&uwarn, 0,
                        nl0 ? "%s heeft een ander blok 'uncertainty' dan %s: compare trekt elk "
                              "scenario uit dat van het eerste, zodat de verschillen gepaard zijn"
                            : "%s has another 'uncertainty' block than %s: compare draws every "
                              "scenario from the first one's, so that differences are paired",
                        si->file, rs_study_scenario(st, 0)->file);
    }
    rs_variant *var = rs_xcalloc(n, sizeof *var);
    for (size_t i = 0; i < n; i++)
        var[i].scenario = i;
    rs_eval_opts eo = {with_mc ? RS_EVAL_FULL : RS_EVAL_DET, with_mc ? &u : NULL, NULL, NULL,
                       o->threads > 0 ? (int)o->threads : 0, 0, 1, NULL, NULL, 0, 0};
    rc = rs_eval(st, var, n, &eo, &er, &ldiag);
    free(var);
    rs_diag_print_lang(&ldiag, stderr, nl0, 0);
    for (size_t i = 0; i < er.n; i++)
        rs_diag_print_lang(&er.v[i].diag, stderr, nl0, 0);
    if (rc) {
        rs_diag_free(&uwarn);
        goto out;
    }
    for (size_t i = 0; i < n; i++, loaded++) {
        one *x = &s[i];
        rs_diag_init(&x->warn);
        x->sc = er.v[i].sc;
        x->plan = er.v[i].plan;
        x->run = er.v[i].run;
        x->mc = with_mc ? &er.v[i] : NULL;
        if (i == 0)
            for (size_t k = 0; k < uwarn.n; k++)
                rs_diag_add(&x->warn, 0, "%s", uwarn.msg[k]);
        rs_collect_warnings(x->run, &x->warn, strcmp(o->lang ? o->lang : x->sc->lang, "nl") == 0);
        rs_result_make(&x->res, x->run, &x->warn);
        s[i].label = label_of(o->pos[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(s[j].label, s[i].label) == 0) {
                char *l = rs_xasprintf("%s-%zu", s[i].label, i + 1);
                free(s[i].label);
                s[i].label = l;
            }
    }
    rs_diag_free(&uwarn);

    char *dir = o->out ? rs_xstrdup(o->out)
                       : rs_xasprintf("out/compare-%s-%s%s", s[0].label, s[1].label,
                                      n > 2 ? "-etc" : "");
    const char *csv = rs_cli_csv(o, s[0].sc);
    rs_diag diag, warn;
    rs_diag_init(&diag);
    rs_diag_init(&warn);
    rs_gp g;
    rs_cli_gpmem gmem;
    rc = rs_cli_gp(&g, o, s[0].sc, &gmem);
    free(gmem.footer);
    gmem.footer = rs_xasprintf(RS_L(&g, "Bron: regiosim %s, vergelijking van %zu scenario's",
                                    "Source: regiosim %s, comparison of %zu scenarios"),
                               RS_VERSION, n);
    g.footer = gmem.footer;
    rs_diag unlike;
    rs_diag_init(&unlike);
    unlike_warnings(s, n, g.nl, &unlike);
    for (size_t i = 0; i < unlike.n; i++)
        rs_diag_add(&warn, 0, "%s", unlike.msg[i]);
    size_t nr = 0, mk = 0;
    reg *rg = union_regions(s, n, &nr, &mk);
    rs_charts charts = {0};
    rs_outdir od = {0};
    if (!rc)
        rc = rs_outdir_begin(&od, dir, &diag);
    if (!rc && !o->no_plots) {
        static const struct {
            const char *name;
            void (*fn)(const one *, size_t, const rs_gp *, rs_buf *, rs_buf *);
            const char *nl, *en;
        } charts_of_all[] = {
            {"compare-metrics", chart_metrics,
             "Netto Rijksuitgaven, uitvoeringslasten, doelbestedingen, doelmatigheid, bij de regio's gebleven en teruggevorderd geld per scenario.",
             "Rijk net, burden, goal spending, effectiveness, retained and reclaimed money by scenario."},
            {"compare-net", chart_net,
             "Netto Rijksuitgaven (betaald − teruggevorderd) per jaar, per scenario.",
             "Rijk net flow (paid − reclaimed) per year, by scenario."},
        };
        rs_buf dat, gp;
        for (size_t c = 0; c < 2 && !rc; c++) {
            rs_buf_init(&dat);
            rs_buf_init(&gp);
            charts_of_all[c].fn(s, n, &g, &dat, &gp);
            rc = rs_chart_draw(&charts, od.tmp, dir, &g, charts_of_all[c].name,
                               RS_L(&g, charts_of_all[c].nl, charts_of_all[c].en), gp.s, dat.s,
                               &warn);
            rs_buf_free(&dat);
            rs_buf_free(&gp);
        }
        if (s[0].mc && !rc) {
            rs_buf_init(&dat);
            rs_buf_init(&gp);
            chart_diff(s, n, &g, &dat, &gp);
            rc = rs_chart_draw(&charts, od.tmp, dir, &g, "compare-diff",
                               RS_L(&g, "Verschil met de basis per kerncijfer: gemiddelde over de trekkingen (staaf) en P5–P95 (lijn); dezelfde trekkingen in elk scenario.",
                                    "Difference from the baseline per key metric: mean over the draws (bar) and P5–P95 (line); the same draws in every scenario."),
                               gp.s, dat.s, &warn);
            rs_buf_free(&dat);
            rs_buf_free(&gp);
        }
        if (s[0].mc && !rc) {
            rs_buf_init(&dat);
            rs_buf_init(&gp);
            chart_net_fan(s, n, &er, &g, &dat, &gp);
            rc = rs_chart_draw(&charts, od.tmp, dir, &g, "compare-net-fan",
                               RS_L(&g, "Verschil in de netto Rijksuitgaven per jaar met de basis: gemiddelde en band P5–P95 over de trekkingen.",
                                    "Difference in the Rijk net flow per year from the baseline: mean and P5–P95 band over the draws."),
                               gp.s, dat.s, &warn);
            rs_buf_free(&dat);
            rs_buf_free(&gp);
        }
        for (size_t k = 1; k < n && !rc; k++) {
            char name[48];
            snprintf(name, sizeof name, "compare-regions-%zu", k + 1);
            rs_buf_init(&dat);
            rs_buf_init(&gp);
            chart_regions(s, k, rg, nr, mk, &g, name, &dat, &gp);
            char *cap = rs_xasprintf("%s %s %s %s %s %s.%s",
                                     RS_L(&g, "Winnaars en verliezers: verandering van de",
                                          "Winners and losers: change in the"),
                                     g.nl ? rmeasures[mk].nl : rmeasures[mk].en,
                                     RS_L(&g, "onder", "under"), disp(&s[k]),
                                     RS_L(&g, "ten opzichte van", "compared with"), disp(&s[0]),
                                     mk != (size_t)chart_measures[0]
                                         ? RS_L(&g, " De Rijksbijdrage per regio verandert niet (vaste toekenningen): deze grafiek toont wat wel verandert.",
                                                " The Rijk award of no region changes (fixed awards): this chart shows what does.")
                                         : "");
            rc = rs_chart_draw(&charts, od.tmp, dir, &g, name, cap, gp.s, dat.s, &warn);
            free(cap);
            rs_buf_free(&dat);
            rs_buf_free(&gp);
        }
        if (!rc)
            rc = rs_charts_flush(&charts, od.tmp, dir, &g, &warn);
    }
    if (!rc) {
        FILE *f = rs_outdir_open(&od, "compare.csv", &diag);
        if (f) {
            write_compare_csv(f, s, n, csv);
            rc = rs_outdir_close(f, "compare.csv", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
    }
    if (!rc && s[0].mc) {
        FILE *f = rs_outdir_open(&od, "compare.json", &diag);
        if (f) {
            write_compare_json(f, s, n, er.draws, er.seed);
            rc = rs_outdir_close(f, "compare.json", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
        f = rc ? NULL : rs_outdir_open(&od, "yearly_net_difference.csv", &diag);
        if (f) {
            write_net_diff_csv(f, s, n, &er, csv);
            rc = rs_outdir_close(f, "yearly_net_difference.csv", &diag);
        } else if (!rc) {
            rc = RS_EXIT_IO;
        }
    }
    if (!rc) {
        /* results.xlsx: the comparison as a workbook */
        const rs_result **rr = rs_xcalloc(n, sizeof *rr);
        const char **nm = rs_xcalloc(n, sizeof *nm);
        for (size_t i = 0; i < n; i++) {
            rr[i] = &s[i].res;
            nm[i] = disp(&s[i]);
        }
        char *path = rs_xasprintf("%s/results.xlsx", od.tmp);
        char *label = rs_xasprintf("%s/results.xlsx", dir);
        rs_xlsx_mc *xm = s[0].mc ? rs_xcalloc(n, sizeof *xm) : NULL;
        for (size_t i = 0; xm && i < n; i++)
            xm[i] = (rs_xlsx_mc){s[i].mc->draws, s[i].mc->metric, s[i].mc->diff, s[i].mc->p_greater,
                                 s[i].mc->p_less};
        rc = rs_write_xlsx_compare(path, label, rr, nm, n, xm, g.nl, &diag);
        free(xm);
        free(path);
        free(label);
        free(rr);
        free(nm);
    }
    if (!rc) {
        FILE *f = rs_outdir_open(&od, "regions.csv", &diag);
        if (f) {
            write_regions_csv(f, s, n, rg, nr, csv);
            rc = rs_outdir_close(f, "regions.csv", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
    }
    if (!rc) {
        FILE *f = rs_outdir_open(&od, "yearly_tranches.csv", &diag);
        if (f) {
            const rs_result **rr = rs_xcalloc(n, sizeof *rr);
            const char **ll = rs_xcalloc(n, sizeof *ll);
            for (size_t i = 0; i < n; i++) {
                rr[i] = &s[i].res;
                ll[i] = s[i].label;
            }
            rs_write_tranches_yearly_many(f, rr, ll, n, csv);
            free(rr);
            free(ll);
            rc = rs_outdir_close(f, "yearly_tranches.csv", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
    }
    /* every run's own summary, for tracing a difference back */
    for (size_t i = 0; i < n && !rc; i++) {
        char *name = rs_xasprintf("runs/%s/summary.json", s[i].label);
        FILE *f = rs_outdir_open(&od, name, &diag);
        if (f) {
            rs_write_summary_json(f, &s[i].res);
            rc = rs_outdir_close(f, name, &diag);
        } else {
            rc = RS_EXIT_IO;
        }
        free(name);
    }
    if (!rc) {
        rs_doc doc;
        rs_doc_init(&doc, g.nl, rs_gp_ext(g.terminal));
        rs_buf t;
        rs_buf_init(&t);
        /* two names make a title; more are listed under Scenario's */
        if (n == 2)
            rs_buf_printf(&t, RS_L(&g, "Vergelijking: %s en %s", "Comparison: %s and %s"),
                          disp(&s[0]), disp(&s[1]));
        else
            rs_buf_printf(&t, RS_L(&g, "Vergelijking van %zu scenario's; basis: %s",
                                   "Comparison of %zu scenarios; baseline: %s"),
                          n, disp(&s[0]));
        rs_doc_text(&doc, RS_B_H1, t.s);
        rs_buf_free(&t);
        rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Scenario's", "Scenarios"));
        char **items = rs_xcalloc(n, sizeof *items);
        for (size_t i = 0; i < n; i++)
            items[i] = rs_xasprintf("%s%s (%s). %s", disp(&s[i]),
                                    i ? "" : RS_L(&g, " (basis)", " (baseline)"), s[i].sc->file,
                                    s[i].sc->description);
        rs_doc_cells(&doc, RS_B_LIST, items, n, 1);
        for (size_t i = 0; i < n; i++)
            free(items[i]);
        free(items);
        for (size_t i = 0; i < unlike.n; i++) {
            char *p = rs_xasprintf("%s %s.", RS_L(&g, "Let op:", "Note:"), unlike.msg[i]);
            rs_doc_text(&doc, RS_B_P, p);
            free(p);
        }
        rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Vergelijkingstabel", "Comparison table"));
        rs_doc_text(&doc, RS_B_P, RS_L(&g, "Verschillen ten opzichte van het eerste scenario (de basis); bedragen in € mln.",
                                       "Differences to the first scenario (the baseline); money in M€."));
        if (s[0].mc) {
            char *p = rs_xasprintf(
                RS_L(&g, "De kolommen ‘verschil’ en ‘t.o.v. basis’ komen uit de doorrekening zonder "
                         "trekkingen en zijn berekend uit de getoonde waarden. ‘Gem. verschil per "
                         "trekking’, ‘P5 – P95 verschil’ en ‘kans > 0’ komen uit %ld trekkingen, "
                         "dezelfde in elk scenario. De twee kunnen uiteenlopen: het gemiddelde over "
                         "de trekkingen is niet de uitkomst bij gemiddelde omstandigheden.",
                     "The columns 'difference' and 'vs baseline' come from the run without draws "
                     "and are computed from the values as shown. 'Mean difference per draw', "
                     "'P5 – P95 difference' and 'P(> 0)' come from %ld draws, the same in every "
                     "scenario. The two can differ: the mean over the draws is not the outcome "
                     "under average conditions."),
                er.draws);
            rs_doc_text(&doc, RS_B_P, p);
            free(p);
        }
        compare_table(&doc, s, n);
        if (s[0].mc) {
            rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Verschillen per trekking", "Differences draw by draw"));
            char *p = rs_xasprintf(
                RS_L(&g, "Elk scenario is doorgerekend met dezelfde %ld trekkingen (seed %lu): "
                         "dezelfde deal ondervindt in elk scenario dezelfde tegenvallers. Het "
                         "verschil is per trekking berekend; de kans is het aandeel trekkingen "
                         "waarin het verschil in die richting wijst.",
                     "Every scenario was run over the same %ld draws (seed %lu): the same deal "
                     "meets the same luck in every scenario. The difference is taken draw by "
                     "draw; the probability is the share of draws in which it points that way."),
                er.draws, er.seed);
            rs_doc_text(&doc, RS_B_P, p);
            free(p);
            size_t ns;
            char **sn = sentences(&doc, s, n, &ns);
            rs_doc_cells(&doc, RS_B_LIST, sn, ns, 1);
            for (size_t i = 0; i < ns; i++)
                free(sn[i]);
            free(sn);
        }
        /* compare.md: the table on its own */
        rs_doc md;
        rs_doc_init(&md, g.nl, doc.img_ext);
        compare_table(&md, s, n);
        FILE *f = rs_outdir_open(&od, "compare.md", &diag);
        if (f) {
            rs_doc_markdown(f, &md);
            rc = rs_outdir_close(f, "compare.md", &diag);
        } else {
            rc = RS_EXIT_IO;
        }
        rs_doc_free(&md);
        compare_tranches(&doc, s, n);
        compare_regions(&doc, s, n, rg, nr, mk);
        if (charts.n) {
            rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Grafieken", "Charts"));
            for (size_t i = 0; i < charts.n; i++)
                rs_doc_image(&doc, charts.c[i].name, charts.c[i].caption, charts.c[i].drawn);
        }
        rs_doc_text(&doc, RS_B_H2, RS_L(&g, "Waarschuwingen", "Warnings"));
        size_t nw = warn.n;
        for (size_t i = 0; i < n; i++)
            nw += s[i].warn.n;
        char **w = rs_xcalloc(nw ? nw : 1, sizeof *w);
        size_t k = 0;
        for (size_t i = 0; i < warn.n; i++)
            w[k++] = rs_xstrdup(warn.msg[i]);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < s[i].warn.n; j++)
                w[k++] = rs_xasprintf("%s: %s", s[i].label, s[i].warn.msg[j]);
        if (k)
            rs_doc_cells(&doc, RS_B_LIST, w, k, 1);
        else
            rs_doc_text(&doc, RS_B_P, RS_L(&g, "Geen.", "None."));
        for (size_t i = 0; i < k; i++)
            free(w[i]);
        free(w);
        if (!rc)
            rc = rs_cli_report(&od, dir, &doc, &diag);
        rs_doc_free(&doc);
    }
    if (!rc)
        rc = rs_outdir_commit(&od, &diag);
    rs_outdir_abort(&od);
    rs_diag_print(&diag, stderr);
    if (rc && warn.code)
        /* a chart that could not be written: its cause is in the warnings */
        for (size_t i = 0; i < warn.n; i++)
            fprintf(stderr, "regiosim: %s\n", warn.msg[i]);
    if (!rc) {
        const char *wt = RS_L(&g, "waarschuwing", "warning");
        for (size_t i = 0; i < warn.n; i++)
            fprintf(stderr, "regiosim: %s: %s\n", wt, warn.msg[i]);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < s[i].warn.n; j++)
                fprintf(stderr, "regiosim: %s: %s: %s\n", wt, disp(&s[i]), s[i].warn.msg[j]);
        if (!o->quiet) {
            rs_doc table;
            rs_doc_init(&table, g.nl, "png"); /* the language of the report */
            table.plain = 1;                  /* read on a terminal: no Markdown escapes */
            compare_table(&table, s, n);
            rs_doc_markdown(stdout, &table);
            if (s[0].mc) {
                rs_doc words; /* the sentences in the output's language */
                rs_doc_init(&words, g.nl, "png");
                size_t ns;
                char **sn = sentences(&words, s, n, &ns);
                rs_doc_free(&words);
                printf("\n%s (%ld %s, seed %lu):\n", RS_L(&g, "Per trekking", "Draw by draw"),
                       er.draws, RS_L(&g, "trekkingen", "draws"), er.seed);
                for (size_t i = 0; i < ns; i++) {
                    printf("  %s\n", sn[i]);
                    free(sn[i]);
                }
                free(sn);
            }
            rs_doc_free(&table);
            printf("%s %s/ (compare.csv, %scompare.md, regions.csv, yearly_tranches.csv, "
                   "report.html%s)\n", RS_L(&g, "resultaten in", "results in"), dir,
                   s[0].mc ? "compare.json, " : "", o->no_plots ? "" : ", plots/");
        }
    }
    for (size_t j = 0; j < nr; j++)
        free(rg[j].idx);
    free(rg);
    rs_charts_free(&charts);
    rs_diag_free(&diag);
    rs_diag_free(&warn);
    rs_diag_free(&unlike);
    rs_cli_gp_free(&gmem);
    free(dir);
out:
    for (size_t i = 0; i < loaded && i < n; i++)
        free_one(&s[i]);
    free(s);
    rs_eval_result_free(&er);
    rs_diag_free(&ldiag);
    rs_study_free(st);
    return rc;
}
