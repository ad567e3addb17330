#include "store/tabeller.hpp"

namespace skd::store {

namespace {
const std::array<TabellDef, kAntallTabeller> kTabeller = {{
    {"part", "identifikator, navn, er_person, skjerming, er_enk, eier"},
    {"krav",
     "id, kravidentifikator, part, krav_part, kravtype, kravgruppe, kravbeskrivelse, "
     "periode_beskrivelse, periode_aar, termin, fastsettingsmaate, opprettelsesdato, "
     "hovedstol_kravidentifikator, gjenstaaende_oere"},
    {"kravforfall",
     "id, kravforfallsidentifikator, krav_id, forfallsdato, opprinnelig_oere, kidnummer, "
     "kontonummer, part, restanse_kategori, er_rente, gjenstaaende_oere"},
    {"innbetaling",
     "id, innbetalingsidentifikator, part, betaler_part, innbetalingsdato, beloep_oere, "
     "innbetalingstype, fra_kidnummer, uplassert_oere"},
    {"plassering", "id, kravforfall_id, innbetaling_id, beloep_oere, plassert_dato"},
    {"utbetaling",
     "id, utbetalingsidentifikator, part, utbetalt_til_part, utbetaltdato, kontonummer, "
     "utbetalingstatus"},
    {"utbetaling_grunnlag", "utbetaling_id, kravforfall_id, utbetalt_oere"},
    {"trekkpaalegg",
     "trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, skyldner, "
     "trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer, siste, visning"},
    {"skatteoppgjoer",
     "personidentifikator, inntektsaar, skatteoppgjoersdato, ajourhold_us, slettet"},
    {"skatteoppgjoer_del",
     "personidentifikator, inntektsaar, omraade, restskatt, beloep_tilgode, "
     "avregnet_forskuddstrekk, overskytende, rentegodtgjoerelse, beregnet_skatt, aa_betale, "
     "forhaandsfastsatt, skatteregnskapskommune"},
    {"hendelse",
     "sekvensnummer, identifikator, gjelder_periode, registrering_us, hendelsetype, "
     "ajourhold_us"},
    {"tilgang", "api, pakke, org"},
}};
}  // namespace

const TabellDef& tabell(Tabell t) {
    return kTabeller[static_cast<std::size_t>(t)];
}
const std::array<TabellDef, kAntallTabeller>& alle_tabeller() {
    return kTabeller;
}

std::string insert_sql(Tabell t, std::string_view tillegg) {
    const auto& d = tabell(t);
    std::string sql = "INSERT INTO ";
    sql += d.navn;
    sql += " (";
    sql += d.kolonner;
    sql += ") VALUES (";
    int n = 1;
    for (char c : d.kolonner)
        if (c == ',') ++n;
    for (int i = 1; i <= n; ++i) {
        if (i > 1) sql += ", ";
        sql += '$';
        sql += std::to_string(i);
    }
    sql += ')';
    if (!tillegg.empty()) {
        sql += ' ';
        sql += tillegg;
    }
    return sql;
}

std::string tabell_liste() {
    std::string s;
    for (const auto& t : kTabeller) {
        if (!s.empty()) s += ',';
        s += '\'';
        s += t.navn;
        s += '\'';
    }
    return s;
}

}  // namespace skd::store
