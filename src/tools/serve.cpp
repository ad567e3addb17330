#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

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

void add_serve(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("serve", "Start HTTP-serveren");
    struct Opts {
        std::string config_file, database, port_file, access_log, now, listen, tls_certificate,
            tls_private_key;
        std::vector<std::string> read_database;
        int port = -1;
        int threads = -1;
        bool sandbox = false, demo = false, no_migrate = false, frozen = false, reuse_port = false;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--config", o->config_file, "JSON-konfigurasjonsfil");
    cmd->add_option("--database", o->database, "sqlite:///sti eller postgresql://...");
    cmd->add_option("--read-database", o->read_database,
                    "Lesereplika (PostgreSQL standby); gjenta for flere")
        ->expected(1)
        ->take_all();
    cmd->add_option("--listen", o->listen, "Lytteadresse");
    cmd->add_option("--port", o->port, "TCP-port (0 = ledig port)");
    cmd->add_option("--port-file", o->port_file, "Skriv valgt port hit");
    cmd->add_option("--threads", o->threads, "Arbeidstråder (0 = én per kjerne)");
    cmd->add_option("--access-log", o->access_log, "- (stdout), fil eller off");
    cmd->add_option("--now", o->now, "Start klokken på dette tidspunktet (ISO 8601)");
    cmd->add_flag("--frozen-clock", o->frozen, "Klokken står stille på --now");
    cmd->add_flag("--sandbox", o->sandbox, "Åpne tilganger, som Skatteetatens testmiljø");
    cmd->add_flag("--demo", o->demo, "Stol på den lokale token-utstederen");
    cmd->add_flag("--no-migrate", o->no_migrate, "Ikke kjør skjemamigreringer ved start");
    cmd->add_flag("--reuse-port", o->reuse_port, "Del porten med andre prosesser (SO_REUSEPORT)");
    cmd->add_option("--tls-certificate", o->tls_certificate, "PEM-sertifikatkjede: HTTPS");
    cmd->add_option("--tls-private-key", o->tls_private_key, "PEM-nøkkel til sertifikatet");
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
