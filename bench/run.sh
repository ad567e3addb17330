#!/usr/bin/env bash
# `make bench`: generates databases, starts the real server pinned to core 0 (one worker thread,
# access log off), drives it with wrk pinned to core 1 over loopback and writes one Markdown
# table to bench/results/<date>.md. Baselines (nginx, Prism, WireMock) serve the same bytes.
# Knobs: BENCH_DURATION (s per scenario, 10), BENCH_CONNECTIONS (64), BENCH_FULL=1 (adds the
# national 20 M-krav database; takes long), BENCH_PG=0 (skips PostgreSQL), BIN (server binary).
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
OUT=$ROOT/bench/results/$(date +%F).md
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
        --access-log off --demo --sandbox --now $NOW --frozen-clock >"$log" 2>&1 &
    SRV_PID=$!
    PIDS+=("$SRV_PID")
    wait_port "$PORT" "$SRV_PID" 30 || { cat "$log" >&2; echo "serveren startet ikke" >&2; exit 1; }
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
token() { "$BIN" token --key "$KEY" --ttl 86400 "$@"; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# One wrk run against pid $2: appends a table row. Args: label pid url [wrk args...]
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
    python3 - "$label" "$DUR" "$hz" "$c0" "$c1" "$rss" <<PY >> "$ROWS"
import re, sys
label, dur, hz, c0, c1, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
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
note = "; ".join(x for x in (f"{bad.group(1)} non-2xx" if bad else "", err.group(0) if err else "") if x)
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
    run "restanser dibk ($size)" "$T_RES" "$b/api/innkreving/restanser/v2/dibk/$ORG"
    run "aapnekrav, 50 åpne krav ($size)" "$T_KOB" "$b/api/innkreving/kravogbetalinger/v1/regnskapssystem/$ORG/aapnekrav"
    run "krav, ett års periode ($size)" "$T_KOB" "$b/api/innkreving/kravogbetalinger/v1/regnskapssystem/$ORG/krav?fraOgMed=2025-06-15&tilOgMed=2026-06-14"
    run "trekkpålegg, side på 2500 ($size)" "$T_TREKK" "$b/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=2500"
    run "hendelser, side på 1000 ($size)" "$T_HEND" "$b/api/formueinntekt/skatteoppgjoer/hendelser/?fraSekvensnummer=1&antall=1000"
    run "avregning ($size)" "$T_AVR" "$b/api/fastsetting/avregning/v2/ssb/$AAR/$PERSON"
}
curl -s -H "Authorization: Bearer $T_RES" "$B/api/innkreving/restanser/v2/dibk/$ORG" > "$WORK/www/restanser.json"
read_scenarios "1 M krav"
if check "$B/api/utleggsbegjaering/v1" "Authorization: Bearer $T_UTL" POST "$WORK/utlegg-sjekk.json"; then
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
            measure "restanser dibk, tilgangslogg $mode" "$pid" \
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
access_log_scenarios mellom

# The national database under the same read load (RSS and latency at 20 M krav).
if [ -f "$WORK/full.sqlite" ]; then
    start_server full
    read_scenarios "20 M krav"
    stop_pid "$SRV_PID"
fi

# ---- the same restanser request as data grows, computed every time (figures kept per ledger
# version are off, so this is the cost of an organisation asked for the first time) ----
export SKD_RESTANSER_CACHE_ENTRIES=0
for db in liten mellom full; do
    [ -f "$WORK/$db.sqlite" ] || continue
    start_server "$db"
    n=$(json "$WORK/$db.json" 'd["rader"]["krav"]')
    run "restanser dibk ($n krav), uten buffer" "$T_RES" "http://127.0.0.1:$PORT/api/innkreving/restanser/v2/dibk/$ORG"
    stop_pid "$SRV_PID"
done
unset SKD_RESTANSER_CACHE_ENTRIES

# ---- PostgreSQL: the same restanser request on the same generated data. PostgreSQL runs on the
# server's core too (started under taskset, so every backend inherits it); the server blocks its
# worker during a query, so it runs with more worker threads than cores, as ARCHITECTURE.md says ----
if [ "${BENCH_PG:-1}" = 1 ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    PG_DIR=$(mktemp -d /tmp/skd-bench-pg-XXXXXX)
    PG_PORT=$(free_port)
    PG_URL=$(taskset -c 0 "$ROOT/scripts/pg-test-cluster.sh" start "$PG_DIR" "$PG_PORT")
    echo "genererer mellom i PostgreSQL" >&2
    "$BIN" generate --database "$PG_URL" --seed $SEED --persons 200000 --orgs 100000 \
        --krav 1000000 --summary "$WORK/pg.json" --quiet | tail -2 >&2
    for t in 1 4; do
        start_server "$PG_URL" $t
        run "PostgreSQL: restanser dibk (1 M krav), $t tråd(er)" "$T_RES" "http://127.0.0.1:$PORT/api/innkreving/restanser/v2/dibk/$ORG"
        stop_pid "$SRV_PID"
    done
    export SKD_RESTANSER_CACHE_ENTRIES=0
    start_server "$PG_URL" 4
    run "PostgreSQL: restanser dibk (1 M krav), uten buffer" "$T_RES" "http://127.0.0.1:$PORT/api/innkreving/restanser/v2/dibk/$ORG"
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
if command -v nginx >/dev/null; then
    taskset -c 0 nginx -c "$WORK/nginx.conf" -p "$WORK" &
    NGX_PID=$!; PIDS+=("$NGX_PID")
    if wait_port "$NGX_PORT" "$NGX_PID" 10; then
        # nginx's master forks one worker; measure the worker.
        sleep 0.3
        W=$(pgrep -P "$NGX_PID" | head -1)
        measure "nginx, statisk fil (samme bytes)" "${W:-$NGX_PID}" "http://127.0.0.1:$NGX_PORT/v2/dibk/$ORG"
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
if [ ! -d "$ROOT/bench/node_modules" ] && command -v npm >/dev/null; then
    (cd "$ROOT/bench" && npm ci --no-audit --no-fund >/dev/null 2>&1) || note "- npm ci i bench/ feilet (nett?)"
fi
if [ -x "$NM/prism" ]; then
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
if [ -x "$NM/wiremock" ] && command -v java >/dev/null; then
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
if cmake -S "$ROOT" -B "$ROOT/build" -DSKD_BUILD_BENCH=ON >/dev/null &&
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
