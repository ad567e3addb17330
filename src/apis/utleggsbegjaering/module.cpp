#include "apis/utleggsbegjaering/module.hpp"

namespace skd::apis::utleggsbegjaering {

// TODO(skattedeling): routes land with the utleggsbegjaering issue.
ApiModule make_module(const ModuleDeps&) {
    ApiModule m;
    m.name = "utleggsbegjaering";
    m.codes = &das_codes();
    return m;
}

}  // namespace skd::apis::utleggsbegjaering
