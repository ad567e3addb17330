// Import of skatteoppgjoer entities (docs/import-format.md, section "skatteoppgjoer"): each line
// goes through SkatteoppgjoerStore, so it appends its Hendelse in the import's transaction.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "import/import_types.hpp"
#include "store/skatteoppgjoer_store.hpp"

namespace skd::importer {
using namespace skd::store;
namespace {

using import_detail::Fields;
using import_detail::ImportError;
using skatteoppgjoer::Avregningsdel;
using skatteoppgjoer::Skatteoppgjoer;

std::optional<bool> opt_bool(const Fields& f, std::string_view k) {
    const auto* v = f.o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_bool()) throw ImportError{fmt::format("feltet '{}' må være true eller false", k)};
    return v->as_bool();
}

std::optional<Tidspunkt> opt_tid(const Fields& f, std::string_view k) {
    auto s = f.opt(k);
    if (!s) return std::nullopt;
    auto t = Tidspunkt::parse(*s);
    if (!t) throw ImportError{fmt::format("feltet '{}' er ikke et gyldig tidspunkt: '{}'", k, *s)};
    return *t;
}

// [INFER] An event is registered at the line's `registreringstidspunkt`, else at the data's
// clock when the import runs in the server (the sandbox), else at the machine's time.
Tidspunkt registrert(const Fields& f, const ImportContext& ctx) {
    if (auto t = opt_tid(f, "registreringstidspunkt")) return *t;
    return ctx.klokke ? ctx.klokke->naa() : SystemClock{}.naa();
}

std::string person(const Fields& f, std::string_view k) {
    auto s = f.str(k);
    if (!Foedselsnummer::parse(s))
        throw ImportError{fmt::format("feltet '{}' må være 11 siffer", k)};
    return s;
}

int aar(const Fields& f) {
    auto a = f.i64("inntektsaar");
    if (a < 1900 || a > 9999) throw ImportError{"inntektsaar må være et firesifret år"};
    return static_cast<int>(a);
}

std::optional<Avregningsdel> del(const Fields& f, std::string_view k) {
    if (!f.o.if_contains(k) || f.o.at(k).is_null()) return std::nullopt;
    Fields d = f.sub(k);
    Avregningsdel r;
    r.restskatt = d.opt_i64("restskatt");
    r.beloep_tilgode = d.opt_i64("beloep_tilgode");
    r.avregnet_forskuddstrekk = d.opt_i64("avregnet_forskuddstrekk");
    r.avregnet_forskuddsskatt = d.opt_i64("avregnet_forskuddsskatt");
    r.overskytende = d.opt_i64("overskytende");
    r.rentegodtgjoerelse = d.opt_i64("rentegodtgjoerelse");
    r.beregnet_skatt = d.opt_i64("beregnet_skatt");
    r.aa_betale = d.opt_i64("aa_betale");
    r.forhaandsfastsatt = opt_bool(d, "forhaandsfastsatt");
    r.skatteregnskapskommune = d.opt("skatteregnskapskommune");
    if (r.skatteregnskapskommune &&
        (r.skatteregnskapskommune->size() != 4 || !bare_sifre(*r.skatteregnskapskommune)))
        throw ImportError{fmt::format("{}.skatteregnskapskommune må være 4 siffer", k)};
    return r;
}

void oppgjoer(Connection& c, const Fields& f, ImportContext& ctx) {
    Skatteoppgjoer s;
    s.personidentifikator = person(f, "personidentifikator");
    s.inntektsaar = aar(f);
    s.skatteoppgjoersdato = *Dato::parse(f.dato("skatteoppgjoersdato"));
    s.ajourholdstidspunkt = opt_tid(f, "ajourholdstidspunkt");
    s.fastland = del(f, "fastland");
    s.svalbard = del(f, "svalbard");
    if (!s.fastland && !s.svalbard) throw ImportError{"oppgi fastland og/eller svalbard"};
    SkatteoppgjoerStore::lagre(c, s, registrert(f, ctx));
}

void sletting(Connection& c, const Fields& f, ImportContext& ctx) {
    auto pid = person(f, "personidentifikator");
    auto a = aar(f);
    if (SkatteoppgjoerStore::slett(c, pid, a, registrert(f, ctx)) == Slettestatus::FinnesIkke)
        throw ImportError{fmt::format("skatteoppgjøret {} {} finnes ikke", pid, a)};
}

void identitetsendring(Connection& c, const Fields& f, ImportContext& ctx) {
    auto r = SkatteoppgjoerStore::endre_identitet(c, person(f, "gammel"), person(f, "ny"),
                                                  registrert(f, ctx));
    if (!r) throw ImportError{r.error().melding};
}

}  // namespace

std::vector<ImportType> skatteoppgjoer_import_types() {
    return {{"skatteoppgjoer", oppgjoer, {}},
            {"skatteoppgjoer_sletting", sletting, {}},
            {"identitetsendring", identitetsendring, {}}};
}

}  // namespace skd::importer
