/* csv.c — region tables as CSV, the way analysts keep them in Excel or
 * export them from StatLine:
 *
 *   id,name,population,fiscal_capacity,bw_pressure[,cofin_capacity]
 *
 * Separator ',' or ';' (taken from the header line); with ';' numbers may
 * use a decimal comma.  Fields may be quoted ("a ""b"""); a UTF-8 byte
 * order mark and CRLF line ends are accepted.  The rows become the same
 * JSON region objects a .json file would give, so they are checked by the
 * same code (build.c); an error in row i names $[i], which is line i + 2. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const columns[] = {"id",          "name",           "population",
                                      "fiscal_capacity", "bw_pressure", "cofin_capacity",
                                      "note",        "source",         NULL};

/* Splits one record starting at *p into fields; advances *p past it.
 * Returns the number of fields, or -1 for an unterminated quote. */
static int split(const char **p, const char *end, char sep, rs_buf *fields, size_t *n_fields,
                 size_t max)
{
    const char *s = *p;
    size_t n = 0;
    for (;;) {
        rs_buf *f = &fields[n < max ? n : max - 1];
        f->len = 0;
        if (f->s)
            f->s[0] = '\0';
        else
            rs_buf_addn(f, "", 0);
        if (s < end && *s == '"') {
            s++;
            for (;;) {
                if (s >= end)
                    return -1;
                if (*s == '"') {
                    if (s + 1 < end && s[1] == '"') {
                        rs_buf_addn(f, "\"", 1);
                        s += 2;
                        continue;
                    }
                    s++;
                    break;
                }
                rs_buf_addn(f, s++, 1);
            }
        }
        while (s < end && *s != sep && *s != '\n' && *s != '\r')
            rs_buf_addn(f, s++, 1);
        n++;
        if (s < end && *s == sep) {
            s++;
            continue;
        }
        break;
    }
    if (s < end && *s == '\r')
        s++;
    if (s < end && *s == '\n')
        s++;
    *p = s;
    *n_fields = n;
    return (int)n;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

#define MAXCOL 16

cJSON *rs_regions_csv(rs_srcmap *m, const char *path, rs_diag *diag)
{
    size_t len;
    char *text = rs_read_file(path, &len);
    if (!text) {
        rs_diag_add(diag, RS_EXIT_IO, "%s: cannot read: %s", path, rs_read_error(errno));
        return NULL;
    }
    cJSON *arr = rs_regions_csv_text(m, text, len, path, diag);
    free(text);
    return arr;
}

cJSON *rs_regions_csv_text(rs_srcmap *m, const char *text, size_t len, const char *path,
                           rs_diag *diag)
{
    if (memchr(text, '\0', len)) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s: contains a NUL byte: not a CSV text file", path);
        return NULL;
    }
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    size_t hl = eol ? (size_t)(eol - p) : (size_t)(end - p);
    char sep = memchr(p, ';', hl) ? ';' : ',';
    rs_buf fields[MAXCOL];
    for (int i = 0; i < MAXCOL; i++)
        rs_buf_init(&fields[i]);
    cJSON *arr = NULL;
    int colidx[MAXCOL];
    size_t nf, ncol;
    int line = 1;
    if (split(&p, end, sep, fields, &nf, MAXCOL) < 0 || nf > MAXCOL - 1) {
        rs_diag_add(diag, RS_EXIT_INVALID, "%s:1: the header line cannot be read (at most %d "
                                           "columns, quotes closed)",
                    path, MAXCOL - 1);
        goto out;
    }
    ncol = nf;
    int seen[8] = {0};
    for (size_t i = 0; i < ncol; i++) {
        char *h = trim(fields[i].s);
        colidx[i] = -1;
        for (int k = 0; columns[k]; k++)
            if (strcmp(h, columns[k]) == 0)
                colidx[i] = k;
        if (colidx[i] < 0 || seen[colidx[i]]) {
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s:1: column '%s' is %s (columns: id, name, population, "
                        "fiscal_capacity, bw_pressure and optionally cofin_capacity, note, "
                        "source)",
                        path, h, colidx[i] < 0 ? "unknown" : "given twice");
            goto out;
        }
        seen[colidx[i]] = 1;
    }
    arr = cJSON_CreateArray();
    while (p < end) {
        line++;
        const char *rec = p;
        if (split(&p, end, sep, fields, &nf, MAXCOL) < 0) {
            rs_diag_add(diag, RS_EXIT_INVALID, "%s:%d: a quoted field is not closed", path,
                        line);
            goto fail;
        }
        if (nf == 1 && !trim(fields[0].s)[0])
            continue; /* blank line */
        if (nf != ncol) {
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s:%d: has %zu fields, the header has %zu (separator '%c')", path, line,
                        nf, ncol, sep);
            goto fail;
        }
        (void)rec;
        /* the same bound as for JSON files: a row is ncol + 1 values */
        if ((size_t)(line - 1) * (ncol + 1) + m->count > RS_JSON_MAX_VALUES) {
            rs_diag_add(diag, RS_EXIT_INVALID,
                        "%s:%d: too large: the files of a scenario hold at most %d values in "
                        "all",
                        path, line, RS_JSON_MAX_VALUES);
            goto fail;
        }
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, o);
        for (size_t i = 0; i < ncol; i++) {
            char *f = trim(fields[i].s);
            int k = colidx[i];
            size_t at;
            long cc = rs_text_control(f, &at);
            if (cc >= 0) {
                rs_diag_add(diag, RS_EXIT_INVALID,
                            "%s:%d: column '%s' holds the control character U+%04lX (character "
                            "%zu); control characters (U+0000 to U+001F, U+007F to U+009F) are "
                            "refused in every text, as they could rewrite what a terminal shows",
                            path, line, columns[k], cc, at);
                goto fail;
            }
            if (k <= 1 || k >= 6) {
                cJSON_AddStringToObject(o, columns[k], f);
                continue;
            }
            if (!*f && k == 5)
                continue; /* empty cofin_capacity: unlimited */
            /* The Dutch dialect: decimal comma, and '.' only as a thousands
             * separator in well-formed groups (100.000, 1.234.567,5), read
             * as such; any other '.' is refused, never guessed at
             * ('100.000' was read as 100). */
            if (sep == ';' && strchr(f, '.')) {
                char *c = f + (*f == '-' || *f == '+');
                size_t lead = strspn(c, "0123456789");
                int ok = lead >= 1 && lead <= 3 && !(lead > 1 && c[0] == '0');
                char *q = c + lead;
                while (ok && *q == '.') {
                    ok = strspn(q + 1, "0123456789") >= 3 &&
                         (q[4] == '.' || q[4] == ',' || q[4] == '\0');
                    q += 4;
                }
                ok = ok && (*q == '\0' || (*q == ',' && strspn(q + 1, "0123456789") ==
                                                          strlen(q + 1) && q[1]));
                if (!ok) {
                    rs_diag_add(diag, RS_EXIT_INVALID,
                                "%s:%d: column '%s': '%s' is not a number as the ';' dialect "
                                "writes it: a decimal comma (0,85), and a '.' only between "
                                "groups of three digits (100.000 or 1.234.567,5)",
                                path, line, columns[k], fields[i].s);
                    goto fail;
                }
                /* drop the group separators */
                char *w = c;
                for (char *r = c; *r; r++)
                    if (*r != '.')
                        *w++ = *r;
                *w = '\0';
            }
            if (sep == ';')
                for (char *c = f; *c; c++)
                    if (*c == ',')
                        *c = '.';
            /* an underflow (5e-324) is a number: rs_json_check below says
             * that it is out of range, as for a JSON file */
            char *e;
            double x = strtod(f, &e);
            /* strtod also reads hexadecimal, "inf" and "nan": not numbers here */
            int plain = strspn(f, "0123456789+-.eE") == strlen(f);
            if (!*f || *e || !plain || !isfinite(x)) {
                rs_diag_add(diag, RS_EXIT_INVALID,
                            "%s:%d: column '%s': '%s' is not a number", path, line, columns[k],
                            fields[i].s);
                goto fail;
            }
            cJSON_AddNumberToObject(o, columns[k], x);
        }
    }
    /* the same checks as for a JSON file: text valid UTF-8, numbers in range */
    if (!rs_json_check(arr, "$", path, diag))
        goto fail;
    {
        int f = rs_srcmap_add_file(m, path, "$.regions");
        rs_srcmap_register(m, arr, f);
    }
    goto out;
fail:
    cJSON_Delete(arr);
    arr = NULL;
out:
    for (int i = 0; i < MAXCOL; i++)
        rs_buf_free(&fields[i]);
    return arr;
}
