// One function per CLI subcommand; each registers its options and sets the runner.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace skd::config {
struct Config;
}

namespace skd::tools {

using Runner = std::function<int()>;

void add_serve(CLI::App& app, Runner& run);
void add_migrate(CLI::App& app, Runner& run);
void add_token(CLI::App& app, Runner& run);
void add_grant(CLI::App& app, Runner& run);
void add_import(CLI::App& app, Runner& run);
void add_generate(CLI::App& app, Runner& run);
void add_finn(CLI::App& app, Runner& run);

// Shared: defaults → --config file → environment. Exits with a clear line on bad config.
config::Config load_config(const std::string& file);

// A database URL fit for messages: a PostgreSQL password is replaced by ***.
std::string database_label(const std::string& url);

// Help text of the --database option, the same for every subcommand.
inline constexpr const char* kDatabaseHelp =
    "sqlite:///path/file.sqlite or postgresql://user@host:port/db (default: the database "
    "config key, sqlite://var/skattedeling.sqlite)";
inline constexpr const char* kConfigHelp = "JSON configuration file (keys: README, Configuration)";

}  // namespace skd::tools
