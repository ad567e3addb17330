#include "domain/trekk/trekkpaalegg.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/ids.hpp"

namespace skd::trekk {

std::string_view tekst(Trekkstatus s) {
    return s == Trekkstatus::Aktiv ? "aktiv" : "avsluttet";
}

std::optional<Trekkstatus> trekkstatus_fra(std::string_view s) {
    if (s == "aktiv") return Trekkstatus::Aktiv;
    if (s == "avsluttet") return Trekkstatus::Avsluttet;
    return std::nullopt;
}

std::string Prosent::desimal_tekst() const {
    return Beloep::fra_oere(h_).desimal_tekst();
}

std::optional<std::int64_t> hundredeler_fra_tekst(std::string_view s) {
    auto dot = s.find('.');
    auto heltall = s.substr(0, dot);
    auto desimaler = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    if (heltall.empty() || heltall.size() > 15 || !bare_sifre(heltall)) return std::nullopt;
    if (dot != std::string_view::npos && (desimaler.empty() || !bare_sifre(desimaler)))
        return std::nullopt;
    // Trailing zeros beyond the second decimal change nothing ("17.000"); other digits would.
    while (desimaler.size() > 2 && desimaler.back() == '0') desimaler.remove_suffix(1);
    if (desimaler.size() > 2) return std::nullopt;
    std::int64_t v = 0;
    for (char c : heltall) v = v * 10 + (c - '0');
    std::int64_t d = 0;
    for (std::size_t i = 0; i < 2; ++i)
        d = d * 10 + (i < desimaler.size() ? desimaler[i] - '0' : 0);
    return v * 100 + d;
}

namespace {

constexpr std::int64_t kMaksBeloepOere = 1'000'000'000'000;  // 10 milliarder kroner
constexpr std::size_t kMaksPerioder = 500;

bool trygg_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '_' || c == '.';
    });
}

// [INFER] Printable ASCII only: NAV rejects control, format and replacement characters, and
// the documented saksnummer values ("TREKK/2025/1") need nothing more.
bool trykkbar_ascii(std::string_view s) {
    return !s.empty() && s.size() <= 100 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::string storrelse_tekst(const TrekkstoerrelseForPeriode& p) {
    if (p.trekkbeloep) return "trekkbeløp " + p.trekkbeloep->desimal_tekst();
    if (p.trekkprosent) return "trekkprosent " + p.trekkprosent->desimal_tekst();
    return "ingen trekkstørrelse";
}

const TrekkstoerrelseForPeriode* periode_med_start(const Trekkpaalegg& t, Dato start) {
    for (const auto& p : t.perioder)
        if (p.startdato == start) return &p;
    return nullptr;
}

std::string dato_tekst(const std::optional<Dato>& d) {
    return d ? d->str() : "(ingen)";
}

void sjekk_perioder_mot_forrige(const Trekkpaalegg& ny, const Trekkpaalegg* forrige, Dato i_dag,
                                Regelbrudd& brudd) {
    for (const auto& p : ny.perioder) {
        const TrekkstoerrelseForPeriode* q =
            forrige ? periode_med_start(*forrige, p.startdato) : nullptr;
        if (!q) {
            // SPEC §4.3: startdato cannot be set backwards or to today; earliest tomorrow.
            if (p.startdato <= i_dag)
                brudd.push_back(
                    fmt::format("startdato {} for en ny periode må være tidligst i morgen ({})",
                                p.startdato.str(), i_dag.pluss_dager(1).str()));
            continue;
        }
        if (q->startdato <= i_dag &&
            (p.trekkbeloep != q->trekkbeloep || p.trekkprosent != q->trekkprosent))
            brudd.push_back(fmt::format(
                "perioden som startet {} har allerede begynt; {} kan ikke endres til {}",
                p.startdato.str(), storrelse_tekst(*q), storrelse_tekst(p)));
        if (p.sluttdato != q->sluttdato) {
            // SPEC §4.3: sluttdato cannot be set backwards; it may be today.
            if (q->sluttdato && *q->sluttdato < i_dag)
                brudd.push_back(fmt::format(
                    "sluttdato {} for perioden som startet {} er passert og kan ikke endres",
                    q->sluttdato->str(), p.startdato.str()));
            else if (p.sluttdato && *p.sluttdato < i_dag)
                brudd.push_back(fmt::format(
                    "sluttdato {} for perioden som startet {} kan ikke settes tilbake i tid "
                    "(tidligst {})",
                    p.sluttdato->str(), p.startdato.str(), i_dag.str()));
        }
    }
    if (!forrige) return;
    for (const auto& q : forrige->perioder)
        if (q.startdato <= i_dag && !periode_med_start(ny, q.startdato))
            brudd.push_back(fmt::format("perioden som startet {} har begynt og kan ikke fjernes",
                                        q.startdato.str()));
}

}  // namespace

