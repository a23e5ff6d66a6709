/* helpers.c — see helpers.h. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rs_test_close(double a, double b, double tol, const char *expr, const char *file, int line)
{
    double s = fabs(b) > 1 ? fabs(b) : 1;
    if (fabs(a - b) <= tol * s)
        return 1;
    fprintf(stderr, "\n%s:%d: %s = %.17g, expected %.17g\n", file, line, expr, a, b);
    return 0;
}

static char dir[64];

const char *rs_test_dir(void)
{
    if (!dir[0]) {
        strcpy(dir, "/tmp/regiosim-unit-XXXXXX");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return dir;
}

const char *rs_test_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", rs_test_dir(), name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    return path;
}

/* Tests write JSON with single quotes for readability: 'a' -> "a". */
static char *dequote(const char *json)
{
    char *t = rs_xstrdup(json);
    for (char *p = t; *p; p++)
        if (*p == '\'')
            *p = '"';
    return t;
}

rs_scenario *rs_test_load(const char *json, rs_diag *diag)
{
    char path[256];
    char *t = dequote(json);
    snprintf(path, sizeof path, "%s", rs_test_file("scenario.json", t));
    free(t);
    rs_diag_init(diag);
    return rs_scenario_load(path, NULL, 0, diag);
}

int rs_test_invalid(const char *json, const char *const *frag)
{
    rs_diag d;
    rs_scenario *s = rs_test_load(json, &d);
    int found = 0;
    if (!s && d.code == RS_EXIT_INVALID) {
        for (size_t i = 0; i < d.n && !found; i++) {
            int all = 1;
            for (size_t k = 0; frag[k] && all; k++)
                all = strstr(d.msg[i], frag[k]) != NULL;
            found = all;
        }
    }
    if (!found) {
        fprintf(stderr, "\nexpected an error with:");
        for (size_t k = 0; frag[k]; k++)
            fprintf(stderr, " [%s]", frag[k]);
        fprintf(stderr, "\ngot (code %d):\n", d.code);
        rs_diag_print(&d, stderr);
    }
    rs_scenario_free(s);
    rs_diag_free(&d);
    return found;
}

static int finish(rs_fixture *f, rs_diag *d)
{
    if (!f->sc) {
        rs_diag_print(d, stderr);
        rs_diag_free(d);
        return 0;
    }
    rs_diag_free(d);
    f->plan = rs_plan_make(f->sc);
    f->run = rs_run_alloc(f->plan);
    rs_run_set_rho(f->run);
    rs_run_simulate(f->run);
    rs_diag c;
    rs_diag_init(&c);
    int bad = rs_run_check(f->run, &c);
    rs_diag_print(&c, stderr);
    rs_diag_free(&c);
    return bad == 0;
}

int rs_fixture_load(rs_fixture *f, const char *json)
{
    rs_diag d;
    memset(f, 0, sizeof *f);
    f->sc = rs_test_load(json, &d);
    return finish(f, &d);
}

int rs_fixture_file(rs_fixture *f, const char *path, const rs_override *ov, size_t n_ov)
{
    rs_diag d;
    rs_diag_init(&d);
    memset(f, 0, sizeof *f);
    f->sc = rs_scenario_load(path, ov, n_ov, &d);
    return finish(f, &d);
}

void rs_fixture_free(rs_fixture *f)
{
    rs_run_free(f->run);
    rs_plan_free(f->plan);
    rs_scenario_free(f->sc);
    memset(f, 0, sizeof *f);
}

double rs_fixture_y(const rs_fixture *f, rs_series s, int year)
{
    int i = year - f->plan->y0;
    return i >= 0 && i < f->plan->ny ? f->run->y[s][i] : 0;
}

double rs_fixture_dy(const rs_fixture *f, const double *arr, size_t deal, int year)
{
    int k = year - f->sc->tranches[f->sc->deals[deal].tranche].year;
    return k >= 0 && k < f->plan->len[deal] ? arr[f->plan->off[deal] + (size_t)k] : 0;
}
