#!/usr/bin/env bash
# Installs the pinned npm packages of one folder (package-lock.json) into its node_modules,
# only when the lockfile changed since the last install. Usage: npm-ci.sh <folder>
# With SKD_NPM_OFFLINE=1 (tests, which never use the network) it only checks that the
# packages are installed and fails with one clear line when they are not.
set -euo pipefail
dir=$1
stamp=$dir/node_modules/.skd-lock-stamp
if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then exit 0; fi
if [ "${SKD_NPM_OFFLINE:-0}" = 1 ]; then
  echo "npm packages of $dir are missing or out of date: run 'make deps-test'" \
       "(scripts/install-deps.sh test)" >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing: install nodejs and npm (scripts/install-deps.sh)" >&2
  exit 1
fi
(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
