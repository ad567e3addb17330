#include "security/token_verifier.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "security/jwt.hpp"
#include "security/test_http_server.hpp"
#include "security/test_support.hpp"

namespace {

namespace sec = skd::security;
using namespace skd;
using sec::AuthFailureKind;
using sec::base64url_encode;
using sec::Claims;
using sec::maskinporten_payload;
using sec::MaskinportenTokenSpec;
using sec::parse_claims;
using sec::VerifierConfig;

using sec::test::jwks_of;
using sec::test::kMaskinporten;
using sec::test::kNow;
using sec::test::mint;
using sec::test::test_key;
using sec::test::write_file;

class TokenVerifier : public ::testing::Test {
protected:
    void SetUp() override {
        write_file(dir_ / "jwks.json", jwks_of({0}));
        cfg_.issuers = {{kMaskinporten, (dir_ / "jwks.json").string(), std::nullopt}};
        cfg_.refresh_seconds = 0;
    }
    sec::TokenVerifier& verifier() {
        if (!verifier_) {
            auto v = sec::TokenVerifier::create(cfg_, clock_);
            if (!v) throw std::runtime_error(v.error());
            verifier_ = std::move(*v);
        }
        return *verifier_;
    }
    static MaskinportenTokenSpec spec() {
        MaskinportenTokenSpec s;
        s.scope = "skatteetaten:restanser skatteetaten:avregning";
        s.consumer = "974761076";
        s.iat = kNow - 10;
        return s;
    }
    AuthFailureKind failure(std::string_view token) {
        auto r = verifier().verify(token);
        EXPECT_FALSE(r) << "token was accepted";
        return r ? AuthFailureKind::Missing : r.error().kind;
    }
    static std::string b64(std::string_view s) { return base64url_encode(s); }

    sec::test::TempDir dir_;
    FixedClock clock_{sec::test::now_tidspunkt()};
    VerifierConfig cfg_;
    std::unique_ptr<sec::TokenVerifier> verifier_;
};

TEST_F(TokenVerifier, AcceptsValidRs256Token) {
    auto r = verifier().verify(mint(0, maskinporten_payload(spec())));
    ASSERT_TRUE(r) << r.error().melding;
    const Claims& c = **r;
    EXPECT_EQ(c.issuer, kMaskinporten);
    EXPECT_EQ(c.consumer_org, "974761076");
    EXPECT_TRUE(c.has_scope("skatteetaten:restanser"));
    EXPECT_TRUE(c.has_scope("skatteetaten:avregning"));
    EXPECT_FALSE(c.has_scope("skatteetaten"));
    EXPECT_EQ(c.exp, kNow + 110);
    EXPECT_EQ(c.iat, kNow - 10);
    EXPECT_FALSE(c.client_id.empty());
    EXPECT_EQ(c.jti.size(), 43u);
    EXPECT_EQ(c.acting_org(), "974761076");
}

TEST_F(TokenVerifier, AcceptsValidRs512Token) {
    auto r = verifier().verify(mint(0, maskinporten_payload(spec()), "RS512"));
    ASSERT_TRUE(r) << r.error().melding;
}

TEST_F(TokenVerifier, RejectsAlgorithmOutsideConfiguredSet) {
    cfg_.algorithms = {"RS256"};
    auto r = verifier().verify(mint(0, maskinporten_payload(spec()), "RS384"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::AlgorithmNotAllowed);
    EXPECT_NE(r.error().melding.find("RS384"), std::string::npos);
}

TEST_F(TokenVerifier, CacheHitReturnsSameClaimsWithoutReverifying) {
    std::string token = mint(0, maskinporten_payload(spec()));
    auto a = verifier().verify(token);
    auto b = verifier().verify(token);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->get(), b->get());
    EXPECT_EQ(verifier().verifications_for_test(), 1u);
    EXPECT_EQ(verifier().cached_entries_for_test(), 1u);
}

TEST_F(TokenVerifier, CachedTokenStillExpires) {
    std::string token = mint(0, maskinporten_payload(spec()));
    ASSERT_TRUE(verifier().verify(token));
    clock_.flytt_sekunder(110 + 31);
    auto r = verifier().verify(token);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::Expired);
}

