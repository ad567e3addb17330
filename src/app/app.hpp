// The composition root: Config → clock → store backend → security → API modules → server.
// The only place that names a concrete backend and lists the API modules.
#pragma once

#include <memory>
#include <vector>

#include "apis/common/module.hpp"
#include "config/config.hpp"

namespace skd::app {

// Every API module the server serves, in routing order (app/modules.cpp).
std::vector<apis::ApiModule> make_modules(const apis::ModuleDeps& deps);

// Runs `serve`: returns the process exit code. Failures at start print one clear line.
int serve(const config::Config& cfg);

}  // namespace skd::app
