#!/bin/sh
# Tests of what goes into a letter to Parliament (README "Charts, report and
# workbook"):
#
#   sh tests/output/run.sh ./regiosim        (from the repository root)
#
# 1. results.xlsx of a run (demo, with Monte Carlo) and of a three-scenario
#    comparison read back with openpyxl (check_xlsx.py): every value equals
#    summary.json and the CSVs, headers frozen, numbers formatted;
# 2. LibreOffice converts the workbook to PDF (soffice --headless);
# 3. in Dutch no code id of the label table (metric, series, rule, schedule,
#    allocation, obligation kind, status) appears in a chart script, the
#    report or the workbook's text;
# 4. report.html rendered in headless Chromium: every image loaded and the
#    page complete (its footer reached);
# 5. charts at 800x500 are drawn at that size.
# A tool that is not installed is reported as skipped, not as passed.

BIN=${1:?usage: sh tests/output/run.sh PATH-TO-REGIOSIM}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd) || exit 2
ROOT=$(cd "$HERE/../.." && pwd) || exit 2
cd "$ROOT" || exit 2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-output.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
failed() {
    fail=$((fail + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    for l in "$@"; do printf '  %s\n' "$l"; done
}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

"$BIN" run -q --exact -o "$TMP/demo" scenarios/demo.json 2>"$TMP/err" \
    || { failed "demo runs" "$(cat "$TMP/err")"; }
"$BIN" run -q --exact -o "$TMP/prog" scenarios/programme-baseline.json 2>"$TMP/err" \
    || { failed "programme runs" "$(cat "$TMP/err")"; }
"$BIN" compare -q --exact -o "$TMP/cmp" scenarios/t4-spuk.json scenarios/t4-du.json \
    scenarios/t4-as-spuk-light.json 2>"$TMP/err" || { failed "compare runs" "$(cat "$TMP/err")"; }

"$BIN" compare -q --exact --no-plots --draws 200 --seed 7 -o "$TMP/cmpmc" scenarios/t4-spuk.json \
    scenarios/t4-du.json scenarios/t4-as-spuk-light.json 2>"$TMP/err" \
    || { failed "compare --draws runs" "$(cat "$TMP/err")"; rm -rf "$TMP/cmpmc"; }

# 1. the workbook, read back
if "$PY" -c 'import openpyxl' 2>/dev/null; then
    for d in demo prog; do
        if out=$("$PY" "$HERE/check_xlsx.py" run "$TMP/$d" 2>&1); then ok; else
            failed "results.xlsx of $d matches summary.json and the CSVs" "$out"; fi
    done
    if out=$("$PY" "$HERE/check_xlsx.py" compare "$TMP/cmp" 2>&1); then ok; else
        failed "results.xlsx of compare matches compare.csv" "$out"; fi
    # with draws: the Monte Carlo columns of Vergelijking match compare.json
    if [ -d "$TMP/cmpmc" ]; then
        if out=$("$PY" "$HERE/check_xlsx.py" compare "$TMP/cmpmc" 2>&1); then ok; else
            failed "results.xlsx of compare --draws matches compare.json" "$out"; fi
        # the checker notices a changed Monte Carlo value
        cp -r "$TMP/cmpmc" "$TMP/cmpmut"
        "$PY" -c "import json,sys; p=sys.argv[1]; s=json.load(open(p)); s['uncertainty']['metrics']['rijk_net']['differences'][0]['p95'] += 0.001; json.dump(s, open(p, 'w'))" "$TMP/cmpmut/compare.json"
        if "$PY" "$HERE/check_xlsx.py" compare "$TMP/cmpmut" 2>&1 | grep -q 'rijk_net difference 2 p95'; then ok; else
            failed "check_xlsx.py notices a changed Monte Carlo value"; fi
    fi
    # the checker itself finds a wrong value
    cp -r "$TMP/demo" "$TMP/mut"
    "$PY" -c "import json,sys; p=sys.argv[1]; s=json.load(open(p)); s['metrics']['rijk_net'] += 0.001; json.dump(s, open(p, 'w'))" "$TMP/mut/summary.json"
    if "$PY" "$HERE/check_xlsx.py" run "$TMP/mut" 2>&1 | grep -q 'Samenvatting rijk_net'; then ok; else
        failed "check_xlsx.py notices a changed value"; fi
else
    echo "skipped: python3-openpyxl is not installed (workbook not read back)"
fi

# 2. LibreOffice opens it
if command -v soffice >/dev/null 2>&1; then
    prof=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-lo.XXXXXX")
    if timeout 180 soffice -env:UserInstallation=file://$prof --headless --convert-to pdf \
        --outdir "$TMP/pdf" "$TMP/demo/results.xlsx" >"$TMP/lo.log" 2>&1 \
        && [ -s "$TMP/pdf/results.pdf" ]; then ok; else
        failed "soffice --convert-to pdf opens results.xlsx" "$(cat "$TMP/lo.log")"; fi
    # the compare workbook with draws: LibreOffice prints the Vergelijking
    # sheet with its headers and its values as formatted cells (in its own
    # locale: 1,643.5 or 1.643,5), a difference below the report's
    # precision to the euro, on A4 landscape pages with the sheet's name
    if [ -s "$TMP/cmpmc/results.xlsx" ] && command -v pdftotext >/dev/null 2>&1; then
        if timeout 180 soffice -env:UserInstallation=file://$prof --headless --convert-to pdf \
            --outdir "$TMP/pdfmc" "$TMP/cmpmc/results.xlsx" >"$TMP/lo.log" 2>&1 \
            && [ -s "$TMP/pdfmc/results.pdf" ]; then
            pdftotext "$TMP/pdfmc/results.pdf" "$TMP/pdfmc/results.txt" 2>/dev/null
            out=$("$PY" - "$TMP/pdfmc/results.txt" "$TMP/cmpmc/compare.json" "$TMP/pdfmc/results.pdf" <<'PYEOF'
import json, re, subprocess, sys
text = open(sys.argv[1], encoding="utf-8").read()
words = set(text.split())
u = json.load(open(sys.argv[2], encoding="utf-8"))["uncertainty"]
def shown(x, dec):
    en = f"{x:,.{dec}f}"
    return {en, en.replace(",", "_").replace(".", ",").replace("_", ".")}
want = {
    "header Maatstaf": {"Maatstaf"}, "header Eenheid": {"Eenheid"},
    "header P(verschil > 0)": {"P(verschil"}, "header 'over 200 trekkingen'": {"trekkingen"},
    "metric label": {"Rijksuitgaven"}, "sheet name in the footer": {"Vergelijking"},
    "page numbers in Dutch": {"Pagina"},
}
rn, ret = u["metrics"]["rijk_net"], u["metrics"]["retained"]
want["mean of Netto Rijksuitgaven, scenario 3, #,##0.0"] = shown(rn["scenarios"][2]["mean"], 1)
want["P5 of the difference in Netto Rijksuitgaven, scenario 2"] = shown(rn["differences"][0]["p5"], 1)
want["P(> 0) as a percentage"] = {f"{100 * rn['differences'][0]['p_greater']:.2f}%",
                                  f"{100 * rn['differences'][0]['p_greater']:.2f}%".replace(".", ",")}
# 'Bij de regio's gebleven': about € 100 in every draw, to the euro (6 decimals)
want["difference in 'Bij de regio's gebleven' to the euro"] = shown(ret["differences"][0]["mean"], 6)
for what, alts in want.items():
    if not alts & words:
        print(f"{what}: none of {sorted(alts)} in the printed workbook")
if ret["differences"][0]["mean"] * 1e6 < 1 or ret["differences"][0]["p_greater"] != 1:
    print("the case is gone: 'Bij de regio's gebleven' no longer differs by a few euros in every draw")
info = subprocess.run(["pdfinfo", sys.argv[3]], capture_output=True, text=True).stdout
size = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+)", info)
if not size or abs(float(size.group(1)) - 842) > 2 or abs(float(size.group(2)) - 595) > 2:
    print(f"pages are not A4 landscape: {size.group(0) if size else info[:200]}")
PYEOF
)
            if [ -z "$out" ]; then ok; else failed "LibreOffice prints the Vergelijking sheet of compare --draws" "$out"; fi
        else
            failed "soffice --convert-to pdf opens the compare workbook" "$(cat "$TMP/lo.log")"
        fi
    fi
    rm -rf "$prof"
else
    echo "skipped: LibreOffice (soffice) is not installed"
fi

# 3. no code ids in Dutch output: files, and what the terminal shows
# (run, compare, sweep, sensitivity, explain, and the warnings of a
# tranche over its budget with dropped deals)
mkdir -p "$TMP/term"
WSET="--set tranches[T4].allocation=as_requested --set tranches[T4].budget=40 --set tranches[T4].deal_min=21"
"$BIN" run --no-plots -o "$TMP/t-run" scenarios/demo.json >"$TMP/term/run.txt" 2>&1
"$BIN" run --no-plots -o "$TMP/t-warn" scenarios/t4-du.json $WSET >"$TMP/term/warn.txt" 2>&1
"$BIN" compare --no-plots --draws 50 -o "$TMP/t-cmp" scenarios/t4-spuk.json scenarios/t4-du.json \
    $WSET >"$TMP/term/compare.txt" 2>&1
"$BIN" sweep --no-plots -o "$TMP/t-sweep" scenarios/t4-spuk.json --param instruments.spuk.off_goal_share \
    --from 0 --to 0.2 --steps 3 --param2 cofinancing.share --from2 0.3 --to2 0.5 --steps2 2 \
    >"$TMP/term/sweep.txt" 2>&1
"$BIN" sensitivity --no-plots --draws 20 -o "$TMP/t-sens" scenarios/t4-spuk.json --metric rijk_net \
    --factor instruments.spuk.off_goal_share=0,0.2 --factor instruments.spuk.deadline.extension_threshold=0,0.2 \
    --factor 'regions[twente].fiscal_capacity=0.8,1.2' >"$TMP/term/sensitivity.txt" 2>&1
for d in twente-t4 veluwe-t5; do
    "$BIN" explain scenarios/demo.json $d >"$TMP/term/explain-$d.txt" 2>&1
done
for t in "$TMP"/term/*.txt; do
    [ -s "$t" ] || failed "terminal output for the language check" "$t is empty"
done
ids=$("$BIN" list metrics | awk '{ print $1 }')
ids="$ids $(head -n 1 "$TMP/demo/yearly.csv" | sed 's/^\xEF\xBB\xBF//' | tr ',' ' ' | sed 's/^year //')"
for w in rules schedules allocations obligations; do
    ids="$ids $("$BIN" list $w | awk '{ print $1 }')"
done
ids="$ids awarded scaled dropped spent_cumulative"
# parameter ids a warning, explain, sweep or sensitivity could print
ids="$ids deal_min deal_cap cofin_capacity fiscal_capacity bw_pressure off_goal_share"
ids="$ids extension_threshold extension_years reclaim_share cofin_sources shortfall"
# ids that are also Dutch words ('deal', 'project', 'volume', 'plan') cannot be told apart
set -- $(printf '%s\n' $ids | grep -vx 'deal\|project\|volume\|plan' | sort -u)
[ $# -gt 40 ] || failed "the id list for the language check is complete" "only $# ids: $*"
"$PY" - "$TMP" "$@" >"$TMP/ids.out" 2>&1 <<'PYEOF'
import glob, re, sys, zipfile
tmp, ids = sys.argv[1], sys.argv[2:]
import html, json
# a chart's file name (cofinancing.png) is not text a reader sees
pat = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])(?!\.(png|svg|pdf|dat|gp)\b)")
# the scenarios' descriptions and the model files' sources are the author's
# prose, in any language
prose = []
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("description", "source") and isinstance(x, str) and x:
                yield x
            else:
                yield from walk(x)
    elif isinstance(v, list):
        for x in v:
            yield from walk(x)
for f in glob.glob("scenarios/*.json") + glob.glob("models/**/*.json", recursive=True):
    try:
        tree = json.load(open(f, encoding="utf-8"))
    except ValueError:
        continue
    for desc in walk(tree):
        xml = desc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        prose += [desc, html.escape(desc).replace("&#x27;", "&#39;"), xml, xml.replace('"', "&quot;"),
                  re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", desc)]
prose.sort(key=len, reverse=True)
texts = []
for d in ("demo", "prog", "cmp", "t-warn"):
    for p in glob.glob(f"{tmp}/{d}/plots/*.gp") + [f"{tmp}/{d}/report.md", f"{tmp}/{d}/report.html"]:
        t = open(p, encoding="utf-8").read()
        t = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]*", "", t)
        for q in prose:
            t = t.replace(q, "")
        texts.append((p, t))
    with zipfile.ZipFile(f"{tmp}/{d}/results.xlsx") as z:
        for n in z.namelist():
            if n.startswith("xl/sharedStrings") or n.startswith("xl/worksheets/sheet") or n == "xl/workbook.xml":
                t = z.read(n).decode("utf-8")
                for q in prose:
                    t = t.replace(q, "")
                texts.append((f"{d}/results.xlsx:{n}", t))
# the terminal: the result folder's path and file names are not words
for p in glob.glob(f"{tmp}/term/*.txt"):
    t = open(p, encoding="utf-8").read()
    t = re.sub(r"(resultaten|results) in \S+ \([^)]*\)", "", t)
    texts.append((p, t))
bad = 0
for p, t in texts:
    for m in pat.finditer(t):
        line = t[max(0, m.start() - 60): m.end() + 40].replace("\n", " ")
        print(f"{p}: code id '{m.group(1)}' in Dutch output: ...{line}...")
        bad += 1
        if bad > 20:
            sys.exit(1)
sys.exit(1 if bad else 0)
PYEOF
if [ $? -eq 0 ]; then ok; else failed "no code ids in Dutch charts, report, workbook and terminal output" "$(head -n 20 "$TMP/ids.out")"; fi
# the warnings are in the workbook too, in Dutch (t4-du.json over its budget)
if "$PY" -c 'import openpyxl' 2>/dev/null; then
    if "$PY" - "$TMP/t-warn/results.xlsx" <<'PYEOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Samenvatting"]
cells = [r[0] for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], str)]
want = ["Waarschuwingen",
        "tranche 'T4': de toekenningen overschrijden het budget van € 40 mln met € 15 mln (verdeling: zoals aangevraagd)",
        "deal 'flevoland-t4' vervalt: aanvraag € 18,2 mln is lager dan het minimum per deal (€ 21 mln)"]
