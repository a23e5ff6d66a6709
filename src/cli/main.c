/* main.c — argument parsing and dispatch.  See rs_help() for the user's
 * view of every command. */
#include <limits.h>
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../dist/dist.h"
#include "../metrics/metrics.h"
#include "../output/messages.h"
#include "cli.h"

int rs_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs("regiosim: ", stderr);
    rs_fputs_shown(msg, stderr); /* arguments are echoed: no control characters */
    fprintf(stderr, "\nTry 'regiosim %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return RS_EXIT_USAGE;
}

#ifndef RS_DOCDIR
#define RS_DOCDIR "/usr/local/share/doc/regiosim"
#endif
#ifndef RS_MANDIR
#define RS_MANDIR "/usr/local/share/man/man1"
#endif

static const char overview[] =
    "regiosim " RS_VERSION " — simulates Regio Deals paid as a decentralisatie-uitkering (DU)\n"
    "or a specifieke uitkering (SPUK), year by year: awards, co-financing, spending,\n"
    "payments, reclaims at the vaststelling, and administrative burden.\n"
    "\n"
    "Usage: regiosim COMMAND [ARGS] [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  run SCENARIO        simulate a scenario, print its main metrics, write results,\n"
    "                      charts and a report\n"
    "  compare A B [C...]  run scenarios side by side, with the differences to A\n"
    "  explain SCENARIO DEAL\n"
    "                      the calculation of one deal, year by year\n"
    "  sweep SCENARIO      metrics as one or two keys of the scenario vary\n"
    "  solve SCENARIO      the value of a key at which a metric reaches a target\n"
    "  sensitivity SCENARIO [--vs OTHER]\n"
    "                      which estimates decide a metric, and where a conclusion turns\n"
    "  plot DIR            redraw the charts of a results folder\n"
    "  validate FILE...    check scenarios without running them\n"
    "  list WHAT           what exists: instruments, metrics, schedules, rules,\n"
    "                      allocations, obligations\n"
    "  help [COMMAND]      this text, or a command's\n"
    "\n"
    "Options: --help (also after a command), --version.\n"
    "\n"
    "Money is in M€ (million euro), time in whole years, shares from 0 to 1.\n"
    "\n"
    "Documentation (docs/ in the source tree; 'make install' puts it here):\n"
    "  the model, every key and formula    " RS_DOCDIR "/model.md\n"
    "  the source of every published fact  " RS_DOCDIR "/sources.md\n"
    "  the command-line reference          man regiosim  (" RS_MANDIR "/regiosim.1)\n"
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
    "Simulates every deal of SCENARIO year by year (docs/model.md §5–6) and prints the main\n"
    "metrics.  Results go to DIR (default: output.dir of the scenario, else\n"
    "out/<scenario file name without .json>), written to a temporary folder next to\n"
    "it and renamed into place only when complete:\n"
    "  summary.json  every metric, in total, per tranche and per region; warnings\n"
    "  yearly.csv    per year: rijk_paid, rijk_reclaimed, rijk_net, spent,\n"
    "                cofinancing_spent, goal_spending, admin_region, admin_rijk,\n"
    "                region_balance; a last row 'after' sums the flows past the horizon\n"
    "  deals.csv     per deal: status, co-financing share, award, volume, last year,\n"
    "                spending, payments, reclaim, retained money and burden\n"
    "  regions.csv   per region: name, deals, award and co-financing (M€ and € per\n"
    "                inhabitant), burden on the region, Rijk net, reclaimed, retained\n"
    "  yearly_tranches.csv  the series of yearly.csv per tranche (they add up to it)\n"
    "An existing DIR is replaced only when it holds an earlier result.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR     where the results go\n"
    "  --no-plots           no charts (plots/ is not written)\n"
    "  --terminal T         pngcairo (default), svg or pdfcairo charts\n"
    "  --lang nl|en         language of charts, report, terminal table and warnings\n"
    "                       (default nl: Dutch labels, decimal comma, money in € mln);\n"
    "                       errors of the input stay English (they name JSON paths)\n"
    "  --set PATH=VALUE     change one key before the run, e.g.\n"
    "                         --set cofinancing.share=0.4\n"
    "                         --set 'tranches[0].instrument=du'\n"
    "                         --set realisation.by_year.2024=0.6\n"
    "                       VALUE is JSON (a number, true, null, a list, ...) or else\n"
    "                       plain text; null removes the key.  Repeatable, applied\n"
    "                       in order after the 'extends' chain.\n"
    "  --csv en|nl          CSV dialect: en = comma and decimal point (default),\n"
    "                       nl = semicolon and decimal comma, with a UTF-8\n"
    "                       byte-order mark (Dutch Excel)\n"
    "  --exact              CSV numbers with every digit (default: rounded to 6\n"
    "                       decimals, a whole euro in M€; never 1e-07 notation)\n"
    "  --style FILE         the house style of the charts (default plots/\n"
    "                       rijkshuisstijl.gp, found as README 'Chart style' says)\n"
    "  --font NAME          font of the charts (default Liberation Sans)\n"
    "  --size WxH           chart size in pixels (default 1600x1000; cm for pdfcairo)\n"
    "  -q, --quiet          no table on stdout and no progress bar (warnings still go\n"
    "                       to stderr)\n"
    "\n"
    "Monte Carlo (docs/model.md §9), when the scenario has an 'uncertainty' block or\n"
    "--draws is given: every deal-year's realisation from a Beta distribution, a shock\n"
    "year, a spread of the burden's hours.  Adds the mean and P5/P50/P95 beside the\n"
    "deterministic value (and says why when that lies outside P5-P95: the extension\n"
    "cliff), an 'uncertainty' block to summary.json (the mean is then the headline),\n"
    "p_extended and mean_reclaimed to deals.csv, yearly_bands.csv (per year and\n"
    "series: mean, sd, p5, p50, p95), fan charts and a histogram.  A deal-year's\n"
    "draw depends only on (seed, draw, deal id, year): the same seed gives the same\n"
    "bytes for any number of threads, and the same luck to a deal in every scenario.\n"
    "  --draws N            number of draws (overrides the scenario's)\n"
    "  --seed S             random seed (overrides the scenario's)\n"
    "  --threads N          threads, and gnuplot processes drawing the charts at once\n"
    "                       (default: all cores; 1: one gnuplot, one chart after another)\n"
    "  --histogram METRIC   the metric of the histogram chart (default rijk_net)\n";

