# The only two commands a newcomer needs: `make run` and `make test`.
JOBS ?= $(shell nproc)
PORT ?= 8080
export PORT JOBS

.PHONY: all deps deps-test build run test test-fast bench fuzz package clean

all: build

# Debian packages and the portal's npm packages (everything that needs the network).
deps:
	@bash scripts/install-deps.sh build

# deps, plus chromium and the npm packages of the test tools (tests themselves stay offline).
deps-test:
	@bash scripts/install-deps.sh test

# Everything: the server, the tests and the portal.
build: deps
	@bash scripts/build.sh
	@bash scripts/build-portal.sh

# Only what the demo needs (the server and the portal), with a one-line build summary.
run: deps
	@bash scripts/build.sh --quiet skattedeling
	@bash scripts/build-portal.sh
	@bash scripts/run-demo.sh

# deps-test, builds (normal and ASan/UBSan) and every test; prints the time of each phase.
test:
	@bash scripts/test.sh

# Only the normal build (no sanitizer pass); for quick local iterations.
test-fast:
	@SKD_SKIP_ASAN=1 bash scripts/test.sh

bench: build
	@bash scripts/install-deps.sh bench
	@bash bench/run.sh

# libFuzzer targets (fuzz/), FUZZ_SECONDS each (default 600); clang build in build-fuzz/.
fuzz: deps
	@bash scripts/fuzz.sh

# The Debian package in build/package/ (apt install ./build/package/skattedeling_*.deb).
package: deps
	@bash scripts/package.sh

clean:
	rm -rf build build-asan build-fuzz var
