/* util.c — see util.h. */
#define _GNU_SOURCE
#include <pthread.h>
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

void *rs_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *rs_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *rs_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("regiosim: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *rs_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = rs_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* (the attribute lets clang check the callers' formats, and quiets its
 * -Wformat-nonliteral here) */
static char *vasprintf_x(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vasprintf_x(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = rs_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *rs_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vasprintf_x(fmt, ap);
    va_end(ap);
    return s;
}

void rs_diag_init(rs_diag *d) { memset(d, 0, sizeof *d); }

void rs_diag_free(rs_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->msg[i]);
    free(d->msg);
    memset(d, 0, sizeof *d);
}

void rs_diag_add(rs_diag *d, int code, const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 8;
        d->msg = rs_xrealloc(d->msg, d->cap * sizeof *d->msg);
    }
    va_list ap;
    va_start(ap, fmt);
    d->msg[d->n++] = vasprintf_x(fmt, ap);
    va_end(ap);
    /* Keep the first error's code: it is the one the user fixes first. */
    if (code && !d->code)
        d->code = code;
}

void rs_fputs_shown(const char *s, FILE *f)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n' && p[1]) {
            fputc('\n', f);
        } else if (*p < 0x20 || *p == 0x7f) {
            fprintf(f, "\\x%02x", *p);
        } else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fprintf(f, "\\u%04x", p[1]);
            p++;
        } else {
            fputc(*p, f);
        }
    }
}

/* A message as data (rs_diag_add_id): "\x01" and the id, then the six
 * numbers and the four strings, each after a "\x1f"; a string as its
 * length, ':' and its bytes, so that any byte in a file name survives.
 * Kept in the text of the list, it travels wherever a message is copied
 * (rs_diag_add "%s", the MPI exchange of rs_dist_bcast_diag). */
#define MSG_MARK '\x01'
#define MSG_SEP '\x1f'

static void (*diag_words)(char *, size_t, const rs_msg *);

void rs_diag_set_wording(void (*words)(char *out, size_t n, const rs_msg *m))
{
    diag_words = words;
}

void rs_diag_add_id(rs_diag *d, int code, const rs_msg *m)
{
    rs_buf b;
    rs_buf_init(&b);
    rs_buf_printf(&b, "%c%d", MSG_MARK, m->id);
    for (int k = 0; k < 6; k++)
        rs_buf_printf(&b, "%c%.17g", MSG_SEP, m->x[k]);
    for (int k = 0; k < 4; k++) {
        const char *s = m->s[k] ? m->s[k] : "";
        rs_buf_printf(&b, "%c%zu:", MSG_SEP, strlen(s));
        rs_buf_add(&b, s);
    }
    rs_diag_add(d, code, "%s", b.s);
    rs_buf_free(&b);
}

int rs_diag_msg_of(const char *msg, rs_msg *m, char *buf, size_t n)
{
    memset(m, 0, sizeof *m);
    if (!msg || msg[0] != MSG_MARK || n == 0)
        return 0;
    char *end;
    const char *p = msg + 1;
    m->id = (int)strtol(p, &end, 10);
    p = end;
    for (int k = 0; k < 6; k++) {
        if (*p != MSG_SEP)
            return 0;
        m->x[k] = strtod(p + 1, &end);
        p = end;
    }
    size_t used = 0;
    for (int k = 0; k < 4; k++) {
        if (*p != MSG_SEP)
            return 0;
        size_t len = (size_t)strtoul(p + 1, &end, 10);
        if (*end != ':' || strlen(end + 1) < len || used + len + 1 > n)
            return 0;
        memcpy(buf + used, end + 1, len);
        buf[used + len] = '\0';
        m->s[k] = buf + used;
        used += len + 1;
        p = end + 1 + len;
    }
    return m->id > 0 && m->id < RS_MSG_N;
}

