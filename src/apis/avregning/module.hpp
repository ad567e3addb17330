// Avregning v2 (SPEC §5.1): the settlement result per person and income year, filtered by
// rettighetspakke and skjerming.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::avregning {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::avregning
