// Skatteoppgjør hendelser over HTTP against the real binary, once per backend: start by date,
// inclusive paging, XML, errors, the empty page, and a feed that replays to the current data
// while a writer changes settlements concurrently.
#include <fmt/format.h>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <thread>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

class HendelserE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        token_ = srv_->token({"--scope", "skatteetaten:beregnetskatt"});
    }
    HttpResponse get(const std::string& path, Headers h = {}) const {
        h.emplace_back("Authorization", "Bearer " + token_);
        return srv_->get(path, h);
    }
    json::array side(std::int64_t fra, std::int64_t antall) const {
        auto r = get(fmt::format("/v1/hendelser?fraSekvensnummer={}&antall={}", fra, antall));
        EXPECT_EQ(r.status, 200) << r.body;
        auto v = r.json();
        if (!v.is_object() || !v.as_object().contains("hendelser")) return {};
        return v.as_object()["hendelser"].as_array();
    }
    std::int64_t start(const std::string& query) const {
        auto r = get("/v1/hendelser/start" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().as_object()["sekvensnummer"].as_int64();
    }
    std::string token_;
};

TEST_P(HendelserE2e, StartWithoutDateIsTheFirstEvent) {
    EXPECT_EQ(start(""), 1);
    auto r = get("/v1/hendelser/start");
    EXPECT_EQ(r.json(), json::parse(R"({"sekvensnummer": 1})"));
}

TEST_P(HendelserE2e, StartByDateIsTheFirstEventRegisteredOnOrAfterOsloMidnight) {
    const auto s = start("?dato=2024-11-28");
    ASSERT_GT(s, 1);
    auto par = side(s - 1, 2);
    ASSERT_EQ(par.size(), 2u);
    // 2024-11-28 00:00 in Oslo is 2024-11-27T23:00Z.
    EXPECT_LT(std::string(par[0].as_object()["registreringstidspunkt"].as_string()),
              "2024-11-27T23:00:00");
    EXPECT_GE(std::string(par[1].as_object()["registreringstidspunkt"].as_string()),
              "2024-11-27T23:00:00");
    // The documented example settlement is registered that morning.
    bool funnet = false;
    for (const auto& h : side(s, 20)) {
        const auto& o = h.as_object();
        if (o.at("identifikator") == "20463518646" && o.at("gjelderPeriode") == "2024") {
            funnet = true;
            EXPECT_EQ(o.at("registreringstidspunkt"), "2024-11-28T08:35:16.337000Z");
            EXPECT_EQ(o.at("ajourholdstidspunkt"), "2024-11-28T08:35:16.337Z");
            EXPECT_EQ(o.at("hendelsetype"), "NY");
        }
    }
    EXPECT_TRUE(funnet);
}

TEST_P(HendelserE2e, PagesAreInclusiveAndJoinToTheUnpagedFeed) {
    auto alle = side(1, 10000);
    ASSERT_GT(alle.size(), 300u);
    for (std::size_t i = 0; i < alle.size(); ++i)
        ASSERT_EQ(alle[i].as_object()["sekvensnummer"], static_cast<std::int64_t>(i + 1));
    json::array joined;
    for (std::int64_t fra = 1;;) {
        auto s = side(fra, 7);
        if (s.empty()) break;
        EXPECT_EQ(s[0].as_object()["sekvensnummer"], fra);  // inclusive
        fra = s.back().as_object()["sekvensnummer"].as_int64() + 1;
        for (auto& h : s) joined.push_back(h);
    }
    EXPECT_EQ(joined, alle);
}

TEST_P(HendelserE2e, DemoFeedHasEveryEventType) {
    std::set<std::string> typer;
    for (const auto& h : side(1, 10000))
        typer.insert(std::string(h.as_object().at("hendelsetype").as_string()));
    EXPECT_EQ(typer, (std::set<std::string>{"NY", "ENDRET", "SLETTET", "IDENTITETSENDRING"}));
}

TEST_P(HendelserE2e, DefaultsAreFromOneAndAThousand) {
    auto r = get("/v1/hendelser");
    ASSERT_EQ(r.status, 200);
    auto a = r.json().as_object()["hendelser"].as_array();
    EXPECT_EQ(a.size(), std::min<std::size_t>(1000, side(1, 10000).size()));
    EXPECT_EQ(a[0].as_object()["sekvensnummer"], 1);
    // antall above 10000 is served as 10000 [INFER].
    EXPECT_EQ(get("/v1/hendelser?antall=50000").status, 200);
}

