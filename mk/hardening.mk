# mk/hardening.mk — sanitizers, valgrind, fuzzing and hostile input.
#
#   make check-asan        unit + CLI tests and the fuzz regressions, built with
#                          AddressSanitizer and UBSan in build/asan/
#   make check-valgrind    unit tests and a demo run under valgrind (the
#                          samplers' tests with 20,000 samples per pair)
#   make check-hardening   hostile and broken input, interrupted and full-disk
#                          writes (tests/hardening/run.sh)
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="scenario setpath csv"]
#                          libFuzzer (clang) on each target, in build/fuzz/
#
# The sanitizer and fuzzing builds re-enter this Makefile with BUILD set to
# their own folder, so they share its rules and header dependencies but
# never touch build/*.o, build/unit-tests or ./regiosim.

# valgrind for check-valgrind, jq for check-hardening (summary.json is
# checked as JSON); clang and its runtime (libFuzzer is in
# libclang-rt-14-dev) for make fuzz.  gcc's sanitizer runtimes come with gcc.
HARDENING_DEBS = valgrind jq
FUZZ_DEBS      = clang libclang-rt-14-dev

ASAN_BUILD  = build/asan
ASAN_FLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# Sanitizer reports make a run fail, and a copy of each goes to
# $(ASAN_LOGS): a CLI test that expects a non-zero exit code would
# otherwise let a report pass unseen (tests/hardening/san-wrap.sh).
ASAN_LOGS   = $(ASAN_BUILD)/reports
ASAN_ENV    = ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1 \
              UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SAN_GREP    = grep -l -e 'runtime error:' -e 'Sanitizer'

VALGRIND    = valgrind --leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,possible \
              --suppressions=$(CURDIR)/tests/hardening/valgrind.supp --quiet

FUZZ_BUILD   = build/fuzz
FUZZ_CC      = clang
FUZZ_FLAGS   = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= scenario setpath csv text
FUZZ_ENV     = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Seeds of each target (folders are read recursively), after its own
# growing corpus in $(FUZZ_BUILD)/corpus/NAME.
FUZZ_SEEDS_scenario = scenarios models tests/cli/invalid tests/fuzz/files/scenarios \
                      tests/fuzz/regressions/scenario
FUZZ_SEEDS_setpath  = tests/fuzz/seeds/setpath tests/fuzz/regressions/setpath
# The shell code that sets $seeds to the seed folders of fuzz target $t.
FUZZ_SEEDS_OF = case $$t in scenario) seeds="$(FUZZ_SEEDS_scenario)" ;; \
  setpath) seeds="$(FUZZ_SEEDS_setpath)" ;; csv) seeds="$(FUZZ_SEEDS_csv)" ;; \
  text) seeds="$(FUZZ_SEEDS_text)" ;; esac

FUZZ_SEEDS_csv      = tests/fuzz/files/models/regions tests/fuzz/seeds/csv \
                      tests/fuzz/regressions/csv
FUZZ_SEEDS_text     = tests/fuzz/seeds/text tests/fuzz/regressions/text

