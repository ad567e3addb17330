// Trusted signing keys: a parsed JWKS (KeySet) and its live source (JwksSource), which re-reads
// a file or re-fetches a URL in the background, periodically and, rate-limited, when an unknown
// kid shows up.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "security/jwt.hpp"

namespace skd::security {

struct Jwk {
    std::string kid;            // may be empty: such keys are only tried for tokens without kid
    std::optional<JwsAlg> alg;  // when the JWK names one, tokens must use it
    std::shared_ptr<const PublicKey> key;
};

// Immutable after parse; shared between threads through shared_ptr<const KeySet>.
class KeySet {
public:
    // Keeps RSA signing keys; skips other key types and "use" != "sig". Fails when no key is
    // usable.
    [[nodiscard]] static Result<std::shared_ptr<const KeySet>, std::string> parse(
        std::string_view jwks_json);

    const Jwk* find(std::string_view kid) const;
    const std::vector<Jwk>& all() const { return keys_; }
    std::size_t size() const { return keys_.size(); }

private:
    std::vector<Jwk> keys_;
    std::unordered_map<std::string, std::size_t> by_kid_;
};

// The keys of one trusted issuer. Thread-safe. Nothing here blocks a caller on the network: a
// background thread re-reads the file or re-fetches the URL, periodically and on request.
class JwksSource {
public:
    struct Options {
        std::string issuer;  // for messages only
        // File path, http:// or https:// URL, or an inline JWKS document (text starting with '{').
        std::string source;
        int refresh_seconds = 300;      // periodic refresh; <= 0: only on request
        int fetch_timeout_seconds = 3;  // name resolution + connect + TLS + read, per fetch
        int unknown_kid_min_interval_seconds = 5;
    };

    // Loads once (failing with the reason if the source is unreadable or a URL is dead within the
    // timeout), then starts the background refresher (not for inline documents).
    [[nodiscard]] static Result<std::unique_ptr<JwksSource>, std::string> serve(Options options);
    ~JwksSource();
    JwksSource(const JwksSource&) = delete;
    JwksSource& operator=(const JwksSource&) = delete;

    std::shared_ptr<const KeySet> keys() const;

    enum class Refresh {
        Scheduled,    // the refresher fetches now; the kid may be known in a moment
        RateLimited,  // a refresh ran or was asked for less than the minimum interval ago
        Static,       // an inline document: there is nothing to refresh
    };
    // For an unknown kid: asks the refresher for a reload, at most once per
    // unknown_kid_min_interval_seconds. Never waits for it; the current keys stay in use until
    // the new ones are in.
    Refresh refresh_for_unknown_kid();

    // Forces a reload now on the calling thread (ignores the rate limit). Keeps the old keys on
    // failure.
    [[nodiscard]] Result<void, std::string> reload();

    // Last refresh failure, empty if the last attempt worked. For health/ops output.
    std::string last_error() const;
    int unknown_kid_min_interval_seconds() const {
        return options_.unknown_kid_min_interval_seconds;
    }
    std::uint64_t fetches_for_test() const { return fetches_.load(); }

private:
    explicit JwksSource(Options options);
    Result<std::shared_ptr<const KeySet>, std::string> load() const;
    void run(std::stop_token stop);

    Options options_;
    mutable std::mutex mu_;
    std::shared_ptr<const KeySet> keys_;
    std::string last_error_;
    std::atomic<std::int64_t> last_unknown_kid_refresh_ms_{INT64_MIN / 2};
    mutable std::atomic<std::uint64_t> fetches_{0};
    std::mutex wake_mu_;
    std::condition_variable_any wake_cv_;
    bool refresh_requested_ = false;  // guarded by wake_mu_
    std::jthread refresher_;  // last member: stopped and joined before the rest is destroyed
};

}  // namespace skd::security
