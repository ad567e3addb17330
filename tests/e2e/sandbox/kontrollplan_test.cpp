// The sandbox control plane (/sandbox/v1) over HTTP on both backends: access, data (JSON Lines,
// reset, named states), time (the data's clock and what follows it), faults, the journal and
// test-data search; and a control plane on its own port.

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

class KontrollplanE2e : public E2eTest {
protected:
    // One server per backend for the suite; each test starts from the state it started with
    // (data and clock) with no fault rules and an empty journal.
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        ASSERT_EQ(kall("POST", "/reset").status, 200);
        ASSERT_EQ(kall("DELETE", "/feil").status, 204);
        ASSERT_EQ(kall("DELETE", "/journal").status, 204);
    }
    Headers admin(Headers ekstra = {}) const {
        ekstra.emplace_back("Authorization",
                            "Bearer " + srv_->token({"--scope", "skattedeling:admin"}));
        return ekstra;
    }
    HttpResponse kall(const std::string& metode, const std::string& sti,
                      const std::string& kropp = {},
                      const std::string& type = "application/json") const {
        auto h = admin();
        if (!kropp.empty()) h.emplace_back("Content-Type", type);
        return srv_->request(metode, "/sandbox/v1" + sti, h, kropp);
    }
    HttpResponse restanser(const std::string& org, Headers ekstra = {}) const {
        ekstra.emplace_back("Authorization",
                            "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"}));
        return srv_->get("/api/innkreving/restanser/v2/dibk/" + org, ekstra);
    }
    std::int64_t forfalt_krav(const std::string& org, const std::string& kategori) const {
        auto r = restanser(org);
        if (r.status != 200) return -r.status;
        return r.json().at("restanser").at(kategori).at("forfaltOgUbetaltKrav").as_int64();
    }
    std::string naa() const {
        return json::value_to<std::string>(kall("GET", "/klokke").json().at("naa"));
    }
};

// A claim of 1,000 kr of VAT for `org`, due on `forfall`.
std::string mva_krav(const std::string& org, const std::string& id, const std::string& forfall) {
    return R"({"type":"part","identifikator":")" + org +
           R"(","navn":"KONTROLL AS"})"
           "\n"
           R"({"type":"krav","part":")" +
           org + R"(","kravidentifikator":")" + id +
           R"(","kravtype":"Mva-melding","kravgruppe":"Merverdiavgift","kravbeskrivelse":"Mva","opprettelsesdato":"2026-01-10"})"
           "\n"
           R"({"type":"kravforfall","part":")" +
           org + R"(","kravidentifikator":")" + id + R"(","kravforfallsidentifikator":")" + id +
           R"(-1","forfallsdato":")" + forfall +
           R"(","opprinnelig_oere":100000})"
           "\n";
}

TEST_P(KontrollplanE2e, WithoutAnAdminTokenEveryCallIsRefusedWithAProblemBody) {
    auto uten = srv_->get("/sandbox/v1/klokke");
    EXPECT_EQ(uten.status, 401);
    EXPECT_EQ(uten.json().at("feilkode").as_string(), "IKKE_AUTENTISERT");
    EXPECT_NE(uten.header("Content-Type").find("problem+json"), std::string::npos);
    auto feil_scope = srv_->get(
        "/sandbox/v1/klokke",
        {{"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"})}});
    EXPECT_EQ(feil_scope.status, 403);
    EXPECT_EQ(feil_scope.json().at("feilkode").as_string(), "IKKE_AUTORISERT");
    EXPECT_EQ(srv_->request("POST", "/sandbox/v1/reset").status, 401);
    // Never through an API's own host name.
    auto vert = srv_->get("/sandbox/v1/klokke", admin({{"Host", "restanser.api.skatteetaten.no"}}));
    EXPECT_EQ(vert.status, 404);
    EXPECT_EQ(vert.json().at("kode").as_string(), "RESTANSE-003");
    EXPECT_EQ(kall("GET", "/klokke").status, 200);
}

