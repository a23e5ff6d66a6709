/* messages.c — see messages.h. */
#include "messages.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "../metrics/metrics.h"

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
    [RS_MSG_L_DESCRIPTION] =
        {RS_MSG_L_DESCRIPTION,
         "{s0}: wijzigt {s1}, maar houdt de beschrijving ('description') van het scenario dat "
         "het uitbreidt: geef het een eigen \"description\" (het rapport toont die)",
         "{s0}: changes {s1} but keeps the 'description' of the scenario it extends: give it "
         "a \"description\" of its own (the report shows it)"},
    [RS_MSG_L_MODEL_FOUND] = {RS_MSG_L_MODEL_FOUND,
                              "{s0}: '{s1}' staat niet naast het bestand ({s2}): {s3} wordt "
                              "gebruikt",
                              "{s0}: '{s1}' is not next to the file ({s2}): using {s3}"},
    [RS_MSG_L_NO_DEALS] = {RS_MSG_L_NO_DEALS, "{s0}: tranche '{s1}' heeft geen deals",
                           "{s0}: tranche '{s1}' has no deals"},
    [RS_MSG_MC_BEYOND] =
        {RS_MSG_MC_BEYOND,
         "Monte Carlo: {i0} waarden voorbij ±4,3 miljard zijn op die grens geteld; hun "
         "kwantielen zijn niet nauwkeurig",
         "Monte Carlo: {i0} values beyond ±4.3e9 were counted at that bound; their quantiles "
         "are not accurate"},
    [RS_MSG_C_DRAWS_DEFAULT] =
        {RS_MSG_C_DRAWS_DEFAULT,
         "--draws zonder een blok 'uncertainty' in het scenario: Monte Carlo met een "
         "realisatie per jaar van {r0} (die van het scenario), concentratie 20, geen schokjaren "
         "en geen spreiding van de uitvoeringslasten; kies ze in een blok 'uncertainty'",
         "--draws without an 'uncertainty' block in the scenario: Monte Carlo with "
         "realisation mean {n0} (the scenario's), concentration 20, no shock and no burden "
         "spread; add an 'uncertainty' block to choose them"},
    [RS_MSG_C_NO_STYLE] = {RS_MSG_C_NO_STYLE,
                           "geen bestand met de grafiekstijl gevonden (plots/rijkshuisstijl.gp "
                           "naast regiosim, $REGIOSIM_PLOTS of {s0}/plots): het ingebouwde "
                           "palet van de Rijkshuisstijl is gebruikt",
                           "no chart style file found (plots/rijkshuisstijl.gp next to "
                           "regiosim, $REGIOSIM_PLOTS or {s0}/plots): the built-in "
                           "Rijkshuisstijl palette was used"},
    [RS_MSG_S_OUTSIDE] = {RS_MSG_S_OUTSIDE,
                          "{s0} is {s1}, buiten de bandbreedte {s2}: de gevoeligheidsanalyse "
                          "varieert de waarde toch over de hele bandbreedte",
                          "{s0} is {s1}, outside its range {s2}: the study still varies it "
                          "over the range"},
    [RS_MSG_S_FLAT] = {RS_MSG_S_FLAT,
                       "de maatstaf verandert niet binnen de bandbreedtes: elke Sobol-index "
                       "is 0",
                       "the metric does not change over the ranges: every Sobol index is 0"},
    [RS_MSG_S_DRAWS_OTHER] = {RS_MSG_S_DRAWS_OTHER,
                              "{s0} vraagt om {i0} trekkingen met startwaarde (seed) {i1}; het "
                              "wordt doorgerekend met de {i2} trekkingen en startwaarde {i3} "
                              "van {s1}, zodat beide scenario's dezelfde trekkingen krijgen",
                              "{s0} asks for {i0} draws with seed {i1}; it is run with "
                              "{s1}'s {i2} draws and seed {i3}, so that both meet the same "
                              "draws"},
    [RS_MSG_S_PLAN] = {RS_MSG_S_PLAN,
                       "{s0}: {f0}, {i1} punten: {i4} doorrekeningen{w3}{e5}",
                       "{s0}: {f0}, {i1} points: {i4} runs{w3}{e5}"},
    [RS_MSG_S_ESTIMATE] = {RS_MSG_S_ESTIMATE,
                           "de eerste {i0} punten duurden {t1}: ongeveer {t2} voor de andere "
                           "{i3}",
                           "the first {i0} points took {t1}: about {t2} for the other {i3}"},
    [RS_MSG_V_JUMP] = {RS_MSG_V_JUMP,
                       "{M0} springt bij deze waarde over het doel heen (een sprong in het "
                       "model, bijvoorbeeld een deal die verlaagd wordt of vervalt): geen "
                       "waarde geeft het doel precies; het dichtstbij is {v1}",
                       "{M0} jumps across the target at this value (a step in the model, e.g. "
                       "a deal scaled or dropped): no value gives it exactly; the nearest is "
                       "{v1}"},
    [RS_MSG_V_NO_CONVERGE] = {RS_MSG_V_NO_CONVERGE,
                              "de oplosser vond in {i0} stappen geen oplossing ({s0})",
                              "the solver did not converge in {i0} iterations ({s0})"},
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

