// Internal to security/: small non-throwing helpers over Boost.JSON for reading token claims.
// Included only by .cpp files so that public headers stay free of boost/json.hpp.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace skd::security::detail {

// Non-throwing parse; the top level must be an object.
Result<boost::json::object, ParseError> parse_json_object(std::string_view text);

// Member lookup that ignores ASCII case: Altinn's documents disagree on casing (CLIENTS.md §4.3).
const boost::json::value* find_ci(const boost::json::object& o, std::string_view key);

std::optional<std::string> get_string(const boost::json::object& o, std::string_view key);
// Integral seconds; a JSON double is truncated, anything else is absent.
std::optional<std::int64_t> as_int64(const boost::json::value& v);
std::optional<std::int64_t> get_int64(const boost::json::object& o, std::string_view key);

// "0192:974761076" or "974761076" -> "974761076"; anything else -> nullopt.
std::optional<std::string> strip_0192(std::string_view id);
// An organisation given as {"authority":..,"ID":"0192:.."}, as "0192:..", as bare 9 digits or
// as "urn:altinn:organization:identifier-no:<orgnr>".
std::optional<std::string> org_from_value(const boost::json::value& v);

std::string ascii_lower(std::string_view s);
// RFC 3339 seconds with Z, e.g. "2026-01-01T10:00:00Z", for messages.
std::string epoch_text(std::int64_t seconds);

}  // namespace skd::security::detail
