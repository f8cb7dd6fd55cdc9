# Makefile — the two commands README.md gives (make demo, make test), plus bench and fuzz.
# Each installs missing Debian packages (scripts/setup.sh), configures once, and builds what it needs.
BUILD       ?= build
BUILD_ASAN  ?= build-asan
BUILD_TSAN  ?= build-tsan
BUILD_FUZZ  ?= build-fuzz
BUILD_BENCH ?= build-bench
FUZZ_SECONDS ?= 60
JOBS        ?= $(shell nproc)

# Let ccache hit across clones in other folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all setup build demo test test-release test-asan test-tsan bench fuzz clean

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -rf $(BUILD)/demo-sessions
	@echo "== recording a session with examples/minimal"
	@session=$$($(BUILD)/bin/semtrace-example-minimal $(BUILD)/demo-sessions) && \
	  echo "== semtrace info $$session" && $(BUILD)/bin/semtrace info $$session && \
	  echo && echo "== semtrace cat $$session (first actions)" && $(BUILD)/bin/semtrace cat $$session | head -n 12 && \
	  echo && echo "== semtrace verify $$session" && $(BUILD)/bin/semtrace verify $$session

test: test-release test-asan test-tsan

test-release: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Every suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: setup
	cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSEMTRACE_SANITIZE=address,undefined -DSEMTRACE_BENCH=OFF
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

# The recording pipeline (many threads, one queue) under ThreadSanitizer.
test-tsan: setup
	cmake -S . -B $(BUILD_TSAN) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEMTRACE_SANITIZE=thread -DSEMTRACE_BENCH=OFF
	cmake --build $(BUILD_TSAN) -j $(JOBS) --target test_record
	ctest --test-dir $(BUILD_TSAN) --output-on-failure -R '^record'

# Benchmarks report figures; they assert nothing. Release build of its own.
bench: setup
	cmake -S . -B $(BUILD_BENCH) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSEMTRACE_BENCH=ON
	cmake --build $(BUILD_BENCH) -j $(JOBS) --target semtrace-bench semtrace-bench-format
	$(BUILD_BENCH)/bin/semtrace-bench
	$(BUILD_BENCH)/bin/semtrace-bench-format

# libFuzzer on the session reader (clang), for FUZZ_SECONDS seconds from the seed corpus.
fuzz: setup
	CXX=clang++ cmake -S . -B $(BUILD_FUZZ) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEMTRACE_FUZZ=ON \
	  -DSEMTRACE_TESTS=ON -DSEMTRACE_BENCH=OFF
	cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzz_session_reader make_fuzz_seeds
	rm -rf $(BUILD_FUZZ)/corpus && mkdir -p $(BUILD_FUZZ)/corpus
	$(BUILD_FUZZ)/bin/make_fuzz_seeds $(BUILD_FUZZ)/corpus
	$(BUILD_FUZZ)/bin/fuzz_session_reader -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=2048 $(BUILD_FUZZ)/corpus

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_TSAN) $(BUILD_FUZZ) $(BUILD_BENCH)