Regelbrudd sjekk_felter(const Trekkpaalegg& t) {
    Regelbrudd brudd;
    if (!trygg_id(t.trekkid))
        brudd.push_back("trekkid må være 1-64 tegn av 0-9, A-Z, a-z, '-', '_' og '.'");
    if (t.trekkversjon < 1) brudd.push_back("trekkversjon må være 1 eller større");
    if (!trykkbar_ascii(t.saksnummer))
        brudd.push_back("saksnummer må være 1-100 skrivbare ASCII-tegn");
    if (auto o = Organisasjonsnummer::parse(t.trekkpliktig); !o)
        brudd.push_back("trekkpliktig: " + o.error().melding);
    if (auto f = Foedselsnummer::parse(t.skyldner); !f)
        brudd.push_back("skyldner: " + f.error().melding);
    const auto& b = t.betalingsinformasjon;
    if (b.betalingsmottaker.size() != 9 || !bare_sifre(b.betalingsmottaker))
        brudd.push_back("betalingsmottaker må være nøyaktig 9 siffer");
    if (b.kontonummer.size() != 11 || !bare_sifre(b.kontonummer))
        brudd.push_back("kontonummer må være nøyaktig 11 siffer");
    if (auto k = Kid::parse(b.kidnummer); !k) brudd.push_back("kidnummer: " + k.error().melding);

    if (t.perioder.empty()) brudd.push_back("trekkstoerrelseForPeriode må ha minst én periode");
    if (t.perioder.size() > kMaksPerioder)
        brudd.push_back(
            fmt::format("trekkstoerrelseForPeriode kan ha høyst {} perioder", kMaksPerioder));
    for (std::size_t i = 0; i < t.perioder.size(); ++i) {
        const auto& p = t.perioder[i];
        const std::string navn = fmt::format("periode {} (startdato {})", i + 1, p.startdato.str());
        if (p.trekkbeloep.has_value() == p.trekkprosent.has_value())
            brudd.push_back(navn + " må ha nøyaktig én av trekkbeloep og trekkprosent");
        if (p.trekkprosent &&
            (p.trekkprosent->hundredeler() < 0 || p.trekkprosent->hundredeler() > 10'000))
            brudd.push_back(navn + ": trekkprosent må være mellom 0 og 100");
        if (p.trekkbeloep &&
            (p.trekkbeloep->er_negativ() || p.trekkbeloep->oere() > kMaksBeloepOere))
            brudd.push_back(navn + ": trekkbeloep må være 0 eller større (og under 10 milliarder)");
        if (p.sluttdato && *p.sluttdato < p.startdato)
            brudd.push_back(
                fmt::format("{}: sluttdato {} er før startdato", navn, p.sluttdato->str()));
        if (i > 0) {
            const auto& forrige = t.perioder[i - 1];
            if (!forrige.sluttdato)
                brudd.push_back(
                    fmt::format("periode {} mangler sluttdato, men er ikke den siste", i));
            else if (p.startdato <= *forrige.sluttdato)
                brudd.push_back(fmt::format("{} må starte etter forrige periodes sluttdato {}",
                                            navn, forrige.sluttdato->str()));
        }
    }
    return brudd;
}

Trekkstatus forventet_status(const std::vector<TrekkstoerrelseForPeriode>& perioder, Dato i_dag) {
    if (perioder.empty()) return Trekkstatus::Aktiv;
    const auto& siste = perioder.back().sluttdato;
    return siste && *siste <= i_dag ? Trekkstatus::Avsluttet : Trekkstatus::Aktiv;
}

Regelbrudd sjekk_livslop(const Trekkpaalegg& ny, const Trekkpaalegg* forrige, Dato i_dag,
                         Livslopsvalg valg) {
    Regelbrudd brudd;
    if (!forrige && ny.trekkversjon != 1)
        brudd.push_back(
            fmt::format("trekkid {} finnes ikke; første versjon må ha trekkversjon 1, fikk {}",
                        ny.trekkid, ny.trekkversjon));
    if (forrige) {
        if (ny.trekkversjon != forrige->trekkversjon + 1)
            brudd.push_back(fmt::format("trekkversjon må være {} (forrige er {}), fikk {}",
                                        forrige->trekkversjon + 1, forrige->trekkversjon,
                                        ny.trekkversjon));
        // SPEC §4.3: saksnummer and kidnummer stay unchanged for a trekkid.
        if (ny.saksnummer != forrige->saksnummer)
            brudd.push_back(fmt::format("saksnummer kan ikke endres for trekkid {} (er {})",
                                        ny.trekkid, forrige->saksnummer));
        if (ny.betalingsinformasjon.kidnummer != forrige->betalingsinformasjon.kidnummer)
            brudd.push_back(fmt::format("kidnummer kan ikke endres for trekkid {} (er {})",
                                        ny.trekkid, forrige->betalingsinformasjon.kidnummer));
        if (ny.trekkpliktig != forrige->trekkpliktig)
            brudd.push_back(fmt::format("trekkid {} tilhører en annen trekkpliktig", ny.trekkid));
        if (ny.skyldner != forrige->skyldner)
            brudd.push_back(fmt::format("skyldner kan ikke endres for trekkid {}", ny.trekkid));
        // [INFER] An ended order is final: a new order gets a new trekkid (example 7).
        if (forrige->trekkstatus == Trekkstatus::Avsluttet)
            brudd.push_back(
                fmt::format("trekkid {} er avsluttet; et nytt trekk må få ny trekkid", ny.trekkid));
        if (!valg.historisk && ny.opprettet < forrige->opprettet)
            brudd.push_back(fmt::format("opprettet {} er før forrige versjons opprettet {}",
                                        ny.opprettet.utc_millis(),
                                        forrige->opprettet.utc_millis()));
    }
    const auto status = forventet_status(ny.perioder, i_dag);
    if (ny.trekkstatus != status)
        brudd.push_back(fmt::format(
            "trekkstatus må være {} når siste periodes sluttdato er {} og dagens dato er {}",
            tekst(status),
            dato_tekst(ny.perioder.empty() ? std::nullopt : ny.perioder.back().sluttdato),
            i_dag.str()));
    if (!valg.historisk) sjekk_perioder_mot_forrige(ny, forrige, i_dag, brudd);
    return brudd;
}

bool skal_avsluttes(const Trekkpaalegg& siste, Dato i_dag) {
    if (siste.trekkstatus != Trekkstatus::Aktiv || siste.perioder.empty()) return false;
    const auto& slutt = siste.perioder.back().sluttdato;
    return slutt && *slutt < i_dag;
}

Trekkpaalegg avsluttet_versjon(const Trekkpaalegg& siste) {
    Trekkpaalegg ny = siste;
    ny.trekkversjon = siste.trekkversjon + 1;
    ny.sekvensnummer = 0;
    ny.trekkstatus = Trekkstatus::Avsluttet;
    const auto& slutt = siste.perioder.back().sluttdato;
    ny.opprettet = std::max(siste.opprettet, midnatt_oslo(slutt->pluss_dager(1)));
    return ny;
}

Tidspunkt midnatt_oslo(Dato d) {
    // Norway changes offset at 01:00 UTC, never near local midnight, so the offset an hour
    // before UTC midnight is the offset at local midnight.
    const std::int64_t utc_midnatt = d.dager_siden_epoch() * 86'400;
    const std::int64_t t = utc_midnatt - oslo_utc_offset_sekunder(utc_midnatt - 3'600);
    return Tidspunkt::fra_mikros(t * 1'000'000);
}

}  // namespace skd::trekk
