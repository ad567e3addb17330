// One suite for both backends: the same expectations bind SQLite and PostgreSQL.
// PostgreSQL runs when SKD_TEST_PG_URL names a server (scripts/pg-test-cluster.sh starts one).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "store/db.hpp"
#include "store/grants_store.hpp"
#include "store/migrations.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd::store;

namespace {

std::string fresh_url(const std::string& backend) {
    if (backend == "Sqlite") {
        auto p = skd::testdata::unique_temp_dir("skd-store") / "db.sqlite";
        return "sqlite://" + p.string();
    }
    const char* url = std::getenv("SKD_TEST_PG_URL");
    return url ? url : "";
}

class StoreContract : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        auto url = fresh_url(GetParam());
        if (url.empty()) GTEST_SKIP() << "SKD_TEST_PG_URL er ikke satt";
        db_ = GetParam() == "Sqlite" ? open_sqlite(url.substr(9)) : open_postgres(url);
        if (GetParam() == "Postgres")
            db_->reader().exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        db_->migrate();
    }
    std::unique_ptr<Database> db_;
};

}  // namespace

TEST_P(StoreContract, MigrationsAreIdempotent) {
    db_->migrate();
    EXPECT_EQ(db_->reader().query_i64("SELECT COUNT(*) FROM schema_migrations", {}).value(),
              static_cast<std::int64_t>(migrations(db_->backend()).size()));
    EXPECT_EQ(
        db_->reader().query_i64("SELECT COUNT(*) FROM sekvens WHERE navn = 'ledger'", {}).value(),
        1);
}

TEST_P(StoreContract, GrantsRoundTrip) {
    GrantsStore g(*db_);
    g.add("restanser", "dibk", "310111643");
    g.add("restanser", "dibk", "310111643");
    EXPECT_TRUE(g.granted("restanser", "dibk", "310111643"));
    EXPECT_FALSE(g.granted("restanser", "ebevis", "310111643"));
    EXPECT_EQ(g.list().size(), 1u);
    EXPECT_TRUE(g.remove("restanser", "dibk", "310111643"));
    EXPECT_FALSE(g.granted("restanser", "dibk", "310111643"));
}

TEST_P(StoreContract, RollbackLeavesNoTrace) {
    EXPECT_THROW(db_->write([](Connection& c) {
        c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('a', 'b', 'c')", {});
        throw std::runtime_error("avbrutt");
    }),
                 std::runtime_error);
    EXPECT_FALSE(GrantsStore(*db_).granted("a", "b", "c"));
}

TEST_P(StoreContract, SequenceNumbersAreGapFreeUnderConcurrentWriters) {
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                db_->write([](Connection& c) {
                    c.query_i64(
                        "UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'hendelse' RETURNING "
                        "verdi",
                        {});
                });
        });
    for (auto& t : ts) t.join();
    EXPECT_EQ(
        db_->reader().query_i64("SELECT verdi FROM sekvens WHERE navn = 'hendelse'", {}).value(),
        100);
}

