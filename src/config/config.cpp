#include "config/config.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

namespace skd::config {
namespace {

bool parse_bool(std::string_view v, bool& out) {
    if (v == "1" || v == "true" || v == "yes" || v == "on") return out = true, true;
    if (v == "0" || v == "false" || v == "no" || v == "off") return out = false, true;
    return false;
}

template <class T>
bool parse_uint(std::string_view v, T& out) {
    if (v.empty()) return false;
    unsigned long long n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + static_cast<unsigned>(c - '0');
        if (n > 0xFFFFFFFFFFULL) return false;
    }
    out = static_cast<T>(n);
    return static_cast<unsigned long long>(out) == n;
}

struct Key {
    const char* name;
    const char* env;
    std::function<bool(Config&, std::string_view)> set;
};

template <class T>
Key uint_key(const char* n, const char* e, T Config::*m) {
    return {n, e, [m](Config& c, std::string_view v) { return parse_uint(v, c.*m); }};
}
Key str_key(const char* n, const char* e, std::string Config::*m) {
    return {n, e, [m](Config& c, std::string_view v) { return c.*m = std::string(v), true; }};
}
Key bool_key(const char* n, const char* e, bool Config::*m) {
    return {n, e, [m](Config& c, std::string_view v) { return parse_bool(v, c.*m); }};
}

const std::vector<Key>& keys() {
    static const std::vector<Key> k = {
        str_key("listen_address", "SKD_LISTEN_ADDRESS", &Config::listen_address),
        uint_key("port", "SKD_PORT", &Config::port),
        str_key("port_file", "SKD_PORT_FILE", &Config::port_file),
        uint_key("threads", "SKD_THREADS", &Config::threads),
        uint_key("write_threads", "SKD_WRITE_THREADS", &Config::write_threads),
        str_key("database", "SKD_DATABASE", &Config::database),
        {"read_database", "SKD_READ_DATABASE",
         [](Config& c, std::string_view v) {
             c.read_database = split_database_urls(v);
             return true;
         }},
        bool_key("migrate", "SKD_MIGRATE", &Config::migrate),
        uint_key("header_limit", "SKD_HEADER_LIMIT", &Config::header_limit),
        uint_key("body_limit", "SKD_BODY_LIMIT", &Config::body_limit),
        uint_key("read_timeout_ms", "SKD_READ_TIMEOUT_MS", &Config::read_timeout_ms),
        uint_key("idle_timeout_ms", "SKD_IDLE_TIMEOUT_MS", &Config::idle_timeout_ms),
        uint_key("shutdown_deadline_ms", "SKD_SHUTDOWN_DEADLINE_MS", &Config::shutdown_deadline_ms),
        uint_key("max_connections", "SKD_MAX_CONNECTIONS", &Config::max_connections),
        bool_key("reuse_port", "SKD_REUSE_PORT", &Config::reuse_port),
        str_key("tls_certificate", "SKD_TLS_CERTIFICATE", &Config::tls_certificate),
        str_key("tls_private_key", "SKD_TLS_PRIVATE_KEY", &Config::tls_private_key),
        str_key("access_log", "SKD_ACCESS_LOG", &Config::access_log),
        bool_key("sandbox", "SKD_SANDBOX", &Config::sandbox),
        bool_key("demo", "SKD_DEMO", &Config::demo),
        str_key("local_issuer_key", "SKD_LOCAL_ISSUER_KEY", &Config::local_issuer_key),
        str_key("local_issuer", "SKD_LOCAL_ISSUER", &Config::local_issuer),
        str_key("local_altinn_issuer", "SKD_LOCAL_ALTINN_ISSUER", &Config::local_altinn_issuer),
        {"token_leeway_s", "SKD_TOKEN_LEEWAY_S",
         [](Config& c, std::string_view v) { return parse_uint(v, c.token_leeway_s); }},
        {"jwks_refresh_s", "SKD_JWKS_REFRESH_S",
         [](Config& c, std::string_view v) { return parse_uint(v, c.jwks_refresh_s); }},
        str_key("now", "SKD_NOW", &Config::now),
        bool_key("frozen_clock", "SKD_FROZEN_CLOCK", &Config::frozen_clock),
        bool_key("mod11", "SKD_MOD11", &Config::mod11),
        bool_key("kb_person_lookup", "SKD_KB_PERSON_LOOKUP", &Config::kb_person_lookup),
        bool_key("regnskapssystem_all_parties", "SKD_REGNSKAPSSYSTEM_ALL_PARTIES",
                 &Config::regnskapssystem_all_parties),
        bool_key("regnskapssystem_consent", "SKD_REGNSKAPSSYSTEM_CONSENT",
                 &Config::regnskapssystem_consent),
        bool_key("trekkpaalegg_scope_alias", "SKD_TREKKPAALEGG_SCOPE_ALIAS",
                 &Config::trekkpaalegg_scope_alias),
        bool_key("hendelser_empty_page_404", "SKD_HENDELSER_EMPTY_PAGE_404",
                 &Config::hendelser_empty_page_404),
        bool_key("tilgjengelig_accepts_avregning", "SKD_TILGJENGELIG_ACCEPTS_AVREGNING",
                 &Config::tilgjengelig_accepts_avregning),
        bool_key("restanser_ebevis_full", "SKD_RESTANSER_EBEVIS_FULL",
                 &Config::restanser_ebevis_full),
        uint_key("restanser_cache_entries", "SKD_RESTANSER_CACHE_ENTRIES",
                 &Config::restanser_cache_entries),
        uint_key("max_concurrent_per_consumer", "SKD_MAX_CONCURRENT_PER_CONSUMER",
                 &Config::max_concurrent_per_consumer),
        uint_key("sandbox_seed", "SKD_SANDBOX_SEED", &Config::sandbox_seed),
        bool_key("sandbox_first_touch", "SKD_SANDBOX_FIRST_TOUCH", &Config::sandbox_first_touch),
        {"control_plane", "SKD_CONTROL_PLANE",
         [](Config& c, std::string_view v) {
             if (v != "auto" && v != "on" && v != "off") return false;
             c.control_plane = std::string(v);
             return true;
         }},
        uint_key("admin_port", "SKD_ADMIN_PORT", &Config::admin_port),
        uint_key("sandbox_journal_size", "SKD_SANDBOX_JOURNAL_SIZE", &Config::sandbox_journal_size),
        uint_key("sandbox_baseline_max_rows", "SKD_SANDBOX_BASELINE_MAX_ROWS",
                 &Config::sandbox_baseline_max_rows),
        str_key("assets_dir", "SKD_ASSETS_DIR", &Config::assets_dir),
        str_key("log_level", "SKD_LOG_LEVEL", &Config::log_level),
    };
    return k;
}

Result<std::vector<TrustedIssuerConfig>, ParseError> issuers_from(const boost::json::value& v,
                                                                  std::string_view key) {
    std::vector<TrustedIssuerConfig> out;
    if (!v.is_array()) return ParseError{fmt::format("'{}' must be a list", key)};
    for (const auto& e : v.as_array()) {
        const auto* o = e.if_object();
        const auto* iss = o ? o->if_contains("issuer") : nullptr;
        const auto* jwks = o ? o->if_contains("jwks") : nullptr;
        if (!iss || !iss->is_string() || !jwks)
            return ParseError{fmt::format("every element of '{}' needs 'issuer' and 'jwks'", key)};
        TrustedIssuerConfig t;
        t.issuer = std::string(iss->as_string());
        t.jwks = jwks->is_string() ? std::string(jwks->as_string()) : boost::json::serialize(*jwks);
        if (const auto* aud = o->if_contains("audience"); aud && aud->is_string())
            t.audience = std::string(aud->as_string());
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

Result<void, ParseError> load_file(Config& c, const std::string& path) {
    std::ifstream in(path);
    if (!in) return ParseError{"cannot read the configuration file " + path};
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto v = boost::json::parse(ss.str(), ec);
    if (ec || !v.is_object())
        return ParseError{"the configuration file " + path + " is not a JSON object"};
    for (const auto& [k, val] : v.as_object()) {
        if (k == "issuers" || k == "altinn_issuers") {
            auto r = issuers_from(val, k);
            if (!r) return r.error();
            (k == "issuers" ? c.issuers : c.altinn_issuers) = std::move(*r);
            continue;
        }
        if (k == "read_database" && val.is_array()) {
            c.read_database.clear();
            for (const auto& u : val.as_array()) {
                if (!u.is_string() || u.as_string().empty())
                    return ParseError{
                        fmt::format("'read_database' i {} må være en liste av URL-er", path)};
                c.read_database.emplace_back(u.as_string());
            }
            continue;
        }
        const Key* key = nullptr;
        for (const auto& kk : keys())
            if (k == kk.name) key = &kk;
        if (!key)
            return ParseError{fmt::format("unknown key '{}' in {}", std::string_view(k), path)};
        std::string text =
            val.is_string() ? std::string(val.as_string()) : boost::json::serialize(val);
        if (!key->set(c, text))
            return ParseError{
                fmt::format("invalid value for '{}' in {}: {}", std::string_view(k), path, text)};
    }
    return {};
}

std::vector<std::string> split_database_urls(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view part = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (part.empty()) continue;
        if (part.find("://") == std::string_view::npos && !out.empty())
            out.back().append(",").append(part);
        else
            out.emplace_back(part);
    }
    return out;
}

Result<void, ParseError> load_env(Config& c) {
    if (const char* p = std::getenv("PORT"); p && *p)
        if (!parse_uint(std::string_view(p), c.port))
            return ParseError{fmt::format("invalid PORT: {}", p)};
    for (const auto& k : keys()) {
        const char* v = std::getenv(k.env);
        if (!v) continue;
        if (!k.set(c, v)) return ParseError{fmt::format("invalid value for {}: {}", k.env, v)};
    }
    return {};
}

const std::vector<std::string>& documented_keys() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& k : keys()) n.emplace_back(k.name);
        n.emplace_back("issuers");
        n.emplace_back("altinn_issuers");
        return n;
    }();
    return names;
}

}  // namespace skd::config
