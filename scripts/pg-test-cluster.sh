#!/usr/bin/env bash
# Starts or stops a private PostgreSQL for tests: own data directory and port, run as the
# `postgres` user (initdb refuses root). Prints the connection URL on start.
#   scripts/pg-test-cluster.sh start [DIR] [PORT]   |   scripts/pg-test-cluster.sh stop [DIR]
#   scripts/pg-test-cluster.sh standby DIR PORT PRIMARY_PORT
#     a hot standby of the cluster on PRIMARY_PORT (pg_basebackup, streaming replication) in
#     its own directory and port; prints its URL. `stop DIR` stops it like any cluster.
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/skd-pg-$(id -u)}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (scripts/install-deps.sh)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
  fi
  if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=500" start >/dev/null
  fi
  for db in skd_test skd_e2e; do
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" \
      | grep -q 1 || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  done
  echo "postgresql://postgres@127.0.0.1:$port/skd_test"
  ;;
standby)
  primary_port=${4:?bruk: $0 standby DIR PORT PRIMARY_PORT}
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    # -R writes primary_conninfo and standby.signal: the copy starts as a streaming standby.
    as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/data" \
      -R -X stream -c fast --no-sync
  fi
  if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    # A standby needs max_connections at least the primary's; hot_standby_feedback keeps the
    # primary's vacuum from cancelling reads that run on the standby.
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=500 -c hot_standby=on -c hot_standby_feedback=on" start >/dev/null
  fi
  echo "postgresql://postgres@127.0.0.1:$port/skd_test"
  ;;
stop)
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  ;;
*) echo "usage: $0 start|stop|standby [DIR] [PORT] [PRIMARY_PORT]" >&2; exit 2 ;;
esac
