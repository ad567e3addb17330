// HTTP/1.1 server, optionally over TLS, on Boost.Beast with C++20 coroutines. One io_context per
// worker thread, each accepting on its own descriptor of one listening socket (or, with
// reuse_port, on its own SO_REUSEPORT socket), so connections never cross threads and need no
// strand.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace skd::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 = any free port; see Server::port()
    unsigned threads = 0;       // 0 = one per core
    // Requests other than GET/HEAD/OPTIONS run on a pool of this many threads, so a handler waiting
    // for its commit to reach the disk never holds up the connections of its worker, and writes
    // that wait at the same time can share one commit. 0 = every request runs on its worker.
    unsigned write_threads = 16;
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 10 * 1024 * 1024;
    std::chrono::milliseconds read_timeout{10'000};  // whole request head+body must arrive
    std::chrono::milliseconds idle_timeout{30'000};  // keep-alive wait for the next request
    std::chrono::milliseconds shutdown_deadline{10'000};
    std::size_t max_connections = 10'000;
    // false: one listening socket; a port already in use is an error at bind(). true: every
    // worker binds its own socket with SO_REUSEPORT, and so may other processes.
    bool reuse_port = false;
    // Both set: HTTPS (TLS 1.2 or later) with this PEM certificate chain and private key.
    std::string tls_certificate;
    std::string tls_private_key;
};

class Server {
public:
    Server(ServerOptions opts, Handler handler, ProtocolErrorHandler on_error);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Loads the TLS certificate and binds the listening sockets; throws std::runtime_error with
    // a clear text (naming the address and port, or the file) on failure.
    void bind();
    std::uint16_t port() const;
    // Runs until SIGINT/SIGTERM (or stop()), then drains in-flight requests within the deadline.
    void run();
    void stop();

    std::size_t open_connections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace skd::http
