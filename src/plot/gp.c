/* gp.c — see gp.h. */
#define _GNU_SOURCE
#include "gp.h"
#include "../output/labels.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const rs_colour rs_palette[] = {
    {"lintblauw", "#154273"},  /* the ribbon of the logo */
    {"donkerblauw", "#01689B"}, {"hemelblauw", "#007BC7"}, {"lichtblauw", "#8FCAE7"},
    {"oranje", "#E17000"},      {"groen", "#39870C"},      {"donkergeel", "#FFB612"},
    {"rood", "#D52B1E"},        {"violet", "#A90061"},     {"grijs1", "#F3F3F3"},
    {"grijs2", "#E6E6E6"},      {"grijs3", "#CCCCCC"},     {"grijs4", "#B4B4B4"},
    {"grijs5", "#999999"},      {"grijs6", "#696969"},     {"grijs7", "#535353"}};
const size_t rs_palette_n = sizeof rs_palette / sizeof *rs_palette;

/* dark blue, yellow, violet, light blue, orange, green, ribbon blue, red:
 * neighbours differ in lightness as well as hue */
const char *const rs_gp_colors[RS_GP_NCOLORS] = {"#01689B", "#FFB612", "#A90061", "#8FCAE7",
                                                 "#E17000", "#39870C", "#154273", "#D52B1E"};

const char *rs_gp_builtin_style(void)
{
    /* the roles of plots/rijkshuisstijl.gp, by value */
    return "c_net = '#154273'; c_cofin = '#B4B4B4'; c_reclaim = '#D52B1E'\n"
           "c_planned = '#696969'; c_real = '#01689B'; c_band = '#8FCAE7'\n"
           "c_accent = '#E17000'; c_region = '#01689B'; c_rijk = '#E17000'\n"
           "c_shade = '#FBE3CC'; c_up = '#39870C'; c_down = '#D52B1E'\n"
           "c_text = '#222222'; c_axis = '#696969'; c_grid = '#E6E6E6'; c_source = '#696969'\n"
           "set linetype 1 lc rgb '#01689B' lw 2 dt 1 pt 7 ps 1.1\n"
           "set linetype 2 lc rgb '#FFB612' lw 2 dt 2 pt 5 ps 1.1\n"
           "set linetype 3 lc rgb '#A90061' lw 2 dt 3 pt 9 ps 1.1\n"
           "set linetype 4 lc rgb '#8FCAE7' lw 2 dt 4 pt 11 ps 1.1\n"
           "set linetype 5 lc rgb '#E17000' lw 2 dt 5 pt 13 ps 1.1\n"
           "set linetype 6 lc rgb '#39870C' lw 2 dt (8,4,2,4) pt 7 ps 1.1\n"
           "set linetype 7 lc rgb '#154273' lw 2 dt (2,4) pt 5 ps 1.1\n"
           "set linetype 8 lc rgb '#D52B1E' lw 2 dt (12,4) pt 9 ps 1.1\n"
           "set linetype cycle 8\n"
           "set border 3 lc rgb c_axis lw 1\n"
           "set tics nomirror textcolor rgb c_text\n"
           "set grid ytics lc rgb c_grid lw 1 dt 1\n"
           "set key noenhanced textcolor rgb c_text nobox samplen 2 spacing 1.1\n"
           "set style fill solid 1.0 noborder\n"
           "set encoding utf8\n";
}

void rs_gp_layout(rs_buf *b, const rs_gp *g, const char *kind)
{
    if (!g->layouts)
        return;
    char *path = rs_xasprintf("%s/layout-%s.gp", g->layouts, kind);
    size_t len;
    char *text = rs_read_file(path, &len);
    free(path);
    if (!text)
        return;
    rs_buf_printf(b, "# layout-%s.gp (the analyst's layout of this kind of chart)\n", kind);
    rs_buf_add(b, text);
    if (len && text[len - 1] != '\n')
        rs_buf_add(b, "\n");
    free(text);
}

const char *rs_gp_ext(const char *terminal)
{
    if (strcmp(terminal, "svg") == 0)
        return "svg";
    if (strcmp(terminal, "pdfcairo") == 0)
        return "pdf";
    return "png";
}

/* The characters of 'text' as they may appear in a chart: control
 * characters (C0, DEL, C1) become a space, bytes that are not UTF-8
 * become U+FFFD, and after 'max' characters (0: no limit) the text is
 * cut, at a character boundary, and ends in '…'.  'put' receives each
 * piece; a piece is one character. */