/* 'x' with the fewest decimals (at most 'max') that show it to that
 * precision, in the language's number style */
static void shortest(char *out, size_t n, double x, int max, int nl)
{
    int dec = 0;
    while (dec < max && fabs(x * pow(10, dec) - round(x * pow(10, dec))) > 1e-6 * pow(10, dec))
        dec++;
    rs_fmt(out, n, x, dec, nl);
}

/* seconds in words: "0,4 s", "12 s", "4 min 5 s" */
static void duration(char *out, size_t n, double sec, int nl)
{
    if (sec < 0)
        sec = 0;
    if (sec < 9.95) {
        char v[32];
        rs_fmt(v, sizeof v, sec, 1, nl);
        snprintf(out, n, "%s s", v);
    } else if (sec < 100)
        snprintf(out, n, "%.0f s", sec);
    else
        snprintf(out, n, "%.0f min %.0f s", floor(sec / 60), fmod(round(sec), 60));
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
        if (p[0] == '{' && p[1] && p[2] >= '0' && p[2] <= '5' && p[3] == '}') {
            kind = p[1];
            k = p[2] - '0';
            char v[1024] = "";
            const char *s = k < 4 ? m->s[(int)k] : NULL;
            double x = m->x[(int)k];
            switch (kind) {
            case 'm': money(v, sizeof v, x, nl); break;
            case 'y': snprintf(v, sizeof v, "%d", (int)x); break;
            case 's': snprintf(v, sizeof v, "%s", s ? s : ""); break;
            case 'i': rs_fmt(v, sizeof v, x, 0, nl); break;
            case 'n': shortest(v, sizeof v, x, 6, nl); break;
            case 'r': {
                char q[64];
                shortest(q, sizeof q, 100 * x, 2, nl);
                snprintf(v, sizeof v, nl ? "%s %%" : "%s%%", q);
                break;
            }
            case 't': duration(v, sizeof v, x, nl); break;
            case 'f': { /* "1 factor", "3 factoren" */
                char q[64];
                rs_fmt(q, sizeof q, x, 0, nl);
                snprintf(v, sizeof v, "%s %s", q,
                         x == 1 ? "factor" : nl ? "factoren" : "factors");
                break;
            }
            case 'w':
                if (x > 0) {
                    char q[64];
                    rs_fmt(q, sizeof q, x, 0, nl);
                    snprintf(v, sizeof v, nl ? " van elk %s trekkingen" : " of %s draws", q);
                }
                break;
            case 'e':
                if (x)
                    snprintf(v, sizeof v, "%s",
                             nl ? "; na de eerste 64 punten volgt een schatting van de duur"
                                : "; a time estimate follows after the first 64 points");
                break;
            case 'M': /* a metric by index: its display name (English: its id) */
                if (x >= 0 && x < RS_M_N)
                    snprintf(v, sizeof v, "%s",
                             nl ? rs_metric_label((int)x, 1) : rs_metric_infos[(int)x].name);
                break;
            case 'v': /* x[k] in the unit of the metric x[0] */
                if (m->x[0] >= 0 && m->x[0] < RS_M_N) {
                    int mi = (int)m->x[0];
                    if (nl)
                        rs_fmt_metric(v, sizeof v, mi, x, 1, 1);
                    else
                        snprintf(v, sizeof v, "%.10g %s", x, rs_metric_infos[mi].unit);
                }
                break;
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
                         x ? (nl ? "bij een tekort vervalt de deal" : "shortfall: drop")
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

void rs_msg_words_en(char *out, size_t n, const rs_msg *m) { rs_msg_format(out, n, m, 0); }

void rs_diag_text(char *out, size_t n, const char *msg, int nl)
{
    rs_msg m;
    size_t len = strlen(msg) + 1;
    char *buf = rs_xmalloc(len);
    if (rs_diag_msg_of(msg, &m, buf, len))
        rs_msg_format(out, n, &m, nl);
    else
        snprintf(out, n, "%s", msg);
    free(buf);
}

void rs_diag_print_lang(const rs_diag *d, FILE *f, int nl, int warning)
{
    for (size_t i = 0; i < d->n; i++) {
        size_t n = 2 * strlen(d->msg[i]) + 2048;
        char *t = rs_xmalloc(n);
        rs_diag_text(t, n, d->msg[i], nl);
        fputs("regiosim: ", f);
        if (warning)
            fputs(nl ? "waarschuwing: " : "warning: ", f);
        rs_fputs_shown(t, f);
        fputc('\n', f);
        free(t);
    }
}
