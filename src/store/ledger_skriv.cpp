#include "store/ledger_skriv.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <vector>

namespace skd::store {

namespace {

void sjekk_beloep(Beloep b, std::string_view hva) {
    const auto v = b.oere();
    if (!b.innenfor_grense())
        throw UgyldigSkriving(
            fmt::format("{} er utenfor det tillatte (|beløp| < 10^13 kroner): {} øre", hva, v));
}

void sjekk_positivt(Beloep b, std::string_view hva) {
    sjekk_beloep(b, hva);
    if (b.oere() <= 0) throw UgyldigSkriving(fmt::format("{} må være positivt", hva));
}

// The principal of an interest claim is the party's claim with that kravidentifikator and the
// same partIdentifikator shown.
constexpr std::string_view kMedHovedstol =
    "FROM krav k LEFT JOIN krav h ON h.part = k.part AND "
    "h.kravidentifikator = k.hovedstol_kravidentifikator AND h.krav_part = k.krav_part ";

// Moves the remaining amount of an instalment (and of its claim) by `delta`; returns its party.
std::string flytt_gjenstaaende(Connection& c, std::int64_t kravforfall_id, std::int64_t delta) {
    std::optional<std::int64_t> krav_id;
    std::string part;
    c.query(
        "UPDATE kravforfall SET gjenstaaende_oere = gjenstaaende_oere + $2 WHERE id = $1 "
        "RETURNING krav_id, part",
        {kravforfall_id, delta}, [&](const Row& r) {
            krav_id = r.i64(0);
            part = r.str(1);
        });
    if (!krav_id)
        throw UgyldigSkriving(fmt::format("kravforfallet med id {} finnes ikke", kravforfall_id));
    c.exec("UPDATE krav SET gjenstaaende_oere = gjenstaaende_oere + $2 WHERE id = $1",
           {*krav_id, delta});
    return part;
}

}  // namespace

namespace {
// The kravtype → category table: a change takes this key exclusively, every transaction that
// categorises instalments takes it shared before reading the table. Without it (PostgreSQL, READ
// COMMITTED) a krav written beside a category change could keep the old category for good.
constexpr std::int64_t kKategoriLaas = 0x736b642d6b617431;  // "skd-kat1"
}  // namespace

const std::map<std::string, ledger::KravtypeKategori, std::less<>>& LedgerSkriver::tabell() {
    if (!tabell_) {
        if (!kategori_laast_) {
            c_.transaction_lock(kKategoriLaas, true);
            kategori_laast_ = true;
        }
        tabell_.emplace();
        c_.query("SELECT kravtype, kategori, er_rente FROM kravtype_kategori", {},
                 [&](const Row& r) {
                     (*tabell_)[r.str(0)] = {r.str(1), r.i64(2) != 0};
                 });
    }
    return *tabell_;
}

void LedgerSkriver::part(const NyPart& p) {
    c_.exec(
        "INSERT INTO part (identifikator, navn, er_person, skjerming, er_enk, eier, er_hovedenhet, "
        "er_inkassobyraa, gammelt_regelverk) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (identifikator) DO UPDATE SET navn = excluded.navn, "
        "er_person = excluded.er_person, skjerming = excluded.skjerming, "
        "er_enk = excluded.er_enk, eier = excluded.eier, "
        "er_hovedenhet = excluded.er_hovedenhet, er_inkassobyraa = excluded.er_inkassobyraa, "
        "gammelt_regelverk = excluded.gammelt_regelverk",
        {p.identifikator, p.navn, p.er_person, p.skjerming, p.er_enk, p.eier, p.er_hovedenhet,
         p.er_inkassobyraa, p.gammelt_regelverk});
    beroert(p.identifikator);
}

bool LedgerSkriver::ny_part(const NyPart& p) {
    const auto n = c_.exec(
        "INSERT INTO part (identifikator, navn, er_person, skjerming, er_enk, eier, er_hovedenhet, "
        "er_inkassobyraa, gammelt_regelverk) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (identifikator) DO NOTHING",
        {p.identifikator, p.navn, p.er_person, p.skjerming, p.er_enk, p.eier, p.er_hovedenhet,
         p.er_inkassobyraa, p.gammelt_regelverk});
    if (n > 0) {
        beroert(p.identifikator);
        // A claim names its party (a foreign key), so a party made here has no claim but ours.
        nye_parter_.emplace(p.identifikator);
    }
    return n > 0;
}

std::int64_t LedgerSkriver::krav(const NyttKrav& k) {
    const auto& p = k.kravperiode;
    auto id = c_.query_i64(
        "INSERT INTO krav (kravidentifikator, part, krav_part, kravtype, kravgruppe, "
        "kravbeskrivelse, kravbeskrivelse_en, periode_beskrivelse, periode_aar, periode_fra, "
        "periode_til, termin, fastsettingsmaate, opprettelsesdato, hovedstol_kravidentifikator) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        {k.kravidentifikator, k.part, k.krav_part, k.kravtype, k.kravgruppe, k.kravbeskrivelse,
         k.kravbeskrivelse_en, p.beskrivelse, p.aar, p.fra_dato, p.til_dato, p.termin_teknisk_navn,
         k.fastsettingsmaate, k.opprettelsesdato.str(), k.hovedstol_kravidentifikator});
    if (!id) throw DbError(DbError::Kind::Other, "INSERT INTO krav ga ingen id");
    beroert(k.part);
    const bool ny = nye_parter_.contains(k.part);
    SkrevetKrav skrevet{k.part, k.kravtype, std::nullopt, true};
    if (k.hovedstol_kravidentifikator) {
        const auto h =
            krav_etter_ident_.find({k.part, k.krav_part, *k.hovedstol_kravidentifikator});
        if (h != krav_etter_ident_.end())
            skrevet.hovedstol = skrevne_krav_.at(h->second).kravtype;
        else
            skrevet.hovedstol_kjent = ny;  // a new party's principal is not there (yet)
        renter_etter_hovedstol_.emplace(
            Noekkel{k.part, k.krav_part, *k.hovedstol_kravidentifikator}, *id);
    }
    skrevne_krav_.emplace(*id, std::move(skrevet));
    krav_etter_ident_.emplace(Noekkel{k.part, k.krav_part, k.kravidentifikator}, *id);

