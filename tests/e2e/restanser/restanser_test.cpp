// Restanser v2 over HTTP against the real binary, once per backend.
#include <boost/json.hpp>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

class RestanserE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        token_ = srv_->token({"--scope", "skatteetaten:restanser"});
    }
    HttpResponse get(const std::string& path, Headers h = {}) {
        h.emplace_back("Authorization", "Bearer " + token_);
        return srv_->get(path, h);
    }
    std::string token_;
};

TEST_P(RestanserE2e, DibkReproducesTheDocumentedExample) {
    auto r = get("/api/innkreving/restanser/v2/dibk/310111643");
    ASSERT_EQ(r.status, 200) << r.body;
    auto v = r.json().as_object();
    // SPEC §2.3 example, field for field (levert comes from the clock).
    auto expected = boost::json::parse(R"({
      "restskatt":          { "forfaltOgUbetaltRenter": 0,     "forfaltOgUbetaltKrav": 0,     "forfaltOgUbetalt": 0 },
      "forskuddstrekk":     { "forfaltOgUbetaltRenter": 58552, "forfaltOgUbetaltKrav": 75155, "forfaltOgUbetalt": 133707 },
      "merverdiavgift":     {                                   "forfaltOgUbetaltKrav": 1000,  "forfaltOgUbetalt": 1000 },
      "arbeidsgiveravgift": { "forfaltOgUbetaltRenter": 30071, "forfaltOgUbetaltKrav": 39956, "forfaltOgUbetalt": 70027 },
      "gebyr":              { "forfaltOgUbetaltRenter": 3000,  "forfaltOgUbetaltKrav": 26579, "forfaltOgUbetalt": 29579 },
      "forskuddsskatt":     { "forfaltOgUbetaltRenter": 0,     "forfaltOgUbetaltKrav": 0,     "forfaltOgUbetalt": 0 }
    })");
    EXPECT_EQ(v["restanser"], expected);
    EXPECT_EQ(v["forespurteOrganisasjon"], "310111643");
    // Local time without offset, nanosecond digits: 10:00Z is 12:00 in Oslo in June.
    EXPECT_EQ(v["levert"], "2026-06-15T12:00:00.000000000");
}

TEST_P(RestanserE2e, LevertIsOsloLocalTimeOnBothSidesOfTheDaylightSavingChanges) {
    ServerOptions o;
    o.now = "2026-03-29T00:59:59.5Z";
    Server s(GetParam(), o);
    ASSERT_TRUE(s.ok());
    auto levert = [&] {
        auto r =
            s.get("/api/innkreving/restanser/v2/dibk/310111643",
                  {{"Authorization", "Bearer " + s.token({"--scope", "skatteetaten:restanser"})}});
        EXPECT_EQ(r.status, 200) << r.body;
        auto v = r.json();
        return v.is_object() ? std::string(v.at("levert").as_string()) : std::string();
    };
    // 29 March 2026, 01:00 UTC: 02:00 CET becomes 03:00 CEST.
    EXPECT_EQ(levert(), "2026-03-29T01:59:59.500000000");
    ASSERT_TRUE(s.restart("2026-03-29T01:00:00Z"));
    EXPECT_EQ(levert(), "2026-03-29T03:00:00.000000000");
    // 25 October 2026, 01:00 UTC: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    ASSERT_TRUE(s.restart("2026-10-25T00:30:00Z"));
    EXPECT_EQ(levert(), "2026-10-25T02:30:00.000000000");
    ASSERT_TRUE(s.restart("2026-10-25T01:30:00Z"));
    EXPECT_EQ(levert(), "2026-10-25T02:30:00.000000000");
}

TEST_P(RestanserE2e, HostStyleUrlAnswersTheSame) {
    auto legacy = get("/api/innkreving/restanser/v2/dibk/310111643");
    auto host = get("/v2/dibk/310111643", {{"Host", "restanser.api.skatteetaten.no"}});
    auto loopback = get("/v2/dibk/310111643/");
    ASSERT_EQ(host.status, 200);
    EXPECT_EQ(host.json().as_object()["restanser"], legacy.json().as_object()["restanser"]);
    EXPECT_EQ(loopback.status, 200);
}

