#!/usr/bin/env bash
# Builds the developer portal's static assets into portal/dist (served at / and /portal):
# our own HTML/JS/CSS plus Swagger UI (swagger-ui-dist) from npm (pinned in portal/package-lock.json,
# installed by scripts/install-deps.sh). Without npm the server still serves a plain page listing
# the OpenAPI documents. Usage: build-portal.sh [outdir]  (the browser test builds its own copy)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-portal/dist}
if ! command -v npm >/dev/null; then
  echo "build-portal: npm is missing; the portal is a plain page without Swagger UI" >&2
  exit 0
fi
bash tests/openapi/npm-ci.sh portal
rm -rf "$out"
mkdir -p "$out/assets"
cp portal/src/index.html "$out/"
cp portal/src/*.js portal/src/*.css "$out/assets/"
cp portal/node_modules/swagger-ui-dist/swagger-ui-bundle.js portal/node_modules/swagger-ui-dist/swagger-ui.css "$out/assets/"