TEST_F(TokenVerifier, CacheIsBounded) {
    cfg_.cache_entries = 16;
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(verifier().verify(mint(0, maskinporten_payload(spec()))));
    EXPECT_LE(verifier().cached_entries_for_test(), 16u);
}

TEST_F(TokenVerifier, RejectsMissingToken) {
    EXPECT_EQ(failure(""), AuthFailureKind::Missing);
}

TEST_F(TokenVerifier, RejectsMalformedTokens) {
    std::string good = mint(0, maskinporten_payload(spec()));
    auto dot1 = good.find('.');
    auto dot2 = good.find('.', dot1 + 1);
    std::string payload = good.substr(dot1 + 1, dot2 - dot1 - 1);
    std::string sig = good.substr(dot2 + 1);
    EXPECT_EQ(failure("a" + good.substr(dot1)),
              AuthFailureKind::Malformed);  // bad base64url length
    EXPECT_EQ(failure("ab*c" + good.substr(dot1)), AuthFailureKind::Malformed);  // bad character
    EXPECT_EQ(failure(b64("{not json") + good.substr(dot1)), AuthFailureKind::Malformed);
    EXPECT_EQ(failure(good.substr(0, dot2 + 1) + b64("x") + "=="), AuthFailureKind::Malformed);
    EXPECT_EQ(failure(good.substr(0, dot1 + 1) + b64("[1,2]") + "." + sig),
              AuthFailureKind::Malformed);
    EXPECT_EQ(failure(good.substr(0, dot2)), AuthFailureKind::Malformed);  // 2 segments
    EXPECT_EQ(failure(good + "." + sig), AuthFailureKind::Malformed);      // 4 segments
    EXPECT_EQ(failure(good.substr(0, dot1) + ".." + sig), AuthFailureKind::Malformed);
    std::string huge = good.substr(0, dot1 + 1) + std::string(100 * 1024, 'A') + "." + sig;
    auto r = verifier().verify(huge);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::Malformed);
    EXPECT_NE(r.error().melding.find("for stort"), std::string::npos);
    (void)payload;
}

TEST_F(TokenVerifier, RejectsBadSignature) {
    // Signed by key 1 but claims key 0's kid.
    std::string token = mint(1, maskinporten_payload(spec()), "RS256", test_key(0).kid());
    EXPECT_EQ(failure(token), AuthFailureKind::BadSignature);
    // Payload swapped under a valid signature.
    std::string a = mint(0, maskinporten_payload(spec()));
    auto s2 = spec();
    s2.consumer = "111111111";
    std::string b = mint(0, maskinporten_payload(s2));
    std::string spliced = b.substr(0, b.rfind('.')) + a.substr(a.rfind('.'));
    EXPECT_EQ(failure(spliced), AuthFailureKind::BadSignature);
}

TEST_F(TokenVerifier, RejectsUntrustedIssuer) {
    auto s = spec();
    s.issuer = "https://evil.example/";
    auto r = verifier().verify(mint(0, maskinporten_payload(s)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::UntrustedIssuer);
    EXPECT_NE(r.error().melding.find("evil.example"), std::string::npos);
}

TEST_F(TokenVerifier, RejectsUnknownKidAfterRefresh) {
    auto r = verifier().verify(mint(1, maskinporten_payload(spec())));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::UnknownKid);
    EXPECT_NE(r.error().melding.find(test_key(1).kid()), std::string::npos);
}

