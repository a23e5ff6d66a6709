/* cofin.c — co-financing rules (MODEL.md §2): the region's share c of the
 * total volume V of a deal. */
#include "model.h"
#include "../scenario/scenario.h"

#include <math.h>
#include <string.h>

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static double share_flat(const rs_cofin *c, const rs_region *r)
{
    (void)r;
    return c->share;
}

static double share_linear(const rs_cofin *c, const rs_region *r)
{
    return clamp(c->base + c->slope * (r->fiscal_capacity - 1.0), c->min, c->max);
}

/* Tiers are sorted by max_pressure; the loader guarantees the last tier
 * covers every pressure in [0, 1] or reports the gap. */
static double share_tiers(const rs_cofin *c, const rs_region *r)
{
    for (size_t i = 0; i < c->n_tiers; i++)
        if (r->bw_pressure <= c->tiers[i].max_pressure)
            return c->tiers[i].share;
    return c->n_tiers ? c->tiers[c->n_tiers - 1].share : 0.5;
}

static const char *const flat_keys[] = {"share", NULL};
static const char *const linear_keys[] = {"base", "slope", "min", "max", NULL};
static const char *const tier_keys[] = {"tiers", NULL};

static const rs_cofin_rule flat = {
    "flat", "c = share for every region", flat_keys, share_flat};
static const rs_cofin_rule linear = {
    "capacity_linear", "c = clamp(base + slope·(fiscal_capacity − 1), min, max)",
    linear_keys, share_linear};
static const rs_cofin_rule tiers = {
    "pressure_tiers", "c = share of the first tier with bw_pressure ≤ max_pressure",
    tier_keys, share_tiers};

const rs_cofin_rule *const rs_cofin_rules[] = {&flat, &linear, &tiers, NULL};

const rs_cofin_rule *rs_cofin_rule_find(const char *name)
{
    for (size_t i = 0; rs_cofin_rules[i]; i++)
        if (strcmp(rs_cofin_rules[i]->name, name) == 0)
            return rs_cofin_rules[i];
    return NULL;
}

double rs_cofin_share(const rs_cofin *c, const rs_region *r)
{
    return c->rule->share(c, r);
}

const char *const rs_cofin_source_names[] = {"public", "private", "in_kind", NULL};

double rs_cofin_counted_share(const int counts[RS_SRC_N], const double share[RS_SRC_N])
{
    double q = 0;
    for (int s = 0; s < RS_SRC_N; s++)
        q += counts[s] ? share[s] : 0;
    return q;
}

double rs_cofin_source_capacity(double cap_all, const double cap[RS_SRC_N],
                                const int counts[RS_SRC_N], const double share[RS_SRC_N],
                                int *binding)
{
    double q = rs_cofin_counted_share(counts, share), best = cap_all;
    *binding = -1;
    if (!(q > 0)) {
        *binding = RS_SRC_N; /* nothing the deal brings counts */
        return 0;
    }
    for (int s = 0; s < RS_SRC_N; s++) {
        if (!counts[s] || !(share[s] > 0) || cap[s] == HUGE_VAL)
            continue;
        double x = cap[s] * q / share[s];
        if (x < best) {
            best = x;
            *binding = s;
        }
    }
    return best;
}
