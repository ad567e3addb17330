#include "apis/utleggsbegjaering/module.hpp"

#include "apis/utleggsbegjaering/handlers.hpp"
#include "config/config.hpp"

namespace skd::apis::utleggsbegjaering {

namespace {

security::Policy policy() {
    security::Policy p;
    p.api = "utleggsbegjaering";
    // SPEC §6.1: one scope, for vendors acting for themselves and for system users alike.
    p.scopes = {"skatteetaten:utleggsbegjaering"};
    // [INFER] The pilot agreement (SPEC §6.10) is a grant named like the API, so it can be
    // registered with `tilgang` import lines; --sandbox grants it to everyone.
    p.pakker.push_back({.navn = "utleggsbegjaering"});
    p.tillat_systembruker = true;
    return p;
}

Route route(std::string method, std::string pattern, RouteHandler h) {
    Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.policy.policy = policy();
    r.handler = std::move(h);
    return r;
}

}  // namespace

// SPEC §6.3 and ambiguity 9/10: one module on both legacy prefixes; the handlers read the
// version from the path (/v1 = model 0.9, /v2 = model 1.0-2.0). The API has no host of its own.
ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "utleggsbegjaering";
    m.legacy_prefixes = {"/api/utleggsbegjaering/v1", "/api/utleggsbegjaering/v2"};
    m.codes = &codes();
    m.xml = false;  // SPEC §1.2: JSON only

    const Tjenester t{store::UtleggStore(deps.db), store::LedgerStore(deps.db), deps.cfg.sandbox,
                      deps.foerste_beroering};
    m.routes.push_back(
        route("POST", "", [t](RequestContext& ctx) { return send_inn(ctx, t, false); }));
    m.routes.push_back(
        route("POST", "/valider", [t](RequestContext& ctx) { return send_inn(ctx, t, true); }));
    m.routes.push_back(
        route("POST", "/vedlegg", [t](RequestContext& ctx) { return last_opp_vedlegg(ctx, t); }));
    m.routes.push_back(route("PUT", "/{eksternSaksreferanse}",
                             [t](RequestContext& ctx) { return endre(ctx, t, false); }));
    m.routes.push_back(route("PUT", "/valider/{eksternSaksreferanse}",
                             [t](RequestContext& ctx) { return endre(ctx, t, true); }));
    m.routes.push_back(route("GET", "/{eksternSaksreferanse}",
                             [t](RequestContext& ctx) { return hent_sak(ctx, t); }));
    return m;
}

}  // namespace skd::apis::utleggsbegjaering
