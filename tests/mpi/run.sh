#!/bin/sh
# tests/mpi/run.sh PLAIN MPI — the MPI build against the plain one.
#
#   1. byte identity: run (Monte Carlo), compare, sweep (a Monte Carlo mean
#      per point), solve and sensitivity (one at a time, Sobol) give the same files and the same standard
#      output with the plain build (one process) and with mpirun -np K,
#      K = 1, 2, 3, 4 (--oversubscribe: more ranks than this machine's
#      cores; --allow-run-as-root when run as root);
#   2. failures: a bad point found late in a sweep, a full disk on rank 0,
#      a rank that fails alone on its input, rank 0 failing alone, and a
#      rank killed mid-run: each ends the job with one message, one exit
#      code and no result folder (and no temporary folder left).
# Each rank runs one thread (OMP_NUM_THREADS=1), so the blocks, not the
# threads, do the sharing.
set -u
PLAIN=$(realpath "$1")
MPIBIN=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
cp -R "$ROOT/scenarios" "$ROOT/models" .
# both builds draw with the same house style (the MPI binary has no plots/
# folder next to it)
export OMP_NUM_THREADS=1 TMPDIR="$TMP/private" REGIOSIM_PLOTS="$ROOT/plots"
mkdir -p "$TMPDIR"
MPIRUN="mpirun --oversubscribe"
[ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
# quiet Open MPI's notices about this container's network interfaces
export OMPI_MCA_btl_base_warn_component_unused=0 OMPI_MCA_btl_vader_single_copy_mechanism=none

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL: $1"
    [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20
}

# same LABEL DIR_A DIR_B: every file in both, byte for byte
same() {
    if diff -r "$2" "$3" >"$TMP/diff" 2>&1; then ok; else bad "$1: results differ" "$TMP/diff"; fi
}

# untimed FILE...: sensitivity writes its wall time ("runs in 0.2 s", in
# Dutch "doorrekeningen in 0,2 s", "seconds": 0.213) into its files and
# output, which differs between any
# two runs; it is blanked, and the marker (which hashes the files) dropped
untimed() {
    for f in "$@"; do
        [ -f "$f" ] || continue
        case $f in *.png | *.svg | *.pdf) continue ;; esac
        sed -i -E 's/(runs|doorrekeningen) in [0-9.,]+ s/\1 in T s/g; s/"seconds": [0-9.]+/"seconds": T/' "$f"
    done
}

