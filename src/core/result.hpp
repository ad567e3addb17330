// Result<T, E>: expected outcomes travel as values (boost::system::result), never as exceptions.
// g++ 12 has no std::expected; this is the project-wide alias.
#pragma once

#include <boost/system/result.hpp>
#include <stdexcept>
#include <string>

namespace skd {

template <class T, class E>
using Result = boost::system::result<T, E>;

// A small error carrying only a message, for parsers of our own value types.
struct ParseError {
    std::string melding;
};

// Needed by boost::system::result<T, ParseError>::value().
[[noreturn]] inline void throw_exception_from_error(const ParseError& e,
                                                    const boost::source_location&) {
    throw std::invalid_argument(e.melding);
}

}  // namespace skd
