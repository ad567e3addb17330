// The HTTP core against the real binary: errors, negotiation, limits, keep-alive, pipelining,
// timeouts and graceful shutdown.
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

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

TEST_P(HttpE2e, UnknownPathUnderAnApisHostOrPrefixAnswersThatApisUnknownUrlCode) {
    struct Case {
        std::string host, path, kode;
    };
    for (const auto& c : std::vector<Case>{
             {"restanser.api.skatteetaten.no", "/v2/dibk/310111643/ekstra", "RESTANSE-003"},
             {"restanser.api.skatteetaten.no", "/v1/hendelser/x", "RESTANSE-003"},
             {"restanser.api.skatteetaten.no", "/ukjent", "RESTANSE-003"},
             {"kravogbetalinger.api.skatteetaten-test.no", "/ukjent/sti", "KB-003"},
             {"kravogbetalinger.api.skatteetaten.no", "/v1/finans/212201782/ukjent", "KB-003"},
             {"avregning.api.skatteetaten.no", "/v2/ssb/2024", "AR-003"},
             {"avregning.api.skatteetaten.no", "/ukjent", "AR-003"},
             {"skatteoppgjoerhendelser.api.skatteetaten.no", "/v1/hendelser/x/y", "FA-002"},
             {"skatteoppgjoerhendelser.api.skatteetaten.no", "/ukjent", "FA-002"},
             {"sistetilgjengeligeskatteoppgjoer.api.skatteetaten.no", "/v1/a/b", "TD-006"},
             {"sistetilgjengeligeskatteoppgjoer.api.skatteetaten.no", "/ukjent/x", "TD-006"},
             {"127.0.0.1", "/api/formueinntekt/skatteoppgjoer/ukjent/x", "FA-002"},
             {"127.0.0.1", "/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1/a/b", "TD-006"},
             {"127.0.0.1", "/api/trekkpaalegg/v1/a/b/c", "KB-003"},
             {"127.0.0.1", "/api/fastsetting/avregning/v2/x", "AR-003"},
             // Host-style paths on a plain host that match no route: neutral, not the first API's.
             {"127.0.0.1", "/v1/a/b/c/d", "DAS-002"},
             {"127.0.0.1", "/v2/a", "DAS-002"},
             {"127.0.0.1", "/v9/x", "DAS-002"}}) {
        auto r = srv_->get(c.path, {{"Host", c.host}});
        EXPECT_EQ(r.status, 404) << c.host << c.path << " " << r.body;
        auto v = r.json();
        EXPECT_TRUE(v.is_object() && v.as_object()["kode"] == c.kode.c_str())
            << c.host << c.path << ": forventet " << c.kode << ", fikk " << r.body;
    }
}

TEST_P(HttpE2e, WrongMethodAnswers405WithTheOwningApisCodeAndAllow) {
    struct Case {
        std::string host, method, path, kode, allow;
    };
    for (const auto& c : std::vector<Case>{
             {"restanser.api.skatteetaten.no", "POST", "/v2/dibk/310111643", "RESTANSE-003",
              "GET, HEAD"},
             {"127.0.0.1", "POST", "/v1/hendelser", "FA-002", "GET, HEAD"},
             {"127.0.0.1", "DELETE", "/v1/hendelser/start", "FA-002", "GET, HEAD"},
             {"skatteoppgjoerhendelser.api.skatteetaten.no", "PUT", "/v1/hendelser", "FA-002",
              "GET, HEAD"},
             {"127.0.0.1", "POST", "/v1/20463518646", "TD-006", "GET, HEAD"},
             {"127.0.0.1", "DELETE", "/api/trekkpaalegg/v1", "KB-003", "GET, HEAD"}}) {
        auto r = srv_->request(c.method, c.path, {{"Host", c.host}});
        EXPECT_EQ(r.status, 405) << c.method << " " << c.host << c.path << " " << r.body;
        EXPECT_EQ(r.header("Allow"), c.allow) << c.method << " " << c.path;
        auto v = r.json();
        EXPECT_TRUE(v.is_object() && v.as_object()["kode"] == c.kode.c_str())
            << c.method << " " << c.host << c.path << ": forventet " << c.kode << ", fikk "
            << r.body;
    }
}

