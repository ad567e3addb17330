#include "security/local_issuer.hpp"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/ids.hpp"
#include "security/jwt.hpp"

namespace skd::security {

namespace json = boost::json;

namespace {

std::string bn_bytes(const BIGNUM* bn) {
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

std::string sha256(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    return std::string(reinterpret_cast<char*>(md), len);
}

std::string random_b64url(std::size_t bytes) {
    std::string raw(bytes, '\0');
    RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes));
    return base64url_encode(raw);
}

Result<std::string, SecurityError> read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return SecurityError{"kan ikke lese " + p.string()};
    std::ostringstream ss;
    ss << in.rdbuf();
    return Result<std::string, SecurityError>(boost::system::in_place_value, ss.str());
}

Result<EVP_PKEY*, SecurityError> create_key_file(const std::filesystem::path& p) {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    if (!key) return SecurityError{"RSA-nøkkelgenerering feilet"};
    BIO* mem = BIO_new(BIO_s_mem());
    if (!mem || PEM_write_bio_PrivateKey(mem, key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        BIO_free(mem);
        EVP_PKEY_free(key);
        ERR_clear_error();
        return SecurityError{"kunne ikke skrive nøkkelen som PEM"};
    }
    char* data = nullptr;
    long len = BIO_get_mem_data(mem, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(mem);
    // O_EXCL: if another process created the file meanwhile, we lose and read theirs.
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        EVP_PKEY_free(key);
        if (errno == EEXIST) return static_cast<EVP_PKEY*>(nullptr);
        return SecurityError{"kan ikke opprette " + p.string() + ": " + std::strerror(errno)};
    }
    std::size_t off = 0;
    while (off < pem.size()) {
        ssize_t n = ::write(fd, pem.data() + off, pem.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            EVP_PKEY_free(key);
            return SecurityError{"kan ikke skrive " + p.string()};
        }
        off += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    return key;
}

}  // namespace

LocalIssuer::LocalIssuer(EVP_PKEY* key, std::string kid, std::string n_b64, std::string e_b64)
    : key_(key), kid_(std::move(kid)), n_b64_(std::move(n_b64)), e_b64_(std::move(e_b64)) {}

LocalIssuer::~LocalIssuer() {
    EVP_PKEY_free(key_);
}

Result<std::unique_ptr<LocalIssuer>, SecurityError> LocalIssuer::load_or_create(
    const std::filesystem::path& pem_path) {
    std::error_code ec;
    if (pem_path.has_parent_path()) std::filesystem::create_directories(pem_path.parent_path(), ec);
    if (ec)
        return SecurityError{"kan ikke opprette mappen " + pem_path.parent_path().string() + ": " +
                             ec.message()};

    EVP_PKEY* key = nullptr;
    if (!std::filesystem::exists(pem_path, ec)) {
        auto created = create_key_file(pem_path);
        if (!created) return created.error();
        key = *created;
    }
    if (!key) {
        auto pem = read_all(pem_path);
        if (!pem) return pem.error();
        BIO* mem = BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size()));
        key = mem ? PEM_read_bio_PrivateKey(mem, nullptr, nullptr, nullptr) : nullptr;
        BIO_free(mem);
        if (!key) {
            ERR_clear_error();
            return SecurityError{pem_path.string() +
                                 " inneholder ikke en lesbar privat nøkkel (PEM)"};
        }
        if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA || EVP_PKEY_get_bits(key) < 2048) {
            EVP_PKEY_free(key);
            return SecurityError{pem_path.string() + " er ikke en RSA-nøkkel på minst 2048 bit"};
        }
    }
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
        EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) != 1) {
        BN_free(n);
        BN_free(e);
        EVP_PKEY_free(key);
        ERR_clear_error();
        return SecurityError{"kunne ikke lese RSA-parametrene"};
    }
    std::string n_b64 = base64url_encode(bn_bytes(n));
    std::string e_b64 = base64url_encode(bn_bytes(e));
    BN_free(n);
    BN_free(e);
    // RFC 7638: required members only, lexicographic order, no whitespace.
    std::string thumb_input = R"({"e":")" + e_b64 + R"(","kty":"RSA","n":")" + n_b64 + R"("})";
    std::string kid = base64url_encode(sha256(thumb_input));
    return std::unique_ptr<LocalIssuer>(
        new LocalIssuer(key, std::move(kid), std::move(n_b64), std::move(e_b64)));
}

std::string LocalIssuer::jwks_json() const {
    json::object k{{"kty", "RSA"}, {"use", "sig"}, {"kid", kid_}, {"n", n_b64_}, {"e", e_b64_}};
    json::object doc{{"keys", json::array{k}}};
    return json::serialize(doc);
}

