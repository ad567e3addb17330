#include "core/dato.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <mutex>

namespace skd {
namespace {

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

Result<Dato, ParseError> Dato::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !digits(t.substr(0, 4)) ||
        !digits(t.substr(5, 2)) || !digits(t.substr(8, 2)))
        return ParseError{fmt::format("'{}' er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD", t)};
    const int y = to_int(t.substr(0, 4));
    const unsigned m = static_cast<unsigned>(to_int(t.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(to_int(t.substr(8, 2)));
    std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                    std::chrono::day(d)};
    if (y < 1 || !ymd.ok())
        return ParseError{fmt::format("'{}' er ikke en gyldig kalenderdato", t)};
    return Dato(ymd);
}

Dato Dato::fra_ymd(std::chrono::year_month_day ymd) {
    return Dato(ymd);
}

Dato Dato::fra_dager(std::int64_t n) {
    return Dato(std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(n))));
}

std::int64_t Dato::dager_siden_epoch() const {
    return std::chrono::sys_days(ymd_).time_since_epoch().count();
}

namespace {
// Writes v as exactly n digits at p (v < 10^n, v >= 0); dates and times are on every row of
// large pages, so they are formatted by hand.
char* siffer(char* p, unsigned v, int n) {
    for (int i = n - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
    return p + n;
}
}  // namespace

std::string Dato::str() const {
    const int y = static_cast<int>(ymd_.year());
    if (y < 0 || y > 9999)
        return fmt::format("{:04}-{:02}-{:02}", y, static_cast<unsigned>(ymd_.month()),
                           static_cast<unsigned>(ymd_.day()));
    char b[10];
    char* p = siffer(b, static_cast<unsigned>(y), 4);
    *p++ = '-';
    p = siffer(p, static_cast<unsigned>(ymd_.month()), 2);
    *p++ = '-';
    siffer(p, static_cast<unsigned>(ymd_.day()), 2);
    return std::string(b, sizeof b);
}

Dato Dato::pluss_dager(std::int64_t n) const {
    return fra_dager(dager_siden_epoch() + n);
}

Dato Dato::pluss_aar(int n) const {
    auto y = ymd_.year() + std::chrono::years(n);
    std::chrono::year_month_day r{y, ymd_.month(), ymd_.day()};
    if (!r.ok()) r = std::chrono::year_month_day{y, ymd_.month(), std::chrono::day(28)};
    return Dato(r);
}

Result<Tidspunkt, ParseError> Tidspunkt::parse(std::string_view t) {
    auto bad = [&] { return ParseError{fmt::format("'{}' er ikke et gyldig tidspunkt", t)}; };
    if (t.size() < 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':') return bad();
    auto d = Dato::parse(t.substr(0, 10));
    if (!d) return bad();
    auto hh = t.substr(11, 2), mm = t.substr(14, 2), ss = t.substr(17, 2);
    if (!digits(hh) || !digits(mm) || !digits(ss)) return bad();
    int h = to_int(hh), mi = to_int(mm), s = to_int(ss);
    if (h > 23 || mi > 59 || s > 60) return bad();
    std::size_t i = 19;
    std::int64_t micros = 0;
    if (i < t.size() && t[i] == '.') {
        ++i;
        int n = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
            if (n < 6) micros = micros * 10 + (t[i] - '0');
            ++n, ++i;
        }
        if (n == 0) return bad();
        for (int k = n; k < 6; ++k) micros *= 10;
    }
    std::int64_t offset = 0;
    if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
        ++i;
    } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':' &&
               digits(t.substr(i + 1, 2)) && digits(t.substr(i + 4, 2))) {
        offset = (to_int(t.substr(i + 1, 2)) * 60 + to_int(t.substr(i + 4, 2))) * 60;
        if (t[i] == '-') offset = -offset;
        i += 6;
    } else {
        return bad();
    }
    if (i != t.size()) return bad();
    std::int64_t secs = d->dager_siden_epoch() * 86400 + h * 3600 + mi * 60 + s - offset;
    return Tidspunkt::fra_mikros(secs * 1'000'000 + micros);
}

namespace {
struct Parts {
    Dato dato;
    int h, m, s;
    std::int64_t us;
};
Parts split(std::int64_t micros) {
    std::int64_t secs = micros >= 0 ? micros / 1'000'000 : -((-micros + 999'999) / 1'000'000);
    std::int64_t us = micros - secs * 1'000'000;
    std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    std::int64_t rem = secs - days * 86400;
    return Parts{Dato::fra_dager(days), static_cast<int>(rem / 3600),
                 static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60), us};
}

// "<dato>THH:MM:SS.<brøk><slutt>" with the fraction in `brøk_siffer` digits.
std::string tidstekst(const Parts& p, unsigned broek, int broek_siffer, std::string_view slutt) {
    std::string s = p.dato.str();
    char b[16];
    char* q = b;
    *q++ = 'T';
    q = siffer(q, static_cast<unsigned>(p.h), 2);
    *q++ = ':';
    q = siffer(q, static_cast<unsigned>(p.m), 2);
    *q++ = ':';
    q = siffer(q, static_cast<unsigned>(p.s), 2);
    *q++ = '.';
    q = siffer(q, broek, broek_siffer);
    s.append(b, static_cast<std::size_t>(q - b));
    s.append(slutt);
    return s;
}
}  // namespace

std::string Tidspunkt::utc_millis() const {
    auto p = split(mikros());
    return tidstekst(p, static_cast<unsigned>(p.us / 1000), 3, "Z");
}

std::string Tidspunkt::utc_mikros() const {
    auto p = split(mikros());
    return tidstekst(p, static_cast<unsigned>(p.us), 6, "Z");
}

std::string Tidspunkt::oslo_lokal_nanos() const {
    auto p = split(mikros() + std::int64_t{oslo_utc_offset_sekunder(sekunder())} * 1'000'000);
    return tidstekst(p, static_cast<unsigned>(p.us), 6, "000");
}

Dato Tidspunkt::oslo_dato() const {
    return split(mikros() + std::int64_t{oslo_utc_offset_sekunder(sekunder())} * 1'000'000).dato;
}

Dato Tidspunkt::utc_dato() const {
    return split(mikros()).dato;
}

int oslo_utc_offset_sekunder(std::int64_t utc_sekunder) {
    // EU rule (in force for Norway since 1996): CEST from 01:00 UTC on the last Sunday of March
    // to 01:00 UTC on the last Sunday of October. Computed, not looked up, so it is thread-safe
    // and needs no tzdata on the machine.
    auto days = utc_sekunder >= 0 ? utc_sekunder / 86400 : -((-utc_sekunder + 86399) / 86400);
    auto ymd = std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days)));
    auto last_sunday = [&](unsigned month) {
        std::chrono::year_month_weekday_last l{ymd.year(), std::chrono::month(month),
                                               std::chrono::weekday_last(std::chrono::Sunday)};
        return std::chrono::sys_days(l).time_since_epoch().count() * 86400 + 3600;
    };
    const std::int64_t start = last_sunday(3), end = last_sunday(10);
    return (utc_sekunder >= start && utc_sekunder < end) ? 7200 : 3600;
}

}  // namespace skd
