#include "store/ledger_store.hpp"

#include <array>
#include <unordered_map>

namespace skd::store {
namespace {

Dato dato(const Row& r, int c) {
    auto d = Dato::parse(r.text(c));
    return d ? *d : Dato::fra_dager(0);
}

Beloep oere(const Row& r, int c) {
    return Beloep::fra_oere(r.i64(c));
}

ledger::Kravperiode periode(const Row& r, int c) {
    return {r.opt_text(c), r.opt_text(c + 1), r.opt_text(c + 2), r.opt_text(c + 3),
            r.opt_text(c + 4)};
}

// The statements of one read, per selection: the claims (or payments) chosen, and their
// details joined to the same choice, so every statement reads only the rows it shows.
struct KravSql {
    std::string krav, forfall, innbetalinger, motkrav;
};

KravSql krav_sql(std::string_view hvilke) {
    const std::string w(hvilke);
    return {
        "SELECT k.id, k.krav_part, k.kravidentifikator, k.kravtype, k.kravgruppe, "
        "k.kravbeskrivelse, k.kravbeskrivelse_en, k.periode_beskrivelse, k.periode_aar, "
        "k.periode_fra, k.periode_til, k.termin, k.fastsettingsmaate, k.opprettelsesdato, "
        "k.hovedstol_kravidentifikator FROM krav k WHERE " +
            w + " ORDER BY k.opprettelsesdato, k.id",
        "SELECT f.id, f.krav_id, f.kravforfallsidentifikator, f.forfallsdato, "
        "f.opprinnelig_oere, f.kidnummer, f.kontoeiers_navn, f.bankinformasjon, f.kontonummer, "
        "f.iban, f.swift_bic, f.gjenstaaende_oere FROM krav k JOIN kravforfall f ON "
        "f.krav_id = k.id WHERE " +
            w + " ORDER BY f.forfallsdato, f.id",
        "SELECT p.kravforfall_id, i.innbetalingsidentifikator, p.beloep_oere, p.plassert_dato, "
        "i.innbetalingsdato, i.beloep_oere, i.innbetalingstype, i.fra_kidnummer, i.fra_melding, "
        "i.fra_kontoeiers_navn, i.fra_kontonummer, i.valutakode FROM krav k "
        "JOIN kravforfall f ON f.krav_id = k.id JOIN plassering p ON p.kravforfall_id = f.id "
        "JOIN innbetaling i ON i.id = p.innbetaling_id WHERE " +
            w + " ORDER BY p.plassert_dato, p.id",
        "SELECT p.kravforfall_id, mf.kravforfallsidentifikator, p.beloep_oere, mk.kravtype, "
        "p.plassert_dato, mk.kravbeskrivelse, mf.forfallsdato, mk.periode_beskrivelse, "
        "mk.periode_aar, mk.periode_fra, mk.periode_til, mk.termin FROM krav k "
        "JOIN kravforfall f ON f.krav_id = k.id JOIN plassering p ON p.kravforfall_id = f.id "
        "JOIN kravforfall mf ON mf.id = p.motkrav_kravforfall_id JOIN krav mk ON "
        "mk.id = mf.krav_id WHERE " +
            w + " ORDER BY p.plassert_dato, p.id"};
}

const KravSql& krav_i_periode() {
    static const KravSql s =
        krav_sql("k.part = $1 AND k.opprettelsesdato >= $2 AND k.opprettelsesdato <= $3");
    return s;
}
const KravSql& aapne_krav_sql() {
    static const KravSql s = krav_sql("k.part = $1 AND k.gjenstaaende_oere <> 0");
    return s;
}

struct InnbetalingSql {
    std::string innbetalinger, plasseringer;
};

InnbetalingSql innbetaling_sql(std::string_view hvilke) {
    const std::string w(hvilke);
    return {
        "SELECT i.id, i.betaler_part, i.innbetalingsidentifikator, i.innbetalingsdato, "
        "i.beloep_oere, i.innbetalingstype, i.fra_kidnummer, i.fra_melding, "
        "i.fra_kontoeiers_navn, i.fra_kontonummer, i.valutakode, i.mottakers_kontonummer "
        "FROM innbetaling i WHERE " +
            w + " ORDER BY i.innbetalingsdato, i.id",
        "SELECT p.innbetaling_id, f.kravforfallsidentifikator, p.beloep_oere, p.plassert_dato, "
        "k.kravbeskrivelse, f.forfallsdato, f.opprinnelig_oere, f.gjenstaaende_oere "
        "FROM innbetaling i JOIN plassering p ON p.innbetaling_id = i.id "
        "JOIN kravforfall f ON f.id = p.kravforfall_id JOIN krav k ON k.id = f.krav_id WHERE " +
            w + " ORDER BY p.plassert_dato, p.id"};
}

const InnbetalingSql& innbetalinger_i_periode() {
    static const InnbetalingSql s =
        innbetaling_sql("i.part = $1 AND i.innbetalingsdato >= $2 AND i.innbetalingsdato <= $3");
    return s;
}
const InnbetalingSql& uplasserte_sql() {
    static const InnbetalingSql s = innbetaling_sql("i.part = $1 AND i.uplassert_oere > 0");
    return s;
}

}  // namespace

std::optional<PartInfo> LedgerStore::part(std::string_view id) const {
    std::optional<PartInfo> out;
    db_->reader().query(
        "SELECT identifikator, navn, skjerming, eier, er_person, er_enk, er_hovedenhet, "
        "er_inkassobyraa, gammelt_regelverk FROM part WHERE identifikator = $1",
        {id}, [&](const Row& r) {
            out =
                PartInfo{r.str(0),      r.opt_text(1), r.opt_text(2), r.opt_text(3), r.i64(4) != 0,
                         r.i64(5) != 0, r.i64(6) != 0, r.i64(7) != 0, r.i64(8) != 0};
        });
    return out;
}

std::optional<PartStatus> LedgerStore::status(Connection& c, std::string_view part) const {
    std::optional<PartStatus> out;
    c.query(
        "SELECT p.skjerming, p.versjon, (SELECT s.verdi FROM sekvens s WHERE s.navn = 'ledger'), "
        "EXISTS (SELECT 1 FROM krav k WHERE k.part = p.identifikator) "
        "FROM part p WHERE p.identifikator = $1",
        {part}, [&](const Row& r) {
            out = PartStatus{r.i64(3) != 0, !r.is_null(0), r.i64(1), r.i64(2)};
        });
    return out;
}

std::optional<LedgerStore::RestanserLesning> LedgerStore::restanser(Connection& c,
                                                                    std::string_view part,
                                                                    Dato i_dag) const {
    std::optional<RestanserLesning> out;
    c.query(
        "SELECT p.skjerming, p.versjon, (SELECT s.verdi FROM sekvens s WHERE s.navn = 'ledger'), "
        "EXISTS (SELECT 1 FROM krav k WHERE k.part = p.identifikator), f.restanse_kategori, "
        "f.er_rente, SUM(f.gjenstaaende_oere) FROM part p LEFT JOIN kravforfall f "
        "ON f.part = p.identifikator AND f.forfallsdato < $2 AND f.gjenstaaende_oere > 0 "
        "WHERE p.identifikator = $1 GROUP BY p.skjerming, p.versjon, p.identifikator, "
        "f.restanse_kategori, f.er_rente",
        {part, i_dag.str()}, [&](const Row& row) {
            if (!out)
                out = RestanserLesning{
                    PartStatus{row.i64(3) != 0, !row.is_null(0), row.i64(1), row.i64(2)}, {}};
            if (row.is_null(6)) return;  // nothing overdue
            std::optional<std::string_view> kategori;
            if (!row.is_null(4)) kategori = row.text(4);
            auto& k = out->restanser.kategori[ledger::restanse_indeks(kategori)];
            (row.i64(5) != 0 ? k.renter : k.krav) += oere(row, 6);
        });
    return out;
}

namespace {
// Runs the statements of one selection: bound to (part) for what is open now, or to (part, fra,
// til) for a period.
class Utvalgsspoerring {
public:
    Utvalgsspoerring(Connection& c, std::string_view part, const Periode* p) : c_(c), part_(part) {
        if (p) {
            fra_ = p->fra_og_med.str();
            til_ = p->til_og_med.str();
        }
        periode_ = p != nullptr;
    }
    void operator()(const std::string& sql, const RowFn& fn) const {
        if (periode_)
            c_.query(sql, {part_, fra_, til_}, fn);
        else
            c_.query(sql, {part_}, fn);
    }

private:
    Connection& c_;
    std::string_view part_;
    std::string fra_, til_;
    bool periode_ = false;
};
}  // namespace

std::vector<ledger::Krav> LedgerStore::krav(Connection& c, std::string_view part,
                                            const Periode& p) const {
    return krav_med_detaljer(c, part, Utvalg::Periode, &p);
}

std::vector<ledger::Krav> LedgerStore::aapne_krav(Connection& c, std::string_view part) const {
    return krav_med_detaljer(c, part, Utvalg::Aapne, nullptr);
}

std::vector<ledger::Krav> LedgerStore::krav_med_detaljer(Connection& c, std::string_view part,
                                                         Utvalg u, const Periode* p) const {
    const KravSql& sql = u == Utvalg::Periode ? krav_i_periode() : aapne_krav_sql();
    const Utvalgsspoerring run(c, part, p);

    std::vector<ledger::Krav> out;
    std::unordered_map<std::int64_t, std::size_t> krav_at;
    run(sql.krav, [&](const Row& r) {
        ledger::Krav k;
        k.id = r.i64(0);
        k.krav_part = r.str(1);
        k.kravidentifikator = r.str(2);
        k.kravtype = r.str(3);
        k.kravgruppe = r.str(4);
        k.kravbeskrivelse = r.str(5);
        k.kravbeskrivelse_en = r.opt_text(6);
        k.kravperiode = periode(r, 7);
        k.fastsettingsmaate = r.opt_text(12);
        k.opprettelsesdato = dato(r, 13);
        k.hovedstol_kravidentifikator = r.opt_text(14);
        krav_at[k.id] = out.size();
        out.push_back(std::move(k));
    });
    if (out.empty()) return out;

    std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> forfall_at;
    run(sql.forfall, [&](const Row& r) {
        auto it = krav_at.find(r.i64(1));
        if (it == krav_at.end()) return;
        ledger::Kravforfall f;
        f.id = r.i64(0);
        f.kravforfallsidentifikator = r.str(2);
        f.forfallsdato = dato(r, 3);
        f.opprinnelig = oere(r, 4);
        f.kidnummer = r.opt_text(5);
        f.konto = {r.opt_text(6), r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10)};
        f.gjenstaaende_beloep = oere(r, 11);
        auto& kravforfall = out[it->second].kravforfall;
        forfall_at[f.id] = {it->second, kravforfall.size()};
        kravforfall.push_back(std::move(f));
    });
    auto forfall = [&](std::int64_t id) -> ledger::Kravforfall* {
        auto it = forfall_at.find(id);
        return it == forfall_at.end() ? nullptr
                                      : &out[it->second.first].kravforfall[it->second.second];
    };
    run(sql.innbetalinger, [&](const Row& r) {
        if (auto* f = forfall(r.i64(0)))
            f->plassert_innbetaling.push_back(
                {r.str(1),
                 oere(r, 2),
                 dato(r, 3),
                 dato(r, 4),
                 oere(r, 5),
                 {r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10), r.opt_text(11)},
                 r.opt_text(6)});
    });
    run(sql.motkrav, [&](const Row& r) {
        if (auto* f = forfall(r.i64(0)))
            f->plassert_motkrav.push_back(
                {r.str(1), oere(r, 2), r.str(3), dato(r, 4), r.str(5), dato(r, 6), periode(r, 7)});
    });
    return out;
}