typedef void (*put_fn)(void *ctx, const char *s, size_t n);

static size_t count_chars(const unsigned char *p)
{
    size_t chars = 0;
    while (*p) {
        size_t n = rs_utf8_len(p);
        p += n ? n : 1;
        chars++;
    }
    return chars;
}

static void each_char(void *ctx, const char *text, size_t max, put_fn put)
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    size_t keep = max && count_chars(p) > max ? max - 1 : (size_t)-1;
    for (size_t chars = 0; *p; chars++) {
        size_t n = rs_utf8_len(p);
        if (chars >= keep) {
            put(ctx, "\xe2\x80\xa6", 3); /* … */
            return;
        }
        /* "]]>" would end the CDATA section gnuplot's SVG puts text in:
         * a zero-width space after "]]" */
        if (p[0] == ']' && p[1] == ']' && p[2] == '>' && chars + 2 <= keep) {
            put(ctx, "]", 1);
            put(ctx, "]", 1);
            put(ctx, "\xe2\x80\x8b", 3);
            p += 2;
            chars++; /* two characters read (the loop counts the other) */
            continue;
        }
        if (n == 0) {
            put(ctx, "\xef\xbf\xbd", 3); /* U+FFFD */
            p++;
        } else if (*p < 0x20 || *p == 0x7f || (n == 2 && p[0] == 0xC2 && p[1] < 0xA0)) {
            put(ctx, " ", 1);
            p += n;
        } else {
            put(ctx, (const char *)p, n);
            p += n;
        }
    }
}

/* gnuplot string literals: a single-quoted string has no escapes and no
 * substitution, but gnuplot 5.4 does not read a doubled quote '' at its
 * start as a quote.  So a quote is written as the separate literal "'"
 * (a double-quoted string is safe when it holds nothing but that quote:
 * gnuplot would run `...` inside double quotes) and the pieces are
 * joined with gnuplot's string concatenation '.'. */
typedef struct quote_state {
    rs_buf *b;
    int open;  /* inside a single-quoted run */
    int parts; /* pieces written so far */
} quote_state;

static void quote_put(void *ctx, const char *s, size_t n)
{
    quote_state *q = ctx;
    if (n == 1 && *s == '\'') {
        if (q->open)
            rs_buf_add(q->b, "'");
        rs_buf_add(q->b, q->parts ? ".\"'\"" : "\"'\"");
        q->open = 0;
        q->parts++;
        return;
    }
    if (!q->open) {
        rs_buf_add(q->b, q->parts ? ".'" : "'");
        q->open = 1;
        q->parts++;
    }
    rs_buf_addn(q->b, s, n);
}

void rs_gp_quote_max(rs_buf *b, const char *text, size_t max)
{
    quote_state q = {b, 0, 0};
    each_char(&q, text, max, quote_put);
    if (q.open)
        rs_buf_add(b, "'");
    else if (!q.parts)
        rs_buf_add(b, "''");
}

void rs_gp_quote(rs_buf *b, const char *text) { rs_gp_quote_max(b, text, 0); }

static void plain_put(void *ctx, const char *s, size_t n)
{
    /* a tab would split a field of a data file */
    rs_buf_addn(ctx, n == 1 && *s == '\t' ? " " : s, n);
}

void rs_gp_text(rs_buf *b, const char *text, size_t max) { each_char(b, text, max, plain_put); }

/* A chart writes a negative number with the minus sign U+2212 (as the
 * value labels beside the bars do), not with a hyphen: "-5" → "−5". */
void rs_gp_minus(char *s, size_t n)
{
    size_t len = strlen(s);
    if (s[0] != '-' || !(s[1] >= '0' && s[1] <= '9') || len + 3 > n)
        return;
    memmove(s + 3, s + 1, len); /* the digits and the terminator */
    memcpy(s, "\xe2\x88\x92", 3);
}

void rs_gp_label_array(rs_buf *b, const char *var, const char *const *texts, size_t n,
                       size_t max)
{
    rs_buf_printf(b, "array %s[%zu]\n", var, n ? n : 1);
    if (!n)
        rs_buf_printf(b, "%s[1] = ''\n", var);
    for (size_t i = 0; i < n; i++) {
        rs_buf_printf(b, "%s[%zu] = ", var, i + 1);
        char t[64];
        if (texts[i] && strlen(texts[i]) + 3 < sizeof t) { /* a value: its minus sign */
            strcpy(t, texts[i]);
            rs_gp_minus(t, sizeof t);
            rs_gp_quote_max(b, t, max);
        } else {
            rs_gp_quote_max(b, texts[i], max);
        }
        rs_buf_add(b, "\n");
    }
}

