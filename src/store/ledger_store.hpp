// Reads of the ledger (reskontro) over either backend. Answers come from the read models the
// write path keeps (store/ledger_skriv.hpp, migration 006): the remaining amounts and
// categories are read, not derived per request, so an answer is a few indexed range reads over
// the rows it shows. Readers that need several statements pass one snapshot (Database::read).
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

// What a reader needs to know about a party before answering: whether it exists, whether it has
// any claims, whether it is shielded, and the versions its kept figures are valid for.
struct PartStatus {
    bool har_krav = false;
    bool skjermet = false;
    std::int64_t versjon = 0;  // the party's; bumped by every write touching its ledger
    std::int64_t epoke = 0;    // the whole ledger's; bumped by bulk loads and reference data
};

class LedgerStore {
public:
    explicit LedgerStore(Database& db) : db_(&db) {}
    Database& db() const { return *db_; }

    // The register entry (the calling thread's reader).
    std::optional<PartInfo> part(std::string_view identifikator) const;

    // The functions below read through `c`, normally the connection of a Database::read
    // snapshot, so an answer built from several of them is consistent.

    // One statement; nullopt when the party is unknown.
    std::optional<PartStatus> status(Connection& c, std::string_view part) const;
    // Restanser from the read model: the overdue, unpaid instalments (forfallsdato before i_dag)
    // summed per category — with the party's status, in one statement over one range of one
    // index. nullopt when the party is unknown.
    struct RestanserLesning {
        PartStatus status;
        ledger::Restanser restanser;
    };
    std::optional<RestanserLesning> restanser(Connection& c, std::string_view part,
                                              Dato i_dag) const;
    // Claims created in the period, with instalments and placements.
    std::vector<ledger::Krav> krav(Connection& c, std::string_view part, const Periode& p) const;
    // Claims with a remaining amount other than zero, with instalments and placements.
    std::vector<ledger::Krav> aapne_krav(Connection& c, std::string_view part) const;
    std::vector<ledger::Innbetaling> innbetalinger(Connection& c, std::string_view part,
                                                   const Periode& p) const;
    // Payments with an unplaced amount above zero.
    std::vector<ledger::Innbetaling> uplasserte_innbetalinger(Connection& c,
                                                              std::string_view part) const;
    std::vector<ledger::Utbetaling> utbetalinger(Connection& c, std::string_view part,
                                                 const Periode& p) const;
    std::vector<ledger::RenteSats> rentesatser(Connection& c) const;
    std::map<std::string, ledger::KravtypeKategori, std::less<>> kravtype_tabell(
        Connection& c) const;

    // The overdue instalments recomputed from the postings (kravforfall_saldo), for checking
    // the read model against: the property tests compare beregn_restanser over these with
    // restanser().
    std::vector<ledger::ForfaltPost> forfalte_poster_fra_posteringer(Connection& c,
                                                                     std::string_view part,
                                                                     Dato i_dag) const;

private:
    enum class Utvalg { Periode, Aapne };
    std::vector<ledger::Krav> krav_med_detaljer(Connection& c, std::string_view part, Utvalg u,
                                                const Periode* p) const;
    std::vector<ledger::Innbetaling> innbetalinger_med_plasseringer(Connection& c,
                                                                    std::string_view part, Utvalg u,
                                                                    const Periode* p) const;
    Database* db_;
};

}  // namespace skd::store
