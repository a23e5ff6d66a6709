#!/usr/bin/python3
"""check_xlsx.py — reads results.xlsx back (openpyxl) and compares every
value with summary.json and the CSVs of the same folder (written with
--exact, so the CSVs hold every digit).

    check_xlsx.py run DIR        a run's folder
    check_xlsx.py compare DIR    a comparison's folder

Prints one line per problem and exits 1 when there is any."""
import csv
import json
import math
import os
import sys

import openpyxl

problems = []


def bad(msg):
    problems.append(msg)


def close(a, b, what):
    if isinstance(a, str) or a is None:
        bad(f"{what}: cell holds {a!r}, not a number (expected {b})")
        return
    if not math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12):
        bad(f"{what}: workbook {a!r}, expected {b!r}")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    sep = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(text.splitlines(), delimiter=sep))
    def num(s):
        return float(s.replace(",", ".")) if sep == ";" else float(s)
    return rows[0], rows[1:], num


def sheet(wb, name):
    if name not in wb.sheetnames:
        bad(f"no sheet '{name}' (sheets: {wb.sheetnames})")
        return None
    ws = wb[name]
    if ws.freeze_panes != "A2":
        bad(f"sheet '{name}': header row not frozen (freeze_panes {ws.freeze_panes})")
    return ws


def formatted(ws, name):
    """every numeric cell has a number format, every header a unit where it holds money"""
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, (int, float)) and c.number_format == "General":
                bad(f"sheet '{name}' {c.coordinate}: number without a format")
                return


def check_run(d):
    wb = openpyxl.load_workbook(os.path.join(d, "results.xlsx"))
    with open(os.path.join(d, "summary.json"), encoding="utf-8") as f:
        s = json.load(f)
    names = list(s["metrics"].keys())
    # Samenvatting: total and per tranche, in the order of summary.json
    ws = sheet(wb, "Samenvatting")
    if ws:
        formatted(ws, "Samenvatting")
        for i, m in enumerate(names):
            close(ws.cell(row=2 + i, column=2).value, s["metrics"][m], f"Samenvatting {m}")
            for k, t in enumerate(s["tranches"]):
                close(ws.cell(row=2 + i, column=3 + k).value, t["metrics"][m],
                      f"Samenvatting {m} tranche {t['id']}")
    # Per jaar = yearly.csv
    head, rows, num = read_csv(os.path.join(d, "yearly.csv"))
    ws = sheet(wb, "Per jaar")
    yearly = {}
    if ws:
        formatted(ws, "Per jaar")
        for i, r in enumerate(rows):
            y = ws.cell(row=2 + i, column=1).value
            if r[0] != "after" and y != int(r[0]):
                bad(f"Per jaar row {2 + i}: year {y}, yearly.csv {r[0]}")
            for c in range(1, len(head)):
                close(ws.cell(row=2 + i, column=1 + c).value, num(r[c]), f"Per jaar {r[0]} {head[c]}")
            yearly[r[0]] = {head[c]: num(r[c]) for c in range(1, len(head))}
        if ws.cell(row=2 + len(rows), column=1).value is not None:
            bad("Per jaar: more rows than yearly.csv")
    # Per jaar en tranche: summed over the tranches, the year's totals
    ws = sheet(wb, "Per jaar en tranche")
    if ws:
        formatted(ws, "Per jaar en tranche")
        sums = {}
        for row in ws.iter_rows(min_row=2, values_only=True):
            if row[0] is None:
                continue
            key = str(row[0]) if isinstance(row[0], int) else "after"
            a = sums.setdefault(key, [0.0, 0.0, 0.0])
            a[0] += row[3]
            a[1] += row[4]
            a[2] += row[6]
            if not math.isclose(row[5], row[3] - row[4], abs_tol=1e-9):
                bad(f"Per jaar en tranche {row[0]} {row[1]}: net {row[5]} is not paid − reclaimed")
        for y, v in yearly.items():
            a = sums.get(y, [0.0, 0.0, 0.0])
            for j, col in enumerate(("rijk_paid", "rijk_reclaimed", "spent")):
                if not math.isclose(a[j], v[col], rel_tol=1e-9, abs_tol=1e-9):
                    bad(f"Per jaar en tranche {y}: {col} sums to {a[j]}, yearly.csv {v[col]}")
    # Deals = deals.csv, number columns by position
    head, rows, num = read_csv(os.path.join(d, "deals.csv"))
    ws = sheet(wb, "Deals")
    cols = {"cofin_share": 6, "request": 7, "award": 8, "cofinancing": 9, "volume": 10,
            "last_year": 11, "spent": 13, "rijk_paid": 14, "reclaimed": 15, "retained": 16,
            "admin_region": 17, "admin_rijk": 18}
    if ws:
        formatted(ws, "Deals")
        for i, r in enumerate(rows):
            if ws.cell(row=2 + i, column=1).value != r[head.index("deal")]:
                bad(f"Deals row {2 + i}: deal {ws.cell(row=2 + i, column=1).value}, deals.csv {r[0]}")
            for name, c in cols.items():
                v = r[head.index(name)]
                if v == "":
                    if ws.cell(row=2 + i, column=c).value is not None:
                        bad(f"Deals {r[0]} {name}: should be empty")
                    continue
                close(ws.cell(row=2 + i, column=c).value, num(v), f"Deals {r[0]} {name}")
    # Regio's = regions.csv
    head, rows, num = read_csv(os.path.join(d, "regions.csv"))
    ws = sheet(wb, "Regio's")
    cols = {"population": 2, "fiscal_capacity": 3, "bw_pressure": 4, "cofin_share": 5,
            "award": 6, "award_per_capita": 7}
    if ws:
        formatted(ws, "Regio's")
        for i, r in enumerate(rows):
            for name, c in cols.items():
                close(ws.cell(row=2 + i, column=c).value, num(r[head.index(name)]),
                      f"Regio's {r[0]} {name}")
    # Onzekerheid = summary.json's uncertainty
    if "uncertainty" in s:
        ws = sheet(wb, "Onzekerheid")
        if ws:
            for i, m in enumerate(names):
                u = s["uncertainty"]["metrics"][m]
                for j, k in enumerate(("mean", "sd", "p5", "p50", "p95")):
                    close(ws.cell(row=2 + i, column=3 + j).value, u[k], f"Onzekerheid {m} {k}")
            draws = ws.cell(row=3 + len(names), column=2).value
            if draws != s["uncertainty"]["draws"]:
                bad(f"Onzekerheid: draws {draws}, summary.json {s['uncertainty']['draws']}")
    elif "Onzekerheid" in wb.sheetnames:
        bad("Onzekerheid without a Monte Carlo run")
    ws = sheet(wb, "Aannames en bronnen")
    if ws:
        n = sum(1 for r in ws.iter_rows(min_row=2, values_only=True) if r[0])
        if n < 10:
            bad(f"Aannames en bronnen: only {n} parameters")
        for r in ws.iter_rows(min_row=2, values_only=True):
            if r[0] and r[1] is None and r[2] is None:
                continue  # a note ("the other deals are on the sheet Deals")
            if r[0] and (not isinstance(r[2], (int, float)) or r[5] not in ("ja", "nee", "yes", "no")):
                bad(f"Aannames en bronnen: row {r}: value or estimate missing")
                break