missing = [w for w in want if w not in cells]
print("missing:", missing) if missing else None
sys.exit(1 if missing else 0)
PYEOF
    then ok; else failed "the workbook's Samenvatting lists the Dutch warnings"; fi
fi

# 4. the report in a browser
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
    for d in demo cmp; do
        cp "$TMP/$d/report.html" "$TMP/$d/check.html"
        cat >>"$TMP/$d/check.html" <<'HTML'
<script>
window.addEventListener('load', function () {
  var im = document.images, ok = 0;
  for (var i = 0; i < im.length; i++) if (im[i].complete && im[i].naturalWidth > 0) ok++;
  var e = document.createElement('div');
  e.id = 'rs-check';
  e.textContent = 'images ' + ok + '/' + im.length + ' footer ' + (document.querySelector('footer') ? 1 : 0);
  document.body.appendChild(e);
});
</script>
HTML
        prof=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-chromium.XXXXXX")
        timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$prof" --virtual-time-budget=10000 --dump-dom \
            "file://$TMP/$d/check.html" >"$TMP/dom.html" 2>/dev/null
        rm -rf "$prof"
        want=$(ls "$TMP/$d/plots/"*.png | wc -l)
        got=$(sed -n 's/.*<div id="rs-check">\([^<]*\)<\/div>.*/\1/p' "$TMP/dom.html")
        if [ "$got" = "images $want/$want footer 1" ] && [ "$want" -gt 0 ]; then ok; else
            failed "report.html of $d renders in Chromium with every image" \
                "expected 'images $want/$want footer 1', got '$got'"; fi
    done
    # printed, the compare report with draws (values, differences, the
    # Monte Carlo columns, the tables by tranche and by region) of three
    # and of five scenarios stays inside the A4 text area (595 pt page,
    # 14 mm margins: text ends at 555.6 pt), with headers broken between
    # words only
    if command -v pdftotext >/dev/null 2>&1 && [ -d "$TMP/cmpmc" ]; then
        for k in 3 5; do
            if [ $k -eq 3 ]; then
                set -- scenarios/t4-spuk.json scenarios/t4-du.json scenarios/t4-as-spuk-light.json
            else
                set -- scenarios/programme-baseline.json scenarios/t4-as-du.json \
                    scenarios/t4-as-spuk-light.json scenarios/t4-as-du-met-afspraken.json scenarios/all-du.json
            fi
            "$BIN" compare -q --draws 200 --seed 7 -o "$TMP/cmpa4-$k" "$@" 2>"$TMP/err" \
                || failed "compare of $k scenarios runs" "$(cat "$TMP/err")"
            prof=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-chromium.XXXXXX")
            timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
                --disable-background-networking --disable-component-update --disable-sync \
                --user-data-dir="$prof" --no-pdf-header-footer --print-to-pdf="$TMP/cmpa4-$k.pdf" \
                "file://$TMP/cmpa4-$k/report.html" >/dev/null 2>&1
            rm -rf "$prof"
            pdftotext -bbox "$TMP/cmpa4-$k.pdf" "$TMP/cmpa4-$k.bbox" 2>/dev/null
            out=$("$PY" - "$TMP/cmpa4-$k.bbox" "$k" <<'PYEOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
pages = re.findall(r'<page width="([0-9.]+)" height="([0-9.]+)"', t)
words = re.findall(r'xMax="([0-9.]+)"[^>]*>([^<]*)<', t)
if not pages or any(abs(float(w) - 595) > 1 or abs(float(h) - 842) > 1 for w, h in pages):
    print(f"pages are not A4: {pages[:2]}")
text = " ".join(w for _, w in words)
if len(words) < 500 or "Verschil:" not in text:
    print(f"the printed report is incomplete ({len(words)} words)")
for h in ("Per tranche", "Per regio"):
    if h not in text:
        print(f"no section '{h}' in the printed report")
# a header is broken between words, never inside one ('eenh eid', 'tran
# che'): no piece of a header word is printed as a word of its own
got = {w for _, w in words}
for h in ("maatstaf", "eenheid", "tranche", "regio"):
    if h not in got:
        print(f"the header '{h}' is not printed as one word")
    pieces = sorted(w for w in got if w != h and w != "een" and len(w) < len(h) and
                    ((len(w) >= 3 and h.startswith(w)) or (len(w) >= 2 and h.endswith(w))))
    if pieces:
        print(f"the header '{h}' is broken inside the word: {pieces}")
# five scenarios: the changes by tranche and region in tables of their own
if sys.argv[2] == "5" and text.count("Verschil met de basis:") < 2:
    print("with five scenarios the changes by tranche and by region are not tables of their own")
# the programme's awards are fixed: the table by region shows what moves
if sys.argv[2] == "5" and "De Rijksbijdrage per regio verandert in geen scenario" not in text:
    print("the table by region of the programme does not say that it shows what moves")
if sys.argv[2] == "3" and "Rijksbijdrage per inwoner in euro" not in text:
    print("the table by region of three scenarios is not the award per inhabitant")
out = [w for x, w in words if float(x) > 595.3 - 14 * 72 / 25.4 + 0.5]
if out:
    print(f"{len(out)} words right of the text area: {out[:8]}")
PYEOF
)
            if [ -z "$out" ]; then ok; else failed "compare report of $k scenarios prints within an A4 page" "$out"; fi
        done
    fi
