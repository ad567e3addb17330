#include "apis/hendelser/module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "apis/common/params.hpp"
#include "apis/hendelser/view.hpp"
#include "config/config.hpp"
#include "store/skatteoppgjoer_store.hpp"

namespace skd::apis::hendelser {

namespace {

// SPEC §5.2 / Ambiguity 23: both parameters are optional.
constexpr std::int64_t kStandardFra = 1;
constexpr std::int64_t kStandardAntall = 1000;
// [INFER] "The service handles 10000": antall is a maximum, so a larger value is served as
// 10000 rather than refused.
constexpr std::int64_t kMaksAntall = 10000;

const CodeTable& codes() {
    // [INFER] The FA table has no 403 code; a token without one of the scopes gets the common
    // table's authorisation code DAS-008 (403, "ikke autorisert", feil.md), which every
    // datadeling application may answer. There is no FA back-end code either: back-end errors
    // get the common DAS-003 (500, information temporarily unavailable, try again later).
    static const CodeTable t =
        standard_table("hendelser", {.unexpected = "FA-001",
                                     .backend = "DAS-003",
                                     .unknown_url = "FA-002",
                                     .unauthenticated = "FA-003",
                                     .forbidden = "DAS-008",
                                     .invalid_input = "FA-004",
                                     .not_acceptable = "FA-006",
                                     .not_found = "FA-005",
                                     .not_found_melding = "Ingen hendelser funnet for gitt input"});
    return t;
}

security::Policy policy() {
    security::Policy p;
    p.api = "hendelser";
    p.krever_tilgang = false;  // SPEC §5.2/§5.3: no access grant of its own
    // SPEC §5.2: no own scope; any scope of the skatteoppgjør data APIs reads the feed.
    p.scopes = {"skatteetaten:spesifisertsummertskattegrunnlag",
                "skatteetaten:summertskattegrunnlag",
                "skatteetaten:beregnetskatt",
                "skatteetaten:avregning",
                "skatteetaten:skatteplikt",
                "skatteetaten:pensjonsgivendeinntekt"};
    return p;
}

ApiResult<std::optional<std::int64_t>> heltall_param(const RequestContext& ctx,
                                                     std::string_view navn) {
    if (auto e = sjekk_ikke_duplisert(navn, ctx.query.count(navn), codes())) return *e;
    auto v = ctx.query.get(navn);
    if (!v) return std::optional<std::int64_t>{};
    auto n = parse_heltall(navn, *v, 1, std::numeric_limits<std::int64_t>::max(), codes());
    if (!n) return n.error();
    return std::optional<std::int64_t>{*n};
}

ApiResult<Reply> start(const RequestContext& ctx, const store::SkatteoppgjoerStore& store) {
    if (auto e = sjekk_ikke_duplisert("dato", ctx.query.count("dato"), codes())) return *e;
    std::optional<Tidspunkt> fra;
    if (auto tekst = ctx.query.get("dato")) {
        auto dato = Dato::parse(*tekst);
        if (!dato)
            return codes().make(
                Problem::InvalidInput,
                fmt::format("Parameteren 'dato' må være en dato på formen ÅÅÅÅ-MM-DD, "
                            "fikk '{}'",
                            tekst->substr(0, 40)));
        // [INFER] SPEC §5.2: a date after today (Oslo) has no events and is refused.
        if (*dato > ctx.i_dag)
            return codes().make(Problem::InvalidInput,
                                fmt::format("Parameteren 'dato' ({}) er i fremtiden", dato->str()));
        fra = skatteoppgjoer::oslo_midnatt(*dato);
    }
    return encode(ctx, StartView{store.foerste_sekvensnummer(fra)});
}

ApiResult<Reply> les(const RequestContext& ctx, const store::SkatteoppgjoerStore& store,
                     bool tom_side_404) {
    auto fra = heltall_param(ctx, "fraSekvensnummer");
    if (!fra) return fra.error();
    auto antall = heltall_param(ctx, "antall");
    if (!antall) return antall.error();
    const std::int64_t n = std::min(antall->value_or(kStandardAntall), kMaksAntall);
    // The page is written into the body as the rows are read (view.hpp).
    Reply svar;
    HendelserSide side(svar.body, ctx.format, static_cast<std::size_t>(n));
    // SPEC §5.2: fraSekvensnummer is inclusive ("fra og med").
    store.hendelser(fra->value_or(kStandardFra), n,
                    [&](const skatteoppgjoer::Hendelse& h) { side.legg_til(h); });
    if (side.antall() == 0 && tom_side_404)
        return codes().make(Problem::NotFound,
                            fmt::format("Ingen hendelser fra og med sekvensnummer {}",
                                        fra->value_or(kStandardFra)));
    side.avslutt();
    // The content types of encode() (apis/common/request_context.hpp).
    svar.content_type = ctx.format == encoding::Format::Xml ? "application/xml;charset=UTF-8"
                                                            : "application/json;charset=UTF-8";
    return svar;
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "hendelser";
    m.host_label = "skatteoppgjoerhendelser";
    m.host_prefixes = {"/v1"};
    // SPEC §1.1: the legacy base ends in /hendelser/ (trailing slash); the router ignores it.
    m.legacy_prefixes = {"/api/formueinntekt/skatteoppgjoer"};
    m.codes = &codes();

    store::SkatteoppgjoerStore store(deps.db);
    const bool tom_side_404 = deps.cfg.hendelser_empty_page_404;

    Route s;
    s.method = "GET";
    s.pattern = "/hendelser/start";
    s.policy.policy = policy();
    s.handler = [store](RequestContext& ctx) { return start(ctx, store); };
    m.routes.push_back(std::move(s));

    Route r;
    r.method = "GET";
    r.pattern = "/hendelser";
    r.policy.policy = policy();
    r.handler = [store, tom_side_404](RequestContext& ctx) {
        return les(ctx, store, tom_side_404);
    };
    m.routes.push_back(std::move(r));
    return m;
}

}  // namespace skd::apis::hendelser
