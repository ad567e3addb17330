// Dato (calendar date) and Tidspunkt (UTC instant, microseconds). Dato is valid by
// construction; storage is "YYYY-MM-DD" text and UTC microseconds so both backends sort alike.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace skd {

class Dato {
public:
    // Strict ISO "YYYY-MM-DD"; rejects 2023-02-30 and year 0000.
    static Result<Dato, ParseError> parse(std::string_view text);
    static Dato fra_ymd(std::chrono::year_month_day ymd);  // precondition: ymd.ok()
    static Dato fra_dager(std::int64_t dager_siden_epoch);

    std::chrono::year_month_day ymd() const { return ymd_; }
    int aar() const { return static_cast<int>(ymd_.year()); }
    std::int64_t dager_siden_epoch() const;
    std::string str() const;

    Dato pluss_dager(std::int64_t n) const;
    // Same day n years later; 29 February becomes 28 February in a non-leap year.
    Dato pluss_aar(int n) const;

    auto operator<=>(const Dato& o) const { return dager_siden_epoch() <=> o.dager_siden_epoch(); }
    bool operator==(const Dato& o) const { return ymd_ == o.ymd_; }

private:
    explicit Dato(std::chrono::year_month_day ymd) : ymd_(ymd) {}
    std::chrono::year_month_day ymd_{};
};

class Tidspunkt {
public:
    using Micros = std::chrono::sys_time<std::chrono::microseconds>;
    Tidspunkt() = default;
    explicit Tidspunkt(Micros t) : t_(t) {}
    static Tidspunkt fra_mikros(std::int64_t us) {
        return Tidspunkt(Micros(std::chrono::microseconds(us)));
    }
    // Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)".
    static Result<Tidspunkt, ParseError> parse(std::string_view text);

    std::int64_t mikros() const { return t_.time_since_epoch().count(); }
    std::int64_t sekunder() const { return mikros() / 1'000'000; }
    Micros tid() const { return t_; }

    // UTC with millisecond precision and Z: "2024-11-28T08:35:16.337Z" (avregning, hendelser).
    std::string utc_millis() const;
    // UTC with microseconds and Z: "2021-03-10T09:29:16.000000Z".
    std::string utc_mikros() const;
    // Norwegian local time without offset, nanosecond digits: "2023-09-21T10:47:13.291069000"
    // (restanser `levert`).
    std::string oslo_lokal_nanos() const;
    // The calendar date in Norway at this instant.
    Dato oslo_dato() const;
    // UTC calendar date.
    Dato utc_dato() const;

    auto operator<=>(const Tidspunkt&) const = default;

private:
    Micros t_{};
};

// Offset of Europe/Oslo from UTC, in seconds, at the given UTC instant. libstdc++ 12 has no
// time-zone database, so this is the one edge function that asks the C library.
int oslo_utc_offset_sekunder(std::int64_t utc_sekunder);

}  // namespace skd
