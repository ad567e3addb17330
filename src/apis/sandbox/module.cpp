#include "apis/sandbox/module.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <functional>
#include <stdexcept>

#include "apis/common/request_context.hpp"
#include "core/ids.hpp"
#include "import/importer.hpp"
#include "sandbox/finn.hpp"
#include "sandbox/scenarier.hpp"
#include "store/finn.hpp"
#include "store/tilstand_store.hpp"

namespace skd::apis::sandbox {

namespace json = boost::json;
using skd::sandbox::Feilregel;
using skd::sandbox::JournalFilter;
using skd::sandbox::JournalPost;

namespace {

const CodeTable& codes() {
    static const CodeTable t(
        "sandbox", ErrorStyle::ProblemDetail,
        {{Problem::Unexpected, 500, "UVENTET_FEIL", "Uventet feil i sandkassens kontrollplan."},
         {Problem::Backend, 500, "BAKENFORLIGGENDE_FEIL", "Databasen svarer ikke."},
         {Problem::UnknownUrl, 404, "UKJENT_URL", "Ukjent url i kontrollplanet."},
         {Problem::Unauthenticated, 401, "IKKE_AUTENTISERT",
          "Kontrollplanet krever et gyldig token med scope skattedeling:admin."},
         {Problem::Forbidden, 403, "IKKE_AUTORISERT", "Tokenet har ikke scope skattedeling:admin."},
         {Problem::Consent, 403, "IKKE_AUTORISERT", "Tokenet har ikke scope skattedeling:admin."},
         {Problem::InvalidInput, 400, "UGYLDIG_FORESPOERSEL", "Forespørselen er ikke gyldig."},
         {Problem::NotFound, 404, "FINNES_IKKE", "Finnes ikke."},
         {Problem::UnknownParty, 404, "FINNES_IKKE", "Finnes ikke."},
         {Problem::NotAcceptable, 406, "IKKE_STOETTET_FORMAT", "Kontrollplanet svarer bare json."},
         {Problem::MethodNotAllowed, 405, "METODE_IKKE_STOETTET",
          "Metoden er ikke støttet for denne url-en."},
         {Problem::PayloadTooLarge, 413, "FOR_STOR_FORESPOERSEL", "Forespørselen er for stor."},
         {Problem::HeaderTooLarge, 431, "FOR_STORE_HODER", "Forespørselens hoder er for store."},
         {Problem::UnsupportedMedia, 415, "UGYLDIG_INNHOLDSTYPE", "Innholdstypen er ikke støttet."},
         {Problem::Gone, 410, "SLETTET", "Slettet."},
         {Problem::Conflict, 409, "KONFLIKT", "Kan ikke utføres nå."},
         {Problem::Unprocessable, 422, "UGYLDIG_INNHOLD", "Innholdet kan ikke brukes."},
         {Problem::TooManyRequests, 429, "FOR_MANGE_KALL", "For mange samtidige kall."}});
    return t;
}

security::Policy policy() {
    security::Policy p;
    p.api = "sandbox";
    p.scopes = {"skattedeling:admin"};
    p.bruker_rettighetspakke = false;
    p.tillat_systembruker = true;
    p.krever_tilgang = false;  // the scope is the grant
    return p;
}

ApiError ugyldig(std::string melding) {
    return codes().make(Problem::InvalidInput, std::move(melding));
}

// A JSON answer written by `fn` into one object.
template <class Fn>
Reply svar(Fn&& fn, int status = 200) {
    Reply r;
    r.status = status;
    encoding::JsonWriter w(r.body);
    w.begin_root("", "");
    fn(w);
    w.end_root();
    r.content_type = "application/json;charset=UTF-8";
    return r;
}

Reply tomt(int status = 204) {
    Reply r;
    r.status = status;
    return r;
}

std::string_view medietype(std::string_view ct) {
    auto semi = ct.find(';');
    ct = ct.substr(0, semi);
    while (!ct.empty() && ct.back() == ' ') ct.remove_suffix(1);
    return ct;
}

ApiResult<json::object> json_kropp(const RequestContext& ctx) {
    const auto ct = medietype(ctx.request.header("Content-Type"));
    if (!ct.empty() && !http::iequals(ct, "application/json"))
        return codes().make(Problem::UnsupportedMedia, "Innholdstypen må være application/json");
    boost::system::error_code ec;
    auto v = json::parse(ctx.request.body, ec);
    if (ec || !v.is_object()) return ugyldig("Kroppen må være et JSON-objekt");
    return std::move(v.as_object());
}

std::optional<std::int64_t> heltall(const json::object& o, std::string_view k, bool& feil) {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v->as_uint64());
    feil = true;
    return std::nullopt;
}

std::optional<std::string> tekst(const json::object& o, std::string_view k, bool& feil) {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    feil = true;
    return std::nullopt;
}

std::optional<std::int64_t> tall_param(const RequestContext& ctx, std::string_view navn,
                                       bool& feil) {
    auto v = ctx.query.get(navn);
    if (!v) return std::nullopt;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size()) {
        feil = true;
        return std::nullopt;
    }
    return n;
}

