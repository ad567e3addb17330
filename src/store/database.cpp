#include <string_view>

#include "store/db.hpp"
#include "store/migrations.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace skd::store {

std::unique_ptr<Database> open_database(const std::string& url) {
    std::string_view u = url;
    if (u.rfind("sqlite://", 0) == 0) return open_sqlite(std::string(u.substr(9)));
    if (u.rfind("postgresql://", 0) == 0 || u.rfind("postgres://", 0) == 0)
        return open_postgres(url);
    throw DbError(DbError::Kind::Other,
                  "ukjent database-URL '" + url +
                      "': bruk sqlite:///sti/til/fil.sqlite eller postgresql://...");
}

bool Database::ping() {
    try {
        return reader().query_i64("SELECT 1", {}).value_or(0) == 1;
    } catch (const DbError&) {
        return false;
    }
}

void Database::migrate() {
    auto& c = reader();
    c.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (versjon INTEGER PRIMARY KEY, navn TEXT NOT "
        "NULL)");
    for (const auto& m : migrations(backend())) {
        auto done =
            c.query_i64("SELECT COUNT(*) FROM schema_migrations WHERE versjon = $1", {m.versjon});
        if (done.value_or(0) > 0) continue;
        write([&](Connection& w) {
            w.exec_script(m.sql);
            w.exec("INSERT INTO schema_migrations (versjon, navn) VALUES ($1, $2)",
                   {m.versjon, m.navn});
        });
    }
}

}  // namespace skd::store
