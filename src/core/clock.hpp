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

}  // namespace skd
