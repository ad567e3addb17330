#include "domain/trekk/trekkpaalegg.hpp"

#include <gtest/gtest.h>

using namespace skd;
using namespace skd::trekk;

namespace {

Dato d(const char* s) {
    return *Dato::parse(s);
}
Tidspunkt t(const char* s) {
    return *Tidspunkt::parse(s);
}

TrekkstoerrelseForPeriode prosent(const char* start, std::optional<const char*> slutt,
                                  std::int64_t h) {
    TrekkstoerrelseForPeriode p;
    p.startdato = d(start);
    if (slutt) p.sluttdato = d(*slutt);
    p.trekkprosent = Prosent::fra_hundredeler(h);
    return p;
}

TrekkstoerrelseForPeriode beloep(const char* start, std::optional<const char*> slutt,
                                 std::int64_t kr) {
    TrekkstoerrelseForPeriode p;
    p.startdato = d(start);
    if (slutt) p.sluttdato = d(*slutt);
    p.trekkbeloep = Beloep::fra_kroner(kr);
    return p;
}

// The documented example 1 (prosenttrekk, version 1).
Trekkpaalegg eksempel() {
    Trekkpaalegg x;
    x.trekkid = "10000001";
    x.trekkversjon = 1;
    x.opprettet = t("2025-08-09T15:00:00.00Z");
    x.saksnummer = "TREKK/2025/1";
    x.trekkpliktig = "123456789";
    x.skyldner = "16507500866";
    x.betalingsinformasjon = {"971648199", "6487719756", "70213997155"};
    x.perioder = {prosent("2025-09-01", std::nullopt, 1700)};
    return x;
}

bool har(const Regelbrudd& b, std::string_view del) {
    for (const auto& s : b)
        if (s.find(del) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(Prosent, RendersAtLeastOneDecimal) {
    EXPECT_EQ(Prosent::fra_hundredeler(1700).desimal_tekst(), "17.0");
    EXPECT_EQ(Prosent::fra_hundredeler(1250).desimal_tekst(), "12.5");
    EXPECT_EQ(Prosent::fra_hundredeler(3333).desimal_tekst(), "33.33");
    EXPECT_EQ(Prosent::fra_hundredeler(0).desimal_tekst(), "0.0");
}

TEST(Hundredeler, ParsesDecimalTextWithoutRounding) {
    EXPECT_EQ(hundredeler_fra_tekst("17"), 1700);
    EXPECT_EQ(hundredeler_fra_tekst("17.0"), 1700);
    EXPECT_EQ(hundredeler_fra_tekst("4400.25"), 440025);
    EXPECT_EQ(hundredeler_fra_tekst("17.500"), 1750);
    EXPECT_EQ(hundredeler_fra_tekst("17.005"), std::nullopt);
    EXPECT_EQ(hundredeler_fra_tekst("-1"), std::nullopt);
    EXPECT_EQ(hundredeler_fra_tekst("1e3"), std::nullopt);
    EXPECT_EQ(hundredeler_fra_tekst("17."), std::nullopt);
    EXPECT_EQ(hundredeler_fra_tekst(""), std::nullopt);
}

TEST(Trekkpaalegg, DocumentedExampleIsValid) {
    auto x = eksempel();
    EXPECT_TRUE(sjekk_felter(x).empty());
    EXPECT_TRUE(sjekk_livslop(x, nullptr, x.opprettet.oslo_dato()).empty());
}

TEST(Trekkpaalegg, FieldRulesNameEveryBreach) {
    auto x = eksempel();
    x.trekkpliktig = "12345678";
    x.skyldner = "1650750086";
    x.betalingsinformasjon.kidnummer = "6487719757";  // wrong check digit under MOD10 and MOD11
    x.perioder = {prosent("2025-09-01", "2025-08-31", 10001)};
    auto b = sjekk_felter(x);
    EXPECT_TRUE(har(b, "trekkpliktig")) << b.size();
    EXPECT_TRUE(har(b, "skyldner"));
    EXPECT_TRUE(har(b, "kidnummer"));
    EXPECT_TRUE(har(b, "mellom 0 og 100"));
    EXPECT_TRUE(har(b, "før startdato"));
}

TEST(Trekkpaalegg, PeriodNeedsExactlyOneOfBeloepAndProsent) {
    auto x = eksempel();
    x.perioder[0].trekkbeloep = Beloep::fra_kroner(10);
    EXPECT_TRUE(har(sjekk_felter(x), "nøyaktig én"));
    x.perioder[0].trekkbeloep.reset();
    x.perioder[0].trekkprosent.reset();
    EXPECT_TRUE(har(sjekk_felter(x), "nøyaktig én"));
    x.perioder[0].trekkbeloep = Beloep::fra_oere(-1);
    EXPECT_TRUE(har(sjekk_felter(x), "0 eller større"));
    x.perioder[0].trekkbeloep = Beloep::fra_oere(0);
    EXPECT_TRUE(sjekk_felter(x).empty());
}

TEST(Trekkpaalegg, PeriodsMustBeOrderedAndOnlyTheLastOpen) {
    auto x = eksempel();
    x.perioder = {prosent("2025-09-01", std::nullopt, 1700),
                  prosent("2025-10-01", std::nullopt, 1700)};
    EXPECT_TRUE(har(sjekk_felter(x), "mangler sluttdato"));
    // SPEC §4.3: startdato cannot equal the previous period's sluttdato.
    x.perioder = {prosent("2025-09-01", "2025-09-30", 1700),
                  prosent("2025-09-30", std::nullopt, 1700)};
    EXPECT_TRUE(har(sjekk_felter(x), "må starte etter"));
    x.perioder = {prosent("2025-09-01", "2025-09-30", 1700),
                  prosent("2025-10-01", std::nullopt, 1700)};
    EXPECT_TRUE(sjekk_felter(x).empty());
}

TEST(Trekkpaalegg, NewStartdatoMustBeTomorrowOrLater) {
    auto x = eksempel();
    EXPECT_TRUE(har(sjekk_livslop(x, nullptr, d("2025-09-01")), "tidligst i morgen"));
    EXPECT_TRUE(har(sjekk_livslop(x, nullptr, d("2025-09-02")), "tidligst i morgen"));
    EXPECT_TRUE(sjekk_livslop(x, nullptr, d("2025-08-31")).empty());
    // Historical data skips the comparison with today.
    EXPECT_FALSE(har(sjekk_livslop(x, nullptr, d("2025-09-02"), {.historisk = true}), "i morgen"));
}

TEST(Trekkpaalegg, SluttdatoMayBeTodayButNotBackwards) {
    auto v1 = eksempel();
    auto v2 = v1;
    v2.trekkversjon = 2;
    v2.opprettet = t("2025-10-10T10:00:00Z");
    v2.perioder = {prosent("2025-09-01", "2025-10-10", 1700),
                   prosent("2025-10-11", std::nullopt, 1000)};
    EXPECT_TRUE(sjekk_livslop(v2, &v1, d("2025-10-10")).empty());
    v2.perioder = {prosent("2025-09-01", "2025-10-09", 1700),
                   prosent("2025-10-11", std::nullopt, 1000)};
    EXPECT_TRUE(har(sjekk_livslop(v2, &v1, d("2025-10-10")), "tilbake i tid"));
}

TEST(Trekkpaalegg, SluttdatoTodayOnTheLastPeriodEndsTheOrderInTheSameVersion) {
    auto v1 = eksempel();
    auto v2 = v1;
    v2.trekkversjon = 2;
    v2.opprettet = t("2025-10-10T10:00:00Z");
    v2.perioder = {prosent("2025-09-01", "2025-10-10", 1700)};
    EXPECT_TRUE(har(sjekk_livslop(v2, &v1, d("2025-10-10")), "trekkstatus må være avsluttet"));
    v2.trekkstatus = Trekkstatus::Avsluttet;
    EXPECT_TRUE(sjekk_livslop(v2, &v1, d("2025-10-10")).empty());
    // A future sluttdato keeps it active until midnight after it.
    v2.perioder = {prosent("2025-09-01", "2025-10-20", 1700)};
    EXPECT_TRUE(har(sjekk_livslop(v2, &v1, d("2025-10-10")), "trekkstatus må være aktiv"));
}

TEST(Trekkpaalegg, StartedPeriodCannotChangeItsSize) {
    auto v1 = eksempel();
    auto v2 = v1;
    v2.trekkversjon = 2;
    v2.opprettet = t("2025-10-10T10:00:00Z");
    v2.perioder = {prosent("2025-09-01", std::nullopt, 2000)};
    EXPECT_TRUE(har(sjekk_livslop(v2, &v1, d("2025-10-10")), "har allerede begynt"));
    // Before it starts, it may change.
    v2.opprettet = t("2025-08-20T10:00:00Z");
    EXPECT_TRUE(sjekk_livslop(v2, &v1, d("2025-08-20")).empty());
}

TEST(Trekkpaalegg, IdentityFieldsAndVersionFollowThePreviousVersion) {
    auto v1 = eksempel();
    auto v2 = v1;
    v2.trekkversjon = 3;
    v2.saksnummer = "TREKK/2025/99";
    v2.betalingsinformasjon.kidnummer = "0000000018";
    v2.opprettet = t("2025-08-01T00:00:00Z");
    auto b = sjekk_livslop(v2, &v1, d("2025-08-20"));
    EXPECT_TRUE(har(b, "trekkversjon må være 2"));
    EXPECT_TRUE(har(b, "saksnummer kan ikke endres"));
    EXPECT_TRUE(har(b, "kidnummer kan ikke endres"));
    EXPECT_TRUE(har(b, "før forrige versjons opprettet"));
    // Historical examples may have opprettet going backwards (SPEC ambiguity 8); identity may not.
    auto h = sjekk_livslop(v2, &v1, d("2025-08-20"), {.historisk = true});
    EXPECT_FALSE(har(h, "opprettet"));
    EXPECT_TRUE(har(h, "saksnummer"));
}

TEST(Trekkpaalegg, EndedOrderGetsNoNewVersion) {
    auto v1 = eksempel();
    v1.perioder = {prosent("2025-09-01", "2025-09-30", 1700)};
    v1.trekkstatus = Trekkstatus::Avsluttet;
    auto v2 = v1;
    v2.trekkversjon = 2;
    EXPECT_TRUE(har(sjekk_livslop(v2, &v1, d("2025-10-10"), {.historisk = true}), "ny trekkid"));
}

TEST(Midnattsovergang, EndsAfterTheLastSluttdatoHasPassed) {
    auto x = eksempel();
    x.perioder = {beloep("2025-09-01", "2025-09-30", 5000)};
    EXPECT_FALSE(skal_avsluttes(x, d("2025-09-30")));
    EXPECT_TRUE(skal_avsluttes(x, d("2025-10-01")));
    auto ny = avsluttet_versjon(x);
    EXPECT_EQ(ny.trekkversjon, 2);
    EXPECT_EQ(ny.trekkstatus, Trekkstatus::Avsluttet);
    EXPECT_EQ(ny.perioder, x.perioder);
    // Midnight in Oslo (summer time) is 22:00 UTC the day before.
    EXPECT_EQ(ny.opprettet.utc_millis(), "2025-09-30T22:00:00.000Z");
    EXPECT_TRUE(sjekk_livslop(ny, &x, d("2025-10-01")).empty());
    EXPECT_FALSE(skal_avsluttes(ny, d("2025-12-01")));
    x.perioder.back().sluttdato.reset();
    EXPECT_FALSE(skal_avsluttes(x, d("2030-01-01")));
}

TEST(Midnattsovergang, MidnightInWinterIsElevenPmUtc) {
    EXPECT_EQ(midnatt_oslo(d("2026-01-15")).utc_millis(), "2026-01-14T23:00:00.000Z");
    EXPECT_EQ(midnatt_oslo(d("2026-03-29")).utc_millis(), "2026-03-28T23:00:00.000Z");
    EXPECT_EQ(midnatt_oslo(d("2026-03-30")).utc_millis(), "2026-03-29T22:00:00.000Z");
}
