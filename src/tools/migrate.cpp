#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/database.hpp"
#include "config/config.hpp"
#include "store/db.hpp"
#include "tools/tools.hpp"

namespace skd::tools {

void add_migrate(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
    auto database = std::make_shared<std::string>();
    auto cfg_file = std::make_shared<std::string>();
    cmd->add_option("--database", *database, kDatabaseHelp);
    cmd->add_option("--config", *cfg_file, kConfigHelp);
    cmd->callback([&run, database, cfg_file] {
        run = [database, cfg_file] {
            auto c = load_config(*cfg_file);
            if (!database->empty()) c.database = *database;
            try {
                app::open_database(c.database)->migrate();
                std::printf("migrations applied to %s\n", database_label(c.database).c_str());
                return 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "skattedeling migrate: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
