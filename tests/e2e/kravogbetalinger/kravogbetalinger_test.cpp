// Krav og betalinger v1 over HTTP against the real binary, once per backend.
#include <boost/json.hpp>
#include <cmath>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

const std::string kBase = "/api/innkreving/kravogbetalinger/v1";

double num(const json::value& v) {
    return v.is_double() ? v.as_double() : static_cast<double>(v.to_number<std::int64_t>());
}
bool near(double a, double b) {
    return std::fabs(a - b) < 0.005;
}

class KravOgBetalingerE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
    }
    // A regnskapssystem system-user token acting for `org`.
    std::string systembruker(const std::string& org) {
        return srv_->token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", org,
                            "--system-id", "974761076_regnskap"});
    }
    HttpResponse regnskap(const std::string& org, const std::string& rest, Headers h = {}) {
        h.emplace_back("Authorization", "Bearer " + systembruker(org));
        return srv_->get(kBase + "/regnskapssystem/" + org + rest, h);
    }
};

TEST_P(KravOgBetalingerE2e, AapneKravTotalsEqualTheSumsOfTheListedItems) {
    for (const char* org :
         {"212201782", "313367002", "311851381", "314961900", "310478717", "313506673"}) {
        auto r = regnskap(org, "/aapnekrav");
        ASSERT_EQ(r.status, 200) << org << " " << r.body;
        auto v = r.json().as_object();
        EXPECT_EQ(v["partIdentifikator"], org);
        EXPECT_EQ(v["skjermet"], false);
        double forfalte = 0, ikke = 0, renter = 0, uplassert = 0;
        for (const auto& k : v["aapentKravMedGjenstaaendeBeloep"].as_array()) {
            double sum_forfall = 0;
            for (const auto& f : k.as_object().at("kravforfall").as_array()) {
                double g = num(f.as_object().at("gjenstaaendeBeloep"));
                sum_forfall += g;
                (std::string(f.as_object().at("forfallsdato").as_string()) < "2026-06-15" ? forfalte
                                                                                          : ikke) +=
                    g;
            }
            EXPECT_TRUE(near(sum_forfall, num(k.as_object().at("gjenstaaendeBeloep"))));
            renter += num(k.as_object().at("stipulerteRenter"));
        }
        for (const auto& i : v["innbetalingMedUplassertBeloep"].as_array()) {
            double u = num(i.as_object().at("uplassertBeloep"));
            EXPECT_GT(u, 0);
            uplassert += u;
        }
        auto t = v["totalOversikt"].as_object();
        EXPECT_TRUE(near(num(t["sumForfalteKrav"]), forfalte)) << org;
        EXPECT_TRUE(near(num(t["sumIkkeForfalteKrav"]), ikke)) << org;
        EXPECT_TRUE(near(num(t["sumStipulerteRenter"]), renter)) << org;
        EXPECT_TRUE(near(num(t["sumUplasserteInnbetalinger"]), uplassert)) << org;
        EXPECT_TRUE(near(num(t["saldo"]), forfalte + ikke + renter - uplassert)) << org;
        double gruppe_saldo = 0;
        for (const auto& g : v["oversiktPerKravgruppe"].as_array())
            gruppe_saldo += num(g.as_object().at("saldo"));
        EXPECT_TRUE(near(gruppe_saldo, forfalte + ikke + renter)) << org;
    }
}

