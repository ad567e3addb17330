#include "security/jws_verifier.hpp"

#include <algorithm>

#include "security/json_util.hpp"

namespace skd::security::detail {

namespace json = boost::json;

namespace {

AuthFailure fail(AuthFailureKind kind, std::string melding) {
    return AuthFailure{kind, std::move(melding)};
}

std::string join(const std::vector<std::string>& v) {
    std::string r;
    for (const auto& s : v) r += (r.empty() ? "" : ", ") + s;
    return r;
}

// Issuer names and kids come from the token; cap what we echo back.
std::string shown(std::string_view s) {
    std::string r(s.substr(0, 100));
    for (char& c : r) {
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
    }
    return s.size() > 100 ? r + "…" : r;
}

}  // namespace

Result<std::unique_ptr<JwsCore>, std::string> JwsCore::create(VerifierConfig cfg,
                                                              const Clock& clock) {
    if (cfg.issuers.empty()) return std::string("ingen betrodde utstedere er konfigurert");
    std::unique_ptr<JwsCore> core(new JwsCore(std::move(cfg), clock));
    for (const auto& name : core->cfg_.algorithms) {
        auto alg = rs_alg_from_name(name);
        if (!alg) return "algoritmen " + name + " støttes ikke (bare RS256, RS384, RS512)";
        core->allowed_.push_back(*alg);
    }
    if (core->allowed_.empty()) return std::string("ingen tillatte algoritmer er konfigurert");
    for (const auto& iss : core->cfg_.issuers) {
        JwksSource::Options o;
        o.issuer = iss.issuer;
        o.source = iss.jwks_source;
        o.refresh_seconds = core->cfg_.refresh_seconds;
        o.fetch_timeout_seconds = core->cfg_.fetch_timeout_seconds;
        auto src = JwksSource::serve(std::move(o));
        if (!src) return src.error();
        core->sources_.push_back(std::move(*src));
    }
    return core;
}

Result<VerifiedJws, AuthFailure> JwsCore::verify(std::string_view token) const {
    using K = AuthFailureKind;
    if (token.empty()) return fail(K::Missing, "Token mangler");
    auto parts = split_compact(token);
    if (!parts) return fail(K::Malformed, "Tokenet er ugyldig: " + parts.error().melding);

    auto header_json = base64url_decode(parts->header_b64);
    if (!header_json)
        return fail(K::Malformed, "Tokenets header er ugyldig: " + header_json.error().melding);
    auto header = parse_header(*header_json);
    if (!header) return fail(K::Malformed, "Tokenets " + header.error().melding);

    auto alg = rs_alg_from_name(header->alg);
    std::vector<std::string> allowed_names;
    for (JwsAlg a : allowed_) allowed_names.emplace_back(to_string(a));
    if (!alg || std::find(allowed_.begin(), allowed_.end(), *alg) == allowed_.end()) {
        return fail(K::AlgorithmNotAllowed,
                    "Signaturalgoritmen '" + shown(header->alg) +
                        "' er ikke tillatt (tillatt: " + join(allowed_names) + ")");
    }

    auto payload_json = base64url_decode(parts->payload_b64);
    if (!payload_json)
        return fail(K::Malformed, "Tokenets innhold er ugyldig: " + payload_json.error().melding);
    auto payload = parse_json_object(*payload_json);
    if (!payload) return fail(K::Malformed, "Tokenets innhold er " + payload.error().melding);

    auto iss = get_string(*payload, "iss");
    if (!iss) return fail(K::MissingClaim, "Tokenet mangler claimet iss (utsteder)");
    std::size_t index = cfg_.issuers.size();
    for (std::size_t i = 0; i < cfg_.issuers.size(); ++i) {
        if (cfg_.issuers[i].issuer == *iss) index = i;
    }
    if (index == cfg_.issuers.size()) {
        return fail(K::UntrustedIssuer, "Utstederen (iss) '" + shown(*iss) + "' er ikke betrodd");
    }

    auto signature = base64url_decode(parts->signature_b64);
    if (!signature)
        return fail(K::Malformed, "Tokenets signatur er ugyldig: " + signature.error().melding);

    JwksSource& source = *sources_[index];
    std::shared_ptr<const KeySet> keys = source.keys();
    bool ok = false;
    if (header->kid) {
        const Jwk* jwk = keys->find(*header->kid);
        if (!jwk) {
            // Never wait for the issuer here: the refresh runs in the background and a later
            // request with the same kid succeeds once the new keys are in.
            std::string melding = "Nøkkelen (kid) '" + shown(*header->kid) +
                                  "' er ukjent for utstederen " + shown(*iss);
            switch (source.refresh_for_unknown_kid()) {
                case JwksSource::Refresh::Scheduled:
                    melding +=
                        "; utstederens nøkler hentes på nytt nå, prøv igjen om noen sekunder";
                    break;
                case JwksSource::Refresh::RateLimited:
                    melding += "; utstederens nøkler ble nylig hentet på nytt (høyst hvert " +
                               std::to_string(source.unknown_kid_min_interval_seconds()) +
                               ". sekund), prøv igjen om noen sekunder";
                    break;
                case JwksSource::Refresh::Static:
                    break;
            }
            return fail(K::UnknownKid, std::move(melding));
        }
        if (jwk->alg && *jwk->alg != *alg) {
            return fail(K::AlgorithmNotAllowed, "Nøkkelen '" + shown(*header->kid) + "' er for " +
                                                    std::string(to_string(*jwk->alg)) +
                                                    ", men tokenet bruker " +
                                                    std::string(to_string(*alg)));
        }
        signature_checks_.fetch_add(1, std::memory_order_relaxed);
        ok = verify_signature(*jwk->key, *alg, parts->signing_input, *signature);
    } else {
        // [INFER] No kid: try each key that allows the algorithm. Maskinporten always sends kid.
        for (const Jwk& jwk : keys->all()) {
            if (jwk.alg && *jwk.alg != *alg) continue;
            signature_checks_.fetch_add(1, std::memory_order_relaxed);
            if ((ok = verify_signature(*jwk.key, *alg, parts->signing_input, *signature))) break;
        }
    }
    if (!ok) return fail(K::BadSignature, "Tokenets signatur er ugyldig");

    if (auto r = check_times_and_audience(*payload, cfg_.issuers[index]); !r) return r.error();
    return VerifiedJws{std::move(*payload), index};
}

Result<void, AuthFailure> JwsCore::check_times_and_audience(const json::object& p,
                                                            const TrustedIssuer& issuer) const {
    using K = AuthFailureKind;
    const std::int64_t now = clock_.naa().sekunder();
    const std::int64_t leeway = cfg_.leeway_seconds;
    const std::string naa = epoch_text(now);

    const json::value* exp_v = p.if_contains("exp");
    if (!exp_v) return fail(K::MissingClaim, "Tokenet mangler claimet exp (utløpstidspunkt)");
    auto exp = as_int64(*exp_v);
    if (!exp) return fail(K::Malformed, "Claimet exp er ikke et tall");
    if (*exp + leeway <= now) {
        return fail(K::Expired, "Tokenet er utløpt (exp " + epoch_text(*exp) + ", nå " + naa + ")");
    }
    if (const json::value* nbf_v = p.if_contains("nbf")) {
        auto nbf = as_int64(*nbf_v);
        if (!nbf) return fail(K::Malformed, "Claimet nbf er ikke et tall");
        if (*nbf - leeway > now) {
            return fail(K::NotYetValid, "Tokenet er ikke gyldig ennå (nbf " + epoch_text(*nbf) +
                                            ", nå " + naa + ")");
        }
    }
    if (const json::value* iat_v = p.if_contains("iat")) {
        auto iat = as_int64(*iat_v);
        if (!iat) return fail(K::Malformed, "Claimet iat er ikke et tall");
        if (*iat - leeway > now) {
            return fail(K::IssuedInFuture, "Tokenet er utstedt fram i tid (iat " +
                                               epoch_text(*iat) + ", nå " + naa + ")");
        }
    }
    if (issuer.audience) {
        // SPEC §1.5.1: aud is normally absent; only a configured audience makes it required.
        std::vector<std::string> got;
        if (const json::value* aud = p.if_contains("aud")) {
            if (const json::string* s = aud->if_string()) {
                got.emplace_back(*s);
            } else if (const json::array* a = aud->if_array()) {
                for (const auto& e : *a) {
                    if (e.is_string()) got.emplace_back(e.as_string());
                }
            }
        }
        if (std::find(got.begin(), got.end(), *issuer.audience) == got.end()) {
            return fail(K::WrongAudience,
                        "Tokenet har feil audience (aud: " +
                            (got.empty() ? std::string("ingen") : shown(join(got))) +
                            ", forventet " + *issuer.audience + ")");
        }
    }
    return {};
}

}  // namespace skd::security::detail
