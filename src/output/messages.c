/* messages.c — see messages.h. */
#include "messages.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "labels.h"

const rs_msg_template rs_msg_templates[RS_MSG_N] = {
    [RS_MSG_NONE] = {RS_MSG_NONE, "", ""},
    [RS_MSG_SRC_NONE_DROP] =
        {RS_MSG_SRC_NONE_DROP,
         "cofinanciering {m0}: in tranche {s0} telt geen van de bronnen van de regio mee "
         "({d3})",
         "co-financing {m0}: none of the region's sources counts in tranche {s0} ({d3})"},
    [RS_MSG_SRC_BIND_DROP] =
        {RS_MSG_SRC_BIND_DROP,
         "cofinanciering {m0}: ten hoogste {m1} telt mee, want de maximale cofinanciering "
         "uit {c0} is bereikt ({d3})",
         "co-financing {m0}: at most {m1} counts, as the region's co-financing capacity "
         "from {c0} binds ({d3})"},
    [RS_MSG_SRC_NONE_SCALE] =
        {RS_MSG_SRC_NONE_SCALE,
         "cofinanciering {m0}: in tranche {s0} telt geen van de bronnen van de regio mee; "
         "aanvraag verlaagd tot {m2}",
         "co-financing {m0}: none of the region's sources counts in tranche {s0}; request "
         "scaled to {m2}"},
    [RS_MSG_SRC_BIND_SCALE] =
        {RS_MSG_SRC_BIND_SCALE,
         "cofinanciering {m0}: ten hoogste {m1} telt mee, want de maximale cofinanciering "
         "uit {c0} is bereikt; aanvraag verlaagd tot {m2}",
         "co-financing {m0}: at most {m1} counts, as the region's co-financing capacity "
         "from {c0} binds; request scaled to {m2}"},
    [RS_MSG_CAP_DROP] = {RS_MSG_CAP_DROP,
                         "cofinanciering {m0} is meer dan de maximale cofinanciering van de "
                         "regio ({m1}); de deal vervalt",
                         "co-financing {m0} exceeds the region's co-financing capacity ({m1}); "
                         "the deal is dropped"},
    [RS_MSG_CAP_SCALE] = {RS_MSG_CAP_SCALE,
                          "cofinanciering {m0} is meer dan de maximale cofinanciering van de "
                          "regio ({m1}); aanvraag verlaagd tot {m2}",
                          "co-financing {m0} exceeds the region's co-financing capacity ({m1}); "
                          "request scaled to {m2}"},
    [RS_MSG_BELOW_MIN] = {RS_MSG_BELOW_MIN,
                          "aanvraag {m0} is lager dan het minimum per deal ({m1})",
                          "request {m0} is below the minimum per deal ({m1})"},
    [RS_MSG_LEFT_BELOW_MIN] = {RS_MSG_LEFT_BELOW_MIN,
                               "wat van het budget over is, is lager dan het minimum per deal "
                               "({m1}; verdeling: voorrang bij hoge druk op brede welvaart)",
                               "what is left of the budget is below the minimum per deal "
                               "({m1}; allocation: priority)"},
    [RS_MSG_CAPPED] = {RS_MSG_CAPPED, "aanvraag begrensd op het maximum per deal ({m1})",
                       "request capped at the maximum per deal ({m1})"},
    [RS_MSG_SHARED] = {RS_MSG_SHARED, "budget {m1} verdeeld {a0}",
                       "budget {m1} shared {a0}"},
    [RS_MSG_W_DROPPED] = {RS_MSG_W_DROPPED, "deal '{s0}' vervalt: {s1}",
                          "deal '{s0}' dropped: {s1}"},
    [RS_MSG_W_PRORATA_MIN] = {RS_MSG_W_PRORATA_MIN,
                              "deal '{s0}': toekenning naar rato {m0} is lager dan het minimum "
                              "per deal ({m1})",
                              "deal '{s0}': pro-rata award {m0} is below the minimum per deal "
                              "({m1})"},
    [RS_MSG_W_OVERRUN] = {RS_MSG_W_OVERRUN,
                          "tranche '{s0}': de toekenningen overschrijden het budget van {m0} "
                          "met {m1} (verdeling: zoals aangevraagd)",
                          "tranche '{s0}': awards exceed the budget of {m0} by {m1} "
                          "(allocation: as requested)"},
    [RS_MSG_W_AFTER] = {RS_MSG_W_AFTER,
                        "geldstromen na de looptijd ({y3}): {m0} aan betalingen en "
                        "terugvorderingen van het Rijk en {m1} aan bestedingen, in de rij "
                        "'na' van de jaartabel",
                        "flows after the horizon ({y3}): {m0} of Rijk payments and reclaims "
                        "and {m1} of spending, in the row 'after' of the yearly table"},
};