def check_compare(d):
    wb = openpyxl.load_workbook(os.path.join(d, "results.xlsx"))
    head, rows, num = read_csv(os.path.join(d, "compare.csv"))
    ws = sheet(wb, "Vergelijking")
    if not ws:
        return
    formatted(ws, "Vergelijking")
    nsc = next(i for i, h in enumerate(head[2:]) if "_minus_" in h)  # the scenarios' own columns
    for i, r in enumerate(rows):
        for k in range(nsc):
            close(ws.cell(row=2 + i, column=3 + k).value, num(r[2 + k]), f"Vergelijking {r[0]} scenario {k + 1}")
        for k in range(1, nsc):
            close(ws.cell(row=2 + i, column=3 + nsc + 2 * (k - 1)).value,
                  num(r[head.index(head[2 + k] + "_minus_" + head[2])]),
                  f"Vergelijking {r[0]} difference {k + 1}")
    check_compare_draws(d, ws, [r[0] for r in rows], nsc)
    for name in ("Per tranche", "Regio's", "Aannames en bronnen"):
        sheet(wb, name)


def check_compare_draws(d, ws, metrics, nsc):
    """with draws: every Monte Carlo cell of Vergelijking against compare.json"""
    path = os.path.join(d, "compare.json")
    det = 2 + nsc + 2 * (nsc - 1)  # deterministic columns (A, B, then per scenario)
    if not os.path.exists(path):
        if ws.max_column != det:
            bad(f"Vergelijking: {ws.max_column} columns without draws, expected {det}")
        return
    u = json.load(open(path, encoding="utf-8"))["uncertainty"]
    if ws.max_column != det + 3 * nsc + 5 * (nsc - 1):
        bad(f"Vergelijking: {ws.max_column} columns with draws, expected {det + 3 * nsc + 5 * (nsc - 1)}")
    for k in range(nsc):
        h = ws.cell(row=1, column=det + 1 + 3 * k).value or ""
        if str(u["draws"]) not in h:
            bad(f"Vergelijking: header {h!r} does not name the {u['draws']} draws")
    for i, m in enumerate(metrics):
        js = u["metrics"][m]
        for k in range(nsc):
            for j, key in enumerate(("mean", "p5", "p95")):
                close(ws.cell(row=2 + i, column=det + 1 + 3 * k + j).value, js["scenarios"][k][key],
                      f"Vergelijking {m} scenario {k + 1} {key}")
        for k in range(1, nsc):
            dj = js["differences"][k - 1]
            if dj["vs"] != k:
                bad(f"compare.json {m}: difference {k - 1} is vs {dj['vs']}")
            for j, key in enumerate(("mean", "p5", "p95", "p_greater", "p_less")):
                c = ws.cell(row=2 + i, column=det + 1 + 3 * nsc + 5 * (k - 1) + j)
                close(c.value, dj[key], f"Vergelijking {m} difference {k + 1} {key}")
                if key.startswith("p_") and "%" not in c.number_format:
                    bad(f"Vergelijking {c.coordinate}: probability not formatted as a percentage")


if __name__ == "__main__":
    kind, d = sys.argv[1], sys.argv[2]
    (check_run if kind == "run" else check_compare)(d)
    for p in problems[:30]:
        print(f"{d}/results.xlsx: {p}")
    sys.exit(1 if problems else 0)
