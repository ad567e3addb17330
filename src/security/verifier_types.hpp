// Shared vocabulary of the token verifiers: why a token was refused, and which issuers we trust.
// AuthFailure.melding is sent to the client, so it is precise Norwegian and never holds secrets.
#pragma once

#include <boost/assert/source_location.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skd::security {

enum class AuthFailureKind {
    Missing,
    Malformed,
    BadSignature,
    UntrustedIssuer,
    UnknownKid,
    AlgorithmNotAllowed,
    Expired,
    NotYetValid,
    IssuedInFuture,
    WrongAudience,
    MissingClaim,
};

// Stable English name of the kind, for logs and metrics ("expired", "bad_signature", ...).
std::string_view to_string(AuthFailureKind kind);

// A failure with only a message, for set-up paths (key files, JWKS fetches, minting).
struct SecurityError {
    std::string melding;
};

struct AuthFailure {
    AuthFailureKind kind = AuthFailureKind::Malformed;
    std::string melding;
};

// Needed by Result<T, SecurityError/AuthFailure>::value(); throws std::runtime_error(melding).
[[noreturn]] void throw_exception_from_error(const SecurityError& e,
                                             const boost::source_location& loc);
[[noreturn]] void throw_exception_from_error(const AuthFailure& e,
                                             const boost::source_location& loc);

struct TrustedIssuer {
    std::string issuer;       // exact `iss` value, e.g. "https://test.maskinporten.no/"
    std::string jwks_source;  // file path, http:// or https:// URL, or an inline JWKS JSON document
    std::optional<std::string>
        audience;  // checked only when set (SPEC §1.5.1: aud is not required)
};

struct VerifierConfig {
    std::vector<TrustedIssuer> issuers;
    // Only RS256/RS384/RS512 can be listed; create() refuses anything else.
    std::vector<std::string> algorithms = {"RS256", "RS384", "RS512"};
    int leeway_seconds = 30;
    std::size_t cache_entries = 100000;  // 0 disables the verified-token cache
    int refresh_seconds = 300;           // periodic JWKS refresh; <= 0: only on unknown kid
    int fetch_timeout_seconds = 3;       // per JWKS fetch over http(s)
};

}  // namespace skd::security
