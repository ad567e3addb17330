#include "security/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <array>

#include "security/json_util.hpp"

namespace skd::security {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<signed char, 256> make_decode_table() {
    std::array<signed char, 256> t{};
    for (auto& x : t) x = -1;
    for (int i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
    return t;
}
constexpr auto kDecode = make_decode_table();

bool is_b64url_char(char c) {
    return kDecode[static_cast<unsigned char>(c)] >= 0;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::size_t i = 0;
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    for (; i + 3 <= bytes.size(); i += 3) {
        unsigned v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (bytes.size() - i == 1) {
        unsigned v = b(i) << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
    } else if (bytes.size() - i == 2) {
        unsigned v = (b(i) << 16) | (b(i + 1) << 8);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

Result<std::string, ParseError> base64url_decode(std::string_view text) {
    if (auto pad = text.find('='); pad != std::string_view::npos) {
        std::string_view padding = text.substr(pad);
        if (padding.find_first_not_of('=') != std::string_view::npos || padding.size() > 2 ||
            text.size() % 4 != 0) {
            return ParseError{"feil base64url-utfylling ('=')"};
        }
        std::size_t rest = pad % 4;
        // Two data characters need "==", three need "="; anything else is wrong padding.
        if ((rest == 2 && padding.size() != 2) || (rest == 3 && padding.size() != 1) || rest < 2) {
            return ParseError{"feil base64url-utfylling ('=')"};
        }
        text = text.substr(0, pad);
    }
    if (text.size() % 4 == 1) return ParseError{"ugyldig base64url-lengde"};
    std::string out;
    out.reserve(text.size() * 3 / 4);
    unsigned acc = 0;
    int bits = 0;
    for (char c : text) {
        signed char d = kDecode[static_cast<unsigned char>(c)];
        if (d < 0) return ParseError{"ugyldig tegn i base64url"};
        acc = (acc << 6) | static_cast<unsigned>(d);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    // Leftover bits must be zero, or two different texts would decode to the same bytes.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
        return ParseError{"ugyldig base64url (overflødige biter)"};
    }
    return Result<std::string, ParseError>(boost::system::in_place_value, std::move(out));
}

Result<JwsParts, ParseError> split_compact(std::string_view token) {
    if (token.empty()) return ParseError{"tokenet er tomt"};
    if (token.size() > kMaxTokenBytes) {
        return ParseError{"tokenet er for stort (" + std::to_string(token.size()) + " byte, maks " +
                          std::to_string(kMaxTokenBytes) + ")"};
    }
    std::size_t first = token.find('.');
    if (first == std::string_view::npos) return ParseError{"tokenet har 1 del, ikke 3"};
    std::size_t second = token.find('.', first + 1);
    if (second == std::string_view::npos) return ParseError{"tokenet har 2 deler, ikke 3"};
    if (token.find('.', second + 1) != std::string_view::npos) {
        std::size_t n = 1;
        for (char c : token) n += c == '.';
        return ParseError{"tokenet har " + std::to_string(n) + " deler, ikke 3"};
    }
    JwsParts p;
    p.header_b64 = token.substr(0, first);
    p.payload_b64 = token.substr(first + 1, second - first - 1);
    p.signature_b64 = token.substr(second + 1);
    p.signing_input = token.substr(0, second);
    if (p.header_b64.empty() || p.payload_b64.empty() || p.signature_b64.empty()) {
        return ParseError{"tokenet har en tom del"};
    }
    for (char c : token) {
        if (c != '.' && !is_b64url_char(c)) return ParseError{"tokenet inneholder ugyldige tegn"};
    }
    return p;
}

std::optional<JwsAlg> rs_alg_from_name(std::string_view name) {
    if (name == "RS256") return JwsAlg::RS256;
    if (name == "RS384") return JwsAlg::RS384;
    if (name == "RS512") return JwsAlg::RS512;
    return std::nullopt;
}

std::string_view to_string(JwsAlg alg) {
    switch (alg) {
        case JwsAlg::RS256:
            return "RS256";
        case JwsAlg::RS384:
            return "RS384";
        case JwsAlg::RS512:
            return "RS512";
    }
    return "?";
}

Result<JwtHeader, ParseError> parse_header(std::string_view header_json) {
    auto obj = detail::parse_json_object(header_json);
    if (!obj) return ParseError{"headeren er " + obj.error().melding};
    JwtHeader h;
    const auto* alg = obj->if_contains("alg");
    if (!alg || !alg->is_string()) return ParseError{"headeren mangler alg"};
    h.alg = std::string(alg->as_string());
    if (const auto* kid = obj->if_contains("kid")) {
        if (!kid->is_string()) return ParseError{"kid i headeren er ikke en tekst"};
        h.kid = std::string(kid->as_string());
    }
    if (const auto* typ = obj->if_contains("typ")) {
        if (!typ->is_string()) return ParseError{"typ i headeren er ikke en tekst"};
        h.typ = std::string(typ->as_string());
    }
    return h;
}

namespace {

struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct BnFree {
    void operator()(BIGNUM* b) const { BN_free(b); }
};
struct ParamBldFree {
    void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

const EVP_MD* digest_for(JwsAlg alg) {
    switch (alg) {
        case JwsAlg::RS256:
            return EVP_sha256();
        case JwsAlg::RS384:
            return EVP_sha384();
        case JwsAlg::RS512:
            return EVP_sha512();
    }
    return nullptr;
}

}  // namespace

Result<std::shared_ptr<const PublicKey>, std::string> PublicKey::from_rsa_components(
    std::string_view n, std::string_view e) {
    if (n.empty() || e.empty() || e.size() > 8) return std::string("ugyldig RSA-nøkkel (n/e)");
    std::unique_ptr<BIGNUM, BnFree> bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()),
                                                   static_cast<int>(n.size()), nullptr));
    std::unique_ptr<BIGNUM, BnFree> bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()),
                                                   static_cast<int>(e.size()), nullptr));
    if (!bn_n || !bn_e) return std::string("kunne ikke lese RSA-nøkkelen");
    if (BN_num_bits(bn_n.get()) < 2048) {
        return "RSA-nøkkelen er for kort (" + std::to_string(BN_num_bits(bn_n.get())) + " bit)";
    }
    if (!BN_is_odd(bn_e.get()) || BN_is_one(bn_e.get()))
        return std::string("ugyldig RSA-eksponent");
    std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
    if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
        return std::string("kunne ikke bygge RSA-nøkkelen");
    }
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld.get()));
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0 || !pkey) {
        ERR_clear_error();
        return std::string("kunne ikke bygge RSA-nøkkelen");
    }
    return std::shared_ptr<const PublicKey>(new PublicKey(pkey));
}

