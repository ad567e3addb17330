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

namespace {
// The value shifted up one bit, the mode in the freed low bit: exact to the microsecond for
// any instant or offset within ±146,000 years.
std::int64_t pakk(std::int64_t verdi_us, bool frossen) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(verdi_us) << 1) | (frossen ? 1 : 0);
}
std::int64_t verdi(std::int64_t ord) {
    return ord >> 1;  // arithmetic: negative offsets stay negative
}
}  // namespace

StyrbarKlokke::StyrbarKlokke(Tidspunkt start, bool frossen)
    : ord_(pakk(frossen ? start.mikros() : start.mikros() - real_now_us(), frossen)) {}

Tidspunkt StyrbarKlokke::naa() const {
    const auto t = tilstand();
    return Tidspunkt::fra_mikros(t.frossen ? t.verdi_us : real_now_us() + t.verdi_us);
}

bool StyrbarKlokke::frossen() const {
    return (ord_.load() & 1) != 0;
}

StyrbarKlokke::Tilstand StyrbarKlokke::tilstand() const {
    const auto o = ord_.load();
    return {verdi(o), (o & 1) != 0};
}

void StyrbarKlokke::bruk(Tilstand t) {
    ord_.store(pakk(t.verdi_us, t.frossen));
}

void StyrbarKlokke::sett(Tidspunkt t) {
    const bool f = frossen();
    ord_.store(pakk(f ? t.mikros() : t.mikros() - real_now_us(), f));
}

void StyrbarKlokke::flytt_mikros(std::int64_t us) {
    std::int64_t o = ord_.load();
    while (!ord_.compare_exchange_weak(o, pakk(verdi(o) + us, (o & 1) != 0))) {
    }
}

}  // namespace skd
