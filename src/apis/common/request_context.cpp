#include "apis/common/request_context.hpp"

namespace skd::apis {

bool QueryParams::parse(std::string_view q) {
    values_.clear();
    std::string k, v;
    while (!q.empty()) {
        auto amp = q.find('&');
        auto item = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
        if (item.empty()) continue;
        auto eq = item.find('=');
        if (!http::percent_decode(item.substr(0, eq), k, true)) return false;
        if (!http::percent_decode(
                eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1), v, true))
            return false;
        values_.emplace_back(k, v);
    }
    return true;
}

std::optional<std::string_view> QueryParams::get(std::string_view name) const {
    for (const auto& [k, v] : values_)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

std::size_t QueryParams::count(std::string_view name) const {
    std::size_t n = 0;
    for (const auto& [k, v] : values_) n += k == name;
    return n;
}

}  // namespace skd::apis
