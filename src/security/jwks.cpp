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
    if (!src->options_.source.starts_with('{')) {
        src->refresher_ = std::jthread([s = src.get()](std::stop_token st) { s->run(st); });
    }
    return src;
}

JwksSource::~JwksSource() {
    if (refresher_.joinable()) {
        refresher_.request_stop();
        wake_cv_.notify_all();
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

JwksSource::Refresh JwksSource::refresh_for_unknown_kid() {
    if (!refresher_.joinable()) return Refresh::Static;
    const std::int64_t now = steady_ms();
    std::int64_t last = last_unknown_kid_refresh_ms_.load();
    const std::int64_t min_gap = std::int64_t{options_.unknown_kid_min_interval_seconds} * 1000;
    // Only the caller that moves the timestamp asks; nobody waits for the fetch itself.
    if (now - last < min_gap || !last_unknown_kid_refresh_ms_.compare_exchange_strong(last, now))
        return Refresh::RateLimited;
    {
        std::lock_guard lock(wake_mu_);
        refresh_requested_ = true;
    }
    wake_cv_.notify_one();
    return Refresh::Scheduled;
}

void JwksSource::run(std::stop_token stop) {
    using namespace std::chrono;
    const bool periodic = options_.refresh_seconds > 0;
    const auto period = seconds(periodic ? options_.refresh_seconds : 3600);
    auto next = steady_clock::now() + period;
    while (!stop.stop_requested()) {
        bool requested = false;
        {
            std::unique_lock lock(wake_mu_);
            // Returns early on a request or when stop is requested (the token is watched).
            wake_cv_.wait_until(lock, stop, next, [this] { return refresh_requested_; });
            requested = refresh_requested_;
            refresh_requested_ = false;
        }
        if (stop.stop_requested()) break;
        if (!requested && (!periodic || steady_clock::now() < next)) {
            if (!periodic) next = steady_clock::now() + period;
            continue;
        }
        (void)reload();
        if (!requested) next = steady_clock::now() + period;
    }
}

}  // namespace skd::security
