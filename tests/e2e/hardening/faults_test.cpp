// Faults: PostgreSQL stopped under a running server (a private cluster, so the shared test
// cluster is never touched) and a SQLite file that cannot be written. The server must say so
// clearly (/ready 503, each API's back-end code), recover by itself, and corrupt nothing.
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

std::string kode(const HttpResponse& r, const char* felt = "kode") {
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains(felt)) return {};
    return std::string(v.as_object().at(felt).as_string());
}

// A private PostgreSQL cluster for one test: its own directory and port.
class PrivateCluster {
public:
    PrivateCluster() {
        dir_ = testdata::unique_temp_dir("skd-fault-pg").string();
        port_ = 58000 + ::getpid() % 1000;
        url_ = sh(script() + " start " + dir_ + " " + std::to_string(port_) + " 2>&1");
        if (url_.rfind("postgresql://", 0) != 0) url_.clear();
    }
    ~PrivateCluster() {
        stop();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    const std::string& url() const { return url_; }
    void stop() { sh(script() + " stop " + dir_ + " >/dev/null 2>&1"); }
    bool start() {
        return sh(script() + " start " + dir_ + " " + std::to_string(port_) + " 2>&1") == url_;
    }

private:
    static std::string script() { return source_dir() + "/scripts/pg-test-cluster.sh"; }
    std::string dir_, url_;
    int port_;
};

struct Probe {
    std::string path, scope, backend_code;
    std::vector<std::string> extra;
};

const std::vector<Probe>& probes() {
    static const std::vector<Probe> p = {
        {"/api/innkreving/restanser/v2/dibk/310111643",
         "skatteetaten:restanser",
         "RESTANSE-002",
         {}},
        {"/api/fastsetting/avregning/v2/ssb/2024/20463518646",
         "skatteetaten:avregning",
         "AR-002",
         {}},
        {"/api/trekkpaalegg/v1",
         "skatteetaten:trekkpaalegg",
         "KB-002",
         {"--consumer", "123456789"}},
        {"/api/formueinntekt/skatteoppgjoer/hendelser?fraSekvensnummer=1&antall=5",
         "skatteetaten:beregnetskatt",
         "DAS-003",
         {}},
        {"/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1/20463518646",
         "skatteetaten:summertskattegrunnlag",
         "DAS-003",
         {}},
    };
    return p;
}

class PostgresFaultE2e : public ::testing::Test {};

TEST_F(PostgresFaultE2e, StoppedDatabaseGives503And500ThenRecoversWithoutRestart) {
    if (!std::getenv("SKD_TEST_PG_URL")) GTEST_SKIP() << "PostgreSQL er ikke konfigurert";
    PrivateCluster pg;
    if (pg.url().empty()) GTEST_SKIP() << "kunne ikke starte en privat PostgreSQL";
    // The harness makes its fresh databases on the cluster SKD_TEST_PG_URL names.
    std::string shared = std::getenv("SKD_TEST_PG_URL");
    ::setenv("SKD_TEST_PG_URL", pg.url().c_str(), 1);
    Server srv("Postgres");
    ::setenv("SKD_TEST_PG_URL", shared.c_str(), 1);
    ASSERT_TRUE(srv.ok());

    std::vector<std::string> tokens;
    for (const auto& p : probes()) {
        std::vector<std::string> a = {"--scope", p.scope};
        a.insert(a.end(), p.extra.begin(), p.extra.end());
        tokens.push_back(srv.token(a));
        auto r = srv.get(p.path, {{"Authorization", "Bearer " + tokens.back()}});
        ASSERT_EQ(r.status, 200) << p.path << " " << r.body;
    }
    ASSERT_EQ(srv.get("/ready").status, 200);

    pg.stop();
    auto ready = srv.get("/ready");
    EXPECT_EQ(ready.status, 503) << ready.body;
    EXPECT_EQ(srv.get("/health").status, 200);  // alive, only not ready
    for (std::size_t i = 0; i < probes().size(); ++i) {
        const auto& p = probes()[i];
        auto t0 = std::chrono::steady_clock::now();
        auto r = srv.get(p.path, {{"Authorization", "Bearer " + tokens[i]}});
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - t0);
        EXPECT_EQ(r.status, 500) << p.path << " " << r.body;
        EXPECT_EQ(kode(r), p.backend_code) << p.path << " " << r.body;
        EXPECT_LT(ms.count(), 10000) << p.path << ": a dead database must not hang requests";
    }
    // Utleggsbegjæring writes: the problem detail's back-end feilkode.
    auto ut = srv.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", "312597772"});
    auto w =
        srv.get("/api/utleggsbegjaering/v1/ELAN-2026-000001", {{"Authorization", "Bearer " + ut}});
    EXPECT_EQ(w.status, 500) << w.body;
    EXPECT_EQ(kode(w, "feilkode"), "BAKENFORLIGGENDE_FEIL") << w.body;

