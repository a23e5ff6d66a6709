# procs.sh — CLI tests of drawing the charts in several gnuplot processes
# at once; sourced by run.sh (uses its helpers r, ok, failed, check_rc,
# check_rc_has, $BIN, $TMP, $OUT, $ERR, $ROOT).
#
# Every command that draws charts (run, with and without draws, the
# programme, a compare of three scenarios with draws, a sweep, a heat map,
# a sensitivity run) is run with --threads 1 (one gnuplot draws every
# chart, one after another) and --threads 2 (two at once): the images (PNG,
# SVG, PDF), the scripts, the data and what regiosim prints on stderr must
# be byte for byte the same.  Both runs write to a folder of the same name
# (in two parent folders), so that messages naming it are comparable.

if command -v gnuplot >/dev/null 2>&1; then
    P=$TMP/procs
    mkdir -p "$P/t1" "$P/t2"
    # same_plots LABEL ARGS...: the command (without -o) in both ways
    same_plots() {
        label=$1
        shift
        for t in 1 2; do
            rm -rf "$P/t$t/res"
            (cd "$P/t$t" && "$BIN" "$@" -q --threads $t -o res >"$P/t$t/out" 2>"$P/t$t/err")
            echo $? >"$P/t$t/rc"
        done
        if [ "$(cat "$P/t1/rc")" != 0 ] || [ "$(cat "$P/t2/rc")" != 0 ]; then
            failed "$label: runs with 1 and 2 gnuplot processes" \
                "exit $(cat "$P/t1/rc") and $(cat "$P/t2/rc")" "$(head -3 "$P/t2/err")"
            return
        fi
        n=$(ls "$P/t1/res/plots" | grep -c -E '\.(png|svg|pdf)$')
        n2=$(ls "$P/t2/res/plots" | grep -c -E '\.(png|svg|pdf)$')
        if [ "$n" -lt 1 ] || [ "$n" != "$n2" ]; then
            failed "$label: the same images with 1 and 2 gnuplot processes" "$n and $n2 images"
            return
        fi
        diffs=""
        for f in $(ls "$P/t1/res/plots"); do
            a=$P/t1/res/plots/$f b=$P/t2/res/plots/$f
            case $f in
            *.pdf) # cairo writes the time of day into a PDF: compare the rest
                LC_ALL=C grep -av '/CreationDate' "$a" >"$P/a.pdf"
                LC_ALL=C grep -av '/CreationDate' "$b" >"$P/b.pdf"
                a=$P/a.pdf b=$P/b.pdf ;;
            esac
            cmp -s "$a" "$b" || diffs="$diffs $f"
        done
        [ -z "$diffs" ] && ok || failed "$label: plots/ byte-identical with 1 and 2 gnuplot processes" "differ:$diffs"
        cmp -s "$P/t1/err" "$P/t2/err" && ok ||
            failed "$label: the same stderr with 1 and 2 gnuplot processes" "$(diff "$P/t1/err" "$P/t2/err" | head -6)"
    }
    D=$ROOT/scenarios
    same_plots "demo" run "$D/demo.json"
    same_plots "demo with draws, SVG" run --draws 200 --terminal svg "$D/demo.json"
    same_plots "demo with draws, PDF" run --draws 200 --terminal pdfcairo "$D/demo.json"
    same_plots "demo in English at 800x500" run --lang en --size 800x500 "$D/demo.json"
    same_plots "programme" run "$D/programme-baseline.json"
    same_plots "compare of three with draws" compare --draws 100 "$D/t4-spuk.json" "$D/t4-du.json" \
        "$D/t4-as-spuk-light.json"
    same_plots "sweep" sweep "$D/demo.json" --param discount_rate --from 0 --to 0.06 --steps 4
    same_plots "heat map" sweep "$D/demo.json" --param discount_rate --from 0 --to 0.06 --steps 3 \
        --param2 realisation.mean --from2 0.6 --to2 0.9 --steps2 3
    same_plots "sensitivity" sensitivity --draws 20 "$D/t4-spuk.json" --metric rijk_net
    same_plots "compare of three, SVG" compare --terminal svg "$D/t4-spuk.json" "$D/t4-du.json" \
        "$D/t4-as-spuk-light.json"
    same_plots "heat map, SVG" sweep --terminal svg "$D/demo.json" --param discount_rate --from 0 \
        --to 0.06 --steps 3 --param2 realisation.mean --from2 0.6 --to2 0.9 --steps2 3
    same_plots "sensitivity, SVG" sensitivity --terminal svg --draws 20 "$D/t4-spuk.json" --metric rijk_net

    # and each image is the one its script gives when drawn alone, as an
    # analyst redraws it (gnuplot NAME.gp): nothing carries over from the
    # chart drawn before it in the same gnuplot
    for term in svg pngcairo; do
        rm -rf "$P/alone"
        "$BIN" run -q --threads 1 --terminal $term -o "$P/alone" "$D/demo.json" >/dev/null 2>&1
        mkdir -p "$P/alone/again"
        cp "$P/alone/plots/"* "$P/alone/again/"
        diffs="" n=0
        for gp in "$P/alone/again/"*.gp; do
            name=$(basename "$gp" .gp)
            ext=$([ $term = svg ] && echo svg || echo png)
            rm -f "$P/alone/again/$name.$ext"
            (cd "$P/alone/again" && gnuplot "$name.gp" 2>/dev/null)
            n=$((n + 1))
            cmp -s "$P/alone/plots/$name.$ext" "$P/alone/again/$name.$ext" || diffs="$diffs $name.$ext"
        done
        [ $n = 8 ] && [ -z "$diffs" ] && ok ||
            failed "$term: every chart as its script draws it alone ($n scripts)" "differ:$diffs"
    done

    # the number of processes: two at once by default on two cores or
    # with --threads 2, one with --threads 1 (said on stderr)
    r run --threads 2 -o "$P/n2" "$D/demo.json"
    check_rc_has "--threads 2: the charts are drawn by two gnuplot processes at once" 0 "$ERR" \
        "8 grafieken getekend in" "door 2 gnuplot-processen tegelijk"
    r run --threads 1 -o "$P/n1" "$D/demo.json"
    check_rc_has "--threads 1: the charts are drawn by one gnuplot process" 0 "$ERR" \
        "8 grafieken getekend in" "door 1 gnuplot-proces"
    # at least two charts per process: 8 charts with --threads 8 take 4
    r run --threads 8 -o "$P/n8" "$D/demo.json"
    check_rc_has "--threads 8: at most four gnuplot processes for eight charts" 0 "$ERR" \
        "door 4 gnuplot-processen tegelijk"

    # a chart gnuplot stops at, in the second process (charts are dealt
    # out in turn: cumulative, the second chart, goes to the second): it
    # is named, the other seven are drawn, its empty image is not kept,
    # and the warning is the same with one process
    mkdir -p "$P/style"
    cp "$ROOT"/plots/*.gp "$P/style/"
    echo 'exit' >>"$P/style/layout-cumulative.gp"
    same_plots "a chart gnuplot stops at" run --style "$P/style/rijkshuisstijl.gp" "$D/demo.json"
    if has "$P/t2/err" "grafiek 'cumulative' is niet getekend: gnuplot stopte zonder melding" &&
        [ "$(grep -c 'is niet getekend' "$P/t2/err")" = 1 ] && [ ! -e "$P/t2/res/plots/cumulative.png" ] &&
        [ "$(ls "$P/t2/res/plots" | grep -c '\.png$')" = 7 ]; then
        ok
    else
        failed "a chart gnuplot stops at in the second process: named once, the other 7 drawn" \
            "$(cat "$P/t2/err")" "$(ls "$P/t2/res/plots" | grep '\.png$' | tr '\n' ' ')"
    fi
    # two stops, one in each process, and a message from gnuplot: each
    # named with what gnuplot said about it, in chart order
    echo 'print "regions: no room"' >>"$P/style/layout-regions.gp"
    echo 'exit' >>"$P/style/layout-regions.gp"
    same_plots "a chart stopped in each process" run --style "$P/style/rijkshuisstijl.gp" "$D/demo.json"
    if [ "$(grep -c 'is niet getekend' "$P/t2/err")" = 2 ] &&
        grep -n 'is niet getekend' "$P/t2/err" | head -1 | grep -q "'cumulative'" &&
        has "$P/t2/err" "grafiek 'regions' is niet getekend: gnuplot meldt: regions: no room;" &&
        [ "$(ls "$P/t2/res/plots" | grep -c '\.png$')" = 6 ]; then
        ok
    else
        failed "a chart stopped in each process: both named, in chart order, the other 6 drawn" \
            "$(cat "$P/t2/err")"
    fi

    # gnuplot missing, with two processes asked for: the one message, once
    REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" run -q --threads 2 -o "$P/nognuplot" "$D/demo.json" \
        >"$OUT" 2>"$ERR"
    rc=$?
    check_rc_has "missing gnuplot with --threads 2: exit 0 and the warning" 0 "$ERR" \
        "gnuplot ('/nonexistent/gnuplot') is niet geïnstalleerd"
    [ "$(grep -c 'niet geïnstalleerd' "$ERR")" = 1 ] && [ "$(grep -c 'gnuplot' "$ERR")" = 1 ] && ok ||
        failed "missing gnuplot with --threads 2: the warning once" "$(cat "$ERR")"
    REGIOSIM_GNUPLOT=/nonexistent/gnuplot "$BIN" compare -q --threads 2 -o "$P/nognuplot-cmp" \
        "$D/t4-spuk.json" "$D/t4-du.json" >"$OUT" 2>"$ERR"
    [ "$(grep -c 'niet geïnstalleerd' "$ERR")" = 1 ] && ok ||
        failed "missing gnuplot in a compare with --threads 2: the warning once" "$(cat "$ERR")"
    rm -rf "$P"
else
    echo "note: gnuplot is not installed: drawing in several gnuplot processes not tested"
fi