bool ja(const RequestContext& ctx, std::string_view navn) {
    auto v = ctx.query.get(navn);
    return v && (*v == "true" || *v == "1" || *v == "ja");
}

// ---- time ----

void skriv_klokke(encoding::ViewWriter& w, const Clock& k, bool frossen) {
    const auto naa = k.naa();
    w.string("naa", naa.utc_millis());
    w.string("iDag", naa.oslo_dato().str());
    w.string("tidssone", "Europe/Oslo");
    w.boolean("frossen", frossen);
}

Route klokke_les(Tjenester& t) {
    Route r;
    r.method = "GET";
    r.pattern = "/klokke";
    r.handler = [&t](RequestContext&) -> ApiResult<Reply> {
        t.klokke.oppdater();
        auto& k = t.klokke.klokke();
        return svar([&](auto& w) { skriv_klokke(w, k, k.frossen()); });
    };
    return r;
}

ApiResult<Reply> etter_flytting(Tjenester& t) {
    // The data's "today" follows at once: every midnight passed is applied (once).
    const auto skrevet = t.kjoer_jobber ? t.kjoer_jobber() : 0;
    auto& k = t.klokke.klokke();
    return svar([&](auto& w) {
        skriv_klokke(w, k, k.frossen());
        w.integer("midnattsovergangerSkrevet", skrevet);
    });
}

Route klokke_sett(Tjenester& t) {
    Route r;
    r.method = "PUT";
    r.pattern = "/klokke";
    r.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto o = json_kropp(ctx);
        if (!o) return o.error();
        bool feil = false;
        auto naa = tekst(*o, "naa", feil);
        if (feil || !naa) return ugyldig("Feltet 'naa' (ISO 8601-tidspunkt med sone) mangler");
        auto tid = Tidspunkt::parse(*naa);
        if (!tid) return ugyldig("Feltet 'naa' er ikke et ISO 8601-tidspunkt med sone: " + *naa);
        std::optional<bool> frossen;
        if (const auto* f = o->if_contains("frossen")) {
            if (!f->is_bool()) return ugyldig("Feltet 'frossen' må være true eller false");
            frossen = f->as_bool();
        }
        t.klokke.sett(*tid, frossen);
        return etter_flytting(t);
    };
    return r;
}

