// Scale-out on one PostgreSQL: three `serve` processes on the same database (the e2e form of
// bench/scaleout.sh, without the load balancer). Duplicate petitions sent to different
// instances at the same moment create one case, and sequence numbers written by concurrent
// processes stay unique and ascending.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

class ScaleOutE2e : public ::testing::Test {};

TEST_F(ScaleOutE2e, ThreeInstancesOnOnePostgresAgreeOnCasesAndSequences) {
    const char* pg = std::getenv("SKD_TEST_PG_URL");
    if (!pg || !*pg) GTEST_SKIP() << "PostgreSQL er ikke konfigurert";
    Server srv("Postgres");
    ASSERT_TRUE(srv.ok());
    Instance b(srv), c(srv);
    ASSERT_GT(b.port(), 0);
    ASSERT_GT(c.port(), 0);
    const std::vector<int> ports = {srv.port(), b.port(), c.port()};

    // 1. The same petition to all three at once: one case.
    const std::string innsender = "312597772";
    std::string vedlegg;
    for (int runde = 0; runde < 3; ++runde)
        vedlegg += R"({"type": "vedlegg", "uuid": "scaleout-vedlegg-)" + std::to_string(runde) +
                   R"(", "innsender": ")" + innsender + "\"}\n";
    ASSERT_EQ(srv.import_text(vedlegg), 0);
    const Headers h = {
        {"Authorization", "Bearer " + srv.token({"--scope", "skatteetaten:utleggsbegjaering",
                                                 "--consumer", innsender})},
        {"Content-Type", "application/json"}};
    for (int runde = 0; runde < 3; ++runde) {
        // Each round its own petition and attachment (an attachment belongs to one case).
        const std::string b2 =
            testdata::variant(testdata::kUtvidet, "scaleout-" + std::to_string(runde),
                              "scaleout-vedlegg-" + std::to_string(runde));
        std::atomic<int> klar{0};
        std::vector<int> status(ports.size());
        std::vector<std::thread> t;
        for (std::size_t i = 0; i < ports.size(); ++i)
            t.emplace_back([&, i] {
                ++klar;
                while (klar.load() < static_cast<int>(ports.size())) std::this_thread::yield();
                status[i] =
                    http_request(ports[i], "POST", "/api/utleggsbegjaering/v1", h, b2).status;
            });
        for (auto& x : t) x.join();
        std::multiset<int> s(status.begin(), status.end());
        EXPECT_EQ(s.count(201), 1u)
            << "runde " << runde << ": " << status[0] << " " << status[1] << " " << status[2];
        EXPECT_EQ(s.count(409), 2u) << "runde " << runde;
    }

    // 2. Three importing processes at once; every instance serves the same unique sequence.
    std::vector<std::thread> imp;
    std::atomic<int> feil{0};
    for (int p = 0; p < 3; ++p)
        imp.emplace_back([&, p] {
            std::string jsonl;
            for (int n = 0; n < 60; ++n) {
                const std::string id =
                    std::to_string(80 + p) + std::to_string(100000 + n).substr(1);
                jsonl +=
                    std::string(R"({"type": "trekkpaalegg", "trekkid": ")") + id +
                    R"(", "trekkversjon": 1, "opprettet": "2026-01-01T00:00:00Z", "saksnummer": "S/)" +
                    id +
                    R"(", "trekkstatus": "aktiv", "trekkpliktig": "123456789", "skyldner": "16507500866", )"
                    R"("betalingsinformasjon": {"kidnummer": "6487719756", "kontonummer": "70213997155", )"
                    R"("betalingsmottaker": "971648199"}, "trekkstoerrelseForPeriode": [{"startdato": )"
                    R"("2026-02-01", "trekkprosent": {"trekkprosent": 10.0}}]})"
                    "\n";
                const std::string pid =
                    std::to_string(80 + p) + std::to_string(1000000000 + n).substr(1);
                jsonl +=
                    std::string(R"({"type": "skatteoppgjoer", "personidentifikator": ")") + pid +
                    R"(", "inntektsaar": 2024, "skatteoppgjoersdato": "2025-06-01", "fastland": )"
                    R"({"beregnet_skatt": 1, "forhaandsfastsatt": true, "skatteregnskapskommune": "0301", )"
                    R"("restskatt": 1, "aa_betale": 1}, "registreringstidspunkt": "2025-06-01T00:00:00Z"})"
                    "\n";
            }
            std::string ut;
            if (srv.import_text(jsonl, &ut) != 0) {
                ++feil;
                ADD_FAILURE() << ut;
            }
        });
    for (auto& x : imp) x.join();
    ASSERT_EQ(feil.load(), 0);

    auto tt = srv.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"});
    auto ht = srv.token({"--scope", "skatteetaten:beregnetskatt"});
    std::vector<std::int64_t> forrige_t, forrige_h;
    for (int port : ports) {
        auto r =
            http_request(port, "GET", "/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=10000",
                         {{"Authorization", "Bearer " + tt}});
        ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
        std::vector<std::int64_t> t;
        const auto rv = r.json();
        for (const auto& x : rv.as_array())
            t.push_back(x.as_object().at("sekvensnummer").as_int64());
        EXPECT_GE(t.size(), 180u);
        EXPECT_TRUE(std::is_sorted(t.begin(), t.end()));
        EXPECT_EQ(std::set<std::int64_t>(t.begin(), t.end()).size(), t.size())
            << "duplicate sekvensnummer";
        if (!forrige_t.empty()) {
            EXPECT_EQ(t, forrige_t) << "instances disagree";
        }
        forrige_t = t;

        auto e = http_request(
            port, "GET",
            "/api/formueinntekt/skatteoppgjoer/hendelser?fraSekvensnummer=1&antall=10000",
            {{"Authorization", "Bearer " + ht}});
        ASSERT_EQ(e.status, 200) << e.body.substr(0, 300);
        std::vector<std::int64_t> hs;
        const auto ev = e.json();
        for (const auto& x : ev.at("hendelser").as_array())
            hs.push_back(x.as_object().at("sekvensnummer").as_int64());
        EXPECT_GE(hs.size(), 180u);
        EXPECT_TRUE(std::is_sorted(hs.begin(), hs.end()));
        EXPECT_EQ(std::set<std::int64_t>(hs.begin(), hs.end()).size(), hs.size())
            << "duplicate hendelse";
        if (!forrige_h.empty()) {
            EXPECT_EQ(hs, forrige_h) << "instances disagree";
        }
        forrige_h = hs;
    }
}

