// The synthetic-data generator. Rows go through the backend's bulk loader (store/bulk.hpp);
// the whole run is one transaction, so a run that is killed or fails leaves the database
// exactly as it was (indexes and sequence counters included).
#include "generate/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "core/dato.hpp"
#include "store/bulk.hpp"

namespace skd::generate {
namespace {

using Clock = std::chrono::steady_clock;

// ---- deterministic randomness: one stream per entity, so output does not depend on order ----

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t kind, std::uint64_t index)
        : s_(splitmix(splitmix(seed ^ (kind << 56)) ^ index)) {}
    std::uint64_t next() { return s_ = splitmix(s_); }
    double uni() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::int64_t range(std::int64_t lo, std::int64_t hi) {  // inclusive
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool p(double x) { return uni() < x; }

private:
    std::uint64_t s_;
};

// ---- dates as days since 1970-01-01, formatted without allocation ----

void civil(std::int64_t z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

struct DatoTekst {
    char s[11];
    explicit DatoTekst(std::int64_t dager) {
        int y;
        unsigned m, d;
        civil(dager, y, m, d);
        std::snprintf(s, sizeof s, "%04d-%02u-%02u", y, m, d);
    }
    std::string_view sv() const { return {s, 10}; }
};

std::int64_t dager(int y, unsigned m, unsigned d) {
    return Dato::fra_ymd(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d})
        .dager_siden_epoch();
}

constexpr std::int64_t kUsPerDag = 86'400'000'000;

// ---- identifiers (SPEC §1.8) ----

// Writes v as exactly `width` digits (leading zeros); v must fit.
void sifre(char* p, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
}

int mod11_siffer(const char* d, const int* w, int n) {
    int sum = 0;
    for (int i = 0; i < n; ++i) sum += (d[i] - '0') * w[i];
    int k = 11 - sum % 11;
    return k == 11 ? 0 : k;  // 10 = no valid check digit
}

bool fullfoer_fnr(char* s) {  // s has 9 digits; writes the two check digits
    static const int w1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    static const int w2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int k1 = mod11_siffer(s, w1, 9);
    if (k1 == 10) return false;
    s[9] = static_cast<char>('0' + k1);
    int k2 = mod11_siffer(s, w2, 10);
    if (k2 == 10) return false;
    s[10] = static_cast<char>('0' + k2);
    return true;
}

// Birth dates 1940-01-01 + d (d < kFoedselsdager), individnummer 000-499 (born 1900-1999).
constexpr std::int64_t kFoedselsdager = 21'900;

void fnr_grunn(std::int64_t dag, int individ, char* s) {
    int y;
    unsigned m, d;
    civil(dager(1940, 1, 1) + dag, y, m, d);
    sifre(s, d, 2);
    sifre(s + 2, m + 80, 2);
    sifre(s + 4, static_cast<std::uint64_t>(y % 100), 2);
    sifre(s + 6, static_cast<std::uint64_t>(individ), 3);
    s[9] = 0;
}

// The j-th valid individnummer of each birth date, computed once per run.
class PersonTabell {
public:
    explicit PersonTabell(std::int64_t antall) {
        const std::int64_t datoer = std::min(antall, kFoedselsdager);
        const std::int64_t per_dato = (antall + kFoedselsdager - 1) / kFoedselsdager;
        gyldige_.resize(static_cast<std::size_t>(datoer));
        char s[12];
        for (std::int64_t d = 0; d < datoer; ++d) {
            auto& v = gyldige_[static_cast<std::size_t>(d)];
            for (int i = 0; i < 500 && static_cast<std::int64_t>(v.size()) < per_dato; ++i) {
                fnr_grunn(d, i, s);
                if (fullfoer_fnr(s)) v.push_back(static_cast<std::uint16_t>(i));
            }
            if (static_cast<std::int64_t>(v.size()) < per_dato)
                throw std::invalid_argument("for mange personer (høyst ~9 millioner)");
        }
    }
    void fnr(std::int64_t nr, char* s) const {
        const auto d = nr % kFoedselsdager;
        fnr_grunn(
            d, gyldige_[static_cast<std::size_t>(d)][static_cast<std::size_t>(nr / kFoedselsdager)],
            s);
        fullfoer_fnr(s);
        s[11] = 0;
    }

private:
    std::vector<std::vector<std::uint16_t>> gyldige_;
};

// Bodies 20000000+nr, or 30000000+nr where the first has no check digit: moving the leading
// digit from 2 to 3 adds 3 to the weighted sum, so the second is always valid, and the two
// ranges never meet below ten million organisations.
void orgnr(std::int64_t nr, char* s) {
    static const int w[] = {3, 2, 7, 6, 5, 4, 3, 2};
    sifre(s, static_cast<std::uint64_t>(20'000'000 + nr), 8);
    int k = mod11_siffer(s, w, 8);
    if (k == 10) {
        s[0] = '3';
        k = mod11_siffer(s, w, 8);
    }
    s[8] = static_cast<char>('0' + k);
    s[9] = 0;
}

// A KID with a MOD10 (Luhn) check digit appended to `grunn` digits.
void kid_mod10(std::string_view grunn, char* out) {
    int sum = 0;
    bool dbl = true;
    for (std::size_t i = grunn.size(); i-- > 0;) {
        int v = grunn[i] - '0';
        if (dbl && (v *= 2) > 9) v -= 9;
        sum += v;
        dbl = !dbl;
    }
    std::memcpy(out, grunn.data(), grunn.size());
    out[grunn.size()] = static_cast<char>('0' + (10 - sum % 10) % 10);
    out[grunn.size() + 1] = 0;
}

// ---- rows ----

using store::Param;
using store::Tabell;
constexpr Tabell T_PART = Tabell::Part, T_KRAV = Tabell::Krav, T_FORFALL = Tabell::Kravforfall,
                 T_INNBETALING = Tabell::Innbetaling, T_PLASSERING = Tabell::Plassering,
                 T_UTBETALING = Tabell::Utbetaling, T_GRUNNLAG = Tabell::UtbetalingGrunnlag,
                 T_TREKK = Tabell::Trekkpaalegg, T_OPPGJOER = Tabell::Skatteoppgjoer,
                 T_DEL = Tabell::SkatteoppgjoerDel, T_HENDELSE = Tabell::Hendelse,
                 T_TILGANG = Tabell::Tilgang;
constexpr std::size_t ix(Tabell t) {
    return static_cast<std::size_t>(t);
}

// ---- the generator ----

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

// Months ordered like a year of terms (termin 1-6 of two months each).
const char* const kTerminer[] = {"januar - februar", "mars - april",        "mai - juni",
                                 "juli - august",    "september - oktober", "november - desember"};

class Generator {
public:
    Generator(const GeneratorOptions& o, store::BulkLoader& sink)
        : o_(o), sink_(sink), personer_(o.persons) {
        auto d = Dato::parse(o.i_dag);
        if (!d) throw std::invalid_argument("--today må være en dato (ÅÅÅÅ-MM-DD)");
        i_dag_ = d->dager_siden_epoch();
    }

