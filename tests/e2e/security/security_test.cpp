// Authentication and authorisation over HTTP: every failure has its documented status and code
// and a melding that says why. Tokens are minted by the binary and by keys this test makes.
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "security/jwt.hpp"
#include "security/local_issuer.hpp"
#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;
const std::string kRestanser = "/api/innkreving/restanser/v2/dibk/310111643";

std::string kode(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("kode")
               ? std::string(v.as_object().at("kode").as_string())
               : "";
}
std::string melding(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("melding")
               ? std::string(v.as_object().at("melding").as_string())
               : "";
}

std::string b64(std::string_view s) {
    return security::base64url_encode(s);
}

// A second issuer the test owns: its own key, its JWKS in a file, its `iss`.
struct EgenUtsteder {
    std::string dir, jwks_path, config_path;
    std::unique_ptr<security::LocalIssuer> key;
    EgenUtsteder() {
        dir = testdata::unique_temp_dir("skd-sec").string();
        key = std::move(security::LocalIssuer::load_or_create(dir + "/mp.pem").value());
        jwks_path = dir + "/jwks.json";
        std::ofstream(jwks_path) << key->jwks_json();
        config_path = dir + "/config.json";
        std::ofstream(config_path)
            << R"({"issuers": [{"issuer": "https://test.maskinporten.no/", "jwks": ")" << jwks_path
            << R"("}]})";
    }
    std::string mint(const std::string& payload, const std::string& alg = "RS256") const {
        return key->mint(payload, alg).value();
    }
};

EgenUtsteder& utsteder() {
    static EgenUtsteder u;
    return u;
}

// Token lifetimes are checked against the real clock (the data's clock is the harness's
// 2026-06-15), so tokens are minted relative to the real time at the moment of minting (a
// time taken once at start-up would drift past the leeway on a slow machine).
std::int64_t now_s() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::string payload(const std::string& scope, std::int64_t iat = -1, std::int64_t exp_in = 120,
                    const std::string& extra = "") {
    if (iat < 0) iat = now_s();
    return R"({"scope":")" + scope +
           R"(","iss":"https://test.maskinporten.no/","client_amr":"private_key_jwt",)"
           R"("token_type":"Bearer","iat":)" +
           std::to_string(iat) + R"(,"exp":)" + std::to_string(iat + exp_in) +
           R"(,"client_id":"c","jti":"j","consumer":{"authority":"iso6523-actorid-upis","ID":"0192:974761076"})" +
           extra + "}";
}

class SecurityE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server(ServerOptions{.args = {"--config", utsteder().config_path}});
        if (IsSkipped()) return;
    }
    HttpResponse get(const std::string& token, const std::string& path = kRestanser,
                     Headers h = {}) {
        h.emplace_back("Authorization", "Bearer " + token);
        return srv_->get(path, h);
    }
};

TEST_P(SecurityE2e, TokenFromAnIssuerConfiguredWithATestWrittenJwksFileIsAccepted) {
    auto r = get(utsteder().mint(payload("skatteetaten:restanser")));
    EXPECT_EQ(r.status, 200) << r.body;
    auto rs512 = get(utsteder().mint(payload("skatteetaten:restanser"), "RS512"));
    EXPECT_EQ(rs512.status, 200) << rs512.body;
}

