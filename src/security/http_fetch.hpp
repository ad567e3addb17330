// A small blocking HTTP(S) GET for JWKS documents on Boost.Beast: plain TCP for http://,
// asio::ssl::stream (TLS 1.2+, OpenSSL) for https://. HTTPS verifies the server against the
// system CA store (OpenSSL's default paths, so SSL_CERT_FILE/SSL_CERT_DIR apply) and the host
// name or IP address of the URL.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "security/verifier_types.hpp"

namespace skd::security {

// GET `url` (http:// or https://, host name, IPv4 or bracketed IPv6 literal such as
// https://[::1]:8443/jwks) and return the body of a 200 answer. One deadline covers name
// resolution, connect, TLS handshake, sending and reading. Redirects are refused (a 3xx is an
// error naming the Location), as is a body larger than `max_body_bytes`. Blocks the calling
// thread, so it belongs on a background thread, never on a request path.
[[nodiscard]] Result<std::string, SecurityError> http_get(std::string_view url,
                                                          std::chrono::milliseconds timeout,
                                                          std::size_t max_body_bytes = 1024 * 1024);

}  // namespace skd::security