TEST_P(HendelserE2e, BothUrlStylesIncludingTheLegacyTrailingSlash) {
    auto host = get("/v1/hendelser?fraSekvensnummer=3&antall=2",
                    {{"Host", "skatteoppgjoerhendelser.api.skatteetaten.no"}});
    auto legacy = get("/api/formueinntekt/skatteoppgjoer/hendelser/?fraSekvensnummer=3&antall=2");
    auto legacy_start = get("/api/formueinntekt/skatteoppgjoer/hendelser/start?dato=2020-01-01");
    ASSERT_EQ(host.status, 200);
    EXPECT_EQ(legacy.status, 200) << legacy.body;
    EXPECT_EQ(host.json(), legacy.json());
    EXPECT_EQ(legacy_start.status, 200);
}

TEST_P(HendelserE2e, XmlIsValidAgainstOurPublishedSchemaAndCarriesAjourholdstidspunkt) {
    const std::string vaar = source_dir() + "/docs/xsd/hendelser-v1.xsd";
    auto r = get("/v1/hendelser?fraSekvensnummer=1&antall=500", {{"Accept", "application/xml"}});
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(validate_xml(r.body, vaar), "") << r.body.substr(0, 500);
    EXPECT_NE(
        r.body.find(
            R"(<hendelser xmlns="urn:no:skatteetaten:datasamarbeid:hendelser:v1"><hendelse>)"),
        std::string::npos);
    // As in JSON: the same events carry ajourholdstidspunkt in both formats.
    const auto j = get("/v1/hendelser?fraSekvensnummer=1&antall=500").json();
    std::size_t i_json = 0;
    for (const auto& h : j.at("hendelser").as_array())
        i_json += h.as_object().contains("ajourholdstidspunkt") ? 1 : 0;
    ASSERT_GT(i_json, 0u) << "demo data without ajourholdstidspunkt";
    std::size_t i_xml = 0;
    for (auto p = r.body.find("<ajourholdstidspunkt>"); p != std::string::npos;
         p = r.body.find("<ajourholdstidspunkt>", p + 1))
        ++i_xml;
    EXPECT_EQ(i_xml, i_json);
    auto tom = get("/v1/hendelser?fraSekvensnummer=99999999", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(tom.body, vaar), "") << tom.body;

    auto s = get("/v1/hendelser/start?dato=2020-01-01", {{"Accept", "application/xml"}});
    ASSERT_EQ(s.status, 200);
    EXPECT_EQ(validate_xml(s.body, vaar), "") << s.body;
    auto s0 = get("/v1/hendelser/start", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(s0.body, vaar), "") << s0.body;
    EXPECT_NE(
        s.body.find(
            R"(<start xmlns="urn:no:skatteetaten:datasamarbeid:hendelser:v1"><sekvensnummer>)"),
        std::string::npos)
        << s.body;
}

TEST_P(HendelserE2e, EmptyPageIsAnEmptyListByDefault) {
    auto r = get("/v1/hendelser?fraSekvensnummer=99999999&antall=10");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json(), json::parse(R"({"hendelser": []})"));
}

TEST_P(HendelserE2e, AcceptsEachOfTheSixScopes) {
    for (std::string scope :
         {"skatteetaten:spesifisertsummertskattegrunnlag", "skatteetaten:summertskattegrunnlag",
          "skatteetaten:beregnetskatt", "skatteetaten:avregning", "skatteetaten:skatteplikt",
          "skatteetaten:pensjonsgivendeinntekt"}) {
        auto r = srv_->get("/v1/hendelser?antall=1",
                           {{"Authorization", "Bearer " + srv_->token({"--scope", scope})}});
        EXPECT_EQ(r.status, 200) << scope;
    }
}