Route klokke_frem(Tjenester& t) {
    Route r;
    r.method = "POST";
    r.pattern = "/klokke/frem";
    r.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto o = json_kropp(ctx);
        if (!o) return o.error();
        bool feil = false;
        std::int64_t sekunder = 0;
        bool noe = false;
        for (auto [navn, faktor] :
             {std::pair{"dager", 86'400}, {"timer", 3'600}, {"minutter", 60}, {"sekunder", 1}}) {
            if (auto n = heltall(*o, navn, feil)) {
                if (*n < 0 || *n > 365LL * 100 * 86'400 / faktor)
                    return ugyldig(
                        fmt::format("'{}' må være et ikke-negativt heltall innen 100 år", navn));
                sekunder += *n * faktor;
                noe = true;
            }
        }
        if (feil || !noe)
            return ugyldig(
                "Oppgi hvor langt fram klokken skal: dager, timer, minutter og/eller "
                "sekunder (heltall)");
        if (sekunder > 365LL * 100 * 86'400) return ugyldig("Høyst 100 år fram");
        t.klokke.frem(std::chrono::seconds(sekunder));
        return etter_flytting(t);
    };
    return r;
}

// ---- data ----

Route data(Tjenester& t) {
    Route r;
    r.method = "POST";
    r.pattern = "/data";
    r.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        const auto ct = medietype(ctx.request.header("Content-Type"));
        if (!http::iequals(ct, "application/x-ndjson") && !http::iequals(ct, "application/json") &&
            !http::iequals(ct, "text/plain") && !http::iequals(ct, "application/jsonl"))
            return codes().make(Problem::UnsupportedMedia,
                                "Innholdstypen må være application/x-ndjson (JSON Lines), "
                                "application/json eller text/plain");
        if (ctx.request.body.find_first_not_of(" \r\n\t") == std::string_view::npos)
            return ugyldig("Kroppen er tom: send én JSON-linje per enhet (docs/import-format.md)");
        auto res = importer::import_alle_feil(t.db, ctx.request.body, t.klokke.klokke());
        if (!res) {
            auto e = ugyldig(fmt::format("{} linje(r) kan ikke importeres; ingenting er skrevet",
                                         res.error().size()));
            for (const auto& f : res.error())
                e.feil.push_back({fmt::format("linje {}", f.linje), f.melding});
            return e;
        }
        const auto n = *res;
        return svar([&](auto& w) { w.integer("importert", n); });
    };
    return r;
}

void skriv_tilstand(encoding::ViewWriter& w, const store::Tilstand& s) {
    w.string("navn", s.navn);
    w.string("lagret", s.lagret.utc_millis());
    w.integer("rader", s.rader);
}

Route reset(Tjenester& t) {
    Route r;
    r.method = "POST";
    r.pattern = "/reset";
    r.handler = [&t](RequestContext&) -> ApiResult<Reply> {
        if (!t.har_utgangspunkt)
            return codes().make(Problem::Conflict,
                                "Ingen utgangstilstand er lagret: " + t.uten_utgangspunkt);
        store::TilstandStore s(t.db);
        if (!s.gjenopprett(kUtgangspunkt))
            return codes().make(Problem::Conflict, "Utgangstilstanden finnes ikke lenger");
        t.klokke.tilbakestill();  // the clock the server started with, too
        if (t.kjoer_jobber) t.kjoer_jobber();
        return svar([&](auto& w) { w.boolean("tilbakestilt", true); });
    };
    return r;
}

ApiResult<std::string> tilstandsnavn(const RequestContext& ctx) {
    auto navn = ctx.path_param("navn");
    if (!store::TilstandStore::gyldig_navn(navn) || navn.front() == '_')
        return ugyldig(
            "Navnet på en tilstand er 1-64 tegn av A-Z, a-z, 0-9, _ og -, og kan ikke "
            "begynne med _");
    return std::string(navn);
}

