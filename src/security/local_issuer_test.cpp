#include "security/local_issuer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>

#include "security/claims.hpp"
#include "security/jwks.hpp"
#include "security/jwt.hpp"
#include "security/test_support.hpp"

namespace {

namespace sec = skd::security;
namespace json = boost::json;
using namespace skd;

TEST(LocalIssuer, CreatesPrivateKeyFileOnceWithMode0600) {
    sec::test::TempDir dir;
    auto path = dir / "a" / "b" / "issuer.pem";
    auto first = sec::LocalIssuer::load_or_create(path);
    ASSERT_TRUE(first) << first.error().melding;
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto again = sec::LocalIssuer::load_or_create(path);
    ASSERT_TRUE(again);
    EXPECT_EQ((*first)->kid(), (*again)->kid());
    EXPECT_EQ((*first)->kid().size(), 43u);  // base64url of a SHA-256 digest
}

TEST(LocalIssuer, RejectsUnreadableKeyFile) {
    sec::test::TempDir dir;
    sec::test::write_file(dir / "bad.pem", "not a key");
    EXPECT_FALSE(sec::LocalIssuer::load_or_create(dir / "bad.pem"));
}

TEST(LocalIssuer, PublishesJwksThatVerifiesItsTokens) {
    const auto& issuer = sec::test::test_key(0);
    auto set = sec::KeySet::parse(issuer.jwks_json());
    ASSERT_TRUE(set) << set.error();
    const sec::Jwk* jwk = (*set)->find(issuer.kid());
    ASSERT_NE(jwk, nullptr);
    std::string token = sec::test::mint(0, R"({"a":1})", "RS384");
    auto parts = sec::split_compact(token);
    ASSERT_TRUE(parts);
    auto sig = sec::base64url_decode(parts->signature_b64);
    EXPECT_TRUE(sec::verify_signature(*jwk->key, sec::JwsAlg::RS384, parts->signing_input, *sig));
    EXPECT_FALSE(sec::verify_signature(*jwk->key, sec::JwsAlg::RS256, parts->signing_input, *sig));
    auto header = sec::parse_header(*sec::base64url_decode(parts->header_b64));
    EXPECT_EQ(header->kid, issuer.kid());
    EXPECT_EQ(header->typ, "JWT");
    EXPECT_FALSE(issuer.mint("{}", "HS256"));
}

TEST(LocalIssuer, MaskinportenPayloadHasDocumentedShape) {
    sec::MaskinportenTokenSpec s;
    s.scope = "skatteetaten:kravogbetalinger";
    s.consumer = "313876144";
    s.supplier = "310149942";
    s.systemuser_org = "313367002";
    s.samtykke = sec::MaskinportenTokenSpec::Samtykke{
        "974761076", {"ske-samtykke-krav-og-betalinger"}, sec::test::now_tidspunkt(), {}, {}};
    s.iat = sec::test::kNow;
    json::object p = json::parse(sec::maskinporten_payload(s)).as_object();
    EXPECT_EQ(p["consumer"].as_object()["authority"], "iso6523-actorid-upis");
    EXPECT_EQ(p["consumer"].as_object()["ID"], "0192:313876144");
    EXPECT_EQ(p["supplier"].as_object()["ID"], "0192:310149942");
    EXPECT_EQ(p["token_type"], "Bearer");
    EXPECT_EQ(p["client_amr"], "virksomhetssertifikat");
    EXPECT_EQ(p["exp"].as_int64(), sec::test::kNow + 120);
    EXPECT_EQ(p["jti"].as_string().size(), 43u);
    auto& details = p["authorization_details"].as_array();
    ASSERT_EQ(details.size(), 2u);
    EXPECT_EQ(details[0].as_object().at("type"), "urn:altinn:systemuser");
    EXPECT_EQ(details[0].as_object().at("systemuser_org").as_object().at("ID"), "0192:313367002");
    auto& consent = details[1].as_object();
    EXPECT_EQ(consent.at("from"), "urn:altinn:organization:identifier-no:974761076");
    EXPECT_EQ(consent.at("to").as_object().at("ID"), "0192:313876144");
    EXPECT_EQ(consent.at("validTo"), "2026-03-01T12:00:00.000+00:00");
    EXPECT_EQ(consent.at("consentRights")
                  .as_array()[0]
                  .as_object()
                  .at("resource")
                  .as_array()[0]
                  .as_object()
                  .at("value"),
              "ske-samtykke-krav-og-betalinger");

    s.samtykke->from = "23886799519";
    auto c = sec::parse_claims(sec::maskinporten_payload(s));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->samtykker[0].fra_type, "person");
    EXPECT_EQ(c->acting_org(), "313367002");
}

TEST(LocalIssuer, Altinn2PayloadUsesStringForOneServiceAndArrayForMany) {
    sec::Altinn2TokenSpec s;
    s.services = {"5616_5"};
    s.offered_by = "310111643";
    s.covered_by = "974761076";
    s.iat = 1000;
    json::object one = json::parse(sec::altinn2_payload(s)).as_object();
    EXPECT_TRUE(one["Services"].is_string());
    EXPECT_EQ(one["iss"], "altinn.no");
    EXPECT_EQ(one["exp"].as_int64(), 1030);
    EXPECT_EQ(one["nbf"].as_int64(), 1000);
    EXPECT_EQ(one["DelegatedDate"].as_int64(), 990);
    s.services = {"5928_202301", "5929_202301"};
    json::object many = json::parse(sec::altinn2_payload(s)).as_object();
    EXPECT_EQ(many["Services"].as_array().size(), 2u);
}

}  // namespace
