#include "apis/utleggsbegjaering/view.hpp"

#include "core/dato.hpp"

namespace skd::apis::utleggsbegjaering {

void KvitteringView::write(encoding::ViewWriter& w) const {
    w.begin_root("", "");
    w.string("eksternSaksreferanse", ekstern_saksreferanse);
    w.end_root();
}

void VedleggView::write(encoding::ViewWriter& w) const {
    w.begin_root("", "");
    w.string("uuid", uuid);
    w.string("filnavn", filnavn);
    w.string("status", status);
    w.end_root();
}

void SakView::write(encoding::ViewWriter& w) const {
    w.begin_root("", "");
    w.string("eksternSaksreferanse", sak.ekstern_saksreferanse);
    w.string("status", sak.status);
    w.string("innsender", sak.innsender);
    w.string("innsenderReferanse", sak.innsender_referanse);
    w.string("begjaeringsdato", sak.begjaeringsdato);
    w.string("opprettet", Tidspunkt::fra_mikros(sak.opprettet_us).utc_millis());
    w.integer("gjeldendeVersjon", sak.versjoner.empty() ? 0 : sak.versjoner.back().versjon);
    w.begin_array("versjoner", "versjon");
    for (const auto& v : sak.versjoner) {
        w.begin_item();
        w.integer("versjon", v.versjon);
        w.string("mottatt", Tidspunkt::fra_mikros(v.mottatt_us).utc_millis());
        w.string("apiVersjon", v.modell);
        w.end_item();
    }
    w.end_array();
    w.end_root();
}

}  // namespace skd::apis::utleggsbegjaering
