// The trekkpålegg midnight job (store::TrekkStore::midnattsjobb) and its scheduler (Jobber), on
// both backends. PostgreSQL runs when SKD_TEST_PG_URL names a server; each test gets a database
// of its own.
#include "app/jobber.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/database.hpp"
#include "core/clock.hpp"
#include "store/trekk_store.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd;

namespace {

Dato d(std::string_view s) {
    return Dato::parse(s).value();
}
Tidspunkt t(std::string_view s) {
    return Tidspunkt::parse(s).value();
}

// Version 1 of an order written on `opprettet`, one period from `start` to `slutt`.
trekk::Trekkpaalegg ordre(const std::string& trekkid, std::string_view opprettet,
                          std::string_view start, std::string_view slutt) {
    trekk::Trekkpaalegg x;
    x.trekkid = trekkid;
    x.trekkversjon = 1;
    x.opprettet = t(opprettet);
    x.saksnummer = "TREKK/JOBB/" + trekkid;
    x.trekkpliktig = "123456789";
    x.skyldner = "16507500866";
    x.betalingsinformasjon = {"971648199", "6487719756", "70213997155"};
    trekk::TrekkstoerrelseForPeriode p;
    p.startdato = d(start);
    p.sluttdato = d(slutt);
    p.trekkprosent = trekk::Prosent::fra_hundredeler(1250);
    x.perioder = {p};
    return x;
}

class MidnattsjobbTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "Sqlite") {
            url_ = "sqlite://" + (testdata::unique_temp_dir("skd-jobber") / "db.sqlite").string();
        } else {
            const char* base = std::getenv("SKD_TEST_PG_URL");
            if (!base || !*base) GTEST_SKIP() << "SKD_TEST_PG_URL er ikke satt";
            static std::atomic<int> n{0};
            navn_ = "skd_jobber_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
            base_ = app::open_database(base);
            base_->reader().exec_script("DROP DATABASE IF EXISTS " + navn_);
            base_->reader().exec_script("CREATE DATABASE " + navn_);
            url_ = std::string(base);
            url_ = url_.substr(0, url_.rfind('/') + 1) + navn_;
        }
        db_ = app::open_database(url_);
        db_->migrate();
    }
    void TearDown() override {
        db_.reset();
        if (base_) base_->reader().exec_script("DROP DATABASE IF EXISTS " + navn_);
    }

    void lagre(const trekk::Trekkpaalegg& x) {
        auto r = store::TrekkStore(*db_).lagre(x);
        ASSERT_TRUE(r) << r.error().melding();
    }
    // Every version of the test trekkpliktig, ascending by sekvensnummer.
    std::vector<trekk::Trekkpaalegg> alle() const {
        return store::TrekkStore(*db_).versjoner_etter("123456789", 0, 1000);
    }
    std::vector<trekk::Trekkpaalegg> avsluttede() const {
        std::vector<trekk::Trekkpaalegg> r;
        for (auto& v : alle())
            if (v.trekkstatus == trekk::Trekkstatus::Avsluttet) r.push_back(v);
        return r;
    }

    std::string url_, navn_;
    std::unique_ptr<store::Database> base_, db_;
};

TEST_P(MidnattsjobbTest, RunsOncePerDateAndWritesEachEndedOrderOnce) {
    lagre(ordre("J-1", "2025-09-01T10:00:00Z", "2025-09-10", "2025-09-30"));
    store::TrekkStore s(*db_);

    auto foer = s.midnattsjobb(d("2025-09-30"));  // the last day itself: still active
    EXPECT_TRUE(foer.kjoert);
    EXPECT_EQ(foer.antall, 0);
    auto r = s.midnattsjobb(d("2025-10-01"));
    EXPECT_TRUE(r.kjoert);
    EXPECT_EQ(r.antall, 1);
    auto igjen = s.midnattsjobb(d("2025-10-01"));  // same date: nothing is even looked at
    EXPECT_FALSE(igjen.kjoert);
    EXPECT_EQ(igjen.antall, 0);
    auto neste = s.midnattsjobb(d("2025-10-02"));  // a new date finds nothing left to end
    EXPECT_TRUE(neste.kjoert);
    EXPECT_EQ(neste.antall, 0);

    auto v = alle();
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[1].trekkversjon, 2);
    EXPECT_EQ(v[1].sekvensnummer, 2);
    EXPECT_EQ(v[1].trekkstatus, trekk::Trekkstatus::Avsluttet);
    EXPECT_EQ(v[1].perioder, v[0].perioder);
}