else
    echo "skipped: chromium is not installed (report not rendered)"
fi

# 6. a difference and its probability agree at the precision shown
# (docs/report.md): in compare.md of three scenarios with draws no row
# shows a mean and a P5–P95 band of 0 beside a probability; the case
# that showed it ('Bij de regio's gebleven', a few euros more under the
# DU in every draw) reads '≈ 0' without one, and the sentence gives it in
# euros; the terminal table has no Markdown escapes
if [ -s "$TMP/cmpmc/compare.md" ]; then
    "$BIN" compare --no-plots --draws 200 --seed 7 -o "$TMP/cmpterm" scenarios/t4-spuk.json \
        scenarios/t4-du.json scenarios/t4-as-spuk-light.json >"$TMP/cmpterm.txt" 2>&1
    out=$("$PY" - "$TMP/cmpmc/compare.md" "$TMP/cmpterm.txt" <<'PYEOF'
import re, sys
md = open(sys.argv[1], encoding="utf-8").read()
term = open(sys.argv[2], encoding="utf-8").read()
zero = re.compile(r"^[+-]?0([.,]0+)?$")
rows, approx = 0, []
for line in md.splitlines():
    c = [x.strip() for x in line.strip().strip("|").split("|")]
    if len(c) != 7 or c[0] in ("maatstaf", ":---"):
        continue
    rows += 1
    mean, band, prob = c[4], c[5], c[6]
    lo_hi = [x.strip() for x in band.split("…")]
    if zero.match(mean) and len(lo_hi) == 2 and all(zero.match(x) for x in lo_hi) and prob.endswith("%"):
        print(f"row '{c[0]}': difference {mean}, band {band} beside a probability {prob}")
    if mean == "≈ 0":
        approx.append(c[0])
        if band != "≈ 0" or prob != "–":
            print(f"row '{c[0]}': '≈ 0' with band {band!r} and probability {prob!r}")
if rows < 50:
    print(f"only {rows} rows of differences in compare.md")
if "Bij de regio's gebleven" not in approx:
    print(f"'Bij de regio's gebleven' of the DU is not '≈ 0' (rows with ≈ 0: {approx})")
if "≈ 0: het gemiddelde verschil" not in md:
    print("no note under the table that explains '≈ 0'")
s = [l for l in term.splitlines() if "bij de regio's achterblijft" in l and "decentralisatie-uitkering:" in l]
if not s or "verwaarloosbaar" not in s[0] or not re.search(r"gemiddeld \+€ [0-9]{1,3}, ", s[0]):
    print(f"the sentence on money kept by the regions is not in euros: {s[:1]}")
if "\\>" in term or "\\_" in term:
    print("the terminal table shows Markdown escapes")
if "kans > 0" not in term:
    print("the terminal table has no column 'kans > 0'")
# t4-as-spuk-light.json is the whole programme (82 deals), the baseline 5 deals
if "waarschuwing: ‘Tranche 4 als SPUK met lichte verantwoording’ gaat niet over dezelfde deals als de basis ‘Tranche 4 als specifieke uitkering’ (82 tegen 5 deals" not in term:
    print("no warning that the third scenario is not about the baseline's deals")
if "‘Tranche 4 als decentralisatie-uitkering’ gaat niet over" in term:
    print("a warning of other deals for t4-du.json, which has the baseline's five")
PYEOF
)
    if [ -z "$out" ]; then ok; else failed "difference and probability agree as shown (≈ 0 rule)" "$out"; fi
    if grep -q "^Let op: ‘Tranche 4 als SPUK met lichte verantwoording’ gaat niet over dezelfde deals" \
        "$TMP/cmpterm/report.md"; then ok; else
        failed "the report says at its top that a scenario is not about the baseline's deals"; fi
