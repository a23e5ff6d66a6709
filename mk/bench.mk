# bench.mk — make bench: the Monte Carlo benchmark (tests/bench/bench.c) and
# the chart time of the demo against one bare gnuplot plot (tests/bench/charts.sh).
#
# The benchmark gets its own build of the library with BENCH_CFLAGS (plain
# -O2, no -march=native: the numbers must mean the same on every machine),
# whatever CFLAGS the normal build uses.

BENCH_CFLAGS ?= -O2
BENCH_DIR     = $(BUILD)/bench
BENCH_OBJ     = $(LIB_SRC:%.c=$(BENCH_DIR)/%.o) $(BENCH_DIR)/tests/bench/bench.o

.PHONY: bench

bench: $(BENCH_DIR)/regiosim-bench regiosim
	$(BENCH_DIR)/regiosim-bench
	sh tests/bench/charts.sh ./regiosim

$(BENCH_DIR)/regiosim-bench: $(BENCH_OBJ)
	$(CC) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BENCH_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(RS_CFLAGS) $(BENCH_CFLAGS) -c -o $@ $<

-include $(BENCH_OBJ:.o=.d)