TEST_F(ScaleOutE2e, ThreeInstancesStartedAtOnceOnOnePostgresEndEachOrderOnce) {
    const char* pg = std::getenv("SKD_TEST_PG_URL");
    if (!pg || !*pg) GTEST_SKIP() << "PostgreSQL er ikke konfigurert";
    ServerOptions o;
    o.demo_data = false;
    Server srv("Postgres", o);
    ASSERT_TRUE(srv.ok());
    // 30 orders that end on ten different days while no instance runs.
    std::string jsonl;
    for (int n = 0; n < 30; ++n) {
        const std::string id = "MIDNATT-" + std::to_string(n);
        jsonl +=
            R"({"type": "trekkpaalegg", "trekkid": ")" + id +
            R"(", "trekkversjon": 1, "opprettet": "2026-06-15T09:00:00Z", "saksnummer": "S/)" + id +
            R"(", "trekkpliktig": "123456789", "skyldner": "16507500866", )"
            R"("betalingsinformasjon": {"kidnummer": "6487719756", "kontonummer": "70213997155", )"
            R"("betalingsmottaker": "971648199"}, "trekkstoerrelseForPeriode": [{"startdato": )"
            R"("2026-06-16", "sluttdato": "2026-06-2)" +
            std::to_string(n % 10) + R"(", "trekkprosent": {"trekkprosent": 10.0}}]})" + "\n";
    }
    srv.terminate();
    ASSERT_EQ(srv.import_text(jsonl), 0);

    // All three start at once, two weeks later; each runs the midnight job at start.
    const std::string senere = "2026-07-01T08:00:00Z";
    std::unique_ptr<Instance> b, c;
    bool srv_ok = false;
    {
        std::thread t0([&] { srv_ok = srv.restart(senere); });
        std::thread t1([&] {
            b = std::make_unique<Instance>(srv, senere, std::map<std::string, std::string>{});
        });
        std::thread t2([&] {
            c = std::make_unique<Instance>(srv, senere, std::map<std::string, std::string>{});
        });
        t0.join();
        t1.join();
        t2.join();
    }
    ASSERT_TRUE(srv_ok);
    ASSERT_GT(b->port(), 0);
    ASSERT_GT(c->port(), 0);

    auto tt = srv.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"});
    for (int port : {srv.port(), b->port(), c->port()}) {
        auto r =
            http_request(port, "GET", "/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=10000",
                         {{"Authorization", "Bearer " + tt}});
        ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
        const auto rv = r.json();
        std::map<std::string, int> versjoner;
        std::set<std::int64_t> sekvens;
        std::string forrige_opprettet;
        for (const auto& x : rv.as_array()) {
            const auto& v = x.as_object();
            ++versjoner[std::string(v.at("trekkid").as_string())];
            EXPECT_TRUE(sekvens.insert(v.at("sekvensnummer").as_int64()).second);
            if (v.at("trekkversjon") == 2) {
                EXPECT_EQ(v.at("trekkstatus"), "avsluttet");
                // Written in time order: a later midnight never has a lower sekvensnummer.
                std::string opprettet(v.at("opprettet").as_string());
                EXPECT_GE(opprettet, forrige_opprettet);
                forrige_opprettet = opprettet;
            }
        }
        EXPECT_EQ(rv.as_array().size(), 60u) << "port " << port;
        EXPECT_EQ(versjoner.size(), 30u);
        for (const auto& [id, n] : versjoner) EXPECT_EQ(n, 2) << id;
    }
}

}  // namespace
}  // namespace skd::e2e
