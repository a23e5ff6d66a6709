/* util.h — exit codes, diagnostics, memory and small string helpers.
 *
 * Every module reports problems through an rs_diag: a list of messages that
 * the CLI prints to stderr.  Nothing in the library calls exit(). */
#ifndef RS_UTIL_H
#define RS_UTIL_H

#include <stddef.h>
#include <stdio.h>

#define RS_VERSION "0.1.0"

/* Exit codes of the regiosim command, documented in --help and README. */
typedef enum {
    RS_EXIT_OK = 0,
    RS_EXIT_INTERNAL = 1, /* an invariant failed or a bug: not the user's fault */
    RS_EXIT_USAGE = 2,    /* bad command line */
    RS_EXIT_INVALID = 3,  /* the scenario (or a file it names) is invalid */
    RS_EXIT_IO = 4        /* a file could not be read or written */
} rs_exit;

/* A list of messages.  'code' is the exit code of the most serious error
 * added (0 while there are only warnings). */
typedef struct rs_diag {
    char **msg;
    size_t n, cap;
    int code;
} rs_diag;

/* A message as data: an id of the template table (src/output/messages.c,
 * one Dutch and one English text per id) and its arguments, so that a
 * lower layer can say what happened without choosing the language.
 * id 0: no message. */
typedef enum {
    RS_MSG_NONE = 0,
    RS_MSG_SRC_NONE_DROP,   /* x0 C, s0 tranche, x3 1: drop, 0: scale to 0 */
    RS_MSG_SRC_BIND_DROP,   /* x0 C, x1 counted, s0 source, x3 as above */
    RS_MSG_SRC_NONE_SCALE,  /* x0 C, s0 tranche, x2 R */
    RS_MSG_SRC_BIND_SCALE,  /* x0 C, x1 counted, s0 source, x2 R */
    RS_MSG_CAP_DROP,        /* x0 C, x1 cofin_capacity */
    RS_MSG_CAP_SCALE,       /* x0 C, x1 cofin_capacity, x2 R */
    RS_MSG_BELOW_MIN,       /* x0 R, x1 deal_min */
    RS_MSG_LEFT_BELOW_MIN,  /* x1 deal_min */
    RS_MSG_CAPPED,          /* x1 deal_cap */
    RS_MSG_SHARED,          /* x1 budget, s0 allocation */
    RS_MSG_W_DROPPED,       /* s0 deal, s1 the reason (rendered) */
    RS_MSG_W_PRORATA_MIN,   /* s0 deal, x0 award, x1 deal_min */
    RS_MSG_W_OVERRUN,       /* s0 tranche, x0 budget, x1 overrun */
    RS_MSG_W_AFTER,         /* x3 end year, x0 paid+reclaimed, x1 spent */
    /* warnings of the scenario loader (src/scenario) */
    RS_MSG_L_DESCRIPTION,   /* s0 file, s1 the keys it changes ('instruments', ...) */
    RS_MSG_L_MODEL_FOUND,   /* s0 file: JSON path, s1 the name given, s2 tried, s3 used */
    RS_MSG_L_NO_DEALS,      /* s0 file, s1 tranche */
    /* notes and warnings of the command line (src/cli) */
    RS_MSG_C_DRAWS_DEFAULT, /* x0 the scenario's realisation mean (a share) */
    RS_MSG_C_NO_STYLE,      /* s0 the system folder of the style files */
    RS_MSG_S_OUTSIDE,       /* s0 parameter, s1 its value, s2 the range (in words) */
    RS_MSG_S_FLAT,          /* the metric does not change: every Sobol index 0 */
    RS_MSG_S_DRAWS_OTHER,   /* s0 OTHER, s1 SCENARIO, x0 x1 OTHER's draws and seed,
                               x2 x3 the draws and seed used */
    RS_MSG_S_PLAN,          /* s0 method, x0 factors, x1 points, x4 runs, x3 draws
                               a run (0: none), x5 1: an estimate follows */
    RS_MSG_S_ESTIMATE,      /* x0 points done, x1 seconds, x2 seconds left, x3 points left */
    RS_MSG_V_JUMP,          /* x0 metric index, x1 the nearest value (model units) */
    RS_MSG_V_NO_CONVERGE,   /* x0 iterations, s0 the solver's reason */
    RS_MSG_MC_BEYOND,       /* x0 values beyond ±2^32 counted at that bound */
    RS_MSG_N
} rs_msg_id;

typedef struct rs_msg {
    int id;
    double x[6];
    const char *s[4]; /* not owned */
} rs_msg;