    GeneratorSummary run() {
        const auto t0 = Clock::now();
        GeneratorSummary s;
        char buf[16];
        orgnr(0, buf);
        if (sink_.scalar(fmt::format("SELECT COUNT(*) FROM part WHERE identifikator = '{}'", buf)) >
            0)
            throw std::invalid_argument("databasen har allerede generert data (part " +
                                        std::string(buf) + "); bruk en tom database");
        krav_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM krav");
        forfall_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM kravforfall");
        innb_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM innbetaling");
        plass_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM plassering");
        utb_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM utbetaling");
        trekk_seq_ = sink_.scalar("SELECT verdi FROM sekvens WHERE navn = 'trekkpaalegg'");
        hendelse_seq_ = sink_.scalar("SELECT verdi FROM sekvens WHERE navn = 'hendelse'");

        s.eksempler.org_med_aapne_krav = buf;
        orgnr(1, buf);
        s.eksempler.trekkpliktig = buf;
        personer_.fnr(0, buf);
        s.eksempler.person = buf;

        const auto tl = Clock::now();
        for (std::int64_t i = 0; i < o_.orgs; ++i) {
            organisasjon(i);
            framdrift(static_cast<double>(i + 1) / arbeid());
        }
        s.ledger_sekunder = std::chrono::duration<double>(Clock::now() - tl).count();
        s.ledger_rader = antall_[ix(T_KRAV)] + antall_[ix(T_FORFALL)] + antall_[ix(T_INNBETALING)] +
                         antall_[ix(T_PLASSERING)] + antall_[ix(T_UTBETALING)] +
                         antall_[ix(T_GRUNNLAG)];
        skriv_trekk();
        for (std::int64_t i = 0; i < o_.persons; ++i) {
            person(i);
            framdrift(static_cast<double>(o_.orgs + i + 1) / arbeid());
        }
        oppgjoer();
        // Grants for the demo consumers; plain INSERTs so an existing grant is no conflict.
        for (const auto& k : o_.konsumenter) {
            if (k.size() != 9 || k.find_first_not_of("0123456789") != std::string::npos)
                throw std::invalid_argument("konsument må være et organisasjonsnummer: " + k);
            for (auto [api, pakke] : {std::pair{"restanser", "dibk"},
                                      {"restanser", "ebevis"},
                                      {"kravogbetalinger", "finans"},
                                      {"kravogbetalinger", "regnskapssystem"},
                                      {"avregning", "ssb"},
                                      {"avregning", "norgesbank"},
                                      {"utleggsbegjaering", "utleggsbegjaering"}}) {
                sink_.exec(
                    fmt::format("INSERT INTO tilgang (api, pakke, org) VALUES ('{}', '{}', '{}') "
                                "ON CONFLICT DO NOTHING",
                                api, pakke, k));
                ++antall_[ix(T_TILGANG)];
            }
        }
        sink_.exec(
            fmt::format("UPDATE sekvens SET verdi = {} WHERE navn = 'trekkpaalegg'", trekk_seq_));
        sink_.exec(
            fmt::format("UPDATE sekvens SET verdi = {} WHERE navn = 'hendelse'", hendelse_seq_));
        sink_.exec("UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'ledger'");
        sink_.finish();
        if (o_.progress) o_.progress(1.0, totalt_);

        // Read back from the database, so equal seeds are shown to give equal stored data.
        s.db_kontroll = sink_.scalar(
            "SELECT (SELECT COUNT(*) FROM part) + (SELECT COUNT(*) FROM krav) "
            "+ (SELECT COALESCE(SUM(opprinnelig_oere), 0) FROM kravforfall) "
            "+ (SELECT COALESCE(SUM(beloep_oere), 0) FROM plassering) "
            "+ (SELECT COALESCE(SUM(utbetalt_oere), 0) FROM utbetaling_grunnlag) "
            "+ (SELECT COALESCE(SUM(sekvensnummer * trekkversjon), 0) FROM trekkpaalegg) "
            "+ (SELECT COALESCE(SUM(beregnet_skatt), 0) FROM skatteoppgjoer_del) "
            "+ (SELECT COALESCE(SUM(sekvensnummer), 0) FROM hendelse)");
        for (std::size_t t = 0; t < store::kAntallTabeller; ++t)
            s.rader[std::string(store::alle_tabeller()[t].navn)] = antall_[t];
        s.totalt = totalt_;
        s.sjekksum = hash_;
        s.sekunder = std::chrono::duration<double>(Clock::now() - t0).count();
        return s;
    }

private:
    void rad(Tabell t, std::initializer_list<Param> v) {
        for (const Param& p : v) {
            std::uint64_t h = hash_;
            auto mix = [&](unsigned char c) { h = (h ^ c) * 0x100000001B3ull; };
            mix(static_cast<unsigned char>(p.kind()));
            if (p.kind() == Param::Kind::Int)
                for (int b = 0; b < 8; ++b) mix(static_cast<unsigned char>(p.i() >> (8 * b)));
            else
                for (char c : p.s()) mix(static_cast<unsigned char>(c));
            hash_ = h;
        }
        sink_.row(t, v);
        ++antall_[ix(t)];
        if (++totalt_ % 2'000'000 == 0) sink_.checkpoint();
    }

