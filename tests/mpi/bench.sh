#!/bin/sh
# tests/mpi/bench.sh PLAIN MPI [ROUNDS] — the figures of docs/cluster.md:
# 1 rank × 2 threads against 2 ranks × 1 thread (and the plain build with 2
# threads) on a Monte Carlo run and on a sweep, run side by side in
# interleaved rounds; prints each variant's median wall time, the ratios and
# the load average before and after.
set -u
PLAIN=$(realpath "$1")
MPIBIN=$(realpath "$2")
ROUNDS=${3:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
cp -R "$ROOT/scenarios" "$ROOT/models" .
MPIRUN="mpirun --oversubscribe --bind-to none"
[ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
export OMPI_MCA_btl_vader_single_copy_mechanism=none

RUN="run -q --no-plots scenarios/demo.json -o out/r --set uncertainty.draws=100000"
SWEEP="sweep -q --no-plots scenarios/demo.json --param cofinancing.share --from 0.3 --to 0.7
 --steps 10 -o out/s --set uncertainty.draws=10000"

# t NAME COMMAND...: appends the wall time of COMMAND to NAME.t
t() {
    name=$1
    shift
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || echo "failed: $*" >&2
    echo "$(date +%s.%N) - $s" | bc >>"$name.t"
}
median() { sort -n "$1.t" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
    for w in run sweep; do
        [ $w = run ] && args=$RUN || args=$SWEEP
        # shellcheck disable=SC2086
        t $w-plain-1x2 env OMP_NUM_THREADS=2 "$PLAIN" $args --threads 2
        # shellcheck disable=SC2086
        t $w-mpi-1x2 env OMP_NUM_THREADS=2 $MPIRUN -np 1 "$MPIBIN" $args --threads 2
        # shellcheck disable=SC2086
        t $w-mpi-2x1 env OMP_NUM_THREADS=1 $MPIRUN -np 2 "$MPIBIN" $args --threads 1
        # shellcheck disable=SC2086
        t $w-plain-1x1 env OMP_NUM_THREADS=1 "$PLAIN" $args --threads 1
    done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
for w in run sweep; do
    a=$(median $w-plain-1x2)
    b=$(median $w-mpi-1x2)
    c=$(median $w-mpi-2x1)
    d=$(median $w-plain-1x1)
    printf '%-5s plain 1x1 %6.2f s | plain 1x2 %6.2f s | mpi 1 rank x 2 threads %6.2f s | mpi 2 ranks x 1 thread %6.2f s | 2x1 / 1x2 (mpi) %.2f | 2x1 / plain 1x2 %.2f\n' \
        $w "$d" "$a" "$b" "$c" "$(echo "$c / $b" | bc -l)" "$(echo "$c / $a" | bc -l)"
done
