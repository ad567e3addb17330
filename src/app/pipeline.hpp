// The request pipeline: route → negotiate → authenticate → validate → authorise → handle →
// render, log, measure. The order is written once, in pipeline.cpp.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "apis/common/module.hpp"
#include "core/clock.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "ops/access_log.hpp"

namespace skd::security {
class TokenVerifier;
class SamtykkeVerifier;
struct GrantsLookup;
}  // namespace skd::security
namespace skd::store {
class Database;
}
namespace skd::sandbox {
class Journal;
class Feilregler;
}  // namespace skd::sandbox

namespace skd::app {

struct PipelineOptions {
    bool sandbox = false;
    bool regnskapssystem_all_parties = false;
    std::size_t max_concurrent_per_consumer = 0;  // 0 = no limit
    std::string jwks_json;  // published at /jwks.json in demo mode when non-empty
    // The sandbox's control plane: every request goes to the journal, and the fault rules act
    // on the APIs' requests (never on the control plane's own). nullptr outside it.
    sandbox::Journal* journal = nullptr;
    sandbox::Feilregler* feil = nullptr;
};

// bruk.md: calls in flight per (API, consumer) on this instance, across all threads.
class Samtidighet {
public:
    bool ta(const std::string& noekkel, std::size_t maks);
    void slipp(const std::string& noekkel);

private:
    std::mutex mu_;
    std::map<std::string, std::size_t, std::less<>> i_bruk_;
};

class Pipeline {
public:
    Pipeline(std::vector<apis::ApiModule> modules, const security::TokenVerifier& verifier,
             const security::SamtykkeVerifier* samtykke, const security::GrantsLookup& grants,
             store::Database& db, const Clock& clock, ops::AccessLog& log, PipelineOptions opts);

    void handle(const http::Request& req, http::Response& res) const;
    // Answers the server's own protocol errors (413, 431, 400, 500) in the owning API's format.
    void protocol_error(int status, std::string_view target, std::string_view accept,
                        http::Response& res) const;

private:
    struct Outcome;
    void dispatch(const http::Request& req, http::Response& res, Outcome& o) const;
    bool ops_endpoint(const http::Request& req, http::Response& res) const;
    void journalfoer(const http::Request& req, const http::Response& res, const Outcome& o,
                     std::int64_t us) const;
    const apis::ApiModule* owner_of(std::string_view host, std::string_view target) const;

    std::vector<apis::ApiModule> modules_;
    http::Router router_;
    std::vector<std::pair<int, int>> route_index_;  // route id -> (module, route)
    const security::TokenVerifier& verifier_;
    const security::SamtykkeVerifier* samtykke_;
    const security::GrantsLookup& grants_;
    store::Database& db_;
    const Clock& clock_;
    ops::AccessLog& log_;
    PipelineOptions opts_;
    mutable Samtidighet samtidighet_;
};

}  // namespace skd::app