TEST_P(HendelserE2e, DocumentedErrorCodes) {
    expect_errors([&](const std::string& p, const Headers& h) { return get(p, h); },
                  {
                      {"/v1/hendelser?fraSekvensnummer=0", {}, 400, "FA-004"},
                      {"/v1/hendelser?fraSekvensnummer=-1", {}, 400, "FA-004"},
                      {"/v1/hendelser?antall=0", {}, 400, "FA-004"},
                      {"/v1/hendelser?antall=ti", {}, 400, "FA-004"},
                      {"/v1/hendelser?antall=1&antall=2", {}, 400, "FA-004"},
                      {"/v1/hendelser/start?dato=2026-06-16", {}, 400, "FA-004"},
                      {"/v1/hendelser/start?dato=2024-02-30", {}, 400, "FA-004"},
                      {"/v1/hendelser/start?dato=15.06.2026", {}, 400, "FA-004"},
                      {"/v1/hendelser", {{"Accept", "text/plain"}}, 406, "FA-006"},
                      {"/api/formueinntekt/skatteoppgjoer/hendelser/slutt", {}, 404, "FA-002"},
                      {"/v1/hendelser/start/1",
                       {{"Host", "skatteoppgjoerhendelser.api.skatteetaten.no"}},
                       404,
                       "FA-002"},
                  });
    // Today (Oslo) is not in the future.
    EXPECT_EQ(get("/v1/hendelser/start?dato=2026-06-15").status, 200);
    auto no_token = srv_->get("/v1/hendelser");
    EXPECT_EQ(no_token.status, 401);
    EXPECT_EQ(no_token.json().as_object()["kode"], "FA-003");
    auto wrong_scope = srv_->get(
        "/v1/hendelser",
        {{"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"})}});
    EXPECT_EQ(wrong_scope.status, 403);
    EXPECT_EQ(wrong_scope.json().as_object()["kode"], "DAS-008");
    auto xml_error = get("/v1/hendelser?antall=0", {{"Accept", "application/xml"}});
    EXPECT_EQ(validate_xml(xml_error.body, source_dir() + "/docs/xsd/feil-v1.xsd"), "");
}

TEST_P(HendelserE2e, StartByDateUsesOsloMidnightOnBothSidesOfTheDaylightSavingChanges) {
    ServerOptions o;
    o.demo_data = false;
    o.now = "2026-11-01T12:00:00Z";
    Server s(GetParam(), o);
    ASSERT_TRUE(s.ok());
    // Pairs just before and exactly at Oslo midnight: 29 March starts at 23:00 UTC (CET),
    // 30 March at 22:00 UTC (CEST), 25 October at 22:00 UTC (CEST), 26 October at 23:00 UTC (CET).
    const std::vector<std::string> tider = {
        "2026-03-28T22:59:59.999999Z", "2026-03-28T23:00:00.000000Z", "2026-03-29T21:59:59.999999Z",
        "2026-03-29T22:00:00.000000Z", "2026-10-24T21:59:59.999999Z", "2026-10-24T22:00:00.000000Z",
        "2026-10-25T22:59:59.999999Z", "2026-10-25T23:00:00.000000Z"};
    std::string jsonl;
    for (std::size_t i = 0; i < tider.size(); ++i)
        jsonl += fmt::format(
            R"({{"type": "skatteoppgjoer", "personidentifikator": "9988776640{}", "inntektsaar": 2025, "skatteoppgjoersdato": "2026-03-01", "registreringstidspunkt": "{}", "fastland": {{"restskatt": 1}}}})"
            "\n",
            i, tider[i]);
    ASSERT_EQ(s.import_text(jsonl), 0);
    const std::string token = "Bearer " + s.token({"--scope", "skatteetaten:beregnetskatt"});
    auto hent = [&](const std::string& sti) {
        auto r = s.get(sti, {{"Authorization", token}});
        EXPECT_EQ(r.status, 200) << sti << " " << r.body;
        return r.json();
    };
    std::map<std::string, std::int64_t> sekvens;  // registreringstidspunkt → sekvensnummer
    const auto feed = hent("/v1/hendelser?fraSekvensnummer=1&antall=100");
    ASSERT_TRUE(feed.is_object()) << json::serialize(feed);
    for (const auto& h : feed.at("hendelser").as_array())
        sekvens[std::string(h.at("registreringstidspunkt").as_string())] =
            h.at("sekvensnummer").as_int64();
    ASSERT_EQ(sekvens.size(), tider.size());
    for (const auto& [dato, forste] :
         std::vector<std::pair<std::string, std::string>>{{"2026-03-29", tider[1]},
                                                          {"2026-03-30", tider[3]},
                                                          {"2026-10-25", tider[5]},
                                                          {"2026-10-26", tider[7]}}) {
        auto v = hent("/v1/hendelser/start?dato=" + dato);
        EXPECT_EQ(v.at("sekvensnummer").as_int64(), sekvens.at(forste)) << dato;
    }
}

