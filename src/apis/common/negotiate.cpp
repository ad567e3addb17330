#include "apis/common/negotiate.hpp"

#include <cstdlib>
#include <string>

#include "http/message.hpp"

namespace skd::apis {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

std::optional<encoding::Format> negotiate(std::string_view accept, bool xml_supported) {
    accept = trim(accept);
    if (accept.empty()) return encoding::Format::Json;
    double best_q = 0.0;
    std::optional<encoding::Format> best;
    while (!accept.empty()) {
        auto comma = accept.find(',');
        auto item = trim(accept.substr(0, comma));
        accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
        auto semi = item.find(';');
        auto type = trim(item.substr(0, semi));
        double q = 1.0;
        while (semi != std::string_view::npos) {
            auto rest = item.substr(semi + 1);
            semi = rest.find(';');
            auto param = trim(rest.substr(0, semi));
            if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
                q = std::strtod(std::string(param.substr(2)).c_str(), nullptr);
            item = rest;
        }
        if (q <= 0.0) continue;
        std::optional<encoding::Format> f;
        if (http::iequals(type, "application/json") || http::iequals(type, "*/*") ||
            http::iequals(type, "application/*") || http::iequals(type, "application/problem+json"))
            f = encoding::Format::Json;
        else if (xml_supported &&
                 (http::iequals(type, "application/xml") || http::iequals(type, "text/xml")))
            f = encoding::Format::Xml;
        // Equal q: the first listed wins; JSON beats XML for wildcards by being tried first.
        if (f && q > best_q) {
            best_q = q;
            best = f;
        }
    }
    return best;
}

}  // namespace skd::apis
