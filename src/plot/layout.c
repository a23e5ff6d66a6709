/* layout.c — what every chart shares: the title, the legend under the
 * plot with room for the source line, the year axis, short names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../output/labels.h"
#include "charts.h"

void rs_chart_title(rs_buf *b, const rs_gp *g, const char *t)
{
    /* centred on the image, not on the plot area (long tic labels push
     * that aside) */
    rs_buf_add(b, "set label 98 ");
    rs_gp_quote(b, t);
    rs_buf_add(b, " at screen 0.5, screen 0.955 center noenhanced");
    rs_gp_font(b, g, 1.25);
    rs_buf_add(b, " textcolor rgb c_text\nset tmargin 4.5\n");
}

void rs_chart_axis_label(rs_buf *b, const char *axis, const char *t)
{
    rs_buf_printf(b, "set %slabel ", axis);
    rs_gp_quote(b, t);
    rs_buf_add(b, " noenhanced textcolor rgb c_text\n");
}

size_t rs_text_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

void rs_chart_key_below(rs_buf *b, const rs_gp *g, int entries, size_t longest, int xlabel)
{
    (void)g;
    /* about 100 characters fit across the image at the base font (at every
     * size: the font scales with it); a column takes its longest entry
     * plus the sample */
    int cols = (int)(96 / (longest + 6));
    if (cols < 1)
        cols = 1;
    if (cols > entries)
        cols = entries > 0 ? entries : 1;
    if (cols > 4)
        cols = 4;
    int rows = entries > 0 ? (entries + cols - 1) / cols : 0;
    /* from the bottom: the source line (1.8 character heights), then the
     * legend, then the axis title and the tic labels */
    rs_buf_printf(b, "set key at screen 0.5, character %.2f center top horizontal Left reverse "
                     "maxcols %d width 1 samplen 2\n",
                  1.9 + 1.25 * rows, cols);
    rs_buf_printf(b, "set bmargin %.1f\n", 2.2 + (xlabel ? 1.6 : 0) + 1.25 * rows + 1.8);
}

void rs_chart_no_key(rs_buf *b, int xlabel)
{
    rs_buf_printf(b, "unset key\nset bmargin %.1f\n", 2.0 + (xlabel ? 1.6 : 0) + 1.8);
}

size_t rs_chart_pick(const double *v, size_t n, size_t show, double zero, size_t *idx, size_t *gap,
                     size_t *left_out, size_t *zeros)
{
    size_t nz = 0, first_neg = n;
    for (size_t i = 0; i < n; i++)
        if (!(fabs(v[i]) < zero)) {
            nz++;
            if (v[i] < 0 && first_neg == n)
                first_neg = i;
        }
    *zeros = nz ? n - nz : 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!nz || !(fabs(v[i]) < zero))
            idx[m++] = i;
    *left_out = *zeros;
    *gap = m;
    if (m > 2 * show + 2) {
        for (size_t q = 0; q < show; q++)
            idx[show + q] = idx[m - show + q];
        *left_out += m - 2 * show;
        *gap = show;
        m = 2 * show;
    } else if (*zeros) {
        /* the zeros lie between the gains and the losses */
        *gap = 0;
        while (*gap < m && idx[*gap] < first_neg)
            (*gap)++;
    }
    return m;
}

void rs_chart_ranked(rs_buf *dat, rs_buf *gp, const rs_gp *g, const double *v,
                     const char *const *names, size_t n, size_t show, int sign, rs_chart_rows *r)
{
    size_t *idx = rs_xcalloc(n ? n : 1, sizeof *idx);
    r->shown = rs_chart_pick(v, n, show, 0.5, idx, &r->gap, &r->left, &r->zeros);
    const char **rn = rs_xcalloc(r->shown ? r->shown : 1, sizeof *rn);
    char **rv = rs_xcalloc(r->shown ? r->shown : 1, sizeof *rv);
    /* drawn bottom up: the first (highest) at the top */
    for (size_t q = 0; q < r->shown; q++) {
        size_t j = idx[q];
        double y = (double)(r->shown - 1 - q) + (r->left > 0 && q < r->gap ? 1 : 0);
        char t[48];
        rs_fmt(t, sizeof t, fabs(v[j]), 0, g->nl);
        rn[q] = names[j];
        rv[q] = rs_xasprintf("%s€ %s", !sign ? "" : v[j] > 0 ? "+" : v[j] < 0 ? "−" : "", t);
        rs_buf_printf(dat, "%zu\t%g\t", q, y);
        rs_chart_dat_num(dat, v[j]);
        rs_buf_add(dat, "\t");
        rs_gp_text(dat, names[j], 0);
        rs_buf_add(dat, "\n");
    }
    rs_gp_label_array(gp, "L", rn, r->shown, 34);
    rs_gp_label_array(gp, "V", (const char *const *)rv, r->shown, 0);
    for (size_t q = 0; q < r->shown; q++)
        free(rv[q]);
    free(rv);
    free(rn);
    free(idx);
}

