#include "apis/utleggsbegjaering/handlers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "apis/utleggsbegjaering/view.hpp"
#include "core/ids.hpp"
#include "domain/utlegg/regler.hpp"
#include "domain/utlegg/utleggsbegjaering.hpp"
#include "encoding/view_writer.hpp"
#include "http/router.hpp"

namespace skd::apis::utleggsbegjaering {

std::string_view media_type(std::string_view ct) {
    ct = ct.substr(0, ct.find(';'));
    while (!ct.empty() && (ct.back() == ' ' || ct.back() == '\t')) ct.remove_suffix(1);
    while (!ct.empty() && (ct.front() == ' ' || ct.front() == '\t')) ct.remove_prefix(1);
    return ct;
}

std::string ekko(std::string_view s) {
    const bool trygg = s.size() <= 64 && std::all_of(s.begin(), s.end(),
                                                     [](char c) { return c >= 0x20 && c <= 0x7e; });
    return trygg ? std::string(s) : std::string("(ugyldig verdi)");
}

const CodeTable& codes() {
    // [INFER] The API documents no codes of its own, only the problem detail (SPEC §1.3): the
    // feilkode values below are ours; VALIDERINGSFEIL is the one shown in SPEC §6.3.
    static const CodeTable t(
        "utleggsbegjaering", ErrorStyle::ProblemDetail,
        {{Problem::Unexpected, 500, "UVENTET_FEIL", "Uventet feil på tjenesten."},
         {Problem::Backend, 500, "BAKENFORLIGGENDE_FEIL",
          "Uventet feil i et bakenforliggende system."},
         {Problem::UnknownUrl, 404, "UKJENT_URL", "Ukjent url benyttet."},
         {Problem::Unauthenticated, 401, "IKKE_AUTENTISERT",
          "Feil i forbindelse med autentisering."},
         {Problem::Forbidden, 403, "IKKE_AUTORISERT", "Feil i forbindelse med autorisering."},
         {Problem::Consent, 403, "IKKE_AUTORISERT", "Feil i forbindelse med autorisering."},
         {Problem::InvalidInput, 400, "UGYLDIG_FORESPOERSEL", "Forespørselen er ikke gyldig."},
         {Problem::NotFound, 404, "IKKE_FUNNET", "Fant ingen utleggsbegjæring."},
         {Problem::UnknownParty, 404, "IKKE_FUNNET", "Fant ingen utleggsbegjæring."},
         {Problem::NotAcceptable, 406, "IKKE_STOETTET_FORMAT",
          "Feil tilknyttet dataformat. Kun json er støttet."},
         {Problem::MethodNotAllowed, 405, "METODE_IKKE_STOETTET",
          "Metoden er ikke støttet for denne url-en."},
         {Problem::PayloadTooLarge, 413, "FOR_STOR_FORESPOERSEL", "Forespørselen er for stor."},
         {Problem::HeaderTooLarge, 431, "FOR_STORE_HODER", "Forespørselens hoder er for store."},
         {Problem::UnsupportedMedia, 415, "UGYLDIG_INNHOLDSTYPE", "Innholdstypen er ikke støttet."},
         {Problem::Gone, 410, "SLETTET", "Dataene er slettet."},
         {Problem::Conflict, 409, "KONFLIKT",
          "Begjæringen er i konflikt med en tidligere innsending."},
         {Problem::Unprocessable, 422, "VALIDERINGSFEIL",
          "Begjæringen inneholder valideringsfeil."},
         {Problem::TooManyRequests, 429, "FOR_MANGE_SAMTIDIGE_KALL",
          "For mange samtidige kall. Maksimalt antall samtidige kall per API per konsument er "
          "nådd."}});
    return t;
}

namespace {

using utlegg::Modell;

// SPEC §1.1, ambiguity 9: /v1 serves model 0.9, /v2 model 1.0-2.0. The router matched the
// prefix on decoded segments, so the version is read the same way.
Modell modell_for(const RequestContext& ctx) {
    std::vector<std::string> seg;
    if (http::split_path(ctx.request.path, seg) && seg.size() >= 3 && seg[2] == "v1")
        return Modell::V1_0_9;
    return Modell::V2;
}
std::string_view modell_tekst(Modell m) {
    return m == Modell::V1_0_9 ? "v1" : "v2";
}
Modell modell_fra(std::string_view t) {
    return t == "v1" ? Modell::V1_0_9 : Modell::V2;
}

// A plain token: letters, digits and - _ . : (UUIDs and similar client ids).
bool er_token(std::string_view s, std::size_t maks) {
    if (s.empty() || s.size() > maks) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '_' || c == '.' || c == ':';
    });
}

