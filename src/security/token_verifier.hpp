// Verifies the Maskinporten bearer token of every request and caches verified tokens, so that a
// client reusing its token (~120 s lifetime, SPEC §1.5.1) pays for the RSA check only once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "security/claims.hpp"
#include "security/verifier_types.hpp"

namespace skd::security {

namespace detail {
class JwsCore;
class TokenCache;
}  // namespace detail

class TokenVerifier {
public:
    // Loads every issuer's JWKS (files, inline JSON or URLs) and starts their refreshers. Fails
    // with a readable reason on bad config or an unreachable JWKS. `clock` must outlive the
    // verifier.
    [[nodiscard]] static Result<std::unique_ptr<TokenVerifier>, std::string> create(
        VerifierConfig cfg, const Clock& clock);
    ~TokenVerifier();

    // Thread-safe. A cache hit (same token string, not yet past exp + leeway) costs no signature
    // check. Errors: any AuthFailureKind (Missing only for an empty string); MissingClaim when
    // the signed token lacks `consumer`, `exp` or `iss`.
    [[nodiscard]] Result<std::shared_ptr<const Claims>, AuthFailure> verify(
        std::string_view compact_jwt) const;

    // The token in an Authorization header value: "Bearer <jwt>", scheme case-insensitive. Some
    // clients send two values comma-joined (CLIENTS.md §1 A); the first well-formed Bearer token
    // wins. Missing when the header is empty, Malformed when no value is a usable Bearer token.
    [[nodiscard]] static Result<std::string_view, AuthFailure> bearer_from_header(
        std::string_view authorization_header);

    // Number of RSA signature checks performed (cache hits add none).
    std::uint64_t verifications_for_test() const;
    std::size_t cached_entries_for_test() const;

private:
    TokenVerifier(std::unique_ptr<detail::JwsCore> core, std::size_t cache_entries);
    std::unique_ptr<detail::JwsCore> core_;
    std::unique_ptr<detail::TokenCache> cache_;
};

}  // namespace skd::security
