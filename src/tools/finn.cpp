// `skattedeling finn`: test data with asked-for properties, straight from a database — the same
// search as GET /sandbox/v1/parter (sandbox/finn.hpp), for scripts and for a database no
// server is running on. Prints a table, or the control plane's JSON with --json.
#include "sandbox/finn.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/database.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "sandbox/scenarier.hpp"
#include "tools/tools.hpp"

namespace skd::tools {
namespace {

struct FinnArgs {
    std::string database, config, type, scenario, now;
    std::optional<std::int64_t> aapne_krav_over, oppgjoer_aar;
    std::int64_t antall = 20;
    bool forfalt_mva = false, aktive_trekk = false, skjermet = false, json = false;
};

boost::json::object som_json(const store::Partstreff& p) {
    boost::json::object o;
    o["identifikator"] = p.identifikator;
    if (p.navn) o["navn"] = *p.navn;
    o["type"] = p.er_person ? "person" : "organisasjon";
    if (p.skjerming) o["skjerming"] = *p.skjerming;
    if (p.er_enk) o["enk"] = true;
    o["aapneKrav"] = p.aapent.kroner_avrundet();
    o["forfaltOgUbetalt"] = p.forfalt.kroner_avrundet();
    o["aktiveTrekkpaalegg"] = p.aktive_trekk;
    if (auto s = sandbox::scenario_for(p.identifikator)) o["scenario"] = sandbox::navn(*s);
    return o;
}

}  // namespace

void add_finn(CLI::App& app, Runner& run) {
    auto a = std::make_shared<FinnArgs>();
    auto* cmd = app.add_subcommand(
        "finn", "Find test parties with given properties (as GET /sandbox/v1/parter)");
    cmd->add_option("--type", a->type, "person or organisasjon")
        ->check(CLI::IsMember({"person", "organisasjon"}));
    cmd->add_option("--aapne-krav-over", a->aapne_krav_over,
                    "Open claims (remaining) above this many kroner");
    cmd->add_flag("--forfalt-mva", a->forfalt_mva, "Overdue, unpaid VAT");
    cmd->add_flag("--aktive-trekk", a->aktive_trekk, "An employer with active trekkpålegg");
    cmd->add_option("--oppgjoer-aar", a->oppgjoer_aar, "A person with a settlement for this year");
    cmd->add_flag("--skjermet", a->skjermet, "Fortrolig or strengt fortrolig address");
    cmd->add_option("--scenario", a->scenario,
                    "Only this scenario's identifiers (GET /sandbox/v1/scenarier)");
    cmd->add_option("--antall", a->antall, "At most this many")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cmd->add_option("--now", a->now, "The day claims fall due against (ISO 8601; default: today)");
    cmd->add_flag("--json", a->json, "The control plane's JSON instead of a table");
    cmd->add_option("--database", a->database, kDatabaseHelp);
    cmd->add_option("--config", a->config, kConfigHelp);
    cmd->callback([&run, a] {
        run = [a] {
            auto c = load_config(a->config);
            if (!a->database.empty()) c.database = a->database;
            store::FinnFilter f;
            if (!a->type.empty()) f.person = a->type == "person";
            if (a->aapne_krav_over) f.aapne_krav_over = Beloep::fra_kroner(*a->aapne_krav_over);
            if (a->oppgjoer_aar) f.oppgjoer_aar = static_cast<int>(*a->oppgjoer_aar);
            f.forfalt_mva = a->forfalt_mva;
            f.aktive_trekk = a->aktive_trekk;
            f.skjermet = a->skjermet;
            f.antall = a->antall;
            Tidspunkt naa = SystemClock{}.naa();
            if (!a->now.empty()) {
                auto t = Tidspunkt::parse(a->now);
                if (!t) {
                    std::fprintf(stderr, "skattedeling finn: --now: not an ISO 8601 instant\n");
                    return 2;
                }
                naa = *t;
            }
            try {
                auto db = app::open_database(c.database);
                std::vector<store::Partstreff> treff;
                std::optional<std::string_view> scenario;
                if (!a->scenario.empty()) scenario = a->scenario;
                db->read([&](store::Connection& conn) {
                    treff = sandbox::finn_parter(conn, f, scenario, naa.oslo_dato());
                });
                if (a->json) {
                    boost::json::array parter;
                    for (const auto& p : treff) parter.push_back(som_json(p));
                    std::printf(
                        "%s\n",
                        boost::json::serialize(boost::json::object{{"parter", parter}}).c_str());
                    return 0;
                }
                std::printf("%-12s %-13s %14s %16s %6s  %s\n", "identifikator", "type", "aapneKrav",
                            "forfaltOgUbetalt", "trekk", "navn / scenario");
                for (const auto& p : treff) {
                    std::string merknad = p.navn.value_or("");
                    if (auto s = sandbox::scenario_for(p.identifikator))
                        merknad += (merknad.empty() ? "" : " / ") + std::string(sandbox::navn(*s));
                    if (p.skjerming) merknad += " (" + *p.skjerming + ")";
                    std::printf("%-13s %-13s %14lld %16lld %6lld  %s\n", p.identifikator.c_str(),
                                p.er_person ? "person" : "organisasjon",
                                static_cast<long long>(p.aapent.kroner_avrundet()),
                                static_cast<long long>(p.forfalt.kroner_avrundet()),
                                static_cast<long long>(p.aktive_trekk), merknad.c_str());
                }
                std::printf("%zu parties in %s\n", treff.size(),
                            database_label(c.database).c_str());
                return 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "skattedeling finn: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