# ---------------------------------------------------------- 1. identity
# NAME "K..." then the command's arguments; "@OUT" stands for the output
# folder
identity() {
    name=$1
    ks=$2
    shift 2
    # every run writes to out/NAME (the folder's name is printed), which is
    # then moved to res/NAME-plain or res/NAME-kK
    args=$(echo "$*" | sed "s|@OUT|out/$name|")
    mkdir -p res
    # shellcheck disable=SC2086
    "$PLAIN" $args >"$name-plain.stdout" 2>"$name-plain.stderr"
    rc=$?
    [ $rc = 0 ] || { bad "$name: plain build exit $rc" "$name-plain.stderr"; return; }
    [ -d "out/$name" ] && mv "out/$name" "res/$name-plain"
    for k in $ks; do
        # shellcheck disable=SC2086
        $MPIRUN -np $k "$MPIBIN" $args >"$name-k$k.stdout" 2>"$name-k$k.stderr"
        rc=$?
        [ -d "out/$name" ] && mv "out/$name" "res/$name-k$k"
        [ $rc = 0 ] || { bad "$name: -np $k exit $rc" "$name-k$k.stderr"; continue; }
        case $name in sens-*)
            rm -f "res/$name-plain/.regiosim-result" "res/$name-k$k/.regiosim-result"
            untimed "$name-plain.stdout" "$name-k$k.stdout" res/"$name"-plain/* res/"$name-k$k"/*
        esac
        if cmp -s "$name-plain.stdout" "$name-k$k.stdout"; then ok; else
            diff "$name-plain.stdout" "$name-k$k.stdout" >"$TMP/diff"
            bad "$name: -np $k standard output differs" "$TMP/diff"
        fi
        case "$*" in *@OUT*) same "$name -np $k" "res/$name-plain" "res/$name-k$k" ;; esac
    done
}

# the demo's Monte Carlo: 3,000 draws = 64 pilot chunks and 1,024 more
identity run "1 2 3 4" run -q --no-plots scenarios/demo.json -o @OUT \
    --set uncertainty.draws=3000 --seed 7
# the same with its charts (histogram, fan charts) and report
identity run-plots 3 run scenarios/demo.json -o @OUT --set uncertainty.draws=3000 --seed 7
# fewer draws than the pilot: chunks of 16 only, and with 4 ranks one each
identity run-small "2 3 4" run -q --no-plots scenarios/demo.json -o @OUT \
    --set uncertainty.draws=50
# over the experiment layer: every draw of each scenario kept, paired
identity compare "1 2 3 4" compare --no-plots scenarios/t4-spuk.json scenarios/t4-du.json \
    -o @OUT --set uncertainty.draws=1000
# means only, four points
identity sweep "1 2 3 4" sweep -q --no-plots scenarios/demo.json --param cofinancing.share \
    --from 0.3 --to 0.7 --steps 4 --metric rijk_net --metric effectiveness -o @OUT \
    --set uncertainty.draws=300
# Brent's iterations, each a distributed evaluation: the same path
identity solve "1 2 3 4" solve scenarios/demo.json --param cofinancing.share --metric rijk_net \
    --target 150 --lo 0.2 --hi 0.8 --set uncertainty.draws=200
# sensitivity: one at a time with switching values (Brent, like solve), and
# Sobol indices with bootstrap intervals, each point a Monte Carlo mean
identity sens-oat "1 2 3 4" sensitivity --no-plots scenarios/t4-spuk.json \
    --vs scenarios/t4-du.json --metric effectiveness --draws 200 -o @OUT
identity sens-sobol "1 2 3 4" sensitivity --no-plots scenarios/demo.json --metric rijk_net \
    --factor cofinancing.share=0.3,0.7 --factor uncertainty.realisation.mean=0.7,0.95 \
    --method sobol --samples 16 --draws 100 -o @OUT

# the Monte Carlo must really have been shared: summary.json says 3,000 draws
grep -q '"draws": 3000' res/run-k3/summary.json && ok || bad "run: summary.json has no 3000 draws"

# the progress bar on rank 0 counts every rank's draws: on a terminal
# (script(1) gives mpirun one), a bar drawn before the end shows more draws
# than rank 0's own third
if command -v script >/dev/null 2>&1; then
    script -qc "$MPIRUN -np 3 $MPIBIN run --no-plots scenarios/demo.json -o out/bar \
        --draws 600000" /dev/null 2>&1 | tr '\r' '\n' >bar.txt
    most=$(grep -oE '] [0-9]*/600000 (draws|trekkingen)' bar.txt | tr -dc '0-9/\n' | cut -d/ -f1 |
        awk '$1 < 600000 && $1 > m {m = $1} END {print m + 0}')
    if [ "$most" -gt 200000 ]; then ok; else bad "progress: before the end at most $most of 600000 draws shown (rank 0 alone runs 200000)" bar.txt; fi
else
    echo "note: no script(1): the progress bar is not tested here"
fi

# ----------------------------------------------------------- 2. failures
# fails LABEL CODE PATTERN: the last command exited CODE, its stderr holds
# PATTERN exactly once (one message for the job), no folder out/fail
fails() {
    if [ "$rc" != "$2" ]; then bad "$1: exit $rc, expected $2" err; return; fi
    n=$(grep -c -- "$3" err)
    [ "$n" = 1 ] || { bad "$1: '$3' printed $n times, expected once" err; return; }
    [ -e out/fail ] && { bad "$1: a result folder was left"; return; }
    ls -d out/fail.tmp-* >/dev/null 2>&1 && { bad "$1: a temporary folder was left"; return; }
    [ -z "$(ls "$TMPDIR")" ] || { bad "$1: a rank left its private folder"; return; }
    ok
}

