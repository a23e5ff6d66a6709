# guarantees.sh — sourced by run.sh (sections 12 to 21): what a scenario
# file or a results folder from a stranger can never make regiosim do.
# Uses run.sh's helpers (r, expect, ok, failed, outputs_ok) and $TMP, $BIN.
#
# 12 output confinement and data loss, 13 plot runs no script, 14 text
# that reaches gnuplot, 15 constant ranges (hangs), 16 Ctrl-C to the
# process group while charts are drawn, 17 limits, 18 text in every
# output language, 19 faults while charts are written, 20 Dutch numbers,
# 21 SIGINT and SIGTERM while two gnuplots draw.

HAVE_GNUPLOT=0
command -v gnuplot >/dev/null 2>&1 && HAVE_GNUPLOT=1
[ $HAVE_GNUPLOT = 1 ] || echo "note: gnuplot not installed: chart cases skipped"

# json_child FILE PYTHON-FREE-JSON-MEMBERS: a scenario extending the worked example
jchild() { printf '{"extends": "%s", %s}\n' "$WE" "$2" >"$1"; }

# --------------------------------------- 12. output confinement, data loss
G=$TMP/g12
mkdir -p "$G/cwd"
# a scenario's output.dir: relative, below the current folder, no '..'
for d in "$G/victim" "../victim" "a/../../victim" "." "./" "a/.."; do
    jchild "$G/od.json" "\"output\": {\"dir\": \"$d\"}"
    (cd "$G/cwd" && timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS "$G/od.json" >"$OUT" 2>"$ERR")
    rc=$?
    expect "output.dir '$d' is refused" "3" "\$.output.dir" || :
done
[ -e "$G/victim" ] && failed "output.dir: nothing was written outside" "found $G/victim"
jchild "$G/od.json" '"output": {"dir": "sub/res"}'
(cd "$G/cwd" && timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS "$G/od.json" >"$OUT" 2>"$ERR")
rc=$?
expect "output.dir 'sub/res' is written below the current folder" "0" &&
    { [ -s "$G/cwd/sub/res/summary.json" ] && ok || failed "output.dir 'sub/res': no $G/cwd/sub/res/summary.json"; }

# a folder with a summary.json (or compare.csv) of its own is not a result
for mark in summary.json compare.csv; do
    rm -rf "$G/thesis"
    mkdir -p "$G/thesis/src"
    echo '{}' >"$G/thesis/$mark"
    echo "chapter 1" >"$G/thesis/thesis.tex"
    echo "int main;" >"$G/thesis/src/main.c"
    r run -q $NOPLOTS -o "$G/thesis" "$WE"
    expect "a folder with its own $mark is left alone" "4" "is not a result regiosim can replace" || :
    [ "$(cat "$G/thesis/thesis.tex" 2>/dev/null)" = "chapter 1" ] && [ -s "$G/thesis/src/main.c" ] &&
        [ "$(ls -A "$G/thesis" | wc -l)" = 3 ] && ok ||
        failed "a folder with its own $mark: its files are kept, nothing added" "now: $(ls -A "$G/thesis" | tr '\n' ' ')"
done
# a real result with one file added, or one file changed, is not replaced
rm -rf "$G/res"
r run -q $NOPLOTS -o "$G/res" "$WE"
echo "my notes" >"$G/res/notes.txt"
r run -q $NOPLOTS -o "$G/res" "$WE"
expect "a result with a file added is left alone" "4" "it holds 'notes.txt', which regiosim did not write" || :
[ -s "$G/res/notes.txt" ] && ok || failed "a result with a file added: the file is kept"
rm -f "$G/res/notes.txt"
echo "edited" >>"$G/res/yearly.csv"
r run -q $NOPLOTS -o "$G/res" "$WE"
expect "a result with a changed file is left alone" "4" "'yearly.csv' was changed after regiosim wrote it" || :
grep -q edited "$G/res/yearly.csv" && ok || failed "a result with a changed file: the change is kept"
# an empty folder of the user's, a forged marker: never emptied
rm -rf "$G/empty" && mkdir -p "$G/empty/keep"
r run -q $NOPLOTS -o "$G/empty" "$WE"
expect "an empty folder tree of the user's is left alone" "4" "is not a result regiosim can replace" || :
[ -d "$G/empty/keep" ] && ok || failed "an empty folder tree: kept"
rm -rf "$G/forged" && mkdir -p "$G/forged" && echo "precious" >"$G/forged/data.txt"
printf 'regiosim result folder: written by regiosim; do not edit\nversion 0.1.0\nf 1 0000000000000000 data.txt\n' >"$G/forged/.regiosim-result"
r run -q $NOPLOTS -o "$G/forged" "$WE"
expect "a marker that does not match the files is not enough" "4" "'data.txt' was changed" || :
[ "$(cat "$G/forged/data.txt")" = precious ] && ok || failed "a forged marker: data.txt kept"
# a failed run leaves no new empty parent folders
r run -q $NOPLOTS -o "$G/new/a/b/c/res" "$TMP/does-not-exist.json"
[ -e "$G/new" ] && failed "a failed run leaves no parent folders" "found $G/new" || ok
mkdir -p "$G/ro" && touch "$G/ro/x"
if [ "$(id -u)" != 0 ]; then
    chmod 555 "$G/ro"
    r run -q $NOPLOTS -o "$G/ro/a/b/res" "$WE"
    expect "cannot create the result's folder" "4" "cannot create folder" || :
    chmod 755 "$G/ro"