std::vector<Route> tilstander(Tjenester& t) {
    std::vector<Route> v;
    Route liste;
    liste.method = "GET";
    liste.pattern = "/tilstander";
    liste.handler = [&t](RequestContext&) -> ApiResult<Reply> {
        const auto alle = store::TilstandStore(t.db).liste();
        return svar([&](auto& w) {
            w.begin_array("tilstander", "tilstand");
            for (const auto& s : alle) {
                w.begin_item();
                skriv_tilstand(w, s);
                w.end_item();
            }
            w.end_array();
        });
    };
    v.push_back(std::move(liste));

    Route lagre;
    lagre.method = "PUT";
    lagre.pattern = "/tilstander/{navn}";
    lagre.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto navn = tilstandsnavn(ctx);
        if (!navn) return navn.error();
        const auto s = store::TilstandStore(t.db).lagre(*navn, SystemClock().naa());
        return svar([&](auto& w) { skriv_tilstand(w, s); });
    };
    v.push_back(std::move(lagre));

    Route gjenopprett;
    gjenopprett.method = "POST";
    gjenopprett.pattern = "/tilstander/{navn}/gjenopprett";
    gjenopprett.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto navn = tilstandsnavn(ctx);
        if (!navn) return navn.error();
        store::TilstandStore s(t.db);
        if (!s.gjenopprett(*navn))
            return codes().make(Problem::NotFound, "Ingen tilstand heter " + *navn);
        if (t.kjoer_jobber) t.kjoer_jobber();
        const auto info = s.finn(*navn);
        return svar([&](auto& w) {
            if (info) skriv_tilstand(w, *info);
            w.boolean("gjenopprettet", true);
        });
    };
    v.push_back(std::move(gjenopprett));

    Route slett;
    slett.method = "DELETE";
    slett.pattern = "/tilstander/{navn}";
    slett.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto navn = tilstandsnavn(ctx);
        if (!navn) return navn.error();
        if (!store::TilstandStore(t.db).slett(*navn))
            return codes().make(Problem::NotFound, "Ingen tilstand heter " + *navn);
        return tomt();
    };
    v.push_back(std::move(slett));
    return v;
}

// ---- faults ----

void skriv_regel(encoding::ViewWriter& w, const Feilregel& r) {
    w.integer("id", r.id);
    if (r.api) w.string("api", *r.api);
    if (r.metode) w.string("metode", *r.metode);
    if (r.sti) w.string("sti", *r.sti);
    if (r.part) w.string("part", *r.part);
    if (r.status) w.integer("status", *r.status);
    if (r.kode) w.string("kode", *r.kode);
    if (r.forsinkelse_ms) w.integer("forsinkelseMs", r.forsinkelse_ms);
    if (r.jitter_ms) w.integer("jitterMs", r.jitter_ms);
    if (r.bryt) w.boolean("bryt", true);
    if (r.avkort) w.boolean("avkort", true);
    if (r.antall) w.integer("antall", *r.antall);
    if (r.andel < 1.0) w.number("andel", fmt::format("{}", r.andel));
    w.integer("brukt", r.brukt);
}

