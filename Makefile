# claimlog - build, test and install.
#
#   make            build build/claimlog
#   make test       install missing build dependencies, build, run every test
#   make check      the tests under AddressSanitizer and UndefinedBehaviorSanitizer
#   make demo       the README tour on the bundled dataset
#   make install    PREFIX=/usr/local (binary and man page)
#   make layers     check that each folder of src/ uses only those below it
#   make bench      the benchmarks in tests/bench (not part of test)
#   make bench-scale  only the table of every command at 10k, 100k, 1M
#   make fuzz       libFuzzer targets, FUZZ_SECONDS each
#   make format     clang-format the sources

PREFIX ?= /usr/local
BUILD ?= build
CC ?= cc
PKGS = libgit2 sqlite3 libxml-2.0 libutf8proc poppler-glib libcurl zlib
# Debian packages: what building needs, and what the full test suite uses
# (clang for libFuzzer, libfiu for I/O faults, valgrind for leaks, chromium
# for the report's browser test, graphviz to draw exported DOT, sshd for
# push and pull over ssh; cairo and fonts to make test PDFs, pdftotext and
# qpdf to compare and encrypt them, wget and node's warcio for WARC files).
BUILD_DEBS = build-essential pkg-config libgit2-dev libsqlite3-dev libxml2-dev \
       libcmocka-dev libutf8proc-dev libpoppler-glib-dev libcurl4-openssl-dev zlib1g-dev \
       git libxml2-utils jq \
       libmbedtls-dev libhttp-parser-dev libpcre2-dev libssh2-1-dev libssl-dev libicu-dev liblzma-dev
TEST_DEBS = $(BUILD_DEBS) clang libfiu-dev fiu-utils valgrind gdb chromium graphviz openssl \
       python3 python3-jsonschema python3-rfc3987 openssh-server strace \
       libcairo2-dev fonts-dejavu-core poppler-utils qpdf wget nodejs

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wpointer-arith -Wcast-qual \
       -Wwrite-strings -Wvla -Wnull-dereference -Wimplicit-fallthrough
WERROR ?= -Werror
OPT ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) \
	$(WARN) $(WERROR) -Iinclude -Isrc -I$(BUILD)/gen \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(SAN) $(CFLAGS)
# poppler-glib and libcurl are opened at their first use (dlopen:
# src/format/poppler_load.c, src/store/curl_load.c), not linked: only
# their headers are needed to build.  Linked, every command loaded ~60
# more libraries at start-up (docs/performance.md, "Start-up").
LINK_PKGS = $(filter-out poppler-glib libcurl,$(PKGS))
LIBS = $(shell pkg-config --libs $(LINK_PKGS) 2>/dev/null) -ldl -lpthread -lm
# claimlog itself links the libraries every command loads (libgit2,
# sqlite3, libxml2 and what they bring, Kerberos and the C library aside)
# from Debian's static archives: mapping and relocating ~25 shared
# libraries took 5 of a command's 8 ms of start-up (docs/performance.md,
# "Start-up").  The archives are prerequisites of the link, so `make`
# after the distribution updates one of them (a security fix) relinks.
# STATIC=0 links them shared, as the sanitizer builds (SAN) do; the unit
# tests and fuzz replayers always link shared (fast links, small files).
# libgit2's transport set-up is deferred (src/store/tls.c) through ld's
# --wrap when it is linked in, by interposition when shared.
STATIC ?= $(if $(SAN),0,1)
TLS_STAND_INS = mbedtls_x509_crt_parse_file mbedtls_x509_crt_parse_path libssh2_init \
	mbedtls_entropy_init mbedtls_entropy_free mbedtls_ctr_drbg_seed mbedtls_ctr_drbg_random
CLI_LIBS = $(LIBS)
CLI_ARCHIVES =
ifeq ($(STATIC),1)
STATIC_LIBS = git2 mbedtls mbedx509 mbedcrypto http_parser pcre2-8 ssh2 crypto \
	xml2 icuuc icudata lzma sqlite3 utf8proc z
