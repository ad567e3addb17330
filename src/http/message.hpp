// Request and Response as the rest of the server sees them. Beast stays inside server.cpp,
// so handlers and API modules compile without Beast or Asio headers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skd::http {

struct Header {
    std::string_view name;
    std::string_view value;
};

// Views into the connection's buffers; valid only while the request is being handled.
struct Request {
    std::string_view method;  // "GET", "HEAD", ... as received
    std::string_view target;  // raw request-target
    std::string_view path;    // target before '?', not decoded
    std::string_view query;   // after '?', not decoded
    std::string_view host;    // Host header
    std::string_view body;
    std::vector<Header> headers;
    std::string_view remote;  // peer address, for the access log
    // Run again on the write pool after a first run on an event-loop worker found it must wait
    // for a write (core/skrivetraad.hpp); the test fault that run drew is in the Response, and
    // the time it took counts in the request's own.
    bool paa_nytt = false;
    std::int64_t foerste_kjoering_us = 0;

    // First value of a header, case-insensitive name; empty if absent.
    std::string_view header(std::string_view name) const;
    std::size_t header_count(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool close = false;  // ask the connection to close after this response
    // Test faults (the sandbox's control plane): wait this long before answering (a timer, the
    // worker goes on with other connections), drop the connection without an answer, or send
    // the head and only part of the body and close.
    std::int64_t delay_ms = 0;
    bool drop_connection = false;
    bool truncate_body = false;

    void set_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

bool iequals(std::string_view a, std::string_view b);

// The application behind the server: one synchronous call per request.
using Handler = std::function<void(const Request&, Response&)>;

// Called for requests the server answers itself (413, 431, 400 unparsable, 503 overload):
// renders the body in the error format of whatever owns `target`.
using ProtocolErrorHandler =
    std::function<void(int status, std::string_view target, std::string_view accept, Response&)>;

}  // namespace skd::http
