// One serving process per SQLite database: `<file>.lock`, held with flock() for the life of the
// process and holding its pid, so a second `serve` (or `make run`) on the same file is refused
// with the holder's name instead of running two writers against one file.
#pragma once

#include <memory>
#include <string>

namespace skd::app {

class DatabaseLock {
public:
    // Throws std::runtime_error naming the process that holds the lock, or why the lock file
    // cannot be used.
    static std::unique_ptr<DatabaseLock> acquire(const std::string& database_file);
    ~DatabaseLock();  // releases the lock; the file stays (removing it would race a new holder)
    DatabaseLock(const DatabaseLock&) = delete;
    DatabaseLock& operator=(const DatabaseLock&) = delete;

private:
    explicit DatabaseLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace skd::app
