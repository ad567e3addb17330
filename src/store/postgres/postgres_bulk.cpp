// PostgreSQL bulk loader: COPY text streams per table, flushed in dependency order, in one
// transaction; the index drops roll back with it if the load fails.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <array>
#include <cstdlib>
#include <vector>

#include "store/postgres/postgres_database.hpp"

namespace skd::store {
namespace {

class PgBulkLoader final : public BulkLoader {
public:
    explicit PgBulkLoader(const std::string& url) {
        c_ = PQconnectdb(url.c_str());
        if (PQstatus(c_) != CONNECTION_OK)
            throw DbError(DbError::Kind::Unavailable,
                          std::string("PostgreSQL: ") + PQerrorMessage(c_));
        PQsetNoticeProcessor(
            c_, [](void*, const char*) {}, nullptr);
        // Skips foreign-key triggers during the load when we are allowed to (superuser);
        // otherwise every table is flushed in dependency order so the checks pass.
        PQclear(PQexec(c_, "SET session_replication_role = replica"));
        exec("BEGIN");
        drop_indexes();
    }
    ~PgBulkLoader() override { PQfinish(c_); }

    void row(Tabell t, std::initializer_list<Param> v) override {
        std::string& b = buf_[static_cast<std::size_t>(t)];
        bool first = true;
        for (const Param& p : v) {
            if (!first) b.push_back('\t');
            first = false;
            switch (p.kind()) {
                case Param::Kind::Null:
                    b += "\\N";
                    break;
                case Param::Kind::Int:
                    fmt::format_to(std::back_inserter(b), "{}", p.i());
                    break;
                case Param::Kind::Text:
                    for (char ch : p.s()) {
                        if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                            b.push_back('\\');
                            ch = ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : '\\';
                        }
                        b.push_back(ch);
                    }
                    break;
            }
        }
        b.push_back('\n');
        if (b.size() > (4u << 20)) flush_all();
    }
    void checkpoint() override { flush_all(); }
    void finish() override {
        flush_all();
        for (const auto& sql : indexes_) exec(sql);
        for (const char* t : {"krav", "kravforfall", "innbetaling", "plassering", "utbetaling"})
            exec(
                fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                            "(SELECT COALESCE(MAX(id), 0) + 1 FROM {0}), false)",
                            t));
        exec("SET synchronous_commit = on");  // the one commit that acknowledges the load
        exec("COMMIT");
        // VACUUM sets the visibility map (index-only scans of the read models then skip the heap)
        // and the hint bits, so the first reads after a load do not write; ANALYZE plans with it.
        exec("VACUUM (ANALYZE)");
    }
    std::int64_t scalar(const std::string& sql) override {
        flush_all();
        PGresult* r = PQexec(c_, sql.c_str());
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            PQclear(r);
            fail(sql);
        }
        std::int64_t v = PQntuples(r) ? std::atoll(PQgetvalue(r, 0, 0)) : 0;
        PQclear(r);
        return v;
    }
    void query(const std::string& sql, const RowFn& on_row) override {
        flush_all();
        PGresult* r = PQexec(c_, sql.c_str());
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            PQclear(r);
            fail(sql);
        }
        struct R final : Row {
            PGresult* r;
            int i = 0;
            explicit R(PGresult* res) : r(res) {}
            bool is_null(int c) const override { return PQgetisnull(r, i, c) != 0; }
            std::int64_t i64(int c) const override { return std::atoll(PQgetvalue(r, i, c)); }
            std::string_view text(int c) const override {
                return {PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c))};
            }
        } row(r);
        for (row.i = 0; row.i < PQntuples(r); ++row.i) on_row(row);
        PQclear(r);
    }
    void exec(const std::string& sql) override {
        PGresult* r = PQexec(c_, sql.c_str());
        auto st = PQresultStatus(r);
        PQclear(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(sql);
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw DbError(DbError::Kind::Other,
                      "PostgreSQL (" + what.substr(0, 80) + "): " + PQerrorMessage(c_));
    }
    void flush_all() {
        for (std::size_t t = 0; t < kAntallTabeller; ++t) flush(static_cast<Tabell>(t));
    }
    void flush(Tabell t) {
        std::string& b = buf_[static_cast<std::size_t>(t)];
        if (b.empty()) return;
        const auto& d = tabell(t);
        std::string sql = fmt::format("COPY {} ({}) FROM STDIN", d.navn, d.kolonner);
        PGresult* r = PQexec(c_, sql.c_str());
        auto st = PQresultStatus(r);
        PQclear(r);
        if (st != PGRES_COPY_IN) fail(sql);
        if (PQputCopyData(c_, b.data(), static_cast<int>(b.size())) != 1 ||
            PQputCopyEnd(c_, nullptr) != 1)
            fail(sql);
        bool ok = true;
        while (PGresult* res = PQgetResult(c_)) {
            if (PQresultStatus(res) != PGRES_COMMAND_OK) ok = false;
            PQclear(res);
        }
        if (!ok) fail(sql);
        b.clear();
    }
    void drop_indexes() {
        const std::string sql =
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename IN (" +
            tabell_liste() +
            ") "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)";
        PGresult* r = PQexec(c_, sql.c_str());
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            PQclear(r);
            fail(sql);
        }
        std::vector<std::string> names;
        for (int i = 0; i < PQntuples(r); ++i) {
            names.emplace_back(PQgetvalue(r, i, 0));
            indexes_.emplace_back(PQgetvalue(r, i, 1));
        }
        PQclear(r);
        for (const auto& n : names) exec("DROP INDEX \"" + n + "\"");
    }

    PGconn* c_ = nullptr;
    std::array<std::string, kAntallTabeller> buf_;
    std::vector<std::string> indexes_;
};

}  // namespace

std::unique_ptr<BulkLoader> open_postgres_bulk(const std::string& url) {
    return std::make_unique<PgBulkLoader>(url);
}

}  // namespace skd::store
