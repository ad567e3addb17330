#include "security/http_fetch.hpp"

#include <openssl/ssl.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace skd::security {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
constexpr auto kTok = asio::as_tuple(asio::use_awaitable);

struct Url {
    bool https = false;
    std::string host;  // without brackets for IPv6 literals
    bool ipv6 = false;
    std::uint16_t port = 0;
    std::string path;
};

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 5) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

Result<Url, std::string> parse_url(std::string_view url) {
    Url u;
    if (url.substr(0, 7) == "http://") {
        url.remove_prefix(7);
    } else if (url.substr(0, 8) == "https://") {
        u.https = true;
        url.remove_prefix(8);
    } else {
        return std::string("URL-en må starte med http:// eller https://");
    }
    if (auto hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
    const std::size_t end = url.find_first_of("/?");
    std::string_view authority = url.substr(0, end);
    u.path = end == std::string_view::npos ? "/" : std::string(url.substr(end));
    if (u.path.front() == '?') u.path.insert(0, "/");
    if (authority.find('@') != std::string_view::npos)
        return std::string("brukernavn i URL støttes ikke");
    std::string_view port_text;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::string("IPv6-adressen mangler ']'");
        u.host = std::string(authority.substr(1, close - 1));
        u.ipv6 = true;
        boost::system::error_code ec;
        asio::ip::make_address_v6(u.host, ec);
        if (ec) return "ugyldig IPv6-adresse i URL: " + u.host;
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::string("ugyldig port i URL");
            port_text = rest.substr(1);
        }
    } else {
        const std::size_t colon = authority.find(':');
        if (colon != std::string_view::npos && authority.find(':', colon + 1) != std::string::npos)
            return std::string(
                "IPv6-adresser i URL må stå i hakeparentes, som https://[::1]:8443/");
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (u.host.empty()) return std::string("URL-en mangler vert");
    if (port_text.empty()) {
        u.port = u.https ? 443 : 80;
    } else {
        if (!all_digits(port_text)) return std::string("ugyldig port i URL");
        const unsigned long p = std::stoul(std::string(port_text));
        if (p == 0 || p > 65535) return std::string("ugyldig port i URL");
        u.port = static_cast<std::uint16_t>(p);
    }
    for (char c : u.path)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
            return std::string("ugyldig tegn i URL-stien");
    return u;
}

// host:port as people write it, for messages.
std::string shown(const Url& u) {
    return (u.ipv6 ? "[" + u.host + "]" : u.host) + ":" + std::to_string(u.port);
}

std::string host_header(const Url& u) {
    std::string h = u.ipv6 ? "[" + u.host + "]" : u.host;
    if (u.port != (u.https ? 443 : 80)) h += ":" + std::to_string(u.port);
    return h;
}

// Literal addresses need no lookup. Names are looked up on a thread of their own that the caller
// stops waiting for at the deadline (getaddrinfo cannot be cancelled); it ends on its own later.
Result<std::vector<tcp::endpoint>, std::string> resolve(const Url& u,
                                                        SteadyClock::time_point deadline) {
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(u.host, ec);
    if (!ec) return std::vector<tcp::endpoint>{tcp::endpoint(addr, u.port)};
    struct Shared {
        std::mutex mu;
        std::condition_variable cv;
        bool done = false;
        boost::system::error_code ec;
        std::vector<tcp::endpoint> endpoints;
    };
    auto shared = std::make_shared<Shared>();
    try {
        std::thread([shared, host = u.host, port = std::to_string(u.port)] {
            asio::io_context ctx;
            tcp::resolver resolver(ctx);
            boost::system::error_code rec;
            auto results = resolver.resolve(host, port, rec);
            std::lock_guard lock(shared->mu);
            shared->ec = rec;
            for (const auto& r : results) shared->endpoints.push_back(r.endpoint());
            shared->done = true;
            shared->cv.notify_all();
        }).detach();
    } catch (const std::system_error& e) {
        return "navneoppslaget for " + u.host + " kunne ikke starte: " + e.what();
    }
    std::unique_lock lock(shared->mu);
    if (!shared->cv.wait_until(lock, deadline, [&] { return shared->done; }))
        return "tidsavbrudd ved navneoppslag for " + u.host;
    if (shared->ec) return "navneoppslaget for " + u.host + " feilet: " + shared->ec.message();
    if (shared->endpoints.empty()) return "navneoppslaget for " + u.host + " ga ingen adresser";
    return std::move(shared->endpoints);
}

struct Outcome {
    std::optional<std::string> body;
    std::string error;
};

