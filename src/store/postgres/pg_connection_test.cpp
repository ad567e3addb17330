#include "store/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

using skd::store::pg::parse_lsn;
using skd::store::pg::url_without_secrets;

TEST(PgConnection, ParsesWalPositions) {
    EXPECT_EQ(parse_lsn("0/0"), 0u);
    EXPECT_EQ(parse_lsn("0/3000148"), 0x3000148u);
    EXPECT_EQ(parse_lsn("16/B374D848"), (std::uint64_t{0x16} << 32) | 0xB374D848u);
    EXPECT_EQ(parse_lsn("FFFFFFFF/FFFFFFFF"), ~std::uint64_t{0});
    EXPECT_LT(*parse_lsn("0/FFFFFFFF"), *parse_lsn("1/0"));
    for (const char* bad : {"", "/", "0/", "/1", "1/2/3", "x/1", "1/1x", "100000000/0", "0 /1"})
        EXPECT_FALSE(parse_lsn(bad)) << bad;
}

TEST(PgConnection, UrlWithoutSecretsDropsUserPasswordAndOptions) {
    EXPECT_EQ(url_without_secrets("postgresql://u:hemmelig@db.example:5433/skd?sslmode=require"),
              "postgresql://db.example:5433/skd");
    EXPECT_EQ(url_without_secrets("postgres://postgres@127.0.0.1:5432/x"),
              "postgres://127.0.0.1:5432/x");
    EXPECT_EQ(url_without_secrets("postgresql://h1:1,h2:2/db"), "postgresql://h1:1,h2:2/db");
    EXPECT_EQ(url_without_secrets("postgresql:///db?password=p"), "postgresql:///db");
}