TEST_P(SecurityE2e, AuthenticationFailuresAre401WithAReason) {
    const std::string good = utsteder().mint(payload("skatteetaten:restanser"));
    const auto dot = good.find('.');
    const std::string header_payload = good.substr(0, good.rfind('.'));
    std::string tampered = good;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    // HS256 signed with the public JWKS text as the secret (key confusion).
    std::string hs_input =
        b64(R"({"alg":"HS256","typ":"JWT"})") + "." + b64(payload("skatteetaten:restanser"));
    unsigned char mac[32];
    unsigned int mac_len = 0;
    const std::string secret = utsteder().key->jwks_json();
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(hs_input.data()), hs_input.size(), mac, &mac_len);
    const std::string hs256 =
        hs_input + "." + b64(std::string(reinterpret_cast<char*>(mac), mac_len));
    const std::string none_input =
        b64(R"({"alg":"none","typ":"JWT"})") + "." + b64(payload("skatteetaten:restanser"));
    const std::string untrusted =
        srv_->token({"--scope", "skatteetaten:restanser", "--issuer", "https://ukjent.example/"});
    const std::string unknown_kid =
        utsteder().key->mint(payload("skatteetaten:restanser"), "RS256", "ukjent-kid").value();
    struct Case {
        const char* navn;
        std::string token;
        const char* hint;  // a word the melding must contain
    };
    std::vector<Case> cases = {
        {"malformed", "abc", ""},
        {"two segments", header_payload, ""},
        {"four segments", good + ".x", ""},
        {"bad base64url", good.substr(0, dot) + ".!!!." + good.substr(good.rfind('.') + 1), ""},
        {"bad json", b64("{ikke json") + "." + b64("{}") + ".c2ln", ""},
        {"huge", std::string(14000, 'a') + "." + b64("{}") + ".c2ln", ""},
        {"bad signature", tampered, "ignatur"},
        {"untrusted issuer", untrusted, "ukjent.example"},
        {"unknown kid", unknown_kid, "ukjent-kid"},
        {"alg none", none_input + ".c2ln", "none"},
        {"alg none, empty signature", none_input + ".", ""},
        {"hs256 with public key", hs256, "HS256"},
        {"expired", utsteder().mint(payload("skatteetaten:restanser", now_s() - 3600)), "tløpt"},
        {"not yet valid", utsteder().mint(payload("skatteetaten:restanser", now_s() + 3600)), ""},
    };
    for (const auto& c : cases) {
        auto r = get(c.token);
        EXPECT_EQ(r.status, 401) << c.navn << ": " << r.body;
        EXPECT_EQ(kode(r), "RESTANSE-004") << c.navn;
        EXPECT_NE(melding(r).find(c.hint), std::string::npos) << c.navn << ": " << melding(r);
        EXPECT_GT(melding(r).size(), 15u) << c.navn;
    }
    // Beyond the header limit the HTTP layer answers 431 before any token is read.
    EXPECT_EQ(get(std::string(100000, 'a')).status, 431);
    auto none_header = srv_->get(kRestanser);
    EXPECT_EQ(none_header.status, 401);
    EXPECT_EQ(kode(none_header), "RESTANSE-004");
    auto basic = srv_->get(kRestanser, {{"Authorization", "Basic dXNlcjpwYXNz"}});
    EXPECT_EQ(basic.status, 401);
    auto expired_local = srv_->token({"--scope", "skatteetaten:restanser", "--expired"});
    EXPECT_EQ(get(expired_local).status, 401);
}

TEST_P(SecurityE2e, LeewayAcceptsSmallClockSkew) {
    EXPECT_EQ(get(utsteder().mint(payload("skatteetaten:restanser", now_s() + 20))).status, 200);
    EXPECT_EQ(get(utsteder().mint(payload("skatteetaten:restanser", now_s() - 140))).status, 200);
}

TEST_P(SecurityE2e, WrongScopeIs403NamingTheScope) {
    auto r = get(srv_->token({"--scope", "skatteetaten:avregning skatteetaten:trekkpaalegg"}));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(kode(r), "RESTANSE-005");
    EXPECT_NE(melding(r).find("skatteetaten:restanser"), std::string::npos) << melding(r);
}

TEST_P(SecurityE2e, TwoCommaJoinedAuthorizationValuesUseTheFirstBearer) {
    auto t = srv_->token({"--scope", "skatteetaten:restanser"});
    auto r = srv_->get(kRestanser, {{"Authorization", "Bearer " + t + ", Bearer " + t}});
    EXPECT_EQ(r.status, 200) << r.body;
}

TEST_P(SecurityE2e, EachConsentFailureNamesItsCause) {
    const std::string path = "/api/innkreving/restanser/v2/ebevis/310111643";
    auto bearer = srv_->token({"--scope", "skatteetaten:restanser"});
    struct Case {
        const char* navn;
        std::vector<std::string> samtykke;
        const char* hint;
    };
    std::vector<Case> cases = {
        {"wrong party", {"--services", "5616_5", "--offered-by", "974761076"}, "974761076"},
        {"wrong service", {"--services", "4629_2", "--offered-by", "310111643"}, "5616_5"},
        {"wrong receiver",
         {"--services", "5616_5", "--offered-by", "310111643", "--covered-by", "111111111"},
         "111111111"},
        {"expired consent",
         {"--services", "5616_5", "--offered-by", "310111643", "--valid-to",
          "2026-06-01T00:00:00Z"},
         "2026-06-01"},
    };
    for (const auto& c : cases) {
        auto r = get(bearer, path, {{"AltinnSamtykke", srv_->samtykke(c.samtykke)}});
        EXPECT_EQ(r.status, 403) << c.navn << ": " << r.body;
        EXPECT_EQ(kode(r), "RESTANSE-007") << c.navn;
        EXPECT_NE(melding(r).find(c.hint), std::string::npos) << c.navn << ": " << melding(r);
    }
    auto missing = get(bearer, path);
    EXPECT_EQ(kode(missing), "RESTANSE-007");
    EXPECT_NE(melding(missing).find("mangler"), std::string::npos) << melding(missing);
    auto garbage = get(bearer, path, {{"AltinnSamtykke", "ikke-et-token"}});
    EXPECT_EQ(garbage.status, 403);
    EXPECT_EQ(kode(garbage), "RESTANSE-007");
    // Altinn 3: consent for another party, another resource, expired.
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--consent-from", "974761076", "--consent-resource", "digdir-restanser-skatteetaten",
              "--consent-valid-to", "2027-01-01T00:00:00Z"},
             {"--consent-from", "310111643", "--consent-resource", "annen-ressurs",
              "--consent-valid-to", "2027-01-01T00:00:00Z"},
             {"--consent-from", "310111643", "--consent-resource", "digdir-restanser-skatteetaten",
              "--consent-valid-to", "2026-01-01T00:00:00Z"}}) {
        std::vector<std::string> a = {"--scope", "skatteetaten:restanser"};
        a.insert(a.end(), args.begin(), args.end());
        auto r = get(srv_->token(a), path);
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(kode(r), "RESTANSE-007");
    }
}

