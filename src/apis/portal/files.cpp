#include "apis/portal/files.hpp"

namespace skd::apis::portal {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool safe_name(std::string_view n) {
    if (n.empty() || n.front() == '.' || n.size() > 128) return false;
    for (char c : n) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string_view content_type_of(std::string_view name) {
    if (ends_with(name, ".html")) return "text/html;charset=UTF-8";
    if (ends_with(name, ".js")) return "text/javascript;charset=UTF-8";
    if (ends_with(name, ".css")) return "text/css;charset=UTF-8";
    if (ends_with(name, ".json")) return "application/json;charset=UTF-8";
    if (ends_with(name, ".svg")) return "image/svg+xml";
    if (ends_with(name, ".png")) return "image/png";
    if (ends_with(name, ".map")) return "application/json";
    return "application/octet-stream";
}

std::optional<std::string> openapi_file_name(std::string_view dokument) {
    std::string n(dokument);
    if (n.find('.') == std::string::npos) n += ".json";
    if (!safe_name(n) || !ends_with(n, ".json")) return std::nullopt;
    return n;
}

}  // namespace skd::apis::portal
