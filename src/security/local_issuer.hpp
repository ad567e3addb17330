// A development token issuer: one RSA-2048 key in a PEM file, its JWKS, and payload builders
// shaped exactly like Maskinporten (CLIENTS.md §4.1/4.3) and Altinn 2 consent tokens (§4.2).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dato.hpp"
#include "core/result.hpp"
#include "security/verifier_types.hpp"

struct evp_pkey_st;

namespace skd::security {

class LocalIssuer {
public:
    // Reads the private key from `pem_path`, or creates it (mode 0600, parent directories too).
    [[nodiscard]] static Result<std::unique_ptr<LocalIssuer>, SecurityError> load_or_create(
        const std::filesystem::path& pem_path);
    ~LocalIssuer();
    LocalIssuer(const LocalIssuer&) = delete;
    LocalIssuer& operator=(const LocalIssuer&) = delete;

    // RFC 7638 SHA-256 thumbprint, base64url.
    const std::string& kid() const { return kid_; }
    // {"keys":[{"kty":"RSA","use":"sig","kid":..,"n":..,"e":..}]}; no "alg", so RS384/RS512 work
    // too.
    std::string jwks_json() const;

    // Signs `payload_json` (a JSON object text, used verbatim) as a compact JWS. `alg` is RS256,
    // RS384 or RS512; `kid` overrides the header kid ("" leaves it out). Thread-safe.
    [[nodiscard]] Result<std::string, SecurityError> mint(
        std::string_view payload_json, std::string_view alg = "RS256",
        std::optional<std::string> kid = std::nullopt) const;

private:
    LocalIssuer(evp_pkey_st* key, std::string kid, std::string n_b64, std::string e_b64);
    evp_pkey_st* key_;
    std::string kid_;
    std::string n_b64_;
    std::string e_b64_;
};

struct MaskinportenTokenSpec {
    std::string issuer = "https://test.maskinporten.no/";
    std::string scope;  // space-separated
    std::string
        consumer;  // 9 digits; written as {"authority":"iso6523-actorid-upis","ID":"0192:<org>"}
    std::optional<std::string> supplier;        // adds delegation_source too
    std::optional<std::string> systemuser_org;  // adds an urn:altinn:systemuser detail
    std::optional<std::string> system_id;
    struct Samtykke {
        std::string from;  // 11 digits: person URN, otherwise organisation URN
        std::vector<std::string> ressurser;
        std::optional<Tidspunkt> valid_to;
        std::optional<std::string> to;  // defaults to the consumer
        std::string id;                 // defaults to a random UUID
    };
    std::optional<Samtykke> samtykke;  // adds an urn:altinn:consent detail
    std::int64_t iat = 0;              // epoch seconds
    std::int64_t ttl_seconds = 120;
    bool expired = false;   // exp an hour before iat's instant, well outside any leeway
    std::string client_id;  // defaults to a random UUID
    std::optional<std::string> audience;
};
// The payload JSON text for LocalIssuer::mint.
std::string maskinporten_payload(const MaskinportenTokenSpec& spec);

struct Altinn2TokenSpec {
    std::vector<std::string> services;  // one entry is written as a string, several as an array
    std::string offered_by;
    std::string covered_by;
    std::optional<std::string> handled_by;
    std::optional<std::int64_t> valid_to;  // ValidToDate; defaults to iat + 90 days
    std::int64_t iat = 0;                  // "now": nbf = iat, DelegatedDate = iat - 10
    std::int64_t ttl_seconds = 30;
    std::string issuer = "altinn.no";
    std::string authorization_code;  // defaults to a random UUID
};
std::string altinn2_payload(const Altinn2TokenSpec& spec);

}  // namespace skd::security