std::string beskrivelse_for(std::string_view kode) {
    for (const auto& r : utlegg::regler())
        if (r.kode == kode) return std::string(r.beskrivelse);
    return {};
}

ApiError ett_utslag(Problem p, std::string_view kode, std::string melding) {
    auto e = codes().make(p);
    e.kontrollutslag.push_back({std::string(kode), std::move(melding), beskrivelse_for(kode)});
    return e;
}

// SPEC §6.3 [INFER]: conflicts (duplicate, case state) are 409 and win over other findings;
// the body lists every finding either way.
ApiError utslag_feil(const std::vector<utlegg::Kontrollutslag>& u) {
    const bool konflikt = std::any_of(u.begin(), u.end(), utlegg::er_konflikt);
    auto e = codes().make(konflikt ? Problem::Conflict : Problem::Unprocessable);
    for (const auto& k : u) e.kontrollutslag.push_back({k.kode, k.melding, k.beskrivelse});
    return e;
}

// An identical submission committed while the rules ran binds the attachments first, so the
// later rules may see them taken. Asking again after the rules makes that a 409 duplicate.
std::vector<utlegg::Kontrollutslag> med_sen_duplikat(std::vector<utlegg::Kontrollutslag> u,
                                                     const utlegg::Utleggsbegjaering& b,
                                                     const utlegg::RegelKontekst& k) {
    if (std::any_of(u.begin(), u.end(), utlegg::er_konflikt)) return u;
    for (const auto& r : utlegg::regler()) {
        if (r.kode != "DUPLIKAT_INNSENDING") continue;
        auto funn = r.sjekk(b, k);
        for (auto& f : funn) {
            f.kode = std::string(r.kode);
            f.beskrivelse = std::string(r.beskrivelse);
        }
        u.insert(u.begin(), funn.begin(), funn.end());
    }
    return u;
}

ApiResult<std::optional<std::string>> les_meldingsid(const RequestContext& ctx) {
    if (ctx.request.header_count("Meldingsid") == 0) return std::optional<std::string>();
    auto v = ctx.request.header("Meldingsid");
    if (ctx.request.header_count("Meldingsid") > 1 || !er_token(v, 100))
        return codes().make(Problem::InvalidInput,
                            "Headeren Meldingsid må være oppgitt én gang som en UUID");
    return std::optional<std::string>(std::string(v));
}

std::optional<ApiError> sjekk_json(const RequestContext& ctx) {
    auto ct = media_type(ctx.request.header("Content-Type"));
    if (http::iequals(ct, "application/json")) return std::nullopt;
    return codes().make(Problem::UnsupportedMedia,
                        fmt::format("Innholdstypen må være application/json, fikk '{}'", ekko(ct)));
}

ApiResult<utlegg::Utleggsbegjaering> les_begjaering(const RequestContext& ctx, Modell m) {
    auto r = utlegg::parse_utleggsbegjaering(ctx.request.body, m);
    if (r) return std::move(*r);
    auto e =
        codes().make(Problem::InvalidInput,
                     fmt::format("Begjæringen følger ikke skjemaet ({} feil)", r.error().size()));
    for (const auto& f : r.error()) e.feil.push_back({f.sti, f.melding});
    return e;
}

