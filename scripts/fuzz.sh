#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets under fuzz/ with clang (ASan+UBSan) in build-fuzz/
# and runs each for FUZZ_SECONDS (default 600). Seeds: the committed fuzz/corpus/<target>/ plus
# the repository's own petitions (tests/fixtures), OpenAPI documents (docs/openapi) and demo
# data, copied into a temp corpus that is thrown away. Nothing outside the repository is read.
# A crash leaves its input in build-fuzz/artifacts/<target>/ and fails the run.
#   scripts/fuzz.sh [target ...]      (default: every target)
# FUZZ_BUILD_ONLY=1 only builds; FUZZ_NO_BUILD=1 only runs (one build, then the targets side by
# side). `make test` runs the same targets through fuzz/replay_main.cpp in its g++ builds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-600}
jobs=${JOBS:-1}
build=${FUZZ_BUILD_DIR:-build-fuzz}
all_targets=(fuzz_router fuzz_query fuzz_jwt fuzz_samtykke fuzz_utlegg fuzz_import)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  cxx=${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}
  if [ -z "$cxx" ]; then
    echo "fuzz: clang++ is missing (scripts/install-deps.sh installs clang-14)" >&2
    exit 1
  fi
  # ccache when present; base_dir and the prefix map let other clones reuse its objects.
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=("-DCMAKE_CXX_COMPILER_LAUNCHER=env;CCACHE_BASEDIR=$root;ccache")
  fi
  cmake -S fuzz -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-ffile-prefix-map=$root/=" "${launcher[@]}" >/dev/null
  cmake --build "$build" -j"$jobs" --target "${targets[@]}"
fi
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

work=$(mktemp -d /tmp/skd-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT

# The repository's petitions, OpenAPI documents and demo data as seeds, in each target's format.
seed_reference() {
  local t=$1 dir=$2 f i=0
  case $t in
    fuzz_utlegg)
      for f in tests/fixtures/utleggsbegjaering/*.json data/demo/utleggsbegjaering-eksempel.json; do
        [ -f "$f" ] || continue
        for mode in '\x00' '\x01' '\x02'; do
          { printf "$mode"; cat "$f"; } >"$dir/ref-$((i++))"
        done
      done ;;
    fuzz_router)
      for f in docs/openapi/*.json; do
        [ -f "$f" ] || continue
        grep -o '"/[A-Za-z0-9/{}_.-]*"' "$f" | tr -d '"' | sort -u | while read -r p; do
          printf 'api-test.sits.no\nGET\n%s' "$p" >"$dir/ref-$RANDOM$RANDOM"
        done
      done ;;
    fuzz_import)
      for f in data/demo/*.jsonl; do
        # Small slices: a whole file is a slow input.
        split -l 20 "$f" "$dir/demo-$(basename "$f" .jsonl)-"
      done ;;
    fuzz_query)
      for f in docs/openapi/*.json; do
        [ -f "$f" ] || continue
        grep -o '"name" *: *"[A-Za-z]*"' "$f" | sed 's/.*: *"\(.*\)"/\1=1/' | sort -u | paste -sd'&' \
          >"$dir/ref-names-$(basename "$f" .json)" || true
      done ;;
  esac
}

status=0
summary=()
for t in "${targets[@]}"; do
  corpus="$work/$t"
  case $build in /*) art="$build/artifacts/$t" ;; *) art="$root/$build/artifacts/$t" ;; esac
  mkdir -p "$corpus" "$art"
  [ -d "fuzz/corpus/$t" ] && cp -r "fuzz/corpus/$t/." "$corpus/"
  seed_reference "$t" "$corpus"
  echo "== $t: $seconds s, $(ls "$corpus" | wc -l) seeds"
  log="$work/$t.log"
  if "$build/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$art/" "$corpus" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    summary+=("$t: ok, $runs runs, cov $cov")
  else
    status=1
    tail -40 "$log"
    summary+=("$t: CRASH (input in $art/)")
  fi
done
echo "== fuzz summary (${seconds} s per target)"
printf '%s\n' "${summary[@]}"
exit $status
