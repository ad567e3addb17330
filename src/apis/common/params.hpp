// Parsing helpers shared by the modules' params.cpp: numbers and identifiers from path and
// query strings into value types, or an InvalidInput ApiError naming the parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "apis/common/api_error.hpp"
#include "apis/common/codes.hpp"

namespace skd::apis {

// Non-negative decimal integer within [min, max]; no sign, no spaces, no leading '+'.
ApiResult<std::int64_t> parse_heltall(std::string_view navn, std::string_view verdi,
                                      std::int64_t min, std::int64_t max, const CodeTable& codes);

// Rejects a query parameter given more than once (ambiguous input).
std::optional<ApiError> sjekk_ikke_duplisert(std::string_view navn, std::size_t antall,
                                             const CodeTable& codes);

}  // namespace skd::apis
