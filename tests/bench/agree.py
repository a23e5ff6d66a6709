#!/usr/bin/python3
"""agree.py: do regiosim and the numpy reference compute the same model?

    agree.py REGIOSIM_RESULT_DIR REF.json

Compares the mean of every metric and yearly value of a regiosim Monte Carlo
(summary.json and yearly_bands.csv of its result folder) with the reference's
(ref_numpy.py output).  The two use different random numbers, so the means
differ by Monte Carlo error: z = |difference| / sqrt(sd_a^2/n_a + sd_b^2/n_b)
must stay under 5 for every value (with ~150 values, a |z| above 4 happens
by chance in fewer than 1 run in 100); values with no spread in either must
agree to 1e-9 relative.  Prints the worst z and exits 1 on a disagreement.
"""
import csv
import json
import math
import os
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: agree.py REGIOSIM_RESULT_DIR REF.json")
    out, refp = sys.argv[1], sys.argv[2]
    with open(os.path.join(out, "summary.json")) as f:
        unc = json.load(f)["uncertainty"]
    with open(refp) as f:
        ref = json.load(f)
    mine = {"metric " + k: v for k, v in unc["metrics"].items()}
    with open(os.path.join(out, "yearly_bands.csv")) as f:
        for row in csv.DictReader(f):
            mine["%s %s" % (row["series"], row["year"])] = {k: float(row[k]) for k in
                                                            ("mean", "sd")}
    na, nb = unc["draws"], ref["draws"]
    bad, worst, worst_name, n = [], 0.0, "", 0
    for name, b in ref["values"].items():
        a = mine.get(name)
        if a is None:
            bad.append("%s: not in regiosim's results" % name)
            continue
        n += 1
        se = math.sqrt(a["sd"] ** 2 / na + b["sd"] ** 2 / nb)
        d = abs(a["mean"] - b["mean"])
        scale = max(abs(a["mean"]), abs(b["mean"]), 1.0)
        if se < 1e-9 * scale:
            if d > 1e-9 * scale:
                bad.append("%s: regiosim %.12g, reference %.12g (no spread)" %
                           (name, a["mean"], b["mean"]))
            continue
        z = d / se
        if z > worst:
            worst, worst_name = z, name
        if z > 5:
            bad.append("%s: regiosim %.6g, reference %.6g, z = %.1f" %
                       (name, a["mean"], b["mean"], z))
    print("means of %d values, regiosim (%d draws) against numpy (%d draws): worst z = %.2f "
          "(%s)%s" % (n, na, nb, worst, worst_name, "" if not bad else ": DISAGREE"))
    for m in bad:
        print("  " + m)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
