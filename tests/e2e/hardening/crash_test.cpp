// SIGKILL during every bulk write path, on both backends: `import` (ledger, trekkpålegg and
// settlements with their global sequence numbers) and `generate`. A killed run leaves the database
// exactly as it was (rows, sequence counters, indexes, integrity); what was acknowledged (exit 0)
// before stays; a rerun completes and sequence numbers stay gap-free. Petitions are covered in
// tests/e2e/utleggsbegjaering (SIGKILL while a client submits).
#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"

namespace skd::e2e {
namespace {

// One SQL query returning one text value, straight against the database (not through us).
std::string scalar(const std::string& url, const std::string& sql) {
    std::string out;
    if (url.rfind("sqlite://", 0) == 0) {
        sqlite3* db = nullptr;
        // Opened read-write: the first connection rolls a hot journal back, as the server would.
        if (sqlite3_open_v2(url.substr(9).c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) ==
            SQLITE_OK) {
            sqlite3_busy_timeout(db, 10'000);
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
                sqlite3_step(s) == SQLITE_ROW)
                if (auto* t = sqlite3_column_text(s, 0)) out = reinterpret_cast<const char*>(t);
            if (out.empty()) out = std::string("FEIL: ") + sqlite3_errmsg(db);
            sqlite3_finalize(s);
        }
        sqlite3_close(db);
        return out;
    }
    PGconn* c = PQconnectdb(url.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    out = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0
              ? PQgetvalue(r, 0, 0)
              : std::string("FEIL: ") + PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    return out;
}

bool is_sqlite(const std::string& url) {
    return url.rfind("sqlite://", 0) == 0;
}

// Everything a killed write could have touched, as one comparable map.
std::map<std::string, std::string> tilstand(const std::string& url) {
    std::map<std::string, std::string> t;
    for (const char* tab : {"part", "krav", "kravforfall", "innbetaling", "plassering",
                            "trekkpaalegg", "skatteoppgjoer", "hendelse", "tilgang"})
        t[tab] = scalar(url, std::string("SELECT COUNT(*) FROM ") + tab);
    t["sekvens"] =
        scalar(url, is_sqlite(url) ? "SELECT group_concat(navn || '=' || verdi, ',') FROM "
                                     "(SELECT navn, verdi FROM sekvens ORDER BY navn)"
                                   : "SELECT string_agg(navn || '=' || verdi, ',' ORDER BY navn) "
                                     "FROM sekvens");
    t["indekser"] =
        scalar(url, is_sqlite(url) ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
                                   : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = "
                                     "current_schema()");
    if (is_sqlite(url)) t["integritet"] = scalar(url, "PRAGMA integrity_check");
    return t;
}

// Sequence numbers of a table are exactly 1..n, and the counter stands at n.
void expect_gap_free(const std::string& url, const std::string& tab, const std::string& teller) {
    EXPECT_EQ(scalar(url, "SELECT COUNT(*) FROM " + tab),
              scalar(url, "SELECT COALESCE(MAX(sekvensnummer), 0) FROM " + tab))
        << tab;
    EXPECT_EQ(scalar(url, "SELECT COALESCE(MIN(sekvensnummer), 1) FROM " + tab), "1") << tab;
    EXPECT_EQ(scalar(url, "SELECT verdi FROM sekvens WHERE navn = '" + teller + "'"),
              scalar(url, "SELECT COALESCE(MAX(sekvensnummer), 0) FROM " + tab))
        << tab;
}

// Runs the command and SIGKILLs it after `ms`: -1 if it was killed, else its exit code.
int kill_after(const std::vector<std::string>& args, int ms) {
    const int null = open_log("/dev/null");
    const pid_t pid = spawn_binary(args, {}, null, null);
    if (null >= 0) ::close(null);
    const auto frist = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    int status = 0;
    while (std::chrono::steady_clock::now() < frist) {
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return -1;
}

// A file of trekkpålegg versions and settlement changes, each with a global sequence number.
std::string stor_importfil(const std::string& dir, int n) {
    const std::string path = dir + "/stor.jsonl";
    std::ofstream f(path);
    for (int i = 0; i < n; ++i) {
        f << R"({"type": "trekkpaalegg", "trekkid": "KRASJ-)" << i
          << R"(", "trekkversjon": 1, "opprettet": "2026-06-01T10:00:00Z", "saksnummer": "TREKK/K/)"
          << i
          << R"(", "trekkpliktig": "313367002", "skyldner": "09858721757", "trekkstoerrelseForPeriode": )"
             R"([{"startdato": "2026-06-02", "trekkbeloep": {"trekkbeloep": 1000}}], "betalingsinformasjon": )"
             R"({"betalingsmottaker": "971648199", "kidnummer": "31336000067", "kontonummer": "70213997155"}})"
          << "\n";
        f << R"({"type": "skatteoppgjoer", "personidentifikator": "20463518646", "inntektsaar": 2021, )"
             R"("skatteoppgjoersdato": "2022-06-20", "fastland": {"beregnet_skatt": )"
          << 100000 + i << "}}\n";
    }
    return path;
}

class KrasjE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(KrasjE2e, ImportKilledAnywhereLeavesNoTraceAndKeepsWhatWasAcknowledged) {
    Server srv(GetParam());  // the demo import is acknowledged data
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    const std::string url = srv.database();
    const auto dir = testdata::unique_temp_dir("skd-krasj-import");
    // Each line makes two sequence numbers; PostgreSQL pays a round trip per statement.
    const int kLinjer = is_sqlite(url) ? 20000 : 1500;
    const std::string fil = stor_importfil(dir.string(), kLinjer);
    const auto foer = tilstand(url);
    ASSERT_NE(foer.at("trekkpaalegg"), "0");

