// Krav og betalinger response models (SPEC §3.3), spelled exactly as documented – including
// innbetalingsIdentifikator (PlassertInnbetaling) next to innbetalingsidentifikator (Innbetaling).
// Amounts are decimal kroner (10000.0).
#pragma once

#include <string>
#include <vector>

#include "domain/ledger/ledger.hpp"
#include "encoding/view_writer.hpp"
#include "store/ledger_store.hpp"

namespace skd::apis::kravogbetalinger {

// Skjerming (SPEC §1.6): for shielded parties geolocating details (bank address, account
// holder names) are left out; every amount stays.
struct Visning {
    std::string part;
    bool skjermet = false;
};

struct AapneKravView {
    Visning v;
    const std::vector<ledger::Krav>& krav;
    const std::vector<ledger::Innbetaling>& innbetalinger;
    ledger::Oversikt total;
    const std::vector<ledger::OversiktPerKravgruppe>& per_gruppe;
    void write(encoding::ViewWriter& w) const;
};

struct KravView {
    Visning v;
    store::Periode periode;
    const std::vector<ledger::Krav>& krav;
    void write(encoding::ViewWriter& w) const;
};

struct InnbetalingerView {
    Visning v;
    store::Periode periode;
    const std::vector<ledger::Innbetaling>& innbetalinger;
    void write(encoding::ViewWriter& w) const;
};

struct UtbetalingerView {
    Visning v;
    store::Periode periode;
    const std::vector<ledger::Utbetaling>& utbetalinger;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::kravogbetalinger
