#include "apis/kravogbetalinger/module.hpp"

namespace skd::apis::kravogbetalinger {

// TODO(skattedeling): routes land with the kravogbetalinger issue.
ApiModule make_module(const ModuleDeps&) {
    ApiModule m;
    m.name = "kravogbetalinger";
    m.codes = &das_codes();
    return m;
}

}  // namespace skd::apis::kravogbetalinger
