#!/usr/bin/env bash
# Configures and builds the C++ tree into build/ (BUILD_DIR), JOBS in parallel (default: cores),
# through ccache when it is installed (CMakeLists.txt).
#   scripts/build.sh [--quiet] [target ...]      (no target: everything, tests included)
# --quiet shows one progress summary instead of the compiler lines; a failing build still prints
# its errors, and the whole log stays in <build>/build.log.
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=0
if [ "${1:-}" = --quiet ]; then quiet=1; shift; fi
dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
mkdir -p "$dir"
log=$dir/build.log
if ! cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} ${CMAKE_ARGS:-} >"$log" 2>&1; then
  cat "$log" >&2
  echo "build: configuring $dir failed" >&2
  exit 1
fi
args=(--build "$dir" -j"$jobs")
[ $# -gt 0 ] && args+=(--target "$@")
if [ $quiet = 0 ]; then exec cmake "${args[@]}"; fi

what=${*:-everything}
tty=0
[ -t 2 ] && tty=1
set +e
cmake "${args[@]}" 2>&1 | tee -a "$log" | awk -v tty=$tty -v what="$what" '
  /^\[ *[0-9]+%\]/ {
    pct = $0; sub(/^\[ */, "", pct); sub(/%.*/, "", pct); pct += 0
    if (/Building|Linking/) work = 1
    if (tty && work) { printf "\rbuilding %s: %3d %%", what, pct > "/dev/stderr" }
    else if (work && pct >= next_pct) {
      printf "building %s: %d %%\n", what, pct > "/dev/stderr"
      while (next_pct <= pct) next_pct += 25
    }
  }
  END { if (tty && work) printf "\n" > "/dev/stderr" }'
status=${PIPESTATUS[0]}
set -e
if [ "$status" != 0 ]; then
  # The errors: everything but progress and make bookkeeping.
  grep -v -E '^\[ *[0-9]+%\]|^-- |^Consolidate compiler generated|^Scanning dependencies|^Dependee ' "$log" \
    | tail -n 80 >&2
  echo "build: failed (full log: $log)" >&2
  exit "$status"
fi