Result<std::string, SecurityError> LocalIssuer::mint(std::string_view payload_json,
                                                     std::string_view alg,
                                                     std::optional<std::string> kid) const {
    auto a = rs_alg_from_name(alg);
    if (!a) return SecurityError{"LocalIssuer signerer bare med RS256, RS384 eller RS512"};
    json::object header{{"alg", to_string(*a)}, {"typ", "JWT"}};
    std::string k = kid.value_or(kid_);
    if (!k.empty()) header["kid"] = k;
    std::string signing_input =
        base64url_encode(json::serialize(header)) + "." + base64url_encode(payload_json);
    const EVP_MD* md = *a == JwsAlg::RS256   ? EVP_sha256()
                       : *a == JwsAlg::RS384 ? EVP_sha384()
                                             : EVP_sha512();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t sig_len = 0;
    std::string sig;
    bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, md, nullptr, key_) == 1 &&
              EVP_DigestSign(ctx, nullptr, &sig_len,
                             reinterpret_cast<const unsigned char*>(signing_input.data()),
                             signing_input.size()) == 1;
    if (ok) {
        sig.resize(sig_len);
        ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &sig_len,
                            reinterpret_cast<const unsigned char*>(signing_input.data()),
                            signing_input.size()) == 1;
        sig.resize(sig_len);
    }
    EVP_MD_CTX_free(ctx);
    if (!ok) {
        ERR_clear_error();
        return SecurityError{"signering feilet"};
    }
    return Result<std::string, SecurityError>(boost::system::in_place_value,
                                              signing_input + "." + base64url_encode(sig));
}

namespace {

json::object org_object(std::string_view org) {
    return json::object{{"authority", "iso6523-actorid-upis"}, {"ID", "0192:" + std::string(org)}};
}

std::string iso_offset(Tidspunkt t) {
    // "2026-01-20T10:34:34.836Z" -> "2026-01-20T10:34:34.836+00:00", as Altinn writes validTo.
    std::string s = t.utc_millis();
    if (!s.empty() && s.back() == 'Z') s.replace(s.size() - 1, 1, "+00:00");
    return s;
}

}  // namespace

std::string maskinporten_payload(const MaskinportenTokenSpec& spec) {
    std::int64_t iat = spec.iat;
    std::int64_t exp = iat + spec.ttl_seconds;
    if (spec.expired) {
        exp = spec.iat - 3600;
        iat = exp - spec.ttl_seconds;
    }
    json::array details;
    if (spec.systemuser_org) {
        details.push_back(
            json::object{{"type", "urn:altinn:systemuser"},
                         {"systemuser_org", org_object(*spec.systemuser_org)},
                         {"systemuser_id", json::array{uuid_v4()}},
                         {"system_id", spec.system_id.value_or(spec.consumer + "_skd_system")}});
    }
    if (spec.samtykke) {
        const auto& s = *spec.samtykke;
        const bool person = s.from.size() == 11;
        json::array resources;
        for (const auto& r : s.ressurser)
            resources.push_back(json::object{{"type", "urn:altinn:resource"}, {"value", r}});
        json::object right{{"action", json::array{"consent"}},
                           {"resource", std::move(resources)},
                           {"metadata", json::object{}}};
        json::object d{{"type", "urn:altinn:consent"},
                       {"id", s.id.empty() ? uuid_v4() : s.id},
                       {"from", std::string(person ? "urn:altinn:person:identifier-no:"
                                                   : "urn:altinn:organization:identifier-no:") +
                                    s.from},
                       {"to", org_object(s.to.value_or(spec.consumer))},
                       {"consented", iso_offset(Tidspunkt::fra_mikros(iat * 1'000'000))},
                       {"consentRights", json::array{std::move(right)}}};
        if (s.valid_to) d["validTo"] = iso_offset(*s.valid_to);
        details.push_back(std::move(d));
    }
    json::object p;
    if (!details.empty()) p["authorization_details"] = std::move(details);
    p["scope"] = spec.scope;
    if (spec.supplier) {
        p["supplier"] = org_object(*spec.supplier);
        p["delegation_source"] = "https://tt02.altinn.no/";
    }
    p["iss"] = spec.issuer;
    p["client_amr"] = "virksomhetssertifikat";
    p["token_type"] = "Bearer";
    p["exp"] = exp;
    p["iat"] = iat;
    p["client_id"] = spec.client_id.empty() ? uuid_v4() : spec.client_id;
    p["jti"] = random_b64url(32);
    p["consumer"] = org_object(spec.consumer);
    if (spec.audience) p["aud"] = *spec.audience;
    return json::serialize(p);
}

std::string altinn2_payload(const Altinn2TokenSpec& spec) {
    json::object p;
    if (spec.services.size() == 1) {
        p["Services"] = spec.services.front();
    } else {
        json::array a;
        for (const auto& s : spec.services) a.push_back(json::string(s));
        p["Services"] = std::move(a);
    }
    p["AuthorizationCode"] = spec.authorization_code.empty() ? uuid_v4() : spec.authorization_code;
    p["OfferedBy"] = spec.offered_by;
    p["CoveredBy"] = spec.covered_by;
    if (spec.handled_by) p["HandledBy"] = *spec.handled_by;
    p["DelegatedDate"] = spec.iat - 10;
    p["ValidToDate"] = spec.valid_to.value_or(spec.iat + 90 * 86400);
    p["iss"] = spec.issuer;
    p["exp"] = spec.iat + spec.ttl_seconds;
    p["nbf"] = spec.iat;
    return json::serialize(p);
}

}  // namespace skd::security
