#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <list>
#include <optional>
#include <stdexcept>
#include <thread>

namespace skd::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {
// Boost 1.81: the completion token must be given; as_tuple makes I/O errors values, not throws.
constexpr auto kTok = asio::as_tuple(asio::use_awaitable);

// The status line and headers of a response, written straight into `out` (reused per
// connection): one buffer and one send with the body, no per-field allocation. Header names and
// values come from our handlers; a value with CR or LF is dropped, never sent.
void write_head(std::string& out, int status, unsigned version, const Response& res, bool keep,
                bool send_length) {
    auto line_ok = [](std::string_view v) {
        return v.find_first_of("\r\n") == std::string_view::npos;
    };
    char num[24];
    out.clear();
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    auto n = std::snprintf(num, sizeof num, "%d ", status);
    out.append(num, static_cast<std::size_t>(n));
    out += bhttp::obsolete_reason(static_cast<bhttp::status>(status));
    out += "\r\nServer: skattedeling\r\n";
    if (!res.content_type.empty() && line_ok(res.content_type)) {
        out += "Content-Type: ";
        out += res.content_type;
        out += "\r\n";
    }
    for (const auto& [k, v] : res.headers) {
        if (!line_ok(k) || !line_ok(v)) continue;
        out += k;
        out += ": ";
        out += v;
        out += "\r\n";
    }
    if (send_length) {
        n = std::snprintf(num, sizeof num, "%zu", res.body.size());
        out += "Content-Length: ";
        out.append(num, static_cast<std::size_t>(n));
        out += "\r\n";
    }
    if (version == 10 && keep) out += "Connection: keep-alive\r\n";
    if (version != 10 && !keep) out += "Connection: close\r\n";
    out += "\r\n";
}

struct ConnEntry {
    beast::tcp_stream* stream;
    bool idle;
};

struct Worker {
    asio::io_context ioc{1};
    std::optional<tcp::acceptor> acceptor;
    std::list<ConnEntry*> conns;  // touched only on this worker's thread
    std::thread thread;
};
}  // namespace

struct Server::Impl {
    ServerOptions opts;
    Handler handler;
    ProtocolErrorHandler on_error;
    std::vector<std::unique_ptr<Worker>> workers;
    // Declared after the workers, so it is joined before their io_contexts (and the suspended
    // connection coroutines whose requests its threads may still be handling) are destroyed.
    std::optional<asio::thread_pool> write_pool;
    std::atomic<std::size_t> open{0};
    std::atomic<bool> draining{false};
    asio::io_context main_ioc{1};
    std::uint16_t bound_port = 0;

    asio::awaitable<void> accept_loop(Worker& w);
    asio::awaitable<void> session(Worker& w, tcp::socket sock);
    asio::awaitable<void> write_error(beast::tcp_stream& s, int status, std::string_view target,
                                      std::string_view accept);
    void shutdown_worker(Worker& w);
};

Server::Server(ServerOptions opts, Handler handler, ProtocolErrorHandler on_error)
    : impl_(std::make_unique<Impl>()) {
    impl_->opts = std::move(opts);
    impl_->handler = std::move(handler);
    impl_->on_error = std::move(on_error);
    if (impl_->opts.threads == 0)
        impl_->opts.threads = std::max(1u, std::thread::hardware_concurrency());
    if (impl_->opts.write_threads > 0) impl_->write_pool.emplace(impl_->opts.write_threads);
}

Server::~Server() {
    for (auto& w : impl_->workers) {
        w->ioc.stop();
        if (w->thread.joinable()) w->thread.join();
    }
    if (impl_->write_pool) impl_->write_pool->join();
}

void Server::bind() {
    auto& im = *impl_;
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(im.opts.address, ec);
    if (ec) throw std::runtime_error("ugyldig lytteadresse: " + im.opts.address);
    std::uint16_t port = im.opts.port;
    for (unsigned i = 0; i < im.opts.threads; ++i) {
        auto w = std::make_unique<Worker>();
        tcp::acceptor a(w->ioc);
        tcp::endpoint ep(addr, port);
        a.open(ep.protocol(), ec);
        if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) {
            int one = 1;
            ::setsockopt(a.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
            a.bind(ep, ec);
        }
        if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
            throw std::runtime_error("kan ikke lytte på " + im.opts.address + ":" +
                                     std::to_string(port) + ": " + ec.message());
        port = a.local_endpoint().port();  // port 0: the others join the port the first got
        w->acceptor.emplace(std::move(a));
        im.workers.push_back(std::move(w));
    }
    im.bound_port = port;
}

