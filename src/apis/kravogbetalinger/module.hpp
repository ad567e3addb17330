// Krav og betalinger v1 (SPEC §3): claims, payments and payouts per party, from the ledger.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::kravogbetalinger {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::kravogbetalinger