fi
mkdir -p "$G/p2"
(ulimit -f 2 2>/dev/null; trap "" XFSZ; timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS -o "$G/p2/x/y/res" "$DEMO" >"$OUT" 2>"$ERR")
rc=$?
expect "a run that fails while writing" "4" "cannot write" || :
[ -z "$(ls -A "$G/p2")" ] && ok || failed "a run that fails while writing leaves no parent folders" "found: $(ls -A "$G/p2")"
# -o on a symbolic link: followed to an existing result; a dangling one refused
rm -rf "$G/target" "$G/link"
r run -q $NOPLOTS -o "$G/target" "$WE"
ln -s "$G/target" "$G/link"
r run -q $NOPLOTS -o "$G/link" "$DEMO"
expect "-o on a symbolic link to a result" "0" || :
if [ -L "$G/link" ] && grep -q '"file": ".*demo.json"' "$G/target/summary.json" && [ -z "$(ls -d "$G"/target.tmp-* 2>/dev/null)" ]; then
    ok
else
    failed "-o on a symbolic link: the link stays and its target is the new result"
fi
rm -f "$G/link" && ln -s "$G/nowhere" "$G/link"
r run -q $NOPLOTS -o "$G/link" "$WE"
expect "-o on a dangling symbolic link" "4" "symbolic link to a folder that does not exist" || :
[ -e "$G/nowhere" ] && failed "-o on a dangling link: nothing is created at its target" || ok
rm -rf "$G"