static const char help_explain[] =
    "Usage: regiosim explain SCENARIO DEAL [--set PATH=VALUE]... [--lang nl|en]\n"
    "\n"
    "Prints the calculation of one deal: the award (co-financing share c, capped\n"
    "request R, allocation, A, C, V), then per year the planned spending, the target\n"
    "(planned + backlog), the realisation rho, what was spent, the backlog left, the\n"
    "Rijk share of spending, the payment, the reclaim and the burden, then the burden\n"
    "per obligation and the totals.  Money in M€.  Nothing is written to disk.\n"
    "--lang nl (the default, or the scenario's 'lang') prints it in Dutch with\n"
    "display labels and decimal commas (toekenning, vaststelling, draagkracht);\n"
    "--lang en in English with the model's ids.\n";

static const char help_validate[] =
    "Usage: regiosim validate FILE... [--set PATH=VALUE]... [--lang nl|en]\n"
    "\n"
    "Loads each scenario with its 'extends' chain and the files it names, and checks\n"
    "everything the model requires, without running it.  Prints 'ok: FILE' for a valid\n"
    "scenario; for an invalid one, every problem as FILE: JSON-PATH: what is wrong.\n"
    "An instrument file, or a region, tranche or deal list (bare, or {\"regions\": [...]}\n"
    "with documentation keys; a .csv file is a region table), is recognised from its\n"
    "content and checked on its own, except for references to other files (a deal's\n"
    "region, a tranche's instrument), which are checked when a scenario uses it.\n"
    "With --set every FILE is read as a scenario.\n"
    "Warnings (a 'description' kept from the parent, a tranche without deals, a model\n"
    "found on the search path) are in the scenario's language (default Dutch) or that\n"
    "of --lang; errors are in English: they name JSON paths and keys.\n"
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