    // Work units: one per organisation, per person and per person and income year.
    double arbeid() const {
        return static_cast<double>(
            o_.orgs + o_.persons * (2 + o_.siste_inntektsaar - o_.foerste_inntektsaar));
    }

    void framdrift(double andel) {
        if (!o_.progress || (++kall_ & 1023) != 0) return;
        o_.progress(andel, totalt_);
    }

    std::string navn(Rng& r, const char* suffiks) {
        return fmt::format("{} {} {}{}", kOrd1[r.next() % 16], kOrd1[r.next() % 16],
                           kOrd2[r.next() % 16], suffiks);
    }

    // Per organisation: a long-tailed number of krav; most owe nothing.
    std::int64_t antall_krav(Rng& r, std::int64_t i) {
        if (i == 0) return 50;
        if (!r.p(0.35)) return 0;
        const double snitt = static_cast<double>(o_.krav) /
                             static_cast<double>(std::max<std::int64_t>(o_.orgs, 1)) / 0.35;
        // Pareto(alpha 1.5) with mean 1, scaled to the wanted mean; capped.
        const double w = (1.0 / 3.0) / std::pow(1.0 - r.uni(), 1.0 / 1.5);
        return std::clamp<std::int64_t>(std::llround(snitt * w), 1, 5000);
    }

