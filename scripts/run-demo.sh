#!/usr/bin/env bash
# `make run`: builds a fresh demo database from data/demo/, prints ready-to-paste curl
# commands with long-lived local tokens, and serves on 127.0.0.1:${PORT:-8080} until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/skattedeling
port=${PORT:-8080}
mkdir -p var
db=var/demo.sqlite
# A running server holds $db.lock (flock, with its pid): never pull the database from under it.
if [ -e "$db.lock" ] && ! flock -n "$db.lock" true; then
    holder=$(head -c 20 "$db.lock" | tr -dc 0-9)
    echo "run-demo: $db brukes av en kjørende server (prosess ${holder:-ukjent}); stopp den først (kill ${holder:-<pid>}) før en ny demo" >&2
    exit 1
fi
rm -f "$db" "$db-wal" "$db-shm"
"$bin" migrate --database "sqlite://$db" >/dev/null
for f in data/demo/*.jsonl; do "$bin" import --quiet --database "sqlite://$db" "$f" >/dev/null; done
export SKD_LOCAL_ISSUER_KEY=var/local-issuer.pem
tok() { "$bin" token --ttl 86400 "$@"; }
base=http://127.0.0.1:$port
cat <<MSG

skattedeling – demo at $base (SQLite: $db, open grants, local token issuer)
The tokens below last a day. Make new ones with: $bin token --scope <scope> [--consumer <orgnr>]
The developer portal (API list, try-it with Swagger UI, sandbox pages: clock, journal, faults, states, test data): $base/

# Restanser v2 (dibk)
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:restanser)" $base/api/innkreving/restanser/v2/dibk/310111643

# Restanser v2 (ebevis, Altinn 3 consent inside the token), as XML
curl -s -H "Accept: application/xml" -H "Authorization: Bearer $(tok --scope skatteetaten:restanser --consent-from 310111643 --consent-resource digdir-restanser-skatteetaten)" $base/v2/ebevis/310111643

# Krav og betalinger: open claims (regnskapssystem, system user for 212201782)
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:kravogbetalinger --systemuser-org 212201782 --system-id demo_system)" $base/api/innkreving/kravogbetalinger/v1/regnskapssystem/212201782/aapnekrav

# Krav og betalinger: claims in a period (finans, consent in the AltinnSamtykke header)
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:kravogbetalinger)" -H "AltinnSamtykke: $("$bin" token samtykke --ttl 86400 --services 5928_202301 --offered-by 212201782 --covered-by 974761076)" "$base/api/innkreving/kravogbetalinger/v1/finans/212201782/krav?fraOgMed=2023-01-01&tilOgMed=2023-09-01"

# Trekkpålegg (trekkpliktig 123456789)
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:trekkpaalegg --consumer 123456789)" "$base/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=2500"

# Avregning v2
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:avregning)" $base/v2/ssb/2024/20463518646

# Skatteoppgjør hendelser
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:avregning)" "$base/v1/hendelser?fraSekvensnummer=1&antall=10"

# Siste tilgjengelige skatteoppgjør
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:summertskattegrunnlag)" $base/v1/20463518646

# Utleggsbegjæring: validate the demo petition (204 = valid; POST to .../v1 without /valider submits it)
curl -s -i -X POST -H "Content-Type: application/json" -H "Authorization: Bearer $(tok --scope skatteetaten:utleggsbegjaering --consumer 312597772)" --data @data/demo/utleggsbegjaering-eksempel.json $base/api/utleggsbegjaering/v1/valider

# Any valid organisation number is a party (made on first touch); the sandbox control plane
# moves the data's clock a month ahead, and reset brings back the demo world (README, Sandbox)
curl -s -H "Authorization: Bearer $(tok --scope skatteetaten:restanser)" $base/api/innkreving/restanser/v2/dibk/315441781
curl -s -X POST -H "Content-Type: application/json" -H "Authorization: Bearer $(tok --scope skattedeling:admin)" --data '{"dager": 30}' $base/sandbox/v1/klokke/frem
curl -s -X POST -H "Authorization: Bearer $(tok --scope skattedeling:admin)" $base/sandbox/v1/reset

MSG
exec "$bin" serve --demo --sandbox --port "$port" --database "sqlite://$db"