static const char help_compare[] =
    "Usage: regiosim compare A.json B.json [C.json ...] [-o DIR] [--set PATH=VALUE]...\n"
    "                        [--draws N] [--seed S] [--threads T]\n"
    "                        [--csv en|nl] [--no-plots] [--terminal T] [--lang nl|en]\n"
    "\n"
    "Runs every scenario (the first is the baseline) and writes to DIR (default\n"
    "out/compare-<A>-<B>):\n"
    "  compare.csv, compare.md  every metric for each scenario, with the difference\n"
    "                           to the baseline, absolute and relative\n"
    "  regions.csv              per region (with its name) the deals, award,\n"
    "                           co-financing (M€ and € per inhabitant), burden, Rijk net,\n"
    "                           reclaimed and retained under each scenario and the\n"
    "                           change, largest change first: winners and losers\n"
    "  yearly_tranches.csv      per scenario, tranche and year the yearly series\n"
    "  runs/<name>/summary.json every run's own summary\n"
    "  plots/                   key metrics side by side, the yearly Rijk net flow of\n"
    "                           every scenario, the per-region changes\n"
    "  report.md, report.html   all of it, ready to read\n"
    "--set applies to every scenario.  The table is printed too.\n"
    "\n"
    "With --draws N (or an 'uncertainty' block in A) every scenario is also run over\n"
    "the same N Monte Carlo draws: common random numbers, so the same deal meets the\n"
    "same luck in every scenario and a difference is taken draw by draw.  Then also\n"
    "  compare.json             mean, sd, P5, P50, P95 of every metric per scenario, and\n"
    "                           of every difference to A with p_greater and p_less (the\n"
    "                           share of draws in which it is > 0 and < 0)\n"
    "  yearly_net_difference.csv  the yearly difference in Rijk net flow, P5–P95\n"
    "and compare.csv, the table and the report gain the mean difference, its P5–P95\n"
    "and the probability that it is positive; the charts show the differences with\n"
    "their P5–P95 and a fan chart of the yearly difference in Rijk net flow.  The\n"
    "draws come from A's 'uncertainty' block (with --draws and --seed); the results\n"
    "are the same for any --threads.\n";

static const char help_plot[] =
    "Usage: regiosim plot DIR [--style FILE] [--size WxH] [--font NAME]\n"
    "                         [--lang nl|en] [--terminal pngcairo|svg|pdfcairo]\n"
    "\n"
    "Redraws every chart of a run's results folder: runs its scenario.json again\n"
    "(with the draws and seed of summary.json) and writes the whole result anew.  It\n"
    "never runs a script found in DIR, and only redraws a folder exactly as regiosim\n"
    "left it (an edited script: run gnuplot on it yourself).  The charts keep the\n"
    "language, terminal and font of the run (scenario.json) and its --style and\n"
    "--size (chart-settings.json); an option given here wins and is recorded.  A\n"
    "recorded style file is reused only while it exists, is your own file, writable\n"
    "by no one else, and lies outside DIR; otherwise plot stops with exit code 4 and\n"
    "changes nothing (give --style FILE to draw with another style).\n"
    "REGIOSIM_GNUPLOT names the gnuplot program (default: gnuplot).  Exit code 4\n"
    "also when a chart cannot be drawn.\n";

static const char help_sweep[] =
    "Usage: regiosim sweep SCENARIO --param PATH --from A --to B --steps N\n"
    "                      [--param2 PATH --from2 A --to2 B --steps2 N] [--metric M]...\n"
    "                      [-o DIR] [--set PATH=VALUE]... [--no-plots] [--lang nl|en]\n"
    "\n"
    "Runs the scenario at N equally spaced values of PATH from A to B (and of PATH2:\n"
    "a grid), PATH in the syntax of --set (e.g. cofinancing.share,\n"
    "tranches[T4].budget, instruments.du.off_goal_share).  Writes DIR/sweep.csv (one\n"
    "row per point: the values, then the metrics) and a chart: a line per metric for\n"
    "one parameter, a heat map per metric for two.  Metrics: --metric, repeatable\n"
    "(default rijk_net and effectiveness).  Default DIR: out/sweep-<scenario>.\n"
    "Example: rijk_net and effectiveness as the flat co-financing share goes from\n"
    "0.3 to 0.7:\n"
    "  regiosim sweep scenarios/demo.json --param cofinancing.share --from 0.3 \\\n"
    "      --to 0.7 --steps 9 --metric rijk_net --metric effectiveness\n";

