#!/bin/sh
# Command-line tests of regiosim.
#
#   sh tests/cli/run.sh ./regiosim        (from the repository root)
#
# 1. every scenarios/*.json runs (exit 0) and writes the four result files;
# 2. every tests/cli/invalid/NAME.json fails 'validate' with exit code 3 (or
#    the code in NAME.code) and its stderr contains every line of NAME.expect
#    as a fixed string; files in subfolders (parts/) are helpers, not cases;
# 3. specific checks of options, exit codes, output folders and commands.
#
# Prints one line per failure and ends with the line 'N passed, N failed'.
# Exit status: 0 when everything passed, 1 otherwise.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/cli/run.sh PATH-TO-REGIOSIM" >&2
    exit 2
fi

BIN=$1
case $BIN in
    /*) ;;
    */*) BIN=$(pwd)/$BIN ;;
    *) [ -f "$BIN" ] && BIN=$(pwd)/$BIN ;;
esac

HERE=$(cd "$(dirname "$0")" && pwd) || exit 2
ROOT=$(cd "$HERE/../.." && pwd) || exit 2
cd "$ROOT" || exit 2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-cli.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass=0
fail=0
OUT=$TMP/stdout
ERR=$TMP/stderr

# ---------------------------------------------------------------- helpers

# r ARGS...: run the program; stdout in $OUT, stderr in $ERR, exit code in $rc
r() {
    "$BIN" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}

ok() { pass=$((pass + 1)); }

# failed NAME DETAIL...: count a failure and show why, with the last output
failed() {
    fail=$((fail + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    for line in "$@"; do
        printf '  %s\n' "$line"
    done
    if [ -s "$OUT" ]; then
        printf '  stdout was:\n'
        sed -n '1,20s/^/    | /p' "$OUT"
    fi
    if [ -s "$ERR" ]; then
        printf '  stderr was:\n'
        sed -n '1,20s/^/    | /p' "$ERR"
    fi
}

has() { grep -qF -e "$2" "$1"; }

# check_rc NAME EXPECTED: the last command exited with EXPECTED
check_rc() {
    if [ "$rc" = "$2" ]; then ok; else failed "$1" "exit code $rc, expected $2"; fi
}

# check_has NAME FILE TEXT: FILE contains TEXT
check_has() {
    if has "$2" "$3"; then ok; else failed "$1" "expected in $(basename "$2"): $3"; fi
}

# check_rc_has NAME CODE FILE TEXT...: exit code and texts in one check
check_rc_has() {
    crh_name=$1 crh_code=$2 crh_file=$3
    shift 3
    crh_why=""
    [ "$rc" = "$crh_code" ] || crh_why="exit code $rc, expected $crh_code"
    for crh_text in "$@"; do
        if ! has "$crh_file" "$crh_text"; then
            if [ -n "$crh_why" ]; then
                failed "$crh_name" "$crh_why" "expected in $(basename "$crh_file"): $crh_text"
            else
                failed "$crh_name" "expected in $(basename "$crh_file"): $crh_text"
            fi
            return
        fi
    done
    if [ -n "$crh_why" ]; then failed "$crh_name" "$crh_why"; else ok; fi
}

# metric FILE NAME: the first numeric "NAME": value in FILE (the scenario
# total in summary.json comes before the per-tranche and per-region ones)
metric() {
    awk -v k="\"$2\":" '$1 == k && $2 ~ /^-?[0-9]/ { v = $2; sub(/,$/, "", v); print v; exit }' "$1" 2>/dev/null
}

# close A B: |A - B| <= 1e-6 (1 + |B|)
close() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
        exit !(a != "" && b != "" && d <= 1e-6 * (1 + m)) }'
}

if [ ! -x "$BIN" ] && ! command -v "$BIN" >/dev/null 2>&1; then
    echo "FAIL: program '$1' not found or not executable"
    echo "0 passed, 1 failed"
    exit 1
fi

# ------------------------------------------------- 1. shipped scenarios run

