#include "apis/restanser/view.hpp"

namespace skd::apis::restanser {

namespace {
// SPEC §2.3: merverdiavgift shows no interest field in the documented example (which has no
// interest on VAT). [INFER] We keep that shape when the interest is zero, and show the field
// when there is interest, so forfaltOgUbetalt = Krav + Renter always holds in what is shown.
constexpr bool kRenterAlltid[] = {true, true, false, true, true, true};
}  // namespace

void RestanserView::write(encoding::ViewWriter& w) const {
    // [INFER] XML root and namespace follow the documented pattern; published in docs/xsd.
    w.begin_root("restanser", "urn:no:skatteetaten:innkreving:restanser:v2");
    w.begin_object("restanser");
    for (std::size_t i = 0; i < ledger::kRestanseKategorier.size(); ++i) {
        const auto& r = restanser.kategori[i];
        w.begin_object(ledger::kRestanseKategorier[i]);
        if (alle_felt) {
            if (kRenterAlltid[i] || r.renter.kroner_avrundet() != 0)
                w.integer("forfaltOgUbetaltRenter", r.renter.kroner_avrundet());
            w.integer("forfaltOgUbetaltKrav", r.krav.kroner_avrundet());
        }
        w.integer("forfaltOgUbetalt", r.krav.kroner_avrundet() + r.renter.kroner_avrundet());
        w.end_object();
    }
    w.end_object();
    w.string("levert", levert.oslo_lokal_nanos());
    w.string("forespurteOrganisasjon", forespurte_organisasjon);
    w.end_root();
}

}  // namespace skd::apis::restanser
