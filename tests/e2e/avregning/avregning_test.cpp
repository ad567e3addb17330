// Avregning v2 over HTTP against the real binary, once per backend: the documented example,
// packages, skjerming, 410 and every documented error code.
#include <boost/json.hpp>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

class AvregningE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        token_ = srv_->token({"--scope", "skatteetaten:avregning"});
    }
    HttpResponse get(const std::string& path, Headers h = {}) {
        h.emplace_back("Authorization", "Bearer " + token_);
        return srv_->get(path, h);
    }
    boost::json::object obj(const std::string& path) {
        auto r = get(path);
        EXPECT_EQ(r.status, 200) << path << " " << r.body;
        auto v = r.json();
        return v.is_object() ? v.as_object() : boost::json::object{};
    }
    std::string xsd() const { return source_dir() + "/docs/xsd/avregning-v2.xsd"; }
    std::string token_;
};

constexpr const char* kEksempel = R"({
  "personidentifikator": "20463518646",
  "inntektsaar": "2024",
  "skjermet": false,
  "skatteoppgjoersdato": "2024-12-02",
  "fastland": {
    "restskatt": 0, "forhaandsfastsatt": true, "skatteregnskapskommune": "5526", "beregnetSkatt": 0, "aaBetale": 0
  },
  "svalbard": {
    "beloepTilgode": 60894, "forhaandsfastsatt": false, "skatteregnskapskommune": "2100", "beregnetSkatt": 0,
    "avregnetForskuddsskatt": 60000, "overskytende": 60000, "rentegodtgjoerelse": 894
  },
  "ajourholdstidspunkt": "2024-11-28T08:35:16.337Z"
})";

TEST_P(AvregningE2e, ReproducesTheDocumentedExampleFieldByFieldAndInOrder) {
    auto r = get("/v2/ssb/2024/20463518646");
    ASSERT_EQ(r.status, 200) << r.body;
    auto expected = boost::json::parse(kEksempel);
    EXPECT_EQ(r.json(), expected);
    // boost::json keeps member order, so this also pins the documented order.
    EXPECT_EQ(r.body, boost::json::serialize(expected));
}

TEST_P(AvregningE2e, BothUrlStylesAndEveryFullPackageAnswerTheSame) {
    auto expected = boost::json::parse(kEksempel);
    for (std::string pakke :
         {"kommunelangtidsoppholdinstitusjon", "kommunelangtidsoppholdsykehjem", "ssb"}) {
        EXPECT_EQ(get("/api/fastsetting/avregning/v2/" + pakke + "/2024/20463518646").json(),
                  expected)
            << pakke;
        EXPECT_EQ(
            get("/v2/" + pakke + "/2024/20463518646", {{"Host", "avregning.api.skatteetaten.no"}})
                .json(),
            expected)
            << pakke;
    }
}

