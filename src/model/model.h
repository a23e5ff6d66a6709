/* model.h — the methods of the model as tables of plain data.
 *
 * Each payment schedule, co-financing rule, allocation rule and obligation
 * kind is one const table entry (name, one-line meaning, functions).  A new
 * one is an entry in its file's table: the loader, the engine, 'list' and
 * the docs all read the same table. */
#ifndef RS_MODEL_H
#define RS_MODEL_H

#include <stddef.h>

struct rs_region;
struct rs_cofin;

/* ---- payment schedules (model/schedule.c) ---------------------------- */

/* What a schedule needs to know of one deal.  Offsets k count years from
 * the deal's start year. */
typedef struct rs_pay_ctx {
    double award;          /* A, M€ */
    double rijk_ratio;     /* A / V */
    const double *profile; /* p_0 .. p_{D-1} */
    int duration;          /* D */
    int lag;               /* payment.lag, years */
    const double *spent;   /* spending by offset (for arrears) */
    int last_spend;        /* offset of the last year with spending */
} rs_pay_ctx;

typedef struct rs_schedule {
    const char *name;
    const char *doc;
    int pays_award; /* 1 when total paid = A (every schedule but arrears) */
    /* Adds the payments to paid[0 .. len-1]; the caller zeroes paid. */
    void (*pay)(const rs_pay_ctx *c, double *paid, int len);
} rs_schedule;

extern const rs_schedule *const rs_schedules[];
const rs_schedule *rs_schedule_find(const char *name);

/* ---- co-financing rules (model/cofin.c) ------------------------------ */

typedef struct rs_tier {
    double max_pressure, share;
} rs_tier;

typedef struct rs_cofin_rule {
    const char *name;
    const char *doc;
    const char *const *keys; /* parameter keys besides 'rule' and 'shortfall' */
    /* c for a region; may lie outside [0, 0.95]: the loader checks. */
    double (*share)(const struct rs_cofin *c, const struct rs_region *r);
} rs_cofin_rule;

typedef struct rs_cofin {
    const rs_cofin_rule *rule;
    double share;                   /* flat */
    double base, slope, min, max;   /* capacity_linear */
    rs_tier *tiers;                 /* pressure_tiers, sorted */
    size_t n_tiers;
    int shortfall_drop;             /* 0 scale, 1 drop */
} rs_cofin;

extern const rs_cofin_rule *const rs_cofin_rules[];
const rs_cofin_rule *rs_cofin_rule_find(const char *name);
double rs_cofin_share(const rs_cofin *c, const struct rs_region *r);

/* Where a region's co-financing comes from (docs/model.md §4.3): public
 * money, private money, or contributions in kind (from either). */
enum { RS_SRC_PUBLIC = 0, RS_SRC_PRIVATE = 1, RS_SRC_IN_KIND = 2, RS_SRC_N = 3 };
extern const char *const rs_cofin_source_names[]; /* RS_SRC_N names, NULL-terminated */
/* The most co-financing C that counts for a deal whose contribution is
 * split by share[] over the sources, in a tranche where counts[s] says
 * whether source s counts, from a region that can raise cap_all in all and
 * cap[s] from source s: min(cap_all, cap[s]·q/share[s] over counted sources
 * with share[s] > 0), q = Σ share[s] over counted sources; 0 when q = 0.
 * *binding is -1 when cap_all binds (or nothing does), else the source. */
double rs_cofin_source_capacity(double cap_all, const double cap[RS_SRC_N],
                                const int counts[RS_SRC_N], const double share[RS_SRC_N],
                                int *binding);
/* q above: the part of the contribution that counts. */
double rs_cofin_counted_share(const int counts[RS_SRC_N], const double share[RS_SRC_N]);

/* ---- allocation rules (model/alloc.c) -------------------------------- */

/* One candidate deal of a tranche, after the deal_cap, co-financing and
 * deal_min checks. */
typedef struct rs_cand {
    size_t deal;       /* index into the scenario's deals */
    const char *id;    /* deal id (priority tie-break) */
    double pressure;   /* bw_pressure of its region */
    double R;          /* capped request, M€ */
    double A;          /* award (output); < 0 means dropped */
} rs_cand;

typedef struct rs_alloc_rule {
    const char *name;
    const char *doc;
    /* Sets cand[i].A; returns the overrun over the budget (as_requested)
     * or 0.  May reorder cand. */
    double (*fit)(rs_cand *cand, size_t n, double budget, double deal_min);
} rs_alloc_rule;

extern const rs_alloc_rule *const rs_alloc_rules[];
const rs_alloc_rule *rs_alloc_rule_find(const char *name);

/* ---- obligations of the Standard Cost Model (model/burden.c) --------- */

/* When a deal's obligations occur, as offsets from its start year. */
typedef struct rs_occ_ctx {
    int last_active;   /* offset of the last active year */
    int settle;        /* offset of the settlement year (or last active) */
    int ext_first;     /* offset of the first extension year, -1 if none */
    int projects, partners;
    int recipients_public;
} rs_occ_ctx;

typedef struct rs_per_kind {
    const char *name;
    const char *doc;
    /* The years in which the obligation occurs, offsets *k0 .. *k1 (empty
     * when *k1 < *k0), and how many times in each of them (the return
     * value).  Every kind occurs in one year or in a run of years, so the
     * engine calls this once per deal, not once per year. */
    int (*span)(const rs_occ_ctx *c, int when_settlement, int *k0, int *k1);
} rs_per_kind;

extern const rs_per_kind *const rs_per_kinds[];
const rs_per_kind *rs_per_kind_find(const char *name);

#endif