TEST_P(KravOgBetalingerE2e, FieldsAreSpelledAsDocumented) {
    auto r = regnskap("212201782", "/aapnekrav");
    ASSERT_EQ(r.status, 200);
    for (const char* name :
         {"\"aapentKravMedGjenstaaendeBeloep\"", "\"innbetalingMedUplassertBeloep\"",
          "\"innbetalingsIdentifikator\"", "\"innbetalingsidentifikator\"",
          "\"kravforfallsIdentifikator\"", "\"plassertMotkrav\"", "\"spraakTekst\"",
          "\"opprettelsesdatoForKrav\"", "\"mottakersKontonummer\"", "\"innbetaltFra\"",
          "\"oversiktPerKravgruppe\"", "\"swiftBIC\"", "\"fastsettingsmaate\""})
        EXPECT_NE(r.body.find(name), std::string::npos) << name;
    EXPECT_EQ(r.body.find("null"), std::string::npos);
    // An ENK's claims may belong to the owner's fødselsnummer.
    EXPECT_NE(r.body.find("\"partIdentifikator\":\"04827896468\""), std::string::npos);
    // Amounts are decimal numbers.
    EXPECT_NE(r.body.find("\"opprinneligBeloep\":10000.0"), std::string::npos);
}

TEST_P(KravOgBetalingerE2e, PeriodEndpointsAnswerFromTheLedger) {
    auto krav = regnskap("212201782", "/krav?fraOgMed=2023-01-01&tilOgMed=2023-09-01");
    ASSERT_EQ(krav.status, 200) << krav.body;
    auto v = krav.json().as_object();
    EXPECT_EQ(v["periode"], json::parse(R"({"fraOgMed":"2023-01-01","tilOgMed":"2023-09-01"})"));
    EXPECT_GE(v["krav"].as_array().size(), 2u);

    auto innb = regnskap("212201782", "/innbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-12-31");
    ASSERT_EQ(innb.status, 200) << innb.body;
    EXPECT_EQ(innb.json().as_object()["innbetaling"].as_array().size(), 4u);

    auto utb = regnskap("212201782", "/utbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-12-31");
    ASSERT_EQ(utb.status, 200) << utb.body;
    auto u = utb.json().as_object()["utbetaling"].as_array().at(0).as_object();
    EXPECT_EQ(u["utbetalingsidentifikator"], "utb-9876");
    EXPECT_TRUE(near(num(u["utbetaltBeloep"]), 500.0));
    auto kk = u["grunnlagForUtbetaling"].as_object()["kreditKrav"].as_array().at(0).as_object();
    EXPECT_TRUE(near(num(kk["opprinneligBeloep"]), -500.0));
    EXPECT_TRUE(near(num(kk["gjenstaaendeBeloep"]), 0.0));
}

TEST_P(KravOgBetalingerE2e, PeriodRulesGiveKb006) {
    for (const char* q :
         {"", "?fraOgMed=2023-01-01", "?tilOgMed=2023-01-01",
          "?fraOgMed=2023-02-30&tilOgMed=2023-03-01", "?fraOgMed=2022-01-01&tilOgMed=2021-12-31",
          "?fraOgMed=2020-01-01&tilOgMed=2021-12-01", "?fraOgMed=2020-01-01&tilOgMed=2021-01-02",
          "?fraOgMed=2023-01-01&fraOgMed=2023-01-02&tilOgMed=2023-02-01"}) {
        auto r = regnskap("212201782", std::string("/krav") + q);
        EXPECT_EQ(r.status, 400) << q;
        EXPECT_EQ(r.json().as_object()["kode"], "KB-006") << q;
        EXPECT_GT(r.json().as_object()["melding"].as_string().size(), 10u) << q;
    }
    // Exactly one year is allowed (SPEC ambiguity 15); no claims then → KB-007.
    auto r = regnskap("212201782", "/krav?fraOgMed=2020-01-01&tilOgMed=2021-01-01");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.json().as_object()["kode"], "KB-007");
}

TEST_P(KravOgBetalingerE2e, UnknownQueryParametersAreIgnored) {
    // CLIENTS.md D sends Korrelasjonsid as a query parameter.
    auto r = regnskap("212201782", "/aapnekrav?Korrelasjonsid=abc&fraOgMed=&tilOgMed=");
    EXPECT_EQ(r.status, 200);
}

