/* scenario.h — a loaded, validated scenario as plain C data.
 *
 * Produced by rs_scenario_load() (scenario/load.c); nothing here refers to
 * JSON.  All money in M€, years as calendar years, shares in [0, 1]. */
#ifndef RS_SCENARIO_H
#define RS_SCENARIO_H

#include "../model/model.h"
#include "../util/util.h"

typedef struct rs_region {
    char *id, *name;
    double population;
    double fiscal_capacity;
    double bw_pressure;
    double cofin_capacity; /* HUGE_VAL when unlimited */
    char *source;          /* its 'source' text, or NULL (documentation) */
    int estimate;          /* its 'estimate' flag */
    double src_capacity[RS_SRC_N]; /* per co-financing source, HUGE_VAL: unlimited */
    size_t *overlaps;      /* regions it shares inhabitants with (docs/model.md §8.3) */
    size_t n_overlaps;
} rs_region;

enum { RS_SIDE_REGION = 0, RS_SIDE_RIJK = 1 };

typedef struct rs_obligation {
    char *name;
    int side;                 /* RS_SIDE_* */
    double hours, fixed_eur;  /* per occurrence; fixed_eur in € */
    double share_of_flow;     /* of the deal's Rijk payment that year */
    const rs_per_kind *per;
    int when_settlement;      /* per deal: 0 start, 1 settlement */
    char *source;             /* 'source', or NULL */
    int estimate;
} rs_obligation;

typedef struct rs_instrument {
    char *id, *name, *legal_basis;
    const rs_schedule *schedule;
    int lag;
    int has_deadline;
    int extension_years;
    double extension_threshold;
    int has_settlement;
    int settlement_lag;
    double reclaim_share;
    double realisation_shift;
    double off_goal_share;
    int recipients_public;
    double tariff[2];         /* €/h, by RS_SIDE_* */
    rs_obligation *obl;
    size_t n_obl;
    char *source;             /* 'source' (and those of its parts), or NULL */
    int estimate;             /* it, or a part of it, is marked 'estimate' */
} rs_instrument;

typedef struct rs_tranche {
    char *id;
    int year;
    double budget;
    size_t instrument;
    const rs_alloc_rule *alloc;
    double deal_min, deal_cap;
    const rs_cofin *cofin;    /* own rule, or the scenario's */
    int counts[RS_SRC_N];     /* 'cofin_counts': which sources count (all by default) */
    rs_cofin own_cofin;
    char *source;
    int estimate;
} rs_tranche;

typedef struct rs_deal {
    char *id;
    size_t region, tranche;
    size_t instrument;        /* its own 'instrument', else its tranche's */
    double request;
    int duration;
    double *profile;          /* duration shares */
    int projects, private_partners;
    double src_share[RS_SRC_N]; /* 'cofin_sources', default all public */
} rs_deal;

typedef struct rs_uncertainty {
    int present;
    long draws;
    unsigned long seed;
    double real_mean, concentration;
    double shock_probability, shock_severity;
    double admin_spread;
} rs_uncertainty;

/* The plausible range of an estimate (docs/format.md, "Ranges"): where it
 * was declared, next to the value, or in the scenario's own 'ranges'. */
typedef struct rs_range {
    char *path;   /* from the scenario's top, in --set syntax (list elements by id) */
    char *label;  /* the same, obligations by name: for tables */
    double value; /* the value in the loaded scenario */
    double lo, hi;
    char *group;  /* NULL, or the name of the factor it moves with */
    char *note;   /* why this range, or NULL */
} rs_range;

typedef struct rs_scenario {
    char *file;               /* as named on the command line */
    char *name, *description;
    char *label;              /* short name for legends and columns, or NULL */
    int start, end;           /* horizon, inclusive */
    double discount_rate;
    double real_mean;
    double *real_by_year;     /* end-start+1 entries, NAN where not given */
    rs_region *regions;
    size_t n_regions;
    rs_instrument *instruments;
    size_t n_instruments;
    rs_tranche *tranches;
    size_t n_tranches;
    rs_deal *deals;
    size_t n_deals;
    rs_cofin cofin;
    rs_uncertainty unc;
    char *out_dir;            /* NULL: out/<file name> */
    char *resolved;           /* the scenario as one JSON text: extends merged, files and
                                 'set' applied (a result's scenario.json) */
    char lang[3], csv[3];
    char *terminal;
    char *font;               /* output.font, or NULL */
    char *source;             /* the scenario's 'source', or NULL */
    int estimate;
    int real_estimate;        /* realisation.estimate */
    char *cofin_source;       /* cofinancing.source, or NULL */
    int cofin_estimate;
    rs_range *ranges;         /* sorted by path; only 'sensitivity' reads them */
    size_t n_ranges;
} rs_scenario;

