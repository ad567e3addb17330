// The one place that names the storage backends: a database URL becomes a Database (and, for
// the generator, a BulkLoader) of the right kind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/bulk.hpp"
#include "store/db.hpp"

namespace skd::app {

// "sqlite:///abs/path.db", "sqlite://relative.db", "postgresql://..." / "postgres://...".
// `read_urls` are PostgreSQL hot standbys of `url` for reads (config `read_database`); they
// need a PostgreSQL `url`. Throws store::DbError with a clear text for an unknown scheme or an
// unreachable primary; a replica that does not answer is only logged (reads go elsewhere).
std::unique_ptr<store::Database> open_database(const std::string& url,
                                               const std::vector<std::string>& read_urls = {});
std::unique_ptr<store::BulkLoader> open_bulk_loader(const std::string& url);

// For /ready: adds `"lesereplikaer":[{"replika":..,"status":..,"etterslep_bytes":..}]` to the
// JSON object in `body` when the database has read replicas; leaves it alone otherwise.
void append_replica_status(store::Database& db, std::string& body);

}  // namespace skd::app
