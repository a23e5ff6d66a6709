/* exercise.h — shared by the fuzz targets: what is done with a scenario
 * that loaded, so that a fuzzed input reaches every stage the command
 * line reaches. */
#ifndef RS_FUZZ_EXERCISE_H
#define RS_FUZZ_EXERCISE_H

#include <stddef.h>

#include "../../src/scenario/scenario.h"

/* Plans and runs 's', checks the invariants (a violation aborts: it is a
 * bug, and libFuzzer reports the input), computes every metric and writes
 * every output and an explanation of the first deals to /dev/null. */
void rs_fuzz_exercise(const rs_scenario *s);

/* The folder the fuzzed scenario pretends to be in (so that its
 * 'extends' and file names resolve into a fixed set of seed files):
 * $RS_FUZZ_FILES, else tests/fuzz/files (make fuzz runs from the top
 * folder).  Exits when it does not exist. */
const char *rs_fuzz_files(void);

/* A copy of data[0..size) with a NUL at the end (free it). */
char *rs_fuzz_text(const unsigned char *data, size_t size);

#endif
