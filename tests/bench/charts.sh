#!/bin/sh
# charts.sh — the chart time of the demo against one bare gnuplot start that
# draws one pngcairo plot of the same size, measured side by side in the
# same run (5 rounds, medians).  Usage: sh tests/bench/charts.sh ./regiosim
#
# The demo's chart time is what regiosim reports ("N charts drawn in S s":
# the time spent in gnuplot, all charts in one process).  Target: ratio <= 3.
set -u
BIN=${1:-./regiosim}
GP=${REGIOSIM_GNUPLOT:-gnuplot}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-bench-charts.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
cat > "$TMP/bare.gp" <<GP
set terminal pngcairo size 1600,1000
set output '$TMP/bare.png'
plot x
GP
now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
: > "$TMP/bare.t"
: > "$TMP/charts.t"
: > "$TMP/n.t"
for round in 1 2 3 4 5; do
    t0=$(now)
    "$GP" "$TMP/bare.gp" || { echo "charts bench: $GP failed" >&2; exit 1; }
    t1=$(now)
    echo $(( (t1 - t0) / 1000 )) >> "$TMP/bare.t"
    "$BIN" run scenarios/demo.json -o "$TMP/demo" > /dev/null 2> "$TMP/err" \
        || { cat "$TMP/err" >&2; exit 1; }
    line=$(grep 'charts drawn in' "$TMP/err") \
        || { echo "charts bench: regiosim drew no charts" >&2; cat "$TMP/err" >&2; exit 1; }
    echo "$line" | sed 's/.* in \([0-9.]*\) s.*/\1/' | awk '{ print int($1 * 1e6) }' >> "$TMP/charts.t"
    echo "$line" | sed 's/^regiosim: \([0-9]*\) charts.*/\1/' >> "$TMP/n.t"
done
bare=$(median < "$TMP/bare.t")
charts=$(median < "$TMP/charts.t")
n=$(median < "$TMP/n.t")
awk -v b="$bare" -v c="$charts" -v n="$n" 'BEGIN {
    r = c / b
    printf "charts: demo, %d charts at 1600x1000 in one gnuplot: %.3f s (median of 5)\n", n, c / 1e6
    printf "charts: one bare gnuplot start drawing one pngcairo plot:  %.3f s\n", b / 1e6
    printf "charts: ratio %.2f (target <= 3: %s); per chart %.3f s\n", r, r <= 3 ? "met" : "missed", c / n / 1e6
}'
