#include "apis/trekkpaalegg/module.hpp"

#include "apis/trekkpaalegg/params.hpp"
#include "apis/trekkpaalegg/view.hpp"
#include "config/config.hpp"
#include "store/trekk_store.hpp"

namespace skd::apis::trekkpaalegg {

namespace {

// [INFER] SPEC §4.4 and ambiguity 1: the trekkpålegg page publishes only the KB-001..KB-009
// table (copied from krav og betalinger), and no TP- codes exist anywhere. We answer with those
// documented KB codes, so a client written against the page matches them; only the texts are
// ours. KB-005 covers every 403 (no consent is involved). As in krav og betalinger, KB-009 is
// "no match for the identifier" (no trekkpålegg with that trekkid for the trekkpliktig) and
// KB-007 "no data for it" (the trekkid exists, the version does not).
constexpr std::string_view kFormat = "Feil tilknyttet dataformat. Kun json er støttet.";
// Room reserved for the unpaged list (the latest version of every order) before it grows.
constexpr std::size_t kUpagetForventet = 128;

const CodeTable& codes() {
    static const CodeTable t(
        "trekkpaalegg", ErrorStyle::Standard,
        {{Problem::Unexpected, 500, "KB-001", "Uventet feil på tjenesten."},
         {Problem::Backend, 500, "KB-002", "Uventet feil i et bakenforliggende system."},
         {Problem::UnknownUrl, 404, "KB-003", "Ukjent url benyttet."},
         {Problem::Unauthenticated, 401, "KB-004", "Feil i forbindelse med autentisering."},
         {Problem::Forbidden, 403, "KB-005", "Feil i forbindelse med autorisering."},
         {Problem::Consent, 403, "KB-005", "Feil i forbindelse med autorisering."},
         {Problem::InvalidInput, 400, "KB-006", "Feil i forbindelse med validering av inputdata."},
         {Problem::NotFound, 404, "KB-007", "Fant ikke trekkpålegg."},
         {Problem::UnknownParty, 404, "KB-009", "Ingen treff på oppgitt identifikator."},
         {Problem::NotAcceptable, 406, "KB-008", kFormat},
         {Problem::MethodNotAllowed, 405, "KB-003", "Metoden er ikke støttet for denne url-en."},
         {Problem::PayloadTooLarge, 413, "KB-006", "Forespørselen er for stor."},
         {Problem::HeaderTooLarge, 431, "KB-006", "Forespørselens hoder er for store."},
         {Problem::UnsupportedMedia, 415, "KB-006", "Innholdstypen er ikke støttet."},
         {Problem::Gone, 410, "KB-007", "Dataene er slettet."},
         {Problem::Conflict, 409, "KB-006", "Konflikt med eksisterende data."},
         {Problem::Unprocessable, 422, "KB-006", "Feil i forbindelse med validering av inputdata."},
         {Problem::TooManyRequests, 429, "KB-005",
          "For mange samtidige kall. Maksimalt antall samtidige kall per API per konsument er "
          "nådd."}});
    return t;
}

// SPEC §4.1: one scope (two spellings), no rettighetspakke in the URL, system users welcome.
// Outside sandbox mode the acting organisation needs a grant row (api "trekkpaalegg", pakke "").
security::Policy policy(bool scope_alias) {
    security::Policy p;
    p.api = "trekkpaalegg";
    // The documentation page writes the scope with "å" (SPEC ambiguity 3); accepted as an alias
    // unless trekkpaalegg_scope_alias is off.
    p.scopes = {"skatteetaten:trekkpaalegg"};
    if (scope_alias) p.scopes.emplace_back("skatteetaten:trekkpålegg");
    p.bruker_rettighetspakke = false;
    p.tillat_systembruker = true;
    return p;
}

// An answer of stored JSON (view.hpp), with the content type encode() gives JSON.
Reply json_svar(std::string body) {
    Reply r;
    r.body = std::move(body);
    r.content_type = "application/json;charset=UTF-8";
    return r;
}

// The trekkpliktig is the acting organisation of the token, never a URL segment (SPEC §4.1).
const std::string& trekkpliktig(const RequestContext& ctx) {
    return ctx.identity->acting_org;
}

Route hent_alle_gjeldende(store::TrekkStore store, const security::Policy& pol,
                          std::function<bool(std::string_view)> foerste) {
    Route r;
    r.method = "GET";
    r.pattern = "";
    r.policy.policy = pol;
    r.policy.valider = [](const RequestContext& ctx) -> std::optional<ApiError> {
        if (auto p = parse_paging(ctx.query, codes()); !p) return p.error();
        return std::nullopt;
    };
    r.handler = [store, foerste](RequestContext& ctx) -> ApiResult<Reply> {
        auto paging = parse_paging(ctx.query, codes());
        if (!paging) return paging.error();
        // [INFER] SPEC §4.2: without paging, the latest version of every order; with paging,
        // every *version* newer than fraSekvensnummer, so a client that stores versions by
        // sekvensnummer misses none. Folding pages by trekkid gives the unpaged answer.
        // No orders is 200 with [] (SPEC §4.2).
        // The versions are spliced into the body as the store reads them (view.hpp).
        std::string body;
        std::size_t antall = 0;
        auto les = [&] {
            body.clear();
            antall = 0;
            TrekkpaaleggListe liste(body, *paging ? static_cast<std::size_t>((*paging)->maks_antall)
                                                  : kUpagetForventet);
            const auto legg_til = [&](std::string_view v) {
                liste.legg_til(v);
                ++antall;
            };
            if (*paging)
                store.visninger_etter(trekkpliktig(ctx), (*paging)->etter, (*paging)->maks_antall,
                                      legg_til);
            else
                store.gjeldende_visninger(trekkpliktig(ctx), legg_til);
            liste.avslutt();
        };
        les();
        // Sandbox: an employer the database does not know is made on first touch.
        if (antall == 0 && foerste && foerste(trekkpliktig(ctx))) les();
        return json_svar(std::move(body));
    };
    return r;
}

Route hent_versjon(store::TrekkStore store, const security::Policy& pol) {
    Route r;
    r.method = "GET";
    r.pattern = "/{trekkid}/{trekkversjon}";
    r.policy.policy = pol;
    r.policy.valider = [](const RequestContext& ctx) -> std::optional<ApiError> {
        if (auto v = parse_versjon_id(ctx, codes()); !v) return v.error();
        return std::nullopt;
    };
    r.handler = [store](RequestContext& ctx) -> ApiResult<Reply> {
        auto id = parse_versjon_id(ctx, codes());
        if (!id) return id.error();
        auto v = store.visning(trekkpliktig(ctx), id->trekkid, id->trekkversjon);
        if (v) return json_svar(std::move(*v));
        // Another trekkpliktig's order answers exactly like one that does not exist.
        if (!store.har_trekkid(trekkpliktig(ctx), id->trekkid))
            return codes().make(Problem::UnknownParty,
                                "Ingen treff på trekkid " + id->trekkid + " for trekkpliktig");
        return codes().make(Problem::NotFound, "Fant ikke trekkpålegg med trekkid " + id->trekkid +
                                                   " og trekkversjon " +
                                                   std::to_string(id->trekkversjon));
    };
    return r;
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "trekkpaalegg";
    // SPEC §1.1: still path-based on the shared host (api.skatteetaten.no); no host of its own.
    m.legacy_prefixes = {"/api/trekkpaalegg/v1"};
    m.codes = &codes();
    m.xml = false;  // SPEC §1.2: JSON only

    store::TrekkStore store(deps.db);
    // The midnight transition (SPEC §4.3) is a scheduled job (app/jobber), never a request.
    const auto pol = policy(deps.cfg.trekkpaalegg_scope_alias);
    m.routes.push_back(hent_alle_gjeldende(store, pol, deps.foerste_beroering));
    m.routes.push_back(hent_versjon(store, pol));
    return m;
}

}  // namespace skd::apis::trekkpaalegg
