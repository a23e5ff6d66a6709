/* helpers.h — shared by the unit tests. */
#ifndef RS_TEST_HELPERS_H
#define RS_TEST_HELPERS_H

#include <CUnit/CUnit.h>
#include <math.h>

#include "../../src/engine/engine.h"
#include "../../src/metrics/metrics.h"
#include "../../src/scenario/scenario.h"

/* |a − b| ≤ tol·max(1, |b|): relative for large values, absolute near 0. */
#define ASSERT_CLOSE(a, b, tol)                                                              \
    CU_ASSERT_TRUE_FATAL(rs_test_close((a), (b), (tol), #a, __FILE__, __LINE__))
int rs_test_close(double a, double b, double tol, const char *expr, const char *file, int line);

/* Writes 'text' to a file 'name' in the test's temporary folder; returns
 * its path (static storage, valid until the next call). */
const char *rs_test_file(const char *name, const char *text);
const char *rs_test_dir(void);

/* Loads scenario text (written to a temporary file; single quotes in it
 * become double quotes, so tests can write {'a': 1}).  NULL on failure;
 * the messages go to *diag (which the caller frees). */
rs_scenario *rs_test_load(const char *json, rs_diag *diag);
/* Loads text that must be invalid; returns 1 when some message contains
 * every fragment (NULL-terminated list) — and prints the messages if not. */
int rs_test_invalid(const char *json, const char *const *fragments);

/* A loaded scenario with its plan and a deterministic run. */
typedef struct rs_fixture {
    rs_scenario *sc;
    rs_plan *plan;
    rs_run *run;
} rs_fixture;
int rs_fixture_load(rs_fixture *f, const char *json);
int rs_fixture_file(rs_fixture *f, const char *path, const rs_override *ov, size_t n_ov);
void rs_fixture_free(rs_fixture *f);
/* Series value for calendar year y. */
double rs_fixture_y(const rs_fixture *f, rs_series s, int year);
/* Deal-year value of one of the run's per-deal arrays. */
double rs_fixture_dy(const rs_fixture *f, const double *arr, size_t deal, int year);

/* Test registration: each test file defines one of these. */
typedef struct rs_test {
    const char *name;
    void (*fn)(void);
} rs_test;
typedef struct rs_suite {
    const char *name;
    const rs_test *tests;
} rs_suite;

extern const rs_test rs_tests_json[], rs_tests_setpath[], rs_tests_loader[],
    rs_tests_validate[], rs_tests_cofin[], rs_tests_alloc[], rs_tests_engine[],
    rs_tests_burden[], rs_tests_metrics[], rs_tests_output[];
extern const rs_test rs_tests_programme[], rs_tests_plot[], rs_tests_labels[];
extern const rs_test rs_tests_mc[], rs_tests_experiment[], rs_tests_sample[];
extern const rs_test rs_tests_edges[];
extern const rs_test rs_tests_sensitivity[], rs_tests_ranges[];

#endif