// Writes that run at the same time may share one commit (SQLite groups them), but each one still
// succeeds or fails alone: a thrown exception or a broken constraint undoes only its own rows,
// and is reported to its own caller.
TEST_P(StoreContract, ConcurrentWritesSucceedOrFailAlone) {
    db_->write([](Connection& c) {
        c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('g', 'fast', '0')", {});
    });
    const auto before = db_->write_stats();
    constexpr int kThreads = 8, kEach = 30;
    std::atomic<bool> gate{false};
    std::atomic<int> waiting{0}, thrown{0}, constraint{0};
    std::vector<std::thread> ts;
    // The first write holds the writer until the others have queued, so a group must form.
    std::thread holder([&] {
        db_->write([&](Connection& c) {
            c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('g', 'holder', '0')", {});
            while (!gate) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
    });
    for (int t = 0; t < kThreads; ++t)
        ts.emplace_back([&, t] {
            ++waiting;
            for (int k = 0; k < kEach; ++k) {
                const std::string pakke = "t" + std::to_string(t), org = std::to_string(k);
                try {
                    db_->write([&](Connection& c) {
                        c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('g', $1, $2)",
                               {pakke, org});
                        if (k % 5 == 1)  // a constraint broken after a row of its own was written
                            c.exec(
                                "INSERT INTO tilgang (api, pakke, org) VALUES ('g', 'fast', '0')",
                                {});
                        if (k % 3 == 0) throw std::runtime_error("avbrutt");
                    });
                } catch (const DbError& e) {
                    EXPECT_EQ(e.kind, DbError::Kind::Constraint);
                    EXPECT_EQ(k % 5, 1);
                    ++constraint;
                } catch (const std::runtime_error&) {
                    EXPECT_EQ(k % 3, 0);
                    ++thrown;
                }
            }
        });
    while (waiting < kThreads) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    gate = true;
    holder.join();
    for (auto& t : ts) t.join();

    int expected_rows = 0;
    for (int k = 0; k < kEach; ++k) expected_rows += (k % 5 != 1 && k % 3 != 0) ? 1 : 0;
    auto& r = db_->reader();
    EXPECT_EQ(
        r.query_i64("SELECT COUNT(*) FROM tilgang WHERE api = 'g' AND pakke LIKE 't%'", {}).value(),
        expected_rows * kThreads);
    for (int k = 0; k < kEach; ++k)
        EXPECT_EQ(
            r.query_i64(
                 "SELECT COUNT(*) FROM tilgang WHERE api = 'g' AND org = $1 AND pakke LIKE 't%'",
                 {std::to_string(k)})
                .value(),
            (k % 5 != 1 && k % 3 != 0) ? kThreads : 0)
            << "k=" << k;
    EXPECT_EQ(r.query_i64("SELECT COUNT(*) FROM tilgang WHERE pakke = 'holder'", {}).value(), 1);
    EXPECT_EQ(constraint.load(), kThreads * 6);
    EXPECT_EQ(thrown.load(),
              kThreads * 10 - kThreads * 2);  // k = 6 and 21 broke the constraint first
    const auto after = db_->write_stats();
    EXPECT_EQ(after.writes - before.writes, static_cast<std::uint64_t>(kThreads * kEach + 1));
    if (GetParam() == "Sqlite") {
        EXPECT_LT(after.commits - before.commits, after.writes - before.writes);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& info) { return info.param; });

// Regression: statements were cached by the address of their text, so a formatted SQL string
// that reused another's buffer ran the other statement.
TEST_P(StoreContract, StatementsAreCachedByTheirTextNotItsAddress) {
    auto& c = db_->reader();
    std::string sql;
    std::vector<std::int64_t> got;
    for (int i = 1; i <= 3; ++i) {
        sql = "SELECT " + std::to_string(i);  // short: same buffer (SSO) every time
        got.push_back(c.query_i64(sql, {}).value());
    }
    EXPECT_EQ(got, (std::vector<std::int64_t>{1, 2, 3}));
}

// One read transaction sees one snapshot: a commit between two of its statements is not seen.
TEST_P(StoreContract, ReadTransactionSeesOneSnapshot) {
    std::int64_t foer = -1, etter = -1;
    db_->read([&](Connection& c) {
        foer = c.query_i64("SELECT COUNT(*) FROM tilgang", {}).value();
        std::thread([&] {
            db_->write([](Connection& w) {
                w.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('s', 'n', 'p')", {});
            });
        }).join();
        etter = c.query_i64("SELECT COUNT(*) FROM tilgang", {}).value();
    });
    EXPECT_EQ(foer, etter);
    EXPECT_EQ(db_->reader().query_i64("SELECT COUNT(*) FROM tilgang", {}).value(), foer + 1);
}

// Regression: a PostgreSQL value that is not a whole integer was read as 0; money must never be
// silently wrong, so it is an error. (SQLite's integers are integers by storage class.)
TEST_P(StoreContract, AnIntegerColumnThatDoesNotParseIsAnError) {
    auto& r = db_->reader();
    EXPECT_EQ(r.query_i64("SELECT 42", {}).value(), 42);
    EXPECT_EQ(r.query_i64("SELECT -9007199254740993", {}).value(), -9007199254740993LL);
    if (GetParam() != "Postgres") return;
    EXPECT_THROW(r.query_i64("SELECT 'abc'::text", {}), DbError);
    EXPECT_THROW(r.query_i64("SELECT 12.5", {}), DbError);
    EXPECT_THROW(r.query_i64("SELECT '99999999999999999999'::text", {}), DbError);
}

namespace {
// The backend's own word, inside a write, on whether its commit waits for the disk.
std::string durability_setting(const std::string& backend, Connection& c) {
    std::string v;
    c.query(backend == "Sqlite" ? "PRAGMA synchronous" : "SHOW synchronous_commit", {},
            [&](const Row& r) { v = r.str(0); });
    return v;
}
}  // namespace

// A regenerable write (a sandbox party made on first touch) commits without waiting for the
// disk; a durable one waits; writes of both kinds at the same time all commit, each alone.
TEST_P(StoreContract, RegenerableWritesDoNotWaitForTheDiskAndMixWithDurableOnes) {
    const bool sqlite = GetParam() == "Sqlite";
    std::string regenerable, durable;
    db_->write([&](Connection& c) { regenerable = durability_setting(GetParam(), c); },
               Durability::Regenerable);
    db_->write([&](Connection& c) { durable = durability_setting(GetParam(), c); });
    EXPECT_EQ(regenerable, sqlite ? "1" : "off");  // SQLite: NORMAL
    EXPECT_EQ(durable, sqlite ? "2" : "on");       // SQLite: FULL

    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t)
        ts.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i) {
                const auto d = (t + i) % 2 ? Durability::Regenerable : Durability::Durable;
                db_->write(
                    [&](Connection& c) {
                        c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('r', $1, $2)",
                               {std::to_string(t), std::to_string(i)});
                    },
                    d);
            }
        });
    for (auto& t : ts) t.join();
    EXPECT_THROW(db_->write(
                     [](Connection& c) {
                         c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ('r', 'x', 'x')", {});
                         throw std::runtime_error("avbrutt");
                     },
                     Durability::Regenerable),
                 std::runtime_error);
    EXPECT_EQ(db_->reader().query_i64("SELECT COUNT(*) FROM tilgang WHERE api = 'r'", {}).value(),
              80);
}

