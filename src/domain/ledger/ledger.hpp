// The ledger (reskontro): Krav with Kravforfall, Innbetaling, Plassering, Utbetaling and
// interest. Remaining amounts are derived from original amounts and placements, never stored.
// Pure value types and functions: no I/O.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/beloep.hpp"
#include "core/dato.hpp"

namespace skd::ledger {

struct Konto {
    std::optional<std::string> kontoeiers_navn, bankinformasjon, kontonummer, iban, swift_bic;
};

struct BetaltFra {
    std::optional<std::string> kidnummer, melding_sendt_til_mottaker, kontoeiers_navn, kontonummer,
        valutakode;
};

struct Kravperiode {
    std::optional<std::string> beskrivelse, aar, fra_dato, til_dato, termin_teknisk_navn;
};

struct PlassertInnbetaling {
    std::string innbetalingsidentifikator;
    Beloep plassert;
    Dato plassert_dato = Dato::fra_dager(0);
    Dato innbetalingsdato = Dato::fra_dager(0);
    Beloep innbetalt;
    BetaltFra innbetalt_fra;
    std::optional<std::string> innbetalingstype;
};

struct PlassertMotkrav {
    std::string kravforfallsidentifikator;
    Beloep plassert;
    std::string kravtype;
    Dato plassert_dato = Dato::fra_dager(0);
    std::string kravbeskrivelse;
    Dato forfallsdato = Dato::fra_dager(0);
    Kravperiode kravperiode;
};

struct Kravforfall {
    std::int64_t id = 0;
    std::string kravforfallsidentifikator;
    Dato forfallsdato = Dato::fra_dager(0);
    Beloep opprinnelig;
    std::optional<std::string> kidnummer;
    Konto konto;
    std::vector<PlassertInnbetaling> plassert_innbetaling;
    std::vector<PlassertMotkrav> plassert_motkrav;
    // A credit claim (negative opprinnelig) is used up by being paid out to the party or by
    // being placed as a counter-claim on another instalment.
    Beloep utbetalt;
    Beloep brukt_som_motkrav;
    // The remaining amount as the ledger keeps it (the store's read model);
    // beregn_gjenstaaende() derives the same from the parts above, and the store's property
    // tests hold the two equal.
    Beloep gjenstaaende_beloep;

    Beloep plassert_sum() const;
    Beloep gjenstaaende() const { return gjenstaaende_beloep; }
    Beloep beregn_gjenstaaende() const {
        return opprinnelig - plassert_sum() + utbetalt + brukt_som_motkrav;
    }
};

struct Krav {
    std::int64_t id = 0;
    std::string krav_part;  // partIdentifikator shown (an ENK's owner may differ from the org)
    std::string kravidentifikator, kravtype, kravgruppe, kravbeskrivelse;
    std::optional<std::string> kravbeskrivelse_en, fastsettingsmaate, hovedstol_kravidentifikator;
    Kravperiode kravperiode;
    Dato opprettelsesdato = Dato::fra_dager(0);
    std::vector<Kravforfall> kravforfall;
    Beloep stipulerte_renter;  // estimated to "now" by beregn_stipulerte_renter

    Beloep opprinnelig() const;
    Beloep gjenstaaende() const;
};

struct PlassertKrav {
    std::string kravforfallidentifikator;
    Beloep plassert;
    Dato plassert_dato = Dato::fra_dager(0);
    std::string kravbeskrivelse;
    Dato kravforfallsdato = Dato::fra_dager(0);
    Beloep opprinnelig_kravforfallsbeloep, gjenstaaende_kravforfallsbeloep;
};

struct Innbetaling {
    std::int64_t id = 0;
    std::string part;  // partIdentifikator shown
    std::string innbetalingsidentifikator;
    Dato innbetalingsdato = Dato::fra_dager(0);
    Beloep innbetalt;
    std::vector<PlassertKrav> plassert_krav;
    std::optional<std::string> mottakers_kontonummer, innbetalingstype;
    BetaltFra innbetalt_fra;

