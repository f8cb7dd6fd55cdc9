# Makefile — the two commands README.md gives (make demo, make test), plus bench and fuzz.
# Each installs missing Debian packages (scripts/setup.sh), configures once, and builds what it needs.
BUILD       ?= build
BUILD_ASAN  ?= build-asan
BUILD_TSAN  ?= build-tsan
BUILD_BENCH ?= build-bench
FUZZ_SECONDS ?= 60
JOBS        ?= $(shell nproc)

# Let ccache hit across clones in other folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all setup build demo-build demo test test-release asan-tree test-asan tsan-tree test-tsan bench fuzz clean

all: build

setup:
	@bash scripts/setup.sh

# Sanitizer trees keep line tables only (-g1): stack traces still name file and line. ASan at -O0
# compiles 2.6x faster than at -O1 here (152 s vs 398 s for the CLI); TSan needs -O1 to run at a
# useful speed, and builds only the recorder suite.
ASAN_FLAGS := -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DSEMTRACE_BENCH=OFF
TSAN_FLAGS := -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DSEMTRACE_BENCH=OFF

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: setup $(BUILD)/build.ninja
	NINJA_STATUS="[$(BUILD) %f/%t] " cmake --build $(BUILD) -j $(JOBS)

# The demo needs the CLI and the example only: a user's first command should not wait for the tests.
demo-build: setup $(BUILD)/build.ninja
	NINJA_STATUS="[$(BUILD) %f/%t] " cmake --build $(BUILD) -j $(JOBS) --target semtrace_cli semtrace-example-minimal \
	  semtrace-imgui-ticket-desk semtrace-replay semtrace-agent

# A key for the demo only: real deployments get theirs from the organisation (docs/policy.md).
DEMO_KEY := 5e3d7ace5e3d7ace5e3d7ace5e3d7ace5e3d7ace5e3d7ace5e3d7ace5e3d7ace

