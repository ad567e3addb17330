// `skattedeling generate`: a coherent synthetic Norway, deterministic for a seed, written straight
// into the tables of store/tabeller.hpp through each backend's bulk loader.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace skd::store {
class BulkLoader;
}

namespace skd::generate {

struct GeneratorOptions {
    std::uint64_t seed = 1;
    std::int64_t persons = 10'000;
    std::int64_t orgs = 2'000;
    std::int64_t krav = 20'000;        // approximate total of krav (long-tail distributed)
    int foerste_inntektsaar = 2023;    // settlements for these income years...
    int siste_inntektsaar = 2025;      // ...all registered before `i_dag`
    std::string i_dag = "2026-06-15";  // "today" of the data (the bench/e2e server clock)
    std::vector<std::string> konsumenter = {"974761076"};            // orgs granted every package
    std::function<void(double andel, std::int64_t rader)> progress;  // may be empty
};

// Parties chosen deterministically so benchmarks and tests know whom to ask for.
struct GeneratorEksempler {
    std::string org_med_aapne_krav;  // exactly 50 open krav (aapnekrav, restanser, krav)
    std::string trekkpliktig;        // the largest employer (≥ 2,500 trekkpålegg versions)
    std::string person;              // a person with settlements for every generated year
};

struct GeneratorSummary {
    std::map<std::string, std::int64_t> rader;  // table → rows written
    std::int64_t totalt = 0;
    std::int64_t ledger_rader = 0;  // krav, kravforfall, innbetaling, plassering, utbetaling*
    double sekunder = 0;            // whole run, index builds included
    double ledger_sekunder = 0;     // the ledger phase alone
    std::uint64_t sjekksum = 0;     // FNV-1a over every value written, in order
    std::int64_t db_kontroll = 0;   // sums and counts read back from the database
    GeneratorEksempler eksempler;
};

// Appends the synthetic data through `sink` (a migrated database) and finishes the load.
// Throws DbError (or std::invalid_argument for bad options / a database that already holds
// this data).
GeneratorSummary run(store::BulkLoader& sink, const GeneratorOptions& o);

}  // namespace skd::generate
