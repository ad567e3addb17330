#include "security/jwks.hpp"

#include <fstream>
#include <sstream>

#include "security/http_fetch.hpp"
#include "security/json_util.hpp"

namespace skd::security {

namespace json = boost::json;

Result<std::shared_ptr<const KeySet>, std::string> KeySet::parse(std::string_view jwks_json) {
    auto doc = detail::parse_json_object(jwks_json);
    if (!doc) return "JWKS: " + doc.error().melding;
    const json::value* keys = doc->if_contains("keys");
    if (!keys || !keys->is_array()) return std::string("JWKS: mangler \"keys\"-listen");
    auto set = std::make_shared<KeySet>();
    std::string skipped;
    for (const json::value& v : keys->as_array()) {
        const json::object* k = v.if_object();
        if (!k) continue;
        auto kty = detail::get_string(*k, "kty");
        if (kty != "RSA") continue;
        if (auto use = detail::get_string(*k, "use"); use && *use != "sig") continue;
        Jwk jwk;
        jwk.kid = detail::get_string(*k, "kid").value_or("");
        if (auto alg = detail::get_string(*k, "alg")) {
            jwk.alg = rs_alg_from_name(*alg);
            if (!jwk.alg) continue;  // an RSA key for RSA-PSS or encryption is not ours to use
        }
        auto n = detail::get_string(*k, "n");
        auto e = detail::get_string(*k, "e");
        if (!n || !e) continue;
        auto nb = base64url_decode(*n);
        auto eb = base64url_decode(*e);
        if (!nb || !eb) {
            skipped += " " + jwk.kid + ": " + (nb ? eb.error() : nb.error()).melding + ";";
            continue;
        }
        auto key = PublicKey::from_rsa_components(*nb, *eb);
        if (!key) {
            skipped += " " + jwk.kid + ": " + key.error() + ";";
            continue;
        }
        jwk.key = *key;
        if (set->by_kid_.contains(jwk.kid)) continue;  // first one wins
        set->by_kid_.emplace(jwk.kid, set->keys_.size());
        set->keys_.push_back(std::move(jwk));
    }
    if (set->keys_.empty())
        return "JWKS: ingen brukbare RSA-nøkler" + (skipped.empty() ? "" : " (" + skipped + ")");
    return std::shared_ptr<const KeySet>(std::move(set));
}

const Jwk* KeySet::find(std::string_view kid) const {
    auto it = by_kid_.find(std::string(kid));
    return it == by_kid_.end() ? nullptr : &keys_[it->second];
}

namespace {

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool is_url(std::string_view s) {
    return s.substr(0, 7) == "http://" || s.substr(0, 8) == "https://";
}

Result<std::string, SecurityError> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return SecurityError{"kan ikke lese " + path};
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return SecurityError{"lesefeil i " + path};
    return Result<std::string, SecurityError>(boost::system::in_place_value, ss.str());
}

}  // namespace

JwksSource::JwksSource(Options options) : options_(std::move(options)) {}

Result<std::unique_ptr<JwksSource>, std::string> JwksSource::serve(Options options) {
    std::unique_ptr<JwksSource> src(new JwksSource(std::move(options)));
    auto first = src->load();
    if (!first) return "JWKS for " + src->options_.issuer + ": " + first.error();
    src->keys_ = *first;
    // Inline documents never change, so they need no refresher.
    if (src->options_.refresh_seconds > 0 && !src->options_.source.starts_with('{')) {
        src->refresher_ = std::jthread([s = src.get()](std::stop_token st) { s->run(st); });
    }
    return src;
}

JwksSource::~JwksSource() {
    if (refresher_.joinable()) {
        refresher_.request_stop();
        stop_cv_.notify_all();
        refresher_.join();
    }
}

Result<std::shared_ptr<const KeySet>, std::string> JwksSource::load() const {
    fetches_.fetch_add(1);
    const std::string& s = options_.source;
    Result<std::string, SecurityError> text = SecurityError{};
    if (s.starts_with('{')) {
        text = Result<std::string, SecurityError>(boost::system::in_place_value, s);
    } else if (is_url(s)) {
        text = http_get(s, std::chrono::seconds(options_.fetch_timeout_seconds));
    } else {
        text = read_file(s);
    }
    if (!text) return text.error().melding;
    return KeySet::parse(*text);
}

std::shared_ptr<const KeySet> JwksSource::keys() const {
    std::lock_guard lock(mu_);
    return keys_;
}

std::string JwksSource::last_error() const {
    std::lock_guard lock(mu_);
    return last_error_;
}

Result<void, std::string> JwksSource::reload() {
    auto fresh = load();
    std::lock_guard lock(mu_);
    if (!fresh) {
        last_error_ = fresh.error();
        return fresh.error();
    }
    keys_ = *fresh;
    last_error_.clear();
    return {};
}

std::shared_ptr<const KeySet> JwksSource::refresh_for_unknown_kid() {
    const std::int64_t now = steady_ms();
    std::int64_t last = last_unknown_kid_refresh_ms_.load();
    const std::int64_t min_gap = std::int64_t{options_.unknown_kid_min_interval_seconds} * 1000;
    // Only the caller that moves the timestamp fetches; the others must not queue behind it.
    if (now - last < min_gap || !last_unknown_kid_refresh_ms_.compare_exchange_strong(last, now)) {
        return keys();
    }
    (void)reload();
    return keys();
}

void JwksSource::run(std::stop_token stop) {
    const auto period = std::chrono::seconds(options_.refresh_seconds);
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(stop_mu_);
            // Returns early when stop is requested (condition_variable_any watches the token).
            stop_cv_.wait_for(lock, stop, period, [] { return false; });
        }
        if (stop.stop_requested()) break;
        (void)reload();
    }
}

}  // namespace skd::security
