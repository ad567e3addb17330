// One libpq connection behind store::Connection: statements prepared once per connection and
// cached by their text, reconnect on the next use after the connection broke. Internal to the
// PostgreSQL backend.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/db.hpp"

namespace skd::store::pg {

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class PgConnection final : public Connection {
public:
    // Connects at once; throws DbError(Unavailable) if the server does not answer.
    explicit PgConnection(std::string url);
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    void query(std::string_view sql, Params params, const RowFn& on_row) override;
    std::int64_t exec(std::string_view sql, Params params) override;
    void exec_script(std::string_view sql) override;
    void transaction_lock(std::int64_t key, bool shared) override;

    bool in_transaction() const { return conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    bool connected() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }
    // (Re)connects if the connection is closed or broken.
    void ensure();
    // Runs several statements without parameters; returns the first column of the first row of
    // the last statement's result, if it has one.
    std::optional<std::string> exec_script_value(std::string_view sql);

private:
    void connect();
    [[noreturn]] void fail(PGresult* r, std::string_view what);
    PGresult* run(std::string_view sql, Params params);

    std::string url_;
    PGconn* conn_ = nullptr;
    // Keyed by the statement's text (see the SQLite backend).
    std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> cache_;
};

// A WAL position as PostgreSQL writes it ("16/B374D848"); nullopt for anything else.
std::optional<std::uint64_t> parse_lsn(std::string_view text);

// The URL with user, password and options removed, for status pages and logs:
// "postgresql://u:secret@h:5433/db?sslmode=require" -> "postgresql://h:5433/db".
std::string url_without_secrets(std::string_view url);

}  // namespace skd::store::pg
