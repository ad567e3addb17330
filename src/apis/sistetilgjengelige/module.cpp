#include "apis/sistetilgjengelige/module.hpp"

namespace skd::apis::sistetilgjengelige {

// TODO(skattedeling): routes land with the sistetilgjengelige issue.
ApiModule make_module(const ModuleDeps&) {
    ApiModule m;
    m.name = "sistetilgjengelige";
    m.codes = &das_codes();
    return m;
}

}  // namespace skd::apis::sistetilgjengelige
