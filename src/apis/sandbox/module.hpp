// The sandbox control plane under /sandbox/v1: data (JSON Lines import, reset to the baseline,
// named states), time (the data's clock), faults, the request journal, test-data search and
// the scenario identifiers. Every call needs a token with the scope skattedeling:admin; errors
// are problem details. Shaped like the other API modules (docs/openapi/sandbox.json).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "apis/common/module.hpp"
#include "sandbox/feil.hpp"
#include "sandbox/journal.hpp"
#include "sandbox/klokke.hpp"

namespace skd::apis::sandbox {

// What the control plane works on (owned by the composition root).
struct Tjenester {
    store::Database& db;
    skd::sandbox::DeltKlokke& klokke;
    skd::sandbox::Journal& journal;
    skd::sandbox::Feilregler& feil;
    // Runs the scheduled jobs at once (the midnight transitions a moved clock has passed);
    // returns the trekkpålegg versions written.
    std::function<std::int64_t()> kjoer_jobber;
    // The APIs a fault rule may name, and whether a code belongs to an API's table.
    std::vector<std::string> apier;
    std::function<bool(std::string_view api, std::string_view kode)> kjent_kode;
    // The reset baseline: saved at start when the database was small enough (else why not).
    bool har_utgangspunkt = false;
    std::string uten_utgangspunkt;
};

// The name of the saved baseline state (names starting with "_" are the server's own).
inline constexpr std::string_view kUtgangspunkt = "_utgangspunkt";

ApiModule make_module(Tjenester& t);

}  // namespace skd::apis::sandbox