static int width_of(const rs_gp *g)
{
    if (g->width > 0)
        return g->width;
    return strcmp(g->terminal, "svg") == 0 ? 800 : strcmp(g->terminal, "pdfcairo") == 0 ? 16 : 1600;
}

static int height_of(const rs_gp *g)
{
    if (g->height > 0)
        return g->height;
    return strcmp(g->terminal, "svg") == 0 ? 500 : strcmp(g->terminal, "pdfcairo") == 0 ? 10 : 1000;
}

/* Font sizes scale with the image, so a chart at 800×500 looks like the
 * one at 1600×1000, only smaller: 20 pt at 1600×1000 (pngcairo), 11 at
 * 800×500 (svg), 9 at 16×10 cm (pdf). */
double rs_gp_base_font(const rs_gp *g)
{
    double w = width_of(g), h = height_of(g);
    double ref_w = 1600, ref_h = 1000, ref_pt = 20;
    if (strcmp(g->terminal, "svg") == 0) {
        ref_w = 800, ref_h = 500, ref_pt = 11;
    } else if (strcmp(g->terminal, "pdfcairo") == 0) {
        ref_w = 16, ref_h = 10, ref_pt = 9;
    }
    double k = fmin(w / ref_w, h / ref_h);
    double pt = ref_pt * k;
    return pt < 6 ? 6 : pt;
}

void rs_gp_font(rs_buf *b, const rs_gp *g, double scale)
{
    rs_buf_printf(b, " font ',%.1f'", rs_gp_base_font(g) * scale);
}

void rs_gp_header(rs_buf *b, const rs_gp *g, const char *name)
{
    /* every chart starts from gnuplot's defaults: several charts are drawn
     * by one gnuplot, one after another */
    rs_buf_add(b, "reset session\n");
    char *font = rs_xasprintf("%s,%.1f", g->font ? g->font : RS_GP_FONT, rs_gp_base_font(g));
    int w = width_of(g), h = height_of(g);
    double lw = strcmp(g->terminal, "pngcairo") == 0 ? 2.0 * w / 1600.0 : 1.0;
    if (strcmp(g->terminal, "svg") == 0)
        rs_buf_printf(b, "set terminal svg size %d,%d dynamic font ", w, h);
    else if (strcmp(g->terminal, "pdfcairo") == 0)
        rs_buf_printf(b, "set terminal pdfcairo size %dcm,%dcm font ", w, h);
    else
        rs_buf_printf(b, "set terminal pngcairo size %d,%d font ", w, h);
    rs_gp_quote(b, font);
    rs_buf_printf(b, " linewidth %.2f%s\n", lw < 0.6 ? 0.6 : lw,
                  strcmp(g->terminal, "pdfcairo") == 0 ? "" : " background '#ffffff'");
    free(font);
    rs_buf_printf(b, "set output '%s.%s'\n", name, rs_gp_ext(g->terminal));
    rs_buf_printf(b, "set decimalsign '%s'\n", g->nl ? "," : ".");
    rs_buf_add(b, "# the house style (plots/rijkshuisstijl.gp or --style FILE)\n");
    const char *style = g->style ? g->style : rs_gp_builtin_style();
    rs_buf_add(b, style);
    if (style[0] && style[strlen(style) - 1] != '\n')
        rs_buf_add(b, "\n");
    rs_buf_add(b, "set datafile separator '\\t'\n");
    if (g->footer) {
        rs_buf_add(b, "set label 99 ");
        rs_gp_quote(b, g->footer);
        /* the source line, bottom left, as under a figure in a letter */
        rs_buf_add(b, " at screen 0.012, screen 0.02 left noenhanced");
        rs_gp_font(b, g, 0.62);
        rs_buf_add(b, " textcolor rgb c_source\n");
    }
}

void rs_fmt_grouped(char *out, size_t n, double x, int decimals, int nl)
{
    rs_fmt(out, n, x, decimals, nl); /* the one formatter: labels.h */
}

int rs_gp_tics(rs_buf *b, const rs_gp *g, const char *axis, double lo, double hi)
{
    return rs_gp_tics_n(b, g, axis, lo, hi, 5);
}

/* A tic label: grouped digits while they are exact and short, otherwise
 * the shortest %g form (1e-30, 4.5e+20) with the chart's decimal sign. */
