#include "store/ledger_store.hpp"

#include <unordered_map>

namespace skd::store {
namespace {

Dato dato(const Row& r, int c) {
    auto d = Dato::parse(r.text(c));
    return d ? *d : Dato::fra_dager(0);
}

ledger::Kravperiode periode(const Row& r, int c) {
    return {r.opt_text(c), r.opt_text(c + 1), r.opt_text(c + 2), r.opt_text(c + 3),
            r.opt_text(c + 4)};
}

}  // namespace

std::optional<PartInfo> LedgerStore::part(std::string_view id) const {
    std::optional<PartInfo> out;
    db_.reader().query(
        "SELECT identifikator, navn, skjerming, eier, er_person, er_enk, er_hovedenhet, "
        "er_inkassobyraa, gammelt_regelverk FROM part WHERE identifikator = $1",
        {id}, [&](const Row& r) {
            out =
                PartInfo{r.str(0),      r.opt_text(1), r.opt_text(2), r.opt_text(3), r.i64(4) != 0,
                         r.i64(5) != 0, r.i64(6) != 0, r.i64(7) != 0, r.i64(8) != 0};
        });
    return out;
}

std::int64_t LedgerStore::versjon() const {
    return db_.reader()
        .query_i64("SELECT verdi FROM sekvens WHERE navn = 'ledger'", {})
        .value_or(0);
}

bool LedgerStore::har_krav(std::string_view part) const {
    return db_.reader().query_i64("SELECT 1 FROM krav WHERE part = $1 LIMIT 1", {part}).has_value();
}

std::vector<ledger::ForfaltPost> LedgerStore::forfalte_poster(std::string_view part,
                                                              Dato i_dag) const {
    std::vector<ledger::ForfaltPost> out;
    const std::string dag = i_dag.str();
    db_.reader().query(
        "SELECT k.kravtype, h.kravtype, s.gjenstaaende_oere "
        "FROM kravforfall f JOIN kravforfall_saldo s ON s.id = f.id JOIN krav k ON k.id = "
        "f.krav_id "
        "LEFT JOIN krav h ON h.part = k.part AND h.kravidentifikator = "
        "k.hovedstol_kravidentifikator "
        "AND h.krav_part = k.krav_part "
        "WHERE k.part = $1 AND f.forfallsdato < $2",
        {part, dag}, [&](const Row& r) {
            out.push_back({r.str(0), r.opt_text(1), Beloep::fra_oere(r.i64(2))});
        });
    return out;
}

std::vector<ledger::Krav> LedgerStore::krav(std::string_view part,
                                            const std::optional<Periode>& p) const {
    auto& c = db_.reader();
    std::vector<ledger::Krav> out;
    std::unordered_map<std::int64_t, std::size_t> krav_at;
    auto on_krav = [&](const Row& r) {
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
    };
#define SKD_KRAV_COLS                                                                          \
    "SELECT id, krav_part, kravidentifikator, kravtype, kravgruppe, kravbeskrivelse, "         \
    "kravbeskrivelse_en, periode_beskrivelse, periode_aar, periode_fra, periode_til, termin, " \
    "fastsettingsmaate, opprettelsesdato, hovedstol_kravidentifikator FROM krav WHERE part = $1 "
    if (p) {
        c.query(SKD_KRAV_COLS
                "AND opprettelsesdato >= $2 AND opprettelsesdato <= $3 "
                "ORDER BY opprettelsesdato, id",
                {part, p->fra_og_med.str(), p->til_og_med.str()}, on_krav);
    } else {
        c.query(SKD_KRAV_COLS "ORDER BY opprettelsesdato, id", {part}, on_krav);
    }
#undef SKD_KRAV_COLS
    if (out.empty()) return out;

    std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> forfall_at;
    c.query(
        "SELECT f.id, f.krav_id, f.kravforfallsidentifikator, f.forfallsdato, f.opprinnelig_oere, "
        "f.kidnummer, f.kontoeiers_navn, f.bankinformasjon, f.kontonummer, f.iban, f.swift_bic, "
        "COALESCE((SELECT SUM(g.utbetalt_oere) FROM utbetaling_grunnlag g WHERE g.kravforfall_id = "
        "f.id), 0), "
        "COALESCE((SELECT SUM(m.beloep_oere) FROM plassering m WHERE m.motkrav_kravforfall_id = "
        "f.id), 0) "
        "FROM kravforfall f JOIN krav k ON k.id = f.krav_id WHERE k.part = $1 "
        "ORDER BY f.forfallsdato, f.id",
        {part}, [&](const Row& r) {
            auto it = krav_at.find(r.i64(1));
            if (it == krav_at.end()) return;
            ledger::Kravforfall f;
            f.id = r.i64(0);
            f.kravforfallsidentifikator = r.str(2);
            f.forfallsdato = dato(r, 3);
            f.opprinnelig = Beloep::fra_oere(r.i64(4));
            f.kidnummer = r.opt_text(5);
            f.konto = {r.opt_text(6), r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10)};
            f.utbetalt = Beloep::fra_oere(r.i64(11));
            f.brukt_som_motkrav = Beloep::fra_oere(r.i64(12));
            auto& kravforfall = out[it->second].kravforfall;
            forfall_at[f.id] = {it->second, kravforfall.size()};
            kravforfall.push_back(std::move(f));
        });
    auto forfall = [&](std::int64_t id) -> ledger::Kravforfall* {
        auto it = forfall_at.find(id);
        return it == forfall_at.end() ? nullptr
                                      : &out[it->second.first].kravforfall[it->second.second];
    };
    c.query(
        "SELECT p.kravforfall_id, i.innbetalingsidentifikator, p.beloep_oere, p.plassert_dato, "
        "i.innbetalingsdato, i.beloep_oere, i.innbetalingstype, i.fra_kidnummer, i.fra_melding, "
        "i.fra_kontoeiers_navn, i.fra_kontonummer, i.valutakode "
        "FROM plassering p JOIN kravforfall f ON f.id = p.kravforfall_id "
        "JOIN krav k ON k.id = f.krav_id JOIN innbetaling i ON i.id = p.innbetaling_id "
        "WHERE k.part = $1 ORDER BY p.plassert_dato, p.id",
        {part}, [&](const Row& r) {
            if (auto* f = forfall(r.i64(0)))
                f->plassert_innbetaling.push_back(
                    {r.str(1),
                     Beloep::fra_oere(r.i64(2)),
                     dato(r, 3),
                     dato(r, 4),
                     Beloep::fra_oere(r.i64(5)),
                     {r.opt_text(7), r.opt_text(8), r.opt_text(9), r.opt_text(10), r.opt_text(11)},
                     r.opt_text(6)});
        });
    c.query(
        "SELECT p.kravforfall_id, mf.kravforfallsidentifikator, p.beloep_oere, mk.kravtype, "
        "p.plassert_dato, mk.kravbeskrivelse, mf.forfallsdato, mk.periode_beskrivelse, "
        "mk.periode_aar, mk.periode_fra, mk.periode_til, mk.termin "
        "FROM plassering p JOIN kravforfall f ON f.id = p.kravforfall_id "
        "JOIN krav k ON k.id = f.krav_id JOIN kravforfall mf ON mf.id = p.motkrav_kravforfall_id "
        "JOIN krav mk ON mk.id = mf.krav_id WHERE k.part = $1 ORDER BY p.plassert_dato, p.id",
        {part}, [&](const Row& r) {
            if (auto* f = forfall(r.i64(0)))
                f->plassert_motkrav.push_back({r.str(1), Beloep::fra_oere(r.i64(2)), r.str(3),
                                               dato(r, 4), r.str(5), dato(r, 6), periode(r, 7)});
        });
    return out;
}

