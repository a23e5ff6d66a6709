/* explain.h — the calculation trace of one deal, year by year: what an
 * analyst checks by hand before trusting a number. */
#ifndef RS_EXPLAIN_H
#define RS_EXPLAIN_H

#include <stdio.h>

#include "../engine/engine.h"

void rs_explain_deal(FILE *f, const rs_run *run, size_t deal);

#endif