for f in scenarios/*.json; do
    [ -e "$f" ] || continue
    name=run:$(basename "$f" .json)
    dir=$TMP/scen-$(basename "$f" .json)
    r run -q --no-plots -o "$dir" "$f"
    if [ "$rc" != 0 ]; then
        failed "$name" "exit code $rc, expected 0"
        continue
    fi
    missing=""
    for out in summary.json yearly.csv deals.csv regions.csv report.md report.html; do
        [ -s "$dir/$out" ] || missing="$missing $out"
    done
    if [ -n "$missing" ]; then
        failed "$name" "missing or empty result files:$missing"
    elif [ -s "$OUT" ]; then
        failed "$name" "-q printed something on stdout"
    else
        ok
    fi
done

# ------------------------------------------ 2. invalid scenarios are refused

for f in tests/cli/invalid/*.json; do
    [ -e "$f" ] || continue
    base=${f%.json}
    name=invalid:$(basename "$base")
    code=3
    if [ -f "$base.code" ]; then
        code=$(tr -d ' \t\r\n' <"$base.code")
    fi
    r validate "$f"
    why=""
    [ "$rc" = "$code" ] || why="exit code $rc, expected $code"
    : >"$TMP/missing"
    if [ -f "$base.expect" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$line" ] || continue
            has "$ERR" "$line" || printf '%s\n' "$line" >>"$TMP/missing"
        done <"$base.expect"
    else
        printf '%s\n' "(no $(basename "$base").expect file)" >>"$TMP/missing"
    fi
    if [ -z "$why" ] && [ ! -s "$TMP/missing" ]; then
        ok
        continue
    fi
    fail=$((fail + 1))
    printf 'FAIL: %s\n' "$name"
    [ -n "$why" ] && printf '  %s\n' "$why"
    if [ -s "$TMP/missing" ]; then
        printf '  expected in stderr (not found):\n'
        sed 's/^/    > /' "$TMP/missing"
    fi
    printf '  actual stderr:\n'
    if [ -s "$ERR" ]; then sed 's/^/    | /' "$ERR"; else printf '    (empty)\n'; fi
    if [ -s "$OUT" ]; then
        printf '  actual stdout:\n'
        sed 's/^/    | /' "$OUT"
    fi
done

# ------------------------------------------------------- 3. specific checks

# --version and --help
r --version
check_rc_has "--version exits 0 and prints the version on stdout" 0 "$OUT" "regiosim "
r --help
check_rc_has "--help exits 0 and prints the usage on stdout" 0 "$OUT" "Usage: regiosim"
r help run
check_rc_has "help run exits 0 and prints the usage of run" 0 "$OUT" "Usage: regiosim run"
r run --help
check_rc_has "run --help exits 0 and prints the usage of run" 0 "$OUT" "Usage: regiosim run"

# usage errors: exit 2 with a hint
r frobnicate
check_rc_has "unknown command exits 2" 2 "$ERR" "frobnicate" "Try 'regiosim"
r --frobnicate
check_rc_has "unknown top-level option exits 2" 2 "$ERR" "--frobnicate" "Try 'regiosim"
r run --frobnicate scenarios/demo.json
check_rc_has "unknown option of run exits 2" 2 "$ERR" "--frobnicate" "Try 'regiosim"
r run
check_rc_has "run without a scenario exits 2" 2 "$ERR" "Try 'regiosim"
r validate
check_rc_has "validate without a file exits 2" 2 "$ERR" "Try 'regiosim"
r run -q -o "$TMP/csv-de" --csv de scenarios/demo.json
check_rc_has "--csv with an unknown dialect exits 2" 2 "$ERR" "Try 'regiosim"
r list frobnicate
check_rc_has "list of an unknown kind exits 2" 2 "$ERR" "Try 'regiosim"
r help frobnicate
check_rc_has "help on an unknown command exits 2" 2 "$ERR" "frobnicate"

# a scenario file that does not exist: exit 4, naming the file
r run -q -o "$TMP/none" tests/cli/no-such-scenario.json
check_rc_has "run of a missing scenario file exits 4" 4 "$ERR" "no-such-scenario.json"
r validate tests/cli/no-such-scenario.json
check_rc_has "validate of a missing scenario file exits 4" 4 "$ERR" "no-such-scenario.json"

# all shipped scenarios validate together
r validate scenarios/*.json
check_rc_has "validate of all shipped scenarios exits 0" 0 "$OUT" "ok: scenarios/demo.json"

# --set cofinancing.share=0.4 on t4-spuk.json (flat 0.5): before, the
# co-financing equals the award; after, it is award * 0.4 / 0.6
r run -q -o "$TMP/share-base" scenarios/t4-spuk.json
c50=$(metric "$TMP/share-base/summary.json" cofinancing)
a50=$(metric "$TMP/share-base/summary.json" rijk_awarded)
r run -q -o "$TMP/share-40" --set cofinancing.share=0.4 scenarios/t4-spuk.json
if [ "$rc" != 0 ]; then
    failed "--set cofinancing.share=0.4" "exit code $rc, expected 0"
else
    c40=$(metric "$TMP/share-40/summary.json" cofinancing)
    a40=$(metric "$TMP/share-40/summary.json" rijk_awarded)
    want=$(awk -v a="$a40" 'BEGIN { printf "%.12g", a * 0.4 / 0.6 }')
    if ! close "$c50" "$a50"; then
        failed "--set cofinancing.share=0.4" "without --set: cofinancing $c50, expected rijk_awarded $a50 (flat 0.5)"
    elif close "$c40" "$c50"; then
        failed "--set cofinancing.share=0.4" "cofinancing did not change: $c40"
    elif ! close "$c40" "$want"; then
        failed "--set cofinancing.share=0.4" "cofinancing $c40, expected rijk_awarded*0.4/0.6 = $want"
    else
        ok
    fi
fi

# --set into a list element that does not exist (t4-spuk.json has 1 tranche)
r validate scenarios/t4-spuk.json --set 'tranches[9].instrument=du'
check_rc_has "--set tranches[9] on a 1-tranche scenario exits 3" 3 "$ERR" "tranches[9]" "there is no [9]"
r run -q -o "$TMP/set9" scenarios/t4-spuk.json --set 'tranches[9].instrument=du'
check_rc_has "run --set tranches[9] on a 1-tranche scenario exits 3" 3 "$ERR" "there is no [9]"
if [ -e "$TMP/set9" ]; then failed "run --set tranches[9] writes no result" "$TMP/set9 exists"; else ok; fi

# --set with a misspelt key: exit 3 and a suggestion
r validate scenarios/t4-spuk.json --set cofinancing.sharee=0.4
check_rc_has "--set with an unknown key exits 3" 3 "$ERR" "unknown key 'sharee'" "did you mean 'share'?"

# --csv nl: semicolons and decimal commas; default en: commas and points
r run -q -o "$TMP/csv-nl" --csv nl scenarios/demo.json
if [ "$rc" != 0 ]; then
    failed "--csv nl" "exit code $rc, expected 0"
elif [ ! -s "$TMP/csv-nl/yearly.csv" ]; then
    failed "--csv nl" "no yearly.csv written"
elif [ "$(head -c 3 "$TMP/csv-nl/yearly.csv" | od -An -tx1 | tr -d ' ')" != efbbbf ]; then
    failed "--csv nl" "yearly.csv does not start with a UTF-8 byte-order mark"
elif ! head -n 1 "$TMP/csv-nl/yearly.csv" | sed '1s/^\xEF\xBB\xBF//' | grep -q '^year;rijk_paid;'; then
    failed "--csv nl" "yearly.csv header is not separated by semicolons: $(head -n 1 "$TMP/csv-nl/yearly.csv")"
elif ! grep -Eq '^[0-9]{4};.*[0-9],[0-9]' "$TMP/csv-nl/yearly.csv"; then
    failed "--csv nl" "yearly.csv has no decimal commas"
elif grep -Eq '[0-9]\.[0-9]|^[0-9]{4},' "$TMP/csv-nl/yearly.csv"; then
    failed "--csv nl" "yearly.csv still has decimal points or comma separators: $(grep -E '[0-9]\.[0-9]|^[0-9]{4},' "$TMP/csv-nl/yearly.csv" | head -n 1)"
else
    ok
fi
dir=$TMP/scen-demo
if [ -f "$dir/yearly.csv" ] && head -n 1 "$dir/yearly.csv" | grep -q '^year,rijk_paid,' &&
    grep -Eq '^[0-9]{4},.*[0-9]\.[0-9]' "$dir/yearly.csv" && ! grep -q ';' "$dir/yearly.csv"; then
    ok
else
    failed "default CSV dialect en" "yearly.csv of demo.json is not comma-separated with decimal points"
fi

# -o on an existing folder that is not a regiosim result: exit 4, untouched
mkdir "$TMP/side" "$TMP/side/foreign"
F=$TMP/side/foreign
echo "keep me" >"$F/notes.txt"
r run -q -o "$F" scenarios/t4-du.json
check_rc_has "-o on a foreign folder exits 4" 4 "$ERR" "$F"
if [ "$(ls -A "$F" 2>/dev/null)" = "notes.txt" ] && [ "$(cat "$F/notes.txt" 2>/dev/null)" = "keep me" ]; then
    ok
else
    failed "-o on a foreign folder leaves it untouched" "folder now holds: $(ls -A "$F" 2>/dev/null | tr '\n' ' ')"
fi
if [ "$(ls -A "$TMP/side")" = "foreign" ]; then
    ok
else
    failed "-o on a foreign folder leaves nothing next to it" "found: $(ls -A "$TMP/side" | tr '\n' ' ')"
fi

# running twice into the same -o replaces the result
mkdir "$TMP/again"
r run -q -o "$TMP/again/res" scenarios/t4-spuk.json
first=$rc
# a file of the user's in it: the result is left alone, the file kept
[ -d "$TMP/again/res" ] && echo mine >"$TMP/again/res/notes.txt"
r run -q -o "$TMP/again/res" scenarios/t4-du.json
check_rc_has "a result holding a file regiosim did not write is not replaced" 4 "$ERR" \
    "it holds 'notes.txt', which regiosim did not write"
[ "$(cat "$TMP/again/res/notes.txt" 2>/dev/null)" = mine ] || failed "the user's file in a result is kept"
rm -f "$TMP/again/res/notes.txt"
r run -q -o "$TMP/again/res" scenarios/t4-du.json
if [ "$first" != 0 ] || [ "$rc" != 0 ]; then
    failed "running twice into the same -o" "exit codes $first and $rc, expected 0 and 0"
elif ! grep -q '"file": "scenarios/t4-du.json"' "$TMP/again/res/summary.json" 2>/dev/null; then
    failed "running twice into the same -o" "summary.json is not the one of the second run"
elif [ "$(ls -A "$TMP/again")" != "res" ]; then
    failed "running twice into the same -o" "left next to the result: $(ls -A "$TMP/again" | tr '\n' ' ')"
else
    ok
fi

# explain (English: the model's ids; the Dutch trace is checked below)
r explain --lang en scenarios/demo.json veluwe-t5
if [ "$rc" != 0 ]; then
    failed "explain demo.json veluwe-t5" "exit code $rc, expected 0"
elif ! grep -Eq '^ *year +planned +target +rho +spent' "$OUT"; then
    failed "explain demo.json veluwe-t5" "no year table header (year planned target rho spent ...)"
elif ! grep -Eq '^ *2024 +[0-9]' "$OUT" || ! grep -Eq '^ *2026 +[0-9]' "$OUT"; then
    failed "explain demo.json veluwe-t5" "no rows for the years 2024-2026"
else
    ok
fi
# explain in Dutch (the default): display labels, decimal commas, no code ids.
# veluwe-t5: flat rule c = 0.5, fiscal_capacity 1.15, bw_pressure 0.3,
# request 20 under deal_cap 40, awarded in full (demo.json, models/regions)
r explain scenarios/demo.json veluwe-t5
if [ "$rc" != 0 ]; then
    failed "explain in Dutch" "exit code $rc, expected 0"
elif ! has "$OUT" "   cofinancieringsregel: vast aandeel; c = 0,500000 (draagkracht 1,150, druk op brede welvaart 0,300)" \
   || ! has "$OUT" "   aanvraag 20,000000, maximum per deal 40,000 -> R = 20,000000" \
   || ! has "$OUT" "   status toegekend" \
   || ! grep -Eq '^ *jaar +gepland +doel +rho +besteed' "$OUT" \
   || ! grep -Eq '^ *2024 +8,0000 +8,0000 +0,8500 ' "$OUT"; then
    failed "explain in Dutch" "expected Dutch lines (cofinancieringsregel, aanvraag, status toegekend, jaar gepland ...)"
elif grep -Eqw 'flat|priority|awarded|deal_cap|fiscal_capacity|bw_pressure|off_goal_share' "$OUT"; then
    failed "explain in Dutch" "a code id in the Dutch trace: $(grep -Eow 'flat|priority|awarded|deal_cap|fiscal_capacity|bw_pressure|off_goal_share' "$OUT" | head -3 | tr '\n' ' ')"
else
    ok
fi
# a SPUK deal: scaled pro rata, settled (vaststelling) with a full reclaim
r explain scenarios/demo.json twente-t4
if has "$OUT" "instrument spuk (Specifieke uitkering)" \
   && has "$OUT" "   status verlaagd: budget € 100 mln verdeeld naar rato" \
   && grep -q '(vaststelling: 1,000 × max(0, betaald − besteed Rijksaandeel))' "$OUT"; then ok; else
    failed "explain of a SPUK deal in Dutch" "no 'status verlaagd: budget € 100 mln verdeeld naar rato' or vaststelling line"
fi

# warnings in the run's language.  t4-du.json with as_requested, budget 40
# and deal_min 21: the requests 10 (after the co-financing check), 18.2 and
# 20 are dropped; 25 + 30 = 55 are awarded, 15 over the budget of 40.
WSET="--set tranches[T4].allocation=as_requested --set tranches[T4].budget=40 --set tranches[T4].deal_min=21"
r run --no-plots -o "$TMP/warn-nl" scenarios/t4-du.json $WSET
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: waarschuwing: deal 'flevoland-t4' vervalt: aanvraag € 18,2 mln is lager dan het minimum per deal (€ 21 mln)" \
   && has "$ERR" "regiosim: waarschuwing: tranche 'T4': de toekenningen overschrijden het budget van € 40 mln met € 15 mln (verdeling: zoals aangevraagd)" \
   && has "$TMP/warn-nl/report.md" "- deal 'noord-friesland-t4' vervalt: aanvraag € 20 mln is lager dan het minimum per deal (€ 21 mln)" \
   && ! grep -Eq 'deal_min|as_requested|dropped|M€' "$ERR"; then ok; else
    failed "Dutch warnings on the terminal and in report.md" "exit $rc"
fi
r run --no-plots --lang en -o "$TMP/warn-en" scenarios/t4-du.json $WSET
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: warning: deal 'flevoland-t4' dropped: request €18.2 million is below the minimum per deal (€21 million)" \
   && has "$ERR" "regiosim: warning: tranche 'T4': awards exceed the budget of €40 million by €15 million (allocation: as requested)"; then ok; else
    failed "English warnings with --lang en" "exit $rc"
fi
r compare --no-plots --draws 50 -o "$TMP/warn-cmp" scenarios/t4-spuk.json scenarios/t4-du.json $WSET
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: waarschuwing: Tranche 4 als decentralisatie-uitkering: tranche 'T4': de toekenningen overschrijden het budget van € 40 mln met € 15 mln (verdeling: zoals aangevraagd)" \
   && has "$OUT" "| maatstaf | eenheid |" && has "$OUT" "| Netto Rijksuitgaven | € mln | " \
   && grep -Eq 'gemiddeld verschil [+-]€ [0-9]+,[0-9]+ mln, P5–P95 -?€ [0-9]+,[0-9]+ mln tot -?€ [0-9]+,[0-9]+ mln\)' "$OUT" \
   && ! grep -q "| metric |\|Net Rijk expenditure\| M€ \|€ mln," "$OUT"; then ok; else
    failed "compare: Dutch terminal table and warnings" "exit $rc"
fi

# sweep and sensitivity print Dutch terminal tables by default: display
# labels (a parameter named as the charts name it, rs_param_title), units,
# decimal commas; a share parameter in % (0, 0.1, 0.2 as 0 %, 10 %, 20 %)
r sweep --no-plots -o "$TMP/sweep-nl" scenarios/t4-spuk.json --param instruments.spuk.off_goal_share \
    --from 0 --to 0.2 --steps 3
if [ "$rc" = 0 ] && has "$OUT" "Variatie van SPUK: aandeel niet-doelbesteding" \
   && has "$OUT" "  kolom 1: Netto Rijksuitgaven (€ mln)" && has "$OUT" "  kolom 2: Doelmatigheid" \
   && [ "$(grep -Ec '^ +(0|10|20) % +[0-9]+,[0-9] +[01],[0-9][0-9]$' "$OUT")" = 3 ] \
   && ! grep -q 'Specifieke uitkering' "$OUT" \
   && ! grep -Eq 'off_goal_share|rijk_net|effectiveness' "$OUT"; then ok; else
    failed "sweep: Dutch terminal table" "exit $rc"
fi
r sensitivity --no-plots --draws 20 -o "$TMP/sens-nl" scenarios/t4-spuk.json --metric rijk_net \
    --factor instruments.spuk.deadline.extension_threshold=0,0.2 --factor 'regions[twente].fiscal_capacity=0.8,1.2'
if [ "$rc" = 0 ] && has "$OUT" "Netto Rijksuitgaven (€ mln): basiswaarde " \
   && grep -Eq '^factor +ondergrens +bovengrens +bij ondergrens +bij bovengrens +swing' "$OUT" \
   && grep -Eq '^SPUK: drempel voor verlenging +0 % +20 % ' "$OUT" \
   && grep -Eq '^Twente: draagkracht +0,8 +1,2 ' "$OUT" \
   && ! grep -Eq 'extension_threshold|fiscal_capacity|rijk_net|spuk:' "$OUT"; then ok; else
    failed "sensitivity: Dutch terminal table" "exit $rc"
fi
# the shipped ranges (groups and obligations by index): the terminal names
# them as the tornado does, obligations by their names, no instrument ids
r sensitivity --no-plots --draws 20 -o "$TMP/sens-nl2" scenarios/t4-spuk.json --vs scenarios/t4-du.json \
    --metric effectiveness
if [ "$rc" = 0 ] && grep -Eq '^DU: aandeel niet-doelbesteding +0 % +25 % ' "$OUT" \
   && grep -Eq '^SPUK: aanvraag, uren +60 uur +240 uur ' "$OUT" \
   && grep -Eq '^SPUK: verantwoordingsuren regio +50 uur ' "$OUT" \
   && grep -Eq '^uurtarief regio \(€\) +€ 76,5 per uur +€ 93,5 per uur ' "$OUT" \
   && grep -Eq '^uurtarief Rijk \(€\) ' "$OUT" \
   && ! grep -Eq '^(spuk|du): |Specifieke uitkering, [0-9]|obligations' "$OUT"; then ok; else
    failed "sensitivity: Dutch terminal names factors as the charts do" "exit $rc"
fi
r sensitivity --no-plots --draws 20 --lang en -o "$TMP/sens-en" scenarios/t4-spuk.json --metric rijk_net \
    --factor instruments.spuk.deadline.extension_threshold=0,0.2
if [ "$rc" = 0 ] && grep -Eq '^factor +lo +hi +at lo +at hi' "$OUT"; then ok; else
    failed "sensitivity --lang en keeps the English table" "exit $rc"
fi

r explain scenarios/demo.json no-such-deal
check_rc_has "explain with an unknown deal exits 2" 2 "$ERR" "no-such-deal"

# list metrics: every metric of docs/model.md §8
r list metrics
if [ "$rc" != 0 ]; then
    failed "list metrics" "exit code $rc, expected 0"
else
    missing=""
    for m in rijk_awarded rijk_paid rijk_reclaimed rijk_net cofinancing volume \
        leverage spent cofinancing_spent goal_spending retained admin_region \
        admin_rijk admin_total admin_pct effectiveness delay_years npv_rijk \
        deals_awarded deals_scaled deals_dropped budget_overrun \
        gini_per_capita pressure_correlation; do
        grep -Eq "^ *$m( |\$)" "$OUT" || missing="$missing $m"
    done
    if [ -z "$missing" ]; then ok; else failed "list metrics" "missing:$missing"; fi
fi

# list instruments: the four shipped instruments
r list instruments
if [ "$rc" != 0 ]; then
    failed "list instruments" "exit code $rc, expected 0"
else
    missing=""
    for i in du spuk spuk-light du-met-afspraken; do
        grep -Eq "^$i( |\$)" "$OUT" || missing="$missing $i"
    done
    if [ -z "$missing" ]; then ok; else failed "list instruments" "missing:$missing"; fi
fi

# validate a valid and an invalid file together (both orders)
r validate scenarios/demo.json tests/cli/invalid/negative-budget.json
check_rc_has "validate valid + invalid exits 3 and says ok for the valid one" 3 "$OUT" "ok: scenarios/demo.json"
check_has "validate valid + invalid reports the invalid one" "$ERR" "negative-budget.json: \$.tranches[0].budget"
r validate tests/cli/invalid/negative-budget.json scenarios/t4-du.json
check_rc_has "validate invalid + valid exits 3 and still checks the valid one" 3 "$OUT" "ok: scenarios/t4-du.json"

# ------------------------------------------- 4. charts, compare and report

# png_ok FILE: a PNG signature and a plausible size (> 10 kB)
png_ok() {
    [ -s "$1" ] || return 1
    [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || return 1
    [ "$(wc -c <"$1")" -gt 10000 ]
}

# png_size FILE: WIDTHxHEIGHT from the PNG header
png_size() {
    set -- $(od -An -tu1 -j16 -N8 "$1" 2>/dev/null)
    [ $# = 8 ] && echo "$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))x$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))"
}

if command -v gnuplot >/dev/null 2>&1; then
    # the demo renders every chart, with its script and data beside it
    r run -q -o "$TMP/charts" scenarios/demo.json
    check_rc "run draws charts" 0
    bad=""
    for c in cashflow cumulative burden cofinancing regions; do
        png_ok "$TMP/charts/plots/$c.png" || bad="$bad $c.png"
        [ -s "$TMP/charts/plots/$c.gp" ] || bad="$bad $c.gp"
        [ -s "$TMP/charts/plots/$c.dat" ] || bad="$bad $c.dat"
    done
    if [ -z "$bad" ]; then ok; else failed "every chart drawn" "missing or invalid:$bad"; fi
    # the report embeds them (base64 PNG), needs no network
    check_has "report.html embeds the charts" "$TMP/charts/report.html" "data:image/png;base64,iVBORw0KGgo"
    if grep -qE '(src|href)="https?:' "$TMP/charts/report.html"; then
        failed "report.html is self-contained" "it links to the network"
    else ok; fi
    check_has "report.md shows the charts" "$TMP/charts/report.md" "![Rijksbetalingen"
    # a chart can be redrawn from its saved script alone
    rm -f "$TMP/charts/plots/cashflow.png"
    (cd "$TMP/charts/plots" && gnuplot cashflow.gp >/dev/null 2>&1)
    if png_ok "$TMP/charts/plots/cashflow.png"; then ok; else failed "gnuplot cashflow.gp redraws"; fi
    rm -f "$TMP/charts/plots/"*.png
    r plot "$TMP/charts"
    bad=""
    for c in cashflow cumulative burden cofinancing regions; do
        png_ok "$TMP/charts/plots/$c.png" || bad="$bad $c"
    done
    if [ "$rc" = 0 ] && [ -z "$bad" ]; then ok; else failed "regiosim plot redraws all" "rc $rc, missing:$bad"; fi
    # plot redraws with the style, size and language the result was made with
    sed 's/#154273/#123456/I' plots/rijkshuisstijl.gp >"$TMP/own-style.gp"
    chmod 644 "$TMP/own-style.gp"
    cp plots/layout-*.gp "$TMP/"
    r run -q --style "$TMP/own-style.gp" --size 800x500 --lang en -o "$TMP/styled" scenarios/t4-spuk.json
    check_rc_has "run records its chart settings" 0 "$TMP/styled/chart-settings.json" "own-style.gp" '"800x500"'
    rm -f "$TMP/styled/plots/"*.png
    r plot "$TMP/styled"
    if [ "$rc" = 0 ] && [ "$(png_size "$TMP/styled/plots/cashflow.png")" = "800x500" ]; then ok; else
        failed "plot keeps the size of the run" "rc $rc, $(png_size "$TMP/styled/plots/cashflow.png")"; fi
    check_has "plot keeps the style of the run" "$TMP/styled/plots/cashflow.gp" "#123456"
    check_has "plot keeps the language of the run" "$TMP/styled/plots/cashflow.gp" "Money flows per year"
    r plot --size 1000x600 "$TMP/styled"
    if [ "$rc" = 0 ] && [ "$(png_size "$TMP/styled/plots/cashflow.png")" = "1000x600" ]; then ok; else
        failed "plot --size wins over the recorded size" "rc $rc, $(png_size "$TMP/styled/plots/cashflow.png")"; fi
    check_has "plot --size is recorded for the next plot" "$TMP/styled/chart-settings.json" '"1000x600"'
    mv "$TMP/own-style.gp" "$TMP/own-style-moved.gp"
    cp "$TMP/styled/plots/cashflow.gp" "$TMP/cashflow-before.gp"
    r plot "$TMP/styled"
    check_rc_has "plot: a style file that is gone is an error (exit 4)" 4 "$ERR" "own-style.gp no longer exists" "--style FILE"
    if cmp -s "$TMP/cashflow-before.gp" "$TMP/styled/plots/cashflow.gp"; then ok; else
        failed "plot with a missing style leaves the result alone"; fi
    r plot --style plots/rijkshuisstijl.gp "$TMP/styled"
    if [ "$rc" = 0 ] && ! grep -q '#123456' "$TMP/styled/plots/cashflow.gp"; then ok; else
        failed "plot --style FILE replaces a missing style" "rc $rc"; fi
    mv "$TMP/own-style-moved.gp" "$TMP/own-style.gp"
    chmod 666 "$TMP/own-style.gp"
    r run -q --style "$TMP/own-style.gp" -o "$TMP/styled2" scenarios/t4-spuk.json
    r plot "$TMP/styled2"
    check_rc_has "plot does not run a style file others can write" 4 "$ERR" "not your own file"
    chmod 644 "$TMP/own-style.gp"
    # svg and pdf terminals, English
    r run -q --terminal svg --lang en -o "$TMP/charts-svg" scenarios/t4-spuk.json
    check_rc_has "svg charts in English" 0 "$TMP/charts-svg/plots/cashflow.svg" "<svg" "Money flows per year"
    check_has "svg report inlines the SVG" "$TMP/charts-svg/report.html" "<svg"
    r run -q --terminal pdfcairo -o "$TMP/charts-pdf" scenarios/t4-spuk.json
    if [ "$(head -c 4 "$TMP/charts-pdf/plots/cashflow.pdf" 2>/dev/null)" = "%PDF" ]; then ok; else failed "pdf charts"; fi

    # a hostile scenario: quotes, backquotes, system(), newlines and
    # 'set output |' in names run nothing and show as text
    mkdir -p "$TMP/hostile-cwd"
    (cd "$TMP/hostile-cwd" && "$BIN" run -q -o "$TMP/hostile-out" "$ROOT/tests/cli/hostile/hostile.json" >"$OUT" 2>"$ERR")
    rc=$?
    check_rc "hostile scenario runs" 0
    pwned=$(find "$TMP" "$ROOT" /tmp -maxdepth 3 -name 'PWNED*' 2>/dev/null | head -n 3)
    if [ -z "$pwned" ]; then ok; else failed "hostile scenario ran nothing" "created: $pwned"; fi
    check_has "hostile name reaches gnuplot as an escaped literal" "$TMP/hostile-out/plots/cashflow.gp" \
        "scenario '.\"'\".'E'.\"'\".' \`touch PWNED-bq\` system(\"touch PWNED-sys\") set output '.\"'\".'|touch PWNED-p'.\"'\".\"'\" at screen"
    if png_ok "$TMP/hostile-out/plots/regions.png"; then ok; else failed "hostile scenario still drawn"; fi
else
    echo "note: gnuplot is not installed: chart drawing not tested"
fi

# gnuplot missing: everything but the images is written, one warning, exit 0
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q -o "$TMP/nognuplot" scenarios/demo.json >"$OUT" 2>"$ERR"
rc=$?
check_rc_has "missing gnuplot: exit 0 and one warning saying how to install it" 0 "$ERR" \
    "gnuplot ('/nonexistent/gnuplot') is niet geïnstalleerd" "apt-get install gnuplot-nox" "regiosim plot"
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q --lang en -o "$TMP/nognuplot-en" scenarios/demo.json >"$OUT" 2>"$ERR"
rc=$?
check_rc_has "missing gnuplot, --lang en: the warning in English" 0 "$ERR" \
    "regiosim: warning: gnuplot ('/nonexistent/gnuplot') is not installed: the charts were not drawn"
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q -o "$TMP/nognuplot" scenarios/demo.json >"$OUT" 2>"$ERR"
rc=$?
if [ "$(grep -c 'niet geïnstalleerd' "$ERR")" = 1 ] && [ -s "$TMP/nognuplot/plots/cashflow.gp" ] &&
    [ -s "$TMP/nognuplot/summary.json" ] && [ ! -e "$TMP/nognuplot/plots/cashflow.png" ]; then
    ok
else
    failed "missing gnuplot: scripts and data written, no images, one warning"
fi

# the regions chart of a compare where every region loses or stays equal
# (a cap of 10 M€ per deal): no zero row in the selection, the 12 smallest
# and the 12 largest losses, sorted, and the note counts the rest
cat >"$TMP/cap10.json" <<JSON
{"extends": "$ROOT/scenarios/programme-baseline.json", "name": "Plafond 10 mln per deal",
 "description": "Every deal capped at 10 M EUR (a test of the regions chart).",
 "set": {"tranches[T1].deal_cap": 10, "tranches[T2].deal_cap": 10, "tranches[T3].deal_cap": 10,
         "tranches[T4].deal_cap": 10, "tranches[T5].deal_cap": 10, "tranches[T6].deal_cap": 10}}
JSON
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" compare -q -o "$TMP/cmp-cap" \
    scenarios/programme-baseline.json "$TMP/cap10.json" >"$OUT" 2>"$ERR"
D="$TMP/cmp-cap/plots/compare-regions-2.dat"
# regions.csv: change_per_capita_cap is the 10th field from the end (names may hold commas)
zn=$(awk -F, 'NR > 1 { v = $(NF - 9); v = v < 0 ? -v : v; if (v < 0.5) z++; else n++ }
              END { print z + 0, n + 0 }' "$TMP/cmp-cap/regions.csv")
sel=$(awk -F'\t' 'NR > 1 { n++; if ($3 == 0) z++; if (n > 1 && $3 > prev) uns++; prev = $3 }
                  END { print n + 0, z + 0, uns + 0 }' "$D" 2>/dev/null)
if [ "$zn" = "8 52" ] && [ "$sel" = "24 0 0" ]; then ok; else
    failed "regions chart: 24 sorted non-zero bars of 52 changes (8 regions unchanged)" \
        "regions.csv zero/non-zero: $zn; chart rows/zero rows/unsorted: $sel"; fi
# Caribisch Nederland: 50 -> 10 M€ for 29 418 inhabitants = -1 359,7 €, the largest loss, at the bottom
check_has "regions chart: the largest loss at the bottom" "$D" \
    "23	0	-1360	Caribisch Nederland (Bonaire, Sint Eustatius, Saba)"
if [ "$(sed -n 2p "$D" | cut -f2)" = 24 ] && [ "$(sed -n 13p "$D" | cut -f2)" = 13 ] &&
    [ "$(sed -n 14p "$D" | cut -f2)" = 11 ]; then ok; else
    failed "regions chart: a gap row (y 12) between the 12 smallest and the 12 largest losses"; fi
check_has "regions chart: the note counts the regions left out" "$TMP/cmp-cap/plots/compare-regions-2.gp" \
    "… 28 regio'.\"'\".'s daartussen en 8 zonder verandering: zie regions.csv' at graph 0.02, first 12 left"

# fan charts: the x axis is the horizon, plus one position 'na <end>' only
# when something moves after it
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q --draws 200 -o "$TMP/fan-demo" scenarios/demo.json >"$OUT" 2>"$ERR"
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q --draws 200 --set horizon.end=2027 \
    -o "$TMP/fan-short" scenarios/demo.json >"$OUT" 2>"$ERR"
check_has "fan within the horizon 2023-2032" "$TMP/fan-demo/plots/fan-net.gp" "set xrange [2022.4:2032.6]"
if grep -q "2033" "$TMP/fan-demo/plots/fan-net.dat" "$TMP/fan-demo/plots/fan-cumulative.dat"; then
    failed "fan data stop at the horizon"; else ok; fi
check_has "fan of a horizon ending in 2027: one position after it" "$TMP/fan-short/plots/fan-net.gp" \
    "set xtics ('2023' 2023, '2024' 2024, '2025' 2025, '2026' 2026, '2027' 2027, 'na 2027' 2028)"
# the run's warning says 1.597 M€ of Rijk payments and reclaims after 2027:
# the deterministic column of 'na' holds their sum, the band is left empty
last=$(tail -n 1 "$TMP/fan-short/plots/fan-net.dat" | cut -f1-5)
case $last in "2028	-1.5967"*"	NaN	NaN	NaN") ok ;; *) failed "fan 'na' row: the sum after the horizon, no band" "$last" ;; esac
if [ "$(grep -c '^20' "$TMP/fan-short/plots/fan-cumulative.dat")" = 6 ]; then ok; else
    failed "cumulative fan: 2023-2027 and 'na'"; fi
# the compare fan: the horizon of the scenarios (2023-2032), the legend
# under an x-axis title
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" compare -q --draws 100 -o "$TMP/fan-cmp" \
    scenarios/t4-du.json scenarios/t4-spuk.json >"$OUT" 2>"$ERR"
F="$TMP/fan-cmp/plots/compare-net-fan.gp"
if has "$F" "set xrange [2022.4:2032.6]" && has "$F" "set key at screen 0.5" && has "$F" "set xlabel 'jaar'" &&
    ! has "$F" "key outside"; then ok; else
    failed "compare fan: x range 2023-2032, legend below the axis title" "$(grep -E 'xrange|key|xlabel' "$F")"; fi
if [ "$(cut -f1 "$TMP/fan-cmp/plots/compare-net-fan.dat" | sed -n '2p;$p' | tr '\n' ' ')" = "2023 2032 " ]; then ok; else
    failed "compare fan data: 2023 to 2032"; fi

# the compare difference chart (t4-spuk against t4-du, 100 draws): the
# panels of the key-metrics chart, bars by colour with the scenario's name
# in the legend (no file names as tic labels), signed value labels of the
# mean difference as compare.json has it (rijk_net −2,33 → '−2,3',
# effectiveness +0,0418 → '+0,04'), and a panel whose mean and P5–P95 all
# round to 0,0 mln (retained: −0,0001 mln) says so instead of zooming in
F="$TMP/fan-cmp/plots/compare-diff.gp"
if [ "$(grep '^set title' "$F")" = "$(grep '^set title' "$TMP/fan-cmp/plots/compare-metrics.gp")" ] &&
    ! has "$F" "xtic(" && ! has "$F" "t4-spuk" && has "$F" "title 'Tranche 4 als specifieke uitkering'" &&
    has "$F" "V1[2] = '−2,3'" && has "$F" "V4[2] = '+0,04'" && has "$F" "V5[2] = '0,0'" &&
    [ "$(grep -c "≈ 0 (onder de getoonde precisie)" "$F")" = 1 ]; then ok; else
    failed "compare difference chart: panels, legend, value labels, ≈ 0" "$(grep -E "^set title|^V|≈" "$F")"; fi
want=$(awk '/"rijk_net": \{"scenarios"/ { on = 1 } on && /"vs": 1,/ { sub(/.*"mean": /, ""); sub(/,.*/, ""); print; exit }' \
    "$TMP/fan-cmp/compare.json")
