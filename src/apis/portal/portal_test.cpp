#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "apis/portal/assets.hpp"
#include "apis/portal/files.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd::apis::portal;

TEST(PortalFiles, SafeNameAcceptsPlainAssetNames) {
    EXPECT_TRUE(safe_name("portal.js"));
    EXPECT_TRUE(safe_name("swagger-ui-bundle.js"));
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
    EXPECT_EQ(content_type_of("swagger-ui.js.map"), "application/json");
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

namespace {

namespace fs = std::filesystem;

void touch(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "{}";
}

// A scratch tree with an installed prefix (usr/) and a repository checkout (repo/).
struct Tree {
    fs::path dir = skd::testdata::unique_temp_dir("skd-assets");
    Tree() {
        touch(dir / "usr/bin/skattedeling");
        touch(dir / "usr/share/skattedeling/openapi/index.json");
        touch(dir / "usr/share/skattedeling/portal/index.html");
        touch(dir / "repo/build/skattedeling");
        touch(dir / "repo/docs/openapi/index.json");
        touch(dir / "repo/portal/dist/index.html");
        touch(dir / "flat/skattedeling");
        touch(dir / "flat/openapi/index.json");
        touch(dir / "tom/bin/skattedeling");
    }
    ~Tree() { fs::remove_all(dir); }
};

}  // namespace

TEST(PortalAssets, InstalledBinaryFindsItsSharePrefix) {
    Tree t;
    auto a = find_assets("", t.dir / "usr/bin/skattedeling");
    EXPECT_EQ(fs::canonical(a.root), fs::canonical(t.dir / "usr/share/skattedeling"));
    EXPECT_TRUE(fs::exists(a.portal / "index.html"));
    EXPECT_TRUE(fs::exists(a.openapi / "index.json"));
    EXPECT_EQ(a.xsd.filename(), "xsd");
}

TEST(PortalAssets, BuildFolderBinaryFindsTheRepository) {
    Tree t;
    auto a = find_assets("", t.dir / "repo/build/skattedeling");
    EXPECT_EQ(fs::canonical(a.root), fs::canonical(t.dir / "repo"));
    EXPECT_TRUE(fs::exists(a.portal / "index.html"));
    EXPECT_TRUE(fs::exists(a.openapi / "index.json"));
    EXPECT_EQ(a.xsd, a.root / "docs" / "xsd");
}

TEST(PortalAssets, FoldersBesideTheBinaryComeFirst) {
    Tree t;
    auto a = find_assets("", t.dir / "flat/skattedeling");
    EXPECT_EQ(fs::canonical(a.root), fs::canonical(t.dir / "flat"));
}

TEST(PortalAssets, ConfiguredFolderWinsInEitherLayout) {
    Tree t;
    auto a = find_assets((t.dir / "repo").string(), t.dir / "usr/bin/skattedeling");
    EXPECT_EQ(a.root, t.dir / "repo");
    EXPECT_EQ(a.openapi, t.dir / "repo/docs/openapi");
    auto b = find_assets((t.dir / "usr/share/skattedeling").string(), t.dir / "repo/build/x");
    EXPECT_EQ(b.openapi, t.dir / "usr/share/skattedeling/openapi");
    // A configured folder that does not qualify is still the only one used.
    auto c = find_assets((t.dir / "finnes-ikke").string(), t.dir / "usr/bin/skattedeling");
    EXPECT_EQ(c.openapi, t.dir / "finnes-ikke/openapi");
}

TEST(PortalAssets, NothingFoundGivesEmptyPaths) {
    Tree t;
    auto a = find_assets("", t.dir / "tom/bin/skattedeling");
    EXPECT_TRUE(a.root.empty());
    EXPECT_TRUE(a.openapi.empty());
    EXPECT_TRUE(find_assets("", "").root.empty());
}

TEST(PortalAssets, ExecutablePathIsThisTestBinary) {
    auto p = executable_path();
    EXPECT_EQ(p.filename(), "portal_test");
    EXPECT_TRUE(p.is_absolute());
}