void rs_diag_print(const rs_diag *d, FILE *f)
{
    for (size_t i = 0; i < d->n; i++) {
        fputs("regiosim: ", f);
        rs_msg m;
        size_t n = strlen(d->msg[i]) + 1, nw = 2 * n + 1024;
        char *buf = rs_xmalloc(n), *words = rs_xmalloc(nw);
        if (rs_diag_msg_of(d->msg[i], &m, buf, n)) {
            if (diag_words)
                diag_words(words, nw, &m);
            else
                snprintf(words, nw, "message %d (%g, %g, %g, %g; %s; %s; %s; %s)", m.id,
                         m.x[0], m.x[1], m.x[2], m.x[3], m.s[0], m.s[1], m.s[2], m.s[3]);
            rs_fputs_shown(words, f);
        } else {
            rs_fputs_shown(d->msg[i], f);
        }
        free(buf);
        free(words);
        fputc('\n', f);
    }
}

void rs_buf_init(rs_buf *b) { memset(b, 0, sizeof *b); }
void rs_buf_free(rs_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

void rs_buf_addn(rs_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 64;
        while (c < b->len + n + 1)
            c *= 2;
        b->s = rs_xrealloc(b->s, c);
        b->cap = c;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void rs_buf_add(rs_buf *b, const char *s) { rs_buf_addn(b, s, strlen(s)); }

void rs_buf_printf(rs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vasprintf_x(fmt, ap);
    va_end(ap);
    rs_buf_add(b, s);
    free(s);
}

void rs_fmt_num(char *out, size_t n, double x, char dec)
{
    if (x == 0)
        x = 0; /* no "-0" in outputs */
    snprintf(out, n, "%.15g", x);
    if (strtod(out, NULL) != x)
        snprintf(out, n, "%.17g", x);
    if (dec != '.')
        for (char *p = out; *p; p++)
            if (*p == '.')
                *p = dec;
}

void rs_fmt_fixed(char *out, size_t n, double x, int decimals, char dec, char group)
{
    char raw[400];
    if (!isfinite(x)) {
        snprintf(out, n, "%s", isnan(x) ? "" : x > 0 ? "∞" : "-∞");
        return;
    }
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(x));
    if (strtod(raw, NULL) == 0)
        x = 0; /* no "-0" */
    char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t k = 0;
    if (n == 0)
        return;
    if (x < 0 && k + 1 < n)
        out[k++] = '-';
    for (size_t i = 0; i < intlen && k + 2 < n; i++) {
        out[k++] = raw[i];
        size_t left = intlen - i - 1;
        if (group && left > 0 && left % 3 == 0)
            out[k++] = group;
    }
    if (dot && k + 1 < n) {
        out[k++] = dec;
        for (const char *p = dot + 1; *p && k + 1 < n; p++)
            out[k++] = *p;
    }
    out[k] = '\0';
}

void rs_fmt_csvnum(char *out, size_t n, double x, int decimals, char dec)
{
    if (decimals < 0) {
        /* the shortest %.15g / %.17g that reads back, written out in fixed
         * notation with the same significant digits */
        char g[40];
        snprintf(g, sizeof g, "%.15g", x);
        if (strtod(g, NULL) != x)
            snprintf(g, sizeof g, "%.17g", x);
        const char *e = strchr(g, 'e'), *p = strchr(g, '.');
        int mant = p ? (int)((e ? e : g + strlen(g)) - p - 1) : 0;
        decimals = mant - (e ? atoi(e + 1) : 0);
        if (decimals < 0)
            decimals = 0;
        if (decimals > 340)
            decimals = 340;
    }
    rs_fmt_fixed(out, n, x, decimals, dec, 0);
    /* drop trailing zeros after the decimal sign */
    char *d = strchr(out, dec);
    if (d) {
        char *end = out + strlen(out);
        while (end > d + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == d + 1)
            *d = '\0';
    }
}

size_t rs_text_width(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

int rs_edit_distance(const char *a, const char *b, int cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    int row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        int best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            int v = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
            row[j] = sub < v ? sub : v;
            prev = cur;
            if (row[j] < best)
                best = row[j];
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb] > cap ? cap + 1 : row[lb];
}

char *rs_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return rs_xstrdup(".");
    if (slash == path)
        return rs_xstrdup("/");
    size_t n = (size_t)(slash - path);
    char *d = rs_xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

/* Lexical normalisation: drops "." segments and folds "x/.." pairs. */
static char *normalise(const char *p)
{
    size_t n = strlen(p);
    char *tmp = rs_xstrdup(p);
    const char **seg = rs_xmalloc((n / 2 + 2) * sizeof *seg);
    size_t ns = 0;
    int abs = p[0] == '/';
    for (char *tok = strtok(tmp, "/"); tok; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && ns > 0 && strcmp(seg[ns - 1], "..") != 0) {
            ns--;
            continue;
        }
        if (strcmp(tok, "..") == 0 && abs)
            continue;
        seg[ns++] = tok;
    }
    rs_buf b;
    rs_buf_init(&b);
    if (abs)
        rs_buf_add(&b, "/");
    for (size_t i = 0; i < ns; i++) {
        if (i)
            rs_buf_add(&b, "/");
        rs_buf_add(&b, seg[i]);
    }
    if (b.len == 0)
        rs_buf_add(&b, ".");
    free(seg);
    free(tmp);
    return b.s;
}

