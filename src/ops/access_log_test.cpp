#include "ops/access_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace skd::ops {
namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string temp_file(const char* name) {
    return (std::filesystem::path(testing::TempDir()) /
            (std::string(name) + "-" + std::to_string(::getpid()) + ".log"))
        .string();
}

TEST(AccessLog, EveryLineFromManyThreadsIsWrittenWhole) {
    const std::string path = temp_file("skd-access");
    std::filesystem::remove(path);
    constexpr int kThreads = 4, kEach = 5000;
    {
        auto log = AccessLog::open(path);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    const std::string id = std::to_string(t) + "-" + std::to_string(i);
                    log->write({.tid = "2026-06-15T10:00:00Z",
                                .method = "GET",
                                .path = "/health",
                                .korrelasjonsid = id,
                                .status = 200});
                }
            });
        for (auto& t : threads) t.join();
    }  // destruction writes out the queue
    std::istringstream lines(read_all(path));
    std::set<std::string> ids;
    std::string line;
    while (std::getline(lines, line)) {
        ASSERT_EQ(line.front(), '{') << line;
        ASSERT_EQ(line.back(), '}') << line;
        auto k = line.find("\"korrelasjonsid\":\"");
        ASSERT_NE(k, std::string::npos) << line;
        ids.insert(line.substr(k + 18, line.find('"', k + 18) - k - 18));
    }
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kEach));
    std::filesystem::remove(path);
}

TEST(AccessLog, ALineOnAQuietServerAppearsWithoutWaitingForMore) {
    const std::string path = temp_file("skd-access-quiet");
    std::filesystem::remove(path);
    auto log = AccessLog::open(path);
    log->write(
        {.tid = "t", .method = "GET", .path = "/ready", .korrelasjonsid = "en", .status = 200});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (read_all(path).find("\"en\"") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_NE(read_all(path).find("\"sti\":\"/ready\""), std::string::npos);
    log.reset();
    std::filesystem::remove(path);
}

TEST(AccessLog, OffWritesNothingAndUnwritableTargetFails) {
    auto off = AccessLog::open("off");
    off->write({.status = 200});
    EXPECT_THROW(AccessLog::open("/nonexistent-dir/x/access.log"), std::runtime_error);
}

}  // namespace
}  // namespace skd::ops
