#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/database.hpp"
#include "config/config.hpp"
#include "store/db.hpp"
#include "store/grants_store.hpp"
#include "tools/tools.hpp"

namespace skd::tools {

void add_grant(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("grant", "Administrer tilganger til rettighetspakker");
    cmd->require_subcommand(1);
    struct Opts {
        std::string database, cfg, api, pakke, org;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--database", o->database, "sqlite:///sti eller postgresql://...");
    cmd->add_option("--config", o->cfg, "JSON-konfigurasjonsfil");
    auto open = [o] {
        auto c = load_config(o->cfg);
        if (!o->database.empty()) c.database = o->database;
        auto db = app::open_database(c.database);
        db->migrate();
        return db;
    };
    for (const char* verb : {"add", "remove"}) {
        auto* sub =
            cmd->add_subcommand(verb, std::string(verb) == "add" ? "Gi tilgang" : "Fjern tilgang");
        sub->add_option("api", o->api, "API: restanser, kravogbetalinger, avregning, ...")
            ->required();
        sub->add_option("pakke", o->pakke, "Rettighetspakke, f.eks. dibk")->required();
        sub->add_option("org", o->org, "Organisasjonsnummer")->required();
        const bool add = std::string(verb) == "add";
        sub->callback([&run, o, open, add] {
            run = [o, open, add] {
                try {
                    auto db = open();
                    store::GrantsStore g(*db);
                    if (add) {
                        g.add(o->api, o->pakke, o->org);
                        std::printf("%s har tilgang til %s/%s\n", o->org.c_str(), o->api.c_str(),
                                    o->pakke.c_str());
                    } else if (!g.remove(o->api, o->pakke, o->org)) {
                        std::printf("%s hadde ikke tilgang til %s/%s\n", o->org.c_str(),
                                    o->api.c_str(), o->pakke.c_str());
                    }
                    return 0;
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "skattedeling grant: %s\n", e.what());
                    return 1;
                }
            };
        });
    }
    auto* list = cmd->add_subcommand("list", "List tilganger");
    list->callback([&run, open] {
        run = [open] {
            try {
                auto db = open();
                for (const auto& t : store::GrantsStore(*db).list())
                    std::printf("%-18s %-36s %s\n", t.api.c_str(), t.pakke.c_str(), t.org.c_str());
                return 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "skattedeling grant: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
