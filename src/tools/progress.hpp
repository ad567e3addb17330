// Progress of long CLI work (generate, import) on stderr, with the rate and an estimate of the
// time left. On a terminal one bar is redrawn in place, at most four times a second; otherwise
// (a log, CI) one plain line is written every `every_s` seconds. Work that ends within the
// first half second shows nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace skd::tools {

// Seconds left at a constant rate, or nullopt while too little is done to tell.
std::optional<double> time_left(double fraction, double elapsed_s);
// "45 s", "3 min 05 s", "2 h 07 min".
std::string duration_text(double seconds);
// 1234567 -> "1,234,567".
std::string grouped(std::int64_t n);

class Progress {
public:
    enum class Mode { Off, Bar, Lines };
    // `what` starts each line ("import"), `unit` names the count ("lines", "rows").
    Progress(std::string what, std::string unit, Mode mode, double every_s = 10,
             std::FILE* out = stderr);
    // Bar on a terminal stderr, Lines otherwise; Off when quiet.
    static Mode mode_for(bool quiet);

    // fraction done in [0, 1] and the count so far.
    void update(double fraction, std::int64_t count);
    // Clears the bar's line, so the summary that follows starts on its own line.
    void finish();

    // The text of one report after `elapsed_s` seconds (no newline, no carriage return).
    std::string line(double fraction, std::int64_t count, double elapsed_s) const;
    std::string bar(double fraction, std::int64_t count, double elapsed_s) const;
    // As update(), at a given time since the start (tests).
    void update_at(double fraction, std::int64_t count, double elapsed_s);

private:
    std::string what_, unit_;
    Mode mode_;
    double every_s_;
    std::FILE* out_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    double next_s_;
    bool drawn_ = false;
};

}  // namespace skd::tools
