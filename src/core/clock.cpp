#include "core/clock.hpp"

#include <chrono>

namespace skd {

namespace {
std::int64_t real_now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
}  // namespace

Tidspunkt SystemClock::naa() const {
    return Tidspunkt::fra_mikros(real_now_us());
}

OffsetClock::OffsetClock(Tidspunkt start) : offset_us_(start.mikros() - real_now_us()) {}

Tidspunkt OffsetClock::naa() const {
    return Tidspunkt::fra_mikros(real_now_us() + offset_us_);
}

}  // namespace skd
