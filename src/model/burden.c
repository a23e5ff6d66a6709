/* burden.c — when the obligations of the Standard Cost Model occur
 * (docs/model.md §3.3, §6.6).  The cost of one occurrence is
 * computed by the engine; this table only says how many there are in a
 * year. */
#include "model.h"

#include <string.h>

static int one_year(int k, int *k0, int *k1)
{
    *k0 = *k1 = k;
    return 1;
}

static int s_deal(const rs_occ_ctx *c, int when_settlement, int *k0, int *k1)
{
    return one_year(when_settlement ? c->settle : 0, k0, k1);
}

static int s_deal_year(const rs_occ_ctx *c, int w, int *k0, int *k1)
{
    (void)w;
    *k0 = 0;
    *k1 = c->last_active;
    return 1;
}

static int s_project(const rs_occ_ctx *c, int w, int *k0, int *k1)
{
    (void)w;
    one_year(0, k0, k1);
    return c->projects;
}

static int s_project_year(const rs_occ_ctx *c, int w, int *k0, int *k1)
{
    (void)w;
    *k0 = 0;
    *k1 = c->last_active;
    return c->projects;
}

static int s_partner(const rs_occ_ctx *c, int w, int *k0, int *k1)
{
    (void)w;
    one_year(0, k0, k1);
    return c->recipients_public ? c->partners : 0;
}

static int s_extension(const rs_occ_ctx *c, int w, int *k0, int *k1)
{
    (void)w;
    if (c->ext_first < 0) {
        *k0 = 0;
        *k1 = -1; /* none */
        return 0;
    }
    return one_year(c->ext_first, k0, k1);
}

static const rs_per_kind deal = {
    "deal", "once: in the start year, or with when=settlement in the settlement year",
    s_deal};
static const rs_per_kind deal_year = {"deal_year", "once in each active year", s_deal_year};
static const rs_per_kind project = {"project", "once per project, in the start year",
                                    s_project};
static const rs_per_kind project_year = {
    "project_year", "once per project in each active year", s_project_year};
static const rs_per_kind partner = {
    "private_partner",
    "once per private partner in the start year, only where recipients is public "
    "(the onward subsidy)",
    s_partner};
static const rs_per_kind extension = {
    "extension", "once per extension granted, in the first extension year", s_extension};

const rs_per_kind *const rs_per_kinds[] = {&deal,    &deal_year, &project, &project_year,
                                           &partner, &extension, NULL};

const rs_per_kind *rs_per_kind_find(const char *name)
{
    for (size_t i = 0; rs_per_kinds[i]; i++)
        if (strcmp(rs_per_kinds[i]->name, name) == 0)
            return rs_per_kinds[i];
    return NULL;
}
