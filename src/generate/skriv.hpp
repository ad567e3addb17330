// Writes a modelled party (generate/modell.hpp) through the ordinary write path — the ledger's
// LedgerSkriver, the trekkpålegg store's version rules and sequence numbers, the settlement
// store with its feed events — inside the caller's transaction, exactly as an import would.
// The sandbox's first touch uses it; the result shows up everywhere at once.
#pragma once

#include <string_view>

#include "core/dato.hpp"
#include "generate/modell.hpp"
#include "store/db.hpp"

namespace skd::generate {

// Creates the organisation (and an ENK's owner, if new) with its ledger and trekkpålegg.
// Returns false, writing nothing, when the party already exists (another request made it
// first).
bool skriv_organisasjon(store::Connection& c, const Organisasjon& o);

struct PersonValg {
    std::optional<std::string> skjerming;  // force a shielding (scenario identifiers)
    bool endret_oppgjoer = false;          // the latest settlement is changed once (ENDRET)
    bool gammelt_regelverk = false;        // locked to the old regime (utleggsbegjæring)
};

// Creates the person with a settlement for each income year of the model that has one, each
// appending its NY event (registered at `naa`); false, writing nothing, if it already exists.
bool skriv_person(store::Connection& c, const Modell& m, std::string_view foedselsnummer,
                  const PersonValg& valg, Tidspunkt naa);

}  // namespace skd::generate
