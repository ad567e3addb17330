#include "security/jwt.hpp"

#include <gtest/gtest.h>

namespace skd::security {
namespace {

TEST(Base64url, RoundTripsAllLengths) {
    std::string bytes;
    for (int i = 0; i < 40; ++i) {
        auto dec = base64url_decode(base64url_encode(bytes));
        ASSERT_TRUE(dec) << i;
        EXPECT_EQ(*dec, bytes);
        bytes += static_cast<char>(i * 37 + 250);
    }
}

TEST(Base64url, EncodesWithoutPadding) {
    EXPECT_EQ(base64url_encode("A"), "QQ");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64url, RejectsBadCharacters) {
    EXPECT_FALSE(base64url_decode("ab+d"));
    EXPECT_FALSE(base64url_decode("ab/d"));
    EXPECT_FALSE(base64url_decode("ab d"));
    EXPECT_FALSE(base64url_decode(std::string("ab\0d", 4)));
}

TEST(Base64url, AcceptsCorrectPaddingOnly) {
    EXPECT_EQ(*base64url_decode("QQ=="), "A");
    EXPECT_EQ(*base64url_decode("QUI="), "AB");
    EXPECT_FALSE(base64url_decode("QQ="));
    EXPECT_FALSE(base64url_decode("QUI=="));
    EXPECT_FALSE(base64url_decode("Q==="));
    EXPECT_FALSE(base64url_decode("QQ=A"));
    EXPECT_FALSE(base64url_decode("===="));
}

TEST(Base64url, RejectsImpossibleLengthAndStrayBits) {
    EXPECT_FALSE(base64url_decode("QUJDR"));
    EXPECT_FALSE(base64url_decode("QR"));  // 'R' leaves non-zero bits
}

TEST(SplitCompact, AcceptsThreeSegments) {
    auto p = split_compact("aaa.bbb.ccc");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->header_b64, "aaa");
    EXPECT_EQ(p->payload_b64, "bbb");
    EXPECT_EQ(p->signature_b64, "ccc");
    EXPECT_EQ(p->signing_input, "aaa.bbb");
}

TEST(SplitCompact, RejectsWrongSegmentCounts) {
    EXPECT_FALSE(split_compact("aaa"));
    EXPECT_FALSE(split_compact("aaa.bbb"));
    EXPECT_FALSE(split_compact("aaa.bbb.ccc.ddd"));
    EXPECT_FALSE(split_compact("aaa.bbb.ccc.ddd.eee"));
}

TEST(SplitCompact, RejectsEmptySegmentsAndOversize) {
    EXPECT_FALSE(split_compact(""));
    EXPECT_FALSE(split_compact("aaa..ccc"));
    EXPECT_FALSE(split_compact("aaa.bbb."));
    EXPECT_FALSE(split_compact(".bbb.ccc"));
    EXPECT_FALSE(split_compact("a=a.bbb.ccc"));
    EXPECT_FALSE(split_compact(std::string(kMaxTokenBytes + 1, 'a')));
}

TEST(ParseHeader, ReadsAlgKidTyp) {
    auto h = parse_header(R"({"alg":"RS256","kid":"k1","typ":"JWT"})");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->alg, "RS256");
    EXPECT_EQ(h->kid, "k1");
    EXPECT_EQ(h->typ, "JWT");
}

TEST(ParseHeader, RejectsBadJsonAndMissingAlg) {
    EXPECT_FALSE(parse_header("{"));
    EXPECT_FALSE(parse_header("[]"));
    EXPECT_FALSE(parse_header(R"({"kid":"x"})"));
    EXPECT_FALSE(parse_header(R"({"alg":1})"));
    EXPECT_FALSE(parse_header(R"({"alg":"RS256","kid":5})"));
    EXPECT_FALSE(parse_header(std::string(5000, '[')));
}

TEST(JwsAlg, OnlyRsaAlgorithmsAreKnown) {
    EXPECT_TRUE(rs_alg_from_name("RS256"));
    EXPECT_TRUE(rs_alg_from_name("RS512"));
    EXPECT_FALSE(rs_alg_from_name("none"));
    EXPECT_FALSE(rs_alg_from_name("HS256"));
    EXPECT_FALSE(rs_alg_from_name("ES256"));
    EXPECT_FALSE(rs_alg_from_name("PS256"));
    EXPECT_FALSE(rs_alg_from_name("rs256"));
}

}  // namespace
}  // namespace skd::security
