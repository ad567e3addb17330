// The synthetic Norway's per-party model. A seed and an identifier decide everything about a
// party — its register entry, its ledger, an employer's trekkpålegg, a person's settlements — so
// the same identifier gives the same data in a bulk load (`skattedeling generate`) and on first
// touch in the sandbox, on every instance and after every restart, on either backend. Pure: no
// I/O, no clock (the data's "today" is a parameter).
//
// The mix (docs/synthetic-data.md): every organisation has a ledger history; about seven in ten
// owe nothing overdue, one in four a little, and a long tail (Pareto) owes much; VAT and employer
// contributions dominate; about one employer in ten has trekkpålegg; about one person in two
// hundred is shielded (fortrolig or strengt fortrolig).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/beloep.hpp"
#include "core/dato.hpp"
#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"
#include "domain/trekk/trekkpaalegg.hpp"
#include "store/ledger_skriv.hpp"

namespace skd::generate {

// Deterministic randomness: one stream per (seed, kind, key), so a party's data does not depend
// on the order parties are made in.
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t kind, std::uint64_t key);
    std::uint64_t next();
    double uni();                                          // [0, 1)
    std::int64_t range(std::int64_t lo, std::int64_t hi);  // inclusive
    bool p(double x) { return uni() < x; }

private:
    std::uint64_t s_;
};

// A stable 64-bit key of an identifier (FNV-1a), for seeding its streams.
std::uint64_t noekkel(std::string_view identifikator);

// Valid synthetic identifiers (SPEC §1.8; mod-11 valid, persons with month + 80).
std::string syntetisk_orgnr(std::int64_t nr);  // nr-th number from 200000000 upward
// A person picked by `r`: born 1940–1999, a valid individnummer.
std::string syntetisk_foedselsnummer(Rng& r);

// What decides a party beyond its identifier. Bulk loads use the first two for the parties
// benchmarks ask for; the sandbox maps scenario identifiers to the rest.
enum class Profil {
    Vanlig,
    FemtiAapneKrav,    // exactly 50 open claims (restanser, aapnekrav and krav benchmarks)
    StorArbeidsgiver,  // an employer with 2,600 trekkpålegg (pages of 2500)
    TusenvisAvKrav,    // thousands of claims
    Enk,               // an enkeltpersonforetak with an owner
    Underenhet,        // a subunit (not hovedenhet)
    Inkassobyraa,      // a licensed collection agency
    GammeltRegelverk,  // locked to the old regime (utleggsbegjæring answers 422)
};

struct Modell {
    std::uint64_t seed = 1;
    Dato i_dag = Dato::fra_dager(0);  // the data's "today"
    int foerste_inntektsaar = 2023, siste_inntektsaar = 2025;
    double krav_per_org = 6;  // the mean of the long tail of claims per organisation
    // Every organisation is an employer with trekkpålegg (the sandbox: any consumer asking the
    // trekkpålegg API finds orders); otherwise about one in ten.
    bool alle_er_arbeidsgivere = false;
    // The persons the model names (ENK owners, trekk debtors), picked by a random number: a bulk
    // load passes its own population; empty = any synthetic person (first touch).
    std::function<std::string(std::uint64_t)> velg_person;
};

struct Betaling {
    store::NyInnbetaling innbetaling;  // placed in full on its instalment
    Dato plassert_dato = Dato::fra_dager(0);
};

struct ModellKravforfall {
    store::NyttKravforfall forfall;
    std::vector<Betaling> betalinger;
};

struct ModellKrav {
    store::NyttKrav krav;
    std::vector<ModellKravforfall> forfall;
};

// A credit claim paid out to the party in full.
struct ModellUtbetaling {
    ModellKrav kreditkrav;  // one instalment, negative amount
    store::NyUtbetaling utbetaling;
};

struct Organisasjon {
    store::NyPart part;
    std::optional<store::NyPart> eier;  // an ENK's owner
    std::vector<ModellKrav> krav;       // interest claims after their principal
    std::vector<ModellUtbetaling> utbetalinger;
    std::vector<trekk::Trekkpaalegg> trekk;  // every version, in opprettet order; no sekvensnummer
};

Organisasjon organisasjon(const Modell& m, std::string_view orgnr, Profil profil = Profil::Vanlig);

// A person's register entry; `skjerming` forces a shielding, otherwise the model decides.
store::NyPart person(const Modell& m, std::string_view foedselsnummer,
                     std::optional<std::string> skjerming = std::nullopt,
                     bool gammelt_regelverk = false);

// The person's settlement for an income year, if there is one (about nine years in ten), as
// settled some day in the season after the year; `ajourholdstidspunkt` set from 2024.
// `alltid`: a settlement even in a year the model would leave without (bulk example person).
std::optional<skatteoppgjoer::Skatteoppgjoer> oppgjoer(const Modell& m,
                                                       std::string_view foedselsnummer, int aar,
                                                       bool alltid = false);
// A later change of that settlement (the feed's ENDRET), for the "changed settlement" scenario.
skatteoppgjoer::Skatteoppgjoer endret_oppgjoer(const skatteoppgjoer::Skatteoppgjoer& s);

}  // namespace skd::generate