std::vector<ledger::Innbetaling> LedgerStore::innbetalinger(Connection& c, std::string_view part,
                                                            const Periode& p) const {
    return innbetalinger_med_plasseringer(c, part, Utvalg::Periode, &p);
}

std::vector<ledger::Innbetaling> LedgerStore::uplasserte_innbetalinger(
    Connection& c, std::string_view part) const {
    return innbetalinger_med_plasseringer(c, part, Utvalg::Aapne, nullptr);
}

std::vector<ledger::Innbetaling> LedgerStore::innbetalinger_med_plasseringer(
    Connection& c, std::string_view part, Utvalg u, const Periode* p) const {
    const InnbetalingSql& sql = u == Utvalg::Periode ? innbetalinger_i_periode() : uplasserte_sql();
    const Utvalgsspoerring run(c, part, p);
    std::vector<ledger::Innbetaling> out;
    std::unordered_map<std::int64_t, std::size_t> at;
    run(sql.innbetalinger, [&](const Row& r) {
        ledger::Innbetaling i;
        i.id = r.i64(0);
        i.part = r.str(1);
        i.innbetalingsidentifikator = r.str(2);
        i.innbetalingsdato = dato(r, 3);
        i.innbetalt = oere(r, 4);
        i.innbetalingstype = r.opt_text(5);
        i.innbetalt_fra = {r.opt_text(6), r.opt_text(7), r.opt_text(8), r.opt_text(9),
                           r.opt_text(10)};
        i.mottakers_kontonummer = r.opt_text(11);
        at[i.id] = out.size();
        out.push_back(std::move(i));
    });
    if (out.empty()) return out;
    run(sql.plasseringer, [&](const Row& r) {
        auto it = at.find(r.i64(0));
        if (it == at.end()) return;
        out[it->second].plassert_krav.push_back(
            {r.str(1), oere(r, 2), dato(r, 3), r.str(4), dato(r, 5), oere(r, 6), oere(r, 7)});
    });
    return out;
}