TEST_P(KontrollplanE2e, DataLinesAreAppliedAtomicallyAndBadLinesAreAllListed) {
    const std::string org = "311222226";
    auto ok =
        kall("POST", "/data", mva_krav(org, "K-DATA-1", "2026-01-31"), "application/x-ndjson");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json().at("importert").as_int64(), 3);
    EXPECT_EQ(forfalt_krav(org, "merverdiavgift"), 1000);
    // A batch with good and bad lines writes nothing and names each bad line.
    const std::string ny = "311222234";
    const std::string blandet = mva_krav(ny, "K-DATA-2", "2026-01-31") +
                                "ikke json\n"
                                R"({"type":"krav","part":")" +
                                ny +
                                R"("})"
                                "\n"
                                R"({"type":"ukjent"})"
                                "\n";
    auto feil = kall("POST", "/data", blandet, "text/plain");
    ASSERT_EQ(feil.status, 400) << feil.body;
    EXPECT_EQ(feil.json().at("feilkode").as_string(), "UGYLDIG_FORESPOERSEL");
    const auto linjer = feil.json().at("feil").as_array();
    ASSERT_EQ(linjer.size(), 3u) << feil.body;
    EXPECT_EQ(linjer[0].at("sti").as_string(), "linje 4");
    EXPECT_EQ(linjer[1].at("sti").as_string(), "linje 5");
    EXPECT_EQ(linjer[2].at("sti").as_string(), "linje 6");
    EXPECT_EQ(restanser(ny).status, 404);  // nothing of the batch was written
    // application/json is accepted too; other types are not.
    EXPECT_EQ(
        kall("POST", "/data", R"({"type":"part","identifikator":"311222242"})", "application/json")
            .status,
        200);
    EXPECT_EQ(kall("POST", "/data", "x", "application/xml").status, 415);
    EXPECT_EQ(kall("POST", "/data", "\n  \n", "text/plain").status, 400);
}

TEST_P(KontrollplanE2e, ResetAndNamedStatesRestoreAKnownWorld) {
    const std::string org = "311222250";
    ASSERT_EQ(kall("PUT", "/tilstander/foer").status, 200);
    ASSERT_EQ(kall("POST", "/data", mva_krav(org, "K-STAT-1", "2026-01-31")).status, 200);
    EXPECT_EQ(forfalt_krav(org, "merverdiavgift"), 1000);
    ASSERT_EQ(kall("PUT", "/tilstander/etter").status, 200);

    auto tilbake = kall("POST", "/tilstander/foer/gjenopprett");
    ASSERT_EQ(tilbake.status, 200) << tilbake.body;
    EXPECT_EQ(restanser(org).status, 404);
    ASSERT_EQ(kall("POST", "/tilstander/etter/gjenopprett").status, 200);
    EXPECT_EQ(forfalt_krav(org, "merverdiavgift"), 1000);  // kept figures are not stale
    // The demo data is untouched by a restore of a state saved after it.
    EXPECT_EQ(forfalt_krav("310111643", "forskuddstrekk"), 75155);

    auto liste = kall("GET", "/tilstander");
    ASSERT_EQ(liste.status, 200);
    std::vector<std::string> navn;
    const auto liste_json = liste.json();  // kept: the loop reads into it
    for (const auto& t : liste_json.at("tilstander").as_array())
        navn.push_back(json::value_to<std::string>(t.at("navn")));
    EXPECT_EQ(navn, (std::vector<std::string>{"etter", "foer"}));
    EXPECT_EQ(kall("POST", "/tilstander/finnes-ikke/gjenopprett").status, 404);
    EXPECT_EQ(kall("PUT", "/tilstander/_intern").status, 400);
    EXPECT_EQ(kall("DELETE", "/tilstander/etter").status, 204);
    EXPECT_EQ(kall("DELETE", "/tilstander/etter").status, 404);

    // Reset returns to what the server was started with: the imported party is gone, the
    // demo data is back.
    ASSERT_EQ(kall("POST", "/klokke/frem", R"({"dager": 3})").status, 200);
    auto reset = kall("POST", "/reset");
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(naa(), "2026-06-15T10:00:00.000Z");  // the clock is back too
    EXPECT_EQ(restanser(org).status, 404);
    EXPECT_EQ(forfalt_krav("310111643", "forskuddstrekk"), 75155);
}

