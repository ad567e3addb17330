// Import of trekk entities (docs/import-format.md).
#include "store/import_types.hpp"

namespace skd::store {

std::vector<ImportType> trekk_import_types() { return {}; }

}  // namespace skd::store
