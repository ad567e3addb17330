#include "store/postgres/postgres_database.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/postgres/pg_connection.hpp"

namespace skd::store {
namespace {

using pg::PgConnection;

std::atomic<std::uint64_t> g_next_id{1};

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(std::string url) : url_(std::move(url)), id_(g_next_id++) {
        reader();  // fail at start if the server is unreachable
    }
    Backend backend() const override { return Backend::Postgres; }

    Connection& reader() override {
        thread_local std::uint64_t cached_id = 0;
        thread_local PgConnection* cached = nullptr;
        if (cached_id == id_) return *cached;
        std::lock_guard lock(mu_);
        auto& slot = conns_[std::this_thread::get_id()];
        if (!slot) slot = std::make_unique<PgConnection>(url_);
        cached_id = id_;
        cached = slot.get();
        return *slot;
    }

    void write(const std::function<void(Connection&)>& fn) override {
        auto& c = static_cast<PgConnection&>(reader());
        ++writes_;
        c.exec_script("BEGIN");
        try {
            fn(c);
            c.exec_script("COMMIT");
            ++commits_;
        } catch (...) {
            try {
                if (c.in_transaction()) c.exec_script("ROLLBACK");
            } catch (const DbError&) {
                // Keep the original failure.
            }
            throw;
        }
    }

    WriteStats write_stats() const override { return {writes_.load(), commits_.load()}; }

    void read(const std::function<void(Connection&)>& fn) override {
        auto& c = static_cast<PgConnection&>(reader());
        if (c.in_transaction()) return fn(c);
        c.exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
            fn(c);
        } catch (...) {
            try {
                if (c.in_transaction()) c.exec_script("ROLLBACK");
            } catch (const DbError&) {
                // Keep the original failure.
            }
            throw;
        }
        c.exec_script("COMMIT");
    }

private:
    std::string url_;
    std::uint64_t id_;
    std::mutex mu_;
    std::atomic<std::uint64_t> writes_{0}, commits_{0};
    std::unordered_map<std::thread::id, std::unique_ptr<PgConnection>> conns_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url) {
    return std::make_unique<PostgresDatabase>(url);
}

}  // namespace skd::store
