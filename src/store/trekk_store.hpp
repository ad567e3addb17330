// Trekkpålegg versions over either backend. Every write takes the next global sekvensnummer
// under the `sekvens` row lock first, so versions become visible in sekvensnummer order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/trekk/trekkpaalegg.hpp"
#include "store/db.hpp"

namespace skd::store {

// A version the lifecycle rules reject; nothing was written.
struct TrekkAvvist {
    trekk::Regelbrudd brudd;
    std::string melding() const;  // the breaches joined with "; "
};

class TrekkStore {
public:
    explicit TrekkStore(Database& db) : db_(db) {}

    // Latest version of every trekkpålegg of the trekkpliktig, ascending by sekvensnummer.
    std::vector<trekk::Trekkpaalegg> gjeldende(std::string_view trekkpliktig) const;
    // SPEC §4.2 paging: versions with sekvensnummer > etter (exclusive), ascending, at most maks.
    std::vector<trekk::Trekkpaalegg> versjoner_etter(std::string_view trekkpliktig,
                                                     std::int64_t etter, std::int64_t maks) const;
    // One version, only if it belongs to the trekkpliktig.
    std::optional<trekk::Trekkpaalegg> versjon(std::string_view trekkpliktig,
                                               std::string_view trekkid,
                                               std::int64_t trekkversjon) const;

    // The same three answers as the stored JSON objects of the versions (column visning,
    // store/trekk_visning.hpp), for answers that splice them: each is passed to `hver` in
    // sekvensnummer order and is valid only during that call. Read from one index that holds
    // the text, so a page is one range read and no row is parsed.
    using VisningFn = std::function<void(std::string_view)>;
    void gjeldende_visninger(std::string_view trekkpliktig, const VisningFn& hver) const;
    void visninger_etter(std::string_view trekkpliktig, std::int64_t etter, std::int64_t maks,
                         const VisningFn& hver) const;
    std::optional<std::string> visning(std::string_view trekkpliktig, std::string_view trekkid,
                                       std::int64_t trekkversjon) const;
    // Whether the trekkpliktig has any version of the trekkid.
    bool har_trekkid(std::string_view trekkpliktig, std::string_view trekkid) const;

    // Writes a new version in its own transaction after the field and lifecycle rules, with
    // "today" = the Norwegian date of ny.opprettet. Returns the stored version (sekvensnummer set).
    Result<trekk::Trekkpaalegg, TrekkAvvist> lagre(trekk::Trekkpaalegg ny,
                                                   trekk::Livslopsvalg valg = {});

    // The midnight transition (SPEC §4.3) as the scheduled job `trekk_midnatt` (app/jobber), in
    // one write transaction: locks the job's row in `jobb`, and if its siste_dato is already
    // i_dag does nothing. Otherwise writes, for every active order whose last period's sluttdato
    // is before i_dag, the version with status avsluttet, stamped at the Norwegian midnight that
    // started the day after that sluttdato (trekk::avsluttet_versjon), in the order of those
    // stamps so sekvensnummer follows time; then sets siste_dato to i_dag. Runs on several
    // threads or instances sharing one database write each version once.
    struct Midnattsresultat {
        bool kjoert = false;      // false: the job had already run for i_dag
        std::int64_t antall = 0;  // versions written
    };
    Midnattsresultat midnattsjobb(Dato i_dag);

private:
    Database& db_;
};

// The stored form of a version's periods (column trekkpaalegg.perioder); bulk loads write the
// same.
std::string perioder_json(const std::vector<trekk::TrekkstoerrelseForPeriode>& perioder);

// Migration 007: renders the visning of every version written before the column existed.
void beregn_trekkvisninger(Connection& c);

// The write inside a caller's transaction (import): the next sekvensnummer, the previous
// version read under that lock, the rules, the insert. Throws nothing for rule breaches; the
// caller must roll back when an error is returned, since the sekvensnummer was already taken.
Result<trekk::Trekkpaalegg, TrekkAvvist> lagre_trekkversjon(Connection& c, trekk::Trekkpaalegg ny,
                                                            trekk::Livslopsvalg valg);

}  // namespace skd::store
