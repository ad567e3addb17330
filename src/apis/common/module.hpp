// ApiModule: what one API contributes to the server – its hosts and prefixes, its code table
// and its routes, each route carrying its security policy as data next to its path.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "apis/common/api_error.hpp"
#include "apis/common/codes.hpp"
#include "apis/common/request_context.hpp"
#include "security/policy.hpp"

namespace skd::apis {

using RouteHandler = std::function<ApiResult<Reply>(RequestContext&)>;

struct RoutePolicy {
    bool autentisering = true;
    security::Policy policy;
    std::string pakke_param;  // path parameter naming the rettighetspakke, if any
    std::string part_param;   // path parameter naming the party looked up, if any
    // Checks run after authentication and before authorisation, so a malformed identifier is
    // a 400 rather than a consent failure.
    std::function<std::optional<ApiError>(const RequestContext&)> valider;
};

struct Route {
    std::string method;
    std::string pattern;
    RoutePolicy policy;
    RouteHandler handler;
};

struct ApiModule {
    std::string name;                          // "restanser"; also the metrics and log label
    std::string host_label;                    // "restanser" for restanser.api.skatteetaten.no
    std::vector<std::string> host_prefixes;    // "/v2"
    std::vector<std::string> legacy_prefixes;  // "/api/innkreving/restanser/v2"
    const CodeTable* codes = nullptr;
    bool xml = true;  // offers application/xml
    std::vector<Route> routes;
};

}  // namespace skd::apis

namespace skd {
class Clock;
}
namespace skd::config {
struct Config;
}
namespace skd::store {
class Database;
}

namespace skd::apis {

// What a module factory gets from the composition root.
struct ModuleDeps {
    store::Database& db;
    const config::Config& cfg;
    const Clock& clock;  // for work at start-up; requests use ctx.naa
    // Sandbox mode: makes a synthetic party for a valid identifier the database does not know
    // and returns true when it made one (the handler then reads again); empty outside the
    // sandbox. Handlers call it only where their own read found no such party.
    std::function<bool(std::string_view)> foerste_beroering = {};
};

}  // namespace skd::apis
