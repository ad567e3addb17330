#include <gtest/gtest.h>

#include <cstdio>

#include "core/beloep.hpp"
#include "core/clock.hpp"
#include "core/dato.hpp"
#include "core/ids.hpp"
#include "core/versioned_cache.hpp"

using namespace skd;

TEST(Beloep, DesimalTekstShowsAtLeastOneDecimal) {
    EXPECT_EQ(Beloep::fra_kroner(10000).desimal_tekst(), "10000.0");
    EXPECT_EQ(Beloep::fra_oere(1250).desimal_tekst(), "12.5");
    EXPECT_EQ(Beloep::fra_oere(-25).desimal_tekst(), "-0.25");
    EXPECT_EQ(Beloep::fra_oere(-1000).desimal_tekst(), "-10.0");
    EXPECT_EQ(Beloep::fra_oere(0).desimal_tekst(), "0.0");
    EXPECT_EQ(Beloep::fra_oere(305).desimal_tekst(), "3.05");
    EXPECT_EQ(Beloep::fra_oere(INT64_MIN).desimal_tekst(), "-92233720368547758.08");
    EXPECT_EQ(Dato::parse("0999-01-05")->str(), "0999-01-05");
    EXPECT_EQ(Tidspunkt::parse("2026-12-31T23:59:59.000001Z")->utc_mikros(),
              "2026-12-31T23:59:59.000001Z");
}

TEST(Beloep, KronerAvrundetRoundsHalfAwayFromZero) {
    EXPECT_EQ(Beloep::fra_oere(150).kroner_avrundet(), 2);
    EXPECT_EQ(Beloep::fra_oere(149).kroner_avrundet(), 1);
    EXPECT_EQ(Beloep::fra_oere(-150).kroner_avrundet(), -2);
    EXPECT_EQ(Beloep::fra_oere(-149).kroner_avrundet(), -1);
    EXPECT_EQ(Beloep::fra_oere(50).kroner_avrundet(), 1);
    EXPECT_EQ(Beloep::fra_oere(-50).kroner_avrundet(), -1);
    EXPECT_EQ(Beloep::fra_oere(49).kroner_avrundet(), 0);
}

TEST(Beloep, KronerAvrundetIsDefinedAtTheEndsOfTheRange) {
    // INT64_MAX = 92233720368547758.07 kr rounds down; INT64_MIN = -...58.08 kr rounds to -...58.
    EXPECT_EQ(Beloep::fra_oere(INT64_MAX).kroner_avrundet(), 92233720368547758);
    EXPECT_EQ(Beloep::fra_oere(INT64_MIN).kroner_avrundet(), -92233720368547758);
}

TEST(Beloep, NegatingInt64MinThrowsInsteadOfWrapping) {
    EXPECT_THROW(-Beloep::fra_oere(INT64_MIN), BeloepOverflyt);
    EXPECT_EQ((-Beloep::fra_oere(INT64_MAX)).oere(), -INT64_MAX);
    EXPECT_EQ((-Beloep::fra_oere(-5)).oere(), 5);
}

TEST(Beloep, AdditionSubtractionAndMultiplicationThrowOnOverflow) {
    const auto maks = Beloep::fra_oere(INT64_MAX), min = Beloep::fra_oere(INT64_MIN);
    const auto en = Beloep::fra_oere(1);
    EXPECT_THROW(maks + en, BeloepOverflyt);
    EXPECT_THROW(min - en, BeloepOverflyt);
    EXPECT_THROW(min + min, BeloepOverflyt);
    EXPECT_THROW(en - min, BeloepOverflyt);  // 1 + 2^63
    EXPECT_THROW(maks * 2, BeloepOverflyt);
    EXPECT_THROW(min * -1, BeloepOverflyt);
    EXPECT_THROW(Beloep::fra_kroner(INT64_MAX / 100 + 1), BeloepOverflyt);
    EXPECT_THROW(Beloep::fra_kroner(INT64_MIN / 100 - 1), BeloepOverflyt);
    // The last values that fit are exact.
    EXPECT_EQ((maks - en + en).oere(), INT64_MAX);
    EXPECT_EQ((min + en - en).oere(), INT64_MIN);
    EXPECT_EQ((Beloep::fra_oere(INT64_MAX / 2) * 2).oere(), INT64_MAX - 1);
    EXPECT_EQ(Beloep::fra_kroner(INT64_MAX / 100).oere(), INT64_MAX / 100 * 100);
    // A compound assignment that throws leaves the value as it was.
    auto x = maks;
    EXPECT_THROW(x += en, BeloepOverflyt);
    EXPECT_EQ(x, maks);
    auto y = min;
    EXPECT_THROW(y -= en, BeloepOverflyt);
    EXPECT_EQ(y, min);
    // The message says what happened.
    try {
        (void)(maks + en);
    } catch (const std::overflow_error& e) {
        EXPECT_NE(std::string(e.what()).find("utenfor gyldig område"), std::string::npos);
    }
}

