// `skattedeling generate`: the per-party model (generate/modell.hpp) for every party of a
// synthetic Norway, written through the backend's bulk loader (store/bulk.hpp) with the read
// models computed on the way (the same figures the ledger's write path keeps; the store's
// property test compares them with a recomputation from the postings). The whole run is one
// transaction, so a run that is killed or fails leaves the database exactly as it was (indexes
// and sequence counters included).
#include "generate/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "core/dato.hpp"
#include "core/ids.hpp"
#include "domain/ledger/ledger.hpp"
#include "generate/modell.hpp"
#include "store/bulk.hpp"
#include "store/trekk_store.hpp"
#include "store/trekk_visning.hpp"

namespace skd::generate {
namespace {

using Klokke = std::chrono::steady_clock;
using store::Param;
using store::Tabell;

constexpr std::int64_t kUsPerDag = 86'400'000'000;

std::int64_t dager(int y, unsigned m, unsigned d) {
    return Dato::fra_ymd(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d})
        .dager_siden_epoch();
}

// Writes v as exactly `width` digits (leading zeros); v must fit.
void sifre(char* p, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
}

// Birth dates 1940-01-01 + d (d < kFoedselsdager), individnummer 000-499 (born 1900-1999).
constexpr std::int64_t kFoedselsdager = 21'900;

void fnr_grunn(std::int64_t dag, int individ, char* s) {
    const auto ymd = Dato::fra_dager(dager(1940, 1, 1) + dag).ymd();
    sifre(s, static_cast<unsigned>(ymd.day()), 2);
    sifre(s + 2, static_cast<unsigned>(ymd.month()) + 80, 2);
    sifre(s + 4, static_cast<std::uint64_t>(static_cast<int>(ymd.year()) % 100), 2);
    sifre(s + 6, static_cast<std::uint64_t>(individ), 3);
}

// The bulk population: the nr-th person is the j-th valid individnummer of a birth date,
// computed once per run, so persons are distinct and every one is valid.
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
                if (fullfoer_foedselsnummer(s)) v.push_back(static_cast<std::uint16_t>(i));
            }
            if (static_cast<std::int64_t>(v.size()) < per_dato)
                throw std::invalid_argument("for mange personer (høyst ~9 millioner)");
        }
        antall_ = antall;
    }
    std::string fnr(std::int64_t nr) const {
        const auto d = nr % kFoedselsdager;
        char s[12];
        fnr_grunn(
            d, gyldige_[static_cast<std::size_t>(d)][static_cast<std::size_t>(nr / kFoedselsdager)],
            s);
        fullfoer_foedselsnummer(s);
        return std::string(s, 11);
    }
    std::int64_t antall() const { return antall_; }

private:
    std::vector<std::vector<std::uint16_t>> gyldige_;
    std::int64_t antall_ = 0;
};

constexpr std::size_t ix(Tabell t) {
    return static_cast<std::size_t>(t);
}

class Generator {
public:
    Generator(const GeneratorOptions& o, store::BulkLoader& sink)
        : o_(o), sink_(sink), personer_(o.persons) {
        auto d = Dato::parse(o.i_dag);
        if (!d) throw std::invalid_argument("--today må være en dato (ÅÅÅÅ-MM-DD)");
        m_.seed = o.seed;
        m_.i_dag = *d;
        m_.foerste_inntektsaar = o.foerste_inntektsaar;
        m_.siste_inntektsaar = o.siste_inntektsaar;
        m_.krav_per_org =
            static_cast<double>(o.krav) / static_cast<double>(std::max<std::int64_t>(o.orgs, 1));
        m_.velg_person = [this](std::uint64_t x) {
            return personer_.fnr(
                static_cast<std::int64_t>(x % static_cast<std::uint64_t>(personer_.antall())));
        };
    }

