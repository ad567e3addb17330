#include "apis/portal/assets.hpp"

#include <system_error>
#include <vector>

namespace skd::apis::portal {

namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

Assets installed(const fs::path& dir) {
    return {dir, dir / "portal", dir / "openapi", dir / "xsd"};
}

}  // namespace

std::optional<Assets> assets_in(const fs::path& dir) {
    if (dir.empty()) return std::nullopt;
    if (is_file(dir / "openapi" / "index.json")) return installed(dir);
    if (is_file(dir / "docs" / "openapi" / "index.json"))
        return Assets{dir, dir / "portal" / "dist", dir / "docs" / "openapi", dir / "docs" / "xsd"};
    return std::nullopt;
}

Assets find_assets(std::string_view configured, const fs::path& executable) {
    if (!configured.empty()) {
        const fs::path dir(configured);
        if (auto a = assets_in(dir)) return *a;
        return installed(dir);
    }
    if (executable.empty()) return {};
    const fs::path exe_dir = executable.parent_path();
    const std::vector<fs::path> candidates = {
        exe_dir,
        exe_dir / ".." / "share" / "skattedeling",
        exe_dir / "..",
    };
    for (const auto& c : candidates) {
        std::error_code ec;
        const auto dir = fs::weakly_canonical(c, ec);
        if (auto a = assets_in(ec ? c : dir)) return *a;
    }
    return {};
}

fs::path executable_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : p;
}

}  // namespace skd::apis::portal