# a point of the sweep that is not a valid scenario, found after two
# points' Monte Carlo: every rank finds it, rank 0 says it
$MPIRUN -np 3 "$MPIBIN" sweep -q scenarios/demo.json --param cofinancing.share --from 0.5 \
    --to 1.5 --steps 5 -o out/fail --set uncertainty.draws=400 >/dev/null 2>err
rc=$?
fails "sweep with a bad late point (-np 3)" 3 "must be a number from 0 to 0.95"

# rank 1 reads a broken copy of the scenario (mpirun's A : B form gives
# ranks their own arguments): it stops at loading while ranks 0 and 2 wait
# for its draws; it ends the job with its own message and code
sed 's/"draws": 1000/"draws": "many"/' scenarios/demo.json >scenarios/broken.json
RS_MPI_GRACE=2 $MPIRUN -np 1 "$MPIBIN" run -q --no-plots scenarios/demo.json -o out/fail : \
    -np 1 "$MPIBIN" run -q --no-plots scenarios/broken.json -o out/fail : \
    -np 1 "$MPIBIN" run -q --no-plots scenarios/demo.json -o out/fail >/dev/null 2>err
rc=$?
fails "rank 1 fails alone on its input" 3 "broken.json: \$.uncertainty.draws"
grep -q "rank 1 of 3 stopped with exit code 3" err && ok || bad "rank 1 alone: no word of rank 1" err

# rank 0 fails alone: the same from the other side
RS_MPI_GRACE=2 $MPIRUN -np 1 "$MPIBIN" run -q --no-plots scenarios/broken.json -o out/fail : \
    -np 2 "$MPIBIN" run -q --no-plots scenarios/demo.json -o out/fail >/dev/null 2>err
rc=$?
fails "rank 0 fails alone on its input" 3 "broken.json: \$.uncertainty.draws"

# a full disk on rank 0 (a small tmpfs; needs root): the other ranks
# finished their share, rank 0 cannot write; the job exits 4 and the old
# result stays as it was
if [ "$(id -u)" = 0 ] && mkdir -p mnt && mount -t tmpfs -o size=48k tmpfs mnt 2>/dev/null; then
    $MPIRUN -np 3 "$MPIBIN" run -q --no-plots scenarios/demo.json -o mnt/fail \
        --set uncertainty.draws=2000 >/dev/null 2>err
    rc=$?
    mv out out.keep && ln -s mnt out
    fails "full disk on rank 0 (-np 3)" 4 "cannot write"
    rm out && mv out.keep out
    umount mnt
else
    echo "note: no tmpfs (not root): the full-disk case is not run here"
fi

# a rank killed with SIGKILL mid-run: mpirun ends the job with a non-zero
# code and rank 0 never starts writing
$MPIRUN -np 3 "$MPIBIN" run -q --no-plots scenarios/demo.json -o out/fail \
    --draws 2000000 >/dev/null 2>err &
mpid=$!
victim=""
for _ in $(seq 1 100); do
    for p in $(pgrep -P $mpid 2>/dev/null); do
        tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx OMPI_COMM_WORLD_RANK=2 && victim=$p
    done
    [ -n "$victim" ] && break
    sleep 0.1
done
if [ -n "$victim" ]; then
    sleep 1
    kill -9 "$victim"
    wait $mpid
    rc=$?
    if [ $rc = 0 ]; then bad "killed rank: mpirun exited 0" err
    elif ! grep -q "signal 9" err; then bad "killed rank: the job ended for another reason" err
    elif [ -e out/fail ] || ls -d out/fail.tmp-* >/dev/null 2>&1; then bad "killed rank: a folder was left"
    else ok; fi
else
    kill $mpid 2>/dev/null
    wait $mpid
    bad "killed rank: rank 2 not found"
fi

echo "MPI tests: $pass passed, $fail failed"
[ $fail = 0 ]
