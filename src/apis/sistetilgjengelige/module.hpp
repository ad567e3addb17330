// Siste tilgjengelige skatteoppgjør (SPEC §5.3): the latest income year with a settlement for a
// person, asked before requesting consent or data.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::sistetilgjengelige {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::sistetilgjengelige
