#!/usr/bin/env bash
# Installs the Debian bookworm packages skattedeling needs; idempotent and quiet when all
# are present. Usage: scripts/install-deps.sh [build|bench|portal]
set -euo pipefail
profile=${1:-build}
pkgs=(build-essential cmake pkg-config
      libboost1.81-dev libboost-json1.81-dev
      libssl-dev libsqlite3-dev sqlite3 libpq-dev postgresql
      libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libbenchmark-dev
      libxml2-dev libxml2-utils curl ca-certificates clang-14 libclang-rt-14-dev
      clang-format)
if [ "$profile" = bench ]; then pkgs+=(wrk nginx-light util-linux procps python3); fi
# tests/openapi and portal/: npm packages pinned by their package-lock.json. An npm that is
# already there (NodeSource's nodejs bundles one and conflicts with Debian's npm) is kept.
command -v npm >/dev/null || pkgs+=(nodejs npm)
if [ "$profile" = portal ]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "mangler pakker: ${missing[*]} (kjør som root, eller installer dem selv)" >&2
  exit 1
fi
echo "installerer: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The postgresql package starts a system cluster; tests use their own private one instead.
if command -v pg_lsclusters >/dev/null && [ "$(id -u)" = 0 ]; then
  pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | while read -r v c; do
    pg_ctlcluster "$v" "$c" stop >/dev/null 2>&1 || true
  done
fi