    // Interest claims written before their principal now count in its category.
    std::vector<std::int64_t> renter;
    if (ny) {
        auto [fra, til] =
            renter_etter_hovedstol_.equal_range({k.part, k.krav_part, k.kravidentifikator});
        for (; fra != til; ++fra) renter.push_back(fra->second);
    } else {
        c_.query(
            "SELECT id FROM krav WHERE part = $1 AND hovedstol_kravidentifikator = $2 "
            "AND krav_part = $3",
            {k.part, k.kravidentifikator, k.krav_part},
            [&](const Row& r) { renter.push_back(r.i64(0)); });
    }
    for (auto r : renter) {
        if (auto s = skrevne_krav_.find(r); s != skrevne_krav_.end()) {
            s->second.hovedstol = k.kravtype;
            s->second.hovedstol_kjent = true;
        }
        kategoriser_krav(r);
    }
    return *id;
}

void LedgerSkriver::kategoriser_krav(std::int64_t krav_id) {
    std::optional<std::string> kravtype, hovedstol;
    c_.query(std::string("SELECT k.kravtype, h.kravtype ") + std::string(kMedHovedstol) +
                 "WHERE k.id = $1",
             {krav_id}, [&](const Row& r) {
                 kravtype = r.str(0);
                 hovedstol = r.opt_text(1);
             });
    if (!kravtype) return;
    const auto plass = ledger::restanse_plass(*kravtype, hovedstol, tabell());
    c_.exec("UPDATE kravforfall SET restanse_kategori = $2, er_rente = $3 WHERE krav_id = $1",
            {krav_id, plass.kategori, plass.er_rente});
}

std::int64_t LedgerSkriver::kravforfall(std::int64_t krav_id, const NyttKravforfall& f) {
    sjekk_beloep(f.opprinnelig, "opprinnelig beløp");
    std::optional<std::string> part, kravtype, hovedstol;
    if (auto s = skrevne_krav_.find(krav_id);
        s != skrevne_krav_.end() && s->second.hovedstol_kjent) {
        part = s->second.part;
        kravtype = s->second.kravtype;
        hovedstol = s->second.hovedstol;
    } else {
        c_.query(std::string("SELECT k.part, k.kravtype, h.kravtype ") +
                     std::string(kMedHovedstol) + "WHERE k.id = $1",
                 {krav_id}, [&](const Row& r) {
                     part = r.str(0);
                     kravtype = r.str(1);
                     hovedstol = r.opt_text(2);
                 });
    }
    if (!part) throw UgyldigSkriving(fmt::format("kravet med id {} finnes ikke", krav_id));
    const auto plass = ledger::restanse_plass(*kravtype, hovedstol, tabell());
    const auto& k = f.konto;
    auto id = c_.query_i64(
        "INSERT INTO kravforfall (kravforfallsidentifikator, krav_id, forfallsdato, "
        "opprinnelig_oere, kidnummer, kontoeiers_navn, bankinformasjon, kontonummer, iban, "
        "swift_bic, part, restanse_kategori, er_rente, gjenstaaende_oere) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $4) RETURNING id",
        {f.kravforfallsidentifikator, krav_id, f.forfallsdato.str(), f.opprinnelig.oere(),
         f.kidnummer, k.kontoeiers_navn, k.bankinformasjon, k.kontonummer, k.iban, k.swift_bic,
         *part, plass.kategori, plass.er_rente});
    if (!id) throw DbError(DbError::Kind::Other, "INSERT INTO kravforfall ga ingen id");
    c_.exec("UPDATE krav SET gjenstaaende_oere = gjenstaaende_oere + $2 WHERE id = $1",
            {krav_id, f.opprinnelig.oere()});
    beroert(*part);
    return *id;
}

