// Compact JWS primitives: strict base64url, splitting, header parsing and RSA signature checks.
// Every function here takes attacker-controlled bytes and reports problems as values.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of our headers

namespace skd::security {

// Larger tokens are refused before any decoding; real Maskinporten tokens are ~1-2 KiB.
inline constexpr std::size_t kMaxTokenBytes = 16 * 1024;

std::string base64url_encode(std::string_view bytes);
// Strict: only [A-Za-z0-9-_], no stray bits in the last character; '=' padding only when correct.
[[nodiscard]] Result<std::string, ParseError> base64url_decode(std::string_view text);

// Views into the caller's token; valid as long as the token string is.
struct JwsParts {
    std::string_view header_b64;
    std::string_view payload_b64;
    std::string_view signature_b64;
    std::string_view signing_input;  // "header.payload", the bytes the signature covers
};
// Exactly three non-empty segments of base64url characters, at most kMaxTokenBytes in total.
[[nodiscard]] Result<JwsParts, ParseError> split_compact(std::string_view token);

enum class JwsAlg { RS256, RS384, RS512 };
std::optional<JwsAlg> rs_alg_from_name(std::string_view name);
std::string_view to_string(JwsAlg alg);

struct JwtHeader {
    std::string alg;
    std::optional<std::string> kid;
    std::optional<std::string> typ;
};
// header_json is the decoded JSON text; alg must be a string, kid/typ strings when present.
[[nodiscard]] Result<JwtHeader, ParseError> parse_header(std::string_view header_json);

// An RSA public key. Immutable after construction and safe to use from many threads.
class PublicKey {
public:
    // n and e as unsigned big-endian bytes (the decoded JWK "n"/"e"); refuses moduli < 2048 bits.
    [[nodiscard]] static Result<std::shared_ptr<const PublicKey>, std::string> from_rsa_components(
        std::string_view n, std::string_view e);
    [[nodiscard]] static Result<std::shared_ptr<const PublicKey>, std::string> from_pem(
        std::string_view pem);

    ~PublicKey();
    PublicKey(const PublicKey&) = delete;
    PublicKey& operator=(const PublicKey&) = delete;

    int bits() const;
    evp_pkey_st* evp() const { return pkey_; }

private:
    explicit PublicKey(evp_pkey_st* pkey) : pkey_(pkey) {}
    evp_pkey_st* pkey_;
};

// PKCS#1 v1.5 verification of `signature` over `signing_input`. False on any failure.
bool verify_signature(const PublicKey& key, JwsAlg alg, std::string_view signing_input,
                      std::string_view signature);

}  // namespace skd::security
