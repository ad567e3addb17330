// Utleggsbegjæring ("ELAN", SPEC §6): submit, change and validate petitions for distraint,
// upload attachments, and read a case's status. JSON only, errors as problem details.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::utleggsbegjaering {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::utleggsbegjaering
