// The one place that names the storage backends: a database URL becomes a Database (and, for
// the generator, a BulkLoader) of the right kind.
#pragma once

#include <memory>
#include <string>

#include "store/bulk.hpp"
#include "store/db.hpp"

namespace skd::app {

// "sqlite:///abs/path.db", "sqlite://relative.db", "postgresql://..." / "postgres://...".
// Throws store::DbError with a clear text for an unknown scheme or an unreachable database.
std::unique_ptr<store::Database> open_database(const std::string& url);
std::unique_ptr<store::BulkLoader> open_bulk_loader(const std::string& url);

}  // namespace skd::app
