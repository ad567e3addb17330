// Where the portal's files and the OpenAPI documents are found at run time. Nothing about the
// build machine is compiled in, so a copied or installed binary finds them too. Search order:
//   1. assets_dir (config key; SKD_ASSETS_DIR): that folder and no other;
//   2. the executable's own folder (portal/ and openapi/ beside it, as in an unpacked archive);
//   3. the install prefix, <exe dir>/../share/skattedeling (the Debian package);
//   4. <exe dir>/.., the repository around its build folder (build/skattedeling in a checkout
//      serves portal/dist and docs/openapi).
// A folder qualifies when it holds openapi/index.json (installed layout: portal/, openapi/, xsd/)
// or docs/openapi/index.json (repository layout: portal/dist/, docs/openapi/, docs/xsd/); each
// step accepts either layout.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace skd::apis::portal {

struct Assets {
    std::filesystem::path root;     // the folder found; empty when none qualified
    std::filesystem::path portal;   // index.html and assets/; may be missing (portal not built)
    std::filesystem::path openapi;  // the OpenAPI documents, *.json
    std::filesystem::path xsd;      // the published XML schemas, *.xsd
};

// The layout of `dir` if it qualifies (see above), else nullopt.
std::optional<Assets> assets_in(const std::filesystem::path& dir);

// Applies the search order for a configured folder (empty: none) and an executable path.
// Without any qualifying folder the result is the configured folder's installed layout, or all
// empty paths; the portal then serves a plain page without documents.
Assets find_assets(std::string_view configured, const std::filesystem::path& executable);

// This process's executable (/proc/self/exe); empty if it cannot be read.
std::filesystem::path executable_path();

}  // namespace skd::apis::portal