static const char help_solve[] =
    "Usage: regiosim solve SCENARIO --param PATH --metric M (--target X |\n"
    "                      --target-scenario OTHER.json) [--lo A --hi B] [--set ...]\n"
    "                      [--lang nl|en]\n"
    "\n"
    "Finds the value of PATH between A and B (default 0 and 1) at which metric M\n"
    "equals X, or the value M has in OTHER.json, with GSL's Brent solver, and prints\n"
    "the value, the metric there and the iterations: in Dutch (the default, or the\n"
    "scenario's 'lang') by display names, the value in its unit (12,5 %) and as a\n"
    "--set for the next run; with --lang en by ids, with every digit.  Errors of\n"
    "the input (exit 2, 3, 4) are in English in both.  When M is on the same side of\n"
    "the target at both ends there is nothing to find: the error says M at both ends\n"
    "(exit code 2).  Where M jumps across the target (a deal scaled or dropped) the\n"
    "answer is the jump, with a warning.  Example: the capacity_linear base that\n"
    "costs the Rijk as much as flat 50%:\n"
    "  regiosim solve scenarios/capaciteit-draagkracht.json --param cofinancing.base \\\n"
    "      --metric rijk_awarded --target-scenario scenarios/capaciteit-flat-50.json \\\n"
    "      --lo 0.3 --hi 0.7\n";

static const char help_sensitivity[] =
    "Usage: regiosim sensitivity SCENARIO [--vs OTHER] --metric M [--method oat|morris|sobol]\n"
    "                            [--factor PATH=LO,HI]... [--samples N] [--draws N]\n"
    "                            [--target X] [-o DIR] [--set PATH=VALUE]...\n"
    "\n"
    "Varies the estimates of the scenario over their plausible ranges and says which\n"
    "of them the metric M hangs on.  The ranges stand next to the estimates in the\n"
    "model files (\"ranges\", docs/format.md); estimates with the same \"group\" move\n"
    "together as one factor.  With --vs OTHER the quantity is M(SCENARIO) − M(OTHER),\n"
    "each factor applied to every file in which its path exists: does the SPUK stay\n"
    "ahead of the DU?\n"
    "\n"
    "Methods:\n"
    "  oat     (default) each factor alone at the low and the high end of its range,\n"
    "          the others at their values; a tornado chart sorted by swing.  Where the\n"
    "          quantity crosses zero (with --vs) or --target X between the two ends:\n"
    "          the switching value, with the Brent solver of 'solve'.  2k + 1 points.\n"
    "  morris  elementary effects over N trajectories (--samples, default 10) on a\n"
    "          4-level grid: mu* (mean absolute effect, in M's units per the whole range)\n"
    "          and sigma (non-linearity, interactions).  N(k + 1) points: screening many\n"
    "          factors cheaply.\n"
    "  sobol   first-order (S1) and total (ST) indices: Saltelli sampling on a Sobol\n"
    "          sequence with N base rows (--samples, default 256; a power of 2 is best),\n"
    "          Saltelli 2010 and Jansen estimators, 95% bootstrap intervals.  N(k + 2)\n"
    "          points, at most 20 factors; the indices assume independent factors.\n"
    "\n"
    "Factors: every ranged estimate of SCENARIO (and OTHER), or only those given with\n"
    "--factor PATH=LO,HI (PATH as in --set, e.g. instruments.du.off_goal_share=0,0.25)\n"
    "(that value alone, even when its declared range is part of a group) or --factor\n"
    "PATH (its declared range, or its whole group).\n"
    "\n"
    "Monte Carlo: when the scenario has an 'uncertainty' block or --draws is given,\n"
    "each point is the mean over the same draws (common random numbers, so noise\n"
    "does not pass for an effect), and the Monte Carlo standard error is given beside\n"
    "each effect.  --set uncertainty=null studies the deterministic run.\n"
    "\n"
    "Writes DIR (default out/sensitivity-<scenario>): sensitivity.json, sensitivity.csv\n"
    "(--csv en|nl), plots/sensitivity (tornado, or the indices), report.md/html.  The\n"
    "number of runs and an estimate of the time are printed before a long study.\n"
    "Example: which estimates decide whether the SPUK is more effective than the DU:\n"
    "  regiosim sensitivity scenarios/t4-spuk.json --vs scenarios/t4-du.json \\\n"
    "      --metric effectiveness --set uncertainty=null\n";

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
    else if (cmd && strcmp(cmd, "compare") == 0)
        t = help_compare;
    else if (cmd && strcmp(cmd, "plot") == 0)
        t = help_plot;
    else if (cmd && strcmp(cmd, "sweep") == 0)
        t = help_sweep;
    else if (cmd && strcmp(cmd, "solve") == 0)
        t = help_solve;
    else if (cmd && strcmp(cmd, "sensitivity") == 0)
        t = help_sensitivity;
    fputs(t, stdout);
}

