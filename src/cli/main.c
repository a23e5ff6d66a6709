/* main.c — argument parsing and dispatch.  See rs_help() for the user's
 * view of every command. */
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int rs_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("regiosim: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'regiosim %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return RS_EXIT_USAGE;
}

static const char overview[] =
    "regiosim " RS_VERSION " — simulates Regio Deals paid as a decentralisatie-uitkering (DU)\n"
    "or a specifieke uitkering (SPUK), year by year: awards, co-financing, spending,\n"
    "payments, reclaims at the vaststelling, and administrative burden.\n"
    "\n"
    "Usage: regiosim COMMAND [ARGS] [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  run SCENARIO        simulate a scenario, print its main metrics, write results\n"
    "  explain SCENARIO DEAL\n"
    "                      the calculation of one deal, year by year\n"
    "  validate FILE...    check scenarios without running them\n"
    "  list WHAT           what exists: instruments, metrics, schedules, rules,\n"
    "                      allocations, obligations\n"
    "  help [COMMAND]      this text, or a command's\n"
    "\n"
    "Options: --help (also after a command), --version.\n"
    "\n"
    "Money is in M€ (million euro), time in whole years, shares from 0 to 1.\n"
    "The model: README.md and docs/ next to the program; scenario format: MODEL.md §7.\n"
    "\n"
    "Exit codes:\n"
    "  0  ok\n"
    "  1  internal error (an invariant of the model failed: please report it)\n"
    "  2  usage error (unknown command or option)\n"
    "  3  invalid scenario (the message names the file, the JSON path and what is allowed)\n"
    "  4  a file could not be read or written (including a full disk)\n";

static const char help_run[] =
    "Usage: regiosim run SCENARIO [-o DIR] [--set PATH=VALUE]... [--csv en|nl]\n"
    "\n"
    "Simulates every deal of SCENARIO year by year (MODEL.md §3) and prints the main\n"
    "metrics.  Results go to DIR (default: output.dir of the scenario, else\n"
    "out/<scenario file name without .json>), written to a temporary folder next to\n"
    "it and renamed into place only when complete:\n"
    "  summary.json  every metric, in total, per tranche and per region; warnings\n"
    "  yearly.csv    per year: rijk_paid, rijk_reclaimed, rijk_net, spent,\n"
    "                cofinancing_spent, goal_spending, admin_region, admin_rijk,\n"
    "                region_balance; a last row 'after' sums the flows past the horizon\n"
    "  deals.csv     per deal: status, co-financing share, award, volume, last year,\n"
    "                spending, payments, reclaim, retained money and burden\n"
    "  regions.csv   per region: award and award per inhabitant (€)\n"
    "An existing DIR is replaced only when it holds an earlier result.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR     where the results go\n"
    "  --set PATH=VALUE     change one key before the run, e.g.\n"
    "                         --set cofinancing.share=0.4\n"
    "                         --set 'tranches[0].instrument=du'\n"
    "                         --set realisation.by_year.2024=0.6\n"
    "                       VALUE is JSON (a number, true, null, a list, ...) or else\n"
    "                       plain text; null removes the key.  Repeatable, applied\n"
    "                       in order after the 'extends' chain.\n"
    "  --csv en|nl          CSV dialect: en = comma and decimal point (default),\n"
    "                       nl = semicolon and decimal comma (Dutch Excel)\n"
    "  -q, --quiet          no table on stdout (warnings still go to stderr)\n";

static const char help_explain[] =
    "Usage: regiosim explain SCENARIO DEAL [--set PATH=VALUE]...\n"
    "\n"
    "Prints the calculation of one deal: the award (co-financing share c, capped\n"
    "request R, allocation, A, C, V), then per year the planned spending, the target\n"
    "(planned + backlog), the realisation rho, what was spent, the backlog left, the\n"
    "Rijk share of spending, the payment, the reclaim and the burden, then the burden\n"
    "per obligation and the totals.  Money in M€.  Nothing is written to disk.\n";

static const char help_validate[] =
    "Usage: regiosim validate FILE... [--set PATH=VALUE]...\n"
    "\n"
    "Loads each scenario with its 'extends' chain and the files it names, and checks\n"
    "everything the model requires, without running it.  Prints 'ok: FILE' for a valid\n"
    "scenario; for an invalid one, every problem as FILE: JSON-PATH: what is wrong.\n"
    "Exit code 3 when any file is invalid, 4 when one cannot be read.\n";

static const char help_list[] =
    "Usage: regiosim list instruments|metrics|schedules|rules|allocations|obligations\n"
    "\n"
    "  instruments   the instrument files shipped in models/instruments (or in\n"
    "                $REGIOSIM_MODELS/instruments), with their key parameters\n"
    "  metrics       every metric of summary.json, its unit and meaning\n"
    "  schedules     payment schedules (payment.schedule)\n"
    "  rules         co-financing rules (cofinancing.rule)\n"
    "  allocations   allocation rules of a tranche (allocation)\n"
    "  obligations   the 'per' kinds of an administrative obligation\n";

