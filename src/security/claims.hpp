// What a verified Maskinporten token says about the caller: scopes, consumer, delegation,
// system user and Altinn 3 consents. Parsed leniently because Altinn's own examples disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dato.hpp"
#include "core/result.hpp"

namespace skd::security {

// One authorization_details entry of type "urn:altinn:consent" (CLIENTS.md §4.3).
struct Altinn3Samtykke {
    std::string id;
    std::string fra_type;  // "person" | "organization" | "" (unrecognised `from`; fra_id is then
                           // the raw text)
    std::string fra_id;    // 11-digit fnr or 9-digit orgnr
    std::string til_org;   // 9 digits; empty when `to` was missing or unreadable
    std::optional<Tidspunkt> gyldig_til;
    std::vector<std::string> ressurser;  // consentRights[].resource[].value (or .id)
};

struct Claims {
    std::string issuer;
    std::vector<std::string> scopes;
    std::string consumer_org;  // 9 digits, "0192:" stripped
    std::optional<std::string> supplier_org;
    std::optional<std::string> systemuser_org;
    std::optional<std::string> system_id;
    std::vector<Altinn3Samtykke> samtykker;
    std::int64_t exp = 0;
    std::int64_t iat = 0;
    std::optional<std::int64_t> nbf;
    std::string client_id;
    std::string jti;

    bool has_scope(std::string_view s) const;
    // SPEC §1.5.2 [INFER]: the system user's customer acts when present, else the consumer.
    const std::string& acting_org() const {
        return systemuser_org ? *systemuser_org : consumer_org;
    }
};

// Parses the payload JSON of an already verified token. Fails (Norwegian reason) when a required
// claim is missing or unreadable: `consumer` (with a 9-digit ID) and `exp`.
[[nodiscard]] Result<Claims, ParseError> parse_claims(std::string_view payload_json);

}  // namespace skd::security
