#include "core/beloep.hpp"

#include <charconv>

namespace skd {

std::string Beloep::desimal_tekst() const {
    const bool neg = oere_ < 0;
    const std::uint64_t abs =
        neg ? static_cast<std::uint64_t>(-(oere_ + 1)) + 1 : static_cast<std::uint64_t>(oere_);
    const std::uint64_t kr = abs / 100;
    const std::uint64_t oere = abs % 100;
    // On every row of large pages, so written without a format string: "-12.5", "3.05", "7.0".
    char b[32];
    char* p = b;
    if (neg) *p++ = '-';
    p = std::to_chars(p, b + sizeof b, kr).ptr;
    *p++ = '.';
    *p++ = static_cast<char>('0' + oere / 10);
    if (oere % 10 != 0) *p++ = static_cast<char>('0' + oere % 10);
    return std::string(b, static_cast<std::size_t>(p - b));
}

}  // namespace skd
