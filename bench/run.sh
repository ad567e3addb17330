#!/usr/bin/env bash
# `make bench`: generates databases, starts the real server pinned to core 0 (one worker thread,
# access log off), drives it with wrk pinned to core 1 over loopback and writes one Markdown
# table to bench/results/<date>.md. Baselines (nginx, Prism, WireMock) serve the same bytes.
# Knobs: BENCH_DURATION (s per scenario, 10), BENCH_CONNECTIONS (64), BENCH_FULL=1 (adds the
# national 20 M-krav database; takes long), BENCH_PG=0 (skips PostgreSQL), BIN (server binary),
# BENCH_REUSE=1 (keeps generated databases), BENCH_PARTIES (random parties, 2000),
# BENCH_WRITE_RATE / BENCH_WRITE_BATCH (write stream: lines/s, 500; lines per POST, 10),
# BENCH_OUT (report file), BENCH_ONLY (a comma-separated subset of the sections: les, tilfeldige,
# sider, skriv, pg, grunnlinjer, mikro; the random parties' lists are fetched for every section).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/skattedeling}
DUR=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNECTIONS:-64}
WORK=${BENCH_WORK:-$ROOT/var/bench}
NOW=2026-06-15T10:00:00Z
SEED=42
KEY=$WORK/issuer.pem
export SKD_LOCAL_ISSUER_KEY=$KEY

[ -x "$BIN" ] || { echo "mangler $BIN: kjør make build" >&2; exit 1; }
if [ "${BENCH_REUSE:-0}" = 1 ] && [ -d "$WORK" ]; then
    # Keep the generated databases and their summaries; everything else is per run.
    find "$WORK" -mindepth 1 -maxdepth 1 ! -name '*.sqlite' ! -name 'liten.json' ! -name 'mellom.json' \
        ! -name 'full.json' -exec rm -rf {} +
else
    rm -rf "$WORK"
fi
mkdir -p "$WORK/www" "$ROOT/bench/results"
# Petitions and attachments of this run get their own identifiers, so a reused database
# takes them as new.
NONCE=$(printf '%08x' "$(date +%s)")
# BENCH_OUT names the report; by default bench/results/<date>.md, or <date>-2.md and so on when
# a report of the day is already there.
OUT=${BENCH_OUT:-$ROOT/bench/results/$(date +%F).md}
if [ -z "${BENCH_OUT:-}" ]; then
    n=2
    while [ -e "$OUT" ]; do OUT=$ROOT/bench/results/$(date +%F)-$n.md; n=$((n + 1)); done