TEST_P(KontrollplanE2e, ClockIsSetAndMovedAndTheDataFollows) {
    auto k = kall("GET", "/klokke");
    ASSERT_EQ(k.status, 200);
    EXPECT_EQ(k.json().at("naa").as_string(), "2026-06-15T10:00:00.000Z");
    EXPECT_EQ(k.json().at("iDag").as_string(), "2026-06-15");
    // A claim due tomorrow is not overdue today, and is after the clock passes its date.
    const std::string org = "311222269";
    ASSERT_EQ(kall("POST", "/data", mva_krav(org, "K-TID-1", "2026-06-16")).status, 200);
    EXPECT_EQ(forfalt_krav(org, "merverdiavgift"), 0);
    auto frem = kall("POST", "/klokke/frem", R"({"dager": 2})");
    ASSERT_EQ(frem.status, 200) << frem.body;
    EXPECT_EQ(frem.json().at("iDag").as_string(), "2026-06-17");
    EXPECT_EQ(forfalt_krav(org, "merverdiavgift"), 1000);
    // Set it exactly; bad bodies are 400.
    auto sett = kall("PUT", "/klokke", R"({"naa": "2026-09-01T08:00:00+02:00"})");
    ASSERT_EQ(sett.status, 200) << sett.body;
    EXPECT_EQ(naa(), "2026-09-01T06:00:00.000Z");
    EXPECT_EQ(kall("PUT", "/klokke", R"({"naa": "i morgen"})").status, 400);
    EXPECT_EQ(kall("POST", "/klokke/frem", R"({"dager": -1})").status, 400);
    EXPECT_EQ(kall("POST", "/klokke/frem", R"({})").status, 400);
    EXPECT_EQ(kall("POST", "/klokke/frem", "ikke json").status, 400);
    // Tokens still follow the real clock: a token minted now works a year ahead in data time.
    ASSERT_EQ(kall("POST", "/klokke/frem", R"({"dager": 365})").status, 200);
    EXPECT_EQ(restanser("310111643").status, 200);
}

