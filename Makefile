# The only two commands a newcomer needs: `make run` and `make test`.
JOBS ?= 2
PORT ?= 8080
export PORT JOBS

.PHONY: all deps build run test test-fast bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j$(JOBS)
	@bash scripts/build-portal.sh

run: build
	@bash scripts/run-demo.sh

test: deps
	@bash scripts/test.sh

# Only the normal build (no sanitizer pass); for quick local iterations.
test-fast: deps
	@SKD_SKIP_ASAN=1 bash scripts/test.sh

bench: build
	@bash scripts/install-deps.sh bench
	@bash bench/run.sh

# libFuzzer targets (fuzz/), FUZZ_SECONDS each (default 600); clang build in build-fuzz/.
fuzz: deps
	@bash scripts/fuzz.sh

clean:
	rm -rf build build-asan var