fi

# 5. a small chart is drawn at its size
"$BIN" run -q --size 800x500 -o "$TMP/small" scenarios/demo.json 2>"$TMP/err"
if [ -s "$TMP/small/plots/cashflow.png" ] && \
   [ "$(od -An -tu1 -j16 -N8 "$TMP/small/plots/cashflow.png" | tr -s ' ' | sed 's/^ //')" = "0 0 3 32 0 0 1 244" ]; then ok; else
    failed "--size 800x500 draws 800x500 images" "$(cat "$TMP/err")"; fi
"$BIN" run -q --size 80x5 -o "$TMP/bad" scenarios/demo.json 2>"$TMP/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "WIDTHxHEIGHT" "$TMP/err" && [ ! -e "$TMP/bad" ]; then ok; else
    failed "--size 80x5 is a usage error (exit 2), nothing written" "exit $rc: $(cat "$TMP/err")"; fi
"$BIN" run -q --style "$TMP/none.gp" -o "$TMP/bad" scenarios/demo.json 2>"$TMP/err"
rc=$?
if [ $rc -eq 4 ] && grep -q "cannot read the chart style" "$TMP/err" && [ ! -e "$TMP/bad" ]; then ok; else
    failed "--style with a missing file exits 4, nothing written" "exit $rc: $(cat "$TMP/err")"; fi