got=$(awk -F'\t' 'NR == 2 { print $2 }' "$TMP/fan-cmp/plots/compare-diff.dat")
close "$got" "$want" && ok || failed "compare difference chart data: the mean difference of compare.json" "$got vs $want"

# the histogram keeps the deterministic value in view when every draw lies
# below it (the programme: extension cliff, deterministic 1.643,2 M€, the
# draws 1.624–1.635) and names it in the legend
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q --draws 200 -o "$TMP/hist-prog" \
    scenarios/programme-baseline.json >"$OUT" 2>"$ERR"
F="$TMP/hist-prog/plots/histogram-rijk-net.gp"
det=$(sed -n 's/^set arrow 4 from \([0-9.]*\),.*/\1/p' "$F")
xr=$(sed -n 's/^set xrange \[\(.*\)\]$/\1/p' "$F")
if awk -v d="$det" -v r="$xr" 'BEGIN { split(r, a, ":"); exit !(d != "" && a[1] + 0 <= d && d <= a[2] + 0) }' &&
    has "$F" "deterministische berekening: 1.643,2 (gestreept)"; then ok; else
    failed "histogram: the deterministic value inside the x range and in the legend" "$det in [$xr]"; fi

# compare: the table's differences are the differences of the two runs
r run -q --no-plots -o "$TMP/cmp-a" scenarios/t4-spuk.json
r run -q --no-plots -o "$TMP/cmp-b" scenarios/t4-du.json
r compare -q --no-plots -o "$TMP/cmp" scenarios/t4-spuk.json scenarios/t4-du.json
check_rc "compare runs" 0
bad=""
for m in rijk_net admin_total goal_spending effectiveness retained rijk_reclaimed npv_rijk; do
    a=$(metric "$TMP/cmp-a/summary.json" "$m")
    b=$(metric "$TMP/cmp-b/summary.json" "$m")
    d=$(awk -F, -v k="$m" '$1 == k { print $5 }' "$TMP/cmp/compare.csv")
    want=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.17g", b - a }')
    close "$d" "$want" || bad="$bad $m($d vs $want)"
