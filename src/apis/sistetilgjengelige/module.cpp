#include "apis/sistetilgjengelige/module.hpp"

#include <fmt/format.h>

#include "apis/sistetilgjengelige/view.hpp"
#include "config/config.hpp"
#include "core/ids.hpp"
#include "store/skatteoppgjoer_store.hpp"

namespace skd::apis::sistetilgjengelige {

namespace {

const CodeTable& codes() {
    // [INFER] The TD table has no 403 or back-end code: a token without the scope gets the
    // common table's authorisation code DAS-008 (403, feil.md), and back-end errors the common
    // DAS-003 (500, information temporarily unavailable, try again later).
    static const CodeTable t = standard_table(
        "sistetilgjengelige",
        {.unexpected = "TD-001",
         .backend = "DAS-003",
         .unknown_url = "TD-006",
         .unauthenticated = "TD-002",
         .forbidden = "DAS-008",
         .invalid_input = "TD-003",
         .not_acceptable = "TD-005",
         .not_found = "TD-004",
         .not_found_melding = "Fant ingen data for personidentifikator og ressursidentifikator"});
    return t;
}

security::Policy policy(bool godta_avregning) {
    security::Policy p;
    p.api = "sistetilgjengelige";
    p.krever_tilgang = false;  // SPEC §5.2/§5.3: no access grant of its own
    p.scopes = {"skatteetaten:summertskattegrunnlag",
                "skatteetaten:spesifisertsummertskattegrunnlag"};
    // Ambiguity 21: listed as a support service of avregning, so its scope may be accepted.
    if (godta_avregning) p.scopes.push_back("skatteetaten:avregning");
    return p;
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "sistetilgjengelige";
    m.host_label = "sistetilgjengeligeskatteoppgjoer";
    m.host_prefixes = {"/v1"};
    // [INFER] The old "tilgjengeligdata" path was never published; this legacy-style prefix
    // follows the other formueinntekt services so path-based clients have a base URL too.
    m.legacy_prefixes = {"/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1"};
    m.codes = &codes();

    const bool mod11 = deps.cfg.mod11;
    store::SkatteoppgjoerStore store(deps.db);

    Route r;
    r.method = "GET";
    r.pattern = "/{personidentifikator}";
    r.policy.policy = policy(deps.cfg.tilgjengelig_accepts_avregning);
    r.policy.part_param = "personidentifikator";
    r.policy.valider = [mod11](const RequestContext& ctx) -> std::optional<ApiError> {
        auto pid = Foedselsnummer::parse(ctx.path_param("personidentifikator"), mod11);
        if (!pid)
            return codes().make(Problem::InvalidInput,
                                "Feltet 'personidentifikator' har ugyldig "
                                "format. " +
                                    pid.error().melding);
        return std::nullopt;
    };
    auto foerste = deps.foerste_beroering;
    r.handler = [store, foerste](RequestContext& ctx) -> ApiResult<Reply> {
        const std::string pid(ctx.path_param("personidentifikator"));
        auto siste = store.siste_periode(pid);
        if (!siste && foerste && foerste(pid)) siste = store.siste_periode(pid);
        if (!siste)
            return codes().make(
                Problem::NotFound,
                fmt::format("Fant ingen skatteoppgjør for personidentifikator {}", pid));
        return encode(ctx, TilgjengeligdataView{pid, *siste});
    };
    m.routes.push_back(std::move(r));
    return m;
}

}  // namespace skd::apis::sistetilgjengelige
