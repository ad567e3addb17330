// libFuzzer target: path splitting and routing (http::split_path, Router::match) with the real
// modules' prefixes and patterns. Input: "host\nmethod\npath"; missing parts are empty.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

namespace {

const skd::http::Router& router() {
    static const skd::http::Router r = [] {
        skd::http::Router r;
        int m = r.add_module("restanser", {"/v2"}, {"/api/innkreving/restanser/v2"});
        r.add_route(m, "GET", "/{rettighetspakke}/{organisasjonsnummer}", 0);
        m = r.add_module("kravogbetalinger", {"/v1"}, {"/api/innkreving/kravogbetalinger/v1"});
        for (const char* e : {"aapnekrav", "krav", "innbetalinger", "utbetalinger"})
            r.add_route(m, "GET", std::string("/{rettighetspakke}/{partIdentifikator}/") + e, 1);
        m = r.add_module("", {}, {"/api/trekkpaalegg/v1"});
        r.add_route(m, "GET", "", 2);
        r.add_route(m, "GET", "/{trekkid}/{trekkversjon}", 3);
        m = r.add_module("skatteoppgjoerhendelser", {"/v1"}, {"/api/formueinntekt/skatteoppgjoer"});
        r.add_route(m, "GET", "/hendelser/start", 4);
        r.add_route(m, "GET", "/hendelser", 5);
        m = r.add_module("", {}, {"/api/utleggsbegjaering/v1", "/api/utleggsbegjaering/v2"});
        r.add_route(m, "POST", "", 6);
        r.add_route(m, "POST", "/valider", 7);
        r.add_route(m, "PUT", "/{eksternSaksreferanse}", 8);
        r.add_route(m, "PUT", "/valider/{eksternSaksreferanse}", 9);
        r.add_route(m, "GET", "/{eksternSaksreferanse}", 10);
        return r;
    }();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto cut = [&in]() {
        auto p = in.find('\n');
        std::string_view head = in.substr(0, p);
        in = p == std::string_view::npos ? std::string_view{} : in.substr(p + 1);
        return head;
    };
    std::string_view host = cut(), method = cut(), path = in;

    std::vector<std::string> segs;
    if (skd::http::split_path(path, segs)) {
        for (const auto& s : segs) {
            // A decoded segment is never a dot segment and never holds NUL or '/' ambiguity
            // that could climb out of a prefix.
            if (s == "." || s == ".." || s.find('\0') != std::string::npos) __builtin_trap();
        }
    }
    std::string dec;
    (void)skd::http::percent_decode(path, dec, true);

    auto m = router().match(host, method, path);
    if (m.kind == skd::http::Router::Match::Kind::Found) {
        if (m.route < 0 || m.module < 0) __builtin_trap();
        for (const auto& [k, v] : m.params.values)
            if (v.find('\0') != std::string::npos) __builtin_trap();
    }
    return 0;
}
