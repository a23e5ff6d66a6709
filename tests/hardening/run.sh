#!/bin/sh
# Hostile and broken input, interrupted and failing writes.
#
#   sh tests/hardening/run.sh ./regiosim      (from the top folder; make check-hardening)
#
# Every case runs the program under `timeout` and asks for exit code 0 or
# a clear error with exit code 3 (invalid) or 4 (cannot read or write),
# as each case says; a crash (exit >= 128), a hang (timeout) or exit code
# 1 (an invariant failed) is always a failure.  When a run writes results,
# summary.json must be valid JSON (checked with jq when it is installed)
# and no CSV may hold inf, nan or -0.
#
# Sections: 1 nesting, 2 numbers, 3 long text, 4 invalid UTF-8 and NUL,
# 5 big files, 6 extends chains, 7 what is not a readable file, 8 every
# number of the demo at its limits, 9 100,000 deals, 10 interrupted
# writes, 11 a full disk; 12 to 21 (guarantees.sh) output confinement,
# plot, chart text, constant ranges, Ctrl-C during charts, limits, text
# in every output language, faults while charts are written, Dutch
# numbers, signals while two gnuplots draw.
#
# Prints one line per failure (and notes for skipped cases) and ends with
# 'N passed, N failed'.  Exit status 0 when nothing failed.
#
# Environment: HARDENING_TIMEOUT (seconds per run, default 60).