std::uint16_t Server::port() const {
    return impl_->bound_port;
}
std::size_t Server::open_connections() const {
    return impl_->open.load();
}

void Server::stop() {
    asio::post(impl_->main_ioc, [this] { impl_->main_ioc.stop(); });
}

void Server::run() {
    auto& im = *impl_;
    for (auto& w : im.workers) {
        asio::co_spawn(w->ioc, im.accept_loop(*w), asio::detached);
        w->thread = std::thread([&ioc = w->ioc] {
            auto guard = asio::make_work_guard(ioc);
            ioc.run();
        });
    }
    asio::signal_set signals(im.main_ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int sig) {
        if (!ec) spdlog::info("signal {} mottatt, avslutter", sig);
        im.main_ioc.stop();
    });
    im.main_ioc.run();

    // Graceful shutdown: stop accepting, close idle keep-alive connections, let requests in
    // flight finish (their responses carry Connection: close), then stop after the deadline.
    im.draining = true;
    for (auto& w : im.workers) asio::post(w->ioc, [&im, wp = w.get()] { im.shutdown_worker(*wp); });
    auto deadline = std::chrono::steady_clock::now() + im.opts.shutdown_deadline;
    while (im.open.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (im.open.load() > 0)
        spdlog::warn("{} forbindelser var fortsatt åpne ved fristen", im.open.load());
    for (auto& w : im.workers) {
        w->ioc.stop();
        if (w->thread.joinable()) w->thread.join();
    }
    if (im.write_pool) im.write_pool->join();
}

void Server::Impl::shutdown_worker(Worker& w) {
    boost::system::error_code ec;
    if (w.acceptor) w.acceptor->close(ec);
    for (auto* c : w.conns)
        if (c->idle) c->stream->socket().close(ec);
}

asio::awaitable<void> Server::Impl::accept_loop(Worker& w) {
    for (;;) {
        auto [ec, sock] = co_await w.acceptor->async_accept(kTok);
        if (draining) co_return;
        if (ec) {
            if (ec == asio::error::operation_aborted || !w.acceptor->is_open()) co_return;
            continue;  // e.g. EMFILE: keep serving the connections we have
        }
        if (open.load() >= opts.max_connections) {
            boost::system::error_code ignore;
            sock.close(ignore);
            continue;
        }
        ++open;
        asio::co_spawn(w.ioc, session(w, std::move(sock)), [this](std::exception_ptr e) {
            --open;
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    spdlog::error("forbindelse avbrutt av unntak: {}", ex.what());
                } catch (...) {
                    spdlog::error("forbindelse avbrutt av ukjent unntak");
                }
            }
        });
    }
}

asio::awaitable<void> Server::Impl::write_error(beast::tcp_stream& s, int status,
                                                std::string_view target, std::string_view accept) {
    Response res;
    res.status = status;
    on_error(status, target, accept, res);
    std::string head;
    write_head(head, status, 11, res, false, true);
    s.expires_after(std::chrono::seconds(5));
    co_await asio::async_write(s, std::array{asio::buffer(head), asio::buffer(res.body)}, kTok);
}