TEST_P(MidnattsjobbTest, StampsTheOsloMidnightAfterSluttdatoAcrossDaylightSavingChanges) {
    // Norway: CET (UTC+1) in winter, CEST (UTC+2) from 01:00 UTC on the last Sunday of March
    // (2026-03-29) to 01:00 UTC on the last Sunday of October (2026-10-25).
    lagre(ordre("DST-1", "2026-03-01T10:00:00Z", "2026-03-10", "2026-03-28"));
    lagre(ordre("DST-2", "2026-03-01T10:00:01Z", "2026-03-10", "2026-03-29"));
    lagre(ordre("DST-3", "2026-03-01T10:00:02Z", "2026-03-10", "2026-10-24"));
    lagre(ordre("DST-4", "2026-03-01T10:00:03Z", "2026-03-10", "2026-10-25"));
    store::TrekkStore s(*db_);
    EXPECT_EQ(s.midnattsjobb(d("2026-03-29")).antall, 1);
    EXPECT_EQ(s.midnattsjobb(d("2026-03-30")).antall, 1);
    EXPECT_EQ(s.midnattsjobb(d("2026-10-25")).antall, 1);
    EXPECT_EQ(s.midnattsjobb(d("2026-10-26")).antall, 1);
    auto a = avsluttede();
    ASSERT_EQ(a.size(), 4u);
    // 00:00 on 29 March is still winter time: 23:00 UTC the day before.
    EXPECT_EQ(a[0].trekkid, "DST-1");
    EXPECT_EQ(a[0].opprettet, t("2026-03-28T23:00:00Z"));
    // 00:00 on 30 March is summer time: 22:00 UTC.
    EXPECT_EQ(a[1].trekkid, "DST-2");
    EXPECT_EQ(a[1].opprettet, t("2026-03-29T22:00:00Z"));
    // 00:00 on 25 October is still summer time (the change is at 03:00 local): 22:00 UTC.
    EXPECT_EQ(a[2].trekkid, "DST-3");
    EXPECT_EQ(a[2].opprettet, t("2026-10-24T22:00:00Z"));
    // 00:00 on 26 October is winter time again: 23:00 UTC.
    EXPECT_EQ(a[3].trekkid, "DST-4");
    EXPECT_EQ(a[3].opprettet, t("2026-10-25T23:00:00Z"));
}

TEST_P(MidnattsjobbTest, AJumpOfSeveralDaysWritesEachEndedOrderOnceInTheOrderOfItsMidnight) {
    // Written in the opposite order of their endings, so sekvensnummer order and time differ.
    lagre(ordre("HOPP-C", "2026-03-01T10:00:00Z", "2026-03-10", "2026-03-30"));
    lagre(ordre("HOPP-B", "2026-03-01T10:00:01Z", "2026-03-10", "2026-03-28"));
    lagre(ordre("HOPP-A", "2026-03-01T10:00:02Z", "2026-03-10", "2026-03-26"));
    lagre(ordre("HOPP-AKTIV", "2026-03-01T10:00:03Z", "2026-03-10", "2026-04-30"));
    store::TrekkStore s(*db_);
    EXPECT_EQ(s.midnattsjobb(d("2026-03-20")).antall, 0);
    // The server was down (or a test clock jumped) from 20 March to 2 April.
    EXPECT_EQ(s.midnattsjobb(d("2026-04-02")).antall, 3);
    EXPECT_EQ(s.midnattsjobb(d("2026-04-03")).antall, 0);
    auto a = avsluttede();
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[0].trekkid, "HOPP-A");
    EXPECT_EQ(a[0].opprettet, t("2026-03-26T23:00:00Z"));  // 00:00 CET on 27 March
    EXPECT_EQ(a[1].trekkid, "HOPP-B");
    EXPECT_EQ(a[1].opprettet, t("2026-03-28T23:00:00Z"));  // 00:00 CET on 29 March
    EXPECT_EQ(a[2].trekkid, "HOPP-C");
    EXPECT_EQ(a[2].opprettet, t("2026-03-30T22:00:00Z"));  // 00:00 CEST on 31 March
    EXPECT_LT(a[0].sekvensnummer, a[1].sekvensnummer);
    EXPECT_LT(a[1].sekvensnummer, a[2].sekvensnummer);
    for (const auto& v : a) EXPECT_EQ(v.trekkversjon, 2) << v.trekkid;
}