# ------------------------------------------------ 13. plot runs no script
G=$TMP/g13
mkdir -p "$G"
if [ $HAVE_GNUPLOT = 1 ]; then
    r run -q -o "$G/res" "$WE"
    expect "plot: the reference result" "0" || :
    # a folder from someone else: a script with commands in it, a marker
    # that matches (anyone can write one)
    printf 'system("touch %s/PWNED-plot")\n' "$G" >>"$G/res/plots/cashflow.gp"
    r plot "$G/res"
    expect "plot: a changed script is not run, the folder is refused" "4" "was changed after regiosim wrote it" || :
    # rewrite the marker so that the script's hash matches: still not run
    sz=$(wc -c <"$G/res/plots/cashflow.gp")
    hash=$(python3 -c 'import sys
h=14695981039346656037
for b in open(sys.argv[1],"rb").read():
    h^=b; h=(h*1099511628211)%(1<<64)
print("%016x"%h)' "$G/res/plots/cashflow.gp" 2>/dev/null)
    if [ -n "$hash" ]; then
        sed -i "s|^f [0-9]* [0-9a-f]* plots/cashflow.gp\$|f $sz $hash plots/cashflow.gp|" "$G/res/.regiosim-result"
        rm -f "$G/res/plots/"*.png
        r plot "$G/res"
        expect "plot: a forged folder is redrawn from its scenario" "0" || :
        [ -e "$G/PWNED-plot" ] && failed "plot ran a script found in the folder" || ok
        grep -q PWNED "$G/res/plots/cashflow.gp" && failed "plot kept the foreign script" || ok
        [ -s "$G/res/plots/cashflow.png" ] && ok || failed "plot: cashflow.png redrawn"
    else
        echo "note: python3 missing: the forged-marker plot case is skipped"
    fi
    # a folder without scenario.json (a comparison, an older result)
    rm -rf "$G/cmp"
    r compare -q -o "$G/cmp" "$WE" "$DEMO"
    r plot "$G/cmp"
    expect "plot: a comparison is not a run result" "4" "holds no scenario.json" || :
fi
rm -rf "$G"

# -------------------------------------------- 14. text that reaches gnuplot
G=$TMP/g14
mkdir -p "$G"
if [ $HAVE_GNUPLOT = 1 ] && command -v python3 >/dev/null 2>&1; then
    python3 - "$WE" "$G/q.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
evil = ["'s-Hertogenbosch", "'t Gooi ''x''", "a\"b", "\\ back\\", "`touch PWNED-bq`", "é ü € …", "\"'s-Gravenhage"]
s["name"] = "'s-Hertogenbosch '' \" \\ `touch PWNED-name` é"
base = s["regions"][0]
s["regions"] = [dict(base, id="r%d" % i, name=n) for i, n in enumerate(evil)]
s["deals"] = [dict(s["deals"][0], id="'d%d\"`x`" % i, region="r%d" % i, request=10 + i) for i in range(len(evil))]
s["tranches"][0]["id"] = "'T''\"`"
for d in s["deals"]:
    d["tranche"] = s["tranches"][0]["id"]
ins = s["instruments"]["spuk"]
ins["name"] = "''`\"\\"
ins["admin"] = {"tariff": {"region": 85, "rijk": 95}, "obligations": [
    {"name": "'Verantwoording '' \"`x`" + "lang" * 40, "side": "region", "hours": 100, "per": "deal_year"}]}
json.dump(s, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
    (cd "$G" && timeout -k 5 "$TIMEOUT" "$BIN" run -q -o "$G/res" "$G/q.json" >"$OUT" 2>"$ERR")
    rc=$?
    expect "quotes, backslashes, backquotes in every name" "0" || :
    grep -q "was not drawn\|is niet getekend" "$ERR" && failed "every chart is drawn with quotes in names" "$(grep -m1 'not drawn\|niet getekend' "$ERR")" || ok
    [ -n "$(find "$G" -name 'PWNED*')" ] && failed "names ran nothing" || ok
    # every bar of the regions chart: gnuplot reads one record per region
    n=$(cd "$G/res/plots" && gnuplot -e "set datafile separator '\t'; stats 'regions.dat' using 1:2 nooutput; print STATS_records" 2>&1)
    [ "$n" = 7 ] && ok || failed "a '\"' in a region name: gnuplot reads every region's bar" "read $n of 7"
    # labels come from the script, cut by characters: valid UTF-8
    iconv -f UTF-8 -t UTF-8 "$G/res/plots/"*.gp "$G/res/plots/"*.dat >/dev/null 2>&1 && ok ||
        failed "chart scripts and data are valid UTF-8"
    grep -q "lang[a-z]*…" "$G/res/plots/burden.gp" && ok || failed "a long obligation name is shortened in the chart"
    grep -q "\(lang\)\{40\}" "$G/res/plots/burden.dat" && ok || failed "the data file keeps the whole obligation name"
    # a 200-character name of 3-byte characters: the footer is cut by characters
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); s["name"]="€"*200; json.dump(s,open(sys.argv[2],"w"),ensure_ascii=False)' "$G/q.json" "$G/long.json"
    r run -q -o "$G/long" "$G/long.json"
    expect "a name of 200 '€'" "0" || :
    iconv -f UTF-8 -t UTF-8 "$G/long/plots/cashflow.gp" "$G/long/report.html" >/dev/null 2>&1 && ok ||
        failed "a long multi-byte name: scripts and report stay valid UTF-8"
fi
rm -rf "$G"

# --------------------------------------- 15. constant ranges never hang
if [ $HAVE_GNUPLOT = 1 ]; then
    G=$TMP/g15
    start=$(date +%s)
    r sweep "$ROOT/scenarios/programme-baseline.json" --param cofinancing.share --from 0.3 --to 0.7 --steps 9 -o "$G/sweep"
    expect "sweep of a metric constant up to rounding" "0" || :
    grep -q "(constant)" "$G/sweep/plots/sweep.gp" && ok || failed "sweep: a constant metric's axis says 'constant'"
    r run -q "$ROOT/scenarios/t4-spuk.json" --histogram goal_per_rijk_net -o "$G/hist"
    expect "histogram of a constant metric" "0" || :
    [ -s "$G/hist/plots/histogram-goal-per-rijk-net.png" ] && ok || failed "histogram of a constant metric is drawn"
    echo "note: constant-range sweep and histogram in $(($(date +%s) - start)) s"
    rm -rf "$G"
fi

# ------------- 16. Ctrl-C (SIGINT to the process group) while charts are drawn
# 50 tries at moments spread over the chart phase of a Monte Carlo run
# (OpenMP workers exist): the old result stays or the new one is complete,
# and no DIR.tmp-* is left.
if [ $HAVE_GNUPLOT = 1 ] && command -v setsid >/dev/null 2>&1 && env --default-signal=INT true 2>/dev/null; then
    G=$TMP/g16
    mkdir -p "$G"
    r run -q --draws 64 -o "$G/res" "$WE"
    old=$(cksum <"$G/res/summary.json")
    bad=0 tmpleft=0 killed=0 start=$(date +%s)
    for i in $(seq 1 50); do
        setsid env --default-signal=INT "$BIN" run -q --draws 64 --threads 2 -o "$G/res" "$WE" >/dev/null 2>&1 &
        pid=$!
        k=0
        while [ $k -lt 400 ] && ! ls -d "$G"/res.tmp-*/plots >/dev/null 2>&1 && kill -0 $pid 2>/dev/null; do
            sleep 0.002
            k=$((k + 1))
        done
        # spread over the chart phase: 0 to 0.49 s after plots/ appears
        sleep "0.$(( (i * 7) % 50 ))" 2>/dev/null
        kill -INT -$pid 2>/dev/null && killed=$((killed + 1))
        wait $pid
        if ls -d "$G"/res.tmp-* >/dev/null 2>&1; then
            tmpleft=$((tmpleft + 1))
            rm -rf "$G"/res.tmp-*
        fi
        if [ ! -s "$G/res/summary.json" ] || ! [ -s "$G/res/.regiosim-result" ]; then
            bad=$((bad + 1))
            rm -rf "$G/res"
            "$BIN" run -q --draws 64 -o "$G/res" "$WE" >/dev/null 2>&1
        fi
    done
    echo "note: 50 group SIGINTs during the charts ($killed hit a running process) in $(($(date +%s) - start)) s"
    [ $tmpleft = 0 ] && ok || failed "SIGINT to the process group during the charts" "$tmpleft of 50 left DIR.tmp-*"
    [ $bad = 0 ] && ok || failed "SIGINT to the process group during the charts" "$bad of 50 left no complete result"
    rm -rf "$G"
else
    echo "note: skipped the group-SIGINT case (needs gnuplot, setsid and env --default-signal)"
fi

# ---------------------------------------------------------------- 17. limits
G=$TMP/g17
mkdir -p "$G"
# sweep counts: each capped before the product (2^32 × 2^32 overflowed)
r sweep "$WE" --param discount_rate --from 0 --to 0.1 --steps 4294967296 \
    --param2 realisation.mean --from2 0.5 --to2 0.9 --steps2 4294967296 -o "$G/sw"
expect "sweep --steps 2^32 --steps2 2^32" "2" "--steps 4294967296 is too many (at most 100000 points)" || :
r sweep "$WE" --param discount_rate --from 0 --to 0.1 --steps 2 \
    --param2 realisation.mean --from2 0.5 --to2 0.9 --steps2 9223372036854775807 -o "$G/sw"
expect "sweep --steps2 2^63-1" "2" "--steps2 9223372036854775807 is too many" || :
r sweep "$WE" --param discount_rate --from 0 --to 0.1 --steps 1000 \
    --param2 realisation.mean --from2 0.5 --to2 0.9 --steps2 1000 -o "$G/sw"
expect "sweep 1000 × 1000 points" "2" "= 1000000 points is too many (at most 100000)" || :
# draws: a file may ask for 100,000 on its own; more need --draws
jchild "$G/d.json" '"uncertainty": {"draws": 1000000000, "seed": 1, "realisation": {"mean": 0.8, "concentration": 20}}'
for cmd in run compare; do
    if [ $cmd = compare ]; then r compare -q $NOPLOTS -o "$G/dc" "$WE" "$G/d.json"; else r run -q $NOPLOTS -o "$G/d" "$G/d.json"; fi
    expect "$cmd: 1e9 draws in a file need --draws" "2" "more than the 100000 a scenario file may ask for on its own" || :
done
r sweep "$G/d.json" --param discount_rate --from 0 --to 0.1 --steps 2 -o "$G/ds"
expect "sweep: 1e9 draws in a file need --draws" "2" "--draws 1000000000" || :
r run -q $NOPLOTS --draws 99999999999 -o "$G/d" "$WE"
expect "a huge --draws names the option" "2" "--draws takes a whole number from 1 to 4294967295" || :
grep -q 'uncertainty' "$ERR" && failed "a huge --draws does not blame the scenario" || ok
# seeds: recorded exactly, and --seed takes back what summary.json records
r run -q $NOPLOTS --draws 50 --seed 4294967295 -o "$G/s1" "$WE"
expect "the largest seed" "0" || :
seed=$(sed -n 's/.*"seed": *\([0-9]*\).*/\1/p' "$G/s1/summary.json" | head -n 1)
[ "$seed" = 4294967295 ] && ok || failed "summary.json records the seed exactly" "recorded: $seed"
r run -q $NOPLOTS --draws 50 --seed "$seed" -o "$G/s2" "$WE"
expect "--seed takes the recorded seed" "0" || :
cmp -s "$G/s1/yearly_bands.csv" "$G/s2/yearly_bands.csv" && ok || failed "the recorded seed repeats the run"
r run -q $NOPLOTS --draws 50 --seed 9007199254740993 -o "$G/s3" "$WE"
expect "a seed above 2^53" "2" "--seed takes a whole number from 0 to 4294967295" || :
jchild "$G/seed.json" '"uncertainty": {"draws": 10, "seed": 9007199254740993, "realisation": {"mean": 0.8, "concentration": 20}}'
r validate "$G/seed.json"
expect "a seed above 2^53 in a file" "3" "\$.uncertainty.seed" || :
# the memory budget: refused by the loader, before anything is allocated
awk 'BEGIN {
    printf "{\"horizon\": {\"start\": 2023, \"end\": 2122}, \"regions\": [{\"id\": \"r\", \"name\": \"R\", \"population\": 1000, \"fiscal_capacity\": 1, \"bw_pressure\": 0.5}],"
    printf " \"instruments\": {\"s\": {\"id\": \"s\", \"name\": \"S\", \"payment\": {\"schedule\": \"plan\", \"lag\": 100}, \"deadline\": {\"extension_years\": 100, \"extension_threshold\": 0.05}, \"settlement\": {\"lag\": 100, \"reclaim_share\": 1}}},"
    printf " \"cofinancing\": {\"rule\": \"flat\", \"share\": 0.5, \"shortfall\": \"scale\"},"
    printf " \"tranches\": [{\"id\": \"T\", \"year\": 2023, \"budget\": 1e9, \"instrument\": \"s\", \"allocation\": \"pro_rata\"}], \"deals\": ["
    for (i = 0; i < 40000; i++) printf "%s{\"id\": \"d%d\", \"region\": \"r\", \"tranche\": \"T\", \"request\": 1, \"duration\": 100}", (i ? "," : ""), i
    printf "]}\n" }' >"$G/mem.json"
