// Bulk loading (the generator): rows of the tables in store/tabeller.hpp through each backend's
// fastest path — SQLite prepared single-row INSERTs under one rollback-journal transaction,
// PostgreSQL COPY streams in one transaction. Secondary indexes are dropped at the start and
// rebuilt by finish(), so a killed or failed load leaves the database exactly as it was.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "store/db.hpp"
#include "store/tabeller.hpp"

namespace skd::store {

// One load; not thread-safe. Throws DbError.
class BulkLoader {
public:
    virtual ~BulkLoader() = default;
    // One row; the values in the order of the table's columns (tabeller.hpp).
    virtual void row(Tabell t, std::initializer_list<Param> values) = 0;
    // Bounds memory (PostgreSQL flushes its COPY buffers); never commits.
    virtual void checkpoint() = 0;
    // Indexes back, one durable commit.
    virtual void finish() = 0;
    // A statement inside the load's transaction (set-based work after the rows, checks).
    virtual std::int64_t scalar(const std::string& sql) = 0;
    virtual void query(const std::string& sql, const RowFn& on_row) = 0;
    virtual void exec(const std::string& sql) = 0;
};

}  // namespace skd::store
