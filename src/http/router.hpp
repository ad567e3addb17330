// Router: maps (Host, method, path) to a module's route. Both URL styles of SPEC §1.1: a module
// answers on its own host label with its host prefix ("/v2"), and on its legacy path prefixes
// ("/api/innkreving/restanser/v2") on any host. When the Host label names no module, host-style
// prefixes are tried too, so a client whose base URL is http://127.0.0.1:8080 works unchanged.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skd::http {

struct PathParams {
    std::vector<std::pair<std::string_view, std::string>> values;  // name -> decoded value
    std::string_view get(std::string_view name) const {
        for (const auto& [k, v] : values)
            if (k == name) return v;
        return {};
    }
};

class Router {
public:
    struct Match {
        enum class Kind { Found, MethodNotAllowed, UnknownUrl };
        Kind kind = Kind::UnknownUrl;
        int module = -1;  // owning module if known, even for UnknownUrl; -1 = none
        int route = -1;
        std::string allow;  // for MethodNotAllowed
        PathParams params;
    };

    // host_label: first label of the API's own host ("restanser"); host_prefixes: paths on that
    // host ("/v2"), or, with an empty host_label, on any host that names no module;
    // legacy_prefixes: paths on any host. Returns the module id.
    int add_module(std::string host_label, std::vector<std::string> host_prefixes,
                   std::vector<std::string> legacy_prefixes);
    // pattern relative to the prefixes, e.g. "/{rettighetspakke}/{organisasjonsnummer}"; "" = the
    // prefix itself. Literal segments win over parameters.
    void add_route(int module, std::string method, std::string_view pattern, int route_id);

    Match match(std::string_view host, std::string_view method, std::string_view path) const;

private:
    struct Segment {
        std::string text;
        bool param;
    };
    struct Module {
        std::string host_label;
        std::vector<std::vector<std::string>> host_prefixes, legacy_prefixes;
    };
    struct Route {
        int module;
        std::string method;
        std::vector<Segment> segments;
        int id;
    };
    std::vector<Module> modules_;
    std::vector<Route> routes_;
    std::vector<std::string> param_names_;  // stable storage for PathParams keys
};

// Splits a path into percent-decoded segments; false if it is not acceptable
// (bad escape, "." or ".." segment, NUL).
bool split_path(std::string_view path, std::vector<std::string>& out);
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

}  // namespace skd::http
