#include "security/http_fetch.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>

#include "security/test_http_server.hpp"
#include "security/test_support.hpp"

namespace skd::security {
namespace {

using test::ok_json;
using test::TempDir;
using test::TestCertificate;
using test::TestHttpServer;
using Clock = std::chrono::steady_clock;

// OpenSSL's default verify paths honour SSL_CERT_FILE; the test CA is trusted only inside.
struct TrustOnly {
    explicit TrustOnly(const std::string& file) { ::setenv("SSL_CERT_FILE", file.c_str(), 1); }
    ~TrustOnly() { ::unsetenv("SSL_CERT_FILE"); }
};

const TestCertificate& certificate() {
    static TempDir dir;
    static TestCertificate cert(dir.path());
    return cert;
}

TEST(HttpGet, FetchesOverHttpsFromAnIpv6Literal) {
    TestHttpServer server([](const std::string&) { return ok_json(R"({"keys":[]})"); },
                          {.ipv6 = true, .tls = &certificate()});
    if (!server.ok()) GTEST_SKIP() << "IPv6 loopback er ikke tilgjengelig";
    TrustOnly trust(certificate().cert);
    auto r = http_get(server.url(), std::chrono::seconds(3));
    ASSERT_TRUE(r) << r.error().melding;
    EXPECT_EQ(*r, R"({"keys":[]})");
    EXPECT_NE(server.last_request().find("Host: [::1]:" + std::to_string(server.port())),
              std::string::npos)
        << server.last_request();
}

TEST(HttpGet, HttpsFromAnUntrustedServerIsRefused) {
    TestHttpServer server([](const std::string&) { return ok_json("{}"); },
                          {.tls = &certificate()});
    TempDir dir;
    test::write_file(dir / "empty.pem", "");
    TrustOnly trust((dir / "empty.pem").string());
    auto r = http_get(server.url(), std::chrono::seconds(3));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("TLS"), std::string::npos) << r.error().melding;
    EXPECT_NE(r.error().melding.find("certificate verify failed"), std::string::npos)
        << r.error().melding;
}

TEST(HttpGet, RedirectIsRefused) {
    TestHttpServer server([](const std::string&) {
        return std::string(
            "HTTP/1.1 302 Found\r\nLocation: http://evil.example/jwks\r\nContent-Length: "
            "0\r\n\r\n");
    });
    auto r = http_get(server.url(), std::chrono::seconds(3));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("302"), std::string::npos) << r.error().melding;
    EXPECT_NE(r.error().melding.find("omdirigering"), std::string::npos) << r.error().melding;
    EXPECT_NE(r.error().melding.find("evil.example"), std::string::npos) << r.error().melding;
    EXPECT_EQ(server.requests(), 1);
}

TEST(HttpGet, OversizedBodyIsRefused) {
    const std::string big(64 * 1024, ' ');
    TestHttpServer declared([&](const std::string&) { return ok_json(big); });
    auto r = http_get(declared.url(), std::chrono::seconds(3), 16 * 1024);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("for stort"), std::string::npos) << r.error().melding;

    // No Content-Length: the body ends at close, and is cut off at the limit all the same.
    TestHttpServer undeclared(
        [&](const std::string&) { return "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + big; });
    auto u = http_get(undeclared.url(), std::chrono::seconds(3), 16 * 1024);
    ASSERT_FALSE(u);
    EXPECT_NE(u.error().melding.find("for stort"), std::string::npos) << u.error().melding;

    auto fits = http_get(declared.url(), std::chrono::seconds(3), 128 * 1024);
    EXPECT_TRUE(fits) << fits.error().melding;
}

TEST(HttpGet, SlowServerTimesOutAtTheDeadline) {
    TestHttpServer server([](const std::string&) { return std::string(); });  // never answers
    const auto start = Clock::now();
    auto r = http_get(server.url(), std::chrono::milliseconds(500));
    const auto took = Clock::now() - start;
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("tidsavbrudd"), std::string::npos) << r.error().melding;
    EXPECT_GE(took, std::chrono::milliseconds(450));
    EXPECT_LT(took, std::chrono::milliseconds(1500));
}

TEST(HttpGet, TlsHandshakeWithASilentServerTimesOut) {
    TestHttpServer server([](const std::string&) { return std::string(); });
    std::string url = server.url();
    url.replace(0, 4, "https");  // the plain server reads the ClientHello and never answers
    const auto start = Clock::now();
    auto r = http_get(url, std::chrono::milliseconds(500));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("tidsavbrudd ved TLS"), std::string::npos)
        << r.error().melding;
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1500));
}

TEST(HttpGet, ChunkedAnswerIsRead) {
    TestHttpServer server([](const std::string&) {
        return std::string(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: "
            "chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n");
    });
    auto r = http_get(server.url(), std::chrono::seconds(3));
    ASSERT_TRUE(r) << r.error().melding;
    EXPECT_EQ(*r, R"({"a":1})");
}

TEST(HttpGet, MalformedUrlsAreRefused) {
    for (const char* u :
         {"ftp://example.org/", "http:///nohost", "http://::1/jwks", "http://[::1/jwks",
          "http://[zz]:80/", "http://h:99999/", "http://user@h/", "http://h:8x/"}) {
        auto r = http_get(u, std::chrono::seconds(1));
        EXPECT_FALSE(r) << u;
    }
}

}  // namespace
}  // namespace skd::security