start=$(date +%s.%N)
(ulimit -v 1048576 2>/dev/null; timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS -o "$G/mem" "$G/mem.json" >"$OUT" 2>"$ERR")
rc=$?
echo "note: a scenario needing 2.9 GB: exit $rc in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
expect "a scenario above the memory budget" "3" "more than the 2048 MB regiosim allows one scenario" || :
rm -rf "$G"

# ------------------------------------- 18. text in every output language
G=$TMP/g18
mkdir -p "$G"
# control characters, after JSON decoding and raw in a CSV region file
for c in '\u001b]0;owned\u0007' '\u0007' 'a\rb' '\u007f' '\u0085' '\u009b31m' 'x\ny' 'x\ty'; do
    jchild "$G/c.json" "\"name\": \"Regio $c\""
    r validate "$G/c.json"
    expect "a control character in the name ($c)" "3" "\$.name: text holds the control character" || :
    jchild "$G/c.json" "\"regions\": [{\"id\": \"voorbeeld\", \"name\": \"V$c\", \"population\": 100000, \"fiscal_capacity\": 1, \"bw_pressure\": 0.5}]"
    r run -q $NOPLOTS -o "$G/cr" "$G/c.json"
    expect "a control character in a region name ($c), run" "3" "\$.regions[0].name: text holds the control character" || :
