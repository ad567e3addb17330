#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"

namespace skd::skatteoppgjoer {

std::string_view omraade_tekst(Omraade o) {
    return o == Omraade::Fastland ? "fastland" : "svalbard";
}

std::string_view hendelsetype_tekst(Hendelsetype t) {
    switch (t) {
        case Hendelsetype::Ny:
            return "NY";
        case Hendelsetype::Endret:
            return "ENDRET";
        case Hendelsetype::Slettet:
            return "SLETTET";
        case Hendelsetype::Identitetsendring:
            return "IDENTITETSENDRING";
    }
    return "ENDRET";
}

std::optional<Hendelsetype> hendelsetype_fra(std::string_view s) {
    if (s == "NY") return Hendelsetype::Ny;
    if (s == "ENDRET") return Hendelsetype::Endret;
    if (s == "SLETTET") return Hendelsetype::Slettet;
    if (s == "IDENTITETSENDRING") return Hendelsetype::Identitetsendring;
    return std::nullopt;
}

Avregningsdel filtrer(const Avregningsdel& d, Feltsett f) {
    Avregningsdel r;
    if (f.har(Felt::Restskatt)) r.restskatt = d.restskatt;
    if (f.har(Felt::BeloepTilgode)) r.beloep_tilgode = d.beloep_tilgode;
    if (f.har(Felt::AvregnetForskuddstrekk)) r.avregnet_forskuddstrekk = d.avregnet_forskuddstrekk;
    if (f.har(Felt::AvregnetForskuddsskatt)) r.avregnet_forskuddsskatt = d.avregnet_forskuddsskatt;
    if (f.har(Felt::Overskytende)) r.overskytende = d.overskytende;
    if (f.har(Felt::Rentegodtgjoerelse)) r.rentegodtgjoerelse = d.rentegodtgjoerelse;
    if (f.har(Felt::BeregnetSkatt)) r.beregnet_skatt = d.beregnet_skatt;
    if (f.har(Felt::AaBetale)) r.aa_betale = d.aa_betale;
    if (f.har(Felt::Forhaandsfastsatt)) r.forhaandsfastsatt = d.forhaandsfastsatt;
    if (f.har(Felt::Skatteregnskapskommune)) r.skatteregnskapskommune = d.skatteregnskapskommune;
    return r;
}

Avregningsutsnitt bare_skjermet(std::string personidentifikator, std::string inntektsaar) {
    return {std::move(personidentifikator), std::move(inntektsaar), true, std::nullopt};
}

Avregningsutsnitt utsnitt(const Skatteoppgjoer& s, const Pakkeregel& regel, bool skjermet) {
    if (skjermet && !regel.ser_skjermede)
        return bare_skjermet(s.personidentifikator, std::to_string(s.inntektsaar));
    // SPEC §1.6: only geolocating details go; amounts stay whole so sums remain correct.
    const Feltsett felter = skjermet ? regel.felter.uten(kGeolokaliserende) : regel.felter;
    Skatteoppgjoer inn = s;
    if (inn.fastland) inn.fastland = filtrer(*inn.fastland, felter);
    if (inn.svalbard) inn.svalbard = filtrer(*inn.svalbard, felter);
    return {s.personidentifikator, std::to_string(s.inntektsaar), skjermet, std::move(inn)};
}

std::optional<Hendelsetype> endringstype(const std::optional<Skatteoppgjoer>& forrige,
                                         const Skatteoppgjoer& ny) {
    if (!forrige) return Hendelsetype::Ny;
    if (*forrige == ny) return std::nullopt;
    return Hendelsetype::Endret;
}

Tidspunkt oslo_midnatt(Dato d) {
    const std::int64_t utc_midnatt = d.dager_siden_epoch() * 86400;
    // Daylight-saving switches happen at 01:00 UTC, never near local midnight, so the offset
    // at the first guess is the offset at midnight.
    const std::int64_t gjett = utc_midnatt - oslo_utc_offset_sekunder(utc_midnatt);
    return Tidspunkt::fra_mikros((utc_midnatt - oslo_utc_offset_sekunder(gjett)) * 1'000'000);
}

}  // namespace skd::skatteoppgjoer
