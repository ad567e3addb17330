#include "apis/avregning/module.hpp"

#include <fmt/format.h>

#include <array>

#include "apis/avregning/view.hpp"
#include "config/config.hpp"
#include "core/ids.hpp"
#include "store/skatteoppgjoer_store.hpp"

namespace skd::apis::avregning {

namespace {

using skatteoppgjoer::Felt;
using skatteoppgjoer::Feltsett;
using skatteoppgjoer::Pakkeregel;

// SPEC §1.6, §5.1: Skatteetaten does not publish which fields each package returns.
// [INFER] The municipalities' packages compute the resident's own payment for long-term care
// from the whole settlement and serve shielded residents; SSB (statistics act) sees everything;
// Norges Bank needs only the money flows (payable and refundable amounts), nothing that
// places a person, and no shielded persons.
constexpr std::array kPakker{
    Pakkeregel{"kommunelangtidsoppholdinstitusjon", Feltsett::alle(), true},
    Pakkeregel{"kommunelangtidsoppholdsykehjem", Feltsett::alle(), true},
    Pakkeregel{"norgesbank",
               {Felt::Restskatt, Felt::BeloepTilgode, Felt::Overskytende, Felt::Rentegodtgjoerelse,
                Felt::AaBetale, Felt::Forhaandsfastsatt},
               false},
    Pakkeregel{"ssb", Feltsett::alle(), true},
};

const Pakkeregel* regel_for(std::string_view navn) {
    for (const auto& p : kPakker)
        if (p.navn == navn) return &p;
    return nullptr;
}

// SPEC §5.1: avregning is served from income year 2017.
constexpr int kTidligsteAar = 2017;

const CodeTable& codes() {
    static const CodeTable t = standard_table(
        "avregning",
        {.unexpected = "AR-001",
         .backend = "AR-002",
         .unknown_url = "AR-003",
         .unauthenticated = "AR-004",
         .forbidden = "AR-005",
         .invalid_input = "AR-006",
         .not_acceptable = "AR-008",
         .not_found = "AR-007",
         .unknown_party = "AR-009",
         .not_found_melding = "Fant ingen avregning for oppgitt identifikator og inntektsår",
         .unknown_party_melding = "Ingen treff på oppgitt personidentifikator"});
    return t;
}

security::Policy policy() {
    security::Policy p;
    p.api = "avregning";
    p.scopes = {"skatteetaten:avregning"};
    p.bruker_rettighetspakke = true;
    for (const auto& r : kPakker) p.pakker.push_back({.navn = std::string(r.navn)});
    return p;
}

std::optional<ApiError> valider(const RequestContext& ctx, bool mod11) {
    auto aar = Inntektsaar::parse(ctx.path_param("inntektsaar"), kTidligsteAar);
    if (!aar) return codes().make(Problem::InvalidInput, aar.error().melding);
    if (aar->aar() > ctx.i_dag.aar())
        return codes().make(Problem::InvalidInput,
                            fmt::format("Inntektsår {} er i fremtiden", aar->aar()));
    auto pid = Foedselsnummer::parse(ctx.path_param("personidentifikator"), mod11);
    if (!pid)
        return codes().make(
            Problem::InvalidInput,
            "Feltet 'personidentifikator' har ugyldig format. " + pid.error().melding);
    return std::nullopt;
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "avregning";
    m.host_label = "avregning";
    m.host_prefixes = {"/v2"};
    m.legacy_prefixes = {"/api/fastsetting/avregning/v2"};
    m.codes = &codes();

    const bool mod11 = deps.cfg.mod11;
    store::SkatteoppgjoerStore store(deps.db);

    Route r;
    r.method = "GET";
    r.pattern = "/{rettighetspakke}/{inntektsaar}/{personidentifikator}";
    r.policy.policy = policy();
    r.policy.pakke_param = "rettighetspakke";
    r.policy.part_param = "personidentifikator";
    r.policy.valider = [mod11](const RequestContext& ctx) { return valider(ctx, mod11); };
    auto& db = deps.db;
    auto foerste = deps.foerste_beroering;
    r.handler = [store, &db, foerste](RequestContext& ctx) -> ApiResult<Reply> {
        const Pakkeregel* regel = regel_for(ctx.path_param("rettighetspakke"));
        if (!regel) return codes().make(Problem::UnknownUrl);
        const std::string pid(ctx.path_param("personidentifikator"));
        const std::string aar(ctx.path_param("inntektsaar"));
        // One snapshot for the settlement and the shielding (Database::read).
        store::AvregningOppslag oppslag;
        bool skjermet = false;
        auto les = [&] {
            db.read([&](store::Connection&) {
                oppslag = store.hent(pid, std::stoi(aar));
                skjermet = store.skjermet(oppslag.personidentifikator);
            });
        };
        les();
        if (oppslag.status == store::AvregningOppslag::Status::UkjentPerson && foerste &&
            foerste(pid))
            les();
        // [INFER] Skjerming is decided before existence: a package without rights to shielded
        // persons learns nothing, not even whether that year has a settlement or was deleted.
        if (skjermet && !regel->ser_skjermede)
            return encode(ctx, AvregningView{skatteoppgjoer::bare_skjermet(pid, aar)});
        using S = store::AvregningOppslag::Status;
        switch (oppslag.status) {
            case S::UkjentPerson:
                return codes().make(Problem::UnknownParty,
                                    fmt::format("Ingen treff på personidentifikator {}", pid));
            case S::IngenForAaret:
                return codes().make(Problem::NotFound,
                                    fmt::format("Fant ingen avregning for personidentifikator {} "
                                                "og inntektsår {}",
                                                pid, aar));
            case S::Slettet:
                return codes().make(Problem::Gone,
                                    fmt::format("Avregningen for inntektsår {} er slettet", aar));
            case S::Funnet:
                break;
        }
        return encode(ctx,
                      AvregningView{skatteoppgjoer::utsnitt(*oppslag.oppgjoer, *regel, skjermet)});
    };
    m.routes.push_back(std::move(r));
    return m;
}

}  // namespace skd::apis::avregning