done
r explain "$WE" "$(printf 'voorbeeld-deal\033]0;x\007')"
grep -q "$(printf '\033')" "$OUT" "$ERR" && failed "explain never echoes an escape character" || ok
r run -q "$(printf 'no\033]52;c;eA==\007.json')"
grep -q "$(printf '\033')" "$ERR" && failed "a file name's escape characters are not echoed" || ok
printf 'id,name,population,fiscal_capacity,bw_pressure\nvoorbeeld,V\033[2Kx,100000,1,0.5\n' >"$G/ctl.csv"
printf '{"extends": "%s", "regions": "ctl.csv"}\n' "$WE" >"$G/ctl.json"
r validate "$G/ctl.json"
expect "a raw escape character in a CSV region file" "3" "ctl.csv:2: column 'name' holds the control character U+001B" || :
jchild "$G/c.json" '"instruments": {"spuk": {"note\u001b": "x"}}'
r validate "$G/c.json"
expect "a control character in a key" "3" "a key holds the control character" || :
# CSV formula injection: neutralised as OWASP recommends (tranche ids are
# free text; a deal id may start with '-')
jchild "$G/f.json" '"tranches": [{"id": "=HYPERLINK(\"http://x\")", "year": 2023, "budget": 100, "instrument": "spuk"}, {"id": "@SUM(1)", "year": 2023, "budget": 100, "instrument": "spuk"}, {"id": "+1+1", "year": 2023, "budget": 100, "instrument": "spuk"}], "deals": [{"id": "-1-2", "region": "voorbeeld", "tranche": "=HYPERLINK(\"http://x\")", "request": 20, "duration": 4}, {"id": "b", "region": "voorbeeld", "tranche": "@SUM(1)", "request": 20, "duration": 4}, {"id": "c", "region": "voorbeeld", "tranche": "+1+1", "request": 20, "duration": 4}]'
for d in en nl; do
    r run -q $NOPLOTS --csv $d -o "$G/f-$d" "$G/f.json"
    expect "formula-like ids, csv $d" "0" || continue
    if grep -q -E '(^|[,;])[=+@-]' "$G/f-$d/deals.csv"; then
        failed "formula-like ids are not written as formulas (csv $d)" "$(grep -h -E '(^|[,;])[=+@-]' "$G/f-$d/deals.csv" | head -n 1)"
    else
        ok
    fi
    grep -q "\"'=HYPERLINK(\"\"http://x\"\")\"" "$G/f-$d/deals.csv" && grep -q "^\"'-1-2\"" "$G/f-$d/deals.csv" && ok ||
        failed "a formula-like id keeps its text after an apostrophe (csv $d)"
