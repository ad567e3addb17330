// The one source of "now". Nothing below app/ calls system_clock::now(); tests fix or move
// the clock instead of waiting.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/dato.hpp"

namespace skd {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Tidspunkt naa() const = 0;
    // Today's date in Norway.
    Dato i_dag() const { return naa().oslo_dato(); }
};

class SystemClock final : public Clock {
public:
    Tidspunkt naa() const override;
};

// A settable clock for tests and for `serve --now`. Thread-safe.
class FixedClock final : public Clock {
public:
    explicit FixedClock(Tidspunkt t) : us_(t.mikros()) {}
    Tidspunkt naa() const override { return Tidspunkt::fra_mikros(us_.load()); }
    void sett(Tidspunkt t) { us_.store(t.mikros()); }
    void flytt_sekunder(std::int64_t s) { us_.fetch_add(s * 1'000'000); }

private:
    std::atomic<std::int64_t> us_;
};

// A clock that runs from a fixed starting instant at real speed (`serve --now` in demo mode).
class OffsetClock final : public Clock {
public:
    explicit OffsetClock(Tidspunkt start);
    Tidspunkt naa() const override;

private:
    std::int64_t offset_us_;
};

// The sandbox's clock: the data's "now", set and moved forward over HTTP (the control plane)
// while it runs at real speed, or standing still (`frossen`). Token lifetimes never use it.
// Thread-safe; a change is one atomic store, so readers see the old or the new time.
class StyrbarKlokke final : public Clock {
public:
    // Starts at `start` (running from there, or frozen at it).
    StyrbarKlokke(Tidspunkt start, bool frossen);
    Tidspunkt naa() const override;
    bool frossen() const;
    // Sets "now" (keeping the mode).
    void sett(Tidspunkt t);
    // Moves "now" forward (or back, with a negative amount).
    void flytt_mikros(std::int64_t us);

    // The shared form (a database row, so instances on one PostgreSQL agree): for a running
    // clock the offset from the real clock, for a frozen one the instant itself.
    struct Tilstand {
        std::int64_t verdi_us = 0;
        bool frossen = false;
        bool operator==(const Tilstand&) const = default;
    };
    Tilstand tilstand() const;
    void bruk(Tilstand t);

private:
    // Both in one word, so a reader never sees a mode with the other mode's value: the low
    // bit is the mode, the bits above it the value in microseconds.
    std::atomic<std::int64_t> ord_;
};

}  // namespace skd
