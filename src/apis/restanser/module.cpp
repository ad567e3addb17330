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
    auto kravtyper =
        std::make_shared<const std::map<std::string, ledger::KravtypeKategori, std::less<>>>(
            ledger.kravtype_tabell());

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
    // Per organisation and day, kept while the ledger version is unchanged: one point lookup
    // instead of the aggregation for an organisation asked again.
    struct Utregnet {
        bool har_krav = false;
        ledger::Restanser restanser;
    };
    auto utregnet = std::make_shared<VersionedCache<Utregnet>>(deps.cfg.restanser_cache_entries);
    r.handler = [ledger, kravtyper, ebevis_full,
                 utregnet](RequestContext& ctx) -> ApiResult<Reply> {
        auto org = ctx.path_param("organisasjonsnummer");
        std::string key(org);
        key += '|';
        key += ctx.i_dag.str();
        const Utregnet u = utregnet->get(key, ledger.versjon(), [&] {
            Utregnet x;
            x.har_krav = ledger.har_krav(org);
            if (x.har_krav)
                x.restanser =
                    ledger::beregn_restanser(ledger.forfalte_poster(org, ctx.i_dag), *kravtyper);
            return x;
        });
        if (!u.har_krav)
            return codes().make(Problem::NotFound,
                                "Fant ingen restanser for organisasjonsnummer " + std::string(org));
        RestanserView v{u.restanser, ctx.naa, std::string(org),
                        ebevis_full || ctx.path_param("rettighetspakke") == "dibk"};
        return encode(ctx, v);
    };
    m.routes.push_back(std::move(r));
    return m;
}

}  // namespace skd::apis::restanser