template <class Stream>
asio::awaitable<void> exchange(Stream& stream, const Url& u, std::string_view url_text,
                               const std::vector<tcp::endpoint>& endpoints,
                               SteadyClock::time_point deadline, std::size_t max_body,
                               Outcome& out) {
    constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(stream);
    const std::string where = shown(u);
    auto failed = [&](const boost::system::error_code& ec, std::string_view doing) {
        if (ec == beast::error::timeout)
            return "tidsavbrudd ved " + std::string(doing) + " " + where;
        return "feil ved " + std::string(doing) + " " + where + ": " + ec.message();
    };

    tcp_layer.expires_at(deadline);
    if (auto [ec, ep] = co_await tcp_layer.async_connect(endpoints, kTok); ec) {
        out.error = failed(ec, "tilkobling til");
        co_return;
    }
    if constexpr (kTls) {
        tcp_layer.expires_at(deadline);
        if (auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, kTok); ec) {
            out.error = failed(ec, "TLS-håndtrykk med");
            co_return;
        }
    }
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, u.path, 11};
    req.set(bhttp::field::host, host_header(u));
    req.set(bhttp::field::user_agent, "skattedeling");
    req.set(bhttp::field::accept, "application/json");
    req.set(bhttp::field::connection, "close");
    tcp_layer.expires_at(deadline);
    if (auto [ec, n] = co_await bhttp::async_write(stream, req, kTok); ec) {
        out.error = failed(ec, "sending til");
        co_return;
    }

    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(max_body);
    tcp_layer.expires_at(deadline);
    if (auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTok); ec) {
        out.error = ec == bhttp::error::body_limit
                        ? "svaret fra " + where + " er for stort (over " +
                              std::to_string(max_body) + " byte)"
                        : failed(ec, "lesing fra");
        co_return;
    }
    const auto& head = parser.get();
    const unsigned status = head.result_int();
    if (status >= 300 && status < 400) {
        const auto location = head[bhttp::field::location];
        out.error = std::string(url_text) + " svarte med omdirigering (HTTP " +
                    std::to_string(status) + (location.empty() ? "" : " til ") +
                    std::string(location.substr(0, 200)) + "); omdirigeringer følges ikke";
        co_return;
    }
    if (status != 200) {
        out.error = "HTTP " + std::to_string(status) + " " + std::string(head.reason()) + " fra " +
                    std::string(url_text);
        co_return;
    }
    tcp_layer.expires_at(deadline);
    if (auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kTok); ec) {
        out.error = ec == bhttp::error::body_limit
                        ? "svaret fra " + where + " er for stort (over " +
                              std::to_string(max_body) + " byte)"
                        : failed(ec, "lesing fra");
        co_return;
    }
    out.body = std::move(parser.get().body());
    boost::system::error_code ignore;
    tcp_layer.socket().shutdown(tcp::socket::shutdown_both, ignore);
}

}  // namespace

Result<std::string, SecurityError> http_get(std::string_view url_text,
                                            std::chrono::milliseconds timeout,
                                            std::size_t max_body_bytes) {
    auto url = parse_url(url_text);
    if (!url) return SecurityError{url.error()};
    const auto deadline = SteadyClock::now() + timeout;
    auto endpoints = resolve(*url, deadline);
    if (!endpoints) return SecurityError{endpoints.error()};

    std::optional<ssl::context> tls;
    if (url->https) {
        tls.emplace(ssl::context::tls_client);
        SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
        // Servers often close without close_notify after "Connection: close"; the body is
        // complete by its length then, so that is not an error.
        SSL_CTX_set_options(tls->native_handle(), SSL_OP_IGNORE_UNEXPECTED_EOF);
        boost::system::error_code ec;
        tls->set_default_verify_paths(ec);
        if (ec) return SecurityError{"fant ikke CA-lageret: " + ec.message()};
    }

    // Declared after everything the coroutine refers to, so it is destroyed first.
    Outcome out;
    asio::io_context ioc(1);
    auto on_done = [&out](std::exception_ptr e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            out.error = std::string("uventet feil ved henting: ") + ex.what();
        }
    };
    std::optional<beast::tcp_stream> plain;
    std::optional<ssl::stream<beast::tcp_stream>> secure;
    if (url->https) {
        secure.emplace(ioc, *tls);
        boost::system::error_code ec;
        secure->set_verify_mode(ssl::verify_peer, ec);
        secure->set_verify_callback(ssl::host_name_verification(url->host), ec);
        // SNI carries host names only, never address literals (RFC 6066 §3).
        asio::ip::make_address(url->host, ec);
        if (ec) SSL_set_tlsext_host_name(secure->native_handle(), url->host.c_str());
        asio::co_spawn(ioc,
                       exchange(*secure, *url, url_text, *endpoints, deadline, max_body_bytes, out),
                       on_done);
    } else {
        plain.emplace(ioc);
        asio::co_spawn(ioc,
                       exchange(*plain, *url, url_text, *endpoints, deadline, max_body_bytes, out),
                       on_done);
    }
    // Every step above carries the deadline; the margin only guards against a step that does not.
    ioc.run_until(deadline + std::chrono::seconds(1));
    if (!ioc.stopped()) {
        ioc.stop();
        return SecurityError{"tidsavbrudd ved henting fra " + shown(*url)};
    }
    if (!out.body) return SecurityError{out.error.empty() ? "ukjent feil" : out.error};
    return Result<std::string, SecurityError>(boost::system::in_place_value, std::move(*out.body));
}

}  // namespace skd::security
