/* main.c — runs every unit test suite.  CUnit's basic runner returns 0
 * even when assertions fail, so the exit status comes from
 * CU_get_number_of_failures(). */
#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../src/output/outdir.h"
#include "helpers.h"

static const rs_suite suites[] = {
    {"json", rs_tests_json},       {"setpath", rs_tests_setpath},
    {"loader", rs_tests_loader},   {"validate", rs_tests_validate},
    {"cofin", rs_tests_cofin},     {"alloc", rs_tests_alloc},
    {"engine", rs_tests_engine},   {"burden", rs_tests_burden},
    {"metrics", rs_tests_metrics}, {"output", rs_tests_output},
    {"programme", rs_tests_programme}, {"plot", rs_tests_plot}, {"labels", rs_tests_labels},
    {"mc", rs_tests_mc},           {"experiment", rs_tests_experiment},
    {"sample", rs_tests_sample},
    {"edges", rs_tests_edges},
    {"sensitivity", rs_tests_sensitivity}, {"ranges", rs_tests_ranges},
};

int main(void)
{
    gsl_set_error_handler_off();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    for (size_t i = 0; i < sizeof suites / sizeof *suites; i++) {
        CU_pSuite s = CU_add_suite(suites[i].name, NULL, NULL);
        if (!s)
            return 2;
        for (const rs_test *t = suites[i].tests; t->name; t++)
            if (!CU_add_test(s, t->name, t->fn))
                return 2;
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    unsigned run = CU_get_number_of_tests_run();
    unsigned failed_tests = CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    rs_rmtree(rs_test_dir());
    printf("\nunit: %u passed, %u failed\n", run - failed_tests, failed_tests);
    return failures ? 1 : 0;
}
