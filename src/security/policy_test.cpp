#include "security/policy.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "security/test_support.hpp"

namespace {

namespace sec = skd::security;
using namespace skd;
using sec::DenialKind;

struct Grants final : sec::GrantsLookup {
    std::set<std::tuple<std::string, std::string, std::string>> granted_;
    bool granted(std::string_view api, std::string_view pakke,
                 std::string_view org) const override {
        return granted_.contains({std::string(api), std::string(pakke), std::string(org)});
    }
};

const Tidspunkt kNaa = sec::test::now_tidspunkt();
Tidspunkt om_sekunder(std::int64_t s) {
    return Tidspunkt::fra_mikros(kNaa.mikros() + s * 1'000'000);
}

sec::Policy restanser() {
    sec::Policy p;
    p.api = "restanser";
    p.scopes = {"skatteetaten:restanser"};
    p.bruker_rettighetspakke = true;
    sec::PackageRule ebevis;
    ebevis.navn = "ebevis";
    ebevis.krever_samtykke = true;
    ebevis.samtykke = {{"5616_5"}, {"digdir-restanser-skatteetaten"}};
    sec::PackageRule dibk;
    dibk.navn = "dibk";
    p.pakker = {ebevis, dibk};
    return p;
}

sec::Policy kravogbetalinger() {
    sec::Policy p;
    p.api = "kravogbetalinger";
    p.scopes = {"skatteetaten:kravogbetalinger"};
    p.bruker_rettighetspakke = true;
    sec::PackageRule regnskap;
    regnskap.navn = "regnskapssystem";
    regnskap.samtykke = {{"5928_202301"}, {"ske-samtykke-krav-og-betalinger"}};
    regnskap.samtykke_eller_systembruker = true;
    regnskap.tilgang_for_leverandoer = true;
    p.pakker = {regnskap};
    return p;
}

sec::Claims claims(std::string scope = "skatteetaten:restanser") {
    sec::Claims c;
    c.issuer = sec::test::kMaskinporten;
    c.scopes = {scope};
    c.consumer_org = "974761076";
    return c;
}

sec::Altinn2Samtykke header_samtykke() {
    sec::Altinn2Samtykke s;
    s.tjenester = {"5616_5"};
    s.tjeneste_metadata = {"5616_5_inntektsaar=2024"};
    s.offered_by = "310111643";
    s.covered_by = "974761076";
    s.valid_to = om_sekunder(3600);
    return s;
}

sec::Altinn3Samtykke altinn3() {
    sec::Altinn3Samtykke s;
    s.id = "ecbff842";
    s.fra_type = "organization";
    s.fra_id = "310111643";
    s.til_org = "974761076";
    s.gyldig_til = om_sekunder(3600);
    s.ressurser = {"digdir-restanser-skatteetaten"};
    return s;
}

class Policy : public ::testing::Test {
protected:
    Result<sec::Identity, sec::Denial> run(const sec::Policy& p, const sec::Claims& c,
                                           std::string_view pakke,
                                           std::optional<std::string_view> part,
                                           const sec::Altinn2Samtykke* header = nullptr,
                                           bool sandbox = false, bool sjekk_av = false) {
        sec::PolicyInput in{c, pakke, part, header, kNaa, sandbox, sjekk_av};
        return sec::authorise(p, in, grants_);
    }
    void grant(std::string api, std::string pakke, std::string org) {
        grants_.granted_.insert({api, pakke, org});
    }
    Grants grants_;
};

TEST_F(Policy, AcceptsGrantedPackageWithoutConsent) {
    grant("restanser", "dibk", "974761076");
    auto r = run(restanser(), claims(), "dibk", "310111643");
    ASSERT_TRUE(r) << r.error().melding;
    EXPECT_EQ(r->acting_org, "974761076");
    EXPECT_EQ(r->consumer_org, "974761076");
    EXPECT_EQ(r->pakke, "dibk");
}

TEST_F(Policy, DeniesMissingScopeNamingWhatTheTokenHas) {
    auto r = run(restanser(), claims("skatteetaten:avregning"), "dibk", "310111643", nullptr, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::Scope);
    EXPECT_EQ(r.error().melding,
              "Tokenet mangler scope skatteetaten:restanser (har: skatteetaten:avregning)");
    auto c = claims();
    c.scopes.clear();
    EXPECT_EQ(run(restanser(), c, "dibk", "310111643", nullptr, true).error().melding,
              "Tokenet mangler scope skatteetaten:restanser (har: ingen)");
}

TEST_F(Policy, AcceptsAnyOfSeveralScopes) {
    sec::Policy p;
    p.api = "hendelser";
    p.scopes = {"skatteetaten:summertskattegrunnlag", "skatteetaten:avregning"};
    EXPECT_TRUE(run(p, claims("skatteetaten:avregning"), "", std::nullopt, nullptr, true));
    auto r = run(p, claims("skatteetaten:restanser"), "", std::nullopt, nullptr, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::Scope);
}

TEST_F(Policy, DeniesUnknownPackage) {
    auto r = run(restanser(), claims(), "finans", "310111643", nullptr, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::UnknownPackage);
    EXPECT_EQ(r.error().melding, "Rettighetspakken finans finnes ikke i restanser-API-et");
}

TEST_F(Policy, DeniesPackageNotGrantedToActingOrg) {
    grant("restanser", "dibk", "111111111");
    auto r = run(restanser(), claims(), "dibk", "310111643");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::NotGranted);
    EXPECT_EQ(
        r.error().melding,
        "Organisasjonen 974761076 har ikke tilgang til rettighetspakken dibk i restanser-API-et");
}

