#!/usr/bin/env bash
# The binary names no folder of the build machine (the repository or the build tree), so a
# copied or installed binary never looks there. Usage: no_build_paths.sh BINARY DIR...
set -euo pipefail
bin=$1
shift
status=0
for d in "$@"; do
  if n=$(grep -c -a -F -- "$d" "$bin"); then
    echo "$bin contains $d ($n places):"
    strings -a "$bin" | grep -F -- "$d" | head -5
    status=1
  fi
done
[ $status = 0 ] && echo "no build path in $bin"
exit $status
