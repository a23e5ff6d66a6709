/* schedule.c — payment schedules (docs/model.md §3.2 payment.schedule, §6.3).
 * Payments at offset k land in paid[k + lag]; the caller sized 'paid' to
 * hold the latest one. */
#include "model.h"

#include <string.h>

static void add(double *paid, int len, int k, double x)
{
    if (k >= 0 && k < len)
        paid[k] += x;
}

static void pay_plan(const rs_pay_ctx *c, double *paid, int len)
{
    for (int k = 0; k < c->duration; k++)
        add(paid, len, k + c->lag, c->award * c->profile[k]);
}

static void pay_upfront(const rs_pay_ctx *c, double *paid, int len)
{
    add(paid, len, c->lag, c->award);
}

static void pay_equal(const rs_pay_ctx *c, double *paid, int len)
{
    for (int k = 0; k < c->duration; k++)
        add(paid, len, k + c->lag, c->award / c->duration);
}

static void pay_arrears(const rs_pay_ctx *c, double *paid, int len)
{
    for (int k = 0; k <= c->last_spend; k++)
        add(paid, len, k + c->lag, c->rijk_ratio * c->spent[k]);
}

static const rs_schedule plan = {
    "plan", "pays A·p_k in planned year k (the spending profile), plus the lag", 1, pay_plan};
static const rs_schedule upfront = {
    "upfront", "pays all of A in the start year, plus the lag", 1, pay_upfront};
static const rs_schedule equal = {
    "equal", "pays A/D in each planned year, plus the lag", 1, pay_equal};
static const rs_schedule arrears = {
    "arrears", "pays the Rijk share of what was spent in year t in year t + lag", 0, pay_arrears};

const rs_schedule *const rs_schedules[] = {&plan, &upfront, &equal, &arrears, NULL};

const rs_schedule *rs_schedule_find(const char *name)
{
    for (size_t i = 0; rs_schedules[i]; i++)
        if (strcmp(rs_schedules[i]->name, name) == 0)
            return rs_schedules[i];
    return NULL;
}
