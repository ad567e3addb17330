#include "core/beloep.hpp"

#include <fmt/format.h>

namespace skd {

std::string Beloep::desimal_tekst() const {
    const bool neg = oere_ < 0;
    const std::uint64_t abs = neg ? static_cast<std::uint64_t>(-(oere_ + 1)) + 1
                                  : static_cast<std::uint64_t>(oere_);
    const std::uint64_t kr = abs / 100;
    const std::uint64_t oere = abs % 100;
    if (oere == 0) return fmt::format("{}{}.0", neg ? "-" : "", kr);
    if (oere % 10 == 0) return fmt::format("{}{}.{}", neg ? "-" : "", kr, oere / 10);
    return fmt::format("{}{}.{:02}", neg ? "-" : "", kr, oere);
}

}  // namespace skd
