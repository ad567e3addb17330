#include "app/database.hpp"

#include <string_view>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace skd::app {

namespace {
enum class Kind { Sqlite, Postgres };

Kind kind_of(std::string_view u, const std::string& url) {
    if (u.rfind("sqlite://", 0) == 0) return Kind::Sqlite;
    if (u.rfind("postgresql://", 0) == 0 || u.rfind("postgres://", 0) == 0) return Kind::Postgres;
    throw store::DbError(store::DbError::Kind::Other,
                         "ukjent database-URL '" + url +
                             "': bruk sqlite:///sti/til/fil.sqlite eller postgresql://...");
}
}  // namespace

std::unique_ptr<store::Database> open_database(const std::string& url) {
    if (kind_of(url, url) == Kind::Sqlite) return store::open_sqlite(url.substr(9));
    return store::open_postgres(url);
}

std::unique_ptr<store::BulkLoader> open_bulk_loader(const std::string& url) {
    if (kind_of(url, url) == Kind::Sqlite) return store::open_sqlite_bulk(url.substr(9));
    return store::open_postgres_bulk(url);
}

}  // namespace skd::app