TEST_F(TokenVerifier, PicksUpRotatedKeyInTheBackgroundOncePerInterval) {
    ASSERT_TRUE(verifier().verify(mint(0, maskinporten_payload(spec()))));
    write_file(dir_ / "jwks.json", jwks_of({0, 1}));
    const std::string rotated = mint(1, maskinporten_payload(spec()));
    // The first request with the new kid is refused at once; the refresh runs meanwhile.
    auto first = verifier().verify(rotated);
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().kind, AuthFailureKind::UnknownKid);
    EXPECT_NE(first.error().melding.find("hentes på nytt"), std::string::npos)
        << first.error().melding;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    auto r = verifier().verify(rotated);
    while (!r && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        r = verifier().verify(rotated);
    }
    ASSERT_TRUE(r) << r.error().melding;
    // A second rotation within the interval is not fetched on demand.
    write_file(dir_ / "jwks.json", jwks_of({0, 1, 2}));
    auto r2 = verifier().verify(mint(2, maskinporten_payload(spec())));
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().kind, AuthFailureKind::UnknownKid);
    EXPECT_NE(r2.error().melding.find("nylig"), std::string::npos) << r2.error().melding;
}

TEST_F(TokenVerifier, UnknownKidIsRefusedAtOnceWhileTheJwksUrlHangs) {
    std::atomic<bool> answer{true};
    const std::string body = jwks_of({0});
    sec::test::TestHttpServer server(
        [&](const std::string&) { return answer ? sec::test::ok_json(body) : std::string(); });
    cfg_.issuers = {{kMaskinporten, server.url(), std::nullopt}};
    cfg_.fetch_timeout_seconds = 3;
    ASSERT_TRUE(verifier().verify(mint(0, maskinporten_payload(spec()))));
    answer = false;  // the JWKS URL now accepts and never answers
    for (int i = 0; i < 20; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto r = verifier().verify(
            mint(1, maskinporten_payload(spec()), "RS256", "ukjent-" + std::to_string(i)));
        const auto took = std::chrono::steady_clock::now() - start;
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().kind, AuthFailureKind::UnknownKid);
        EXPECT_LT(took, std::chrono::milliseconds(100)) << "request " << i << " waited";
    }
    // Known keys keep working while the refresh hangs.
    EXPECT_TRUE(verifier().verify(mint(0, maskinporten_payload(spec()))));
}

TEST_F(TokenVerifier, RejectsAlgNone) {
    std::string body =
        b64(R"({"alg":"none","typ":"JWT"})") + "." + b64(maskinporten_payload(spec()));
    EXPECT_EQ(failure(body + "."), AuthFailureKind::Malformed);  // the classic empty signature
    EXPECT_EQ(failure(body + ".AAAA"), AuthFailureKind::AlgorithmNotAllowed);
    std::string none2 = b64(R"({"alg":"None","kid":")" + test_key(0).kid() + R"("})") + "." +
                        b64(maskinporten_payload(spec())) + ".AAAA";
    EXPECT_EQ(failure(none2), AuthFailureKind::AlgorithmNotAllowed);
}

TEST_F(TokenVerifier, RejectsHs256SignedWithPublicKeyAsSecret) {
    std::string secret = test_key(0).jwks_json();
    std::string input = b64(R"({"alg":"HS256","typ":"JWT","kid":")" + test_key(0).kid() + R"("})") +
                        "." + b64(maskinporten_payload(spec()));
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
    std::string token = input + "." + b64(std::string(reinterpret_cast<char*>(mac), len));
    EXPECT_EQ(failure(token), AuthFailureKind::AlgorithmNotAllowed);
}