ApiResult<Feilregel> les_regel(const json::object& o, const Tjenester& t) {
    static const std::vector<std::string_view> kjente = {
        "api",           "metode",   "sti",  "part",   "status", "kode",
        "forsinkelseMs", "jitterMs", "bryt", "avkort", "antall", "andel"};
    for (const auto& [k, v] : o)
        if (std::find(kjente.begin(), kjente.end(), std::string_view(k)) == kjente.end())
            return ugyldig(fmt::format("Ukjent felt '{}' i feilregelen", std::string_view(k)));
    Feilregel r;
    bool feil = false;
    r.api = tekst(o, "api", feil);
    r.metode = tekst(o, "metode", feil);
    r.sti = tekst(o, "sti", feil);
    r.part = tekst(o, "part", feil);
    r.kode = tekst(o, "kode", feil);
    auto status = heltall(o, "status", feil);
    auto forsinkelse = heltall(o, "forsinkelseMs", feil);
    auto jitter = heltall(o, "jitterMs", feil);
    r.antall = heltall(o, "antall", feil);
    for (auto [navn, felt] : {std::pair{"bryt", &r.bryt}, {"avkort", &r.avkort}}) {
        if (const auto* v = o.if_contains(navn)) {
            if (!v->is_bool()) return ugyldig(fmt::format("'{}' må være true eller false", navn));
            *felt = v->as_bool();
        }
    }
    if (const auto* a = o.if_contains("andel")) {
        if (!a->is_number()) return ugyldig("'andel' må være et tall mellom 0 og 1");
        r.andel = a->to_number<double>();
        if (!(r.andel > 0.0 && r.andel <= 1.0)) return ugyldig("'andel' må være i (0, 1]");
    }
    if (feil) return ugyldig("Feltene har feil type (tekst eller heltall)");
    if (!r.api && !r.metode && !r.sti && !r.part)
        return ugyldig("Oppgi hva regelen gjelder: api, metode, sti og/eller part");
    if (r.api && std::find(t.apier.begin(), t.apier.end(), *r.api) == t.apier.end()) {
        std::string alle;
        for (const auto& a : t.apier) alle += (alle.empty() ? "" : ", ") + a;
        return ugyldig(fmt::format("Ukjent API '{}' (kjente: {})", *r.api, alle));
    }
    if (r.sti && (r.sti->empty() || r.sti->front() != '/'))
        return ugyldig("'sti' må begynne med /");
    if (r.part && !bare_sifre(*r.part))
        return ugyldig("'part' må være et organisasjonsnummer eller fødselsnummer");
    if (status) {
        if (*status < 400 || *status > 599) return ugyldig("'status' må være mellom 400 og 599");
        r.status = static_cast<int>(*status);
    }
    if (r.kode) {
        if (!r.api) return ugyldig("'kode' krever 'api' (koden hører til API-ets kodetabell)");
        if (!t.kjent_kode(*r.api, *r.kode))
            return ugyldig(
                fmt::format("Koden {} finnes ikke i {}-API-ets kodetabell", *r.kode, *r.api));
        if (!r.status) return ugyldig("'kode' krever 'status'");
    }
    r.forsinkelse_ms = forsinkelse.value_or(0);
    r.jitter_ms = jitter.value_or(0);
    if (r.forsinkelse_ms < 0 || r.forsinkelse_ms > 600'000 || r.jitter_ms < 0 ||
        r.jitter_ms > 600'000)
        return ugyldig("'forsinkelseMs' og 'jitterMs' må være mellom 0 og 600000");
    if (r.antall && *r.antall < 1) return ugyldig("'antall' må være minst 1");
    if (!r.status && r.forsinkelse_ms == 0 && r.jitter_ms == 0 && !r.bryt && !r.avkort)
        return ugyldig(
            "Oppgi hva som skal skje: status, forsinkelseMs/jitterMs, bryt eller avkort");
    if (r.bryt && r.avkort) return ugyldig("'bryt' og 'avkort' kan ikke kombineres");
    return r;
}

std::vector<Route> feil(Tjenester& t) {
    std::vector<Route> v;
    Route ny;
    ny.method = "POST";
    ny.pattern = "/feil";
    ny.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto o = json_kropp(ctx);
        if (!o) return o.error();
        auto r = les_regel(*o, t);
        if (!r) return r.error();
        const auto lagt = t.feil.legg_til(*r);
        auto res = svar([&](auto& w) { skriv_regel(w, lagt); }, 201);
        res.headers.emplace_back("Location", "/sandbox/v1/feil/" + std::to_string(lagt.id));
        return res;
    };
    v.push_back(std::move(ny));

    Route liste;
    liste.method = "GET";
    liste.pattern = "/feil";
    liste.handler = [&t](RequestContext&) -> ApiResult<Reply> {
        const auto regler = t.feil.liste();
        return svar([&](auto& w) {
            w.begin_array("regler", "regel");
            for (const auto& r : regler) {
                w.begin_item();
                skriv_regel(w, r);
                w.end_item();
            }
            w.end_array();
        });
    };
    v.push_back(std::move(liste));

    Route alle;
    alle.method = "DELETE";
    alle.pattern = "/feil";
    alle.handler = [&t](RequestContext&) -> ApiResult<Reply> {
        t.feil.fjern_alle();
        return tomt();
    };
    v.push_back(std::move(alle));

    // One rule (the Location of a new one), and its removal.
    auto regel_id = [](const RequestContext& ctx) -> ApiResult<std::int64_t> {
        const auto s = ctx.path_param("id");
        std::int64_t id = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
        if (ec != std::errc() || p != s.data() + s.size())
            return ugyldig("'id' må være et heltall");
        return id;
    };
    auto finnes_ikke = [](std::int64_t id) {
        return codes().make(Problem::NotFound, fmt::format("Ingen feilregel har id {}", id));
    };
    // GET and DELETE of one rule: the id is read and checked once, here.
    auto en_regel = [&](const char* metode, std::function<ApiResult<Reply>(std::int64_t)> gjoer) {
        Route r;
        r.method = metode;
        r.pattern = "/feil/{id}";
        r.handler = [regel_id, gjoer = std::move(gjoer)](RequestContext& ctx) -> ApiResult<Reply> {
            const auto id = regel_id(ctx);
            if (!id) return id.error();
            return gjoer(*id);
        };
        v.push_back(std::move(r));
    };
    en_regel("GET", [&t, finnes_ikke](std::int64_t id) -> ApiResult<Reply> {
        for (const auto& r : t.feil.liste())
            if (r.id == id) return svar([&](auto& w) { skriv_regel(w, r); });
        return finnes_ikke(id);
    });
    en_regel("DELETE", [&t, finnes_ikke](std::int64_t id) -> ApiResult<Reply> {
        if (!t.feil.fjern(id)) return finnes_ikke(id);
        return tomt();
    });
    return v;
}

