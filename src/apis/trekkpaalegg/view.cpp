#include "apis/trekkpaalegg/view.hpp"

namespace skd::apis::trekkpaalegg {

namespace {

// The members of one Trekkpaalegg object, in the order of the documented examples' model table.
void write_felter(encoding::ViewWriter& w, const trekk::Trekkpaalegg& t) {
    w.string("trekkid", t.trekkid);
    w.integer("trekkversjon", t.trekkversjon);
    w.integer("sekvensnummer", t.sekvensnummer);
    // SPEC ambiguity 6: a UTC date-time with Z (NAV parses it with Instant.parse).
    w.string("opprettet", t.opprettet.utc_millis());
    w.string("saksnummer", t.saksnummer);
    w.string("trekkpliktig", t.trekkpliktig);
    w.string("skyldner", t.skyldner);
    w.string("trekkstatus", trekk::tekst(t.trekkstatus));
    w.begin_array("trekkstoerrelseForPeriode", "trekkstoerrelseForPeriode");
    for (const auto& p : t.perioder) {
        w.begin_item();
        w.string("startdato", p.startdato.str());
        if (p.sluttdato) w.string("sluttdato", p.sluttdato->str());
        // SPEC §4.3: the amount is wrapped in an object of the same name; decimals as in the
        // examples (17.0, 5000.0).
        if (p.trekkbeloep) {
            w.begin_object("trekkbeloep");
            w.number("trekkbeloep", p.trekkbeloep->desimal_tekst());
            w.end_object();
        }
        if (p.trekkprosent) {
            w.begin_object("trekkprosent");
            w.number("trekkprosent", p.trekkprosent->desimal_tekst());
            w.end_object();
        }
        w.end_item();
    }
    w.end_array();
    w.begin_object("betalingsinformasjon");
    w.string("betalingsmottaker", t.betalingsinformasjon.betalingsmottaker);
    w.string("kidnummer", t.betalingsinformasjon.kidnummer);
    w.string("kontonummer", t.betalingsinformasjon.kontonummer);
    w.end_object();
}

}  // namespace

void TrekkpaaleggView::write(encoding::ViewWriter& w) const {
    w.begin_root("trekkpaalegg", "");
    write_felter(w, trekk);
    w.end_root();
}

void TrekkpaaleggListeView::write(encoding::ViewWriter& w) const {
    w.begin_root_array("trekkpaalegg", "trekkpaalegg", "");
    for (const auto& t : liste) {
        w.begin_item();
        write_felter(w, t);
        w.end_item();
    }
    // The JSON writer closes a root array with end_array (end_root closes an object).
    w.end_array();
}

}  // namespace skd::apis::trekkpaalegg
