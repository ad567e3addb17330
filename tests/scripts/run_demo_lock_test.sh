#!/usr/bin/env bash
# `make run` must not delete the demo database under a running server: with a server holding
# var/demo.sqlite, scripts/run-demo.sh stops with a message naming that server's process and
# leaves the database as it was. Runs a copy of the script in a scratch tree.
#   run_demo_lock_test.sh <source dir> <skattedeling binary>
set -euo pipefail
src=$1 bin=$2
work=$(mktemp -d /tmp/skd-run-demo-XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FEIL: $*" >&2; exit 1; }

mkdir -p "$work/scripts" "$work/build" "$work/var" "$work/data"
cp "$src/scripts/run-demo.sh" "$work/scripts/"
ln -s "$bin" "$work/build/skattedeling"
ln -s "$src/data/demo" "$work/data/demo"
export SKD_LOCAL_ISSUER_KEY=$work/var/local-issuer.pem

"$bin" serve --database "sqlite://$work/var/demo.sqlite" --port 0 --port-file "$work/port" \
    --access-log off --demo --sandbox >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    [ -s "$work/port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "serveren startet ikke"; }
    sleep 0.1
done
[ -s "$work/port" ] || fail "serveren skrev aldri porten"
before=$(stat -c '%i %Y' "$work/var/demo.sqlite")

# PORT=0: should the check ever let it through, the demo would start on a free port, not 8080.
code=0
out=$(cd "$work" && PORT=0 timeout 60 bash scripts/run-demo.sh 2>&1) || code=$?
[ "$code" -ne 0 ] || fail "run-demo.sh gikk videre mens databasen var i bruk: $out"
[ "$code" -ne 124 ] || fail "run-demo.sh startet en ny demo mens databasen var i bruk"
grep -q "prosess $pid" <<<"$out" || fail "meldingen nevner ikke prosess $pid: $out"
[ "$(stat -c '%i %Y' "$work/var/demo.sqlite")" = "$before" ] || fail "databasen ble endret"
kill -0 "$pid" 2>/dev/null || fail "den kjørende serveren døde"

# Once the server has stopped, the lock is free again (the file stays).
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
flock -n "$work/var/demo.sqlite.lock" true || fail "låsen er fortsatt tatt etter at serveren stoppet"
echo "ok"