std::vector<ledger::Utbetaling> LedgerStore::utbetalinger(Connection& c, std::string_view part,
                                                          const Periode& p) const {
    std::vector<ledger::Utbetaling> out;
    std::unordered_map<std::int64_t, std::size_t> at;
    const std::string fra = p.fra_og_med.str(), til = p.til_og_med.str();
    c.query(
        "SELECT id, utbetalt_til_part, utbetalingsidentifikator, utbetaltdato, melding, "
        "kontoeiers_navn, kontonummer, valutakode, utbetalingstatus FROM utbetaling "
        "WHERE part = $1 AND utbetaltdato >= $2 AND utbetaltdato <= $3 ORDER BY utbetaltdato, id",
        {part, fra, til}, [&](const Row& r) {
            ledger::Utbetaling u;
            u.part = r.str(1);
            u.utbetalingsidentifikator = r.str(2);
            u.utbetaltdato = dato(r, 3);
            u.melding_sendt_til_mottaker = r.opt_text(4);
            u.kontoeiers_navn = r.opt_text(5);
            u.kontonummer = r.opt_text(6);
            u.valutakode = r.opt_text(7);
            u.utbetalingstatus = r.str(8);
            at[r.i64(0)] = out.size();
            out.push_back(std::move(u));
        });
    if (out.empty()) return out;
    c.query(
        "SELECT g.utbetaling_id, f.kravforfallsidentifikator, f.opprinnelig_oere, "
        "f.gjenstaaende_oere, g.utbetalt_oere, k.kravbeskrivelse, k.kravtype, "
        "k.periode_beskrivelse, k.periode_aar, k.periode_fra, k.periode_til, k.termin "
        "FROM utbetaling u JOIN utbetaling_grunnlag g ON g.utbetaling_id = u.id "
        "JOIN kravforfall f ON f.id = g.kravforfall_id JOIN krav k ON k.id = f.krav_id "
        "WHERE u.part = $1 AND u.utbetaltdato >= $2 AND u.utbetaltdato <= $3 ORDER BY f.id",
        {part, fra, til}, [&](const Row& r) {
            auto it = at.find(r.i64(0));
            if (it == at.end()) return;
            out[it->second].kredit_krav.push_back(
                {r.str(1), oere(r, 2), oere(r, 3), oere(r, 4), r.str(5), r.str(6), periode(r, 7)});
        });
    return out;
}

