#include "domain/ledger/ledger.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

using namespace skd;
using namespace skd::ledger;

namespace {
Dato d(const char* s) {
    return *Dato::parse(s);
}
}  // namespace

TEST(Kravforfall, GjenstaaendeBeloepSubtractsPlasseringer) {
    Kravforfall f;
    f.opprinnelig = Beloep::fra_kroner(1000);
    f.plassert_innbetaling.push_back(
        {"i1", Beloep::fra_kroner(300), d("2023-01-01"), d("2023-01-01"), {}, {}, {}});
    f.plassert_motkrav.push_back(
        {"m1", Beloep::fra_kroner(200), "RESTSKATT", d("2023-01-02"), "x", d("2023-01-01"), {}});
    EXPECT_EQ(f.beregn_gjenstaaende(), Beloep::fra_kroner(500));
}

// The largest amounts at the highest rate for a century stay exact or are refused, never wrap.
TEST(StipulerteRenter, ExtremeAmountsAreExactOrRefused) {
    const std::vector<RenteSats> s = {{d("1990-01-01"), 100'000}};
    const auto grense = Beloep::fra_oere(Beloep::kGrenseOere - 1);
    const auto r = beregn_stipulerte_renter(grense, d("1999-12-31"), d("2000-12-31"), s);
    EXPECT_GT(r.oere(), grense.oere());  // 1,000 % for 366 days
    EXPECT_THROW(
        beregn_stipulerte_renter(Beloep::fra_oere(std::numeric_limits<std::int64_t>::max()),
                                 d("1990-01-01"), d("2089-12-31"), s),
        std::overflow_error);
}

TEST(StipulerteRenter, OneDayAtEachRateAroundAChangeOnTheFirstOfJuly) {
    std::vector<RenteSats> s{{d("2023-01-01"), 1000}, {d("2023-07-01"), 2000}};
    // 100 000 kr, 10 % for 1 day (2023-06-30) and 20 % for 1 day (2023-07-01).
    auto r =
        beregn_stipulerte_renter(Beloep::fra_kroner(100000), d("2023-06-29"), d("2023-07-01"), s);
    EXPECT_EQ(r.oere(), (10000000LL * 1000 + 10000000LL * 2000 + 365 * 10000 / 2) / (365 * 10000));
    EXPECT_EQ(beregn_stipulerte_renter(Beloep::fra_kroner(100), d("2023-07-01"), d("2023-07-01"), s)
                  .oere(),
              0);
}

// Hand-computed interest. The rule (ledger.hpp): simple interest, actual/365, day by day at the
// rate in force, from the day after forfallsdato up to and including i_dag, rounded half up to
// whole øre once at the end:  renter = round(øre × basispunkter × dager / (365 × 10 000)).

TEST(StipulerteRenter, ThirtyDaysAtTwelveAndAHalfPercentOnTenThousandKroner) {
    // 2025-01-02 .. 2025-01-31 = 30 days.
    // 1 000 000 øre × 1250 bp × 30 = 37 500 000 000; / 3 650 000 = 10 273.97… → 10 274 øre.
    std::vector<RenteSats> s{{d("2024-07-01"), 1250}};
    EXPECT_EQ(
        beregn_stipulerte_renter(Beloep::fra_kroner(10000), d("2025-01-01"), d("2025-01-31"), s)
            .oere(),
        10274);
}

TEST(StipulerteRenter, ExactlyHalfAnOereRoundsUpAndJustBelowHalfRoundsDown) {
    // 73 days (2025-01-02 .. 2025-03-15: 30 + 28 + 15) at 12.50 %:
    // øre × 1250 × 73 / 3 650 000 = øre × 91 250 / 3 650 000 = øre / 40.
    std::vector<RenteSats> s{{d("2024-07-01"), 1250}};
    auto renter = [&](std::int64_t oere) {
        return beregn_stipulerte_renter(Beloep::fra_oere(oere), d("2025-01-01"), d("2025-03-15"), s)
            .oere();
    };
    EXPECT_EQ(renter(100'000), 2500);  // 100 000 / 40 = 2 500 exactly
    EXPECT_EQ(renter(100'020), 2501);  // 100 020 / 40 = 2 500.5   → up
    EXPECT_EQ(renter(100'019), 2500);  // 100 019 / 40 = 2 500.475 → down
    EXPECT_EQ(renter(100'021), 2501);  // 100 021 / 40 = 2 500.525 → up
    EXPECT_EQ(renter(20), 1);          // 20 / 40 = 0.5 → 1
    EXPECT_EQ(renter(19), 0);          // 19 / 40 = 0.475 → 0
}

TEST(StipulerteRenter, RateChangeInsideThePeriodIsAppliedFromItsDayAndRoundedOnce) {
    // 50 000 kr from 2025-01-01 to 2025-02-09 (40 days); 12.50 % until 2025-01-19 (19 days),
    // 13.25 % from 2025-01-20 (12 days in January + 9 in February = 21 days).
    // 5 000 000 × (1250 × 19 + 1325 × 21) = 5 000 000 × 51 575 = 257 875 000 000;
    // / 3 650 000 = 70 650.68… → 70 651 øre.
    // (Rounding each rate's part alone would give 32 534 + 38 116 = 70 650: one øre less.)
    std::vector<RenteSats> s{{d("2024-07-01"), 1250}, {d("2025-01-20"), 1325}};
    EXPECT_EQ(
        beregn_stipulerte_renter(Beloep::fra_kroner(50000), d("2024-12-31"), d("2025-02-09"), s)
            .oere(),
        70651);
    // The change on the first day of interest: all 21 days at 13.25 %.
    // 5 000 000 × 1325 × 21 = 139 125 000 000; / 3 650 000 = 38 116.44… → 38 116 øre.
    EXPECT_EQ(
        beregn_stipulerte_renter(Beloep::fra_kroner(50000), d("2025-01-19"), d("2025-02-09"), s)
            .oere(),
        38116);
}

TEST(StipulerteRenter, LeapDayCountsAsADayOfAThreeHundredSixtyFiveDayYear) {
    // 2024-02-29 and 2024-03-01: 2 days, still / 365.
    // 1 000 000 × 1000 × 2 = 2 000 000 000; / 3 650 000 = 547.95… → 548 øre.
    std::vector<RenteSats> s{{d("2024-01-01"), 1000}};
    EXPECT_EQ(
        beregn_stipulerte_renter(Beloep::fra_kroner(10000), d("2024-02-28"), d("2024-03-01"), s)
            .oere(),
        548);
}

TEST(StipulerteRenter, NothingIsOwedBeforeTheDayAfterForfallOrOnNothingRemaining) {
    std::vector<RenteSats> s{{d("2024-01-01"), 1000}};
    const auto b = Beloep::fra_kroner(10000);
    EXPECT_EQ(beregn_stipulerte_renter(b, d("2025-01-01"), d("2025-01-01"), s).oere(), 0);
    EXPECT_EQ(beregn_stipulerte_renter(b, d("2025-01-02"), d("2025-01-01"), s).oere(), 0);
    // One day: 1 000 000 × 1000 / 3 650 000 = 273.97… → 274 øre.
    EXPECT_EQ(beregn_stipulerte_renter(b, d("2024-12-31"), d("2025-01-01"), s).oere(), 274);
    EXPECT_EQ(beregn_stipulerte_renter(Beloep{}, d("2024-01-01"), d("2025-01-01"), s).oere(), 0);
    EXPECT_EQ(beregn_stipulerte_renter(-b, d("2024-01-01"), d("2025-01-01"), s).oere(), 0);
    EXPECT_EQ(beregn_stipulerte_renter(b, d("2024-01-01"), d("2025-01-01"), {}).oere(), 0);
}

TEST(Restanser, InterestCountsInPrincipalCategory) {
    std::map<std::string, KravtypeKategori, std::less<>> t{
        {"ARBGAVG", {"arbeidsgiveravgift", false}}, {"Forsinkelsesrente", {"rente", true}}};
    auto r = beregn_restanser({{"ARBGAVG", std::nullopt, Beloep::fra_kroner(100)},
                               {"Forsinkelsesrente", "ARBGAVG", Beloep::fra_kroner(7)},
                               {"UKJENT", std::nullopt, Beloep::fra_kroner(5)}},
                              t);
    EXPECT_EQ(r.kategori[3].krav, Beloep::fra_kroner(100));
    EXPECT_EQ(r.kategori[3].renter, Beloep::fra_kroner(7));
    EXPECT_EQ(r.kategori[4].krav, Beloep::fra_kroner(5));
}

TEST(Oversikt, SaldoIsOpenClaimsPlusInterestMinusUnplaced) {
    Krav k;
    k.kravgruppe = "Skatt";
    k.stipulerte_renter = Beloep::fra_kroner(20);
    Kravforfall a, b;
    a.forfallsdato = d("2023-01-01");
    a.opprinnelig = Beloep::fra_kroner(1000);
    b.forfallsdato = d("2024-01-01");
    b.opprinnelig = Beloep::fra_kroner(500);
    a.gjenstaaende_beloep = a.opprinnelig;
    b.gjenstaaende_beloep = b.opprinnelig;
    k.kravforfall = {a, b};
    Innbetaling i;
    i.innbetalt = Beloep::fra_kroner(50);
    auto o = beregn_total({k}, {i}, d("2023-06-01"));
    EXPECT_EQ(o.sum_forfalte_krav, Beloep::fra_kroner(1000));
    EXPECT_EQ(o.sum_ikke_forfalte_krav, Beloep::fra_kroner(500));
    EXPECT_EQ(o.saldo(), Beloep::fra_kroner(1470));
    EXPECT_EQ(beregn_per_kravgruppe({k}, d("2023-06-01")).at(0).oversikt.saldo(),
              Beloep::fra_kroner(1520));
}