done
# Markdown and HTML in names: escaped in report.md tables and report.html
jchild "$G/h.json" '"name": "<script>alert(1)</script> & ]]>", "tranches": [{"id": "<b>T</b>|x", "year": 2023, "budget": 100, "instrument": "spuk"}], "deals": [{"id": "voorbeeld-deal", "region": "voorbeeld", "tranche": "<b>T</b>|x", "request": 20, "duration": 4}]'
r run -q -o "$G/h" "$G/h.json"
expect "markup in names" "0" || :
grep -q -E '(^|[^\\])<(b|script)' "$G/h/report.md" && failed "report.md holds raw HTML from a name" "$(grep -m1 -E '(^|[^\\])<(b|script)' "$G/h/report.md")" || ok
grep -q '<b>\|<script' "$G/h/report.html" && failed "report.html holds raw HTML from a name" || ok
if [ $HAVE_GNUPLOT = 1 ]; then
    r run -q --terminal svg -o "$G/svg" "$G/h.json"
    expect "']]>' in a name, SVG charts" "0" || :
    bad=""
    for f in "$G/svg/plots/"*.svg; do
        python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$f" 2>/dev/null || bad="$bad $(basename "$f")"
    done
    [ -z "$bad" ] && ok || failed "every SVG is valid XML with ']]>' in a name" "invalid:$bad"
