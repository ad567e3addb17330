#include "apis/hendelser/view.hpp"

namespace skd::apis::hendelser {

namespace {
constexpr std::string_view kNs = "urn:no:skatteetaten:datasamarbeid:hendelser:v1";
}

void HendelserView::write(encoding::ViewWriter& w) const {
    w.begin_root("hendelser", kNs);
    w.begin_array("hendelser", "hendelse");
    for (const auto& h : hendelser) {
        w.begin_item();
        w.integer("sekvensnummer", h.sekvensnummer);
        w.string("identifikator", h.identifikator);
        w.string("gjelderPeriode", h.gjelder_periode);
        // SPEC §5.2 example: microseconds and Z ("2021-03-10T09:29:16.000000Z").
        w.string("registreringstidspunkt", h.registreringstidspunkt.utc_mikros());
        w.string("hendelsetype", skatteoppgjoer::hendelsetype_tekst(h.hendelsetype));
        // In XML too: our published schema (docs/xsd/hendelser-v1.xsd) extends Skatteetaten's
        // hendelser-utvidet.xsd with it as the last member.
        if (h.ajourholdstidspunkt)
            w.string("ajourholdstidspunkt", h.ajourholdstidspunkt->utc_millis());
        w.end_item();
    }
    w.end_array();
    w.end_root();
}

void StartView::write(encoding::ViewWriter& w) const {
    // [INFER] No schema documents the start answer as XML; the root is named after the
    // operation and holds the one JSON member (published in docs/xsd/hendelser-v1.xsd).
    w.begin_root("start", kNs);
    w.integer("sekvensnummer", sekvensnummer);
    w.end_root();
}

}  // namespace skd::apis::hendelser