TEST_P(AvregningE2e, XmlHasTheSameElementsInTheSameOrderAndIsValid) {
    auto r = get("/v2/ssb/2024/20463518646", {{"Accept", "application/xml"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.header("Content-Type").find("application/xml"), std::string::npos);
    EXPECT_EQ(validate_xml(r.body, xsd()), "") << r.body;
    EXPECT_NE(r.body.find(R"(<avregning xmlns="urn:no:skatteetaten:datasamarbeid:avregning:v2">)"),
              std::string::npos);
    const char* order[] = {"<personidentifikator>20463518646<",
                           "<inntektsaar>2024<",
                           "<skjermet>false<",
                           "<skatteoppgjoersdato>2024-12-02<",
                           "<fastland>",
                           "<restskatt>0<",
                           "<forhaandsfastsatt>true<",
                           "<skatteregnskapskommune>5526<",
                           "<aaBetale>0<",
                           "</fastland>",
                           "<svalbard>",
                           "<beloepTilgode>60894<",
                           "<rentegodtgjoerelse>894<",
                           "</svalbard>",
                           "<ajourholdstidspunkt>2024-11-28T08:35:16.337Z<"};
    std::size_t at = 0;
    for (const char* e : order) {
        auto p = r.body.find(e, at);
        ASSERT_NE(p, std::string::npos) << e << " i " << r.body;
        at = p;
    }
}

TEST_P(AvregningE2e, NorgesbankSeesOnlyMoneyFlowsWithoutGeolocation) {
    auto v = obj("/v2/norgesbank/2024/20463518646");
    auto fl = v["fastland"].as_object();
    EXPECT_EQ(fl["restskatt"], 0);
    EXPECT_EQ(fl["aaBetale"], 0);
    EXPECT_FALSE(fl.contains("skatteregnskapskommune"));
    EXPECT_FALSE(fl.contains("beregnetSkatt"));
    auto sv = v["svalbard"].as_object();
    EXPECT_EQ(sv["beloepTilgode"], 60894);
    EXPECT_FALSE(sv.contains("avregnetForskuddsskatt"));
    EXPECT_EQ(v["skjermet"], false);
}

TEST_P(AvregningE2e, StrengtFortroligPersonLosesGeolocationButKeepsAmounts) {
    auto v = obj("/v2/ssb/2023/16822548834");
    EXPECT_EQ(v["skjermet"], true);
    auto fl = v["fastland"].as_object();
    EXPECT_FALSE(fl.contains("skatteregnskapskommune"));
    EXPECT_TRUE(fl.contains("beregnetSkatt"));
    EXPECT_TRUE(v.contains("skatteoppgjoersdato"));
    auto x = get("/v2/ssb/2023/16822548834", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(x.body, xsd()), "") << x.body;
}

TEST_P(AvregningE2e, FortroligPersonIsShieldedToo) {
    auto v = obj("/v2/kommunelangtidsoppholdsykehjem/2017/29846799816");
    EXPECT_EQ(v["skjermet"], true);
    EXPECT_FALSE(v["fastland"].as_object().contains("skatteregnskapskommune"));
}

TEST_P(AvregningE2e, PackageWithoutShieldedRightsGetsOnlyTheRequestParameters) {
    auto expected = boost::json::parse(
        R"({"personidentifikator": "16822548834", "inntektsaar": "2023", "skjermet": true})");
    for (std::string pid :
         {"16822548834", "11812448848", "19872347995", "09817397848", "24887198515"}) {
        auto v = obj("/v2/norgesbank/2023/" + pid);
        EXPECT_EQ(v.size(), 3u) << pid;
        EXPECT_EQ(v["skjermet"], true) << pid;
        EXPECT_EQ(v["personidentifikator"], pid.c_str());
    }
    EXPECT_EQ(obj("/v2/norgesbank/2023/16822548834"), expected.as_object());
    // Not even whether a year exists is revealed.
    EXPECT_EQ(obj("/v2/norgesbank/2018/16822548834").size(), 3u);
    auto x = get("/v2/norgesbank/2023/16822548834", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(x.body, xsd()), "") << x.body;
}

TEST_P(AvregningE2e, HistoricalSvalbardPersonHasOnlySvalbard) {
    for (int aar = 2017; aar <= 2019; ++aar) {
        auto v = obj("/v2/ssb/" + std::to_string(aar) + "/08838174893");
        EXPECT_TRUE(v.contains("svalbard"));
        EXPECT_FALSE(v.contains("fastland"));
        EXPECT_FALSE(v.contains("ajourholdstidspunkt"));
        auto b = obj("/v2/ssb/" + std::to_string(aar) + "/11815994657");
        EXPECT_TRUE(b.contains("svalbard") && b.contains("fastland"));
    }
}

TEST_P(AvregningE2e, DeletedSettlementIsGoneWithTheStandardErrorBody) {
    auto r = get("/v2/ssb/2018/07929899274");
    EXPECT_EQ(r.status, 410) << r.body;
    auto v = r.json().as_object();
    EXPECT_TRUE(v.contains("kode") && v.contains("melding") && v.contains("korrelasjonsid"));
    auto x = get("/v2/ssb/2018/07929899274", {{"Accept", "application/xml"}});
    EXPECT_EQ(x.status, 410);
    EXPECT_EQ(validate_xml(x.body, source_dir() + "/docs/xsd/feil-v1.xsd"), "") << x.body;
    EXPECT_EQ(get("/v2/ssb/2019/07929899274").status, 200);
}

TEST_P(AvregningE2e, ImportedChangeAndDeletionAreServed) {
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766551", "inntektsaar": 2023, "skatteoppgjoersdato": "2024-06-01", "fastland": {"restskatt": 100, "skatteregnskapskommune": "0301"}})"
            "\n"),
        0);
    EXPECT_EQ(obj("/v2/ssb/2023/99887766551")["fastland"].as_object()["restskatt"], 100);
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766551", "inntektsaar": 2023, "skatteoppgjoersdato": "2024-07-01", "fastland": {"beloep_tilgode": 5}})"
            "\n"),
        0);
    EXPECT_EQ(obj("/v2/ssb/2023/99887766551")["fastland"],
              boost::json::parse(R"({"beloepTilgode": 5})"));
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "skatteoppgjoer_sletting", "personidentifikator": "99887766551", "inntektsaar": 2023})"
            "\n"),
        0);
    EXPECT_EQ(get("/v2/ssb/2023/99887766551").status, 410);
    // A bad line leaves nothing behind (all or nothing).
    EXPECT_NE(
        srv_->import_text(
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766552", "inntektsaar": 2023, "skatteoppgjoersdato": "2024-06-01", "fastland": {}})"
            "\n"
            R"({"type": "skatteoppgjoer_sletting", "personidentifikator": "99887766553", "inntektsaar": 2023})"
            "\n"),
        0);
    EXPECT_EQ(get("/v2/ssb/2023/99887766552").json().as_object()["kode"], "AR-009");
}

