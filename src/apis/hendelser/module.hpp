// Skatteoppgjør hendelser (SPEC §5.2): the thin event feed over settlements, read by inclusive
// sekvensnummer pages, with a start number per date.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::hendelser {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::hendelser