TEST_F(TokenVerifier, RejectsExpired) {
    auto s = spec();
    s.expired = true;
    auto r = verifier().verify(mint(0, maskinporten_payload(s)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::Expired);
    EXPECT_EQ(r.error().melding,
              "Tokenet er utløpt (exp 2026-03-01T10:59:50Z, nå 2026-03-01T12:00:00Z)");
}

TEST_F(TokenVerifier, HonoursLeeway) {
    auto s = spec();
    s.iat = kNow - 130;  // exp = now - 10, inside the 30 s leeway
    EXPECT_TRUE(verifier().verify(mint(0, maskinporten_payload(s))));
    s.iat = kNow - 151;  // exp = now - 31
    EXPECT_EQ(failure(mint(0, maskinporten_payload(s))), AuthFailureKind::Expired);
    s.iat = kNow + 20;  // issued 20 s ahead: clock skew within leeway
    EXPECT_TRUE(verifier().verify(mint(0, maskinporten_payload(s))));
    s.iat = kNow + 100;
    EXPECT_EQ(failure(mint(0, maskinporten_payload(s))), AuthFailureKind::IssuedInFuture);
}

TEST_F(TokenVerifier, RejectsNotYetValid) {
    std::string payload =
        R"({"iss":")" + kMaskinporten + R"(","exp":)" + std::to_string(kNow + 600) + R"(,"nbf":)" +
        std::to_string(kNow + 300) +
        R"(,"consumer":{"authority":"iso6523-actorid-upis","ID":"0192:974761076"}})";
    EXPECT_EQ(failure(mint(0, payload)), AuthFailureKind::NotYetValid);
}

TEST_F(TokenVerifier, RequiresExp) {
    std::string payload =
        R"({"iss":")" + kMaskinporten +
        R"(","consumer":{"authority":"iso6523-actorid-upis","ID":"0192:974761076"}})";
    EXPECT_EQ(failure(mint(0, payload)), AuthFailureKind::MissingClaim);
}

TEST_F(TokenVerifier, ChecksConfiguredAudience) {
    cfg_.issuers[0].audience = "https://skatteetaten.no";
    auto s = spec();
    auto r = verifier().verify(mint(0, maskinporten_payload(s)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::WrongAudience);
    s.audience = "https://other.example";
    EXPECT_EQ(failure(mint(0, maskinporten_payload(s))), AuthFailureKind::WrongAudience);
    std::string arr =
        R"({"iss":")" + kMaskinporten + R"(","exp":)" + std::to_string(kNow + 60) +
        R"(,"aud":["x","https://skatteetaten.no"],"consumer":{"ID":"0192:974761076"}})";
    EXPECT_TRUE(verifier().verify(mint(0, arr)));
}

TEST_F(TokenVerifier, AcceptsAbsentAudienceWhenNotConfigured) {
    EXPECT_TRUE(verifier().verify(mint(0, maskinporten_payload(spec()))));
}

TEST_F(TokenVerifier, StripsConsumerPrefixAndAcceptsBareOrgnr) {
    auto s = spec();
    s.supplier = "310149942";
    auto r = verifier().verify(mint(0, maskinporten_payload(s)));
    ASSERT_TRUE(r);
    EXPECT_EQ((*r)->consumer_org, "974761076");
    EXPECT_EQ((*r)->supplier_org, "310149942");
    std::string bare = R"({"iss":")" + kMaskinporten + R"(","exp":)" + std::to_string(kNow + 60) +
                       R"(,"consumer":{"authority":"iso6523-actorid-upis","ID":"974761076"}})";
    auto r2 = verifier().verify(mint(0, bare));
    ASSERT_TRUE(r2);
    EXPECT_EQ((*r2)->consumer_org, "974761076");
}

TEST_F(TokenVerifier, RejectsTokenWithoutConsumer) {
    std::string payload = R"({"iss":")" + kMaskinporten + R"(","exp":)" +
                          std::to_string(kNow + 60) + R"(,"scope":"skatteetaten:restanser"})";
    auto r = verifier().verify(mint(0, payload));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::MissingClaim);
    EXPECT_NE(r.error().melding.find("consumer"), std::string::npos);
    std::string bad = R"({"iss":")" + kMaskinporten + R"(","exp":)" + std::to_string(kNow + 60) +
                      R"(,"consumer":{"ID":"0192:12345"}})";
    EXPECT_EQ(failure(mint(0, bad)), AuthFailureKind::MissingClaim);
}

