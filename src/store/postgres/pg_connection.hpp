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

    bool in_transaction() const { return conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    // (Re)connects if the connection is closed or broken.
    void ensure();

private:
    void connect();
    [[noreturn]] void fail(PGresult* r, std::string_view what);
    PGresult* run(std::string_view sql, Params params);

    std::string url_;
    PGconn* conn_ = nullptr;
    // Keyed by the statement's text (see the SQLite backend).
    std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> cache_;
};

}  // namespace skd::store::pg