fi
ROWS=$WORK/rows.md
NOTES=$WORK/notes.md
: > "$ROWS"; : > "$NOTES"
PIDS=()
PG_DIR=
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "$PG_DIR" ]; then "$ROOT/scripts/pg-test-cluster.sh" stop "$PG_DIR"; rm -rf "$PG_DIR"; fi
}
trap cleanup EXIT
note() { echo "$*" | tee -a "$NOTES" >&2; }
# True when the section named runs (BENCH_ONLY unset, or naming it).
del() { [ -z "${BENCH_ONLY:-}" ] || [[ ",$BENCH_ONLY," == *",$1,"* ]]; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {  # port pid seconds
    for _ in $(seq 1 $(( $3 * 10 ))); do
        kill -0 "$2" 2>/dev/null || return 1
        (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# ---- data ----
generate() {  # name persons orgs krav
    local name=$1
    if [ "${BENCH_REUSE:-0}" = 1 ] && [ -s "$WORK/$name.sqlite" ] && [ -s "$WORK/$name.json" ]; then
        echo "gjenbruker $name" >&2
        return
    fi
    echo "genererer $name: $2 personer, $3 organisasjoner, ~$4 krav" >&2
    "$BIN" generate --database "sqlite://$WORK/$name.sqlite" --seed $SEED --persons "$2" --orgs "$3" \
        --krav "$4" --summary "$WORK/$name.json" --quiet | tail -2 >&2
}
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }

generate liten 2000 1000 10000
generate mellom 200000 100000 1000000
[ "${BENCH_FULL:-0}" = 1 ] && generate full 5500000 1000000 20000000

# ---- servers ----
SRV_PID=; PORT=
start_server() {  # db-name or database URL, [worker threads]
    local db=$1 log
    case $db in *://*) log=$WORK/server-pg.log ;; *) log=$WORK/server-$db.log; db=sqlite://$WORK/$db.sqlite ;; esac
    PORT=$(free_port)
    taskset -c 0 "$BIN" serve --database "$db" --port "$PORT" --threads "${2:-1}" \
        --access-log "${SERVER_ACCESS_LOG:-off}" --demo --sandbox --now $NOW --frozen-clock >"$log" 2>&1 &
    SRV_PID=$!
    PIDS+=("$SRV_PID")
    wait_port "$PORT" "$SRV_PID" 30 || { cat "$log" >&2; echo "serveren startet ikke" >&2; exit 1; }
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
token() { "$BIN" token --key "$KEY" --ttl 86400 "$@"; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One wrk run against pid $2: appends a table row to $ROWS. Args: label pid url [wrk args...]
# MEASURE_NOTE adds to the row's merknad; MEASURE_ONCE=1 notes a URL list (bench/urls.lua)
# that ran out and started over.
measure() {
    local label=$1 pid=$2 url=$3; shift 3
    local hz; hz=$(getconf CLK_TCK)
    echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true  # reset peak RSS to now
    local c0 c1 out
    c0=$(cpu_ticks "$pid")
    out=$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${DUR}s" --latency "$@" "$url" 2>&1)
    c1=$(cpu_ticks "$pid")
    echo "$out" > "$WORK/wrk-$(echo "$label" | tr -c 'a-zA-Z0-9' _).txt"
    local rss; rss=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
    python3 - "$label" "$DUR" "$hz" "$c0" "$c1" "$rss" "${MEASURE_NOTE:-}" "${MEASURE_ONCE:-0}" <<PY >> "$ROWS"
import re, sys
label, dur, hz, c0, c1, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
extra, once = sys.argv[7], sys.argv[8] == "1"
out = """$out"""
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    f = float(m.group(1)); return f / 1000 if m.group(2) == "us" else f * 1000 if m.group(2) == "s" else f
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
err = re.search(r"Socket errors:.*", out)
cpu = (c1 - c0) / hz / dur * 100
wrapped = re.search(r"URL list wrapped (\d+) times", out)
wrapped = f"URL-lista gikk rundt {wrapped.group(1)} gang(er)" if once and wrapped and wrapped.group(1) != "0" else ""
note = "; ".join(x for x in (extra, f"{bad.group(1)} non-2xx" if bad else "", err.group(0) if err else "", wrapped) if x)
print(f"| {label} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {cpu:.0f} % | {rss} | {note} |")
PY
    tail -1 "$ROWS" >&2
}

# Checks one request first so a broken scenario is reported, not benchmarked.
check() {  # url auth-header [method body-file]
    local code
    if [ $# -ge 4 ]; then
        code=$(curl -s -o "$WORK/check.out" -w '%{http_code}' -X "$3" -H "$2" -H 'Content-Type: application/json' --data-binary @"$4" "$1")
    else
        code=$(curl -s -o "$WORK/check.out" -w '%{http_code}' -H "$2" "$1")
    fi
    case $code in 2*) return 0 ;; esac
    note "- $1 svarte $code: $(head -c 300 "$WORK/check.out")"
    return 1
}

ORG=$(json "$WORK/mellom.json" 'd["eksempler"]["org_med_aapne_krav"]')
PLIKTIG=$(json "$WORK/mellom.json" 'd["eksempler"]["trekkpliktig"]')
PERSON=$(json "$WORK/mellom.json" 'd["eksempler"]["person"]')
AAR=$(json "$WORK/mellom.json" 'd["eksempler"]["inntektsaar"]')
INNSENDER=312597772

# Utleggsbegjæring needs the demo innsender and one ready attachment per submission.
N_VEDLEGG=$(( DUR * 12000 ))
python3 - "$ROOT" "$WORK" "$N_VEDLEGG" "$INNSENDER" "$NONCE" <<'PY'
import json, sys
root, work, n, inn, nonce = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
with open(f"{work}/vedlegg.jsonl", "w") as f:
    for i in range(1, n + 1):
        f.write(json.dumps({"type": "vedlegg", "uuid": f"{nonce}-0000-4000-8000-{i:012d}", "innsender": inn,
                            "filnavn": f"bench-{i}.pdf", "status": "klar"}) + "\n")
v = json.load(open(f"{root}/tests/fixtures/utleggsbegjaering/utvidet.json"))
def sett(x):
    if isinstance(x, list):
        for e in x: sett(e)
    elif isinstance(x, dict):
        for k in x:
            if k == "uuid": x[k] = "@UUID@"
            else: sett(x[k])
sett(v)
v["innsenderReferanse"] = "@REF@"
open(f"{work}/utlegg.json", "w").write(json.dumps(v))
b = json.dumps(v).replace("@REF@", f"sjekk-{nonce}").replace("@UUID@", f"{nonce}-0000-4000-8000-{n:012d}")
open(f"{work}/utlegg-sjekk.json", "w").write(b)
PY
"$BIN" import --database "sqlite://$WORK/mellom.sqlite" "$ROOT/data/demo/utleggsbegjaering.jsonl" >/dev/null
"$BIN" import --database "sqlite://$WORK/mellom.sqlite" "$WORK/vedlegg.jsonl" >/dev/null
cat > "$WORK/utlegg.lua" <<LUA
local f = io.open("$WORK/utlegg.json"); local template = f:read("*a"); f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = template:gsub("@REF@", "bench-$NONCE-" .. n)
  body = body:gsub("@UUID@", string.format("$NONCE-0000-4000-8000-%012d", n))
  return wrk.format(nil, nil, nil, body)
end
LUA

start_server mellom
B=http://127.0.0.1:$PORT
T_RES=$(token --scope skatteetaten:restanser)
T_KOB=$(token --scope skatteetaten:kravogbetalinger --systemuser-org "$ORG" --system-id 974761076_regnskap)
T_TREKK=$(token --scope skatteetaten:trekkpaalegg --consumer "$PLIKTIG")
T_HEND=$(token --scope skatteetaten:beregnetskatt)
T_AVR=$(token --scope skatteetaten:avregning)
T_UTL=$(token --scope skatteetaten:utleggsbegjaering --consumer $INNSENDER)

run() {  # label token url [wrk args]
    local label=$1 tok=$2 url=$3; shift 3
    if check "$url" "Authorization: Bearer $tok"; then
        measure "$label" "$SRV_PID" "$url" -H "Authorization: Bearer $tok" "$@"
    fi
}
# The read scenarios against the running server; $1 names the database size.
read_scenarios() {
    local size=$1 b=http://127.0.0.1:$PORT
    run "restanser dibk, én part, beholdte tall ($size)" "$T_RES" "$b/api/innkreving/restanser/v2/dibk/$ORG"
    run "aapnekrav, én part (50 åpne krav), beregnet ($size)" "$T_KOB" "$b/api/innkreving/kravogbetalinger/v1/regnskapssystem/$ORG/aapnekrav"
    run "krav, ett års periode, én part, beregnet ($size)" "$T_KOB" "$b/api/innkreving/kravogbetalinger/v1/regnskapssystem/$ORG/krav?fraOgMed=2025-06-15&tilOgMed=2026-06-14"
    run "trekkpålegg, side på 2500, én trekkpliktig, lagrede visninger ($size)" "$T_TREKK" "$b/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=2500"
    run "hendelser, side på 1000, samme side ($size)" "$T_HEND" "$b/api/formueinntekt/skatteoppgjoer/hendelser/?fraSekvensnummer=1&antall=1000"
    run "avregning, én person, lagret oppgjør ($size)" "$T_AVR" "$b/api/fastsetting/avregning/v2/ssb/$AAR/$PERSON"
}
curl -s -H "Authorization: Bearer $T_RES" "$B/api/innkreving/restanser/v2/dibk/$ORG" > "$WORK/www/restanser.json"
del les && read_scenarios "1 M krav"
del les && if check "$B/api/utleggsbegjaering/v1" "Authorization: Bearer $T_UTL" POST "$WORK/utlegg-sjekk.json"; then
    measure "utleggsbegjæring innsending (varig)" "$SRV_PID" "$B/api/utleggsbegjaering/v1" \
        -H "Authorization: Bearer $T_UTL" -s "$WORK/utlegg.lua"
fi
stop_pid "$SRV_PID"

# ---- the access log's cost: restanser with the default access log, to a file and to stdout
# redirected to a file, against --access-log off, in the same run (target: within 10 %) ----
access_log_scenarios() {  # db-name
    local db=$1 mode pid port log rps_off rps
    local -a rows=()
    for mode in off fil stdout; do
        port=$(free_port)
        case $mode in
            off) log=(--access-log off) ;;
            fil) log=(--access-log "$WORK/access-$db.log") ;;
            stdout) log=() ;;  # the default: "-", here redirected to a file
        esac
        taskset -c 0 "$BIN" serve --database "sqlite://$WORK/$db.sqlite" --port "$port" --threads 1 \
            "${log[@]}" --demo --sandbox --now $NOW --frozen-clock >"$WORK/stdout-$db-$mode.log" 2>&1 &
        pid=$!
        PIDS+=("$pid")
        wait_port "$port" "$pid" 30 || { note "- tilgangslogg ($mode) startet ikke"; stop_pid "$pid"; continue; }
        if check "http://127.0.0.1:$port/api/innkreving/restanser/v2/dibk/$ORG" "Authorization: Bearer $T_RES"; then
            measure "restanser dibk, én part, beholdte tall, tilgangslogg $mode" "$pid" \
                "http://127.0.0.1:$port/api/innkreving/restanser/v2/dibk/$ORG" -H "Authorization: Bearer $T_RES"
            rows+=("$mode=$(tail -1 "$ROWS" | awk -F'|' '{gsub(/[ ,]/, "", $3); print $3}')")
        fi
        stop_pid "$pid"
    done
    for r in "${rows[@]}"; do [ "${r%%=*}" = off ] && rps_off=${r#*=}; done
    [ -n "${rps_off:-}" ] || return 0
    for r in "${rows[@]}"; do
        mode=${r%%=*} rps=${r#*=}
        [ "$mode" = off ] && continue
        note "- tilgangslogg $mode: $(python3 -c "print(f'{100 * $rps / $rps_off:.1f}')") % av req/s med --access-log off (mål: minst 90 %)"
    done
}
del les && access_log_scenarios mellom

# The national database under the same read load (RSS and latency at 20 M krav).
if del les && [ -f "$WORK/full.sqlite" ]; then
    start_server full
    read_scenarios "20 M krav"
    stop_pid "$SRV_PID"
fi

# ---- the same restanser request as data grows, computed every time (figures kept per ledger
# version are off, so this is the cost of an organisation asked for the first time) ----
export SKD_RESTANSER_CACHE_ENTRIES=0
for db in liten mellom full; do
    del les && [ -f "$WORK/$db.sqlite" ] || continue
    start_server "$db"
    n=$(json "$WORK/$db.json" 'd["rader"]["krav"]')
    run "restanser dibk, én part, beregnet (uten beholdte tall), $n krav" "$T_RES" "http://127.0.0.1:$PORT/api/innkreving/restanser/v2/dibk/$ORG"
    stop_pid "$SRV_PID"
done

# ---- computed answers for random parties against nginx serving the same bytes (issue 16.5).
# N organisations drawn (seeded) from the ledger's krav; each party's answer is fetched once from
# our server and written as a static file at the same path for nginx; wrk cycles through the
# URL list (bench/urls.lua, round-robin) against both. Interleaved: ours, nginx, ours, nginx; the
# row pair shown is the round with the lower ratio. Restanser runs with kept figures off
# (SKD_RESTANSER_CACHE_ENTRIES=0, still exported here); aapnekrav and krav keep no figures. ----
N_PARTER=${BENCH_PARTIES:-2000}
LISTS=$WORK/lister
mkdir -p "$LISTS"
NGX_PID=; NGX_W=; NGX_PORT=
start_nginx() {  # root-dir
    NGX_PORT=$(free_port)
    cat > "$WORK/nginx-$NGX_PORT.conf" <<NGX
worker_processes 1;
daemon off;
pid $WORK/nginx-$NGX_PORT.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGX_PORT;
        location / { root $1; default_type application/json; }
    }
}
NGX
    taskset -c 0 nginx -c "$WORK/nginx-$NGX_PORT.conf" -p "$WORK" &
    NGX_PID=$!; PIDS+=("$NGX_PID")
    wait_port "$NGX_PORT" "$NGX_PID" 10 || { note "- nginx startet ikke: $(tail -2 "$WORK/nginx-error.log")"; return 1; }
    sleep 0.3
    NGX_W=$(pgrep -P "$NGX_PID" | head -1)
    NGX_W=${NGX_W:-$NGX_PID}
}
# Picks and fetches the lists of one database: $LISTS/<db>-{restanser,aapnekrav,krav}.list
fetch_lists() {  # db-name
    local db=$1 what path tok
    python3 "$ROOT/bench/parties.py" pick --db "$WORK/$db.sqlite" --n "$N_PARTER" --seed $SEED > "$LISTS/$db-parter.txt"
    rm -rf "$WORK/www-$db"
    for what in restanser aapnekrav krav; do
        case $what in
            restanser) tok=$T_RES path="/api/innkreving/restanser/v2/dibk/{org}" ;;
            aapnekrav) tok=$T_KOB path="/api/innkreving/kravogbetalinger/v1/regnskapssystem/{org}/aapnekrav" ;;
            krav) tok=$T_KOB path="/api/innkreving/kravogbetalinger/v1/regnskapssystem/{org}/krav?fraOgMed=2025-06-15&tilOgMed=2026-06-14" ;;
        esac
        local info
        info=$(python3 "$ROOT/bench/parties.py" fetch --base "http://127.0.0.1:$PORT" --token "$tok" --path "$path" \
            --parties "$LISTS/$db-parter.txt" --www "$WORK/www-$db" --out "$LISTS/$db-$what.list" --n "$N_PARTER") ||
            { note "- $what ($db): $info"; rm -f "$LISTS/$db-$what.list"; continue; }
        note "- tilfeldige parter, $what ($db): $info"
    done
}
# Ours and nginx twice, interleaved, on one URL list; appends the pair of the round with the
# lower ratio. Args: what size target-ratio list
random_vs_nginx() {  # [ours-label nginx-label]
    local what=$1 size=$2 target=$3 list=$4 tmp=$WORK/rows-$1-$$.md r
    : > "$tmp"
    local ours=${5:-"$what, beregnet, tilfeldige parter ($N_PARTER), $size"}
    local ngx=${6:-"nginx, samme bytes, samme parter ($what, $N_PARTER, $size)"}
    for r in 1 2; do
        ROWS=$tmp URL_LIST=$list measure "$ours (runde $r)" "$SRV_PID" "http://127.0.0.1:$PORT" -s "$ROOT/bench/urls.lua"
        ROWS=$tmp URL_LIST=$list measure "$ngx (runde $r)" "$NGX_W" "http://127.0.0.1:$NGX_PORT" -s "$ROOT/bench/urls.lua"
    done
    python3 - "$tmp" "$target" "$NOTES" "${P99_TARGET:-10}" <<'PY' >> "$ROWS"
import re, sys
rows = [l.rstrip("\n") for l in open(sys.argv[1]) if l.startswith("|")]
target = float(sys.argv[2])
cells = [[c.strip() for c in r.strip("|").split("|")] for r in rows]
rps = lambda c: float(c[1].replace(",", ""))
if len(cells) != 4:
    sys.stderr.write(f"random_vs_nginx: {len(cells)} rader\n"); print("\n".join(rows)); sys.exit()
ratios = [rps(cells[0]) / rps(cells[1]), rps(cells[2]) / rps(cells[3])]
i = 0 if ratios[0] <= ratios[1] else 1
ours, ngx = cells[2 * i], cells[2 * i + 1]
p99 = float(ours[3])
p99_target = float(sys.argv[4])  # 0: no latency target for this row
m = (f"{ratios[i]:.2f}× nginx (lavere av to runder: {ratios[0]:.2f} / {ratios[1]:.2f}; mål ≥ {target:.2f}×"
     f"{'' if ratios[i] >= target else ', under målet'})"
     + (f"; p99 {'innenfor' if p99 <= p99_target else 'over'} mål ≤ {p99_target:g} ms" if p99_target else ""))
ours[6] = "; ".join(x for x in (m, ours[6]) if x)
for c in (ours, ngx):
    c[0] = re.sub(r" \(runde \d\)$", "", c[0])
    print("| " + " | ".join(c) + " |")
with open(sys.argv[3], "a") as f:
    f.write(f"- {ours[0]}: runde 1 {cells[0][1]} mot nginx {cells[1][1]} req/s, runde 2 {cells[2][1]} mot {cells[3][1]} req/s\n")
PY
    tail -2 "$ROWS" >&2
}
random_party_scenarios() {  # db-name size
    local db=$1 size=$2 what target
    start_server "$db"
    fetch_lists "$db"
    if del tilfeldige && start_nginx "$WORK/www-$db"; then
        for what in restanser aapnekrav krav; do
            [ -s "$LISTS/$db-$what.list" ] || continue
            case $what in restanser) target=0.30 ;; *) target=0.25 ;; esac
            random_vs_nginx "$what" "$size" $target "$LISTS/$db-$what.list"
        done
    fi
    stop_pid "$NGX_PID"
    stop_pid "$SRV_PID"
}
random_party_scenarios mellom "1 M krav"
del tilfeldige && [ -f "$WORK/full.sqlite" ] && random_party_scenarios full "20 M krav"
unset SKD_RESTANSER_CACHE_ENTRIES