TEST_F(Policy, SandboxSkipsGrants) {
    EXPECT_TRUE(run(restanser(), claims(), "dibk", "310111643", nullptr, true));
}

TEST_F(Policy, DeniesMissingConsent) {
    auto r = run(restanser(), claims(), "ebevis", "310111643", nullptr, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::Samtykke);
    EXPECT_EQ(r.error().melding.rfind("Samtykke mangler: ", 0), 0u) << r.error().melding;
    EXPECT_NE(r.error().melding.find("5616_5"), std::string::npos);
    EXPECT_NE(r.error().melding.find("digdir-restanser-skatteetaten"), std::string::npos);
}

TEST_F(Policy, AcceptsHeaderConsent) {
    auto s = header_samtykke();
    auto r = run(restanser(), claims(), "ebevis", "310111643", &s, true);
    ASSERT_TRUE(r) << r.error().melding;
    s.valid_to.reset();  // ValidToDate is checked only when present
    EXPECT_TRUE(run(restanser(), claims(), "ebevis", "310111643", &s, true));
}

TEST_F(Policy, HeaderConsentFailuresNameTheField) {
    auto s = header_samtykke();
    auto deny = [&](const sec::Altinn2Samtykke& h, std::string_view part = "310111643") {
        auto r = run(restanser(), claims(), "ebevis", part, &h, true);
        EXPECT_FALSE(r);
        EXPECT_EQ(r.error().kind, DenialKind::Samtykke);
        return r.error().melding;
    };
    EXPECT_EQ(deny(s, "974761076"),
              "Samtykket er gitt av 310111643, men oppslaget gjelder 974761076");
    auto other_service = s;
    other_service.tjenester = {"5928_202301"};
    other_service.tjeneste_metadata = {"5616_5_x=y"};  // metadata does not count as the service
    EXPECT_EQ(deny(other_service),
              "Samtykket gjelder ikke tjenesten 5616_5 (gjelder: 5928_202301)");
    auto covered = s;
    covered.covered_by = "111111111";
    EXPECT_EQ(deny(covered), "Samtykket er gitt til 111111111, ikke til konsumenten 974761076");
    auto expired = s;
    expired.valid_to = Tidspunkt::parse("2026-01-20T10:34:34Z").value();
    EXPECT_EQ(deny(expired), "Samtykket er utløpt 2026-01-20T10:34:34Z");
}

TEST_F(Policy, AcceptsAltinn3ConsentInToken) {
    auto c = claims();
    c.samtykker = {altinn3()};
    auto r = run(restanser(), c, "ebevis", "310111643", nullptr, true);
    ASSERT_TRUE(r) << r.error().melding;
}