void rs_help(const char *cmd)
{
    const char *t = overview;
    if (cmd && strcmp(cmd, "run") == 0)
        t = help_run;
    else if (cmd && strcmp(cmd, "explain") == 0)
        t = help_explain;
    else if (cmd && strcmp(cmd, "validate") == 0)
        t = help_validate;
    else if (cmd && strcmp(cmd, "list") == 0)
        t = help_list;
    fputs(t, stdout);
}

/* Parses the arguments after the command.  Returns 0 or a usage error. */
static int parse(const char *cmd, int argc, char **argv, rs_opts *o)
{
    memset(o, 0, sizeof *o);
    o->pos = calloc((size_t)argc + 1, sizeof *o->pos);
    o->ov = calloc((size_t)argc + 1, sizeof *o->ov);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->help = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
                   strncmp(a, "--output=", 9) == 0) {
            if (a[1] == '-' && a[8] == '=')
                val = a + 9;
            else
                val = i + 1 < argc ? argv[++i] : NULL;
            if (!val || !*val)
                return rs_usage_error(cmd, "option '%s' needs a folder name", a);
            o->out = val;
        } else if (strcmp(a, "--csv") == 0 || strncmp(a, "--csv=", 6) == 0) {
            val = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : NULL);
            if (!val || (strcmp(val, "en") != 0 && strcmp(val, "nl") != 0))
                return rs_usage_error(cmd, "--csv takes 'en' (comma, decimal point) or 'nl' "
                                           "(semicolon, decimal comma)");
            o->csv = val;
        } else if (strcmp(a, "--no-plots") == 0) {
            o->no_plots = 1;
        } else if (strcmp(a, "--terminal") == 0 || strncmp(a, "--terminal=", 11) == 0) {
            val = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
            if (!val || (strcmp(val, "pngcairo") != 0 && strcmp(val, "svg") != 0 &&
                         strcmp(val, "pdfcairo") != 0))
                return rs_usage_error(cmd, "--terminal takes pngcairo, svg or pdfcairo");
            o->terminal = val;
        } else if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
            val = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!val || (strcmp(val, "nl") != 0 && strcmp(val, "en") != 0))
                return rs_usage_error(cmd, "--lang takes nl (Dutch, the default for charts) or "
                                           "en");
            o->lang = val;
        } else if (strcmp(a, "--set") == 0 || strncmp(a, "--set=", 6) == 0) {
            val = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : NULL);
            const char *eq = val ? strchr(val, '=') : NULL;
            if (!eq || eq == val)
                return rs_usage_error(cmd, "--set takes PATH=VALUE, e.g. --set "
                                           "cofinancing.share=0.4");
            char *path = malloc((size_t)(eq - val) + 1);
            memcpy(path, val, (size_t)(eq - val));
            path[eq - val] = '\0';
            o->ov[o->n_ov].path = path;
            o->ov[o->n_ov++].value = eq + 1;
        } else if (a[0] == '-' && a[1]) {
            return rs_usage_error(cmd, "unknown option '%s'", a);
        } else {
            o->pos[o->n_pos++] = a;
        }
    }
    return 0;
}

static void opts_free(rs_opts *o)
{
    for (size_t i = 0; i < o->n_ov; i++)
        free((char *)o->ov[i].path);
    free(o->ov);
    free(o->pos);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2) {
        rs_help(NULL);
        return RS_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("regiosim %s\n", RS_VERSION);
        return RS_EXIT_OK;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        rs_help(NULL);
        return RS_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        static const char *const known[] = {"run",  "explain", "validate", "list",
                                            "plot", "compare", NULL};
        int ok = argc <= 2;
        for (int i = 0; !ok && known[i]; i++)
            ok = strcmp(argv[2], known[i]) == 0;
        if (!ok)
            return rs_usage_error(NULL, "no help for '%s' (commands: run, explain, validate, "
                                        "list)",
                                  argv[2]);
        rs_help(argc > 2 ? argv[2] : NULL);
        return RS_EXIT_OK;
    }
    static const struct {
        const char *name;
        int (*fn)(const rs_opts *);
    } cmds[] = {{"run", rs_cmd_run},
                {"explain", rs_cmd_explain},
                {"validate", rs_cmd_validate},
                {"list", rs_cmd_list},
                {"plot", rs_cmd_plot},
                {"compare", rs_cmd_compare}};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        if (strcmp(cmd, cmds[i].name) != 0)
            continue;
        rs_opts o;
        int rc = parse(cmd, argc - 2, argv + 2, &o);
        if (rc == 0) {
            if (o.help) {
                rs_help(cmd);
                rc = RS_EXIT_OK;
            } else {
                rc = cmds[i].fn(&o);
            }
        }
        opts_free(&o);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "regiosim: cannot write to standard output\n");
            return RS_EXIT_IO;
        }
        return rc;
    }
    if (cmd[0] == '-')
        return rs_usage_error(NULL, "unknown option '%s' (options before a command: --help, "
                                    "--version)",
                              cmd);
    return rs_usage_error(NULL, "unknown command '%s' (commands: run, explain, validate, list, "
                                "help)",
                          cmd);
}
