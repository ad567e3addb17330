// libFuzzer target: query-string decoding (apis::QueryParams::parse) and lookups on the result.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "apis/common/request_context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    skd::apis::QueryParams q;
    if (!q.parse(in)) return 0;
    for (std::string_view n :
         {"fraOgMed", "tilOgMed", "fraSekvensnummer", "maksAntall", "antall", "dato", ""}) {
        auto v = q.get(n);
        if (v.has_value() != (q.count(n) > 0)) __builtin_trap();
    }
    return 0;
}
