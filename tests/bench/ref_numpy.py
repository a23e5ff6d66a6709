#!/usr/bin/python3
"""ref_numpy.py: the Monte Carlo of MODEL.md (sections 3, 5, 6) in numpy, written
from the model and not from regiosim's code, as an analyst who knows numpy would
write it: the draws in batches, every batch one array operation per calendar
year over (draws x deals), the statistics with numpy at the end.

It is the reference `make bench-numpy` (tests/bench/side-by-side.sh) times
regiosim against, and the check that both compute the same model: their means
must agree within Monte Carlo error.

    ref_numpy.py SCENARIO.json DRAWS [SEED] > result.json

SCENARIO is a self-contained scenario (no 'extends', regions and instruments
inline), as `regiosim-bench --write` makes.  Supported: the flat co-financing
rule without cofin_capacity, allocations pro_rata, priority and as_requested,
the 'plan' payment schedule, deadlines, settlements, every obligation kind.
Anything else stops it with a message.  It prints JSON: {"seconds": the time
of the simulation and statistics (not of starting Python and importing
numpy), "cpu_seconds" (its CPU time), "draws", "values": {name: {mean, sd, p5, p50, p95}}}, names as in
regiosim's summary.json ("metric NAME") and yearly_bands.csv ("SERIES YEAR").
"""
import json
import sys
import time

import numpy as np

BATCH = 1000  # draws per batch: 1000 keeps the arrays of a year in cache (measured fastest)
SERIES = ["rijk_paid", "rijk_reclaimed", "rijk_net", "spent", "cofinancing_spent",
          "goal_spending", "admin_region", "admin_rijk", "region_balance",
          "spent_cumulative"]
METRICS = ["rijk_awarded", "rijk_paid", "rijk_reclaimed", "rijk_net", "cofinancing",
           "volume", "leverage", "spent", "cofinancing_spent", "goal_spending",
           "retained", "admin_region", "admin_rijk", "admin_total", "admin_pct",
           "effectiveness", "delay_years", "npv_rijk", "deals_awarded", "deals_scaled",
           "deals_dropped", "budget_overrun", "gini_per_capita", "pressure_correlation",
           "goal_per_rijk_net"]


def need(cond, what):
    if not cond:
        sys.exit("ref_numpy.py: not supported by the reference: " + what)


def ratio(a, b):
    return np.where(b != 0, a / np.where(b != 0, b, 1), 0.0)


def awards(sc):
    """Section 3.1 and 2: A, C, V per deal (dropped deals get 0) and the overrun."""
    cof = sc.get("cofinancing", {"rule": "flat", "share": 0.5})
    need(cof.get("rule", "flat") == "flat", "co-financing rule " + str(cof.get("rule")))
    c = cof.get("share", 0.5)
    regions = {r["id"]: r for r in sc["regions"]}
    need(all("cofin_capacity" not in r for r in sc["regions"]), "cofin_capacity")
    A = {}
    overrun = 0.0
    for t in sc["tranches"]:
        need("cofinancing" not in t, "a tranche's own co-financing rule")
        dmin, dcap = t.get("deal_min", 5), t.get("deal_cap", 40)
        deals = [d for d in sc["deals"] if d["tranche"] == t["id"]]
        R = {d["id"]: min(d["request"], dcap) for d in deals}
        R = {k: v for k, v in R.items() if v >= dmin}
        alloc = t.get("allocation", "pro_rata")
        if alloc == "pro_rata":
            tot = sum(R.values())
            f = t["budget"] / tot if tot > t["budget"] else 1.0
            A.update({k: v * f for k, v in R.items()})
        elif alloc == "as_requested":
            A.update(R)
            overrun += max(0.0, sum(R.values()) - t["budget"])
        elif alloc == "priority":
            byid = {d["id"]: d for d in deals}
            order = sorted(R, key=lambda k: (-regions[byid[k]["region"]]["bw_pressure"], k))
            left = t["budget"]
            for k in order:
                if R[k] <= left:
                    A[k] = R[k]
                    left -= R[k]
                elif left >= dmin:
                    A[k] = left
                    left = 0.0
        else:
            need(False, "allocation " + alloc)
    return A, c, overrun


