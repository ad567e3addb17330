#include "tools/progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace skd::tools {
namespace {

// What a Progress wrote to its stream.
struct Captured {
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* f = ::open_memstream(&buf, &size);
    ~Captured() {
        std::fclose(f);
        std::free(buf);
    }
    std::string text() {
        std::fflush(f);
        return std::string(buf, size);
    }
};

TEST(Progress, TimeLeftIsTheRemainingShareAtTheRateSoFar) {
    EXPECT_DOUBLE_EQ(*time_left(0.25, 10), 30);
    EXPECT_DOUBLE_EQ(*time_left(0.5, 60), 60);
    EXPECT_EQ(*time_left(1.0, 60), 0);
    EXPECT_FALSE(time_left(0.001, 10));  // too little done to tell
    EXPECT_FALSE(time_left(0.5, 0.1));   // too early to tell
}

TEST(Progress, DurationsAndCountsReadEasily) {
    EXPECT_EQ(duration_text(0), "0 s");
    EXPECT_EQ(duration_text(44.6), "45 s");
    EXPECT_EQ(duration_text(185), "3 min 05 s");
    EXPECT_EQ(duration_text(7620), "2 h 07 min");
    EXPECT_EQ(grouped(0), "0");
    EXPECT_EQ(grouped(999), "999");
    EXPECT_EQ(grouped(1234567), "1,234,567");
    EXPECT_EQ(grouped(-1000), "-1,000");
}

TEST(Progress, LinesModeWritesOneLineEveryInterval) {
    Captured c;
    Progress p("import", "lines", Progress::Mode::Lines, 10, c.f);
    p.update_at(0.01, 10, 1);     // before the first interval: nothing
    p.update_at(0.25, 2500, 10);  // first line
    p.update_at(0.30, 3000, 15);  // within the next interval: nothing
    p.update_at(0.50, 5000, 20);  // second line
    p.finish();
    EXPECT_EQ(c.text(),
              "import: 25 %, 2,500 lines, 250 lines/s, about 30 s left\n"
              "import: 50 %, 5,000 lines, 250 lines/s, about 20 s left\n");
}

TEST(Progress, BarModeRedrawsInPlaceAndClearsAtTheEnd) {
    Captured c;
    Progress p("generate", "rows", Progress::Mode::Bar, 10, c.f);
    p.update_at(0.5, 100, 0.1);  // too soon: nothing
    p.update_at(0.5, 1000, 2);
    p.finish();
    const auto t = c.text();
    EXPECT_EQ(t.rfind("\rgenerate [###############               ] 50 % 1,000 rows, 500 rows/s, "
                      "about 2 s left\033[K",
                      0),
              0u)
        << t;
    EXPECT_EQ(t.substr(t.size() - 4), "\r\033[K");
    EXPECT_EQ(t.find('\n'), std::string::npos);
}

TEST(Progress, OffAndZeroIntervalWriteNothing) {
    Captured c;
    Progress off("import", "lines", Progress::Mode::Off, 10, c.f);
    off.update_at(0.5, 10, 100);
    off.finish();
    Progress zero("import", "lines", Progress::Mode::Lines, 0, c.f);
    zero.update_at(0.5, 10, 100);
    EXPECT_EQ(c.text(), "");
}

TEST(Progress, EarlyLinesSayTheEstimateIsComing) {
    Progress p("import", "lines", Progress::Mode::Lines, 1);
    EXPECT_EQ(p.line(0.001, 3, 1), "import: 0 %, 3 lines, 3 lines/s, estimating time left");
}

}  // namespace
}  // namespace skd::tools
