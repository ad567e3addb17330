// `skattedeling import`: loads entities from JSON Lines (docs/import-format.md), one entity per
// line, all-or-nothing per file in one transaction, with line-numbered errors. The generator
// writes the same format.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/db.hpp"

namespace skd::importer {

using store::Database;

// Imports a file; returns the number of entity lines. progress: a bar on stderr when it is a
// terminal.
Result<std::int64_t, ParseError> import_file(Database& db, const std::string& path, bool progress);
// Imports JSON Lines text already in memory (tests, demo data).
Result<std::int64_t, ParseError> import_text(Database& db, std::string_view text);

}  // namespace skd::importer
