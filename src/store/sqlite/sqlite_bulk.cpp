// SQLite bulk loader: its own connection in exclusive locking mode, one transaction under a
// rollback journal. Pages added by the load are never journaled (only pages that existed
// before), so the journal costs little, and a killed run is rolled back from the hot journal
// when the file is next opened. No fsync until the end; the page cache spills to the file when
// full, so memory stays bounded.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <vector>

#include "store/sqlite/sqlite_database.hpp"

namespace skd::store {
namespace {

class SqliteBulkLoader final : public BulkLoader {
public:
    explicit SqliteBulkLoader(const std::string& path) : path_(path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            throw DbError(DbError::Kind::Unavailable, "kan ikke åpne " + path);
        exec(
            "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; "
            "PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF");
        exec("BEGIN");
        drop_indexes();
        for (std::size_t i = 0; i < kAntallTabeller; ++i)
            sql_[i] = insert_sql(static_cast<Tabell>(i));
    }
    ~SqliteBulkLoader() override {
        for (auto* s : stmt_)
            if (s) sqlite3_finalize(s);
        sqlite3_close(db_);
    }

    void row(Tabell t, std::initializer_list<Param> v) override {
        const auto i = static_cast<std::size_t>(t);
        auto*& s = stmt_[i];
        if (!s &&
            sqlite3_prepare_v3(db_, sql_[i].c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr))
            fail("klargjøring");
        int n = 1;
        for (const Param& p : v) {
            switch (p.kind()) {
                case Param::Kind::Null:
                    sqlite3_bind_null(s, n);
                    break;
                case Param::Kind::Int:
                    sqlite3_bind_int64(s, n, p.i());
                    break;
                case Param::Kind::Text:
                    sqlite3_bind_text(s, n, p.s().data(), static_cast<int>(p.s().size()),
                                      SQLITE_STATIC);
                    break;
            }
            ++n;
        }
        if (sqlite3_step(s) != SQLITE_DONE) fail(std::string(tabell(t).navn));
        sqlite3_reset(s);
    }
    void checkpoint() override {}
    void finish() override {
        for (const auto& sql : indexes_) exec(sql);
        exec("COMMIT");
        // The commit wrote without fsync; one fsync of the file makes the whole load durable
        // before it is reported done.
        const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        if (fd >= 0) ::close(fd);
        if (!synced) throw DbError(DbError::Kind::Other, "fsync av " + path_ + " feilet");
        exec("PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL");
    }
    std::int64_t scalar(const std::string& sql) override {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) fail(sql);
        std::int64_t v = 0;
        if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        return v;
    }
    void query(const std::string& sql, const RowFn& on_row) override {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) fail(sql);
        struct R final : Row {
            sqlite3_stmt* s;
            explicit R(sqlite3_stmt* st) : s(st) {}
            bool is_null(int c) const override { return sqlite3_column_type(s, c) == SQLITE_NULL; }
            std::int64_t i64(int c) const override { return sqlite3_column_int64(s, c); }
            std::string_view text(int c) const override {
                auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
                return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s, c)))
                         : std::string_view();
            }
        } row(s);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) on_row(row);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) fail(sql);
    }
    void exec(const std::string& sql) override {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string m = err ? err : "?";
            sqlite3_free(err);
            throw DbError(DbError::Kind::Other, "SQLite: " + m + " (" + sql + ")");
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw DbError(DbError::Kind::Other, "SQLite " + what + ": " + sqlite3_errmsg(db_));
    }
    // Secondary indexes (the schema's own DDL) are rebuilt after the load: one sort each
    // instead of millions of random B-tree inserts.
    void drop_indexes() {
        const std::string sql =
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN (" +
            tabell_liste() + ")";
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) fail(sql);
        std::vector<std::string> names;
        while (sqlite3_step(s) == SQLITE_ROW) {
            names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
            indexes_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
        }
        sqlite3_finalize(s);
        for (const auto& n : names) exec("DROP INDEX \"" + n + "\"");
    }

    std::string path_;
    sqlite3* db_ = nullptr;
    std::array<std::string, kAntallTabeller> sql_;
    std::array<sqlite3_stmt*, kAntallTabeller> stmt_{};
    std::vector<std::string> indexes_;
};

}  // namespace

std::unique_ptr<BulkLoader> open_sqlite_bulk(const std::string& path) {
    return std::make_unique<SqliteBulkLoader>(path);
}

}  // namespace skd::store
