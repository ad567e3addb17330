#include "security/json_util.hpp"

#include <cmath>

#include "core/dato.hpp"
#include "core/ids.hpp"

namespace skd::security::detail {

namespace json = boost::json;

Result<json::object, ParseError> parse_json_object(std::string_view text) {
    boost::system::error_code ec;
    json::parse_options opt;
    opt.max_depth = 32;
    json::value v = json::parse(text, ec, {}, opt);
    if (ec) return ParseError{"ugyldig JSON (" + ec.message() + ")"};
    if (!v.is_object()) return ParseError{"JSON-dokumentet er ikke et objekt"};
    return std::move(v.as_object());
}

std::string ascii_lower(std::string_view s) {
    std::string r(s);
    for (char& c : r) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return r;
}

const json::value* find_ci(const json::object& o, std::string_view key) {
    if (const json::value* exact = o.if_contains(key)) return exact;
    const std::string want = ascii_lower(key);
    for (const auto& kv : o) {
        if (kv.key().size() == want.size() && ascii_lower(kv.key()) == want) return &kv.value();
    }
    return nullptr;
}

std::optional<std::string> get_string(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string());
}

std::optional<std::int64_t> as_int64(const json::value& v) {
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64()) {
        if (v.as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<std::int64_t>(v.as_uint64());
    }
    if (v.is_double()) {
        double d = v.as_double();
        // Beyond ±2^62 the value is nonsense for a timestamp; refusing avoids UB in the cast.
        if (!std::isfinite(d) || d > 4.6e18 || d < -4.6e18) return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

std::optional<std::int64_t> get_int64(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v) return std::nullopt;
    return as_int64(*v);
}

std::optional<std::string> strip_0192(std::string_view id) {
    constexpr std::string_view kPrefix = "0192:";
    if (id.substr(0, kPrefix.size()) == kPrefix) id.remove_prefix(kPrefix.size());
    if (id.size() != 9 || !bare_sifre(id)) return std::nullopt;
    return std::string(id);
}

std::optional<std::string> org_from_value(const json::value& v) {
    if (const json::object* o = v.if_object()) {
        const json::value* id = find_ci(*o, "ID");
        if (!id || !id->is_string()) return std::nullopt;
        return strip_0192(id->as_string());
    }
    if (const json::string* s = v.if_string()) {
        std::string_view t = *s;
        constexpr std::string_view kUrn = "urn:altinn:organization:identifier-no:";
        if (t.substr(0, kUrn.size()) == kUrn) t.remove_prefix(kUrn.size());
        return strip_0192(t);
    }
    return std::nullopt;
}

std::string epoch_text(std::int64_t seconds) {
    // Clamp to a range Tidspunkt can render; messages about absurd dates need not be exact.
    constexpr std::int64_t kMax = 253402300799;  // 9999-12-31T23:59:59Z
    if (seconds > kMax) seconds = kMax;
    if (seconds < 0) seconds = 0;
    std::string t = Tidspunkt::fra_mikros(seconds * 1'000'000).utc_millis();
    // "....:SS.mmmZ" -> "....:SSZ"
    if (auto dot = t.rfind('.'); dot != std::string::npos) t.erase(dot, t.size() - 1 - dot);
    return t;
}

}  // namespace skd::security::detail