TEST_F(Policy, Altinn3ConsentFailuresNameTheField) {
    auto deny = [&](sec::Altinn3Samtykke s, std::string_view part = "310111643") {
        auto c = claims();
        c.samtykker = {std::move(s)};
        auto r = run(restanser(), c, "ebevis", part, nullptr, true);
        EXPECT_FALSE(r);
        EXPECT_EQ(r.error().kind, DenialKind::Samtykke);
        return r.error().melding;
    };
    EXPECT_EQ(deny(altinn3(), "974761076"),
              "Samtykket er gitt av 310111643, men oppslaget gjelder 974761076");
    auto til = altinn3();
    til.til_org = "222222222";
    EXPECT_EQ(deny(til), "Samtykket er gitt til 222222222, ikke til konsumenten 974761076");
    auto res = altinn3();
    res.ressurser = {"standard-samtykke-for-dele-data"};
    EXPECT_EQ(deny(res),
              "Samtykket gjelder ikke ressursen digdir-restanser-skatteetaten "
              "(gjelder: standard-samtykke-for-dele-data)");
    auto old = altinn3();
    old.gyldig_til = Tidspunkt::parse("2026-01-20T10:34:34.836+00:00").value();
    EXPECT_EQ(deny(old), "Samtykket er utløpt 2026-01-20T10:34:34Z");
    auto no_end = altinn3();
    no_end.gyldig_til.reset();
    EXPECT_EQ(deny(no_end), "Samtykket mangler gyldighetstid (validTo)");
}

TEST_F(Policy, AnyMatchingAltinn3ConsentSuffices) {
    auto c = claims();
    auto wrong = altinn3();
    wrong.fra_id = "999999999";
    c.samtykker = {wrong, altinn3()};
    EXPECT_TRUE(run(restanser(), c, "ebevis", "310111643", nullptr, true));
}

TEST_F(Policy, HeaderConsentFailureWinsOverTokenConsentWhenBothFail) {
    auto s = header_samtykke();
    s.covered_by = "111111111";
    auto c = claims();
    auto a3 = altinn3();
    a3.til_org = "222222222";
    c.samtykker = {a3};
    auto r = run(restanser(), c, "ebevis", "310111643", &s, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().melding, "Samtykket er gitt til 111111111, ikke til konsumenten 974761076");
    // A valid token consent rescues a failing header consent.
    c.samtykker = {altinn3()};
    EXPECT_TRUE(run(restanser(), c, "ebevis", "310111643", &s, true));
}

TEST_F(Policy, SystembrukerPackageNeedsSystemuserForTheSameParty) {
    auto vendor = claims("skatteetaten:kravogbetalinger");
    auto r = run(kravogbetalinger(), vendor, "regnskapssystem", "313367002", nullptr, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::Systembruker);
    EXPECT_NE(r.error().melding.find("krever systembruker"), std::string::npos);
    EXPECT_NE(r.error().melding.find("eller samtykke"), std::string::npos);

    vendor.systemuser_org = "313367002";
    auto ok = run(kravogbetalinger(), vendor, "regnskapssystem", "313367002", nullptr, true);
    ASSERT_TRUE(ok) << ok.error().melding;
    EXPECT_EQ(ok->acting_org, "313367002");
    EXPECT_EQ(ok->consumer_org, "974761076");
    EXPECT_EQ(ok->systemuser_org, "313367002");

    auto other = run(kravogbetalinger(), vendor, "regnskapssystem", "310111643", nullptr, true);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().kind, DenialKind::Systembruker);
    EXPECT_EQ(other.error().melding,
              "Systembrukeren tilhører 313367002, men oppslaget gjelder 310111643");
    EXPECT_TRUE(
        run(kravogbetalinger(), vendor, "regnskapssystem", "310111643", nullptr, true, true));
}

