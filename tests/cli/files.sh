# files.sh — CLI tests of files people write by hand; sourced by run.sh
# (uses its helpers r, check_rc, check_rc_has, $TMP, $OUT, $ERR, $ROOT).

# ---- a region, tranche or deal file: a bare list or {"<key>": [...]} with documentation keys
cat >"$TMP/wrapped-regions.json" <<'JSON'
{"source": "a test", "note": "the list sits under 'regions'", "estimate": true,
 "regions": [{"id": "noord", "name": "Noord", "population": 100000, "fiscal_capacity": 1.0, "bw_pressure": 0.5}]}
JSON
cat >"$TMP/wrapped-deals.json" <<'JSON'
{"source": "a test",
 "deals": [{"id": "noord-t1", "region": "noord", "tranche": "T1", "request": 20, "duration": 4}]}
JSON
cat >"$TMP/wrapped-tranches.json" <<'JSON'
{"tranches": [{"id": "T1", "year": 2024, "budget": 50, "instrument": "simpel"}], "description": "one tranche"}
JSON
cat >"$TMP/wrapped.json" <<'JSON'
{"horizon": {"start": 2023, "end": 2030}, "regions": "wrapped-regions.json",
 "instruments": {"simpel": {"id": "simpel", "name": "Simpel", "payment": {"schedule": "plan"}}},
 "tranches": "wrapped-tranches.json",
 "deals": "wrapped-deals.json"}
JSON
r validate "$TMP/wrapped.json"
check_rc_has "wrapped region, tranche and deal lists load" 0 "$OUT" "(1 region, 1 instrument, 1 tranche, 1 deal)"
printf '{"source": "x", "regio": []}\n' >"$TMP/bad-wrap.json"
r validate scenarios/demo.json --set "regions=$TMP/bad-wrap.json"
check_rc_has "a wrapper without its list names the key it needs" 3 "$ERR" "unknown key 'regio'" \
    "is an object without 'regions'"

# ---- validate FILE recognises what it is given
r validate models/instruments/du.json
check_rc_has "validate an instrument file" 0 "$OUT" "ok: models/instruments/du.json (an instrument"
r validate models/regions/regio-deals.json
check_rc_has "validate a region file" 0 "$OUT" "a region file of 60 regions"
r validate models/programme/tranches.json
check_rc_has "validate a tranche file" 0 "$OUT" "a tranche file of 6 tranches"
r validate models/programme/deals.json
check_rc_has "validate a deal file" 0 "$OUT" "a deal file of 82 deals"
r validate "$TMP/wrapped-regions.json"
check_rc_has "validate a wrapped region file" 0 "$OUT" "a region file of 1 region,"
printf '[{"id": "a", "name": "A", "population": 0, "fiscal_capacity": 1, "bw_pressure": 0.5}]\n' >"$TMP/bad-regions.json"
r validate "$TMP/bad-regions.json"
check_rc_has "a bad bare region list: the path inside the file" 3 "$ERR" "bad-regions.json: \$[0].population: is 0"
printf '{"regions": [{"id": "a", "name": "A", "population": 5, "fiscal_capacity": 1, "bw_pressure": 7}]}\n' >"$TMP/bad-wrapped.json"
r validate "$TMP/bad-wrapped.json"
check_rc_has "a bad wrapped region list: the path inside the file" 3 "$ERR" "bad-wrapped.json: \$.regions[0].bw_pressure: is 7"
printf '{"id": "x", "name": "X", "payment": {"schedule": "monthly"}}\n' >"$TMP/bad-instrument.json"
r validate "$TMP/bad-instrument.json"
check_rc_has "a bad instrument file on its own" 3 "$ERR" "bad-instrument.json: \$.payment.schedule"
printf '[{"id": "d", "region": "r", "tranche": "T", "request": 10, "duration": 0}]\n' >"$TMP/bad-deals.json"
r validate "$TMP/bad-deals.json"
check_rc_has "a bad deal file on its own" 3 "$ERR" "bad-deals.json: \$[0].duration"

# ---- a scenario copied elsewhere: the path it tried, and the search path
mkdir -p "$TMP/copied/scen"
cp scenarios/t4-spuk.json "$TMP/copied/scen/"
r validate "$TMP/copied/scen/t4-spuk.json"
check_rc_has "a copied scenario names the resolved paths it tried" 4 "$ERR" \
    "tried $TMP/copied/models/regions/demo-regions.json, next to the file" "REGIOSIM_MODELS"
REGIOSIM_MODELS=$ROOT/models r validate "$TMP/copied/scen/t4-spuk.json"
check_rc_has "REGIOSIM_MODELS finds the shipped models (said in Dutch, the scenario's language)" 0 "$ERR" \
    "'../models/regions/demo-regions.json' staat niet naast het bestand ($TMP/copied/models/regions/demo-regions.json): $ROOT/models/regions/demo-regions.json wordt gebruikt"