# ---- big pages against nginx serving the same page (issue 16.3: trekkpålegg pages of 2500 and
# hendelser pages of 1000, written into the buffer from covering indexes; target ≥ 0.5×). The
# page is fetched once from our server and stored for nginx under its path (the query string is
# not part of nginx's file name; a path ending in / gets index.html). ----
page_scenarios() {  # db-name size
    local db=$1 size=$2 www=$WORK/www-sider-$1 what tok url path file
    start_server "$db"
    rm -rf "$www"
    for what in trekkpaalegg hendelser; do
        case $what in
            trekkpaalegg) tok=$T_TREKK url="/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=2500" ;;
            hendelser) tok=$T_HEND url="/api/formueinntekt/skatteoppgjoer/hendelser/?fraSekvensnummer=1&antall=1000" ;;
        esac
        path=${url%%\?*}
        file=$www$path
        case $file in */) file=${file}index.html ;; esac
        mkdir -p "$(dirname "$file")"
        curl -sf -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$url" -o "$file" ||
            { note "- side $what: henting feilet"; continue; }
        printf '%s\tBearer %s\n' "$url" "$tok" > "$LISTS/$db-side-$what.list"
    done
    if start_nginx "$www"; then
        for what in trekkpaalegg hendelser; do
            [ -s "$LISTS/$db-side-$what.list" ] || continue
            case $what in
                trekkpaalegg) label="trekkpålegg, side på 2500, lagrede visninger" ;;
                hendelser) label="hendelser, side på 1000" ;;
            esac
            P99_TARGET=0 random_vs_nginx "$what" "$size" 0.50 "$LISTS/$db-side-$what.list" \
                "$label, beregnet hver gang, mot nginx ($size)" "nginx, samme side ($what, $size)"
        done
    fi
    stop_pid "$NGX_PID"
    stop_pid "$SRV_PID"
}
del sider && page_scenarios mellom "1 M krav"

