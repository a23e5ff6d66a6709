/* engine.h — docs/model.md §5–6: awards, then a year-by-year run of every deal.
 *
 * The work is split so that one loaded scenario can be simulated many
 * times (Monte Carlo) without reloading or allocating:
 *   rs_plan  — what does not depend on realisation: the awards (docs/model.md §5) and
 *              the layout of every deal's years.  Made once.
 *   rs_run   — a workspace with room for every deal-year.  rs_run_simulate()
 *              takes the realisation of each deal-year from run->rho and
 *              fills the results; it allocates nothing. */
#ifndef RS_ENGINE_H
#define RS_ENGINE_H

#include "../scenario/scenario.h"

typedef enum { RS_AWARDED = 0, RS_SCALED = 1, RS_DROPPED = 2 } rs_status;
extern const char *const rs_status_names[];

typedef struct rs_award {
    rs_status status;
    rs_msg why;      /* why dropped or scaled (id 0 otherwise); output/messages.h words it */
    double c;        /* co-financing share */
    double R;        /* capped request after the co-financing check */
    double A, C, V;  /* award, co-financing, volume (0 when dropped) */
    double Cs[RS_SRC_N]; /* C by source (docs/model.md §4.3) */
} rs_award;

typedef struct rs_plan {
    const rs_scenario *sc;
    rs_award *aw;            /* per deal */
    double *overrun;         /* per tranche: max(0, ΣA − budget) for as_requested */
    int y0, ny;              /* calendar year of index 0; years incl. after-horizon */
    size_t *off;             /* per deal: first index in the deal-year arrays */
    int *len;                /* per deal: years from its start year that can hold a flow */
    size_t n_dy;             /* deal-years in all */
} rs_plan;

rs_plan *rs_plan_make(const rs_scenario *sc);
void rs_plan_free(rs_plan *p);

/* The yearly series of docs/model.md §8, plus two used inside. */
typedef enum {
    RS_Y_PAID,
    RS_Y_RECLAIMED,
    RS_Y_NET,
    RS_Y_SPENT,
    RS_Y_COFIN_SPENT,
    RS_Y_GOAL,
    RS_Y_ADMIN_REGION,
    RS_Y_ADMIN_RIJK,
    RS_Y_BALANCE,
    RS_Y_N_OUT,              /* the series above are written to yearly.csv */
    RS_Y_PLANNED = RS_Y_N_OUT,
    RS_Y_RIJK_SPENT,
    RS_Y_N
} rs_series;
extern const char *const rs_series_names[];

/* Results of one deal in one run. */
typedef struct rs_dealres {
    int last;                /* offset of the last year with spending */
    int last_active;         /* offset of the last active year (burden) */
    int settle;              /* offset of the settlement year, -1 if none */
    int extended;
    double planned, spent, rijk_spent, cofin_spent, goal;
    double paid, reclaimed, retained, backlog;
    double admin[2];         /* RS_SIDE_REGION, RS_SIDE_RIJK */
} rs_dealres;

typedef struct rs_run {
    const rs_plan *plan;
    double *rho;             /* input: realisation per deal-year */
    double admin_factor;     /* input: multiplies all obligation hours */
    rs_dealres *dr;
    /* per deal-year, index plan->off[d] + k */
    double *planned, *spent, *backlog, *paid, *reclaimed, *admin[2];
    double *y[RS_Y_N];       /* yearly series, plan->ny each */
} rs_run;

rs_run *rs_run_alloc(const rs_plan *p);
void rs_run_free(rs_run *r);
/* Deterministic realisation: ρ = clamp(m_t + realisation_shift, 0, 1). */
void rs_run_set_rho(rs_run *r);
/* Simulates every deal from run->rho and run->admin_factor. */
void rs_run_simulate(rs_run *r);
/* Checks docs/model.md §7; adds an RS_EXIT_INTERNAL error naming the deal and
 * the difference for each violation.  Returns the number of violations. */
int rs_run_check(const rs_run *r, rs_diag *diag);

/* When a deal's obligations occur in a run. */
rs_occ_ctx rs_run_occ(const rs_run *r, size_t d);
/* Cost (M€) of obligation 'ob' of instrument 'in' in year offset k. */
double rs_obligation_cost(const rs_instrument *in, const rs_obligation *ob,
                          const rs_occ_ctx *occ, double admin_factor, int k, double paid_k);

#endif
