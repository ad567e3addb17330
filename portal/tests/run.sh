#!/usr/bin/env bash
# CTest `portal_browser`: the portal in a real browser (Debian chromium via playwright-core)
# against the real server on a fresh demo database. Usage: run.sh <skattedeling-binary> <outdir>
# Exits 77 (CTest SKIP_RETURN_CODE) when chromium or npm is missing and cannot be installed.
# SKD_UPDATE_SCREENSHOT=1 also copies the overview screenshot to docs/portal.png.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1
out=$2
chromium=${SKD_CHROMIUM:-/usr/bin/chromium}

# Installs chromium when missing (root only); quiet when everything is present.
bash "$src/scripts/install-deps.sh" portal || true
if [ ! -x "$chromium" ]; then
  echo "portal_browser hoppet over: $chromium mangler (scripts/install-deps.sh portal som root)"
  exit 77
fi
if ! command -v npm >/dev/null; then
  echo "portal_browser hoppet over: npm mangler"
  exit 77
fi

mkdir -p "$out"
# Our own copy of the assets, so the test neither needs nor touches portal/dist.
bash "$src/scripts/build-portal.sh" "$out/dist"

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite://$work/demo.sqlite"
"$bin" migrate --database "$db" >/dev/null
for f in "$src"/data/demo/*.jsonl; do "$bin" import --database "$db" "$f" >/dev/null; done

SKD_LOCAL_ISSUER_KEY=$work/issuer.pem SKD_PORTAL_DIR=$out/dist SKD_OPENAPI_DIR=$src/docs/openapi \
  "$bin" serve --demo --sandbox --port 0 --port-file "$work/port" --database "$db" --threads 2 \
  --now 2026-06-15T10:00:00Z --frozen-clock >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; echo "serveren stoppet" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/port" ] || { cat "$work/server.log"; echo "serveren startet ikke" >&2; exit 1; }
port=$(cat "$work/port")

status=0
SKD_CHROMIUM=$chromium node "$src/portal/tests/portal.test.mjs" "http://127.0.0.1:$port" "$out" \
  || status=$?
if [ "$status" != 0 ]; then
  echo "--- server.log" >&2
  tail -n 50 "$work/server.log" >&2
  exit "$status"
fi
if [ "${SKD_UPDATE_SCREENSHOT:-0}" = 1 ]; then cp "$out/portal.png" "$src/docs/portal.png"; fi
