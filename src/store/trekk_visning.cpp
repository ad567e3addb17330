#include "store/trekk_visning.hpp"

#include "encoding/view_writer.hpp"

namespace skd::store {

void skriv_trekkpaalegg(encoding::ViewWriter& w, const trekk::Trekkpaalegg& t) {
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

std::string trekk_visning(const trekk::Trekkpaalegg& t) {
    std::string s;
    s.reserve(512);
    encoding::JsonWriter w(s);
    w.begin_root("trekkpaalegg", "");
    skriv_trekkpaalegg(w, t);
    w.end_root();
    return s;
}

}  // namespace skd::store
