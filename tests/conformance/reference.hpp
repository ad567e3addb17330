// Where Skatteetaten's official reference files are read (in place, never copied): the
// folder `reference` under SKD_SHARED_DIR – the environment variable when set, else the CMake
// cache variable of the same name (default ../shared beside the repository).
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace skd::conformance {

inline std::string reference_dir() {
    const char* env = std::getenv("SKD_SHARED_DIR");
    return std::string(env && *env ? env : SKD_SHARED_DIR) + "/reference";
}

// The text of a reference file; empty if it cannot be read.
inline std::string les_referanse(const std::string& navn) {
    std::ifstream f(reference_dir() + "/" + navn, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace skd::conformance
