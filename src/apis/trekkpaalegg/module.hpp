// The trekkpålegg v1 API (SPEC §4): deduction orders for the trekkpliktig named by the token,
// JSON only, on the legacy path /api/trekkpaalegg/v1; see module.cpp.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::trekkpaalegg {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::trekkpaalegg