# ---- on a copy of the 1 M-krav database (these scenarios write to it), one sandbox server with
# the default configuration (restanser keeps its figures) ----
if del skriv && [ -s "$LISTS/mellom-restanser.list" ] && [ -s "$LISTS/mellom-aapnekrav.list" ]; then
    cp "$WORK/mellom.sqlite" "$WORK/skriv.sqlite"
    [ -e "$WORK/mellom.sqlite-wal" ] && cp "$WORK/mellom.sqlite-wal" "$WORK/skriv.sqlite-wal"
    start_server skriv
    T_ADMIN=$(token --scope skattedeling:admin)
    # Restanser and aapnekrav of the random parties, alternating.
    paste -d '\n' "$LISTS/mellom-restanser.list" "$LISTS/mellom-aapnekrav.list" > "$LISTS/blandet.list"
    mixed="restanser+aapnekrav, tilfeldige parter ($N_PARTER), 1 M krav, beholdte tall på"

    # B (issue 16.5): the mixed reads without and with a steady stream of ledger writes:
    # innbetaling lines through the control plane (POST /sandbox/v1/data, all lines of a POST in
    # one transaction), BENCH_WRITE_BATCH lines a POST; the writer runs on wrk's core.
    W_RATE=${BENCH_WRITE_RATE:-500}
    W_BATCH=${BENCH_WRITE_BATCH:-10}
    # Interleaved: without, with, without, with; the pair shown is the round with the larger loss.
    tmp=$WORK/rows-skriv.md
    : > "$tmp"
    for r in 1 2; do
        ROWS=$tmp URL_LIST=$LISTS/blandet.list measure "$mixed, uten skrivestrøm (runde $r)" "$SRV_PID" \
            "http://127.0.0.1:$PORT" -s "$ROOT/bench/urls.lua"
        taskset -c 1 python3 "$ROOT/bench/parties.py" stream --base "http://127.0.0.1:$PORT" --token "$T_ADMIN" \
            --parties "$LISTS/mellom-parter.txt" --nonce "$NONCE-$r" --date 2026-06-15 --rate "$W_RATE" \
            --batch "$W_BATCH" --duration $(( DUR + 2 )) --out "$WORK/skrivestrom-$r.json" 2>>"$NOTES" &
        SP=$!; PIDS+=("$SP")
        sleep 1
        ROWS=$tmp URL_LIST=$LISTS/blandet.list measure "$mixed, med skrivestrøm (runde $r)" "$SRV_PID" \
            "http://127.0.0.1:$PORT" -s "$ROOT/bench/urls.lua"
        wait "$SP" || note "- skrivestrømmen feilet (runde $r)"
    done
    python3 - "$tmp" "$WORK/skrivestrom-1.json" "$WORK/skrivestrom-2.json" "$NOTES" <<'PY' >> "$ROWS"