std::vector<ledger::Innbetaling> LedgerStore::innbetalinger(std::string_view part,
                                                            const std::optional<Periode>& p) const {
    auto& c = db_.reader();
    std::vector<ledger::Innbetaling> out;
    std::unordered_map<std::int64_t, std::size_t> at;
    auto on_row = [&](const Row& r) {
        ledger::Innbetaling i;
        i.id = r.i64(0);
        i.part = r.str(1);
        i.innbetalingsidentifikator = r.str(2);
        i.innbetalingsdato = dato(r, 3);
        i.innbetalt = Beloep::fra_oere(r.i64(4));
        i.innbetalingstype = r.opt_text(5);
        i.innbetalt_fra = {r.opt_text(6), r.opt_text(7), r.opt_text(8), r.opt_text(9),
                           r.opt_text(10)};
        i.mottakers_kontonummer = r.opt_text(11);
        at[i.id] = out.size();
        out.push_back(std::move(i));
    };
#define SKD_INNB_COLS                                                                      \
    "SELECT id, betaler_part, innbetalingsidentifikator, innbetalingsdato, beloep_oere, "  \
    "innbetalingstype, fra_kidnummer, fra_melding, fra_kontoeiers_navn, fra_kontonummer, " \
    "valutakode, mottakers_kontonummer FROM innbetaling WHERE part = $1 "
    if (p)
        c.query(SKD_INNB_COLS
                "AND innbetalingsdato >= $2 AND innbetalingsdato <= $3 "
                "ORDER BY innbetalingsdato, id",
                {part, p->fra_og_med.str(), p->til_og_med.str()}, on_row);
    else
        c.query(SKD_INNB_COLS "ORDER BY innbetalingsdato, id", {part}, on_row);
#undef SKD_INNB_COLS
    if (out.empty()) return out;
    c.query(
        "SELECT p.innbetaling_id, f.kravforfallsidentifikator, p.beloep_oere, p.plassert_dato, "
        "k.kravbeskrivelse, f.forfallsdato, f.opprinnelig_oere, s.gjenstaaende_oere "
        "FROM plassering p JOIN innbetaling i ON i.id = p.innbetaling_id "
        "JOIN kravforfall f ON f.id = p.kravforfall_id JOIN kravforfall_saldo s ON s.id = f.id "
        "JOIN krav k ON k.id = f.krav_id "
        "WHERE i.part = $1 ORDER BY p.plassert_dato, p.id",
        {part}, [&](const Row& r) {
            auto it = at.find(r.i64(0));
            if (it == at.end()) return;
            out[it->second].plassert_krav.push_back(
                {r.str(1), Beloep::fra_oere(r.i64(2)), dato(r, 3), r.str(4), dato(r, 5),
                 Beloep::fra_oere(r.i64(6)), Beloep::fra_oere(r.i64(7))});
        });
    return out;
}

