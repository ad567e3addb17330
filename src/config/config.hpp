// Configuration: defaults here, then a JSON file (--config), then environment variables
// (SKD_*), then command-line flags. Every key is documented once, on its member below; the
// README's table lists the same keys and a unit test checks that both agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace skd::config {

struct TrustedIssuerConfig {
    std::string issuer;  // the token's `iss`
    std::string jwks;    // JWKS file path, http(s):// URL, or inline JSON
    std::optional<std::string> audience;
};

struct Config {
    // listen_address (SKD_LISTEN_ADDRESS): address to listen on.
    std::string listen_address = "127.0.0.1";
    // port (PORT or SKD_PORT): TCP port; 0 picks a free one (see port_file).
    std::uint16_t port = 8080;
    // port_file (SKD_PORT_FILE): where to write the bound port once listening.
    std::string port_file;
    // threads (SKD_THREADS): worker threads; 0 = one per core.
    unsigned threads = 0;
    // write_threads (SKD_WRITE_THREADS): threads for requests that may write (POST, PUT, DELETE),
    // so concurrent writes share commits; 0 = run them on the worker threads.
    unsigned write_threads = 16;
    // database (SKD_DATABASE): sqlite:///path/file.sqlite or postgresql://user@host:port/db.
    std::string database = "sqlite://var/skattedeling.sqlite";
    // read_database (SKD_READ_DATABASE): PostgreSQL streaming replicas (hot standbys of
    // `database`) for reads: a list in the config file, comma-separated in the environment,
    // --read-database once per replica. Writes, sequence numbers and reads that must see this
    // process's own writes stay on the primary; a replica that does not answer is skipped and
    // tried again later. Empty: every read on `database`.
    std::vector<std::string> read_database;
    // migrate (SKD_MIGRATE): apply schema migrations at start.
    bool migrate = true;
    // header_limit (SKD_HEADER_LIMIT): max bytes of the request head (431 beyond).
    std::size_t header_limit = 16 * 1024;
    // body_limit (SKD_BODY_LIMIT): max bytes of a request body (413 beyond).
    std::size_t body_limit = 10 * 1024 * 1024;
    // read_timeout_ms (SKD_READ_TIMEOUT_MS): a request must arrive within this time.
    std::uint32_t read_timeout_ms = 10'000;
    // idle_timeout_ms (SKD_IDLE_TIMEOUT_MS): keep-alive connections idle longer are closed.
    std::uint32_t idle_timeout_ms = 30'000;
    // shutdown_deadline_ms (SKD_SHUTDOWN_DEADLINE_MS): drain time on SIGTERM/SIGINT.
    std::uint32_t shutdown_deadline_ms = 10'000;
    // max_connections (SKD_MAX_CONNECTIONS): open connections beyond this are refused.
    std::size_t max_connections = 10'000;
    // reuse_port (SKD_REUSE_PORT): bind with SO_REUSEPORT, so several processes may share the
    // port; off, a port already in use is an error at start.
    bool reuse_port = false;
    // tls_certificate (SKD_TLS_CERTIFICATE): PEM certificate chain; with tls_private_key the
    // server speaks HTTPS (TLS 1.2 or later) instead of plain HTTP.
    std::string tls_certificate;
    // tls_private_key (SKD_TLS_PRIVATE_KEY): PEM private key of tls_certificate.
    std::string tls_private_key;
    // access_log (SKD_ACCESS_LOG): "-" for stdout, a file path, or "off".
    std::string access_log = "-";
    // sandbox (SKD_SANDBOX): open grants, as in Skatteetaten's test environment.
    bool sandbox = false;
    // demo (SKD_DEMO): trust the local token issuer and publish its JWKS at /jwks.json.
    bool demo = false;
    // local_issuer_key (SKD_LOCAL_ISSUER_KEY): PEM key file of the local token issuer.
    std::string local_issuer_key = "var/local-issuer.pem";
    // local_issuer (SKD_LOCAL_ISSUER): the `iss` of tokens the local issuer mints.
    std::string local_issuer = "https://skattedeling.local/maskinporten/";
    // local_altinn_issuer (SKD_LOCAL_ALTINN_ISSUER): the `iss` of local AltinnSamtykke tokens.
    std::string local_altinn_issuer = "https://skattedeling.local/altinn/";
    // issuers: trusted Maskinporten issuers [{issuer, jwks, audience?}] (config file only).
    std::vector<TrustedIssuerConfig> issuers;
    // altinn_issuers: trusted issuers of AltinnSamtykke tokens (config file only).
    std::vector<TrustedIssuerConfig> altinn_issuers;
    // token_leeway_s (SKD_TOKEN_LEEWAY_S): clock skew allowed on exp/nbf/iat.
    int token_leeway_s = 30;
    // jwks_refresh_s (SKD_JWKS_REFRESH_S): JWKS refresh period; a token with an unknown kid also
    // starts a refresh in the background (at most one per issuer every 5 s) and gets 401 at once.
    int jwks_refresh_s = 300;
    // now (SKD_NOW): start the clock at this instant (ISO 8601) instead of the system time.
    std::string now;
    // frozen_clock (SKD_FROZEN_CLOCK): with `now`, the clock stands still instead of running.
    bool frozen_clock = false;
    // mod11 (SKD_MOD11): also require valid mod-11 check digits on identifiers.
    bool mod11 = false;
    // kb_person_lookup (SKD_KB_PERSON_LOOKUP): krav og betalinger accepts 11-digit parties.
    bool kb_person_lookup = false;
    // regnskapssystem_all_parties (SKD_REGNSKAPSSYSTEM_ALL_PARTIES): a regnskapssystem system user
    // may look up every party (Skatteetaten's test environment) instead of only its own.
    bool regnskapssystem_all_parties = false;
    // regnskapssystem_consent (SKD_REGNSKAPSSYSTEM_CONSENT): krav og betalinger regnskapssystem
    // also accepts a consent from the party instead of a system user (older pages: "krever
    // samtykke"); false keeps the newest page's reading, a system user only (SPEC ambiguity 13).
    bool regnskapssystem_consent = true;
    // trekkpaalegg_scope_alias (SKD_TREKKPAALEGG_SCOPE_ALIAS): trekkpålegg also accepts the
    // documentation page's spelling skatteetaten:trekkpålegg (SPEC ambiguity 3).
    bool trekkpaalegg_scope_alias = true;
    // hendelser_empty_page_404 (SKD_HENDELSER_EMPTY_PAGE_404): reading past the feed's end gives
    // 404 FA-005 instead of 200 with an empty list.
    bool hendelser_empty_page_404 = false;
    // tilgjengelig_accepts_avregning (SKD_TILGJENGELIG_ACCEPTS_AVREGNING): siste tilgjengelige
    // skatteoppgjør also accepts the scope skatteetaten:avregning.
    bool tilgjengelig_accepts_avregning = true;
    // restanser_ebevis_full (SKD_RESTANSER_EBEVIS_FULL): ebevis also gets Krav/Renter fields.
    bool restanser_ebevis_full = false;
    // restanser_cache_entries (SKD_RESTANSER_CACHE_ENTRIES): restanser figures kept per
    // organisation and day while the ledger is unchanged; 0 turns keeping off.
    std::size_t restanser_cache_entries = 100000;
    // max_concurrent_per_consumer (SKD_MAX_CONCURRENT_PER_CONSUMER): bruk.md's usage rule, at
    // most this many calls in flight per API per consumer (per instance); a call beyond it gets
    // 429 with Retry-After. 0 turns the limit off.
    std::size_t max_concurrent_per_consumer = 0;
    // sandbox_seed (SKD_SANDBOX_SEED): seed of the synthetic parties made on first touch in
    // sandbox mode; the same seed and identifier give the same party on every instance.
    std::uint64_t sandbox_seed = 1;
    // sandbox_first_touch (SKD_SANDBOX_FIRST_TOUCH): in sandbox mode, a valid identifier the
    // database does not know becomes a synthetic party the first time a request names it.
    bool sandbox_first_touch = true;
    // control_plane (SKD_CONTROL_PLANE): the sandbox control plane under /sandbox/v1 — "auto"
    // (on in sandbox mode), "on" or "off". Every call needs a token with skattedeling:admin.
    std::string control_plane = "auto";
    // admin_port (SKD_ADMIN_PORT): serve the control plane on this port only (0 = on the API
    // port, beside the APIs).
    std::uint16_t admin_port = 0;
    // sandbox_journal_size (SKD_SANDBOX_JOURNAL_SIZE): requests kept in the control plane's
    // journal (a ring per instance).
    std::size_t sandbox_journal_size = 1000;
    // sandbox_baseline_max_rows (SKD_SANDBOX_BASELINE_MAX_ROWS): the control plane saves the
    // database as its baseline (POST /sandbox/v1/reset) at start when it holds at most this
    // many rows; larger databases have no baseline (named states still work).
    std::size_t sandbox_baseline_max_rows = 2'000'000;
    // assets_dir (SKD_ASSETS_DIR): the folder with the portal and the OpenAPI documents, either
    // installed (portal/, openapi/) or a repository checkout (portal/dist/, docs/openapi/). Empty:
    // beside the executable, then <exe dir>/../share/skattedeling, then <exe dir>/.. (see
    // apis/portal/assets.hpp).
    std::string assets_dir;
    // log_level (SKD_LOG_LEVEL): trace, debug, info, warn, error.
    std::string log_level = "info";
};

// Applies a JSON config file over `c`.
Result<void, ParseError> load_file(Config& c, const std::string& path);
// Splits a comma-separated list of database URLs. A comma inside one URL (libpq's several
// hosts, "postgresql://h1:5432,h2:5432/db") stays: a new URL starts only with a scheme.
std::vector<std::string> split_database_urls(std::string_view text);
// Applies SKD_* (and PORT) environment variables over `c`.
Result<void, ParseError> load_env(Config& c);
// The documented keys, for the README consistency test.
const std::vector<std::string>& documented_keys();

}  // namespace skd::config
