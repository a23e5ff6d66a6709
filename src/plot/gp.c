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

/* lintblauw, oranje, donkerblauw, groen, robijnrood, hemelblauw, violet,
 * donkergeel, mintgroen, bruin */
const char *const rs_gp_colors[RS_GP_NCOLORS] = {
    "#01689B", "#E17000", "#154273", "#39870C", "#CA005D",
    "#007BC7", "#42145F", "#FFB612", "#76D2B6", "#94710A"};

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

static double base_font(const rs_gp *g)
{
    if (strcmp(g->terminal, "svg") == 0)
        return 11;
    if (strcmp(g->terminal, "pdfcairo") == 0)
        return 9;
    return 20;
}

void rs_gp_font(rs_buf *b, const rs_gp *g, double scale)
{
    rs_buf_printf(b, " font ',%.0f'", base_font(g) * scale);
}

void rs_gp_header(rs_buf *b, const rs_gp *g, const char *name)
{
    /* Sizes that read well at the width of an A4 letter (16 cm). */
    if (strcmp(g->terminal, "svg") == 0)
        rs_buf_add(b, "set terminal svg size 800,500 dynamic font 'DejaVu Sans,11' "
                      "linewidth 1.2 background '#ffffff'\n");
    else if (strcmp(g->terminal, "pdfcairo") == 0)
        rs_buf_add(b, "set terminal pdfcairo size 16cm,10cm font 'DejaVu Sans,9' "
                      "linewidth 1.2\n");
    else
        rs_buf_add(b, "set terminal pngcairo size 1600,1000 font 'DejaVu Sans,20' "
                      "linewidth 2.4 background '#ffffff'\n");
    rs_buf_printf(b, "set output '%s.%s'\n", name, rs_gp_ext(g->terminal));
    rs_buf_printf(b, "set decimalsign '%s'\n", g->nl ? "," : ".");
    rs_buf_add(b, "set encoding utf8\n"
                  "set border 3 lc rgb '#555555'\n"
                  "set tics nomirror textcolor rgb '#333333'\n"
                  "set grid ytics lc rgb '#dddddd' lw 0.5 dt 1\n"
                  "set key noenhanced textcolor rgb '#333333' nobox\n"
                  "set style fill solid 0.9 noborder\n"
                  "set datafile separator '\\t'\n");
    for (int i = 0; i < RS_GP_NCOLORS; i++)
        rs_buf_printf(b, "set linetype %d lc rgb '%s' lw 1.5 pt 7 ps 1.2\n", i + 1,
                      rs_gp_colors[i]);
    if (g->footer) {
        rs_buf_add(b, "set label 99 ");
        rs_gp_quote(b, g->footer);
        /* top right, above the title: nothing else is drawn there */
        rs_buf_add(b, " at screen 0.99, screen 0.99 right noenhanced");
        rs_gp_font(b, g, 0.7);
        rs_buf_add(b, " textcolor rgb '#777777'\n");
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
    while ((r = read(errfd, chunk, sizeof chunk)) > 0 && out.len < 65536)
        rs_buf_addn(&out, chunk, (size_t)r);
    close(errfd);
    if (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
        st = RS_GP_FAILED;
        *err = out.s ? out.s : rs_xasprintf("gnuplot ended with status %d", WEXITSTATUS(wst));
        return st;
    }
    rs_buf_free(&out);
    return st;
}
