// bruk.md's usage rule: at most N calls in flight per API per consumer, when
// max_concurrent_per_consumer turns it on. Six utleggsbegjæring submissions are held in flight
// by a lock on the database (an external SQLite write transaction, or a PostgreSQL row lock on
// the counter every submission takes); with the limit 5, exactly one is refused with 429.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

const std::string kInnsender = "312597772";  // innsender of the official examples
const std::string kV1 = "/api/utleggsbegjaering/v1";

// Holds the database's write path until release(): every submission then waits in the server.
class Skrivelaas {
public:
    explicit Skrivelaas(const std::string& url) {
        if (url.rfind("sqlite://", 0) == 0) {
            if (sqlite3_open_v2(url.substr(9).c_str(), &lite_, SQLITE_OPEN_READWRITE, nullptr) !=
                SQLITE_OK)
                return;
            ok_ = sqlite3_exec(lite_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
        } else {
            pg_ = PQconnectdb(url.c_str());
            if (PQstatus(pg_) != CONNECTION_OK) return;
            ok_ = kjoer("BEGIN") &&
                  kjoer("UPDATE sekvens SET verdi = verdi WHERE navn = 'utleggssak'");
        }
    }
    ~Skrivelaas() {
        slipp();
        if (lite_) sqlite3_close(lite_);
        if (pg_) PQfinish(pg_);
    }
    bool ok() const { return ok_; }
    void slipp() {
        if (!ok_) return;
        ok_ = false;
        if (lite_) sqlite3_exec(lite_, "ROLLBACK", nullptr, nullptr, nullptr);
        if (pg_) kjoer("ROLLBACK");
    }

private:
    bool kjoer(const char* sql) {
        PGresult* r = PQexec(pg_, sql);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        return ok;
    }
    sqlite3* lite_ = nullptr;
    PGconn* pg_ = nullptr;
    bool ok_ = false;
};

class UsageLimitE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(UsageLimitE2e, ASixthConcurrentCallOfOneConsumerGets429WithRetryAfter) {
    Server srv(GetParam(), ServerOptions{.env = {{"SKD_MAX_CONCURRENT_PER_CONSUMER", "5"}}});
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    const auto token =
        srv.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", kInnsender});
    std::string jsonl;
    std::vector<std::string> bodies;
    for (int i = 0; i < 7; ++i) {
        const std::string uuid = "grense-vedlegg-" + std::to_string(i);
        jsonl += R"({"type": "vedlegg", "uuid": ")" + uuid + R"(", "innsender": ")" + kInnsender +
                 "\"}\n";
        bodies.push_back(
            testdata::variant(testdata::kUtvidet, "grense-" + std::to_string(i), uuid));
    }
    std::string out;
    ASSERT_EQ(srv.import_text(jsonl, &out), 0) << out;
    const Headers h = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};

    Skrivelaas laas(srv.database());
    ASSERT_TRUE(laas.ok()) << "fikk ikke låst databasen";

    std::mutex mu;
    std::vector<HttpResponse> svar;
    std::vector<std::thread> traader;
    for (int i = 0; i < 6; ++i) {
        traader.emplace_back([&, i] {
            auto r = srv.request("POST", kV1, h, bodies[static_cast<std::size_t>(i)]);
            std::lock_guard lk(mu);
            svar.push_back(std::move(r));
        });
    }
    // The five that got a slot wait for the lock; the one over the limit is answered at once.
    const auto frist = std::chrono::steady_clock::now() + std::chrono::seconds(8);
    for (;;) {
        {
            std::lock_guard lk(mu);
            if (!svar.empty()) break;
        }
        if (std::chrono::steady_clock::now() > frist) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    {
        std::lock_guard lk(mu);
        ASSERT_EQ(svar.size(), 1u) << "ingen eller for mange svar mens databasen var låst";
        const auto& r = svar.front();
        EXPECT_EQ(r.status, 429) << r.body;
        EXPECT_EQ(r.header("Retry-After"), "1");
        auto v = r.json();
        ASSERT_TRUE(v.is_object()) << r.body;
        EXPECT_EQ(v.as_object()["feilkode"], "FOR_MANGE_SAMTIDIGE_KALL") << r.body;
        EXPECT_EQ(v.as_object()["status"], 429);
    }
    laas.slipp();
    for (auto& t : traader) t.join();
    int ok = 0, avvist = 0;
    for (const auto& r : svar) {
        ok += r.status == 201;
        avvist += r.status == 429;
    }
    EXPECT_EQ(ok, 5);
    EXPECT_EQ(avvist, 1);
    // The slots are free again.
    EXPECT_EQ(srv.request("POST", kV1, h, bodies[6]).status, 201);
}

TEST_P(UsageLimitE2e, CallsOneAfterAnotherStayUnderTheLimit) {
    // With the limit 1 and nothing held, calls one after another all pass.
    Server srv(GetParam(), ServerOptions{.env = {{"SKD_MAX_CONCURRENT_PER_CONSUMER", "1"}}});
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    const Headers h = {
        {"Authorization", "Bearer " + srv.token({"--scope", "skatteetaten:restanser"})}};
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(srv.get("/api/innkreving/restanser/v2/dibk/310111643", h).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, UsageLimitE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
