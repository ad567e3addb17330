// The database seen by the domain stores: prepared statements with $1..$n parameters, written
// once in the SQL both backends accept. Backends differ only in connections, transactions and
// DDL (migrations/<backend>/). Failures of the database itself are DbError exceptions: they
// are rare, and the pipeline maps them to the owning API's back-end code (-002).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace skd::store {

enum class Backend { Sqlite, Postgres };

struct DbError : std::runtime_error {
    enum class Kind { Unavailable, Constraint, Other };
    DbError(Kind k, const std::string& what, bool transient_ = false)
        : std::runtime_error(what), kind(k), transient(transient_) {}
    Kind kind;
    // A deadlock or serialisation failure between concurrent transactions (PostgreSQL 40P01,
    // 40001): the same transaction run again may succeed. Database::write retries these.
    bool transient = false;
};

class Param {
public:
    enum class Kind { Null, Int, Text };
    Param() = default;
    Param(std::nullopt_t) {}
    Param(std::int64_t v) : kind_(Kind::Int), i_(v) {}
    Param(int v) : kind_(Kind::Int), i_(v) {}
    Param(bool v) : kind_(Kind::Int), i_(v ? 1 : 0) {}
    Param(std::string_view v) : kind_(Kind::Text), s_(v) {}
    Param(const std::string& v) : kind_(Kind::Text), s_(v) {}
    Param(const char* v) : kind_(Kind::Text), s_(v) {}
    template <class T>
    Param(const std::optional<T>& v) {
        if (v) *this = Param(*v);
    }
    Kind kind() const { return kind_; }
    std::int64_t i() const { return i_; }
    std::string_view s() const { return s_; }

private:
    Kind kind_ = Kind::Null;
    std::int64_t i_ = 0;
    std::string_view s_;
};

class Row {
public:
    virtual ~Row() = default;
    virtual bool is_null(int col) const = 0;
    virtual std::int64_t i64(int col) const = 0;
    virtual std::string_view text(int col) const = 0;
    std::optional<std::string> opt_text(int col) const {
        if (is_null(col)) return std::nullopt;
        return std::string(text(col));
    }
    std::optional<std::int64_t> opt_i64(int col) const {
        if (is_null(col)) return std::nullopt;
        return i64(col);
    }
    std::string str(int col) const { return std::string(text(col)); }
};

using Params = std::initializer_list<Param>;
using RowFn = std::function<void(const Row&)>;

// One connection; not thread-safe. Statements are prepared once per connection and cached by
// their text, so any string (literal or built) may be passed.
class Connection {
public:
    virtual ~Connection() = default;
    virtual void query(std::string_view sql, Params params, const RowFn& on_row) = 0;
    // Returns the number of rows changed.
    virtual std::int64_t exec(std::string_view sql, Params params) = 0;
    // Several statements without parameters (migrations, bulk set-up).
    virtual void exec_script(std::string_view sql) = 0;
    // A lock held until the end of the current write transaction, shared or exclusive, on an
    // application-chosen key (PostgreSQL advisory locks). SQLite has one writer at a time, so
    // it needs none.
    virtual void transaction_lock(std::int64_t /*key*/, bool /*shared*/) {}

    std::optional<std::int64_t> query_i64(std::string_view sql, Params params) {
        std::optional<std::int64_t> v;
        query(sql, params, [&](const Row& r) {
            if (!v && !r.is_null(0)) v = r.i64(0);
        });
        return v;
    }
};

// Counters of Database::write: transactions asked for and commits made (equal unless commits
// are grouped).
struct WriteStats {
    std::uint64_t writes = 0, commits = 0;
};

// A read replica (PostgreSQL `read_database`) as seen now, for /ready.
struct ReplicaStatus {
    // Ok: answers and is close behind the primary; Lagging: answers but has more than 1 MiB of
    // WAL still to replay; Unavailable: does not answer (left alone for a moment, then tried
    // again); NotStandby: answers but is not in recovery, so it is never read.
    enum class State { Ok, Lagging, Unavailable, NotStandby };
    std::string name;  // the URL without user, password or options
    State state = State::Unavailable;
    std::optional<std::int64_t> lag_bytes;  // WAL still to replay, when the primary answered
};

// How a write has to reach the disk before Database::write returns.
//  - Durable: on disk; a crash of the machine loses nothing that was acknowledged.
//  - Regenerable: data the server makes again, identically, whenever it is missing (a sandbox
//    party made on first touch from the sandbox seed and its identifier). The commit is visible
//    and survives a crash of the server process at once, but is not waited for on disk (SQLite
//    WAL synchronous=NORMAL, PostgreSQL synchronous_commit=off): a crash of the machine or of
//    PostgreSQL may lose the last such commits, never a durable one and never the database's
//    consistency, and the next request naming the party makes it again.
enum class Durability { Durable, Regenerable };

class Database {
public:
    virtual ~Database() = default;
    virtual Backend backend() const = 0;
    // A connection owned by the calling thread, for reads. Inside read() or write() on this
    // thread it is that call's connection. With read replicas (PostgreSQL `read_database`) it
    // may be a standby's: one that has replayed every write this process has committed, so a
    // process always reads its own writes, but it may be behind writes made by other processes
    // by the replication lag. A reader taken before a write need not see that write: take
    // reader() again after writing.
    virtual Connection& reader() = 0;
    // Runs fn on the calling thread's reader inside one read transaction, so an answer built
    // from several statements sees one snapshot even while writes commit (SQLite: a read
    // transaction; PostgreSQL: REPEATABLE READ READ ONLY). Nested calls join the outer one.
    // On a replica that fails before fn starts, the read goes to another replica or the
    // primary; a failure during fn is thrown (fn is never run twice).
    virtual void read(const std::function<void(Connection&)>& fn) = 0;
    // The same on the primary itself, for reads that must not lag behind other processes'
    // writes. Backends without replicas (SQLite) give reader() and read().
    virtual Connection& primary_reader() { return reader(); }
    virtual void read_primary(const std::function<void(Connection&)>& fn) { read(fn); }
    // Runs fn in one transaction on the primary and commits; rolls back and rethrows if fn
    // throws. SQLite has one writer at a time; PostgreSQL serialises only where the SQL locks.
    // A Durable commit is on disk (fsync on SQLite, synchronous_commit on PostgreSQL) before
    // write() returns; a Regenerable one is not waited for (see Durability). SQLite groups
    // concurrent writes into one commit, durable if any of them asks; each fn still succeeds or
    // fails alone. Sequence numbers are only ever taken here, so they come from the primary.
    void write(const std::function<void(Connection&)>& fn) { write(fn, Durability::Durable); }
    virtual void write(const std::function<void(Connection&)>& fn, Durability d) = 0;
    virtual WriteStats write_stats() const = 0;
    // Each read replica's state now (asks each one that is not left alone after a failure);
    // empty without replicas.
    virtual std::vector<ReplicaStatus> replica_status() { return {}; }
    // True if the primary answers now (a trivial query on the calling thread's connection).
    bool ping();
    // Applies pending migrations; throws DbError with a clear text on failure.
    void migrate();
};

}  // namespace skd::store
