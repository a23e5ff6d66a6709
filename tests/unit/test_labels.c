/* test_labels.c — the label table covers every id of the model, Dutch
 * labels hold no id, the number style, and the shipped house style file
 * holds the palette of the code. */
#include <stdlib.h>
#include <string.h>

#include "../../src/output/labels.h"
#include "../../src/output/messages.h"
#include "../../src/output/explain.h"
#include "../../src/plot/gp.h"
#include "../../src/scenario/scenario.h"
#include "../../src/engine/engine.h"
#include "../../src/metrics/metrics.h"
#include "helpers.h"

/* Every id the model knows has an entry, with a Dutch label that is not
 * the id itself (the words 'deals' and the units excepted). */
static void covers_model(void)
{
    for (int m = 0; m < RS_M_N; m++) {
        const rs_label *l = rs_label_find(RS_LK_METRIC, rs_metric_infos[m].name);
        CU_ASSERT_PTR_NOT_NULL(l);
        if (l) {
            CU_ASSERT_STRING_NOT_EQUAL(l->nl, rs_metric_infos[m].name);
            CU_ASSERT_PTR_NOT_NULL(l->nl_doc);
        }
    }
    for (int s = 0; s < RS_Y_N_OUT; s++)
        CU_ASSERT_PTR_NOT_NULL(rs_label_find(RS_LK_SERIES, rs_series_names[s]));
    for (size_t i = 0; rs_cofin_rules[i]; i++)
        CU_ASSERT_PTR_NOT_NULL(rs_label_find(RS_LK_RULE, rs_cofin_rules[i]->name));
    for (size_t i = 0; rs_schedules[i]; i++)
        CU_ASSERT_PTR_NOT_NULL(rs_label_find(RS_LK_SCHEDULE, rs_schedules[i]->name));
    for (size_t i = 0; rs_alloc_rules[i]; i++)
        CU_ASSERT_PTR_NOT_NULL(rs_label_find(RS_LK_ALLOC, rs_alloc_rules[i]->name));
    for (size_t i = 0; rs_per_kinds[i]; i++)
        CU_ASSERT_PTR_NOT_NULL(rs_label_find(RS_LK_OBLIGATION, rs_per_kinds[i]->name));
    for (int i = 0; i < 3; i++)
        CU_ASSERT_PTR_NOT_NULL(rs_label_find(RS_LK_STATUS, rs_status_names[i]));
    /* no Dutch label contains an id with an underscore */
    for (size_t i = 0; i < rs_n_labels; i++) {
        CU_ASSERT_PTR_NULL(strchr(rs_labels[i].nl, '_'));
        CU_ASSERT_PTR_NULL(strchr(rs_labels[i].en, '_'));
        for (size_t j = i + 1; j < rs_n_labels; j++)
            CU_ASSERT_FALSE(rs_labels[i].kind == rs_labels[j].kind &&
                            strcmp(rs_labels[i].id, rs_labels[j].id) == 0);
    }
    CU_ASSERT_STRING_EQUAL(rs_label_of(RS_LK_RULE, "no-such-rule", 1), "no-such-rule");
}

/* A parameter path named for a reader: one function (rs_param_title) for
 * charts, terminal tables and messages. */
static void params(void)
{
    char b[200];
    rs_param_title(b, sizeof b, "cofinancing.share", NULL, 1);
    CU_ASSERT_STRING_EQUAL(b, "cofinancieringsaandeel");
    rs_param_title(b, sizeof b, "instruments.spuk.reclaim_share", NULL, 1);
    CU_ASSERT_STRING_EQUAL(b, "SPUK: terugvorderingsaandeel");
    rs_param_title(b, sizeof b, "discount_rate", NULL, 0);
    CU_ASSERT_STRING_EQUAL(b, "discount rate");
    rs_param_title(b, sizeof b, "tranches[T4].unknown_key", NULL, 1);
    CU_ASSERT_STRING_EQUAL(b, "tranche T4: unknown_key");
}

