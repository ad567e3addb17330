#include "security/altinn_samtykke.hpp"

#include <gtest/gtest.h>

#include "security/test_support.hpp"

namespace {

namespace sec = skd::security;
using namespace skd;
using sec::Altinn2TokenSpec;
using sec::AuthFailureKind;
using sec::test::kNow;
using sec::test::mint;

class SamtykkeVerifier : public ::testing::Test {
protected:
    void SetUp() override {
        sec::VerifierConfig cfg;
        cfg.issuers = {{"altinn.no", sec::test::jwks_of({1}), std::nullopt}};
        cfg.refresh_seconds = 0;
        auto v = sec::SamtykkeVerifier::create(cfg, clock_);
        ASSERT_TRUE(v) << v.error();
        verifier_ = std::move(*v);
    }
    static Altinn2TokenSpec spec() {
        Altinn2TokenSpec s;
        s.services = {"5616_5"};
        s.offered_by = "310111643";
        s.covered_by = "974761076";
        s.iat = kNow - 5;
        s.authorization_code = "c7dbe642-0fc1-4c3b-8959-8a92e3e1f17d";
        return s;
    }
    FixedClock clock_{sec::test::now_tidspunkt()};
    std::unique_ptr<sec::SamtykkeVerifier> verifier_;
};

TEST_F(SamtykkeVerifier, ReadsServicesGivenAsString) {
    auto r = verifier_->verify(mint(1, sec::altinn2_payload(spec())));
    ASSERT_TRUE(r) << r.error().melding;
    EXPECT_EQ(r->tjenester, std::vector<std::string>{"5616_5"});
    EXPECT_EQ(r->offered_by, "310111643");
    EXPECT_EQ(r->covered_by, "974761076");
    EXPECT_FALSE(r->handled_by);
    EXPECT_EQ(r->valid_to->sekunder(), kNow - 5 + 90 * 86400);
    EXPECT_EQ(r->delegated->sekunder(), kNow - 15);
    EXPECT_EQ(r->authorization_code, "c7dbe642-0fc1-4c3b-8959-8a92e3e1f17d");
}

TEST_F(SamtykkeVerifier, ReadsServicesGivenAsArrayAndSeparatesMetadata) {
    auto s = spec();
    s.services = {"4629_2", "4629_2_inntektsaar=2016", "5616_5", "4630_2_fraOgMed=2017-06"};
    s.handled_by = "910459880";
    auto r = verifier_->verify(mint(1, sec::altinn2_payload(s)));
    ASSERT_TRUE(r) << r.error().melding;
    EXPECT_EQ(r->tjenester, (std::vector<std::string>{"4629_2", "5616_5"}));
    EXPECT_EQ(r->tjeneste_metadata,
              (std::vector<std::string>{"4629_2_inntektsaar=2016", "4630_2_fraOgMed=2017-06"}));
    EXPECT_EQ(r->handled_by, "910459880");
}

TEST_F(SamtykkeVerifier, RejectsExpiredToken) {
    auto s = spec();
    s.iat = kNow - 100;  // exp = now - 70, beyond the 30 s leeway
    auto r = verifier_->verify(mint(1, sec::altinn2_payload(s)));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::Expired);
    EXPECT_NE(r.error().melding.find("AltinnSamtykke"), std::string::npos);
}

TEST_F(SamtykkeVerifier, RejectsOtherIssuerAndOtherKey) {
    auto s = spec();
    s.issuer = "https://test.maskinporten.no/";
    EXPECT_EQ(verifier_->verify(mint(1, sec::altinn2_payload(s))).error().kind,
              AuthFailureKind::UntrustedIssuer);
    EXPECT_EQ(verifier_->verify(mint(0, sec::altinn2_payload(spec()))).error().kind,
              AuthFailureKind::UnknownKid);
}

TEST_F(SamtykkeVerifier, RejectsMissingPartiesAndEmptyHeader) {
    std::string payload =
        R"({"Services":"5616_5","CoveredBy":"974761076","iss":"altinn.no","exp":)" +
        std::to_string(kNow + 30) + "}";
    auto r = verifier_->verify(mint(1, payload));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, AuthFailureKind::MissingClaim);
    EXPECT_NE(r.error().melding.find("OfferedBy"), std::string::npos);
    EXPECT_EQ(verifier_->verify("  ").error().kind, AuthFailureKind::Missing);
    EXPECT_EQ(verifier_->verify("x.y").error().kind, AuthFailureKind::Malformed);
}

}  // namespace