// ---- journal ----

ApiResult<JournalFilter> journalfilter(const RequestContext& ctx) {
    JournalFilter f;
    auto opt = [&](std::string_view n) -> std::optional<std::string> {
        if (auto v = ctx.query.get(n)) return std::string(*v);
        return std::nullopt;
    };
    f.korrelasjonsid = opt("korrelasjonsid");
    f.api = opt("api");
    f.konsument = opt("konsument");
    f.metode = opt("metode");
    f.sti = opt("sti");
    bool feil = false;
    if (auto s = tall_param(ctx, "status", feil)) f.status = static_cast<int>(*s);
    if (feil) return ugyldig("'status' må være et heltall");
    return f;
}

void skriv_post(encoding::ViewWriter& w, const JournalPost& p) {
    w.integer("nr", p.nr);
    w.string("tid", p.tid.utc_millis());
    w.string("metode", p.metode);
    w.string("sti", p.sti);
    w.integer("status", p.status);
    w.string("korrelasjonsid", p.korrelasjonsid);
    if (!p.api.empty()) w.string("api", p.api);
    if (!p.konsument.empty()) w.string("konsument", p.konsument);
    if (!p.systembruker.empty()) w.string("systembruker", p.systembruker);
    if (!p.beslutning.empty()) w.string("beslutning", p.beslutning);
    w.number("varighetMs", fmt::format("{:.3f}", static_cast<double>(p.varighet_us) / 1000.0));
    if (!p.claims.empty()) {
        w.begin_object("claims");
        for (const auto& [k, v] : p.claims) w.string(k, v);
        w.end_object();
    }
}

std::vector<Route> journal(Tjenester& t) {
    std::vector<Route> v;
    Route liste;
    liste.method = "GET";
    liste.pattern = "/journal";
    liste.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto f = journalfilter(ctx);
        if (!f) return f.error();
        bool feil = false;
        const auto maks = tall_param(ctx, "antall", feil).value_or(100);
        if (feil || maks < 1) return ugyldig("'antall' må være et positivt heltall");
        const auto poster = t.journal.hent(*f, static_cast<std::size_t>(maks));
        return svar([&](auto& w) {
            w.begin_array("poster", "post");
            for (const auto& p : poster) {
                w.begin_item();
                skriv_post(w, p);
                w.end_item();
            }
            w.end_array();
        });
    };
    v.push_back(std::move(liste));

    Route antall;
    antall.method = "GET";
    antall.pattern = "/journal/antall";
    antall.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        auto f = journalfilter(ctx);
        if (!f) return f.error();
        const auto n = t.journal.antall(*f);
        return svar([&](auto& w) { w.integer("antall", static_cast<std::int64_t>(n)); });
    };
    v.push_back(std::move(antall));

    Route toem;
    toem.method = "DELETE";
    toem.pattern = "/journal";
    toem.handler = [&t](RequestContext&) -> ApiResult<Reply> {
        t.journal.toem();
        return tomt();
    };
    v.push_back(std::move(toem));
    return v;
}

