#include "encoding/view_writer.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace skd::encoding;

namespace {
void write_sample(ViewWriter& w) {
    w.begin_root("hendelser", "urn:x");
    w.begin_array("hendelser", "hendelse");
    w.begin_item();
    w.integer("sekvensnummer", 1);
    w.string("identifikator", "a\"<b>");
    w.end_item();
    w.end_array();
    w.begin_object("periode");
    w.boolean("skjermet", false);
    w.number("sum", "10.0");
    w.end_object();
    w.end_root();
}
}  // namespace

TEST(JsonWriter, WritesNestedStructure) {
    std::string s;
    JsonWriter w(s);
    write_sample(w);
    EXPECT_EQ(s, R"({"hendelser":[{"sekvensnummer":1,"identifikator":"a\"<b>"}],)"
                 R"("periode":{"skjermet":false,"sum":10.0}})");
}

TEST(XmlWriter, RepeatsItemElementsWithoutWrapper) {
    std::string s;
    XmlWriter w(s);
    write_sample(w);
    EXPECT_EQ(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hendelser xmlns=\"urn:x\"><hendelse>"
        "<sekvensnummer>1</sekvensnummer><identifikator>a&quot;&lt;b&gt;</identifikator>"
        "</hendelse><periode><skjermet>false</skjermet><sum>10.0</sum></periode></hendelser>");
}

TEST(JsonWriter, EscapesControlCharacters) {
    std::string s;
    append_json_string(s, std::string_view("a\x01\n", 3));
    EXPECT_EQ(s, R"("a\u0001\n")");
}

TEST(Utf8, RejectsOverlongAndSurrogates) {
    EXPECT_TRUE(valid_utf8("blåbær"));
    EXPECT_FALSE(valid_utf8("\xC0\xAF"));
    EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));
    EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(AppendUtc, IsTheTextOfTidspunktAtEveryPrecision) {
    // Around the epoch, leap days, year ends, the fraction's edges and both ends of 0000-9999
    // (outside them the fast path hands over to Tidspunkt itself).
    std::vector<std::int64_t> us = {0,
                                    1,
                                    -1,
                                    999'999,
                                    -999'999,
                                    1'000'000,
                                    86'399'999'999,
                                    86'400'000'000,
                                    -86'400'000'001,
                                    951'782'400'000'000,       // 2000-02-29
                                    1'615'368'556'000'000,     // 2021-03-10T09:29:16Z
                                    1'732'782'916'337'123,     // 2024-11-28T08:35:16.337123Z
                                    253'402'300'799'999'999,   // 9999-12-31T23:59:59.999999Z
                                    253'402'300'800'000'000,   // 10000-01-01
                                    -62'167'219'200'000'000,   // 0000-01-01
                                    -62'167'219'200'000'001};  // -0001-12-31
    for (std::int64_t x = -400'000'000'000'000'000; x < 400'000'000'000'000'000;
         x += 7'777'777'777'777)
        us.push_back(x);
    for (auto v : us) {
        const auto t = skd::Tidspunkt::fra_mikros(v);
        std::string s = "x";
        append_utc(s, t, 3);
        EXPECT_EQ(s, "x" + t.utc_millis()) << v;
        s.clear();
        append_utc(s, t, 6);
        EXPECT_EQ(s, t.utc_mikros()) << v;
    }
}

TEST(AppendXmlText, EscapesMarkupAndDropsWhatXmlCannotHold) {
    std::string s = "<a>";
    append_xml_text(s, "plain");
    append_xml_text(s, "");
    append_xml_text(s,
                    "<&>\"'\t\n\r\x01\x1f"
                    "æ\x7f"
                    "end");
    EXPECT_EQ(s,
              "<a>plain&lt;&amp;&gt;&quot;'\t\n\ræ\x7f"
              "end");
}

TEST(AppendJsonEscaped, IsTheStringWithoutItsQuotes) {
    for (std::string_view v : {"", "abc",
                               "a\"b\\c\n\x01\x1f"
                               "ø",
                               "\"", "\\\\"}) {
        std::string quoted, bare = "\"";
        append_json_string(quoted, v);
        append_json_escaped(bare, v);
        bare += '"';
        EXPECT_EQ(bare, quoted);
    }
    std::string n;
    append_integer(n, -9'223'372'036'854'775'807 - 1);
    append_integer(n, 0);
    EXPECT_EQ(n, "-92233720368547758080");
}