CLI_ARCHIVES := $(wildcard $(foreach l,$(STATIC_LIBS) stdc++,$(shell $(CC) -print-file-name=lib$(l).a)))
CLI_LIBS = -static-libstdc++ -static-libgcc -Wl,-Bstatic $(STATIC_LIBS:%=-l%) -lstdc++ \
	-Wl,-Bdynamic -l:libgssapi_krb5.so.2 -ldl -lpthread -lm \
	$(TLS_STAND_INS:%=-Wl,--wrap=%)
CFLAGS_ALL += -DCLG_TLS_WRAP
# The stand-ins' __real_ names, for the shared links of the tests.
LIBS += -lmbedtls -lmbedx509 -lmbedcrypto -lssh2 $(TLS_STAND_INS:%=-Wl,--wrap=%)
endif
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

LIB_SRC = $(sort $(wildcard src/util/*.c src/model/*.c src/format/*.c src/store/*.c \
	src/index/*.c src/check/*.c src/io/*.c src/report/*.c src/query/*.c))
CLI_SRC = $(sort $(wildcard src/cli/*.c))
SCHEMAS = $(sort $(wildcard docs/schema/*.rng))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/schemas.o
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Fuzz targets: built with libFuzzer by 'make fuzz', and with the ordinary
# compiler and tests/fuzz/replay.c for 'make test' to replay saved inputs.
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%.c=%)
REPLAY_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all

# On every processor unless told otherwise (make -j1): a build is 130
# files, a minute on one core.
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

all: $(BUILD)/claimlog

# Objects are rebuilt when the flags change (STATIC, OPT, SAN ...), as
# git's GIT-CFLAGS does: $(BUILD)/flags is rewritten only then.  The
# folder's own name is left out: a copy of a build folder stays built,
# and its .d files name their object as $(BUILD)/..., so that a header
# changed after the copy compiles again what includes it there too.
FLAGS_KEPT = $(filter-out -I$(BUILD)/gen,$(CFLAGS_ALL))
$(BUILD)/flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_KEPT)' | cmp -s - $@ || echo '$(FLAGS_KEPT)' > $@

$(BUILD)/%.o: %.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -MT '$$(BUILD)/$*.o' -c $< -o $@

$(BUILD)/gen/schemas.c: $(SCHEMAS) tests/embed.sh
	@mkdir -p $(dir $@)
	sh tests/embed.sh $(SCHEMAS) > $@

$(BUILD)/gen/schemas.o: $(BUILD)/gen/schemas.c $(BUILD)/flags
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# How another program links libclaimlog.a (the benchmarks' gen_repo and
# bench_index): $(BUILD)/libs, beside it.
$(BUILD)/libs: FORCE
	@mkdir -p $(BUILD)
	@echo '$(LIBS)' | cmp -s - $@ || echo '$(LIBS)' > $@

$(BUILD)/libclaimlog.a: $(LIB_OBJ) | $(BUILD)/libs
	rm -f $@
	ar rcs $@ $^

$(BUILD)/claimlog: $(CLI_OBJ) $(BUILD)/libclaimlog.a $(CLI_ARCHIVES)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libclaimlog.a $(CLI_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libclaimlog.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(shell pkg-config --cflags cmocka) \
		$(LDFLAGS_ALL) -o $@ $< $(BUILD)/libclaimlog.a $(LIBS) \
		$(shell pkg-config --libs cmocka)

# Install the missing packages, through sudo when not root (Debian, Ubuntu).
deps:
	@sh tests/deps.sh $(BUILD_DEBS)

test-deps:
	@sh tests/deps.sh $(TEST_DEBS)

test: test-deps
	$(MAKE) $(BUILD)/claimlog units layers node-deps
	sh tests/run.sh $(BUILD)

units: $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tests/mkpdf

# The test PDFs' generator (tests/pdf/mkpdf.c): cairo, which poppler-glib brings.
$(BUILD)/tests/mkpdf: tests/pdf/mkpdf.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cairo) $(LDFLAGS_ALL) -o $@ $< \
		$(shell pkg-config --libs cairo)

# npm packages the tests use, in $(BUILD)/node: Webrecorder's warcio reads
# the WARC files claimlog writes (t0920).  A test skips when one is
# missing, so a machine without network still runs the rest.  Debian's
# npm package only where npm is missing: NodeSource's nodejs brings its
# own npm and conflicts with Debian's.
node-deps:
	@command -v npm >/dev/null 2>&1 || sh tests/deps.sh npm
	@[ -d $(BUILD)/node/node_modules/warcio ] || \
		npm install --prefix $(BUILD)/node --no-audit --no-fund warcio@2 || \
		echo "note: npm could not install warcio; the tests that need it skip"

# Each folder of src/ uses only those below it (CONTRIBUTING.md, "The map").
layers: $(BUILD)/claimlog
	sh tests/layers.sh . $(BUILD)

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(BUILD)/libclaimlog.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/fuzz $(LDFLAGS_ALL) -o $@ $< tests/fuzz/replay.c \
		$(BUILD)/libclaimlog.a $(LIBS)

# libFuzzer targets in build-fuzz: the library instrumented for coverage.
$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(BUILD)/libclaimlog.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/fuzz -fsanitize=fuzzer -o $@ $< \
		$(BUILD)/libclaimlog.a $(LIBS)

fuzz-build:
	$(MAKE) BUILD=build-fuzz CC=clang WERROR= OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		$(FUZZ_NAMES:%=build-fuzz/fuzz/%)

# Each target for FUZZ_SECONDS on its seeds; new inputs go to
# build-fuzz/corpus, crashes to tests/fuzz/crashes/<target>/ (replayed by
# 'make test' from then on).
fuzz: fuzz-build
	@fail=0; for t in $(FUZZ_NAMES); do \
		mkdir -p build-fuzz/corpus/$$t tests/fuzz/crashes/$$t; \
		build-fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-max_len=65536 -artifact_prefix=tests/fuzz/crashes/$$t/ \
			build-fuzz/corpus/$$t tests/fuzz/corpus/$$t \
			>build-fuzz/$$t.log 2>&1 || fail=1; \
		echo "$$t: $$(sed -n 's/^stat::number_of_executed_units: //p' \
			build-fuzz/$$t.log) executions"; \
	done; [ $$fail = 0 ] || { echo "a fuzz target failed: see build-fuzz/*.log" \
		"and tests/fuzz/crashes/"; exit 1; }

check: test-deps
	$(MAKE) BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" \
		build-san/claimlog units-san
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		sh tests/run.sh build-san

units-san: $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tests/mkpdf

demo: deps
	$(MAKE) $(BUILD)/claimlog
	sh docs/demo.sh $(BUILD)/claimlog

install: $(BUILD)/claimlog
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/claimlog $(DESTDIR)$(PREFIX)/bin/claimlog
	install -m 644 docs/claimlog.1 $(DESTDIR)$(PREFIX)/share/man/man1/claimlog.1

bench: $(BUILD)/claimlog
	sh tests/bench/run.sh $(BUILD)/claimlog

# Issue 17's table alone: every command at 10k, 100k and 1M claims with
# its peer (BENCH_SIZES="10000 100000" leaves out 1M); 'bench' runs it too.
bench-scale: $(BUILD)/claimlog
	sh tests/bench/scale.sh $(BUILD)

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) include/claimlog/*.h

clean:
	rm -rf build build-san build-fuzz

FORCE:

.PHONY: FORCE all deps test-deps node-deps test units layers check units-san demo install bench bench-scale format clean fuzz fuzz-build
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