import json, os, re, sys
rows = [l.rstrip("\n") for l in open(sys.argv[1]) if l.startswith("|")]
cells = [[c.strip() for c in r.strip("|").split("|")] for r in rows]
if len(cells) != 4 or not all(os.path.exists(f) for f in sys.argv[2:4]):
    sys.stderr.write("skrivestrøm: mangler rader eller resultat\n"); print("\n".join(rows)); sys.exit()
rps = lambda c: float(c[1].replace(",", ""))
w = [json.load(open(f)) for f in sys.argv[2:4]]
loss = [100 * (1 - rps(cells[2 * k + 1]) / rps(cells[2 * k])) for k in (0, 1)]
i = 0 if loss[0] >= loss[1] else 1
d = w[i]
without, with_ = cells[2 * i], cells[2 * i + 1]
with_[6] = "; ".join(x for x in (
    f"{d['per_sekund']:,.0f} ledger-skrivinger/s oppnådd (mål {d['maal']:,.0f}/s); lesing {abs(loss[i]):.1f} % "
    f"{'lavere' if loss[i] >= 0 else 'høyere'} enn uten "
    f"(tap i to runder: {loss[0]:.1f} / {loss[1]:.1f} %, det største vist; mål ≤ 20 %{'' if loss[i] <= 20 else ', over målet'})",
    with_[6]) if x)
for c in (without, with_):
    c[0] = re.sub(r" \(runde \d\)$", "", c[0])
    print("| " + " | ".join(c) + " |")
with open(sys.argv[4], "a") as f:
    for k in (0, 1):
        d = w[k]
        f.write(f"- skrivestrøm runde {k + 1}: {d['per_sekund']:,.0f} innbetalingslinjer/s ({d['linjer']:,} linjer i "
                f"{d['poster']:,} POST /sandbox/v1/data, {d['feilet']} feilet, POST p50 {d['p50_ms']:.1f} ms, "
                f"p99 {d['p99_ms']:.1f} ms); lesing {rps(cells[2 * k + 1]):,.0f} med mot {rps(cells[2 * k]):,.0f} req/s uten\n")