std::vector<ledger::RenteSats> LedgerStore::rentesatser(Connection& c) const {
    std::vector<ledger::RenteSats> out;
    c.query("SELECT fra_dato, sats_basispunkter FROM forsinkelsesrente_sats ORDER BY fra_dato", {},
            [&](const Row& r) {
                out.push_back({dato(r, 0), static_cast<int>(r.i64(1))});
            });
    return out;
}

std::map<std::string, ledger::KravtypeKategori, std::less<>> LedgerStore::kravtype_tabell(
    Connection& c) const {
    std::map<std::string, ledger::KravtypeKategori, std::less<>> out;
    c.query("SELECT kravtype, kategori, er_rente FROM kravtype_kategori", {}, [&](const Row& r) {
        out[r.str(0)] = {r.str(1), r.i64(2) != 0};
    });
    return out;
}

std::vector<ledger::ForfaltPost> LedgerStore::forfalte_poster_fra_posteringer(Connection& c,
                                                                              std::string_view part,
                                                                              Dato i_dag) const {
    std::vector<ledger::ForfaltPost> out;
    c.query(
        "SELECT k.kravtype, h.kravtype, s.gjenstaaende_oere "
        "FROM kravforfall f JOIN kravforfall_saldo s ON s.id = f.id JOIN krav k ON k.id = "
        "f.krav_id "
        "LEFT JOIN krav h ON h.part = k.part AND h.kravidentifikator = "
        "k.hovedstol_kravidentifikator "
        "AND h.krav_part = k.krav_part "
        "WHERE k.part = $1 AND f.forfallsdato < $2",
        {part, i_dag.str()}, [&](const Row& r) {
            out.push_back({r.str(0), r.opt_text(1), oere(r, 2)});
        });
    return out;
}

}  // namespace skd::store
