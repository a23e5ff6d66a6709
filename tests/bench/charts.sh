#!/bin/sh
# charts.sh — the chart time of the demo against one bare gnuplot start that
# draws one pngcairo plot of the same size, measured side by side in the
# same run (rounds interleaved, medians).
#
# Usage: sh tests/bench/charts.sh ./regiosim [OTHER-REGIOSIM]
#   ROUNDS=N (default 7) rounds of each measurement.
#
# The demo's chart time is what regiosim reports ("N charts drawn in S s":
# the wall-clock time from the first gnuplot start to the last gnuplot's
# end).  Measured three ways in each round: the default (up to one gnuplot
# process per core at once), --threads 1 (one gnuplot draws every chart, one
# after another) and, when OTHER-REGIOSIM is given (e.g. a build of an
# older version), that binary with its defaults.  Target: ratio <= 3.
set -u
BIN=${1:-./regiosim}
OTHER=${2:-}
ROUNDS=${ROUNDS:-7}
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
# one demo run: appends the chart time (µs) to $TMP/$1.t, the number of
# charts to $TMP/n.t and the processes at once to $TMP/$1.p
demo() { # TAG BINARY [OPTIONS]
    tag=$1 bin=$2
    shift 2
    rm -rf "$TMP/demo"
    "$bin" run --lang en "$@" scenarios/demo.json -o "$TMP/demo" > /dev/null 2> "$TMP/err" \
        || { cat "$TMP/err" >&2; exit 1; }
    line=$(grep 'charts drawn in' "$TMP/err") \
        || { echo "charts bench: regiosim drew no charts" >&2; cat "$TMP/err" >&2; exit 1; }
    echo "$line" | sed 's/.* in \([0-9.]*\) s.*/\1/' | awk '{ print int($1 * 1e6) }' >> "$TMP/$tag.t"
    echo "$line" | sed 's/^regiosim: \([0-9]*\) charts.*/\1/' >> "$TMP/n.t"
    p=$(echo "$line" | sed -n 's/.* by \([0-9]*\) gnuplot.*/\1/p')
    echo "${p:-1}" >> "$TMP/$tag.p"
}
# a second core that other work keeps busy makes two gnuplots no faster
# than one: the load average says how busy the machine was
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }
load0=$(load)
# CPU time (µs, user + system) of the finished children of this shell:
# 'times' must run in this shell itself (in a command substitution it would
# be a new process with no children yet), so 'cpu_mark; x=$(cpu_read)'
cpu_mark() { times > "$TMP/times"; }
cpu_read() {
    sed -n 2p "$TMP/times" | awk '{ t = 0
        for (i = 1; i <= 2; i++) { split($i, a, "m"); sub(/s$/, "", a[2]); t += a[1] * 60 + a[2] }
        printf "%d\n", t * 1e6 }'
}
# The wall clock above depends on whether the scheduler gives the second
# gnuplot the second core.  Not so the CPU time: the demo's chart scripts,
# dealt in turn to two gnuplots as regiosim deals them (here in file-name
# order), each drawn alone; the larger CPU time of the two is the chart
# time on two free cores, against the bare plot's CPU time.
: > "$TMP/bare.c"
: > "$TMP/two.c"
: > "$TMP/one.c"
cpu_split() {
    d=$TMP/demo/plots
    ls "$d" | grep '\.gp$' | awk 'NR % 2 == 1' > "$TMP/half1"
    ls "$d" | grep '\.gp$' | awk 'NR % 2 == 0' > "$TMP/half2"
    for h in half1 half2; do
        : > "$d/$h.all"
        while read -r f; do cat "$d/$f"; printf '\nunset output\n'; done < "$TMP/$h" > "$d/$h.all"
    done
    cpu_mark; c0=$(cpu_read)
    (cd "$d" && "$GP" half1.all) || exit 1
    cpu_mark; c1=$(cpu_read)
    (cd "$d" && "$GP" half2.all) || exit 1
    cpu_mark; c2=$(cpu_read)
    a=$((c1 - c0)) b=$((c2 - c1))
    echo $(( a > b ? a : b )) >> "$TMP/two.c"
    echo $((a + b)) >> "$TMP/one.c"
}
: > "$TMP/bare.t"
: > "$TMP/n.t"
round=0
while [ $round -lt "$ROUNDS" ]; do
    round=$((round + 1))
    cpu_mark; c0=$(cpu_read)
    t0=$(now)
    "$GP" "$TMP/bare.gp" || { echo "charts bench: $GP failed" >&2; exit 1; }
    t1=$(now)
    cpu_mark; c1=$(cpu_read)
    echo $((c1 - c0)) >> "$TMP/bare.c"
    echo $(( (t1 - t0) / 1000 )) >> "$TMP/bare.t"
    demo par "$BIN"
    cpu_split
    demo seq "$BIN" --threads 1
    [ -n "$OTHER" ] && demo other "$OTHER"
done
bare=$(median < "$TMP/bare.t")
n=$(median < "$TMP/n.t")
report() { # TAG LABEL
    c=$(median < "$TMP/$1.t")
    p=$(median < "$TMP/$1.p")
    awk -v b="$bare" -v c="$c" -v n="$n" -v p="$p" -v l="$2" -v k="$ROUNDS" 'BEGIN {
        r = c / b
        printf "charts: %-34s %d charts, %d gnuplot at once: %.3f s, ratio %.2f (target <= 3: %s; median of %d)\n",
            l, n, p, c / 1e6, r, r <= 3 ? "met" : "missed", k
    }'
}
awk -v b="$bare" -v k="$ROUNDS" 'BEGIN {
    printf "charts: one bare gnuplot start drawing one pngcairo plot at 1600x1000: %.3f s (median of %d)\n", b / 1e6, k
}'
echo "charts: load average $load0 before the rounds, $(load) after; $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores online"
report par "demo, default:"
report seq "demo, --threads 1:"
[ -n "$OTHER" ] && report other "demo, $OTHER:"
# the same round's runs against each other: steadier than the medians
# when the machine's load drifts between rounds
per_round() { # TAG-A TAG-B LABEL
    r=$(paste "$TMP/$1.t" "$TMP/$2.t" | awk '$2 > 0 { print $1 / $2 }' | median)
    awk -v r="$r" -v l="$3" -v k="$ROUNDS" 'BEGIN { printf "charts: %s %.2f (median of %d rounds)\n", l, r, k }'
}
# CPU times are counted in clock ticks (10 ms): summed over the rounds
sum() { awk '{ s += $1 } END { print s + 0 }'; }
awk -v b="$(sum < "$TMP/bare.c")" -v t="$(sum < "$TMP/two.c")" -v o="$(sum < "$TMP/one.c")" -v k="$ROUNDS" 'BEGIN {
    if (b <= 0) { print "charts: CPU time: too small to measure"; exit }
    printf "charts: CPU time per round (sum of %d rounds / %d): bare plot %.3f s; the demo'"'"'s charts in one gnuplot %.3f s (ratio %.2f), in the busier of two %.3f s (ratio %.2f: the chart time on two free cores; target <= 3: %s)\n",
        k, k, b / k / 1e6, o / k / 1e6, o / b, t / k / 1e6, t / b, t / b <= 3 ? "met" : "missed"
}'
per_round par seq "default against --threads 1 in the same round:"
[ -n "$OTHER" ] && per_round par other "default against $OTHER in the same round:"
exit 0
