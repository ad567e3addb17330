#include "store/skatteoppgjoer_store.hpp"

#include <fmt/format.h>

namespace skd::store {

using skatteoppgjoer::Avregningsdel;
using skatteoppgjoer::Hendelse;
using skatteoppgjoer::Hendelsetype;
using skatteoppgjoer::Skatteoppgjoer;

namespace {

// One statement for the settlement and its parts, so a reader sees them from one snapshot.
constexpr const char* kLesOppgjoer =
    "SELECT s.skatteoppgjoersdato, s.ajourhold_us, s.slettet, d.omraade, d.restskatt, "
    "d.beloep_tilgode, d.avregnet_forskuddstrekk, d.avregnet_forskuddsskatt, d.overskytende, "
    "d.rentegodtgjoerelse, d.beregnet_skatt, d.aa_betale, d.forhaandsfastsatt, "
    "d.skatteregnskapskommune "
    "FROM skatteoppgjoer s LEFT JOIN skatteoppgjoer_del d "
    "ON d.personidentifikator = s.personidentifikator AND d.inntektsaar = s.inntektsaar "
    "WHERE s.personidentifikator = $1 AND s.inntektsaar = $2";

struct Lest {
    Skatteoppgjoer oppgjoer;
    bool slettet = false;
};

std::optional<Lest> les(Connection& c, std::string_view pid, int aar) {
    std::optional<Lest> out;
    c.query(kLesOppgjoer, {pid, aar}, [&](const Row& r) {
        if (!out) {
            out.emplace();
            out->oppgjoer.personidentifikator = std::string(pid);
            out->oppgjoer.inntektsaar = aar;
            if (auto d = Dato::parse(r.text(0))) out->oppgjoer.skatteoppgjoersdato = *d;
            if (auto us = r.opt_i64(1))
                out->oppgjoer.ajourholdstidspunkt = Tidspunkt::fra_mikros(*us);
            out->slettet = r.i64(2) != 0;
        }
        if (r.is_null(3)) return;
        Avregningsdel d;
        d.restskatt = r.opt_i64(4);
        d.beloep_tilgode = r.opt_i64(5);
        d.avregnet_forskuddstrekk = r.opt_i64(6);
        d.avregnet_forskuddsskatt = r.opt_i64(7);
        d.overskytende = r.opt_i64(8);
        d.rentegodtgjoerelse = r.opt_i64(9);
        d.beregnet_skatt = r.opt_i64(10);
        d.aa_betale = r.opt_i64(11);
        if (auto f = r.opt_i64(12)) d.forhaandsfastsatt = *f != 0;
        d.skatteregnskapskommune = r.opt_text(13);
        (r.text(3) == "svalbard" ? out->oppgjoer.svalbard : out->oppgjoer.fastland) = std::move(d);
    });
    return out;
}

void skriv_del(Connection& c, const Skatteoppgjoer& s, std::string_view omraade,
               const Avregningsdel& d) {
    c.exec(
        "INSERT INTO skatteoppgjoer_del (personidentifikator, inntektsaar, omraade, restskatt, "
        "beloep_tilgode, avregnet_forskuddstrekk, avregnet_forskuddsskatt, overskytende, "
        "rentegodtgjoerelse, beregnet_skatt, aa_betale, forhaandsfastsatt, skatteregnskapskommune) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {s.personidentifikator, s.inntektsaar, omraade, d.restskatt, d.beloep_tilgode,
         d.avregnet_forskuddstrekk, d.avregnet_forskuddsskatt, d.overskytende, d.rentegodtgjoerelse,
         d.beregnet_skatt, d.aa_betale, d.forhaandsfastsatt, d.skatteregnskapskommune});
}

std::optional<std::int64_t> mikros(const std::optional<Tidspunkt>& t) {
    if (!t) return std::nullopt;
    return t->mikros();
}

// The row lock of UPDATE ... RETURNING is held until commit, so numbers become visible in
// order and without gaps on both backends.
void legg_til_hendelse(Connection& c, std::string_view identifikator, int aar, Hendelsetype type,
                       Tidspunkt registrert, std::optional<Tidspunkt> ajourhold) {
    auto seq = c.query_i64(
        "UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'hendelse' RETURNING verdi", {});
    if (!seq) throw DbError(DbError::Kind::Other, "sekvensen 'hendelse' mangler");
    c.exec(
        "INSERT INTO hendelse (sekvensnummer, identifikator, gjelder_periode, registrering_us, "
        "hendelsetype, ajourhold_us) VALUES ($1, $2, $3, $4, $5, $6)",
        {*seq, identifikator, std::to_string(aar), registrert.mikros(),
         skatteoppgjoer::hendelsetype_tekst(type), mikros(ajourhold)});
}

}  // namespace

