#include "app/database.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
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

std::string_view state_text(store::ReplicaStatus::State s) {
    switch (s) {
        case store::ReplicaStatus::State::Ok:
            return "ok";
        case store::ReplicaStatus::State::Lagging:
            return "etter";
        case store::ReplicaStatus::State::Unavailable:
            return "utilgjengelig";
        case store::ReplicaStatus::State::NotStandby:
            return "ikke standby";
    }
    return "ukjent";
}
}  // namespace

std::unique_ptr<store::Database> open_database(const std::string& url,
                                               const std::vector<std::string>& read_urls) {
    const Kind kind = kind_of(url, url);
    for (const auto& r : read_urls)
        if (kind != Kind::Postgres || kind_of(r, r) != Kind::Postgres)
            throw store::DbError(store::DbError::Kind::Other,
                                 "read_database krever PostgreSQL både for database og for hver "
                                 "lesereplika (postgresql://...)");
    if (kind == Kind::Sqlite) return store::open_sqlite(url.substr(9));
    auto db = store::open_postgres(url, read_urls);
    for (const auto& s : db->replica_status()) {
        if (s.state == store::ReplicaStatus::State::Ok)
            spdlog::info("lesereplika {}: ok", s.name);
        else
            spdlog::warn("lesereplika {}: {}; lesing går til andre replikaer eller primæren",
                         s.name, state_text(s.state));
    }
    return db;
}

std::unique_ptr<store::BulkLoader> open_bulk_loader(const std::string& url) {
    if (kind_of(url, url) == Kind::Sqlite) return store::open_sqlite_bulk(url.substr(9));
    return store::open_postgres_bulk(url);
}

void append_replica_status(store::Database& db, std::string& body) {
    const auto states = db.replica_status();
    if (states.empty() || body.empty() || body.back() != '}') return;
    boost::json::array list;
    for (const auto& s : states) {
        boost::json::object o;
        o["replika"] = s.name;
        o["status"] = state_text(s.state);
        if (s.lag_bytes) o["etterslep_bytes"] = *s.lag_bytes;
        list.push_back(std::move(o));
    }
    body.pop_back();
    body += ",\"lesereplikaer\":" + boost::json::serialize(list) + "}";
}

}  // namespace skd::app