static void tic_label(char *lab, size_t n, double t, int decimals, int nl)
{
    if (decimals <= 12 && fabs(t) < 1e15) {
        rs_fmt_grouped(lab, n, t, decimals, nl);
        rs_gp_minus(lab, n);
        return;
    }
    snprintf(lab, n, "%.6g", t);
    if (nl)
        for (char *c = lab; *c; c++)
            if (*c == '.')
                *c = ',';
}

/* The most tics an axis gets; the step rule below gives at most about
 * 2n + 2, so this bound only guards against arithmetic surprises. */
#define RS_GP_MAX_TICS 64

int rs_gp_tics_n(rs_buf *b, const rs_gp *g, const char *axis, double lo, double hi, int n)
{
    if (n < 1 || n > 20)
        n = 5;
    /* an empty or undefined side takes the other one */
    if (!isfinite(lo) && !isfinite(hi))
        lo = hi = 0;
    else if (!isfinite(lo))
        lo = hi;
    else if (!isfinite(hi))
        hi = lo;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    /* beyond ±1e300 the step arithmetic overflows; no chart shows that */
    lo = fmax(lo, -1e300);
    hi = fmin(hi, 1e300);
    double scale = fmax(fabs(lo), fabs(hi));
    /* Constant, or constant up to rounding: a span of a few ulps (or
     * beyond what 10 significant digits show) gives no step that moves
     * a double.  One tic at the value, said to be constant, on a range
     * around it; the data then draw a flat line. */
    if (!(hi - lo > scale * 1e-9) || scale < 1e-290) {
        char t[32];
        snprintf(t, sizeof t, "%.10g", (lo + hi) / 2);
        double c = strtod(t, NULL);
        if (!isfinite(c))
            c = lo;
        double m = fabs(c) > 0 ? fabs(c) * 0.5 : 1;
        /* ten significant digits, without trailing zeros */
        int dec = c == 0 ? 0 : 9 - (int)floor(log10(fabs(c)));
        dec = dec < 0 ? 0 : dec > 13 ? 13 : dec; /* 13: the %g form */
        char lab[64];
        tic_label(lab, sizeof lab, c, dec, g->nl);
        char *dsep = strchr(lab, g->nl ? ',' : '.');
        if (dsep && dec > 0 && !strchr(lab, 'e')) {
            char *e = lab + strlen(lab);
            while (e > dsep + 1 && e[-1] == '0')
                *--e = '\0';
            if (e == dsep + 1)
                *dsep = '\0';
        }
        rs_buf_printf(b, "set %srange [%.17g:%.17g]\nset %stics (", axis, c - m, c + m, axis);
        rs_buf_printf(b, "'%s (constant)' %.17g)\n", lab, c);
        return 1;
    }
    double rough = (hi - lo) / n;
    double mag = pow(10, floor(log10(rough)));
    double f = rough / mag;
    double step = (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) * mag;
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(step / pow(10, -decimals) - round(step / pow(10, -decimals))) > 1e-9)
        decimals++; /* 0.25 needs two */
    double i0 = floor(lo / step + 1e-9), i1 = ceil(hi / step - 1e-9);
    if (!(i1 - i0 >= 1 && i1 - i0 <= RS_GP_MAX_TICS)) {
        /* cannot happen with the rule above; never loop without bound */
        rs_buf_printf(b, "set %srange [%.17g:%.17g]\nset %stics autofreq\n", axis, lo, hi, axis);
        return 0;
    }
    int count = (int)(i1 - i0);
    rs_buf_printf(b, "set %srange [%.17g:%.17g]\nset %stics (", axis, i0 * step, i1 * step, axis);
    for (int k = 0; k <= count; k++) {
        double t = (i0 + k) * step;
        if (fabs(t) < step / 1e6)
            t = 0;
        char lab[64];
        tic_label(lab, sizeof lab, t, decimals, g->nl);
        rs_buf_printf(b, "%s'%s' %.17g", k ? ", " : "", lab, t);
    }
    rs_buf_add(b, ")\n");
    return 0;
}

int rs_write_text(const char *dir, const char *name, const char *text)
{
    char *path = rs_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    free(path);
    if (!f)
        return -1;
    int bad = fputs(text, f) < 0;
    bad |= ferror(f);
    if (fclose(f) != 0 || bad) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}

/* Frees slot 'p->slot' and reaps the child, signals held (the handler of
 * outdir.c then neither kills a reused pid nor reaps it twice). */
