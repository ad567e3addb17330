// `skattedeling import FILE`: loads JSON Lines (docs/import-format.md), all or nothing per file,
// with progress on stderr for large files (tools/progress.hpp).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/database.hpp"
#include "config/config.hpp"
#include "import/importer.hpp"
#include "store/db.hpp"
#include "tools/progress.hpp"
#include "tools/tools.hpp"

namespace skd::tools {

void add_import(CLI::App& app, Runner& run) {
    auto* cmd =
        app.add_subcommand("import", "Load data from a JSON Lines file (all or nothing per file)");
    struct Opts {
        std::string file, database, cfg;
        bool quiet = false;
        double progress_every = 10;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("file", o->file, "JSON Lines file (docs/import-format.md)")->required();
    cmd->add_option("--database", o->database, kDatabaseHelp);
    cmd->add_option("--config", o->cfg, kConfigHelp);
    cmd->add_flag("--quiet", o->quiet, "No progress on stderr");
    cmd->add_option("--progress-every", o->progress_every,
                    "Seconds between progress lines when stderr is not a terminal")
        ->capture_default_str();
    cmd->callback([&run, o] {
        run = [o] {
            auto c = load_config(o->cfg);
            if (!o->database.empty()) c.database = o->database;
            try {
                auto db = app::open_database(c.database);
                db->migrate();
                Progress p("import", "lines", Progress::mode_for(o->quiet), o->progress_every);
                auto r = importer::import_file_with_progress(
                    *db, o->file, [&p](std::int64_t bytes, std::int64_t total, std::int64_t lines) {
                        p.update(total > 0 ? static_cast<double>(bytes) / static_cast<double>(total)
                                           : 0.0,
                                 lines);
                    });
                p.finish();
                if (!r) {
                    std::fprintf(stderr, "skattedeling import: %s\n", r.error().melding.c_str());
                    return 1;
                }
                std::printf("imported %lld lines from %s into %s\n", static_cast<long long>(*r),
                            o->file.c_str(), database_label(c.database).c_str());
                return 0;
            } catch (const std::exception& e) {
                std::fprintf(stderr, "skattedeling import: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