PY
    tail -2 "$ROWS" >&2

    # C (issue 18): first touch in sandbox mode. Each request names a MOD11-valid organisation
    # number the ledger does not know (each number once), so the server makes a synthetic party
    # (one write transaction) and answers restanser from it. The cost of one first touch is
    # measured at a steady rate below saturation (one connection, a pause of 5 ms after each
    # answer: ~150 new parties a second), as the client sees it (wrk) and as the server timed it
    # (its access log), overall and by the size of the party made; then back to back on one
    # connection and on $CONNS (saturation: throughput). Known parties' restanser before, beside
    # a steady first-touch stream (the same 5 ms pause, on wrk's core) and after.
    # The server is started again with an access log (for the server's own times only).
    stop_pid "$SRV_PID"
    SERVER_ACCESS_LOG=$WORK/access-foerste.log start_server skriv
    known="restanser, kjente tilfeldige parter ($N_PARTER), beholdte tall, sandkasse"
    URL_LIST=$LISTS/mellom-restanser.list measure "$known, før første berøringer" \
        "$SRV_PID" "http://127.0.0.1:$PORT" -s "$ROOT/bench/urls.lua"
    orgs() { sqlite3 "$WORK/skriv.sqlite" 'SELECT count(*) FROM part WHERE length(identifikator) = 9' 2>/dev/null || echo 0; }
    per=$(( DUR * ${BENCH_FIRST_TOUCH_PER_S:-8000} ))
    python3 "$ROOT/bench/parties.py" new-orgs --db "$WORK/skriv.sqlite" --n $(( 4 * per )) \
        --path "/api/innkreving/restanser/v2/dibk/{org}" --out "$LISTS/nye.list"
    for k in 1 2 3 4; do
        sed -n "$(( (k - 1) * per + 1 )),$(( k * per ))p" "$LISTS/nye.list" > "$LISTS/nye-$k.list"
    done
    ft="restanser, første berøring: nytt gyldig org.nr. per forespørsel, sandkasse"
    o0=$(orgs)
    if check "http://127.0.0.1:$PORT$(tail -1 "$LISTS/nye.list" | cut -f1)" "Authorization: Bearer $T_RES"; then
        URL_PAUSE_MS=5 URL_LIST=$LISTS/nye-1.list MEASURE_ONCE=1 MEASURE_NOTE="mål p99 ≤ 5 ms for en typisk part; serverens egne tider under tabellen" \
            measure "$ft, 1 forbindelse, jevn takt (5 ms pause etter hvert svar)" "$SRV_PID" \
            "http://127.0.0.1:$PORT" -H "Authorization: Bearer $T_RES" -s "$ROOT/bench/urls.lua" -c1
        o1=$(orgs)
        python3 "$ROOT/bench/parties.py" touches --log "$WORK/access-foerste.log" --urls "$LISTS/nye-1.list" \
            --db "$WORK/skriv.sqlite" --out "$WORK/foerste.json"
        note "- første berøring i jevn takt, serverens egen tid per forespørsel (tilgangsloggen): $(python3 - "$WORK/foerste.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = d["alle"]["n"] or 1
f = lambda k: f"p50 {d[k]['p50_ms']:.2f} ms, p90 {d[k]['p90_ms']:.2f} ms, p99 {d[k]['p99_ms']:.2f} ms"
print(f"alle {d['alle']['n']:,}: {f('alle')}; typiske parter (≤ {d['typisk_grense']} krav, "
      f"{100 * d['typiske']['n'] / n:.0f} %): {f('typiske')}; lang hale (over {d['typisk_grense']} krav, "
      f"{100 * d['lang_hale']['n'] / n:.0f} %): {f('lang_hale')}")
PY
)"
        URL_LIST=$LISTS/nye-2.list MEASURE_ONCE=1 MEASURE_NOTE="metning" \
            measure "$ft, 1 forbindelse, fortløpende" "$SRV_PID" \
            "http://127.0.0.1:$PORT" -H "Authorization: Bearer $T_RES" -s "$ROOT/bench/urls.lua" -c1
        o2=$(orgs)
        URL_LIST=$LISTS/nye-3.list MEASURE_ONCE=1 MEASURE_NOTE="metning" \
            measure "$ft, $CONNS forbindelser" "$SRV_PID" \
            "http://127.0.0.1:$PORT" -H "Authorization: Bearer $T_RES" -s "$ROOT/bench/urls.lua"
        o3=$(orgs)
        note "- første berøring: $(( o1 - o0 - 1 )) nye organisasjoner på ${DUR} s i jevn takt, $(( o2 - o1 )) fortløpende på 1 forbindelse, $(( o3 - o2 )) på $CONNS (hver forespørsel et nytt nummer)"
        URL_PAUSE_MS=5 URL_LIST=$LISTS/nye-4.list taskset -c 1 wrk -t1 -c1 -d$(( DUR + 2 ))s --latency -H "Authorization: Bearer $T_RES" \
            -s "$ROOT/bench/urls.lua" "http://127.0.0.1:$PORT" > "$WORK/wrk-foerste-beroering-ved-siden.txt" 2>&1 &
        FP=$!; PIDS+=("$FP")
        sleep 1
        MEASURE_NOTE="de første berøringene ved siden av: under tabellen" URL_LIST=$LISTS/mellom-restanser.list \
            measure "$known, samtidig med første berøringer i jevn takt (1 forbindelse)" "$SRV_PID" \
            "http://127.0.0.1:$PORT" -s "$ROOT/bench/urls.lua" -c$(( CONNS - 1 ))
        wait "$FP" || true
        note "- første berøringer i jevn takt ved siden av kjente parter (1 forbindelse, 5 ms pause): $(python3 - "$WORK/wrk-foerste-beroering-ved-siden.txt" <<'PY'
