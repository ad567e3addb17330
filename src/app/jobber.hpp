// Scheduled jobs: work that belongs to a date, not to a request. Today one job, the trekkpålegg
// midnight transition (SPEC §4.3, store::TrekkStore::midnattsjobb). The scheduler runs it at
// start and then whenever the Norwegian date of the data clock (Clock::naa(), which may be a
// test clock that is moved) has changed: it looks at the clock every `intervall` (an in-memory
// date comparison) and touches the database only when the date changed. The job itself is
// idempotent in the database, so several threads and instances may run it at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "store/db.hpp"

namespace skd::app {

class Jobber {
public:
    Jobber(store::Database& db, const Clock& clock,
           std::chrono::milliseconds intervall = std::chrono::seconds(1));
    ~Jobber();  // stopp()
    Jobber(const Jobber&) = delete;
    Jobber& operator=(const Jobber&) = delete;

    // Runs every job for the clock's current date now, on the calling thread, and returns the
    // number of versions written (0 when the job had already run for the date). For start-up
    // and for a control plane that has just moved the clock. Throws store::DbError.
    std::int64_t kjoer_naa();

    // Runs the jobs once on the calling thread, then starts the polling thread; call once. A
    // failure of that first run throws (store::DbError): a server whose database cannot be
    // written does not start. Later failures are logged and retried at the next tick.
    void start();
    // Stops and joins the polling thread; a job under way finishes first. Idempotent.
    void stopp();

private:
    void poll();
    void vent();

    store::Database& db_;
    const Clock& clock_;
    std::chrono::milliseconds intervall_;
    std::mutex kjoer_mu_;  // one run at a time in this process
    // Whether the last attempt failed (on the polling thread; to log a failing database once,
    // not each second).
    bool feilet_ = false;
    struct Tilstand;
    std::unique_ptr<Tilstand> t_;
    std::thread traad_;
};

}  // namespace skd::app
