#include "app/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace skd::app {
namespace {

// "12345 (skattedeling)" from the lock file and /proc, as far as they tell.
std::string holder(int fd) {
    char buf[32] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string pid;
    for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) pid += buf[i];
    if (pid.empty()) return "prosess ukjent";
    std::string name;
    std::ifstream("/proc/" + pid + "/comm") >> name;
    return "prosess " + pid + (name.empty() ? "" : " (" + name + ")");
}

}  // namespace

std::unique_ptr<DatabaseLock> DatabaseLock::acquire(const std::string& database_file) {
    const std::string path = database_file + ".lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error("kan ikke låse databasen " + database_file + ": " + path + ": " +
                                 std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        const std::string who = err == EWOULDBLOCK ? holder(fd) : std::string();
        ::close(fd);
        if (err == EWOULDBLOCK)
            throw std::runtime_error("databasen " + database_file +
                                     " brukes allerede av en annen server: " + who +
                                     " holder låsen " + path);
        throw std::runtime_error("kan ikke låse databasen " + database_file + ": " + path + ": " +
                                 std::strerror(err));
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        const int err = errno;
        ::close(fd);
        throw std::runtime_error("kan ikke skrive låsefilen " + path + ": " + std::strerror(err));
    }
    return std::unique_ptr<DatabaseLock>(new DatabaseLock(fd));
}

DatabaseLock::~DatabaseLock() {
    ::close(fd_);
}

}  // namespace skd::app
