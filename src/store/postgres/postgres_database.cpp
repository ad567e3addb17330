#include "store/postgres/postgres_database.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace skd::store {
namespace {

using pg::PgConnection;
using SteadyClock = std::chrono::steady_clock;

// A replica that failed is left alone this long, then tried again.
constexpr auto kRetryAfter = std::chrono::seconds(2);
// Runs of one write transaction that lost a deadlock or a serialisation conflict.
constexpr int kWriteAttempts = 5;
// /ready calls a standby lagging when it has more WAL than this still to replay.
constexpr std::int64_t kLaggingBytes = 1 << 20;

constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

std::atomic<std::uint64_t> g_next_id{1};

void raise_to(std::atomic<std::uint64_t>& a, std::uint64_t v) {
    auto cur = a.load();
    while (cur < v && !a.compare_exchange_weak(cur, v)) {
    }
}

// A read replica as every thread sees it.
struct Replica {
    explicit Replica(std::string u) : url(std::move(u)), name(pg::url_without_secrets(url)) {}
    const std::string url, name;
    // The highest replay position any connection has seen; only a hint that saves asking
    // again, so it is reset whenever the standby may have restarted.
    std::atomic<std::uint64_t> replayed{0};
    std::atomic<SteadyClock::rep> down_until{0};
    std::atomic<bool> not_standby{false};

    bool down(SteadyClock::time_point now) const {
        return now.time_since_epoch().count() < down_until.load();
    }
    void mark_down() {
        replayed.store(0);
        down_until.store((SteadyClock::now() + kRetryAfter).time_since_epoch().count());
    }
};

void rollback_quietly(PgConnection& c) {
    try {
        if (c.in_transaction()) c.exec_script("ROLLBACK");
    } catch (const DbError&) {
        // Keep the original failure.
    }
}

std::uint64_t lsn_of(const std::optional<std::string>& text) {
    return text ? pg::parse_lsn(*text).value_or(0) : 0;
}

// Writes, and every read when no replica is configured, use the primary. With replicas
// (read_database), reads go to a standby that has replayed every write this process has
// committed (the WAL position after each commit against the standby's replay position), so a
// request, and any later request to the same process, reads what the process wrote; otherwise
// to the next replica, and to the primary when none qualifies or answers.
class PostgresDatabase final : public Database {
public:
    PostgresDatabase(std::string url, const std::vector<std::string>& read_urls)
        : url_(std::move(url)), id_(g_next_id++) {
        for (const auto& u : read_urls) replicas_.push_back(std::make_unique<Replica>(u));
        primary(mine());  // fail at start if the primary is unreachable
    }
    Backend backend() const override { return Backend::Postgres; }

    Connection& reader() override {
        ThreadConns& t = mine();
        if (t.active) return *t.active;
        if (replicas_.empty()) return primary(t);
        t.routed.to = route(t);
        return t.routed;
    }

    Connection& primary_reader() override { return primary(mine()); }

    void read(const std::function<void(Connection&)>& fn) override {
        ThreadConns& t = mine();
        if (t.active) return fn(*t.active);
        run_read(t, fn, true);
    }

    void read_primary(const std::function<void(Connection&)>& fn) override {
        ThreadConns& t = mine();
        if (t.active && t.active == t.primary.get()) return fn(*t.active);
        run_read(t, fn, false);
    }

    // A transaction that lost a deadlock or a serialisation conflict runs again (fn sees a
    // fresh transaction each time), a few times with a short growing pause.
    using Database::write;
    void write(const std::function<void(Connection&)>& fn, Durability d) override {
        ++writes_;
        for (int attempt = 1;; ++attempt) {
            try {
                write_once(fn, d);
                return;
            } catch (const DbError& e) {
                if (!e.transient || attempt == kWriteAttempts) throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(attempt * attempt));
        }
    }

    void write_once(const std::function<void(Connection&)>& fn, Durability d) {
        ThreadConns& t = mine();
        PgConnection& c = primary(t);
        ActiveGuard g(t, &c);
        // A regenerable commit does not wait for its WAL to reach the disk (it still reaches a
        // standby in order, after every earlier commit).
        c.exec_script(d == Durability::Durable ? "BEGIN"
                                               : "BEGIN; SET LOCAL synchronous_commit = off");
        try {
            fn(c);
            if (replicas_.empty()) {
                c.exec_script("COMMIT");
            } else {
                // After a durable commit the WAL written so far includes the commit record;
                // a standby that has replayed up to here sees this write. A position that
                // cannot be read keeps every later read on the primary.
                const auto lsn = c.exec_script_value("COMMIT; SELECT pg_current_wal_lsn()::text");
                const auto pos = lsn ? pg::parse_lsn(*lsn) : std::nullopt;
                raise_to(written_, pos.value_or(~std::uint64_t{0}));
            }
            ++commits_;
        } catch (...) {
            rollback_quietly(c);
            throw;
        }
    }

