#include "tools/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace skd::tools {

std::optional<double> time_left(double fraction, double elapsed_s) {
    if (fraction >= 1) return 0.0;
    if (fraction < 0.005 || elapsed_s < 0.5) return std::nullopt;
    return elapsed_s * (1 - fraction) / fraction;
}

std::string duration_text(double seconds) {
    const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    char buf[48];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%lld s", s);
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%lld min %02lld s", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
    return buf;
}

std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

Progress::Progress(std::string what, std::string unit, Mode mode, double every_s, std::FILE* out)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      mode_(mode),
      every_s_(every_s),
      out_(out),
      next_s_(mode == Mode::Bar ? 0.5 : every_s) {
    if (mode_ == Mode::Lines && every_s_ <= 0) mode_ = Mode::Off;
}

Progress::Mode Progress::mode_for(bool quiet) {
    if (quiet) return Mode::Off;
    return ::isatty(STDERR_FILENO) ? Mode::Bar : Mode::Lines;
}

namespace {

std::string rate_and_left(double fraction, std::int64_t count, double elapsed_s,
                          const std::string& unit) {
    std::string s;
    if (elapsed_s > 0)
        s += grouped(static_cast<std::int64_t>(static_cast<double>(count) / elapsed_s)) + " " +
             unit + "/s";
    if (auto left = time_left(fraction, elapsed_s))
        s += (s.empty() ? "" : ", ") + ("about " + duration_text(*left) + " left");
    else
        s += (s.empty() ? "" : ", ") + std::string("estimating time left");
    return s;
}

int percent(double fraction) {
    return static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100);
}

}  // namespace

std::string Progress::line(double fraction, std::int64_t count, double elapsed_s) const {
    return what_ + ": " + std::to_string(percent(fraction)) + " %, " + grouped(count) + " " +
           unit_ + ", " + rate_and_left(fraction, count, elapsed_s, unit_);
}

std::string Progress::bar(double fraction, std::int64_t count, double elapsed_s) const {
    constexpr int kWidth = 30;
    const int filled = percent(fraction) * kWidth / 100;
    return what_ + " [" + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(kWidth - filled), ' ') + "] " +
           std::to_string(percent(fraction)) + " % " + grouped(count) + " " + unit_ + ", " +
           rate_and_left(fraction, count, elapsed_s, unit_);
}

void Progress::update(double fraction, std::int64_t count) {
    if (mode_ == Mode::Off) return;
    update_at(fraction, count,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
}

void Progress::update_at(double fraction, std::int64_t count, double elapsed_s) {
    if (mode_ == Mode::Off || elapsed_s < next_s_) return;
    if (mode_ == Mode::Bar) {
        // \033[K clears what a longer earlier bar left at the end of the line.
        std::fprintf(out_, "\r%s\033[K", bar(fraction, count, elapsed_s).c_str());
        drawn_ = true;
        next_s_ = elapsed_s + 0.25;
    } else {
        std::fprintf(out_, "%s\n", line(fraction, count, elapsed_s).c_str());
        next_s_ = elapsed_s + every_s_;
    }
    std::fflush(out_);
}

void Progress::finish() {
    if (mode_ == Mode::Bar && drawn_) {
        std::fprintf(out_, "\r\033[K");
        std::fflush(out_);
    }
    drawn_ = false;
}

}  // namespace skd::tools