done
if [ -z "$bad" ]; then ok; else failed "compare differences = differences of the runs" "$bad"; fi
check_has "compare.md holds the table" "$TMP/cmp/compare.md" "| Netto Rijksuitgaven | € mln |"
check_has "compare regions.csv has the change columns" "$TMP/cmp/regions.csv" "change_per_capita_t4-du"
for f in report.md report.html runs/t4-spuk/summary.json runs/t4-du/summary.json; do
    [ -s "$TMP/cmp/$f" ] || bad="$bad $f"
done
if [ -z "$bad" ]; then ok; else failed "compare writes its report and runs" "missing:$bad"; fi
r compare scenarios/t4-spuk.json
check_rc "compare needs two scenarios" 2
r compare -q --no-plots -o "$TMP/cmp-det" scenarios/worked-example.json scenarios/worked-example-du.json
if [ -e "$TMP/cmp-det/compare.json" ] || grep -q "_mean" "$TMP/cmp-det/compare.csv"; then
    failed "compare without draws (no uncertainty block) is deterministic only"
else
    ok
fi
check_has "compare with an uncertainty block in A runs the draws" "$TMP/cmp/compare.json" "\"draws\": "

# a run with draws: the mean beside the deterministic value, the reason
# when the deterministic value lies outside P5–P95, per deal p_extended
r run --no-plots --lang en --draws 400 -o "$TMP/det-mc" scenarios/programme-baseline.json
check_rc "programme with draws runs" 0
check_has "run shows the mean beside the deterministic value" "$OUT" "deterministic                 mean"
check_has "run says why the deterministic value is outside P5–P95" "$OUT" "The extension rule is a cliff"
check_has "summary.json names the headline" "$TMP/det-mc/summary.json" '"headline": "uncertainty.metrics.*.mean"'
check_has "summary.json lists the metrics outside P5–P95" "$TMP/det-mc/summary.json" '"deterministic_outside_p5_p95": ["rijk_reclaimed"'
bad=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "p_extended") pe = i; if ($i == "mean_reclaimed") mr = i } next }
               { if (!pe || $pe == "" || $pe < 0 || $pe > 1 || $mr < 0) print NR }' "$TMP/det-mc/deals.csv")
