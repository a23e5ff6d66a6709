/* scenario.c — freeing a scenario and small queries on it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

static void free_cofin(rs_cofin *c) { free(c->tiers); }

void rs_scenario_free(rs_scenario *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_regions; i++) {
        free(s->regions[i].id);
        free(s->regions[i].name);
        free(s->regions[i].source);
        free(s->regions[i].overlaps);
    }
    free(s->regions);
    for (size_t i = 0; i < s->n_instruments; i++)
        rs_instrument_clear(&s->instruments[i]);
    free(s->instruments);
    for (size_t i = 0; i < s->n_tranches; i++) {
        free(s->tranches[i].id);
        free(s->tranches[i].source);
        free_cofin(&s->tranches[i].own_cofin);
    }
    free(s->tranches);
    for (size_t i = 0; i < s->n_deals; i++) {
        free(s->deals[i].id);
        free(s->deals[i].profile);
    }
    free(s->deals);
    free_cofin(&s->cofin);
    free(s->real_by_year);
    free(s->file);
    free(s->name);
    free(s->description);
    free(s->out_dir);
    free(s->resolved);
    free(s->terminal);
    free(s->font);
    free(s->source);
    free(s->cofin_source);
    free(s->label);
    for (size_t i = 0; i < s->n_ranges; i++) {
        free(s->ranges[i].path);
        free(s->ranges[i].label);
        free(s->ranges[i].group);
        free(s->ranges[i].note);
    }
    free(s->ranges);
    free(s);
}

double rs_scenario_m(const rs_scenario *s, double mean, int year)
{
    if (year >= s->start && year <= s->end) {
        double b = s->real_by_year[year - s->start];
        if (!isnan(b))
            return b;
    }
    return mean;
}

size_t rs_scenario_find_deal(const rs_scenario *s, const char *id)
{
    for (size_t i = 0; i < s->n_deals; i++)
        if (strcmp(s->deals[i].id, id) == 0)
            return i;
    return (size_t)-1;
}
