// The portal's file-serving rules, kept pure so they can be tested: which names may be served
// from its folders and with which content type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skd::apis::portal {

// Only plain file names (letters, digits, '.', '-', '_'; no leading dot, at most 128 chars), so a
// request can never leave the served folder or reach a dot file.
bool safe_name(std::string_view name);

// Content-Type by extension; unknown extensions are served as application/octet-stream.
std::string_view content_type_of(std::string_view name);

// /openapi/{dokument}: "restanser" and "restanser.json" both name restanser.json; anything else
// than a safe *.json name is nullopt (404).
std::optional<std::string> openapi_file_name(std::string_view dokument);

}  // namespace skd::apis::portal