    // The server keeps serving meanwhile; kills land while parsing, writing and committing.
    int drept = 0, code = -1;
    for (int ms : {30, 150, 400, 800, 1300}) {
        code = kill_after({"import", "--database", url, fil}, ms);
        if (code >= 0) break;  // finished before the kill: acknowledged, checked below
        ++drept;
        // Nothing or everything: a kill between the commit and the exit leaves the whole file.
        const auto etter = tilstand(url);
        if (etter != foer &&
            std::stoll(etter.at("trekkpaalegg")) == std::stoll(foer.at("trekkpaalegg")) + kLinjer) {
            code = 0;
            break;
        }
        EXPECT_EQ(etter, foer) << "etter SIGKILL etter " << ms << " ms";
    }
    EXPECT_GE(drept, 1) << "importen ble aldri avbrutt; større fil trengs";
    if (code < 0) {
        auto out = run_binary({"import", "--database", url, fil}, &code);
        ASSERT_EQ(code, 0) << out;
    }
    ASSERT_EQ(code, 0);
    EXPECT_EQ(std::stoll(scalar(url, "SELECT COUNT(*) FROM trekkpaalegg")),
              std::stoll(foer.at("trekkpaalegg")) + kLinjer);
    expect_gap_free(url, "trekkpaalegg", "trekkpaalegg");
    expect_gap_free(url, "hendelse", "hendelse");

    // The last sequence number is served, to the trekkpliktig that owns it.
    auto tok = srv.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "313367002"});
    auto r = srv.get("/api/trekkpaalegg/v1?fraSekvensnummer=" +
                         scalar(url, "SELECT MAX(sekvensnummer) - 1 FROM trekkpaalegg") +
                         "&maksAntall=1",
                     {{"Authorization", "Bearer " + tok}});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("KRASJ-" + std::to_string(kLinjer - 1)), std::string::npos)
        << r.body.substr(0, 300);
    std::filesystem::remove_all(dir);
}

TEST_P(KrasjE2e, GenerateKilledAnywhereLeavesTheDatabaseAsItWas) {
    Server srv(GetParam());
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    srv.terminate();  // the generator takes the SQLite file for itself
    const std::string url = srv.database();
    const auto foer = tilstand(url);

    int drept = 0;
    for (int ms : {50, 300, 900, 1800, 3000}) {
        if (kill_after({"generate", "--database", url, "--persons", "400000", "--orgs", "150000",
                        "--quiet"},
                       ms) >= 0)
            break;
        ++drept;
        EXPECT_EQ(tilstand(url), foer) << "etter SIGKILL etter " << ms << " ms";
    }
    EXPECT_GE(drept, 1);

    int code = 0;
    auto out = run_binary(
        {"generate", "--database", url, "--persons", "3000", "--orgs", "1500", "--quiet"}, &code);
    ASSERT_EQ(code, 0) << out;
    const auto etter = tilstand(url);
    EXPECT_EQ(etter.at("indekser"), foer.at("indekser"));  // dropped for the load, all rebuilt
    EXPECT_GT(std::stoll(etter.at("krav")), std::stoll(foer.at("krav")));
    if (is_sqlite(url)) {
        EXPECT_EQ(etter.at("integritet"), "ok");
        EXPECT_EQ(scalar(url, "PRAGMA journal_mode"), "wal");
    }
    expect_gap_free(url, "trekkpaalegg", "trekkpaalegg");
    expect_gap_free(url, "hendelse", "hendelse");
    ASSERT_TRUE(srv.restart());
    auto tok = srv.token({"--scope", "skatteetaten:restanser"});
    EXPECT_EQ(
        srv.get("/api/innkreving/restanser/v2/dibk/200000005", {{"Authorization", "Bearer " + tok}})
            .status,
        200);
}

INSTANTIATE_TEST_SUITE_P(Backends, KrasjE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