TEST_P(KravOgBetalingerE2e, DocumentedErrorCodes) {
    auto t = "Bearer " + systembruker("212201782");
    struct Case {
        std::string path;
        int status;
        const char* kode;
    };
    for (const auto& c :
         std::vector<Case>{{"/regnskapssystem/21220178/aapnekrav", 400, "KB-006"},
                           {"/regnskapssystem/04827896468/aapnekrav", 400, "KB-006"},
                           {"/ukjent/212201782/aapnekrav", 404, "KB-003"},
                           {"/regnskapssystem/212201782/ukjent", 404, "KB-003"}}) {
        auto r = srv_->get(kBase + c.path, {{"Authorization", t}});
        EXPECT_EQ(r.status, c.status) << c.path << r.body;
        EXPECT_EQ(r.json().as_object()["kode"], c.kode) << c.path;
    }
    auto unknown = regnskap("999999999", "/aapnekrav");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.json().as_object()["kode"], "KB-009");
    auto xml_only = regnskap("212201782", "/aapnekrav", {{"Accept", "text/csv"}});
    EXPECT_EQ(xml_only.status, 406);
    EXPECT_EQ(xml_only.json().as_object()["kode"], "KB-008");
    auto none = srv_->get(kBase + "/regnskapssystem/212201782/aapnekrav");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.json().as_object()["kode"], "KB-004");
}

