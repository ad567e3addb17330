// Legacy Altinn 2 consent: the `AltinnSamtykke` header JWT (CLIENTS.md §4.2), signed by Altinn
// (iss "altinn.no"). This verifies and reads it; whether it fits the request is policy.hpp's job.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/dato.hpp"
#include "core/result.hpp"
#include "security/verifier_types.hpp"

namespace skd::security {

namespace detail {
class JwsCore;
}

struct Altinn2Samtykke {
    std::vector<std::string> tjenester;          // "5616_5": {ServiceCode}_{ServiceEdition}
    std::vector<std::string> tjeneste_metadata;  // "5616_5_inntektsaar=2016"-style entries
    std::string offered_by;                      // who consented (fnr or orgnr)
    std::string covered_by;                      // who received the right
    std::optional<std::string> handled_by;
    std::optional<Tidspunkt> valid_to;   // ValidToDate
    std::optional<Tidspunkt> delegated;  // DelegatedDate
    std::string authorization_code;
};

class SamtykkeVerifier {
public:
    // cfg.issuers is normally one entry {"altinn.no", <Altinn JWKS>}. `clock` must outlive this.
    [[nodiscard]] static Result<std::unique_ptr<SamtykkeVerifier>, std::string> create(
        VerifierConfig cfg, const Clock& clock);
    ~SamtykkeVerifier();

    // Thread-safe. Checks signature, exp/nbf (with leeway) and that OfferedBy/CoveredBy are
    // present. ValidToDate is not checked here: policy.hpp reports it as a consent failure.
    [[nodiscard]] Result<Altinn2Samtykke, AuthFailure> verify(std::string_view jwt) const;

private:
    explicit SamtykkeVerifier(std::unique_ptr<detail::JwsCore> core);
    std::unique_ptr<detail::JwsCore> core_;
};

}  // namespace skd::security