TEST_P(KontrollplanE2e, MovingTheClockPastMidnightEndsATrekkpaaleggOnce) {
    // An order whose last period ends today (2026-06-15): active until the clock passes
    // midnight, then a new version with status avsluttet — once, however often the clock moves.
    const std::string pliktig = "311222277";
    const std::string ordre =
        R"({"type":"trekkpaalegg","trekkid":"77000001","skyldner":"16507500866","opprettet":"2026-06-01T10:00:00Z","saksnummer":"TREKK/77","trekkstatus":"aktiv","trekkpliktig":")" +
        pliktig +
        R"(","trekkversjon":1,"betalingsinformasjon":{"kidnummer":"7700000107","kontonummer":"70213997155","betalingsmottaker":"971648199"},"trekkstoerrelseForPeriode":[{"startdato":"2026-06-02","sluttdato":"2026-06-15","trekkprosent":{"trekkprosent":10.0}}]})"
        "\n";
    auto lagt = kall("POST", "/data", ordre);
    ASSERT_EQ(lagt.status, 200) << lagt.body;
    const Headers h = {
        {"Authorization",
         "Bearer " + srv_->token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", pliktig})}};
    auto versjoner = [&] {
        auto r = srv_->get("/api/trekkpaalegg/v1?fraSekvensnummer=0&maksAntall=100", h);
        EXPECT_EQ(r.status, 200);
        return r.json().as_array();
    };
    ASSERT_EQ(versjoner().size(), 1u);
    auto frem = kall("POST", "/klokke/frem", R"({"timer": 24})");
    ASSERT_EQ(frem.status, 200);
    EXPECT_EQ(frem.json().at("midnattsovergangerSkrevet").as_int64(), 1);
    auto etter = versjoner();
    ASSERT_EQ(etter.size(), 2u);
    EXPECT_EQ(etter[1].at("trekkstatus").as_string(), "avsluttet");
    EXPECT_EQ(etter[1].at("trekkversjon").as_int64(), 2);
    // Stamped at the Oslo midnight that ended it (2026-06-16 00:00 CEST).
    EXPECT_EQ(etter[1].at("opprettet").as_string().subview().substr(0, 16), "2026-06-15T22:00");
    ASSERT_EQ(kall("POST", "/klokke/frem", R"({"dager": 3})").status, 200);
    EXPECT_EQ(versjoner().size(), 2u);
}

TEST_P(KontrollplanE2e, FaultRulesActOnTheNextRequestsAndAreRemoved) {
    // The minimal form: the next request to that API answers 503 with its own code, then the
    // rule is used up.
    auto ny = kall("POST", "/feil", R"({"api": "restanser", "status": 503, "antall": 1})");
    ASSERT_EQ(ny.status, 201) << ny.body;
    const auto id = ny.json().at("id").as_int64();
    // The Location of the new rule reads it back.
    EXPECT_EQ(ny.header("Location"), "/sandbox/v1/feil/" + std::to_string(id));
    auto lest = kall("GET", "/feil/" + std::to_string(id));
    ASSERT_EQ(lest.status, 200) << lest.body;
    EXPECT_EQ(lest.json().at("brukt").as_int64(), 0);
    EXPECT_EQ(kall("GET", "/feil/x").status, 400);
    auto feilet = restanser("310111643");
    EXPECT_EQ(feilet.status, 503);
    EXPECT_EQ(feilet.json().at("kode").as_string(), "RESTANSE-002");
    EXPECT_EQ(feilet.header("Retry-After"), "1");
    EXPECT_EQ(feilet.header("Skattedeling-Feilregel"), std::to_string(id));  // which rule
    auto etter = restanser("310111643");
    EXPECT_EQ(etter.status, 200);
    EXPECT_EQ(etter.header("Skattedeling-Feilregel"), "");
    // Other APIs were never touched.
    auto liste = kall("GET", "/feil");
    ASSERT_EQ(liste.status, 200);
    bool funnet = false;
    const auto liste_json = liste.json();  // kept: the loop reads into it
    for (const auto& r : liste_json.at("regler").as_array())
        if (r.at("id").as_int64() == id) {
            funnet = true;
            EXPECT_EQ(r.at("brukt").as_int64(), 1);
        }
    EXPECT_TRUE(funnet);

    // A code from the API's table; a delay on a timer; a party in the path.
    ASSERT_EQ(kall("POST", "/feil",
                   R"({"api": "restanser", "status": 500, "kode": "RESTANSE-001", "antall": 1})")
                  .status,
              201);
    EXPECT_EQ(restanser("310111643").json().at("kode").as_string(), "RESTANSE-001");
    ASSERT_EQ(
        kall("POST", "/feil", R"({"part": "310111643", "forsinkelseMs": 700, "antall": 1})").status,
        201);
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(restanser("310111643").status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(650));

    // A dropped connection and a truncated body.
    ASSERT_EQ(kall("POST", "/feil", R"({"api": "restanser", "bryt": true, "antall": 1})").status,
              201);
    EXPECT_EQ(restanser("310111643").status, 0);  // no answer at all
    ASSERT_EQ(kall("POST", "/feil", R"({"api": "restanser", "avkort": true, "antall": 1})").status,
              201);
    auto avkortet = restanser("310111643");
    EXPECT_LT(avkortet.body.size(), std::stoul(avkortet.header("Content-Length")));

    // Bad rules are 400: an unknown API, a code from another table, nothing to do.
    EXPECT_EQ(kall("POST", "/feil", R"({"api": "finnes-ikke", "status": 500})").status, 400);
    EXPECT_EQ(
        kall("POST", "/feil", R"({"api": "restanser", "status": 500, "kode": "KB-002"})").status,
        400);
    EXPECT_EQ(kall("POST", "/feil", R"({"api": "restanser"})").status, 400);
    EXPECT_EQ(kall("POST", "/feil", R"({"status": 500})").status, 400);

    // Removed one by one, or all at once.
    ASSERT_EQ(kall("POST", "/feil", R"({"api": "restanser", "status": 500})").status, 201);
    EXPECT_EQ(restanser("310111643").status, 500);
    EXPECT_EQ(kall("DELETE", "/feil").status, 204);
    EXPECT_EQ(restanser("310111643").status, 200);
    EXPECT_EQ(kall("DELETE", "/feil/" + std::to_string(id)).status, 404);
    EXPECT_EQ(kall("GET", "/feil/" + std::to_string(id)).status, 404);
    EXPECT_EQ(kall("GET", "/feil").json().at("regler").as_array().size(), 0u);
}

TEST_P(KontrollplanE2e, JournalShowsDecisionsAndClaimsAndCountsMatches) {
    const std::string kid = "3f1c2a4e-1111-4222-8333-944455556666";
    auto r = restanser("310111643", {{"Korrelasjonsid", kid}});
    ASSERT_EQ(r.status, 200);
    auto nektet = srv_->get(
        "/api/innkreving/restanser/v2/ebevis/310111643",
        {{"Korrelasjonsid", kid},
         {"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"})}});
    ASSERT_EQ(nektet.status, 403);
    auto j = kall("GET", "/journal?korrelasjonsid=" + kid);
    ASSERT_EQ(j.status, 200) << j.body;
    const auto poster = j.json().at("poster").as_array();
    ASSERT_EQ(poster.size(), 2u);
    // The newest first: the consent refusal with its reason, then the granted request.
    EXPECT_EQ(poster[0].at("status").as_int64(), 403);
    EXPECT_NE(poster[0].at("beslutning").as_string().subview().find("avvist:samtykke"),
              std::string::npos);
    EXPECT_NE(poster[0].at("beslutning").as_string().subview().find("Samtykke"), std::string::npos);
    EXPECT_EQ(poster[1].at("beslutning").as_string(), "tillatt");
    EXPECT_EQ(poster[1].at("api").as_string(), "restanser");
    EXPECT_EQ(poster[1].at("konsument").as_string(), "974761076");
    const auto& claims = poster[1].at("claims").as_object();
    EXPECT_EQ(claims.at("scope").as_string(), "skatteetaten:restanser");
    EXPECT_EQ(claims.at("consumer").as_string(), "974761076");
    // Never a signature or a whole token.
    EXPECT_EQ(j.body.find("eyJ"), std::string::npos);
    auto n = kall("GET", "/journal/antall?korrelasjonsid=" + kid + "&status=403");
    ASSERT_EQ(n.status, 200);
    EXPECT_EQ(n.json().at("antall").as_int64(), 1);
    EXPECT_EQ(
        kall("GET", "/journal/antall?api=restanser&status=200").json().at("antall").as_int64(), 1);
    EXPECT_EQ(kall("GET", "/journal?status=abc").status, 400);
}

