// Scenario identifiers: identifiers that always give one documented outcome in the sandbox,
// like a payment sandbox's test card numbers (README and portal list them; the control plane
// serves the table at GET /sandbox/v1/scenarier). Every other valid identifier is an ordinary
// synthetic party made on first touch.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace skd::sandbox {

enum class Scenario {
    IngenData,         // never made: every API's not-found code
    Fortrolig,         // a person with fortrolig address protection
    StrengtFortrolig,  // a person with strengt fortrolig address protection
    Enk,               // an enkeltpersonforetak with its owner
    Underenhet,        // a subunit (not hovedenhet)
    GammeltRegelverk,  // locked to the old regime (SPEC §6.8): utleggsbegjæring answers 422
    Inkassobyraa,      // a licensed collection agency
    EndretOppgjoer,    // a person whose latest settlement changed (NY and ENDRET in the feed)
    TusenvisAvKrav,    // an organisation with 3,000 claims
    Bakendfeil,        // every API answers 500 with its back-end code (-002)
    UventetFeil,       // every API answers 500 with its unexpected-error code (-001)
    Treg,              // every answer comes after 5 seconds (client timeout tests)
};

struct ScenarioIdentifikator {
    std::string_view identifikator;
    Scenario scenario;
    std::string_view navn;         // the scenario's name in the control plane (snake_case)
    std::string_view beskrivelse;  // Norwegian, for the table
};

// Every scenario identifier; the old-regime ones are Skatteetaten's own list (SPEC §6.8).
const std::vector<ScenarioIdentifikator>& scenarier();
std::optional<Scenario> scenario_for(std::string_view identifikator);
std::string_view navn(Scenario s);

// How long a Treg answer waits.
inline constexpr int kTregMillisekunder = 5000;

}  // namespace skd::sandbox
