// HTTPS: with tls_certificate and tls_private_key the server speaks TLS, so clients whose base
// URL must be https:// work unchanged. A self-signed certificate is made at test time; curl and
// the harness reach the server with it, and are refused without it. Limits, timeouts,
// keep-alive and the graceful shutdown hold over TLS as over plain TCP.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"

namespace skd::e2e {
namespace {

using Steady = std::chrono::steady_clock;
const std::string kRestanser = "/api/innkreving/restanser/v2/dibk/310111643";

// A self-signed certificate for 127.0.0.1 and localhost, made once per test process.
struct Certificate {
    std::string dir, cert, key;
    Certificate() {
        dir = testdata::unique_temp_dir("skd-tls").string();
        cert = dir + "/cert.pem";
        key = dir + "/key.pem";
        int code = 0;
        sh("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
           "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '" +
               key + "' -out '" + cert + "' 2>&1",
           &code);
        if (code != 0) cert.clear();
    }
    ~Certificate() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};
const Certificate& certificate() {
    static Certificate c;
    return c;
}

ServerOptions tls_options() {
    return ServerOptions{
        .args = {"--tls-certificate", certificate().cert, "--tls-private-key", certificate().key},
        .env = {{"SKD_IDLE_TIMEOUT_MS", "1500"},
                {"SKD_READ_TIMEOUT_MS", "1500"},
                {"SKD_BODY_LIMIT", "1048576"}}};
}

class TlsE2e : public E2eTest {
protected:
    void SetUp() override {
        ASSERT_FALSE(certificate().cert.empty()) << "openssl req feilet";
        use_server(tls_options());
        if (IsSkipped()) return;
        base_ = "https://127.0.0.1:" + std::to_string(srv_->port());
    }
    HttpResponse get(const std::string& path, Headers h = {}, std::string* err = nullptr) {
        return https_request(srv_->port(), certificate().cert, "GET", path, h, {}, err);
    }
    std::string base_;
};

TEST_P(TlsE2e, CurlWithTheCertificateReachesTheApi) {
    const std::string token = srv_->token({"--scope", "skatteetaten:restanser"});
    int code = 0;
    const std::string out = sh("curl -sS --cacert '" + certificate().cert +
                                   "' -w '\\n%{http_code} %{ssl_verify_result}' -H "
                                   "'Authorization: Bearer " +
                                   token + "' '" + base_ + kRestanser + "' 2>&1",
                               &code);
    EXPECT_EQ(code, 0) << out;
    EXPECT_NE(out.find("\n200 0"), std::string::npos) << out;
    EXPECT_NE(out.find("310111643"), std::string::npos) << out;
}

TEST_P(TlsE2e, CurlWithoutTheCertificateFailsVerification) {
    int code = 0;
    const std::string out = sh("curl -sS '" + base_ + "/health' 2>&1", &code);
    EXPECT_EQ(code, 60) << out;  // CURLE_PEER_FAILED_VERIFICATION
    EXPECT_NE(out.find("certificate"), std::string::npos) << out;
}

TEST_P(TlsE2e, HarnessGetsTheSameAnswersOverTls) {
    const std::string token = srv_->token({"--scope", "skatteetaten:restanser"});
    auto r = get(kRestanser, {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.header("Date").empty());
    auto v = r.json();
    ASSERT_TRUE(v.is_object()) << r.body;
    auto unauth = get(kRestanser);
    EXPECT_EQ(unauth.status, 401);
    EXPECT_EQ(unauth.json().as_object()["kode"], "RESTANSE-004");
}

TEST_P(TlsE2e, HarnessWithoutTheCertificateIsRefused) {
    std::string err;
    auto r = https_request(srv_->port(), "", "GET", "/health", {}, {}, &err);
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(err.find("self-signed"), std::string::npos) << err;
}

TEST_P(TlsE2e, PlainHttpOnTheTlsPortGetsNoHttpAnswer) {
    auto raw = raw_exchange(srv_->port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
    EXPECT_EQ(raw.find("HTTP/1.1 200"), std::string::npos) << raw;
    EXPECT_EQ(get("/health").status, 200);
}

TEST_P(TlsE2e, KeepAliveAndPipeliningWorkOverTls) {
    const std::string req =
        "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /ready HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    std::string err;
    const std::string raw = tls_exchange(srv_->port(), certificate().cert, req, 5000, &err);
    std::size_t answers = 0;
    for (auto p = raw.find("HTTP/1.1 200"); p != std::string::npos;
         p = raw.find("HTTP/1.1 200", p + 1))
        ++answers;
    EXPECT_EQ(answers, 3u) << err << raw;
}

TEST_P(TlsE2e, SizeLimitsHoldOverTls) {
    auto big_head = get("/health", {{"X-Stor", std::string(64 * 1024, 'a')}});
    EXPECT_EQ(big_head.status, 431);
    auto big_body =
        https_request(srv_->port(), certificate().cert, "POST", "/api/utleggsbegjaering/v1", {},
                      std::string(2 * 1024 * 1024, 'x'));
    EXPECT_EQ(big_body.status, 413) << big_body.body;
    EXPECT_EQ(get("/health").status, 200);
}

TEST_P(TlsE2e, SilentClientIsCutOffAtTheReadTimeout) {
    // TCP only, no ClientHello: the handshake counts against read_timeout (1.5 s here).
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(srv_->port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    const auto t0 = Steady::now();
    pollfd p{fd, POLLIN, 0};
    char c;
    const bool closed = ::poll(&p, 1, 10000) == 1 && ::recv(fd, &c, 1, 0) <= 0;
    const auto took = Steady::now() - t0;
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_GE(took, std::chrono::milliseconds(1000));
    EXPECT_LT(took, std::chrono::milliseconds(6000));
}

INSTANTIATE_TEST_SUITE_P(Backends, TlsE2e, backends(), backend_name);

TEST(TlsShutdown, SigtermFinishesInFlightTlsRequests) {
    ASSERT_FALSE(certificate().cert.empty());
    Server s("Sqlite", tls_options());
    ASSERT_TRUE(s.ok());
    std::atomic<int> ok{0}, failed{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int i = 0; i < 4; ++i)
        clients.emplace_back([&] {
            while (!stop) {
                auto r = https_request(s.port(), certificate().cert, "GET", "/ready");
                if (r.status == 200)
                    ++ok;
                else if (r.status != 0)
                    ++failed;  // 0: no connection or handshake once the server has stopped
            }
        });
    const auto until = Steady::now() + std::chrono::seconds(10);
    while (ok.load() < 20 && Steady::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s.terminate();
    stop = true;
    for (auto& t : clients) t.join();
    EXPECT_GE(ok.load(), 20);
    EXPECT_EQ(failed.load(), 0);
}

}  // namespace
}  // namespace skd::e2e
