// One function per CLI subcommand; each registers its options and sets the runner.
#pragma once

#include <functional>

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

// Shared: defaults → --config file → environment. Exits with a clear line on bad config.
config::Config load_config(const std::string& file);

}  // namespace skd::tools