// The party register over the `part` table; one lookup per identifier per request.
class PartRegisterDb final : public utlegg::PartRegister {
public:
    PartRegisterDb(const store::LedgerStore& s, std::function<bool(std::string_view)> foerste)
        : store_(s), foerste_(std::move(foerste)) {}
    bool finnes(std::string_view id) const override { return slaa_opp(id).has_value(); }
    bool er_hovedenhet(std::string_view id) const override {
        const auto& p = slaa_opp(id);
        return p && p->er_hovedenhet;
    }
    bool er_enk(std::string_view id) const override {
        const auto& p = slaa_opp(id);
        return p && p->er_enk;
    }
    bool gammelt_regelverk(std::string_view id) const override {
        const auto& p = slaa_opp(id);
        return p && p->gammelt_regelverk;
    }
    bool er_inkassobyraa(std::string_view id) const override {
        const auto& p = slaa_opp(id);
        return p && p->er_inkassobyraa;
    }

private:
    const std::optional<store::PartInfo>& slaa_opp(std::string_view id) const {
        auto it = cache_.find(id);
        if (it == cache_.end()) {
            auto p = store_.part(id);
            // Sandbox: a valid identifier the register does not know is made on first touch.
            if (!p && foerste_ && foerste_(id)) p = store_.part(id);
            it = cache_.emplace(std::string(id), std::move(p)).first;
        }
        return it->second;
    }
    const store::LedgerStore& store_;
    std::function<bool(std::string_view)> foerste_;
    mutable std::map<std::string, std::optional<store::PartInfo>, std::less<>> cache_;
};

// Everything outside the petition that the rules need, for the acting organisation.
utlegg::RegelKontekst kontekst(const RequestContext& ctx, const Tjenester& t,
                               const PartRegisterDb& reg) {
    utlegg::RegelKontekst k;
    k.paalogget_org = ctx.identity->acting_org;
    k.i_dag = ctx.i_dag;
    k.partregister = &reg;
    k.sandkasse = t.sandkasse;
    const store::UtleggStore* s = &t.utlegg;
    const std::string org = k.paalogget_org;
    k.er_duplikat = [s, org](const utlegg::Utleggsbegjaering& b) {
        return s->finnes_sak(org, b.innsender_referanse(), b.begjaeringsdato().str());
    };
    // Another innsender's attachment is simply not found (VEDLEGG_SKAL_VAERE_TILGJENGELIG).
    k.finn_vedlegg = [s, org](std::string_view uuid) -> std::optional<utlegg::VedleggInfo> {
        auto v = s->vedlegg(uuid, org);
        if (!v) return std::nullopt;
        return utlegg::VedleggInfo{v->uuid, v->ekstern_saksreferanse.value_or(""), v->status,
                                   v->vedleggstype.value_or("")};
    };
    return k;
}

std::string prefix_for(Modell m) {
    return m == Modell::V1_0_9 ? "/api/utleggsbegjaering/v1" : "/api/utleggsbegjaering/v2";
}

Reply kvittering(const RequestContext& ctx, Modell m, const std::string& sak) {
    auto r = encode(ctx, KvitteringView{sak}, 201);
    r.headers.emplace_back("Location", prefix_for(m) + "/" + sak);
    return r;
}

Reply ingen_innhold() {
    Reply r;
    r.status = 204;
    return r;
}

ApiError vedlegg_opptatt(const store::Lagringsresultat& res) {
    return ett_utslag(Problem::Unprocessable, "VEDLEGG_SKAL_HA_REFERANSE_TIL_BEGJAERINGEN",
                      fmt::format("Vedlegg {} tilhører en annen begjæring ({})", res.detalj,
                                  res.ekstern_saksreferanse));
}

