// `skattedeling import`: loads entities from JSON Lines (docs/import-format.md), one entity per
// line, all-or-nothing per file in one transaction, with line-numbered errors. The generator
// writes the same format.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace skd::importer {

using store::Database;

// Imports a file; returns the number of entity lines. progress: a bar on stderr when it is a
// terminal.
Result<std::int64_t, ParseError> import_file(Database& db, const std::string& path, bool progress);
// As import_file, calling `progress` after each line with the bytes read so far, the file's
// size and the lines read so far (the CLI's progress display).
using ImportProgress =
    std::function<void(std::int64_t bytes, std::int64_t total_bytes, std::int64_t lines)>;
Result<std::int64_t, ParseError> import_file_with_progress(Database& db, const std::string& path,
                                                           const ImportProgress& progress);
// Imports JSON Lines text already in memory (tests, demo data).
Result<std::int64_t, ParseError> import_text(Database& db, std::string_view text);

struct Linjefeil {
    std::int64_t linje;
    std::string melding;
};

// The sandbox's import (POST /sandbox/v1/data): every line is checked, and when any is bad
// nothing is written and every bad line is listed. Events are registered at `klokke`'s time
// (the data's clock) unless a line gives its own.
Result<std::int64_t, std::vector<Linjefeil>> import_alle_feil(Database& db, std::string_view text,
                                                              const Clock& klokke);

}  // namespace skd::importer