void rs_chart_years(rs_buf *b, const rs_gp *g, int start, int end, int after)
{
    int last = end + (after ? 1 : 0);
    int n = last - start + 1;
    int step = n > 24 ? 2 : 1;
    rs_buf_printf(b, "set xrange [%g:%g]\nset xtics (", start - 0.6, last + 0.6);
    for (int y = start; y <= end; y += step)
        rs_buf_printf(b, "%s'%d' %d", y == start ? "" : ", ", y, y);
    if (after)
        rs_buf_printf(b, ", '%s %d' %d", RS_L(g, "na", "after"), end, end + 1);
    rs_buf_printf(b, ")%s\n", n > 16 ? " rotate by -45 left" : "");
    rs_buf_add(b, "set grid noxtics\n");
}

void rs_instrument_short(char *out, size_t n, const rs_instrument *in)
{
    /* 'spuk' → SPUK, 'du-met-afspraken' → DU met afspraken: the
     * abbreviation every letter uses, then the id's other words */
    size_t k = 0;
    int first = 1;
    for (const char *p = in->id; *p && k + 1 < n; p++) {
        if (*p == '-' || *p == '_') {
            first = 0;
            out[k++] = ' ';
            continue;
        }
        out[k++] = first && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
    }
    out[k] = '\0';
}

void rs_chart_cut(char *out, size_t n, const char *s, size_t max)
{
    size_t chars = 0, k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < n; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max) {
            memcpy(out + k, "…", 3);
            k += 3;
            break;
        }
        out[k++] = *p < 0x20 ? ' ' : (char)*p;
    }
    out[k] = '\0';
}

void rs_chart_pick_note(rs_buf *b, const rs_gp *g, int tag, size_t left_out, size_t zeros,
                        const char *zero_nl, const char *zero_en, const char *where_nl,
                        const char *where_en, size_t at, double fs)
{
    const char *zero = RS_L(g, zero_nl, zero_en), *where = RS_L(g, where_nl, where_en);
    const char *regions = RS_L(g, "regio's", "regions");
    char note[400];
    if (!zeros)
        snprintf(note, sizeof note, "… %zu %s %s: %s", left_out, regions,
                 RS_L(g, "daartussen", "in between"), where);
    else if (left_out == zeros)
        snprintf(note, sizeof note, "… %zu %s %s: %s", zeros, regions, zero, where);
    else
        snprintf(note, sizeof note, "… %zu %s %s %zu %s: %s", left_out - zeros, regions,
                 RS_L(g, "daartussen en", "in between and"), zeros, zero, where);
    rs_buf_printf(b, "set label %d ", tag);
    rs_gp_quote(b, note);
    rs_buf_printf(b, " at graph 0.02, first %zu left noenhanced textcolor rgb c_axis", at);
    rs_gp_font(b, g, fs);
    rs_buf_add(b, "\n");
}

void rs_chart_dat_num(rs_buf *b, double x)
{
    char t[40];
    rs_fmt_num(t, sizeof t, x, '.');
    rs_buf_add(b, t);
}

void rs_chart_dat_cell(rs_buf *b, double x, double *lo, double *hi)
{
    rs_buf_add(b, "\t");
    if (isnan(x)) {
        rs_buf_add(b, "NaN");
        return;
    }
    rs_chart_dat_num(b, x);
    *lo = fmin(*lo, x);
    *hi = fmax(*hi, x);
}
