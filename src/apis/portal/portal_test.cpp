#include <gtest/gtest.h>

#include "apis/portal/files.hpp"

using namespace skd::apis::portal;

TEST(PortalFiles, SafeNameAcceptsPlainAssetNames) {
    EXPECT_TRUE(safe_name("portal.js"));
    EXPECT_TRUE(safe_name("redoc.standalone.js"));
    EXPECT_TRUE(safe_name("utleggsbegjaering-v1.json"));
    EXPECT_TRUE(safe_name("a_b-C9.css"));
    EXPECT_TRUE(safe_name(std::string(128, 'a')));
}

TEST(PortalFiles, SafeNameRejectsEverythingThatCouldLeaveTheFolder) {
    for (std::string_view bad : {"", ".", "..", ".env", "../etc/passwd", "a/b.js", "a\\b.js",
                                 "%2e%2e", "a b.js", "ø.js", "~root", "a:b"})
        EXPECT_FALSE(safe_name(bad)) << bad;
    EXPECT_FALSE(safe_name(std::string_view("a\0b.js", 6)));  // NUL would end a C path
    EXPECT_FALSE(safe_name(std::string(129, 'a')));
}

TEST(PortalFiles, ContentTypeByExtension) {
    EXPECT_EQ(content_type_of("index.html"), "text/html;charset=UTF-8");
    EXPECT_EQ(content_type_of("portal.js"), "text/javascript;charset=UTF-8");
    EXPECT_EQ(content_type_of("portal.css"), "text/css;charset=UTF-8");
    EXPECT_EQ(content_type_of("restanser.json"), "application/json;charset=UTF-8");
    EXPECT_EQ(content_type_of("logo.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_of("portal.png"), "image/png");
    EXPECT_EQ(content_type_of("redoc.js.map"), "application/json");
    EXPECT_EQ(content_type_of("js"), "application/octet-stream");
    EXPECT_EQ(content_type_of("README"), "application/octet-stream");
}

TEST(PortalFiles, OpenapiFileName) {
    EXPECT_EQ(openapi_file_name("restanser"), "restanser.json");
    EXPECT_EQ(openapi_file_name("restanser.json"), "restanser.json");
    EXPECT_EQ(openapi_file_name("index"), "index.json");
    EXPECT_EQ(openapi_file_name("restanser.yaml"), std::nullopt);
    EXPECT_EQ(openapi_file_name("..json"), std::nullopt);
    EXPECT_EQ(openapi_file_name(""), std::nullopt);
    EXPECT_EQ(openapi_file_name("a/b"), std::nullopt);
}
