#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"

#include <gtest/gtest.h>

#include "tests/fixtures/skatteoppgjoer_eksempel.hpp"

using namespace skd;
using namespace skd::skatteoppgjoer;

namespace {

Skatteoppgjoer eksempel() {
    return testdata::skatteoppgjoer_eksempel();
}

constexpr Pakkeregel kAlt{"alt", Feltsett::alle(), true};
constexpr Pakkeregel kSmal{"smal", {Felt::Restskatt, Felt::BeloepTilgode}, false};

}  // namespace

TEST(Avregningsutsnitt, FullPackageKeepsEveryField) {
    auto u = utsnitt(eksempel(), kAlt, false);
    ASSERT_TRUE(u.innhold);
    EXPECT_FALSE(u.skjermet);
    EXPECT_EQ(u.inntektsaar, "2024");
    EXPECT_EQ(*u.innhold, eksempel());
}

TEST(Avregningsutsnitt, NarrowPackageDropsFieldsOutsideItsSet) {
    auto u = utsnitt(eksempel(), kSmal, false);
    ASSERT_TRUE(u.innhold && u.innhold->fastland);
    EXPECT_EQ(u.innhold->fastland->restskatt, 0);
    EXPECT_FALSE(u.innhold->fastland->skatteregnskapskommune);
    EXPECT_FALSE(u.innhold->fastland->forhaandsfastsatt);
}

TEST(Avregningsutsnitt, ShieldedPersonLosesOnlyGeolocatingFields) {
    auto u = utsnitt(eksempel(), kAlt, true);
    ASSERT_TRUE(u.innhold && u.innhold->fastland);
    EXPECT_TRUE(u.skjermet);
    EXPECT_FALSE(u.innhold->fastland->skatteregnskapskommune);
    EXPECT_EQ(u.innhold->fastland->beregnet_skatt, 0);
    EXPECT_EQ(u.innhold->fastland->forhaandsfastsatt, true);
}

TEST(Avregningsutsnitt, ShieldedPersonWithoutRightsGivesOnlyRequest) {
    auto u = utsnitt(eksempel(), kSmal, true);
    EXPECT_TRUE(u.skjermet);
    EXPECT_FALSE(u.innhold);
    EXPECT_EQ(u.personidentifikator, "20463518646");
}

TEST(Endringstype, NewChangedAndUnchanged) {
    auto s = eksempel();
    EXPECT_EQ(endringstype(std::nullopt, s), Hendelsetype::Ny);
    EXPECT_EQ(endringstype(s, s), std::nullopt);
    auto t = s;
    t.fastland->restskatt = 10;
    EXPECT_EQ(endringstype(s, t), Hendelsetype::Endret);
}

TEST(Hendelsetype, TextRoundTrips) {
    for (auto t : {Hendelsetype::Ny, Hendelsetype::Endret, Hendelsetype::Slettet,
                   Hendelsetype::Identitetsendring})
        EXPECT_EQ(hendelsetype_fra(hendelsetype_tekst(t)), t);
    EXPECT_FALSE(hendelsetype_fra("INDENTITETSENDRING"));
}

TEST(OsloMidnatt, FollowsSummerAndWinterTime) {
    EXPECT_EQ(oslo_midnatt(*Dato::parse("2026-06-15")).utc_millis(), "2026-06-14T22:00:00.000Z");
    EXPECT_EQ(oslo_midnatt(*Dato::parse("2026-01-15")).utc_millis(), "2026-01-14T23:00:00.000Z");
}