TEST_P(RestanserE2e, EbevisGivesOnlyTotalsWithConsentInHeader) {
    auto samtykke = srv_->samtykke({"--services", "5616_5", "--offered-by", "310111643"});
    auto r = get("/v2/ebevis/310111643", {{"AltinnSamtykke", samtykke}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto kat = r.json().as_object()["restanser"].as_object();
    EXPECT_EQ(kat.size(), 6u);
    for (const auto& [k, v] : kat) {
        EXPECT_EQ(v.as_object().size(), 1u) << k;
        EXPECT_TRUE(v.as_object().at("forfaltOgUbetalt").is_int64()) << k;
    }
    EXPECT_EQ(kat["forskuddstrekk"].as_object()["forfaltOgUbetalt"], 133707);
}

TEST_P(RestanserE2e, EbevisAcceptsAltinn3ConsentInTheBearer) {
    auto t = srv_->token({"--scope", "skatteetaten:restanser", "--consent-from", "310111643",
                          "--consent-resource", "digdir-restanser-skatteetaten",
                          "--consent-valid-to", "2026-09-01T00:00:00Z"});
    auto r = srv_->get("/v2/ebevis/310111643", {{"Authorization", "Bearer " + t}});
    EXPECT_EQ(r.status, 200) << r.body;
}

TEST_P(RestanserE2e, EbevisConsentFailuresNameTheCause) {
    auto other = srv_->samtykke({"--services", "5616_5", "--offered-by", "974761076"});
    auto r = get("/v2/ebevis/310111643", {{"AltinnSamtykke", other}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.json().as_object()["kode"], "RESTANSE-007");
    EXPECT_NE(r.body.find("974761076"), std::string::npos) << r.body;

    auto wrong_service = srv_->samtykke({"--services", "5928_202301", "--offered-by", "310111643"});
    r = get("/v2/ebevis/310111643", {{"AltinnSamtykke", wrong_service}});
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(r.body.find("5616_5"), std::string::npos) << r.body;

    r = get("/v2/ebevis/310111643");
    EXPECT_EQ(r.json().as_object()["kode"], "RESTANSE-007");
}

TEST_P(RestanserE2e, DocumentedErrorCodes) {
    expect_errors([&](const std::string& p, const Headers& h) { return get(p, h); },
                  {
                      {"/api/innkreving/restanser/v2/dibk/31011164", {}, 400, "RESTANSE-006"},
                      {"/api/innkreving/restanser/v2/dibk/3101116430", {}, 400, "RESTANSE-006"},
                      {"/api/innkreving/restanser/v2/dibk/312438623", {}, 404, "RESTANSE-008"},
                      {"/api/innkreving/restanser/v2/ukjent/310111643", {}, 404, "RESTANSE-003"},
                      {"/api/innkreving/restanser/v2/dibk/310111643",
                       {{"Accept", "text/html"}},
                       406,
                       "RESTANSE-009"},
                  });
    auto no_token = srv_->get("/api/innkreving/restanser/v2/dibk/310111643");
    EXPECT_EQ(no_token.status, 401);
    EXPECT_EQ(no_token.json().as_object()["kode"], "RESTANSE-004");
    auto wrong_scope = srv_->get(
        "/api/innkreving/restanser/v2/dibk/310111643",
        {{"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:avregning"})}});
    EXPECT_EQ(wrong_scope.status, 403);
    EXPECT_EQ(wrong_scope.json().as_object()["kode"], "RESTANSE-005");
}

TEST_P(RestanserE2e, XmlIsValidAgainstThePublishedSchema) {
    auto r = get("/api/innkreving/restanser/v2/dibk/310111643", {{"Accept", "application/xml"}});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(validate_xml(r.body, source_dir() + "/docs/xsd/restanser-v2.xsd"), "");
    auto e = get("/api/innkreving/restanser/v2/dibk/312438623", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(e.body, source_dir() + "/docs/xsd/feil-v1.xsd"), "");
}

TEST_P(RestanserE2e, MerverdiavgiftShowsInterestOnlyWhenThereIsInterest) {
    // The documented example's shape: no interest on VAT, no interest field.
    auto doc = get("/api/innkreving/restanser/v2/dibk/310111643");
    ASSERT_EQ(doc.status, 200);
    EXPECT_FALSE(doc.json()
                     .at("restanser")
                     .at("merverdiavgift")
                     .as_object()
                     .contains("forfaltOgUbetaltRenter"));
    // A VAT claim with interest: the interest is shown, so Krav + Renter = forfaltOgUbetalt.
    const std::string org = "311222336";
    std::string out;
    ASSERT_EQ(srv_->import_text(
                  R"({"type": "part", "identifikator": "311222336", "navn": "MVA MED RENTER AS"}
{"type": "krav", "part": "311222336", "kravidentifikator": "MVA-R-1", "kravtype": "Mva-melding", "kravgruppe": "Merverdiavgift", "kravbeskrivelse": "Merverdiavgift", "opprettelsesdato": "2026-01-02"}
{"type": "kravforfall", "part": "311222336", "kravidentifikator": "MVA-R-1", "kravforfallsidentifikator": "MVA-R-1-1", "forfallsdato": "2026-02-10", "opprinnelig_oere": 400000}
{"type": "krav", "part": "311222336", "kravidentifikator": "MVA-R-2", "kravtype": "Forsinkelsesrente", "kravgruppe": "Merverdiavgift", "kravbeskrivelse": "Forsinkelsesrente", "opprettelsesdato": "2026-04-01", "hovedstol_kravidentifikator": "MVA-R-1"}
{"type": "kravforfall", "part": "311222336", "kravidentifikator": "MVA-R-2", "kravforfallsidentifikator": "MVA-R-2-1", "forfallsdato": "2026-04-15", "opprinnelig_oere": 25000}
)",
                  &out),
              0)
        << out;
    for (const char* accept : {"application/json", "application/xml"}) {
        auto r = get("/api/innkreving/restanser/v2/dibk/" + org, {{"Accept", accept}});
        ASSERT_EQ(r.status, 200) << r.body;
        if (std::string(accept) == "application/xml") {
            EXPECT_EQ(validate_xml(r.body, source_dir() + "/docs/xsd/restanser-v2.xsd"), "");
            EXPECT_NE(r.body.find("<merverdiavgift><forfaltOgUbetaltRenter>250</"
                                  "forfaltOgUbetaltRenter><forfaltOgUbetaltKrav>4000<"),
                      std::string::npos)
                << r.body;
            continue;
        }
        auto mva = r.json().at("restanser").at("merverdiavgift").as_object();
        ASSERT_TRUE(mva.contains("forfaltOgUbetaltRenter")) << r.body;
        EXPECT_EQ(mva.at("forfaltOgUbetaltRenter"), 250);
        EXPECT_EQ(mva.at("forfaltOgUbetaltKrav"), 4000);
        EXPECT_EQ(mva.at("forfaltOgUbetalt"), 4250);
    }
}

