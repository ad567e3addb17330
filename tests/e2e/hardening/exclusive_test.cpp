// One server per port and one serving process per SQLite file: a second `serve` on a port in
// use, or on a SQLite file another server holds, fails at start with a message naming the
// address or the process, and the first server goes on answering alone. Sharing a port
// (SO_REUSEPORT) happens only when asked for.
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

class ExclusiveE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        dir_ = testdata::unique_temp_dir("skd-excl").string();
    }
    void TearDown() override {
        std::error_code ec;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    }
    std::map<std::string, std::string> env() const {
        return {{"SKD_LOCAL_ISSUER_KEY", srv_->key_file()}};
    }
    std::string dir_;
};

TEST_P(ExclusiveE2e, SecondServerOnAPortInUseFailsNamingTheAddress) {
    const std::string other = fresh_database(GetParam());
    ASSERT_FALSE(other.empty());
    const std::string port = std::to_string(srv_->port());
    auto second = run_until_exit({"serve", "--database", other, "--port", port, "--demo",
                                  "--sandbox", "--access-log", "off"},
                                 env());
    ASSERT_TRUE(second.exited) << "the second server started on a port in use";
    EXPECT_NE(second.code, 0);
    EXPECT_NE(second.output.find("127.0.0.1:" + port), std::string::npos) << second.output;
    EXPECT_NE(second.output.find("lytter allerede"), std::string::npos) << second.output;
    // The first server goes on answering with its own data.
    auto t = srv_->token({"--scope", "skatteetaten:restanser"});
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(srv_->get("/api/innkreving/restanser/v2/dibk/310111643",
                            {{"Authorization", "Bearer " + t}})
                      .status,
                  200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExclusiveE2e, backends(), backend_name);

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

TEST(ExclusiveSqlite, SharingAPortNeedsReusePortOnBoth) {
    Server first("Sqlite", {.args = {"--reuse-port"}});
    ASSERT_TRUE(first.ok());
    const std::string other = fresh_database("Sqlite");
    const std::string dir = testdata::unique_temp_dir("skd-reuse").string();
    const std::string port_file = dir + "/port";
    const int log = open_log(dir + "/server.log");
    const pid_t pid = spawn_binary(
        {"serve", "--database", other, "--port", std::to_string(first.port()), "--port-file",
         port_file, "--demo", "--sandbox", "--access-log", "off", "--reuse-port"},
        {{"SKD_LOCAL_ISSUER_KEY", first.key_file()}}, log, log);
    ::close(log);
    int port = 0;
    const auto deadline = Steady::now() + std::chrono::seconds(30);
    while (port <= 0 && Steady::now() < deadline) {
        std::ifstream in(port_file);
        if (!(in >> port)) port = 0;
        if (::waitpid(pid, nullptr, WNOHANG) == pid) break;
        if (port <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(port, first.port()) << "the second server with --reuse-port did not start";
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace skd::e2e
