#!/usr/bin/env bash
# Scale-out: three `serve` instances on one PostgreSQL behind nginx (round robin), on loopback.
# Checks what must hold across instances, then measures throughput through the balancer:
#  1. the same utleggsbegjæring sent to all three instances at the same moment creates one case
#     (one 201, the others 409 DUPLIKAT_INNSENDING);
#  2. trekkpålegg and hendelser sequence numbers stay unique under concurrent imports and
#     midnight transitions in three processes;
#  3. wrk through nginx for SCALEOUT_DURATION seconds (default 15); every instance served some.
# PostgreSQL: SCALEOUT_PG_URL, or a private cluster started here. Not part of `make test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/skattedeling}
DUR=${SCALEOUT_DURATION:-15}
WORK=${SCALEOUT_WORK:-$ROOT/var/scaleout}
NOW=2026-06-15T10:00:00Z
[ -x "$BIN" ] || { echo "mangler $BIN: kjør make build" >&2; exit 1; }
for t in nginx wrk python3 curl; do
    command -v "$t" >/dev/null || { echo "mangler $t: scripts/install-deps.sh bench" >&2; exit 1; }
done
rm -rf "$WORK"; mkdir -p "$WORK/nginx"
export SKD_LOCAL_ISSUER_KEY=$WORK/issuer.pem
PIDS=()
PGDIR=
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "$PGDIR" ] && "$ROOT/scripts/pg-test-cluster.sh" stop "$PGDIR" >/dev/null 2>&1
    return 0
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 1 300); do
        (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

if [ -n "${SCALEOUT_PG_URL:-}" ]; then
    BASE=$SCALEOUT_PG_URL
else
    PGDIR=$WORK/pg
    BASE=$("$ROOT/scripts/pg-test-cluster.sh" start "$PGDIR" "$(port)")
fi
DB=${BASE%/*}/skd_scaleout_$$
psql "${BASE}" -qc "CREATE DATABASE skd_scaleout_$$" >/dev/null 2>&1 \
    || runuser -u postgres -- psql "${BASE}" -qc "CREATE DATABASE skd_scaleout_$$" >/dev/null
"$BIN" migrate --database "$DB" >/dev/null
for f in "$ROOT"/data/demo/*.jsonl; do "$BIN" import --database "$DB" "$f" >/dev/null; done

PORTS=()
for i in 1 2 3; do
    p=$(port); PORTS+=("$p")
    "$BIN" serve --database "$DB" --port "$p" --threads 1 --access-log "$WORK/access-$i.log" --demo \
        --sandbox --no-migrate --now $NOW --frozen-clock >"$WORK/server-$i.log" 2>&1 &
    PIDS+=($!)
done
for p in "${PORTS[@]}"; do wait_port "$p" || { cat "$WORK"/server-*.log >&2; exit 1; }; done
LB=$(port)
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    upstream skd {
        server 127.0.0.1:${PORTS[0]}; server 127.0.0.1:${PORTS[1]}; server 127.0.0.1:${PORTS[2]};
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$LB;
        location / {
            proxy_pass http://skd;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
    }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_port "$LB" || { cat "$WORK/nginx/error.log" >&2; exit 1; }
tok() { "$BIN" token --key "$SKD_LOCAL_ISSUER_KEY" --now $NOW "$@"; }
fail=0

# ---- 1. one case from simultaneous duplicates ----
INNSENDER=312597772
UUID=scaleout-$$
echo "{\"type\": \"vedlegg\", \"uuid\": \"$UUID\", \"innsender\": \"$INNSENDER\"}" >"$WORK/vedlegg.jsonl"
"$BIN" import --database "$DB" "$WORK/vedlegg.jsonl" >/dev/null
python3 - "$ROOT/tests/fixtures/utleggsbegjaering/utvidet.json" "$UUID" >"$WORK/begjaering.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
def sett(v):
    if isinstance(v, dict):
        for k in v:
            if k == "uuid": v[k] = sys.argv[2]
            else: sett(v[k])
    elif isinstance(v, list):
        for e in v: sett(e)
sett(b)
b["innsenderReferanse"] = "scaleout-" + sys.argv[2]
print(json.dumps(b))
PY
UT=$(tok --scope skatteetaten:utleggsbegjaering --consumer $INNSENDER)
CURLS=()
for i in 0 1 2; do
    curl -s -o "$WORK/dup-$i.json" -w '%{http_code}\n' -X POST -H "Authorization: Bearer $UT" \
        -H 'Content-Type: application/json' --data-binary "@$WORK/begjaering.json" \
        "http://127.0.0.1:${PORTS[$i]}/api/utleggsbegjaering/v1" >"$WORK/dup-$i.status" &
    CURLS+=($!)
done
wait "${CURLS[@]}" || true
codes=$(cat "$WORK"/dup-*.status | sort | tr '\n' ' ')
echo "samtidige duplikater: $codes"
[ "$(grep -c '^201$' "$WORK"/dup-*.status | awk -F: '{s+=$2} END {print s}')" = 1 ] \
    || { echo "FEIL: forventet nøyaktig én 201" >&2; fail=1; }
[ "$(grep -c '^409$' "$WORK"/dup-*.status | awk -F: '{s+=$2} END {print s}')" = 2 ] \
    || { echo "FEIL: forventet to 409" >&2; fail=1; }

# ---- 2. unique sequence numbers under concurrent writers ----
for i in 1 2 3; do
    python3 - "$i" >"$WORK/trekk-$i.jsonl" <<'PY'
import sys
i = int(sys.argv[1])
for n in range(200):
    print('{"type": "trekkpaalegg", "trekkid": "%d%05d", "trekkversjon": 1, "opprettet": "2026-01-01T00:00:00Z", '
          '"saksnummer": "S/%d/%d", "trekkstatus": "aktiv", "trekkpliktig": "123456789", "skyldner": "16507500866", '
          '"betalingsinformasjon": {"kidnummer": "6487719756", "kontonummer": "70213997155", "betalingsmottaker": "971648199"}, '
          '"trekkstoerrelseForPeriode": [{"startdato": "2026-02-01", "trekkprosent": {"trekkprosent": 10.0}}]}' % (70 + i, n, i, n))
    print('{"type": "skatteoppgjoer", "personidentifikator": "%d%09d", "inntektsaar": 2024, "skatteoppgjoersdato": "2025-06-01", '
          '"fastland": {"beregnet_skatt": 1, "forhaandsfastsatt": true, "skatteregnskapskommune": "0301", "restskatt": 1, "aa_betale": 1}, '
          '"registreringstidspunkt": "2025-06-01T00:00:00Z"}' % (70 + i, n))
PY
done
IMPORTS=()
for i in 1 2 3; do
    "$BIN" import --database "$DB" "$WORK/trekk-$i.jsonl" >"$WORK/import-$i.log" 2>&1 &
    IMPORTS+=($!)
done
for p in "${IMPORTS[@]}"; do wait "$p" || { echo "FEIL: import feilet" >&2; cat "$WORK"/import-*.log >&2; fail=1; }; done
TT=$(tok --scope skatteetaten:trekkpaalegg --consumer 123456789)
HT=$(tok --scope skatteetaten:beregnetskatt)
curl -s -H "Authorization: Bearer $TT" "http://127.0.0.1:$LB/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=10000" >"$WORK/trekk.json"
curl -s -H "Authorization: Bearer $HT" "http://127.0.0.1:$LB/api/formueinntekt/skatteoppgjoer/hendelser?fraSekvensnummer=1&antall=10000" >"$WORK/hendelser.json"
python3 - "$WORK/trekk.json" "$WORK/hendelser.json" <<'PY' || fail=1
import json, sys
t = [x["sekvensnummer"] for x in json.load(open(sys.argv[1]))]
h = [x["sekvensnummer"] for x in json.load(open(sys.argv[2]))["hendelser"]]
print(f"trekkpålegg: {len(t)} versjoner, {len(set(t))} unike sekvensnummer; hendelser: {len(h)}, {len(set(h))} unike")
ok = len(t) == len(set(t)) and len(h) == len(set(h)) and t == sorted(t) and h == sorted(h) and len(t) >= 600
sys.exit(0 if ok else 1)
PY

# ---- 3. throughput through the balancer ----
RT=$(tok --scope skatteetaten:restanser)
wrk -t2 -c48 -d"${DUR}s" --latency -H "Authorization: Bearer $RT" \
    "http://127.0.0.1:$LB/api/innkreving/restanser/v2/dibk/310111643" | tee "$WORK/wrk.txt"
for i in 1 2 3; do
    n=$(wc -l <"$WORK/access-$i.log" 2>/dev/null || echo 0)
    echo "instans $i: $n forespørsler"
    [ "$n" -gt 0 ] || { echo "FEIL: instans $i fikk ingen trafikk" >&2; fail=1; }
done
exit $fail
