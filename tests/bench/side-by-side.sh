#!/bin/sh
# side-by-side.sh — regiosim against the numpy reference (make bench-numpy).
#
#   side-by-side.sh REGIOSIM REGIOSIM-BENCH [PYTHON]
#
# Writes the benchmark's reference scenario (80 deals, 12 years, 534
# deal-years drawn per draw), then at 10^4, 10^5 and 10^6 draws runs, in
# each round, regiosim (the whole process: start, load, every draw on all
# threads, the statistics, writing the results; wall clock) and
# tests/bench/ref_numpy.py (its own timing of the simulation and statistics,
# without starting Python and importing numpy) one after the other.  Prints
# the medians and the median of the per-round ratios numpy / regiosim,
# which a drift in the shared machine's speed does not bias; and the median
# ratio of CPU time (regiosim: user + system of all its threads; numpy: its
# own process time), which says how much work each does per draw whatever
# else the machine runs.  Then checks
# that both compute the same model (tests/bench/agree.py on the 10^5 runs).
#
# ROUNDS (default 5) and ROUNDS_1E6 (default 3) set the rounds per size;
# SIZES (default "10000 100000 1000000") the draws.
set -eu
regiosim=$1
bench=$2
py=${3:-/usr/bin/python3}
here=$(dirname "$0")
rounds=${ROUNDS:-5}
rounds6=${ROUNDS_1E6:-3}
sizes=${SIZES:-"10000 100000 1000000"}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/regiosim-sbs-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$py" -c 'import numpy' 2>/dev/null || {
    echo "side-by-side.sh: $py has no numpy (Debian: apt-get install python3-numpy)" >&2
    exit 1
}
"$bench" --write "$tmp/bench.json"
now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

echo "regiosim against the numpy reference (tests/bench/ref_numpy.py), $(nproc) cores,"
echo "threads: all; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%10s  %14s  %14s  %8s  %9s  %s\n' draws "regiosim (s)" "numpy (s)" ratio "CPU ratio" \
    "ratios of the rounds"
agree=0
for n in $sizes; do
    r=$rounds
    [ "$n" -ge 1000000 ] && r=$rounds6
    : >"$tmp/a"
    : >"$tmp/b"
    : >"$tmp/q"
    : >"$tmp/c"
    k=0
    while [ $k -lt $r ]; do
        # wall clock and CPU time (all threads) of the whole regiosim process
        res=$("$py" -c '
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stderr=subprocess.PIPE)
w = time.perf_counter() - t
if r.returncode:
    sys.stderr.write(r.stderr.decode())
    sys.exit(1)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(w, u.ru_utime + u.ru_stime)' "$regiosim" run "$tmp/bench.json" --no-plots -q --exact \
            --draws "$n" -o "$tmp/out-$n") || exit 1
        set -- $res
        a=$1
        cpu_a=$2
        "$py" "$here/ref_numpy.py" "$tmp/bench.json" "$n" $((42 + k)) >"$tmp/ref-$n.json"
        res=$("$py" -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(d["seconds"], d["cpu_seconds"])' "$tmp/ref-$n.json") || exit 1
        set -- $res
        b=$1
        echo "$a" >>"$tmp/a"
        echo "$b" >>"$tmp/b"
        awk -v x="$a" -v y="$b" 'BEGIN {print y / x}' >>"$tmp/q"
        awk -v x="$cpu_a" -v y="$2" 'BEGIN {print y / x}' >>"$tmp/c"
        k=$((k + 1))
    done
    printf '%10d  %14.3f  %14.3f  %7.2fx  %8.2fx  %s\n' "$n" "$(median <"$tmp/a")" \
        "$(median <"$tmp/b")" "$(median <"$tmp/q")" "$(median <"$tmp/c")" \
        "$(awk '{printf "%s%.2f", (NR > 1 ? " " : ""), $1}' "$tmp/q")"
    if [ "$n" -eq 100000 ] || { [ $agree = 0 ] && [ "$n" = "${sizes##* }" ]; }; then
        "$py" "$here/agree.py" "$tmp/out-$n" "$tmp/ref-$n.json" >"$tmp/agree" || agree=2
        [ $agree = 2 ] || agree=1
    fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$tmp/agree"
[ $agree != 2 ]
