// The command line itself: English help with defaults, --version, options after the arguments,
// grant names checked against the APIs, token refusing to guess a scope, consent tokens the
// server accepts as minted, and progress lines when stderr is not a terminal.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"

namespace skd::e2e {
namespace {

namespace fs = std::filesystem;

struct Utfall {
    int code = -1;
    std::string out, err;
};

std::string les(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs the binary with stdout and stderr to files (neither is a terminal).
class Cli : public ::testing::Test {
protected:
    fs::path dir_ = testdata::unique_temp_dir("skd-cli");
    std::string db_ = "sqlite://" + (dir_ / "cli.sqlite").string();
    std::map<std::string, std::string> env_ = {{"SKD_LOCAL_ISSUER_KEY", (dir_ / "k.pem").string()}};

    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    Utfall run(const std::vector<std::string>& args) {
        static int n = 0;
        const auto out = dir_ / ("out-" + std::to_string(n));
        const auto err = dir_ / ("err-" + std::to_string(n++));
        const int o = open_log(out.string()), e = open_log(err.string());
        const pid_t pid = spawn_binary(args, env_, o, e);
        ::close(o);
        ::close(e);
        Utfall r;
        int status = 0;
        if (pid > 0 && ::waitpid(pid, &status, 0) == pid)
            r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = les(out);
        r.err = les(err);
        return r;
    }
};

TEST_F(Cli, HelpIsEnglishAndShowsTheDefaults) {
    for (std::vector<std::string> c : {std::vector<std::string>{},
                                       {"serve"},
                                       {"migrate"},
                                       {"import"},
                                       {"generate"},
                                       {"grant"},
                                       {"grant", "add"},
                                       {"token"},
                                       {"token", "samtykke"}}) {
        c.push_back("--help");
        auto r = run(c);
        EXPECT_EQ(r.code, 0) << c[0];
        // Words of the former Norwegian help texts.
        for (const char* norsk : {"konfigurasjonsfil", "Antall", "Levetid", "standard", "Lag ",
                                  "tilgang", "eller", "Skriv"})
            EXPECT_EQ(r.out.find(norsk), std::string::npos) << norsk << " in\n" << r.out;
    }
    auto g = run({"generate", "--help"});
    EXPECT_NE(g.out.find("=10000"), std::string::npos) << g.out;  // --persons
    EXPECT_NE(g.out.find("=2000"), std::string::npos) << g.out;   // --orgs
    EXPECT_NE(g.out.find("=2026-06-15"), std::string::npos) << g.out;
    EXPECT_NE(g.out.find("10 per organisation"), std::string::npos) << g.out;
    EXPECT_NE(run({"token", "--help"}).out.find("=120"), std::string::npos);
}

TEST_F(Cli, VersionIsPrinted) {
    auto r = run({"--version"});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^skattedeling \d+\.\d+\.\d+)"))) << r.out;
}

TEST_F(Cli, GrantChecksNamesTakesOptionsLastAndNamesTheDatabase) {
    auto a = run({"grant", "add", "restanser", "dibk", "123456789", "--database", db_});
    ASSERT_EQ(a.code, 0) << a.err;
    EXPECT_NE(a.out.find("123456789 may use restanser/dibk"), std::string::npos) << a.out;
    EXPECT_NE(a.out.find(db_), std::string::npos) << a.out;

    // An API without packages needs none.
    auto t = run({"grant", "add", "trekkpaalegg", "123456789", "--database", db_});
    EXPECT_EQ(t.code, 0) << t.err;
    auto l = run({"grant", "list", "--database", db_});
    EXPECT_EQ(l.code, 0) << l.err;
    EXPECT_TRUE(std::regex_search(l.out, std::regex(R"(restanser +dibk +123456789)"))) << l.out;
    EXPECT_TRUE(std::regex_search(l.out, std::regex(R"(trekkpaalegg +- +123456789)"))) << l.out;

    auto pakke = run({"grant", "add", "restanser", "dbik", "123456789", "--database", db_});
    EXPECT_NE(pakke.code, 0);
    EXPECT_NE(pakke.err.find("unknown package 'dbik' of restanser (known: dibk, ebevis)"),
              std::string::npos)
        << pakke.err;
    auto api = run({"grant", "add", "restanse", "dibk", "123456789", "--database", db_});
    EXPECT_NE(api.code, 0);
    EXPECT_NE(api.err.find("unknown API 'restanse'"), std::string::npos) << api.err;
    auto mangler = run({"grant", "add", "avregning", "123456789", "--database", db_});
    EXPECT_NE(mangler.code, 0);
    EXPECT_NE(mangler.err.find("name the package of avregning"), std::string::npos) << mangler.err;
    auto org = run({"grant", "add", "restanser", "dibk", "12345", "--database", db_});
    EXPECT_NE(org.code, 0);
    EXPECT_NE(org.err.find("9 digits"), std::string::npos) << org.err;

    auto r = run({"grant", "remove", "restanser", "dibk", "123456789", "--database", db_});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("may no longer use restanser/dibk"), std::string::npos) << r.out;
}

TEST_F(Cli, TokenRefusesToMintWithoutScope) {
    auto r = run({"token", "--consumer", "123456789"});
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find("--scope"), std::string::npos) << r.err;
    // Consent details need the party that consents.
    EXPECT_NE(run({"token", "--scope", "x", "--consent-resource", "r"}).code, 0);
}

