// For the security unit tests: a loopback HTTP(S) server on its own thread that answers every
// request with what a test function returns, over IPv4 or IPv6, plain or TLS, and a self-signed
// certificate made with the openssl command line. An empty answer means "accept, read the
// request, and never reply" (a black hole).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace skd::security::test {

// A self-signed EC certificate for localhost, 127.0.0.1 and ::1, written into `dir`.
struct TestCertificate {
    std::string cert, key;
    explicit TestCertificate(const std::filesystem::path& dir) {
        cert = (dir / "cert.pem").string();
        key = (dir / "key.pem").string();
        const std::string cmd =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
            "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1 "
            "-keyout '" +
            key + "' -out '" + cert + "' >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req feilet");
    }
};

struct TestHttpServerOptions {
    bool ipv6 = false;
    const TestCertificate* tls = nullptr;
};

class TestHttpServer {
public:
    using Answer = std::function<std::string(const std::string& request)>;
    using Options = TestHttpServerOptions;

    explicit TestHttpServer(Answer answer, Options o = {}) : answer_(std::move(answer)), o_(o) {
        ::signal(SIGPIPE, SIG_IGN);
        fd_ = ::socket(o.ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (o.ipv6) {
            sockaddr_in6 a{};
            a.sin6_family = AF_INET6;
            a.sin6_addr = in6addr_loopback;
            ok_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
            socklen_t len = sizeof a;
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
            port_ = ntohs(a.sin6_port);
        } else {
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            ok_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
            socklen_t len = sizeof a;
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
            port_ = ntohs(a.sin_port);
        }
        ok_ = ok_ && ::listen(fd_, 16) == 0;
        if (!ok_) return;
        if (o.tls) {
            ctx_ = SSL_CTX_new(TLS_server_method());
            if (SSL_CTX_use_certificate_chain_file(ctx_, o.tls->cert.c_str()) != 1 ||
                SSL_CTX_use_PrivateKey_file(ctx_, o.tls->key.c_str(), SSL_FILETYPE_PEM) != 1)
                throw std::runtime_error("testserveren kan ikke lese sertifikatet");
        }
        thread_ = std::thread([this] { loop(); });
    }
    ~TestHttpServer() {
        stop_ = true;
        ::shutdown(fd_, SHUT_RDWR);
        if (thread_.joinable()) thread_.join();
        for (auto [fd, ssl] : held_) {
            if (ssl) SSL_free(ssl);
            ::close(fd);
        }
        ::close(fd_);
        if (ctx_) SSL_CTX_free(ctx_);
    }
    bool ok() const { return ok_; }
    int port() const { return port_; }
    std::string url(std::string_view path = "/jwks") const {
        std::string host = o_.ipv6 ? "[::1]" : "127.0.0.1";
        return std::string(o_.tls ? "https://" : "http://") + host + ":" + std::to_string(port_) +
               std::string(path);
    }
    int requests() const { return requests_.load(); }
    std::string last_request() const {
        std::lock_guard lock(mu_);
        return last_request_;
    }

private:
    void loop() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 200) <= 0) continue;
            int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (c < 0) {
                if (stop_) return;
                continue;
            }
            SSL* ssl = nullptr;
            if (ctx_) {
                ssl = SSL_new(ctx_);
                SSL_set_fd(ssl, c);
                timeval tv{2, 0};
                ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
                if (SSL_accept(ssl) != 1) {  // e.g. the client refused our certificate
                    ERR_clear_error();
                    SSL_free(ssl);
                    ::close(c);
                    continue;
                }
            }
            std::string req;
            char buf[4096];
            while (req.find("\r\n\r\n") == std::string::npos) {
                const int n = ssl ? SSL_read(ssl, buf, sizeof buf)
                                  : static_cast<int>(::read(c, buf, sizeof buf));
                if (n <= 0) break;
                req.append(buf, static_cast<std::size_t>(n));
            }
            {
                std::lock_guard lock(mu_);
                last_request_ = req;
            }
            ++requests_;
            const std::string answer = answer_(req);
            if (answer.empty()) {  // black hole: keep it open, say nothing
                held_.emplace_back(c, ssl);
                continue;
            }
            std::size_t off = 0;
            while (off < answer.size()) {
                const int n =
                    ssl ? SSL_write(ssl, answer.data() + off, static_cast<int>(answer.size() - off))
                        : static_cast<int>(
                              ::send(c, answer.data() + off, answer.size() - off, MSG_NOSIGNAL));
                if (n <= 0) break;
                off += static_cast<std::size_t>(n);
            }
            if (ssl) {
                SSL_shutdown(ssl);
                SSL_free(ssl);
            }
            ERR_clear_error();
            ::close(c);
        }
    }

    Answer answer_;
    Options o_;
    int fd_ = -1;
    int port_ = 0;
    bool ok_ = false;
    SSL_CTX* ctx_ = nullptr;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0};
    mutable std::mutex mu_;
    std::string last_request_;
    std::vector<std::pair<int, SSL*>> held_;  // the loop thread's only
    std::thread thread_;
};

// A 200 answer with a JSON body.
inline std::string ok_json(const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace skd::security::test
