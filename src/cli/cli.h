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
} rs_opts;

int rs_cmd_run(const rs_opts *o);
int rs_cmd_validate(const rs_opts *o);
int rs_cmd_explain(const rs_opts *o);
int rs_cmd_list(const rs_opts *o);
int rs_cmd_plot(const rs_opts *o);
int rs_cmd_compare(const rs_opts *o);

/* Prints a usage error (exit code 2). */
int rs_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the help of 'cmd' (NULL: the overview) to stdout. */
void rs_help(const char *cmd);

struct rs_gp;
struct rs_outdir;
struct rs_doc;
/* Chart settings from the options and the scenario (NULL: defaults);
 * *footer is allocated for g->footer. */
void rs_cli_gp(struct rs_gp *g, const rs_opts *o, const rs_scenario *sc, char **footer);
/* Writes report.md and report.html of 'doc' into the result folder. */
int rs_cli_report(struct rs_outdir *od, const char *dir, const struct rs_doc *doc,
                  rs_diag *diag);

/* Loads a scenario with the options' overrides; prints diagnostics.
 * NULL with *code set on failure. */
rs_scenario *rs_cli_load(const char *file, const rs_opts *o, int *code);

#endif