import re, sys
out = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    f = float(m.group(1)); return f / 1000 if m.group(2) == "us" else f * 1000 if m.group(2) == "s" else f
try:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    print(f"{rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms" + (f", {bad.group(1)} non-2xx" if bad else ""))
except Exception:
    print("wrk ga ingen tall: " + out[-200:].replace("\n", " "))
PY
)"
    fi
    URL_LIST=$LISTS/mellom-restanser.list measure "$known, etter første berøringer" \
        "$SRV_PID" "http://127.0.0.1:$PORT" -s "$ROOT/bench/urls.lua"
    stop_pid "$SRV_PID"
    rm -f "$WORK"/skriv.sqlite*
fi

# ---- PostgreSQL: the same restanser request on the same generated data. PostgreSQL runs on the
# server's core too (started under taskset, so every backend inherits it); the server blocks its
# worker during a query, so it runs with more worker threads than cores, as ARCHITECTURE.md says ----
if del pg && [ "${BENCH_PG:-1}" = 1 ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    PG_DIR=$(mktemp -d /tmp/skd-bench-pg-XXXXXX)
    PG_PORT=$(free_port)
    PG_URL=$(taskset -c 0 "$ROOT/scripts/pg-test-cluster.sh" start "$PG_DIR" "$PG_PORT")
    echo "genererer mellom i PostgreSQL" >&2
    "$BIN" generate --database "$PG_URL" --seed $SEED --persons 200000 --orgs 100000 \
        --krav 1000000 --summary "$WORK/pg.json" --quiet | tail -2 >&2
    for t in 1 4; do
        start_server "$PG_URL" $t
        run "PostgreSQL: restanser dibk, én part, beholdte tall (1 M krav), $t tråd(er)" "$T_RES" "http://127.0.0.1:$PORT/api/innkreving/restanser/v2/dibk/$ORG"
        stop_pid "$SRV_PID"
    done
    export SKD_RESTANSER_CACHE_ENTRIES=0
    start_server "$PG_URL" 4
    run "PostgreSQL: restanser dibk, én part, beregnet (uten beholdte tall) (1 M krav), 4 tråder" "$T_RES" "http://127.0.0.1:$PORT/api/innkreving/restanser/v2/dibk/$ORG"
    stop_pid "$SRV_PID"
    unset SKD_RESTANSER_CACHE_ENTRIES
    "$ROOT/scripts/pg-test-cluster.sh" stop "$PG_DIR"; rm -rf "$PG_DIR"; PG_DIR=
else
    note "- PostgreSQL hoppet over (BENCH_PG=0 eller ikke installert)"
fi

# ---- baselines: the identical restanser bytes ----
NGX_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<NGX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$NGX_PORT;
        location / { root $WORK/www; default_type application/json; try_files /restanser.json =404; }
    }
}
NGX
if ! del grunnlinjer; then
    :
elif command -v nginx >/dev/null; then
    taskset -c 0 nginx -c "$WORK/nginx.conf" -p "$WORK" &
    NGX_PID=$!; PIDS+=("$NGX_PID")
    if wait_port "$NGX_PORT" "$NGX_PID" 10; then
        # nginx's master forks one worker; measure the worker.
        sleep 0.3
        W=$(pgrep -P "$NGX_PID" | head -1)
        measure "nginx, statisk fil (samme bytes som restanser, én part)" "${W:-$NGX_PID}" "http://127.0.0.1:$NGX_PORT/v2/dibk/$ORG"
    else
        note "- nginx startet ikke: $(tail -2 "$WORK/nginx-error.log")"
    fi
    stop_pid "$NGX_PID"
else
    note "- nginx mangler (nginx-light); hoppet over"
fi

python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
body = json.load(open(f"{work}/www/restanser.json"))
spec = {"openapi": "3.0.3", "info": {"title": "restanser (bench)", "version": "2"},
        "paths": {"/v2/dibk/{org}": {"get": {"parameters": [{"name": "org", "in": "path", "required": True, "schema": {"type": "string"}}],
                  "responses": {"200": {"description": "ok", "content": {"application/json": {"example": body}}}}}}}}
json.dump(spec, open(f"{work}/openapi.json", "w"))
import os
os.makedirs(f"{work}/wiremock/mappings", exist_ok=True)
json.dump({"request": {"method": "GET", "urlPathPattern": "/v2/dibk/.*"},
           "response": {"status": 200, "body": open(f"{work}/www/restanser.json").read(),
                        "headers": {"Content-Type": "application/json"}}},
          open(f"{work}/wiremock/mappings/restanser.json", "w"))
PY

NM=$ROOT/bench/node_modules/.bin
if del grunnlinjer && [ ! -d "$ROOT/bench/node_modules" ] && command -v npm >/dev/null; then
    (cd "$ROOT/bench" && npm ci --no-audit --no-fund >/dev/null 2>&1) || note "- npm ci i bench/ feilet (nett?)"
fi
if ! del grunnlinjer; then
    :
elif [ -x "$NM/prism" ]; then
    P=$(free_port)
    taskset -c 0 "$NM/prism" mock -h 127.0.0.1 -p "$P" "$WORK/openapi.json" >"$WORK/prism.log" 2>&1 &
    PP=$!; PIDS+=("$PP")
    if wait_port "$P" "$PP" 60; then
        measure "Prism mock (samme eksempel)" "$PP" "http://127.0.0.1:$P/v2/dibk/$ORG"
    else
        note "- Prism startet ikke: $(tail -3 "$WORK/prism.log" | tr '\n' ' ')"
    fi
    stop_pid "$PP"
