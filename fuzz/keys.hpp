// Shared by the token fuzz targets: one RSA key per process (generation is slow), a verifier
// that trusts it under Maskinporten's and Altinn's issuer names, and a clock fixed at the e2e
// harness's instant.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/clock.hpp"
#include "security/altinn_samtykke.hpp"
#include "security/local_issuer.hpp"
#include "security/token_verifier.hpp"

namespace skd::fuzz {

inline const Clock& klokke() {
    static const FixedClock c(Tidspunkt::fra_mikros(1781517600LL * 1000000));  // 2026-06-15T10:00Z
    return c;
}

inline const security::LocalIssuer& noekkel() {
    static const std::unique_ptr<security::LocalIssuer> k = [] {
        std::string tmpl = (std::filesystem::temp_directory_path() / "skd-fuzz-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
        auto r = security::LocalIssuer::load_or_create(std::filesystem::path(tmpl) / "key.pem");
        if (!r) throw std::runtime_error(r.error().melding);
        std::filesystem::remove_all(tmpl);  // the key stays in memory
        return std::move(*r);
    }();
    return *k;
}

inline security::VerifierConfig konfig(const std::string& issuer) {
    security::VerifierConfig cfg;
    cfg.issuers.push_back({issuer, noekkel().jwks_json(), std::nullopt});
    cfg.refresh_seconds = 0;  // no background thread
    cfg.cache_entries = 64;   // small, so eviction is exercised too
    return cfg;
}

inline const security::TokenVerifier& maskinporten() {
    static const auto v = [] {
        auto r = security::TokenVerifier::create(konfig("https://test.maskinporten.no/"), klokke());
        if (!r) throw std::runtime_error(r.error());
        return std::move(*r);
    }();
    return *v;
}

inline const security::SamtykkeVerifier& altinn() {
    static const auto v = [] {
        auto r = security::SamtykkeVerifier::create(konfig("altinn.no"), klokke());
        if (!r) throw std::runtime_error(r.error());
        return std::move(*r);
    }();
    return *v;
}

}  // namespace skd::fuzz