/* The options, as a table: what each takes and where it goes. */
typedef enum { O_FLAG, O_STR, O_CHOICE, O_DBL, O_LONG, O_METRIC, O_SET, O_FACTOR } opt_kind;

typedef struct opt {
    const char *cmds;  /* the commands that take it, or "*" */
    const char *name;  /* long name, without -- */
    char short_name;   /* or 0 */
    opt_kind kind;
    size_t off;        /* field in rs_opts */
    size_t has_off;    /* 'has' flag of an O_DBL, or (size_t)-1 */
    const char *choices; /* O_CHOICE: space separated; O_LONG: minimum as text */
} opt;

#define F(x) offsetof(rs_opts, x)
#define NOHAS ((size_t)-1)
static const opt options[] = {
    {"*", "help", 'h', O_FLAG, F(help), NOHAS, NULL},
    {"*", "quiet", 'q', O_FLAG, F(quiet), NOHAS, NULL},
    {"run compare sweep sensitivity", "no-plots", 0, O_FLAG, F(no_plots), NOHAS, NULL},
    {"run compare sweep sensitivity", "output", 'o', O_STR, F(out), NOHAS, NULL},
    {"run compare sweep sensitivity", "csv", 0, O_CHOICE, F(csv), NOHAS, "en nl"},
    {"run compare sweep sensitivity plot", "terminal", 0, O_CHOICE, F(terminal), NOHAS, "pngcairo svg pdfcairo"},
    {"run compare sweep solve sensitivity explain plot validate", "lang", 0, O_CHOICE, F(lang), NOHAS,
     "nl en"},
    {"run compare sweep sensitivity", "exact", 0, O_FLAG, F(exact), NOHAS, NULL},
    {"run compare sweep sensitivity plot", "style", 0, O_STR, F(style), NOHAS, NULL},
    {"run compare sweep sensitivity plot", "font", 0, O_STR, F(font), NOHAS, NULL},
    {"run compare sweep sensitivity plot", "size", 0, O_STR, F(size), NOHAS, NULL},
    {"run explain validate compare sweep solve sensitivity", "set", 0, O_SET, 0, NOHAS, NULL},
    {"run compare sweep solve sensitivity", "draws", 0, O_LONG, F(draws), NOHAS, "1"},
    {"run compare sweep solve sensitivity", "seed", 0, O_LONG, F(seed), NOHAS, "0"},
    {"run compare sweep solve sensitivity", "threads", 0, O_LONG, F(threads), NOHAS, "0"},
    {"run", "histogram", 0, O_METRIC, F(hist_metric), NOHAS, NULL},
    {"sweep solve", "param", 0, O_STR, F(param), NOHAS, NULL},
    {"sweep", "from", 0, O_DBL, F(from), F(has_from), NULL},
    {"sweep", "to", 0, O_DBL, F(to), F(has_to), NULL},
    {"sweep", "steps", 0, O_LONG, F(steps), NOHAS, "2"},
    {"sweep", "param2", 0, O_STR, F(param2), NOHAS, NULL},
    {"sweep", "from2", 0, O_DBL, F(from2), F(has_from2), NULL},
    {"sweep", "to2", 0, O_DBL, F(to2), F(has_to2), NULL},
    {"sweep", "steps2", 0, O_LONG, F(steps2), NOHAS, "2"},
    {"sweep solve sensitivity", "metric", 0, O_METRIC, 0, NOHAS, NULL},
    {"solve sensitivity", "target", 0, O_DBL, F(target), F(has_target), NULL},
    {"solve", "target-scenario", 0, O_STR, F(target_scenario), NOHAS, NULL},
    {"solve", "lo", 0, O_DBL, F(lo), F(has_lo), NULL},
    {"solve", "hi", 0, O_DBL, F(hi), F(has_hi), NULL},
    {"sensitivity", "vs", 0, O_STR, F(vs), NOHAS, NULL},
    {"sensitivity", "method", 0, O_CHOICE, F(method), NOHAS, "oat morris sobol"},
    {"sensitivity", "factor", 0, O_FACTOR, 0, NOHAS, NULL},
    {"sensitivity", "samples", 0, O_LONG, F(samples), NOHAS, "2"},
};