TEST_P(KravOgBetalingerE2e, FinansNeedsConsentInHeaderOrToken) {
    auto plain = srv_->token({"--scope", "skatteetaten:kravogbetalinger"});
    auto none =
        srv_->get(kBase + "/finans/212201782/aapnekrav", {{"Authorization", "Bearer " + plain}});
    EXPECT_EQ(none.status, 403);
    EXPECT_EQ(none.json().as_object()["kode"], "KB-005");

    auto header = srv_->samtykke({"--services", "5928_202301", "--offered-by", "212201782"});
    auto ok = srv_->get(kBase + "/finans/212201782/aapnekrav",
                        {{"Authorization", "Bearer " + plain}, {"AltinnSamtykke", header}});
    EXPECT_EQ(ok.status, 200) << ok.body;

    auto in_token =
        srv_->token({"--scope", "skatteetaten:kravogbetalinger", "--consent-from", "313506673",
                     "--consent-resource", "ske-samtykke-krav-og-betalinger", "--consent-valid-to",
                     "2026-07-01T00:00:00Z"});
    auto ok3 = srv_->get("/v1/finans/313506673/aapnekrav",
                         {{"Authorization", "Bearer " + in_token},
                          {"Host", "kravogbetalinger.api.skatteetaten-test.no"}});
    EXPECT_EQ(ok3.status, 200) << ok3.body;

    auto expired =
        srv_->token({"--scope", "skatteetaten:kravogbetalinger", "--consent-from", "313506673",
                     "--consent-resource", "ske-samtykke-krav-og-betalinger", "--consent-valid-to",
                     "2026-06-01T00:00:00Z"});
    auto r =
        srv_->get(kBase + "/finans/313506673/aapnekrav", {{"Authorization", "Bearer " + expired}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.json().as_object()["kode"], "KB-005");
}

TEST_P(KravOgBetalingerE2e, RegnskapssystemSystemUserMayLookUpEveryPartyInSandbox) {
    // Skatteetaten's test: "regnskapssystemer som tester vil i Test kunne gjøre oppslag på alle
    // testvirksomheter". Outside sandbox the system user sees only its own party (hardening).
    auto r = srv_->get(kBase + "/regnskapssystem/313367002/aapnekrav",
                       {{"Authorization", "Bearer " + systembruker("212201782")}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto plain =
        srv_->token({"--scope", "skatteetaten:kravogbetalinger", "--consumer", "212201782"});
    auto no_su = srv_->get(kBase + "/regnskapssystem/212201782/aapnekrav",
                           {{"Authorization", "Bearer " + plain}});
    EXPECT_EQ(no_su.status, 403);
    EXPECT_NE(no_su.body.find("ystembruker"), std::string::npos) << no_su.body;
    EXPECT_NE(no_su.body.find("samtykke"), std::string::npos) << no_su.body;
}

TEST_P(KravOgBetalingerE2e, RegnskapssystemAcceptsAConsentFromThePartyInsteadOfASystemUser) {
    auto plain = srv_->token({"--scope", "skatteetaten:kravogbetalinger"});
    auto header = srv_->samtykke({"--services", "5928_202301", "--offered-by", "313367002"});
    auto r = srv_->get(kBase + "/regnskapssystem/313367002/aapnekrav",
                       {{"Authorization", "Bearer " + plain}, {"AltinnSamtykke", header}});
    EXPECT_EQ(r.status, 200) << r.body;
    // The consent is the party's: another party is refused.
    auto other = srv_->get(kBase + "/regnskapssystem/212201782/aapnekrav",
                           {{"Authorization", "Bearer " + plain}, {"AltinnSamtykke", header}});
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(other.json().as_object()["kode"], "KB-005");
    // Altinn 3 consent in the token.
    auto a3 = srv_->token({"--scope", "skatteetaten:kravogbetalinger", "--consent-from",
                           "313367002", "--consent-resource", "ske-samtykke-krav-og-betalinger",
                           "--consent-valid-to", "2026-12-31T00:00:00Z"});
    auto r3 =
        srv_->get(kBase + "/regnskapssystem/313367002/krav?fraOgMed=2025-06-15&tilOgMed=2026-06-15",
                  {{"Authorization", "Bearer " + a3}});
    EXPECT_EQ(r3.status, 200) << r3.body;
}

TEST_P(KravOgBetalingerE2e, DemoDataKeepsTheDocumentationsIdentifiers) {
    // Krav og betalinger page, 310478717: krav-1234, its forfall, account and payment inn-1234.
    auto aapne = regnskap("310478717", "/aapnekrav");
    ASSERT_EQ(aapne.status, 200) << aapne.body;
    auto v = aapne.json().as_object();
    auto k = v["aapentKravMedGjenstaaendeBeloep"].as_array().at(0).as_object();
    EXPECT_EQ(k["kravidentifikator"], "krav-1234");
    EXPECT_EQ(k["kravtype"], "RESTSKATT");
    EXPECT_EQ(k["opprettelsesdatoForKrav"], "2022-08-28");
    auto f = k["kravforfall"].as_array().at(0).as_object();
    EXPECT_EQ(f["kravforfallsIdentifikator"], "6bf527ce-432d-48fe-aba1-cfc2c2d266e5");
    EXPECT_EQ(f["forfallsdato"], "2022-09-28");
    EXPECT_EQ(f["betalingsinformasjon"].at("konto").at("kontonummer"), "27623808268");
    EXPECT_EQ(f["plassertInnbetaling"].as_array().at(0).at("innbetalingsIdentifikator"),
              "inn-1234");
    auto inn = v["innbetalingMedUplassertBeloep"].as_array().at(0).as_object();
    EXPECT_EQ(inn["innbetalingsidentifikator"], "inn-1234");
    EXPECT_EQ(inn["innbetalingsdato"], "2022-09-28");
    EXPECT_EQ(inn["mottakersKontonummer"].at("kontonummer"), "98766543210");
    EXPECT_EQ(inn["innbetaltFra"].at("konto").at("kontonummer"), "98766543210");
    // The amounts are derived: remaining + placed = original, unplaced + placed = paid.
    EXPECT_TRUE(near(num(f["gjenstaaendeBeloep"]) -
                         num(f["plassertInnbetaling"].as_array().at(0).at("plassertBeloep")),
                     num(f["opprinneligBeloep"])));
    EXPECT_TRUE(near(num(inn["uplassertBeloep"]) -
                         num(f["plassertInnbetaling"].as_array().at(0).at("plassertBeloep")),
                     num(inn["innbetaltBeloep"])));

    auto krav = regnskap("310478717", "/krav?fraOgMed=2022-01-01&tilOgMed=2023-01-01");
    ASSERT_EQ(krav.status, 200) << krav.body;
    EXPECT_EQ(krav.json().at("krav").as_array().at(0).at("kravidentifikator"), "krav-1234");

    // 313367002: inn-12345 of 2022-09-28 in the 2022 period, from account 98766543211.
    auto innb = regnskap("313367002", "/innbetalinger?fraOgMed=2022-01-01&tilOgMed=2023-01-01");
    ASSERT_EQ(innb.status, 200) << innb.body;
    auto i = innb.json().at("innbetaling").as_array().at(0).as_object();
    EXPECT_EQ(i["innbetalingsidentifikator"], "inn-12345");
    EXPECT_EQ(i["innbetalingsdato"], "2022-09-28");
    EXPECT_EQ(i["mottakersKontonummer"].at("kontonummer"), "98766543211");
    EXPECT_EQ(i["innbetaltFra"].at("konto").at("kontonummer"), "98766543211");
}

TEST_P(KravOgBetalingerE2e, KorrelasjonsidQueryParameterIsEchoedInBodyAndHeader) {
    // CLIENTS.md: a real client sends ?fraOgMed=..&tilOgMed=..&Korrelasjonsid=..
    const std::string id = "0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f";
    auto ok =
        regnskap("212201782", "/krav?fraOgMed=2023-01-01&tilOgMed=2023-09-01&Korrelasjonsid=" + id);
    EXPECT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.header("Korrelasjonsid"), id);
    auto feil = regnskap("212201782", "/krav?fraOgMed=2023-01-01&Korrelasjonsid=" + id);
    EXPECT_EQ(feil.status, 400);
    EXPECT_EQ(feil.json().as_object()["korrelasjonsid"], id.c_str());
    EXPECT_EQ(feil.header("Korrelasjonsid"), id);
}

TEST_P(KravOgBetalingerE2e, ShieldedPartyKeepsSumsAndTheCollectingBanksDetails) {
    auto r = regnskap("871978433", "/aapnekrav");
    ASSERT_EQ(r.status, 200);
    auto v = r.json().as_object();
    EXPECT_EQ(v["skjermet"], true);
    EXPECT_TRUE(near(num(v["totalOversikt"].as_object()["sumForfalteKrav"]), 7000.0));
    // The account to pay to is the collecting bank's, not the shielded party's: kept.
    auto konto = v["aapentKravMedGjenstaaendeBeloep"]
                     .as_array()
                     .at(0)
                     .at("kravforfall")
                     .as_array()
                     .at(0)
                     .at("betalingsinformasjon")
                     .at("konto")
                     .as_object();
    EXPECT_EQ(konto.at("bankinformasjon"),
              "Nordea Bank Norge ASA, Postboks 1166 Sentrum, 0107 Oslo, Norge");
    EXPECT_EQ(konto.at("kontonummer"), "63450624804");
}

TEST_P(KravOgBetalingerE2e, ShieldedPartysOwnAccountNameIsRemoved) {
    std::string out;
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "innbetaling", "part": "871978433", "innbetalingsidentifikator": "SKJERMET-INN-1", "innbetalingsdato": "2026-05-02", "beloep_oere": 10000, "innbetalingstype": "Bankoverføring", "innbetalt_fra": {"kontoeiers_navn": "SKJERMET NAVN", "kontonummer": "******11111"}, "mottakers_kontonummer": "63450624804"})"
            "\n",
            &out),
        0)
        << out;
    auto r = regnskap("871978433", "/innbetalinger?fraOgMed=2026-05-01&tilOgMed=2026-05-31");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("SKJERMET NAVN"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("******11111"), std::string::npos) << r.body;
}