# another house style: a changed file, not C code
sed 's/^donkerblauw = .*/donkerblauw = "#123456"/' plots/rijkshuisstijl.gp >"$TMP/house.gp"
printf 'set key top left\n' >"$TMP/layout-cashflow.gp"
"$BIN" run -q --style "$TMP/house.gp" --font "DejaVu Sans" -o "$TMP/house" scenarios/demo.json 2>"$TMP/err"
if grep -q '#123456' "$TMP/house/plots/cashflow.gp" && grep -q "set key top left" "$TMP/house/plots/cashflow.gp" \
   && grep -q "font 'DejaVu Sans," "$TMP/house/plots/cashflow.gp" && [ -s "$TMP/house/plots/cashflow.png" ]; then ok; else
    failed "--style FILE and its layout-cashflow.gp, --font" "$(cat "$TMP/err")"; fi

# a scenario's short 'label' names it in the source line and the comparison
printf '{"extends": "%s/scenarios/demo.json", "label": "Demo kort"}\n' "$ROOT" >"$TMP/labelled.json"
"$BIN" compare -q --no-plots -o "$TMP/lab" scenarios/t4-spuk.json "$TMP/labelled.json" 2>"$TMP/err"
"$BIN" run -q -o "$TMP/labrun" "$TMP/labelled.json" 2>>"$TMP/err"
if grep -q "| Demo kort |" "$TMP/lab/report.md" && grep -qF "scenario '.\"'\".'Demo kort'" "$TMP/labrun/plots/cashflow.gp"; then ok; else
    failed "'label' names the scenario in the report and the source line" "$(cat "$TMP/err")"; fi
printf '{"extends": "%s/scenarios/demo.json", "label": ""}\n' "$ROOT" >"$TMP/badlabel.json"
"$BIN" validate "$TMP/badlabel.json" >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc -eq 3 ] && grep -q '\$.label: must be 1 to 60 characters' "$TMP/err"; then ok; else
    failed "an empty 'label' is invalid (exit 3)" "exit $rc: $(cat "$TMP/err")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
