#include "sandbox/parter.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "core/ids.hpp"
#include "core/skrivetraad.hpp"
#include "generate/skriv.hpp"
#include "sandbox/scenarier.hpp"

namespace skd::sandbox {

Parter::Parter(store::Database& db, const Clock& klokke, Valg valg)
    : db_(db), klokke_(klokke), valg_(valg) {}

generate::Modell Parter::modell() const {
    const auto i_dag = klokke_.i_dag();
    const auto ymd = i_dag.ymd();
    generate::Modell m;
    m.seed = valg_.seed;
    m.i_dag = Dato::fra_ymd(ymd.year() / ymd.month() / std::chrono::day{1});
    m.siste_inntektsaar = i_dag.aar() - 1;
    m.foerste_inntektsaar = m.siste_inntektsaar - 2;
    m.alle_er_arbeidsgivere = true;
    return m;
}

namespace {

generate::Profil profil_for(std::optional<Scenario> s) {
    if (!s) return generate::Profil::Vanlig;
    switch (*s) {
        case Scenario::Enk:
            return generate::Profil::Enk;
        case Scenario::Underenhet:
            return generate::Profil::Underenhet;
        case Scenario::Inkassobyraa:
            return generate::Profil::Inkassobyraa;
        case Scenario::GammeltRegelverk:
            return generate::Profil::GammeltRegelverk;
        case Scenario::TusenvisAvKrav:
            return generate::Profil::TusenvisAvKrav;
        default:
            return generate::Profil::Vanlig;
    }
}

}  // namespace

bool Parter::ved_foerste_beroering(std::string_view id) {
    const bool org = id.size() == 9, person = id.size() == 11;
    if ((!org && !person) || !bare_sifre(id)) return false;
    const auto scenario = scenario_for(id);
    if (scenario == Scenario::IngenData) return false;
    if (scenario == Scenario::Bakendfeil)
        throw store::DbError(store::DbError::Kind::Unavailable,
                             "sandkassens scenario bakendfeil for " + std::string(id));
    if (scenario == Scenario::UventetFeil)
        throw std::runtime_error("sandkassens scenario uventet_feil for " + std::string(id));
    // A cheap read first: a known party takes no write lock. It may have been made (by another
    // request or instance) after the caller's own read missed it, so the caller reads again.
    if (db_.reader().query_i64("SELECT 1 FROM part WHERE identifikator = $1", {id})) return true;
    // An event-loop worker does not wait for the write: the request runs again on the write
    // pool, so the worker's other connections (known parties' reads) go on meanwhile.
    if (!kan_vente_paa_skriving()) throw TrengerSkrivetraad{};

    const auto m = modell();
    bool laget = false;
    if (org) {
        const auto o = generate::organisasjon(m, id, profil_for(scenario));
        db_.write([&](store::Connection& c) { laget = generate::skriv_organisasjon(c, o); },
                  store::Durability::Regenerable);
    } else {
        generate::PersonValg valg;
        if (scenario == Scenario::Fortrolig) valg.skjerming = "fortrolig";
        if (scenario == Scenario::StrengtFortrolig) valg.skjerming = "strengtFortrolig";
        valg.endret_oppgjoer = scenario == Scenario::EndretOppgjoer;
        valg.gammelt_regelverk = scenario == Scenario::GammeltRegelverk;
        const auto naa = klokke_.naa();
        db_.write(
            [&](store::Connection& c) { laget = generate::skriv_person(c, m, id, valg, naa); },
            store::Durability::Regenerable);
    }
    if (laget) {
        ++laget_;
        spdlog::debug("sandkasse: laget part {} ved første berøring", id);
        return true;
    }
    // Another request (or instance) made it first: it exists now all the same.
    return db_.reader().query_i64("SELECT 1 FROM part WHERE identifikator = $1", {id}).has_value();
}

}  // namespace skd::sandbox
