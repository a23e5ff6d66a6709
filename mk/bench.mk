# bench.mk — make bench: the Monte Carlo benchmark (tests/bench/bench.c) and
# the chart time of the demo against one bare gnuplot plot (tests/bench/charts.sh);
# BENCH_OTHER=PATH (another regiosim binary, e.g. a build of main) adds its
# chart time, measured in the same rounds;
# make bench-numpy: regiosim side by side with the numpy reference
# (tests/bench/side-by-side.sh, tests/bench/ref_numpy.py).
#
# The benchmark gets its own build of the library with BENCH_CFLAGS (plain
# -O2, no -march=native: the numbers must mean the same on every machine),
# whatever CFLAGS the normal build uses.  The reference runs on Debian's
# python3 and python3-numpy (BENCH_DEBS, installed like DEBS when missing).

BENCH_CFLAGS ?= -O2
BENCH_DIR     = $(BUILD)/bench
BENCH_OBJ     = $(LIB_SRC:%.c=$(BENCH_DIR)/%.o) $(BENCH_DIR)/tests/bench/bench.o
BENCH_DEBS    = python3 python3-numpy
BENCH_PYTHON ?= /usr/bin/python3
BENCH_OTHER  ?=

.PHONY: bench bench-numpy bench-deps check-samplers

# The samplers' tests (tests/unit/test_sample.c) at 10^7 samples per
# parameter pair instead of the 2·10^5 of make check (about 3 minutes).
check-samplers: $(BUILD)/unit-tests
	cd tests/unit && SAMPLE_N=10000000 ../../$(BUILD)/unit-tests

bench: $(BENCH_DIR)/regiosim-bench regiosim
	$(BENCH_DIR)/regiosim-bench
	sh tests/bench/charts.sh ./regiosim $(BENCH_OTHER)

bench-numpy: bench-deps regiosim $(BENCH_DIR)/regiosim-bench
	sh tests/bench/side-by-side.sh ./regiosim $(BENCH_DIR)/regiosim-bench $(BENCH_PYTHON)

bench-deps:
	@$(MAKE) --no-print-directory deps DEBS="$(BENCH_DEBS)"

$(BENCH_DIR)/regiosim-bench: $(BENCH_OBJ)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BENCH_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(RS_CFLAGS) $(BENCH_CFLAGS) -c -o $@ $<

-include $(BENCH_OBJ:.o=.d)