// [INFER] The same Meldingsid is a retry only with the same JSON content (compared as JSON
// values) on the same API version; anything else under it is a 409 about the Meldingsid.
ApiError meldingsid_brukt(std::string_view meldingsid,
                          const std::optional<store::UtleggStore::Meldingstreff>& treff, Modell m) {
    std::string hvorfor = "for en annen innsending";
    if (treff && treff->modell != modell_tekst(m))
        hvorfor = fmt::format("på API-versjon {} (denne innsendingen gjelder {})", treff->modell,
                              modell_tekst(m));
    else if (treff)
        hvorfor = fmt::format("for en innsending med annet innhold (sak {})",
                              treff->ekstern_saksreferanse);
    return codes().make(Problem::Conflict,
                        fmt::format("Meldingsid {} er allerede brukt {}. En ny innsending må ha en "
                                    "ny Meldingsid; en gjentakelse må ha samme innhold og gå til "
                                    "samme versjon.",
                                    meldingsid, hvorfor));
}

ApiError ikke_funnet(std::string_view sak) {
    return codes().make(
        Problem::NotFound,
        fmt::format("Fant ingen utleggsbegjæring med eksternSaksreferanse '{}'", ekko(sak)));
}

// [INFER] eksternSaksreferanse is ours (ELAN-<år>-<nr>); anything else cannot name a case.
bool gyldig_saksreferanse(std::string_view s) {
    return er_token(s, 64);
}

}  // namespace

ApiResult<Reply> send_inn(RequestContext& ctx, const Tjenester& t, bool bare_valider) {
    const Modell m = modell_for(ctx);
    if (auto e = sjekk_json(ctx)) return *e;
    auto meldingsid = les_meldingsid(ctx);
    if (!meldingsid) return meldingsid.error();
    auto b = les_begjaering(ctx, m);
    if (!b) return b.error();
    const std::string& org = ctx.identity->acting_org;
    const std::string_view innhold = ctx.request.body;

    // A retry of a stored submission must not be judged as its own duplicate.
    if (!bare_valider && *meldingsid) {
        if (auto treff = t.utlegg.meldingsid(org, **meldingsid, innhold, modell_tekst(m))) {
            if (treff->samme_innhold && treff->versjon == 1)
                return kvittering(ctx, m, treff->ekstern_saksreferanse);
            return meldingsid_brukt(**meldingsid, treff, m);
        }
    }

    PartRegisterDb reg(t.partregister, t.foerste_beroering);
    const auto k = kontekst(ctx, t, reg);
    auto u = utlegg::kjoer_regler(*b, k);
    if (!u.empty()) return utslag_feil(med_sen_duplikat(std::move(u), *b, k));
    if (bare_valider) return ingen_innhold();

    store::Innsending inn;
    inn.innsender = org;
    inn.innsender_referanse = b->innsender_referanse();
    inn.begjaeringsdato = b->begjaeringsdato().str();
    inn.modell = std::string(modell_tekst(m));
    inn.innhold = std::string(innhold);
    inn.meldingsid = *meldingsid;
    inn.vedlegg = b->vedlegg_uuider();
    inn.naa_us = ctx.naa.mikros();
    inn.aar = ctx.i_dag.aar();
    const auto res = t.utlegg.opprett_sak(inn);
    switch (res.utfall) {
        case store::Utfall::Lagret:
        case store::Utfall::Gjentatt:
            return kvittering(ctx, m, res.ekstern_saksreferanse);
        case store::Utfall::MeldingsidBrukt:
            return meldingsid_brukt(
                **meldingsid, t.utlegg.meldingsid(org, **meldingsid, innhold, modell_tekst(m)), m);
        case store::Utfall::VedleggOpptatt:
            return vedlegg_opptatt(res);
        case store::Utfall::Duplikat:
        case store::Utfall::IkkeFunnet:
        case store::Utfall::SamtidigEndring:
            break;
    }
    // Lost a race with an identical submission committed after the rules ran.
    return ett_utslag(Problem::Conflict, "DUPLIKAT_INNSENDING",
                      fmt::format("Utleggsbegjæring med begjæringsdato {} og innsenderReferanse "
                                  "{} er allerede sendt inn",
                                  inn.begjaeringsdato, inn.innsender_referanse));
}

