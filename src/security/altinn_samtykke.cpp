#include "security/altinn_samtykke.hpp"

#include "security/json_util.hpp"
#include "security/jws_verifier.hpp"

namespace skd::security {

namespace json = boost::json;

namespace {

// "5616_5" is a service; "5616_5_inntektsaar=2016" is metadata for it.
bool is_metadata_entry(std::string_view s) {
    return s.find('=') != std::string_view::npos;
}

void add_service(Altinn2Samtykke& s, std::string_view entry) {
    if (entry.empty()) return;
    (is_metadata_entry(entry) ? s.tjeneste_metadata : s.tjenester).emplace_back(entry);
}

// OfferedBy and friends are strings in Altinn's tokens; tolerate numbers (an orgnr fits int64).
std::optional<std::string> id_text(const json::object& o, std::string_view key) {
    const json::value* v = detail::find_ci(o, key);
    if (!v) return std::nullopt;
    if (const json::string* s = v->if_string()) return std::string(*s);
    if (auto n = detail::as_int64(*v)) return std::to_string(*n);
    return std::nullopt;
}

std::optional<Tidspunkt> epoch_claim(const json::object& o, std::string_view key) {
    const json::value* v = detail::find_ci(o, key);
    if (!v) return std::nullopt;
    auto secs = detail::as_int64(*v);
    if (!secs || *secs < 0 || *secs >= 253402300800) return std::nullopt;
    return Tidspunkt::fra_mikros(*secs * 1'000'000);
}

}  // namespace

SamtykkeVerifier::SamtykkeVerifier(std::unique_ptr<detail::JwsCore> core)
    : core_(std::move(core)) {}
SamtykkeVerifier::~SamtykkeVerifier() = default;

Result<std::unique_ptr<SamtykkeVerifier>, std::string> SamtykkeVerifier::create(
    VerifierConfig cfg, const Clock& clock) {
    auto core = detail::JwsCore::create(std::move(cfg), clock);
    if (!core) return core.error();
    return std::unique_ptr<SamtykkeVerifier>(new SamtykkeVerifier(std::move(*core)));
}

Result<Altinn2Samtykke, AuthFailure> SamtykkeVerifier::verify(std::string_view jwt) const {
    while (!jwt.empty() && (jwt.front() == ' ' || jwt.front() == '\t')) jwt.remove_prefix(1);
    while (!jwt.empty() && (jwt.back() == ' ' || jwt.back() == '\t')) jwt.remove_suffix(1);
    if (jwt.empty()) return AuthFailure{AuthFailureKind::Missing, "AltinnSamtykke-headeren er tom"};
    auto verified = core_->verify(jwt);
    if (!verified) {
        AuthFailure f = verified.error();
        f.melding = "Samtykketokenet (AltinnSamtykke) er ugyldig: " + f.melding;
        return f;
    }
    const json::object& p = verified->payload;
    Altinn2Samtykke s;
    // CLIENTS.md §4.2: "Services" is a string for one service, an array for several.
    if (const json::value* services = detail::find_ci(p, "Services")) {
        if (const json::string* one = services->if_string()) {
            add_service(s, *one);
        } else if (const json::array* many = services->if_array()) {
            for (const auto& e : *many) {
                if (e.is_string()) add_service(s, e.as_string());
            }
        }
    }
    auto offered = id_text(p, "OfferedBy");
    auto covered = id_text(p, "CoveredBy");
    if (!offered || !covered) {
        return AuthFailure{AuthFailureKind::MissingClaim,
                           std::string("Samtykketokenet (AltinnSamtykke) mangler ") +
                               (!offered ? "OfferedBy" : "CoveredBy")};
    }
    if (s.tjenester.empty()) {
        return AuthFailure{AuthFailureKind::MissingClaim,
                           "Samtykketokenet (AltinnSamtykke) mangler Services"};
    }
    s.offered_by = *offered;
    s.covered_by = *covered;
    s.handled_by = id_text(p, "HandledBy");
    s.valid_to = epoch_claim(p, "ValidToDate");
    s.delegated = epoch_claim(p, "DelegatedDate");
    if (const json::value* code = detail::find_ci(p, "AuthorizationCode");
        code && code->is_string()) {
        s.authorization_code = code->as_string();
    }
    return s;
}

}  // namespace skd::security
