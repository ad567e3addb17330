// Everything the server serves, in one list. Adding an API is one line here.
#include "apis/restanser/module.hpp"
#include "app/app.hpp"

namespace skd::app {

std::vector<apis::ApiModule> make_modules(const apis::ModuleDeps& deps) {
    std::vector<apis::ApiModule> m;
    m.push_back(apis::restanser::make_module(deps));
    return m;
}

}  // namespace skd::app