    WriteStats write_stats() const override { return {writes_.load(), commits_.load()}; }

    std::vector<ReplicaStatus> replica_status() override {
        std::vector<ReplicaStatus> out;
        if (replicas_.empty()) return out;
        ThreadConns& t = mine();
        std::optional<std::uint64_t> head;
        try {
            head = lsn_of(primary(t).exec_script_value("SELECT pg_current_wal_lsn()::text"));
        } catch (const DbError&) {
            // The lag is unknown; the replicas are still asked.
        }
        for (std::size_t i = 0; i < replicas_.size(); ++i) {
            Replica& r = *replicas_[i];
            ReplicaStatus s;
            s.name = r.name;
            s.state = ReplicaStatus::State::Unavailable;
            if (!r.down(SteadyClock::now())) {
                try {
                    const auto lsn = replay_lsn(replica_conn(t, i));
                    raise_to(r.replayed, lsn);
                    if (head) {
                        s.lag_bytes = *head > lsn ? static_cast<std::int64_t>(*head - lsn) : 0;
                    }
                    s.state = s.lag_bytes.value_or(0) > kLaggingBytes
                                  ? ReplicaStatus::State::Lagging
                                  : ReplicaStatus::State::Ok;
                } catch (const DbError&) {
                    r.mark_down();
                }
            }
            if (s.state == ReplicaStatus::State::Unavailable && r.not_standby.load())
                s.state = ReplicaStatus::State::NotStandby;
            out.push_back(std::move(s));
        }
        return out;
    }

private:
    struct ThreadConns;
    struct Route {
        PgConnection* conn;
        Replica* replica;  // null: the primary
    };

    // What reader() gives outside read() and write(): each statement stands alone, so one
    // that fails on a replica that went away before delivering a row is run again where
    // route() sends it now.
    class RoutedReader final : public Connection {
    public:
        RoutedReader(PostgresDatabase& db, ThreadConns& t) : db_(db), t_(t) {}
        Route to{};

        void query(std::string_view sql, Params params, const RowFn& on_row) override {
            std::size_t rows = 0;
            retry(
                [&] {
                    to.conn->query(sql, params, [&](const Row& r) {
                        ++rows;
                        on_row(r);
                    });
                },
                [&] { return rows == 0; });
        }
        std::int64_t exec(std::string_view sql, Params params) override {
            std::int64_t n = 0;
            retry([&] { n = to.conn->exec(sql, params); }, [] { return true; });
            return n;
        }
        void exec_script(std::string_view sql) override {
            retry([&] { to.conn->exec_script(sql); }, [] { return true; });
        }

    private:
        template <class Run, class Again>
        void retry(const Run& run, const Again& may_run_again) {
            for (;;) {
                try {
                    return run();
                } catch (const DbError& e) {
                    if (!to.replica || e.kind != DbError::Kind::Unavailable ||
                        to.conn->in_transaction() || !may_run_again())
                        throw;
                    to.replica->mark_down();
                    to = db_.route(t_);
                }
            }
        }
        PostgresDatabase& db_;
        ThreadConns& t_;
    };

    // The calling thread's connections to this database. Only that thread touches them.
    struct ThreadConns {
        explicit ThreadConns(PostgresDatabase& db) : routed(db, *this) {}
        std::unique_ptr<PgConnection> primary;
        std::vector<std::unique_ptr<PgConnection>> replicas;
        std::size_t first = 0;           // the replica this thread tries first
        PgConnection* active = nullptr;  // the connection of the read() or write() running here
        RoutedReader routed;
    };

    class ActiveGuard {
    public:
        ActiveGuard(ThreadConns& t, PgConnection* c) : t_(t), prev_(t.active) { t.active = c; }
        ~ActiveGuard() { t_.active = prev_; }
        ActiveGuard(const ActiveGuard&) = delete;
        ActiveGuard& operator=(const ActiveGuard&) = delete;

    private:
        ThreadConns& t_;
        PgConnection* prev_;
    };

