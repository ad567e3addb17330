#include "encoding/view_writer.hpp"

#include <gtest/gtest.h>

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
