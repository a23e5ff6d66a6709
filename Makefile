# regiosim — build, test, install.
#
#   make demo     install what is missing (as root), build, run the demo scenario
#   make check    install what is missing (as root), build, run every test
#   make install  PREFIX=/usr/local DESTDIR=
#   make clean
#
# CFLAGS is yours; the flags the build needs are in RS_CFLAGS.  WERROR=1
# turns warnings into errors (CI does this).

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/regiosim
DOCDIR   = $(PREFIX)/share/doc/regiosim
MANDIR   = $(PREFIX)/share/man/man1

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = gsl libcjson xlsxwriter
DEBS     = libgsl-dev libcjson-dev libcunit1-dev librandom123-dev libxlsxwriter-dev pkg-config \
           gnuplot-nox fonts-liberation2

# What the tests need besides: reading the workbook back, opening it in
# LibreOffice, rendering the report in a browser.
TEST_DEBS = python3-openpyxl libreoffice-calc-nogui chromium

WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wformat=2
ifeq ($(WERROR),1)
WARN    += -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CUNIT_LIBS = $(shell pkg-config --libs cunit 2>/dev/null || echo -lcunit)
OPENMP    ?= -fopenmp
RS_CFLAGS  = $(OPENMP) -std=c11 -D_POSIX_C_SOURCE=200809L -MMD -MP $(WARN) $(PKG_CFLAGS) \
             -DRS_DATADIR='"$(DATADIR)"' -DRS_DOCDIR='"$(DOCDIR)"' -DRS_MANDIR='"$(MANDIR)"'
LDLIBS     = $(OPENMP) $(PKG_LIBS) -lm

# make MPI=1: the same program built with Open MPI (mpicc, -DRS_MPI) into
# build/mpi, for mpirun -np K regiosim ... (docs/cluster.md).  The plain
# build stays the default; 'make deps MPI=1' also installs MPI_DEBS.
MPI_DEBS = libopenmpi-dev openmpi-bin
ifeq ($(MPI),1)
CC       = mpicc
RS_CFLAGS += -DRS_MPI
DEBS    += $(MPI_DEBS)
BUILD    = build/mpi
else
BUILD    = build
endif
SRC      = $(wildcard src/*/*.c)
LIB_SRC  = $(filter-out src/cli/%,$(SRC))
CLI_SRC  = $(filter src/cli/%,$(SRC))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC = $(wildcard tests/unit/*.c)
TEST_OBJ = $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all deps demo check unit cli-test output-test install uninstall clean report-shot

all: regiosim

regiosim: $(LIB_OBJ) $(CLI_OBJ) build/.flavour
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJ) $(CLI_OBJ) $(LDLIBS)

# build/.flavour names the build ./regiosim was linked from (plain or mpi);
# it is rewritten, and ./regiosim relinked, only when the other is asked for.
FLAVOUR = $(if $(filter 1,$(MPI)),mpi,plain)
build/.flavour: FORCE
	@mkdir -p build
	@[ "$$(cat $@ 2>/dev/null)" = $(FLAVOUR) ] || echo $(FLAVOUR) >$@

.PHONY: FORCE
FORCE:

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(RS_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit-tests: $(LIB_OBJ) $(TEST_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CUNIT_LIBS) $(LDLIBS)

# Installs the Debian packages the build, the tests and the charts need,
# when one is missing: with apt-get when run as root, otherwise it prints
# the command to run and stops.
deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	      || missing="$$missing $$p"; \
	  done; \
	else \
	  pkg-config --exists $(PKGS) cunit || missing="$(DEBS)"; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing \
	      || { echo "regiosim: apt-get failed for:$$missing" >&2; exit 1; }; \
	  else \
	    echo "regiosim needs:$$missing" >&2; \
	    echo "install them with:  sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

demo: deps
	@$(MAKE) --no-print-directory regiosim
	./regiosim run scenarios/demo.json -o out/demo
	@echo
	@echo "The results are in out/demo/. Try also:"
	@echo "  ./regiosim explain scenarios/demo.json twente-t4   (one deal, year by year)"
	@echo "  ./regiosim run scenarios/t4-du.json      (the DU twin of scenarios/t4-spuk.json)"

# The build runs on every core (a fresh clone compiles about 60 files);
# the three suites then run at once too, each in its own temporary
# folder, and make prints each suite's output whole when it ends
# (--output-sync), so that it stays readable.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
check: DEBS += $(TEST_DEBS)
check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) regiosim $(BUILD)/unit-tests
	@$(MAKE) --no-print-directory -j$(JOBS) --output-sync=target unit cli-test output-test

# Renders the demo's report.html in headless Chromium, the whole page, to
# out/report-shot/report.png (its own folder: an earlier out/demo is left
# as it is).  The page height is measured first (--dump-dom of a copy that
# writes document.body.scrollHeight into the page), then the screenshot is
# taken at that height.
SHOT     = out/report-shot
CHROMIUM_FLAGS = --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
                 --disable-background-networking --disable-component-update --disable-sync \
                 --hide-scrollbars
report-shot: deps regiosim
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq chromium >/dev/null; \
	  else echo "install chromium: sudo apt-get install -y chromium" >&2; exit 1; fi; }
	./regiosim run -q scenarios/demo.json -o $(SHOT)
	@profile=$$(mktemp -d) && \
	{ cat $(SHOT)/report.html; echo '<script>addEventListener("load",function(){var e=document.createElement("i");e.id="rs-height";e.textContent=document.documentElement.scrollHeight;document.body.appendChild(e)})</script>'; } > $(SHOT)/.measure.html && \
	h=$$(chromium $(CHROMIUM_FLAGS) --user-data-dir=$$profile --window-size=1200,1000 \
	  --virtual-time-budget=10000 --dump-dom file://$(CURDIR)/$(SHOT)/.measure.html 2>/dev/null \
	  | sed -n 's/.*<i id="rs-height">\([0-9]*\)<.*/\1/p'); rm -f $(SHOT)/.measure.html; \
	[ -n "$$h" ] || { echo "report-shot: could not measure the page" >&2; rm -rf $$profile; exit 1; }; \
	chromium $(CHROMIUM_FLAGS) --user-data-dir=$$profile --window-size=1200,$$((h + 40)) \
	  --screenshot=$(CURDIR)/$(SHOT)/report.png file://$(CURDIR)/$(SHOT)/report.html 2>/dev/null; \
	rm -rf $$profile; echo "page height $$h px"
	@test -s $(SHOT)/report.png && echo "report rendered: $(SHOT)/report.png"

unit: $(BUILD)/unit-tests
	cd tests/unit && ../../$(BUILD)/unit-tests

cli-test: regiosim
	sh tests/cli/run.sh ./regiosim

output-test: regiosim
	sh tests/output/run.sh ./regiosim

install: regiosim
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 regiosim $(DESTDIR)$(BINDIR)/regiosim
	cp -R models scenarios plots $(DESTDIR)$(DATADIR)/
	chmod -R u+rwX,go+rX $(DESTDIR)$(DATADIR)
	install -d $(DESTDIR)$(DOCDIR) $(DESTDIR)$(MANDIR)
	install -m 644 README.md docs/model.md docs/sources.md docs/format.md $(DESTDIR)$(DOCDIR)/
	install -m 644 docs/regiosim.1 $(DESTDIR)$(MANDIR)/regiosim.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/regiosim
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(MANDIR)/regiosim.1

clean:
	rm -rf $(BUILD) regiosim out

# More targets (sanitisers, fuzzing, benchmarks) live in mk/.
-include mk/*.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