    GeneratorSummary run() {
        const auto t0 = Klokke::now();
        GeneratorSummary s;
        const std::string org0 = syntetisk_orgnr(0);
        if (sink_.scalar(
                fmt::format("SELECT COUNT(*) FROM part WHERE identifikator = '{}'", org0)) > 0)
            throw std::invalid_argument("databasen har allerede generert data (part " + org0 +
                                        "); bruk en tom database");
        krav_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM krav");
        forfall_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM kravforfall");
        innb_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM innbetaling");
        plass_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM plassering");
        utb_id_ = sink_.scalar("SELECT COALESCE(MAX(id), 0) FROM utbetaling");
        trekk_seq_ = sink_.scalar("SELECT verdi FROM sekvens WHERE navn = 'trekkpaalegg'");
        hendelse_seq_ = sink_.scalar("SELECT verdi FROM sekvens WHERE navn = 'hendelse'");
        sink_.query("SELECT kravtype, kategori, er_rente FROM kravtype_kategori",
                    [&](const store::Row& r) {
                        kravtyper_[r.str(0)] = {r.str(1), r.i64(2) != 0};
                    });

        s.eksempler.org_med_aapne_krav = org0;
        s.eksempler.trekkpliktig = syntetisk_orgnr(1);
        s.eksempler.person = personer_.fnr(0);

        const auto tl = Klokke::now();
        for (std::int64_t i = 0; i < o_.orgs; ++i) {
            const Profil p = i == 0   ? Profil::FemtiAapneKrav
                             : i == 1 ? Profil::StorArbeidsgiver
                                      : Profil::Vanlig;
            organisasjon(generate::organisasjon(m_, syntetisk_orgnr(i), p));
            framdrift(static_cast<double>(i + 1) / arbeid());
        }
        s.ledger_sekunder = std::chrono::duration<double>(Klokke::now() - tl).count();
        for (auto t : {Tabell::Krav, Tabell::Kravforfall, Tabell::Innbetaling, Tabell::Plassering,
                       Tabell::Utbetaling, Tabell::UtbetalingGrunnlag})
            s.ledger_rader += antall_[ix(t)];
        skriv_trekk();
        for (std::int64_t i = 0; i < o_.persons; ++i) {
            person(i);
            framdrift(static_cast<double>(o_.orgs + i + 1) / arbeid());
        }
        oppgjoer();
        tilganger();
        sink_.exec(
            fmt::format("UPDATE sekvens SET verdi = {} WHERE navn = 'trekkpaalegg'", trekk_seq_));
        sink_.exec(
            fmt::format("UPDATE sekvens SET verdi = {} WHERE navn = 'hendelse'", hendelse_seq_));
        // A new epoch: figures kept for any party before the load are recomputed.
        sink_.exec("UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'ledger'");
        sink_.finish();
        if (o_.progress) o_.progress(1.0, totalt_);

        // Read back from the database, so equal seeds are shown to give equal stored data.
        s.db_kontroll = sink_.scalar(
            "SELECT (SELECT COUNT(*) FROM part) + (SELECT COUNT(*) FROM krav) "
            "+ (SELECT COALESCE(SUM(opprinnelig_oere), 0) FROM kravforfall) "
            "+ (SELECT COALESCE(SUM(gjenstaaende_oere), 0) FROM kravforfall) "
            "+ (SELECT COALESCE(SUM(beloep_oere), 0) FROM plassering) "
            "+ (SELECT COALESCE(SUM(utbetalt_oere), 0) FROM utbetaling_grunnlag) "
            "+ (SELECT COALESCE(SUM(sekvensnummer * trekkversjon), 0) FROM trekkpaalegg) "
            "+ (SELECT COALESCE(SUM(beregnet_skatt), 0) FROM skatteoppgjoer_del) "
            "+ (SELECT COALESCE(SUM(sekvensnummer), 0) FROM hendelse)");
        for (std::size_t t = 0; t < store::kAntallTabeller; ++t)
            s.rader[std::string(store::alle_tabeller()[t].navn)] = antall_[t];
        s.totalt = totalt_;
        s.sjekksum = hash_;
        s.sekunder = std::chrono::duration<double>(Klokke::now() - t0).count();
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

    void organisasjon(const Organisasjon& o) {
        const auto& p = o.part;
        rad(Tabell::Part, {p.identifikator, p.navn, p.er_person, p.skjerming, p.er_enk, p.eier});
        // The owner of an ENK is a person of the bulk population, written with the persons.
        std::unordered_map<std::string_view, std::string_view> kravtype_av;
        for (const auto& k : o.krav) {
            kravtype_av[k.krav.kravidentifikator] = k.krav.kravtype;
            std::optional<std::string> hovedstol;
            if (k.krav.hovedstol_kravidentifikator)
                if (auto it = kravtype_av.find(*k.krav.hovedstol_kravidentifikator);
                    it != kravtype_av.end())
                    hovedstol = std::string(it->second);
            krav(k, ledger::restanse_plass(k.krav.kravtype, hovedstol, kravtyper_));
        }
        for (const auto& u : o.utbetalinger) utbetaling(u);
        for (const auto& t : o.trekk) trekkliste_.push_back(t);
    }

    // Every amount the generator writes is bounded as an imported one is (|amount| < 10^15
    // øre); the model stays far below, and a model change that broke it fails loudly.
    static Beloep innenfor(Beloep b) {
        if (!b.innenfor_grense())
            throw std::logic_error(
                "generatoren laget et beløp utenfor grensen: " + std::to_string(b.oere()) + " øre");
        return b;
    }

    // The claim, its instalments with their remaining amounts, and the payments placed on them.
    void krav(const ModellKrav& mk, const ledger::RestansePlass& plass) {
        const auto& k = mk.krav;
        Beloep gjenstaaende;
        for (const auto& f : mk.forfall) {
            Beloep g = innenfor(f.forfall.opprinnelig);
            for (const auto& b : f.betalinger) g -= innenfor(b.innbetaling.beloep);
            gjenstaaende += g;
        }
        const std::int64_t id = ++krav_id_;
        const auto& p = k.kravperiode;
        rad(Tabell::Krav,
            {id, k.kravidentifikator, k.part, k.krav_part, k.kravtype, k.kravgruppe,
             k.kravbeskrivelse, p.beskrivelse, p.aar, p.termin_teknisk_navn, k.fastsettingsmaate,
             k.opprettelsesdato.str(), k.hovedstol_kravidentifikator, gjenstaaende.oere()});
        for (const auto& f : mk.forfall) {
            Beloep g = f.forfall.opprinnelig;
            for (const auto& b : f.betalinger) g -= b.innbetaling.beloep;
            const std::int64_t fid = ++forfall_id_;
            rad(Tabell::Kravforfall,
                {fid, f.forfall.kravforfallsidentifikator, id, f.forfall.forfallsdato.str(),
                 f.forfall.opprinnelig.oere(), f.forfall.kidnummer, f.forfall.konto.kontonummer,
                 k.part, plass.kategori, plass.er_rente, g.oere()});
            for (const auto& b : f.betalinger) {
                const auto& i = b.innbetaling;
                const std::int64_t iid = ++innb_id_;
                rad(Tabell::Innbetaling,
                    {iid, i.innbetalingsidentifikator, i.part, i.betaler_part,
                     i.innbetalingsdato.str(), i.beloep.oere(), i.innbetalingstype,
                     i.innbetalt_fra.kidnummer, std::int64_t{0}});
                rad(Tabell::Plassering,
                    {++plass_id_, fid, iid, i.beloep.oere(), b.plassert_dato.str()});
            }
        }
    }

    // A credit claim paid out in full: nothing of it remains.
    void utbetaling(const ModellUtbetaling& u) {
        const auto& k = u.kreditkrav.krav;
        const auto& f = u.kreditkrav.forfall.front().forfall;
        const auto plass = ledger::restanse_plass(k.kravtype, std::nullopt, kravtyper_);
        const std::int64_t id = ++krav_id_;
        rad(Tabell::Krav, {id, k.kravidentifikator, k.part, k.krav_part, k.kravtype, k.kravgruppe,
                           k.kravbeskrivelse, Param(), Param(), Param(), k.fastsettingsmaate,
                           k.opprettelsesdato.str(), Param(), std::int64_t{0}});
        const std::int64_t fid = ++forfall_id_;
        rad(Tabell::Kravforfall,
            {fid, f.kravforfallsidentifikator, id, f.forfallsdato.str(), f.opprinnelig.oere(),
             Param(), Param(), k.part, plass.kategori, plass.er_rente, std::int64_t{0}});
        const std::int64_t uid = ++utb_id_;
        const auto& b = u.utbetaling;
        rad(Tabell::Utbetaling, {uid, b.utbetalingsidentifikator, b.part, b.utbetalt_til_part,
                                 b.utbetaltdato.str(), b.kontonummer, b.utbetalingstatus});
        rad(Tabell::UtbetalingGrunnlag, {uid, fid, -f.opprinnelig.oere()});
    }

    // Versions are written after the organisations, ordered by opprettet, so sekvensnummer
    // follows time as it does when the store assigns it at commit.
    void skriv_trekk() {
        std::stable_sort(trekkliste_.begin(), trekkliste_.end(),
                         [](const trekk::Trekkpaalegg& a, const trekk::Trekkpaalegg& b) {
                             return a.opprettet != b.opprettet ? a.opprettet < b.opprettet
                                                               : a.trekkversjon < b.trekkversjon;
                         });
        // The newest version of each order carries siste = 1.
        std::unordered_map<std::string_view, std::int64_t> nyeste;
        for (const auto& v : trekkliste_) {
            auto& n = nyeste[v.trekkid];
            n = std::max(n, v.trekkversjon);
        }
        for (auto& v : trekkliste_) {
            v.sekvensnummer = ++trekk_seq_;
            const auto& b = v.betalingsinformasjon;
            rad(Tabell::Trekkpaalegg,
                {v.trekkid, v.trekkversjon, v.sekvensnummer, v.opprettet.mikros(), v.saksnummer,
                 v.trekkpliktig, v.skyldner, trekk::tekst(v.trekkstatus),
                 store::perioder_json(v.perioder), b.betalingsmottaker, b.kidnummer, b.kontonummer,
                 nyeste[v.trekkid] == v.trekkversjon, store::trekk_visning(v)});
        }
        trekkliste_.clear();
        trekkliste_.shrink_to_fit();
    }

    void person(std::int64_t i) {
        const auto p = generate::person(m_, personer_.fnr(i));
        rad(Tabell::Part,
            {p.identifikator, p.navn, true, p.skjerming, false, std::optional<std::string>()});
    }

    // Settlements year by year, registered in person order through the season, so the hendelse
    // feed is in time order like the real one (SPEC §5).
    void oppgjoer() {
        for (int aar = o_.foerste_inntektsaar; aar <= o_.siste_inntektsaar; ++aar) {
            const std::int64_t fra = dager(aar + 1, 4, 1);
            const std::int64_t til =
                std::min(dager(aar + 1, 12, 1), m_.i_dag.dager_siden_epoch() - 1);
            if (til <= fra) continue;
            const double steg = static_cast<double>((til - fra) * kUsPerDag) /
                                static_cast<double>(std::max<std::int64_t>(o_.persons, 1));
            for (std::int64_t i = 0; i < o_.persons; ++i) {
                framdrift(static_cast<double>(o_.orgs +
                                              o_.persons * (1 + aar - o_.foerste_inntektsaar) + i) /
                          arbeid());
                const std::string fnr = personer_.fnr(i);
                auto s = generate::oppgjoer(m_, fnr, aar, i == 0);
                if (!s) continue;
                const std::int64_t us =
                    fra * kUsPerDag + static_cast<std::int64_t>(steg * static_cast<double>(i));
                const Param ajourhold = aar >= 2024 ? Param(us) : Param();
                rad(Tabell::Skatteoppgjoer,
                    {fnr, aar, Dato::fra_dager(us / kUsPerDag).str(), ajourhold, 0});
                const auto& d = *s->fastland;
                rad(Tabell::SkatteoppgjoerDel,
                    {fnr, aar, "fastland", d.restskatt, d.beloep_tilgode, d.avregnet_forskuddstrekk,
                     d.overskytende, d.rentegodtgjoerelse, d.beregnet_skatt, d.aa_betale,
                     d.forhaandsfastsatt.value_or(false), d.skatteregnskapskommune});
                rad(Tabell::Hendelse,
                    {++hendelse_seq_, fnr, std::to_string(aar), us, "NY", ajourhold});
            }
        }
    }

    // Grants for the demo consumers.
    void tilganger() {
        for (const auto& k : o_.konsumenter) {
            if (k.size() != 9 || !bare_sifre(k))
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
                ++antall_[ix(Tabell::Tilgang)];
            }
        }
    }

    const GeneratorOptions& o_;
    store::BulkLoader& sink_;
    PersonTabell personer_;
    Modell m_;
    std::map<std::string, ledger::KravtypeKategori, std::less<>> kravtyper_;
    std::int64_t krav_id_ = 0, forfall_id_ = 0, innb_id_ = 0, plass_id_ = 0, utb_id_ = 0;
    std::int64_t trekk_seq_ = 0, hendelse_seq_ = 0;
    std::array<std::int64_t, store::kAntallTabeller> antall_{};
    std::int64_t totalt_ = 0;
    std::uint64_t kall_ = 0;
    std::uint64_t hash_ = 0xCBF29CE484222325ull;
    std::vector<trekk::Trekkpaalegg> trekkliste_;
};

}  // namespace

GeneratorSummary run(store::BulkLoader& sink, const GeneratorOptions& o) {
    if (o.persons < 1 || o.orgs < 2 || o.krav < 0)
        throw std::invalid_argument("trenger minst 1 person og 2 organisasjoner");
    Generator g(o, sink);
    return g.run();
}

}  // namespace skd::generate
