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

static void params(void)
{
    char b[200];
    rs_param_label(b, sizeof b, "cofinancing.share", 1);
    CU_ASSERT_STRING_EQUAL(b, "cofinancieringsaandeel");
    rs_param_label(b, sizeof b, "instruments.spuk.reclaim_share", 1);
    CU_ASSERT_STRING_EQUAL(b, "terugvorderingsaandeel (spuk)");
    rs_param_label(b, sizeof b, "discount_rate", 0);
    CU_ASSERT_STRING_EQUAL(b, "discount rate");
    rs_param_label(b, sizeof b, "tranches.T4.unknown_key", 1);
    CU_ASSERT_STRING_EQUAL(b, "unknown_key (T4)");
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

const rs_test rs_tests_labels[] = {{"chart titles of parameters", param_titles},
                                   {"message templates", message_table},
                                   {"every model id has a label", covers_model},
                                   {"parameter paths", params},
                                   {"number style", number_style},
                                   {"house style file = palette table", style_file},
                                   {NULL, NULL}};
