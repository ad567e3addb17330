// Our answers against the official reference files, over HTTP against the real binary on both
// backends: the official petitions are accepted, error and hendelser XML validate against the
// official schemas (and our published schemas accept the official XML examples), and trekkpålegg
// is served exactly as the documented examples, which our demo data carries.
#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "tests/conformance/reference.hpp"
#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;
using conformance::les_referanse;
using conformance::reference_dir;

const char* const kPetisjoner[] = {"utleggsbegjaering-v0.9-example-enkel-2025-06.json",
                                   "utleggsbegjaering-v0.9-example-kompleks-2025-06.json",
                                   "utleggsbegjaering-v0.9-example-enkel-apidok.json"};

class ConformanceE2e : public ::testing::TestWithParam<std::string> {};

// Submits every official petition (their attachments are in the demo data) and expects 201.
void send_inn(const std::string& backend, const std::string& base, bool til_v2) {
    Server s(backend);
    if (!s.ok()) GTEST_SKIP() << "backend " << backend << " er ikke tilgjengelig";
    const auto token =
        s.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", "312597772"});
    for (auto* navn : kPetisjoner) {
        auto v = json::parse(les_referanse(navn));
        if (til_v2) v = testdata::til_v2(v);
        auto r =
            s.request("POST", base,
                      {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}},
                      json::serialize(v));
        EXPECT_EQ(r.status, 201) << navn << "\n" << r.body;
    }
}

TEST_P(ConformanceE2e, OfficialPetitionsAreAcceptedUnderV1) {
    send_inn(GetParam(), "/api/utleggsbegjaering/v1", false);
}

TEST_P(ConformanceE2e, OfficialPetitionsRewrittenToModel2AreAcceptedUnderV2) {
    send_inn(GetParam(), "/api/utleggsbegjaering/v2", true);
}

TEST_P(ConformanceE2e, XmlAnswersAreValidAgainstTheOfficialSchemas) {
    Server s(GetParam());
    if (!s.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    const auto feil = reference_dir() + "/feil.xsd";
    const Headers xml = {{"Accept", "application/xml"}};
    auto med = [&](const std::string& scope) {
        auto h = xml;
        h.emplace_back("Authorization", "Bearer " + s.token({"--scope", scope}));
        return h;
    };
    const std::pair<std::string, Headers> feilsvar[] = {
        {"/ingenting/her", xml},
        {"/api/innkreving/restanser/v2/nope", xml},
        {"/api/innkreving/restanser/v2/dibk/312438623", med("skatteetaten:restanser")},
        {"/v2/ssb/2018/07929899274", med("skatteetaten:avregning")},
        {"/v1/hendelser?antall=0", med("skatteetaten:avregning")},
        {"/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1/55555555555",
         med("skatteetaten:summertskattegrunnlag")},
    };
    for (const auto& [sti, h] : feilsvar) {
        auto r = s.get(sti, h);
        EXPECT_GE(r.status, 400) << sti;
        EXPECT_EQ(validate_xml(r.body, feil), "") << sti << "\n" << r.body;
    }
    const auto hendelser = reference_dir() + "/hendelser-utvidet.xsd";
    for (const std::string sti : {"/v1/hendelser?fraSekvensnummer=1&antall=500",
                                  "/v1/hendelser?fraSekvensnummer=99999999"}) {
        auto r = s.get(sti, med("skatteetaten:avregning"));
        EXPECT_EQ(r.status, 200) << sti;
        // The official schema predates ajourholdstidspunkt (skatteoppgjør hendelser 1.3.1 has it
        // in JSON; we add it to XML too and publish the extended schema in docs/xsd): apart from
        // that element the answer must follow the official schema.
        const auto uten = std::regex_replace(
            r.body, std::regex("<ajourholdstidspunkt>[^<]*</ajourholdstidspunkt>"), "");
        EXPECT_EQ(validate_xml(uten, hendelser), "") << sti << "\n" << r.body.substr(0, 500);
    }
}

TEST(PublishedSchemas, AcceptTheOfficialXmlExamples) {
    const auto src = source_dir() + "/docs/xsd/";
    EXPECT_EQ(validate_xml(les_referanse("feil-example.xml"), src + "feil-v1.xsd"), "");
    EXPECT_EQ(validate_xml(les_referanse("hendelser-skattemelding-fastsatt-example.xml"),
                           src + "hendelser-v1.xsd"),
              "");
}

std::vector<std::pair<std::string, json::object>> trekkeksempler() {
    std::vector<std::pair<std::string, json::object>> r;
    for (const auto& e :
         std::filesystem::directory_iterator(reference_dir() + "/trekkpaalegg-examples-navikt")) {
        r.emplace_back(e.path().filename().string(),
                       json::parse(les_referanse("trekkpaalegg-examples-navikt/" +
                                                 e.path().filename().string()))
                           .as_object());
    }
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) {
        return a.second.at("sekvensnummer").as_int64() < b.second.at("sekvensnummer").as_int64();
    });
    return r;
}

TEST(DemoData, CarriesEveryOfficialTrekkpaaleggExampleFieldForField) {
    std::vector<json::object> demo;
    std::ifstream in(source_dir() + "/data/demo/trekkpaalegg.jsonl");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        auto o = json::parse(line).as_object();
        if (o.at("trekkpliktig") != "123456789") continue;
        o.erase("type");
        o.erase("historisk");
        demo.push_back(std::move(o));
    }
    const auto eks = trekkeksempler();
    ASSERT_EQ(demo.size(), eks.size());
    for (std::size_t i = 0; i < eks.size(); ++i)
        EXPECT_EQ(json::value(demo[i]), json::value(eks[i].second)) << eks[i].first;
}

TEST_P(ConformanceE2e, TrekkpaaleggIsServedAsTheOfficialExamples) {
    Server s(GetParam());
    if (!s.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    const Headers h = {
        {"Authorization",
         "Bearer " + s.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"})}};
    for (const auto& [fil, o] : trekkeksempler()) {
        auto r = s.get("/api/trekkpaalegg/v1/" + std::string(o.at("trekkid").as_string()) + "/" +
                           std::to_string(o.at("trekkversjon").as_int64()),
                       h);
        ASSERT_EQ(r.status, 200) << fil << " " << r.body;
        EXPECT_EQ(trekkpaalegg_sammenlignbar(r.json()), trekkpaalegg_sammenlignbar(o)) << fil;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ConformanceE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
