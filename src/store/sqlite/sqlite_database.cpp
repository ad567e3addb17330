#include "store/sqlite/sqlite_database.hpp"

#include <pthread.h>
#include <sched.h>
#include <sqlite3.h>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace skd::store {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    const int primary = rc & 0xFF;
    auto kind = primary == SQLITE_CONSTRAINT ? DbError::Kind::Constraint
                : (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
                   primary == SQLITE_FULL || primary == SQLITE_READONLY || primary == SQLITE_BUSY ||
                   primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
                    ? DbError::Kind::Unavailable
                    : DbError::Kind::Other;
    throw DbError(kind, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Stmt {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> param_of_index;  // sqlite index (1-based) -> our $n (0-based)
};

class SqliteRow final : public Row {
public:
    explicit SqliteRow(sqlite3_stmt* s) : s_(s) {}
    bool is_null(int c) const override { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
    std::int64_t i64(int c) const override { return sqlite3_column_int64(s_, c); }
    std::string_view text(int c) const override {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
                 : std::string_view();
    }

private:
    sqlite3_stmt* s_;
};

class SqliteConnection final : public Connection {
public:
    SqliteConnection(const std::string& path, bool writer) {
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw DbError(DbError::Kind::Unavailable,
                          "kan ikke åpne SQLite-filen " + path + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 10'000);
        sqlite3_extended_result_codes(db_, 1);
        // WAL lets readers run beside the single writer. The writer uses synchronous=FULL so a
        // commit is on disk before we acknowledge it.
        exec_script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
        exec_script(writer ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        // Readers keep SQLite's default page cache on purpose: SQLite drops a connection's whole
        // cache once another connection has committed, so under a live ledger a large one is
        // refilled after every write (measured: a 32 MiB cache made quiet reads 18-23 % faster
        // and reads under 500 writes/s 10 % slower; mmap likewise).
    }
    ~SqliteConnection() override {
        for (auto& [k, s] : cache_) sqlite3_finalize(s.stmt);
        sqlite3_close(db_);
    }

    Stmt& prepare(std::string_view sql) {
        auto it = cache_.find(sql);
        if (it != cache_.end()) return it->second;
        Stmt s;
        int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &s.stmt, nullptr);
        if (rc != SQLITE_OK) fail(db_, rc, "klargjøring av SQL feilet");
        int n = sqlite3_bind_parameter_count(s.stmt);
        s.param_of_index.assign(static_cast<std::size_t>(n) + 1, -1);
        for (int i = 1; i <= n; ++i) {
            const char* name = sqlite3_bind_parameter_name(s.stmt, i);
            int k = 0;
            if (name && name[0] == '$') std::from_chars(name + 1, name + std::strlen(name), k);
            s.param_of_index[static_cast<std::size_t>(i)] = k - 1;
        }
        return cache_.emplace(std::string(sql), s).first->second;
    }

    void bind(Stmt& s, Params params) {
        sqlite3_reset(s.stmt);
        sqlite3_clear_bindings(s.stmt);
        const Param* p = params.begin();
        const int count = static_cast<int>(params.size());
        for (std::size_t i = 1; i < s.param_of_index.size(); ++i) {
            int k = s.param_of_index[i];
            if (k < 0 || k >= count) continue;
            const Param& v = p[k];
            const int idx = static_cast<int>(i);
            switch (v.kind()) {
                case Param::Kind::Null:
                    sqlite3_bind_null(s.stmt, idx);
                    break;
                case Param::Kind::Int:
                    sqlite3_bind_int64(s.stmt, idx, v.i());
                    break;
                case Param::Kind::Text:
                    sqlite3_bind_text(s.stmt, idx, v.s().data(), static_cast<int>(v.s().size()),
                                      SQLITE_STATIC);
                    break;
            }
        }
    }

    void query(std::string_view sql, Params params, const RowFn& on_row) override {
        Stmt& s = prepare(sql);
        bind(s, params);
        SqliteRow row(s.stmt);
        for (;;) {
            int rc = sqlite3_step(s.stmt);
            if (rc == SQLITE_ROW) {
                on_row(row);
                continue;
            }
            if (rc == SQLITE_DONE) break;
            sqlite3_reset(s.stmt);
            fail(db_, rc, "SQL-spørring feilet");
        }
        sqlite3_reset(s.stmt);
    }

    std::int64_t exec(std::string_view sql, Params params) override {
        Stmt& s = prepare(sql);
        bind(s, params);
        int rc;
        while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
        }
        sqlite3_reset(s.stmt);
        if (rc != SQLITE_DONE) fail(db_, rc, "SQL-setning feilet");
        return sqlite3_changes64(db_);
    }

    void exec_script(std::string_view sql) override {
        std::string s(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            fail(nullptr, rc, msg);
        }
    }

    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    // Keyed by the statement's text: a formatted SQL string that happens to reuse another's
    // address must never run the other statement.
    std::unordered_map<std::string, Stmt, TextHash, std::equal_to<>> cache_;
};

std::atomic<std::uint64_t> g_next_id{1};

// SQLite counts every allocation under one process-wide mutex unless told not to; with a
// connection per thread that mutex is contended on every statement.
void configure_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// Checkpoints run on a thread of their own, out of the way of requests. SQLite's automatic
// checkpoint copies the WAL into the database file and syncs both inside the commit that takes
// the WAL past 1,000 pages, so that write waits for every earlier one's pages: a sandbox first
// touch writes ~40 pages, and every 25th waited 10-30 ms for a copy and an fsync. Here a commit
// only tells this thread the WAL's length. The thread runs PASSIVE checkpoints (they never block
// readers or the writer) on its own connection at idle priority, so on a busy core they take the
// time requests leave over, and the next writer starts the WAL over once all of it is copied.
// When requests leave too little time and the WAL reaches kInlineFrames, the writer checkpoints
// what is left inside its commit, as SQLite would, so the WAL stays bounded.
class Checkpointer {
public:
    static constexpr int kFrames = 1000;  // SQLite's own automatic threshold
    static constexpr int kInlineFrames = 3 * kFrames;
    static constexpr int kHardFrames = 5 * kFrames;  // ~20 MiB

    explicit Checkpointer(const std::string& path) : conn_(path, false) {
        thread_ = std::thread([this] { run(); });
        set_idle(true);
    }
    ~Checkpointer() {
        {
            std::lock_guard lk(mu_);
            stop_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    // The writer's WAL hook: called on the writer's thread after each commit with the WAL's
    // length in frames.
    static int on_commit(void* self, sqlite3* writer, const char* schema, int frames) {
        auto* c = static_cast<Checkpointer*>(self);
        if (frames >= kInlineFrames) {
            // The thread may be in the middle of a checkpoint: it goes on at normal priority,
            // and the writer waits for it to finish only from kHardFrames on.
            std::unique_lock running(c->running_, std::defer_lock);
            const bool mine = frames >= kHardFrames ? (running.lock(), true) : running.try_lock();
            if (!mine) {
                c->set_idle(false);
                return SQLITE_OK;
            }
            // Failures are left to a later commit, as SQLite's own hook leaves them.
            sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        } else if (frames >= kFrames) {
            {
                std::lock_guard lk(c->mu_);
                c->due_ = true;
            }
            c->cv_.notify_one();
        }
        return SQLITE_OK;
    }

private:
    // Idle priority: a request on the same core always goes first.
    void set_idle(bool idle) {
        if (idle_.exchange(idle) == idle) return;
        sched_param p{};
        pthread_setschedparam(thread_.native_handle(), idle ? SCHED_IDLE : SCHED_OTHER, &p);
    }

    void run() {
        std::unique_lock lk(mu_);
        for (;;) {
            cv_.wait(lk, [this] { return due_ || stop_; });
            if (stop_) return;
            due_ = false;
            lk.unlock();
            {
                // A checkpoint that fails (busy, I/O) is tried again after a later commit.
                std::lock_guard running(running_);
                sqlite3_wal_checkpoint_v2(conn_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                          nullptr, nullptr);
            }
            set_idle(true);
            lk.lock();
        }
    }

    SqliteConnection conn_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool due_ = false, stop_ = false;
    std::mutex running_;  // held while the thread checkpoints
    std::atomic<bool> idle_{false};
    std::thread thread_;
};

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(std::string path) : path_(std::move(path)), id_(g_next_id++) {
        configure_sqlite_once();
        writer_ = std::make_unique<SqliteConnection>(path_, true);
        checkpointer_ = std::make_unique<Checkpointer>(path_);
        sqlite3_wal_hook(writer_->handle(), &Checkpointer::on_commit, checkpointer_.get());
    }
    ~SqliteDatabase() override {
        // The writer goes first, so no commit calls the hook of a stopped checkpointer.
        writer_.reset();
        checkpointer_.reset();
    }
    Backend backend() const override { return Backend::Sqlite; }

    Connection& reader() override {
        // Fast path: the calling thread's connection for this database.
        thread_local std::uint64_t cached_id = 0;
        thread_local Connection* cached = nullptr;
        if (cached_id == id_) return *cached;
        std::lock_guard lock(mu_);
        auto& slot = readers_[std::this_thread::get_id()];
        if (!slot) slot = std::make_unique<SqliteConnection>(path_, false);
        cached_id = id_;
        cached = slot.get();
        return *slot;
    }

    // Group commit: a thread that finds no commit under way leads; it takes every write queued
    // meanwhile and runs them in one transaction, each inside its own savepoint (a failing one is
    // undone alone), then commits once: one fsync for the whole group. The others wait for the
    // leader and return (or rethrow their own failure) only after that commit.
    using Database::write;
    void write(const std::function<void(Connection&)>& fn, Durability d) override {
        Pending me{&fn, nullptr, false, d == Durability::Durable};
        std::unique_lock lock(queue_mu_);
        queue_.push_back(&me);
        while (!me.done) {
            if (leading_) {
                queue_cv_.wait(lock);
                continue;
            }
            leading_ = true;
            std::vector<Pending*> group;
            group.swap(queue_);
            lock.unlock();
            run_group(group);
            lock.lock();
            leading_ = false;
            for (auto* p : group) p->done = true;
            queue_cv_.notify_all();
        }
        lock.unlock();
        if (me.error) std::rethrow_exception(me.error);
    }

    WriteStats write_stats() const override { return {writes_.load(), commits_.load()}; }

    void read(const std::function<void(Connection&)>& fn) override {
        auto& c = static_cast<SqliteConnection&>(reader());
        if (c.in_transaction()) return fn(c);
        // A deferred BEGIN: the snapshot is taken by the first SELECT and held until COMMIT.
        c.exec("BEGIN", {});
        try {
            fn(c);
        } catch (...) {
            try {
                c.exec("ROLLBACK", {});
            } catch (const DbError&) {
                // Keep the original failure.
            }
            throw;
        }
        c.exec("COMMIT", {});
    }

private:
    struct Pending {
        const std::function<void(Connection&)>* fn;
        std::exception_ptr error;
        bool done;
        bool durable;
    };

    // synchronous=FULL syncs the WAL at every commit; NORMAL leaves it to the next durable
    // commit or checkpoint (a commit then survives a crash of the process, not of the machine).
    void set_durable(bool durable) {
        if (durable == durable_) return;
        writer_->exec_script(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        durable_ = durable;
    }

    void rollback() {
        try {
            if (writer_->in_transaction()) writer_->exec_script("ROLLBACK");
        } catch (const DbError&) {
            // The original failure is the one to report.
        }
    }

    // Runs group[i..] in transactions until every entry has run or failed; a transaction the
    // database abandons (I/O error, full disk) fails the entries that ran in it, and the rest
    // go on in a fresh one.
    void run_group(const std::vector<Pending*>& group) {
        const bool alone = group.size() == 1;
        bool durable = false;
        for (const auto* p : group) durable = durable || p->durable;
        std::size_t i = 0;
        while (i < group.size()) {
            const std::size_t first = i;
            try {
                set_durable(durable);
                writer_->exec_script("BEGIN IMMEDIATE");
            } catch (...) {
                for (; i < group.size(); ++i) group[i]->error = std::current_exception();
                return;
            }
            bool lost = false;
            for (; i < group.size() && !lost; ++i) {
                Pending& p = *group[i];
                ++writes_;
                try {
                    if (!alone) writer_->exec_script("SAVEPOINT skriv");
                    (*p.fn)(*writer_);
                    if (!alone) writer_->exec_script("RELEASE skriv");
                } catch (...) {
                    p.error = std::current_exception();
                    if (alone) {
                        lost = true;
                    } else {
                        try {
                            if (!writer_->in_transaction()) throw DbError(DbError::Kind::Other, "");
                            writer_->exec_script("ROLLBACK TO skriv; RELEASE skriv");
                        } catch (...) {
                            lost = true;
                        }
                    }
                }
            }
            if (lost) {
                rollback();
                for (std::size_t j = first; j < i; ++j)
                    if (!group[j]->error) group[j]->error = group[i - 1]->error;
                continue;
            }
            try {
                writer_->exec_script("COMMIT");
                ++commits_;
            } catch (...) {
                auto e = std::current_exception();
                rollback();
                for (std::size_t j = first; j < i; ++j)
                    if (!group[j]->error) group[j]->error = e;
            }
        }
    }

    std::string path_;
    std::uint64_t id_;
    std::mutex mu_;
    std::mutex queue_mu_;
    std::condition_variable queue_cv_;
    std::vector<Pending*> queue_;
    bool leading_ = false;
    bool durable_ = true;  // the writer opens with synchronous=FULL
    std::atomic<std::uint64_t> writes_{0}, commits_{0};
    std::unordered_map<std::thread::id, std::unique_ptr<SqliteConnection>> readers_;
    std::unique_ptr<SqliteConnection> writer_;
    std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) {
    return std::make_unique<SqliteDatabase>(path);
}

}  // namespace skd::store