TEST_F(Cli, ImportShowsProgressLinesWhenStderrIsNoTerminal) {
    const auto fil = source_dir() + "/data/demo/ledger.jsonl";
    auto r = run({"import", fil, "--database", db_, "--progress-every", "0.000001"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("into " + db_), std::string::npos) << r.out;
    EXPECT_TRUE(std::regex_search(
        r.err,
        std::regex(
            R"(^import: \d+ %, [\d,]+ lines, [\d,]+ lines/s, (about .* left|estimating time left)$)",
            std::regex::multiline)))
        << r.err;
    EXPECT_EQ(r.err.find('\r'), std::string::npos);
    // --quiet: nothing.
    auto q = run({"import", fil, "--database", "sqlite://" + (dir_ / "q.sqlite").string(),
                  "--quiet", "--progress-every", "0.000001"});
    EXPECT_EQ(q.code, 0) << q.err;
    EXPECT_EQ(q.err, "");
}

TEST_F(Cli, GenerateShowsProgressLinesWhenStderrIsNoTerminal) {
    auto r = run({"generate", "--database", db_, "--persons", "300", "--orgs", "60", "--krav",
                  "300", "--progress-every", "0.000001"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(std::regex_search(
        r.err, std::regex(R"(^generate: \d+ %, [\d,]+ rows, )", std::regex::multiline)))
        << r.err;
    EXPECT_NE(r.out.find("into " + db_), std::string::npos) << r.out;
}

// `finn` searches a database as GET /sandbox/v1/parter does, as a table or as the same JSON.
TEST_F(Cli, FinnFindsPartiesWithTheAskedProperties) {
    for (const auto& f : fs::directory_iterator(source_dir() + "/data/demo")) {
        if (f.path().extension() != ".jsonl") continue;
        ASSERT_EQ(run({"import", f.path().string(), "--database", db_, "--quiet"}).code, 0);
    }
    const std::string naa = "2026-06-15T10:00:00Z";
    auto over =
        run({"finn", "--aapne-krav-over", "1000", "--now", naa, "--json", "--database", db_});
    ASSERT_EQ(over.code, 0) << over.err;
    const auto parter = boost::json::parse(over.out).at("parter").as_array();
    ASSERT_FALSE(parter.empty()) << over.out;
    for (const auto& p : parter) EXPECT_GT(p.at("aapneKrav").as_int64(), 1000) << p;

    auto mva = run({"finn", "--forfalt-mva", "--type", "organisasjon", "--now", naa, "--json",
                    "--database", db_});
    ASSERT_EQ(mva.code, 0) << mva.err;
    const auto mva_json = boost::json::parse(mva.out);  // kept: the loop reads into it
    for (const auto& p : mva_json.at("parter").as_array()) {
        EXPECT_EQ(p.at("type").as_string(), "organisasjon");
        EXPECT_GT(p.at("forfaltOgUbetalt").as_int64(), 0) << p;
    }
    // A scenario's identifiers are listed even before first touch has made them.
    auto enk = run({"finn", "--scenario", "enk", "--database", db_});
    ASSERT_EQ(enk.code, 0) << enk.err;
    EXPECT_NE(enk.out.find("319999019"), std::string::npos) << enk.out;
    EXPECT_NE(enk.out.find("parties in " + db_), std::string::npos) << enk.out;
    auto ukjent = run({"finn", "--scenario", "finnes_ikke", "--database", db_});
    EXPECT_NE(ukjent.code, 0);
    EXPECT_NE(ukjent.err.find("finnes_ikke"), std::string::npos) << ukjent.err;
}

// A token with --consent-from and nothing else carries a consent the server accepts.
TEST(CliConsent, ConsentTokenWithDefaultsIsAccepted) {
    Server s("Sqlite");
    ASSERT_TRUE(s.ok());
    auto ebevis = s.get("/v2/ebevis/310111643",
                        {{"Host", "restanser.api.skatteetaten.no"},
                         {"Authorization", "Bearer " + s.token({"--scope", "skatteetaten:restanser",
                                                                "--consent-from", "310111643"})}});
    EXPECT_EQ(ebevis.status, 200) << ebevis.body;
    auto finans = s.get(
        "/api/innkreving/kravogbetalinger/v1/finans/212201782/krav?fraOgMed=2023-01-01&"
        "tilOgMed=2023-09-01",
        {{"Authorization", "Bearer " + s.token({"--scope", "skatteetaten:kravogbetalinger",
                                                "--consent-from", "212201782"})}});
    EXPECT_EQ(finans.status, 200) << finans.body;
}

}  // namespace
}  // namespace skd::e2e
