// Reads and writes of the ledger (reskontro) over either backend. Every figure the APIs show
// is derived here or in domain/ledger from original amounts and placements.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/ledger/ledger.hpp"
#include "store/db.hpp"

namespace skd::store {

struct PartInfo {
    std::string identifikator;
    std::optional<std::string> navn, skjerming, eier;
    bool er_person = false, er_enk = false, er_hovedenhet = true, er_inkassobyraa = false,
         gammelt_regelverk = false;
    bool skjermet() const { return skjerming.has_value(); }
};

struct Periode {
    Dato fra_og_med, til_og_med;
};

class LedgerStore {
public:
    explicit LedgerStore(Database& db) : db_(db) {}

    std::optional<PartInfo> part(std::string_view identifikator) const;
    bool har_krav(std::string_view part) const;
    // The ledger's version: changes with every committed import or generator run.
    std::int64_t versjon() const;

    // Overdue instalments (forfallsdato before i_dag) with their remaining amounts.
    std::vector<ledger::ForfaltPost> forfalte_poster(std::string_view part, Dato i_dag) const;
    // Claims with instalments and placements, optionally only those created in the period.
    std::vector<ledger::Krav> krav(std::string_view part, const std::optional<Periode>& p) const;
    std::vector<ledger::Innbetaling> innbetalinger(std::string_view part,
                                                   const std::optional<Periode>& p) const;
    std::vector<ledger::Utbetaling> utbetalinger(std::string_view part, const Periode& p) const;

    std::vector<ledger::RenteSats> rentesatser() const;
    std::map<std::string, ledger::KravtypeKategori, std::less<>> kravtype_tabell() const;

private:
    Database& db_;
};

}  // namespace skd::store
