/* fuzz_scenario.c — libFuzzer target: the input is a scenario file.
 *
 * It goes through rs_scenario_load_text(), the in-memory twin of the
 * rs_scenario_load() the command line calls (same code from the parser
 * on: extends chain, file references, 'set', checks, build), as the file
 * scenarios/fuzz-input.json of the seed folder tests/fuzz/files: its
 * 'extends' and file names resolve there ("t4-spuk.json",
 * "../models/regions/demo-regions.csv", ...).  A scenario that loads is
 * planned, run, checked and written (exercise.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *name;
    if (!name) {
        name = rs_xasprintf("%s/scenarios/fuzz-input.json", rs_fuzz_files());
    }
    rs_diag d;
    rs_diag_init(&d);
    rs_scenario *s = rs_scenario_load_text(name, (const char *)data, size, NULL, 0, &d);
    /* the command line's contract: a scenario loads, or there is an error
     * message with exit code 3 or 4 */
    if (!s && (d.n == 0 || (d.code != RS_EXIT_INVALID && d.code != RS_EXIT_IO))) {
        fprintf(stderr, "fuzz: load failed with code %d and %zu messages\n", d.code, d.n);
        abort();
    }
    if (s)
        rs_fuzz_exercise(s);
    rs_scenario_free(s);
    rs_diag_free(&d);
    return 0;
}
