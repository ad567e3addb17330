#include "http/router.hpp"

#include <gtest/gtest.h>

using skd::http::Router;
using Kind = Router::Match::Kind;

namespace {
struct Fixture {
    Router r;
    int restanser, avregning, hendelser, siste;
    Fixture() {
        restanser = r.add_module("restanser", {"/v2"}, {"/api/innkreving/restanser/v2"});
        r.add_route(restanser, "GET", "/{pakke}/{orgnr}", 1);
        avregning = r.add_module("avregning", {"/v2"}, {"/api/fastsetting/avregning/v2"});
        r.add_route(avregning, "GET", "/{pakke}/{aar}/{pid}", 2);
        hendelser =
            r.add_module("skatteoppgjoerhendelser", {"/v1"}, {"/api/formueinntekt/skatteoppgjoer"});
        r.add_route(hendelser, "GET", "/hendelser", 3);
        r.add_route(hendelser, "GET", "/hendelser/start", 4);
        siste = r.add_module("sistetilgjengeligeskatteoppgjoer", {"/v1"}, {});
        r.add_route(siste, "GET", "/{pid}", 5);
    }
};
}  // namespace

TEST(Router, MatchesLegacyPrefixOnAnyHost) {
    Fixture f;
    auto m = f.r.match("127.0.0.1:8080", "GET", "/api/innkreving/restanser/v2/dibk/310111643");
    ASSERT_EQ(m.kind, Kind::Found);
    EXPECT_EQ(m.route, 1);
    EXPECT_EQ(m.params.get("orgnr"), "310111643");
}

TEST(Router, MatchesHostStyleOnOwnHost) {
    Fixture f;
    auto m = f.r.match("avregning.api.skatteetaten.no", "GET", "/v2/ssb/2024/20463518646");
    EXPECT_EQ(m.route, 2);
    auto n = f.r.match("avregning.api.skatteetaten.no", "GET", "/v2/dibk/310111643");
    EXPECT_EQ(n.kind, Kind::UnknownUrl);
    EXPECT_EQ(n.module, f.avregning);
}

TEST(Router, HostStylePathsWorkOnLoopbackHost) {
    Fixture f;
    EXPECT_EQ(f.r.match("127.0.0.1", "GET", "/v2/ebevis/974761076").route, 1);
    EXPECT_EQ(f.r.match("localhost", "GET", "/v1/hendelser").route, 3);
    EXPECT_EQ(f.r.match("localhost", "GET", "/v1/hendelser/start/").route, 4);
    EXPECT_EQ(f.r.match("localhost", "GET", "/v1/20463518646").route, 5);
}

TEST(Router, UnknownUrlKnowsItsOwnerOnlyWhenUnambiguous) {
    Fixture f;
    auto m = f.r.match("x", "GET", "/api/innkreving/restanser/v2/nope");
    EXPECT_EQ(m.kind, Kind::UnknownUrl);
    EXPECT_EQ(m.module, f.restanser);
    EXPECT_EQ(f.r.match("x", "GET", "/v2/a/b/c/d").module, -1);
    EXPECT_EQ(f.r.match("x", "GET", "/nope").module, -1);
}

TEST(Router, WrongMethodGivesAllow) {
    Fixture f;
    auto m = f.r.match("x", "POST", "/api/innkreving/restanser/v2/dibk/310111643");
    EXPECT_EQ(m.kind, Kind::MethodNotAllowed);
    EXPECT_EQ(m.allow, "GET, HEAD");
}

TEST(Router, RejectsDotSegmentsAndBadEscapes) {
    Fixture f;
    EXPECT_EQ(f.r.match("x", "GET", "/api/innkreving/restanser/v2/../v2/dibk/1").kind,
              Kind::UnknownUrl);
    EXPECT_EQ(f.r.match("x", "GET", "/api/innkreving/restanser/v2/dibk/%zz").kind,
              Kind::UnknownUrl);
    auto m = f.r.match("x", "GET", "/api/innkreving/restanser/v2/dibk/31011%31643");
    EXPECT_EQ(m.params.get("orgnr"), "310111643");
}

TEST(Router, HostPrefixWithoutLabelIsOnlyOnHostsThatNameNoModule) {
    Fixture f;
    const int kontroll = f.r.add_module("", {"/sandbox/v1"}, {});
    f.r.add_route(kontroll, "GET", "/klokke", 9);
    EXPECT_EQ(f.r.match("127.0.0.1:8080", "GET", "/sandbox/v1/klokke").route, 9);
    auto m = f.r.match("restanser.api.skatteetaten.no", "GET", "/sandbox/v1/klokke");
    EXPECT_EQ(m.kind, Kind::UnknownUrl);
    EXPECT_EQ(m.module, f.restanser);
}
