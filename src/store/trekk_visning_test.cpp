// Migration 007 on both backends: versions written before it get their visning (the same bytes
// the write path stores), pages read them in order, and the hendelse feed keeps its rows.
// PostgreSQL runs when SKD_TEST_PG_URL names a server (scripts/pg-test-cluster.sh starts one).
#include "store/trekk_visning.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "store/db.hpp"
#include "store/ledger_skriv.hpp"
#include "store/migrations.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/trekk_store.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd;
using namespace skd::store;

namespace {

class Migrering007 : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "Sqlite") {
            dir_ = testdata::unique_temp_dir("skd-migrering");
            db_ = open_sqlite((dir_ / "db.sqlite").string());
        } else {
            // A database of its own, so the steps start from nothing.
            const char* base = std::getenv("SKD_TEST_PG_URL");
            if (!base || !*base) GTEST_SKIP() << "SKD_TEST_PG_URL er ikke satt";
            static std::atomic<int> n{0};
            navn_ = "skd_migrering_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
            base_ = open_postgres(base);
            base_->reader().exec_script("DROP DATABASE IF EXISTS " + navn_);
            base_->reader().exec_script("CREATE DATABASE " + navn_);
            const std::string url(base);
            db_ = open_postgres(url.substr(0, url.rfind('/') + 1) + navn_);
        }
    }
    void TearDown() override {
        db_.reset();
        if (base_) base_->reader().exec_script("DROP DATABASE IF EXISTS " + navn_);
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    // The schema as it was before step 7, the way Database::migrate applied it.
    void migrer_til_6() {
        db_->reader().exec_script(
            "CREATE TABLE schema_migrations (versjon INTEGER PRIMARY KEY, navn TEXT NOT NULL)");
        for (const auto& m : migrations(db_->backend())) {
            if (m.versjon > 6) break;
            db_->write([&](Connection& c) {
                c.exec_script(m.sql);
                if (m.versjon == 6) beregn_lesemodeller(c);
                c.exec("INSERT INTO schema_migrations (versjon, navn) VALUES ($1, $2)",
                       {m.versjon, m.navn});
            });
        }
    }
    std::unique_ptr<Database> base_, db_;
    std::string navn_;
    std::filesystem::path dir_;
};

