#!/usr/bin/env bash
# Scale-out: `serve` instances on one PostgreSQL primary and a hot standby made with
# pg_basebackup (streaming replication), behind nginx (round robin), on loopback. The primary
# runs on core 0 and the standby on core 1; instances, nginx and wrk are not pinned.
# Checks what must hold across instances, with three instances reading from the standby
# (`--read-database`):
#  1. the same utleggsbegjæring sent to all three instances at the same moment creates one case
#     (one 201, the others 409 DUPLIKAT_INNSENDING);
#  2. trekkpålegg and hendelser sequence numbers stay unique, ascending and gap-free under
#     concurrent imports in three processes, and every instance serves the same sequence;
#  3. SCALEOUT_PETITIONS (default 300) distinct petitions sent concurrently to the instances:
#     every 201 is read back through the same instance at once (read-your-own-write), every one
#     is readable through the balancer afterwards, none is lost or duplicated, and the case
#     numbers are gap-free;
# then measures read throughput (restanser with the per-instance cache off, so every request
# reads the database) with wrk through nginx for SCALEOUT_DURATION seconds (default 15) each:
# reads on the primary only, on the standby only, and spread over both (one instance reading
# from the standby, one from the primary), and writes the figures to bench/results/.
# Not part of `make test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/skattedeling}
DUR=${SCALEOUT_DURATION:-15}
PETITIONS=${SCALEOUT_PETITIONS:-300}
WORK=${SCALEOUT_WORK:-$ROOT/var/scaleout}
RESULT=${SCALEOUT_RESULT:-$ROOT/bench/results/scaleout-$(date +%F).md}
NOW=2026-06-15T10:00:00Z
[ -x "$BIN" ] || { echo "mangler $BIN: kjør make build" >&2; exit 1; }
for t in nginx wrk python3 curl psql taskset; do
    command -v "$t" >/dev/null || { echo "mangler $t: scripts/install-deps.sh bench" >&2; exit 1; }
