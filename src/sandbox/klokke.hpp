// The sandbox clock shared by every instance on one database: the control plane sets or moves
// the instance's StyrbarKlokke and writes the sandbox_klokke row; each instance applies the row
// when it changes (read every `intervall` on a thread of its own). Token lifetimes never follow
// it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "store/db.hpp"

namespace skd::sandbox {

class DeltKlokke {
public:
    DeltKlokke(store::Database& db, StyrbarKlokke& klokke,
               std::chrono::milliseconds intervall = std::chrono::milliseconds(200));
    ~DeltKlokke();  // stopp()
    DeltKlokke(const DeltKlokke&) = delete;
    DeltKlokke& operator=(const DeltKlokke&) = delete;

    // At start: an explicit start time (`now`) is written for every instance; without one the
    // instance adopts the row if there is one (else writes its own). Then the polling thread.
    void start(bool eksplisitt_start);
    void stopp();

    StyrbarKlokke& klokke() { return klokke_; }
    // Sets or moves the clock here and for every instance (writes the row); `frossen` changes
    // the mode when given.
    void sett(Tidspunkt t, std::optional<bool> frossen = std::nullopt);
    void frem(std::chrono::microseconds d);
    // Back to the state start() settled on (POST /sandbox/v1/reset), for every instance.
    void tilbakestill();
    // Reads the row now and applies it (after another instance's change).
    void oppdater();

private:
    void skriv();
    std::optional<StyrbarKlokke::Tilstand> les();

    store::Database& db_;
    StyrbarKlokke& klokke_;
    std::chrono::milliseconds intervall_;
    std::mutex endring_mu_;  // a change and its row, or a poll and its apply, one at a time
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopp_ = false;
    std::thread traad_;
    StyrbarKlokke::Tilstand start_tilstand_;
};

}  // namespace skd::sandbox
