// Import of parties, grants, reference data and the ledger (docs/import-format.md).
#include <fmt/format.h>

#include "import/import_types.hpp"

namespace skd::importer {
using namespace skd::store;
namespace {

using import_detail::Fields;
using import_detail::id_of;
using import_detail::ImportError;

void part(Connection& c, const Fields& f, ImportContext&) {
    auto id = f.part("identifikator");
    auto skjerming = f.opt("skjerming");
    if (skjerming && *skjerming != "fortrolig" && *skjerming != "strengtFortrolig")
        throw ImportError{"skjerming må være fortrolig eller strengtFortrolig"};
    c.exec(
        "INSERT INTO part (identifikator, navn, er_person, skjerming, er_enk, eier, er_hovedenhet, "
        "er_inkassobyraa, gammelt_regelverk) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (identifikator) DO UPDATE SET navn = excluded.navn, er_person = "
        "excluded.er_person, "
        "skjerming = excluded.skjerming, er_enk = excluded.er_enk, eier = excluded.eier, "
        "er_hovedenhet = excluded.er_hovedenhet, er_inkassobyraa = excluded.er_inkassobyraa, "
        "gammelt_regelverk = excluded.gammelt_regelverk",
        {id, f.opt("navn"), f.flag("er_person", id.size() == 11), skjerming,
         f.flag("er_enk", false), f.opt("eier"), f.flag("er_hovedenhet", true),
         f.flag("er_inkassobyraa", false), f.flag("gammelt_regelverk", false)});
}

void tilgang(Connection& c, const Fields& f, ImportContext&) {
    c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
           {f.str("api"), f.opt("pakke").value_or(""), f.str("org")});  // "" = API without packages
}

void kravtype(Connection& c, const Fields& f, ImportContext&) {
    c.exec(
        "INSERT INTO kravtype_kategori (kravtype, kategori, er_rente) VALUES ($1, $2, $3) "
        "ON CONFLICT (kravtype) DO UPDATE SET kategori = excluded.kategori, er_rente = "
        "excluded.er_rente",
        {f.str("kravtype"), f.str("kategori"), f.flag("er_rente", false)});
}

void rentesats(Connection& c, const Fields& f, ImportContext&) {
    c.exec(
        "INSERT INTO forsinkelsesrente_sats (fra_dato, sats_basispunkter) VALUES ($1, $2) "
        "ON CONFLICT (fra_dato) DO UPDATE SET sats_basispunkter = excluded.sats_basispunkter",
        {f.dato("fra_dato"), f.i64("basispunkter")});
}

void krav(Connection& c, const Fields& f, ImportContext&) {
    auto p = f.part("part");
    auto periode = f.sub("kravperiode");
    c.exec(
        "INSERT INTO krav (kravidentifikator, part, krav_part, kravtype, kravgruppe, "
        "kravbeskrivelse, "
        "kravbeskrivelse_en, periode_beskrivelse, periode_aar, periode_fra, periode_til, termin, "
        "fastsettingsmaate, opprettelsesdato, hovedstol_kravidentifikator) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        {f.str("kravidentifikator"), p, f.opt("krav_part").value_or(p), f.str("kravtype"),
         f.str("kravgruppe"), f.str("kravbeskrivelse"), f.opt("kravbeskrivelse_en"),
         periode.opt("beskrivelse"), periode.opt("aar"), periode.opt_dato("fra_dato"),
         periode.opt_dato("til_dato"), periode.opt("termin"), f.opt("fastsettingsmaate"),
         f.dato("opprettelsesdato"), f.opt("hovedstol_kravidentifikator")});
}

std::int64_t krav_id(Connection& c, const Fields& f) {
    auto p = f.part("part");
    auto kp = f.opt("krav_part").value_or(p);
    auto k = f.str("kravidentifikator");
    return id_of(
        c, "SELECT id FROM krav WHERE part = $1 AND kravidentifikator = $2 AND krav_part = $3",
        {p, k, kp}, fmt::format("kravet {} for {}", k, p));
}

void kravforfall(Connection& c, const Fields& f, ImportContext&) {
    auto konto = f.sub("konto");
    c.exec(
        "INSERT INTO kravforfall (kravforfallsidentifikator, krav_id, forfallsdato, "
        "opprinnelig_oere, "
        "kidnummer, kontoeiers_navn, bankinformasjon, kontonummer, iban, swift_bic) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {f.str("kravforfallsidentifikator"), krav_id(c, f), f.dato("forfallsdato"),
         f.i64("opprinnelig_oere"), f.opt("kidnummer"), konto.opt("kontoeiers_navn"),
         konto.opt("bankinformasjon"), konto.opt("kontonummer"), konto.opt("iban"),
         konto.opt("swift_bic")});
}

