/* gp.h — gnuplot, driven through a pipe, and the house style of every
 * chart.
 *
 * Safety: text from a scenario (names of the scenario, regions, deals,
 * obligations, file names) reaches a script only through rs_gp_quote():
 * single-quoted literals, in which gnuplot performs no backquote or macro
 * substitution and no backslash escapes, joined by gnuplot's string
 * concatenation '.' around every quote, which is written as "'" (gnuplot
 * 5.4 misreads a doubled quote at the start of a literal, so doubling is
 * not used).  Control characters (C0, DEL, C1: a newline would end the
 * command) become spaces, bytes that are not UTF-8 become U+FFFD.  Labels
 * are 'noenhanced', so ^ _ @ { } show as themselves.
 *
 * gnuplot reads a '"' in a data file as the start of a quoted field and
 * has no escape for it, so no chart reads text from a data file: tic
 * labels and point labels come from a string array in the script
 * (rs_gp_label_array), and a text column of a data file, kept for the
 * reader, is its last column, where it cannot shift the numbers.  Output
 * file names are fixed by the program, never taken from a scenario. */
#ifndef RS_GP_H
#define RS_GP_H

#include "../util/util.h"

typedef struct rs_gp {
    const char *terminal; /* pngcairo, svg or pdfcairo */
    int nl;               /* Dutch labels, decimal comma, thousands with a dot */
    const char *footer;   /* the source line at the bottom ("Bron: regiosim ...") */
    const char *gnuplot;  /* the program: $REGIOSIM_GNUPLOT or "gnuplot"; "" draws nothing */
    const char *font;     /* font family (default RS_GP_FONT) */
    int width, height;    /* pixels (png, svg) or cm (pdf); 0: the default */
    const char *style;    /* text of the style file (plots/rijkshuisstijl.gp);
                             NULL: the built-in one made from rs_palette */
    const char *layouts;  /* folder of the layout-<chart>.gp files, or NULL */
    int procs;            /* most gnuplot processes drawing at once (--threads);
                             0: automatic (rs_charts_flush) */
} rs_gp;

/* The most gnuplot processes that draw at once. */
#define RS_GP_MAX_PROCS RS_MAX_CHILDREN

#define RS_GP_FONT "Liberation Sans"

/* The Rijkshuisstijl palette (Rijksoverheid, "Kleuren", rijkshuisstijl.nl):
 * the colours of the Rijksoverheid house style that charts use.  The
 * shipped plots/rijkshuisstijl.gp defines the same names with the same
 * values (a unit test checks it). */
typedef struct rs_colour {
    const char *name; /* as in the style file: lintblauw, donkerblauw, ... */
    const char *hex;
} rs_colour;
extern const rs_colour rs_palette[];
extern const size_t rs_palette_n;

/* Series colours in order of use (linetypes 1..RS_GP_NCOLORS). */
extern const char *const rs_gp_colors[];
#define RS_GP_NCOLORS 8

/* The style used when no style file is found: the palette above, as
 * gnuplot commands. */
const char *rs_gp_builtin_style(void);

/* Appends the layout file 'layout-<kind>.gp' of g->layouts, when there is
 * one: called just before a chart's plot command, so its settings win. */
void rs_gp_layout(rs_buf *b, const rs_gp *g, const char *kind);

/* The base font size of the terminal in points, for the chart's size. */
double rs_gp_base_font(const rs_gp *g);

/* File name extension of the terminal's images: png, svg or pdf. */
const char *rs_gp_ext(const char *terminal);

/* A leading hyphen of a number as the minus sign U+2212, in place ("-5"
 * becomes "−5"; "-", "-x" and a string without room stay as they are):
 * the axes and value labels of a chart write negatives this way. */
void rs_gp_minus(char *s, size_t n);

/* Appends 'text' as a safe gnuplot string expression (see above). */
void rs_gp_quote(rs_buf *b, const char *text);
/* The same, cut after 'max' characters (not bytes) with '…' (0: no limit). */
void rs_gp_quote_max(rs_buf *b, const char *text, size_t max);
/* Appends 'text' for a data file or a footer: control characters and
 * tabs become spaces, bytes that are not UTF-8 become U+FFFD, cut after
 * 'max' characters with '…' (0: no limit). */