static int metric_known(const char *m)
{
    for (int i = 0; i < RS_M_N; i++)
        if (strcmp(rs_metric_infos[i].name, m) == 0)
            return 1;
    return 0;
}

static int in_choices(const char *v, const char *choices)
{
    size_t n = strlen(v);
    for (const char *p = choices; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && strncmp(p, v, n) == 0)
            return 1;
        p += l + (e != NULL);
    }
    return 0;
}

/* Parses the arguments after the command.  Returns 0 or a usage error. */
static int parse(const char *cmd, int argc, char **argv, rs_opts *o)
{
    memset(o, 0, sizeof *o);
    o->draws = o->seed = o->threads = o->steps = o->steps2 = -1;
    o->pos = calloc((size_t)argc + 1, sizeof *o->pos);
    o->ov = calloc((size_t)argc + 1, sizeof *o->ov);
    o->metrics = calloc((size_t)argc + 1, sizeof *o->metrics);
    o->factors = calloc((size_t)argc + 1, sizeof *o->factors);
    char *base = (char *)o;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const opt *op = NULL;
        const char *val = NULL;
        if (a[0] == '-' && a[1] == '-' && a[2]) {
            const char *eq = strchr(a + 2, '=');
            size_t l = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            for (size_t k = 0; k < sizeof options / sizeof *options; k++)
                if (strlen(options[k].name) == l && strncmp(options[k].name, a + 2, l) == 0)
                    op = &options[k];
            if (op && eq)
                val = eq + 1;
        } else if (a[0] == '-' && a[1] && !a[2]) {
            for (size_t k = 0; k < sizeof options / sizeof *options; k++)
                if (options[k].short_name == a[1])
                    op = &options[k];
        } else {
            o->pos[o->n_pos++] = a;
            continue;
        }
        if (!op)
            return rs_usage_error(cmd, "unknown option '%s'", a);
        if (strcmp(op->cmds, "*") != 0 && !in_choices(cmd, op->cmds))
            return rs_usage_error(cmd, "option '%s' is not for '%s' (it is for: %s)", a, cmd,
                                  op->cmds);
        if (op->kind == O_FLAG) {
            *(int *)(base + op->off) = 1;
            continue;
        }
        if (!val) {
            if (i + 1 >= argc)
                return rs_usage_error(cmd, "option '%s' needs a value", a);
            val = argv[++i];
        }
        char *end;
        switch (op->kind) {
        case O_FLAG:
            break;
        case O_STR:
            if (!*val)
                return rs_usage_error(cmd, "option --%s needs a value", op->name);
            *(const char **)(base + op->off) = val;
            break;
        case O_CHOICE:
            if (!in_choices(val, op->choices))
                return rs_usage_error(cmd, "--%s takes one of: %s (got '%s')", op->name,
                                      op->choices, val);
            *(const char **)(base + op->off) = val;
            break;
        case O_DBL: {
            double x = strtod(val, &end);
            if (!*val || *end || !isfinite(x))
                return rs_usage_error(cmd, "--%s takes a number (got '%s')", op->name, val);
            *(double *)(base + op->off) = x;
            *(int *)(base + op->has_off) = 1;
            break;
        }
        case O_LONG: {
            errno = 0;
            long x = strtol(val, &end, 10);
            long min = strtol(op->choices, NULL, 10);
            /* draws and seeds are 32-bit: a seed is then exact in any JSON
             * reader of summary.json, and --seed takes back what it records */
            long max = strcmp(op->name, "draws") == 0 || strcmp(op->name, "seed") == 0
                           ? 4294967295L
                           : LONG_MAX;
            if (*val && !*end && !errno && x > max)
                return rs_usage_error(cmd, "--%s takes a whole number from %ld to %ld (got '%s')",
                                      op->name, min, max, val);
            if (!*val || *end || errno || x < min)
                return rs_usage_error(cmd, "--%s takes a whole number ≥ %ld (got '%s')",
                                      op->name, min, val);
            *(long *)(base + op->off) = x;
            break;
        }
        case O_METRIC:
            if (!metric_known(val))
                return rs_usage_error(cmd, "--%s: no metric '%s' (see regiosim list metrics)",
                                      op->name, val);
            if (op->off)
                *(const char **)(base + op->off) = val;
            else
                o->metrics[o->n_metrics++] = val;
            break;
        case O_FACTOR:
            o->factors[o->n_factors++] = val;
            break;
        case O_SET: {
            const char *eq = strchr(val, '=');
            if (!eq || eq == val)
                return rs_usage_error(cmd, "--set takes PATH=VALUE, e.g. --set "
                                           "cofinancing.share=0.4");
            char *path = malloc((size_t)(eq - val) + 1);
            memcpy(path, val, (size_t)(eq - val));
            path[eq - val] = '\0';
            o->ov[o->n_ov].path = path;
            o->ov[o->n_ov++].value = eq + 1;
            break;
        }
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
    free(o->metrics);
    free(o->factors);
}

/* Every command, for messages about a mistyped one. */
static const char *const all_commands[] = {"run",  "compare",  "explain", "sweep", "solve",
                                           "sensitivity", "plot", "validate", "list", "help",
                                           NULL};
static const char all_commands_text[] =
    "run, compare, explain, sweep, solve, sensitivity, plot, validate, list, help";

/* The command nearest to 'cmd' (at most 2 edits away), or NULL. */
static const char *nearest_command(const char *cmd)
{
    const char *best = NULL;
    int bd = 3;
    for (size_t i = 0; all_commands[i]; i++) {
        int d = rs_edit_distance(cmd, all_commands[i], 2);
        if (d < bd) {
            bd = d;
            best = all_commands[i];
        }
    }
    return best;
}

static int command(int argc, char **argv)
{
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
        static const char *const known[] = {"run",  "explain", "validate", "list", "plot",
                                            "compare", "sweep", "solve", "sensitivity", NULL};
        int ok = argc <= 2;
        for (int i = 0; !ok && known[i]; i++)
            ok = strcmp(argv[2], known[i]) == 0;
        if (!ok) {
            const char *near = nearest_command(argv[2]);
            return rs_usage_error(NULL, "no help for '%s'%s%s%s (commands: %s)", argv[2],
                                  near ? ": did you mean '" : "", near ? near : "",
                                  near ? "'?" : "", all_commands_text);
        }
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
                {"compare", rs_cmd_compare},
                {"sweep", rs_cmd_sweep},
                {"solve", rs_cmd_solve},
                {"sensitivity", rs_cmd_sensitivity}};
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
    const char *near = nearest_command(cmd);
    return rs_usage_error(NULL, "unknown command '%s'%s%s%s (commands: %s)", cmd,
                          near ? ": did you mean '" : "", near ? near : "", near ? "'?" : "",
                          all_commands_text);
}

/* Under mpirun every rank runs the same command on its share of the draws
 * (dist.h); rs_dist_finish gives the job one exit code. */
int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    /* a message a lower layer recorded as an id, printed where no language is
     * at hand, is printed in English */
    rs_diag_set_wording(rs_msg_words_en);
    rs_dist_init(&argc, &argv);
    return rs_dist_finish(command(argc, argv));
}