TEST_P(KontrollplanE2e, TestDataSearchFindsPartiesWithTheAskedProperties) {
    auto mva = kall("GET", "/parter?forfaltMva=true&type=organisasjon");
    ASSERT_EQ(mva.status, 200) << mva.body;
    bool funnet = false;
    const auto mva_json = mva.json();  // kept: the loop reads into it
    for (const auto& p : mva_json.at("parter").as_array())
        funnet = funnet || p.at("identifikator").as_string() == "310111643";
    EXPECT_TRUE(funnet) << mva.body;
    auto over = kall("GET", "/parter?aapneKravOver=1000000000");
    ASSERT_EQ(over.status, 200);
    EXPECT_TRUE(over.json().at("parter").as_array().empty());
    auto scenario = kall("GET", "/parter?scenario=ingen_data");
    ASSERT_EQ(scenario.status, 200);
    EXPECT_EQ(scenario.json().at("parter").as_array().size(), 2u);
    EXPECT_EQ(kall("GET", "/parter?scenario=finnes-ikke").status, 400);
    EXPECT_EQ(kall("GET", "/parter?type=dyr").status, 400);
    auto scenarier = kall("GET", "/scenarier");
    ASSERT_EQ(scenarier.status, 200);
    EXPECT_GT(scenarier.json().at("scenarier").as_array().size(), 200u);
}

