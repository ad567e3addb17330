#!/usr/bin/env bash
# `make test`: installs what the tests need (the only step that uses the network), builds
# normally and with ASan+UBSan, starts a private PostgreSQL, and runs every test (unit, store
# contract, end-to-end, OpenAPI, portal, package, conformance when ../shared/reference exists)
# on SQLite and PostgreSQL in both builds. Independent tests run in parallel (CTEST_JOBS,
# default: the number of cores). Prints the time of each phase and a summary at the end.
#   SKD_SKIP_ASAN=1   only the normal build (make test-fast)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
ctest_jobs=${CTEST_JOBS:-$jobs}
export JOBS=$jobs

summary=()
t_all=$(date +%s)
report() {
  local status=$?
  echo
  echo "== make test: time per phase"
  printf '   %s\n' "${summary[@]}"
  echo "   total: $(( $(date +%s) - t_all )) s$([ "$status" != 0 ] && echo ", FAILED")"
}
trap report EXIT
# phase NAME COMMAND...: runs and records how long it took.
phase() {
  local name=$1 t0 rc=0
  shift
  echo "== $name"
  t0=$(date +%s)
  "$@" || rc=$?
  summary+=("$(printf '%-28s %5d s%s' "$name:" $(( $(date +%s) - t0 )) "$([ $rc != 0 ] && echo ' (failed)')")")
  return $rc
}

phase "deps" bash scripts/install-deps.sh test

pgdir=${SKD_PG_DIR:-$(mktemp -d /tmp/skd-pg-test-XXXXXX)}
pgport=${SKD_PG_PORT:-$((56000 + $$ % 1000))}
stop_pg() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap 'stop_pg; report' EXIT
start_pg() { SKD_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pgdir" "$pgport"); }
phase "postgresql" start_pg
export SKD_TEST_PG_URL
echo "PostgreSQL for the tests: $SKD_TEST_PG_URL"

run_ctest() { (cd "$1" && ctest --output-on-failure -j"$ctest_jobs" --timeout 900); }

phase "build" env BUILD_DIR=build bash scripts/build.sh --quiet
phase "build portal" bash scripts/build-portal.sh
phase "ctest build (-j$ctest_jobs)" run_ctest build
if [ "${SKD_SKIP_ASAN:-0}" != 1 ]; then
  # The ASan/UBSan tree builds the server, the unit, store and fuzz-replay tests; the plain
  # tree's end-to-end tests then run against its server binary (the test code is the same).
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  phase "build-asan" env BUILD_DIR=build-asan BUILD_TYPE=Debug \
    CMAKE_ARGS="-DSKD_SANITIZE=ON -DSKD_BUILD_E2E=OFF" bash scripts/build.sh --quiet
  phase "ctest build-asan (-j$ctest_jobs)" run_ctest build-asan
  run_e2e_asan() {
    local bin=$PWD/build-asan/skattedeling
    (cd build && SKD_TEST_BINARY=$bin SKD_TEST_SANITIZED=1 ctest --output-on-failure -j"$ctest_jobs" --timeout 900 -L e2e)
  }
  phase "ctest e2e on the ASan binary" run_e2e_asan
fi
