#include "app/pipeline.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "apis/common/negotiate.hpp"
#include "apis/common/render_error.hpp"
#include "app/database.hpp"
#include "core/ids.hpp"
#include "ops/metrics.hpp"
#include "sandbox/feil.hpp"
#include "sandbox/journal.hpp"
#include "security/altinn_samtykke.hpp"
#include "security/token_verifier.hpp"
#include "store/db.hpp"

namespace skd::app {

using apis::ApiError;
using apis::Problem;

struct Pipeline::Outcome {
    const apis::ApiModule* module = nullptr;
    encoding::Format format = encoding::Format::Json;
    std::string korrelasjonsid;
    std::string consumer, acting_org, pakke, decision;
    std::string melding;  // the refusal's text, for the journal
    std::shared_ptr<const security::Claims> claims;
};

Pipeline::Pipeline(std::vector<apis::ApiModule> modules, const security::TokenVerifier& verifier,
                   const security::SamtykkeVerifier* samtykke, const security::GrantsLookup& grants,
                   store::Database& db, const Clock& clock, ops::AccessLog& log,
                   PipelineOptions opts)
    : modules_(std::move(modules)),
      verifier_(verifier),
      samtykke_(samtykke),
      grants_(grants),
      db_(db),
      clock_(clock),
      log_(log),
      opts_(std::move(opts)) {
    for (std::size_t m = 0; m < modules_.size(); ++m) {
        auto& mod = modules_[m];
        int id = router_.add_module(mod.host_label, mod.host_prefixes, mod.legacy_prefixes);
        for (std::size_t r = 0; r < mod.routes.size(); ++r) {
            router_.add_route(id, mod.routes[r].method, mod.routes[r].pattern,
                              static_cast<int>(route_index_.size()));
            route_index_.emplace_back(static_cast<int>(m), static_cast<int>(r));
        }
    }
}

namespace {

bool er_trygg_id(std::string_view v) {
    bool ok = !v.empty() && v.size() <= 100;
    for (char c : v)
        ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_' || c == '.' || c == ':');
    return ok;
}

bool er_korrelasjonsid_navn(std::string_view n) {
    constexpr std::string_view k = "korrelasjonsid";
    if (n.size() != k.size()) return false;
    for (std::size_t i = 0; i < k.size(); ++i) {
        char c = n[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != k[i]) return false;
    }
    return true;
}

// Echo the client's Korrelasjonsid when it is a plain token (UUIDs and similar ids), so it can
// never inject into our headers; otherwise mint a UUIDv4. The header wins; a query parameter of
// the same name (CLIENTS.md: one client sends `?...&Korrelasjonsid=..`) is read when there is
// no header. Only plain-token values are taken, so no percent-decoding is needed.
std::string korrelasjonsid_for(const http::Request& req) {
    auto v = req.header("Korrelasjonsid");
    if (er_trygg_id(v)) return std::string(v);
    if (v.empty()) {
        std::string_view q = req.query;
        while (!q.empty()) {
            auto amp = q.find('&');
            auto par = q.substr(0, amp);
            q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
            auto eq = par.find('=');
            if (eq == std::string_view::npos || !er_korrelasjonsid_navn(par.substr(0, eq)))
                continue;
            auto verdi = par.substr(eq + 1);
            if (er_trygg_id(verdi)) return std::string(verdi);
            break;  // the first one decides, as for every other query parameter
        }
    }
    return uuid_v4();
}

std::string_view decision_text(security::DenialKind k) {
    switch (k) {
        case security::DenialKind::UnknownPackage:
            return "avvist:ukjent_rettighetspakke";
        case security::DenialKind::Scope:
            return "avvist:scope";
        case security::DenialKind::NotGranted:
            return "avvist:ikke_tildelt";
        case security::DenialKind::Samtykke:
            return "avvist:samtykke";
        case security::DenialKind::Systembruker:
            return "avvist:systembruker";
    }
    return "avvist";
}

}  // namespace

void Pipeline::handle(const http::Request& req, http::Response& res) const {
    const auto t0 = std::chrono::steady_clock::now();
    Outcome o;
    o.korrelasjonsid = korrelasjonsid_for(req);
    if (!ops_endpoint(req, res)) {
        try {
            dispatch(req, res, o);
        } catch (const store::DbError& e) {
            // The database failing is the back-end error of the owning API (-002).
            const auto& codes = o.module ? *o.module->codes : apis::das_codes();
            spdlog::error("databasefeil ({}): {}", o.korrelasjonsid, e.what());
            apis::render_error(codes.make(Problem::Backend), codes.style(), o.format,
                               o.korrelasjonsid, req.path, res);
        } catch (const std::exception& e) {
            const auto& codes = o.module ? *o.module->codes : apis::das_codes();
            spdlog::error("uventet feil ({}): {}", o.korrelasjonsid, e.what());
            apis::render_error(codes.make(Problem::Unexpected), codes.style(), o.format,
                               o.korrelasjonsid, req.path, res);
        }
    }
    res.set_header("Korrelasjonsid", o.korrelasjonsid);
    const auto us = req.foerste_kjoering_us + std::chrono::duration_cast<std::chrono::microseconds>(
                                                  std::chrono::steady_clock::now() - t0)
                                                  .count();
    const std::string_view api = o.module ? std::string_view(o.module->name) : "ingen";
    ops::metrics().record(api, res.status, us);
    const std::string tid = clock_.naa().utc_millis();
    log_.write({tid, req.method, req.path, o.module ? api : std::string_view(), o.korrelasjonsid,
                o.consumer, o.acting_org, o.pakke, o.decision, req.remote, res.status,
                res.body.size(), us});
    // The journal is for the integrator's API calls: the control plane's own calls (a live
    // journal page reading it every second) and the portal's files would crowd them out.
    if (opts_.journal && api != "sandbox" && api != "portal") journalfoer(req, res, o, us);
}

namespace {
std::string sekunder_tekst(std::int64_t s) {
    return Tidspunkt::fra_mikros(s * 1'000'000).utc_millis();
}
}  // namespace

// The journal gets what was decided and why, and the token's claims without its signature.
void Pipeline::journalfoer(const http::Request& req, const http::Response& res, const Outcome& o,
                           std::int64_t us) const {
    sandbox::JournalPost p;
    p.tid = SystemClock().naa();
    p.metode = req.method;
    p.sti = req.target.substr(0, 2000);
    p.api = o.module ? o.module->name : std::string();
    p.korrelasjonsid = o.korrelasjonsid;
    p.konsument = o.consumer;
    if (o.claims && o.claims->systemuser_org) p.systembruker = *o.claims->systemuser_org;
    p.beslutning = o.decision;
    if (!o.melding.empty()) p.beslutning += (p.beslutning.empty() ? "" : ": ") + o.melding;
    if (p.beslutning.empty() && res.status >= 400) p.beslutning = "feil";
    p.status = res.status;
    p.varighet_us = us;
    if (const auto& c = o.claims) {
        std::string scope;
        for (const auto& s : c->scopes) scope += (scope.empty() ? "" : " ") + s;
        p.claims = {{"iss", c->issuer},
                    {"scope", scope},
                    {"client_id", c->client_id},
                    {"consumer", c->consumer_org},
                    {"jti", c->jti},
                    {"iat", sekunder_tekst(c->iat)},
                    {"exp", sekunder_tekst(c->exp)}};
        if (c->supplier_org) p.claims.emplace_back("supplier", *c->supplier_org);
        if (c->systemuser_org) p.claims.emplace_back("systemuser_org", *c->systemuser_org);
        if (c->system_id) p.claims.emplace_back("system_id", *c->system_id);
        for (std::size_t i = 0; i < c->samtykker.size(); ++i) {
            const auto& s = c->samtykker[i];
            std::string v = "fra " + s.fra_id + " til " + s.til_org;
            if (s.gyldig_til) v += " gyldig til " + s.gyldig_til->utc_millis();
            for (const auto& r : s.ressurser) v += " ressurs " + r;
            p.claims.emplace_back("samtykke" + (i ? std::to_string(i + 1) : std::string()), v);
        }
    }
    opts_.journal->legg_til(std::move(p));
}

bool Samtidighet::ta(const std::string& noekkel, std::size_t maks) {
    std::lock_guard lk(mu_);
    auto& n = i_bruk_[noekkel];
    if (n >= maks) return false;
    ++n;
    return true;
}

void Samtidighet::slipp(const std::string& noekkel) {
    std::lock_guard lk(mu_);
    auto it = i_bruk_.find(noekkel);
    if (it == i_bruk_.end()) return;
    if (--it->second == 0) i_bruk_.erase(it);
}

namespace {
// Holds one slot of the concurrency limit until the call's answer is built.
class SlotGuard {
public:
    SlotGuard(Samtidighet& s, std::string noekkel) : s_(s), noekkel_(std::move(noekkel)) {}
    ~SlotGuard() { s_.slipp(noekkel_); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;

private:
    Samtidighet& s_;
    std::string noekkel_;
};
}  // namespace

void Pipeline::dispatch(const http::Request& req, http::Response& res, Outcome& o) const {
    auto fail = [&](const ApiError& e) {
        const auto& codes = o.module ? *o.module->codes : apis::das_codes();
        o.melding = e.melding;
        apis::render_error(e, codes.style(), o.format, o.korrelasjonsid, req.path, res);
    };

    // 1. Route: the owner of the URL decides the error codes of everything after this.
    auto m = router_.match(req.host, req.method, req.path);
    if (m.module >= 0) o.module = &modules_[static_cast<std::size_t>(m.module)];
    const auto& codes = o.module ? *o.module->codes : apis::das_codes();

    // 2. Negotiate before anything else can fail, so every later error speaks the right format.
    auto fmt = apis::negotiate(req.header("Accept"), o.module ? o.module->xml : true);
    if (!fmt) return fail(codes.make(Problem::NotAcceptable));
    o.format = *fmt;

    if (m.kind == http::Router::Match::Kind::UnknownUrl)
        return fail(codes.make(Problem::UnknownUrl));
    if (m.kind == http::Router::Match::Kind::MethodNotAllowed) {
        auto e = codes.make(Problem::MethodNotAllowed);
        e.allow = m.allow;
        return fail(e);
    }
    // 2b. Sandbox faults (the control plane's rules; never on its own routes). A request run
    // again on the write pool keeps the fault its first run drew (in `res`), once.
    if (req.paa_nytt) {
        for (const auto& [navn, verdi] : res.headers)
            if (navn == "Skattedeling-Feilregel") o.decision = "feilregel:" + verdi;
    } else if (opts_.feil && !opts_.feil->tom() && o.module->name != "sandbox") {
        std::vector<std::string_view> parter;
        for (const auto& [navn, verdi] : m.params.values) parter.push_back(verdi);
        if (auto t = opts_.feil->treff(o.module->name, req.method, req.path, parter)) {
            o.decision = "feilregel:" + std::to_string(t->regel);
            // Says which rule shaped the answer (a client's logs then show it was a test fault).
            res.headers.emplace_back("Skattedeling-Feilregel", std::to_string(t->regel));
            res.delay_ms = t->forsinkelse_ms;
            if (t->bryt) {
                res.drop_connection = true;
                return;
            }
            res.truncate_body = t->avkort;
            if (t->status) {
                const apis::CodeEntry* e = t->kode ? codes.find_kode(*t->kode) : nullptr;
                ApiError feil;
                if (e) {
                    feil = codes.make(e->problem);
                } else if (*t->status == 503) {
                    feil = codes.make(Problem::Backend,
                                      "Tjenesten er midlertidig utilgjengelig; prøv igjen senere");
                } else if (*t->status == 429) {
                    feil = codes.make(Problem::TooManyRequests);
                } else {
                    // The table's first code with that status, else its unexpected-error code.
                    Problem p = Problem::Unexpected;
                    for (int i = 0; i < apis::kProblemCount; ++i)
                        if (const auto* x = codes.find(static_cast<Problem>(i));
                            x && x->status == *t->status) {
                            p = static_cast<Problem>(i);
                            break;
                        }
                    feil = codes.make(p);
                }
                feil.status = *t->status;
                fail(feil);
                if (*t->status == 503 || *t->status == 429) res.set_header("Retry-After", "1");
                return;
            }
        }
    }

    const auto [mi, ri] = route_index_[static_cast<std::size_t>(m.route)];
    const apis::Route& route = o.module->routes[static_cast<std::size_t>(ri)];
    const apis::RoutePolicy& rp = route.policy;

    apis::RequestContext ctx{
        req,         m.params, {}, o.format, clock_.naa(), Dato::fra_dager(0), o.korrelasjonsid,
        std::nullopt};
    ctx.i_dag = ctx.naa.oslo_dato();
    if (!ctx.query.parse(req.query))
        return fail(codes.make(Problem::InvalidInput, "Spørrestrengen har en ugyldig %-koding"));

    // A package name the API does not have is an unknown URL (SPEC §1.6), whoever asks.
    std::optional<std::string_view> pakke;
    if (!rp.pakke_param.empty()) {
        pakke = ctx.path_param(rp.pakke_param);
        o.pakke = std::string(*pakke);
        bool known = false;
        for (const auto& p : rp.policy.pakker) known = known || p.navn == *pakke;
        if (!known)
            return fail(
                codes.make(Problem::UnknownUrl,
                           "Ukjent rettighetspakke '" + std::string(pakke->substr(0, 60)) + "'"));
    }

    // 3. Authenticate: Maskinporten bearer token, verified once per token (cache).
    std::shared_ptr<const security::Claims> claims;
    if (rp.autentisering) {
        auto bearer = security::TokenVerifier::bearer_from_header(req.header("Authorization"));
        if (!bearer) {
            o.decision = "avvist:autentisering";
            return fail(codes.make(Problem::Unauthenticated, bearer.error().melding));
        }
        auto verified = verifier_.verify(*bearer);
        if (!verified) {
            o.decision = "avvist:autentisering";
            return fail(codes.make(Problem::Unauthenticated, verified.error().melding));
        }
        claims = *verified;
        o.claims = claims;
        o.consumer = claims->consumer_org;
        o.acting_org = claims->acting_org();
    }

    // bruk.md: at most N calls in flight per API per consumer; the slot is held until the
    // answer is built.
    std::optional<SlotGuard> slot;
    if (opts_.max_concurrent_per_consumer > 0 && claims) {
        std::string noekkel = o.module->name + '|' + claims->consumer_org;
        if (!samtidighet_.ta(noekkel, opts_.max_concurrent_per_consumer)) {
            o.decision = "avvist:samtidighet";
            auto e =
                codes.make(Problem::TooManyRequests,
                           fmt::format("For mange samtidige kall: høyst {} samtidige kall per "
                                       "API per konsument ({})",
                                       opts_.max_concurrent_per_consumer, claims->consumer_org));
            fail(e);
            res.set_header("Retry-After", "1");
            return;
        }
        slot.emplace(samtidighet_, std::move(noekkel));
    }

    // 4. Validate path identifiers, so malformed input is a 400 and not a consent failure.
    if (rp.valider)
        if (auto e = rp.valider(ctx)) return fail(*e);

    // 5. Authorise: scope, grant, consent, system user, as data on the route.
    if (rp.autentisering) {
        std::optional<security::Altinn2Samtykke> header_samtykke;
        // The header is read only where the package takes a consent: a package granted by law
        // (restanser dibk) or a route without consent ignores one sent along, valid or not.
        const auto* regel = security::rule_for(rp.policy, pakke);
        if (auto h = req.header("AltinnSamtykke");
            !h.empty() && regel && regel->godtar_samtykke()) {
            if (!samtykke_)
                return fail(codes.make(Problem::Consent,
                                       "AltinnSamtykke-tokenet kan ikke verifiseres: ingen "
                                       "Altinn-utsteder er konfigurert"));
            auto s = samtykke_->verify(h);
            if (!s) {
                o.decision = "avvist:samtykke";
                return fail(codes.make(Problem::Consent, s.error().melding));
            }
            header_samtykke = std::move(*s);
        }
        std::optional<std::string_view> part;
        if (!rp.part_param.empty()) part = ctx.path_param(rp.part_param);
        security::PolicyInput in{*claims, pakke, part,
                                 header_samtykke ? &*header_samtykke : nullptr, ctx.naa,
                                 opts_.sandbox,
                                 // Skatteetaten's test: "regnskapssystemer som tester vil i Test
                                 // kunne gjøre oppslag på alle testvirksomheter".
                                 opts_.sandbox || opts_.regnskapssystem_all_parties};
        auto id = security::authorise(rp.policy, in, grants_);
        if (!id) {
            o.decision = std::string(decision_text(id.error().kind));
            switch (id.error().kind) {
                case security::DenialKind::UnknownPackage:
                    return fail(codes.make(Problem::UnknownUrl, id.error().melding));
                case security::DenialKind::Samtykke:
                    return fail(codes.make(Problem::Consent, id.error().melding));
                default:
                    return fail(codes.make(Problem::Forbidden, id.error().melding));
            }
        }
        o.acting_org = id->acting_org;
        ctx.identity = std::move(*id);
        o.decision = "tillatt";
    }

    // 6. Handle.
    auto reply = route.handler(ctx);
    if (!reply) return fail(reply.error());
    res.status = reply->status;
    res.content_type = std::move(reply->content_type);
    res.body = std::move(reply->body);
    for (auto& [k, v] : reply->headers) res.set_header(std::move(k), std::move(v));
}

bool Pipeline::ops_endpoint(const http::Request& req, http::Response& res) const {
    const auto p = req.path;
    if (req.method != "GET" && req.method != "HEAD") return false;
    if (p == "/health") {
        res.content_type = "application/json";
        res.body = R"({"status":"ok"})";
        return true;
    }
    if (p == "/ready") {
        const bool up = db_.ping();
        res.status = up ? 200 : 503;
        res.content_type = "application/json";
        res.body = up ? R"({"status":"klar","database":"ok"})"
                      : R"({"status":"ikke klar","database":"utilgjengelig"})";
        append_replica_status(db_, res.body);
        return true;
    }
    if (p == "/metrics") {
        res.content_type = "text/plain; version=0.0.4";
        res.body = ops::metrics().prometheus_text();
        const auto w = db_.write_stats();
        res.body += fmt::format(
            "# HELP skd_db_writes_total Write transactions asked for.\n"
            "# TYPE skd_db_writes_total counter\nskd_db_writes_total {}\n"
            "# HELP skd_db_commits_total Commits made; fewer than writes when writes share a "
            "commit.\n"
            "# TYPE skd_db_commits_total counter\nskd_db_commits_total {}\n",
            w.writes, w.commits);
        return true;
    }
    if (p == "/jwks.json" && !opts_.jwks_json.empty()) {
        res.content_type = "application/json";
        res.body = opts_.jwks_json;
        return true;
    }
    return false;
}

const apis::ApiModule* Pipeline::owner_of(std::string_view host, std::string_view target) const {
    auto path = target.substr(0, target.find('?'));
    auto m = router_.match(host, "GET", path);
    return m.module >= 0 ? &modules_[static_cast<std::size_t>(m.module)] : nullptr;
}

void Pipeline::protocol_error(int status, std::string_view target, std::string_view accept,
                              http::Response& res) const {
    const auto* mod = owner_of("", target);
    const auto& codes = mod ? *mod->codes : apis::das_codes();
    auto f = apis::negotiate(accept, mod ? mod->xml : true).value_or(encoding::Format::Json);
    Problem p = status == 413   ? Problem::PayloadTooLarge
                : status == 431 ? Problem::HeaderTooLarge
                : status == 400 ? Problem::InvalidInput
                                : Problem::Unexpected;
    auto e = codes.make(p, status == 400 ? "Forespørselen er ikke gyldig HTTP/1.1" : std::string());
    e.status = status;
    std::string kid = uuid_v4();
    apis::render_error(e, codes.style(), f, kid, target.substr(0, target.find('?')), res);
    res.set_header("Korrelasjonsid", kid);
}

}  // namespace skd::app
