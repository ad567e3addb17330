// `skattedeling generate` end to end: a small deterministic dataset, served by the real binary,
// answers the read APIs for generated parties; the same seed gives the same data.
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

boost::json::object les_json(const std::string& fil) {
    std::ifstream f(fil);
    std::stringstream ss;
    ss << f.rdbuf();
    return boost::json::parse(ss.str()).as_object();
}

// Generates into `database` and returns the summary (rows, checksum, example parties).
boost::json::object generer(const std::string& database, int seed) {
    const std::string fil =
        database.substr(database.rfind('/') + 1) + "-" + std::to_string(seed) + ".json";
    const std::string sti = ::testing::TempDir() + "/" + fil;
    int code = -1;
    auto out =
        run_binary({"generate", "--database", database, "--seed", std::to_string(seed), "--persons",
                    "3000", "--orgs", "600", "--krav", "4000", "--summary", sti, "--quiet"},
                   &code);
    EXPECT_EQ(code, 0) << out;
    return les_json(sti);
}

class GeneratorE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(GeneratorE2e, GeneratedPartiesAreServedAndTheSeedDeterminesTheData) {
    Server srv(GetParam(), ServerOptions{.demo_data = false});
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    // The server has migrated the database; stop it while the generator loads.
    srv.terminate();
    auto s = generer(srv.database(), 7);
    ASSERT_TRUE(srv.restart());
    const auto eks = s["eksempler"].as_object();
    const std::string org(eks.at("org_med_aapne_krav").as_string());
    const std::string pliktig(eks.at("trekkpliktig").as_string());
    const std::string person(eks.at("person").as_string());
    const std::string aar = std::to_string(eks.at("inntektsaar").as_int64());
    EXPECT_GT(s["rader"].as_object()["krav"].as_int64(), 1000);
    EXPECT_GT(s["rader"].as_object()["trekkpaalegg"].as_int64(), 2500);

    auto bearer = [&](std::vector<std::string> args) {
        return Headers{{"Authorization", "Bearer " + srv.token(args)}};
    };
    auto r = srv.get("/api/innkreving/restanser/v2/dibk/" + org,
                     bearer({"--scope", "skatteetaten:restanser"}));
    EXPECT_EQ(r.status, 200) << r.body;
    auto kob = bearer({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", org,
                       "--system-id", "974761076_regnskap"});
    auto a =
        srv.get("/api/innkreving/kravogbetalinger/v1/regnskapssystem/" + org + "/aapnekrav", kob);
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.json().as_object()["aapentKravMedGjenstaaendeBeloep"].as_array().size(), 50u);

    // One ledger, two APIs: restanser's total equals the overdue, unpaid instalments that
    // aapnekrav lists (whole kroner per category, so a rounding of at most 0.5 kr each).
    double restanser_sum = 0, forfalt_sum = 0;
    const auto restanser = r.json();
    const auto aapne = a.json();
    for (const auto& [kategori, v] : restanser.as_object().at("restanser").as_object())
        restanser_sum +=
            static_cast<double>(v.as_object().at("forfaltOgUbetalt").to_number<std::int64_t>());
    const std::string i_dag = srv.now().substr(0, 10);
    for (const auto& k : aapne.as_object().at("aapentKravMedGjenstaaendeBeloep").as_array())
        for (const auto& f : k.as_object().at("kravforfall").as_array()) {
            const auto& fo = f.as_object();
            const double g = fo.at("gjenstaaendeBeloep").to_number<double>();
            if (std::string(fo.at("forfallsdato").as_string()) < i_dag && g > 0) forfalt_sum += g;
        }
    EXPECT_GT(forfalt_sum, 0);
    EXPECT_NEAR(restanser_sum, forfalt_sum, 3.0) << "restanser og aapnekrav er uenige for " << org;
    auto t = srv.get("/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=2500",
                     bearer({"--scope", "skatteetaten:trekkpaalegg", "--consumer", pliktig}));
    ASSERT_EQ(t.status, 200) << t.body.substr(0, 300);
    EXPECT_EQ(t.json().as_array().size(), 2500u);
    auto v = srv.get("/api/fastsetting/avregning/v2/ssb/" + aar + "/" + person,
                     bearer({"--scope", "skatteetaten:avregning"}));
    EXPECT_EQ(v.status, 200) << v.body;

    // Same seed into a fresh database: identical rows; another seed: different ones.
    auto igjen = generer(fresh_database(GetParam()), 7);
    EXPECT_EQ(igjen["sjekksum"], s["sjekksum"]);
    EXPECT_EQ(igjen["rader"], s["rader"]);
    EXPECT_EQ(igjen["db_kontroll"], s["db_kontroll"]);
    EXPECT_NE(generer(fresh_database(GetParam()), 8)["sjekksum"], s["sjekksum"]);
}

INSTANTIATE_TEST_SUITE_P(Backends, GeneratorE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
