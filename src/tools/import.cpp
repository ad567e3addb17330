#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/database.hpp"
#include "config/config.hpp"
#include "import/importer.hpp"
#include "store/db.hpp"
#include "tools/tools.hpp"

namespace skd::tools {

void add_import(CLI::App& app, Runner& run) {
    auto* cmd =
        app.add_subcommand("import", "Les inn data fra en JSON Lines-fil (alt eller ingenting)");
    auto file = std::make_shared<std::string>();
    auto database = std::make_shared<std::string>();
    auto cfg = std::make_shared<std::string>();
    cmd->add_option("file", *file, "JSON Lines-fil (docs/import-format.md)")->required();
    cmd->add_option("--database", *database, "sqlite:///sti eller postgresql://...");
    cmd->add_option("--config", *cfg, "JSON-konfigurasjonsfil");
    cmd->callback([&run, file, database, cfg] {
        run = [file, database, cfg] {
            auto c = load_config(*cfg);
            if (!database->empty()) c.database = *database;
            try {
                auto db = app::open_database(c.database);
                db->migrate();
                auto r = importer::import_file(*db, *file, true);
                if (!r) {
                    std::fprintf(stderr, "skattedeling import: %s\n", r.error().melding.c_str());
                    return 1;
                }
                std::printf("importerte %lld linjer fra %s\n", static_cast<long long>(*r),
                            file->c_str());
                return 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "skattedeling import: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
