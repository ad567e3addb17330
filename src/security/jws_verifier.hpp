// Internal to security/: the checks shared by the Maskinporten and the AltinnSamtykke verifier —
// structure, algorithm, issuer, key, signature and the time/audience claims.
#pragma once

#include <atomic>
#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "security/jwks.hpp"
#include "security/verifier_types.hpp"

namespace skd::security::detail {

struct VerifiedJws {
    boost::json::object payload;
    std::size_t issuer_index = 0;  // into VerifierConfig::issuers
};

class JwsCore {
public:
    // Loads every issuer's JWKS; fails with a message naming the issuer that could not load.
    static Result<std::unique_ptr<JwsCore>, std::string> create(VerifierConfig cfg,
                                                                const Clock& clock);

    // Thread-safe.
    Result<VerifiedJws, AuthFailure> verify(std::string_view token) const;

    const VerifierConfig& config() const { return cfg_; }
    const Clock& clock() const { return clock_; }
    JwksSource& source(std::size_t issuer_index) const { return *sources_[issuer_index]; }
    std::uint64_t signature_checks() const { return signature_checks_.load(); }

private:
    JwsCore(VerifierConfig cfg, const Clock& clock) : cfg_(std::move(cfg)), clock_(clock) {}
    Result<void, AuthFailure> check_times_and_audience(const boost::json::object& payload,
                                                       const TrustedIssuer& issuer) const;

    VerifierConfig cfg_;
    const Clock& clock_;
    std::vector<JwsAlg> allowed_;
    std::vector<std::unique_ptr<JwksSource>> sources_;
    mutable std::atomic<std::uint64_t> signature_checks_{0};
};

}  // namespace skd::security::detail