fi
# a file name that is not UTF-8: summary.json stays JSON, the report UTF-8
cp "$WE" "$G/$(printf 'caf\351').json"
r run -q -o "$G/nu" "$G/$(printf 'caf\351').json"
expect "a file name that is not UTF-8" "0" || :
if [ $HAVE_JQ = 1 ]; then jq empty "$G/nu/summary.json" 2>/dev/null && ok || failed "a file name that is not UTF-8: summary.json is JSON"; fi
iconv -f UTF-8 -t UTF-8 "$G/nu/summary.json" "$G/nu/report.md" "$G/nu/report.html" >/dev/null 2>&1 && ok ||
    failed "a file name that is not UTF-8: summary.json and the report are UTF-8"
rm -rf "$G"

# the sensitivity chart: a factor named after an obligation with quotes,
# backslash and backquotes is a literal label in the script (never read
# from the data file), and the chart is drawn
if [ $HAVE_GNUPLOT = 1 ]; then
    mkdir -p "$G"
    cat >"$G/sens.json" <<'JSON'
{"extends": "WE", "instruments": {"spuk": {"admin": {"tariff": {"region": 85, "rijk": 95}, "obligations": [{"name": "'s-Hertogenbosch \"x\" '' \\ `id`", "side": "region", "hours": 100, "per": "deal", "ranges": {"hours": {"lo": 50, "hi": 150}}}]}}}}
JSON
    sed -i "s#\"WE\"#\"$WE\"#" "$G/sens.json"
    r sensitivity -q --metric admin_total -o "$G/sens" "$G/sens.json"
    expect "sensitivity with quotes in a factor's name" "0" || :
    if [ -s "$G/sens/plots/sensitivity.png" ] && ! grep -q 'ytic(2)' "$G/sens/plots/sensitivity.gp" &&
        grep -q "^L\[1\] = 'SPUK: '.\"'\".'s-Hertogenbosch \"x\" '.\"'\".\"'\".' \\\\ \`id\`, uren" "$G/sens/plots/sensitivity.gp"; then
        ok
    else
        failed "the sensitivity chart takes a quoted factor name as a literal label" "$(grep -m1 '^L\[1\]' "$G/sens/plots/sensitivity.gp" 2>/dev/null)"
    fi
fi

