// Reads on a PostgreSQL hot standby (`read_database`): a private primary and a real streaming
// standby made with pg_basebackup (scripts/pg-test-cluster.sh standby). Reads go to the
// standby, writes and sequence numbers to the primary, a process reads its own writes at once,
// a standby that goes away sends reads to the primary and is used again once it is back, and
// /ready tells each replica's state while it stays 200.
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// The first value of the last statement's result; nullopt on any failure.
std::optional<std::string> sql(const std::string& url, const std::string& q) {
    PGconn* c = PQconnectdb(url.c_str());
    std::optional<std::string> v;
    if (PQstatus(c) == CONNECTION_OK) {
        PGresult* r = PQexec(c, q.c_str());
        const auto st = PQresultStatus(r);
        if (st == PGRES_TUPLES_OK && PQntuples(r) > 0)
            v = std::string(PQgetvalue(r, 0, 0));
        else if (st == PGRES_COMMAND_OK)
            v = std::string();
        PQclear(r);
    }
    PQfinish(c);
    return v;
}

bool wait_for(const std::function<bool()>& cond, std::chrono::milliseconds limit = 20s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (cond()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return cond();
}

// A private cluster made by scripts/pg-test-cluster.sh (a primary, or a standby of one).
class Cluster {
public:
    Cluster(const std::string& what, int primary_port = 0) {
        dir_ = testdata::unique_temp_dir("skd-replica-pg").string();
        port_ = free_port();
        start_ = script() + " " + what + " " + dir_ + " " + std::to_string(port_);
        if (primary_port) start_ += " " + std::to_string(primary_port);
        url_ = sh(start_ + " 2>&1");
        if (url_.rfind("postgresql://", 0) != 0) {
            error_ = url_;
            url_.clear();
        }
    }
    ~Cluster() {
        stop();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    const std::string& url() const { return url_; }  // .../skd_test
    const std::string& error() const { return error_; }
    int port() const { return port_; }
    // The URL of database `name` on this cluster.
    std::string db(const std::string& name) const {
        return url_.substr(0, url_.rfind('/') + 1) + name;
    }
    void stop() { sh(script() + " stop " + dir_ + " >/dev/null 2>&1"); }
    // Starts the stopped cluster again on its directory and port.
    bool start_again() { return sh(start_ + " 2>&1") == url_; }

private:
    static std::string script() { return source_dir() + "/scripts/pg-test-cluster.sh"; }
    std::string dir_, start_, url_, error_;
    int port_ = 0;
};

// One more `serve` on an existing Server's database with extra arguments.
class Instance {
public:
    Instance(const Server& s, const std::vector<std::string>& extra) {
        dir_ = testdata::unique_temp_dir("skd-replica");
        const std::string port_file = (dir_ / "port").string();
        std::vector<std::string> args = {
            "serve",      "--port",       "0",     "--port-file",  port_file,       "--database",
            s.database(), "--threads",    "2",     "--access-log", "off",           "--demo",
            "--sandbox",  "--no-migrate", "--now", s.now(),        "--frozen-clock"};
        args.insert(args.end(), extra.begin(), extra.end());
        log_ = (dir_ / "server.log").string();
        const int log = open_log(log_);
        pid_ = spawn_binary(args, {{"SKD_LOCAL_ISSUER_KEY", s.key_file()}}, log, log);
        if (log >= 0) ::close(log);
        wait_for(
            [&] {
                std::ifstream in(port_file);
                return static_cast<bool>(in >> port_) && port_ > 0;
            },
            30s);
    }
    ~Instance() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    int port() const { return port_; }
    std::string log() const {
        std::ifstream in(log_);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::filesystem::path dir_;
    std::string log_;
    int pid_ = -1;
    int port_ = 0;
};

std::string trekk_linje(const std::string& id) {
    return R"({"type": "trekkpaalegg", "trekkid": ")" + id +
           R"(", "trekkversjon": 1, "opprettet": "2026-01-01T00:00:00Z", "saksnummer": "S/)" + id +
           R"(", "trekkstatus": "aktiv", "trekkpliktig": "123456789", "skyldner": "16507500866", )"
           R"("betalingsinformasjon": {"kidnummer": "6487719756", "kontonummer": "70213997155", )"
           R"("betalingsmottaker": "971648199"}, "trekkstoerrelseForPeriode": [{"startdato": )"
           R"("2026-02-01", "trekkprosent": {"trekkprosent": 10.0}}]})"
           "\n";
}

// The replica named `name` in /ready's body, or null.
const json::object* replika(const json::value& ready, const std::string& name) {
    const auto* o = ready.if_object();
    const auto* list = o ? o->if_contains("lesereplikaer") : nullptr;
    if (!list || !list->is_array()) return nullptr;
    for (const auto& r : list->as_array())
        if (const auto* o = r.if_object())
            if (const auto* n = o->if_contains("replika");
                n && n->is_string() && n->as_string() == name)
                return o;
    return nullptr;
}

std::string status_of(const HttpResponse& ready, const std::string& name) {
    auto v = ready.json();
    const auto* r = replika(v, name);
    return r ? std::string(r->at("status").as_string()) : std::string("(mangler)");
}

class ReadReplicaE2e : public ::testing::Test {};

TEST_F(ReadReplicaE2e, ReadsGoToTheStandbyWritesToThePrimaryAndAProcessReadsItsOwnWrites) {
    const char* shared = std::getenv("SKD_TEST_PG_URL");
    if (!shared || !*shared) GTEST_SKIP() << "PostgreSQL er ikke konfigurert";
    Cluster primary("start");
    if (primary.url().empty())
        GTEST_SKIP() << "kunne ikke starte en privat PostgreSQL: " << primary.error();
    // The harness makes its fresh database on the cluster SKD_TEST_PG_URL names.
    const std::string saved = shared;
    ::setenv("SKD_TEST_PG_URL", primary.url().c_str(), 1);
    Server srv("Postgres");
    ::setenv("SKD_TEST_PG_URL", saved.c_str(), 1);
    ASSERT_TRUE(srv.ok());
    const std::string dbname = srv.database().substr(srv.database().rfind('/') + 1);
    // A petition's attachments must exist before it is sent.
    std::string vedlegg;
    for (int i = 0; i < 4; ++i)
        vedlegg += R"({"type": "vedlegg", "uuid": "replika-vedlegg-)" + std::to_string(i) +
                   R"(", "innsender": "312597772"})"
                   "\n";
    ASSERT_EQ(srv.import_text(vedlegg), 0);

    Cluster standby("standby", primary.port());
    if (standby.url().empty())
        GTEST_SKIP() << "kunne ikke lage en hot standby med pg_basebackup her (" << standby.error()
                     << "); lesing fra replika er ikke prøvd";
    const std::string primary_db = primary.db(dbname), standby_db = standby.db(dbname);
    ASSERT_EQ(sql(standby_db, "SELECT pg_is_in_recovery()::text"), "true");

    // The standby, a replica that never answers and the primary itself (not a standby, so never
    // read): the last two are skipped.
    const std::string dead =
        "postgresql://postgres@127.0.0.1:" + std::to_string(free_port()) + "/" + dbname;
    const std::string standby_name =
        "postgresql://127.0.0.1:" + std::to_string(standby.port()) + "/" + dbname;
    const std::string dead_name = dead.substr(0, 13) + dead.substr(dead.find('@') + 1);
    const std::string primary_name =
        "postgresql://127.0.0.1:" + std::to_string(primary.port()) + "/" + dbname;
    Instance inst(srv, {"--read-database", standby_db, "--read-database", dead, "--read-database",
                        primary_db});
    ASSERT_GT(inst.port(), 0) << inst.log();

    auto ready = http_request(inst.port(), "GET", "/ready");
    ASSERT_EQ(ready.status, 200) << ready.body;
    EXPECT_EQ(status_of(ready, standby_name), "ok") << ready.body;
    EXPECT_EQ(status_of(ready, dead_name), "utilgjengelig") << ready.body;
    EXPECT_EQ(status_of(ready, primary_name), "ikke standby") << ready.body;
    EXPECT_EQ(http_request(srv.port(), "GET", "/ready").body,
              R"({"status":"klar","database":"ok"})")
        << "without replicas /ready is unchanged";

    const Headers tt = {
        {"Authorization", "Bearer " + srv.token({"--scope", "skatteetaten:trekkpaalegg",
                                                 "--consumer", "123456789"})}};
    auto har_trekk = [&](int port, const std::string& id) {
        auto r = http_request(port, "GET",
                              "/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=10000", tt);
        EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
        return r.body.find("\"" + id + "\"") != std::string::npos;
    };
    // Stops replay once the standby has everything the primary has written so far.
    auto pause_when_caught_up = [&] {
        ASSERT_TRUE(wait_for([&] {
            auto head = sql(primary_db, "SELECT pg_current_wal_lsn()::text");
            auto ok = head ? sql(standby_db, "SELECT (pg_last_wal_replay_lsn() >= '" + *head +
                                                 "'::pg_lsn)::text")
                           : std::nullopt;
            return ok == "true";
        })) << "the standby did not catch up";
        sql(standby_db, "SELECT pg_wal_replay_pause()");
        ASSERT_TRUE(wait_for(
            [&] { return sql(standby_db, "SELECT pg_get_wal_replay_pause_state()") == "paused"; }));
    };

    // 1. Reads come from the standby: with replay paused, a row written to the primary by
    //    another process is not there through the instance, but is through the primary.
    pause_when_caught_up();
    ASSERT_EQ(srv.import_text(trekk_linje("REPLIKA-1")), 0);
    EXPECT_TRUE(har_trekk(srv.port(), "REPLIKA-1"));
    EXPECT_FALSE(har_trekk(inst.port(), "REPLIKA-1")) << "reads should be on the paused standby";

    // A lagging standby shows in /ready, which stays 200.
    ASSERT_TRUE(sql(primary_db, "CREATE TABLE ballast AS SELECT g FROM generate_series(1, 60000) g")
                    .has_value());
    ready = http_request(inst.port(), "GET", "/ready");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(status_of(ready, standby_name), "etter") << ready.body;

    // 2. Read-your-own-write: petitions written through the instance (on the primary, so their
    //    sequence numbers come from there) are read back through it at once, standby paused.
    const Headers ut = {
        {"Authorization", "Bearer " + srv.token({"--scope", "skatteetaten:utleggsbegjaering",
                                                 "--consumer", "312597772"})},
        {"Content-Type", "application/json"}};
    std::set<std::string> saker;
    for (int i = 0; i < 4; ++i) {
        const int port = i % 2 ? srv.port() : inst.port();
        auto r = http_request(port, "POST", "/api/utleggsbegjaering/v1", ut,
                              testdata::variant(testdata::kUtvidet, "replika-" + std::to_string(i),
                                                "replika-vedlegg-" + std::to_string(i)));
        ASSERT_EQ(r.status, 201) << r.body;
        const std::string sak(r.json().at("eksternSaksreferanse").as_string());
        EXPECT_TRUE(saker.insert(sak).second) << "duplicate case number " << sak;
        auto les = http_request(inst.port(), "GET", "/api/utleggsbegjaering/v1/" + sak, ut);
        EXPECT_EQ(les.status, 200) << "own write not read back: " << les.body.substr(0, 300);
    }
    EXPECT_EQ(saker.size(), 4u);

    // 3. Once the standby has replayed the instance's writes, reads go back to it.
    sql(standby_db, "SELECT pg_wal_replay_resume()");
    pause_when_caught_up();
    ASSERT_EQ(srv.import_text(trekk_linje("REPLIKA-2")), 0);
    EXPECT_TRUE(wait_for([&] { return !har_trekk(inst.port(), "REPLIKA-2"); }))
        << "reads did not return to the standby";
    for (const auto& sak : saker)
        EXPECT_EQ(http_request(inst.port(), "GET", "/api/utleggsbegjaering/v1/" + sak, ut).status,
                  200);
    sql(standby_db, "SELECT pg_wal_replay_resume()");

    // 4. The standby goes away: reads go to the primary at once, /ready stays 200.
    standby.stop();
    EXPECT_TRUE(har_trekk(inst.port(), "REPLIKA-2")) << inst.log();
    ready = http_request(inst.port(), "GET", "/ready");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(status_of(ready, standby_name), "utilgjengelig") << ready.body;

    // 5. It comes back and is used again.
    ASSERT_TRUE(standby.start_again()) << "the standby did not start again";
    EXPECT_TRUE(wait_for([&] {
        return status_of(http_request(inst.port(), "GET", "/ready"), standby_name) == "ok";
    })) << "the standby was not tried again";
    pause_when_caught_up();
    ASSERT_EQ(srv.import_text(trekk_linje("REPLIKA-3")), 0);
    EXPECT_TRUE(wait_for([&] { return !har_trekk(inst.port(), "REPLIKA-3"); }))
        << "reads did not return to the restarted standby";
    sql(standby_db, "SELECT pg_wal_replay_resume()");
}

}  // namespace
}  // namespace skd::e2e