std::int64_t LedgerSkriver::innbetaling(const NyInnbetaling& i) {
    sjekk_beloep(i.beloep, "innbetalt beløp");
    const auto& fra = i.innbetalt_fra;
    auto id = c_.query_i64(
        "INSERT INTO innbetaling (innbetalingsidentifikator, part, betaler_part, "
        "innbetalingsdato, beloep_oere, innbetalingstype, fra_kidnummer, fra_melding, "
        "fra_kontoeiers_navn, fra_kontonummer, valutakode, mottakers_kontonummer, "
        "uplassert_oere) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $5) "
        "RETURNING id",
        {i.innbetalingsidentifikator, i.part, i.betaler_part, i.innbetalingsdato.str(),
         i.beloep.oere(), i.innbetalingstype, fra.kidnummer, fra.melding_sendt_til_mottaker,
         fra.kontoeiers_navn, fra.kontonummer, fra.valutakode, i.mottakers_kontonummer});
    if (!id) throw DbError(DbError::Kind::Other, "INSERT INTO innbetaling ga ingen id");
    beroert(i.part);
    return *id;
}

void LedgerSkriver::plasser_innbetaling(std::int64_t kravforfall_id, std::int64_t innbetaling_id,
                                        Beloep beloep, Dato plassert_dato) {
    sjekk_positivt(beloep, "plassert beløp");
    c_.exec(
        "INSERT INTO plassering (kravforfall_id, innbetaling_id, motkrav_kravforfall_id, "
        "beloep_oere, plassert_dato) VALUES ($1, $2, NULL, $3, $4)",
        {kravforfall_id, innbetaling_id, beloep.oere(), plassert_dato.str()});
    beroert(flytt_gjenstaaende(c_, kravforfall_id, -beloep.oere()));
    std::optional<std::string> betaler;
    c_.query(
        "UPDATE innbetaling SET uplassert_oere = uplassert_oere - $2 WHERE id = $1 RETURNING part",
        {innbetaling_id, beloep.oere()}, [&](const Row& r) { betaler = r.str(0); });
    if (!betaler)
        throw UgyldigSkriving(fmt::format("innbetalingen med id {} finnes ikke", innbetaling_id));
    beroert(*betaler);
}

void LedgerSkriver::plasser_motkrav(std::int64_t kravforfall_id,
                                    std::int64_t motkrav_kravforfall_id, Beloep beloep,
                                    Dato plassert_dato) {
    sjekk_positivt(beloep, "plassert beløp");
    c_.exec(
        "INSERT INTO plassering (kravforfall_id, innbetaling_id, motkrav_kravforfall_id, "
        "beloep_oere, plassert_dato) VALUES ($1, NULL, $2, $3, $4)",
        {kravforfall_id, motkrav_kravforfall_id, beloep.oere(), plassert_dato.str()});
    beroert(flytt_gjenstaaende(c_, kravforfall_id, -beloep.oere()));
    // A credit instalment used as a counter-claim comes that much closer to zero.
    beroert(flytt_gjenstaaende(c_, motkrav_kravforfall_id, beloep.oere()));
}

std::int64_t LedgerSkriver::utbetaling(const NyUtbetaling& u) {
    auto id = c_.query_i64(
        "INSERT INTO utbetaling (utbetalingsidentifikator, part, utbetalt_til_part, "
        "utbetaltdato, melding, kontoeiers_navn, kontonummer, valutakode, utbetalingstatus) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        {u.utbetalingsidentifikator, u.part, u.utbetalt_til_part, u.utbetaltdato.str(), u.melding,
         u.kontoeiers_navn, u.kontonummer, u.valutakode, u.utbetalingstatus});
    if (!id) throw DbError(DbError::Kind::Other, "INSERT INTO utbetaling ga ingen id");
    beroert(u.part);
    return *id;
}