demo: demo-build
	@rm -rf $(BUILD)/demo-sessions $(BUILD)/demo-export $(BUILD)/demo-web $(BUILD)/demo-full $(BUILD)/demo-web-full
	@echo "== recording a session with examples/minimal (policy: examples/minimal/policy.json)"
	@session=$$(SEMTRACE_PSEUDONYM_KEY=$${SEMTRACE_PSEUDONYM_KEY:-$(DEMO_KEY)} \
	  $(BUILD)/bin/semtrace-example-minimal $(BUILD)/demo-sessions) && \
	  echo "== semtrace info $$session" && $(BUILD)/bin/semtrace info $$session && \
	  echo && echo "== semtrace cat $$session (first actions)" && $(BUILD)/bin/semtrace cat $$session | head -n 12 && \
	  echo && echo "== semtrace verify $$session" && $(BUILD)/bin/semtrace verify $$session && \
	  echo && echo "== semtrace scan $$session (looks for secrets that got through)" && \
	  $(BUILD)/bin/semtrace scan $$session
	@echo && echo "== a full disk: semtrace record, 200,000 clicks into a file that cannot grow past 64 KiB (ulimit -f 64)"
	@mkdir -p $(BUILD)/demo-full && \
	  { echo '{"kind":"session","app":"full-disk-demo","app_version":"1"}'; \
	    seq 1 200000 | awk '{printf "{\"t_us\":%d,\"kind\":\"action\",\"type\":\"click\",\"target\":{\"locator\":\"button %d\"}}\n", $$1, ($$1*7919)%1000003}'; \
	  } > $(BUILD)/demo-full/clicks.jsonl && \
	  file=$$(bash -c "trap '' XFSZ; ulimit -f 64; exec $(BUILD)/bin/semtrace record --out $(BUILD)/demo-full < $(BUILD)/demo-full/clicks.jsonl"); \
	  echo "(exit $$?: it says where and why, and keeps what it wrote)" && \
	  echo "== semtrace verify $$file" && { $(BUILD)/bin/semtrace verify $$file || true; } && \
	  echo "== semtrace cat $$file (the last two)" && $(BUILD)/bin/semtrace cat $$file | tail -n 2
	@echo && echo "== recording the ImGui ticket desk (plugins/imgui), a robot user following examples/imgui_ticket_desk/demo.script"
	@session=$$(SEMTRACE_PSEUDONYM_KEY=$${SEMTRACE_PSEUDONYM_KEY:-$(DEMO_KEY)} \
	  $(BUILD)/bin/semtrace-imgui-ticket-desk --out $(BUILD)/demo-sessions --script examples/imgui_ticket_desk/demo.script) && \
	  echo "== semtrace info $$session" && $(BUILD)/bin/semtrace info $$session && \
	  echo && echo "== semtrace cat $$session (actions; the UI tree's key frames and deltas left out)" && \
	  $(BUILD)/bin/semtrace cat $$session | grep -v -e ' snapshot ' -e ' delta ' && \
	  echo && echo "== semtrace tree $$session (what the user saw at the end)" && \
	  $(BUILD)/bin/semtrace tree $$session && \
	  echo && echo "== semtrace-replay $$session --at 0.3s --screenshot $(BUILD)/demo-sessions/ticket-desk.png (under Xvfb)" && \
	  xvfb-run -a -s '-screen 0 1280x800x24' $(BUILD)/bin/semtrace-replay $$session --at 0.3s \
	    --screenshot $(BUILD)/demo-sessions/ticket-desk.png && echo "wrote $(BUILD)/demo-sessions/ticket-desk.png" && \
	  echo && echo "== semtrace-replay $$session --script examples/imgui_ticket_desk/annotate.script (an annotator, by keys)" && \
	  xvfb-run -a -s '-screen 0 1280x800x24' $(BUILD)/bin/semtrace-replay $$session --annotator ann-demo \
	    --script examples/imgui_ticket_desk/annotate.script --screenshot $(BUILD)/demo-sessions/annotated.png && \
	  echo "wrote $${session%.semtrace}.annot.json and $(BUILD)/demo-sessions/annotated.png:" && \
	  cat $${session%.semtrace}.annot.json && \
	  echo && echo "== semtrace export $(BUILD)/demo-sessions --out $(BUILD)/demo-export (the annotated task as training data)" && \
	  $(BUILD)/bin/semtrace export $(BUILD)/demo-sessions --out $(BUILD)/demo-export && \
	  echo "first 700 bytes of $(BUILD)/demo-export/data/train-00000-of-00001.jsonl:" && \
	  head -c 700 $(BUILD)/demo-export/data/train-00000-of-00001.jsonl && echo " ..." && \
	  echo && echo "== semtrace scan $$session" && $(BUILD)/bin/semtrace scan $$session
	@echo && echo "== recording a purchase in examples/web_checkout: Debian's Chromium, the extension (plugins/browser/extension), semtrace-agent"
	@session=$$(SEMTRACE_PSEUDONYM_KEY=$${SEMTRACE_PSEUDONYM_KEY:-$(DEMO_KEY)} \
	  node examples/web_checkout/record_demo.mjs --bin $(BUILD)/bin $(BUILD)/demo-web) && \
	  echo "== semtrace cat $$session (actions, each at the time it happened in the page; Playwright acts as soon as a page shows, without waiting for the recorder; the policy keeps the search term and the URL's q; other typed text masked in the page, card and password fields never read; the cart page is blocked by the policy, so nothing of it is there)" && \
	  $(BUILD)/bin/semtrace cat $$session | grep -v -e ' snapshot ' -e ' delta ' -e ' marker ' && \
	  echo "== its size, key frames and deltas included (make bench-browser sets it beside rrweb's)" && \
	  $(BUILD)/bin/semtrace info $$session | grep -e '^events' -e '^size' -e '^sdk'
	@echo && echo "== a full disk under semtrace-agent: clicks in the shop while no session file can grow, then room again"
	@SEMTRACE_PSEUDONYM_KEY=$${SEMTRACE_PSEUDONYM_KEY:-$(DEMO_KEY)} \
	  node examples/web_checkout/full_disk_demo.mjs --bin $(BUILD)/bin $(BUILD)/demo-web-full && \
	  for f in $$(ls -tr $(BUILD)/demo-web-full/*.semtrace); do \
	    echo "== semtrace cat $$f (clicks, and the page's key frames: the second session's was asked for by the agent)" && \
	    $(BUILD)/bin/semtrace cat $$f | grep -E ' (click|snapshot) '; done

# Two trees, two compilers, built side by side (each line says which tree it is from: one ninja
# alone leaves a core idle while it waits on links). Every suite runs under ASan+UBSan (clang);
# the suites with threads run again under TSan (gcc), which also compiles the libraries, the CLI
# and the plugin, so that they are warning-free under both compilers. Then every suite once more
# in the optimised GCC tree users build (`make demo`'s): timing and optimiser-only faults show
# there and nowhere else (an optimised ticket desk once ran its whole script within four ticks of
# the recording clock, and a replay test failed only in this tree); about 2.5 minutes more.
test: setup
	@$(MAKE) --no-print-directory -j2 asan-tree tsan-tree
	@$(MAKE) --no-print-directory test-asan test-tsan
	@$(MAKE) --no-print-directory test-release

# The plain (release) tree's suites, also quick to rerun alone while developing.
test-release: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Every suite again under AddressSanitizer and UndefinedBehaviorSanitizer. Built with clang and
# libFuzzer's coverage hooks, so the same tree also holds the fuzz targets (one tree fewer in CI).
asan-tree: setup
	CXX=clang++ cmake -S . -B $(BUILD_ASAN) -G Ninja $(ASAN_FLAGS) \
	  -DSEMTRACE_SANITIZE=address,undefined -DSEMTRACE_FUZZ=ON
	NINJA_STATUS="[$(BUILD_ASAN) %f/%t] " cmake --build $(BUILD_ASAN) -j $(JOBS)

test-asan: asan-tree
	ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

# The suites with threads (the recording pipeline, the privacy engine in it, the kill switch,
# the CLI) under ThreadSanitizer. The file-format and replay suites are single-threaded, the ImGui plugin
# runs on the app's UI thread: they run under ASan only. GCC still compiles the plugin's own
# code here, so that its warnings are caught by both compilers; Dear ImGui itself is not rebuilt.
TSAN_TARGETS := test_record test_privacy test_cli semtrace_imgui semtrace_imgui_robot ticket_desk_ui
tsan-tree: setup
	cmake -S . -B $(BUILD_TSAN) -G Ninja $(TSAN_FLAGS) -DSEMTRACE_SANITIZE=thread
	NINJA_STATUS="[$(BUILD_TSAN) %f/%t] " cmake --build $(BUILD_TSAN) -j $(JOBS) --target $(TSAN_TARGETS)

test-tsan: tsan-tree
	ctest --test-dir $(BUILD_TSAN) --output-on-failure -j $(JOBS) -E '^(format|imgui|replay|export|browser.*)$$'

# Benchmarks report figures; they assert nothing. Release build of its own.
bench: setup
	cmake -S . -B $(BUILD_BENCH) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSEMTRACE_BENCH=ON
	cmake --build $(BUILD_BENCH) -j $(JOBS) --target semtrace-bench semtrace-bench-format semtrace-bench-privacy \
	  semtrace-bench-imgui semtrace-bench-replay semtrace-bench-export
	$(BUILD_BENCH)/bin/semtrace-bench
	$(BUILD_BENCH)/bin/semtrace-bench-format
	$(BUILD_BENCH)/bin/semtrace-bench-privacy
	SEMTRACE_PSEUDONYM_KEY=$${SEMTRACE_PSEUDONYM_KEY:-$(DEMO_KEY)} $(BUILD_BENCH)/bin/semtrace-bench-imgui
	$(BUILD_BENCH)/bin/semtrace-bench-replay
	$(BUILD_BENCH)/bin/semtrace-bench-export

# libFuzzer on the session reader, the agent's message parser and the detectors' candidate spans
# (clang, the ASan tree), FUZZ_SECONDS each, from seed corpora.
fuzz: asan-tree
	rm -rf $(BUILD_ASAN)/corpus && mkdir -p $(BUILD_ASAN)/corpus
	$(BUILD_ASAN)/bin/make_fuzz_seeds $(BUILD_ASAN)/corpus
	cp tests/data/golden/*/*.semtrace $(BUILD_ASAN)/corpus  # earlier formats' files: their read paths too
	$(BUILD_ASAN)/bin/fuzz_session_reader -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  -rss_limit_mb=2048 $(BUILD_ASAN)/corpus
	rm -rf $(BUILD_ASAN)/agent-corpus && cp -r tests/fuzz/agent_seeds $(BUILD_ASAN)/agent-corpus
	$(BUILD_ASAN)/bin/fuzz_agent_message -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 \
	  -rss_limit_mb=2048 -dict=tests/fuzz/agent_message.dict $(BUILD_ASAN)/agent-corpus
	rm -rf $(BUILD_ASAN)/detector-corpus && mkdir -p $(BUILD_ASAN)/detector-corpus
	grep -v '^#' tests/data/planted_secrets.tsv | cut -f2 | split -l 1 - $(BUILD_ASAN)/detector-corpus/planted-
	grep -v '^#' tests/data/labelled_secrets.tsv | cut -f2 | split -l 1 - $(BUILD_ASAN)/detector-corpus/labelled-
	$(BUILD_ASAN)/bin/fuzz_detector_candidates -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	  -rss_limit_mb=2048 -dict=tests/fuzz/detectors.dict $(BUILD_ASAN)/detector-corpus

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_TSAN) $(BUILD_BENCH)

# semtrace's browser extension side by side with rrweb in Debian's Chromium (tests/bench/browser):
# bytes recorded, main-thread time, the first snapshot of a 60,000-node page. Figures only.
.PHONY: bench-browser
bench-browser: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target semtrace-agent semtrace_cli
	node tests/bench/browser/bench_browser.mjs --bin $(BUILD)/bin
