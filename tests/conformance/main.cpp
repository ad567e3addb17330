// main() of the conformance tests: without the reference folder (a clone of the repository
// alone) it prints one line and exits 77, which CTest reports as skipped (SKIP_RETURN_CODE).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "tests/conformance/reference.hpp"

int main(int argc, char** argv) {
    const auto dir = skd::conformance::reference_dir();
    if (!std::filesystem::is_directory(dir)) {
        std::printf("skipped: reference folder not found (%s)\n", dir.c_str());
        return 77;
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