void LedgerSkriver::utbetal(std::int64_t utbetaling_id, std::int64_t kravforfall_id,
                            Beloep beloep) {
    sjekk_beloep(beloep, "utbetalt beløp");
    c_.exec(
        "INSERT INTO utbetaling_grunnlag (utbetaling_id, kravforfall_id, utbetalt_oere) "
        "VALUES ($1, $2, $3)",
        {utbetaling_id, kravforfall_id, beloep.oere()});
    // A credit instalment paid out comes that much closer to zero.
    beroert(flytt_gjenstaaende(c_, kravforfall_id, beloep.oere()));
}

namespace {

// Sets the category of every instalment whose claim has (kravtype, principal's kravtype) in
// `par`, for the pairs found by `where` ("" = the whole ledger).
void kategoriser(Connection& c,
                 const std::map<std::string, ledger::KravtypeKategori, std::less<>>& tabell,
                 const std::string& where, Params params) {
    std::vector<std::pair<std::string, std::optional<std::string>>> par;
    c.query(
        std::string("SELECT DISTINCT k.kravtype, h.kravtype ") + std::string(kMedHovedstol) + where,
        params, [&](const Row& r) { par.emplace_back(r.str(0), r.opt_text(1)); });
    for (const auto& [kravtype, hovedstol] : par) {
        const auto plass = ledger::restanse_plass(kravtype, hovedstol, tabell);
        // '' stands for "no principal": a kravtype is never empty.
        c.exec(std::string("UPDATE kravforfall SET restanse_kategori = $1, er_rente = $2 "
                           "WHERE krav_id IN (SELECT k.id ") +
                   std::string(kMedHovedstol) +
                   "WHERE k.kravtype = $3 AND COALESCE(h.kravtype, '') = $4)",
               {plass.kategori, plass.er_rente, kravtype, hovedstol.value_or("")});
    }
}

std::map<std::string, ledger::KravtypeKategori, std::less<>> les_tabell(Connection& c) {
    std::map<std::string, ledger::KravtypeKategori, std::less<>> t;
    c.query("SELECT kravtype, kategori, er_rente FROM kravtype_kategori", {}, [&](const Row& r) {
        t[r.str(0)] = {r.str(1), r.i64(2) != 0};
    });
    return t;
}

}  // namespace

void LedgerSkriver::kravtype(std::string_view kravtype, std::string_view kategori, bool er_rente) {
    c_.transaction_lock(kKategoriLaas, false);
    kategori_laast_ = true;
    c_.exec(
        "INSERT INTO kravtype_kategori (kravtype, kategori, er_rente) VALUES ($1, $2, $3) "
        "ON CONFLICT (kravtype) DO UPDATE SET kategori = excluded.kategori, "
        "er_rente = excluded.er_rente",
        {kravtype, kategori, er_rente});
    tabell_.reset();
    kategoriser(c_, tabell(), "WHERE k.kravtype = $1 OR h.kravtype = $1", {kravtype});
    referansedata_endret_ = true;
}

void LedgerSkriver::rentesats(Dato fra, int basispunkter) {
    c_.exec(
        "INSERT INTO forsinkelsesrente_sats (fra_dato, sats_basispunkter) VALUES ($1, $2) "
        "ON CONFLICT (fra_dato) DO UPDATE SET sats_basispunkter = excluded.sats_basispunkter",
        {fra.str(), basispunkter});
    referansedata_endret_ = true;
}

std::optional<std::int64_t> LedgerSkriver::krav_id(std::string_view part,
                                                   std::string_view kravidentifikator,
                                                   std::string_view krav_part) {
    return c_.query_i64(
        "SELECT id FROM krav WHERE part = $1 AND kravidentifikator = $2 AND krav_part = $3",
        {part, kravidentifikator, krav_part});
}

std::optional<std::int64_t> LedgerSkriver::kravforfall_id(std::string_view ident) {
    return c_.query_i64("SELECT id FROM kravforfall WHERE kravforfallsidentifikator = $1", {ident});
}

std::optional<std::int64_t> LedgerSkriver::innbetaling_id(std::string_view part,
                                                          std::string_view ident,
                                                          std::string_view betaler_part) {
    return c_.query_i64(
        "SELECT id FROM innbetaling WHERE part = $1 AND innbetalingsidentifikator = $2 "
        "AND betaler_part = $3",
        {part, ident, betaler_part});
}

void LedgerSkriver::fullfoer() {
    for (const auto& p : parter_)
        c_.exec("UPDATE part SET versjon = versjon + 1 WHERE identifikator = $1", {p});
    parter_.clear();
    if (referansedata_endret_)
        c_.exec("UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'ledger'", {});
    referansedata_endret_ = false;
}

