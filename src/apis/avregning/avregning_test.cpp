#include <gtest/gtest.h>

#include "apis/avregning/view.hpp"
#include "tests/fixtures/skatteoppgjoer_eksempel.hpp"

using namespace skd;
using namespace skd::skatteoppgjoer;

namespace {

Skatteoppgjoer eksempel() {
    return testdata::skatteoppgjoer_eksempel();
}

std::string json(const Avregningsutsnitt& u) {
    std::string out;
    encoding::JsonWriter w(out);
    apis::avregning::AvregningView{u}.write(w);
    return out;
}

}  // namespace

TEST(AvregningView, WritesTheDocumentedExampleInOrder) {
    auto u = utsnitt(eksempel(), Pakkeregel{"ssb", Feltsett::alle(), true}, false);
    EXPECT_EQ(
        json(u),
        R"({"personidentifikator":"20463518646","inntektsaar":"2024","skjermet":false,)"
        R"("skatteoppgjoersdato":"2024-12-02","fastland":{"restskatt":0,"forhaandsfastsatt":true,)"
        R"("skatteregnskapskommune":"5526","beregnetSkatt":0,"aaBetale":0},"svalbard":)"
        R"({"beloepTilgode":60894,"forhaandsfastsatt":false,"skatteregnskapskommune":"2100",)"
        R"("beregnetSkatt":0,"avregnetForskuddsskatt":60000,"overskytende":60000,)"
        R"("rentegodtgjoerelse":894},"ajourholdstidspunkt":"2024-11-28T08:35:16.337Z"})");
}

TEST(AvregningView, ShieldedWithoutRightsShowsOnlyTheRequest) {
    EXPECT_EQ(json(bare_skjermet("16822548834", "2023")),
              R"({"personidentifikator":"16822548834","inntektsaar":"2023","skjermet":true})");
}

TEST(AvregningView, XmlUsesTheNamespaceAndJsonNames) {
    std::string out;
    encoding::XmlWriter w(out);
    apis::avregning::AvregningView{bare_skjermet("16822548834", "2023")}.write(w);
    EXPECT_NE(out.find(R"(<avregning xmlns="urn:no:skatteetaten:datasamarbeid:avregning:v2">)"),
              std::string::npos);
    EXPECT_NE(out.find("<skjermet>true</skjermet>"), std::string::npos);
}