// ---- test data ----

Route parter(Tjenester& t) {
    Route r;
    r.method = "GET";
    r.pattern = "/parter";
    r.handler = [&t](RequestContext& ctx) -> ApiResult<Reply> {
        store::FinnFilter f;
        bool feil = false;
        if (auto type = ctx.query.get("type")) {
            if (*type == "person")
                f.person = true;
            else if (*type == "organisasjon")
                f.person = false;
            else
                return ugyldig("'type' er person eller organisasjon");
        }
        if (auto k = tall_param(ctx, "aapneKravOver", feil))
            f.aapne_krav_over = Beloep::fra_kroner(*k);
        if (auto a = tall_param(ctx, "oppgjoerAar", feil)) f.oppgjoer_aar = static_cast<int>(*a);
        f.antall = tall_param(ctx, "antall", feil).value_or(20);
        if (feil) return ugyldig("'aapneKravOver', 'oppgjoerAar' og 'antall' er heltall");
        f.forfalt_mva = ja(ctx, "forfaltMva");
        f.aktive_trekk = ja(ctx, "aktiveTrekk");
        f.skjermet = ja(ctx, "skjermet");
        const std::optional<std::string_view> scenario = ctx.query.get("scenario");
        const auto i_dag = ctx.i_dag;
        std::vector<store::Partstreff> treff;
        try {
            t.db.read([&](store::Connection& c) {
                treff = skd::sandbox::finn_parter(c, f, scenario, i_dag);
            });
        } catch (const std::invalid_argument& e) {
            return ugyldig(e.what());
        }
        return svar([&](auto& w) {
            w.begin_array("parter", "part");
            for (const auto& p : treff) {
                w.begin_item();
                w.string("identifikator", p.identifikator);
                if (p.navn) w.string("navn", *p.navn);
                w.string("type", p.er_person ? "person" : "organisasjon");
                if (p.skjerming) w.string("skjerming", *p.skjerming);
                if (p.er_enk) w.boolean("enk", true);
                w.integer("aapneKrav", p.aapent.kroner_avrundet());
                w.integer("forfaltOgUbetalt", p.forfalt.kroner_avrundet());
                w.integer("aktiveTrekkpaalegg", p.aktive_trekk);
                if (auto s = skd::sandbox::scenario_for(p.identifikator))
                    w.string("scenario", skd::sandbox::navn(*s));
                w.end_item();
            }
            w.end_array();
        });
    };
    return r;
}

Route scenarier() {
    Route r;
    r.method = "GET";
    r.pattern = "/scenarier";
    r.handler = [](RequestContext&) -> ApiResult<Reply> {
        return svar([&](auto& w) {
            w.begin_array("scenarier", "scenario");
            for (const auto& s : skd::sandbox::scenarier()) {
                w.begin_item();
                w.string("identifikator", s.identifikator);
                w.string("scenario", s.navn);
                w.string("beskrivelse", s.beskrivelse);
                w.end_item();
            }
            w.end_array();
        });
    };
    return r;
}

}  // namespace

ApiModule make_module(Tjenester& t) {
    ApiModule m;
    m.name = "sandbox";
    // A host prefix without a host label: matched only on a host that names no API, so the
    // control plane is never reachable through an API's own host name.
    m.host_prefixes = {"/sandbox/v1"};
    m.codes = &codes();
    m.xml = false;
    std::vector<Route> ruter = {klokke_les(t), klokke_sett(t), klokke_frem(t), data(t),
                                reset(t),      parter(t),      scenarier()};
    for (auto&& v : {tilstander(t), feil(t), journal(t)})
        for (const auto& r : v) ruter.push_back(r);
    for (auto& r : ruter) {
        r.policy.policy = policy();
        m.routes.push_back(std::move(r));
    }
    return m;
}

}  // namespace skd::apis::sandbox