    ASSERT_TRUE(pg.start());
    bool ready_again = false;
    for (int i = 0; i < 60 && !ready_again; ++i) {
        ready_again = srv.get("/ready").status == 200;
        if (!ready_again) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    EXPECT_TRUE(ready_again) << "/ready did not recover within 30 s";
    for (std::size_t i = 0; i < probes().size(); ++i) {
        auto r = srv.get(probes()[i].path, {{"Authorization", "Bearer " + tokens[i]}});
        // The first request on a connection broken by the restart may still fail once.
        if (r.status != 200)
            r = srv.get(probes()[i].path, {{"Authorization", "Bearer " + tokens[i]}});
        EXPECT_EQ(r.status, 200) << probes()[i].path << " " << r.body;
    }
    EXPECT_EQ(::kill(srv.pid(), 0), 0) << "the server process must not have been restarted";
}

// The documented simple petition with its attachment and reference replaced.
std::string petisjon(const std::string& vedlegg_uuid, const std::string& referanse) {
    return testdata::variant(testdata::kUtvidet, referanse, vedlegg_uuid);
}

// A full disk under a running server, made with a file-size limit on the server process
// (RLIMIT_FSIZE: writes that grow a file fail with EFBIG, as with ENOSPC). Writes fail with the
// back-end code while reads go on; once space is back, writes succeed again without a restart;
// every acknowledged petition is there afterwards and the file passes integrity_check.
TEST(SqliteFaultE2e, FullDiskGivesBackendErrorsThenRecoversWithoutLoss) {
    Server srv("Sqlite");
    ASSERT_TRUE(srv.ok());
    const std::string file = srv.database().substr(std::string("sqlite://").size());
    constexpr int kMaks = 400;
    std::string vedlegg;
    for (int i = 0; i < kMaks; ++i)
        vedlegg += R"({"type": "vedlegg", "uuid": "fullt-)" + std::to_string(i) +
                   R"(", "innsender": "312597772"})"
                   "\n";
    ASSERT_EQ(srv.import_text(vedlegg), 0);
    auto ut = srv.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", "312597772"});
    auto rt = srv.token({"--scope", "skatteetaten:restanser"});
    const Headers post_h = {{"Authorization", "Bearer " + ut},
                            {"Content-Type", "application/json"}};
    std::vector<std::string> saker;
    int i = 0;
    auto send = [&] {
        auto r = srv.request("POST", "/api/utleggsbegjaering/v1", post_h,
                             petisjon("fullt-" + std::to_string(i), "fullt-" + std::to_string(i)));
        if (r.status == 201) {
            saker.push_back(std::string(r.json().at("eksternSaksreferanse").as_string()));
            ++i;
        }
        return r;
    };
    for (int k = 0; k < 3; ++k) ASSERT_EQ(send().status, 201);

    auto size = [](const std::string& p) {
        std::error_code ec;
        auto n = std::filesystem::file_size(p, ec);
        return ec ? std::uintmax_t{0} : n;
    };
    const auto grense = std::max(size(file), size(file + "-wal")) + 16 * 1024;
    int code = 0;
    auto out = sh("prlimit --pid " + std::to_string(srv.pid()) +
                      " --fsize=" + std::to_string(grense) + ":unlimited 2>&1",
                  &code);
    if (code != 0) GTEST_SKIP() << "prlimit virker ikke her: " << out;
    struct Opphev {
        int pid;
        ~Opphev() {
            sh("prlimit --pid " + std::to_string(pid) + " --fsize=unlimited:unlimited 2>/dev/null");
        }
    } opphev{srv.pid()};

    HttpResponse feil;
    while (i < kMaks) {
        auto r = send();
        ASSERT_NE(r.status, 0) << "the server died on a full disk";
        if (r.status == 201) continue;
        feil = r;
        break;
    }
    ASSERT_LT(i, kMaks) << "the file-size limit was never reached";
    EXPECT_EQ(feil.status, 500) << feil.body;
    EXPECT_EQ(kode(feil, "feilkode"), "BAKENFORLIGGENDE_FEIL") << feil.body;
    EXPECT_EQ(send().status, 500) << "still full";
    auto r =
        srv.get("/api/innkreving/restanser/v2/dibk/310111643", {{"Authorization", "Bearer " + rt}});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(srv.get("/health").status, 200);

    // Space is back: the same server writes again.
    sh("prlimit --pid " + std::to_string(srv.pid()) + " --fsize=unlimited:unlimited");
    const int foer = i;
    auto igjen = send();
    EXPECT_EQ(igjen.status, 201) << igjen.body;
    EXPECT_EQ(i, foer + 1);

    srv.terminate();
    EXPECT_EQ(sh("sqlite3 '" + file + "' 'PRAGMA integrity_check'"), "ok");
    ASSERT_TRUE(srv.restart());
    auto les = [&](const std::string& sak) {
        return srv.get("/api/utleggsbegjaering/v1/" + sak, {{"Authorization", "Bearer " + ut}});
    };
    for (const auto& sak : saker) EXPECT_EQ(les(sak).status, 200) << sak;
}