    ThreadConns& mine() {
        thread_local std::uint64_t cached_id = 0;
        thread_local ThreadConns* cached = nullptr;
        if (cached_id == id_) return *cached;
        std::lock_guard lock(mu_);
        auto& slot = conns_[std::this_thread::get_id()];
        if (!slot) {
            slot = std::make_unique<ThreadConns>(*this);
            slot->replicas.resize(replicas_.size());
            // Threads spread over the replicas round robin.
            if (!replicas_.empty()) slot->first = next_first_++ % replicas_.size();
        }
        cached_id = id_;
        cached = slot.get();
        return *slot;
    }

    PgConnection& primary(ThreadConns& t) {
        if (!t.primary) t.primary = std::make_unique<PgConnection>(url_);
        return *t.primary;
    }

    // The thread's connection to replica i, (re)connected; throws DbError if it does not
    // answer or is not a standby.
    PgConnection& replica_conn(ThreadConns& t, std::size_t i) {
        Replica& r = *replicas_[i];
        auto& slot = t.replicas[i];
        if (slot && slot->connected()) return *slot;
        // A new connection may meet a restarted standby, which can be behind what it showed.
        r.replayed.store(0);
        r.not_standby.store(false);
        if (!slot) {
            slot = std::make_unique<PgConnection>(r.url);
        } else {
            slot->ensure();
        }
        std::optional<std::string> recovering;
        try {
            recovering = slot->exec_script_value("SELECT pg_is_in_recovery()::text");
        } catch (const DbError&) {
            slot.reset();
            throw;
        }
        if (recovering != "true") {
            slot.reset();
            r.not_standby.store(true);
            throw DbError(DbError::Kind::Other, "lesereplikaen " + r.name + " er ikke en standby");
        }
        return *slot;
    }

    static std::uint64_t replay_lsn(PgConnection& c) {
        return lsn_of(c.exec_script_value("SELECT pg_last_wal_replay_lsn()::text"));
    }

    // Where a read outside any transaction of this thread goes (see the class comment).
    Route route(ThreadConns& t) {
        const std::uint64_t need = written_.load();
        for (std::size_t k = 0; k < replicas_.size(); ++k) {
            const std::size_t i = (t.first + k) % replicas_.size();
            Replica& r = *replicas_[i];
            if (r.down(SteadyClock::now())) continue;
            try {
                PgConnection& c = replica_conn(t, i);
                if (r.replayed.load() < need) {
                    raise_to(r.replayed, replay_lsn(c));
                    if (r.replayed.load() < need) continue;  // not yet replayed our writes
                }
                return {&c, &r};
            } catch (const DbError&) {
                r.mark_down();
            }
        }
        return {&primary(t), nullptr};
    }

    void run_read(ThreadConns& t, const std::function<void(Connection&)>& fn, bool on_replica) {
        for (;;) {
            Route r = on_replica ? route(t) : Route{&primary(t), nullptr};
            try {
                r.conn->exec_script(kBeginRead);
            } catch (const DbError& e) {
                if (!r.replica || e.kind != DbError::Kind::Unavailable) throw;
                // Nothing of fn has run: the read may go elsewhere.
                r.replica->mark_down();
                continue;
            }
            ActiveGuard g(t, r.conn);
            try {
                fn(*r.conn);
            } catch (const DbError& e) {
                // fn may have seen part of its answer, so it is not run again; the next read
                // goes elsewhere.
                if (r.replica && e.kind == DbError::Kind::Unavailable) r.replica->mark_down();
                rollback_quietly(*r.conn);
                throw;
            } catch (...) {
                rollback_quietly(*r.conn);
                throw;
            }
            try {
                r.conn->exec_script("COMMIT");
            } catch (const DbError& e) {
                if (r.replica && e.kind == DbError::Kind::Unavailable) r.replica->mark_down();
                throw;
            }
            return;
        }
    }

    std::string url_;
    std::uint64_t id_;
    std::vector<std::unique_ptr<Replica>> replicas_;
    std::mutex mu_;
    std::size_t next_first_ = 0;
    std::atomic<std::uint64_t> writes_{0}, commits_{0};
    // The WAL position after this process's latest commit (0 until it writes).
    std::atomic<std::uint64_t> written_{0};
    std::unordered_map<std::thread::id, std::unique_ptr<ThreadConns>> conns_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url,
                                        const std::vector<std::string>& read_urls) {
    return std::make_unique<PostgresDatabase>(url, read_urls);
}

}  // namespace skd::store