static void forget_child(rs_gp_proc *p, int *wst)
{
    sigset_t mask;
    rs_signals_block(&mask);
    rs_child_pids[p->slot] = 0;
    while (waitpid(p->pid, wst, 0) < 0 && errno == EINTR)
        ;
    rs_signals_restore(&mask);
    p->pid = 0;
}

/* gnuplot runs without a shell (no quoting of folder names needed): fork,
 * chdir, exec.  Exec failure is reported back through a close-on-exec pipe,
 * so a missing program is told apart from a failing one. */
rs_gp_status rs_gp_start(const rs_gp *g, const char *dir, const char *script, rs_gp_proc *p,
                         char **err)
{
    *err = NULL;
    memset(p, 0, sizeof *p);
    p->in = p->out = -1;
    if (!g->gnuplot || !*g->gnuplot)
        return RS_GP_MISSING; /* scripts and data only (the fuzz target) */
    /* every descriptor of the parent is close-on-exec: a second gnuplot
     * must not hold the first one's standard input open (it would never
     * see the end of its script) */
    int in[2], status_pipe[2];
    char errpath[] = "/tmp/regiosim-gnuplot-XXXXXX";
    int errfd = mkostemp(errpath, O_CLOEXEC);
    if (errfd < 0) {
        *err = rs_xasprintf("cannot create a temporary file: %s", strerror(errno));
        return RS_GP_FAILED;
    }
    unlink(errpath);
    if (pipe2(in, O_CLOEXEC) < 0) {
        close(errfd);
        *err = rs_xasprintf("cannot create a pipe: %s", strerror(errno));
        return RS_GP_FAILED;
    }
    if (pipe2(status_pipe, O_CLOEXEC) < 0) {
        close(in[0]);
        close(in[1]);
        close(errfd);
        *err = rs_xasprintf("cannot create a pipe: %s", strerror(errno));
        return RS_GP_FAILED;
    }
    fflush(NULL);
    /* the child's pid is known to the signal handler before the child
     * can write anything (the signals wait meanwhile) */
    sigset_t mask;
    rs_signals_block(&mask);
    int slot = 0;
    while (slot < RS_MAX_CHILDREN && rs_child_pids[slot] != 0)
        slot++;
    pid_t pid = slot < RS_MAX_CHILDREN ? fork() : (errno = EAGAIN, -1);
    if (pid > 0)
        rs_child_pids[slot] = pid;
    if (pid != 0)
        rs_signals_restore(&mask);
    if (pid < 0) {
        int e = errno;
        close(in[0]);
        close(in[1]);
        close(status_pipe[0]);
        close(status_pipe[1]);
        close(errfd);
        *err = rs_xasprintf("cannot start gnuplot: %s", strerror(e));
        return RS_GP_FAILED;
    }
    if (pid == 0) {
        /* its own process group: Ctrl-C goes to regiosim, whose handler
         * ends gnuplot before it removes the temporary folder (gnuplot
         * itself would take SIGINT as "stop this plot" and go on) */
        setpgid(0, 0);
        rs_signals_restore(&mask);
        int e = 0;
        if (chdir(dir) < 0 || dup2(in[0], 0) < 0 || dup2(errfd, 1) < 0 || dup2(errfd, 2) < 0)
            e = errno;
        if (!e) {
            execlp(g->gnuplot, g->gnuplot, (char *)NULL);
            e = errno;
        }
        if (write(status_pipe[1], &e, sizeof e) < 0)
            _exit(126);
        _exit(127);
    }
    p->pid = pid;
    p->slot = slot;
    close(in[0]);
    close(status_pipe[1]);
    int e = 0;
    ssize_t got;
    while ((got = read(status_pipe[0], &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(status_pipe[0]);
    if (got == (ssize_t)sizeof e) {
        close(in[1]);
        close(errfd);
        forget_child(p, NULL);
        if (e == ENOENT)
            return RS_GP_MISSING;
        *err = rs_xasprintf("cannot run '%s': %s", g->gnuplot, strerror(e));
        return RS_GP_FAILED;
    }
    /* written by rs_gp_feed without blocking */
    fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
    p->in = in[1];
    p->out = errfd;
    p->script = script;
    p->len = strlen(script);
    p->off = 0;
    return RS_GP_OK;
}

void rs_gp_feed(rs_gp_proc *p, size_t n)
{
    if (n > RS_GP_MAX_PROCS)
        n = RS_GP_MAX_PROCS; /* rs_child_pids has no more slots */
    /* gnuplot reads the script from the pipe; SIGPIPE would kill us if it
     * stopped reading early, so ignore it while writing */
    struct sigaction ign = {0}, old;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old);
    for (;;) {
        struct pollfd pf[RS_GP_MAX_PROCS];
        size_t who[RS_GP_MAX_PROCS], k = 0;
        for (size_t i = 0; i < n; i++) {
            if (p[i].in < 0)
                continue;
            if (p[i].off >= p[i].len) {
                close(p[i].in); /* the end of its script */
                p[i].in = -1;
                continue;
            }
            pf[k].fd = p[i].in;
            pf[k].events = POLLOUT;
            pf[k].revents = 0;
            who[k++] = i;
        }
        if (!k)
            break;
        if (poll(pf, (nfds_t)k, -1) < 0) {
            if (errno == EINTR)
                continue;
            for (size_t j = 0; j < k; j++) { /* cannot happen; never spin */
                close(p[who[j]].in);
                p[who[j]].in = -1;
            }
            break;
        }
        for (size_t j = 0; j < k; j++) {
            if (!pf[j].revents)
                continue;
            rs_gp_proc *q = &p[who[j]];
            ssize_t w = write(q->in, q->script + q->off, q->len - q->off);
            if (w > 0) {
                q->off += (size_t)w;
            } else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                close(q->in); /* gnuplot exited: its status says why */
                q->in = -1;
            }
        }
    }
    sigaction(SIGPIPE, &old, NULL);
}

rs_gp_status rs_gp_wait(rs_gp_proc *p, char **err)
{
    *err = NULL;
    if (p->in >= 0) { /* not fed: it reads an empty script */
        close(p->in);
        p->in = -1;
    }
    int wst = 0;
    /* wait without reaping, so the pid cannot be reused while the
     * handler may still kill it; then forget and reap it, signals held */
    siginfo_t info;
    while (waitid(P_PID, (id_t)p->pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR)
        ;
    forget_child(p, &wst);
    /* what gnuplot said, warnings included */
    rs_buf out;
    rs_buf_init(&out);
    char chunk[4096];
    lseek(p->out, 0, SEEK_SET);
    ssize_t r;
    while ((r = read(p->out, chunk, sizeof chunk)) > 0 && out.len < 1048576)
        rs_buf_addn(&out, chunk, (size_t)r);
    close(p->out);
    p->out = -1;
    if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
        *err = out.s ? out.s : rs_xasprintf("gnuplot ended with status %d", WEXITSTATUS(wst));
        return RS_GP_FAILED;
    }
    *err = out.s ? out.s : rs_xstrdup("");
    return RS_GP_OK;
}

char *rs_gp_image_check(const char *path, const char *terminal)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return rs_xasprintf("gnuplot wrote no image: %s", strerror(errno));
    struct stat st;
    char tail[4096];
    ssize_t n = 0;
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        off_t from = st.st_size > (off_t)sizeof tail ? st.st_size - (off_t)sizeof tail : 0;
        n = pread(fd, tail, sizeof tail, from);
    }
    close(fd);
    if (n <= 0)
        return rs_xstrdup("the image is empty: the disk may be full, or a file size limit "
                          "(ulimit -f) was reached");
    const char *ext = rs_gp_ext(terminal), *what = NULL;
    if (strcmp(ext, "png") == 0) {
        /* the last chunk: length 0, "IEND", its CRC */
        static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                               0xAE, 0x42, 0x60, 0x82};
        if (n < 12 || memcmp(tail + n - 12, iend, 12) != 0)
            what = "a PNG without its end chunk (IEND)";
    } else if (strcmp(ext, "pdf") == 0) {
        ssize_t e = n;
        while (e > 0 && (tail[e - 1] == '\n' || tail[e - 1] == '\r' || tail[e - 1] == ' '))
            e--;
        if (e < 5 || memcmp(tail + e - 5, "%%EOF", 5) != 0)
            what = "a PDF without its end marker (%%EOF)";
    } else {
        ssize_t e = n;
        while (e > 0 && (tail[e - 1] == '\n' || tail[e - 1] == '\r' || tail[e - 1] == ' '))
            e--;
        if (e < 6 || memcmp(tail + e - 6, "</svg>", 6) != 0)
            what = "an SVG without its closing </svg>";
    }
    if (!what)
        return NULL;
    return rs_xasprintf("the image is incomplete (%s, %lld bytes): the disk may be full, or a "
                        "file size limit (ulimit -f) was reached; nothing was kept",
                        what, (long long)st.st_size);
}