void rs_gp_text(rs_buf *b, const char *text, size_t max);
/* Appends "array VAR[n]" and one assignment per text (rs_gp_quote_max);
 * a chart then takes its labels as VAR[int($1)+1] instead of reading text
 * from a data file. */
void rs_gp_label_array(rs_buf *b, const char *var, const char *const *texts, size_t n,
                       size_t max);

/* Appends the common preamble: reset, terminal with size and font, output
 * file <name>.<ext>, decimal sign, the house style and the source line. */
void rs_gp_header(rs_buf *b, const rs_gp *g, const char *name);

/* Appends " font ',N'" with N the terminal's base size times 'scale'
 * (gnuplot has no relative font sizes). */
void rs_gp_font(rs_buf *b, const rs_gp *g, double scale);

/* Sets nice tics on 'axis' ("y", "x", "y2") for data in [lo, hi] with
 * labels formatted in the chart's language ('1.250,5' or '1,250.5') and
 * the axis range snapped to them.  A range that is empty or constant up
 * to rounding (a few ulps, or beyond 10 significant digits) gets one tic
 * at the value labelled '(constant)' and returns 1 (0 otherwise); NaN
 * and infinite ends are ignored.  At most 64 tics, whatever the input. */
int rs_gp_tics(rs_buf *b, const rs_gp *g, const char *axis, double lo, double hi);
/* The same with about 'n' intervals (rs_gp_tics uses 5; 1 to 20). */
int rs_gp_tics_n(rs_buf *b, const rs_gp *g, const char *axis, double lo, double hi, int n);

/* 'x' with 'decimals' decimals and thousands separators, in Dutch
 * (1.234,5) or English (1,234.5). */
void rs_fmt_grouped(char *out, size_t n, double x, int decimals, int nl);

/* Result of drawing one chart. */
typedef enum { RS_GP_OK = 0, RS_GP_MISSING, RS_GP_FAILED } rs_gp_status;

/* One gnuplot started by rs_gp_start and not yet waited for.  Several may
 * run at once (at most RS_GP_MAX_PROCS): each has its own process group,
 * its script on a non-blocking pipe and its output in a temporary file;
 * its pid is in a slot of rs_child_pids (util.h) until rs_gp_wait. */
typedef struct rs_gp_proc {
    int pid;            /* 0: not started */
    int slot;           /* its index in rs_child_pids */
    int in;             /* write end of its standard input, -1 when closed */
    int out;            /* the temporary file of its stdout and stderr */
    const char *script; /* not copied: must live until rs_gp_feed returns */
    size_t len, off;    /* bytes of the script, bytes written */
} rs_gp_proc;

/* Starts gnuplot in folder 'dir' to read 'script' (nothing written yet).
 * RS_GP_OK, RS_GP_MISSING (the program is not there), or RS_GP_FAILED
 * with the reason in *err (newly allocated); only on RS_GP_OK must
 * rs_gp_wait follow. */
rs_gp_status rs_gp_start(const rs_gp *g, const char *dir, const char *script, rs_gp_proc *p,
                         char **err);
/* Writes the scripts of the 'n' started processes, all at once (poll on
 * the non-blocking pipes: one gnuplot that reads slowly never holds up
 * another), and closes their standard inputs.  A gnuplot that stops
 * reading is left alone (SIGPIPE is ignored meanwhile): its exit status
 * tells why. */
void rs_gp_feed(rs_gp_proc *p, size_t n);
/* Waits for gnuplot 'p' to end and frees its slot.  *err holds everything
 * it printed (newly allocated); RS_GP_FAILED when it did not exit 0. */
rs_gp_status rs_gp_wait(rs_gp_proc *p, char **err);

/* NULL when the image at 'path' (made by the terminal 'terminal') is
 * complete: a PNG ends with its IEND chunk, a PDF with %%EOF, an SVG with
 * </svg>.  Else why not (newly allocated). */
char *rs_gp_image_check(const char *path, const char *terminal);

/* Writes 'text' to dir/name; 0 or -1 with errno set. */
int rs_write_text(const char *dir, const char *name, const char *text);

#endif