namespace {
std::uintmax_t file_size_or_zero(const std::filesystem::path& p) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(p, ec);
    return ec ? 0 : n;
}
}  // namespace

// SQLite checkpoints on a thread of its own: a commit that takes the WAL past 1,000 pages does
// not copy it into the database file itself, yet the pages reach the file soon after.
TEST(SqliteCheckpoints, RunBesideTheWriter) {
    const auto dir = skd::testdata::unique_temp_dir("skd-ckpt");
    auto db = open_sqlite((dir / "db.sqlite").string());
    db->write([](Connection& c) { c.exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v)"); });
    const auto start = file_size_or_zero(dir / "db.sqlite");
    // ~3 pages a commit: past 1,000 pages of WAL, short of the writer's own limit (3,000).
    const std::string v(8000, 'x');
    for (int i = 0; i < 400; ++i)
        db->write([&](Connection& c) { c.exec("INSERT INTO t (v) VALUES ($1)", {v}); },
                  Durability::Regenerable);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (file_size_or_zero(dir / "db.sqlite") < start + 400 * 8000 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_GE(file_size_or_zero(dir / "db.sqlite"), start + 400 * 8000)
        << "the WAL's pages never reached the database file";
    EXPECT_EQ(db->reader().query_i64("SELECT COUNT(*) FROM t", {}).value(), 400);
}

// Writes that never pause still see the WAL start over: it stays near the writer's limit
// (3,000 pages, ~12 MiB) while 48 MB go through it.
TEST(SqliteCheckpoints, KeepTheWalBoundedUnderAStreamOfWrites) {
    const auto dir = skd::testdata::unique_temp_dir("skd-ckpt");
    auto db = open_sqlite((dir / "db.sqlite").string());
    db->write([](Connection& c) { c.exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v)"); });
    const std::string v(8000, 'y');
    std::uintmax_t largest = 0;
    for (int i = 0; i < 6000; ++i) {
        db->write([&](Connection& c) { c.exec("INSERT INTO t (v) VALUES ($1)", {v}); },
                  Durability::Regenerable);
        if (i % 100 == 0) largest = std::max(largest, file_size_or_zero(dir / "db.sqlite-wal"));
    }
    EXPECT_LT(largest, 24u << 20) << "the WAL grew to " << largest << " bytes";
    EXPECT_EQ(db->reader().query_i64("SELECT COUNT(*) FROM t", {}).value(), 6000);
}
