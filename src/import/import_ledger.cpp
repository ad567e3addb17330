// Import of parties, grants, reference data and the ledger (docs/import-format.md).
#include <fmt/format.h>

#include "import/import_types.hpp"
#include "store/ledger_skriv.hpp"

namespace skd::importer {
using namespace skd::store;
namespace {

using import_detail::Fields;
using import_detail::ImportError;

Beloep beloep(const Fields& f, std::string_view k) {
    const auto v = f.i64(k);
    if (v <= -Beloep::kGrenseOere || v >= Beloep::kGrenseOere)
        throw ImportError{
            fmt::format("feltet '{}' er utenfor det tillatte (|beløp| < 10^15 øre): {}", k, v)};
    return Beloep::fra_oere(v);
}

Dato dato(const Fields& f, std::string_view k) {
    return *Dato::parse(f.dato(k));
}

void part(Connection&, const Fields& f, ImportContext& ctx) {
    NyPart p;
    p.identifikator = f.part("identifikator");
    p.skjerming = f.opt("skjerming");
    if (p.skjerming && *p.skjerming != "fortrolig" && *p.skjerming != "strengtFortrolig")
        throw ImportError{"skjerming må være fortrolig eller strengtFortrolig"};
    p.navn = f.opt("navn");
    p.er_person = f.flag("er_person", p.identifikator.size() == 11);
    p.er_enk = f.flag("er_enk", false);
    p.eier = f.opt("eier");
    p.er_hovedenhet = f.flag("er_hovedenhet", true);
    p.er_inkassobyraa = f.flag("er_inkassobyraa", false);
    p.gammelt_regelverk = f.flag("gammelt_regelverk", false);
    ctx.ledger->part(p);
}

void tilgang(Connection& c, const Fields& f, ImportContext&) {
    c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
           {f.str("api"), f.opt("pakke").value_or(""), f.str("org")});  // "" = API without packages
}

void kravtype(Connection&, const Fields& f, ImportContext& ctx) {
    ctx.ledger->kravtype(f.str("kravtype"), f.str("kategori"), f.flag("er_rente", false));
}

void rentesats(Connection&, const Fields& f, ImportContext& ctx) {
    const auto bp = f.i64("basispunkter");
    if (bp < 0 || bp > 100'000) throw ImportError{"basispunkter må være mellom 0 og 100000"};
    ctx.ledger->rentesats(dato(f, "fra_dato"), static_cast<int>(bp));
}

void krav(Connection&, const Fields& f, ImportContext& ctx) {
    NyttKrav k;
    k.part = f.part("part");
    k.krav_part = f.opt("krav_part").value_or(k.part);
    k.kravidentifikator = f.str("kravidentifikator");
    k.kravtype = f.str("kravtype");
    k.kravgruppe = f.str("kravgruppe");
    k.kravbeskrivelse = f.str("kravbeskrivelse");
    k.kravbeskrivelse_en = f.opt("kravbeskrivelse_en");
    auto periode = f.sub("kravperiode");
    k.kravperiode = {periode.opt("beskrivelse"), periode.opt("aar"), periode.opt_dato("fra_dato"),
                     periode.opt_dato("til_dato"), periode.opt("termin")};
    k.fastsettingsmaate = f.opt("fastsettingsmaate");
    k.opprettelsesdato = dato(f, "opprettelsesdato");
    k.hovedstol_kravidentifikator = f.opt("hovedstol_kravidentifikator");
    ctx.ledger->krav(k);
}

std::int64_t krav_id(const Fields& f, ImportContext& ctx) {
    auto p = f.part("part");
    auto kp = f.opt("krav_part").value_or(p);
    auto k = f.str("kravidentifikator");
    auto id = ctx.ledger->krav_id(p, k, kp);
    if (!id)
        throw ImportError{
            fmt::format("kravet {} for {} finnes ikke (verken i filen eller i databasen)", k, p)};
    return *id;
}

std::int64_t forfall_id(const std::string& ident, ImportContext& ctx) {
    auto id = ctx.ledger->kravforfall_id(ident);
    if (!id)
        throw ImportError{
            fmt::format("kravforfallet {} finnes ikke (verken i filen eller i databasen)", ident)};
    return *id;
}

void kravforfall(Connection&, const Fields& f, ImportContext& ctx) {
    auto konto = f.sub("konto");
    NyttKravforfall k;
    k.kravforfallsidentifikator = f.str("kravforfallsidentifikator");
    k.forfallsdato = dato(f, "forfallsdato");
    k.opprinnelig = beloep(f, "opprinnelig_oere");
    k.kidnummer = f.opt("kidnummer");
    k.konto = {konto.opt("kontoeiers_navn"), konto.opt("bankinformasjon"), konto.opt("kontonummer"),
               konto.opt("iban"), konto.opt("swift_bic")};
    ctx.ledger->kravforfall(krav_id(f, ctx), k);
}

void innbetaling(Connection&, const Fields& f, ImportContext& ctx) {
    auto fra = f.sub("innbetalt_fra");
    NyInnbetaling i;
    i.part = f.part("part");
    i.betaler_part = f.opt("betaler_part").value_or(i.part);
    i.innbetalingsidentifikator = f.str("innbetalingsidentifikator");
    i.innbetalingsdato = dato(f, "innbetalingsdato");
    i.beloep = beloep(f, "beloep_oere");
    i.innbetalingstype = f.opt("innbetalingstype");
    i.innbetalt_fra = {fra.opt("kidnummer"), fra.opt("melding"), fra.opt("kontoeiers_navn"),
                       fra.opt("kontonummer"), fra.opt("valutakode")};
    i.mottakers_kontonummer = f.opt("mottakers_kontonummer");
    ctx.ledger->innbetaling(i);
}

void plassering(Connection&, const Fields& f, ImportContext& ctx) {
    auto p = f.part("part");
    auto innb = f.opt("innbetalingsidentifikator");
    auto motkrav = f.opt("motkrav_kravforfallsidentifikator");
    if (innb.has_value() == motkrav.has_value())
        throw ImportError{
            "oppgi nøyaktig én av innbetalingsidentifikator og motkrav_kravforfallsidentifikator"};
    auto b = beloep(f, "beloep_oere");
    if (b.oere() <= 0) throw ImportError{"beloep_oere må være positivt"};
    const auto forfall = forfall_id(f.str("kravforfallsidentifikator"), ctx);
    const auto plassert = dato(f, "plassert_dato");
    if (innb) {
        auto id = ctx.ledger->innbetaling_id(p, *innb, f.opt("betaler_part").value_or(p));
        if (!id)
            throw ImportError{fmt::format(
                "innbetalingen {} finnes ikke (verken i filen eller i databasen)", *innb)};
        ctx.ledger->plasser_innbetaling(forfall, *id, b, plassert);
    } else {
        ctx.ledger->plasser_motkrav(forfall, forfall_id(*motkrav, ctx), b, plassert);
    }
}

void utbetaling(Connection&, const Fields& f, ImportContext& ctx) {
    auto til = f.sub("betalt_til");
    NyUtbetaling u;
    u.part = f.part("part");
    u.utbetalt_til_part = f.opt("utbetalt_til_part").value_or(u.part);
    u.utbetalingsidentifikator = f.str("utbetalingsidentifikator");
    u.utbetaltdato = dato(f, "utbetaltdato");
    u.melding = til.opt("melding");
    u.kontoeiers_navn = til.opt("kontoeiers_navn");
    u.kontonummer = til.opt("kontonummer");
    u.valutakode = til.opt("valutakode");
    u.utbetalingstatus = f.opt("utbetalingstatus").value_or("bekreftet");
    const auto* g = f.o.if_contains("grunnlag");
    if (!g || !g->is_array() || g->as_array().empty())
        throw ImportError{"grunnlag må være en ikke-tom liste av kravforfall som utbetales"};
    const auto id = ctx.ledger->utbetaling(u);
    for (const auto& e : g->as_array()) {
        if (!e.is_object()) throw ImportError{"hvert grunnlag må være et objekt"};
        Fields gf{e.as_object()};
        ctx.ledger->utbetal(id, forfall_id(gf.str("kravforfallsidentifikator"), ctx),
                            beloep(gf, "utbetalt_oere"));
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