asio::awaitable<void> Server::Impl::session(Worker& w, tcp::socket sock) {
    beast::tcp_stream stream(std::move(sock));
    beast::flat_buffer buffer;
    std::string head;
    ConnEntry entry{&stream, true};
    w.conns.push_front(&entry);
    auto it = w.conns.begin();
    struct Unregister {
        Worker& w;
        std::list<ConnEntry*>::iterator it;
        ~Unregister() { w.conns.erase(it); }
    } unregister{w, it};

    std::string remote;
    {
        boost::system::error_code ec;
        auto ep = stream.socket().remote_endpoint(ec);
        if (!ec) remote = ep.address().to_string();
    }

    for (;;) {
        entry.idle = true;
        if (draining) break;
        if (buffer.size() == 0) {
            // Idle keep-alive wait for the first byte of the next request.
            stream.expires_after(opts.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTok);
            if (ec) break;
            buffer.commit(n);
        }
        entry.idle = false;
        // From the first byte, the whole request must arrive within read_timeout (slowloris).
        stream.expires_after(opts.read_timeout);
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
        parser.body_limit(opts.body_limit);
        auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTok);
        if (hec) {
            if (hec == bhttp::error::header_limit)
                co_await write_error(stream, 431, "", "");
            else if (hec == bhttp::error::body_limit)
                co_await write_error(stream, 413, parser.get().target(),
                                     parser.get()[bhttp::field::accept]);
            else if (hec != bhttp::error::end_of_stream && hec != beast::error::timeout &&
                     hec != asio::error::eof && hec != asio::error::connection_reset &&
                     hec != asio::error::operation_aborted)
                co_await write_error(stream, 400, "", "");
            break;
        }
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTok);
        if (bec) {
            if (bec == bhttp::error::body_limit) {
                co_await write_error(stream, 413, parser.get().target(),
                                     parser.get()[bhttp::field::accept]);
                // Drain briefly so the client reads our answer instead of a reset.
                boost::system::error_code ignore;
                stream.socket().shutdown(tcp::socket::shutdown_send, ignore);
                stream.expires_after(std::chrono::seconds(2));
                char sink[16384];
                for (std::size_t total = 0; total < 64u * 1024 * 1024;) {
                    auto [dec, dn] = co_await stream.async_read_some(asio::buffer(sink), kTok);
                    if (dec) break;
                    total += dn;
                }
            } else if (bec != beast::error::timeout && bec != asio::error::eof &&
                       bec != bhttp::error::end_of_stream && bec != asio::error::connection_reset) {
                co_await write_error(stream, 400, "", "");
            }
            break;
        }
        auto& breq = parser.get();

        Request req;
        req.method = breq.method_string();
        req.target = breq.target();
        auto q = req.target.find('?');
        req.path = req.target.substr(0, q);
        if (q != std::string_view::npos) req.query = req.target.substr(q + 1);
        req.host = breq[bhttp::field::host];
        req.body = breq.body();
        req.remote = remote;
        req.headers.reserve(16);
        for (const auto& f : breq) req.headers.push_back(Header{f.name_string(), f.value()});

        Response res;
        auto handle = [&] {
            try {
                handler(req, res);
            } catch (const std::exception& e) {
                spdlog::error("uventet feil i behandlingen av {} {}: {}", req.method, req.target,
                              e.what());
                res = Response{};
                on_error(500, req.target, breq[bhttp::field::accept], res);
                res.status = 500;
            }
        };
        const auto verb = breq.method();
        if (write_pool && verb != bhttp::verb::get && verb != bhttp::verb::head &&
            verb != bhttp::verb::options) {
            // The connection's coroutine waits here; its worker goes on with other connections.
            co_await asio::co_spawn(
                *write_pool,
                [&]() -> asio::awaitable<void> {
                    handle();
                    co_return;
                },
                asio::use_awaitable);
        } else {
            handle();
        }

        const bool is_head = breq.method() == bhttp::verb::head;
        const bool keep = breq.keep_alive() && !res.close && !draining;
        // 1xx, 204 and 304 carry no body and no length (RFC 9110 §8.6).
        const bool bodyless = res.status < 200 || res.status == 204 || res.status == 304;
        if (bodyless) res.body.clear();
        write_head(head, res.status, breq.version(), res, keep, !bodyless);
        stream.expires_after(opts.read_timeout);
        auto [wec, wn] =
            is_head ? co_await asio::async_write(stream, asio::buffer(head), kTok)
                    : co_await asio::async_write(
                          stream, std::array{asio::buffer(head), asio::buffer(res.body)}, kTok);
        if (wec) break;
        if (!keep) break;
    }
    boost::system::error_code ignore;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignore);
    stream.socket().close(ignore);
}

}  // namespace skd::http
