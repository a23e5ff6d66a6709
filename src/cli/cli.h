/* cli.h — the regiosim command line: one function per subcommand. */
#ifndef RS_CLI_H
#define RS_CLI_H

#include "../scenario/scenario.h"

/* Options shared by the subcommands. */
typedef struct rs_opts {
    const char **pos;      /* positional arguments */
    size_t n_pos;
    rs_override *ov;       /* --set PATH=VALUE */
    size_t n_ov;
    const char *out;       /* -o DIR */
    const char *csv;       /* --csv en|nl */
    const char *terminal;  /* --terminal pngcairo|svg|pdfcairo */
    const char *lang;      /* --lang nl|en */
    int help, quiet, no_plots;
    int exact;             /* --exact: CSV numbers with every digit */
    const char *style;     /* --style FILE: the house style of the charts */
    const char *font;      /* --font NAME */
    const char *size;      /* --size WxH (pixels; cm for pdfcairo) */
    /* Monte Carlo */
    long draws, seed, threads; /* --draws, --seed, --threads; -1 when not given */
    const char *hist_metric;   /* --histogram METRIC */
    /* sweep and solve */
    const char *param, *param2;  /* --param, --param2 */
    double from, to, from2, to2; /* --from, --to, --from2, --to2 */
    long steps, steps2;          /* --steps, --steps2; -1 when not given */
    const char **metrics;        /* --metric M (repeatable) */
    size_t n_metrics;
    double target, lo, hi;       /* --target, --lo, --hi */
    int has_from, has_to, has_from2, has_to2, has_target, has_lo, has_hi;
    const char *target_scenario; /* --target-scenario FILE */
    /* sensitivity */
    const char *vs, *method;     /* --vs OTHER, --method oat|morris|sobol */
    const char **factors;        /* --factor PATH=LO,HI (repeatable) */
    size_t n_factors;
    long samples;                /* --samples N; 0 when not given */
} rs_opts;

/* The largest --draws and seed (a file's draws above RS_MAX_FILE_DRAWS
 * need --draws on the command line). */
#define RS_MAX_DRAWS 4294967295.0
#define RS_MAX_SEED 4294967295.0
#define RS_MAX_FILE_DRAWS 100000

int rs_cmd_run(const rs_opts *o);
int rs_cmd_validate(const rs_opts *o);
int rs_cmd_explain(const rs_opts *o);
int rs_cmd_list(const rs_opts *o);
int rs_cmd_plot(const rs_opts *o);
int rs_cmd_compare(const rs_opts *o);
int rs_cmd_sweep(const rs_opts *o);
int rs_cmd_solve(const rs_opts *o);
int rs_cmd_sensitivity(const rs_opts *o);

/* Prints a usage error (exit code 2). */
int rs_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the help of 'cmd' (NULL: the overview) to stdout. */
void rs_help(const char *cmd);

/* The CSV dialect of a run: --csv or the scenario's, with ":exact" when
 * --exact is given (write.h). */
const char *rs_cli_csv(const rs_opts *o, const rs_scenario *sc);


struct rs_gp;
struct rs_outdir;
struct rs_doc;
/* What rs_cli_gp allocates for the chart settings. */
typedef struct rs_cli_gpmem {
    char *style, *layouts, *footer;
    int builtin; /* no style file was found: the built-in palette is used */
} rs_cli_gpmem;
/* Chart settings from the options and the scenario (NULL: defaults): the
 * style file found on the search path (README "Chart style"), --font,
 * --size, the source line.  RS_EXIT_OK, or an exit code after a message
 * (unreadable --style FILE, bad --size).  Free 'own' with rs_cli_gp_free. */
int rs_cli_gp(struct rs_gp *g, const rs_opts *o, const rs_scenario *sc, rs_cli_gpmem *own);
void rs_cli_gp_free(rs_cli_gpmem *own);
/* Writes report.md and report.html of 'doc' into the result folder. */
int rs_cli_report(struct rs_outdir *od, const char *dir, const struct rs_doc *doc,
                  rs_diag *diag);

struct rs_plan;
struct rs_run;
struct rs_mc_result;
/* Plans and simulates a loaded scenario (deterministic) and checks the
 * invariants; violations go to 'diag' (RS_EXIT_INTERNAL). */
int rs_cli_simulate(const rs_scenario *sc, struct rs_plan **plan, struct rs_run **run,
                    rs_diag *diag);
/* The Monte Carlo settings of a run: the scenario's 'uncertainty' block with
 * --draws and --seed applied.  Returns 0 when no Monte Carlo is asked. */
/* RS_EXIT_USAGE (message in 'diag') when the scenario's file asks for
 * more than RS_MAX_FILE_DRAWS draws and --draws does not confirm them. */
int rs_cli_draws_check(const rs_scenario *sc, const rs_opts *o, rs_diag *diag);
int rs_cli_uncertainty(const rs_scenario *sc, const rs_opts *o, rs_uncertainty *u,
                       rs_diag *warn);
/* Runs the draws with a progress bar on a terminal (unless --quiet). */
int rs_cli_mc(const struct rs_plan *plan, const rs_uncertainty *u, const rs_opts *o,
              struct rs_mc_result *out, rs_diag *diag);


/* The language of the run: --lang, else the scenario's output.lang ('sc'
 * may be NULL), else Dutch.  1 for Dutch. */
int rs_cli_nl(const rs_opts *o, const rs_scenario *sc);

/* Loads a scenario with the options' overrides; prints diagnostics.
 * NULL with *code set on failure. */
rs_scenario *rs_cli_load(const char *file, const rs_opts *o, int *code);

#endif
