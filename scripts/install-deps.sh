#!/usr/bin/env bash
# Installs what skattedeling needs; idempotent and quiet when everything is present. Everything
# that needs the network happens here, so builds and tests run offline afterwards.
#   scripts/install-deps.sh [build|test|bench|portal]
#     build  – Debian bookworm packages to build and run, and the portal's npm packages (Swagger UI)
#     test   – build, plus chromium and the npm packages of tests/openapi and portal/ (browser test)
#     bench  – build, plus wrk, nginx and python3
#     portal – chromium only (the portal's browser test)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-build}
pkgs=(build-essential cmake pkg-config ccache
      libboost1.81-dev libboost-json1.81-dev
      libssl-dev libsqlite3-dev sqlite3 libpq-dev postgresql
      libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libbenchmark-dev
      libxml2-dev libxml2-utils curl ca-certificates clang-14 libclang-rt-14-dev
      clang-format)
if [ "$profile" = bench ]; then pkgs+=(wrk nginx-light util-linux procps python3); fi
# tests/openapi and portal/: npm packages pinned by their package-lock.json. An npm that is
# already there (NodeSource's nodejs bundles one and conflicts with Debian's npm) is kept.
command -v npm >/dev/null || pkgs+=(nodejs npm)
if [ "$profile" = portal ]; then pkgs=(chromium); fi
if [ "$profile" = test ]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing packages: ${missing[*]} (run as root, or install them yourself)" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The postgresql package starts a system cluster; tests use their own private one instead.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | while read -r v c; do
      pg_ctlcluster "$v" "$c" stop >/dev/null 2>&1 || true
    done
  fi
fi
# npm packages (pinned by package-lock.json; a no-op when already installed).
case $profile in
  build|bench) bash tests/openapi/npm-ci.sh portal ;;
  test) bash tests/openapi/npm-ci.sh portal && bash tests/openapi/npm-ci.sh tests/openapi ;;
esac
