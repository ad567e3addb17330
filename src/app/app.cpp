#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

#include "app/database.hpp"
#include "app/jobber.hpp"
#include "app/pipeline.hpp"
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

std::unique_ptr<Clock> make_clock(const config::Config& cfg) {
    if (cfg.now.empty()) return std::make_unique<SystemClock>();
    auto t = Tidspunkt::parse(cfg.now);
    if (!t) throw std::runtime_error("ugyldig 'now': " + cfg.now + " (bruk ISO 8601 med Z)");
    if (cfg.frozen_clock) return std::make_unique<FixedClock>(*t);
    return std::make_unique<OffsetClock>(*t);
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
        auto verifier = security::TokenVerifier::create(verifier_config(cfg, cfg.issuers), *clock);
        if (!verifier) throw std::runtime_error("token-verifisering: " + verifier.error());
        std::unique_ptr<security::SamtykkeVerifier> samtykke;
        if (!cfg.altinn_issuers.empty()) {
            auto s = security::SamtykkeVerifier::create(verifier_config(cfg, cfg.altinn_issuers),
                                                        *clock);
            if (!s) throw std::runtime_error("samtykke-verifisering: " + s.error());
            samtykke = std::move(*s);
        }
        StoreGrants grants(*db);
        auto log = ops::AccessLog::open(cfg.access_log);

        Pipeline pipeline(make_modules({*db, cfg, *clock}), **verifier, samtykke.get(), grants, *db,
                          *clock, *log, popts);

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
        spdlog::info("skattedeling lytter på http://{}:{} ({} database{}{})", cfg.listen_address,
                     server.port(),
                     db->backend() == store::Backend::Sqlite ? "SQLite" : "PostgreSQL",
                     cfg.sandbox ? ", sandkasse" : "", cfg.demo ? ", demo" : "");
        server.run();
        jobber.stopp();
        spdlog::info("skattedeling er stoppet");
        return 0;
    } catch (const std::exception& e) {
        spdlog::critical("kan ikke starte: {}", e.what());
        return 1;
    }
}

}  // namespace skd::app
