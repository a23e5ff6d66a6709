/* scen.h — a small scenario template for the unit tests.  SCEN(instrument,
 * extra, deals) gives a scenario with three regions (r1 pressure 0.9,
 * r2 0.5, r3 0.2; population 100000 each), one tranche 'T' in 2023 with
 * instrument 'i' and the given extra keys (TR100: budget 100), and the given instrument body, extra
 * top-level keys and deal list.  Quotes are single (see rs_test_load). */
#ifndef RS_TEST_SCEN_H
#define RS_TEST_SCEN_H

#define REGIONS3                                                                             \
    "'regions': ["                                                                           \
    "{'id': 'r1', 'name': 'R1', 'population': 100000, 'fiscal_capacity': 0.8, "              \
    "'bw_pressure': 0.9},"                                                                   \
    "{'id': 'r2', 'name': 'R2', 'population': 100000, 'fiscal_capacity': 1.0, "              \
    "'bw_pressure': 0.5},"                                                                   \
    "{'id': 'r3', 'name': 'R3', 'population': 100000, 'fiscal_capacity': 1.25, "             \
    "'bw_pressure': 0.2}]"

#define SCEN(instrument, extra, tranche_extra, deals)                                        \
    "{'horizon': {'start': 2023, 'end': 2032}, " REGIONS3 ", "                               \
    "'instruments': {'i': {'id': 'i', 'name': 'I', " instrument "}}, "                       \
    "'tranches': [{'id': 'T', 'year': 2023, 'instrument': 'i'" tranche_extra              \
    "}], "                                                                                   \
    "'deals': [" deals "]" extra "}"

#define TR100 ", 'budget': 100"

#define SPUK_BODY                                                                            \
    "'payment': {'schedule': 'plan'}, "                                                      \
    "'deadline': {'extension_years': 1, 'extension_threshold': 0.05}, "                      \
    "'settlement': {'lag': 1, 'reclaim_share': 1}"
#define DU_BODY "'payment': {'schedule': 'plan'}"

#define DEAL(id, region, request, duration)                                                  \
    "{'id': '" id "', 'region': '" region "', 'tranche': 'T', 'request': " #request          \
    ", 'duration': " #duration "}"

#endif
