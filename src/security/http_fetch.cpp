#include "security/http_fetch.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>

#include <memory>
#include <thread>

#include "core/ids.hpp"

namespace skd::security {

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Url {
    bool https = false;
    std::string host;
    std::string port;
    std::string path;
};

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
    std::size_t slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    u.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    if (authority.find('@') != std::string_view::npos)
        return std::string("brukernavn i URL støttes ikke");
    std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
        u.host = std::string(authority.substr(0, colon));
        u.port = std::string(authority.substr(colon + 1));
        if (!bare_sifre(u.port)) return std::string("ugyldig port i URL");
    } else {
        u.host = std::string(authority);
        u.port = u.https ? "443" : "80";
    }
    if (u.host.empty()) return std::string("URL-en mangler vert");
    for (char c : u.path) {
        if (c <= ' ' || c == 0x7f) return std::string("ugyldig tegn i URL-stien");
    }
    return u;
}

struct BioFree {
    void operator()(BIO* b) const { BIO_free_all(b); }
};
struct SslCtxFree {
    void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

std::string openssl_error() {
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) return "ukjent feil";
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

// Waits until the BIO's socket is ready in the direction OpenSSL asked for, or the deadline.
bool wait_ready(BIO* bio, SteadyClock::time_point deadline) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) return false;
    int fd = -1;
    BIO_get_fd(bio, &fd);
    if (fd < 0) {
        // The socket does not exist yet (connect BIO between states): try again shortly.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return SteadyClock::now() < deadline;
    }
    pollfd p{};
    p.fd = fd;
    p.events = 0;
    if (BIO_should_read(bio)) p.events |= POLLIN;
    if (BIO_should_write(bio) || BIO_should_io_special(bio)) p.events |= POLLOUT;
    if (p.events == 0) p.events = POLLIN | POLLOUT;
    int ms = static_cast<int>(std::min<std::int64_t>(left.count(), 1000));
    int rc = ::poll(&p, 1, ms);
    return rc >= 0 && SteadyClock::now() < deadline;
}

}  // namespace

Result<std::string, SecurityError> http_get(std::string_view url_text,
                                            std::chrono::milliseconds timeout,
                                            std::size_t max_body_bytes) {
    auto url = parse_url(url_text);
    if (!url) return SecurityError{url.error()};
    const auto deadline = SteadyClock::now() + timeout;
    const std::string target = url->host + ":" + url->port;

    std::unique_ptr<SSL_CTX, SslCtxFree> ctx;
    std::unique_ptr<BIO, BioFree> bio;
    if (url->https) {
        ctx.reset(SSL_CTX_new(TLS_client_method()));
        if (!ctx) return SecurityError{"TLS-oppsett feilet: " + openssl_error()};
        SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
        SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
        if (SSL_CTX_set_default_verify_paths(ctx.get()) != 1)
            return SecurityError{"fant ikke CA-lageret: " + openssl_error()};
        // Servers often close without close_notify after "Connection: close"; that is not an error.
        SSL_CTX_set_options(ctx.get(), SSL_OP_IGNORE_UNEXPECTED_EOF);
        bio.reset(BIO_new_ssl_connect(ctx.get()));
        if (!bio) return SecurityError{"TLS-oppsett feilet: " + openssl_error()};
        SSL* ssl = nullptr;
        BIO_get_ssl(bio.get(), &ssl);
        if (!ssl || SSL_set_tlsext_host_name(ssl, url->host.c_str()) != 1 ||
            SSL_set1_host(ssl, url->host.c_str()) != 1) {
            return SecurityError{"TLS-oppsett feilet: " + openssl_error()};
        }
        BIO_set_conn_hostname(bio.get(), target.c_str());
    } else {
        bio.reset(BIO_new_connect(target.c_str()));
        if (!bio) return SecurityError{"kunne ikke lage forbindelse: " + openssl_error()};
    }
    BIO_set_nbio(bio.get(), 1);

    while (BIO_do_connect(bio.get()) <= 0) {
        if (!BIO_should_retry(bio.get())) {
            return SecurityError{"kunne ikke koble til " + target + ": " + openssl_error()};
        }
        if (!wait_ready(bio.get(), deadline)) {
            ERR_clear_error();
            return SecurityError{"tidsavbrudd ved tilkobling til " + target};
        }
    }

    const std::string request = "GET " + url->path + " HTTP/1.0\r\nHost: " + url->host +
                                "\r\nAccept: application/json\r\nUser-Agent: skattedeling\r\n"
                                "Connection: close\r\n\r\n";
    std::size_t sent = 0;
    while (sent < request.size()) {
        int n =
            BIO_write(bio.get(), request.data() + sent, static_cast<int>(request.size() - sent));
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (!BIO_should_retry(bio.get()) || !wait_ready(bio.get(), deadline)) {
            ERR_clear_error();
            return SecurityError{"kunne ikke sende forespørselen til " + target};
        }
    }

    std::string response;
    const std::size_t max_total = max_body_bytes + 16 * 1024;
    char buf[8192];
    for (;;) {
        int n = BIO_read(bio.get(), buf, sizeof buf);
        if (n > 0) {
            response.append(buf, static_cast<std::size_t>(n));
            if (response.size() > max_total)
                return SecurityError{"svaret fra " + target + " er for stort"};
            continue;
        }
        if (n == 0 && !BIO_should_retry(bio.get())) break;  // EOF
        if (!BIO_should_retry(bio.get())) {
            return SecurityError{"lesefeil fra " + target + ": " + openssl_error()};
        }
        if (!wait_ready(bio.get(), deadline)) {
            ERR_clear_error();
            return SecurityError{"tidsavbrudd ved lesing fra " + target};
        }
    }

    // HTTP/1.0 request: the body is everything after the header block, never chunked.
    std::size_t header_end = response.find("\r\n\r\n");
    if (header_end == std::string::npos)
        return SecurityError{"ufullstendig HTTP-svar fra " + target};
    std::string_view status_line(response.data(), response.find("\r\n"));
    if (status_line.size() < 12 || status_line.substr(0, 5) != "HTTP/") {
        return SecurityError{"ugyldig HTTP-svar fra " + target};
    }
    std::string_view code = status_line.substr(status_line.find(' ') + 1, 3);
    if (code != "200")
        return SecurityError{"HTTP " + std::string(status_line.substr(status_line.find(' ') + 1)) +
                             " fra " + std::string(url_text)};
    std::string body = response.substr(header_end + 4);
    if (body.size() > max_body_bytes)
        return SecurityError{"svaret fra " + target + " er for stort"};
    return Result<std::string, SecurityError>(boost::system::in_place_value, std::move(body));
}

}  // namespace skd::security