TEST_P(MidnattsjobbTest, RunsOnSeveralThreadsAndConnectionsWriteEachVersionOnce) {
    for (int i = 0; i < 20; ++i)
        lagre(ordre("PAR-" + std::to_string(i), "2026-05-01T10:00:00Z", "2026-05-10",
                    i % 2 ? "2026-05-31" : "2026-06-01"));
    // Each thread has its own Database, as separate server instances would.
    std::atomic<std::int64_t> skrevet{0};
    std::atomic<int> kjoert{0};
    std::vector<std::thread> traader;
    for (int i = 0; i < 6; ++i)
        traader.emplace_back([&] {
            auto db = app::open_database(url_);
            for (int k = 0; k < 3; ++k) {
                auto r = store::TrekkStore(*db).midnattsjobb(d("2026-06-15"));
                skrevet += r.antall;
                kjoert += r.kjoert ? 1 : 0;
            }
        });
    for (auto& x : traader) x.join();
    EXPECT_EQ(skrevet.load(), 20);
    EXPECT_EQ(kjoert.load(), 1);
    auto a = avsluttede();
    EXPECT_EQ(a.size(), 20u);
    auto v = alle();
    for (std::size_t i = 0; i < v.size(); ++i)
        EXPECT_EQ(v[i].sekvensnummer, static_cast<std::int64_t>(i + 1));  // no gaps
}

TEST_P(MidnattsjobbTest, SchedulerRunsAtStartAndWithinASecondOfTheClockPassingMidnight) {
    lagre(ordre("KLOKKE-1", "2026-07-01T10:00:00Z", "2026-07-02", "2026-07-09"));
    lagre(ordre("KLOKKE-2", "2026-07-01T10:00:01Z", "2026-07-02", "2026-07-10"));
    FixedClock klokke(t("2026-07-10T12:00:00Z"));
    app::Jobber jobber(*db_, klokke);
    jobber.start();
    // At start: the order that ended yesterday.
    ASSERT_EQ(avsluttede().size(), 1u);

    // 00:00:30 on 11 July in Norway.
    klokke.sett(t("2026-07-10T22:00:30Z"));
    const auto frist = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (avsluttede().size() < 2 && std::chrono::steady_clock::now() < frist)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto a = avsluttede();
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[1].trekkid, "KLOKKE-2");
    EXPECT_EQ(a[1].opprettet, t("2026-07-10T22:00:00Z"));
    jobber.stopp();
}

TEST_P(MidnattsjobbTest, SchedulerTouchesTheDatabaseOnlyWhenTheDateChanges) {
    FixedClock klokke(t("2026-07-10T12:00:00Z"));
    app::Jobber jobber(*db_, klokke, std::chrono::milliseconds(5));
    jobber.start();
    const auto foer = db_->write_stats().writes;
    // Many ticks within the same Norwegian date (23:59 in Norway is still 10 July).
    klokke.sett(t("2026-07-10T21:59:00Z"));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(db_->write_stats().writes, foer);
    jobber.stopp();
}

TEST_P(MidnattsjobbTest, KjoerNaaRunsTheJobAtOnceAfterTheClockMoved) {
    lagre(ordre("NAA-1", "2026-07-01T10:00:00Z", "2026-07-02", "2026-07-20"));
    FixedClock klokke(t("2026-07-10T12:00:00Z"));
    app::Jobber jobber(*db_, klokke, std::chrono::hours(1));  // the poll never fires here
    jobber.start();
    EXPECT_TRUE(avsluttede().empty());
    klokke.sett(t("2026-08-01T12:00:00Z"));
    EXPECT_EQ(jobber.kjoer_naa(), 1);
    EXPECT_EQ(jobber.kjoer_naa(), 0);
    ASSERT_EQ(avsluttede().size(), 1u);
    EXPECT_EQ(avsluttede()[0].opprettet, t("2026-07-20T22:00:00Z"));
}

INSTANTIATE_TEST_SUITE_P(Backends, MidnattsjobbTest, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& i) { return i.param; });

}  // namespace