def occurrences(ins, ob, D, last_active, settle, ext, projects, partners):
    """(offset, n) of each year obligation 'ob' occurs in (section 3.6)."""
    per = ob["per"]
    if per == "deal":
        return [(settle if ob.get("when", "start") == "settlement" else 0, 1)]
    if per == "deal_year":
        return [(k, 1) for k in range(last_active + 1)]
    if per == "project":
        return [(0, projects)] if projects > 0 else []
    if per == "project_year":
        return [(k, projects) for k in range(last_active + 1)] if projects > 0 else []
    if per == "private_partner":
        ok = ins.get("recipients", "any") == "public" and partners > 0
        return [(0, partners)] if ok else []
    if per == "extension":
        return [(D, 1)] if ext else []
    need(False, "obligation per " + per)
    return []


class Plan:
    """What does not change between draws, as arrays over deals and calendar years."""

    def __init__(self, sc):
        self.y0, end = sc["horizon"]["start"], sc["horizon"]["end"]
        A, cshare, self.overrun = awards(sc)
        deals = [d for d in sc["deals"] if d["id"] in A]
        self.n_dropped = len(sc["deals"]) - len(deals)
        self.n_scaled = sum(A[d["id"]] < d["request"] for d in deals)
        tr = {t["id"]: t for t in sc["tranches"]}
        insts = sc["instruments"]
        unc = sc["uncertainty"]
        m, kappa = unc["realisation"]["mean"], unc["realisation"]["concentration"]
        need("by_year" not in sc.get("realisation", {}), "realisation.by_year")
        # the calendar years any flow can fall in
        spans = []
        for d in deals:
            ins = insts[tr[d["tranche"]]["instrument"]]
            need(ins["payment"]["schedule"] == "plan" and ins["payment"].get("lag", 0) == 0,
                 "payment schedules other than plan without lag")
            need("profile" not in d, "deal profiles")
            dl, st = ins.get("deadline"), ins.get("settlement")
            s = tr[d["tranche"]]["year"] - self.y0
            last = d["duration"] - 1 + (dl["extension_years"] if dl else 0) if dl else \
                max(end - self.y0 - s, d["duration"] - 1)
            spans.append(s + last + (st["lag"] if st else 0) + 1)
        ny = self.ny = max(end - self.y0 + 1, max(spans))
        n = self.n = len(deals)
        self.A = np.array([A[d["id"]] for d in deals])
        self.C = self.A * cshare / (1 - cshare)
        self.V = self.A + self.C
        self.ratio = self.A / self.V
        self.planned = np.zeros((n, ny))      # V/D in each planned year
        self.paid = np.zeros((n, ny))         # A/D in each planned year
        self.can = np.zeros((n, ny), bool)    # spending possible without an extension
        self.can_ext = np.zeros((n, ny), bool)  # only in an extension
        self.alpha = np.zeros((n, ny))
        self.beta = np.zeros((n, ny))
        self.ext_at = np.full(n, -1)          # calendar year index at which it is decided
        self.ext_thr = np.zeros(n)
        self.settle = np.zeros((2, n, ny))    # one-hot settlement year: no extension / extension
        self.reclaim_share = np.zeros(n)
        self.off_goal = np.zeros(n)
        # burden, per side (region 0, rijk 1) and extension (0 no, 1 yes): € of
        # hours (times the admin factor), fixed €, share-of-flow M€, per year
        self.hours = np.zeros((2, 2, n, ny))
        self.fixed = np.zeros((2, 2, n, ny))
        self.flow = np.zeros((2, 2, n, ny))
        for i, d in enumerate(deals):
            t = tr[d["tranche"]]
            ins = insts[t["instrument"]]
            dl, st = ins.get("deadline"), ins.get("settlement")
            s, D = t["year"] - self.y0, d["duration"]
            mu = min(max(m + ins.get("realisation_shift", 0), 0.001), 0.999)
            self.planned[i, s:s + D] = self.V[i] / D
            self.paid[i, s:s + D] = self.A[i] / D
            self.off_goal[i] = ins.get("off_goal_share", 0)
            E = dl["extension_years"] if dl else 0
            if dl:
                self.can[i, s:s + D] = True
                if E > 0:
                    self.can_ext[i, s + D:s + D + E] = True
                    self.ext_at[i] = s + D - 1
                    self.ext_thr[i] = dl["extension_threshold"] * self.V[i]
            else:
                self.can[i, s:s + max(end - t["year"], D - 1) + 1] = True
            spend = self.can[i] | self.can_ext[i]
            self.alpha[i, spend] = mu * kappa
            self.beta[i, spend] = (1 - mu) * kappa
            tariff = ins.get("admin", {}).get("tariff", {})
            for e in (0, 1):
                last = D - 1 + E * e if dl else max(end - t["year"], D - 1)
                last_active = last if dl else D - 1
                settle = last + st["lag"] if st else last_active
                if st:
                    self.settle[e, i, s + settle] = 1
                for ob in ins.get("admin", {}).get("obligations", []):
                    side = 0 if ob["side"] == "region" else 1
                    for k, cnt in occurrences(ins, ob, D, last_active, settle, e,
                                              d.get("projects", 0),
                                              d.get("private_partners", 0)):
                        y = s + k
                        self.hours[side, e, i, y] += cnt * ob.get("hours", 0) * tariff[ob["side"]] / 1e6
                        self.fixed[side, e, i, y] += cnt * ob.get("fixed_eur", 0) / 1e6
                        self.flow[side, e, i, y] += ob.get("share_of_flow", 0) * self.paid[i, y]
            if st:
                self.reclaim_share[i] = st["reclaim_share"]
        # the deal-years that get a realisation: only those are drawn
        self.spend_idx = np.flatnonzero((self.can | self.can_ext).ravel())
        self.a_vec = self.alpha.ravel()[self.spend_idx]
        self.b_vec = self.beta.ravel()[self.spend_idx]
        # per calendar year, the column of each deal's realisation in the drawn
        # array (0 with weight 0 where the deal cannot spend)
        col = np.zeros(n * ny, int)
        col[self.spend_idx] = np.arange(len(self.spend_idx))
        self.col = col.reshape(n, ny).T.copy()
        self.has = (self.can | self.can_ext).T.astype(float)
        self.goal_w = (1 - self.ratio) + self.ratio * (1 - self.off_goal)
        self.years = self.y0 + np.arange(ny)
        self.disc = (1 + sc.get("discount_rate", 0)) ** (self.years - self.y0)
        self.n_horizon = end - self.y0 + 1
        self.shock_p = unc.get("shock", {}).get("probability", 0)
        self.shock_keep = 1 - unc.get("shock", {}).get("severity", 0)
        s2 = np.log1p(unc.get("admin_spread", 0) ** 2)
        self.ln_sigma, self.ln_mu = np.sqrt(s2), -s2 / 2
        # fairness: award per inhabitant over all regions, and its correlation with pressure
        x = {r["id"]: 0.0 for r in sc["regions"]}
        for i, d in enumerate(deals):
            x[d["region"]] += self.A[i]
        pc = np.array([x[r["id"]] / r["population"] for r in sc["regions"]])
        pr = np.array([r["bw_pressure"] for r in sc["regions"]])
        diff = np.abs(pc[:, None] - pc[None, :]).sum()
        self.gini = diff / (2 * len(pc) ** 2 * pc.mean()) if pc.mean() > 0 else 0.0
        self.corr = np.corrcoef(pc, pr)[0, 1] if pc.std() > 0 and pr.std() > 0 else 0.0


