// The developer portal: the portal page at / and /portal, its static assets, the OpenAPI
// documents at /openapi/{api}.json and, in demo mode only, a token endpoint for the try-it form.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::portal {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::portal