TEST_F(TokenVerifier, SystemuserOrgIsActingOrg) {
    auto s = spec();
    s.systemuser_org = "313367002";
    s.system_id = "974761076_skatt_demo_system";
    auto r = verifier().verify(mint(0, maskinporten_payload(s)));
    ASSERT_TRUE(r) << r.error().melding;
    EXPECT_EQ((*r)->consumer_org, "974761076");
    EXPECT_EQ((*r)->systemuser_org, "313367002");
    EXPECT_EQ((*r)->system_id, "974761076_skatt_demo_system");
    EXPECT_EQ((*r)->acting_org(), "313367002");
}

TEST_F(TokenVerifier, ReadsAltinn3ConsentFromMintedToken) {
    auto s = spec();
    s.samtykke = MaskinportenTokenSpec::Samtykke{"23886799519",
                                                 {"ske-samtykke-krav-og-betalinger"},
                                                 Tidspunkt::fra_mikros((kNow + 3600) * 1'000'000),
                                                 {},
                                                 "abc"};
    auto r = verifier().verify(mint(0, maskinporten_payload(s)));
    ASSERT_TRUE(r) << r.error().melding;
    ASSERT_EQ((*r)->samtykker.size(), 1u);
    const auto& c = (*r)->samtykker[0];
    EXPECT_EQ(c.id, "abc");
    EXPECT_EQ(c.fra_type, "person");
    EXPECT_EQ(c.fra_id, "23886799519");
    EXPECT_EQ(c.til_org, "974761076");
    EXPECT_EQ(c.gyldig_til->sekunder(), kNow + 3600);
    EXPECT_EQ(c.ressurser, std::vector<std::string>{"ske-samtykke-krav-og-betalinger"});
}

TEST(Claims, ParsesAltinn3ConsentLeniently) {
    // Altinn docs example casing.
    auto a = parse_claims(
        R"({"consumer":{"authority":"iso6523-actorid-upis","ID":"0192:313876144"},"exp":1,
      "authorization_details":[{"type":"urn:altinn:consent","id":"ecbff842",
        "from":"urn:altinn:person:identifier-no:23886799519",
        "to":{"authority":"iso6523-actorid-upis","ID":"0192:313876144"},
        "validTo":"2026-01-20T10:34:34.836+00:00",
        "consentRights":[{"action":["consent"],
                          "resource":[{"type":"urn:altinn:resource","value":"res-a"}],
                          "metadata":{"inntektsaar":"2028"}}]}]})");
    ASSERT_TRUE(a) << a.error().melding;
    ASSERT_EQ(a->samtykker.size(), 1u);
    EXPECT_EQ(a->samtykker[0].fra_type, "person");
    EXPECT_EQ(a->samtykker[0].til_org, "313876144");
    EXPECT_EQ(a->samtykker[0].gyldig_til->utc_millis(), "2026-01-20T10:34:34.836Z");
    EXPECT_EQ(a->samtykker[0].ressurser, std::vector<std::string>{"res-a"});

    // Early-draft shape: lower-case consentrights, metaData, `to` as URN, resource[].id, 7-digit
    // fraction.
    auto b = parse_claims(R"({"consumer":{"ID":"0192:313876144"},"exp":1,
      "authorization_details":[{"type":"urn:altinn:consent","id":"x",
        "from":"urn:altinn:organization:identifier-no:974761076",
        "to":"urn:altinn:organization:identifier-no:313876144",
        "validTo":"2026-01-20T10:34:34.8360000+01:00",
        "consentrights":[{"action":["consent"],"resource":[{"id":"res-b"},{"value":"res-c"}],
                          "metaData":{"x":"y"}}]}]})");
    ASSERT_TRUE(b) << b.error().melding;
    ASSERT_EQ(b->samtykker.size(), 1u);
    EXPECT_EQ(b->samtykker[0].fra_type, "organization");
    EXPECT_EQ(b->samtykker[0].fra_id, "974761076");
    EXPECT_EQ(b->samtykker[0].til_org, "313876144");
    EXPECT_EQ(b->samtykker[0].gyldig_til->utc_millis(), "2026-01-20T09:34:34.836Z");
    EXPECT_EQ(b->samtykker[0].ressurser, (std::vector<std::string>{"res-b", "res-c"}));
}