std::vector<ledger::Utbetaling> LedgerStore::utbetalinger(std::string_view part,
                                                          const Periode& p) const {
    auto& c = db_.reader();
    std::vector<ledger::Utbetaling> out;
    std::unordered_map<std::int64_t, std::size_t> at;
    c.query(
        "SELECT id, utbetalt_til_part, utbetalingsidentifikator, utbetaltdato, melding, "
        "kontoeiers_navn, kontonummer, valutakode, utbetalingstatus FROM utbetaling "
        "WHERE part = $1 AND utbetaltdato >= $2 AND utbetaltdato <= $3 ORDER BY utbetaltdato, id",
        {part, p.fra_og_med.str(), p.til_og_med.str()}, [&](const Row& r) {
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
        "s.gjenstaaende_oere, "
        "g.utbetalt_oere, "
        "k.kravbeskrivelse, k.kravtype, k.periode_beskrivelse, k.periode_aar, k.periode_fra, "
        "k.periode_til, k.termin FROM utbetaling_grunnlag g JOIN utbetaling u ON u.id = "
        "g.utbetaling_id "
        "JOIN kravforfall f ON f.id = g.kravforfall_id JOIN kravforfall_saldo s ON s.id = f.id "
        "JOIN krav k ON k.id = f.krav_id WHERE u.part = $1 ORDER BY f.id",
        {part}, [&](const Row& r) {
            auto it = at.find(r.i64(0));
            if (it == at.end()) return;
            out[it->second].kredit_krav.push_back(
                {r.str(1), Beloep::fra_oere(r.i64(2)), Beloep::fra_oere(r.i64(3)),
                 Beloep::fra_oere(r.i64(4)), r.str(5), r.str(6), periode(r, 7)});
        });
    return out;
}

std::vector<ledger::RenteSats> LedgerStore::rentesatser() const {
    std::vector<ledger::RenteSats> out;
    db_.reader().query(
        "SELECT fra_dato, sats_basispunkter FROM forsinkelsesrente_sats ORDER BY fra_dato", {},
        [&](const Row& r) {
            out.push_back({dato(r, 0), static_cast<int>(r.i64(1))});
        });
    return out;
}

std::map<std::string, ledger::KravtypeKategori, std::less<>> LedgerStore::kravtype_tabell() const {
    std::map<std::string, ledger::KravtypeKategori, std::less<>> out;
    db_.reader().query("SELECT kravtype, kategori, er_rente FROM kravtype_kategori", {},
                       [&](const Row& r) {
                           out[r.str(0)] = {r.str(1), r.i64(2) != 0};
                       });
    return out;
}

}  // namespace skd::store
