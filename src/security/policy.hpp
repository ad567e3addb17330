// The per-route authorisation decision: scope, rettighetspakke grant, consent and system user.
// Pure and synchronous; the API layer maps each DenialKind to its own error code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dato.hpp"
#include "core/result.hpp"
#include "security/altinn_samtykke.hpp"
#include "security/claims.hpp"

namespace skd::security {

struct SamtykkeKrav {
    std::vector<std::string> altinn2_tjenester;  // any of, e.g. {"5616_5"} or {"5928_202301"}
    std::vector<std::string> altinn3_ressurser;  // any of, e.g. {"digdir-restanser-skatteetaten"}
};

struct PackageRule {
    std::string navn;
    bool krever_samtykke = false;
    SamtykkeKrav samtykke;
    bool krever_systembruker = false;
    // Either a valid consent (as krever_samtykke) or a system user (as krever_systembruker)
    // suffices: krav og betalinger `regnskapssystem` (SPEC §3.1 "krever samtykke" in the older
    // pages, Systembruker in the newest).
    bool samtykke_eller_systembruker = false;
    bool systembruker_kun_egen_part =
        true;  // regnskapssystem: acting org must be the party looked up
    // The grant belongs to the vendor calling (the token's consumer, or its supplier), not to
    // the customer a system user acts for (regnskapssystem: the accounting-system vendor).
    bool tilgang_for_leverandoer = false;

    bool godtar_samtykke() const { return krever_samtykke || samtykke_eller_systembruker; }
};

struct Policy {
    std::string api;                  // "restanser", "kravogbetalinger", ...
    std::vector<std::string> scopes;  // any of; empty means no scope check
    // True: the route names a package (path segment) that must be one of `pakker`.
    // False: pakker[0], if any, is the API's single rule and grants are looked up with its name
    // (or "" when pakker is empty).
    bool bruker_rettighetspakke = false;
    std::vector<PackageRule> pakker;
    bool tillat_systembruker = true;
    // False for services without an access grant of their own (SPEC §5.2, §5.3: the feed and
    // siste tilgjengelige follow the scope of the lookup API).
    bool krever_tilgang = true;
};

// Which organisations Skatteetaten has registered for which package (SPEC §1.5.1 point 6).
struct GrantsLookup {
    virtual ~GrantsLookup() = default;
    virtual bool granted(std::string_view api, std::string_view pakke,
                         std::string_view org) const = 0;
};

struct PolicyInput {
    const Claims& claims;
    std::optional<std::string_view> pakke;
    std::optional<std::string_view> part;    // party looked up, 9 or 11 digits
    const Altinn2Samtykke* header_samtykke;  // verified AltinnSamtykke header, or nullptr
    Tidspunkt naa;
    bool sandbox;                        // open grants mode: every org has every package
    bool systembruker_sjekk_av = false;  // test mode: a system user may look up any party
};

enum class DenialKind { UnknownPackage, Scope, NotGranted, Samtykke, Systembruker };

struct Denial {
    DenialKind kind = DenialKind::Scope;
    std::string melding;  // precise Norwegian cause, safe to send to the client
};

struct Identity {
    std::string acting_org;
    std::string consumer_org;
    std::optional<std::string> supplier_org;
    std::optional<std::string> systemuser_org;
    std::optional<std::string> pakke;
};

// Order: scope, package name, system user allowed, grant (for the acting org, or the vendor),
// system user requirement, consent. The first failing check decides the denial.
[[nodiscard]] Result<Identity, Denial> authorise(const Policy& policy, const PolicyInput& input,
                                                 const GrantsLookup& grants);

// The package rule a route's policy applies to a request naming `pakke` (nullptr: none).
const PackageRule* rule_for(const Policy& policy, std::optional<std::string_view> pakke);

// Grants everything; for sandbox wiring and tests.
struct AllowAllGrants final : GrantsLookup {
    bool granted(std::string_view, std::string_view, std::string_view) const override {
        return true;
    }
};

}  // namespace skd::security