/* One formatter: 1.654,9 and € 85 mln in Dutch; 1,654.9 and €85 million. */
static void number_style(void)
{
    char b[64];
    rs_fmt(b, sizeof b, 1654.9, 1, 1);
    CU_ASSERT_STRING_EQUAL(b, "1.654,9");
    rs_fmt(b, sizeof b, 1654.9, 1, 0);
    CU_ASSERT_STRING_EQUAL(b, "1,654.9");
    rs_fmt(b, sizeof b, -0.04, 1, 1);
    CU_ASSERT_STRING_EQUAL(b, "0,0");
    rs_fmt(b, sizeof b, -2385.75, 0, 1);
    CU_ASSERT_STRING_EQUAL(b, "-2.386");
    rs_fmt_meur(b, sizeof b, 85.2, 0, 1);
    CU_ASSERT_STRING_EQUAL(b, "€ 85 mln");
    rs_fmt_meur(b, sizeof b, 1654.9, 1, 0);
    CU_ASSERT_STRING_EQUAL(b, "€1,654.9 million");
    rs_fmt_metric(b, sizeof b, RS_M_ADMIN_PCT, 0.011634, 1, 1);
    CU_ASSERT_STRING_EQUAL(b, "1,16 %");
    rs_fmt_metric(b, sizeof b, RS_M_RIJK_NET, 158.2764, 1, 1);
    CU_ASSERT_STRING_EQUAL(b, "158,3 € mln");
    rs_fmt_metric(b, sizeof b, RS_M_DEALS_SCALED, 6, 1, 1);
    CU_ASSERT_STRING_EQUAL(b, "6");
    /* the chart tics use the same one */
    rs_fmt_grouped(b, sizeof b, 1234567.891, 2, 1);
    CU_ASSERT_STRING_EQUAL(b, "1.234.567,89");
}

/* plots/rijkshuisstijl.gp defines every colour of rs_palette with the
 * same value, and the linetypes use rs_gp_colors in order. */
