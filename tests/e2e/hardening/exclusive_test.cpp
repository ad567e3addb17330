// One serving process per SQLite file: a second `serve` on a SQLite file another server holds
// fails at start with a message naming the process, and the first server goes on answering.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/temp_dir.hpp"

namespace skd::e2e {
namespace {

using Steady = std::chrono::steady_clock;

struct Outcome {
    bool exited = false;  // false: still running at the deadline (then killed)
    int code = -1;
    std::string output;  // stdout and stderr
};

// Runs the binary until it exits or `limit` passes.
Outcome run_until_exit(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env,
                       std::chrono::seconds limit = std::chrono::seconds(30)) {
    Outcome o;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return o;
    const pid_t pid = spawn_binary(args, env, fds[1], fds[1]);
    ::close(fds[1]);
    const auto deadline = Steady::now() + limit;
    char buf[4096];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
        if (left.count() <= 0) break;
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        const auto n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) {
            o.exited = true;
            break;
        }
        o.output.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (!o.exited) ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return o;
}

TEST(ExclusiveSqlite, SecondServeOnTheSameSqliteFileFailsNamingTheProcess) {
    Server first("Sqlite");
    ASSERT_TRUE(first.ok());
    auto second = run_until_exit({"serve", "--database", first.database(), "--port", "0", "--demo",
                                  "--sandbox", "--access-log", "off"},
                                 {{"SKD_LOCAL_ISSUER_KEY", first.key_file()}});
    ASSERT_TRUE(second.exited) << "a second server started on the same SQLite file";
    EXPECT_NE(second.code, 0);
    EXPECT_NE(second.output.find("prosess " + std::to_string(first.pid())), std::string::npos)
        << second.output;
    EXPECT_EQ(first.get("/ready").status, 200);
    // The lock goes with the process: a restart (the same file) starts.
    ASSERT_TRUE(first.restart());
    EXPECT_EQ(first.get("/ready").status, 200);
}

}  // namespace
}  // namespace skd::e2e
