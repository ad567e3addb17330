// Import of trekk entities (docs/import-format.md, section "trekkpaalegg"). A line has the API's
// own shape, so documented examples can be pasted; the store assigns sekvensnummer in file order.
#include <fmt/format.h>

#include <cmath>

#include "import/import_types.hpp"
#include "store/trekk_store.hpp"

namespace skd::importer {
using namespace skd::store;
namespace {

using import_detail::Fields;
using import_detail::ImportError;

// A JSON number as hundredths (kroner → øre, percent → hundredths of a percent), refusing
// anything that would round: 17.0 and 5000 are exact, 17.005 is an error.
std::int64_t hundredeler(const boost::json::object& o, std::string_view felt,
                         std::string_view sti) {
    const auto* v = o.if_contains(felt);
    if (!v || v->is_null()) throw ImportError{fmt::format("feltet '{}.{}' mangler", sti, felt)};
    constexpr std::int64_t kGrense = 1'000'000'000'000'000;
    if (v->is_int64() && std::llabs(v->as_int64()) < kGrense / 100) return v->as_int64() * 100;
    if (v->is_uint64() && v->as_uint64() < kGrense / 100)
        return static_cast<std::int64_t>(v->as_uint64()) * 100;
    if (v->is_double() && std::fabs(v->as_double()) < 1e13) {
        const double x = v->as_double() * 100.0;
        const double r = std::round(x);
        if (std::fabs(x - r) < 1e-6) return static_cast<std::int64_t>(r);
        throw ImportError{fmt::format("feltet '{}.{}' kan ha høyst to desimaler", sti, felt)};
    }
    throw ImportError{fmt::format("feltet '{}.{}' må være et tall", sti, felt)};
}

trekk::TrekkstoerrelseForPeriode periode(const boost::json::value& v, std::size_t nr) {
    const std::string sti = fmt::format("trekkstoerrelseForPeriode[{}]", nr);
    if (!v.is_object()) throw ImportError{sti + " må være et objekt"};
    Fields f{v.as_object()};
    trekk::TrekkstoerrelseForPeriode p;
    p.startdato = Dato::parse(f.dato("startdato")).value();
    if (auto s = f.opt_dato("sluttdato")) p.sluttdato = Dato::parse(*s).value();
    // SPEC §4.3: the amount sits one level down, {"trekkbeloep": {"trekkbeloep": n}}.
    if (f.o.contains("trekkbeloep"))
        p.trekkbeloep = Beloep::fra_oere(
            hundredeler(f.sub("trekkbeloep").o, "trekkbeloep", sti + ".trekkbeloep"));
    if (f.o.contains("trekkprosent"))
        p.trekkprosent = trekk::Prosent::fra_hundredeler(
            hundredeler(f.sub("trekkprosent").o, "trekkprosent", sti + ".trekkprosent"));
    return p;
}

void trekkpaalegg(Connection& c, const Fields& f, ImportContext&) {
    trekk::Trekkpaalegg t;
    t.trekkid = f.str("trekkid");
    t.trekkversjon = f.i64("trekkversjon");
    auto opprettet = Tidspunkt::parse(f.str("opprettet"));
    if (!opprettet)
        throw ImportError{
            "feltet 'opprettet' må være et tidspunkt med sone, f.eks. 2025-08-09T15:00:00Z"};
    t.opprettet = *opprettet;
    t.saksnummer = f.str("saksnummer");
    t.trekkpliktig = f.str("trekkpliktig");
    t.skyldner = f.str("skyldner");
    const auto* perioder = f.o.if_contains("trekkstoerrelseForPeriode");
    if (!perioder || !perioder->is_array())
        throw ImportError{"feltet 'trekkstoerrelseForPeriode' må være en liste"};
    for (std::size_t i = 0; i < perioder->as_array().size(); ++i)
        t.perioder.push_back(periode(perioder->as_array()[i], i));
    auto b = f.sub("betalingsinformasjon");
    t.betalingsinformasjon = {b.str("betalingsmottaker"), b.str("kidnummer"), b.str("kontonummer")};
    // Without trekkstatus the derived status is used; a given one must agree with it.
    const Dato i_dag = t.opprettet.oslo_dato();
    t.trekkstatus = trekk::forventet_status(t.perioder, i_dag);
    if (auto s = f.opt("trekkstatus")) {
        auto status = trekk::trekkstatus_fra(*s);
        if (!status) throw ImportError{"feltet 'trekkstatus' må være aktiv eller avsluttet"};
        t.trekkstatus = *status;
    }
    // The line's own sekvensnummer (examples carry Skatteetaten's) is ignored: ours follow the
    // file order.
    auto r = lagre_trekkversjon(c, std::move(t), {.historisk = f.flag("historisk", false)});
    if (!r)
        throw ImportError{fmt::format("trekkid {} versjon {}: {}", f.str("trekkid"),
                                      f.i64("trekkversjon"), r.error().melding())};
}

}  // namespace

std::vector<ImportType> trekk_import_types() {
    return {{"trekkpaalegg", trekkpaalegg, {}}};
}

}  // namespace skd::importer
