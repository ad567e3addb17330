#include "apis/kravogbetalinger/module.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

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
    bool person_oppslag;
    std::function<bool(std::string_view)> foerste_beroering;
    // The interest rates, read again whenever the ledger's epoch moves (an import may change
    // them), and otherwise shared by every request.
    mutable std::mutex mu;
    mutable std::int64_t satser_epoke = -1;
    mutable std::shared_ptr<const std::vector<ledger::RenteSats>> satser;

    std::shared_ptr<const std::vector<ledger::RenteSats>> rentesatser(store::Connection& c,
                                                                      std::int64_t epoke) const {
        {
            std::lock_guard lock(mu);
            if (satser && satser_epoke == epoke) return satser;
        }
        auto ny = std::make_shared<const std::vector<ledger::RenteSats>>(ledger.rentesatser(c));
        std::lock_guard lock(mu);
        if (epoke >= satser_epoke) {
            satser = ny;
            satser_epoke = epoke;
        }
        return ny;
    }
};

// The party must exist (KB-009); returns its display settings.
ApiResult<Visning> visning(const std::optional<store::PartStatus>& status, std::string_view part) {
    if (!status)
        return codes().make(Problem::UnknownParty,
                            "Ingen treff på identifikator " + std::string(part));
    return Visning{std::string(part), status->skjermet};
}

void med_stipulerte_renter(std::vector<ledger::Krav>& krav,
                           const std::vector<ledger::RenteSats>& satser, Dato i_dag) {
    for (auto& k : krav) {
        Beloep sum;
        for (const auto& f : k.kravforfall)
            sum +=
                ledger::beregn_stipulerte_renter(f.gjenstaaende(), f.forfallsdato, i_dag, satser);
        k.stipulerte_renter = sum;
    }
}

// Every answer reads inside one snapshot (Database::read): the lists and the sums it shows
// come from the same committed state even while imports commit.
ApiResult<Reply> aapnekrav(RequestContext& ctx, const Shared& s) {
    auto part = ctx.path_param("partIdentifikator");
    std::optional<store::PartStatus> status;
    std::vector<ledger::Krav> krav;
    std::vector<ledger::Innbetaling> innb;
    std::shared_ptr<const std::vector<ledger::RenteSats>> satser;
    auto les = [&] {
        s.ledger.db().read([&](store::Connection& c) {
            status = s.ledger.status(c, part);
            if (!status) return;
            // SPEC §3.3: open claims are those with a remaining amount; credit claims count too,
            // so that saldo nets them [INFER].
            krav = s.ledger.aapne_krav(c, part);
            innb = s.ledger.uplasserte_innbetalinger(c, part);
            satser = s.rentesatser(c, status->epoke);
        });
    };
    les();
    if (!status && s.foerste_beroering && s.foerste_beroering(part)) les();
    auto v = visning(status, part);
    if (!v) return v.error();
    med_stipulerte_renter(krav, *satser, ctx.i_dag);
    auto per_gruppe = ledger::beregn_per_kravgruppe(krav, ctx.i_dag);
    return encode(ctx, AapneKravView{*v, krav, innb, ledger::beregn_total(krav, innb, ctx.i_dag),
                                     per_gruppe});
}

ApiResult<Reply> krav(RequestContext& ctx, const Shared& s) {
    auto periode = parse_periode(ctx.query, codes());
    if (!periode) return periode.error();
    auto part = ctx.path_param("partIdentifikator");
    std::optional<store::PartStatus> status;
    std::vector<ledger::Krav> krav;
    std::shared_ptr<const std::vector<ledger::RenteSats>> satser;
    auto les = [&] {
        s.ledger.db().read([&](store::Connection& c) {
            status = s.ledger.status(c, part);
            if (!status) return;
            krav = s.ledger.krav(c, part, *periode);
            if (!krav.empty()) satser = s.rentesatser(c, status->epoke);
        });
    };
    les();
    if (!status && s.foerste_beroering && s.foerste_beroering(part)) les();
    auto v = visning(status, part);
    if (!v) return v.error();
    if (krav.empty()) return codes().make(Problem::NotFound);
    med_stipulerte_renter(krav, *satser, ctx.i_dag);
    return encode(ctx, KravView{*v, *periode, krav});
}

ApiResult<Reply> innbetalinger(RequestContext& ctx, const Shared& s) {
    auto periode = parse_periode(ctx.query, codes());
    if (!periode) return periode.error();
    auto part = ctx.path_param("partIdentifikator");
    std::optional<store::PartStatus> status;
    std::vector<ledger::Innbetaling> innb;
    auto les = [&] {
        s.ledger.db().read([&](store::Connection& c) {
            status = s.ledger.status(c, part);
            if (status) innb = s.ledger.innbetalinger(c, part, *periode);
        });
    };
    les();
    if (!status && s.foerste_beroering && s.foerste_beroering(part)) les();
    auto v = visning(status, part);
    if (!v) return v.error();
    if (innb.empty()) return codes().make(Problem::NotFound);
    return encode(ctx, InnbetalingerView{*v, *periode, innb});
}

ApiResult<Reply> utbetalinger(RequestContext& ctx, const Shared& s) {
    auto periode = parse_periode(ctx.query, codes());
    if (!periode) return periode.error();
    auto part = ctx.path_param("partIdentifikator");
    std::optional<store::PartStatus> status;
    std::vector<ledger::Utbetaling> utb;
    auto les = [&] {
        s.ledger.db().read([&](store::Connection& c) {
            status = s.ledger.status(c, part);
            if (status) utb = s.ledger.utbetalinger(c, part, *periode);
        });
    };
    les();
    if (!status && s.foerste_beroering && s.foerste_beroering(part)) les();
    auto v = visning(status, part);
    if (!v) return v.error();
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

    auto shared = std::make_shared<const Shared>(store::LedgerStore(deps.db),
                                                 deps.cfg.kb_person_lookup, deps.foerste_beroering);
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