void rs_diag_init(rs_diag *d);
void rs_diag_free(rs_diag *d);
/* Adds a formatted message; 'code' 0 marks a warning. */
void rs_diag_add(rs_diag *d, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void rs_diag_print(const rs_diag *d, FILE *f);
/* Adds 'm' (its id, numbers and strings, copied) to 'd' with 'code' (0: a
 * warning), so that the layer that prints it chooses the words and the
 * language: output/messages.h rs_diag_print_lang.  A lower layer (scenario,
 * experiment) says what happened this way without knowing the language. */
void rs_diag_add_id(rs_diag *d, int code, const rs_msg *m);
/* Reads back a message added by rs_diag_add_id: 1 and 'm' filled (its
 * strings point into 'buf', of size 'n'), or 0 for a message in words. */
int rs_diag_msg_of(const char *msg, rs_msg *m, char *buf, size_t n);
/* How rs_diag_print words a message added by rs_diag_add_id (in English):
 * set once by main (output/messages.c).  Without it the id and numbers
 * are printed. */
void rs_diag_set_wording(void (*words)(char *out, size_t n, const rs_msg *m));
/* Writes 's' for a terminal: control characters (C0 but an inner line
 * break, DEL, C1) as \xNN or \u00NN, so a file name or an argument
 * cannot move the cursor, set a title or write to the clipboard. */
void rs_fputs_shown(const char *s, FILE *f);

void *rs_xmalloc(size_t n);
void *rs_xcalloc(size_t n, size_t size);
void *rs_xrealloc(void *p, size_t n);
char *rs_xstrdup(const char *s);
char *rs_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable string. */
typedef struct rs_buf {
    char *s;
    size_t len, cap;
} rs_buf;
void rs_buf_init(rs_buf *b);
void rs_buf_free(rs_buf *b);
void rs_buf_add(rs_buf *b, const char *s);
void rs_buf_addn(rs_buf *b, const char *s, size_t n);
void rs_buf_printf(rs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shortest "%.15g" / "%.17g" text that reads back as exactly 'x'
 * (the same method cJSON uses); 'dec' is the decimal separator. */
void rs_fmt_num(char *out, size_t n, double x, char dec);
/* 'x' in fixed notation with 'decimals' decimals, decimal sign 'dec' and
 * thousands separator 'group' (0: none).  No "-0", never scientific
 * notation.  The one digit formatter of every output (labels.h). */
void rs_fmt_fixed(char *out, size_t n, double x, int decimals, char dec, char group);
/* A number for a CSV file: rounded to 'decimals' decimals with trailing
 * zeros dropped, or (decimals < 0) the shortest text that reads back as
 * the same double; fixed notation always (no 1e-07). */
void rs_fmt_csvnum(char *out, size_t n, double x, int decimals, char dec);

/* Characters (not bytes) of UTF-8 text. */
size_t rs_text_width(const char *s);

/* Levenshtein distance, capped at 'cap' + 1 (for "did you mean" hints). */
int rs_edit_distance(const char *a, const char *b, int cap);

/* Directory part of 'path' ("." when none); newly allocated. */
char *rs_dirname(const char *path);
/* 'rel' resolved against directory 'dir', lexically normalised
 * ("a/../b" -> "b"); absolute 'rel' is returned as is.  Newly allocated. */
char *rs_path_join(const char *dir, const char *rel);
/* The largest file rs_read_file() reads.  A scenario with 100,000 deals
 * is about 20 MB; the bound keeps a hostile or mistaken input (a huge
 * file, /dev/zero) from exhausting memory: parsing costs about 40 bytes
 * of memory per byte of dense JSON. */
#define RS_MAX_FILE_BYTES (64u << 20)

/* Reads a whole file (NUL-terminated); NULL with errno set on failure:
 * EISDIR for a folder, ENODEV for a device or socket (reading one could
 * block or never end), EFBIG above RS_MAX_FILE_BYTES.  Pipes are read. */
char *rs_read_file(const char *path, size_t *len);
/* Why rs_read_file() failed, for a message: strerror(err), in plainer
 * words for the errors it sets itself. */
const char *rs_read_error(int err);

/* Length in bytes of the well-formed UTF-8 character at 'p' (1 to 4), or
 * 0 when the bytes there are not one (a stray continuation byte, an
 * overlong or surrogate form, a cut sequence). */
size_t rs_utf8_len(const unsigned char *p);

/* "year" or "years" for n: messages say "1 year", "2 years". */
static inline const char *rs_plural(long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}
/* The signals that end a run while it writes (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT, SIGXFSZ; see output/outdir.c).  Only the main thread may take
 * them: every other thread blocks them with rs_signals_block(NULL).
 * rs_signals_block() saves the calling thread's mask in *old when not
 * NULL; rs_signals_restore() sets it back. */
#include <signal.h>
extern const int rs_guarded_signals[];
#define RS_N_GUARDED_SIGNALS 5
void rs_signals_block(sigset_t *old);
void rs_signals_restore(const sigset_t *old);
/* The child processes (gnuplot) that are running, one per slot, 0 in a
 * free slot: the signal handler of outdir.c ends and reaps every one of
 * them before it removes the folder they write to.  A slot is taken and
 * freed with the signals blocked (src/plot/gp.c). */
#define RS_MAX_CHILDREN 4
extern volatile sig_atomic_t rs_child_pids[RS_MAX_CHILDREN];

#endif