TEST(Claims, RejectsSystemuserDetailWithoutOrg) {
    auto r = parse_claims(R"({"consumer":{"ID":"0192:974761076"},"exp":1,
      "authorization_details":[{"type":"urn:altinn:systemuser",
                                "systemuser_org":{"ID":"0192:abc"}}]})");
    EXPECT_FALSE(r);
}

TEST(BearerFromHeader, ExtractsToken) {
    EXPECT_EQ(*sec::TokenVerifier::bearer_from_header("Bearer aa.bb.cc"), "aa.bb.cc");
    EXPECT_EQ(*sec::TokenVerifier::bearer_from_header("bearer   aa.bb.cc  "), "aa.bb.cc");
    EXPECT_EQ(*sec::TokenVerifier::bearer_from_header("BEARER\taa.bb.cc"), "aa.bb.cc");
}

TEST(BearerFromHeader, RejectsMissingAndOtherSchemes) {
    EXPECT_EQ(sec::TokenVerifier::bearer_from_header("").error().kind, AuthFailureKind::Missing);
    EXPECT_EQ(sec::TokenVerifier::bearer_from_header("   ").error().kind, AuthFailureKind::Missing);
    EXPECT_EQ(sec::TokenVerifier::bearer_from_header("Basic dXNlcjpwYXNz").error().kind,
              AuthFailureKind::Malformed);
    EXPECT_EQ(sec::TokenVerifier::bearer_from_header("Bearer").error().kind,
              AuthFailureKind::Malformed);
    EXPECT_EQ(sec::TokenVerifier::bearer_from_header("Bearer aa.bb").error().kind,
              AuthFailureKind::Malformed);
    EXPECT_EQ(sec::TokenVerifier::bearer_from_header("Bearertoken aa.bb.cc").error().kind,
              AuthFailureKind::Malformed);
}

TEST(BearerFromHeader, TakesFirstWellFormedOfTwoCommaJoinedValues) {
    EXPECT_EQ(*sec::TokenVerifier::bearer_from_header("Bearer aa.bb.cc, Bearer dd.ee.ff"),
              "aa.bb.cc");
    EXPECT_EQ(*sec::TokenVerifier::bearer_from_header("Bearer garbage,Bearer dd.ee.ff"),
              "dd.ee.ff");
    EXPECT_EQ(*sec::TokenVerifier::bearer_from_header(", Basic x, Bearer dd.ee.ff"), "dd.ee.ff");
}

TEST_F(TokenVerifier, ConcurrentCallersShareTheCache) {
    cfg_.cache_entries = 64;
    std::vector<std::string> tokens;
    for (int i = 0; i < 8; ++i) tokens.push_back(mint(0, maskinporten_payload(spec())));
    auto& v = verifier();
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                auto r = v.verify(tokens[static_cast<std::size_t>(i + t) % tokens.size()]);
                if (!r || (*r)->consumer_org != "974761076") ++failures;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    // Each token is checked at most once per racing thread, never once per call.
    EXPECT_LE(v.verifications_for_test(), 8u * 4u);
}

TEST_F(TokenVerifier, SurvivesMutatedTokens) {
    std::string good = mint(0, maskinporten_payload(spec()));
    std::mt19937 rng(42);
    const std::string alphabet = "AZaz09-_.=+/ \x01\xff";
    for (int i = 0; i < 3000; ++i) {
        std::string t = good;
        int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) {
            std::size_t pos = rng() % t.size();
            switch (rng() % 3) {
                case 0:
                    t[pos] = alphabet[rng() % alphabet.size()];
                    break;
                case 1:
                    t.erase(pos, 1 + rng() % 8);
                    break;
                default:
                    t.insert(pos, 1, alphabet[rng() % alphabet.size()]);
                    break;
            }
            if (t.empty()) t = ".";
        }
        auto r = verifier().verify(t);
        if (r) {
            EXPECT_EQ(t, good);
        }
    }
}

}  // namespace