void innbetaling(Connection& c, const Fields& f, ImportContext&) {
    auto p = f.part("part");
    auto fra = f.sub("innbetalt_fra");
    c.exec(
        "INSERT INTO innbetaling (innbetalingsidentifikator, part, betaler_part, innbetalingsdato, "
        "beloep_oere, innbetalingstype, fra_kidnummer, fra_melding, fra_kontoeiers_navn, "
        "fra_kontonummer, valutakode, mottakers_kontonummer) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {f.str("innbetalingsidentifikator"), p, f.opt("betaler_part").value_or(p),
         f.dato("innbetalingsdato"), f.i64("beloep_oere"), f.opt("innbetalingstype"),
         fra.opt("kidnummer"), fra.opt("melding"), fra.opt("kontoeiers_navn"),
         fra.opt("kontonummer"), fra.opt("valutakode"), f.opt("mottakers_kontonummer")});
}

std::int64_t forfall_id(Connection& c, const std::string& ident) {
    return id_of(c, "SELECT id FROM kravforfall WHERE kravforfallsidentifikator = $1", {ident},
                 "kravforfallet " + ident);
}

void plassering(Connection& c, const Fields& f, ImportContext&) {
    auto p = f.part("part");
    auto innb = f.opt("innbetalingsidentifikator");
    auto motkrav = f.opt("motkrav_kravforfallsidentifikator");
    if (innb.has_value() == motkrav.has_value())
        throw ImportError{
            "oppgi nøyaktig én av innbetalingsidentifikator og motkrav_kravforfallsidentifikator"};
    std::optional<std::int64_t> innb_id, motkrav_id;
    if (innb)
        innb_id =
            id_of(c,
                  "SELECT id FROM innbetaling WHERE part = $1 AND innbetalingsidentifikator = $2 "
                  "AND betaler_part = $3",
                  {p, *innb, f.opt("betaler_part").value_or(p)}, "innbetalingen " + *innb);
    else
        motkrav_id = forfall_id(c, *motkrav);
    auto beloep = f.i64("beloep_oere");
    if (beloep <= 0) throw ImportError{"beloep_oere må være positivt"};
    c.exec(
        "INSERT INTO plassering (kravforfall_id, innbetaling_id, motkrav_kravforfall_id, "
        "beloep_oere, "
        "plassert_dato) VALUES ($1, $2, $3, $4, $5)",
        {forfall_id(c, f.str("kravforfallsidentifikator")), innb_id, motkrav_id, beloep,
         f.dato("plassert_dato")});
}

void utbetaling(Connection& c, const Fields& f, ImportContext&) {
    auto p = f.part("part");
    auto til = f.sub("betalt_til");
    auto id = c.query_i64(
        "INSERT INTO utbetaling (utbetalingsidentifikator, part, utbetalt_til_part, utbetaltdato, "
        "melding, "
        "kontoeiers_navn, kontonummer, valutakode, utbetalingstatus) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        {f.str("utbetalingsidentifikator"), p, f.opt("utbetalt_til_part").value_or(p),
         f.dato("utbetaltdato"), til.opt("melding"), til.opt("kontoeiers_navn"),
         til.opt("kontonummer"), til.opt("valutakode"),
         f.opt("utbetalingstatus").value_or("bekreftet")});
    const auto* g = f.o.if_contains("grunnlag");
    if (!g || !g->is_array() || g->as_array().empty())
        throw ImportError{"'grunnlag' må være en ikke-tom liste av kreditkrav"};
    for (const auto& e : g->as_array()) {
        if (!e.is_object()) throw ImportError{"hvert grunnlag må være et objekt"};
        Fields gf{e.as_object()};
        c.exec(
            "INSERT INTO utbetaling_grunnlag (utbetaling_id, kravforfall_id, utbetalt_oere) "
            "VALUES ($1, $2, $3)",
            {*id, forfall_id(c, gf.str("kravforfallsidentifikator")), gf.i64("utbetalt_oere")});
    }
}

}  // namespace

std::vector<ImportType> ledger_import_types() {
    return {{"part", part, {}},
            {"tilgang", tilgang, {}},
            {"kravtype_kategori", kravtype, {}},
            {"rentesats", rentesats, {}},
            {"krav", krav, {}},
            {"kravforfall", kravforfall, {}},
            {"innbetaling", innbetaling, {}},
            {"plassering", plassering, {}},
            {"utbetaling", utbetaling, {}}};
}

const std::vector<ImportType>& import_types() {
    static const std::vector<ImportType> all = [] {
        std::vector<ImportType> v;
        for (auto part : {ledger_import_types(), trekk_import_types(),
                          skatteoppgjoer_import_types(), utlegg_import_types()})
            v.insert(v.end(), part.begin(), part.end());
        return v;
    }();
    return all;
}

}  // namespace skd::importer
