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
        db_ = open_database(url);
        if (GetParam() == "Postgres")
            db_->reader().exec_script(
                "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        db_->migrate();
    }
    std::unique_ptr<Database> db_;
};

}  // namespace

TEST_P(StoreContract, MigrationsAreIdempotent) {
    db_->migrate();
    EXPECT_EQ(db_->reader().query_i64("SELECT COUNT(*) FROM schema_migrations", {}).value(),
              static_cast<std::int64_t>(migrations(db_->backend()).size()));
    EXPECT_EQ(db_->reader().query_i64("SELECT COUNT(*) FROM sekvens WHERE navn = 'ledger'", {}).value(), 1);
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
    }), std::runtime_error);
    EXPECT_FALSE(GrantsStore(*db_).granted("a", "b", "c"));
}

TEST_P(StoreContract, SequenceNumbersAreGapFreeUnderConcurrentWriters) {
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t)
        ts.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                db_->write([](Connection& c) {
                    c.query_i64("UPDATE sekvens SET verdi = verdi + 1 WHERE navn = 'hendelse' RETURNING verdi", {});
                });
        });
    for (auto& t : ts) t.join();
    EXPECT_EQ(db_->reader().query_i64("SELECT verdi FROM sekvens WHERE navn = 'hendelse'", {}).value(), 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& info) { return info.param; });