char *rs_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || strcmp(dir, ".") == 0)
        return normalise(rel);
    char *j = rs_xasprintf("%s/%s", dir, rel);
    char *r = normalise(j);
    free(j);
    return r;
}

char *rs_read_file(const char *path, size_t *len)
{
    /* O_NONBLOCK: opening a FIFO that no program writes to would wait
     * forever; so opened, it reads as empty.  The type is checked on the
     * open file, so it cannot change between the check and the read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int err = 0;
    if (fstat(fd, &st) != 0)
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    /* /dev/zero never ends and /dev/tty waits for a keyboard: only
     * regular files and pipes (as with `<(...)`) are read */
    else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
        err = ENODEV;
    else if (S_ISREG(st.st_mode) && st.st_size > (off_t)RS_MAX_FILE_BYTES)
        err = EFBIG;
    else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        err = errno;
    FILE *f = err ? NULL : fdopen(fd, "rb");
    if (!f) {
        err = err ? err : errno;
        close(fd);
        errno = err;
        return NULL;
    }
    rs_buf b;
    rs_buf_init(&b);
    char chunk[65536];
    size_t got;
    /* the size was checked, but a file may grow, and a pipe has none */
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > RS_MAX_FILE_BYTES) {
            fclose(f);
            rs_buf_free(&b);
            errno = EFBIG;
            return NULL;
        }
        rs_buf_addn(&b, chunk, got);
    }
    int bad = ferror(f);
    int e = errno;
    fclose(f);
    if (bad) {
        rs_buf_free(&b);
        errno = e ? e : EIO;
        return NULL;
    }
    if (!b.s)
        rs_buf_addn(&b, "", 0);
    *len = b.len;
    return b.s;
}

_Static_assert(RS_MAX_FILE_BYTES == 64u << 20, "rs_read_error() names the limit");

const char *rs_read_error(int err)
{
    switch (err) {
    case EISDIR:
        return "it is a folder, not a file";
    case ENODEV:
        return "not a regular file (a device or a socket)";
    case EFBIG:
        return "larger than 64 MB, too large for a scenario file";
    default:
        return strerror(err);
    }
}

const int rs_guarded_signals[RS_N_GUARDED_SIGNALS] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ};

void rs_signals_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < RS_N_GUARDED_SIGNALS; i++)
        sigaddset(&set, rs_guarded_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

void rs_signals_restore(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

volatile sig_atomic_t rs_child_pids[RS_MAX_CHILDREN];

/* Length of the well-formed UTF-8 character at p (1-4), or 0 when the
 * bytes there are not one (a stray continuation byte, an overlong or
 * surrogate form, a cut sequence). */
size_t rs_utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 0;
    unsigned cp = c & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