TEST(Beloep, BoundForAmountsFromOutsideIsExclusiveAtTenToTheFifteenOere) {
    constexpr std::int64_t g = 1'000'000'000'000'000;  // 10^15 øre = 10^13 kroner
    static_assert(Beloep::kGrenseOere == g);
    EXPECT_TRUE(Beloep::fra_oere(g - 1).innenfor_grense());
    EXPECT_TRUE(Beloep::fra_oere(-(g - 1)).innenfor_grense());
    EXPECT_FALSE(Beloep::fra_oere(g).innenfor_grense());
    EXPECT_FALSE(Beloep::fra_oere(-g).innenfor_grense());
    EXPECT_FALSE(Beloep::fra_oere(g + 1).innenfor_grense());
    EXPECT_FALSE(Beloep::fra_oere(INT64_MIN).innenfor_grense());
    EXPECT_FALSE(Beloep::fra_oere(INT64_MAX).innenfor_grense());
    EXPECT_TRUE(Beloep::fra_oere(0).innenfor_grense());
}

TEST(Dato, RejectsImpossibleDates) {
    EXPECT_FALSE(Dato::parse("2023-02-30"));
    EXPECT_FALSE(Dato::parse("0000-01-01"));
    EXPECT_FALSE(Dato::parse("2023-1-01"));
    EXPECT_FALSE(Dato::parse("２023-01-01"));
    EXPECT_TRUE(Dato::parse("2024-02-29"));
}

TEST(Dato, PlussAarKeepsDayOrUsesTwentyEighth) {
    EXPECT_EQ(Dato::parse("2020-01-01")->pluss_aar(1).str(), "2021-01-01");
    EXPECT_EQ(Dato::parse("2024-02-29")->pluss_aar(1).str(), "2025-02-28");
}