void beregn_lesemodeller(Connection& c) {
    c.exec_script(
        "UPDATE kravforfall SET part = (SELECT k.part FROM krav k WHERE k.id = "
        "kravforfall.krav_id);"
        "UPDATE kravforfall SET gjenstaaende_oere = (SELECT s.gjenstaaende_oere FROM "
        "kravforfall_saldo s WHERE s.id = kravforfall.id);"
        "UPDATE krav SET gjenstaaende_oere = COALESCE((SELECT SUM(f.gjenstaaende_oere) FROM "
        "kravforfall f WHERE f.krav_id = krav.id), 0);"
        "UPDATE innbetaling SET uplassert_oere = beloep_oere - COALESCE((SELECT "
        "SUM(p.beloep_oere) FROM plassering p WHERE p.innbetaling_id = innbetaling.id), 0);"
        "UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'ledger';");
    kategoriser(c, les_tabell(c), "", {});
}

std::vector<std::string> avvik_i_lesemodeller(Connection& c) {
    std::vector<std::string> ut;
    constexpr std::size_t kMaks = 50;
    auto samle = [&](std::string_view hva) {
        return [&ut, hva](const Row& r) {
            if (ut.size() < kMaks)
                ut.push_back(fmt::format("{} {}: lagret {}, beregnet {}", hva, r.text(0), r.text(1),
                                         r.text(2)));
        };
    };
    c.query(
        "SELECT f.kravforfallsidentifikator, f.gjenstaaende_oere, s.gjenstaaende_oere "
        "FROM kravforfall f JOIN kravforfall_saldo s ON s.id = f.id "
        "WHERE f.gjenstaaende_oere <> s.gjenstaaende_oere",
        {}, samle("kravforfall.gjenstaaende"));
    c.query(
        "SELECT f.kravforfallsidentifikator, f.part, k.part FROM kravforfall f "
        "JOIN krav k ON k.id = f.krav_id WHERE f.part IS NULL OR f.part <> k.part",
        {}, samle("kravforfall.part"));
    c.query(
        "SELECT k.kravidentifikator, k.gjenstaaende_oere, x.sum FROM krav k JOIN (SELECT "
        "k2.id, COALESCE(SUM(s.gjenstaaende_oere), 0) AS sum FROM krav k2 LEFT JOIN kravforfall "
        "f ON f.krav_id = k2.id LEFT JOIN kravforfall_saldo s ON s.id = f.id GROUP BY k2.id) x "
        "ON x.id = k.id WHERE k.gjenstaaende_oere <> x.sum",
        {}, samle("krav.gjenstaaende"));
    c.query(
        "SELECT i.innbetalingsidentifikator, i.uplassert_oere, i.beloep_oere - "
        "COALESCE((SELECT SUM(p.beloep_oere) FROM plassering p WHERE p.innbetaling_id = i.id), "
        "0) FROM innbetaling i WHERE i.uplassert_oere <> i.beloep_oere - COALESCE((SELECT "
        "SUM(p.beloep_oere) FROM plassering p WHERE p.innbetaling_id = i.id), 0)",
        {}, samle("innbetaling.uplassert"));
    const auto tabell = les_tabell(c);
    std::vector<std::pair<std::string, std::optional<std::string>>> par;
    c.query(std::string("SELECT DISTINCT k.kravtype, h.kravtype ") + std::string(kMedHovedstol), {},
            [&](const Row& r) { par.emplace_back(r.str(0), r.opt_text(1)); });
    for (const auto& [kravtype, hovedstol] : par) {
        const auto plass = ledger::restanse_plass(kravtype, hovedstol, tabell);
        c.query(std::string("SELECT f.kravforfallsidentifikator, COALESCE(f.restanse_kategori, "
                            "'-') || '/' || CAST(f.er_rente AS TEXT), $1 FROM kravforfall f "
                            "WHERE f.krav_id IN (SELECT k.id ") +
                    std::string(kMedHovedstol) +
                    "WHERE k.kravtype = $2 AND COALESCE(h.kravtype, '') = $3) "
                    "AND (COALESCE(f.restanse_kategori, '-') <> $4 OR f.er_rente <> $5)",
                {plass.kategori.value_or("-") + "/" + (plass.er_rente ? "1" : "0"), kravtype,
                 hovedstol.value_or(""), plass.kategori.value_or("-"), plass.er_rente},
                samle("kravforfall.kategori"));
    }
    return ut;
}

}  // namespace skd::store