FUZZ_SRC     = $(wildcard tests/fuzz/*.c)
FUZZ_OBJ     = $(FUZZ_SRC:%.c=$(BUILD)/%.o)
FUZZ_COMMON  = $(BUILD)/tests/fuzz/exercise.o

.PHONY: check-asan check-valgrind check-hardening fuzz fuzz-build hardening-deps fuzz-deps

hardening-deps: deps
	@$(MAKE) --no-print-directory deps DEBS="$(HARDENING_DEBS)"

fuzz-deps: deps
	@$(MAKE) --no-print-directory deps DEBS="$(FUZZ_DEBS)"

# ---- rules that work for any BUILD (used by the re-entered builds) ----

$(BUILD)/regiosim: $(LIB_OBJ) $(CLI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# A fuzz target for libFuzzer, and the same target with replay.c's main().
$(BUILD)/fuzz-%: $(BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_COMMON) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

$(BUILD)/replay-%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o $(FUZZ_COMMON) \
                   $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# keep the objects of the chains above (make deletes intermediate files)
.SECONDARY: $(FUZZ_OBJ)

-include $(FUZZ_OBJ:.o=.d)

# ---- AddressSanitizer + UBSan -----------------------------------------

check-asan: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=$(ASAN_BUILD) CFLAGS="-O1 -g $(ASAN_FLAGS)" \
	  LDFLAGS="$(ASAN_FLAGS)" WERROR= $(ASAN_BUILD)/unit-tests $(ASAN_BUILD)/regiosim \
	  $(FUZZ_TARGETS:%=$(ASAN_BUILD)/replay-%)
	@rm -rf $(ASAN_LOGS) && mkdir -p $(ASAN_LOGS)
	@status=0; logs=$(ASAN_LOGS); \
	echo "== unit tests (ASan, UBSan)"; \
	(cd tests/unit && $(ASAN_ENV) ../../$(ASAN_BUILD)/unit-tests) >$$logs/unit.log 2>&1 \
	  || { status=1; cat $$logs/unit.log; }; \
	tail -n 1 $$logs/unit.log; \
	echo "== CLI tests (ASan, UBSan)"; \
	$(ASAN_ENV) SAN_PROGRAM=$(CURDIR)/$(ASAN_BUILD)/regiosim SAN_REPORTS=$(CURDIR)/$$logs \
	  sh tests/cli/run.sh tests/hardening/san-wrap.sh || status=1; \
	echo "== fuzz regressions and seeds (ASan, UBSan)"; \
	for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_SEEDS_OF); \
	  $(ASAN_ENV) RS_FUZZ_FILES=tests/fuzz/files $(ASAN_BUILD)/replay-$$t $$seeds \
	    >$$logs/replay-$$t.log 2>&1 || { status=1; cat $$logs/replay-$$t.log; }; \
	  tail -n 1 $$logs/replay-$$t.log; \
	done; \
	if $(SAN_GREP) $$logs/* >/dev/null; then \
	  echo "sanitizer reports in:"; $(SAN_GREP) $$logs/*; status=1; \
	fi; \
	if [ $$status = 0 ]; then echo "check-asan: clean"; else echo "check-asan: FAILED"; fi; \
	exit $$status

# ---- valgrind -----------------------------------------------------------

check-valgrind: hardening-deps
	@$(MAKE) --no-print-directory -j$(JOBS) regiosim $(BUILD)/unit-tests
	@status=0; tmp=$$(mktemp -d); \
	echo "== unit tests under valgrind"; \
	(cd tests/unit && SAMPLE_N=20000 $(VALGRIND) ../../$(BUILD)/unit-tests) >$$tmp/unit.log 2>&1 \
	  || { status=1; cat $$tmp/unit.log; }; \
	tail -n 1 $$tmp/unit.log; \
	echo "== demo run under valgrind"; \
	$(VALGRIND) ./regiosim run -q scenarios/demo.json -o $$tmp/demo || status=1; \
	[ -s $$tmp/demo/summary.json ] || { echo "demo wrote no summary.json"; status=1; }; \
	rm -rf $$tmp; \
	if [ $$status = 0 ]; then echo "check-valgrind: clean"; else echo "check-valgrind: FAILED"; fi; \
	exit $$status

# ---- hostile input --------------------------------------------------------

check-hardening: hardening-deps
	@$(MAKE) --no-print-directory -j$(JOBS) regiosim
	sh tests/hardening/run.sh ./regiosim

# ---- libFuzzer --------------------------------------------------------------

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPENMP= WERROR= \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -Wno-unknown-pragmas $(FUZZ_FLAGS)" \
	  $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz-%)

# Runs each target for FUZZ_SECONDS; a crash, leak, timeout or sanitizer
# report stops that target, leaves the input in $(FUZZ_BUILD)/artifacts/
# and fails the make.  The log of each run is $(FUZZ_BUILD)/NAME.log.
fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/artifacts
	@status=0; \
	for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_SEEDS_OF); \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_ENV) RS_FUZZ_FILES=tests/fuzz/files timeout -k 10 $$(($(FUZZ_SECONDS) + 120)) \
	    $(FUZZ_BUILD)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -dict=tests/fuzz/$$t.dict -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t $$seeds </dev/null >$(FUZZ_BUILD)/$$t.log 2>&1; \
	  rc=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::average_exec_per_sec|^stat::number_of_executed_units|^stat::peak_rss' \
	    $(FUZZ_BUILD)/$$t.log; \
	  if [ $$rc != 0 ]; then \
	    status=1; echo "fuzz-$$t FAILED (exit $$rc): see $(FUZZ_BUILD)/$$t.log"; \
	    grep -E '^==[0-9]+==ERROR|^SUMMARY|Test unit written' $(FUZZ_BUILD)/$$t.log; \
	  fi; \
	done; \
	exit $$status