// A SQLite database that becomes unwritable under a running server (immutable attribute: root
// ignores permission bits), then a start on it. Reads go on, writes fail with the back-end code,
// a start is refused with a message, and the file passes PRAGMA integrity_check afterwards.
TEST(SqliteFaultE2e, ReadOnlyDatabaseGivesClearErrorsAndNoCorruption) {
    Server srv("Sqlite");
    ASSERT_TRUE(srv.ok());
    const std::string file = srv.database().substr(std::string("sqlite://").size());
    const std::string dir = std::filesystem::path(file).parent_path().string();
    ASSERT_EQ(srv.import_text(
                  R"({"type": "vedlegg", "uuid": "skrivebeskyttet-1", "innsender": "312597772"})"),
              0);
    const std::string body = petisjon("skrivebeskyttet-1", "skrivebeskyttet");
    auto ut = srv.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", "312597772"});
    auto rt = srv.token({"--scope", "skatteetaten:restanser"});
    const Headers post_h = {{"Authorization", "Bearer " + ut},
                            {"Content-Type", "application/json"}};

    // The -shm wal-index is left writable: SQLite maps it into memory, and an -shm that cannot
    // grow ends the process with SIGBUS inside SQLite (see docs/ARCHITECTURE.md, Hardening).
    const std::string alle = "'" + file + "' '" + file + "-wal' '" + dir + "'";
    int code = 0;
    sh("chattr +i '" + file + "' 2>&1", &code);
    if (code != 0) GTEST_SKIP() << "chattr +i støttes ikke her";
    sh("chattr +i " + alle + " 2>/dev/null");
    struct Unlock {
        std::string alle;
        ~Unlock() { sh("chattr -i " + alle + " 2>/dev/null"); }
    } unlock{alle};

    auto w = srv.request("POST", "/api/utleggsbegjaering/v1", post_h, body);
    ASSERT_NE(w.status, 0) << "no answer";
    // The write fails with the back-end code, not a crash or a generic error.
    EXPECT_EQ(w.status, 500) << w.body;
    EXPECT_EQ(kode(w, "feilkode"), "BAKENFORLIGGENDE_FEIL") << w.body;
    auto r =
        srv.get("/api/innkreving/restanser/v2/dibk/310111643", {{"Authorization", "Bearer " + rt}});
    EXPECT_TRUE(r.status == 200 || (r.status == 500 && kode(r) == "RESTANSE-002"))
        << r.status << " " << r.body;
    EXPECT_EQ(srv.get("/health").status, 200);
    srv.terminate();

    // A start on the unwritable file is refused, promptly and with a reason.
    auto ut_start = sh("timeout 20 '" + binary() + "' serve --database '" + srv.database() +
                           "' --port 0 --demo --sandbox 2>&1",
                       &code);
    EXPECT_NE(code, 0) << ut_start;
    EXPECT_NE(code, 124) << "serve hung on a read-only database";
    EXPECT_NE(ut_start.find("database"), std::string::npos) << ut_start;

    sh("chattr -i " + alle + " 2>/dev/null");
    EXPECT_EQ(sh("sqlite3 '" + file + "' 'PRAGMA integrity_check'"), "ok");
    ASSERT_TRUE(srv.restart());
    EXPECT_EQ(
        srv.get("/api/innkreving/restanser/v2/dibk/310111643", {{"Authorization", "Bearer " + rt}})
            .status,
        200);
    // The failed write left nothing behind: the same petition is new now.
    auto again = srv.request("POST", "/api/utleggsbegjaering/v1", post_h, body);
    EXPECT_EQ(again.status, 201) << again.body;
}

}  // namespace
}  // namespace skd::e2e
