/* explain.h — the calculation trace of one deal, year by year: what an
 * analyst checks by hand before trusting a number. */
#ifndef RS_EXPLAIN_H
#define RS_EXPLAIN_H

#include <stdio.h>

#include "../engine/engine.h"

/* 'nl': Dutch words, display labels and decimal commas; else English
 * with the model's ids (docs/model.md). */
void rs_explain_deal(FILE *f, const rs_run *run, size_t deal, int nl);
/* Lines of the trace's nl/en table whose two formats differ in their
 * conversions (0 when sound; a unit test). */
int rs_explain_check(void);

#endif
