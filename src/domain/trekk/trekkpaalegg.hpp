// Trekkpålegg: immutable versions of a deduction order, their periods and the lifecycle rules of
// SPEC §4.3 as pure functions. "Today" is always a parameter: the caller decides whose clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/beloep.hpp"
#include "core/dato.hpp"

namespace skd::trekk {

enum class Trekkstatus { Aktiv, Avsluttet };

std::string_view tekst(Trekkstatus s);
std::optional<Trekkstatus> trekkstatus_fra(std::string_view s);

// A percentage in integer hundredths (17.0 % = 1700); no floating point on the data path.
class Prosent {
public:
    static constexpr Prosent fra_hundredeler(std::int64_t h) { return Prosent(h); }
    constexpr std::int64_t hundredeler() const { return h_; }
    // "17.0", "12.5", "33.33": at least one decimal, as the documented examples show.
    std::string desimal_tekst() const;
    constexpr auto operator<=>(const Prosent&) const = default;

private:
    constexpr explicit Prosent(std::int64_t h) : h_(h) {}
    std::int64_t h_ = 0;
};

// Parses a decimal number with at most two decimals ("17", "17.0", "4400.25") into hundredths.
// Rejects signs, exponents and more than two decimals, so nothing is rounded silently.
std::optional<std::int64_t> hundredeler_fra_tekst(std::string_view s);

struct TrekkstoerrelseForPeriode {
    Dato startdato = Dato::fra_dager(0);
    std::optional<Dato> sluttdato;
    // SPEC §4.3: exactly one of the two (checked by sjekk_felter).
    std::optional<Beloep> trekkbeloep;
    std::optional<Prosent> trekkprosent;
    bool operator==(const TrekkstoerrelseForPeriode&) const = default;
};

struct Betalingsinformasjon {
    std::string betalingsmottaker, kidnummer, kontonummer;
    bool operator==(const Betalingsinformasjon&) const = default;
};

// One version of a trekkpålegg, exactly as the API shows it.
struct Trekkpaalegg {
    std::string trekkid;
    std::int64_t trekkversjon = 1;
    std::int64_t sekvensnummer = 0;  // 0 until the store assigns it
    Tidspunkt opprettet;
    std::string saksnummer, trekkpliktig, skyldner;
    Trekkstatus trekkstatus = Trekkstatus::Aktiv;
    std::vector<TrekkstoerrelseForPeriode> perioder;
    Betalingsinformasjon betalingsinformasjon;
};

// Each check returns every broken rule as a precise Norwegian sentence; empty means valid.
using Regelbrudd = std::vector<std::string>;

// Rules one version satisfies on its own: identifier formats, KID check digit, exactly one of
// beløp/prosent, 0 <= prosent <= 100, beløp >= 0, startdato <= sluttdato, ordered periods.
Regelbrudd sjekk_felter(const Trekkpaalegg& t);

// SPEC §4.3: active while the last period's sluttdato has not passed; a last period ending
// today ends the order in the same version.
Trekkstatus forventet_status(const std::vector<TrekkstoerrelseForPeriode>& perioder, Dato i_dag);

struct Livslopsvalg {
    // Historical data (documented examples): skip the checks that compare with "today" and with
    // the previous version's opprettet; identity rules against the previous version still apply.
    bool historisk = false;
};

// Rules of a new version relative to the previous version of the same trekkid (nullptr for
// version 1) and to today's Norwegian date: trekkversjon +1, saksnummer/KID/parties unchanged,
// no new or moved startdato today or earlier, no sluttdato set backwards, status as derived.
Regelbrudd sjekk_livslop(const Trekkpaalegg& ny, const Trekkpaalegg* forrige, Dato i_dag,
                         Livslopsvalg valg = {});

// SPEC §4.3 midnight transition: an active order whose last period's sluttdato has passed
// (today in Norway is after it) gets a new version with status avsluttet.
bool skal_avsluttes(const Trekkpaalegg& siste, Dato i_dag);
// That new version; opprettet is the Norwegian midnight that ended the order [INFER], so every
// server instance that runs the transition produces the same version.
Trekkpaalegg avsluttet_versjon(const Trekkpaalegg& siste);

// The UTC instant of 00:00 Norwegian time on the given date.
Tidspunkt midnatt_oslo(Dato d);

}  // namespace skd::trekk
