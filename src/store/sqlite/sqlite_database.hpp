// SQLite backend: WAL, prepared statements cached per connection, one reader connection per
// thread and a single writer connection behind a mutex.
#pragma once

#include <memory>
#include <string>

#include "store/bulk.hpp"
#include "store/db.hpp"

namespace skd::store {

std::unique_ptr<Database> open_sqlite(const std::string& path);

std::unique_ptr<BulkLoader> open_sqlite_bulk(const std::string& path);

}  // namespace skd::store