TEST_P(AvregningE2e, DocumentedErrorCodes) {
    expect_errors([&](const std::string& p, const Headers& h) { return get(p, h); },
                  {
                      {"/v2/ssb/2016/20463518646", {}, 400, "AR-006"},
                      {"/v2/ssb/2027/20463518646", {}, 400, "AR-006"},
                      {"/v2/ssb/24/20463518646", {}, 400, "AR-006"},
                      {"/v2/ssb/20x4/20463518646", {}, 400, "AR-006"},
                      {"/v2/ssb/2024/2046351864", {}, 400, "AR-006"},
                      {"/v2/ssb/2024/2046351864a", {}, 400, "AR-006"},
                      {"/v2/ssb/2020/20463518646", {}, 404, "AR-007"},
                      {"/v2/ssb/2024/55555555555", {}, 404, "AR-009"},
                      {"/v2/distribusjon/2024/20463518646", {}, 404, "AR-003"},
                      {"/api/fastsetting/avregning/v2/ssb/2024", {}, 404, "AR-003"},
                      {"/v2/ssb/2024/20463518646", {{"Accept", "text/html"}}, 406, "AR-008"},
                  });
    auto no_token = srv_->get("/v2/ssb/2024/20463518646");
    EXPECT_EQ(no_token.status, 401);
    EXPECT_EQ(no_token.json().as_object()["kode"], "AR-004");
    auto wrong_scope = srv_->get(
        "/v2/ssb/2024/20463518646",
        {{"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"})}});
    EXPECT_EQ(wrong_scope.status, 403);
    EXPECT_EQ(wrong_scope.json().as_object()["kode"], "AR-005");
    auto xml_error = get("/v2/ssb/2020/20463518646", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(xml_error.body, source_dir() + "/docs/xsd/feil-v1.xsd"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, AvregningE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
