// The avregning API module; see module.cpp.
#pragma once

#include "apis/common/module.hpp"

namespace skd::apis::avregning {

ApiModule make_module(const ModuleDeps& deps);

}  // namespace skd::apis::avregning
