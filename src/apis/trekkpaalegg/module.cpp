#include "apis/trekkpaalegg/module.hpp"

namespace skd::apis::trekkpaalegg {

// TODO(skattedeling): routes land with the trekkpaalegg issue.
ApiModule make_module(const ModuleDeps&) {
    ApiModule m;
    m.name = "trekkpaalegg";
    m.codes = &das_codes();
    return m;
}

}  // namespace skd::apis::trekkpaalegg
