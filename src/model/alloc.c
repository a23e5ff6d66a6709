/* alloc.c — allocation rules (docs/model.md §3.4 allocation, §5.2): fit the
 * capped requests R of a tranche's candidate deals to its budget. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* Relative difference below which a sum of amounts equals the budget. */
#define RS_ROUNDING 1e-9

static double fit_pro_rata(rs_cand *c, size_t n, double budget, double deal_min)
{
    (void)deal_min; /* a pro-rata award may fall under deal_min (docs/model.md §5.2) */
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += c[i].R;
    /* requests that add up to the budget but for rounding (5.1 + 16.1 is
     * 21.200000000000003) are not cut */
    int over = sum - budget > RS_ROUNDING * (budget > 1 ? budget : 1);
    for (size_t i = 0; i < n; i++)
        c[i].A = over ? c[i].R * budget / sum : c[i].R;
    return 0;
}

static int by_pressure(const void *a, const void *b)
{
    const rs_cand *x = a, *y = b;
    if (x->pressure != y->pressure)
        return x->pressure > y->pressure ? -1 : 1;
    return strcmp(x->id, y->id);
}

static double fit_priority(rs_cand *c, size_t n, double budget, double deal_min)
{
    qsort(c, n, sizeof *c, by_pressure);
    double left = budget;
    for (size_t i = 0; i < n; i++) {
        if (c[i].R <= left) {
            c[i].A = c[i].R;
            left -= c[i].R;
        } else if (left >= deal_min) {
            c[i].A = left;
            left = 0;
        } else {
            c[i].A = -1; /* dropped; the next deals are still tried */
        }
    }
    return 0;
}

static double fit_as_requested(rs_cand *c, size_t n, double budget, double deal_min)
{
    (void)deal_min;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        c[i].A = c[i].R;
        sum += c[i].R;
    }
    /* rounding noise of the sum (published amounts like 18.2 are not exact
     * in binary) is not an overrun */
    double tol = RS_ROUNDING * (budget > 1 ? budget : 1);
    return sum - budget > tol ? sum - budget : 0;
}

static const rs_alloc_rule pro_rata = {
    "pro_rata", "when the requests exceed the budget, every award is R·budget/ΣR",
    fit_pro_rata};
static const rs_alloc_rule priority = {
    "priority",
    "highest bw_pressure first: full R while it fits, then the rest if ≥ deal_min",
    fit_priority};
static const rs_alloc_rule as_requested = {
    "as_requested", "award R; an overrun over the budget is reported", fit_as_requested};

const rs_alloc_rule *const rs_alloc_rules[] = {&pro_rata, &priority, &as_requested, NULL};

const rs_alloc_rule *rs_alloc_rule_find(const char *name)
{
    for (size_t i = 0; rs_alloc_rules[i]; i++)
        if (strcmp(rs_alloc_rules[i]->name, name) == 0)
            return rs_alloc_rules[i];
    return NULL;
}
