# Helpers shared by every component: warnings on our own code, sanitizers, one library per folder.
include_guard(GLOBAL)

# The Debian packages every build of src/ needs (the main tree and the clang fuzz tree).
macro(skd_find_dependencies)
  find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json system)
  find_package(OpenSSL 3 REQUIRED)
  find_package(SQLite3 REQUIRED)
  find_package(PostgreSQL REQUIRED)
  find_package(fmt REQUIRED)
  find_package(spdlog REQUIRED)
  find_package(CLI11 CONFIG REQUIRED)
  find_package(Threads REQUIRED)
endmacro()

function(skd_warnings target)
  if(SKD_WERROR)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers -Werror)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  endif()
endfunction()

# skd_component(NAME skd_core SOURCES a.cpp b.cpp DEPS ...)
function(skd_component)
  cmake_parse_arguments(C "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_library(${C_NAME} STATIC ${C_SOURCES})
  target_include_directories(${C_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${C_NAME} PUBLIC ${C_DEPS})
  skd_warnings(${C_NAME})
endfunction()

# Test code: unoptimised, with the shared precompiled header (CMakeLists.txt, skd_test_pch). The
# header's compile definitions come from GTest and Boost.JSON, so every user links both.
function(skd_test_code target)
  target_link_libraries(${target} PRIVATE GTest::gtest Boost::json Boost::system)
  target_compile_options(${target} PRIVATE -O0)
  target_precompile_headers(${target} REUSE_FROM skd_test_pch)
endfunction()

# skd_unit_test(NAME core_test SOURCES x_test.cpp DEPS skd_core)
function(skd_unit_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest_main)
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR})  # tests/fixtures/
  skd_warnings(${T_NAME})
  skd_test_code(${T_NAME})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS unit)
endfunction()

# A Google Benchmark micro-benchmark beside the code it measures; built with SKD_BUILD_BENCH
# (make bench builds and runs every one of them).
function(skd_micro_bench)
  cmake_parse_arguments(B "" "NAME" "SOURCES;DEPS" ${ARGN})
  if(NOT SKD_BUILD_BENCH)
    return()
  endif()
  find_package(benchmark REQUIRED)
  add_executable(${B_NAME} ${B_SOURCES})
  target_link_libraries(${B_NAME} PRIVATE ${B_DEPS} benchmark::benchmark)
  skd_warnings(${B_NAME})
endfunction()
