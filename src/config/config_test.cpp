#include "config/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace skd::config;

TEST(Config, EnvironmentOverridesDefaults) {
    ::setenv("SKD_THREADS", "3", 1);
    ::setenv("PORT", "9090", 1);
    Config c;
    ASSERT_TRUE(load_env(c));
    EXPECT_EQ(c.threads, 3u);
    EXPECT_EQ(c.port, 9090);
    ::setenv("SKD_THREADS", "tre", 1);
    EXPECT_FALSE(load_env(c));
    ::unsetenv("SKD_THREADS");
    ::unsetenv("PORT");
}

TEST(Config, ReusePortIsOffUnlessAskedFor) {
    Config c;
    EXPECT_FALSE(c.reuse_port);
    ::setenv("SKD_REUSE_PORT", "true", 1);
    ASSERT_TRUE(load_env(c));
    EXPECT_TRUE(c.reuse_port);
    ::unsetenv("SKD_REUSE_PORT");
}

TEST(Config, TlsFilesComeFromTheEnvironment) {
    ::setenv("SKD_TLS_CERTIFICATE", "/etc/skd/cert.pem", 1);
    ::setenv("SKD_TLS_PRIVATE_KEY", "/etc/skd/key.pem", 1);
    Config c;
    ASSERT_TRUE(load_env(c));
    EXPECT_EQ(c.tls_certificate, "/etc/skd/cert.pem");
    EXPECT_EQ(c.tls_private_key, "/etc/skd/key.pem");
    ::unsetenv("SKD_TLS_CERTIFICATE");
    ::unsetenv("SKD_TLS_PRIVATE_KEY");
}

TEST(Config, FileRejectsUnknownKeys) {
    auto path = testing::TempDir() + "/skd-config.json";
    std::ofstream(path)
        << R"({"sandbox": true, "issuers": [{"issuer": "x", "jwks": {"keys": []}}]})";
    Config c;
    ASSERT_TRUE(load_file(c, path));
    EXPECT_TRUE(c.sandbox);
    ASSERT_EQ(c.issuers.size(), 1u);
    EXPECT_EQ(c.issuers[0].jwks, R"({"keys":[]})");
    std::ofstream(path) << R"({"sandbx": true})";
    EXPECT_FALSE(load_file(c, path));
}

TEST(Config, EveryKeyIsInTheReadmeTable) {
    std::ifstream in(SKD_README);
    std::stringstream ss;
    ss << in.rdbuf();
    for (const auto& k : documented_keys())
        EXPECT_NE(ss.str().find("| `" + k + "`"), std::string::npos) << k << " mangler i README.md";
}

TEST(Config, ReadDatabaseTakesAListFromFileAndCommasFromEnvironment) {
    auto path = testing::TempDir() + "/skd-config-read.json";
    std::ofstream(path) << R"({"read_database": ["postgresql://a:5432/db", "postgresql://b/db"]})";
    Config c;
    ASSERT_TRUE(load_file(c, path));
    EXPECT_EQ(c.read_database,
              (std::vector<std::string>{"postgresql://a:5432/db", "postgresql://b/db"}));
    std::ofstream(path) << R"({"read_database": [1]})";
    EXPECT_FALSE(load_file(c, path));

    ::setenv("SKD_READ_DATABASE", "postgresql://x/db, postgres://h1:1,h2:2/db", 1);
    ASSERT_TRUE(load_env(c));
    ::unsetenv("SKD_READ_DATABASE");
    EXPECT_EQ(c.read_database,
              (std::vector<std::string>{"postgresql://x/db", "postgres://h1:1,h2:2/db"}));
    EXPECT_TRUE(split_database_urls("").empty());
}
