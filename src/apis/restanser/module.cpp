#include "apis/restanser/module.hpp"

#include "apis/restanser/view.hpp"
#include "config/config.hpp"
#include "core/ids.hpp"
#include "core/versioned_cache.hpp"
#include "store/ledger_store.hpp"

namespace skd::apis::restanser {

namespace {

const CodeTable& codes() {
    static const CodeTable t = standard_table(
        "restanser",
        {.unexpected = "RESTANSE-001",
         .backend = "RESTANSE-002",
         .unknown_url = "RESTANSE-003",
         .unauthenticated = "RESTANSE-004",
         .forbidden = "RESTANSE-005",
         .invalid_input = "RESTANSE-006",
         .not_acceptable = "RESTANSE-009",
         .consent = "RESTANSE-007",
         .not_found = "RESTANSE-008",
         .not_found_melding = "Fant ingen restanser for oppgitt organisasjonsnummer."});
    return t;
}

security::Policy policy() {
    security::Policy p;
    p.api = "restanser";
    p.scopes = {"skatteetaten:restanser"};
    p.bruker_rettighetspakke = true;
    p.pakker.push_back({.navn = "dibk"});
    // SPEC §2.1: ebevis needs the organisation's consent (Altinn 2 5616_5 or Altinn 3).
    p.pakker.push_back({.navn = "ebevis",
                        .krever_samtykke = true,
                        .samtykke = {{"5616_5"}, {"digdir-restanser-skatteetaten"}}});
    return p;
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "restanser";
    m.host_label = "restanser";
    m.host_prefixes = {"/v2"};
    m.legacy_prefixes = {"/api/innkreving/restanser/v2"};
    m.codes = &codes();

    const bool mod11 = deps.cfg.mod11;
    const bool ebevis_full = deps.cfg.restanser_ebevis_full;
    store::LedgerStore ledger(deps.db);

    Route r;
    r.method = "GET";
    r.pattern = "/{rettighetspakke}/{organisasjonsnummer}";
    r.policy.policy = policy();
    r.policy.pakke_param = "rettighetspakke";
    r.policy.part_param = "organisasjonsnummer";
    r.policy.valider = [mod11](const RequestContext& ctx) -> std::optional<ApiError> {
        auto org = Organisasjonsnummer::parse(ctx.path_param("organisasjonsnummer"), mod11);
        if (!org) return codes().make(Problem::InvalidInput, org.error().melding);
        return std::nullopt;
    };
    // The figures come from the read model in one statement (store::LedgerStore::restanser).
    // They are also kept per organisation and day while the party's version (and the ledger's
    // epoch) is unchanged, so an organisation asked again costs one point lookup; a write to one
    // party leaves the others' kept figures alone.
    using Versjon = std::pair<std::int64_t, std::int64_t>;
    auto kept = std::make_shared<VersionedCache<ledger::Restanser, Versjon>>(
        deps.cfg.restanser_cache_entries);
    auto foerste = deps.foerste_beroering;
    r.handler = [ledger, ebevis_full, kept, foerste](RequestContext& ctx) -> ApiResult<Reply> {
        auto org = ctx.path_param("organisasjonsnummer");
        auto ingen = [&] {
            return codes().make(Problem::NotFound,
                                "Fant ingen restanser for organisasjonsnummer " + std::string(org));
        };
        auto& c = ledger.db().reader();
        std::string key;
        std::optional<ledger::Restanser> restanser;
        if (kept->enabled()) {
            auto status = ledger.status(c, org);
            if (!status && foerste && foerste(org)) status = ledger.status(c, org);
            if (!status || !status->har_krav) return ingen();
            key.append(org).append(1, '|').append(ctx.i_dag.str());
            restanser = kept->find(key, Versjon{status->epoke, status->versjon});
        }
        if (!restanser) {
            auto lest = ledger.restanser(c, org, ctx.i_dag);
            if (!lest && foerste && foerste(org)) lest = ledger.restanser(c, org, ctx.i_dag);
            if (!lest || !lest->status.har_krav) return ingen();
            restanser = lest->restanser;
            if (kept->enabled())
                kept->put(key, Versjon{lest->status.epoke, lest->status.versjon}, *restanser);
        }
        RestanserView v{*restanser, ctx.naa, std::string(org),
                        ebevis_full || ctx.path_param("rettighetspakke") == "dibk"};
        return encode(ctx, v);
    };
    m.routes.push_back(std::move(r));
    return m;
}

}  // namespace skd::apis::restanser
