// Content negotiation (SPEC §1.2): missing Accept, */*, application/*, application/json → JSON;
// application/xml → XML where the API offers it; anything else → 406 with the API's code.
#pragma once

#include <optional>
#include <string_view>

#include "encoding/view_writer.hpp"

namespace skd::apis {

// nullopt means 406. Media-type parameters and q-values are honoured (q=0 excludes).
std::optional<encoding::Format> negotiate(std::string_view accept, bool xml_supported);

}  // namespace skd::apis
