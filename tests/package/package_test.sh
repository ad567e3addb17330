#!/usr/bin/env bash
# CTest `package_deb`: builds the Debian package from this build tree (CPack DEB), unpacks it
# into a scratch root (dpkg-deb -x) and checks its contents, then serves requests from the
# installed binary against a scratch database: the restanser demo answer after importing the
# demo data, the OpenAPI documents and the portal found under the package's share/ folder.
# With CI=true as root it also installs the package with dpkg -i (the postinst creates the user
# and /var/lib/skattedeling) and purges it again.
#   package_test.sh <build dir> <source dir>
set -euo pipefail
build=$1
src=$2
for t in cpack dpkg-deb curl; do
  command -v $t >/dev/null || { echo "skipped: $t is missing"; exit 77; }
done
work=$(mktemp -d /tmp/skd-package-XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The package.
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/skattedeling_*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -I "$deb" >"$work/info"
grep -q '^ Package: skattedeling$' "$work/info" || fail "package name"
grep -q '^ Depends:.*adduser' "$work/info" || fail "Depends lacks adduser"
grep -q '^ Depends:.*libsqlite3' "$work/info" || fail "Depends lacks the shared libraries (shlibdeps)"
dpkg-deb -e "$deb" "$work/control"
grep -qx '/etc/skattedeling/config.json' "$work/control/conffiles" || fail "conffiles"
sh -n "$work/control/postinst" && grep -q 'adduser --system' "$work/control/postinst" \
  || fail "postinst does not create the user"

# 2. Its files.
root=$work/root
dpkg-deb -x "$deb" "$root"
for f in usr/bin/skattedeling usr/share/skattedeling/openapi/index.json \
         usr/share/skattedeling/openapi/restanser.json usr/share/skattedeling/xsd/feil-v1.xsd \
         etc/skattedeling/config.json usr/lib/systemd/system/skattedeling.service \
         usr/share/man/man1/skattedeling.1.gz usr/share/doc/skattedeling/cli-help.txt \
         usr/share/doc/skattedeling/config.json.example; do
  [ -f "$root/$f" ] || fail "missing /$f"
done
if [ -f "$src/portal/dist/index.html" ]; then
  [ -f "$root/usr/share/skattedeling/portal/index.html" ] || fail "missing the portal"
fi
unit=$root/usr/lib/systemd/system/skattedeling.service
for l in 'User=skattedeling' 'ProtectSystem=strict' 'StateDirectory=skattedeling' \
         'NoNewPrivileges=yes' 'Restart=on-failure' \
         'ExecStart=/usr/bin/skattedeling serve --config /etc/skattedeling/config.json'; do
  grep -qx -- "$l" "$unit" || fail "the unit lacks $l"
done
grep -q 'sqlite:///var/lib/skattedeling/' "$root/etc/skattedeling/config.json" \
  || fail "the config does not keep the database in /var/lib/skattedeling"
if command -v systemd-analyze >/dev/null; then
  # Only the unit's own syntax; the binary path is checked against the unpacked root below.
  sed "s|/usr/bin/skattedeling|$root/usr/bin/skattedeling|" "$unit" >"$work/skattedeling.service"
  systemd-analyze verify "$work/skattedeling.service" 2>&1 | grep -v -E 'Cannot add dependency|not found|Failed to' \
    | grep -i -E 'unknown|invalid|error' && fail "systemd-analyze verify"
fi
zcat "$root/usr/share/man/man1/skattedeling.1.gz" >"$work/man.1"
grep -q '^\.SS skattedeling token samtykke' "$work/man.1" || fail "the man page lacks a subcommand"
bash "$src/tests/package/no_build_paths.sh" "$root/usr/bin/skattedeling" "$src" "$build"

# 3. The installed binary serves a request on a scratch database.
bin=$root/usr/bin/skattedeling
"$bin" --version
db="sqlite://$work/db.sqlite"
# The shipped configuration loads (its database is overridden to the scratch one).
"$bin" migrate --config "$root/etc/skattedeling/config.json" --database "$db" >/dev/null
"$bin" migrate --config "$root/usr/share/doc/skattedeling/config.json.example" --database "$db" >/dev/null
for f in "$src"/data/demo/*.jsonl; do "$bin" import --quiet --database "$db" "$f" >/dev/null; done
export SKD_LOCAL_ISSUER_KEY=$work/issuer.pem
(cd "$work" && exec "$bin" serve --config "$root/etc/skattedeling/config.json" --database "$db" \
  --demo --sandbox --port 0 --port-file "$work/port" --threads 1 --access-log off \
  --now 2026-06-15T10:00:00Z --frozen-clock >"$work/server.log" 2>&1) &
pid=$!
for _ in $(seq 300); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; fail "the server stopped"; }
  sleep 0.1
done
[ -s "$work/port" ] || { cat "$work/server.log"; fail "the server did not start"; }
base=http://127.0.0.1:$(cat "$work/port")
# Token lifetimes follow the real clock (a real Maskinporten token is minted now), whatever the
# data's clock says.
tok=$("$bin" token --scope skatteetaten:restanser)
curl -sf -H "Authorization: Bearer $tok" "$base/api/innkreving/restanser/v2/dibk/310111643" \
  >"$work/restanser.json" || {
  curl -s -H "Authorization: Bearer $tok" "$base/api/innkreving/restanser/v2/dibk/310111643"
  fail "restanser"
}
grep -q '"forespurteOrganisasjon":"310111643"' "$work/restanser.json" || fail "restanser body: $(cat "$work/restanser.json")"
curl -sf "$base/openapi/restanser.json" >"$work/restanser-openapi.json" || fail "OpenAPI document"
grep -q '"openapi"' "$work/restanser-openapi.json" || fail "OpenAPI document not served"
curl -sf "$base/" >"$work/index.html" || fail "portal"
if [ -f "$root/usr/share/skattedeling/portal/index.html" ]; then
  cmp -s "$work/index.html" "$root/usr/share/skattedeling/portal/index.html" || fail "portal index"
fi
grep -q "assets from $root/usr/share/skattedeling" "$work/server.log" \
  || { cat "$work/server.log"; fail "assets not found under the package's share folder"; }
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

# 4. CI as root: the real installation, then a purge.
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ] && ! dpkg -s skattedeling >/dev/null 2>&1; then
  dpkg -i "$deb"
  getent passwd skattedeling >/dev/null || fail "postinst did not create the user"
  [ "$(stat -c %U /var/lib/skattedeling)" = skattedeling ] || fail "/var/lib/skattedeling owner"
  /usr/bin/skattedeling --version
  dpkg --purge skattedeling
  ! getent passwd skattedeling >/dev/null || fail "purge left the user"
  echo "dpkg -i and --purge: ok"
fi
echo "package: ok"
