#include "apis/avregning/view.hpp"

namespace skd::apis::avregning {

namespace {

void heltall(encoding::ViewWriter& w, std::string_view navn, const std::optional<std::int64_t>& v) {
    if (v) w.integer(navn, *v);
}

// SPEC §5.1: member order as in the documented example; members the example does not show
// follow in the order of the field table.
void del(encoding::ViewWriter& w, std::string_view navn, const skatteoppgjoer::Avregningsdel& d) {
    w.begin_object(navn);
    heltall(w, "restskatt", d.restskatt);
    heltall(w, "beloepTilgode", d.beloep_tilgode);
    if (d.forhaandsfastsatt) w.boolean("forhaandsfastsatt", *d.forhaandsfastsatt);
    if (d.skatteregnskapskommune) w.string("skatteregnskapskommune", *d.skatteregnskapskommune);
    heltall(w, "beregnetSkatt", d.beregnet_skatt);
    heltall(w, "avregnetForskuddstrekk", d.avregnet_forskuddstrekk);
    heltall(w, "avregnetForskuddsskatt", d.avregnet_forskuddsskatt);
    heltall(w, "overskytende", d.overskytende);
    heltall(w, "rentegodtgjoerelse", d.rentegodtgjoerelse);
    heltall(w, "aaBetale", d.aa_betale);
    w.end_object();
}

}  // namespace

void AvregningView::write(encoding::ViewWriter& w) const {
    w.begin_root("avregning", "urn:no:skatteetaten:datasamarbeid:avregning:v2");
    w.string("personidentifikator", utsnitt.personidentifikator);
    w.string("inntektsaar", utsnitt.inntektsaar);
    w.boolean("skjermet", utsnitt.skjermet);
    if (const auto& s = utsnitt.innhold) {
        w.string("skatteoppgjoersdato", s->skatteoppgjoersdato.str());
        if (s->fastland) del(w, "fastland", *s->fastland);
        if (s->svalbard) del(w, "svalbard", *s->svalbard);
        if (s->ajourholdstidspunkt)
            w.string("ajourholdstidspunkt", s->ajourholdstidspunkt->utc_millis());
    }
    w.end_root();
}

}  // namespace skd::apis::avregning