std::string SkatteoppgjoerStore::gjeldende_id(std::string_view pid) const {
    std::string ny;
    db_->reader().query("SELECT ny FROM skatteoppgjoer_identitet WHERE gammel = $1", {pid},
                        [&](const Row& r) { ny = r.str(0); });
    return ny.empty() ? std::string(pid) : ny;
}

AvregningOppslag SkatteoppgjoerStore::hent(std::string_view pid, int aar) const {
    AvregningOppslag o;
    o.personidentifikator = gjeldende_id(pid);
    auto& c = db_->reader();
    if (auto l = les(c, o.personidentifikator, aar)) {
        o.status =
            l->slettet ? AvregningOppslag::Status::Slettet : AvregningOppslag::Status::Funnet;
        if (!l->slettet) o.oppgjoer = std::move(l->oppgjoer);
        return o;
    }
    // [INFER] A person is known when they have any settlement or are a person in `part`;
    // known without that year is AR-007, unknown is AR-009.
    const bool kjent =
        c.query_i64("SELECT 1 FROM skatteoppgjoer WHERE personidentifikator = $1 LIMIT 1",
                    {o.personidentifikator})
            .has_value() ||
        c.query_i64("SELECT 1 FROM part WHERE identifikator = $1 AND er_person = 1",
                    {o.personidentifikator})
            .has_value();
    o.status =
        kjent ? AvregningOppslag::Status::IngenForAaret : AvregningOppslag::Status::UkjentPerson;
    return o;
}

