#!/usr/bin/env bash
# CTest `portal_browser`: the portal in a real browser (Debian chromium via playwright-core)
# against the real server on a fresh demo database. Usage: run.sh <skattedeling-binary> <outdir>
# Exits 77 (CTest SKIP_RETURN_CODE) when chromium or node is missing (make deps-test installs them).
# SKD_UPDATE_SCREENSHOT=1 also copies the screenshots to docs/portal.png and docs/sandkasse.png.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1
out=$2
chromium=${SKD_CHROMIUM:-/usr/bin/chromium}

# chromium and the npm packages come from the deps step (scripts/install-deps.sh test); a test
# never installs anything or uses the network.
if [ ! -x "$chromium" ]; then
  echo "skipped: $chromium is missing (scripts/install-deps.sh test, as root)"
  exit 77
fi
if ! command -v node >/dev/null; then
  echo "skipped: node is missing"
  exit 77
fi
export SKD_NPM_OFFLINE=1

mkdir -p "$out"
# Our own assets folder (installed layout), so the test neither needs nor touches portal/dist.
bash "$src/scripts/build-portal.sh" "$out/assets/portal"
ln -sfn "$src/docs/openapi" "$out/assets/openapi"

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

SKD_LOCAL_ISSUER_KEY=$work/issuer.pem SKD_ASSETS_DIR=$out/assets \
  "$bin" serve --demo --sandbox --port 0 --port-file "$work/port" --database "$db" --threads 2 \
  --now 2026-06-15T10:00:00Z --frozen-clock >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; echo "the server stopped" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/port" ] || { cat "$work/server.log"; echo "the server did not start" >&2; exit 1; }
port=$(cat "$work/port")

status=0
SKD_CHROMIUM=$chromium node "$src/portal/tests/portal.test.mjs" "http://127.0.0.1:$port" "$out" \
  || status=$?
if [ "$status" != 0 ]; then
  echo "--- server.log" >&2
  tail -n 50 "$work/server.log" >&2
  exit "$status"
fi
if [ "${SKD_UPDATE_SCREENSHOT:-0}" = 1 ]; then
  cp "$out/portal.png" "$src/docs/portal.png"
  cp "$out/sandkasse.png" "$src/docs/sandkasse.png"
fi
