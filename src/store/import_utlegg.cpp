// Import of utlegg entities (docs/import-format.md).
#include "store/import_types.hpp"

namespace skd::store {

std::vector<ImportType> utlegg_import_types() { return {}; }

}  // namespace skd::store
