// Everything the server serves, in one list. Adding an API is one line here.
#include "apis/avregning/module.hpp"
#include "apis/hendelser/module.hpp"
#include "apis/kravogbetalinger/module.hpp"
#include "apis/portal/module.hpp"
#include "apis/restanser/module.hpp"
#include "apis/sistetilgjengelige/module.hpp"
#include "apis/trekkpaalegg/module.hpp"
#include "apis/utleggsbegjaering/module.hpp"
#include "app/app.hpp"

namespace skd::app {

std::vector<apis::ApiModule> make_modules(const apis::ModuleDeps& deps) {
    std::vector<apis::ApiModule> m;
    m.push_back(apis::restanser::make_module(deps));
    m.push_back(apis::kravogbetalinger::make_module(deps));
    m.push_back(apis::trekkpaalegg::make_module(deps));
    m.push_back(apis::avregning::make_module(deps));
    m.push_back(apis::hendelser::make_module(deps));
    m.push_back(apis::sistetilgjengelige::make_module(deps));
    m.push_back(apis::utleggsbegjaering::make_module(deps));
    m.push_back(apis::portal::make_module(deps));
    return m;
}

}  // namespace skd::app
