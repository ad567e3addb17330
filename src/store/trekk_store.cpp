#include "store/trekk_store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <stdexcept>

#include "store/trekk_visning.hpp"

namespace skd::store {

using trekk::Trekkpaalegg;
using trekk::TrekkstoerrelseForPeriode;

std::string TrekkAvvist::melding() const {
    std::string s;
    for (const auto& b : brudd) s += (s.empty() ? "" : "; ") + b;
    return s;
}

// Periods are immutable per version and always read whole, so one JSON text column holds them.
std::string perioder_json(const std::vector<TrekkstoerrelseForPeriode>& perioder) {
    boost::json::array a;
    for (const auto& p : perioder) {
        boost::json::object o;
        o["startdato"] = p.startdato.str();
        if (p.sluttdato) o["sluttdato"] = p.sluttdato->str();
        if (p.trekkbeloep) o["trekkbeloep_oere"] = p.trekkbeloep->oere();
        if (p.trekkprosent) o["trekkprosent_hundredeler"] = p.trekkprosent->hundredeler();
        a.push_back(std::move(o));
    }
    return boost::json::serialize(a);
}

namespace {

std::vector<TrekkstoerrelseForPeriode> perioder_fra_json(std::string_view text) {
    // Written only by perioder_json; a parse failure is a broken invariant, not input.
    // Parsed on every row of a page: into a small arena reused by the thread, not the heap.
    constexpr std::size_t kArena = 4096;
    thread_local std::unique_ptr<unsigned char[]> arena(new unsigned char[kArena]);
    boost::json::monotonic_resource mr(arena.get(), kArena);
    auto v = boost::json::parse(text, &mr);
    std::vector<TrekkstoerrelseForPeriode> r;
    for (const auto& e : v.as_array()) {
        const auto& o = e.as_object();
        TrekkstoerrelseForPeriode p;
        p.startdato = Dato::parse(o.at("startdato").as_string()).value();
        if (const auto* s = o.if_contains("sluttdato"))
            p.sluttdato = Dato::parse(s->as_string()).value();
        if (const auto* b = o.if_contains("trekkbeloep_oere"))
            p.trekkbeloep = Beloep::fra_oere(b->to_number<std::int64_t>());
        if (const auto* h = o.if_contains("trekkprosent_hundredeler"))
            p.trekkprosent = trekk::Prosent::fra_hundredeler(h->to_number<std::int64_t>());
        r.push_back(std::move(p));
    }
    return r;
}

// Column order of every SELECT below.
Trekkpaalegg fra_rad(const Row& r) {
    Trekkpaalegg t;
    t.trekkid = r.str(0);
    t.trekkversjon = r.i64(1);
    t.sekvensnummer = r.i64(2);
    t.opprettet = Tidspunkt::fra_mikros(r.i64(3));
    t.saksnummer = r.str(4);
    t.trekkpliktig = r.str(5);
    t.skyldner = r.str(6);
    t.trekkstatus = trekk::trekkstatus_fra(r.text(7)).value_or(trekk::Trekkstatus::Aktiv);
    t.perioder = perioder_fra_json(r.text(8));
    t.betalingsinformasjon = {r.str(9), r.str(10), r.str(11)};
    return t;
}

RowFn samle(std::vector<Trekkpaalegg>& ut) {
    return [&ut](const Row& r) { ut.push_back(fra_rad(r)); };
}

std::int64_t neste_sekvensnummer(Connection& c) {
    auto v = c.query_i64(
        "UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'trekkpaalegg' RETURNING verdi", {});
    if (!v) throw std::logic_error("sekvens-raden 'trekkpaalegg' mangler");
    return *v;
}

std::optional<Trekkpaalegg> siste_versjon(Connection& c, std::string_view trekkid) {
    std::optional<Trekkpaalegg> t;
    c.query(
        "SELECT trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, "
        "skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer "
        "FROM trekkpaalegg WHERE trekkid = $1 AND siste = 1",
        {trekkid}, [&](const Row& r) { t = fra_rad(r); });
    return t;
}

// The version and its visning (store/trekk_visning.hpp), rendered here once for every answer
// that will show it; t.sekvensnummer must be set.
void sett_inn(Connection& c, const Trekkpaalegg& t) {
    c.exec("UPDATE trekkpaalegg SET siste = 0 WHERE trekkid = $1 AND siste = 1", {t.trekkid});
    const auto& b = t.betalingsinformasjon;
    c.exec(
        "INSERT INTO trekkpaalegg (trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, "
        "trekkpliktig, skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer, "
        "siste, visning) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13)",
        {t.trekkid, t.trekkversjon, t.sekvensnummer, t.opprettet.mikros(), t.saksnummer,
         t.trekkpliktig, t.skyldner, trekk::tekst(t.trekkstatus), perioder_json(t.perioder),
         b.betalingsmottaker, b.kidnummer, b.kontonummer, trekk_visning(t)});
}

RowFn visning_av(const TrekkStore::VisningFn& hver) {
    return [&hver](const Row& r) { hver(r.text(0)); };
}

struct Avvist {
    TrekkAvvist a;
};

}  // namespace

Result<Trekkpaalegg, TrekkAvvist> lagre_trekkversjon(Connection& c, Trekkpaalegg ny,
                                                     trekk::Livslopsvalg valg) {
    auto brudd = trekk::sjekk_felter(ny);
    if (!brudd.empty()) return TrekkAvvist{std::move(brudd)};
    // The sekvens row lock comes first: the previous version read after it cannot change
    // before commit, on either backend.
    ny.sekvensnummer = neste_sekvensnummer(c);
    auto forrige = siste_versjon(c, ny.trekkid);
    brudd = trekk::sjekk_livslop(ny, forrige ? &*forrige : nullptr, ny.opprettet.oslo_dato(), valg);
    if (!brudd.empty()) return TrekkAvvist{std::move(brudd)};
    sett_inn(c, ny);
    return ny;
}

std::vector<Trekkpaalegg> TrekkStore::gjeldende(std::string_view trekkpliktig) const {
    std::vector<Trekkpaalegg> ut;
    db_.reader().query(
        "SELECT trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, "
        "skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer "
        "FROM trekkpaalegg WHERE trekkpliktig = $1 AND siste = 1 ORDER BY sekvensnummer",
        {trekkpliktig}, samle(ut));
    return ut;
}

std::vector<Trekkpaalegg> TrekkStore::versjoner_etter(std::string_view trekkpliktig,
                                                      std::int64_t etter, std::int64_t maks) const {
    std::vector<Trekkpaalegg> ut;
    ut.reserve(static_cast<std::size_t>(std::clamp<std::int64_t>(maks, 0, 10'000)));
    db_.reader().query(
        "SELECT trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, "
        "skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer "
        "FROM trekkpaalegg WHERE trekkpliktig = $1 AND sekvensnummer > $2 "
        "ORDER BY sekvensnummer LIMIT $3",
        {trekkpliktig, etter, maks}, samle(ut));
    return ut;
}

std::optional<Trekkpaalegg> TrekkStore::versjon(std::string_view trekkpliktig,
                                                std::string_view trekkid,
                                                std::int64_t trekkversjon) const {
    std::optional<Trekkpaalegg> t;
    db_.reader().query(
        "SELECT trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, "
        "skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer "
        "FROM trekkpaalegg WHERE trekkid = $1 AND trekkversjon = $2 AND trekkpliktig = $3",
        {trekkid, trekkversjon, trekkpliktig}, [&](const Row& r) { t = fra_rad(r); });
    return t;
}

void TrekkStore::gjeldende_visninger(std::string_view trekkpliktig, const VisningFn& hver) const {
    // Migration 007: index trekkpaalegg_side_idx (trekkpliktig, sekvensnummer, siste, visning).
    db_.reader().query(
        "SELECT visning FROM trekkpaalegg WHERE trekkpliktig = $1 AND siste = 1 "
        "ORDER BY sekvensnummer",
        {trekkpliktig}, visning_av(hver));
}

void TrekkStore::visninger_etter(std::string_view trekkpliktig, std::int64_t etter,
                                 std::int64_t maks, const VisningFn& hver) const {
    db_.reader().query(
        "SELECT visning FROM trekkpaalegg WHERE trekkpliktig = $1 AND sekvensnummer > $2 "
        "ORDER BY sekvensnummer LIMIT $3",
        {trekkpliktig, etter, maks}, visning_av(hver));
}

std::optional<std::string> TrekkStore::visning(std::string_view trekkpliktig,
                                               std::string_view trekkid,
                                               std::int64_t trekkversjon) const {
    std::optional<std::string> v;
    db_.reader().query(
        "SELECT visning FROM trekkpaalegg "
        "WHERE trekkid = $1 AND trekkversjon = $2 AND trekkpliktig = $3",
        {trekkid, trekkversjon, trekkpliktig}, [&](const Row& r) { v = r.str(0); });
    return v;
}

bool TrekkStore::har_trekkid(std::string_view trekkpliktig, std::string_view trekkid) const {
    return db_.reader()
        .query_i64("SELECT 1 FROM trekkpaalegg WHERE trekkid = $1 AND trekkpliktig = $2 LIMIT 1",
                   {trekkid, trekkpliktig})
        .has_value();
}

void beregn_trekkvisninger(Connection& c) {
    // In slices by sekvensnummer, so memory stays bounded whatever the table holds.
    constexpr std::int64_t kSkive = 10'000;
    std::vector<Trekkpaalegg> skive;
    for (std::int64_t etter = 0;;) {
        skive.clear();
        c.query(
            "SELECT trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, "
            "skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer "
            "FROM trekkpaalegg WHERE sekvensnummer > $1 ORDER BY sekvensnummer LIMIT $2",
            {etter, kSkive}, samle(skive));
        if (skive.empty()) return;
        for (const auto& t : skive)
            c.exec("UPDATE trekkpaalegg SET visning = $1 WHERE trekkid = $2 AND trekkversjon = $3",
                   {trekk_visning(t), t.trekkid, t.trekkversjon});
        etter = skive.back().sekvensnummer;
    }
}

Result<Trekkpaalegg, TrekkAvvist> TrekkStore::lagre(Trekkpaalegg ny, trekk::Livslopsvalg valg) {
    Trekkpaalegg lagret;
    try {
        db_.write([&](Connection& c) {
            auto r = lagre_trekkversjon(c, ny, valg);
            // Throwing rolls the transaction back, so the taken sekvensnummer leaves no gap.
            if (!r) throw Avvist{std::move(r.error())};
            lagret = std::move(*r);
        });
    } catch (Avvist& a) {
        return std::move(a.a);
    }
    return lagret;
}

TrekkStore::Midnattsresultat TrekkStore::midnattsjobb(Dato i_dag) {
    Midnattsresultat res;
    db_.write([&](Connection& c) {
        res = {};
        // The job row lock first: a second run, here or in another instance, waits until this
        // one commits and then reads the date it wrote. On SQLite writes are serialised anyway.
        if (c.exec("UPDATE jobb SET siste_dato = siste_dato WHERE navn = 'trekk_midnatt'", {}) != 1)
            throw std::logic_error("jobb-raden 'trekk_midnatt' mangler");
        std::optional<std::string> siste;
        c.query("SELECT siste_dato FROM jobb WHERE navn = 'trekk_midnatt'", {},
                [&](const Row& r) { siste = r.opt_text(0); });
        const std::string i_dag_tekst = i_dag.str();
        if (siste == i_dag_tekst) return;
        res.kjoert = true;

        std::vector<Trekkpaalegg> aktive, nye;
        c.query(
            "SELECT trekkid, trekkversjon, sekvensnummer, opprettet_us, saksnummer, trekkpliktig, "
            "skyldner, trekkstatus, perioder, betalingsmottaker, kidnummer, kontonummer "
            "FROM trekkpaalegg WHERE siste = 1 AND trekkstatus = 'aktiv' ORDER BY sekvensnummer",
            {}, samle(aktive));
        for (const auto& t : aktive)
            if (trekk::skal_avsluttes(t, i_dag)) nye.push_back(trekk::avsluttet_versjon(t));
        // Orders that ended on different days (the server was down, or a test clock jumped)
        // are written in the order of their midnights; equal stamps keep sekvensnummer order.
        std::stable_sort(nye.begin(), nye.end(), [](const Trekkpaalegg& a, const Trekkpaalegg& b) {
            return a.opprettet < b.opprettet;
        });
        for (auto& ny : nye) {
            ny.sekvensnummer = neste_sekvensnummer(c);
            sett_inn(c, ny);
            ++res.antall;
        }
        c.exec("UPDATE jobb SET siste_dato = $1 WHERE navn = 'trekk_midnatt'", {i_dag_tekst});
    });
    return res;
}

}  // namespace skd::store