# ---- a child that changes rules and keeps the parent's description
printf '{"extends": "%s/scenarios/t4-spuk.json", "set": {"tranches[T4].instrument": "du"}}\n' "$ROOT" >"$TMP/child.json"
r validate "$TMP/child.json"
check_rc_has "a child keeping its parent's description is warned (in Dutch)" 0 "$ERR" \
    "child.json: wijzigt 'set', maar houdt de beschrijving ('description') van het scenario dat het uitbreidt"
r validate --lang en "$TMP/child.json"
check_rc_has "a child keeping its parent's description is warned (in English with --lang en)" 0 "$ERR" \
    "child.json: changes 'set' but keeps the 'description' of the scenario it extends"
printf '{"extends": "%s/scenarios/t4-spuk.json", "name": "alleen een naam"}\n' "$ROOT" >"$TMP/child2.json"
r validate "$TMP/child2.json"
if [ "$rc" = 0 ] && ! grep -q "description" "$ERR"; then ok; else failed "a child changing only its name is not warned" "exit $rc"; fi

# ---- a mistyped command lists every command
r rnu scenarios/demo.json
check_rc_has "a mistyped command suggests the nearest and lists all" 2 "$ERR" "did you mean 'run'?" \
    "run, compare, explain, sweep, solve, sensitivity, plot, validate, list, help"
r help comapre
check_rc_has "help for a mistyped command" 2 "$ERR" "did you mean 'compare'?" "plot, validate, list, help"

# ---- singular and plural
r validate scenarios/t4-spuk.json
check_rc_has "validate counts in the singular" 0 "$OUT" "(8 regions, 2 instruments, 1 tranche, 5 deals)"
r list instruments
check_rc_has "list instruments in the singular" 0 "$OUT" "extended once by 1 year if" "lag 0 years"

# ---- the documentation: help says where it is, the man page covers every command and renders
r help
check_rc_has "help names the installed model and man page" 0 "$OUT" "/model.md" "/sources.md" "man regiosim"
for c in run compare explain sweep solve sensitivity plot validate list help; do
    if grep -q "^\.B regiosim $c" docs/regiosim.1 && grep -q "^\.B[IR] $c " docs/regiosim.1; then ok; else failed "the man page documents '$c'"; fi
done
# every option any command's help names is in the man page
for c in run compare explain sweep solve sensitivity plot validate list; do "$BIN" help "$c"; done >"$TMP/allhelp" 2>&1
for o in $(grep -o -- '--[a-z][a-z0-9-]*' "$TMP/allhelp" | sort -u); do
    m=$(printf '%s' "$o" | sed 's/-/\\-/g')
    if grep -qF -- "$m" docs/regiosim.1; then ok; else failed "the man page documents $o" "looked for $m"; fi
done
if command -v groff >/dev/null 2>&1; then
    groff -man -ww -z docs/regiosim.1 >"$TMP/groff.err" 2>&1
    if [ ! -s "$TMP/groff.err" ]; then ok; else failed "the man page renders without warnings" "$(head -3 "$TMP/groff.err")"; fi
fi
for f in docs/model.md docs/sources.md docs/regiosim.1; do
    if grep -q "$f\|$(basename "$f")" Makefile; then ok; else failed "make install installs $f"; fi
done

# ---- co-financing by source (docs/model.md §4.3), worked by hand:
# all sources count: Zuidoost-Drenthe's 15 M€ of public money is 60% of
# C ≤ 25, so A = 25 (of 30); awards 25 + 25 + 10 + 18.2 + 20 = 98.2, in kind
# 0.15·98.2 = 14.73.  Public money only: Twente and Zuidoost-Drenthe 15
# each, awards 78.2, all public.
r run -q --no-plots -o "$TMP/cofin-src" scenarios/t4-cofin-bronnen.json
for kv in rijk_awarded=98.2 cofinancing_public=58.92 cofinancing_private=24.55 cofinancing_in_kind=14.73; do
    got=$(metric "$TMP/cofin-src/summary.json" "${kv%%=*}")
    if close "$got" "${kv#*=}"; then ok; else failed "co-financing by source: ${kv%%=*}" "got $got, want ${kv#*=}"; fi
done
r run -q --no-plots -o "$TMP/cofin-pub" scenarios/t4-cofin-alleen-publiek.json
for kv in rijk_awarded=78.2 cofinancing_public=78.2 cofinancing_in_kind=0; do
    got=$(metric "$TMP/cofin-pub/summary.json" "${kv%%=*}")
    if close "$got" "${kv#*=}"; then ok; else failed "only public co-financing counts: ${kv%%=*}" "got $got, want ${kv#*=}"; fi
done