ApiResult<Reply> endre(RequestContext& ctx, const Tjenester& t, bool bare_valider) {
    const Modell m = modell_for(ctx);
    const auto sak_ref = ctx.path_param("eksternSaksreferanse");
    if (auto e = sjekk_json(ctx)) return *e;
    auto meldingsid = les_meldingsid(ctx);
    if (!meldingsid) return meldingsid.error();
    const std::string& org = ctx.identity->acting_org;
    // Another innsender's case answers exactly like a missing one.
    auto sak = gyldig_saksreferanse(sak_ref) ? t.utlegg.sak(sak_ref, org) : std::nullopt;
    if (!sak) return ikke_funnet(sak_ref);
    auto b = les_begjaering(ctx, m);
    if (!b) return b.error();
    const std::string_view innhold = ctx.request.body;

    if (!bare_valider && *meldingsid) {
        if (auto treff = t.utlegg.meldingsid(org, **meldingsid, innhold, modell_tekst(m))) {
            if (treff->samme_innhold && treff->ekstern_saksreferanse == sak_ref)
                return ingen_innhold();
            return meldingsid_brukt(**meldingsid, treff, m);
        }
    }

    const auto& siste = sak->versjoner.back();
    auto forrige = utlegg::parse_utleggsbegjaering(sak->siste_innhold, modell_fra(siste.modell));
    PartRegisterDb reg(t.partregister, t.foerste_beroering);
    auto k = kontekst(ctx, t, reg);
    k.er_endring = true;
    k.forrige = forrige ? &*forrige : nullptr;
    k.forrige_status = sak->status;
    // [INFER] 'uavklart' marks a case whose earlier submission is still unprocessed. This
    // server has no case processing, so a change is counted as processed when it is stored.
    k.har_ubehandlet_innsending = sak->status == "uavklart";
    k.ekstern_saksreferanse = std::string(sak_ref);
    auto u = utlegg::kjoer_regler(*b, k);
    if (!u.empty()) return utslag_feil(u);
    if (bare_valider) return ingen_innhold();

    store::Innsending inn;
    inn.innsender = org;
    inn.modell = std::string(modell_tekst(m));
    inn.innhold = std::string(innhold);
    inn.meldingsid = *meldingsid;
    inn.vedlegg = b->vedlegg_uuider();
    inn.naa_us = ctx.naa.mikros();
    inn.aar = ctx.i_dag.aar();
    const auto res = t.utlegg.ny_versjon(sak_ref, inn, siste.versjon, sak->status);
    switch (res.utfall) {
        // SPEC §6.3 "200/204 empty body" [INFER]: 204; the new version shows in GET.
        case store::Utfall::Lagret:
        case store::Utfall::Gjentatt:
            return ingen_innhold();
        case store::Utfall::MeldingsidBrukt:
            return meldingsid_brukt(
                **meldingsid, t.utlegg.meldingsid(org, **meldingsid, innhold, modell_tekst(m)), m);
        case store::Utfall::VedleggOpptatt:
            return vedlegg_opptatt(res);
        case store::Utfall::IkkeFunnet:
            return ikke_funnet(sak_ref);
        case store::Utfall::Duplikat:
        case store::Utfall::SamtidigEndring:
            break;
    }
    return ett_utslag(Problem::Conflict, "UAVKLART_STATUS",
                      fmt::format("Saken {} ble endret mens endringen ble behandlet (tilstand {}); "
                                  "hent saken og send endringen på nytt",
                                  sak_ref, res.detalj));
}

ApiResult<Reply> hent_sak(RequestContext& ctx, const Tjenester& t) {
    const auto sak_ref = ctx.path_param("eksternSaksreferanse");
    auto sak = gyldig_saksreferanse(sak_ref) ? t.utlegg.sak(sak_ref, ctx.identity->acting_org)
                                             : std::nullopt;
    if (!sak) return ikke_funnet(sak_ref);
    return encode(ctx, SakView{std::move(*sak)});
}

}  // namespace skd::apis::utleggsbegjaering
