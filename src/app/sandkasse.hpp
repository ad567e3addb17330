// The sandbox's parts, composed once: parties on first touch, the shared clock, the request
// journal, fault rules (with the scenario identifiers' built-in ones) and the control plane's
// module with the baseline it resets to.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "apis/common/module.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "store/db.hpp"

namespace skd::sandbox {
class Journal;
class Feilregler;
}  // namespace skd::sandbox

namespace skd::app {

class Jobber;

class Sandkasse {
public:
    // `klokke` is the data's clock (a StyrbarKlokke in sandbox mode). Saves the reset baseline
    // when this process migrated the database and it is small enough.
    Sandkasse(const config::Config& cfg, store::Database& db, Clock& klokke, Jobber& jobber);
    ~Sandkasse();
    Sandkasse(const Sandkasse&) = delete;
    Sandkasse& operator=(const Sandkasse&) = delete;

    // For ModuleDeps: empty when first touch is off.
    std::function<bool(std::string_view)> foerste_beroering();
    bool har_kontrollplan() const;
    // The control plane's module, given the APIs it may put faults on. Call once.
    apis::ApiModule kontrollplan(const std::vector<apis::ApiModule>& apier);
    sandbox::Journal* journal();
    sandbox::Feilregler* feil();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether the config turns the control plane on ("auto": in sandbox mode).
bool kontrollplan_paa(const config::Config& cfg);

}  // namespace skd::app
