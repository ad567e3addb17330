#include "security/claims.hpp"

#include <algorithm>

#include "security/claims_internal.hpp"
#include "security/json_util.hpp"

namespace skd::security {

namespace json = boost::json;

bool Claims::has_scope(std::string_view s) const {
    return std::find(scopes.begin(), scopes.end(), s) != scopes.end();
}

namespace {

constexpr std::string_view kPersonUrn = "urn:altinn:person:identifier-no:";
constexpr std::string_view kOrgUrn = "urn:altinn:organization:identifier-no:";

void split_scopes(std::string_view text, std::vector<std::string>& out) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find(' ', i);
        if (j == std::string_view::npos) j = text.size();
        if (j > i) out.emplace_back(text.substr(i, j - i));
        i = j + 1;
    }
}

// `resource` may be an array of {type, value} (current docs), of {id} (early draft) or of strings.
void read_resources(const json::value& v, std::vector<std::string>& out) {
    auto one = [&](const json::value& r) {
        if (const json::string* s = r.if_string()) {
            out.emplace_back(*s);
        } else if (const json::object* o = r.if_object()) {
            const json::value* val = detail::find_ci(*o, "value");
            if (!val || !val->is_string()) val = detail::find_ci(*o, "id");
            if (val && val->is_string()) out.emplace_back(val->as_string());
        }
    };
    if (const json::array* a = v.if_array()) {
        for (const auto& r : *a) one(r);
    } else {
        one(v);
    }
}

Altinn3Samtykke read_consent(const json::object& d) {
    Altinn3Samtykke s;
    if (const json::value* id = detail::find_ci(d, "id"); id && id->is_string())
        s.id = id->as_string();
    if (const json::value* from = detail::find_ci(d, "from"); from && from->is_string()) {
        std::string_view f = from->as_string();
        if (f.starts_with(kPersonUrn)) {
            s.fra_type = "person";
            s.fra_id = f.substr(kPersonUrn.size());
        } else if (f.starts_with(kOrgUrn)) {
            s.fra_type = "organization";
            s.fra_id = f.substr(kOrgUrn.size());
        } else {
            s.fra_id = f;
        }
    }
    if (const json::value* to = detail::find_ci(d, "to"))
        s.til_org = detail::org_from_value(*to).value_or("");
    if (const json::value* vt = detail::find_ci(d, "validTo")) {
        if (const json::string* t = vt->if_string()) {
            if (auto parsed = Tidspunkt::parse(*t)) s.gyldig_til = *parsed;
        } else if (auto secs = detail::as_int64(*vt)) {
            // [INFER] Tolerate epoch seconds, as in the Altinn 2 token.
            if (*secs >= 0 && *secs < 253402300800)
                s.gyldig_til = Tidspunkt::fra_mikros(*secs * 1'000'000);
        }
    }
    if (const json::value* rights = detail::find_ci(d, "consentRights")) {
        auto one_right = [&](const json::value& r) {
            const json::object* ro = r.if_object();
            if (!ro) return;
            if (const json::value* res = detail::find_ci(*ro, "resource"))
                read_resources(*res, s.ressurser);
        };
        if (const json::array* a = rights->if_array()) {
            for (const auto& r : *a) one_right(r);
        } else {
            one_right(*rights);
        }
    }
    return s;
}

}  // namespace

namespace detail {

Result<Claims, ParseError> claims_from_object(const json::object& p) {
    Claims c;
    c.issuer = get_string(p, "iss").value_or("");
    if (const json::value* scope = p.if_contains("scope")) {
        if (const json::string* s = scope->if_string()) {
            split_scopes(*s, c.scopes);
        } else if (const json::array* a = scope->if_array()) {
            for (const auto& e : *a) {
                if (e.is_string()) split_scopes(e.as_string(), c.scopes);
            }
        }
    }
    const json::value* consumer = p.if_contains("consumer");
    if (!consumer) {
        return ParseError{
            "Tokenet mangler claimet consumer (organisasjonen som henter data); "
            "bruk et Maskinporten-token utstedt til en virksomhet"};
    }
    auto consumer_org = org_from_value(*consumer);
    if (!consumer_org) {
        return ParseError{
            "Claimet consumer har ikke et gyldig organisasjonsnummer i ID "
            "(forventet \"0192:<9 siffer>\")"};
    }
    c.consumer_org = *consumer_org;
    if (const json::value* supplier = p.if_contains("supplier"))
        c.supplier_org = org_from_value(*supplier);

    auto exp = get_int64(p, "exp");
    if (!exp) return ParseError{"Tokenet mangler claimet exp (utløpstidspunkt)"};
    c.exp = *exp;
    c.iat = get_int64(p, "iat").value_or(0);
    c.nbf = get_int64(p, "nbf");
    c.client_id = get_string(p, "client_id").value_or("");
    c.jti = get_string(p, "jti").value_or("");

    if (const json::value* details = p.if_contains("authorization_details")) {
        bool bad_systemuser = false;
        auto one = [&](const json::value& v) {
            const json::object* d = v.if_object();
            if (!d) return;
            auto type = get_string(*d, "type").value_or("");
            if (type == "urn:altinn:systemuser") {
                if (c.systemuser_org) return;  // the first system user wins
                const json::value* org = find_ci(*d, "systemuser_org");
                if (org) c.systemuser_org = org_from_value(*org);
                // Falling back to the consumer would let the vendor act as itself unnoticed.
                if (!c.systemuser_org) bad_systemuser = true;
                if (const json::value* sid = find_ci(*d, "system_id"); sid && sid->is_string()) {
                    c.system_id = std::string(sid->as_string());
                }
            } else if (type == "urn:altinn:consent") {
                c.samtykker.push_back(read_consent(*d));
            }
        };
        if (const json::array* a = details->if_array()) {
            for (const auto& v : *a) one(v);
        } else {
            one(*details);
        }
        if (bad_systemuser) {
            return ParseError{
                "authorization_details av typen urn:altinn:systemuser mangler et gyldig "
                "systemuser_org.ID (forventet \"0192:<9 siffer>\")"};
        }
    }
    return c;
}

}  // namespace detail

Result<Claims, ParseError> parse_claims(std::string_view payload_json) {
    auto obj = detail::parse_json_object(payload_json);
    if (!obj) return ParseError{"Tokenets innhold er " + obj.error().melding};
    return detail::claims_from_object(*obj);
}

}  // namespace skd::security
