#include "http/router.hpp"

#include "http/message.hpp"

namespace skd::http {

namespace {
int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::vector<std::string> segments_of(std::string_view prefix) {
    std::vector<std::string> s;
    split_path(prefix, s);
    return s;
}

std::string lower_label(std::string_view host) {
    std::string l;
    for (char c : host) {
        if (c == '.' || c == ':') break;
        l.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    return l;
}
}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return false;
            int h = hexval(in[i + 1]), l = hexval(in[i + 2]);
            if (h < 0 || l < 0) return false;
            char d = static_cast<char>(h * 16 + l);
            if (d == '\0') return false;
            out.push_back(d);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (c == '\0') {
            return false;  // a raw NUL is refused like an encoded one (found by fuzz/fuzz_router)
        } else {
            out.push_back(c);
        }
    }
    return true;
}

bool split_path(std::string_view path, std::vector<std::string>& out) {
    out.clear();
    if (path.empty() || path[0] != '/') return path.empty();
    std::size_t i = 1;
    std::string dec;
    while (i <= path.size()) {
        auto j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        auto raw = path.substr(i, j - i);
        if (!raw.empty()) {
            if (!percent_decode(raw, dec, false)) return false;
            if (dec == "." || dec == ".." || dec.find('/') != std::string::npos) return false;
            out.push_back(dec);
        } else if (j != path.size()) {
            return false;  // "//" inside a path is not an endpoint
        }
        i = j + 1;
    }
    return true;
}

int Router::add_module(std::string host_label, std::vector<std::string> host_prefixes,
                       std::vector<std::string> legacy_prefixes) {
    Module m;
    m.host_label = std::move(host_label);
    for (auto& p : host_prefixes) m.host_prefixes.push_back(segments_of(p));
    for (auto& p : legacy_prefixes) m.legacy_prefixes.push_back(segments_of(p));
    modules_.push_back(std::move(m));
    return static_cast<int>(modules_.size()) - 1;
}

void Router::add_route(int module, std::string method, std::string_view pattern, int route_id) {
    Route r{module, std::move(method), {}, route_id};
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '/') {
            ++i;
            continue;
        }
        auto j = pattern.find('/', i);
        if (j == std::string_view::npos) j = pattern.size();
        auto seg = pattern.substr(i, j - i);
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}')
            r.segments.push_back({std::string(seg.substr(1, seg.size() - 2)), true});
        else
            r.segments.push_back({std::string(seg), false});
        i = j;
    }
    routes_.push_back(std::move(r));
}

Router::Match Router::match(std::string_view host, std::string_view method,
                            std::string_view path) const {
    Match result;
    thread_local std::vector<std::string> segs;
    if (!split_path(path, segs)) return result;

    const std::string label = lower_label(host);
    bool label_is_module = false;
    int label_module = -1;
    for (std::size_t mi = 0; mi < modules_.size(); ++mi) {
        const auto& m = modules_[mi];
        if (!m.host_label.empty() && m.host_label == label) {
            label_is_module = true;
            label_module = static_cast<int>(mi);
        }
    }

    int best_score = -1;
    const Route* best = nullptr;
    std::size_t best_offset = 0;
    std::string allow;
    int allow_module = -1;  // the module whose route matched the path but not the method
    int owners = 0, owner = -1;
    std::size_t owner_len = 0;

    auto try_prefix = [&](int mi, const std::vector<std::string>& prefix) {
        if (prefix.size() > segs.size()) return;
        for (std::size_t k = 0; k < prefix.size(); ++k)
            if (segs[k] != prefix[k]) return;
        // The owner of an unknown URL is the module with the longest matching prefix, if unique.
        // An empty prefix (the portal's) owns nothing: it would claim every URL.
        if (prefix.empty()) {
        } else if (owner < 0 || prefix.size() > owner_len) {
            owner = mi, owner_len = prefix.size(), owners = 1;
        } else if (prefix.size() == owner_len && owner != mi) {
            ++owners;
        }
        const std::size_t rest = segs.size() - prefix.size();
        for (const auto& r : routes_) {
            if (r.module != mi || r.segments.size() != rest) continue;
            int score = 0;
            bool ok = true;
            for (std::size_t k = 0; k < rest && ok; ++k) {
                const auto& s = r.segments[k];
                if (s.param) continue;
                if (s.text == segs[prefix.size() + k])
                    ++score;
                else
                    ok = false;
            }
            if (!ok) continue;
            const bool method_ok = r.method == method || (method == "HEAD" && r.method == "GET");
            if (!method_ok) {
                if (allow_module < 0) allow_module = r.module;
                if (r.module != allow_module) continue;
                if (allow.find(r.method) == std::string::npos) {
                    if (!allow.empty()) allow += ", ";
                    allow += r.method;
                    if (r.method == "GET") allow += ", HEAD";
                }
                continue;
            }
            if (score > best_score) {
                best_score = score;
                best = &r;
                best_offset = prefix.size();
            }
        }
    };

    for (int mi = 0; mi < static_cast<int>(modules_.size()); ++mi) {
        const auto& m = modules_[static_cast<std::size_t>(mi)];
        for (const auto& p : m.legacy_prefixes) try_prefix(mi, p);
        if (!label_is_module || m.host_label == label)
            for (const auto& p : m.host_prefixes) try_prefix(mi, p);
    }

    if (best) {
        result.kind = Match::Kind::Found;
        result.module = best->module;
        result.route = best->id;
        for (std::size_t k = 0; k < best->segments.size(); ++k)
            if (best->segments[k].param)
                result.params.values.emplace_back(best->segments[k].text, segs[best_offset + k]);
        return result;
    }
    if (!allow.empty()) {
        result.kind = Match::Kind::MethodNotAllowed;
        result.allow = std::move(allow);
        result.module = allow_module;
        return result;
    }
    result.module = owners == 1 ? owner : -1;
    // Under an API's own host every unknown path is that API's (its "-003 Ukjent url"), unless
    // a longer legacy prefix of another API claimed it.
    if (result.module < 0 && label_is_module) result.module = label_module;
    return result;
}

}  // namespace skd::http