if [ -z "$bad" ]; then ok; else failed "deals.csv: p_extended in [0, 1] and mean_reclaimed >= 0" "rows:$bad"; fi
r run -q --no-plots -o "$TMP/det-only" scenarios/worked-example.json
check_has "summary.json of a deterministic run: the headline is the deterministic value" "$TMP/det-only/summary.json" '"headline": "metrics"'

# region and tranche detail: regions.csv's new columns, and
# yearly_tranches.csv summed over tranches equals yearly.csv to 1e-9
r run -q --no-plots --exact -o "$TMP/detail" scenarios/programme-baseline.json
check_has "regions.csv gains name, deals, co-financing, burden, Rijk net, reclaimed, retained" \
    "$TMP/detail/regions.csv" \
    "award_per_capita,name,deals,cofinancing,cofinancing_per_capita,admin_region,rijk_net,reclaimed,retained"
bad=$(awk -F, 'FNR == 1 { next }
    FILENAME ~ /yearly_tranches/ { for (i = 4; i <= NF; i++) sum[$3, i - 2] += $i; next }
    { for (i = 2; i <= NF; i++) { d = sum[$1, i] - $i; if (d > 1e-9 || d < -1e-9) print $1 "/" i } }' \
    "$TMP/detail/yearly_tranches.csv" "$TMP/detail/yearly.csv")
rows=$(awk 'END { print NR }' "$TMP/detail/yearly_tranches.csv")
if [ -z "$bad" ] && [ "$rows" -gt 60 ]; then ok; else failed "yearly_tranches.csv sums to yearly.csv" "rows $rows, off:$bad"; fi
bad=$(awk -F, 'NR > 1 { s = $13 + $14 - 0; if ($13 == "" || $9 == "") print NR }' "$TMP/detail/regions.csv")
if [ -z "$bad" ]; then ok; else failed "regions.csv: every region has its new values" "rows:$bad"; fi
r compare -q --no-plots -o "$TMP/cmp-reg" scenarios/cofin-flat-50.json scenarios/cofin-draagkracht.json
check_rc "compare of the co-financing rules runs" 0
check_has "compare regions.csv: names and the co-financing change" "$TMP/cmp-reg/regions.csv" \
    "region,name,population,deals_cofin-flat-50,"
bad=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "change_cofinancing_per_capita_cofin-draagkracht") k = i; next }
               { v = $k < 0 ? -$k : $k; if (NR > 2 && v > prev + 1e-9) print NR; prev = v }' "$TMP/cmp-reg/regions.csv")
first=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "change_cofinancing_per_capita_cofin-draagkracht") k = i; next }
                 NR == 2 { print ($k < -1 ? "moves" : "flat") }' "$TMP/cmp-reg/regions.csv")
if [ -z "$bad" ] && [ "$first" = moves ]; then ok; else failed "compare regions.csv: largest change first" "$first$bad"; fi
check_has "compare yearly_tranches.csv per scenario" "$TMP/cmp-reg/yearly_tranches.csv" "cofin-draagkracht,T6,"

# compare over the same draws: compare.json the same bytes for 1, 2 and 3
# threads, every metric in it, and the mean difference the difference of
# the means
for t in 1 2 3; do
    r compare -q --no-plots --exact --draws 600 --seed 9 --threads $t -o "$TMP/cmpmc$t" \
        scenarios/t4-spuk.json scenarios/t4-du.json
    check_rc "compare --draws runs on $t thread(s)" 0
done
if cmp -s "$TMP/cmpmc1/compare.json" "$TMP/cmpmc2/compare.json" &&
    cmp -s "$TMP/cmpmc1/compare.json" "$TMP/cmpmc3/compare.json"; then
    ok
else
    failed "compare.json is byte-identical for 1, 2 and 3 threads"
fi
bad=""
for m in $("$BIN" list metrics | awk '{ print $1 }'); do
    grep -q "^  \"$m\": {\"scenarios\": \[" "$TMP/cmpmc1/compare.json" || bad="$bad $m"
done
if [ -z "$bad" ]; then ok; else failed "compare.json holds every metric" "missing:$bad"; fi
check_has "compare.json names the draws" "$TMP/cmpmc1/compare.json" '"uncertainty": {"draws": 600, "seed": 9,'
check_has "compare.json has p_greater" "$TMP/cmpmc1/compare.json" '{"vs": 1, "mean": '
bad=$(awk -F, 'NR > 1 { d = $9 - ($8 - $7); s = ($7 < 0 ? -$7 : $7); if (s < 1) s = 1;
                       if (d > 1e-9 * s || d < -1e-9 * s) print $1 }' "$TMP/cmpmc1/compare.csv")
if [ -z "$bad" ]; then ok; else failed "compare.csv: mean difference = difference of means" "$bad"; fi
check_has "compare.csv has the paired columns" "$TMP/cmpmc1/compare.csv" \
    "t4-du_minus_t4-spuk_mean,t4-du_minus_t4-spuk_p5,t4-du_minus_t4-spuk_p95,t4-du_minus_t4-spuk_p_greater"
[ -s "$TMP/cmpmc1/yearly_net_difference.csv" ] && ok || failed "compare --draws writes yearly_net_difference.csv"
r compare -q --no-plots --draws 100000000 -o "$TMP/cmpbig" scenarios/t4-spuk.json scenarios/t4-du.json
check_rc_has "compare refuses draws it cannot keep, before running them" 2 "$ERR" \
    "to keep every draw for the paired differences" "use at most"
r compare --no-plots --draws 300 --lang nl -o "$TMP/cmpnl" scenarios/t4-spuk.json scenarios/t4-du.json
check_has "compare says how often one beats the other (nl), scenarios by name" "$OUT" \
    "Tranche 4 als decentralisatie-uitkering: minder doelbestedingen dan Tranche 4 als specifieke uitkering in"


# ------------------------------------------- 5. Monte Carlo, sweep and solve

# the same seed gives byte-identical results for 1, 2 and 3 threads
for t in 1 2 3; do
    r run -q --no-plots --draws 400 --seed 7 --threads "$t" -o "$TMP/mc-$t" scenarios/demo.json
done
if cmp -s "$TMP/mc-1/summary.json" "$TMP/mc-2/summary.json" &&
    cmp -s "$TMP/mc-1/summary.json" "$TMP/mc-3/summary.json" &&
    cmp -s "$TMP/mc-1/yearly_bands.csv" "$TMP/mc-3/yearly_bands.csv"; then
    ok
else
    failed "Monte Carlo identical for 1, 2 and 3 threads"
fi
check_has "summary.json has the uncertainty block" "$TMP/mc-1/summary.json" '"uncertainty": {"draws": 400, "seed": 7,'
check_has "yearly_bands.csv has p5, p50, p95" "$TMP/mc-1/yearly_bands.csv" "year,series,mean,sd,p5,p50,p95"
# without an uncertainty block and without --draws: the deterministic run only
r run -q --no-plots -o "$TMP/det" scenarios/worked-example.json
if has "$TMP/det/summary.json" '"uncertainty"' || [ -e "$TMP/det/yearly_bands.csv" ]; then
    failed "no Monte Carlo unless asked"
else ok; fi
# --draws without a block says which parameters it used
r run -q --no-plots --draws 50 -o "$TMP/det-mc" scenarios/worked-example.json
# (worked-example.json: realisation mean 0.8, said as 80 %)
check_rc_has "--draws without a block warns about its defaults" 0 "$ERR" \
    "regiosim: waarschuwing: --draws zonder een blok 'uncertainty' in het scenario: Monte Carlo met een realisatie per jaar van 80 % (die van het scenario)"
r run -q --no-plots --draws 50 --lang en -o "$TMP/det-mc-en" scenarios/worked-example.json
check_rc_has "--draws without a block warns in English with --lang en" 0 "$ERR" \
    "regiosim: warning: --draws without an 'uncertainty' block in the scenario: Monte Carlo with realisation mean 0.8"

# the sweep chart names its parameters by display label and the scenario by name
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" sweep -q scenarios/demo.json \
    --param instruments.spuk.deadline.extension_threshold --from 0.02 --to 0.1 --steps 3 \
    --param2 'regions[twente].fiscal_capacity' --from2 0.8 --to2 1.2 --steps2 2 --metric rijk_net \
    -o "$TMP/sweep-labels" >"$OUT" 2>"$ERR"
