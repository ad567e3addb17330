#include "store/utlegg_store.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace skd::store {
namespace {

// Takes the row lock every write of this API shares, without consuming a number. On PostgreSQL
// (READ COMMITTED) every later statement of the transaction then sees all earlier commits; on
// SQLite the single writer already serialises, and this is a no-op in effect.
void laas(Connection& c) {
    c.exec("UPDATE sekvens SET verdi = verdi WHERE navn = 'utleggssak'", {});
}

// Two bodies are the same message when they parse to equal JSON values (member order and
// whitespace do not matter); an unparsable stored body is only equal to identical bytes.
bool samme_json(std::string_view a, std::string_view b) {
    if (a == b) return true;
    boost::system::error_code ea, eb;
    auto va = boost::json::parse(a, ea);
    auto vb = boost::json::parse(b, eb);
    return !ea && !eb && va == vb;
}

// [INFER] A retry is the same Meldingsid with the same JSON content on the same API version
// (modell); anything else under that Meldingsid is a conflict.
std::optional<UtleggStore::Meldingstreff> finn_melding(Connection& c, std::string_view innsender,
                                                       std::string_view meldingsid,
                                                       std::string_view innhold,
                                                       std::string_view modell) {
    std::optional<UtleggStore::Meldingstreff> t;
    c.query(
        "SELECT ekstern_saksreferanse, versjon, innhold, modell FROM utleggsbegjaering_versjon "
        "WHERE innsender = $1 AND meldingsid = $2",
        {innsender, meldingsid}, [&](const Row& r) {
            t = UtleggStore::Meldingstreff{r.str(0), static_cast<int>(r.i64(1)),
                                           r.text(3) == modell && samme_json(r.text(2), innhold),
                                           r.str(3)};
        });
    return t;
}

bool finn_sak(Connection& c, std::string_view innsender, std::string_view ref,
              std::string_view dato) {
    return c
        .query_i64(
            "SELECT 1 FROM utleggssak WHERE innsender = $1 AND innsender_referanse = $2 "
            "AND begjaeringsdato = $3",
            {innsender, ref, dato})
        .has_value();
}

// The first referenced attachment already bound to a case other than `sak`, as "uuid sak".
std::optional<std::pair<std::string, std::string>> opptatt_vedlegg(Connection& c,
                                                                   const Innsending& i,
                                                                   std::string_view sak) {
    for (const auto& uuid : i.vedlegg) {
        std::optional<std::string> bundet;
        c.query("SELECT ekstern_saksreferanse FROM vedlegg WHERE uuid = $1 AND innsender = $2",
                {uuid, i.innsender}, [&](const Row& r) { bundet = r.opt_text(0); });
        if (bundet && *bundet != sak) return std::pair{uuid, *bundet};
    }
    return std::nullopt;
}

// SPEC §6.6 step 2: an attachment belongs to the petition it is first submitted with.
void bind_vedlegg(Connection& c, const Innsending& i, std::string_view sak) {
    for (const auto& uuid : i.vedlegg) {
        c.exec(
            "UPDATE vedlegg SET ekstern_saksreferanse = $1 "
            "WHERE uuid = $2 AND innsender = $3 AND ekstern_saksreferanse IS NULL",
            {sak, uuid, i.innsender});
    }
}

void lagre_versjon(Connection& c, std::string_view sak, int versjon, const Innsending& i) {
    c.exec(
        "INSERT INTO utleggsbegjaering_versjon (ekstern_saksreferanse, versjon, innsender, "
        "mottatt_us, meldingsid, modell, innhold) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {sak, versjon, i.innsender, i.naa_us, i.meldingsid, i.modell, i.innhold});
}

}  // namespace

Lagringsresultat UtleggStore::opprett_sak(const Innsending& i) const {
    Lagringsresultat res;
    db_.write([&](Connection& c) {
        res = {};
        laas(c);
        if (i.meldingsid) {
            if (auto t = finn_melding(c, i.innsender, *i.meldingsid, i.innhold, i.modell)) {
                // [INFER] A retry (same Meldingsid, identical body) gets the original receipt.
                res.utfall = t->samme_innhold && t->versjon == 1 ? Utfall::Gjentatt
                                                                 : Utfall::MeldingsidBrukt;
                res.ekstern_saksreferanse = t->ekstern_saksreferanse;
                res.versjon = t->versjon;
                return;
            }
        }
        // SPEC §6.7 DUPLIKAT_INNSENDING needs a reference: petitions without one never clash.
        if (!i.innsender_referanse.empty() &&
            finn_sak(c, i.innsender, i.innsender_referanse, i.begjaeringsdato)) {
            res.utfall = Utfall::Duplikat;
            return;
        }
        if (auto o = opptatt_vedlegg(c, i, "")) {
            res.utfall = Utfall::VedleggOpptatt;
            res.detalj = o->first;
            res.ekstern_saksreferanse = o->second;
            return;
        }
        // Numbered only now, so rejected submissions leave no gaps.
        auto nr = c.query_i64(
            "UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'utleggssak' RETURNING verdi", {});
        if (!nr) throw DbError(DbError::Kind::Other, "sekvensen 'utleggssak' mangler");
        const std::string sak = fmt::format("ELAN-{}-{:06}", i.aar, *nr);
        c.exec(
            "INSERT INTO utleggssak (ekstern_saksreferanse, innsender, innsender_referanse, "
            "begjaeringsdato, status, opprettet_us, endret_us) "
            "VALUES ($1, $2, $3, $4, 'mottatt', $5, $5)",
            {sak, i.innsender,
             // NULL when absent (migration 005), so the UNIQUE constraint never pairs two
             // petitions without a reference.
             i.innsender_referanse.empty() ? std::optional<std::string>()
                                           : std::optional<std::string>(i.innsender_referanse),
             i.begjaeringsdato, i.naa_us});
        lagre_versjon(c, sak, 1, i);
        bind_vedlegg(c, i, sak);
        res.utfall = Utfall::Lagret;
        res.ekstern_saksreferanse = sak;
        res.versjon = 1;
    });
    return res;
}

Lagringsresultat UtleggStore::ny_versjon(std::string_view sak, const Innsending& i,
                                         int forventet_versjon,
                                         std::string_view forventet_status) const {
    Lagringsresultat res;
    db_.write([&](Connection& c) {
        res = {};
        res.ekstern_saksreferanse = std::string(sak);
        laas(c);
        std::optional<std::string> status;
        int siste = 0;
        c.query(
            "SELECT s.status, (SELECT MAX(v.versjon) FROM utleggsbegjaering_versjon v "
            "WHERE v.ekstern_saksreferanse = s.ekstern_saksreferanse) "
            "FROM utleggssak s WHERE s.ekstern_saksreferanse = $1 AND s.innsender = $2",
            {sak, i.innsender}, [&](const Row& r) {
                status = r.str(0);
                siste = static_cast<int>(r.opt_i64(1).value_or(0));
            });
        if (!status) {
            res.utfall = Utfall::IkkeFunnet;
            return;
        }
        if (i.meldingsid) {
            if (auto t = finn_melding(c, i.innsender, *i.meldingsid, i.innhold, i.modell)) {
                const bool samme = t->samme_innhold && t->ekstern_saksreferanse == sak;
                res.utfall = samme ? Utfall::Gjentatt : Utfall::MeldingsidBrukt;
                res.versjon = t->versjon;
                return;
            }
        }
        if (siste != forventet_versjon || *status != forventet_status) {
            res.utfall = Utfall::SamtidigEndring;
            res.detalj = *status;
            return;
        }
        if (auto o = opptatt_vedlegg(c, i, sak)) {
            res.utfall = Utfall::VedleggOpptatt;
            res.detalj = o->first;
            res.ekstern_saksreferanse = o->second;
            return;
        }
        lagre_versjon(c, sak, siste + 1, i);
        c.exec("UPDATE utleggssak SET endret_us = $2 WHERE ekstern_saksreferanse = $1",
               {sak, i.naa_us});
        bind_vedlegg(c, i, sak);
        res.utfall = Utfall::Lagret;
        res.versjon = siste + 1;
    });
    return res;
}

std::optional<Utleggssak> UtleggStore::sak(std::string_view ref, std::string_view innsender) const {
    auto& c = db_.reader();
    std::optional<Utleggssak> s;
    c.query(
        "SELECT ekstern_saksreferanse, innsender, innsender_referanse, begjaeringsdato, status, "
        "opprettet_us FROM utleggssak WHERE ekstern_saksreferanse = $1 AND innsender = $2",
        {ref, innsender}, [&](const Row& r) {
            s = Utleggssak{r.str(0), r.str(1), r.opt_text(2).value_or(""),
                           r.str(3), r.str(4), r.i64(5),
                           {},       {}};
        });
    if (!s) return s;
    c.query(
        "SELECT versjon, mottatt_us, modell FROM utleggsbegjaering_versjon "
        "WHERE ekstern_saksreferanse = $1 ORDER BY versjon",
        {ref}, [&](const Row& r) {
            s->versjoner.push_back({static_cast<int>(r.i64(0)), r.i64(1), r.str(2)});
        });
    if (s->versjoner.empty()) return std::nullopt;  // imported without content: not servable
    c.query(
        "SELECT innhold FROM utleggsbegjaering_versjon "
        "WHERE ekstern_saksreferanse = $1 AND versjon = $2",
        {ref, s->versjoner.back().versjon}, [&](const Row& r) { s->siste_innhold = r.str(0); });
    return s;
}

bool UtleggStore::finnes_sak(std::string_view innsender, std::string_view innsender_referanse,
                             std::string_view begjaeringsdato) const {
    if (innsender_referanse.empty()) return false;
    return finn_sak(db_.reader(), innsender, innsender_referanse, begjaeringsdato);
}

std::optional<UtleggStore::Meldingstreff> UtleggStore::meldingsid(std::string_view innsender,
                                                                  std::string_view meldingsid,
                                                                  std::string_view innhold,
                                                                  std::string_view modell) const {
    return finn_melding(db_.reader(), innsender, meldingsid, innhold, modell);
}

std::optional<Vedleggsrad> UtleggStore::vedlegg(std::string_view uuid,
                                                std::string_view innsender) const {
    std::optional<Vedleggsrad> v;
    db_.reader().query(
        "SELECT uuid, innsender, filnavn, vedleggstype, innholdstype, stoerrelse, sha256, status, "
        "ekstern_saksreferanse, opprettet_us FROM vedlegg WHERE uuid = $1 AND innsender = $2",
        {uuid, innsender}, [&](const Row& r) {
            v = Vedleggsrad{r.str(0), r.str(1), r.str(2), r.opt_text(3), r.str(4),
                            r.i64(5), r.str(6), r.str(7), r.opt_text(8), r.i64(9)};
        });
    return v;
}

void UtleggStore::lagre_vedlegg(Vedleggsrad rad, std::string_view bytes) const {
    rad.stoerrelse = static_cast<std::int64_t>(bytes.size());
    const std::string innhold = base64_encode(bytes);
    db_.write([&](Connection& c) {
        c.exec(
            "INSERT INTO vedlegg (uuid, innsender, filnavn, vedleggstype, innholdstype, "
            "stoerrelse, sha256, innhold, status, ekstern_saksreferanse, opprettet_us) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10)",
            {rad.uuid, rad.innsender, rad.filnavn, rad.vedleggstype, rad.innholdstype,
             rad.stoerrelse, rad.sha256, innhold, rad.status, rad.opprettet_us});
    });
}

std::string base64_encode(std::string_view in) {
    static constexpr char kTegn[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(in[k]); };
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
        out += kTegn[(v >> 18) & 63];
        out += kTegn[(v >> 12) & 63];
        out += kTegn[(v >> 6) & 63];
        out += kTegn[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = b(i) << 16;
        out += kTegn[(v >> 18) & 63];
        out += kTegn[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned v = (b(i) << 16) | (b(i + 1) << 8);
        out += kTegn[(v >> 18) & 63];
        out += kTegn[(v >> 12) & 63];
        out += kTegn[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

}  // namespace skd::store