TEST_P(HendelserE2e, IdentityChangeMovesSettlementsAndIsAnEvent) {
    const auto fra = start("?dato=2026-06-15");
    ASSERT_EQ(
        srv_->import_text(
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766571", "inntektsaar": 2022, "skatteoppgjoersdato": "2023-06-01", "fastland": {"restskatt": 7}})"
            "\n"
            R"({"type": "skatteoppgjoer", "personidentifikator": "99887766571", "inntektsaar": 2023, "skatteoppgjoersdato": "2024-06-01", "fastland": {"restskatt": 8}})"
            "\n"
            R"({"type": "identitetsendring", "gammel": "99887766571", "ny": "99887766572"})"
            "\n"),
        0);
    std::vector<std::string> sett;
    for (const auto& h : side(fra, 100)) {
        const auto& o = h.as_object();
        if (std::string_view(o.at("identifikator").as_string()).substr(0, 9) == "998877665")
            sett.push_back(fmt::format("{} {} {}",
                                       std::string_view(o.at("hendelsetype").as_string()),
                                       std::string_view(o.at("identifikator").as_string()),
                                       std::string_view(o.at("gjelderPeriode").as_string())));
    }
    EXPECT_EQ(sett, (std::vector<std::string>{"NY 99887766571 2022", "NY 99887766571 2023",
                                              "IDENTITETSENDRING 99887766572 2022",
                                              "IDENTITETSENDRING 99887766572 2023"}));
    const std::string avr = "Bearer " + srv_->token({"--scope", "skatteetaten:avregning"});
    auto ny = srv_->get("/v2/ssb/2023/99887766572", {{"Authorization", avr}});
    auto gammel = srv_->get("/v2/ssb/2023/99887766571", {{"Authorization", avr}});
    ASSERT_EQ(ny.status, 200) << ny.body;
    EXPECT_EQ(gammel.json(), ny.json());
    EXPECT_EQ(gammel.json().as_object()["personidentifikator"], "99887766572");
}

