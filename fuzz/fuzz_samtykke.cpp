// libFuzzer target: consent tokens. Altinn 2 `AltinnSamtykke` JWTs (SamtykkeVerifier::verify on
// raw input, and on payloads signed with the trusted key so the claim reading behind the
// signature is reached) and Altinn 3 consent details inside Maskinporten claims (parse_claims).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/keys.hpp"
#include "security/claims.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace skd;
    if (size < 1) return 0;
    std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 3) {
        case 0:
            (void)fuzz::altinn().verify(in);
            break;
        case 1:
            if (auto t = fuzz::noekkel().mint(in)) {
                if (auto s = fuzz::altinn().verify(*t)) {
                    // Present, though possibly empty: an empty OfferedBy/CoveredBy passes here and
                    // is refused by policy.cpp, which compares them with the party and consumer.
                    if (s->tjenester.empty()) __builtin_trap();
                }
            }
            break;
        default:
            if (auto c = security::parse_claims(in)) {
                for (const auto& s : c->samtykker) (void)s.ressurser.size();
            }
    }
    return 0;
}
