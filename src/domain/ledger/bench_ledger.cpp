// Cost of the ledger aggregations behind restanser and krav og betalinger: overdue instalments
// summed per category, and forsinkelsesrente accrued day by day across rate changes.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "domain/ledger/ledger.hpp"

namespace {

using namespace skd;
using namespace skd::ledger;

const std::map<std::string, KravtypeKategori, std::less<>>& tabell() {
    static const std::map<std::string, KravtypeKategori, std::less<>> t{
        {"RESTSKATT", {"restskatt", false}},   {"FORSKUDDSTREKK", {"forskuddstrekk", false}},
        {"MVA", {"merverdiavgift", false}},    {"ARBGAVG", {"arbeidsgiveravgift", false}},
        {"GEBYR", {"gebyr", false}},           {"FORSKUDDSSKATT", {"forskuddsskatt", false}},
        {"Forsinkelsesrente", {"rente", true}}};
    return t;
}

void BM_BeregnRestanser(benchmark::State& state) {
    static const char* const typer[] = {"RESTSKATT", "FORSKUDDSTREKK", "MVA",   "ARBGAVG",
                                        "GEBYR",     "FORSKUDDSSKATT", "UKJENT"};
    std::vector<ForfaltPost> poster;
    for (int i = 0; i < state.range(0); ++i) {
        if (i % 4 == 3)
            poster.push_back(
                {"Forsinkelsesrente", std::string(typer[i % 6]), Beloep::fra_oere(1234 + i)});
        else
            poster.push_back({typer[i % 7], std::nullopt, Beloep::fra_oere(100000 + i)});
    }
    for (auto _ : state) benchmark::DoNotOptimize(beregn_restanser(poster, tabell()));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BeregnRestanser)->Arg(10)->Arg(1000);

void BM_StipulerteRenter(benchmark::State& state) {
    // A new rate every half year, as the forsinkelsesrente changes on 1 January and 1 July.
    const std::vector<RenteSats> satser{{*Dato::parse("2024-01-01"), 1225},
                                        {*Dato::parse("2024-07-01"), 1250},
                                        {*Dato::parse("2025-01-01"), 1250},
                                        {*Dato::parse("2025-07-01"), 1200}};
    const auto forfall = *Dato::parse("2024-02-15");
    const auto i_dag = Dato::fra_dager(forfall.dager_siden_epoch() + state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            beregn_stipulerte_renter(Beloep::fra_kroner(250000), forfall, i_dag, satser));
}
BENCHMARK(BM_StipulerteRenter)->Arg(30)->Arg(365)->Arg(700);

}  // namespace

BENCHMARK_MAIN();
