#!/usr/bin/env bash
# Fails when a C++ file of ours differs from what clang-format makes of it (.clang-format at
# the root). Usage: check_format.sh <source dir>
set -euo pipefail
root=${1:-$(dirname "$0")/../..}
cd "$root"
cf=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$cf" ]; then
  echo "clang-format not found (scripts/install-deps.sh installs clang-format)" >&2
  exit 1
fi
mapfile -t files < <(find src tests fuzz bench -name '*.cpp' -o -name '*.hpp' | grep -v /node_modules/ | sort)
if ! "$cf" --dry-run --Werror "${files[@]}" 2>/tmp/skd-format.$$; then
  grep -E "^[^ ].*(warning|error):" /tmp/skd-format.$$ | sed -E "s/:[0-9]+:[0-9]+: (warning|error): code should be clang-formatted.*//" | sort -u | head -50 >&2
  rm -f /tmp/skd-format.$$
  echo "format check failed: run clang-format -i on the files above" >&2
  exit 1
fi
rm -f /tmp/skd-format.$$
echo "${#files[@]} files formatted as .clang-format says"
