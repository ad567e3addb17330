#!/usr/bin/env bash
# `make package`: the Debian package of the server (CPack DEB, cmake/SkdPackage.cmake) in
# build/package/: the binary, the portal, the OpenAPI documents and XSDs, /etc/skattedeling,
# the systemd unit and the --help texts. Install with: apt install ./build/package/skattedeling_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
bash scripts/build.sh --quiet skattedeling skd_help_texts
bash scripts/build-portal.sh
(cd "$dir" && cpack -G DEB >cpack.log 2>&1) || { cat "$dir/cpack.log" >&2; exit 1; }
ls -1 "$dir"/package/*.deb