TEST_P(SecurityE2e, SystemUserActingForAnotherOrganisationIsAllowedOnlyInSandbox) {
    // Sandbox mode is Skatteetaten's test environment, where a regnskapssystem may look up
    // every test organisation.
    auto t = srv_->token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org",
                          "313367002", "--system-id", "x"});
    const std::string path =
        "/api/innkreving/kravogbetalinger/v1/regnskapssystem/212201782/aapnekrav";
    EXPECT_EQ(get(t, path).status, 200);

    Server s(GetParam(), ServerOptions{.sandbox = false});
    if (!s.ok()) GTEST_SKIP();
    ASSERT_EQ(
        s.import_text(
            R"({"type":"tilgang","api":"kravogbetalinger","pakke":"regnskapssystem","org":"974761076"})"),
        0);
    auto t2 = s.token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", "313367002",
                       "--system-id", "x"});
    auto r = s.get(path, {{"Authorization", "Bearer " + t2}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(kode(r), "KB-005");
    EXPECT_NE(melding(r).find("313367002"), std::string::npos) << melding(r);
    // SKD_REGNSKAPSSYSTEM_ALL_PARTIES keeps deciding outside sandbox.
    Server alle(GetParam(), ServerOptions{.env = {{"SKD_REGNSKAPSSYSTEM_ALL_PARTIES", "true"}},
                                          .sandbox = false});
    if (!alle.ok()) GTEST_SKIP();
    ASSERT_EQ(
        alle.import_text(
            R"({"type":"tilgang","api":"kravogbetalinger","pakke":"regnskapssystem","org":"974761076"})"),
        0);
    auto t3 = alle.token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org",
                          "313367002", "--system-id", "x"});
    EXPECT_EQ(alle.get(path, {{"Authorization", "Bearer " + t3}}).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityE2e, backends(), backend_name);

// Outside sandbox mode the grants registry decides.
class GrantsE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(GrantsE2e, NotGrantedPackageIs403AndGrantedIs200) {
    Server s(GetParam(), ServerOptions{.sandbox = false});
    if (!s.ok()) GTEST_SKIP();
    auto t = s.token({"--scope", "skatteetaten:restanser", "--consumer", "312438623"});
    auto r = s.get(kRestanser, {{"Authorization", "Bearer " + t}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(kode(r), "RESTANSE-005");
    EXPECT_NE(melding(r).find("dibk"), std::string::npos) << melding(r);
    ASSERT_EQ(
        s.import_text(R"({"type":"tilgang","api":"restanser","pakke":"dibk","org":"312438623"})"),
        0);
    EXPECT_EQ(s.get(kRestanser, {{"Authorization", "Bearer " + t}}).status, 200);
    // The CLI manages the same registry.
    int code = 0;
    run_binary({"grant", "--database", s.database(), "remove", "restanser", "dibk", "312438623"},
               &code);
    EXPECT_EQ(code, 0);
    EXPECT_EQ(s.get(kRestanser, {{"Authorization", "Bearer " + t}}).status, 403);
    auto unknown_package =
        s.get("/api/innkreving/restanser/v2/pakke/310111643", {{"Authorization", "Bearer " + t}});
    EXPECT_EQ(unknown_package.status, 404);
    EXPECT_EQ(kode(unknown_package), "RESTANSE-003");
}

INSTANTIATE_TEST_SUITE_P(Backends, GrantsE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
