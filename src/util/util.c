/* util.c — see util.h. */
#define _GNU_SOURCE
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

void rs_diag_print(const rs_diag *d, FILE *f)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(f, "regiosim: %s\n", d->msg[i]);
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
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    rs_buf b;
    rs_buf_init(&b);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rs_buf_addn(&b, chunk, got);
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
