// Internal to security/: claim parsing from an already parsed payload object.
#pragma once

#include <boost/json.hpp>

#include "security/claims.hpp"

namespace skd::security::detail {

Result<Claims, ParseError> claims_from_object(const boost::json::object& payload);

}  // namespace skd::security::detail