TEST_F(Policy, RegnskapssystemGrantBelongsToTheVendorNotTheCustomer) {
    auto vendor = claims("skatteetaten:kravogbetalinger");
    vendor.systemuser_org = "313367002";
    grant("kravogbetalinger", "regnskapssystem", "313367002");
    auto r = run(kravogbetalinger(), vendor, "regnskapssystem", "313367002");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::NotGranted);
    EXPECT_NE(r.error().melding.find("974761076"), std::string::npos) << r.error().melding;
    grant("kravogbetalinger", "regnskapssystem", "974761076");
    EXPECT_TRUE(run(kravogbetalinger(), vendor, "regnskapssystem", "313367002"));
}

TEST_F(Policy, RegnskapssystemGrantOfTheSupplierCountsOnADelegatedToken) {
    auto c = claims("skatteetaten:kravogbetalinger");
    c.consumer_org = "313367002";  // the customer, delegated
    c.supplier_org = "974761076";  // the vendor
    c.systemuser_org = "313367002";
    grant("kravogbetalinger", "regnskapssystem", "974761076");
    EXPECT_TRUE(run(kravogbetalinger(), c, "regnskapssystem", "313367002"));
}

TEST_F(Policy, RegnskapssystemAcceptsAConsentFromThePartyInsteadOfASystemUser) {
    grant("kravogbetalinger", "regnskapssystem", "974761076");
    auto c = claims("skatteetaten:kravogbetalinger");
    sec::Altinn2Samtykke s = header_samtykke();
    s.tjenester = {"5928_202301"};
    s.offered_by = "313367002";
    auto ok = run(kravogbetalinger(), c, "regnskapssystem", "313367002", &s);
    ASSERT_TRUE(ok) << ok.error().melding;
    EXPECT_EQ(ok->acting_org, "974761076");
    // A consent from another party is refused as a consent failure.
    auto other = run(kravogbetalinger(), c, "regnskapssystem", "310111643", &s);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().kind, DenialKind::Samtykke);
    // Altinn 3 consent in the token works too.
    auto a3 = altinn3();
    a3.fra_id = "313367002";
    a3.ressurser = {"ske-samtykke-krav-og-betalinger"};
    c.samtykker = {a3};
    EXPECT_TRUE(run(kravogbetalinger(), c, "regnskapssystem", "313367002"));
    // A system user for another party does not spoil a valid consent.
    c.systemuser_org = "310111643";
    EXPECT_TRUE(run(kravogbetalinger(), c, "regnskapssystem", "313367002"));
}

TEST_F(Policy, ApiWithoutPackagesUsesItsSingleRule) {
    sec::Policy p;
    p.api = "trekkpaalegg";
    p.scopes = {"skatteetaten:trekkpaalegg"};
    sec::PackageRule rule;
    rule.krever_systembruker = true;
    rule.systembruker_kun_egen_part = false;
    p.pakker = {rule};
    auto c = claims("skatteetaten:trekkpaalegg");
    auto r = run(p, c, "", std::nullopt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::NotGranted);
    EXPECT_EQ(r.error().melding,
              "Organisasjonen 974761076 har ikke tilgang til trekkpaalegg-API-et");
    grant("trekkpaalegg", "", "974761076");
    EXPECT_EQ(run(p, c, "", std::nullopt).error().kind, DenialKind::Systembruker);
    c.systemuser_org = "974761076";
    auto ok = run(p, c, "", std::nullopt);
    ASSERT_TRUE(ok) << ok.error().melding;
    EXPECT_FALSE(ok->pakke);
}

TEST_F(Policy, ServiceWithoutOwnGrantNeedsOnlyTheScope) {
    sec::Policy p;
    p.api = "hendelser";
    p.scopes = {"skatteetaten:avregning"};
    p.krever_tilgang = false;
    auto c = claims("skatteetaten:avregning");
    EXPECT_TRUE(run(p, c, "", std::nullopt));
    p.krever_tilgang = true;
    EXPECT_EQ(run(p, c, "", std::nullopt).error().kind, DenialKind::NotGranted);
}

TEST_F(Policy, RefusesSystemuserWhereNotAllowed) {
    auto p = restanser();
    p.tillat_systembruker = false;
    auto c = claims();
    c.systemuser_org = "313367002";
    auto r = run(p, c, "dibk", "310111643", nullptr, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, DenialKind::Systembruker);
}

}  // namespace
