// ApiError: the one error type of the API layer, rendered by render_error with the owning
// API's code table. Expected outcomes (400-422) travel as values in ApiResult<T>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace skd::apis {

// The language the pipeline and lower layers speak; each API's table maps it to a code.
enum class Problem {
    Unexpected,        // 500 -001
    Backend,           // 500 -002
    UnknownUrl,        // 404 -003
    Unauthenticated,   // 401 -004
    Forbidden,         // 403 -005
    Consent,           // 403 -007 / KB-005
    InvalidInput,      // 400 -006
    NotFound,          // 404: no data for the given input (RESTANSE-008, KB-007, AR-007, ...)
    UnknownParty,      // 404: no match for the identifier (KB-009, AR-009)
    NotAcceptable,     // 406
    MethodNotAllowed,  // 405
    PayloadTooLarge,   // 413
    HeaderTooLarge,    // 431
    UnsupportedMedia,  // 415
    Gone,              // 410
    Conflict,          // 409
    Unprocessable,     // 422
    TooManyRequests,   // 429: over max_concurrent_per_consumer (bruk.md: 5 concurrent calls)
};
inline constexpr int kProblemCount = 18;

struct Kontrollutslag {
    std::string kode, melding, beskrivelse;
};

struct ProblemDetailFeil {  // one schema error of a problem detail (400)
    std::string sti, melding;
};

struct ApiError {
    ApiError() = default;
    int status = 500;
    std::string_view kode;  // points into a static code table
    std::string melding;    // precise Norwegian text for the client
    std::string detail;     // for the log only, never sent
    std::vector<Kontrollutslag> kontrollutslag;
    std::vector<ProblemDetailFeil> feil;
    std::string allow;  // for 405
};

[[noreturn]] inline void throw_exception_from_error(const ApiError& e,
                                                    const boost::source_location&) {
    throw std::runtime_error(std::string(e.kode) + ": " + e.melding);
}

template <class T>
using ApiResult = boost::system::result<T, ApiError>;

}  // namespace skd::apis