    Beloep uplassert() const;
};

struct KreditKrav {
    std::string kravforfallidentifikator;
    Beloep opprinnelig, gjenstaaende, utbetalt;
    std::string kravbeskrivelse, kravtype;
    Kravperiode kravperiode;
};

struct Utbetaling {
    std::string part, utbetalingsidentifikator;
    Dato utbetaltdato = Dato::fra_dager(0);
    std::optional<std::string> melding_sendt_til_mottaker, kontoeiers_navn, kontonummer, valutakode;
    std::vector<KreditKrav> kredit_krav;
    std::string utbetalingstatus;

    Beloep utbetalt() const;  // the sum of the credit claims paid out
};

// ---- Interest ----

struct RenteSats {
    Dato fra = Dato::fra_dager(0);
    int basispunkter = 0;  // 1250 = 12.50 % per year
};

// Simple (non-compounding) forsinkelsesrente on `gjenstaaende` from the day after `forfallsdato`
// up to and including `i_dag`, day by day at the rate in force, actual/365; rounded half up
// to whole øre once at the end. Zero when not overdue or nothing remains.
Beloep beregn_stipulerte_renter(Beloep gjenstaaende, Dato forfallsdato, Dato i_dag,
                                const std::vector<RenteSats>& satser);

// ---- Restanser ----

inline constexpr std::array<std::string_view, 6> kRestanseKategorier = {
    "restskatt",          "forskuddstrekk", "merverdiavgift",
    "arbeidsgiveravgift", "gebyr",          "forskuddsskatt"};

struct KravtypeKategori {
    std::string kategori;
    bool er_rente = false;
};

// Where a claim counts in restanser: the category of its kravtype, or, for an interest claim,
// of its principal's kravtype; no category when the table does not know the kravtype.
struct RestansePlass {
    std::optional<std::string> kategori;
    bool er_rente = false;
    bool operator==(const RestansePlass&) const = default;
};
RestansePlass restanse_plass(std::string_view kravtype,
                             const std::optional<std::string>& hovedstol_kravtype,
                             const std::map<std::string, KravtypeKategori, std::less<>>& tabell);
// The index in kRestanseKategorier a category counts under; an unknown or missing category
// counts as "gebyr" [INFER].
std::size_t restanse_indeks(const std::optional<std::string_view>& kategori);

struct ForfaltPost {  // one overdue instalment with its remaining amount
    std::string kravtype;
    std::optional<std::string> hovedstol_kravtype;  // for interest claims
    Beloep gjenstaaende;
};

struct Restanse {
    Beloep krav, renter;
    Beloep sum() const { return krav + renter; }
};

struct Restanser {
    std::array<Restanse, 6> kategori;  // in kRestanseKategorier order
};

// Sums overdue, unpaid instalments per category. Interest claims count as `renter` in the
// category of their principal. Unknown kravtyper count as "gebyr" [INFER].
Restanser beregn_restanser(const std::vector<ForfaltPost>& poster,
                           const std::map<std::string, KravtypeKategori, std::less<>>& tabell);

// ---- Krav og betalinger totals ----

struct Oversikt {
    Beloep sum_stipulerte_renter, sum_forfalte_krav, sum_ikke_forfalte_krav,
        sum_uplasserte_innbetalinger;
    Beloep saldo() const {
        return sum_forfalte_krav + sum_ikke_forfalte_krav + sum_stipulerte_renter -
               sum_uplasserte_innbetalinger;
    }
};

struct OversiktPerKravgruppe {
    std::string kravgruppe;
    Oversikt oversikt;  // sum_uplasserte_innbetalinger is always zero here
};

// SPEC §3.3: totals equal the sums over the listed open claims and unplaced payments.
Oversikt beregn_total(const std::vector<Krav>& aapne, const std::vector<Innbetaling>& uplasserte,
                      Dato i_dag);
std::vector<OversiktPerKravgruppe> beregn_per_kravgruppe(const std::vector<Krav>& aapne,
                                                         Dato i_dag);

}  // namespace skd::ledger
