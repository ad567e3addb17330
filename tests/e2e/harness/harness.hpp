// End-to-end harness: starts the real `skattedeling serve` on a free port against a fresh
// SQLite file or a fresh PostgreSQL database, talks HTTP to it, mints tokens with the binary's
// own `token` subcommand. Every suite is instantiated once per backend (Sqlite, Postgres).
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace skd::e2e {

struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string header(std::string_view name) const;  // case-insensitive, first
    boost::json::value json() const;                  // parsed body; null on failure
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// A blocking HTTP/1.1 client for tests; one connection per request unless `raw` is used.
// A TCP connection to 127.0.0.1:port (close-on-exec), or -1.
int connect_loopback(int port);
HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const Headers& headers = {}, const std::string& body = {});
// Sends raw bytes and returns everything read until the server closes or `timeout_ms` passes.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 5000);

// The same over TLS to 127.0.0.1, verifying the server's certificate against `ca_file` (empty:
// the system's CA store) and the address 127.0.0.1. A failed handshake gives status 0 (and
// an empty string from tls_exchange) with the reason in *tls_error.
HttpResponse https_request(int port, const std::string& ca_file, const std::string& method,
                           const std::string& target, const Headers& headers = {},
                           const std::string& body = {}, std::string* tls_error = nullptr);
std::string tls_exchange(int port, const std::string& ca_file, const std::string& bytes,
                         int timeout_ms = 5000, std::string* tls_error = nullptr);

// Where the repository and the binary are.
std::string source_dir();
std::string binary();

// Starts the binary with arguments and extra environment; stdout/stderr go to the given
// descriptors (-1: inherited). posix_spawn, so it is safe while other test threads run (a
// fork() child that allocates can deadlock on a lock another thread held).
pid_t spawn_binary(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {}, int out_fd = -1,
                   int err_fd = -1);
// Opens `path` for appending, close-on-exec (a log for spawn_binary).
int open_log(const std::string& path);

// Runs the binary with arguments; returns stdout, and the exit code in *code.
std::string run_binary(const std::vector<std::string>& args, int* code = nullptr,
                       const std::map<std::string, std::string>& env = {});

// A fresh database URL for the backend ("Sqlite" or "Postgres"); empty if PostgreSQL is not
// configured (SKD_TEST_PG_URL).
std::string fresh_database(const std::string& backend);

struct ServerOptions {
    std::vector<std::string> args;  // extra serve arguments
    std::map<std::string, std::string> env;
    std::string now = "2026-06-15T10:00:00Z";  // the server's clock starts here ("" = real time)
    bool frozen_clock = true;                  // false: the clock runs on from `now`
    bool demo = true;
    bool sandbox = true;
    // Sandbox parties on first touch; off by default, so a suite about one API sees unknown
    // parties answered with its not-found codes (the sandbox suite turns it on).
    bool foerste_beroering = false;
    bool demo_data = true;  // import data/demo/*.jsonl first
};

// A sandbox as the README describes it: demo data and parties made on first touch.
inline ServerOptions sandkasse() {
    ServerOptions o;
    o.foerste_beroering = true;
    return o;
}

class Server {
public:
    Server(const std::string& backend, ServerOptions opts = {});
    ~Server();
    Server(const Server&) = delete;

    bool ok() const { return port_ > 0; }
    int port() const { return port_; }
    const std::string& database() const { return database_; }
    const std::string& key_file() const { return key_; }
    const std::string& now() const { return opts_.now; }
    const ServerOptions& options() const { return opts_; }

    HttpResponse get(const std::string& target, const Headers& h = {}) const;
    HttpResponse request(const std::string& method, const std::string& target,
                         const Headers& h = {}, const std::string& body = {}) const;
    // `skattedeling token` with this server's key and clock; args like {"--scope", "x"}.
    std::string token(const std::vector<std::string>& args) const;
    std::string samtykke(const std::vector<std::string>& args) const;
    // `skattedeling import` into this server's database; returns the exit code.
    int import_text(const std::string& jsonl, std::string* output = nullptr) const;

    void terminate();  // SIGTERM and wait
    void kill();       // SIGKILL and wait
    bool restart();    // start again on the same database
    // Start again on the same database with the clock at `now` (time-travel tests).
    bool restart(const std::string& now);
    int pid() const { return pid_; }

private:
    bool start();
    std::string backend_, database_, dir_, key_;
    ServerOptions opts_;
    int pid_ = -1;
    int port_ = -1;
};

// One more `serve` on an existing Server's database and signing key (scale-out tests), with its
// clock at `now` (default: the Server's), frozen, and first-touch parties as the Server has
// them; `env` adds environment variables.
class Instance {
public:
    Instance(const Server& s, std::string now = {},
             const std::map<std::string, std::string>& env = {});
    ~Instance();
    Instance(const Instance&) = delete;
    int port() const { return port_; }

private:
    std::string dir_;
    int pid_ = -1;
    int port_ = 0;
};

// Validates an XML document against an XSD file; returns "" or the first error.
std::string validate_xml(const std::string& xml, const std::string& xsd_path);

// Backends to instantiate suites with.
inline auto backends() {
    return ::testing::Values(std::string("Sqlite"), std::string("Postgres"));
}
inline std::string backend_name(const ::testing::TestParamInfo<std::string>& i) {
    return i.param;
}

// Base fixture: one server per test suite and backend, skipped when PostgreSQL is unavailable.
class E2eTest : public ::testing::TestWithParam<std::string> {
protected:
    static Server& server(const std::string& backend, ServerOptions opts = {});
    static void TearDownTestSuite();
    // For SetUp(): the suite's server for this backend in srv_; skips the test if it is absent.
    void use_server(ServerOptions opts = {}) {
        srv_ = &server(GetParam(), std::move(opts));
        if (!srv_->ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    }
    Server* srv_ = nullptr;
};

// One row of a table-driven error test: the request and the documented status and code.
struct ErrorCase {
    std::string path;
    Headers headers;
    int status;
    std::string kode;
};

// Runs every case through `get` and expects its status and `kode` (the error body's code).
template <class Get>
void expect_errors(Get&& get, const std::vector<ErrorCase>& cases) {
    for (const auto& c : cases) {
        auto r = get(c.path, c.headers);
        EXPECT_EQ(r.status, c.status) << c.path << " " << r.body;
        auto v = r.json();
        const auto* kode = v.is_object() ? v.as_object().if_contains("kode") : nullptr;
        EXPECT_TRUE(kode && kode->is_string() && kode->as_string() == c.kode)
            << c.path << ": forventet " << c.kode << ", fikk " << r.body;
    }
}

// Runs `cmd` with /bin/sh; its standard output without the trailing newline, and its exit code
// in `code` (-1 when it did not exit normally).
std::string sh(const std::string& cmd, int* code = nullptr);

// A loopback port nothing listens on now (the kernel's choice for port 0).
int free_port();

// A trekkpålegg as compared with Skatteetaten's examples: numbers as doubles (5000 and 5000.0 are
// the same amount), opprettet as an instant (".00Z" and ".000Z" alike), no sekvensnummer.
boost::json::value trekkpaalegg_sammenlignbar(boost::json::value v);

}  // namespace skd::e2e
