// PostgreSQL backend over libpq: one connection per thread, statements prepared once per
// connection, reconnect on a broken connection so the server recovers without a restart.
#pragma once

#include <memory>
#include <string>

#include "store/bulk.hpp"
#include "store/db.hpp"

namespace skd::store {

std::unique_ptr<Database> open_postgres(const std::string& url);

std::unique_ptr<BulkLoader> open_postgres_bulk(const std::string& url);

}  // namespace skd::store