trekk::Trekkpaalegg versjon(std::string trekkid, std::int64_t versjon, std::int64_t seq,
                            std::string pliktig, std::size_t perioder) {
    trekk::Trekkpaalegg t;
    t.trekkid = std::move(trekkid);
    t.trekkversjon = versjon;
    t.sekvensnummer = seq;
    t.opprettet = Tidspunkt::fra_mikros(1'754'751'600'123'000 + seq * 1'000'000);
    t.saksnummer = "TREKK/\"" + t.trekkid + "\"";
    t.trekkpliktig = std::move(pliktig);
    t.skyldner = "17488729357";
    t.trekkstatus = versjon == 3 ? trekk::Trekkstatus::Avsluttet : trekk::Trekkstatus::Aktiv;
    t.betalingsinformasjon = {"971648199", "6487719756", "70213997155"};
    for (std::size_t i = 0; i < perioder; ++i) {
        trekk::TrekkstoerrelseForPeriode p;
        p.startdato = Dato::fra_dager(20'000 + static_cast<std::int64_t>(i) * 31);
        if (i + 1 < perioder)
            p.sluttdato = Dato::fra_dager(20'030 + static_cast<std::int64_t>(i) * 31);
        if (i % 2 == 0)
            p.trekkbeloep = Beloep::fra_oere(500'050 + static_cast<std::int64_t>(i));
        else
            p.trekkprosent = trekk::Prosent::fra_hundredeler(1'700 + static_cast<std::int64_t>(i));
        t.perioder.push_back(p);
    }
    return t;
}

}  // namespace

TEST_P(Migrering007, FillsVisningForVersionsWrittenBeforeIt) {
    migrer_til_6();
    // Versions as writers before step 7 stored them (no visning column), among them one with
    // the most periods a version may have, and the feed's events.
    std::vector<trekk::Trekkpaalegg> gamle;
    for (std::int64_t seq = 1; seq <= 30; ++seq) {
        const std::int64_t ordre = seq % 7;
        const std::int64_t v = 1 + seq / 7;
        gamle.push_back(versjon("T" + std::to_string(ordre), v, seq,
                                ordre % 2 == 0 ? "123456789" : "987654321",
                                seq == 12 ? 500 : static_cast<std::size_t>(1 + seq % 3)));
    }
    db_->write([&](Connection& c) {
        for (const auto& t : gamle) {
            const auto& b = t.betalingsinformasjon;
            c.exec(
                "INSERT INTO trekkpaalegg (trekkid, trekkversjon, sekvensnummer, opprettet_us, "
                "saksnummer, trekkpliktig, skyldner, trekkstatus, perioder, betalingsmottaker, "
                "kidnummer, kontonummer, siste) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0)",
                {t.trekkid, t.trekkversjon, t.sekvensnummer, t.opprettet.mikros(), t.saksnummer,
                 t.trekkpliktig, t.skyldner, trekk::tekst(t.trekkstatus), perioder_json(t.perioder),
                 b.betalingsmottaker, b.kidnummer, b.kontonummer});
        }
        c.exec(
            "UPDATE trekkpaalegg SET siste = 1 WHERE sekvensnummer IN (SELECT MAX(sekvensnummer) "
            "FROM trekkpaalegg GROUP BY trekkid)",
            {});
        for (std::int64_t seq = 1; seq <= 5; ++seq)
            c.exec(
                "INSERT INTO hendelse (sekvensnummer, identifikator, gjelder_periode, "
                "registrering_us, hendelsetype, ajourhold_us) VALUES ($1, $2, '2024', $3, 'NY', "
                "$4)",
                {seq * 10, "0" + std::to_string(seq), seq * 1000,
                 seq % 2 ? std::optional<std::int64_t>(seq) : std::nullopt});
    });

    db_->migrate();

    for (const auto& t : gamle) {
        std::optional<std::string> v;
        db_->reader().query(
            "SELECT visning FROM trekkpaalegg WHERE trekkid = $1 AND trekkversjon = $2",
            {t.trekkid, t.trekkversjon}, [&](const Row& r) { v = r.str(0); });
        EXPECT_EQ(v, trekk_visning(t)) << t.trekkid << " v" << t.trekkversjon;
    }
    // Pages and the unpaged list read them in sekvensnummer order.
    TrekkStore s(*db_);
    std::vector<std::string> side, forventet;
    s.visninger_etter("123456789", 3, 1000, [&](std::string_view v) { side.emplace_back(v); });
    for (const auto& t : gamle)
        if (t.trekkpliktig == "123456789" && t.sekvensnummer > 3)
            forventet.push_back(trekk_visning(t));
    EXPECT_EQ(side, forventet);
    std::vector<std::string> gjeldende;
    s.gjeldende_visninger("987654321", [&](std::string_view v) { gjeldende.emplace_back(v); });
    EXPECT_EQ(gjeldende.size(), 3u);  // orders T1, T3, T5
    // The feed kept every event, and new ones follow.
    std::vector<std::int64_t> seq;
    db_->reader().query("SELECT sekvensnummer, ajourhold_us FROM hendelse ORDER BY sekvensnummer",
                        {}, [&](const Row& r) {
                            seq.push_back(r.i64(0));
                            EXPECT_EQ(r.is_null(1), r.i64(0) % 20 == 0);
                        });
    EXPECT_EQ(seq, (std::vector<std::int64_t>{10, 20, 30, 40, 50}));
}

TEST_P(Migrering007, VersionsWrittenAfterItCarryVisning) {
    db_->migrate();
    TrekkStore s(*db_);
    auto t = versjon("10000002", 1, 0, "123456789", 1);
    t.trekkstatus = trekk::Trekkstatus::Aktiv;
    t.betalingsinformasjon.kidnummer = "6487719756";
    t.opprettet = *Tidspunkt::parse("2025-08-09T15:00:00Z");
    t.perioder[0].startdato = *Dato::parse("2025-09-01");
    t.perioder[0].sluttdato.reset();
    auto r = s.lagre(t);
    ASSERT_TRUE(r) << r.error().melding();
    EXPECT_EQ(s.visning("123456789", "10000002", 1), trekk_visning(*r));
    EXPECT_NE(trekk_visning(*r).find("\"sekvensnummer\":1,"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrering007, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& i) { return i.param; });
