#include "generate/modell.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/ids.hpp"

namespace skd::generate {

namespace {

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

Dato dag(int y, unsigned m, unsigned d) {
    return Dato::fra_ymd(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

constexpr std::int64_t kUsPerDag = 86'400'000'000;
constexpr std::int64_t kUsPerTime = 3'600'000'000;

// Writes v as exactly `width` digits (leading zeros); v must fit.
void sifre(char* p, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
}

struct Kravtype {
    const char* type;
    const char* gruppe;
    const char* beskrivelse;
    double vekt;
};
// Mix of what organisations owe: VAT and employer contributions dominate.
const Kravtype kKravtyper[] = {
    {"Mva-melding", "Merverdiavgift", "Merverdiavgift", 0.35},
    {"ARBGAVG", "Arbeidsgiveravgift", "Arbeidsgiveravgift", 0.25},
    {"FORSKTREKK", "Forskuddstrekk", "Forskuddstrekk", 0.2},
    {"UTSKR_FORSKSKATT", "Forskuddsskatt", "Forskuddsskatt", 0.1},
    {"RESTSKATT", "Restskatt", "Restskatt", 0.05},
    {"GEBYR", "Gebyr", "Tvangsmulkt", 0.05},
};

const char* const kOrd1[] = {"DYNAMISK", "SPREK", "SMIDIG", "TREG", "GRØNN", "KALD",
                             "LYSTIG",   "RASK",  "STILLE", "KLOK", "BRED",  "MODIG",
                             "VARM",     "TUNG",  "LETT",   "BLÅ"};
const char* const kOrd2[] = {"TIGER", "HARE", "ELG", "UGLE",  "SEL",  "KATT", "REV",  "ØRN",
                             "BJØRN", "LAKS", "ULV", "GAUPE", "ORRE", "OTER", "MÅKE", "HJORT"};
const char* const kKommuner[] = {"0301", "4601", "5001", "1103", "3205", "1804", "5501", "3907"};
// Months as a year of terms (termin 1-6 of two months each).
const char* const kTerminer[] = {"januar - februar", "mars - april",        "mai - juni",
                                 "juli - august",    "september - oktober", "november - desember"};

constexpr const char* kKontonummer = "63450624804";
constexpr const char* kBetalingsmottaker = "971648199";  // SPEC §4.3
constexpr const char* kTrekkKonto = "70213997155";

std::string navn(Rng& r, const char* suffiks) {
    return fmt::format("{} {} {}{}", kOrd1[r.next() % 16], kOrd1[r.next() % 16],
                       kOrd2[r.next() % 16], suffiks);
}

std::string kid(std::string_view grunn) {
    std::string s(grunn);
    s.push_back('0');
    fullfoer_kid_mod10(s.data(), grunn.size());
    return s;
}

// How an organisation pays: most pay everything, some are sometimes late, a few fall behind.
enum class Betaler { Alltid, Stundom, Daarlig };

Betaler betaler(Rng& r) {
    const double u = r.uni();
    return u < 0.70 ? Betaler::Alltid : u < 0.95 ? Betaler::Stundom : Betaler::Daarlig;
}

// Claims per organisation: at least one (every organisation has a history), then a long tail
// (Pareto, alpha 1.5) around `snitt`.
std::int64_t antall_krav(Rng& r, double snitt) {
    const double w = (1.0 / 3.0) / std::pow(1.0 - r.uni(), 1.0 / 1.5);
    return std::clamp<std::int64_t>(std::llround(snitt * w), 1, 5000);
}

class OrgBygger {
public:
    OrgBygger(const Modell& m, std::string_view orgnr, Profil profil)
        : m_(m), org_(orgnr), profil_(profil), r_(m.seed, 1, noekkel(orgnr)) {}

    Organisasjon bygg() {
        Organisasjon o;
        const bool enk = profil_ == Profil::Enk || (profil_ == Profil::Vanlig && r_.p(0.3));
        std::optional<std::string> eier;
        if (enk) {
            eier = m_.velg_person ? m_.velg_person(r_.next()) : syntetisk_foedselsnummer(r_);
            o.eier = person(m_, *eier);
        }
        const bool skjermet = profil_ == Profil::Vanlig && r_.p(0.001);
        o.part.identifikator = org_;
        o.part.navn = navn(r_, enk                               ? " ENK"
                               : profil_ == Profil::Inkassobyraa ? " INKASSO AS"
                                                                 : " AS");
        o.part.skjerming = skjermet ? std::optional<std::string>("strengtFortrolig") : std::nullopt;
        o.part.er_enk = enk;
        o.part.eier = eier;
        o.part.er_hovedenhet = profil_ != Profil::Underenhet;
        o.part.er_inkassobyraa = profil_ == Profil::Inkassobyraa;
        o.part.gammelt_regelverk = profil_ == Profil::GammeltRegelverk;

        betaler_ = profil_ == Profil::FemtiAapneKrav ? Betaler::Daarlig : betaler(r_);
        const std::int64_t n = profil_ == Profil::FemtiAapneKrav   ? 50
                               : profil_ == Profil::TusenvisAvKrav ? 3000
                                                                   : antall_krav(r_, snitt());
        for (std::int64_t k = 0; k < n; ++k) krav(o, k, eier);
        // Credit claims paid out: a few percent of the organisations.
        if (r_.p(0.03)) utbetaling(o);
        // Employers: about one in ten has trekkpålegg for employees.
        const bool arbeidsgiver = m_.alle_er_arbeidsgivere || r_.p(0.1);
        if (profil_ == Profil::StorArbeidsgiver ||
            (profil_ != Profil::TusenvisAvKrav && arbeidsgiver)) {
            const std::int64_t t = profil_ == Profil::StorArbeidsgiver ? 2600 : r_.range(1, 12);
            for (std::int64_t j = 0; j < t; ++j) trekk(o, j);
            std::stable_sort(o.trekk.begin(), o.trekk.end(), [](const auto& a, const auto& b) {
                return a.opprettet != b.opprettet ? a.opprettet < b.opprettet
                                                  : a.trekkversjon < b.trekkversjon;
            });
        }
        return o;
    }

private:
    double snitt() const { return m_.krav_per_org; }

    void krav(Organisasjon& o, std::int64_t k, const std::optional<std::string>& eier) {
        double u = r_.uni();
        const Kravtype* kt = &kKravtyper[0];
        for (const auto& t : kKravtyper) {
            kt = &t;
            if ((u -= t.vekt) < 0) break;
        }
        const bool aapen = profil_ == Profil::FemtiAapneKrav;
        const std::int64_t i_dag = m_.i_dag.dager_siden_epoch();
        const std::int64_t fra = dag(2019, 1, 1).dager_siden_epoch();
        const std::int64_t opprettet = aapen ? i_dag - 400 + 7 * k : r_.range(fra, i_dag - 1);
        const Dato od = Dato::fra_dager(opprettet);
        const auto ymd = od.ymd();
        const unsigned maaned = static_cast<unsigned>(ymd.month());

        ModellKrav mk;
        auto& kr = mk.krav;
        kr.part = org_;
        kr.krav_part = eier && std::string_view(kt->type) == "RESTSKATT" ? *eier : org_;
        kr.kravidentifikator = fmt::format("K{}{:05}", org_, k);
        kr.kravtype = kt->type;
        kr.kravgruppe = kt->gruppe;
        kr.kravbeskrivelse = kt->beskrivelse;
        kr.kravperiode.beskrivelse = kTerminer[(maaned - 1) / 2];
        kr.kravperiode.aar = std::to_string(od.aar());
        kr.kravperiode.termin_teknisk_navn = std::to_string((maaned - 1) / 2 + 1);
        kr.fastsettingsmaate = "egenfastsatt";
        kr.opprettelsesdato = od;

        // Amounts: log-uniform from 500 kr to 500,000 kr.
        const auto beloep =
            static_cast<std::int64_t>(std::exp(std::log(50'000.0) + r_.uni() * std::log(1000.0)));
        const int n_forfall = !aapen && r_.p(0.15) ? static_cast<int>(r_.range(2, 4)) : 1;
        const double betalt_andel = betaler_ == Betaler::Alltid    ? 1.0
                                    : betaler_ == Betaler::Stundom ? 0.85
                                                                   : 0.5;
        std::int64_t rest_til_rente = 0;
        for (int j = 0; j < n_forfall; ++j) {
            const std::int64_t forfall = opprettet + 14 + 30 * j + (aapen ? 0 : r_.range(0, 30));
            const std::int64_t oere = beloep / n_forfall;
            ModellKravforfall f;
            f.forfall.kravforfallsidentifikator = fmt::format("{}-{}", kr.kravidentifikator, j + 1);
            f.forfall.forfallsdato = Dato::fra_dager(forfall);
            f.forfall.opprinnelig = Beloep::fra_oere(oere);
            f.forfall.kidnummer = kid(fmt::format("{}{:05}{}", org_, k % 100000, j + 1));
            f.forfall.konto.kontonummer = kKontonummer;
            // Nothing is paid before it exists, nor paid by an open-claims profile.
            const double v = aapen ? 1.0 : r_.uni();
            if (v < betalt_andel && forfall - 20 <= i_dag) {
                const bool helt = betaler_ == Betaler::Alltid || r_.p(0.88);
                const std::int64_t betalt = helt ? oere : oere * r_.range(30, 90) / 100;
                const std::int64_t dato = std::min(i_dag, forfall - r_.range(0, 20));
                Betaling b;
                b.innbetaling.part = org_;
                b.innbetaling.betaler_part = org_;
                b.innbetaling.innbetalingsidentifikator =
                    fmt::format("I{}{:05}{}", org_, k % 100000, j + 1);
                b.innbetaling.innbetalingsdato = Dato::fra_dager(dato);
                b.innbetaling.beloep = Beloep::fra_oere(betalt);
                b.innbetaling.innbetalingstype = "innbetaling";
                b.innbetaling.innbetalt_fra.kidnummer = f.forfall.kidnummer;
                b.plassert_dato = b.innbetaling.innbetalingsdato;
                f.betalinger.push_back(std::move(b));
                if (betalt < oere && forfall < i_dag) rest_til_rente += oere - betalt;
            } else if (forfall < i_dag) {
                rest_til_rente += oere;
            }
            mk.forfall.push_back(std::move(f));
        }
        const std::string hovedstol = kr.kravidentifikator, gruppe = kr.kravgruppe,
                          krav_part = kr.krav_part;
        o.krav.push_back(std::move(mk));
        // Late-payment interest on an overdue principal, itself a krav (SPEC §2.3 renter).
        if (rest_til_rente > 0 && !aapen && r_.p(0.3)) {
            const std::int64_t ro = std::min(i_dag - 1, opprettet + 120);
            ModellKrav rk;
            rk.krav.part = org_;
            rk.krav.krav_part = krav_part;
            rk.krav.kravidentifikator = hovedstol + "R";
            rk.krav.kravtype = "Forsinkelsesrente";
            rk.krav.kravgruppe = gruppe;
            rk.krav.kravbeskrivelse = "Forsinkelsesrente";
            rk.krav.opprettelsesdato = Dato::fra_dager(ro);
            rk.krav.hovedstol_kravidentifikator = hovedstol;
            ModellKravforfall f;
            f.forfall.kravforfallsidentifikator = rk.krav.kravidentifikator + "-1";
            f.forfall.forfallsdato = Dato::fra_dager(ro + 14);
            f.forfall.opprinnelig = Beloep::fra_oere(
                std::max<std::int64_t>(100, rest_til_rente * r_.range(2, 10) / 100));
            rk.forfall.push_back(std::move(f));
            o.krav.push_back(std::move(rk));
        }
    }

    void utbetaling(Organisasjon& o) {
        const std::int64_t i_dag = m_.i_dag.dager_siden_epoch();
        const Dato dato = Dato::fra_dager(r_.range(i_dag - 700, i_dag - 10));
        ModellUtbetaling u;
        auto& k = u.kreditkrav.krav;
        k.part = k.krav_part = org_;
        k.kravidentifikator = fmt::format("K{}K{}", org_, o.utbetalinger.size() + 1);
        k.kravtype = "AVVIK_ARBGAVG_KREDIT";
        k.kravgruppe = "Arbeidsgiveravgift";
        k.kravbeskrivelse = "Arbeidsgiveravgift kreditt";
        k.fastsettingsmaate = "egenfastsatt";
        k.opprettelsesdato = dato;
        ModellKravforfall f;
        f.forfall.kravforfallsidentifikator = k.kravidentifikator + "-1";
        f.forfall.forfallsdato = dato;
        f.forfall.opprinnelig = Beloep::fra_oere(-r_.range(10'000, 5'000'000));
        u.kreditkrav.forfall.push_back(std::move(f));
        u.utbetaling.part = u.utbetaling.utbetalt_til_part = org_;
        u.utbetaling.utbetalingsidentifikator =
            fmt::format("U{}{}", org_, o.utbetalinger.size() + 1);
        u.utbetaling.utbetaltdato = dato.pluss_dager(5);
        u.utbetaling.kontonummer = kKontonummer;
        u.utbetaling.utbetalingstatus = "bekreftet";
        o.utbetalinger.push_back(std::move(u));
    }

    // Versions of one order: version 1 some time in the last two years, starting on the first
    // of a later month; later versions end the running period and either start a new one the
    // day after or (half the time, on the last version) end the order.
    void trekk(Organisasjon& o, std::int64_t j) {
        const std::int64_t i_dag = m_.i_dag.dager_siden_epoch();
        const std::string trekkid = fmt::format("{}{:04}", org_, j);
        const std::string skyldner =
            m_.velg_person ? m_.velg_person(r_.next()) : syntetisk_foedselsnummer(r_);
        const bool prosent = r_.p(0.6);
        auto stoerrelse = [&](trekk::TrekkstoerrelseForPeriode& p) {
            if (prosent)
                p.trekkprosent = trekk::Prosent::fra_hundredeler(r_.range(5, 40) * 100);
            else
                p.trekkbeloep = Beloep::fra_oere(r_.range(5, 200) * 10'000);
        };
        const int versjoner = r_.p(0.7) ? 1 : r_.p(0.8) ? 2 : 3;
        std::int64_t t = r_.range(i_dag - 730, i_dag - 40);
        const auto ymd = Dato::fra_dager(t + 20).ymd();
        std::int64_t start =
            dag(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), 1)
                .dager_siden_epoch();
        if (start <= t) start = t + 1;
        std::vector<trekk::TrekkstoerrelseForPeriode> perioder;
        trekk::TrekkstoerrelseForPeriode aapen;
        aapen.startdato = Dato::fra_dager(start);
        stoerrelse(aapen);
        bool har_aapen = true;
        std::int64_t forrige_us = 0;
        for (int v = 1; v <= versjoner && har_aapen; ++v) {
            bool avsluttet = false;
            if (v > 1) {
                t = std::min(i_dag - 1, t + r_.range(10, 200));
                const std::int64_t slutt = std::max(t, start);
                aapen.sluttdato = Dato::fra_dager(slutt);
                perioder.push_back(aapen);
                if (v == versjoner && r_.p(0.5)) {
                    avsluttet = slutt <= t;
                    har_aapen = false;
                } else {
                    start = slutt + 1;
                    aapen = {};
                    aapen.startdato = Dato::fra_dager(start);
                    stoerrelse(aapen);
                }
            }
            std::int64_t us =
                t * kUsPerDag + r_.range(6, 19) * kUsPerTime + r_.range(0, kUsPerTime - 1);
            if (us <= forrige_us) us = forrige_us + 1;  // versions of one order stay in order
            forrige_us = us;
            trekk::Trekkpaalegg tp;
            tp.trekkid = trekkid;
            tp.trekkversjon = v;
            tp.opprettet = Tidspunkt::fra_mikros(us);
            tp.saksnummer = "TREKK/" + trekkid;
            tp.trekkpliktig = org_;
            tp.skyldner = skyldner;
            tp.trekkstatus = avsluttet ? trekk::Trekkstatus::Avsluttet : trekk::Trekkstatus::Aktiv;
            tp.perioder = perioder;
            if (har_aapen) tp.perioder.push_back(aapen);
            tp.betalingsinformasjon = {kBetalingsmottaker, kid(trekkid), kTrekkKonto};
            o.trekk.push_back(std::move(tp));
        }
    }

    const Modell& m_;
    std::string org_;
    Profil profil_;
    Rng r_;
    Betaler betaler_ = Betaler::Alltid;
};

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t kind, std::uint64_t key)
    : s_(splitmix(splitmix(seed ^ (kind << 56)) ^ key)) {}

std::uint64_t Rng::next() {
    return s_ = splitmix(s_);
}

double Rng::uni() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::int64_t Rng::range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

std::uint64_t noekkel(std::string_view id) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return h;
}

// Bodies 20000000+nr, or 30000000+nr where the first has no check digit: moving the leading
// digit from 2 to 3 adds 3 to the weighted sum, so the second is always valid, and the two
// ranges never meet below ten million organisations.
std::string syntetisk_orgnr(std::int64_t nr) {
    char s[10];
    sifre(s, static_cast<std::uint64_t>(20'000'000 + nr), 8);
    if (!fullfoer_orgnr(s)) {
        s[0] = '3';
        fullfoer_orgnr(s);
    }
    return std::string(s, 9);
}

std::string syntetisk_foedselsnummer(Rng& r) {
    for (;;) {
        const auto d = Dato::fra_dager(dag(1940, 1, 1).dager_siden_epoch() + r.range(0, 21'914));
        const auto ymd = d.ymd();
        char s[12];
        sifre(s, static_cast<unsigned>(ymd.day()), 2);
        sifre(s + 2, static_cast<unsigned>(ymd.month()) + 80, 2);
        sifre(s + 4, static_cast<std::uint64_t>(d.aar() % 100), 2);
        sifre(s + 6, static_cast<std::uint64_t>(r.range(0, 499)), 3);  // born 1900–1999
        if (fullfoer_foedselsnummer(s)) return std::string(s, 11);
    }
}

Organisasjon organisasjon(const Modell& m, std::string_view orgnr, Profil profil) {
    return OrgBygger(m, orgnr, profil).bygg();
}

store::NyPart person(const Modell& m, std::string_view fnr, std::optional<std::string> skjerming,
                     bool gammelt_regelverk) {
    Rng r(m.seed, 2, noekkel(fnr));
    store::NyPart p;
    p.identifikator = fnr;
    p.navn = fmt::format("{} {}", kOrd1[r.next() % 16], kOrd2[r.next() % 16]);
    p.er_person = true;
    p.gammelt_regelverk = gammelt_regelverk;
    const double u = r.uni();
    if (skjerming)
        p.skjerming = std::move(skjerming);
    else if (u < 0.002)
        p.skjerming = "strengtFortrolig";
    else if (u < 0.005)
        p.skjerming = "fortrolig";
    return p;
}

std::optional<skatteoppgjoer::Skatteoppgjoer> oppgjoer(const Modell& m, std::string_view fnr,
                                                       int aar, bool alltid) {
    Rng r(m.seed, 3, noekkel(fnr) ^ splitmix(static_cast<std::uint64_t>(aar)));
    if (r.p(0.1) && !alltid) return std::nullopt;  // no settlement this year
    const std::int64_t fra = dag(aar + 1, 4, 1).dager_siden_epoch();
    const std::int64_t til =
        std::min(dag(aar + 1, 12, 1).dager_siden_epoch(), m.i_dag.dager_siden_epoch() - 1);
    if (til <= fra) return std::nullopt;  // the season has not begun
    const std::int64_t us =
        r.range(fra, til) * kUsPerDag + r.range(6, 17) * kUsPerTime + r.range(0, kUsPerTime - 1);
    skatteoppgjoer::Skatteoppgjoer s;
    s.personidentifikator = fnr;
    s.inntektsaar = aar;
    s.skatteoppgjoersdato = Dato::fra_dager(us / kUsPerDag);
    if (aar >= 2024) s.ajourholdstidspunkt = Tidspunkt::fra_mikros(us);
    const std::int64_t skatt = r.range(0, 400'000);
    const std::int64_t trukket = std::max<std::int64_t>(0, skatt + r.range(-30'000, 20'000));
    const std::int64_t diff = skatt - trukket;
    skatteoppgjoer::Avregningsdel d;
    if (diff > 0) {
        d.restskatt = diff;
        d.aa_betale = diff;
    } else {
        d.beloep_tilgode = -diff;
        d.overskytende = -diff;
        d.rentegodtgjoerelse = 0;
    }
    d.avregnet_forskuddstrekk = trukket;
    d.beregnet_skatt = skatt;
    d.forhaandsfastsatt = r.p(0.1);
    d.skatteregnskapskommune = kKommuner[r.next() % 8];
    s.fastland = d;
    return s;
}

skatteoppgjoer::Skatteoppgjoer endret_oppgjoer(const skatteoppgjoer::Skatteoppgjoer& s) {
    auto e = s;
    if (e.fastland) {
        auto& d = *e.fastland;
        const std::int64_t tillegg = 5'000;
        d.beregnet_skatt = d.beregnet_skatt.value_or(0) + tillegg;
        const std::int64_t diff = *d.beregnet_skatt - d.avregnet_forskuddstrekk.value_or(0);
        d.restskatt = d.aa_betale = d.beloep_tilgode = d.overskytende = std::nullopt;
        d.rentegodtgjoerelse = std::nullopt;
        if (diff > 0) {
            d.restskatt = diff;
            d.aa_betale = diff;
        } else {
            d.beloep_tilgode = -diff;
            d.overskytende = -diff;
            d.rentegodtgjoerelse = 0;
        }
    }
    return e;
}

}  // namespace skd::generate