# ----------------------------------------- 19. faults while charts are written
if [ $HAVE_GNUPLOT = 1 ]; then
    G=$TMP/g19
    mkdir -p "$G"
    # the charts come first: a limit of 1 KB stops a chart script; the
    # message goes to a pipe (a file would hit the limit too)
    (ulimit -f 2; trap '' XFSZ; timeout -k 5 "$TIMEOUT" "$BIN" run -q -o "$G/a/res" "$DEMO" 2>&1 >/dev/null; echo "rc=$?") | cat >"$ERR"
    rc=$(sed -n 's/^rc=//p' "$ERR")
    expect "a file size limit while chart scripts are written" "4" "plots/cashflow.gp: cannot write: File too large" || :
    # a limit that cuts the images: gnuplot exits 0, the image is checked
    for t in pngcairo:png:200 pdfcairo:pdf:24; do
        term=${t%%:*} rest=${t#*:} ext=${rest%%:*} lim=${rest#*:}
        (ulimit -f "$lim"; trap '' XFSZ; timeout -k 5 "$TIMEOUT" "$BIN" run -q --terminal "$term" -o "$G/$ext/res" "$DEMO" 2>&1 >/dev/null; echo "rc=$?") | cat >"$ERR"
        rc=$(sed -n 's/^rc=//p' "$ERR")
        expect "a $ext cut by a file size limit" "4" "the image is incomplete" || :
        ls -d "$G/$ext"/res* >/dev/null 2>&1 && failed "a cut $ext: no result and no temporary folder is left" || ok
    done
    rm -rf "$G"
fi

# ------------------------------------------------ 20. Dutch numbers in CSV
G=$TMP/g20
mkdir -p "$G"
printf '{"extends": "%s", "regions": "r.csv"}\n' "$WE" >"$G/r.json"
for v in "100.000:100000" "1.234.567:1234567" "1.234.567,5:1234567.5" "100000:100000"; do
    num=${v%%:*} want=${v#*:}
    printf 'id;name;population;fiscal_capacity;bw_pressure\nvoorbeeld;V;%s;1;0,5\n' "$num" >"$G/r.csv"
    r run -q $NOPLOTS -o "$G/res" "$G/r.json"
    if [ -n "$want" ]; then
        expect "';' CSV population $num" "0" || continue
        got=$(sed -n '2s/^voorbeeld,\([^,]*\),.*/\1/p' "$G/res/regions.csv")
        [ "$got" = "$want" ] && ok || failed "';' CSV population $num is read as $want" "read as $got"
    else
        expect "';' CSV population $num (not whole)" "3" "population" || :
    fi
done
for num in 100.0 1.2345 1.23 0.5 .5 1..000 1.000.00 01.000 "1.000,"; do
    printf 'id;name;population;fiscal_capacity;bw_pressure\nvoorbeeld;V;%s;1;0,5\n' "$num" >"$G/r.csv"
    r validate "$G/r.json"
    expect "';' CSV number '$num' is refused, not guessed" "3" "r.csv:2: column 'population': '$num' is not a number as the ';' dialect writes it" || :
done
printf 'id;name;population;fiscal_capacity;bw_pressure\nvoorbeeld;V;100000;1.000,25;0,5\n' >"$G/r.csv"
r validate "$G/r.json"
expect "';' CSV fiscal_capacity 1.000,25 (read as 1000.25: out of range)" "3" "fiscal_capacity" || :
rm -rf "$G"

# ----------------------- 21. SIGINT and SIGTERM while two gnuplots draw
# The charts are drawn by two gnuplot processes at once (--threads 2);
# each pauses in its first chart (a layout file with 'pause 30'), so both
# are running when the signal comes.  Ctrl-C (SIGINT to regiosim's process
# group: each gnuplot has a group of its own and gets nothing) and SIGTERM
# (to regiosim alone) must end both gnuplots (the handler kills and reaps
# every one) and leave neither the new result nor its temporary folder.
if [ $HAVE_GNUPLOT = 1 ] && command -v setsid >/dev/null 2>&1 && env --default-signal=INT true 2>/dev/null; then
    G=$TMP/g21
    mkdir -p "$G/style"
    cp "$ROOT"/plots/*.gp "$G/style/"
    for f in "$G/style"/layout-*.gp; do echo 'pause 30' >>"$f"; done
    # gnuplot under another name that notes its pid (exec keeps it)
    printf '#!/bin/sh\necho $$ >>"%s/pids"\nexec gnuplot "$@"\n' "$G" >"$G/gp"
    chmod +x "$G/gp"
    for sig in INT TERM; do
        rm -rf "$G/res" "$G"/res.tmp-*
        : >"$G/pids"
        REGIOSIM_GNUPLOT=$G/gp setsid env --default-signal=INT "$BIN" run -q --threads 2 \
            --style "$G/style/rijkshuisstijl.gp" -o "$G/res" "$DEMO" >/dev/null 2>&1 &
        pid=$!
        k=0 alive=0
        while [ $k -lt 1000 ] && [ $alive -lt 2 ] && kill -0 $pid 2>/dev/null; do
            sleep 0.01
            k=$((k + 1))
            alive=0
            for p in $(cat "$G/pids"); do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
        done
        if [ $alive -lt 2 ]; then
            failed "SIG$sig while two gnuplots draw" "only $alive gnuplot(s) running after $k waits"
            kill -KILL $pid 2>/dev/null
            wait $pid
            for p in $(cat "$G/pids"); do kill -KILL "$p" 2>/dev/null; done
            continue
        fi
        if [ $sig = INT ]; then kill -INT -$pid 2>/dev/null; else kill -TERM $pid 2>/dev/null; fi
        wait $pid 2>/dev/null # no "Terminated" from the shell
        rc=$?
        left=""
        for p in $(cat "$G/pids"); do kill -0 "$p" 2>/dev/null && left="$left $p"; done
        want=$([ $sig = INT ] && echo 130 || echo 143)
        [ $rc = "$want" ] && ok || failed "SIG$sig while two gnuplots draw: ended by the signal" "exit $rc, want $want"
        [ -z "$left" ] && ok || failed "SIG$sig while two gnuplots draw: no gnuplot left" "still running:$left"
        ! ls -d "$G"/res.tmp-* >/dev/null 2>&1 && [ ! -e "$G/res" ] && ok ||
            failed "SIG$sig while two gnuplots draw: no folder left" "$(ls -d "$G"/res* 2>/dev/null)"
        for p in $left; do kill -KILL "$p" 2>/dev/null; done
    done
    rm -rf "$G"
else
    echo "note: skipped the signals-while-two-gnuplots case (needs gnuplot, setsid and env --default-signal)"
fi