/* The memory a scenario may need, checked by the loader before a run
 * allocates anything (exit 3): an upper bound of its deal-years (each
 * deal's span of flow years) times RS_MEM_PER_DEAL_YEAR (the engine keeps
 * 8 doubles per deal-year; the Monte Carlo a copy per thread), plus
 * RS_MEM_PER_DEAL per deal and RS_MEM_PER_REGION per region. */
#define RS_MEM_BUDGET_MB 2048
#define RS_MEM_PER_DEAL_YEAR 256
#define RS_MEM_PER_DEAL 1024
#define RS_MEM_PER_REGION 512

/* One --set PATH=VALUE override. */
typedef struct rs_override {
    const char *path;
    const char *value;
} rs_override;

/* Loads 'file' with its extends chain, applies the overrides and checks
 * everything.  Returns NULL and fills 'diag' (code RS_EXIT_INVALID or
 * RS_EXIT_IO) on any problem; warnings may be added either way. */
rs_scenario *rs_scenario_load(const char *file, const rs_override *ov, size_t n_ov,
                              rs_diag *diag);
/* The same for a scenario held in memory ('len' bytes, no NUL needed)
 * that behaves as if it were the file 'name': its 'extends' and the files
 * it names resolve against the folder of 'name', and messages name it. */
rs_scenario *rs_scenario_load_text(const char *name, const char *text, size_t len,
                                   const rs_override *ov, size_t n_ov, rs_diag *diag);
void rs_scenario_free(rs_scenario *s);

/* A scenario file read and merged once (extends chain, file references,
 * its own "set" and the overrides 'ov'), kept as a tree so that it can be
 * built many times with more overrides: what sweep, solve and compare do
 * for every point.  rs_scenario_src_build(src, ov2) gives the scenario
 * rs_scenario_load(file, ov + ov2) would (the same checks and messages),
 * without reading or parsing a file again (unless ov2 names a file).
 * rs_scenario_src_build only reads 'src': several threads may build from
 * one src at once (the parsing of override values, which writes cJSON's
 * global error position, is serialised by an OpenMP critical section). */
typedef struct rs_scenario_src rs_scenario_src;
rs_scenario_src *rs_scenario_src_load(const char *file, const rs_override *ov, size_t n_ov,
                                      rs_diag *diag);
rs_scenario *rs_scenario_src_build(const rs_scenario_src *src, const rs_override *ov,
                                   size_t n_ov, rs_diag *diag);
void rs_scenario_src_free(rs_scenario_src *src);

/* m_t of docs/model.md §6.1 for calendar year t ('mean' replaces realisation.mean). */
double rs_scenario_m(const rs_scenario *s, double mean, int year);

/* Loads one instrument file on its own (for 'regiosim list instruments'). */
int rs_instrument_load(const char *path, rs_instrument *in, rs_diag *diag);
void rs_instrument_clear(rs_instrument *in);

/* The number at 'path' (--set syntax) in the merged scenario 'file' with
 * the overrides, before validation: *value and, when canon is not NULL,
 * the path in canonical form (list elements by id where they have one;
 * the caller frees it).  Returns 0, −1 when the path names no number
 * there, or an exit code when the scenario cannot be read ('diag'). */
int rs_scenario_number(const char *file, const rs_override *ov, size_t n_ov, const char *path,
                       double *value, char **canon, rs_diag *diag);

size_t rs_scenario_find_deal(const rs_scenario *s, const char *id);

/* What a file given to 'validate' holds. */
typedef enum {
    RS_FILE_SCENARIO,
    RS_FILE_INSTRUMENT,
    RS_FILE_REGIONS,
    RS_FILE_TRANCHES,
    RS_FILE_DEALS
} rs_file_kind;
extern const char *const rs_file_kind_names[]; /* "scenario", "instrument", ... */
/* Tells from its content what 'path' is (a .csv file: regions) and, unless
 * it is a scenario (then *kind is RS_FILE_SCENARIO and nothing is checked:
 * load it with rs_scenario_load), checks it on its own as build.c checks
 * that part of a scenario, without resolving references to other files
 * (a deal's region, a tranche's instrument).  *count: the elements of a
 * list.  Returns 0 when valid, else the exit code (diag holds why). */
int rs_file_check(const char *path, rs_file_kind *kind, size_t *count, rs_diag *diag);

#endif