    void organisasjon(std::int64_t i) {
        Rng r(o_.seed, 1, static_cast<std::uint64_t>(i));
        char org[16], eier[16];
        orgnr(i, org);
        const bool enk = i > 1 && o_.persons > 0 && r.p(0.3);
        if (enk)
            personer_.fnr(
                static_cast<std::int64_t>(r.next() % static_cast<std::uint64_t>(o_.persons)), eier);
        const char* skjerming = i > 1 && r.p(0.001) ? "strengtFortrolig" : nullptr;
        rad(T_PART, {std::string_view(org), navn(r, enk ? " ENK" : " AS"), 0,
                     skjerming ? Param(skjerming) : Param(), enk ? 1 : 0,
                     enk ? Param(std::string_view(eier)) : Param()});

        const std::int64_t n = antall_krav(r, i);
        for (std::int64_t k = 0; k < n; ++k) krav(r, i, org, enk ? eier : nullptr, k);
        // Credit claims paid out: a few percent of the active organisations.
        if (n > 0 && i > 1 && r.p(0.03)) utbetaling(r, org);

        // Employers: about one in ten has trekkpålegg for employees; org 1 is the largest.
        if (o_.persons > 0 && (i == 1 || (i > 1 && r.p(0.1)))) {
            const std::int64_t t = i == 1 ? 2600 : r.range(1, 12);
            for (std::int64_t j = 0; j < t; ++j) trekk(r, i);
        }
    }

