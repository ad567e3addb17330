#include "http/server.hpp"

#include <fcntl.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include "core/skrivetraad.hpp"

namespace skd::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {
// Boost 1.81: the completion token must be given; as_tuple makes I/O errors values, not throws.
constexpr auto kTok = asio::as_tuple(asio::use_awaitable);
// How long an acceptor waits before trying again when the process is out of descriptors.
constexpr auto kAcceptBackoff = std::chrono::milliseconds(100);

using TlsStream = beast::ssl_stream<beast::tcp_stream>;
template <class Stream>
constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

// The Date header value (RFC 9110 §5.6.7 IMF-fixdate) from the real clock, not the application
// Clock: formatted at most once per second per thread.
std::string_view http_date() {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    thread_local std::time_t cached = -1;
    thread_local char text[32];
    thread_local std::size_t length = 0;
    const std::time_t now = std::time(nullptr);
    if (now != cached) {
        std::tm tm{};
        ::gmtime_r(&now, &tm);
        const int n = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                    kDays[tm.tm_wday % 7], tm.tm_mday, kMonths[tm.tm_mon % 12],
                                    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        length = n > 0 ? static_cast<std::size_t>(n) : 0;
        cached = now;
    }
    return {text, length};
}

// Resource exhaustion on accept: trying again at once would only spin.
bool out_of_resources(const boost::system::error_code& ec) {
    return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
           ec == asio::error::no_memory || ec == boost::system::errc::too_many_files_open_in_system;
}

std::string shown_endpoint(const asio::ip::address& a, std::uint16_t port) {
    return (a.is_v6() ? "[" + a.to_string() + "]" : a.to_string()) + ":" + std::to_string(port);
}

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
    out += "\r\nServer: skattedeling\r\nDate: ";
    out += http_date();
    out += "\r\n";
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
    beast::tcp_stream* stream;  // the TCP layer, also under TLS
    bool idle;
};

struct Worker {
    asio::io_context ioc{1};
    std::optional<tcp::acceptor> acceptor;
    asio::steady_timer backoff{ioc};
    std::list<ConnEntry*> conns;  // touched only on this worker's thread
    std::thread thread;
};

// A connection on its worker's list while it lives, so shutdown can close it when idle.
struct Registration {
    Worker& w;
    ConnEntry entry;
    std::list<ConnEntry*>::iterator it;
    Registration(Worker& worker, beast::tcp_stream& s) : w(worker), entry{&s, true} {
        w.conns.push_front(&entry);
        it = w.conns.begin();
    }
    ~Registration() { w.conns.erase(it); }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
};

// Offers HTTP/1.1 when the client asks for ALPN (curl offers h2 first).
int select_alpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
                unsigned int inlen, void*) {
    for (unsigned int i = 0; i < inlen;) {
        const unsigned len = in[i];
        if (i + 1 + len > inlen) break;
        if (len == 8 && std::memcmp(in + i + 1, "http/1.1", 8) == 0) {
            *out = in + i + 1;
            *outlen = static_cast<unsigned char>(len);
            return SSL_TLSEXT_ERR_OK;
        }
        i += 1 + len;
    }
    return SSL_TLSEXT_ERR_NOACK;
}
}  // namespace

struct Server::Impl {
    ServerOptions opts;
    Handler handler;
    ProtocolErrorHandler on_error;
    std::vector<std::unique_ptr<Worker>> workers;
    // Declared after the workers, so it is joined before their io_contexts (and the suspended
    // connection coroutines whose requests its threads may still be handling) are destroyed.
    std::optional<asio::thread_pool> write_pool;
    std::optional<asio::ssl::context> tls;
    std::atomic<std::size_t> open{0};
    std::atomic<bool> draining{false};
    std::mutex drain_mu;
    std::condition_variable drained;  // signalled when the last connection closes while draining
    asio::io_context main_ioc{1};
    std::uint16_t bound_port = 0;

