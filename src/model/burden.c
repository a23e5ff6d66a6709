/* burden.c — when the obligations of the Standard Cost Model occur
 * (MODEL.md §1 admin.obligations, §3.6).  The cost of one occurrence is
 * computed by the engine; this table only says how many there are in a
 * year. */
#include "model.h"

#include <string.h>

static int c_deal(const rs_occ_ctx *c, int when_settlement, int k)
{
    return k == (when_settlement ? c->settle : 0);
}

static int c_deal_year(const rs_occ_ctx *c, int w, int k)
{
    (void)w;
    return k <= c->last_active;
}

static int c_project(const rs_occ_ctx *c, int w, int k)
{
    (void)w;
    return k == 0 ? c->projects : 0;
}

static int c_project_year(const rs_occ_ctx *c, int w, int k)
{
    (void)w;
    return k <= c->last_active ? c->projects : 0;
}

static int c_partner(const rs_occ_ctx *c, int w, int k)
{
    (void)w;
    return k == 0 && c->recipients_public ? c->partners : 0;
}

static int c_extension(const rs_occ_ctx *c, int w, int k)
{
    (void)w;
    return k == c->ext_first;
}

static const rs_per_kind deal = {
    "deal", "once: in the start year, or with when=settlement in the settlement year",
    c_deal};
static const rs_per_kind deal_year = {"deal_year", "once in each active year", c_deal_year};
static const rs_per_kind project = {"project", "once per project, in the start year",
                                    c_project};
static const rs_per_kind project_year = {
    "project_year", "once per project in each active year", c_project_year};
static const rs_per_kind partner = {
    "private_partner",
    "once per private partner in the start year, only where recipients is public "
    "(the onward subsidy)",
    c_partner};
static const rs_per_kind extension = {
    "extension", "once per extension granted, in the first extension year", c_extension};

const rs_per_kind *const rs_per_kinds[] = {&deal,    &deal_year, &project, &project_year,
                                           &partner, &extension, NULL};

const rs_per_kind *rs_per_kind_find(const char *name)
{
    for (size_t i = 0; rs_per_kinds[i]; i++)
        if (strcmp(rs_per_kinds[i]->name, name) == 0)
            return rs_per_kinds[i];
    return NULL;
}
