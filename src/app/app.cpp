#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "app/database.hpp"
#include "app/database_lock.hpp"
#include "app/jobber.hpp"
#include "app/pipeline.hpp"
#include "app/sandkasse.hpp"
#include "core/clock.hpp"
#include "http/server.hpp"
#include "ops/access_log.hpp"
#include "security/altinn_samtykke.hpp"
#include "security/local_issuer.hpp"
#include "security/token_verifier.hpp"
#include "store/db.hpp"
#include "store/grants_store.hpp"

namespace skd::app {
namespace {

class StoreGrants final : public security::GrantsLookup {
public:
    explicit StoreGrants(store::Database& db) : store_(db) {}
    bool granted(std::string_view api, std::string_view pakke,
                 std::string_view org) const override {
        return store_.granted(api, pakke, org);
    }

private:
    store::GrantsStore store_;
};

// The data's clock. In sandbox mode it can be set and moved by the control plane; token
// lifetimes never use it (the verifiers get the real clock).
std::unique_ptr<Clock> make_clock(const config::Config& cfg) {
    std::optional<Tidspunkt> start;
    if (!cfg.now.empty()) {
        auto t = Tidspunkt::parse(cfg.now);
        if (!t) throw std::runtime_error("ugyldig 'now': " + cfg.now + " (bruk ISO 8601 med Z)");
        start = *t;
    }
    if (cfg.sandbox)
        return std::make_unique<StyrbarKlokke>(start.value_or(SystemClock().naa()),
                                               start && cfg.frozen_clock);
    if (!start) return std::make_unique<SystemClock>();
    if (cfg.frozen_clock) return std::make_unique<FixedClock>(*start);
    return std::make_unique<OffsetClock>(*start);
}

security::VerifierConfig verifier_config(const config::Config& cfg,
                                         const std::vector<config::TrustedIssuerConfig>& list) {
    security::VerifierConfig v;
    v.leeway_seconds = cfg.token_leeway_s;
    v.refresh_seconds = cfg.jwks_refresh_s;
    for (const auto& i : list) v.issuers.push_back({i.issuer, i.jwks, i.audience});
    return v;
}

}  // namespace

int serve(const config::Config& cfg_in) {
    config::Config cfg = cfg_in;
    try {
        auto clock = make_clock(cfg);
        if (auto p =
                cfg.database.rfind("sqlite://", 0) == 0 ? cfg.database.substr(9) : std::string();
            !p.empty() && std::filesystem::path(p).has_parent_path())
            std::filesystem::create_directories(std::filesystem::path(p).parent_path());
        // One serving process per SQLite file, held until the process ends.
        auto db_lock = cfg.database.rfind("sqlite://", 0) == 0
                           ? DatabaseLock::acquire(cfg.database.substr(9))
                           : nullptr;
        auto db = app::open_database(cfg.database, cfg.read_database);
        if (cfg.migrate) db->migrate();
        // Scheduled jobs (the trekkpålegg midnight transition) run once before the server
        // listens, then on their own thread; stopped before the database goes away.
        Jobber jobber(*db, *clock);
        jobber.start();

        PipelineOptions popts;
        popts.sandbox = cfg.sandbox;
        popts.regnskapssystem_all_parties = cfg.regnskapssystem_all_parties;
        popts.max_concurrent_per_consumer = cfg.max_concurrent_per_consumer;
        if (cfg.demo) {
            // Demo mode trusts the local token issuer (and publishes its JWKS) besides any
            // configured issuers.
            auto issuer = security::LocalIssuer::load_or_create(cfg.local_issuer_key);
            if (!issuer) throw std::runtime_error(issuer.error().melding);
            popts.jwks_json = (*issuer)->jwks_json();
            cfg.issuers.push_back({cfg.local_issuer, popts.jwks_json, std::nullopt});
            cfg.altinn_issuers.push_back({cfg.local_altinn_issuer, popts.jwks_json, std::nullopt});
        }
        if (cfg.issuers.empty())
            spdlog::warn("ingen betrodde token-utstedere er konfigurert; alle kall vil få 401");
        // Token lifetimes (exp, nbf, iat) follow the real clock, whatever the data's clock says.
        static const SystemClock ekte_klokke;
        auto verifier =
            security::TokenVerifier::create(verifier_config(cfg, cfg.issuers), ekte_klokke);
        if (!verifier) throw std::runtime_error("token-verifisering: " + verifier.error());
        std::unique_ptr<security::SamtykkeVerifier> samtykke;
        if (!cfg.altinn_issuers.empty()) {
            auto s = security::SamtykkeVerifier::create(verifier_config(cfg, cfg.altinn_issuers),
                                                        ekte_klokke);
            if (!s) throw std::runtime_error("samtykke-verifisering: " + s.error());
            samtykke = std::move(*s);
        }
        StoreGrants grants(*db);
        auto log = ops::AccessLog::open(cfg.access_log);

        // Sandbox mode: every valid identifier is a party (made on first touch); the control
        // plane, its journal and its fault rules.
        Sandkasse sandkasse(cfg, *db, *clock, jobber);
        apis::ModuleDeps deps{*db, cfg, *clock};
        deps.foerste_beroering = sandkasse.foerste_beroering();
        popts.journal = sandkasse.journal();
        popts.feil = sandkasse.feil();
        auto moduler = make_modules(deps);
        std::vector<apis::ApiModule> admin_moduler;
        if (sandkasse.har_kontrollplan())
            (cfg.admin_port ? admin_moduler : moduler).push_back(sandkasse.kontrollplan(moduler));
        Pipeline pipeline(std::move(moduler), **verifier, samtykke.get(), grants, *db, *clock, *log,
                          popts);
        std::unique_ptr<Pipeline> admin_pipeline;
        if (!admin_moduler.empty())
            admin_pipeline =
                std::make_unique<Pipeline>(std::move(admin_moduler), **verifier, samtykke.get(),
                                           grants, *db, *clock, *log, PipelineOptions{});

        http::ServerOptions so;
        so.address = cfg.listen_address;
        so.port = cfg.port;
        so.threads = cfg.threads;
        so.write_threads = cfg.write_threads;
        so.header_limit = cfg.header_limit;
        so.body_limit = cfg.body_limit;
        so.read_timeout = std::chrono::milliseconds(cfg.read_timeout_ms);
        so.idle_timeout = std::chrono::milliseconds(cfg.idle_timeout_ms);
        so.shutdown_deadline = std::chrono::milliseconds(cfg.shutdown_deadline_ms);
        so.max_connections = cfg.max_connections;
        so.reuse_port = cfg.reuse_port;
        so.tls_certificate = cfg.tls_certificate;
        so.tls_private_key = cfg.tls_private_key;
        http::Server server(
            so, [&](const http::Request& rq, http::Response& rs) { pipeline.handle(rq, rs); },
            [&](int status, std::string_view target, std::string_view accept, http::Response& rs) {
                pipeline.protocol_error(status, target, accept, rs);
            });
        server.bind();
        if (!cfg.port_file.empty()) {
            std::ofstream(cfg.port_file + ".tmp") << server.port() << "\n";
            std::filesystem::rename(cfg.port_file + ".tmp", cfg.port_file);
        }
        spdlog::info("skattedeling lytter på {}://{}:{} ({} database{}{})",
                     cfg.tls_certificate.empty() ? "http" : "https", cfg.listen_address,
                     server.port(),
                     db->backend() == store::Backend::Sqlite ? "SQLite" : "PostgreSQL",
                     cfg.sandbox ? ", sandkasse" : "", cfg.demo ? ", demo" : "");
        // The control plane on a port of its own (admin_port): one worker, the same shutdown.
        std::unique_ptr<http::Server> admin;
        std::thread admin_traad;
        if (admin_pipeline) {
            auto ao = so;
            ao.port = cfg.admin_port;
            ao.threads = 1;
            ao.write_threads = 2;
            admin = std::make_unique<http::Server>(
                ao,
                [&](const http::Request& rq, http::Response& rs) {
                    admin_pipeline->handle(rq, rs);
                },
                [&](int status, std::string_view target, std::string_view accept,
                    http::Response& rs) {
                    admin_pipeline->protocol_error(status, target, accept, rs);
                });
            admin->bind();
            spdlog::info("kontrollplanet lytter på port {}", admin->port());
            admin_traad = std::thread([&] { admin->run(); });
        }
        server.run();
        if (admin) {
            admin->stop();
            admin_traad.join();
        }
        jobber.stopp();
        spdlog::info("skattedeling er stoppet");
        return 0;
    } catch (const std::exception& e) {
        spdlog::critical("kan ikke starte: {}", e.what());
        return 1;
    }
}

}  // namespace skd::app
