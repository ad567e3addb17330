#include <gtest/gtest.h>

#include "apis/common/codes.hpp"
#include "apis/common/negotiate.hpp"
#include "apis/common/params.hpp"
#include "apis/common/render_error.hpp"
#include "apis/common/request_context.hpp"

using namespace skd::apis;
using skd::encoding::Format;

TEST(Negotiate, DefaultsToJson) {
    EXPECT_EQ(negotiate("", true), Format::Json);
    EXPECT_EQ(negotiate("*/*", true), Format::Json);
    EXPECT_EQ(negotiate("application/json, */*", false), Format::Json);
    EXPECT_EQ(negotiate("application/xml", true), Format::Xml);
    EXPECT_EQ(negotiate("application/xml;q=0.5, application/json", true), Format::Json);
}

TEST(Negotiate, RefusesWhatWeCannotWrite) {
    EXPECT_FALSE(negotiate("text/html", true));
    EXPECT_FALSE(negotiate("application/xml", false));
    EXPECT_FALSE(negotiate("application/json;q=0", true));
}

// Every API's table is walked in app/codes_test.cpp, where all modules are visible.
TEST(CodeTable, DasTableMapsEveryProblem) {
    const CodeTable& t = das_codes();
    for (int p = 0; p < kProblemCount; ++p)
        EXPECT_NE(t.find(static_cast<Problem>(p)), nullptr) << "Problem " << p;
}

TEST(RenderError, WritesFeilXmlInItsNamespace) {
    skd::http::Response r;
    render_error(das_codes().make(Problem::UnknownUrl), ErrorStyle::Standard, Format::Xml, "abc",
                 "", r);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feil xmlns=\"urn:no:skatteetaten:"
              "datasamarbeid:feil:v1\"><kode>DAS-002</kode><melding>Ukjent url benyttet.</melding>"
              "<korrelasjonsid>abc</korrelasjonsid></feil>");
}

TEST(QueryParams, DecodesAndCountsDuplicates) {
    QueryParams q;
    ASSERT_TRUE(q.parse("fraOgMed=2023-01-01&tilOgMed=2023%2D02-01&a=1&a=2"));
    EXPECT_EQ(q.get("tilOgMed"), "2023-02-01");
    EXPECT_EQ(q.count("a"), 2u);
    EXPECT_FALSE(q.parse("x=%G1"));
}

TEST(ParseHeltall, RejectsSignsAndOverflow) {
    EXPECT_FALSE(parse_heltall("n", "-1", 0, 10, das_codes()));
    EXPECT_FALSE(parse_heltall("n", "+1", 0, 10, das_codes()));
    EXPECT_FALSE(parse_heltall("n", "99999999999999999999", 0, 10, das_codes()));
    EXPECT_FALSE(parse_heltall("n", "11", 0, 10, das_codes()));
    EXPECT_EQ(parse_heltall("n", "7", 0, 10, das_codes()).value(), 7);
}
