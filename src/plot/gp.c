/* gp.c — see gp.h. */
#define _GNU_SOURCE
#include "gp.h"
#include "../output/labels.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

void rs_gp_quote(rs_buf *b, const char *text)
{
    rs_buf_add(b, "'");
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\'')
            rs_buf_add(b, "''");
        else if (*p < 0x20 || *p == 0x7f)
            rs_buf_add(b, " ");
        else
            rs_buf_addn(b, (const char *)p, 1);
    }
    rs_buf_add(b, "'");
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

void rs_gp_tics(rs_buf *b, const rs_gp *g, const char *axis, double lo, double hi)
{
    rs_gp_tics_n(b, g, axis, lo, hi, 5);
}

void rs_gp_tics_n(rs_buf *b, const rs_gp *g, const char *axis, double lo, double hi, int n)
{
    if (!(hi > lo)) {
        double m = fabs(lo) > 0 ? fabs(lo) : 1;
        lo -= m;
        hi += m;
    }
    double rough = (hi - lo) / (n > 0 ? n : 5);
    double mag = pow(10, floor(log10(rough)));
    double f = rough / mag;
    double step = (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) * mag;
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(step / pow(10, -decimals) - round(step / pow(10, -decimals))) > 1e-9)
        decimals++; /* 0.25 needs two */
    double t0 = floor(lo / step + 1e-9) * step, t1 = ceil(hi / step - 1e-9) * step;
    rs_buf_printf(b, "set %srange [%.10g:%.10g]\nset %stics (", axis, t0, t1, axis);
    int first = 1;
    for (double t = t0; t <= t1 + step / 2; t += step) {
        char lab[64];
        rs_fmt_grouped(lab, sizeof lab, fabs(t) < step / 1e6 ? 0 : t, decimals, g->nl);
        rs_buf_printf(b, "%s'%s' %.10g", first ? "" : ", ", lab, fabs(t) < step / 1e6 ? 0 : t);
        first = 0;
    }
    rs_buf_add(b, ")\n");
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

/* gnuplot runs without a shell (no quoting of folder names needed): fork,
 * chdir, exec.  Exec failure is reported back through a close-on-exec pipe,
 * so a missing program is told apart from a failing one. */
rs_gp_status rs_gp_run(const rs_gp *g, const char *dir, const char *script, char **err)
{
    rs_gp_status st = rs_gp_run_capture(g, dir, script, err);
    if (st == RS_GP_OK) {
        free(*err);
        *err = NULL;
    }
    return st;
}

rs_gp_status rs_gp_run_capture(const rs_gp *g, const char *dir, const char *script, char **err)
{
    *err = NULL;
    int in[2], status_pipe[2];
    char errpath[] = "/tmp/regiosim-gnuplot-XXXXXX";
    int errfd = mkstemp(errpath);
    if (errfd < 0) {
        *err = rs_xasprintf("cannot create a temporary file: %s", strerror(errno));
        return RS_GP_FAILED;
    }
    unlink(errpath);
    if (pipe(in) < 0 || pipe2(status_pipe, O_CLOEXEC) < 0) {
        close(errfd);
        *err = rs_xasprintf("cannot create a pipe: %s", strerror(errno));
        return RS_GP_FAILED;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(errfd);
        *err = rs_xasprintf("cannot start gnuplot: %s", strerror(errno));
        return RS_GP_FAILED;
    }
    if (pid == 0) {
        close(in[1]);
        close(status_pipe[0]);
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
    close(in[0]);
    close(status_pipe[1]);
    int e = 0;
    ssize_t got = read(status_pipe[0], &e, sizeof e);
    close(status_pipe[0]);
    rs_gp_status st = RS_GP_OK;
    if (got == (ssize_t)sizeof e) {
        close(in[1]);
        waitpid(pid, NULL, 0);
        close(errfd);
        if (e == ENOENT)
            return RS_GP_MISSING;
        *err = rs_xasprintf("cannot run '%s': %s", g->gnuplot, strerror(e));
        return RS_GP_FAILED;
    }
    /* gnuplot reads the script from the pipe; SIGPIPE would kill us if it
     * stopped reading early, so ignore it while writing */
    struct sigaction ign = {0}, old;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old);
    size_t len = strlen(script), off = 0;
    while (off < len) {
        ssize_t w = write(in[1], script + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break; /* gnuplot exited: its status says why */
        }
        off += (size_t)w;
    }
    close(in[1]);
    sigaction(SIGPIPE, &old, NULL);
    int wst = 0;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    /* what gnuplot said, warnings included */
    rs_buf out;
    rs_buf_init(&out);
    char chunk[4096];
    lseek(errfd, 0, SEEK_SET);
    ssize_t r;
    while ((r = read(errfd, chunk, sizeof chunk)) > 0 && out.len < 1048576)
        rs_buf_addn(&out, chunk, (size_t)r);
    close(errfd);
    if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
        st = RS_GP_FAILED;
        *err = out.s ? out.s : rs_xasprintf("gnuplot ended with status %d", WEXITSTATUS(wst));
        return st;
    }
    *err = out.s ? out.s : rs_xstrdup("");
    return st;
}
