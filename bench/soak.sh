#!/usr/bin/env bash
# Soak: one server under mixed wrk load (every GET API plus utleggsbegjæring validation) for
# SOAK_DURATION seconds, sampling RSS and open file descriptors every SOAK_INTERVAL seconds.
# Fails if the fd count grows by more than SOAK_MAX_FD_GROWTH or RSS by more than
# SOAK_MAX_RSS_GROWTH_PCT % between the end of warm-up (first quarter) and the end.
# Loopback only; not part of `make test`.
#   bench/soak.sh                      (SQLite, 600 s)
#   SOAK_DATABASE=postgresql://... SOAK_DURATION=3600 bench/soak.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/skattedeling}
DUR=${SOAK_DURATION:-600}
INTERVAL=${SOAK_INTERVAL:-5}
CONNS=${SOAK_CONNECTIONS:-32}
MAX_FD=${SOAK_MAX_FD_GROWTH:-20}
MAX_RSS=${SOAK_MAX_RSS_GROWTH_PCT:-20}
WORK=${SOAK_WORK:-$ROOT/var/soak}
NOW=2026-06-15T10:00:00Z
[ -x "$BIN" ] || { echo "mangler $BIN: kjør make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "mangler wrk: scripts/install-deps.sh bench" >&2; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK"
DB=${SOAK_DATABASE:-sqlite://$WORK/soak.sqlite}
export SKD_LOCAL_ISSUER_KEY=$WORK/issuer.pem
PORT=${SOAK_PORT:-$((20000 + RANDOM % 20000))}

SRV=
cleanup() { [ -n "$SRV" ] && kill "$SRV" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
for f in "$ROOT"/data/demo/*.jsonl; do "$BIN" import --database "$DB" "$f" >/dev/null; done
"$BIN" serve --database "$DB" --port "$PORT" --access-log off --demo --sandbox --now $NOW \
    --frozen-clock >"$WORK/server.log" 2>&1 &
SRV=$!
for _ in $(seq 1 300); do
    (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break
    kill -0 "$SRV" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
done
tok() { "$BIN" token --key "$SKD_LOCAL_ISSUER_KEY" --ttl 86400 "$@"; }
# A long-lived token for the whole run (the clock is frozen, so it never expires).
T_ALL=$(tok --scope "skatteetaten:restanser skatteetaten:avregning skatteetaten:beregnetskatt skatteetaten:summertskattegrunnlag skatteetaten:trekkpaalegg skatteetaten:utleggsbegjaering" --consumer 123456789)

cat >"$WORK/mix.lua" <<LUA
local paths = {
  "/api/innkreving/restanser/v2/dibk/310111643",
  "/api/innkreving/restanser/v2/dibk/212201782",
  "/api/fastsetting/avregning/v2/ssb/2024/20463518646",
  "/api/formueinntekt/skatteoppgjoer/hendelser?fraSekvensnummer=1&antall=100",
  "/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1/20463518646",
  "/api/trekkpaalegg/v1",
  "/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=5",
  "/api/trekkpaalegg/v1/10000001/1",
  "/api/innkreving/restanser/v2/dibk/3101116",          -- 400
  "/api/innkreving/restanser/v2/ukjent/310111643",     -- 404
}
local i = 0
request = function()
  i = i + 1
  local h = { ["Authorization"] = "Bearer $T_ALL" }
  if i % 50 == 0 then
    h["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/utleggsbegjaering/v1/valider", h, '{"innsender":"123456789"}')
  end
  local p = paths[(i % #paths) + 1]
  -- XML for the lookup APIs only (trekkpålegg is JSON only, SPEC §1.2).
  if i % 7 == 0 and not p:find("trekkpaalegg") then h["Accept"] = "application/xml" end
  return wrk.format("GET", p, h)
end
LUA

sample() {
    local rss fds
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$SRV/status")
    fds=$(ls "/proc/$SRV/fd" | wc -l)
    echo "$(date +%s),$rss,$fds" >>"$WORK/samples.csv"
}
echo "tid,rss_kb,fds" >"$WORK/samples.csv"
echo "soak: $DUR s, $CONNS forbindelser, $DB" >&2
wrk -t2 -c"$CONNS" -d"${DUR}s" --latency -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk.txt" 2>&1 &
WRK=$!
while kill -0 "$WRK" 2>/dev/null; do
    kill -0 "$SRV" 2>/dev/null || { echo "serveren døde under soak" >&2; cat "$WORK/server.log" >&2; exit 1; }
    sample
    sleep "$INTERVAL"
done
wait "$WRK"
sample
cat "$WORK/wrk.txt"
n=$(($(wc -l <"$WORK/samples.csv") - 1))
warm=$(( n / 4 + 1 ))
read -r rss0 fd0 < <(sed -n "$((warm + 1))p" "$WORK/samples.csv" | awk -F, '{print $2, $3}')
read -r rss1 fd1 < <(tail -1 "$WORK/samples.csv" | awk -F, '{print $2, $3}')
maxrss=$(tail -n +2 "$WORK/samples.csv" | awk -F, 'm<$2 {m=$2} END {print m}')
echo "RSS etter oppvarming ${rss0} kB, ved slutt ${rss1} kB (maks ${maxrss} kB); fd ${fd0} -> ${fd1}; prøver i $WORK/samples.csv"
grep -q "Non-2xx" "$WORK/wrk.txt" && echo "(non-2xx er ventet: blandingen har 400/404/422, om lag en firedel)"
fail=0
[ $((fd1 - fd0)) -le "$MAX_FD" ] || { echo "FEIL: fd-tallet vokste med $((fd1 - fd0))" >&2; fail=1; }
[ $(( (rss1 - rss0) * 100 / (rss0 > 0 ? rss0 : 1) )) -le "$MAX_RSS" ] || { echo "FEIL: RSS vokste mer enn $MAX_RSS %" >&2; fail=1; }
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { echo "FEIL: /health svarer ikke etter soak" >&2; fail=1; }
exit $fail