Result<std::shared_ptr<const PublicKey>, std::string> PublicKey::from_pem(std::string_view pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (!bio) return std::string("tomt minne");
    EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!pkey) {
        ERR_clear_error();
        return std::string("kunne ikke lese PEM-nøkkelen");
    }
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA || EVP_PKEY_get_bits(pkey) < 2048) {
        EVP_PKEY_free(pkey);
        return std::string("PEM-nøkkelen er ikke en RSA-nøkkel på minst 2048 bit");
    }
    return std::shared_ptr<const PublicKey>(new PublicKey(pkey));
}

PublicKey::~PublicKey() {
    EVP_PKEY_free(pkey_);
}

int PublicKey::bits() const {
    return EVP_PKEY_get_bits(pkey_);
}

bool verify_signature(const PublicKey& key, JwsAlg alg, std::string_view signing_input,
                      std::string_view signature) {
    // A PKCS#1 signature is exactly the modulus length; checking first avoids odd OpenSSL paths.
    if (signature.size() != static_cast<std::size_t>((key.bits() + 7) / 8)) return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!ctx) return false;
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, digest_for(alg), nullptr, key.evp()) != 1) {
        ERR_clear_error();
        return false;
    }
    int rc = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
        reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
    // Failed checks leave entries in the thread's OpenSSL error queue; drop them.
    if (rc != 1) ERR_clear_error();
    return rc == 1;
}

}  // namespace skd::security