    void krav(Rng& r, std::int64_t i, const char* org, const char* eier, std::int64_t k) {
        double u = r.uni() * 1.0;
        const Kravtype* kt = &kKravtyper[0];
        for (const auto& t : kKravtyper) {
            kt = &t;
            if ((u -= t.vekt) < 0) break;
        }
        const bool aapen = i == 0;
        const std::int64_t fra = dager(2019, 1, 1);
        const std::int64_t opprettet = aapen ? i_dag_ - 400 + 7 * k : r.range(fra, i_dag_ - 1);
        DatoTekst od(opprettet);
        int y;
        unsigned m, d;
        civil(opprettet, y, m, d);
        const std::string aar = std::to_string(y);
        const std::string termin = std::to_string((m - 1) / 2 + 1);
        const std::string kravid = fmt::format("K{}{:05}", org, k);
        const bool restskatt_enk = eier && std::strcmp(kt->type, "RESTSKATT") == 0;
        const std::string_view part(org);
        const std::string_view krav_part = restskatt_enk ? std::string_view(eier) : part;
        const std::int64_t id = ++krav_id_;
        rad(T_KRAV, {id, kravid, part, krav_part, kt->type, kt->gruppe, kt->beskrivelse,
                     kTerminer[(m - 1) / 2], aar, termin, "egenfastsatt", od.sv(), Param()});
        // Amounts: log-uniform from 500 kr to 500,000 kr.
        const auto beloep =
            static_cast<std::int64_t>(std::exp(std::log(50'000.0) + r.uni() * std::log(1000.0)));
        const int n_forfall = !aapen && r.p(0.15) ? static_cast<int>(r.range(2, 4)) : 1;
        std::int64_t rest_til_rente = 0;
        for (int j = 0; j < n_forfall; ++j) {
            const std::int64_t forfall = opprettet + 14 + 30 * j + (aapen ? 0 : r.range(0, 30));
            const std::int64_t oere = beloep / n_forfall;
            const std::int64_t fid = ++forfall_id_;
            char kid[32];
            kid_mod10(fmt::format("{}{:06}", org, fid % 1'000'000), kid);
            rad(T_FORFALL, {fid, fmt::format("{}-{}", kravid, j + 1), id, DatoTekst(forfall).sv(),
                            oere, std::string_view(kid), "63450624804"});
            // 75 % paid in full, 10 % in part, the rest open; nothing is paid before it exists.
            const double v = aapen ? 1.0 : r.uni();
            if (v < 0.85 && forfall - 20 <= i_dag_) {
                const std::int64_t betalt = v < 0.75 ? oere : oere * r.range(30, 90) / 100;
                const std::int64_t dato = std::min(i_dag_, forfall - r.range(0, 20));
                betaling(part, std::string_view(kid), fid, betalt, dato);
                if (betalt < oere && forfall < i_dag_) rest_til_rente += oere - betalt;
            } else if (forfall < i_dag_) {
                rest_til_rente += oere;
            }
        }
        // Late-payment interest on an overdue principal, itself a krav (SPEC §2.3 renter).
        if (rest_til_rente > 0 && !aapen && r.p(0.3)) {
            const std::int64_t rid = ++krav_id_;
            const std::string rkravid = kravid + "R";
            const std::int64_t ro = std::min(i_dag_ - 1, opprettet + 120);
            rad(T_KRAV, {rid, rkravid, part, krav_part, "Forsinkelsesrente", kt->gruppe,
                         "Forsinkelsesrente", Param(), Param(), Param(), Param(),
                         DatoTekst(ro).sv(), kravid});
            const std::int64_t fid = ++forfall_id_;
            rad(T_FORFALL, {fid, rkravid + "-1", rid, DatoTekst(ro + 14).sv(),
                            std::max<std::int64_t>(100, rest_til_rente * r.range(2, 10) / 100),
                            Param(), Param()});
        }
    }

    void betaling(std::string_view part, std::string_view kid, std::int64_t fid, std::int64_t oere,
                  std::int64_t dato) {
        const std::int64_t iid = ++innb_id_;
        DatoTekst dt(dato);
        rad(T_INNBETALING,
            {iid, fmt::format("I{}", iid), part, part, dt.sv(), oere, "innbetaling", kid});
        rad(T_PLASSERING, {++plass_id_, fid, iid, oere, dt.sv()});
    }

    void utbetaling(Rng& r, const char* org) {
        const std::string_view part(org);
        const std::int64_t id = ++krav_id_;
        const std::int64_t dato = r.range(i_dag_ - 700, i_dag_ - 10);
        const std::string kravid = fmt::format("K{}K{}", org, id);
        DatoTekst dt(dato);
        rad(T_KRAV, {id, kravid, part, part, "AVVIK_ARBGAVG_KREDIT", "Arbeidsgiveravgift",
                     "Arbeidsgiveravgift kreditt", Param(), Param(), Param(), "egenfastsatt",
                     dt.sv(), Param()});
        const std::int64_t oere = r.range(10'000, 5'000'000);
        const std::int64_t fid = ++forfall_id_;
        rad(T_FORFALL, {fid, kravid + "-1", id, dt.sv(), -oere, Param(), Param()});
        const std::int64_t uid = ++utb_id_;
        rad(T_UTBETALING, {uid, fmt::format("U{}", uid), part, part, DatoTekst(dato + 5).sv(),
                           "63450624804", "bekreftet"});
        rad(T_GRUNNLAG, {uid, fid, oere});
    }

    // Versions are buffered and written after the organisations, ordered by opprettet, so
    // sekvensnummer follows time as it does when the store assigns it at commit.
    struct Trekkversjon {
        std::int64_t opprettet_us;
        std::int64_t nr;  // trekkid number
        int versjon;
        bool siste;
        bool avsluttet;
        std::int64_t pliktig;   // organisation index
        std::int64_t skyldner;  // person index
        std::string perioder;
    };

    void trekk(Rng& r, std::int64_t org) {
        const std::int64_t nr = 50'000'000 + trekk_nr_++;
        const std::int64_t skyldner =
            static_cast<std::int64_t>(r.next() % static_cast<std::uint64_t>(o_.persons));
        const bool prosent = r.p(0.6);
        auto stoerrelse = [&] {
            return prosent ? fmt::format("\"trekkprosent_hundredeler\":{}", r.range(5, 40) * 100)
                           : fmt::format("\"trekkbeloep_oere\":{}", r.range(5, 200) * 10'000);
        };
        const int versjoner = r.p(0.7) ? 1 : r.p(0.8) ? 2 : 3;
        // Version 1 some time in the last two years, starting the first of a later month.
        std::int64_t t = r.range(i_dag_ - 730, i_dag_ - 40);
        int y;
        unsigned m, d;
        civil(t + 20, y, m, d);
        std::int64_t start = dager(y, m, 1);
        if (start <= t) start = t + 1;
        std::int64_t forrige_us = 0;
        std::string lukket;  // closed periods, JSON objects with a trailing comma
        std::string aapen =
            fmt::format("{{\"startdato\":\"{}\",{}}}", DatoTekst(start).sv(), stoerrelse());
        for (int v = 1; v <= versjoner; ++v) {
            bool avsluttet = false;
            if (v > 1) {
                // A later version: the running period ends on its day; a change starts a new one
                // the day after, a stop (the last version, half the time) ends the order.
                t = std::min(i_dag_ - 1, t + r.range(10, 200));
                const std::int64_t slutt = std::max(t, start);
                lukket += aapen.substr(0, aapen.size() - 1) +
                          fmt::format(",\"sluttdato\":\"{}\"}},", DatoTekst(slutt).sv());
                if (v == versjoner && r.p(0.5)) {
                    avsluttet = slutt <= t;
                    aapen.clear();
                } else {
                    start = slutt + 1;
                    aapen = fmt::format("{{\"startdato\":\"{}\",{}}}", DatoTekst(start).sv(),
                                        stoerrelse());
                }
            }
            std::string perioder = "[" + lukket + aapen;
            if (perioder.back() == ',') perioder.pop_back();
            perioder += "]";
            std::int64_t us =
                t * kUsPerDag + r.range(6, 19) * 3'600'000'000 + r.range(0, 3'599'999'999);
            if (us <= forrige_us) us = forrige_us + 1;  // versions of one order stay in order
            forrige_us = us;
            trekkliste_.push_back(
                {us, nr, v, v == versjoner, avsluttet, org, skyldner, std::move(perioder)});
            if (aapen.empty()) break;
        }
        // A stop on the last version leaves `siste` on the version actually written last.
        trekkliste_.back().siste = true;
    }

    void skriv_trekk() {
        std::stable_sort(trekkliste_.begin(), trekkliste_.end(),
                         [](const Trekkversjon& a, const Trekkversjon& b) {
                             return a.opprettet_us != b.opprettet_us
                                        ? a.opprettet_us < b.opprettet_us
                                        : a.versjon < b.versjon;
                         });
        char pliktig[16], skyldner[16], kid[32];
        for (const auto& v : trekkliste_) {
            orgnr(v.pliktig, pliktig);
            personer_.fnr(v.skyldner, skyldner);
            kid_mod10(fmt::format("{}", v.nr), kid);
            rad(T_TREKK,
                {fmt::format("{}", v.nr), v.versjon, ++trekk_seq_, v.opprettet_us,
                 fmt::format("TREKK/{}", v.nr), std::string_view(pliktig),
                 std::string_view(skyldner), v.avsluttet ? "avsluttet" : "aktiv", v.perioder,
                 "971648199", std::string_view(kid), "70213997155", v.siste ? 1 : 0});
        }
        trekkliste_.clear();
        trekkliste_.shrink_to_fit();
    }

    void person(std::int64_t i) {
        Rng r(o_.seed, 2, static_cast<std::uint64_t>(i));
        char fnr[16];
        personer_.fnr(i, fnr);
        const char* skjerming = i > 0 && r.p(0.002) ? "strengtFortrolig" : nullptr;
        rad(T_PART, {std::string_view(fnr),
                     fmt::format("{} {}", kOrd1[r.next() % 16], kOrd2[r.next() % 16]), 1,
                     skjerming ? Param(skjerming) : Param(), 0, Param()});
    }

    // Settlements year by year, registered in person order through the season, so the
    // hendelse feed is in time order like the real one (SPEC §5).
    void oppgjoer() {
        for (int aar = o_.foerste_inntektsaar; aar <= o_.siste_inntektsaar; ++aar) {
            const std::int64_t fra = dager(aar + 1, 4, 1);
            const std::int64_t til = std::min(dager(aar + 1, 12, 1), i_dag_ - 1);
            if (til <= fra) continue;
            const double steg = static_cast<double>((til - fra) * kUsPerDag) /
                                static_cast<double>(std::max<std::int64_t>(o_.persons, 1));
            char fnr[16];
            for (std::int64_t i = 0; i < o_.persons; ++i) {
                framdrift(static_cast<double>(o_.orgs +
                                              o_.persons * (1 + aar - o_.foerste_inntektsaar) + i) /
                          arbeid());
                Rng r(o_.seed, 3,
                      static_cast<std::uint64_t>(i) * 64 + static_cast<std::uint64_t>(aar - 2000));
                if (i > 0 && r.p(0.1)) continue;  // no settlement this year
                personer_.fnr(i, fnr);
                const std::int64_t us =
                    fra * kUsPerDag + static_cast<std::int64_t>(steg * static_cast<double>(i));
                const std::int64_t dato = us / kUsPerDag;
                const Param ajourhold = aar >= 2024 ? Param(us) : Param();
                const std::string_view pid(fnr);
                rad(T_OPPGJOER, {pid, aar, DatoTekst(dato).sv(), ajourhold, 0});
                const std::int64_t skatt = r.range(0, 400'000);
                const std::int64_t trukket =
                    std::max<std::int64_t>(0, skatt + r.range(-30'000, 20'000));
                const std::int64_t diff = skatt - trukket;
                const bool rest = diff > 0;
                rad(T_DEL, {pid, aar, "fastland", rest ? Param(diff) : Param(),
                            rest ? Param() : Param(-diff), trukket, rest ? Param() : Param(-diff),
                            rest ? Param() : Param(0), skatt, rest ? Param(diff) : Param(),
                            r.p(0.1) ? 1 : 0, kKommuner[r.next() % 8]});
                rad(T_HENDELSE, {++hendelse_seq_, pid, std::to_string(aar), us, "NY", ajourhold});
            }
        }
    }

    const GeneratorOptions& o_;
    store::BulkLoader& sink_;
    PersonTabell personer_;
    std::int64_t i_dag_ = 0;
    std::int64_t krav_id_ = 0, forfall_id_ = 0, innb_id_ = 0, plass_id_ = 0, utb_id_ = 0;
    std::int64_t trekk_seq_ = 0, hendelse_seq_ = 0;
    std::array<std::int64_t, store::kAntallTabeller> antall_{};
    std::int64_t totalt_ = 0;
    std::uint64_t kall_ = 0;
    std::uint64_t hash_ = 0xCBF29CE484222325ull;
    std::vector<Trekkversjon> trekkliste_;
    std::int64_t trekk_nr_ = 0;
};

}  // namespace

std::string syntetisk_orgnr(std::int64_t nr) {
    char s[16];
    orgnr(nr, s);
    return s;
}

std::string syntetisk_foedselsnummer(std::int64_t nr) {
    PersonTabell t(nr + 1);
    char s[16];
    t.fnr(nr, s);
    return s;
}

GeneratorSummary run(store::BulkLoader& sink, const GeneratorOptions& o) {
    if (o.persons < 1 || o.orgs < 2 || o.krav < 0)
        throw std::invalid_argument("trenger minst 1 person og 2 organisasjoner");
    Generator g(o, sink);
    return g.run();
}

}  // namespace skd::generate