G="$TMP/sweep-labels/plots/sweep.gp"
check_has "sweep title: display labels" "$G" \
    "set label 98 'Parameterverkenning: SPUK: drempel voor verlenging × Twente: draagkracht'"
check_has "sweep: the source line names the scenario" "$G" \
    ", scenario '.\"'\".'Demo: Regio Deals met een SPUK-tranche en een DU-tranche'.\"'\" at screen"
if grep -v '^#' "$G" | grep -qE 'extension_threshold|fiscal_capacity|regions\['; then
    failed "sweep chart: no parameter ids" "$(grep -v '^#' "$G" | grep -E 'extension_threshold|fiscal_capacity|regions\[')"
else ok; fi
# a sweep point equals a single run at the same value
r sweep -q --no-plots --exact scenarios/worked-example.json --param realisation.mean --from 0.6 --to 1 \
    --steps 5 --metric rijk_net -o "$TMP/sweep"
check_rc "sweep runs" 0
sw=$(awk -F, '$1 == "0.8" { print $2 }' "$TMP/sweep/sweep.csv")
r run -q --no-plots --set realisation.mean=0.8 -o "$TMP/sweep-one" scenarios/worked-example.json
one=$(metric "$TMP/sweep-one/summary.json" rijk_net)
if [ -n "$sw" ] && [ "$sw" = "$one" ]; then ok; else failed "sweep point = single run" "sweep $sw, run $one"; fi
if [ "$(wc -l <"$TMP/sweep/sweep.csv")" = 6 ]; then ok; else failed "sweep.csv has a header and 5 rows"; fi

# solve: the budget-neutral capacity_linear base, verified by running at it
r solve scenarios/capaciteit-draagkracht.json --param cofinancing.base --metric rijk_awarded \
    --target-scenario scenarios/capaciteit-flat-50.json --lo 0.3 --hi 0.7
check_rc "solve finds a value" 0
base=$(sed -n 's/.*(--set cofinancing\.base=\([^)]*\))$/\1/p' "$OUT")
# in Dutch: the parameter by its label, the value in % (0.5438… as 54,38 %)
if has "$OUT" "basisaandeel cofinanciering = 54,38 % (--set cofinancing.base=0.543" \
   && grep -Eq '^Toegekende Rijksbijdrage bij die waarde: 150,0000 € mln \(doel 150,0000 € mln, de waarde in scenarios/capaciteit-flat-50.json\)$' "$OUT" \
   && grep -Eq '^iteraties: [0-9]+ \(methode van Brent, gezocht tussen 30–70 %, [0-9]+ doorrekeningen\)$' "$OUT" \
   && ! grep -q 'rijk_awarded\|there\|iterations' "$OUT"; then ok; else
    failed "solve prints Dutch by default" "exit $rc"
fi
r run -q --no-plots --set "cofinancing.base=$base" -o "$TMP/solved" scenarios/capaciteit-draagkracht.json
got=$(metric "$TMP/solved/summary.json" rijk_awarded)
r run -q --no-plots -o "$TMP/flat50" scenarios/capaciteit-flat-50.json
want=$(metric "$TMP/flat50/summary.json" rijk_awarded)
if close "$got" "$want"; then ok; else failed "solved base gives the target" "base $base: $got, want $want"; fi
# the break-even off_goal_share of a DU, verified the same way
r solve scenarios/t4-du.json --param instruments.du.off_goal_share --metric effectiveness \
    --target-scenario scenarios/t4-spuk.json --lo 0 --hi 0.5
check_rc "solve finds the break-even off_goal_share" 0
og=$(sed -n 's/.*(--set instruments\.du\.off_goal_share=\([^)]*\))$/\1/p' "$OUT")
r solve --lang en scenarios/t4-du.json --param instruments.du.off_goal_share --metric effectiveness \
    --target-scenario scenarios/t4-spuk.json --lo 0 --hi 0.5
og_en=$(awk '$1 == "instruments.du.off_goal_share" { print $3 }' "$OUT")
if [ "$rc" = 0 ] && grep -q '^effectiveness there = ' "$OUT" && grep -q '^iterations: ' "$OUT" \
   && close "$og_en" "$og"; then ok; else
    failed "solve --lang en keeps the ids and the same answer" "en $og_en, nl $og"
fi
r run -q --no-plots --set "instruments.du.off_goal_share=$og" -o "$TMP/og-du" scenarios/t4-du.json
r run -q --no-plots -o "$TMP/og-spuk" scenarios/t4-spuk.json
# the solve targets the Monte Carlo means (both scenarios have uncertainty)
got=$(awk '/"effectiveness": \{"mean"/ { v = $3; sub(/,$/, "", v); print v; exit }' "$TMP/og-du/summary.json")
want=$(awk '/"effectiveness": \{"mean"/ { v = $3; sub(/,$/, "", v); print v; exit }' "$TMP/og-spuk/summary.json")
if close "$got" "$want"; then ok; else failed "solved off_goal_share gives the SPUK's effectiveness" "og $og: $got, want $want"; fi

# no crossing in the bracket: a clear error with the metric at both ends
r solve scenarios/worked-example.json --param realisation.mean --metric rijk_net --target 5 --lo 0.5 --hi 1
check_rc_has "solve without a sign change reports both ends" 2 "$ERR" "does not cross the target 5" "at 0.5" "at 1"


# ------------------------------------------------------- 6. sensitivity
# jfield FILE PATH KEY: KEY of the factor whose first path is PATH in sensitivity.json
jfield() {
    sed -n "s/.*\"paths\": \[\"$2\"[],].*\"$3\": \([^,}]*\)[,}].*/\1/p" "$1" | head -n 1
}
# exact A B: |A - B| <= 1e-12 (1 + |B|)
exact() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
        exit !(a != "" && b != "" && d <= 1e-12 * (1 + m)) }'
}
mcmean() {
    awk -v k="\"$2\":" '$1 == k && $2 == "{\"mean\":" { v = $3; sub(/,$/, "", v); print v; exit }' "$1"
}

# one scenario, deterministic: a point equals a plain run with the same --set
r sensitivity scenarios/t4-du.json --metric effectiveness --set uncertainty=null \
    --factor instruments.du.off_goal_share=0.05,0.2 --factor 'instruments.du.admin.obligations[0].hours' \
    -o "$TMP/sens1" --no-plots
check_rc "sensitivity oat runs" 0
for f in sensitivity.json sensitivity.csv report.md report.html; do
    if [ -s "$TMP/sens1/$f" ]; then ok; else failed "sensitivity writes $f"; fi
done
check_has "sensitivity.json names the method" "$TMP/sens1/sensitivity.json" '"method": "oat"'
check_has "sensitivity.json without --vs" "$TMP/sens1/sensitivity.json" '"vs": null'
got=$(jfield "$TMP/sens1/sensitivity.json" instruments.du.off_goal_share at_hi)
r run -q --no-plots --set uncertainty=null --set instruments.du.off_goal_share=0.2 -o "$TMP/sens1-run" scenarios/t4-du.json
want=$(metric "$TMP/sens1-run/summary.json" effectiveness)
if exact "$got" "$want"; then ok; else failed "a sensitivity point equals a plain run (1e-12)" "at_hi $got, run $want"; fi
# the declared range of an obligation (30 to 120 hours), its low end
got=$(jfield "$TMP/sens1/sensitivity.json" 'instruments.du.admin.obligations\[0\].hours' at_lo)
r run -q --no-plots --set uncertainty=null --set 'instruments.du.admin.obligations[0].hours=30' -o "$TMP/sens1-run2" scenarios/t4-du.json
want=$(metric "$TMP/sens1-run2/summary.json" effectiveness)
if exact "$got" "$want"; then ok; else failed "a declared range's low end equals a plain run" "at_lo $got, run $want"; fi
if [ "$(wc -l <"$TMP/sens1/sensitivity.csv")" = 3 ]; then ok; else failed "sensitivity.csv has a header and a row per factor"; fi

# with draws: the Monte Carlo mean of the same draws, and its standard error
r sensitivity scenarios/t4-du.json --metric effectiveness --draws 40 --factor realisation.mean \
    -o "$TMP/sens2" --no-plots
check_rc "sensitivity with draws runs" 0
check_has "a group moves both realisation means" "$TMP/sens2/sensitivity.json" '"paths": ["realisation.mean", "uncertainty.realisation.mean"]'
got=$(jfield "$TMP/sens2/sensitivity.json" realisation.mean at_lo)
r run -q --no-plots --draws 40 --set realisation.mean=0.7 --set uncertainty.realisation.mean=0.7 -o "$TMP/sens2-run" scenarios/t4-du.json
want=$(mcmean "$TMP/sens2-run/summary.json" effectiveness)
if exact "$got" "$want"; then ok; else failed "a Monte Carlo point equals a plain run's mean" "at_lo $got, run $want"; fi
se=$(jfield "$TMP/sens2/sensitivity.json" realisation.mean swing_se)
if awk -v s="$se" 'BEGIN { exit !(s != "" && s != "null" && s > 0) }'; then ok; else failed "the swing has a Monte Carlo standard error" "swing_se $se"; fi

# --vs: the difference, each factor applied where its path exists, and the
# switching value at which it turns
r sensitivity scenarios/t4-spuk.json --vs scenarios/t4-du.json --metric effectiveness \
    --set uncertainty=null --factor instruments.du.off_goal_share -o "$TMP/sens3" --csv nl
