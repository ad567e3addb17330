#include "apis/kravogbetalinger/module.hpp"

#include <algorithm>
#include <memory>

#include "apis/kravogbetalinger/params.hpp"
#include "apis/kravogbetalinger/view.hpp"
#include "config/config.hpp"
#include "core/ids.hpp"

namespace skd::apis::kravogbetalinger {

namespace {

const CodeTable& codes() {
    static const CodeTable t = standard_table(
        "kravogbetalinger",
        {.unexpected = "KB-001",
         .backend = "KB-002",
         .unknown_url = "KB-003",
         .unauthenticated = "KB-004",
         .forbidden = "KB-005",
         .invalid_input = "KB-006",
         .not_acceptable = "KB-008",
         .consent = "KB-005",
         .not_found = "KB-007",
         .unknown_party = "KB-009",
         .not_found_melding = "Fant ingen krav/betalinger på angitt identifikator og periode.",
         .unknown_party_melding = "Ingen treff på oppgitt identifikator."});
    return t;
}

// SPEC §3.1 and ambiguity 13: finans needs consent (Altinn 2 service 5928_202301, or the older
// per-endpoint code of that endpoint, or Altinn 3). regnskapssystem "krever samtykke" in the
// older pages and a system user in the newest, so either suffices: a consent from the party
// (the same service codes and resource) or a system user acting for the party itself. Its grant
// belongs to the accounting-system vendor (the token's consumer or supplier), not the customer.
security::Policy policy(std::string_view tjeneste, bool regnskapssystem_samtykke) {
    security::Policy p;
    p.api = "kravogbetalinger";
    p.scopes = {"skatteetaten:kravogbetalinger"};
    p.bruker_rettighetspakke = true;
    std::vector<std::string> tjenester = {"5928_202301"};
    if (tjeneste != "5928_202301") tjenester.emplace_back(tjeneste);
    p.pakker.push_back({.navn = "finans",
                        .krever_samtykke = true,
                        .samtykke = {tjenester, {"ske-samtykke-krav-og-betalinger"}}});
    // SPEC ambiguity 13: regnskapssystem_consent = false keeps the newest page's reading only
    // (a system user, no consent).
    p.pakker.push_back({.navn = "regnskapssystem",
                        .samtykke = {tjenester, {"ske-samtykke-krav-og-betalinger"}},
                        .krever_systembruker = !regnskapssystem_samtykke,
                        .samtykke_eller_systembruker = regnskapssystem_samtykke,
                        .systembruker_kun_egen_part = true,
                        .tilgang_for_leverandoer = true});
    return p;
}

struct Shared {
    store::LedgerStore ledger;
    std::vector<ledger::RenteSats> satser;
    bool person_oppslag;
};

// The party must exist (KB-009); returns its display settings.
ApiResult<Visning> visning(const Shared& s, std::string_view part) {
    auto p = s.ledger.part(part);
    if (!p)
        return codes().make(Problem::UnknownParty,
                            "Ingen treff på identifikator " + std::string(part));
    return Visning{std::string(part), p->skjermet()};
}

void med_stipulerte_renter(std::vector<ledger::Krav>& krav, const Shared& s, Dato i_dag) {
    for (auto& k : krav) {
        Beloep sum;
        for (const auto& f : k.kravforfall)
            sum +=
                ledger::beregn_stipulerte_renter(f.gjenstaaende(), f.forfallsdato, i_dag, s.satser);
        k.stipulerte_renter = sum;
    }
}

ApiResult<Reply> aapnekrav(RequestContext& ctx, const Shared& s) {
    auto part = ctx.path_param("partIdentifikator");
    auto v = visning(s, part);
    if (!v) return v.error();
    auto krav = s.ledger.krav(part, std::nullopt);
    // SPEC §3.3: open claims are those with a remaining amount; credit claims count too, so
    // that saldo nets them [INFER].
    std::erase_if(krav, [](const ledger::Krav& k) { return k.gjenstaaende().er_null(); });
    med_stipulerte_renter(krav, s, ctx.i_dag);
    auto innb = s.ledger.innbetalinger(part, std::nullopt);
    std::erase_if(innb, [](const ledger::Innbetaling& i) { return i.uplassert().oere() <= 0; });
    auto per_gruppe = ledger::beregn_per_kravgruppe(krav, ctx.i_dag);
    return encode(ctx, AapneKravView{*v, krav, innb, ledger::beregn_total(krav, innb, ctx.i_dag),
                                     per_gruppe});
}

ApiResult<Reply> krav(RequestContext& ctx, const Shared& s) {
    auto periode = parse_periode(ctx.query, codes());
    if (!periode) return periode.error();
    auto part = ctx.path_param("partIdentifikator");
    auto v = visning(s, part);
    if (!v) return v.error();
    auto krav = s.ledger.krav(part, *periode);
    if (krav.empty()) return codes().make(Problem::NotFound);
    med_stipulerte_renter(krav, s, ctx.i_dag);
    return encode(ctx, KravView{*v, *periode, krav});
}

ApiResult<Reply> innbetalinger(RequestContext& ctx, const Shared& s) {
    auto periode = parse_periode(ctx.query, codes());
    if (!periode) return periode.error();
    auto part = ctx.path_param("partIdentifikator");
    auto v = visning(s, part);
    if (!v) return v.error();
    auto innb = s.ledger.innbetalinger(part, *periode);
    if (innb.empty()) return codes().make(Problem::NotFound);
    return encode(ctx, InnbetalingerView{*v, *periode, innb});
}

ApiResult<Reply> utbetalinger(RequestContext& ctx, const Shared& s) {
    auto periode = parse_periode(ctx.query, codes());
    if (!periode) return periode.error();
    auto part = ctx.path_param("partIdentifikator");
    auto v = visning(s, part);
    if (!v) return v.error();
    auto utb = s.ledger.utbetalinger(part, *periode);
    if (utb.empty()) return codes().make(Problem::NotFound);
    return encode(ctx, UtbetalingerView{*v, *periode, utb});
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "kravogbetalinger";
    m.host_label = "kravogbetalinger";
    m.host_prefixes = {"/v1"};
    m.legacy_prefixes = {"/api/innkreving/kravogbetalinger/v1"};
    m.codes = &codes();

    store::LedgerStore ledger(deps.db);
    auto shared = std::make_shared<const Shared>(
        Shared{ledger, ledger.rentesatser(), deps.cfg.kb_person_lookup});
    const bool mod11 = deps.cfg.mod11;
    auto valider = [shared, mod11](const RequestContext& ctx) -> std::optional<ApiError> {
        auto part = ctx.path_param("partIdentifikator");
        auto p = PartIdentifikator::parse(part, shared->person_oppslag);
        if (!p) return codes().make(Problem::InvalidInput, p.error().melding);
        if (mod11 &&
            !(p->er_person() ? mod11_gyldig_foedselsnummer(part) : mod11_gyldig_orgnr(part)))
            return codes().make(Problem::InvalidInput,
                                "partIdentifikator har ugyldig kontrollsiffer");
        return std::nullopt;
    };
    struct Endepunkt {
        const char* navn;
        const char* tjeneste;
        ApiResult<Reply> (*handler)(RequestContext&, const Shared&);
    };
    for (const auto& e :
         {Endepunkt{"aapnekrav", "5928_202301", aapnekrav}, Endepunkt{"krav", "5929_202301", krav},
          Endepunkt{"innbetalinger", "5930_202301", innbetalinger},
          Endepunkt{"utbetalinger", "5931_202301", utbetalinger}}) {
        Route r;
        r.method = "GET";
        r.pattern = std::string("/{rettighetspakke}/{partIdentifikator}/") + e.navn;
        r.policy.policy = policy(e.tjeneste, deps.cfg.regnskapssystem_consent);
        r.policy.pakke_param = "rettighetspakke";
        r.policy.part_param = "partIdentifikator";
        r.policy.valider = valider;
        r.handler = [shared, h = e.handler](RequestContext& ctx) { return h(ctx, *shared); };
        m.routes.push_back(std::move(r));
    }
    return m;
}

}  // namespace skd::apis::kravogbetalinger
