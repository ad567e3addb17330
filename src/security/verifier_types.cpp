#include "security/verifier_types.hpp"

#include <stdexcept>

namespace skd::security {

std::string_view to_string(AuthFailureKind kind) {
    switch (kind) {
        case AuthFailureKind::Missing:
            return "missing";
        case AuthFailureKind::Malformed:
            return "malformed";
        case AuthFailureKind::BadSignature:
            return "bad_signature";
        case AuthFailureKind::UntrustedIssuer:
            return "untrusted_issuer";
        case AuthFailureKind::UnknownKid:
            return "unknown_kid";
        case AuthFailureKind::AlgorithmNotAllowed:
            return "algorithm_not_allowed";
        case AuthFailureKind::Expired:
            return "expired";
        case AuthFailureKind::NotYetValid:
            return "not_yet_valid";
        case AuthFailureKind::IssuedInFuture:
            return "issued_in_future";
        case AuthFailureKind::WrongAudience:
            return "wrong_audience";
        case AuthFailureKind::MissingClaim:
            return "missing_claim";
    }
    return "unknown";
}

void throw_exception_from_error(const SecurityError& e, const boost::source_location&) {
    throw std::runtime_error(e.melding);
}

void throw_exception_from_error(const AuthFailure& e, const boost::source_location&) {
    throw std::runtime_error(e.melding);
}

}  // namespace skd::security