TEST_P(HttpE2e, KorrelasjonsidAsQueryParameterIsEchoedLikeTheHeader) {
    const std::string id = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    auto r = srv_->get("/api/innkreving/restanser/v2/nope?Korrelasjonsid=" + id);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.header("Korrelasjonsid"), id);
    EXPECT_EQ(r.json().as_object()["korrelasjonsid"], id.c_str());
    // The header wins over the query parameter.
    const std::string header_id = "11111111-2222-4333-8444-555555555555";
    auto both = srv_->get("/api/innkreving/restanser/v2/nope?Korrelasjonsid=" + id,
                          {{"Korrelasjonsid", header_id}});
    EXPECT_EQ(both.header("Korrelasjonsid"), header_id);
    // An unsafe value is not echoed.
    auto bad = srv_->get("/api/innkreving/restanser/v2/nope?Korrelasjonsid=a%0d%0aX:1");
    EXPECT_EQ(bad.header("Korrelasjonsid").find('%'), std::string::npos);
    EXPECT_EQ(bad.header("Korrelasjonsid").size(), 36u);
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

// ---- Graceful shutdown ----

bool send_alt(int fd, std::string_view s) {
    while (!s.empty()) {
        auto n = ::send(fd, s.data(), s.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        s.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

struct RaattSvar {
    int status = 0;
    bool komplett = false;  // head and exactly Content-Length bytes of body arrived
    std::string head, body;
};

// Reads one HTTP/1.1 response with a Content-Length body, waiting at most timeout_ms.
RaattSvar les_svar(int fd, int timeout_ms) {
    RaattSvar r;
    std::string buf;
    const auto frist = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::size_t lengde = std::string::npos, slutt_head = std::string::npos;
    while (std::chrono::steady_clock::now() < frist) {
        if (slutt_head != std::string::npos && buf.size() >= slutt_head + 4 + lengde) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char b[8192];
        auto n = ::recv(fd, b, sizeof b, 0);
        if (n <= 0) break;
        buf.append(b, static_cast<std::size_t>(n));
        if (slutt_head == std::string::npos &&
            (slutt_head = buf.find("\r\n\r\n")) != std::string::npos) {
            r.head = buf.substr(0, slutt_head);
            if (r.head.size() > 12) r.status = std::atoi(r.head.c_str() + 9);
            std::string lav;
            for (char c : r.head)
                lav += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto cl = lav.find("\r\ncontent-length:");
            lengde = cl == std::string::npos ? 0 : std::stoul(lav.substr(cl + 17));
        }
    }
    if (slutt_head != std::string::npos && buf.size() >= slutt_head + 4 + lengde) {
        r.body = buf.substr(slutt_head + 4, lengde);
        r.komplett = buf.size() == slutt_head + 4 + lengde;
    }
    return r;
}

// The receive queue of the server's end of a loopback connection (local port `server`,
// remote port `klient`) from /proc/net/tcp: 0 once the server has read every byte sent.
long server_mottakskoe(int server, int klient) {
    for (const char* fil : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(fil);
        std::string linje;
        std::getline(in, linje);  // header
        while (std::getline(in, linje)) {
            std::istringstream ss(linje);
            std::string sl, lokal, fjern, st, koer;
            ss >> sl >> lokal >> fjern >> st >> koer;
            auto port = [](const std::string& a) {
                return static_cast<int>(std::stol(a.substr(a.rfind(':') + 1), nullptr, 16));
            };
            if (port(lokal) == server && port(fjern) == klient)
                return std::stol(koer.substr(koer.find(':') + 1), nullptr, 16);
        }
    }
    return -1;
}

class GracefulShutdownE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(GracefulShutdownE2e, SigtermCompletesEveryInFlightSubmissionAndRefusesNewConnections) {
    const char* pg = std::getenv("SKD_TEST_PG_URL");
    if (GetParam() == "Postgres" && (!pg || !*pg)) GTEST_SKIP() << "PostgreSQL er ikke konfigurert";
    Server s(GetParam());
    ASSERT_TRUE(s.ok());
    const std::string innsender = "312597772";
    constexpr int kAntall = 6;
    std::string vedlegg;
    for (int i = 0; i < kAntall; ++i)
        vedlegg += R"({"type": "vedlegg", "uuid": "avslutning-)" + std::to_string(i) +
                   R"(", "innsender": ")" + innsender + "\"}\n";
    ASSERT_EQ(s.import_text(vedlegg), 0);
    const std::string token =
        s.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", innsender});

    // Each connection: one finished request (it is accepted and served), then a submission
    // whose headers and first half of the body are sent; the rest follows after SIGTERM.
    struct Forbindelse {
        int fd = -1, klientport = 0;
        std::string rest;
    };
    std::vector<Forbindelse> f(kAntall);
    for (int i = 0; i < kAntall; ++i) {
        f[i].fd = connect_loopback(s.port());
        ASSERT_GE(f[i].fd, 0);
        ASSERT_TRUE(send_alt(f[i].fd, "GET /ready HTTP/1.1\r\nHost: t\r\n\r\n"));
        ASSERT_EQ(les_svar(f[i].fd, 10000).status, 200);
        const auto body = testdata::variant(testdata::kUtvidet, "avslutning-" + std::to_string(i),
                                            "avslutning-" + std::to_string(i));
        const std::string head =
            "POST /api/utleggsbegjaering/v1 HTTP/1.1\r\nHost: t\r\n"
            "Authorization: Bearer " +
            token +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n";
        ASSERT_TRUE(send_alt(f[i].fd, head + body.substr(0, body.size() / 2)));
        f[i].rest = body.substr(body.size() / 2);
        sockaddr_in a{};
        socklen_t n = sizeof a;
        ASSERT_EQ(::getsockname(f[i].fd, reinterpret_cast<sockaddr*>(&a), &n), 0);
        f[i].klientport = ntohs(a.sin_port);
    }
    // In flight: the server has read every byte sent so far on every connection.
    const auto frist = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (const auto& x : f) {
        while (server_mottakskoe(s.port(), x.klientport) != 0 &&
               std::chrono::steady_clock::now() < frist)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ASSERT_EQ(server_mottakskoe(s.port(), x.klientport), 0) << "port " << x.klientport;
    }

    ASSERT_EQ(::kill(s.pid(), SIGTERM), 0);
    // New connections are refused once the server drains.
    bool avvist = false;
    while (!avvist && std::chrono::steady_clock::now() < frist + std::chrono::seconds(5)) {
        int fd = connect_loopback(s.port());
        avvist = fd < 0;
        if (fd >= 0) ::close(fd);
        if (!avvist) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_TRUE(avvist) << "nye forbindelser ble fortsatt tatt imot etter SIGTERM";

    // Every request in flight completes with a whole 201 and the connection then closes.
    for (auto& x : f) {
        ASSERT_TRUE(send_alt(x.fd, x.rest));
        auto r = les_svar(x.fd, 15000);
        EXPECT_EQ(r.status, 201) << r.head << "\n" << r.body.substr(0, 300);
        EXPECT_TRUE(r.komplett) << r.head;
        auto v = boost::json::parse(r.body, {}, {});
        EXPECT_TRUE(v.is_object() && v.as_object().contains("eksternSaksreferanse")) << r.body;
        std::string lav;
        for (char c : r.head) lav += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_NE(lav.find("connection: close"), std::string::npos) << r.head;
        ::close(x.fd);
    }
    s.terminate();
}

INSTANTIATE_TEST_SUITE_P(Backends, GracefulShutdownE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