TEST_P(KravOgBetalingerE2e, XmlIsValidAgainstThePublishedSchema) {
    const std::string xsd = source_dir() + "/docs/xsd/kravogbetalinger-v1.xsd";
    for (const char* p : {"/aapnekrav", "/krav?fraOgMed=2023-01-01&tilOgMed=2023-09-01",
                          "/innbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-12-31",
                          "/utbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-12-31"}) {
        auto r = regnskap("212201782", p, {{"Accept", "application/xml"}});
        ASSERT_EQ(r.status, 200) << p;
        EXPECT_EQ(validate_xml(r.body, xsd), "") << p;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, KravOgBetalingerE2e, backends(), backend_name);

// SPEC ambiguity 13: regnskapssystem_consent = false keeps the newest page's reading.
class KravOgBetalingerKunSystembrukerE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(KravOgBetalingerKunSystembrukerE2e,
       RegnskapssystemRefusesAConsentWhenConfiguredSystemUserOnly) {
    Server s(GetParam(), ServerOptions{.env = {{"SKD_REGNSKAPSSYSTEM_CONSENT", "false"}}});
    if (!s.ok()) GTEST_SKIP();
    auto plain = s.token({"--scope", "skatteetaten:kravogbetalinger"});
    auto header = s.samtykke({"--services", "5928_202301", "--offered-by", "313367002"});
    auto r = s.get(kBase + "/regnskapssystem/313367002/aapnekrav",
                   {{"Authorization", "Bearer " + plain}, {"AltinnSamtykke", header}});
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json().as_object()["kode"], "KB-005");
    auto su = s.token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", "313367002",
                       "--system-id", "x"});
    EXPECT_EQ(
        s.get(kBase + "/regnskapssystem/313367002/aapnekrav", {{"Authorization", "Bearer " + su}})
            .status,
        200);
}

