#include "domain/ledger/ledger.hpp"

#include <gtest/gtest.h>

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

TEST(StipulerteRenter, AccruesDailyAcrossRateChanges) {
    std::vector<RenteSats> s{{d("2023-01-01"), 1000}, {d("2023-07-01"), 2000}};
    // 100 000 kr, 10 % for 1 day (2023-06-30) and 20 % for 1 day (2023-07-01).
    auto r =
        beregn_stipulerte_renter(Beloep::fra_kroner(100000), d("2023-06-29"), d("2023-07-01"), s);
    EXPECT_EQ(r.oere(), (10000000LL * 1000 + 10000000LL * 2000 + 365 * 10000 / 2) / (365 * 10000));
    EXPECT_EQ(beregn_stipulerte_renter(Beloep::fra_kroner(100), d("2023-07-01"), d("2023-07-01"), s)
                  .oere(),
              0);
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