static void style_file(void)
{
    size_t len;
    char *s = rs_read_file("../../plots/rijkshuisstijl.gp", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (size_t i = 0; i < rs_palette_n; i++) {
        char want[64];
        snprintf(want, sizeof want, "'%s'", rs_palette[i].hex);
        const char *p = strstr(s, rs_palette[i].name);
        CU_ASSERT_PTR_NOT_NULL(p);
        if (p) {
            const char *eol = strpbrk(p, ";\n");
            CU_ASSERT_TRUE(eol && (size_t)(eol - p) < 60 && strstr(p, want) && strstr(p, want) < eol);
        }
    }
    /* the issue's hex values */
    static const char *const issue[] = {"#154273", "#01689B", "#007BC7", "#8FCAE7", "#E17000",
                                        "#39870C", "#FFB612", "#D52B1E", "#A90061"};
    for (size_t i = 0; i < sizeof issue / sizeof *issue; i++) {
        int found = 0;
        for (size_t k = 0; k < rs_palette_n; k++)
            found |= strcmp(rs_palette[k].hex, issue[i]) == 0;
        CU_ASSERT_TRUE(found);
    }
    /* the builtin style says the same as the file */
    const char *b = rs_gp_builtin_style();
    for (int i = 0; i < RS_GP_NCOLORS; i++) {
        char lt[64];
        snprintf(lt, sizeof lt, "set linetype %d lc rgb '%s'", i + 1, rs_gp_colors[i]);
        CU_ASSERT_PTR_NOT_NULL(strstr(b, lt));
    }
    free(s);
}

/* rs_param_title: chart titles of parameter paths, no code ids */
static void param_titles(void)
{
    char t[200];
    rs_param_title(t, sizeof t, "instruments.du.off_goal_share", NULL, 1);
    CU_ASSERT_STRING_EQUAL(t, "DU: aandeel niet-doelbesteding");
    rs_param_title(t, sizeof t, "instruments.spuk.deadline.extension_threshold", NULL, 0);
    CU_ASSERT_STRING_EQUAL(t, "SPUK: extension threshold");
    rs_param_title(t, sizeof t, "instruments.du-met-afspraken.realisation_shift", NULL, 1);
    CU_ASSERT_STRING_EQUAL(t, "DU met afspraken: verschuiving van de realisatie");
    rs_param_title(t, sizeof t, "instruments.spuk.admin.obligations[aanvraag].hours", NULL, 1);
    CU_ASSERT_STRING_EQUAL(t, "SPUK: aanvraag, uren");
    rs_param_title(t, sizeof t, "instruments.spuk.admin.tariff.rijk", NULL, 1);
    CU_ASSERT_STRING_EQUAL(t, "SPUK: uurtarief Rijk (€)");
    rs_param_title(t, sizeof t, "cofinancing.share", NULL, 1);
    CU_ASSERT_STRING_EQUAL(t, "cofinancieringsaandeel");
    rs_param_title(t, sizeof t, "tranches[T4].budget", NULL, 1);
    CU_ASSERT_STRING_EQUAL(t, "tranche T4: budget (€ mln)");
    rs_param_title(t, sizeof t, "uncertainty.realisation.mean", NULL, 0);
    CU_ASSERT_STRING_EQUAL(t, "uncertainty: realisation per year");
    /* a region and an obligation by index: names from the scenario */
    char twente[] = "twente", Twente[] = "Twente", aanvraag[] = "aanvraag",
         vaststelling[] = "vaststelling", spuk[] = "spuk";
    rs_region reg = {.id = twente, .name = Twente};
    rs_obligation ob[2] = {{.name = aanvraag}, {.name = vaststelling}};
    rs_instrument in = {.id = spuk, .obl = ob, .n_obl = 2};
    rs_scenario sc = {.regions = &reg, .n_regions = 1, .instruments = &in, .n_instruments = 1};
    rs_param_title(t, sizeof t, "regions[twente].bw_pressure", &sc, 1);
    CU_ASSERT_STRING_EQUAL(t, "Twente: druk op brede welvaart");
    rs_param_title(t, sizeof t, "instruments.spuk.admin.obligations[1].share_of_flow", &sc, 1);
    CU_ASSERT_STRING_EQUAL(t, "SPUK: vaststelling, aandeel betaling");
    rs_param_title(t, sizeof t, "regions[nergens].fiscal_capacity", &sc, 0);
    CU_ASSERT_STRING_EQUAL(t, "nergens: fiscal capacity");
}

/* The message table: every id has a Dutch and an English text, at its own
 * index, and no Dutch text holds a code id of the model. */
static void message_table(void)
{
    static const char *const ids[] = {"deal_min", "deal_cap", "cofin_capacity", "as_requested",
                                      "pro_rata", "cofin_sources", "shortfall", "M€", NULL};
    for (int i = 1; i < RS_MSG_N; i++) {
        CU_ASSERT_EQUAL(rs_msg_templates[i].id, i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(rs_msg_templates[i].nl);
        CU_ASSERT_PTR_NOT_NULL_FATAL(rs_msg_templates[i].en);
        CU_ASSERT_TRUE(rs_msg_templates[i].nl[0] && rs_msg_templates[i].en[0]);
        for (int k = 0; ids[k]; k++)
            CU_ASSERT_PTR_NULL(strstr(rs_msg_templates[i].nl, ids[k]));
    }
    CU_ASSERT_EQUAL(rs_explain_check(), 0);
    /* hand-made arguments, exact words */
    char out[512];
    rs_msg m = {RS_MSG_W_OVERRUN, {100, 12.5, 0, 0}, {"T1", NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "tranche 'T1': de toekenningen overschrijden het budget van "
                                "€ 100 mln met € 12,5 mln (verdeling: zoals aangevraagd)");
    rs_msg_format(out, sizeof out, &m, 0);
    CU_ASSERT_STRING_EQUAL(out, "tranche 'T1': awards exceed the budget of €100 million by "
                                "€12.5 million (allocation: as requested)");
    m = (rs_msg){RS_MSG_W_AFTER, {1234.5678, 0.25, 0, 2030}, {NULL, NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "geldstromen na de looptijd (2030): € 1.234,568 mln aan "
                                "betalingen en terugvorderingen van het Rijk en € 0,25 mln aan "
                                "bestedingen, in de rij 'na' van de jaartabel");
    m = (rs_msg){RS_MSG_SHARED, {0, 45, 0, 0}, {"pro_rata", NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "budget € 45 mln verdeeld naar rato");
    rs_msg_format(out, sizeof out, &m, 0);
    CU_ASSERT_STRING_EQUAL(out, "budget €45 million shared by allocation pro rata");
    m = (rs_msg){RS_MSG_BELOW_MIN, {4.25, 5, 0, 0}, {NULL, NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "aanvraag € 4,25 mln is lager dan het minimum per deal (€ 5 mln)");
}

/* A parameter's value and range in its unit, from the label table:
 * hand-worked texts in both languages. */
static void param_units(void)
{
    char out[200];
    CU_ASSERT_STRING_EQUAL(rs_param_unit("instruments.du.off_goal_share"), "share");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("tranches[T4].budget"), "M€");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("instruments.spuk.admin.obligations[2].hours"), "hours");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("instruments.spuk.admin.obligations[SiSa].fixed_eur"), "€");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("instruments.du.admin.tariff.rijk"), "€/hour");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("instruments.spuk.settlement.lag"), "years");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("regions[twente].fiscal_capacity"), "");
    CU_ASSERT_STRING_EQUAL(rs_param_unit("no.such.key"), "");
    /* a share 0.02..0.1 as a percentage */
    rs_fmt_param_range(out, sizeof out, "instruments.spuk.deadline.extension_threshold", 0.02, 0.1,
                       1, "−");
    CU_ASSERT_STRING_EQUAL(out, "2–10 %");
    rs_fmt_param_range(out, sizeof out, "instruments.spuk.deadline.extension_threshold", 0.02, 0.1,
                       0, "−");
    CU_ASSERT_STRING_EQUAL(out, "2–10%");
    rs_fmt_param(out, sizeof out, "instruments.du.off_goal_share", 0.0175, 1, "-");
    CU_ASSERT_STRING_EQUAL(out, "1,75 %");
    rs_fmt_param(out, sizeof out, "cofinancing.share", 0.125, 0, "-");
    CU_ASSERT_STRING_EQUAL(out, "12.5%");
    /* a negative end: U+2212 and "tot" instead of a dash beside the minus */
    rs_fmt_param_range(out, sizeof out, "instruments.spuk.realisation_shift", -0.08, 0, 1, "−");
    CU_ASSERT_STRING_EQUAL(out, "−8 tot 0 %");
    rs_fmt_param_range(out, sizeof out, "instruments.spuk.realisation_shift", -0.05, 0.05, 0, "−");
    CU_ASSERT_STRING_EQUAL(out, "−5 to 5%");
    rs_fmt_param(out, sizeof out, "instruments.spuk.realisation_shift", -0.05, 1, "-");
    CU_ASSERT_STRING_EQUAL(out, "-5 %");
    /* money with its unit; thousands point in Dutch */
    rs_fmt_param_range(out, sizeof out, "tranches[T4].budget", 80, 120, 1, "−");
    CU_ASSERT_STRING_EQUAL(out, "€ 80–120 mln");
    rs_fmt_param_range(out, sizeof out, "tranches[T4].budget", 80, 120.5, 0, "−");
    CU_ASSERT_STRING_EQUAL(out, "€80–120.5 million");
    rs_fmt_param(out, sizeof out, "deals[a].request", 1234.5, 1, "-");
    CU_ASSERT_STRING_EQUAL(out, "€ 1.234,5 mln");
    rs_fmt_param(out, sizeof out, "instruments.spuk.admin.obligations[SiSa].fixed_eur", 450, 1, "-");
    CU_ASSERT_STRING_EQUAL(out, "€ 450");
    rs_fmt_param_range(out, sizeof out, "instruments.du.admin.tariff.rijk", 85.5, 104.5, 1, "−");
    CU_ASSERT_STRING_EQUAL(out, "€ 85,5–104,5 per uur");
    rs_fmt_param(out, sizeof out, "instruments.du.admin.tariff.region", 85, 0, "-");
    CU_ASSERT_STRING_EQUAL(out, "€85 per hour");
    /* years as years, hours as uur */
    rs_fmt_param(out, sizeof out, "instruments.spuk.settlement.lag", 1, 0, "-");
    CU_ASSERT_STRING_EQUAL(out, "1 year");
    rs_fmt_param_range(out, sizeof out, "instruments.spuk.settlement.lag", 1, 3, 1, "−");
    CU_ASSERT_STRING_EQUAL(out, "1–3 jaar");
    rs_fmt_param_range(out, sizeof out, "instruments.spuk.admin.obligations[0].hours", 12, 48, 1,
                       "−");
    CU_ASSERT_STRING_EQUAL(out, "12–48 uur");
    rs_fmt_param(out, sizeof out, "instruments.spuk.admin.obligations[0].hours", 12, 0, "-");
    CU_ASSERT_STRING_EQUAL(out, "12 hours");
    /* a plain number: no unit, the fewest decimals */
    rs_fmt_param_range(out, sizeof out, "regions[twente].fiscal_capacity", 0.87, 1.07, 1, "−");
    CU_ASSERT_STRING_EQUAL(out, "0,87–1,07");
    /* every parameter label with a unit has a known one */
    static const char *const known[] = {"share", "M€", "€", "€/hour", "years", "hours", NULL};
    for (size_t i = 0; i < rs_n_labels; i++) {
        if (!rs_labels[i].unit)
            continue;
        CU_ASSERT_EQUAL(rs_labels[i].kind, RS_LK_PARAM);
        int ok = 0;
        for (int k = 0; known[k]; k++)
            ok |= strcmp(rs_labels[i].unit, known[k]) == 0;
        CU_ASSERT_TRUE(ok);
    }
}