    void load_tls();
    // A connection slot, taken atomically so concurrent workers never exceed max_connections.
    bool reserve_slot();
    void release_slot();
    asio::awaitable<void> accept_loop(Worker& w);
    asio::awaitable<void> plain_session(Worker& w, tcp::socket sock);
    asio::awaitable<void> tls_session(Worker& w, tcp::socket sock);
    template <class Stream>
    asio::awaitable<void> serve(Worker& w, Stream& stream, ConnEntry& entry);
    template <class Stream>
    asio::awaitable<void> write_error(Stream& s, int status, std::string_view target,
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

void Server::Impl::load_tls() {
    if (opts.tls_certificate.empty() != opts.tls_private_key.empty())
        throw std::runtime_error("TLS: både tls_certificate og tls_private_key må settes");
    if (opts.tls_certificate.empty()) return;
    tls.emplace(asio::ssl::context::tls_server);
    SSL_CTX* ctx = tls->native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(
        ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    boost::system::error_code ec;
    tls->use_certificate_chain_file(opts.tls_certificate, ec);
    if (ec)
        throw std::runtime_error("TLS: kan ikke lese sertifikatet " + opts.tls_certificate + ": " +
                                 ec.message());
    tls->use_private_key_file(opts.tls_private_key, asio::ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("TLS: kan ikke lese den private nøkkelen " + opts.tls_private_key +
                                 ": " + ec.message());
    if (SSL_CTX_check_private_key(ctx) != 1)
        throw std::runtime_error("TLS: nøkkelen " + opts.tls_private_key +
                                 " hører ikke til sertifikatet " + opts.tls_certificate);
    SSL_CTX_set_alpn_select_cb(ctx, select_alpn, nullptr);
}

void Server::bind() {
    auto& im = *impl_;
    im.load_tls();
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(im.opts.address, ec);
    if (ec) throw std::runtime_error("ugyldig lytteadresse: " + im.opts.address);
    auto fail = [&](std::uint16_t port) {
        const std::string where = "kan ikke lytte på " + shown_endpoint(addr, port) + ": ";
        if (ec == asio::error::address_in_use)
            return std::runtime_error(where + "en annen prosess lytter allerede der (" +
                                      ec.message() + "); stopp den eller velg en annen port");
        return std::runtime_error(where + ec.message());
    };
    auto open_acceptor = [&](Worker& w, std::uint16_t port) {
        tcp::acceptor a(w.ioc);
        tcp::endpoint ep(addr, port);
        a.open(ep.protocol(), ec);
        if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec && im.opts.reuse_port) {
            int one = 1;
            if (::setsockopt(a.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
                ec.assign(errno, boost::system::system_category());
        }
        if (!ec) a.bind(ep, ec);
        if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) throw fail(port);
        return a;
    };
    for (unsigned i = 0; i < im.opts.threads; ++i) im.workers.push_back(std::make_unique<Worker>());
    std::uint16_t port = im.opts.port;
    if (im.opts.reuse_port) {
        for (auto& w : im.workers) {
            w->acceptor.emplace(open_acceptor(*w, port));
            port = w->acceptor->local_endpoint().port();  // port 0: the others join its port
        }
    } else {
        // One listening socket; every other worker accepts on its own duplicate of it, so each
        // io_context has a descriptor of its own to wait on and the port stays exclusive.
        auto& first = *im.workers.front();
        first.acceptor.emplace(open_acceptor(first, port));
        port = first.acceptor->local_endpoint().port();
        for (std::size_t i = 1; i < im.workers.size(); ++i) {
            const int fd = ::fcntl(first.acceptor->native_handle(), F_DUPFD_CLOEXEC, 0);
            if (fd < 0) {
                ec.assign(errno, boost::system::system_category());
                throw fail(port);
            }
            im.workers[i]->acceptor.emplace(im.workers[i]->ioc,
                                            addr.is_v6() ? tcp::v6() : tcp::v4(), fd);
        }
    }
    im.bound_port = port;
}

bool Server::Impl::reserve_slot() {
    std::size_t n = open.load(std::memory_order_relaxed);
    do {
        if (n >= opts.max_connections) return false;
    } while (!open.compare_exchange_weak(n, n + 1, std::memory_order_acq_rel));
    return true;
}

void Server::Impl::release_slot() {
    // Both atomics are sequentially consistent: either this sees draining, or run() sees 0.
    if (open.fetch_sub(1) == 1 && draining.load()) {
        { std::lock_guard lock(drain_mu); }
        drained.notify_all();
    }
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
        w->thread = std::thread([&ioc = w->ioc, pool = im.write_pool.has_value()] {
            // With a write pool a worker never waits for a write (core/skrivetraad.hpp).
            tillat_venting_paa_skriving(!pool);
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
    {
        std::unique_lock lock(im.drain_mu);
        im.drained.wait_for(lock, im.opts.shutdown_deadline, [&] { return im.open.load() == 0; });
    }
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
    w.backoff.cancel();
    for (auto* c : w.conns)
        if (c->idle) c->stream->socket().close(ec);
}

asio::awaitable<void> Server::Impl::accept_loop(Worker& w) {
    bool exhausted = false;
    for (;;) {
        auto [ec, sock] = co_await w.acceptor->async_accept(kTok);
        if (draining) co_return;
        if (ec) {
            if (ec == asio::error::operation_aborted || !w.acceptor->is_open()) co_return;
            if (out_of_resources(ec)) {
                // The connection stays in the backlog; wait instead of failing on it in a loop,
                // and keep serving the connections we have.
                if (!exhausted)
                    spdlog::warn("kan ikke ta imot nye forbindelser: {}; prøver igjen hvert {}. ms",
                                 ec.message(), kAcceptBackoff.count());
                exhausted = true;
                w.backoff.expires_after(kAcceptBackoff);
                co_await w.backoff.async_wait(kTok);
            }
            continue;
        }
        if (exhausted) {
            spdlog::info("tar imot forbindelser igjen");
            exhausted = false;
        }
        if (!reserve_slot()) {
            boost::system::error_code ignore;
            sock.close(ignore);
            continue;
        }
        auto done = [this](std::exception_ptr e) {
            release_slot();
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    spdlog::error("forbindelse avbrutt av unntak: {}", ex.what());
                } catch (...) {
                    spdlog::error("forbindelse avbrutt av ukjent unntak");
                }
            }
        };
        if (tls)
            asio::co_spawn(w.ioc, tls_session(w, std::move(sock)), done);
        else
            asio::co_spawn(w.ioc, plain_session(w, std::move(sock)), done);
    }
}

asio::awaitable<void> Server::Impl::plain_session(Worker& w, tcp::socket sock) {
    beast::tcp_stream stream(std::move(sock));
    Registration reg(w, stream);
    co_await serve(w, stream, reg.entry);
    boost::system::error_code ignore;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignore);
    stream.socket().close(ignore);
}

asio::awaitable<void> Server::Impl::tls_session(Worker& w, tcp::socket sock) {
    TlsStream stream(std::move(sock), *tls);
    auto& tcp_layer = beast::get_lowest_layer(stream);
    Registration reg(w, tcp_layer);  // idle until the first request: shutdown may close it
    // The handshake belongs to the first request's time budget (a silent client is cut off).
    tcp_layer.expires_after(opts.read_timeout);
    auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kTok);
    if (!hec && !draining) {
        co_await serve(w, stream, reg.entry);
        // close_notify, without waiting long for the peer's.
        if (tcp_layer.socket().is_open()) {
            tcp_layer.expires_after(std::chrono::milliseconds(500));
            co_await stream.async_shutdown(kTok);
        }
    }
    boost::system::error_code ignore;
    tcp_layer.socket().close(ignore);
}

template <class Stream>
asio::awaitable<void> Server::Impl::write_error(Stream& s, int status, std::string_view target,
                                                std::string_view accept) {
    Response res;
    res.status = status;
    on_error(status, target, accept, res);
    std::string head;
    write_head(head, status, 11, res, false, true);
    beast::get_lowest_layer(s).expires_after(std::chrono::seconds(5));
    co_await asio::async_write(s, std::array{asio::buffer(head), asio::buffer(res.body)}, kTok);
}

// After a 413: reads (and drops) what the client still sends, briefly, so it reads our answer
// instead of a reset. Under TLS the write side stays open: a TCP half-close would cut the TLS
// stream.
namespace {
template <class Stream>
asio::awaitable<void> drain(Stream& stream) {
    auto& tcp_layer = beast::get_lowest_layer(stream);
    if constexpr (!kIsTls<Stream>) {
        boost::system::error_code ignore;
        tcp_layer.socket().shutdown(tcp::socket::shutdown_send, ignore);
    }
    tcp_layer.expires_after(std::chrono::seconds(2));
    char sink[16384];
    for (std::size_t total = 0; total < 64u * 1024 * 1024;) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTok);
        if (ec) break;
        total += n;
    }
}
}  // namespace

