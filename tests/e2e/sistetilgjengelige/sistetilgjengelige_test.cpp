// Siste tilgjengelige skatteoppgjør over HTTP against the real binary, once per backend.
#include <boost/json.hpp>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

class SistetilgjengeligeE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        token_ = srv_->token({"--scope", "skatteetaten:summertskattegrunnlag"});
    }
    HttpResponse get(const std::string& path, Headers h = {}) {
        h.emplace_back("Authorization", "Bearer " + token_);
        return srv_->get(path, h);
    }
    std::string token_;
};

TEST_P(SistetilgjengeligeE2e, GivesTheLatestYearWithASettlement) {
    auto r = get("/v1/20463518646");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json(), boost::json::parse(R"({"personidentifikator": "20463518646",
        "ressursId": "skattegrunnlag", "sisteTilgjengeligePeriode": "2024"})"));
    auto host =
        get("/v1/20463518646", {{"Host", "sistetilgjengeligeskatteoppgjoer.api.skatteetaten.no"}});
    EXPECT_EQ(host.json(), r.json());
    auto legacy = get("/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1/20463518646");
    EXPECT_EQ(legacy.json(), r.json());
    EXPECT_EQ(get("/v1/11815994657").json().as_object()["sisteTilgjengeligePeriode"], "2019");
}

TEST_P(SistetilgjengeligeE2e, XmlIsValidAgainstThePublishedSchema) {
    auto r = get("/v1/20463518646", {{"Accept", "application/xml"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(validate_xml(r.body, source_dir() + "/docs/xsd/tilgjengeligdata-v1.xsd"), "")
        << r.body;
    EXPECT_NE(
        r.body.find(
            R"(<tilgjengeligdata xmlns="urn:no:skatteetaten:datasamarbeid:tilgjengeligdata:v1">)"),
        std::string::npos);
    EXPECT_NE(r.body.find("<sisteTilgjengeligePeriode>2024</sisteTilgjengeligePeriode>"),
              std::string::npos);
}

TEST_P(SistetilgjengeligeE2e, DeletedLatestYearIsNotAvailable) {
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766561", "inntektsaar": 2022, "skatteoppgjoersdato": "2023-06-01", "fastland": {"restskatt": 1}})"
            "\n"
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766561", "inntektsaar": 2023, "skatteoppgjoersdato": "2024-06-01", "fastland": {"restskatt": 2}})"
            "\n"),
        0);
    EXPECT_EQ(get("/v1/99887766561").json().as_object()["sisteTilgjengeligePeriode"], "2023");
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "skatteoppgjoer_sletting", "personidentifikator": "99887766561", "inntektsaar": 2023})"
            "\n"),
        0);
    EXPECT_EQ(get("/v1/99887766561").json().as_object()["sisteTilgjengeligePeriode"], "2022");
}

TEST_P(SistetilgjengeligeE2e, AcceptsBothScopesAndAvregningByDefault) {
    for (std::string scope :
         {"skatteetaten:summertskattegrunnlag", "skatteetaten:spesifisertsummertskattegrunnlag",
          "skatteetaten:avregning"}) {
        auto r = srv_->get("/v1/20463518646",
                           {{"Authorization", "Bearer " + srv_->token({"--scope", scope})}});
        EXPECT_EQ(r.status, 200) << scope;
    }
}

TEST_P(SistetilgjengeligeE2e, DocumentedErrorCodes) {
    expect_errors([&](const std::string& p, const Headers& h) { return get(p, h); },
                  {
                      {"/v1/2046351864", {}, 400, "TD-003"},
                      {"/v1/204635186461", {}, 400, "TD-003"},
                      {"/v1/2046351864x", {}, 400, "TD-003"},
                      {"/v1/55555555555", {}, 404, "TD-004"},
                      {"/v1/20463518646", {{"Accept", "text/csv"}}, 406, "TD-005"},
                      {"/v1/skattegrunnlag/20463518646",
                       {{"Host", "sistetilgjengeligeskatteoppgjoer.api.skatteetaten.no"}},
                       404,
                       "TD-006"},
                  });
    auto no_token = srv_->get("/v1/20463518646");
    EXPECT_EQ(no_token.status, 401);
    EXPECT_EQ(no_token.json().as_object()["kode"], "TD-002");
    auto wrong_scope = srv_->get(
        "/v1/20463518646",
        {{"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"})}});
    EXPECT_EQ(wrong_scope.status, 403);
    EXPECT_EQ(wrong_scope.json().as_object()["kode"], "DAS-008");
    auto xml_error = get("/v1/55555555555", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(xml_error.body, source_dir() + "/docs/xsd/feil-v1.xsd"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, SistetilgjengeligeE2e, backends(), backend_name);

// Ambiguity 21: with tilgjengelig_accepts_avregning off, only the two skattegrunnlag scopes work.
class SistetilgjengeligeUtenAvregningE2e : public E2eTest {};

TEST_P(SistetilgjengeligeUtenAvregningE2e, RefusesTheAvregningScope) {
    ServerOptions o;
    o.env["SKD_TILGJENGELIG_ACCEPTS_AVREGNING"] = "false";
    Server& s = server(GetParam(), o);
    if (!s.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    auto r = s.get("/v1/20463518646",
                   {{"Authorization", "Bearer " + s.token({"--scope", "skatteetaten:avregning"})}});
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json().as_object()["kode"], "DAS-008");
}

INSTANTIATE_TEST_SUITE_P(Backends, SistetilgjengeligeUtenAvregningE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
