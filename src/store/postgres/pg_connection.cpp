#include "store/postgres/pg_connection.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

namespace skd::store::pg {
namespace {

class PgRow final : public Row {
public:
    PgRow(PGresult* r, int row) : r_(r), row_(row) {}
    bool is_null(int c) const override { return PQgetisnull(r_, row_, c) != 0; }
    std::int64_t i64(int c) const override {
        const char* p = PQgetvalue(r_, row_, c);
        std::int64_t v = 0;
        const std::size_t n = static_cast<std::size_t>(PQgetlength(r_, row_, c));
        if (n == 1 && (p[0] == 't' || p[0] == 'f')) return p[0] == 't';
        // A value that is not a whole integer is an error, never a silent 0 (money lives here).
        const auto [end, ec] = std::from_chars(p, p + n, v);
        if (ec != std::errc() || end != p + n)
            throw DbError(DbError::Kind::Other,
                          "kolonne " + std::to_string(c) + " er ikke et heltall: '" +
                              std::string(p, std::min<std::size_t>(n, 40)) + "'");
        return v;
    }
    std::string_view text(int c) const override {
        return {PQgetvalue(r_, row_, c), static_cast<std::size_t>(PQgetlength(r_, row_, c))};
    }

private:
    PGresult* r_;
    int row_;
};

struct ResultGuard {
    PGresult* r;
    ~ResultGuard() { PQclear(r); }
};

}  // namespace

PgConnection::PgConnection(std::string url) : url_(std::move(url)) {
    connect();
}

PgConnection::~PgConnection() {
    if (conn_) PQfinish(conn_);
}

void PgConnection::connect() {
    if (conn_) PQfinish(conn_);
    cache_.clear();
    // Defaults the URL may override (later keywords win): a connection attempt to a host that
    // does not answer gives up instead of holding a request, and the server's activity views
    // name us.
    const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char* values[] = {"5", "skattedeling", url_.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        throw DbError(DbError::Kind::Unavailable, "kan ikke koble til PostgreSQL: " + msg);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
}

void PgConnection::transaction_lock(std::int64_t key, bool shared) {
    query(shared ? "SELECT pg_advisory_xact_lock_shared($1)" : "SELECT pg_advisory_xact_lock($1)",
          {key}, [](const Row&) {});
}

void PgConnection::ensure() {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) connect();
}

void PgConnection::fail(PGresult* r, std::string_view what) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg =
        std::string(what) + ": " + (conn_ ? PQerrorMessage(conn_) : "ingen forbindelse");
    DbError::Kind kind = DbError::Kind::Other;
    if (state && std::string_view(state).substr(0, 2) == "23") kind = DbError::Kind::Constraint;
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK ||
        (state && (std::string_view(state).substr(0, 2) == "08" ||
                   std::string_view(state).substr(0, 2) == "57")))
        kind = DbError::Kind::Unavailable;
    if (kind == DbError::Kind::Unavailable && conn_) {
        PQfinish(conn_);
        conn_ = nullptr;  // reconnect on next use
        cache_.clear();
    }
    const bool transient =
        state && (std::string_view(state) == "40P01" || std::string_view(state) == "40001");
    throw DbError(kind, msg, transient);
}

PGresult* PgConnection::run(std::string_view sql, Params params) {
    ensure();
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        std::string name = "s" + std::to_string(cache_.size());
        std::string text(sql);
        PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
        ResultGuard g{r};
        if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, "klargjøring av SQL feilet");
        it = cache_.emplace(std::move(text), std::move(name)).first;
    }
    const int n = static_cast<int>(params.size());
    thread_local std::vector<std::string> ints;
    thread_local std::vector<const char*> values;
    thread_local std::vector<int> lengths;
    ints.resize(static_cast<std::size_t>(n));
    values.assign(static_cast<std::size_t>(n), nullptr);
    lengths.assign(static_cast<std::size_t>(n), 0);
    int i = 0;
    for (const Param& p : params) {
        auto k = static_cast<std::size_t>(i);
        if (p.kind() == Param::Kind::Int) {
            ints[k] = std::to_string(p.i());
            values[k] = ints[k].c_str();
            lengths[k] = static_cast<int>(ints[k].size());
        } else if (p.kind() == Param::Kind::Text) {
            // libpq needs NUL-terminated text params; keep a copy.
            ints[k].assign(p.s());
            values[k] = ints[k].c_str();
            lengths[k] = static_cast<int>(ints[k].size());
        }
        ++i;
    }
    PGresult* r =
        PQexecPrepared(conn_, it->second.c_str(), n, values.data(), lengths.data(), nullptr, 0);
    auto st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        ResultGuard g{r};
        fail(r, "SQL feilet");
    }
    return r;
}

void PgConnection::query(std::string_view sql, Params params, const RowFn& on_row) {
    ResultGuard g{run(sql, params)};
    const int rows = PQntuples(g.r);
    for (int i = 0; i < rows; ++i) on_row(PgRow(g.r, i));
}

std::int64_t PgConnection::exec(std::string_view sql, Params params) {
    ResultGuard g{run(sql, params)};
    const char* n = PQcmdTuples(g.r);
    return n && *n ? std::atoll(n) : 0;
}

void PgConnection::exec_script(std::string_view sql) {
    ensure();
    std::string text(sql);
    ResultGuard g{PQexec(conn_, text.c_str())};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(g.r, "SQL-skript feilet");
}

std::optional<std::string> PgConnection::exec_script_value(std::string_view sql) {
    ensure();
    std::string text(sql);
    ResultGuard g{PQexec(conn_, text.c_str())};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(g.r, "SQL-skript feilet");
    if (st != PGRES_TUPLES_OK || PQntuples(g.r) < 1 || PQnfields(g.r) < 1 || PQgetisnull(g.r, 0, 0))
        return std::nullopt;
    return std::string(PQgetvalue(g.r, 0, 0), static_cast<std::size_t>(PQgetlength(g.r, 0, 0)));
}

std::optional<std::uint64_t> parse_lsn(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size() || slash > 8 ||
        text.size() - slash - 1 > 8)
        return std::nullopt;
    std::uint32_t hi = 0, lo = 0;
    const char* end = text.data() + text.size();
    auto a = std::from_chars(text.data(), text.data() + slash, hi, 16);
    auto b = std::from_chars(text.data() + slash + 1, end, lo, 16);
    if (a.ec != std::errc() || a.ptr != text.data() + slash || b.ec != std::errc() || b.ptr != end)
        return std::nullopt;
    return (std::uint64_t{hi} << 32) | lo;
}

std::string url_without_secrets(std::string_view url) {
    std::string_view scheme, rest = url;
    if (auto p = url.find("://"); p != std::string_view::npos) {
        scheme = url.substr(0, p + 3);
        rest = url.substr(p + 3);
    }
    rest = rest.substr(0, rest.find('?'));
    const auto slash = rest.find('/');
    const auto at = rest.substr(0, slash).rfind('@');
    if (at != std::string_view::npos) rest.remove_prefix(at + 1);
    return std::string(scheme) + std::string(rest);
}

}  // namespace skd::store::pg
