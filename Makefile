# The two commands of the README: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build run test lint clean format format-check

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/recert --ledger data/examples/ledger.json status

# The whole suite on the Release build, then the unit and command-line tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer (a separate Debug build, line tables only): any
# report fails. Only what those tests run is built there; the unit tests run as one process.
SAN_BUILD ?= build-asan
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$(SAN_FLAGS)" \
	    -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_EXE_LINKER_FLAGS="$(SAN_FLAGS)" >/dev/null
	@cmake --build $(SAN_BUILD) -j $(JOBS) --target recert unit_tests
	$(SAN_ENV) $(SAN_BUILD)/tests/unit_tests
	cd $(SAN_BUILD) && $(SAN_ENV) ctest --output-on-failure -j $(JOBS) -L sanitize -LE sanitize-unit

# Static analysis of src/ and include/: clang-tidy (.clang-tidy) and cppcheck over a compile
# database with one entry per source file: $(LINT_BUILD) is configured (never built) like $(BUILD)
# but without the unity build, whose database lists the merged files instead. Any finding fails.
# CI runs it after `make test`.
LINT_BUILD ?= $(BUILD)-lint
lint: deps
	@cmake -S . -B $(LINT_BUILD) -DCMAKE_BUILD_TYPE=Release -DRECERT_UNITY_BUILD=OFF \
	    -DRECERT_BUILD_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	JOBS=$(JOBS) bash scripts/lint.sh $(LINT_BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)

# The Debian package: builds it into $(BUILD)/recert_VERSION_ARCH.deb and checks it
# (scripts/check-deb.sh; add --chroot there, as root, to install it in a clean Debian 12).
.PHONY: deb
deb: build
	bash scripts/check-deb.sh --out $(BUILD) $(BUILD)

# libFuzzer targets (tests/fuzz, clang++-14 with ASan and UBSan, built in $(FUZZ_BUILD)): the saved
# reproducers in tests/fuzz/regressions first, then every target on its seed corpus, two at a time.
# `fuzz-smoke` runs each for 30 seconds (CI runs it); `fuzz` for FUZZ_SECONDS. Any finding fails.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
.PHONY: fuzz fuzz-smoke
fuzz-smoke:
	FUZZ_BUILD=$(FUZZ_BUILD) JOBS=$(JOBS) bash tests/fuzz/run.sh 30
fuzz:
	FUZZ_BUILD=$(FUZZ_BUILD) JOBS=$(JOBS) bash tests/fuzz/run.sh $(FUZZ_SECONDS)

# docs/report-example.png, the README's picture of `recert report --format html` for the example
# team, taken by headless Chromium at 1200 pixels wide (tests/browser/screenshot.sh).
.PHONY: screenshot
screenshot: build
	bash tests/browser/screenshot.sh $(BUILD)/recert . $(BUILD) docs/report-example.png
