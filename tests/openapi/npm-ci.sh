#!/usr/bin/env bash
# Installs the pinned npm packages of one folder (package-lock.json) into its node_modules,
# only when the lockfile changed since the last install. Usage: npm-ci.sh <folder>
set -euo pipefail
dir=$1
if ! command -v npm >/dev/null; then
  echo "npm mangler: installer nodejs og npm (scripts/install-deps.sh)" >&2
  exit 1
fi
stamp=$dir/node_modules/.skd-lock-stamp
if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then exit 0; fi
(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
