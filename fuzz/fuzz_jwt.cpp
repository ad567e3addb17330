// libFuzzer target: Maskinporten token handling. Byte 0 picks the mode: even = the rest is a
// token as a client would send it (split_compact, parse_header, parse_claims on the decoded
// parts, TokenVerifier::verify, bearer_from_header); odd = the rest is a payload JSON that we
// sign with the trusted key, so the claim checks behind the signature are fuzzed too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/keys.hpp"
#include "security/claims.hpp"
#include "security/jwt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace skd;
    if (size < 1) return 0;
    std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto& v = fuzz::maskinporten();
    if ((data[0] & 1) == 0) {
        if (auto p = security::split_compact(in)) {
            if (auto h = security::base64url_decode(p->header_b64))
                (void)security::parse_header(*h);
            if (auto c = security::base64url_decode(p->payload_b64))
                (void)security::parse_claims(*c);
        }
        (void)security::parse_header(in);
        (void)security::parse_claims(in);
        (void)v.verify(in);
        if (auto b = security::TokenVerifier::bearer_from_header(in)) (void)v.verify(*b);
        return 0;
    }
    const char* alg = (data[0] & 2) ? "RS512" : "RS256";
    auto token = fuzz::noekkel().mint(in, alg);
    if (!token) return 0;
    auto r = v.verify(*token);
    if (r) {
        // A verified token always names who acts.
        const auto& c = **r;
        if (c.consumer_org.size() != 9) __builtin_trap();
        (void)c.acting_org();
    }
    return 0;
}