std::optional<int> SkatteoppgjoerStore::siste_periode(std::string_view pid) const {
    auto v = db_->reader().query_i64(
        "SELECT MAX(inntektsaar) FROM skatteoppgjoer WHERE personidentifikator = $1 AND slettet = "
        "0",
        {gjeldende_id(pid)});
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

bool SkatteoppgjoerStore::skjermet(std::string_view pid) const {
    bool s = false;
    db_->reader().query("SELECT skjerming FROM part WHERE identifikator = $1", {pid},
                        [&](const Row& r) { s = !r.is_null(0) && !r.text(0).empty(); });
    return s;
}

std::int64_t SkatteoppgjoerStore::foerste_sekvensnummer(std::optional<Tidspunkt> fra) const {
    auto& c = db_->reader();
    std::optional<std::int64_t> seq =
        fra ? c.query_i64("SELECT MIN(sekvensnummer) FROM hendelse WHERE registrering_us >= $1",
                          {fra->mikros()})
            : c.query_i64("SELECT MIN(sekvensnummer) FROM hendelse", {});
    if (seq) return *seq;
    return c.query_i64("SELECT verdi FROM sekvens WHERE navn = 'hendelse'", {}).value_or(0) + 1;
}

void SkatteoppgjoerStore::hendelser(std::int64_t fra, std::int64_t antall,
                                    const std::function<void(const Hendelse&)>& hver) const {
    Hendelse h;
    db_->reader().query(
        "SELECT sekvensnummer, identifikator, gjelder_periode, registrering_us, hendelsetype, "
        "ajourhold_us FROM hendelse WHERE sekvensnummer >= $1 ORDER BY sekvensnummer LIMIT $2",
        {fra, antall}, [&](const Row& r) {
            h.sekvensnummer = r.i64(0);
            h.identifikator.assign(r.text(1));
            h.gjelder_periode.assign(r.text(2));
            h.registreringstidspunkt = Tidspunkt::fra_mikros(r.i64(3));
            h.hendelsetype =
                skatteoppgjoer::hendelsetype_fra(r.text(4)).value_or(Hendelsetype::Endret);
            if (r.is_null(5))
                h.ajourholdstidspunkt.reset();
            else
                h.ajourholdstidspunkt = Tidspunkt::fra_mikros(r.i64(5));
            hver(h);
        });
}

std::optional<Hendelsetype> SkatteoppgjoerStore::lagre(Connection& c, const Skatteoppgjoer& s,
                                                       Tidspunkt registrert) {
    auto forrige = les(c, s.personidentifikator, s.inntektsaar);
    std::optional<Skatteoppgjoer> gjeldende;
    if (forrige && !forrige->slettet) gjeldende = forrige->oppgjoer;
    auto type = skatteoppgjoer::endringstype(gjeldende, s);
    if (!type) return std::nullopt;
    c.exec(
        "INSERT INTO skatteoppgjoer (personidentifikator, inntektsaar, skatteoppgjoersdato, "
        "ajourhold_us, slettet) VALUES ($1, $2, $3, $4, 0) "
        "ON CONFLICT (personidentifikator, inntektsaar) DO UPDATE SET "
        "skatteoppgjoersdato = excluded.skatteoppgjoersdato, ajourhold_us = excluded.ajourhold_us, "
        "slettet = 0",
        {s.personidentifikator, s.inntektsaar, s.skatteoppgjoersdato.str(),
         mikros(s.ajourholdstidspunkt)});
    c.exec("DELETE FROM skatteoppgjoer_del WHERE personidentifikator = $1 AND inntektsaar = $2",
           {s.personidentifikator, s.inntektsaar});
    if (s.fastland) skriv_del(c, s, "fastland", *s.fastland);
    if (s.svalbard) skriv_del(c, s, "svalbard", *s.svalbard);
    legg_til_hendelse(c, s.personidentifikator, s.inntektsaar, *type, registrert,
                      s.ajourholdstidspunkt);
    return type;
}

Slettestatus SkatteoppgjoerStore::slett(Connection& c, std::string_view pid, int aar,
                                        Tidspunkt registrert) {
    auto forrige = les(c, pid, aar);
    if (!forrige) return Slettestatus::FinnesIkke;
    if (forrige->slettet) return Slettestatus::AlleredeSlettet;
    // The row stays as a tombstone so a lookup answers 410 Gone rather than 404.
    c.exec(
        "UPDATE skatteoppgjoer SET slettet = 1, ajourhold_us = $3 "
        "WHERE personidentifikator = $1 AND inntektsaar = $2",
        {pid, aar, registrert.mikros()});
    c.exec("DELETE FROM skatteoppgjoer_del WHERE personidentifikator = $1 AND inntektsaar = $2",
           {pid, aar});
    legg_til_hendelse(c, pid, aar, Hendelsetype::Slettet, registrert, registrert);
    return Slettestatus::Slettet;
}

Result<int, ParseError> SkatteoppgjoerStore::endre_identitet(Connection& c, std::string_view gammel,
                                                             std::string_view ny,
                                                             Tidspunkt registrert) {
    if (gammel == ny) return ParseError{"gammel og ny identifikator er like"};
    struct Aar {
        int aar;
        bool slettet;
        std::optional<std::int64_t> ajourhold;
    };
    std::vector<Aar> flyttes;
    c.query(
        "SELECT inntektsaar, slettet, ajourhold_us FROM skatteoppgjoer "
        "WHERE personidentifikator = $1 ORDER BY inntektsaar",
        {gammel}, [&](const Row& r) {
            flyttes.push_back({static_cast<int>(r.i64(0)), r.i64(1) != 0, r.opt_i64(2)});
        });
    for (const auto& a : flyttes) {
        auto der = les(c, ny, a.aar);
        if (der && !der->slettet)
            return ParseError{fmt::format("{} har allerede et skatteoppgjør for {}", ny, a.aar)};
        if (der)  // a tombstone at the new identifier gives way to the moved settlement
            c.exec("DELETE FROM skatteoppgjoer WHERE personidentifikator = $1 AND inntektsaar = $2",
                   {ny, a.aar});
    }
    c.exec("UPDATE skatteoppgjoer_del SET personidentifikator = $2 WHERE personidentifikator = $1",
           {gammel, ny});
    c.exec("UPDATE skatteoppgjoer SET personidentifikator = $2 WHERE personidentifikator = $1",
           {gammel, ny});
    // Old identifiers keep pointing at the current one; the new one is current again.
    c.exec("UPDATE skatteoppgjoer_identitet SET ny = $2 WHERE ny = $1", {gammel, ny});
    c.exec("DELETE FROM skatteoppgjoer_identitet WHERE gammel = $1", {ny});
    c.exec(
        "INSERT INTO skatteoppgjoer_identitet (gammel, ny, endret_us) VALUES ($1, $2, $3) "
        "ON CONFLICT (gammel) DO UPDATE SET ny = excluded.ny, endret_us = excluded.endret_us",
        {gammel, ny, registrert.mikros()});
    int n = 0;
    for (const auto& a : flyttes) {
        if (a.slettet) continue;
        std::optional<Tidspunkt> ajourhold;
        if (a.ajourhold) ajourhold = Tidspunkt::fra_mikros(*a.ajourhold);
        legg_til_hendelse(c, ny, a.aar, Hendelsetype::Identitetsendring, registrert, ajourhold);
        ++n;
    }
    return n;
}

}  // namespace skd::store