else
    note "- Prism hoppet over: bench/node_modules mangler @stoplight/prism-cli (npm ci i bench/ feilet eller ble ikke kjørt)"
fi
if ! del grunnlinjer; then
    :
elif [ -x "$NM/wiremock" ] && command -v java >/dev/null; then
    P=$(free_port)
    taskset -c 0 "$NM/wiremock" --port "$P" --bind-address 127.0.0.1 --root-dir "$WORK/wiremock" \
        --no-request-journal --disable-request-logging >"$WORK/wiremock.log" 2>&1 &
    WP=$!; PIDS+=("$WP")
    if wait_port "$P" "$WP" 60; then
        JP=$(pgrep -f "wiremock.*--port $P" | grep -v "^$WP\$" | tail -1)
        measure "WireMock (samme eksempel)" "${JP:-$WP}" "http://127.0.0.1:$P/v2/dibk/$ORG"
    else
        note "- WireMock startet ikke: $(tail -3 "$WORK/wiremock.log" | tr '\n' ' ')"
    fi
    stop_pid "$WP"
    [ -n "${JP:-}" ] && stop_pid "$JP"
else
    note "- WireMock hoppet over: bench/node_modules mangler wiremock eller java mangler"
fi

# ---- micro-benchmarks (Google Benchmark, beside their code; SKD_BUILD_BENCH) ----
MICRO=$WORK/micro.md
: > "$MICRO"
if ! del mikro; then
    :
elif cmake -S "$ROOT" -B "$ROOT/build" -DSKD_BUILD_BENCH=ON >/dev/null &&
    cmake --build "$ROOT/build" -j"${JOBS:-2}" --target bench_token bench_encoding bench_ledger >/dev/null; then
    for b in bench_token bench_encoding bench_ledger; do
        exe=$(find "$ROOT/build/src" -name "$b" -type f -executable | head -1)
        [ -n "$exe" ] || { note "- $b ble ikke bygget"; continue; }
        echo "kjører $b" >&2
        taskset -c 0 "$exe" --benchmark_format=json --benchmark_min_time=0.3 >"$WORK/$b.json" 2>/dev/null ||
            { note "- $b feilet"; continue; }
        python3 - "$WORK/$b.json" "$b" >>"$MICRO" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
for r in d["benchmarks"]:
    ns = r["real_time"] * scale[r.get("time_unit", "ns")]
    extra = ""
    if "bytes_per_second" in r: extra = f"{r['bytes_per_second'] / 1e6:,.0f} MB/s"
    elif "items_per_second" in r: extra = f"{r['items_per_second'] / 1e6:,.1f} M elementer/s"
    print(f"| {sys.argv[2]} | {r['name']} | {ns:,.0f} | {extra} |")
PY
    done
else
    note "- mikro-benchmarkene ble ikke bygget (libbenchmark-dev?)"
fi

# ---- report ----
{
    echo "# Benchmark $(date +%F)"
    echo
    echo "Maskin: $(nproc) kjerner, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB minne."
    echo "Server og baselines på kjerne 0 (én tråd/worker), wrk på kjerne 1, $CONNS forbindelser, ${DUR} s per scenario, loopback."
    echo "Hver rad sier hva den måler: *én part* (samme forespørsel hele tiden) eller *tilfeldige parter*"
    echo "($N_PARTER organisasjoner trukket med frø $SEED blant partene med krav i databasen; wrk går gjennom"
    echo "URL-lista med bench/urls.lua), og for restanser *beholdte tall* (aggregatet holdt per part og"
    echo "ledger-versjon) eller *beregnet* (SKD_RESTANSER_CACHE_ENTRIES=0: regnet ut for hver forespørsel;"
    echo "aapnekrav og krav holder ingen tall og er alltid beregnet). nginx-radene «samme bytes, samme parter»"
    echo "serverer hver parts svar fra vår server som statisk fil på samme sti (én worker, ingen tilgangslogg,"
    echo "keepalive_requests 1000000), målt vekselvis med vår (vår, nginx, vår, nginx); raden viser runden med"
    echo "lavest forhold. Første berøring og skrivestrømmen kjører på en kopi av 1 M-databasen."
    python3 - "$WORK" "$SEED" <<'PY'
import json, os, sys
work, seed = sys.argv[1], sys.argv[2]
dbs = [(n, json.load(open(f"{work}/{n}.json"))) for n in ("liten", "mellom", "full") if os.path.exists(f"{work}/{n}.json")]
print(f"Databaser (SQLite, `skattedeling generate --seed {seed}`): " +
      "; ".join(f"{n}: {d['rader']['krav']:,} krav, {d['totalt']:,} rader" for n, d in dbs) + ".")
for n, d in dbs:
    if n == "mellom":
        print(f"Generator ({n}): {d['ledger_rader_per_sekund']:,.0f} ledger-rader/s i ledger-fasen, "
              f"{d['rader_per_sekund']:,.0f} rader/s for hele kjøringen inkl. indeksbygging.")
PY
    echo
    echo "| Scenario | req/s | p50 ms | p99 ms | server-CPU | topp-RSS MB | merknad |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    cat "$ROWS"
    if [ -s "$MICRO" ]; then
        echo
        echo "Mikro-benchmarks (Google Benchmark, kjerne 0, én tråd der ikke annet står):"
        echo
        echo "| Program | Benchmark | ns per kall | gjennomstrømning |"
        echo "|---|---|---:|---:|"
        cat "$MICRO"
    fi
    if [ -s "$NOTES" ]; then echo; cat "$NOTES"; fi
} > "$OUT"
echo >&2
cat "$OUT"
echo "skrevet til ${OUT#$ROOT/}" >&2