def batch(p, rng, nb):
    """The nb x (metrics + yearly values) of nb draws."""
    rho = rng.beta(p.a_vec, p.b_vec, size=(nb, len(p.a_vec)))
    shocked = rng.random(nb) < p.shock_p
    shock_year = np.where(shocked, rng.integers(0, p.n_horizon, nb), -1)
    af = np.exp(p.ln_mu + p.ln_sigma * rng.standard_normal(nb))
    B = np.zeros((nb, p.n))
    ext = np.zeros((nb, p.n), bool)
    spent_d = np.zeros((nb, p.n))
    Ys = np.empty((nb, p.ny))
    Yr = np.empty((nb, p.ny))
    Yg = np.empty((nb, p.ny))
    for y in range(p.ny):
        # realisation where the deal spends this year, else 0 (so spent is 0
        # and the backlog carries over)
        r = rho[:, p.col[y]]
        if p.can_ext[:, y].any():
            r *= p.can[:, y] | (p.can_ext[:, y] & ext)
        else:
            r *= p.has[y]
        shock = shock_year == y
        if shock.any():
            r[shock] *= p.shock_keep
        target = p.planned[:, y] + B
        sp = r * target
        B = target - sp
        spent_d += sp
        Ys[:, y] = sp.sum(1)
        Yr[:, y] = sp @ p.ratio
        Yg[:, y] = sp @ p.goal_w
        dec = p.ext_at == y
        if dec.any():
            ext[:, dec] = B[:, dec] > p.ext_thr[dec]
    paid_d = p.paid.sum(1)
    rec_d = p.reclaim_share * np.maximum(0.0, paid_d - p.ratio * spent_d)
    e = ext.astype(float)
    Yrec = (rec_d * (1 - e)) @ p.settle[0] + (rec_d * e) @ p.settle[1]
    adm = []
    for side in (0, 1):
        h = (1 - e) @ p.hours[side, 0] + e @ p.hours[side, 1]
        f = (1 - e) @ (p.fixed[side, 0] + p.flow[side, 0]) + e @ (p.fixed[side, 1] + p.flow[side, 1])
        adm.append(af[:, None] * h + f)
    Ypaid = np.broadcast_to(p.paid.sum(0), (nb, p.ny))
    Ynet = Ypaid - Yrec
    Ycof = Ys - Yr
    Ybal = np.cumsum(Ynet - Yr, 1)
    yearly = [Ypaid, Yrec, Ynet, Ys, Ycof, Yg, adm[0], adm[1], Ybal, np.cumsum(Ys, 1)]
    M = {}
    M["rijk_awarded"] = np.full(nb, p.A.sum())
    M["rijk_paid"] = Ypaid.sum(1)
    M["rijk_reclaimed"] = Yrec.sum(1)
    M["rijk_net"] = M["rijk_paid"] - M["rijk_reclaimed"]
    M["cofinancing"] = np.full(nb, p.C.sum())
    M["volume"] = np.full(nb, p.V.sum())
    M["leverage"] = np.full(nb, p.V.sum() / p.A.sum())
    M["spent"] = Ys.sum(1)
    M["cofinancing_spent"] = Ycof.sum(1)
    M["goal_spending"] = Yg.sum(1)
    M["retained"] = M["rijk_net"] - Yr.sum(1)
    M["admin_region"] = adm[0].sum(1)
    M["admin_rijk"] = adm[1].sum(1)
    M["admin_total"] = M["admin_region"] + M["admin_rijk"]
    M["admin_pct"] = M["admin_total"] / p.A.sum()
    M["effectiveness"] = ratio(M["goal_spending"],
                               M["rijk_net"] + M["cofinancing_spent"] + M["admin_total"])
    pl = p.planned.sum(0)
    M["delay_years"] = (Ys @ p.years) / M["spent"] - (pl @ p.years) / pl.sum()
    M["npv_rijk"] = Ynet @ (1 / p.disc)
    M["deals_awarded"] = np.full(nb, float(p.n))
    M["deals_scaled"] = np.full(nb, float(p.n_scaled))
    M["deals_dropped"] = np.full(nb, float(p.n_dropped))
    M["budget_overrun"] = np.full(nb, p.overrun)
    M["gini_per_capita"] = np.full(nb, p.gini)
    M["pressure_correlation"] = np.full(nb, p.corr)
    M["goal_per_rijk_net"] = ratio(M["goal_spending"], M["rijk_net"])
    return np.column_stack([M[k] for k in METRICS] + yearly)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: ref_numpy.py SCENARIO.json DRAWS [SEED]")
    with open(sys.argv[1]) as f:
        sc = json.load(f)
    draws = int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) == 4 else sc["uncertainty"].get("seed", 42)
    t0, c0 = time.perf_counter(), time.process_time()
    p = Plan(sc)
    rng = np.random.default_rng(seed)
    out = np.empty((draws, len(METRICS) + len(SERIES) * p.ny))
    for i in range(0, draws, BATCH):
        out[i:i + BATCH] = batch(p, rng, min(BATCH, draws - i))
    mean = out.mean(0)
    sd = out.std(0, ddof=1) if draws > 1 else np.zeros(out.shape[1])
    q = np.percentile(out, [5, 50, 95], axis=0)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    names = ["metric " + k for k in METRICS] + \
        ["%s %d" % (s, y) for s in SERIES for y in p.years]
    vals = {nm: {"mean": mean[j], "sd": sd[j], "p5": q[0, j], "p50": q[1, j], "p95": q[2, j]}
            for j, nm in enumerate(names)}
    json.dump({"seconds": secs, "cpu_seconds": cpu, "draws": draws, "values": vals}, sys.stdout,
              indent=0)
    print()


if __name__ == "__main__":
    main()