check_rc "sensitivity --vs runs" 0
check_has "sensitivity.json names the other scenario" "$TMP/sens3/sensitivity.json" '"vs": "scenarios/t4-du.json"'
check_has "the Dutch CSV dialect" "$TMP/sens3/sensitivity.csv" 'name;paths;value;lo;hi'
sw=$(jfield "$TMP/sens3/sensitivity.json" instruments.du.off_goal_share switch)
r run -q --no-plots --set uncertainty=null --set "instruments.du.off_goal_share=$sw" -o "$TMP/sens3-du" scenarios/t4-du.json
r run -q --no-plots --set uncertainty=null --set "instruments.du.off_goal_share=$sw" -o "$TMP/sens3-spuk" scenarios/t4-spuk.json
a=$(metric "$TMP/sens3-spuk/summary.json" effectiveness)
b=$(metric "$TMP/sens3-du/summary.json" effectiveness)
if awk -v a="$a" -v b="$b" -v s="$sw" 'BEGIN { d = a - b; exit !(s > 0.01 && s < 0.03 && d < 1e-8 && d > -1e-8) }'; then ok
else failed "at the switching value the SPUK and the DU are equally effective" "switch $sw: $a vs $b"; fi
lo=$(jfield "$TMP/sens3/sensitivity.json" instruments.du.off_goal_share at_lo)
r run -q --no-plots --set uncertainty=null --set "instruments.du.off_goal_share=0" -o "$TMP/sens3-du0" scenarios/t4-du.json
r run -q --no-plots --set uncertainty=null --set "instruments.du.off_goal_share=0" -o "$TMP/sens3-spuk0" scenarios/t4-spuk.json
want=$(awk -v a="$(metric "$TMP/sens3-spuk0/summary.json" effectiveness)" -v b="$(metric "$TMP/sens3-du0/summary.json" effectiveness)" 'BEGIN { printf "%.17g", a - b }')
if exact "$lo" "$want"; then ok; else failed "a --vs point is the difference of two plain runs" "at_lo $lo, runs $want"; fi
if [ -s "$TMP/sens3/plots/sensitivity.gp" ]; then ok; else failed "the tornado chart script is written"; fi
check_has "the report gives the reasoning of each range" "$TMP/sens3/report.md" "Onderbouwing van de bandbreedtes"
check_has "the report quotes the model file's reasoning" "$TMP/sens3/report.md" "Algemene Rekenkamer (15 May 2024)"
check_has "the tornado marks where the conclusion turns" "$TMP/sens3/plots/sensitivity.gp" "omslagpunt: geen verschil"
# the tornado in the house style, its factors by display label, not by id
G="$TMP/sens3/plots/sensitivity.gp"
# the range and the switching value in the unit of the parameter: the share
# 0 to 0.25 as 0–25 %, the switch 0.0175 (sensitivity.json) as 1,75 %
check_has "tornado: a factor by its Dutch label, range in %" "$G" "L[1] = 'DU: aandeel niet-doelbesteding [0–25 %], omslag bij 1,75 %'"
check_has "tornado: the title of the house style" "$G" "set label 98 'Gevoeligheid van het verschil in doelmatigheid' at screen 0.5"
check_has "tornado: the palette's roles" "$G" "with boxxyerror lc rgb c_real title 'schatting op ondergrens'"
check_has "tornado: the legend under the axis title" "$G" "set key at screen 0.5, character"
check_has "tornado: the source line" "$G" "'Bron: regiosim "
# every declared estimate of both scenarios (English): no parameter id in the script
REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" sensitivity scenarios/t4-spuk.json --vs scenarios/t4-du.json \
    --metric effectiveness --set uncertainty=null --lang en -q -o "$TMP/sens-all" >"$OUT" 2>"$ERR"
G="$TMP/sens-all/plots/sensitivity.gp"
ids=$(grep -v '^#' "$G" | grep -oE 'off_goal_share|extension_threshold|realisation_shift|\((spuk|du)\)|(spuk|du): ' | sort -u | tr '\n' ' ')
if [ -s "$G" ] && [ -z "$ids" ]; then ok; else failed "tornado (all estimates): no parameter ids" "found: $ids"; fi
check_has "tornado: an obligation by its name" "$G" "'SPUK: projectadministratie, hours [12–48 hours]'"
check_has "tornado: a group over both instruments by its common label" "$G" "'hourly rate, Rijk [€85.5–104.5 per hour]'"
check_has "tornado: an instrument key" "$G" "'SPUK: extension threshold [2–10%]'"
check_has "sensitivity report: the table names factors by label" "$TMP/sens3/report.md" "| DU: aandeel niet-doelbesteding |"
# every declared estimate in Dutch: each range in its unit (models/: the
# obligation's 12 to 48 hours, the realisation shift -0.08 to 0, the Rijk
# tariff 85.5 to 104.5 €/h), in the tornado and in the report
REGIOSIM_GNUPLOT=/nonexistent/gnuplot r sensitivity scenarios/t4-spuk.json --vs scenarios/t4-du.json \
    --metric effectiveness --set uncertainty=null -q -o "$TMP/sens-all-nl"
check_rc_has "tornado: hours in uur, a negative end with U+2212, a tariff in € per uur" 0 \
    "$TMP/sens-all-nl/plots/sensitivity.gp" "'SPUK: projectadministratie, uren [12–48 uur]'" \
    "'SPUK: verschuiving van de realisatie [−8 tot 0 %]'" "'uurtarief Rijk [€ 85,5–104,5 per uur]'"
check_rc_has "sensitivity report: ranges in their units" 0 "$TMP/sens-all-nl/report.md" \
    "| DU: aandeel niet-doelbesteding | 0–25 % |" "| SPUK: projectadministratie, uren | 12–48 uur |"

# --target: where one scenario's metric reaches a value
r sensitivity scenarios/t4-du.json --metric effectiveness --target 0.96 --set uncertainty=null \
    --factor instruments.du.off_goal_share -o "$TMP/sens6" --no-plots
check_rc "sensitivity --target runs" 0
sw=$(jfield "$TMP/sens6/sensitivity.json" instruments.du.off_goal_share switch)
r run -q --no-plots --set uncertainty=null --set "instruments.du.off_goal_share=$sw" -o "$TMP/sens6-run" scenarios/t4-du.json
got=$(metric "$TMP/sens6-run/summary.json" effectiveness)
if awk -v a="$got" 'BEGIN { d = a - 0.96; exit !(a != "" && d < 1e-8 && d > -1e-8) }'; then ok
else failed "at the switching value the metric equals --target" "switch $sw: $got"; fi

# morris and sobol: the number of runs follows the design
r sensitivity scenarios/t4-du.json --metric effectiveness --set uncertainty=null --method morris \
    --samples 4 --factor instruments.du.off_goal_share --factor instruments.du.realisation_shift -o "$TMP/sens4" --no-plots
check_rc "sensitivity morris runs" 0
check_has "morris: 1 + 4 × 3 runs" "$TMP/sens4/sensitivity.json" '"runs": 13,'
r sensitivity scenarios/t4-du.json --metric effectiveness --set uncertainty=null --method morris \
    --samples 4 --factor instruments.du.off_goal_share -o "$TMP/sens4b" --no-plots
mu=$(jfield "$TMP/sens4b/sensitivity.json" instruments.du.off_goal_share mu_star)
# effectiveness is linear in off_goal_share: alone, its mu* is the change over the whole range
r run -q --no-plots --set uncertainty=null --set instruments.du.off_goal_share=0 -o "$TMP/sens4-0" scenarios/t4-du.json
r run -q --no-plots --set uncertainty=null --set instruments.du.off_goal_share=0.25 -o "$TMP/sens4-1" scenarios/t4-du.json
want=$(awk -v a="$(metric "$TMP/sens4-0/summary.json" effectiveness)" -v b="$(metric "$TMP/sens4-1/summary.json" effectiveness)" 'BEGIN { printf "%.17g", a - b }')
if awk -v a="$mu" -v b="$want" 'BEGIN { d = a - b; exit !(d < 1e-9 && d > -1e-9) }'; then ok; else failed "morris mu* of a linear factor is its whole-range effect" "mu* $mu, want $want"; fi
r sensitivity scenarios/t4-du.json --metric effectiveness --set uncertainty=null --method sobol \
    --samples 32 --factor instruments.du.off_goal_share --factor instruments.du.realisation_shift -o "$TMP/sens5" --no-plots
check_rc_has "sensitivity sobol says the runs and the time before it goes on" 0 "$ERR" \
    "regiosim: sobol: 2 factoren, 129 punten: 129 doorrekeningen; na de eerste 64 punten volgt een schatting van de duur" \
    "regiosim: de eerste 64 punten duurden "
check_has "sobol: 1 + 32 × 4 runs" "$TMP/sens5/sensitivity.json" '"runs": 129,'

# usage errors
r sensitivity scenarios/t4-du.json --metric effectiveness --factor instruments.du.off_goal_share=0.3,0.1
check_rc_has "sensitivity: LO must be below HI" 2 "$ERR" "must be below HI"
r sensitivity scenarios/t4-du.json --metric effectiveness --factor instruments.du.off_goal_share=abc
check_rc_has "sensitivity: a malformed --factor" 2 "$ERR" "--factor takes PATH=LO,HI"
r sensitivity scenarios/t4-du.json --metric effectiveness --factor instruments.du.no_such_key=0,1
check_rc_has "sensitivity: a path that names nothing" 2 "$ERR" "names no number"
r sensitivity scenarios/t4-du.json --metric effectiveness --factor discount_rate
check_rc_has "sensitivity: a factor without a declared range" 2 "$ERR" "no range is declared for 'discount_rate'"
r sensitivity scenarios/t4-du.json --metric effectiveness --method sobol
check_rc_has "sensitivity: sobol has at most 20 factors" 2 "$ERR" "sobol takes at most 20 factors"
r sensitivity scenarios/t4-du.json
check_rc_has "sensitivity needs a metric" 2 "$ERR" "needs one --metric"
r sensitivity scenarios/t4-du.json --metric effectiveness --samples 10
check_rc_has "sensitivity: --samples is not for oat" 2 "$ERR" "not for oat"
r sensitivity scenarios/worked-example.json --metric effectiveness
check_rc_has "sensitivity: a scenario without ranges" 2 "$ERR" "declares no ranges"
r help sensitivity
check_rc_has "help sensitivity" 0 "$OUT" "Usage: regiosim sensitivity" "switching value"

# ------------------------------------ the warnings and notes of a normal run
# Each warning and note a successful run can print on stderr, provoked, in
# Dutch (the default): Dutch words, the parameter by its display name and
# its value in its unit, and no code id of the label table.  The same runs
# with --lang en keep the English words.
mkdir -p "$TMP/w"
: >"$TMP/w/all.txt"
# w NAME ARGS...: run regiosim, keep stdout and stderr for the id check
w() {
    wn=$1
    shift
    r "$@"
    { cat "$OUT"; cat "$ERR"; } >>"$TMP/w/all.txt"
}
# a child of t4-du.json that changes 'set' (its parent's description is kept)
# and asks for 30 draws with seed 5 (t4-spuk.json: 1000 draws, seed 42)
printf '{"extends": "%s/scenarios/t4-du.json", "set": {"uncertainty.draws": 30, "uncertainty.seed": 5}}\n' \
    "$ROOT" >"$TMP/w/child.json"
