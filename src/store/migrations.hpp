// Numbered schema steps embedded in the binary, one SQL file per backend per step
// (src/store/migrations/<backend>/NNN_name.sql).
#pragma once

#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace skd::store {

struct Migration {
    int versjon;
    std::string_view navn;
    std::string_view sql;
};

const std::vector<Migration>& migrations(Backend b);

}  // namespace skd::store
