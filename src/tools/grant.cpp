// `skattedeling grant add|remove|list`: the grants registry (which organisation may use which
// rettighetspakke of which API). API and package names are checked against the APIs' own
// policies, so a typo is an error rather than a grant nobody asks for.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <set>

#include "app/app.hpp"
#include "app/database.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "store/db.hpp"
#include "store/grants_store.hpp"
#include "tools/tools.hpp"

namespace skd::tools {
namespace {

// API → the package names its grants use ("" for an API without packages, e.g. trekkpaalegg),
// taken from the route policies of every module.
using Grantable = std::map<std::string, std::set<std::string>>;

Grantable grantable(store::Database& db, const config::Config& c) {
    SystemClock clock;
    Grantable out;
    spdlog::set_level(spdlog::level::warn);  // the modules' start-up notes are for serve
    for (const auto& m : app::make_modules(apis::ModuleDeps{db, c, clock})) {
        for (const auto& r : m.routes) {
            const auto& p = r.policy.policy;
            if (!r.policy.autentisering || !p.krever_tilgang || p.api.empty()) continue;
            auto& pakker = out[p.api];
            if (p.bruker_rettighetspakke) {
                for (const auto& k : p.pakker) pakker.insert(k.navn);
            } else {
                pakker.insert(p.pakker.empty() ? std::string() : p.pakker.front().navn);
            }
        }
    }
    return out;
}

std::string join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ", ") + (x.empty() ? "-" : x);
    return out;
}

struct GrantArgs {
    std::string api, pakke, org;
};

// API [PACKAGE] ORG: the package may be left out (or given as "-") when the API has one.
GrantArgs resolve(const std::vector<std::string>& args, const Grantable& known) {
    if (args.size() < 2 || args.size() > 3)
        throw CLI::ValidationError("arguments", "expected API [PACKAGE] ORGNR");
    GrantArgs g{args[0], args.size() == 3 ? args[1] : std::string("-"), args.back()};
    std::set<std::string> apis;
    for (const auto& [a, _] : known) apis.insert(a);
    auto it = known.find(g.api);
    if (it == known.end())
        throw std::runtime_error("unknown API '" + g.api + "' (known: " + join(apis) + ")");
    const auto& pakker = it->second;
    if (g.pakke == "-") {
        if (pakker.size() != 1)
            throw std::runtime_error("name the package of " + g.api + ": " + join(pakker));
        g.pakke = *pakker.begin();
    }
    if (!pakker.count(g.pakke))
        throw std::runtime_error("unknown package '" + g.pakke + "' of " + g.api +
                                 " (known: " + join(pakker) + ")");
    if (g.org.size() != 9 || g.org.find_first_not_of("0123456789") != std::string::npos)
        throw std::runtime_error("the organisation number must be 9 digits: " + g.org);
    return g;
}

std::string label(const GrantArgs& g) {
    return g.api + (g.pakke.empty() ? "" : "/" + g.pakke);
}

}  // namespace

void add_grant(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand(
        "grant", "Manage grants: which organisation may use which package of which API");
    cmd->require_subcommand(1);
    struct Opts {
        std::string database, cfg;
        std::vector<std::string> args;
    };
    auto o = std::make_shared<Opts>();
    // On `grant` and on each of its subcommands, so they may come first or last.
    auto db_options = [o](CLI::App* a) {
        a->add_option("--database", o->database, kDatabaseHelp);
        a->add_option("--config", o->cfg, kConfigHelp);
    };
    db_options(cmd);
    auto open = [o] {
        auto c = load_config(o->cfg);
        if (!o->database.empty()) c.database = o->database;
        auto db = app::open_database(c.database);
        db->migrate();
        return std::make_pair(std::move(db), c);
    };
    for (const bool add : {true, false}) {
        auto* sub = cmd->add_subcommand(
            add ? "add" : "remove",
            add ? "Grant an organisation a package" : "Take a package away from an organisation");
        db_options(sub);
        sub->add_option("arguments", o->args,
                        "API (restanser, kravogbetalinger, avregning, trekkpaalegg, "
                        "utleggsbegjaering), package (e.g. dibk; may be left out when the API "
                        "has one) and organisation number")
            ->required()
            ->expected(2, 3);
        sub->callback([&run, o, open, add] {
            run = [o, open, add] {
                try {
                    auto [db, c] = open();
                    const auto g = resolve(o->args, grantable(*db, c));
                    store::GrantsStore grants(*db);
                    const auto where = database_label(c.database);
                    if (add) {
                        grants.add(g.api, g.pakke, g.org);
                        std::printf("%s may use %s (in %s)\n", g.org.c_str(), label(g).c_str(),
                                    where.c_str());
                    } else if (grants.remove(g.api, g.pakke, g.org)) {
                        std::printf("%s may no longer use %s (in %s)\n", g.org.c_str(),
                                    label(g).c_str(), where.c_str());
                    } else {
                        std::printf("%s had no grant for %s (in %s)\n", g.org.c_str(),
                                    label(g).c_str(), where.c_str());
                    }
                    return 0;
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "skattedeling grant: %s\n", e.what());
                    return 2;
                }
            };
        });
    }
    auto* list = cmd->add_subcommand("list", "List the grants");
    db_options(list);
    list->callback([&run, open] {
        run = [open] {
            try {
                auto [db, c] = open();
                std::printf("grants in %s:\n", database_label(c.database).c_str());
                for (const auto& t : store::GrantsStore(*db).list())
                    std::printf("%-18s %-36s %s\n", t.api.c_str(),
                                t.pakke.empty() ? "-" : t.pakke.c_str(), t.org.c_str());
                return 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "skattedeling grant: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