/* An amount with the fewest decimals (at most 3) that show it to 0.001 M€. */
static void money(char *out, size_t n, double x, int nl)
{
    int dec = 0;
    while (dec < 3 && fabs(x * pow(10, dec) - round(x * pow(10, dec))) > 1e-6 * pow(10, dec))
        dec++;
    rs_fmt_meur(out, n, x, dec, nl);
}

static const char *source_label(const char *id, int nl)
{
    static const char *const names[][3] = {{"public", "publieke middelen", "public funds"},
                                           {"private", "private middelen", "private funds"},
                                           {"in_kind", "bijdragen in natura", "contributions in kind"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (id && strcmp(id, names[i][0]) == 0)
            return names[i][nl ? 1 : 2];
    return id ? id : "";
}

void rs_msg_format(char *out, size_t n, const rs_msg *m, int nl)
{
    rs_buf b;
    rs_buf_init(&b);
    const char *t = m->id > 0 && m->id < RS_MSG_N ? (nl ? rs_msg_templates[m->id].nl
                                                        : rs_msg_templates[m->id].en)
                                                  : "";
    for (const char *p = t; *p;) {
        char kind, k;
        if (p[0] == '{' && p[1] && p[2] >= '0' && p[2] <= '3' && p[3] == '}') {
            kind = p[1];
            k = p[2] - '0';
            char v[96] = "";
            const char *s = k < 2 ? m->s[(int)k] : NULL;
            switch (kind) {
            case 'm': money(v, sizeof v, m->x[(int)k], nl); break;
            case 'y': snprintf(v, sizeof v, "%d", (int)m->x[(int)k]); break;
            case 's': snprintf(v, sizeof v, "%s", s ? s : ""); break;
            case 'a':
                snprintf(v, sizeof v, "%s%s", nl ? "" : "by allocation ",
                         rs_label_of(RS_LK_ALLOC, s ? s : "", nl));
                if (nl) /* "verdeeld naar rato" / "verdeeld volgens ..." */
                    snprintf(v, sizeof v, "%s%s",
                             strcmp(s ? s : "", "pro_rata") == 0 ? "" : "volgens de regel: ",
                             rs_label_of(RS_LK_ALLOC, s ? s : "", nl));
                break;
            case 'c': snprintf(v, sizeof v, "%s", source_label(s, nl)); break;
            case 'd':
                snprintf(v, sizeof v, "%s",
                         m->x[(int)k] ? (nl ? "bij een tekort vervalt de deal"
                                            : "shortfall: drop")
                                      : (nl ? "bij een tekort wordt de aanvraag verlaagd, hier tot 0"
                                            : "shortfall: scale to 0"));
                break;
            default: v[0] = 0;
            }
            rs_buf_add(&b, v);
            p += 4;
        } else
            rs_buf_addn(&b, p++, 1);
    }
    snprintf(out, n, "%s", b.s ? b.s : "");
    rs_buf_free(&b);
}

void rs_diag_add_msg(rs_diag *d, const rs_msg *m, int nl)
{
    char s[1024];
    rs_msg_format(s, sizeof s, m, nl);
    rs_diag_add(d, 0, "%s", s);
}
