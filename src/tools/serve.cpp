#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "app/app.hpp"
#include "config/config.hpp"
#include "tools/tools.hpp"

namespace skd::tools {

config::Config load_config(const std::string& file) {
    config::Config c;
    if (!file.empty())
        if (auto r = config::load_file(c, file); !r) {
            std::fprintf(stderr, "skattedeling: %s\n", r.error().melding.c_str());
            std::exit(2);
        }
    if (auto r = config::load_env(c); !r) {
        std::fprintf(stderr, "skattedeling: %s\n", r.error().melding.c_str());
        std::exit(2);
    }
    return c;
}

std::string database_label(const std::string& url) {
    // postgresql://user:secret@host/db -> postgresql://user:***@host/db
    static const std::regex password(R"(^([a-z]+://[^:/@]+:)[^@]*@)");
    return std::regex_replace(url, password, "$1***@");
}

void add_serve(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("serve", "Start the HTTP server");
    struct Opts {
        std::string config_file, database, port_file, access_log, now, listen, tls_certificate,
            tls_private_key;
        std::vector<std::string> read_database;
        int port = -1;
        int threads = -1;
        bool sandbox = false, demo = false, no_migrate = false, frozen = false, reuse_port = false;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--config", o->config_file, kConfigHelp);
    cmd->add_option("--database", o->database, kDatabaseHelp);
    cmd->add_option("--read-database", o->read_database,
                    "A read replica (PostgreSQL hot standby); repeat for several")
        ->expected(1)
        ->take_all();
    cmd->add_option("--listen", o->listen, "Address to listen on (default 127.0.0.1)");
    cmd->add_option("--port", o->port, "TCP port; 0 picks a free one (default 8080, or PORT)");
    cmd->add_option("--port-file", o->port_file, "Write the bound port to this file");
    cmd->add_option("--threads", o->threads, "Worker threads (default 0 = one per core)");
    cmd->add_option("--access-log", o->access_log, "- (stdout, the default), a file, or off");
    cmd->add_option("--now", o->now, "Start the clock at this instant (ISO 8601)");
    cmd->add_flag("--frozen-clock", o->frozen, "The clock stands still at --now (tests)");
    cmd->add_flag("--sandbox", o->sandbox,
                  "Open grants: every consumer may use every package, as in Skatteetaten's test");
    cmd->add_flag("--demo", o->demo,
                  "Trust the local token issuer (skattedeling token) and publish its JWKS");
    cmd->add_flag("--no-migrate", o->no_migrate, "Do not apply schema migrations at start");
    cmd->add_flag("--reuse-port", o->reuse_port,
                  "Share the port with other processes (SO_REUSEPORT)");
    cmd->add_option("--tls-certificate", o->tls_certificate, "PEM certificate chain: serve HTTPS");
    cmd->add_option("--tls-private-key", o->tls_private_key, "PEM private key of the certificate");
    cmd->callback([&run, o] {
        run = [o] {
            auto c = load_config(o->config_file);
            if (!o->database.empty()) c.database = o->database;
            if (!o->read_database.empty()) c.read_database = o->read_database;
            if (!o->listen.empty()) c.listen_address = o->listen;
            if (o->port >= 0) c.port = static_cast<std::uint16_t>(o->port);
            if (!o->port_file.empty()) c.port_file = o->port_file;
            if (o->threads >= 0) c.threads = static_cast<unsigned>(o->threads);
            if (!o->access_log.empty()) c.access_log = o->access_log;
            if (!o->now.empty()) c.now = o->now;
            if (o->frozen) c.frozen_clock = true;
            if (o->sandbox) c.sandbox = true;
            if (o->demo) c.demo = true;
            if (o->no_migrate) c.migrate = false;
            if (o->reuse_port) c.reuse_port = true;
            if (!o->tls_certificate.empty()) c.tls_certificate = o->tls_certificate;
            if (!o->tls_private_key.empty()) c.tls_private_key = o->tls_private_key;
            spdlog::set_level(spdlog::level::from_str(c.log_level));
            return app::serve(c);
        };
    });
}

}  // namespace skd::tools
