// A small blocking HTTP(S) GET for JWKS documents, built on OpenSSL BIOs with an overall deadline.
// HTTPS verifies the server against the system CA store and the host name.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "security/verifier_types.hpp"

namespace skd::security {

// GET `url` (http:// or https://) and return the body of a 200 answer. Redirects are not followed.
// Name resolution is the C library's and is not covered by the timeout; everything after is.
[[nodiscard]] Result<std::string, SecurityError> http_get(std::string_view url,
                                                          std::chrono::milliseconds timeout,
                                                          std::size_t max_body_bytes = 1024 * 1024);

}  // namespace skd::security