done
rm -rf "$WORK"; mkdir -p "$WORK/nginx"
export SKD_LOCAL_ISSUER_KEY=$WORK/issuer.pem
PIDS=()
NGINX_PID=
PGDIRS=()
cleanup() {
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for d in "${PGDIRS[@]}"; do "$ROOT/scripts/pg-test-cluster.sh" stop "$d" >/dev/null 2>&1; done
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
# Pins a cluster's postmaster and every process it has started to one core; later backends
# inherit it.
pin() {
    local pid
    pid=$(head -n1 "$1/data/postmaster.pid")
    taskset -p -c "$2" "$pid" >/dev/null
    for c in $(pgrep -P "$pid"); do taskset -p -c "$2" "$c" >/dev/null; done
}

# ---- a primary (core 0) with the demo data, and a hot standby of it (core 1) ----
PRIMARY_PORT=$(port); STANDBY_PORT=$(port)
PGDIRS+=("$WORK/pg-primary")
BASE=$("$ROOT/scripts/pg-test-cluster.sh" start "$WORK/pg-primary" "$PRIMARY_PORT")
pin "$WORK/pg-primary" 0
DBNAME=skd_scaleout
psql "$BASE" -qc "CREATE DATABASE $DBNAME" >/dev/null
DB=${BASE%/*}/$DBNAME
"$BIN" migrate --database "$DB" >/dev/null
for f in "$ROOT"/data/demo/*.jsonl; do "$BIN" import --database "$DB" "$f" >/dev/null; done
PGDIRS+=("$WORK/pg-standby")
STANDBY_BASE=$("$ROOT/scripts/pg-test-cluster.sh" standby "$WORK/pg-standby" "$STANDBY_PORT" "$PRIMARY_PORT")
pin "$WORK/pg-standby" 1
STANDBY=${STANDBY_BASE%/*}/$DBNAME
[ "$(psql "$STANDBY" -tAc 'SELECT pg_is_in_recovery()')" = t ] \
    || { echo "FEIL: $STANDBY er ikke en standby" >&2; exit 1; }
echo "primær: $DB (kjerne 0); standby: $STANDBY (kjerne 1)"
# Waits until the standby has replayed everything the primary has written so far.
caught_up() {
    local head
    head=$(psql "$DB" -tAc 'SELECT pg_current_wal_lsn()')
    for _ in $(seq 1 600); do
        [ "$(psql "$STANDBY" -tAc "SELECT pg_last_wal_replay_lsn() >= '$head'")" = t ] && return 0
        sleep 0.05
    done
    echo "FEIL: standby tok ikke igjen primæren" >&2
    return 1
}

# start_instances NAME READ... : one instance per READ ("-" = no read_database); PORTS, IPIDS
start_instances() {
    local name=$1; shift
    PORTS=(); IPIDS=()
    local i=0
    for r in "$@"; do
        i=$((i + 1))
        local p extra=()
        p=$(port)
        [ "$r" != - ] && extra=(--read-database "$r")
        SKD_RESTANSER_CACHE_ENTRIES=0 "$BIN" serve --database "$DB" "${extra[@]}" --port "$p" \
            --threads 4 --access-log "$WORK/access-$name-$i.log" --demo --sandbox --no-migrate \
            --now $NOW --frozen-clock >"$WORK/server-$name-$i.log" 2>&1 &
        IPIDS+=($!); PIDS+=($!); PORTS+=("$p")
    done
    for p in "${PORTS[@]}"; do wait_port "$p" || { cat "$WORK"/server-"$name"-*.log >&2; exit 1; }; done
}
stop_instances() {
    for p in "${IPIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
LB=$(port)
start_nginx() {
    [ -n "$NGINX_PID" ] && { kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; }
    local servers=""
    for p in "$@"; do servers+="server 127.0.0.1:$p; "; done
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
    upstream skd { $servers keepalive 32; }
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
    NGINX_PID=$!
    wait_port "$LB" || { cat "$WORK/nginx/error.log" >&2; exit 1; }
}
tok() { "$BIN" token --key "$SKD_LOCAL_ISSUER_KEY" --ttl 86400 "$@"; }
fail=0

start_instances rep "$STANDBY" "$STANDBY" "$STANDBY"
start_nginx "${PORTS[@]}"
ready=$(curl -s "http://127.0.0.1:${PORTS[0]}/ready")
echo "/ready: $ready"
echo "$ready" | grep -q '"status":"ok"' || { echo "FEIL: standby er ikke ok i /ready" >&2; fail=1; }

# ---- 1. one case from simultaneous duplicates ----
INNSENDER=312597772
UUID=scaleout-$$
{
    echo "{\"type\": \"vedlegg\", \"uuid\": \"$UUID\", \"innsender\": \"$INNSENDER\"}"
    for n in $(seq 1 "$PETITIONS"); do
        echo "{\"type\": \"vedlegg\", \"uuid\": \"bench-$$-$n\", \"innsender\": \"$INNSENDER\"}"
    done
} >"$WORK/vedlegg.jsonl"
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
echo "1. samtidige duplikater: $codes"
[ "$(grep -c '^201$' "$WORK"/dup-*.status | awk -F: '{s+=$2} END {print s}')" = 1 ] \
    || { echo "FEIL: forventet nøyaktig én 201" >&2; fail=1; }
[ "$(grep -c '^409$' "$WORK"/dup-*.status | awk -F: '{s+=$2} END {print s}')" = 2 ] \
    || { echo "FEIL: forventet to 409" >&2; fail=1; }

# ---- 2. unique, gap-free sequence numbers under concurrent writers ----
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
caught_up || fail=1
TT=$(tok --scope skatteetaten:trekkpaalegg --consumer 123456789)
HT=$(tok --scope skatteetaten:beregnetskatt)
for i in 0 1 2; do
    curl -s -H "Authorization: Bearer $TT" "http://127.0.0.1:${PORTS[$i]}/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=10000" >"$WORK/trekk-$i.json"
    curl -s -H "Authorization: Bearer $HT" "http://127.0.0.1:${PORTS[$i]}/api/formueinntekt/skatteoppgjoer/hendelser?fraSekvensnummer=1&antall=10000" >"$WORK/hendelser-$i.json"
done
# Every number taken, on the primary and as the standby has it (the API shows one trekkpliktig's).
for side in primary standby; do
    url=$DB; [ $side = standby ] && url=$STANDBY
    psql "$url" -tAc "SELECT sekvensnummer FROM trekkpaalegg ORDER BY 1" >"$WORK/seq-trekk-$side.txt"
    psql "$url" -tAc "SELECT sekvensnummer FROM hendelse ORDER BY 1" >"$WORK/seq-hendelse-$side.txt"
done
python3 - "$WORK" <<'PY' || fail=1
import json, sys
w = sys.argv[1]
ok = True
les = lambda f: [int(x) for x in open(f"{w}/{f}").read().split()]
for navn in ("trekk", "hendelse"):
    p, s = les(f"seq-{navn}-primary.txt"), les(f"seq-{navn}-standby.txt")
    good = p == list(range(1, len(p) + 1)) and s == p and len(p) >= 600
    ok = ok and good
    print(f"2. {navn}: {len(p)} sekvensnummer i primæren, 1..{p[-1] if p else 0}, "
          f"{'uten hull, likt i standbyen' if good else 'FEIL'}")
seen = None
for i in range(3):
    t = [x["sekvensnummer"] for x in json.load(open(f"{w}/trekk-{i}.json"))]
    h = [x["sekvensnummer"] for x in json.load(open(f"{w}/hendelser-{i}.json"))["hendelser"]]
    good = (len(t) >= 600 and t == sorted(set(t)) and h == list(range(1, len(h) + 1))
            and h == les("seq-hendelse-primary.txt"))
    if seen is not None and (t, h) != seen:
        print(f"FEIL: instans {i + 1} ser en annen sekvens enn instans 1", file=sys.stderr)
        good = False
    seen = (t, h)
    ok = ok and good
    print(f"2. instans {i + 1}: trekkpålegg {len(t)} versjoner for trekkpliktig 123456789, "
          f"hendelser {len(h)}: {'unike, stigende, like i alle' if good else 'FEIL'}")
sys.exit(0 if ok else 1)
PY

# ---- 3. concurrent petitions: none lost or duplicated, each read back at once ----
python3 - "$ROOT/tests/fixtures/utleggsbegjaering/enkel.json" "$WORK" "$PETITIONS" \
    "$UT" "$$" "${PORTS[@]}" <<'PY' || fail=1
import concurrent.futures, http.client, json, sys
mal = json.load(open(sys.argv[1]))
work, n, token, run = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
ports = [int(p) for p in sys.argv[6:]]
def sett(v, uuid):
    if isinstance(v, dict):
        for k in v:
            if k == "uuid": v[k] = uuid
            else: sett(v[k], uuid)
    elif isinstance(v, list):
        for e in v: sett(e, uuid)
def send(k):
    b = json.loads(json.dumps(mal))
    sett(b, f"bench-{run}-{k}")
    b["innsenderReferanse"] = f"bench-{run}-{k}"
    port = ports[k % len(ports)]
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    c.request("POST", "/api/utleggsbegjaering/v1", json.dumps(b), h)
    r = c.getresponse(); body = r.read()
    if r.status != 201:
        return (k, r.status, None, None)
    sak = json.loads(body)["eksternSaksreferanse"]
    # Read-your-own-write: the same instance, at once.
    c.request("GET", "/api/utleggsbegjaering/v1/" + sak, headers={"Authorization": "Bearer " + token})
    g = c.getresponse(); g.read()
    return (k, 201, sak, g.status)
with concurrent.futures.ThreadPoolExecutor(max_workers=12) as ex:
    res = list(ex.map(send, range(1, n + 1)))
json.dump(res, open(f"{work}/begjaeringer.json", "w"))
created = [r for r in res if r[1] == 201]
saker = [r[2] for r in created]
own = sum(1 for r in created if r[3] == 200)
print(f"3. begjæringer: {len(created)} av {n} fikk 201, {len(set(saker))} ulike saker, "
      f"{own} lest tilbake straks gjennom samme instans")
ok = len(created) == n and len(set(saker)) == n and own == n
nr = sorted(int(s.rsplit("-", 1)[1]) for s in saker)
if nr != list(range(nr[0], nr[0] + len(nr))):
    print("FEIL: saksnumrene har hull", file=sys.stderr); ok = False
sys.exit(0 if ok else 1)
PY
caught_up || fail=1
python3 - "$WORK/begjaeringer.json" "$UT" "$LB" <<'PY' || fail=1
import http.client, json, sys
res = json.load(open(sys.argv[1]))
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[3]), timeout=60)
bad = 0
for k, status, sak, _ in res:
    if status != 201: continue
    c.request("GET", "/api/utleggsbegjaering/v1/" + sak, headers={"Authorization": "Bearer " + sys.argv[2]})
    r = c.getresponse(); r.read()
    bad += r.status != 200
print(f"3. alle {sum(1 for r in res if r[1] == 201)} saker lest gjennom balansereren: {bad} feil")
sys.exit(0 if bad == 0 else 1)
PY
stored=$(psql "$DB" -tAc "SELECT count(*) FROM utleggssak WHERE innsender_referanse LIKE 'bench-$$-%'")
echo "3. lagret i primæren: $stored (sendt: $PETITIONS)"
[ "$stored" = "$PETITIONS" ] || { echo "FEIL: $stored saker lagret, ventet $PETITIONS" >&2; fail=1; }
stop_instances

# ---- 4. read throughput: primary only, standby only, both ----
RT=$(tok --scope skatteetaten:restanser)
TARGET=/api/innkreving/restanser/v2/dibk/310111643
ROWS=()
# measure ID LABEL READ... : instances as for start_instances, wrk through nginx
measure() {
    local id=$1 label=$2; shift 2
    start_instances "$id" "$@"
    start_nginx "${PORTS[@]}"
    # Warm the connections and statement caches, then measure.
    wrk -t2 -c48 -d2s -H "Authorization: Bearer $RT" "http://127.0.0.1:$LB$TARGET" >/dev/null
    wrk -t2 -c48 -d"${DUR}s" --latency -H "Authorization: Bearer $RT" \
        "http://127.0.0.1:$LB$TARGET" >"$WORK/wrk-$id.txt"
    local rps p50 p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$id.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$id.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$id.txt")
    non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk-$id.txt")
    printf '4. %-40s %10s req/s  p50 %s  p99 %s%s\n' "$label" "$rps" "$p50" "$p99" \
        "${non2xx:+  FEIL: $non2xx svar som ikke er 2xx}"
    [ -z "$non2xx" ] || fail=1
    ROWS+=("| $label | $rps | $p50 | $p99 | ${non2xx:-0} |")
    stop_instances
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
measure primary "primær (kjerne 0)" - -
measure standby "standby (kjerne 1)" "$STANDBY" "$STANDBY"
measure both "primær og standby (én instans hver, begge kjerner)" "$STANDBY" -
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$(dirname "$RESULT")"
{
    echo "# Scale-out med lesereplika $(date +%F)"
    echo
    echo "Maskin: $(nproc) kjerner, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo)."
    echo "PostgreSQL $(psql "$DB" -tAc 'SHOW server_version'): primær på kjerne 0, hot standby (pg_basebackup,"
    echo "strømmende replikering) på kjerne 1. To \`serve\`-instanser (4 tråder, restanser-bufferen av, så hvert"
    echo "kall leser databasen) bak nginx, wrk -t2 -c48 i ${DUR} s gjennom nginx; instanser, nginx og wrk er ikke"
    echo "låst til kjerner. Belastning på maskinen (loadavg) før/etter: $LOAD_BEFORE / $LOAD_AFTER."
    echo
    echo "Kall: \`GET $TARGET\` (demodata)."
    echo
    echo "| Lesing fra | req/s | p50 | p99 | ikke-2xx |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Riktighet med tre instanser som leser fra standbyen (samme kjøring):"
    echo
    echo "- samtidige duplikater til tre instanser: $codes"
    echo "- sekvensnummer (trekkpålegg, hendelser) fra tre samtidige importer: uten hull i primæren, likt i"
    echo "  standbyen, unike og stigende og like gjennom alle instanser"
    echo "- $PETITIONS samtidige begjæringer: $stored lagret, alle 201 lest tilbake straks gjennom samme instans"
    echo "  og siden gjennom balansereren"
    echo
    echo "Resultat: $([ $fail = 0 ] && echo 'alle kontroller bestått' || echo 'FEIL, se utskriften')."
} >"$RESULT"
echo "skrev $RESULT"
exit $fail
