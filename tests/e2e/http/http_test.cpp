// The HTTP core against the real binary: errors, negotiation, limits, keep-alive, pipelining,
// timeouts and graceful shutdown.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

class HttpE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server(ServerOptions{
            .env = {{"SKD_IDLE_TIMEOUT_MS", "1500"}, {"SKD_READ_TIMEOUT_MS", "1500"}}});
        if (IsSkipped()) return;
    }
};

TEST_P(HttpE2e, UnknownUrlUnderAnApiUsesItsCode) {
    auto r = srv_->get("/api/innkreving/restanser/v2/nope");
    EXPECT_EQ(r.status, 404);
    auto v = r.json().as_object();
    EXPECT_EQ(v["kode"], "RESTANSE-003");
    EXPECT_EQ(v["korrelasjonsid"].as_string(), r.header("Korrelasjonsid"));
    EXPECT_EQ(srv_->get("/ingenting/her").json().as_object()["kode"], "DAS-002");
}

TEST_P(HttpE2e, XmlErrorIsValidFeil) {
    auto r = srv_->get("/api/innkreving/restanser/v2/nope", {{"Accept", "application/xml"}});
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(validate_xml(r.body, source_dir() + "/docs/xsd/feil-v1.xsd"), "") << r.body;
    EXPECT_EQ(r.body.rfind("<?xml", 0), 0u);
}

TEST_P(HttpE2e, UnsupportedAcceptIs406) {
    auto r = srv_->get("/api/innkreving/restanser/v2/nope", {{"Accept", "text/html"}});
    EXPECT_EQ(r.status, 406);
    EXPECT_EQ(r.json().as_object()["kode"], "RESTANSE-009");
}

TEST_P(HttpE2e, KorrelasjonsidIsEchoedInBodyAndHeader) {
    const std::string id = "3f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    auto r = srv_->get("/api/innkreving/restanser/v2/nope", {{"Korrelasjonsid", id}});
    EXPECT_EQ(r.header("Korrelasjonsid"), id);
    EXPECT_EQ(r.json().as_object()["korrelasjonsid"], id.c_str());
    auto injected =
        srv_->get("/api/innkreving/restanser/v2/nope", {{"Korrelasjonsid", "a b<script>"}});
    EXPECT_NE(injected.header("Korrelasjonsid"), "a b<script>");
}

TEST_P(HttpE2e, WrongMethodGives405WithAllow) {
    auto r = srv_->request("DELETE", "/api/innkreving/restanser/v2/dibk/310111643");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "GET, HEAD");
}

TEST_P(HttpE2e, HeadHasHeadersButNoBody) {
    auto raw = raw_exchange(
        srv_->port(),
        "HEAD /api/innkreving/restanser/v2/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(raw.find("404"), std::string::npos);
    EXPECT_NE(raw.find("Content-Length: "), std::string::npos);
    EXPECT_EQ(raw.find("RESTANSE-003"), std::string::npos);
}

TEST_P(HttpE2e, OversizedBodyGets413AndServerKeepsServing) {
    std::string body(20 * 1024 * 1024, 'x');
    auto r = srv_->request("POST", "/api/innkreving/restanser/v2/dibk/310111643", {}, body);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(srv_->get("/health").status, 200);
}

TEST_P(HttpE2e, OversizedHeaderGets431) {
    auto r = srv_->get("/health", {{"X-Stor", std::string(64 * 1024, 'a')}});
    EXPECT_EQ(r.status, 431);
    EXPECT_EQ(srv_->get("/health").status, 200);
}

TEST_P(HttpE2e, PipelinedRequestsAreAnsweredInOrder) {
    std::string req;
    for (const char* p : {"/health", "/api/innkreving/restanser/v2/nope", "/ready"})
        req += std::string("GET ") + p + " HTTP/1.1\r\nHost: x\r\n\r\n";
    req += "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    auto raw = raw_exchange(srv_->port(), req);
    auto a = raw.find("\"ok\""), b = raw.find("RESTANSE-003"), c = raw.find("klar"),
         d = raw.rfind("\"ok\"");
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    ASSERT_NE(c, std::string::npos);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_LT(c, d);
}

TEST_P(HttpE2e, IdleConnectionsAreClosedAtTheTimeout) {
    std::vector<int> fds;
    for (int i = 0; i < 1000; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(srv_->port()));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
            fds.push_back(fd);
        else
            ::close(fd);
    }
    ASSERT_GT(fds.size(), 900u);
    // Every idle connection must be closed by the server within the idle timeout (1.5 s) + slack.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::size_t closed = 0;
    for (int fd : fds) {
        timeval tv{};
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            deadline - std::chrono::steady_clock::now());
        tv.tv_sec = std::max<long>(0, static_cast<long>(left.count() / 1000000));
        tv.tv_usec = std::max<long>(1, static_cast<long>(left.count() % 1000000));
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char c;
        if (::recv(fd, &c, 1, 0) == 0) ++closed;
        ::close(fd);
    }
    EXPECT_EQ(closed, fds.size());
    EXPECT_EQ(srv_->get("/health").status, 200);
}

TEST_P(HttpE2e, SlowlorisHeadersAreCutOff) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(srv_->port()));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    const std::string part = "GET /health HTTP/1.1\r\nX-A: ";
    ::send(fd, part.data(), part.size(), MSG_NOSIGNAL);
    auto start = std::chrono::steady_clock::now();
    bool closed = false;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(8)) {
        if (::send(fd, "a", 1, MSG_NOSIGNAL) < 0) {
            closed = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ::close(fd);
    EXPECT_TRUE(closed);
}

TEST_P(HttpE2e, OpsEndpoints) {
    EXPECT_EQ(srv_->get("/health").status, 200);
    EXPECT_EQ(srv_->get("/ready").status, 200);
    srv_->get("/api/innkreving/restanser/v2/nope");
    auto m = srv_->get("/metrics");
    EXPECT_NE(m.body.find("skd_requests_total{api=\"restanser\",status=\"404\"}"),
              std::string::npos)
        << m.body;
    EXPECT_NE(m.body.find("skd_request_duration_seconds_bucket"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpE2e, backends(), backend_name);

TEST(GracefulShutdown, SigtermFinishesInFlightRequests) {
    Server s("Sqlite");
    ASSERT_TRUE(s.ok());
    std::atomic<int> ok{0}, failed{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int i = 0; i < 4; ++i)
        clients.emplace_back([&] {
            while (!stop) {
                auto r = s.get("/ready");
                if (r.status == 200)
                    ++ok;
                else if (r.status != 0)
                    ++failed;  // 0: connection refused after shutdown
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    s.terminate();
    stop = true;
    for (auto& t : clients) t.join();
    EXPECT_GT(ok.load(), 0);
    EXPECT_EQ(failed.load(), 0);
}

}  // namespace
}  // namespace skd::e2e