INSTANTIATE_TEST_SUITE_P(Backends, KravOgBetalingerKunSystembrukerE2e, backends(), backend_name);

// Property: placing a payment changes exactly the affected figures.
class KravOgBetalingerPlasseringE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(KravOgBetalingerPlasseringE2e, PlacingAPaymentChangesExactlyTheAffectedFigures) {
    Server s(GetParam());
    if (!s.ok()) GTEST_SKIP();
    auto t = s.token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", "313367002",
                      "--system-id", "x"});
    auto before =
        s.get(kBase + "/regnskapssystem/313367002/aapnekrav", {{"Authorization", "Bearer " + t}})
            .json();
    ASSERT_EQ(
        s.import_text(
            R"({"type":"innbetaling","part":"313367002","innbetalingsidentifikator":"INN-NY","innbetalingsdato":"2026-06-01","beloep_oere":50000}
{"type":"plassering","part":"313367002","kravforfallsidentifikator":"313367002-2-1","innbetalingsidentifikator":"INN-NY","beloep_oere":30000,"plassert_dato":"2026-06-02"})"),
        0);
    auto after =
        s.get(kBase + "/regnskapssystem/313367002/aapnekrav", {{"Authorization", "Bearer " + t}})
            .json();
    auto b = before.as_object()["totalOversikt"].as_object(),
         a = after.as_object()["totalOversikt"].as_object();
    EXPECT_TRUE(near(num(a["sumForfalteKrav"]), num(b["sumForfalteKrav"]) - 300.0));
    EXPECT_TRUE(near(num(a["sumIkkeForfalteKrav"]), num(b["sumIkkeForfalteKrav"])));
    EXPECT_TRUE(
        near(num(a["sumUplasserteInnbetalinger"]), num(b["sumUplasserteInnbetalinger"]) + 200.0));
    auto restanser =
        s.get("/api/innkreving/restanser/v2/dibk/313367002",
              {{"Authorization", "Bearer " + s.token({"--scope", "skatteetaten:restanser"})}});
    EXPECT_EQ(restanser.status, 200);
    // Restanser counts the same overdue claims: 8432 - 300 kr of merverdiavgift.
    EXPECT_EQ(restanser.json()
                  .as_object()["restanser"]
                  .as_object()["merverdiavgift"]
                  .as_object()["forfaltOgUbetaltKrav"],
              8132);
}

INSTANTIATE_TEST_SUITE_P(Backends, KravOgBetalingerPlasseringE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