if [ $# -ne 1 ]; then
    echo "usage: sh tests/hardening/run.sh PATH-TO-REGIOSIM" >&2
    exit 2
fi
BIN=$1
case $BIN in
    /*) ;;
    *) BIN=$(pwd)/$BIN ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd) || exit 2
ROOT=$(cd "$HERE/../.." && pwd) || exit 2
cd "$ROOT" || exit 2

TMP=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-hard.XXXXXX") || exit 2
MNT=""
cleanup() {
    [ -n "$MNT" ] && umount "$MNT" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TIMEOUT=${HARDENING_TIMEOUT:-60}
OUT=$TMP/stdout
ERR=$TMP/stderr
pass=0
fail=0
WE=$ROOT/scenarios/worked-example.json
DEMO=$ROOT/scenarios/demo.json

# Charts are not what these tests are about, and gnuplot is slow: turn
# them off when this version of the program has the option.
NOPLOTS=""
if "$BIN" run --no-plots --help >/dev/null 2>&1; then
    NOPLOTS=--no-plots
fi
HAVE_JQ=0
command -v jq >/dev/null 2>&1 && HAVE_JQ=1
[ $HAVE_JQ = 1 ] || echo "note: jq not installed: summary.json is not checked as JSON"

ok() { pass=$((pass + 1)); }

failed() {
    fail=$((fail + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    for line in "$@"; do printf '  %s\n' "$line"; done
    if [ -s "$ERR" ]; then
        printf '  stderr was:\n'
        cut -c1-300 "$ERR" | sed -n '1,8s/^/    | /p'
    fi
}

# r ARGS...: run the program with a time limit; exit code in $rc
r() {
    timeout -k 5 "$TIMEOUT" "$BIN" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}

# outputs_ok DIR: summary.json is JSON, the CSVs have no inf, nan or -0
outputs_ok() {
    [ -s "$1/summary.json" ] || { why="no summary.json in $1"; return 1; }
    if [ $HAVE_JQ = 1 ] && ! jq empty "$1/summary.json" 2>/dev/null; then
        why="summary.json is not valid JSON"
        return 1
    fi
    if grep -l -i -E '(^|[,;])-?(inf|nan)|(^|[,;])-0([,;]|$)' "$1"/*.csv >/dev/null 2>&1; then
        why="a CSV holds inf, nan or -0: $(grep -l -i -E '(^|[,;])-?(inf|nan)|(^|[,;])-0([,;]|$)' "$1"/*.csv)"
        return 1
    fi
    return 0
}

# expect NAME CODES [TEXT]: the last run exited with one of CODES (a
# space-separated list) and, if given, its stderr holds TEXT
expect() {
    e_name=$1 e_codes=$2 e_text=$3
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        failed "$e_name" "no answer within $TIMEOUT s (a hang?)"
        return 1
    fi
    if [ "$rc" -ge 128 ]; then
        failed "$e_name" "killed by signal $((rc - 128)) (a crash)"
        return 1
    fi
    case " $e_codes " in
        *" $rc "*) ;;
        *)
            failed "$e_name" "exit code $rc, expected one of: $e_codes"
            return 1
            ;;
    esac
    if [ -n "$e_text" ] && ! grep -qF -e "$e_text" "$ERR"; then
        failed "$e_name" "expected in stderr: $e_text"
        return 1
    fi
    if [ "$rc" != 0 ] && [ ! -s "$ERR" ]; then
        failed "$e_name" "exit code $rc without a message"
        return 1
    fi
    ok
    return 0
}

# case_file NAME CODES TEXT FILE [ARGS...]: validate FILE, then run it
# (the run must agree with validate and write sound results when it works)
case_file() {
    cf_name=$1 cf_codes=$2 cf_text=$3 cf_file=$4
    shift 4
    r validate "$cf_file" "$@"
    expect "$cf_name (validate)" "$cf_codes" "$cf_text" || return
    v_rc=$rc
    rm -rf "$TMP/res"
    r run -q $NOPLOTS -o "$TMP/res" "$cf_file" "$@"
    expect "$cf_name (run)" "$v_rc" "$cf_text" || return
    if [ "$rc" = 0 ]; then
        if outputs_ok "$TMP/res"; then ok; else failed "$cf_name (outputs)" "$why"; fi
    fi
}

# child FILE JSON-MEMBERS: a scenario that extends the worked example
child() {
    printf '{"extends": "%s", %s}\n' "$WE" "$2" >"$1"
}

# nest N OPEN CLOSE: OPEN N times, 1, CLOSE N times
nest() {
    awk -v n="$1" -v o="$2" -v c="$3" 'BEGIN {
        for (i = 0; i < n; i++) printf "%s", o; printf "1";
        for (i = 0; i < n; i++) printf "%s", c }'
}

# ---------------------------------------------------------- 1. nesting
# cJSON stops at 1000 levels (bounding its recursion, and ours: the
# checks, the merge and the source map recurse over the tree).

for n in 999 1000 1001 100000; do
    child "$TMP/nest.json" "\"description\": $(nest $n '[' ']')"
    if [ $n -lt 1000 ]; then text="must be a string"; else text="nested more than 1000 levels deep"; fi
    case_file "nesting: $n lists" "3" "$text" "$TMP/nest.json"
done
# objects 998 deep in a parent and in the child: the merge recurses
printf '{"extends": "%s", "output": %s}\n' "$WE" "$(nest 998 '{"a": ' '}')" >"$TMP/nest-parent.json"
printf '{"extends": "nest-parent.json", "output": %s}\n' "$(nest 998 '{"a": ' '}')" >"$TMP/nest-child.json"
case_file "nesting: merge of objects 998 deep" "3" "unknown key 'a'" "$TMP/nest-child.json"
# a --set value nested too deep is not JSON, so it is text
r validate "$WE" --set "description=$(nest 5000 '[' ']')"
expect "nesting: --set value 5000 deep is text" "0"
# a --set path creates the objects on its way: bounded
long_path=$(awk 'BEGIN { for (i = 0; i < 60000; i++) printf "a."; printf "b" }')
r validate "$WE" --set "$long_path=1"
expect "nesting: --set path of 60,001 parts" "3" "at most 64 parts"
child "$TMP/deep-set.json" "\"set\": {\"$long_path\": 1}"
case_file "nesting: 'set' path of 60,001 parts" "3" "at most 64 parts" "$TMP/deep-set.json"

# ---------------------------------------------------------- 2. numbers

child "$TMP/n.json" '"realisation": {"mean": 1e308}'
case_file "numbers: 1e308" "3" "out of range" "$TMP/n.json"
child "$TMP/n.json" '"realisation": {"mean": 1e309}'
case_file "numbers: 1e309" "3" "must be finite" "$TMP/n.json"
child "$TMP/n.json" '"discount_rate": -1e308'
case_file "numbers: -1e308" "3" "out of range" "$TMP/n.json"
child "$TMP/n.json" '"realisation": {"mean": 5e-324}'
case_file "numbers: 5e-324" "3" "out of range" "$TMP/n.json"
child "$TMP/n.json" '"realisation": {"mean": 2.2250738585072014e-308}'
case_file "numbers: smallest normal number" "3" "out of range" "$TMP/n.json"
child "$TMP/n.json" '"realisation": {"mean": 1e-400}'
case_file "numbers: 1e-400 (reads as 0)" "0" "" "$TMP/n.json"
for v in 1e308 5e-324 -1e308; do
    r validate "$WE" --set "deals[0].request=$v"
    expect "numbers: --set request=$v" "3" "out of range"
done
for v in 1e309 1e999; do
    r validate "$WE" --set "deals[0].request=$v"
    expect "numbers: --set request=$v" "3" "must be finite"
done
# negative zero: a valid 0 everywhere, and never printed as -0
child "$TMP/n.json" '"cofinancing": {"rule": "flat", "share": -0.0}, "discount_rate": -0,
  "tranches": [{"id": "T", "year": 2023, "budget": 100, "instrument": "spuk", "deal_min": -0}]'
case_file "numbers: negative zero" "0" "" "$TMP/n.json"
if [ "$rc" = 0 ] && grep -q -e '": -0[,}]' -e '": -0$' "$TMP/res/summary.json"; then
    failed "numbers: negative zero in summary.json" "found -0"
fi
child "$TMP/n.json" '"deals": [{"id": "d", "region": "voorbeeld", "tranche": "T", "request": -0, "duration": 1}]'
case_file "numbers: request -0 (dropped)" "0" "" "$TMP/n.json"
# a region's population of 5e-324 would make the award per inhabitant infinite
child "$TMP/n.json" '"regions": [{"id": "v", "name": "V", "population": 5e-324, "fiscal_capacity": 1, "bw_pressure": 0.5}]'
case_file "numbers: population 5e-324" "3" "out of range" "$TMP/n.json"

# ---------------------------------------------------------- 3. long text

MB=$(awk 'BEGIN { for (i = 0; i < 1048576 / 16; i++) printf "regiodealregiode" }')
child "$TMP/long.json" "\"name\": \"$MB\""
case_file "long text: 1 MB name" "0" "" "$TMP/long.json"
if [ "$rc" = 0 ] && [ "$(wc -c <"$TMP/res/summary.json")" -lt 1048576 ]; then
    failed "long text: 1 MB name in summary.json" "summary.json is shorter than the name"
fi
child "$TMP/long.json" "\"deals\": [{\"id\": \"$MB\", \"region\": \"voorbeeld\", \"tranche\": \"T\", \"request\": 20, \"duration\": 4}]"
case_file "long text: 1 MB deal id" "3" "is not a valid id" "$TMP/long.json"
child "$TMP/long.json" "\"$MB\": 1"
case_file "long text: 1 MB key" "3" "unknown key" "$TMP/long.json"
r validate "$WE" --set "name=$(printf '%s' "$MB" | head -c 100000)"
expect "long text: --set name of 100 kB" "0"
{
    echo "id,name,population,fiscal_capacity,bw_pressure"
    echo "voorbeeld,$MB,100000,1,0.5"
} >"$TMP/long.csv"
child "$TMP/long-csv.json" "\"regions\": \"$TMP/long.csv\""
case_file "long text: 1 MB region name in a CSV" "0" "" "$TMP/long-csv.json"

# ------------------------------------------------- 4. invalid UTF-8 and NUL

utf8_case() { # NAME BYTES (as a printf format: '\377')
    {
        printf '{"extends": "%s", "name": "a' "$WE"
        printf "$2"
        printf 'b"}\n'
    } >"$TMP/u.json"
    case_file "UTF-8: $1" "3" "not valid UTF-8" "$TMP/u.json"
}
utf8_case "byte ff" '\377'
utf8_case "lone continuation byte" '\200'
utf8_case "overlong slash" '\300\257'
utf8_case "overlong 3 bytes" '\340\200\257'
utf8_case "surrogate d800 encoded" '\355\240\200'
utf8_case "above U+10FFFF" '\364\220\200\200'
utf8_case "truncated sequence" '\342\202'
printf '{"extends": "%s", "name": "a\\ud800b"}\n' "$WE" >"$TMP/u.json"
case_file "UTF-8: escaped lone surrogate" "3" "invalid JSON" "$TMP/u.json"
printf '{"extends": "%s", "na\377me": 1}\n' "$WE" >"$TMP/u.json"
case_file "UTF-8: in a key" "3" "not valid UTF-8" "$TMP/u.json"
printf '{"extends": "%s", "name": "\342\202' "$WE" >"$TMP/u.json"
case_file "UTF-8: cut at the end of the file" "3" "invalid JSON" "$TMP/u.json"
r validate "$WE" --set "name=$(printf 'a\377b')"
expect "UTF-8: in a --set value" "3" "not valid UTF-8"
printf 'id,name,population,fiscal_capacity,bw_pressure\nvoorbeeld,V\377,100000,1,0.5\n' >"$TMP/u.csv"
child "$TMP/u-csv.json" "\"regions\": \"$TMP/u.csv\""
case_file "UTF-8: in a CSV" "3" "not valid UTF-8" "$TMP/u-csv.json"
printf '{"extends": "%s", "name": "a\\u0000b"}\n' "$WE" >"$TMP/u.json"
case_file "NUL: \\u0000 in a string" "3" "\\u0000 inside a string" "$TMP/u.json"
printf '{"extends": "%s", "name": "a"}\n\000\n' "$WE" >"$TMP/u.json"
case_file "NUL: a NUL byte in the file" "3" "NUL byte" "$TMP/u.json"
: >"$TMP/empty.json"
case_file "empty file" "3" "unexpected end of file" "$TMP/empty.json"
printf '\357\273\277{"extends": "%s"}\n' "$WE" >"$TMP/bom.json"
case_file "JSON with a byte order mark (skipped)" "0" "" "$TMP/bom.json"

# ---------------------------------------------------------- 5. big files
# Files above 64 MB are refused before they are read (or, for a pipe,
# once 64 MB have come); memory and time must stay small.

# measure NAME MAX-SECONDS MAX-MB: the last run's time and memory (GNU time)
TIMEV=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    TIMEV=/usr/bin/time
fi
big_case() { # NAME FILE CODES TEXT MAX-SECONDS MAX-MB
    start=$(date +%s.%N)
    if [ -n "$TIMEV" ]; then
        timeout -k 5 "$TIMEOUT" $TIMEV -f %M -o "$TMP/mem" "$BIN" run -q $NOPLOTS -o "$TMP/res" "$2" >"$OUT" 2>"$ERR"
    else
        timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS -o "$TMP/res" "$2" >"$OUT" 2>"$ERR"
    fi
    rc=$?
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    mb=$([ -n "$TIMEV" ] && tail -n 1 "$TMP/mem" | awk '{ printf "%d", $1 / 1024 }' || echo "?")
    echo "note: $1: exit $rc in $secs s, $mb MB"
    expect "$1" "$3" "$4" || return
    if awk -v s="$secs" -v m="$5" 'BEGIN { exit !(s > m) }'; then
        failed "$1 (time)" "took $secs s, more than $5 s"
    fi
    if [ "$mb" != "?" ] && [ "$mb" -gt "$6" ]; then
        failed "$1 (memory)" "used $mb MB, more than $6 MB"
    fi
}
{ cat "$WE"; head -c 100000000 /dev/zero | tr '\0' ' '; } >"$TMP/big.json"
big_case "big file: 100 MB (scenario and blanks)" "$TMP/big.json" "4" "larger than 64 MB" 5 200
{
    printf '{"extends": "%s", "description": "' "$WE"
    head -c 100000000 /dev/zero | tr '\0' 'x'
    printf '"}\n'
} >"$TMP/big.json"
big_case "big file: 100 MB string" "$TMP/big.json" "4" "larger than 64 MB" 5 200
{
    printf '{"extends": "%s", "description": "' "$WE"
    head -c 40000000 /dev/zero | tr '\0' 'x'
    printf '"}\n'
} >"$TMP/big.json"
big_case "big file: 40 MB string (allowed)" "$TMP/big.json" "0" "" 20 1000
# values cost memory: at most 5 million (about 700 MB and 3 s) are read
numbers() { # N: a scenario whose note is a list of N zeros
    {
        printf '{"extends": "%s", "note": [' "$WE"
        head -c "$(($1 - 1))" /dev/zero | tr '\0' '0' | sed 's/0/0,/g'
        printf '0]}\n'
    } >"$TMP/big.json"
}
numbers 30000000
big_case "big file: 60 MB of numbers (30 million values)" "$TMP/big.json" "3" "at most 5000000 values" 5 200
numbers 4990000
big_case "big file: 4,990,000 numbers (allowed)" "$TMP/big.json" "3" "must be a string" 20 1500
awk 'BEGIN { print "id,name,population,fiscal_capacity,bw_pressure";
    for (i = 0; i < 1000000; i++) printf "r%d,R,1000,1,0.5\n", i }' >"$TMP/big.csv"
child "$TMP/big-csv.json" "\"regions\": \"$TMP/big.csv\""
big_case "big file: a CSV of a million regions (6 million values)" "$TMP/big-csv.json" "3" "at most 5000000 values" 10 1500
rm -f "$TMP/big.csv"
rm -f "$TMP/big.json"
child "$TMP/zero.json" '"regions": "/dev/zero"'
case_file "big file: regions from /dev/zero" "4" "not a regular file" "$TMP/zero.json"
r validate /dev/stdin <"$WE"
expect "a pipe: /dev/stdin" "0"
{ cat "$WE"; head -c 70000000 /dev/zero | tr '\0' ' '; } | timeout -k 5 "$TIMEOUT" "$BIN" validate /dev/stdin >"$OUT" 2>"$ERR"
rc=$?
expect "big file: 70 MB through a pipe" "4" "larger than 64 MB"

# ------------------------------------------------------ 6. extends chains
# A chain is followed to 256 files; deeper is an error, as is a cycle.

mkdir -p "$TMP/chain"
chain() { # N: chain/c0.json extends c1.json ... c(N-1).json, a copy of the worked example
    rm -f "$TMP"/chain/*.json
    cp "$WE" "$TMP/chain/c$(($1 - 1)).json"
    i=0
    while [ $i -lt $(($1 - 1)) ]; do
        printf '{"extends": "c%d.json", "name": "level %d"}\n' $((i + 1)) $i >"$TMP/chain/c$i.json"
        i=$((i + 1))
    done
}
chain 100
case_file "extends: 100 files deep" "0" "" "$TMP/chain/c0.json"
chain 256
case_file "extends: 256 files deep" "0" "" "$TMP/chain/c0.json"
chain 257
case_file "extends: 257 files deep" "3" "more than 256 files deep" "$TMP/chain/c0.json"
chain 300
case_file "extends: 300 files deep" "3" "more than 256 files deep" "$TMP/chain/c0.json"
printf '{"extends": "self.json"}\n' >"$TMP/chain/self.json"
case_file "extends: itself" "3" "cycle" "$TMP/chain/self.json"
printf '{"extends": "b.json"}\n' >"$TMP/chain/a.json"
printf '{"extends": "c.json"}\n' >"$TMP/chain/b.json"
printf '{"extends": "./a.json"}\n' >"$TMP/chain/c.json"
case_file "extends: a -> b -> c -> a" "3" "cycle" "$TMP/chain/a.json"
ln -s a.json "$TMP/chain/link.json"
printf '{"extends": "link.json"}\n' >"$TMP/chain/c.json"
case_file "extends: cycle through a symbolic link" "3" "cycle" "$TMP/chain/a.json"

# ------------------------------------------ 7. what is not a readable file

mkdir -p "$TMP/folder.json"
case_file "a folder as the scenario" "4" "it is a folder" "$TMP/folder.json"
child "$TMP/dir-ref.json" "\"regions\": \"$TMP/folder.json\""
case_file "a folder as the region file" "4" "it is a folder" "$TMP/dir-ref.json"
child "$TMP/dir-ref.json" "\"regions\": \"$TMP/folder.json/\""
case_file "a folder with a slash as the region file" "4" "it is a folder" "$TMP/dir-ref.json"
case_file "/dev/null as the scenario" "4" "not a regular file" /dev/null
case_file "a missing file" "4" "No such file" "$TMP/missing.json"
mkfifo "$TMP/fifo.json" 2>/dev/null && {
    case_file "a FIFO that no program writes to" "3" "unexpected end of file" "$TMP/fifo.json"
}
# file permissions: root reads anything, so read as another user
cp "$WE" "$TMP/secret.json"
chmod 000 "$TMP/secret.json"
chmod 755 "$TMP"
AS_NOBODY=""
if [ "$(id -u)" != 0 ]; then
    AS_NOBODY=" "
elif command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --version >/dev/null 2>&1; then
    AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
elif command -v runuser >/dev/null 2>&1 && runuser -u nobody -- "$BIN" --version >/dev/null 2>&1; then
    AS_NOBODY="runuser -u nobody --"
fi
if [ -n "$AS_NOBODY" ]; then
    timeout -k 5 "$TIMEOUT" $AS_NOBODY "$BIN" validate "$TMP/secret.json" >"$OUT" 2>"$ERR"
    rc=$?
    expect "an unreadable file" "4" "Permission denied"
    child "$TMP/secret-ref.json" "\"regions\": \"$TMP/secret.json\""
    chmod 644 "$TMP/secret-ref.json"
    timeout -k 5 "$TIMEOUT" $AS_NOBODY "$BIN" validate "$TMP/secret-ref.json" >"$OUT" 2>"$ERR"
    rc=$?
    expect "an unreadable region file" "4" "Permission denied"
else
    echo "note: skipped the unreadable-file cases: running as root and neither setpriv nor runuser can switch to 'nobody'"
fi
chmod 700 "$TMP"

# ------------------------------- 8. every number of the demo at its limits
# Each numeric value of scenarios/demo.json, its region file and its
# instrument files (reached by --set paths) is set in turn to 0, -0 and
# the bounds of a scenario's numbers, 1e-12 and 1e12: each run must give
# exit 0 with sound results, or exit 3.

if [ $HAVE_JQ = 1 ]; then
    # PATH of every number, as --set writes it: a.b[0].c
    to_set='paths(numbers) | map(if type == "number" then "[\(.)]" else ".\(.)" end) | join("") | ltrimstr(".")'
    {
        jq -r "$to_set" "$DEMO"
        jq -r "$to_set" models/regions/demo-regions.json | sed 's/^/regions/'
        for ins in spuk du; do
            jq -r "$to_set" "models/instruments/$ins.json" | sed "s/^/instruments.$ins./"
        done
    } >"$TMP/paths"
    n_paths=$(wc -l <"$TMP/paths")
    n_runs=0
    sweep_fail=0
    while read -r p; do
        for v in 0 -0 1e-12 1e12; do
            rm -rf "$TMP/res"
            r run -q $NOPLOTS -o "$TMP/res" "$DEMO" --set "$p=$v"
            n_runs=$((n_runs + 1))
            case $rc in
                0)
                    if ! outputs_ok "$TMP/res"; then
                        failed "limits: --set $p=$v" "$why"
                        sweep_fail=1
                    fi
                    ;;
                3) [ -s "$ERR" ] || { failed "limits: --set $p=$v" "exit 3 without a message"; sweep_fail=1; } ;;
                *)
                    failed "limits: --set $p=$v" "exit code $rc, expected 0 or 3"
                    sweep_fail=1
                    ;;
            esac
        done
    done <"$TMP/paths"
    echo "note: limits: $n_runs runs over $n_paths numbers"
    [ $sweep_fail = 0 ] && ok
else
    echo "note: skipped the sweep over the demo's numbers: it needs jq"
fi

# ---------------------------------------------------------- 9. 100,000 deals

# gen_deals N FILE [EXACT]: N deals of 50 regions in two tranches.  EXACT
# uses numbers whose sums are exact in binary (integer requests, durations
# 1, 2 or 4, realisation 1, c = 0.5), for the interrupted-write tests.
gen_deals() {
    awk -v n="$1" -v exact="$3" -v root="$ROOT" 'BEGIN {
        printf "{\"name\": \"%d deals\", \"horizon\": {\"start\": 2023, \"end\": 2032},\n", n
        if (exact) printf " \"realisation\": {\"mean\": 1},\n"
        else printf " \"realisation\": {\"mean\": 0.85},\n"
        printf " \"regions\": ["
        for (r = 0; r < 50; r++)
            printf "%s{\"id\": \"r%d\", \"name\": \"Region %d\", \"population\": %d, \"fiscal_capacity\": %.2f, \"bw_pressure\": %.2f}",
                (r ? ", " : ""), r, r, 100000 + 1000 * r, 0.8 + 0.008 * r, r / 50
        printf "],\n"
        if (exact)
            printf " \"instruments\": {\"spuk\": {\"id\": \"spuk\", \"name\": \"S\", \"payment\": {\"schedule\": \"plan\"}, \"deadline\": {\"extension_years\": 1, \"extension_threshold\": 0.05}, \"settlement\": {\"lag\": 1, \"reclaim_share\": 1}}, \"du\": {\"id\": \"du\", \"name\": \"D\", \"payment\": {\"schedule\": \"upfront\"}}},\n"
        else
            printf " \"instruments\": {\"spuk\": \"%s/models/instruments/spuk.json\", \"du\": \"%s/models/instruments/du.json\"},\n", root, root
        # exact: every request is met; else tranche A is cut pro rata and
        # tranche B by priority
        printf " \"tranches\": [{\"id\": \"A\", \"year\": 2023, \"budget\": %d, \"instrument\": \"spuk\"},", exact ? 1e7 : n * 10
        printf " {\"id\": \"B\", \"year\": 2025, \"budget\": %d, \"instrument\": \"du\", \"allocation\": \"priority\"}],\n", exact ? 1e7 : n * 5
        printf " \"deals\": [\n"
        for (i = 0; i < n; i++)
            printf "%s{\"id\": \"d%d\", \"region\": \"r%d\", \"tranche\": \"%s\", \"request\": %d, \"duration\": %d, \"projects\": %d}\n",
                (i ? "," : ""), i, i % 50, (i % 3 ? "A" : "B"), 5 + i % 30, exact ? (i % 3 == 0 ? 1 : 2 * (1 + i % 2)) : 2 + i % 4, i % 7
        printf "]}\n"
    }' >"$2"
}
deals_case() { # NAME FILE
    start=$(date +%s.%N)
    rm -rf "$TMP/res"
    r run -q $NOPLOTS -o "$TMP/res" "$2"
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    echo "note: $1 ($(wc -c <"$2") bytes): exit $rc in $secs s"
    expect "$1" "0" || return
    if outputs_ok "$TMP/res"; then ok; else failed "$1 (outputs)" "$why"; fi
    [ "$(wc -l <"$TMP/res/deals.csv")" = 100001 ] || failed "$1 (deals.csv)" "not 100,001 lines"
}
gen_deals 100000 "$TMP/100k.json"
deals_case "100,000 deals, pro rata and priority" "$TMP/100k.json"
gen_deals 100000 "$TMP/100k.json" exact
deals_case "100,000 deals, every request met" "$TMP/100k.json"

# ------------------------------------------- 9b. many regions, tranches, keys
# What is looked up per deal, per tranche or per key must not take time
# in proportion to all the others (n² steps hang at these sizes).

timed_validate() { # NAME MAX-SECONDS CODES TEXT FILE
    start=$(date +%s.%N)
    r validate "$5"
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    echo "note: $1: validate exit $rc in $secs s"
    expect "$1" "$3" "$4" || return
    if awk -v s="$secs" -v m="$2" 'BEGIN { exit !(s > m) }'; then
        failed "$1 (time)" "validate took $secs s, more than $2 s"
    fi
}
# N regions, N tranches (each with its own pressure tiers) and N deals,
# deal i of region i in tranche i; DUP: every deal has the same id
gen_wide() { # N FILE [DUP]
    awk -v n="$1" -v dup="$3" 'BEGIN {
        printf "{\"horizon\": {\"start\": 2023, \"end\": 2032}, \"regions\": [\n"
        for (i = 0; i < n; i++)
            printf "%s{\"id\": \"r%d\", \"name\": \"R\", \"population\": 1000, \"fiscal_capacity\": 1, \"bw_pressure\": %.6f}\n", (i ? "," : ""), i, i / n
        printf "], \"instruments\": {\"du\": {\"id\": \"du\", \"name\": \"DU\", \"payment\": {\"schedule\": \"plan\"}}},\n \"tranches\": [\n"
        for (i = 0; i < n; i++)
            printf "%s{\"id\": \"t%d\", \"year\": 2023, \"budget\": 10, \"instrument\": \"du\", \"cofinancing\": {\"rule\": \"pressure_tiers\", \"tiers\": [{\"max_pressure\": 1, \"share\": 0.5}]}}\n", (i ? "," : ""), i
        printf "], \"deals\": [\n"
        for (i = 0; i < n; i++)
            printf "%s{\"id\": \"d%d\", \"region\": \"r%d\", \"tranche\": \"t%d\", \"request\": 8, \"duration\": 2}\n", (i ? "," : ""), (dup ? 0 : i), i, i
        printf "]}\n" }' >"$2"
}
gen_wide 100000 "$TMP/wide.json"
timed_validate "100,000 regions, tranches and deals" 20 "0" "" "$TMP/wide.json"
gen_wide 100000 "$TMP/wide.json" dup
timed_validate "100,000 deals with the same id" 20 "3" "duplicate deal id" "$TMP/wide.json"
awk 'BEGIN { printf "{\"realisation\": {\"by_year\": {";
    for (i = 0; i < 1000000; i++) printf "%s\"k%d\": 1", (i ? ", " : ""), i; printf "}}}\n" }' >"$TMP/keys-parent.json"
awk -v we="$WE" 'BEGIN { printf "{\"extends\": \"keys-parent.json\", \"realisation\": {\"by_year\": {";
    for (i = 0; i < 1000000; i++) printf "%s\"k%d\": null", (i ? ", " : ""), 2 * i; printf "}}}\n" }' >"$TMP/keys-child.json"
timed_validate "merging two objects of a million keys" 20 "3" "" "$TMP/keys-child.json"
{
    printf '{"extends": "%s", "instruments": {' "$WE"
    awk 'BEGIN { for (i = 0; i < 50000; i++) printf "%s\"i%d\": \"ins.json\"", (i ? ", " : ""), i }'
    printf '}}\n'
} >"$TMP/many-ins.json"
printf '{"id": "x", "name": "X", "payment": {"schedule": "plan"}}\n' >"$TMP/ins.json"
timed_validate "50,000 instrument files" 20 "3" "differs from the key" "$TMP/many-ins.json"
rm -f "$TMP/wide.json" "$TMP"/keys-*.json "$TMP/many-ins.json"

# ----------------------------------------------- 10. interrupted writes
# A run stopped by SIGINT or SIGTERM while it writes leaves DIR as it was
# (or, when the signal comes after the rename, the new complete result)
# and no temporary folder; SIGKILL may leave DIR.tmp-XXXXXX, but DIR is
# still the old or the new complete result.

gen_deals 300000 "$TMP/slow.json" exact
sum() { cksum <"$1/summary.json" | cut -d' ' -f1; }
# reference results: the old one (the demo) and the new one
rm -rf "$TMP/new"
r run -q $NOPLOTS -o "$TMP/new" "$TMP/slow.json"
if ! expect "interrupt: the reference run" "0"; then
    echo "note: skipped the interrupted-write cases: the reference run failed"
else
    NEW=$(sum "$TMP/new")
    interrupt() { # SIGNAL DELAY-SECONDS (after the temporary folder appears)
        rm -rf "$TMP/res" "$TMP"/res.tmp-*
        "$BIN" run -q $NOPLOTS -o "$TMP/res" "$DEMO" >/dev/null 2>&1
        OLD=$(sum "$TMP/res")
        $DEFSIG "$BIN" run -q $NOPLOTS -o "$TMP/res" "$TMP/slow.json" >/dev/null 2>"$ERR" &
        pid=$!
        k=0
        while [ $k -lt 3000 ] && ! ls -d "$TMP"/res.tmp-* >/dev/null 2>&1 && kill -0 $pid 2>/dev/null; do
            sleep 0.005
            k=$((k + 1))
        done
        [ "$2" = 0 ] || sleep "$2"
        kill -s "$1" $pid 2>/dev/null
        wait $pid
        rc=$?
        now=$( [ -f "$TMP/res/summary.json" ] && sum "$TMP/res" || echo none)
        left=$(ls -d "$TMP"/res.tmp-* 2>/dev/null | wc -l)
        if [ "$now" = "$OLD" ]; then state=old; elif [ "$now" = "$NEW" ]; then state=new; else state=broken; fi
        files=ok
        for f in summary.json yearly.csv deals.csv regions.csv; do
            [ -s "$TMP/res/$f" ] || files=missing
        done
    }
    # an asynchronous command of a script starts with SIGINT ignored (and
    # regiosim leaves an ignored signal alone, as for nohup): reset it
    DEFSIG=""
    if env --default-signal=INT true 2>/dev/null; then
        DEFSIG="env --default-signal=INT"
    else
        echo "note: skipped SIGINT: env --default-signal is missing"
    fi
    for sig in INT TERM KILL; do
        [ "$sig" = INT ] && [ -z "$DEFSIG" ] && continue
        n_old=0 n_new=0
        for delay in 0 0 0.02 0.05 0.1 0.2 0.3 0.5 0.8 1.2; do
            interrupt $sig $delay 2>/dev/null # no "Terminated" from the shell
            if [ "$state" = broken ] || [ "$files" != ok ]; then
                failed "interrupt: SIG$sig after $delay s" "the result folder is $state, files $files (exit $rc)"
                continue
            fi
            if [ "$sig" != KILL ] && [ "$left" != 0 ]; then
                failed "interrupt: SIG$sig after $delay s" "$left temporary folder(s) left (exit $rc)"
                continue
            fi
            case $state in old) n_old=$((n_old + 1)) ;; new) n_new=$((n_new + 1)) ;; esac
            ok
        done
        echo "note: SIG$sig: $n_old runs stopped before the rename (old result kept), $n_new after it (new result)"
        if [ $n_old = 0 ]; then
            failed "interrupt: SIG$sig" "no run was stopped while writing: the test proved nothing (a faster machine?)"
        fi
    done
    rm -rf "$TMP"/res.tmp-*
fi
rm -f "$TMP/slow.json" "$TMP/100k.json"

# ------------------------------------------------------------ 11. full disk
# A small tmpfs (needs root); else a file size limit (ulimit -f), which
# makes write() fail with EFBIG as a full disk makes it fail with ENOSPC.

full_disk_checks() { # DIR LABEL
    rm -rf "$1/res" "$1"/res.tmp-*
    r run -q $NOPLOTS -o "$1/res" "$TMP/full.json"
    expect "full disk ($2): a new result" "4" "cannot write" || :
    [ -e "$1/res" ] && failed "full disk ($2): a new result" "a result folder was left"
    ls -d "$1"/res.tmp-* >/dev/null 2>&1 && failed "full disk ($2): a new result" "a temporary folder was left"
}
gen_deals 20000 "$TMP/full.json"
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/mnt" && mount -t tmpfs -o size=256k tmpfs "$TMP/mnt" 2>/dev/null; then
    MNT=$TMP/mnt
    full_disk_checks "$MNT" tmpfs
    # an old result stays when the new one does not fit
    r run -q $NOPLOTS -o "$MNT/res" "$WE"
    old=$(sum "$MNT/res" 2>/dev/null)
    r run -q $NOPLOTS -o "$MNT/res" "$TMP/full.json"
    expect "full disk (tmpfs): replacing a result" "4" "No space left on device" || :
    [ "$(sum "$MNT/res" 2>/dev/null)" = "$old" ] || failed "full disk (tmpfs): replacing a result" "the old result changed"
    ls -d "$MNT"/res.tmp-* >/dev/null 2>&1 && failed "full disk (tmpfs): replacing a result" "a temporary folder was left"
    umount "$MNT"
    MNT=""
else
    echo "note: cannot mount a tmpfs: a file size limit (ulimit -f) stands in for a full disk"
    mkdir -p "$TMP/lim"
    # 256 blocks of 512 bytes; an ignored SIGXFSZ is inherited by the program
    (trap '' XFSZ; ulimit -f 256 && timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS -o "$TMP/lim/res" "$TMP/full.json" >"$OUT" 2>"$ERR")
    rc=$?
    expect "full disk (ulimit -f)" "4" "cannot write" || :
    ls -d "$TMP"/lim/res* >/dev/null 2>&1 && failed "full disk (ulimit -f)" "a result or temporary folder was left"
fi
# a file size limit without an ignored SIGXFSZ: the program ignores it
# itself while it writes, so the write fails with a message
mkdir -p "$TMP/lim2"
(ulimit -f 256 && timeout -k 5 "$TIMEOUT" "$BIN" run -q $NOPLOTS -o "$TMP/lim2/res" "$TMP/full.json" >"$OUT" 2>"$ERR")
rc=$?
expect "file size limit (ulimit -f)" "4" "File too large" || :
ls -d "$TMP"/lim2/res* >/dev/null 2>&1 && failed "file size limit (ulimit -f)" "a result or temporary folder was left"
# standard output on a full device
timeout -k 5 "$TIMEOUT" "$BIN" run $NOPLOTS -o "$TMP/res-full" "$WE" >/dev/full 2>"$ERR"
rc=$?
expect "standard output on /dev/full" "4" "cannot write to standard output"

# ------------------------------------------ 12 to 21: guarantees.sh
. "$HERE/guarantees.sh"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
