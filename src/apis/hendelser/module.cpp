#include "apis/hendelser/module.hpp"

namespace skd::apis::hendelser {

// TODO(skattedeling): routes land with the hendelser issue.
ApiModule make_module(const ModuleDeps&) {
    ApiModule m;
    m.name = "hendelser";
    m.codes = &das_codes();
    return m;
}

}  // namespace skd::apis::hendelser