TEST_P(RestanserE2e, DibkIgnoresAnAltinnSamtykkeHeaderSentAlong) {
    // dibk is granted by law: a consent header, valid or not, is not looked at.
    auto garbage = get("/api/innkreving/restanser/v2/dibk/310111643",
                       {{"AltinnSamtykke", "dette.er.ikke-et-token"}});
    EXPECT_EQ(garbage.status, 200) << garbage.body;
    auto other = srv_->samtykke({"--services", "5616_5", "--offered-by", "312438623"});
    auto valid_elsewhere =
        get("/api/innkreving/restanser/v2/dibk/310111643", {{"AltinnSamtykke", other}});
    EXPECT_EQ(valid_elsewhere.status, 200) << valid_elsewhere.body;
    // ebevis still verifies it.
    auto ebevis = get("/api/innkreving/restanser/v2/ebevis/310111643",
                      {{"AltinnSamtykke", "dette.er.ikke-et-token"}});
    EXPECT_EQ(ebevis.status, 403);
    EXPECT_EQ(ebevis.json().as_object()["kode"], "RESTANSE-007");
}

INSTANTIATE_TEST_SUITE_P(Backends, RestanserE2e, backends(), backend_name);

// Figures are kept per ledger version: an import between two identical requests shows at once,
// for an organisation that had claims and for one that had none (404 before).
class RestanserEndringE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(RestanserEndringE2e, AnImportShowsInTheNextAnswer) {
    Server srv(GetParam());
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    const Headers h = {
        {"Authorization", "Bearer " + srv.token({"--scope", "skatteetaten:restanser"})}};
    auto krav = [&](const std::string& org) {
        auto r = srv.get("/api/innkreving/restanser/v2/dibk/" + org, h);
        if (r.status != 200) return std::int64_t{-r.status};
        return r.json().at("restanser").at("forskuddstrekk").at("forfaltOgUbetaltKrav").as_int64();
    };
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(krav("310111643"), 75155);
        EXPECT_EQ(krav("311111111"), -404);
    }
    auto linjer = [](const std::string& org, const std::string& id) {
        return R"({"type": "krav", "part": ")" + org + R"(", "kravidentifikator": ")" + id +
               R"(", "kravtype": "FORSKTREKK", "kravgruppe": "Forskuddstrekk", "kravbeskrivelse": "Forskuddstrekk", )"
               R"("opprettelsesdato": "2026-01-02"})"
               "\n"
               R"({"type": "kravforfall", "part": ")" +
               org + R"(", "kravidentifikator": ")" + id + R"(", "kravforfallsidentifikator": ")" +
               id +
               R"(-1", "forfallsdato": "2026-02-15", "opprinnelig_oere": 1000000})"
               "\n";
    };
    std::string out;
    ASSERT_EQ(srv.import_text(R"({"type": "part", "identifikator": "311111111", "navn": "NY AS"})"
                              "\n" +
                                  linjer("310111643", "KRAV-ENDRING-1") +
                                  linjer("311111111", "KRAV-ENDRING-2"),
                              &out),
              0)
        << out;
    EXPECT_EQ(krav("310111643"), 85155);
    EXPECT_EQ(krav("311111111"), 10000);
}

INSTANTIATE_TEST_SUITE_P(Backends, RestanserEndringE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