# extension_threshold is 0.05 in models/instruments/spuk.json: outside 0.1 to 0.2
w outside sensitivity --no-plots -o "$TMP/w/s1" scenarios/t4-spuk.json --vs "$TMP/w/child.json" \
    --metric rijk_net --factor instruments.spuk.deadline.extension_threshold=0.1,0.2
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: waarschuwing: SPUK: drempel voor verlenging is 5 %, buiten de bandbreedte 10–20 %: de gevoeligheidsanalyse varieert de waarde toch over de hele bandbreedte" \
   && has "$ERR" "child.json: wijzigt 'set', maar houdt de beschrijving ('description') van het scenario dat het uitbreidt" \
   && has "$ERR" "regiosim: waarschuwing: $TMP/w/child.json vraagt om 30 trekkingen met startwaarde (seed) 5; het wordt doorgerekend met de 1.000 trekkingen en startwaarde 42 van scenarios/t4-spuk.json" \
   && ! grep -q 'warning\|outside\|asks for' "$ERR"; then ok; else
    failed "sensitivity: a value outside its range, a kept description, OTHER's draws, in Dutch" "exit $rc"
fi
r sensitivity --no-plots --lang en -o "$TMP/w/s1en" scenarios/t4-spuk.json --vs "$TMP/w/child.json" \
    --metric rijk_net --factor instruments.spuk.deadline.extension_threshold=0.1,0.2
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: warning: instruments.spuk.deadline.extension_threshold is 0.05, outside its range 0.1 to 0.2: the study still varies it over the range" \
   && has "$ERR" "child.json: changes 'set' but keeps the 'description' of the scenario it extends" \
   && has "$ERR" "regiosim: warning: $TMP/w/child.json asks for 30 draws with seed 5; it is run with scenarios/t4-spuk.json's 1,000 draws and seed 42"; then ok; else
    failed "sensitivity: the same warnings in English with --lang en" "exit $rc"
fi
# compare with the same child: the loader's warning, the other draws and seed
# and the closing line in Dutch; in English with --lang en
w cmpchild compare --no-plots -o "$TMP/w/c1" scenarios/t4-spuk.json "$TMP/w/child.json"
if [ "$rc" = 0 ] \
   && has "$ERR" "child.json: wijzigt 'set', maar houdt de beschrijving ('description') van het scenario dat het uitbreidt" \
   && has "$ERR" "child.json heeft een ander blok 'uncertainty' dan scenarios/t4-spuk.json: compare trekt elk scenario uit dat van het eerste" \
   && has "$OUT" "resultaten in $TMP/w/c1/" && ! grep -q 'warning\|results in' "$ERR" "$OUT"; then ok; else
    failed "compare: the loader's warning, other draws and the closing line in Dutch" "exit $rc"
fi
r compare --no-plots --lang en -o "$TMP/w/c1en" scenarios/t4-spuk.json "$TMP/w/child.json"
if [ "$rc" = 0 ] && has "$ERR" "child.json: changes 'set' but keeps the 'description'" \
   && has "$ERR" "child.json has another 'uncertainty' block than" && has "$OUT" "results in $TMP/w/c1en/"; then ok; else
    failed "compare: the same in English with --lang en" "exit $rc"
fi
# twente's fiscal_capacity does not move rijk_net under a flat rule: Sobol
# has nothing to explain; --draws without an uncertainty block
w flat sensitivity --no-plots -o "$TMP/w/s2" scenarios/t4-spuk.json --set uncertainty=null --metric rijk_net \
    --method sobol --samples 8 --factor 'regions[twente].fiscal_capacity=0.8,1.2' \
    --factor 'regions[veluwe].fiscal_capacity=1,1.2'
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: waarschuwing: de maatstaf verandert niet binnen de bandbreedtes: elke Sobol-index is 0" \
   && has "$ERR" "regiosim: sobol: 2 factoren, 33 punten: 33 doorrekeningen; na de eerste 64 punten volgt een schatting van de duur"; then ok; else
    failed "sensitivity: a metric that does not change, and the plan, in Dutch" "exit $rc"
fi
w mcdefault sensitivity --no-plots -o "$TMP/w/s3" scenarios/t4-spuk.json --set uncertainty=null --draws 20 \
    --metric rijk_net --method morris --samples 2 --factor instruments.spuk.deadline.extension_threshold=0,0.2
if [ "$rc" = 0 ] \
   && has "$ERR" "regiosim: waarschuwing: --draws zonder een blok 'uncertainty' in het scenario: Monte Carlo met een realisatie per jaar van 85 % (die van het scenario)" \
   && has "$ERR" "regiosim: morris: 1 factor, 5 punten: 5 doorrekeningen van elk 20 trekkingen; na de eerste 64 punten volgt een schatting van de duur" \
   && grep -Eq '^SPUK: drempel voor verlenging +0 % +20 % ' "$OUT"; then ok; else
    failed "sensitivity: --draws without a block, in Dutch" "exit $rc"
fi
# sweep says the --draws defaults once (it dropped them before)
w sweepdraws sweep --no-plots -o "$TMP/w/sw0" scenarios/worked-example.json --param realisation.mean \
    --from 0.6 --to 0.9 --steps 2 --draws 20
if [ "$rc" = 0 ] && [ "$(grep -c "^regiosim: waarschuwing: --draws zonder een blok 'uncertainty' in het scenario: Monte Carlo met een realisatie per jaar van 80 %" "$ERR")" = 1 ] \
   && grep -Eq '^ +60 % +[0-9]+,[0-9] ' "$OUT"; then ok; else
    failed "sweep: --draws without a block, said once, in Dutch" "exit $rc"
fi
# a tranche without deals (the loader's warning)
w nodeals run --no-plots -o "$TMP/w/r1" scenarios/t4-spuk.json --set 'tranches=[{"id": "T4", "year": 2023,
    "budget": 100, "instrument": "spuk", "allocation": "pro_rata", "deal_min": 5, "deal_cap": 40},
    {"id": "T9", "year": 2024, "budget": 10, "instrument": "spuk", "allocation": "pro_rata"}]'
check_rc_has "run: a tranche without deals, in Dutch" 0 "$ERR" "regiosim: scenarios/t4-spuk.json: tranche 'T9' heeft geen deals"
r run --no-plots --lang en -o "$TMP/w/r1en" scenarios/t4-spuk.json --set 'tranches=[{"id": "T4", "year": 2023,
    "budget": 100, "instrument": "spuk", "allocation": "pro_rata", "deal_min": 5, "deal_cap": 40},
    {"id": "T9", "year": 2024, "budget": 10, "instrument": "spuk", "allocation": "pro_rata"}]'
check_rc_has "run: a tranche without deals, in English" 0 "$ERR" "regiosim: scenarios/t4-spuk.json: tranche 'T9' has no deals"
# a model found on the search path, in sweep
mkdir -p "$TMP/w/scen"
cp scenarios/t4-spuk.json "$TMP/w/scen/"
REGIOSIM_MODELS=$ROOT/models w found sweep --no-plots -o "$TMP/w/sw" "$TMP/w/scen/t4-spuk.json" \
    --param instruments.spuk.deadline.extension_threshold --from 0 --to 0.1 --steps 2
check_rc_has "sweep: a model found on the search path, in Dutch" 0 "$ERR" \
    "$TMP/w/scen/t4-spuk.json: \$.regions: '../models/regions/demo-regions.json' staat niet naast het bestand"
# solve: deals_dropped jumps from 0 to 1 as deal_min passes the smallest
# award (€ 10 mln, Oost-Groningen's after its co-financing limit)
w jump solve scenarios/t4-du.json --param 'tranches[T4].deal_min' --metric deals_dropped --target 0.5 --lo 0 --hi 30
if [ "$rc" = 0 ] && grep -Eq '^tranche T4: minimum per deal \(€ mln\) = € 10 mln \(--set tranches\[T4\]\.deal_min=(9\.99|10)' "$OUT" \
   && has "$OUT" "Deals vervallen bij die waarde: 0,0 deals (doel 0,5 deals)" \
   && has "$ERR" "regiosim: waarschuwing: Deals vervallen springt bij deze waarde over het doel heen (een sprong in het model, bijvoorbeeld een deal die verlaagd wordt of vervalt)"; then ok; else
    failed "solve: a jump across the target, in Dutch" "exit $rc"
fi
r solve --lang en scenarios/t4-du.json --param 'tranches[T4].deal_min' --metric deals_dropped --target 0.5 --lo 0 --hi 30
check_rc_has "solve: a jump across the target, in English" 0 "$ERR" "regiosim: warning: deals_dropped jumps across the target at this value"
# no chart style file (a copy of the binary away from plots/): said in Dutch
mkdir -p "$TMP/w/bin"
cp "$BIN" "$TMP/w/bin/regiosim"
REGIOSIM_PLOTS=/nonexistent "$TMP/w/bin/regiosim" run -q -o "$TMP/w/r2" scenarios/t4-spuk.json >"$OUT" 2>"$ERR"
rc=$?
cat "$ERR" >>"$TMP/w/all.txt"
if [ "$rc" = 0 ] && ! grep -q 'chart style' "$ERR" \
   && { has "$ERR" "regiosim: waarschuwing: geen bestand met de grafiekstijl gevonden (plots/rijkshuisstijl.gp naast regiosim" \
        || [ -e /usr/local/share/regiosim/plots/rijkshuisstijl.gp ]; }; then ok; else
    failed "run: no chart style file, in Dutch" "exit $rc"
fi
# no code id of the label table in any of it (the result folders, the file
# names and the '--set PATH=VALUE' solve prints to paste are not words)
ids=$("$BIN" list metrics | awk '{ print $1 }')
for k in rules schedules allocations obligations; do
    ids="$ids $("$BIN" list $k | awk '{ print $1 }')"
done
ids="$ids awarded scaled dropped deal_min deal_cap cofin_capacity fiscal_capacity bw_pressure"
ids="$ids off_goal_share extension_threshold extension_years reclaim_share realisation_shift M€"
sed -e 's/(--set [^)]*)//' -e 's/resultaten in [^ ]* ([^)]*)//' -e "s|$TMP[^ :']*||g" \
    -e 's|scenarios/[a-z0-9-]*\.json||g' "$TMP/w/all.txt" >"$TMP/w/words.txt"
found=""
for id in $ids; do
    case $id in deal | project | volume | plan) continue ;; esac
    grep -Fqw -- "$id" "$TMP/w/words.txt" && found="$found $id"
done
if [ -s "$TMP/w/words.txt" ] && [ -z "$found" ]; then ok; else
    failed "no code ids in the Dutch warnings and notes" "found:$found"
fi

# files written by hand (wrapped lists, validate FILE, search path, messages)
. "$HERE/files.sh"

# charts drawn by several gnuplot processes at once: the same images and
# messages as with one (tests/cli/procs.sh)
. "$HERE/procs.sh"

printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
