// Restanser v2 (SPEC §2): overdue unpaid taxes per organisation, derived from the ledger.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::restanser {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::restanser