/* A message recorded as an id (rs_diag_add_id) survives the list as it
 * is, strings with any byte included, and is worded in either language. */
static void message_ids(void)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_msg m = {RS_MSG_L_NO_DEALS, {0}, {"a\x1f" "b:1.json", "T\x01" "4", NULL, NULL}};
    rs_diag_add_id(&d, 0, &m);
    CU_ASSERT_EQUAL(d.code, 0);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    rs_msg back;
    char buf[256];
    CU_ASSERT_TRUE_FATAL(rs_diag_msg_of(d.msg[0], &back, buf, sizeof buf));
    CU_ASSERT_EQUAL(back.id, RS_MSG_L_NO_DEALS);
    CU_ASSERT_STRING_EQUAL(back.s[0], "a\x1f" "b:1.json");
    CU_ASSERT_STRING_EQUAL(back.s[1], "T\x01" "4");
    CU_ASSERT_STRING_EQUAL(back.s[2], "");
    /* copied as text (as sweep and the MPI exchange copy messages) */
    rs_diag c;
    rs_diag_init(&c);
    rs_diag_add(&c, RS_EXIT_INVALID, "%s", d.msg[0]);
    char out[512];
    rs_diag_text(out, sizeof out, c.msg[0], 1);
    CU_ASSERT_STRING_EQUAL(out, "a\x1f" "b:1.json: tranche 'T\x01" "4' heeft geen deals");
    rs_diag_text(out, sizeof out, c.msg[0], 0);
    CU_ASSERT_STRING_EQUAL(out, "a\x1f" "b:1.json: tranche 'T\x01" "4' has no deals");
    /* a message in words stays as it is; a cut or forged one is not read */
    rs_diag_text(out, sizeof out, "plain words", 1);
    CU_ASSERT_STRING_EQUAL(out, "plain words");
    CU_ASSERT_FALSE(rs_diag_msg_of("\x01" "3\x1f" "1", &back, buf, sizeof buf));
    CU_ASSERT_FALSE(rs_diag_msg_of("\x01" "999\x1f" "0\x1f" "0\x1f" "0\x1f" "0\x1f" "0\x1f" "0"
                                   "\x1f" "0:\x1f" "0:\x1f" "0:\x1f" "0:", &back, buf, sizeof buf));
    size_t len = strlen(d.msg[0]);
    char *cut = rs_xstrdup(d.msg[0]);
    cut[len - 3] = '\0';
    CU_ASSERT_FALSE(rs_diag_msg_of(cut, &back, buf, sizeof buf));
    free(cut);
    rs_diag_free(&c);
    rs_diag_free(&d);
    /* the numbers of the command line's notes, hand-worked */
    m = (rs_msg){RS_MSG_S_DRAWS_OTHER, {2000, 7, 1000, 1}, {"b.json", "a.json", NULL, NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "b.json vraagt om 2.000 trekkingen met startwaarde (seed) 7; het "
                                "wordt doorgerekend met de 1.000 trekkingen en startwaarde 1 van "
                                "a.json, zodat beide scenario's dezelfde trekkingen krijgen");
    m = (rs_msg){RS_MSG_S_PLAN, {3, 1025, 2, 500, 2050, 1}, {"sobol", NULL, NULL, NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "sobol: 3 factoren, 1.025 punten: 2.050 doorrekeningen van elk "
                                "500 trekkingen; na de eerste 64 punten volgt een schatting van "
                                "de duur");
    rs_msg_format(out, sizeof out, &m, 0);
    CU_ASSERT_STRING_EQUAL(out, "sobol: 3 factors, 1,025 points: 2,050 runs of 500 draws; a time "
                                "estimate follows after the first 64 points");
    m = (rs_msg){RS_MSG_S_ESTIMATE, {64, 2.4, 250.6, 961}, {NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_STRING_EQUAL(out, "de eerste 64 punten duurden 2,4 s: ongeveer 4 min 11 s voor de "
                                "andere 961");
    m = (rs_msg){RS_MSG_V_JUMP, {RS_M_RIJK_NET, 84.96}, {NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Netto Rijksuitgaven springt bij deze waarde over het doel"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "het dichtstbij is 85,0 € mln"));
    rs_msg_format(out, sizeof out, &m, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "rijk_net jumps across the target"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "the nearest is 84.96 M€"));
    m = (rs_msg){RS_MSG_C_DRAWS_DEFAULT, {0.85}, {NULL}};
    rs_msg_format(out, sizeof out, &m, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "realisatie per jaar van 85 % (die van het scenario)"));
}

const rs_test rs_tests_labels[] = {{"chart titles of parameters", param_titles},
                                   {"message templates", message_table},
                                   {"parameter units", param_units},
                                   {"messages as ids", message_ids},
                                   {"every model id has a label", covers_model},
                                   {"parameter paths", params},
                                   {"number style", number_style},
                                   {"house style file = palette table", style_file},
                                   {NULL, NULL}};
