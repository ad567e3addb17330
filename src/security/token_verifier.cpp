#include "security/token_verifier.hpp"

#include <array>
#include <functional>
#include <list>
#include <mutex>
#include <unordered_map>

#include "security/claims_internal.hpp"
#include "security/jws_verifier.hpp"
#include "security/jwt.hpp"

namespace skd::security {

namespace detail {

// Verified tokens keyed by a 64-bit hash of the token text, 16 shards each with its own mutex and
// LRU list. A hash collision only costs a miss: hits compare the whole token string.
class TokenCache {
public:
    explicit TokenCache(std::size_t capacity)
        : per_shard_(capacity == 0 ? 0 : std::max<std::size_t>(1, capacity / kShards)) {}

    std::shared_ptr<const Claims> find(std::string_view token, std::int64_t now) {
        if (per_shard_ == 0) return nullptr;
        const std::uint64_t h = std::hash<std::string_view>{}(token);
        Shard& s = shard(h);
        std::lock_guard lock(s.mu);
        auto it = s.index.find(h);
        if (it == s.index.end() || it->second->token != token) return nullptr;
        if (it->second->expires_at <= now) {
            s.lru.erase(it->second);
            s.index.erase(it);
            return nullptr;
        }
        s.lru.splice(s.lru.begin(), s.lru, it->second);
        return it->second->claims;
    }

    void insert(std::string_view token, std::shared_ptr<const Claims> claims,
                std::int64_t expires_at) {
        if (per_shard_ == 0) return;
        const std::uint64_t h = std::hash<std::string_view>{}(token);
        Shard& s = shard(h);
        std::lock_guard lock(s.mu);
        if (auto it = s.index.find(h); it != s.index.end()) {
            s.lru.erase(it->second);
            s.index.erase(it);
        }
        s.lru.push_front(Entry{h, std::string(token), std::move(claims), expires_at});
        s.index.emplace(h, s.lru.begin());
        while (s.lru.size() > per_shard_) {
            s.index.erase(s.lru.back().hash);
            s.lru.pop_back();
        }
    }

    std::size_t size() {
        std::size_t n = 0;
        for (auto& s : shards_) {
            std::lock_guard lock(s.mu);
            n += s.lru.size();
        }
        return n;
    }

private:
    static constexpr std::size_t kShards = 16;
    struct Entry {
        std::uint64_t hash;
        std::string token;
        std::shared_ptr<const Claims> claims;
        std::int64_t expires_at;  // exp + leeway, epoch seconds
    };
    struct Shard {
        std::mutex mu;
        std::list<Entry> lru;
        std::unordered_map<std::uint64_t, std::list<Entry>::iterator> index;
    };
    // Top bits pick the shard; the map inside uses the full hash.
    Shard& shard(std::uint64_t h) { return shards_[(h >> 60) % kShards]; }

    std::size_t per_shard_;
    std::array<Shard, kShards> shards_;
};

}  // namespace detail

TokenVerifier::TokenVerifier(std::unique_ptr<detail::JwsCore> core, std::size_t cache_entries)
    : core_(std::move(core)), cache_(std::make_unique<detail::TokenCache>(cache_entries)) {}

TokenVerifier::~TokenVerifier() = default;

Result<std::unique_ptr<TokenVerifier>, std::string> TokenVerifier::create(VerifierConfig cfg,
                                                                          const Clock& clock) {
    const std::size_t entries = cfg.cache_entries;
    auto core = detail::JwsCore::create(std::move(cfg), clock);
    if (!core) return core.error();
    return std::unique_ptr<TokenVerifier>(new TokenVerifier(std::move(*core), entries));
}

Result<std::shared_ptr<const Claims>, AuthFailure> TokenVerifier::verify(
    std::string_view jwt) const {
    const std::int64_t now = core_->clock().naa().sekunder();
    if (jwt.size() <= kMaxTokenBytes) {
        // Entries are stored only after every check passed, and expire at exp + leeway, so a hit
        // can only differ from a full check if the issuer's keys were rotated away meanwhile.
        if (auto hit = cache_->find(jwt, now)) return hit;
    }
    auto verified = core_->verify(jwt);
    if (!verified) return verified.error();
    auto claims = detail::claims_from_object(verified->payload);
    if (!claims) return AuthFailure{AuthFailureKind::MissingClaim, claims.error().melding};
    auto shared = std::make_shared<const Claims>(std::move(*claims));
    cache_->insert(jwt, shared, shared->exp + core_->config().leeway_seconds);
    return shared;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace

Result<std::string_view, AuthFailure> TokenVerifier::bearer_from_header(std::string_view header) {
    if (trim(header).empty()) {
        return AuthFailure{
            AuthFailureKind::Missing,
            "Authorization-headeren mangler; send \"Authorization: Bearer <Maskinporten-token>\""};
    }
    std::string first_problem;
    std::size_t start = 0;
    while (start <= header.size()) {
        std::size_t comma = header.find(',', start);
        if (comma == std::string_view::npos) comma = header.size();
        std::string_view value = trim(header.substr(start, comma - start));
        start = comma + 1;
        if (value.empty()) continue;
        std::size_t space = value.find_first_of(" \t");
        std::string_view scheme = value.substr(0, space);
        if (!iequals(scheme, "bearer") || space == std::string_view::npos) {
            if (first_problem.empty()) {
                first_problem = iequals(scheme, "bearer") ? "Bearer mangler token"
                                                          : "forventet skjemaet Bearer";
            }
            continue;
        }
        std::string_view token = trim(value.substr(space));
        if (auto parts = split_compact(token); !parts) {
            if (first_problem.empty()) first_problem = parts.error().melding;
            continue;
        }
        return token;
    }
    return AuthFailure{
        AuthFailureKind::Malformed,
        "Authorization-headeren må ha formen \"Bearer <token>\" (" + first_problem + ")"};
}

std::uint64_t TokenVerifier::verifications_for_test() const {
    return core_->signature_checks();
}

std::size_t TokenVerifier::cached_entries_for_test() const {
    return cache_->size();
}

}  // namespace skd::security
