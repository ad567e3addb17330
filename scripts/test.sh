#!/usr/bin/env bash
# `make test`: builds normally and with ASan+UBSan, starts a private PostgreSQL, and runs
# every test (unit, store contract, end-to-end) against SQLite and PostgreSQL in both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
pgdir=${SKD_PG_DIR:-$(mktemp -d /tmp/skd-pg-test-XXXXXX)}
pgport=${SKD_PG_PORT:-$((56000 + $$ % 1000))}
cleanup() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
export SKD_TEST_PG_URL
SKD_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pgdir" "$pgport")
echo "PostgreSQL for tester: $SKD_TEST_PG_URL"

run_suite() {
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j1 --timeout 900)
}
echo "== bygg og test (vanlig)"
run_suite build
if [ "${SKD_SKIP_ASAN:-0}" != 1 ]; then
  echo "== bygg og test (AddressSanitizer + UndefinedBehaviorSanitizer)"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_suite build-asan -DSKD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
fi