// The scenario table is documented in the README and in every API's OpenAPI description
// (docs/openapi/generate.mjs); both must name every scenario the server has (the old-regime
// identifiers of SPEC §6.8 are Skatteetaten's own and listed there instead).
TEST_P(KontrollplanE2e, EveryScenarioIsDocumentedInTheReadmeAndTheOpenApiDocuments) {
    auto les = [](const std::string& sti) {
        std::ifstream in(source_dir() + "/" + sti);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    const std::string readme = les("README.md");
    std::vector<std::string> beskrivelser;
    for (const char* api :
         {"restanser", "kravogbetalinger", "trekkpaalegg", "avregning", "hendelser",
          "sistetilgjengelige", "utleggsbegjaering-v1", "utleggsbegjaering-v2"}) {
        auto dok = json::parse(les(std::string("docs/openapi/") + api + ".json"));
        beskrivelser.emplace_back(dok.at("info").at("description").as_string());
    }
    auto svar = kall("GET", "/scenarier");
    ASSERT_EQ(svar.status, 200);
    const auto scenarier = svar.json();  // kept: the loop reads into it
    int sjekket = 0;
    for (const auto& x : scenarier.at("scenarier").as_array()) {
        const std::string navn(x.at("scenario").as_string());
        if (navn == "gammelt_regelverk") continue;
        const std::string id(x.at("identifikator").as_string());
        EXPECT_NE(readme.find("`" + id + "`"), std::string::npos) << id << " mangler i README";
        for (const auto& b : beskrivelser) {
            EXPECT_NE(b.find(id), std::string::npos) << id << " mangler i en OpenAPI-beskrivelse";
            EXPECT_NE(b.find("`" + navn + "`"), std::string::npos) << navn;
        }
        ++sjekket;
    }
    EXPECT_GE(sjekket, 15);
}

INSTANTIATE_TEST_SUITE_P(Backends, KontrollplanE2e, backends(), backend_name);

TEST(KontrollplanAdminPortE2e, OnItsOwnPortTheControlPlaneIsNotOnTheApiPort) {
    const int admin_port = free_port();
    ServerOptions o;
    o.args = {"--config", ""};
    o.args.clear();
    o.env = {{"SKD_ADMIN_PORT", std::to_string(admin_port)}};
    Server srv("Sqlite", o);
    ASSERT_TRUE(srv.ok());
    const Headers h = {{"Authorization", "Bearer " + srv.token({"--scope", "skattedeling:admin"})}};
    HttpResponse r;
    for (int i = 0; i < 100 && r.status == 0; ++i) {
        r = http_request(admin_port, "GET", "/sandbox/v1/klokke", h);
        if (r.status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(r.status, 200) << r.body;
    auto paa_api = srv.get("/sandbox/v1/klokke", h);
    EXPECT_EQ(paa_api.status, 404);
    EXPECT_EQ(paa_api.json().at("kode").as_string(), "DAS-002");
}

// All instances on one PostgreSQL share the clock.
TEST(KontrollplanDeltKlokkeE2e, InstancesOnOnePostgresFollowTheClockSetOnOne) {
    const char* pg = std::getenv("SKD_TEST_PG_URL");
    if (!pg || !*pg) GTEST_SKIP() << "PostgreSQL er ikke konfigurert";
    Server srv("Postgres");
    ASSERT_TRUE(srv.ok());
    Instance b(srv, "", {});
    ASSERT_GT(b.port(), 0);
    const Headers h = {{
                           "Authorization",
                           "Bearer " + srv.token({"--scope", "skattedeling:admin"}),
                       },
                       {"Content-Type", "application/json"}};
    ASSERT_EQ(
        srv.request("PUT", "/sandbox/v1/klokke", h, R"({"naa": "2027-03-01T12:00:00Z"})").status,
        200);
    std::string sett;
    for (int i = 0; i < 100; ++i) {
        auto r = http_request(b.port(), "GET", "/sandbox/v1/klokke", h);
        sett = r.status == 200 ? json::value_to<std::string>(r.json().at("iDag")) : "";
        if (sett == "2027-03-01") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(sett, "2027-03-01");
}

}  // namespace
}  // namespace skd::e2e
