#include "apis/common/params.hpp"

#include <fmt/format.h>

#include <charconv>

namespace skd::apis {

ApiResult<std::int64_t> parse_heltall(std::string_view navn, std::string_view verdi,
                                      std::int64_t min, std::int64_t max, const CodeTable& codes) {
    std::int64_t v = 0;
    bool digits = !verdi.empty() && verdi.size() <= 19;
    for (char c : verdi) digits = digits && c >= '0' && c <= '9';
    auto r = digits ? std::from_chars(verdi.data(), verdi.data() + verdi.size(), v)
                    : std::from_chars_result{verdi.data(), std::errc::invalid_argument};
    if (!digits || r.ec != std::errc() || r.ptr != verdi.data() + verdi.size())
        return codes.make(Problem::InvalidInput,
                          fmt::format("Parameteren '{}' må være et heltall, fikk '{}'", navn,
                                      verdi.substr(0, 40)));
    if (v < min || v > max)
        return codes.make(
            Problem::InvalidInput,
            fmt::format("Parameteren '{}' må være mellom {} og {}, fikk {}", navn, min, max, v));
    return v;
}

std::optional<ApiError> sjekk_ikke_duplisert(std::string_view navn, std::size_t antall,
                                             const CodeTable& codes) {
    if (antall <= 1) return std::nullopt;
    return codes.make(
        Problem::InvalidInput,
        fmt::format("Parameteren '{}' er oppgitt {} ganger; oppgi den én gang", navn, antall));
}

}  // namespace skd::apis
