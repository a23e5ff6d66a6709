/* labels.h — the display names of everything a reader sees: metrics,
 * yearly series, parameter paths, co-financing rules, payment schedules,
 * allocation rules, obligation kinds and deal statuses, in Dutch and in
 * English.  Charts, the report, the workbook and the terminal table take
 * their words from this one table, so that no code id ('rijk_net',
 * 'pro_rata') reaches a letter to Parliament.
 *
 * And the one number format of every output (rs_fmt_fixed in util.h does
 * the digits): Dutch 1.654,9 and "€ 85 mln", English 1,654.9 and
 * "€85 million". */
#ifndef RS_LABELS_H
#define RS_LABELS_H

#include <stddef.h>

typedef enum {
    RS_LK_METRIC,
    RS_LK_SERIES,
    RS_LK_PARAM,      /* the last part of a parameter path ('share', 'budget') */
    RS_LK_RULE,       /* co-financing rule */
    RS_LK_SCHEDULE,   /* payment schedule */
    RS_LK_ALLOC,      /* allocation rule */
    RS_LK_OBLIGATION, /* obligation kind ('per') */
    RS_LK_STATUS,     /* deal status */
    RS_LK_UNIT,       /* units of rs_metric_infos */
    RS_LK_N
} rs_label_kind;

typedef struct rs_label {
    rs_label_kind kind;
    const char *id;      /* as in the scenario, the model and the CSV headers */
    const char *nl, *en; /* display name */
    const char *nl_doc;  /* the meaning in Dutch (metrics, series); NULL otherwise */
    /* parameters: the unit of the value in the scenario, for a reader:
     * "share" (0.25 reads as 25 %), "M€", "€", "€/hour", "years", "hours";
     * NULL for a plain number (an index, a count) */
    const char *unit;
} rs_label;

extern const rs_label rs_labels[];
extern const size_t rs_n_labels;
extern const char *const rs_label_kind_names[RS_LK_N];

/* The display name of 'id' of 'kind' in Dutch (nl) or English; 'id'
 * itself when the table has none (a test checks that every id of the
 * model has one). */
const char *rs_label_of(rs_label_kind kind, const char *id, int nl);
/* The entry, or NULL. */
const rs_label *rs_label_find(rs_label_kind kind, const char *id);

/* The name of a metric by index, and its meaning (Dutch from the table,
 * English from rs_metric_infos). */
const char *rs_metric_label(int m, int nl);
const char *rs_metric_meaning(int m, int nl);
/* The unit of metric m as a reader writes it: "€ mln" / "M€", "%",
 * "jaar" / "years", "deals", "" for a ratio. */
const char *rs_metric_unit(int m, int nl);
/* The name of yearly series s (rs_series_names[s]). */
const char *rs_series_label(int s, int nl);

/* A parameter path as a reader sees it (charts, terminal tables, messages;
 * the one naming function), without code ids: "DU: aandeel
 * niet-doelbesteding", "SPUK: projectadministratie, uren per keer",
 * "Twente: druk op brede welvaart", "tranche T4: budget (€ mln)".  'sc'
 * (may be NULL) gives region and obligation names. */
struct rs_scenario;
void rs_param_title(char *out, size_t n, const char *path, const struct rs_scenario *sc, int nl);

/* The unit of parameter 'path' from the label table (rs_label.unit, found
 * as rs_param_title finds the label): "share", "M€", "€", "€/hour",
 * "years", "hours", or "" for a plain number. */
const char *rs_param_unit(const char *path);
/* A value of parameter 'path' in its unit: 0.125 of a share reads "12,5 %"
 * (en "12.5%"), "€ 80 mln" ("€80 million"), "€ 450", "€ 65 per uur" ("€65
 * per hour"), "2 jaar" ("2 years"), "40 uur" ("40 hours"); the fewest
 * decimals that show it (at most 2 for a percentage, 3 for M€, 4 for a
 * plain number).  'minus' is the minus sign: "-" in the terminal, "−"
 * (U+2212) in charts. */
void rs_fmt_param(char *out, size_t n, const char *path, double x, int nl, const char *minus);
/* A range of parameter 'path' with the unit once: "2–10 %" (en "2–10%"),
 * "€ 80–120 mln", "1–3 jaar", "0,8–1,2"; with a negative end "−5 tot 5 %"
 * ("−5 to 5%"). */
void rs_fmt_param_range(char *out, size_t n, const char *path, double lo, double hi, int nl,
                        const char *minus);

/* Number style of every output. */
typedef struct rs_numfmt {
    int nl;       /* decimal comma and thousands point */
    int grouped;  /* thousands separators (not in CSV) */
} rs_numfmt;

/* 'x' with 'dec' decimals: 1.654,9 (nl, grouped), 1654,9 (nl, not
 * grouped), 1,654.9 (en).  Never "-0", never scientific notation. */
void rs_fmt(char *out, size_t n, double x, int dec, int nl);
/* An amount in M€ in running text: "€ 85 mln", "€ 1.654,9 mln" (nl);
 * "€85 million" (en).  'dec' decimals. */
void rs_fmt_meur(char *out, size_t n, double meur, int dec, int nl);
/* A metric value as shown in tables: shares in % with 1 decimal, M€ with
 * 1 decimal, ratios with 2, years with 2, counts with 0; 'with_unit'
 * appends the unit ("12,3 %", "1.654,9"). */
void rs_fmt_metric(char *out, size_t n, int m, double x, int nl, int with_unit);
/* The decimals rs_fmt_metric uses for metric m (also the precision of
 * "differences computed from the values as shown"). */
int rs_metric_decimals(int m);
/* The factor from model units to display units (100 for a share). */
double rs_metric_scale(int m);

#endif
