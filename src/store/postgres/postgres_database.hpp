// PostgreSQL backend over libpq: one connection per thread, statements prepared once per
// connection, reconnect on a broken connection so the server recovers without a restart.
// Reads may go to hot standbys (read replicas); writes always go to the primary.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/bulk.hpp"
#include "store/db.hpp"

namespace skd::store {

// `read_urls`: hot standbys of `url` for reads (see PostgresDatabase in the .cpp for the rule).
// Throws DbError if the primary does not answer; replicas are only tried when read from.
std::unique_ptr<Database> open_postgres(const std::string& url,
                                        const std::vector<std::string>& read_urls = {});

std::unique_ptr<BulkLoader> open_postgres_bulk(const std::string& url);

}  // namespace skd::store