// Replays the feed while a writer changes settlements: no sekvensnummer may be missing or
// repeated, and every settlement an event names must read back as the writer left it.
TEST_P(HendelserE2e, FeedReplaysToTheCurrentDataUnderConcurrentWrites) {
    struct Forventet {
        std::optional<json::object> data;  // nullopt: deleted
    };
    std::map<std::pair<std::string, int>, Forventet> forventet;
    std::map<std::string, std::string> flyttet;  // old id -> current id
    const auto fra = start("?dato=2026-06-15");

    std::atomic<bool> ferdig{false};
    std::atomic<int> feil{0};
    std::thread skriver([&] {
        for (int runde = 0; runde < 24; ++runde) {
            std::string jsonl;
            for (int k = 0; k < 4; ++k) {
                const std::string pid = fmt::format("97{:09d}", (runde * 7 + k * 3) % 40);
                const int aar = 2021 + (runde + k) % 4;
                const auto key = std::make_pair(pid, aar);
                auto it = forventet.find(key);
                if (runde % 5 == 4 && k == 0 && it != forventet.end() && it->second.data) {
                    jsonl +=
                        fmt::format(
                            R"({{"type": "skatteoppgjoer_sletting", "personidentifikator": "{}", "inntektsaar": {}}})",
                            pid, aar) +
                        "\n";
                    it->second.data.reset();
                    continue;
                }
                const int restskatt = runde * 100 + k;
                const std::string ajourhold =
                    fmt::format("2026-06-15T09:{:02d}:{:02d}.{:03d}Z", runde, k, runde * 10 + k);
                jsonl +=
                    fmt::format(
                        R"({{"type": "skatteoppgjoer", "personidentifikator": "{}", "inntektsaar": {}, "skatteoppgjoersdato": "2026-06-{:02d}", "ajourholdstidspunkt": "{}", "fastland": {{"restskatt": {}, "forhaandsfastsatt": {}, "skatteregnskapskommune": "0301"}}}})",
                        pid, aar, 1 + runde % 14, ajourhold, restskatt, k % 2 ? "true" : "false") +
                    "\n";
                json::object o;
                o["personidentifikator"] = pid;
                o["inntektsaar"] = std::to_string(aar);
                o["skjermet"] = false;
                o["skatteoppgjoersdato"] = fmt::format("2026-06-{:02d}", 1 + runde % 14);
                json::object fl;
                fl["restskatt"] = restskatt;
                fl["forhaandsfastsatt"] = k % 2 == 1;
                fl["skatteregnskapskommune"] = "0301";
                o["fastland"] = fl;
                o["ajourholdstidspunkt"] = ajourhold;
                forventet[key].data = o;
            }
            if (srv_->import_text(jsonl) != 0) ++feil;
        }
        // Finally an identity change of a person with settlements.
        const std::string gammel = "97000000000", ny = "97000009999";
        if (srv_->import_text(
                fmt::format(R"({{"type": "identitetsendring", "gammel": "{}", "ny": "{}"}})",
                            gammel, ny) +
                "\n") != 0)
            ++feil;
        std::map<std::pair<std::string, int>, Forventet> flytt;
        for (auto it = forventet.begin(); it != forventet.end();) {
            if (it->first.first == gammel) {
                auto f = it->second;
                if (f.data) (*f.data)["personidentifikator"] = ny;
                flytt[{ny, it->first.second}] = f;
                it = forventet.erase(it);
            } else {
                ++it;
            }
        }
        forventet.insert(flytt.begin(), flytt.end());
        flyttet[gammel] = ny;
        ferdig = true;
    });

    std::vector<json::object> lest;
    std::int64_t neste = fra;
    bool siste_runde = false;
    for (int i = 0; i < 100000; ++i) {
        const bool var_ferdig = ferdig.load();
        auto s = side(neste, 100);
        for (auto& h : s) lest.push_back(h.as_object());
        if (!s.empty()) neste = s.back().as_object()["sekvensnummer"].as_int64() + 1;
        if (s.empty() && siste_runde) break;
        // One more empty read after the writer is done, so every commit is seen.
        if (s.empty() && var_ferdig) siste_runde = true;
        if (s.empty()) std::this_thread::yield();
    }
    skriver.join();
    ASSERT_EQ(feil.load(), 0);

    // 24 rounds of 4 changes each, then the identity change of a person with settlements.
    ASSERT_GE(lest.size(), 24u * 4u + 1u);
    std::set<std::pair<std::string, int>> nevnt;
    for (std::size_t i = 0; i < lest.size(); ++i) {
        ASSERT_EQ(lest[i]["sekvensnummer"], fra + static_cast<std::int64_t>(i))
            << "hull eller duplikat";
        const std::string pid(lest[i]["identifikator"].as_string());
        if (pid.substr(0, 2) == "97")
            nevnt.insert({pid, std::stoi(std::string(lest[i]["gjelderPeriode"].as_string()))});
    }
    ASSERT_FALSE(nevnt.empty());
    const std::string avr = "Bearer " + srv_->token({"--scope", "skatteetaten:avregning"});
    for (const auto& [pid, aar] : nevnt) {
        const std::string gjeldende = flyttet.count(pid) ? flyttet[pid] : pid;
        const auto& f = forventet.at({gjeldende, aar});
        auto r = srv_->get(fmt::format("/v2/ssb/{}/{}", aar, pid), {{"Authorization", avr}});
        if (f.data) {
            EXPECT_EQ(r.status, 200) << pid << " " << aar << " " << r.body;
            EXPECT_EQ(r.json(), json::value(*f.data)) << pid << " " << aar;
        } else {
            EXPECT_EQ(r.status, 410) << pid << " " << aar << " " << r.body;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, HendelserE2e, backends(), backend_name);

// Ambiguity 23: the documented FA-005 for an empty page, behind a switch.
class HendelserTomSide404E2e : public E2eTest {};

TEST_P(HendelserTomSide404E2e, EmptyPageIsFa005WhenConfigured) {
    ServerOptions o;
    o.env["SKD_HENDELSER_EMPTY_PAGE_404"] = "true";
    Server& s = server(GetParam(), o);
    if (!s.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    Headers h = {{"Authorization", "Bearer " + s.token({"--scope", "skatteetaten:avregning"})}};
    auto r = s.get("/v1/hendelser?fraSekvensnummer=99999999", h);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.json().as_object()["kode"], "FA-005");
    EXPECT_EQ(s.get("/v1/hendelser?fraSekvensnummer=1&antall=1", h).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, HendelserTomSide404E2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
