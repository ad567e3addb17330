#include "apis/avregning/module.hpp"

namespace skd::apis::avregning {

// TODO(skattedeling): routes land with the avregning issue.
ApiModule make_module(const ModuleDeps&) {
    ApiModule m;
    m.name = "avregning";
    m.codes = &das_codes();
    return m;
}

}  // namespace skd::apis::avregning