template <class Stream>
asio::awaitable<void> Server::Impl::serve(Worker&, Stream& stream, ConnEntry& entry) {
    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(stream);
    beast::flat_buffer buffer;
    std::string head;
    std::string remote;
    {
        boost::system::error_code ec;
        auto ep = tcp_layer.socket().remote_endpoint(ec);
        if (!ec) remote = ep.address().to_string();
    }

    for (;;) {
        entry.idle = true;
        if (draining) break;
        if (buffer.size() == 0) {
            // Idle keep-alive wait for the first byte of the next request.
            tcp_layer.expires_after(opts.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTok);
            if (ec) break;
            buffer.commit(n);
        }
        entry.idle = false;
        // From the first byte, the whole request must arrive within read_timeout (slowloris).
        tcp_layer.expires_after(opts.read_timeout);
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
        parser.body_limit(opts.body_limit);
        auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTok);
        if (hec) {
            if (hec == bhttp::error::header_limit) {
                co_await write_error(stream, 431, "", "");
            } else if (hec == bhttp::error::body_limit) {  // a Content-Length beyond the limit
                co_await write_error(stream, 413, parser.get().target(),
                                     parser.get()[bhttp::field::accept]);
                co_await drain(stream);
            } else if (hec != bhttp::error::end_of_stream && hec != beast::error::timeout &&
                       hec != asio::error::eof && hec != asio::error::connection_reset &&
                       hec != asio::error::operation_aborted &&
                       hec != asio::ssl::error::stream_truncated) {
                co_await write_error(stream, 400, "", "");
            }
            break;
        }
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTok);
        if (bec) {
            if (bec == bhttp::error::body_limit) {
                co_await write_error(stream, 413, parser.get().target(),
                                     parser.get()[bhttp::field::accept]);
                co_await drain(stream);
            } else if (bec != beast::error::timeout && bec != asio::error::eof &&
                       bec != bhttp::error::end_of_stream && bec != asio::error::connection_reset &&
                       bec != asio::ssl::error::stream_truncated) {
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
        bool paa_skrivetraad = false;
        auto handle = [&] {
            try {
                handler(req, res);
            } catch (const TrengerSkrivetraad&) {
                paa_skrivetraad = true;
            } catch (const std::exception& e) {
                spdlog::error("uventet feil i behandlingen av {} {}: {}", req.method, req.target,
                              e.what());
                res = Response{};
                on_error(500, req.target, breq[bhttp::field::accept], res);
                res.status = 500;
            }
        };
        // On the write pool the connection's coroutine waits; its worker goes on with other
        // connections.
        auto handle_on_write_pool = [&]() -> asio::awaitable<void> {
            co_await asio::co_spawn(
                *write_pool,
                [&]() -> asio::awaitable<void> {
                    handle();
                    co_return;
                },
                asio::use_awaitable);
        };
        const auto verb = breq.method();
        if (write_pool && verb != bhttp::verb::get && verb != bhttp::verb::head &&
            verb != bhttp::verb::options) {
            co_await handle_on_write_pool();
        } else {
            const auto t0 = std::chrono::steady_clock::now();
            handle();
            if (paa_skrivetraad) {
                // A read that must write first (a sandbox first touch) runs again there.
                req.paa_nytt = true;
                req.foerste_kjoering_us = std::chrono::duration_cast<std::chrono::microseconds>(
                                              std::chrono::steady_clock::now() - t0)
                                              .count();
                paa_skrivetraad = false;
                co_await handle_on_write_pool();
            }
        }
        if (paa_skrivetraad) {  // the write pool itself may always wait
            res = Response{};
            on_error(500, req.target, breq[bhttp::field::accept], res);
            res.status = 500;
        }

        // Test faults: a delay on a timer (the worker serves other connections meanwhile), a
        // dropped connection, a truncated body.
        if (res.delay_ms > 0) {
            asio::steady_timer pause(co_await asio::this_coro::executor);
            pause.expires_after(std::chrono::milliseconds(res.delay_ms));
            co_await pause.async_wait(kTok);
        }
        if (res.drop_connection) break;

        const bool is_head = breq.method() == bhttp::verb::head;
        const bool keep = breq.keep_alive() && !res.close && !draining && !res.truncate_body;
        // 1xx, 204 and 304 carry no body and no length (RFC 9110 §8.6).
        const bool bodyless = res.status < 200 || res.status == 204 || res.status == 304;
        if (bodyless) res.body.clear();
        write_head(head, res.status, breq.version(), res, keep, !bodyless);
        if (res.truncate_body) res.body.resize(res.body.size() / 2);  // the length says more
        tcp_layer.expires_after(opts.read_timeout);
        auto [wec, wn] =
            is_head ? co_await asio::async_write(stream, asio::buffer(head), kTok)
                    : co_await asio::async_write(
                          stream, std::array{asio::buffer(head), asio::buffer(res.body)}, kTok);
        if (wec) break;
        if (!keep) break;
    }
}

}  // namespace skd::http