TEST(Tidspunkt, ParsesOffsetsAndFormatsUtc) {
    auto t = Tidspunkt::parse("2024-11-28T09:35:16.337+01:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->utc_millis(), "2024-11-28T08:35:16.337Z");
    EXPECT_EQ(Tidspunkt::parse("2025-08-09T15:00:00.00Z")->utc_millis(),
              "2025-08-09T15:00:00.000Z");
    EXPECT_FALSE(Tidspunkt::parse("2025-08-09 15:00:00Z"));
}

TEST(Tidspunkt, OsloLocalTimeFollowsSummerTime) {
    EXPECT_EQ(Tidspunkt::parse("2023-09-21T08:47:13.291069Z")->oslo_lokal_nanos(),
              "2023-09-21T10:47:13.291069000");
    EXPECT_EQ(Tidspunkt::parse("2023-01-21T08:47:13Z")->oslo_lokal_nanos(),
              "2023-01-21T09:47:13.000000000");
    EXPECT_EQ(Tidspunkt::parse("2023-12-31T23:30:00Z")->oslo_dato().str(), "2024-01-01");
}

// Norway changes offset at 01:00 UTC on the last Sunday of March (to UTC+2) and of October
// (back to UTC+1): in 2026 on 29 March and 25 October.
std::string lokal(const char* utc) {
    return Tidspunkt::parse(utc)->oslo_lokal_nanos();
}
std::string oslo_dato(const char* utc) {
    return Tidspunkt::parse(utc)->oslo_dato().str();
}

TEST(Tidspunkt, OsloLocalTimeJumpsFromTwoToThreeAtOneUtcOnTheLastSundayOfMarch) {
    EXPECT_EQ(lokal("2026-03-29T00:59:59.999999Z"), "2026-03-29T01:59:59.999999000");
    EXPECT_EQ(lokal("2026-03-29T01:00:00Z"), "2026-03-29T03:00:00.000000000");
    // The Sunday before is still winter time all day.
    EXPECT_EQ(lokal("2026-03-22T01:00:00Z"), "2026-03-22T02:00:00.000000000");
}

TEST(Tidspunkt, OsloLocalTimeRepeatsTwoOClockAtOneUtcOnTheLastSundayOfOctober) {
    EXPECT_EQ(lokal("2026-10-25T00:30:00Z"), "2026-10-25T02:30:00.000000000");  // CEST
    EXPECT_EQ(lokal("2026-10-25T00:59:59.999999Z"), "2026-10-25T02:59:59.999999000");
    EXPECT_EQ(lokal("2026-10-25T01:00:00Z"), "2026-10-25T02:00:00.000000000");  // CET
    EXPECT_EQ(lokal("2026-10-25T01:30:00Z"), "2026-10-25T02:30:00.000000000");
}

TEST(Tidspunkt, OsloDatoTurnsAtLocalMidnightOnEitherSideOfEachChange) {
    // 29 March starts at 23:00 UTC the day before (still CET); 30 March at 22:00 UTC (CEST).
    EXPECT_EQ(oslo_dato("2026-03-28T22:59:59.999999Z"), "2026-03-28");
    EXPECT_EQ(oslo_dato("2026-03-28T23:00:00Z"), "2026-03-29");
    EXPECT_EQ(oslo_dato("2026-03-29T21:59:59.999999Z"), "2026-03-29");
    EXPECT_EQ(oslo_dato("2026-03-29T22:00:00Z"), "2026-03-30");
    // 25 October starts at 22:00 UTC the day before (still CEST); 26 October at 23:00 (CET).
    EXPECT_EQ(oslo_dato("2026-10-24T21:59:59.999999Z"), "2026-10-24");
    EXPECT_EQ(oslo_dato("2026-10-24T22:00:00Z"), "2026-10-25");
    EXPECT_EQ(oslo_dato("2026-10-25T22:59:59.999999Z"), "2026-10-25");
    EXPECT_EQ(oslo_dato("2026-10-25T23:00:00Z"), "2026-10-26");
}

TEST(Organisasjonsnummer, RejectsTenDigits) {
    EXPECT_FALSE(Organisasjonsnummer::parse("1234567890"));
    EXPECT_TRUE(Organisasjonsnummer::parse("123456789"));
    EXPECT_FALSE(Organisasjonsnummer::parse("123456789", true));
    EXPECT_TRUE(Organisasjonsnummer::parse("313367002", true));
}

TEST(Foedselsnummer, SyntheticNumbersPassMod11) {
    EXPECT_TRUE(mod11_gyldig_foedselsnummer("44926701751"));
    EXPECT_TRUE(mod11_gyldig_foedselsnummer("20463518646"));
    EXPECT_FALSE(mod11_gyldig_foedselsnummer("12345678901"));
}

TEST(Kid, AcceptsMod10OrMod11) {
    EXPECT_TRUE(Kid::parse("6487719756"));  // from the trekkpålegg example
    EXPECT_FALSE(Kid::parse("1"));
    EXPECT_FALSE(Kid::parse("12345678901234567890123456"));
}

TEST(Kontrollsiffer, MadeIdentifiersPassTheirOwnChecks) {
    char org[10] = "31047871";
    ASSERT_TRUE(fullfoer_orgnr(org));
    EXPECT_EQ(std::string(org, 9), "310478717");  // a documented synthetic organisation
    char fnr[12] = "449267017";
    ASSERT_TRUE(fullfoer_foedselsnummer(fnr));
    EXPECT_EQ(std::string(fnr, 11), "44926701751");  // a documented synthetic person
    int laget = 0;
    for (int i = 0; i < 2000; ++i) {
        char s[12];
        std::snprintf(s, sizeof s, "%09d", 10000000 + i * 37);
        if (fullfoer_foedselsnummer(s)) {
            ++laget;
            EXPECT_TRUE(mod11_gyldig_foedselsnummer(std::string_view(s, 11))) << s;
        }
    }
    EXPECT_GT(laget, 1000);  // most bodies have a valid pair of check digits
    char kid[16] = "123456789";
    fullfoer_kid_mod10(kid, 9);
    EXPECT_TRUE(kid_gyldig_mod10(std::string_view(kid, 10)));
}

TEST(Korrelasjonsid, NewIdsAreVersionFourUuids) {
    auto id = Korrelasjonsid::ny();
    EXPECT_TRUE(Korrelasjonsid::parse(id.str()));
    EXPECT_EQ(id.str()[14], '4');
}

TEST(FixedClock, MovesOnlyWhenTold) {
    FixedClock c(*Tidspunkt::parse("2025-01-01T00:00:00Z"));
    EXPECT_EQ(c.i_dag().str(), "2025-01-01");
    c.flytt_sekunder(86400);
    EXPECT_EQ(c.i_dag().str(), "2025-01-02");
}

TEST(StyrbarKlokke, IsSetAndMovedWhileFrozenOrRunning) {
    const auto t = *Tidspunkt::parse("2026-06-15T10:00:00Z");
    StyrbarKlokke frossen(t, true);
    EXPECT_EQ(frossen.naa(), t);
    frossen.flytt_mikros(86'400'000'000);
    EXPECT_EQ(frossen.i_dag().str(), "2026-06-16");
    frossen.sett(*Tidspunkt::parse("2027-01-01T00:00:00Z"));
    EXPECT_EQ(frossen.naa(), *Tidspunkt::parse("2027-01-01T00:00:00Z"));

    StyrbarKlokke gaar(t, false);
    const auto a = gaar.naa();
    EXPECT_GE(a, t);
    EXPECT_LT(a.mikros() - t.mikros(), 5'000'000);  // started at t, runs at real speed
    gaar.flytt_mikros(3'600'000'000);
    EXPECT_GE(gaar.naa().mikros() - a.mikros(), 3'600'000'000 - 2);
    // The shared form moves the same clock to another instance.
    StyrbarKlokke annen(*Tidspunkt::parse("2020-01-01T00:00:00Z"), false);
    annen.bruk(gaar.tilstand());
    EXPECT_LT(std::llabs(annen.naa().mikros() - gaar.naa().mikros()), 5'000'000);
    EXPECT_FALSE(annen.frossen());
}

TEST(VersionedCache, KeepsAValueOnlyWhileItsOwnVersionIsCurrent) {
    skd::VersionedCache<int> c(32);
    EXPECT_FALSE(c.find("a", 1));
    c.put("a", 1, 10);
    c.put("b", 7, 20);
    EXPECT_EQ(c.find("a", 1), 10);
    EXPECT_FALSE(c.find("a", 2));  // a newer version of a is not kept
    c.put("a", 2, 12);
    EXPECT_EQ(c.find("a", 2), 12);
    EXPECT_FALSE(c.find("a", 1));   // the old value is gone
    EXPECT_EQ(c.find("b", 7), 20);  // another key's version is its own
    EXPECT_EQ(c.hits(), 3u);
}

TEST(VersionedCache, PairVersionsMatchOnBothParts) {
    skd::VersionedCache<int, std::pair<std::int64_t, std::int64_t>> c(16);
    c.put("a", {1, 5}, 1);
    EXPECT_EQ(c.find("a", {1, 5}), 1);
    EXPECT_FALSE(c.find("a", {2, 5}));
    EXPECT_FALSE(c.find("a", {1, 6}));
}

TEST(VersionedCache, StaysBoundedAndZeroKeepsNothing) {
    skd::VersionedCache<int> c(16);  // one entry per shard
    for (int i = 0; i < 1000; ++i) c.put("k" + std::to_string(i), 1, i);
    int kept = 0;
    for (int i = 0; i < 1000; ++i) kept += c.find("k" + std::to_string(i), 1).has_value();
    EXPECT_LE(kept, 16);
    skd::VersionedCache<int> av(0);
    av.put("a", 1, 1);
    EXPECT_FALSE(av.find("a", 1));
}
