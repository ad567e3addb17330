#include "security/jwks.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "security/http_fetch.hpp"
#include "security/test_http_server.hpp"
#include "security/test_support.hpp"

namespace skd::security {
namespace {

using test::jwks_of;
using test::TempDir;
using test::test_key;
using test::write_file;

TEST(KeySet, ParsesRsaKeysByKid) {
    auto set = KeySet::parse(jwks_of({0, 1}));
    ASSERT_TRUE(set) << set.error();
    EXPECT_EQ((*set)->size(), 2u);
    ASSERT_NE((*set)->find(test_key(0).kid()), nullptr);
    EXPECT_EQ((*set)->find(test_key(0).kid())->key->bits(), 2048);
    EXPECT_EQ((*set)->find("nope"), nullptr);
}

TEST(KeySet, SkipsForeignKeysAndFailsWithoutUsableOnes) {
    std::string rsa = test_key(0).jwks_json();
    std::string doc = R"({"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b","kid":"ec"},)" +
                      rsa.substr(9, rsa.size() - 11) + "]}";
    auto set = KeySet::parse(doc);
    ASSERT_TRUE(set) << set.error();
    EXPECT_EQ((*set)->size(), 1u);

    EXPECT_FALSE(KeySet::parse(R"({"keys":[{"kty":"EC","kid":"ec"}]})"));
    EXPECT_FALSE(KeySet::parse(R"({"keys":[{"kty":"RSA","kid":"x","n":"!!","e":"AQAB"}]})"));
    EXPECT_FALSE(KeySet::parse(R"({"keys":[{"kty":"RSA","kid":"x","n":"AQAB","e":"AQAB"}]})"));
    EXPECT_FALSE(KeySet::parse(R"({"nokeys":[]})"));
    EXPECT_FALSE(KeySet::parse("not json"));
    std::string enc = rsa;
    enc.replace(enc.find(R"("use":"sig")"), 11, R"("use":"enc")");
    EXPECT_FALSE(KeySet::parse(enc));
}

TEST(JwksSource, LoadsFileAndInlineDocument) {
    TempDir dir;
    write_file(dir / "jwks.json", jwks_of({0}));
    auto file = JwksSource::serve({"iss", (dir / "jwks.json").string(), 0});
    ASSERT_TRUE(file) << file.error();
    EXPECT_EQ((*file)->keys()->size(), 1u);

    auto inline_doc = JwksSource::serve({"iss", jwks_of({1}), 0});
    ASSERT_TRUE(inline_doc) << inline_doc.error();
    EXPECT_NE((*inline_doc)->keys()->find(test_key(1).kid()), nullptr);

    auto missing = JwksSource::serve({"iss", (dir / "missing.json").string(), 0});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find("missing.json"), std::string::npos);
}

// Polls `done` until it holds or `limit` passes; for effects of the background refresher.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

TEST(JwksSource, UnknownKidRefreshRunsInTheBackgroundAndIsRateLimited) {
    TempDir dir;
    write_file(dir / "jwks.json", jwks_of({0}));
    auto src = JwksSource::serve({"iss", (dir / "jwks.json").string(), 0});
    ASSERT_TRUE(src);
    write_file(dir / "jwks.json", jwks_of({0, 1}));
    EXPECT_EQ((*src)->refresh_for_unknown_kid(), JwksSource::Refresh::Scheduled);
    EXPECT_TRUE(eventually([&] { return (*src)->keys()->find(test_key(1).kid()) != nullptr; }));
    EXPECT_EQ((*src)->fetches_for_test(), 2u);
    write_file(dir / "jwks.json", jwks_of({0, 1, 2}));
    EXPECT_EQ((*src)->refresh_for_unknown_kid(), JwksSource::Refresh::RateLimited);
    EXPECT_EQ((*src)->keys()->find(test_key(2).kid()), nullptr);

    auto inline_doc = JwksSource::serve({"iss", jwks_of({1}), 0});
    ASSERT_TRUE(inline_doc);
    EXPECT_EQ((*inline_doc)->refresh_for_unknown_kid(), JwksSource::Refresh::Static);
}

TEST(JwksSource, UnknownKidNeverWaitsForABlackHole) {
    const std::string body = jwks_of({0});
    std::atomic<bool> answer{true};
    test::TestHttpServer server(
        [&](const std::string&) { return answer ? test::ok_json(body) : std::string(); });
    auto src = JwksSource::serve({"iss", server.url(), 0, 3});
    ASSERT_TRUE(src) << src.error();
    answer = false;  // from now on the JWKS URL accepts and never answers
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ((*src)->refresh_for_unknown_kid(), JwksSource::Refresh::Scheduled);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
    EXPECT_TRUE(eventually([&] { return server.requests() == 2; }));
    EXPECT_EQ((*src)->keys()->size(), 1u);  // the old keys stay in use meanwhile
    EXPECT_TRUE(eventually([&] { return !(*src)->last_error().empty(); }));
    EXPECT_NE((*src)->last_error().find("tidsavbrudd"), std::string::npos) << (*src)->last_error();
}

TEST(JwksSource, PeriodicRefreshPicksUpNewKeys) {
    std::atomic<int> n{0};
    test::TestHttpServer server([&](const std::string&) {
        return test::ok_json(n++ == 0 ? jwks_of({0}) : jwks_of({0, 1}));
    });
    auto src = JwksSource::serve({"iss", server.url(), 1, 3});
    ASSERT_TRUE(src) << src.error();
    EXPECT_TRUE(eventually([&] { return (*src)->keys()->find(test_key(1).kid()) != nullptr; },
                           std::chrono::seconds(5)));
}

TEST(JwksSource, StopsRefreshThreadPromptly) {
    TempDir dir;
    write_file(dir / "jwks.json", jwks_of({0}));
    auto start = std::chrono::steady_clock::now();
    {
        auto src = JwksSource::serve({"iss", (dir / "jwks.json").string(), 300});
        ASSERT_TRUE(src);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(JwksSource, KeepsOldKeysWhenReloadFails) {
    TempDir dir;
    write_file(dir / "jwks.json", jwks_of({0}));
    auto src = JwksSource::serve({"iss", (dir / "jwks.json").string(), 0});
    ASSERT_TRUE(src);
    write_file(dir / "jwks.json", "garbage");
    EXPECT_FALSE((*src)->reload());
    EXPECT_FALSE((*src)->last_error().empty());
    EXPECT_EQ((*src)->keys()->size(), 1u);
}

// A loopback listener; `answer` empty means accept and then never reply.
class TinyServer {
public:
    explicit TinyServer(std::string answer) : answer_(std::move(answer)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(fd_, 4);
        socklen_t len = sizeof a;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        if (!answer_.empty()) {
            thread_ = std::thread([this] {
                int c = ::accept(fd_, nullptr, nullptr);
                if (c < 0) return;
                char buf[4096];
                std::string req;
                while (req.find("\r\n\r\n") == std::string::npos) {
                    ssize_t n = ::read(c, buf, sizeof buf);
                    if (n <= 0) break;
                    req.append(buf, static_cast<std::size_t>(n));
                    if (!req.starts_with("GET")) break;  // a TLS ClientHello: answer in plain text
                }
                request_ = req;
                (void)::write(c, answer_.data(), answer_.size());
                ::close(c);
            });
        }
    }
    ~TinyServer() {
        ::shutdown(fd_, SHUT_RDWR);
        if (thread_.joinable()) thread_.join();
        ::close(fd_);
    }
    std::string url(std::string_view path = "/jwk") const {
        return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
    }
    std::string request_;

private:
    std::string answer_;
    int fd_ = -1;
    int port_ = 0;
    std::thread thread_;
};

TEST(HttpGet, FetchesJwksOverHttp) {
    std::string body = jwks_of({0});
    TinyServer server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body);
    auto src = JwksSource::serve({"iss", server.url(), 0, 2});
    ASSERT_TRUE(src) << src.error();
    EXPECT_EQ((*src)->keys()->size(), 1u);
}

TEST(HttpGet, ReportsHttpErrorStatus) {
    TinyServer server("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    auto r = http_get(server.url(), std::chrono::seconds(2));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("404"), std::string::npos);
}

TEST(HttpGet, SilentServerTimesOut) {
    TinyServer server("");  // accepts (backlog) but never answers
    auto start = std::chrono::steady_clock::now();
    auto src = JwksSource::serve({"iss", server.url(), 0, 1});
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(src);
    EXPECT_NE(src.error().find("tidsavbrudd"), std::string::npos) << src.error();
    EXPECT_LT(took, std::chrono::seconds(3));
}

TEST(HttpGet, HttpsToPlainServerFailsCleanly) {
    TinyServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    std::string url = server.url();
    url.replace(0, 4, "https");
    auto r = http_get(url, std::chrono::seconds(2));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().melding.find("127.0.0.1"), std::string::npos) << r.error().melding;
}

TEST(HttpGet, RefusedConnectionFailsFast) {
    int port = 0;
    {
        TinyServer closed("x");  // grab a free port, then close it
        port = std::stoi(closed.url("").substr(17));
    }
    auto r = http_get("http://127.0.0.1:" + std::to_string(port) + "/jwk", std::chrono::seconds(2));
    EXPECT_FALSE(r);
    EXPECT_FALSE(http_get("ftp://example.org/", std::chrono::seconds(1)));
    EXPECT_FALSE(http_get("http:///nohost", std::chrono::seconds(1)));
}

}  // namespace
}  // namespace skd::security
