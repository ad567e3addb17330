// The ledger's one write path. Every write of postings — the import, a party created on first
// touch, the sandbox's own writes — goes through LedgerSkriver, inside the caller's
// transaction, and keeps the read models of migration 006 in step with the postings: the
// remaining amount of each kravforfall and krav, the unplaced amount of each payment, the
// restanser category of each instalment and the version of every party touched.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "core/beloep.hpp"
#include "core/dato.hpp"
#include "domain/ledger/ledger.hpp"
#include "store/db.hpp"

namespace skd::store {

// A write refused for its content (an amount out of bounds — |amount| < Beloep::kGrenseOere
// wherever an amount enters the ledger, so sums over a party can never overflow — a placement of
// nothing); nothing of the caller's transaction may be committed after it.
struct UgyldigSkriving : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

struct NyPart {
    std::string identifikator;
    std::optional<std::string> navn, skjerming, eier;
    bool er_person = false, er_enk = false, er_hovedenhet = true, er_inkassobyraa = false,
         gammelt_regelverk = false;
};

struct NyttKrav {
    std::string part, krav_part;  // whose ledger; the partIdentifikator shown (ENK owner)
    std::string kravidentifikator, kravtype, kravgruppe, kravbeskrivelse;
    std::optional<std::string> kravbeskrivelse_en, fastsettingsmaate, hovedstol_kravidentifikator;
    ledger::Kravperiode kravperiode;
    Dato opprettelsesdato = Dato::fra_dager(0);
};

struct NyttKravforfall {
    std::string kravforfallsidentifikator;
    Dato forfallsdato = Dato::fra_dager(0);
    Beloep opprinnelig;
    std::optional<std::string> kidnummer;
    ledger::Konto konto;
};

struct NyInnbetaling {
    std::string part, betaler_part, innbetalingsidentifikator;
    Dato innbetalingsdato = Dato::fra_dager(0);
    Beloep beloep;
    std::optional<std::string> innbetalingstype, mottakers_kontonummer;
    ledger::BetaltFra innbetalt_fra;
};

struct NyUtbetaling {
    std::string part, utbetalt_til_part, utbetalingsidentifikator;
    Dato utbetaltdato = Dato::fra_dager(0);
    std::optional<std::string> melding, kontoeiers_navn, kontonummer, valutakode;
    std::string utbetalingstatus = "bekreftet";
};

// Not thread-safe; one per transaction. Throws DbError for the database's own failures and
// UgyldigSkriving for content; either way the caller must roll back.
class LedgerSkriver {
public:
    explicit LedgerSkriver(Connection& c) : c_(c) {}

    // Creates or replaces a party's register entry.
    void part(const NyPart& p);
    // Creates the party only if it does not exist; false if it did (or another transaction
    // created it first: on PostgreSQL this waits for that transaction).
    bool ny_part(const NyPart& p);
    // Returns the new row's id.
    std::int64_t krav(const NyttKrav& k);
    std::int64_t kravforfall(std::int64_t krav_id, const NyttKravforfall& f);
    std::int64_t innbetaling(const NyInnbetaling& i);
    // A payment (or part of it) placed on an instalment.
    void plasser_innbetaling(std::int64_t kravforfall_id, std::int64_t innbetaling_id,
                             Beloep beloep, Dato plassert_dato);
    // A credit instalment (motkrav) placed as a counter-claim on another instalment.
    void plasser_motkrav(std::int64_t kravforfall_id, std::int64_t motkrav_kravforfall_id,
                         Beloep beloep, Dato plassert_dato);
    std::int64_t utbetaling(const NyUtbetaling& u);
    // A credit instalment paid out (part of an utbetaling).
    void utbetal(std::int64_t utbetaling_id, std::int64_t kravforfall_id, Beloep beloep);

    // Reference data. A changed category moves every instalment of that kravtype (and the
    // interest claims on such principals) to its new category.
    void kravtype(std::string_view kravtype, std::string_view kategori, bool er_rente);
    void rentesats(Dato fra, int basispunkter);

    std::optional<std::int64_t> krav_id(std::string_view part, std::string_view kravidentifikator,
                                        std::string_view krav_part);
    std::optional<std::int64_t> kravforfall_id(std::string_view kravforfallsidentifikator);
    std::optional<std::int64_t> innbetaling_id(std::string_view part,
                                               std::string_view innbetalingsidentifikator,
                                               std::string_view betaler_part);

    // Bumps the version of every party touched (and the global epoch after reference-data
    // changes). Call once, last, before the commit.
    void fullfoer();

private:
    // A claim this writer wrote: what kravforfall() would otherwise read back. `hovedstol` is
    // the principal's kravtype, known when the principal is also this writer's or the party is
    // new (see nye_parter_).
    struct SkrevetKrav {
        std::string part, kravtype;
        std::optional<std::string> hovedstol;
        bool hovedstol_kjent = true;
    };
    using Noekkel = std::tuple<std::string, std::string, std::string>;  // part, krav_part, ident

    void beroert(std::string_view part) { parter_.emplace(part); }
    void kategoriser_krav(std::int64_t krav_id);
    const std::map<std::string, ledger::KravtypeKategori, std::less<>>& tabell();

    Connection& c_;
    std::set<std::string, std::less<>> parter_;
    // Parties this writer made: every claim of theirs is in skrevne_krav_, so looking their
    // claims up again takes no statement (a sandbox first touch writes hundreds of postings).
    std::set<std::string, std::less<>> nye_parter_;
    std::map<std::int64_t, SkrevetKrav> skrevne_krav_;
    std::map<Noekkel, std::int64_t> krav_etter_ident_;
    std::multimap<Noekkel, std::int64_t> renter_etter_hovedstol_;
    std::optional<std::map<std::string, ledger::KravtypeKategori, std::less<>>> tabell_;
    bool referansedata_endret_ = false;
    bool kategori_laast_ = false;  // the category lock (ledger_skriv.cpp) is held
};

// Recomputes every read model of the whole ledger from the postings (migration 006 and bulk
// loads that write postings only). Set-based; inside the caller's transaction.
void beregn_lesemodeller(Connection& c);

// Every difference between the kept read models and a recomputation from the postings, as
// readable lines (empty = none). For the property tests and for operators.
std::vector<std::string> avvik_i_lesemodeller(Connection& c);

}  // namespace skd::store
