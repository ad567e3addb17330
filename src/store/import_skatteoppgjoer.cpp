// Import of skatteoppgjoer entities (docs/import-format.md).
#include "store/import_types.hpp"

namespace skd::store {

std::vector<ImportType> skatteoppgjoer_import_types() { return {}; }

}  // namespace skd::store
