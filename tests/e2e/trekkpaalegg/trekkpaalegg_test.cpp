// Trekkpålegg v1 over HTTP against the real binary, once per backend. Every response body is
// checked with the rules NAV's client (navikt/sokos-utleggstrekk) applies (CLIENTS.md §1 B).
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

constexpr const char* kBase = "/api/trekkpaalegg/v1";

bool sifre(std::string_view s, std::size_t min, std::size_t max) {
    return s.size() >= min && s.size() <= max &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool kid_mod10(std::string_view d) {
    int sum = 0;
    bool dbl = true;
    for (std::size_t i = d.size() - 1; i-- > 0;) {
        int v = d[i] - '0';
        if (dbl && (v *= 2) > 9) v -= 9;
        sum += v;
        dbl = !dbl;
    }
    return (10 - sum % 10) % 10 == d.back() - '0';
}

bool kid_mod11(std::string_view d) {
    int sum = 0, w = 2;
    for (std::size_t i = d.size() - 1; i-- > 0;) {
        sum += (d[i] - '0') * w;
        w = w == 7 ? 2 : w + 1;
    }
    int k = 11 - sum % 11;
    if (k == 11) k = 0;
    return k != 10 && k == d.back() - '0';
}

// NAV's body rules: no control characters but \n\r\t, no U+FFFD, no C1, no format characters
// (BOM, zero-width, bidi controls, soft hyphen).
std::string body_feil(const std::string& b) {
    for (std::size_t i = 0; i < b.size(); ++i) {
        auto c = static_cast<unsigned char>(b[i]);
        auto n1 = i + 1 < b.size() ? static_cast<unsigned char>(b[i + 1]) : 0;
        auto n2 = i + 2 < b.size() ? static_cast<unsigned char>(b[i + 2]) : 0;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return "kontrolltegn";
        if (c == 0xEF && n1 == 0xBB && n2 == 0xBF) return "BOM";
        if (c == 0xEF && n1 == 0xBF && n2 == 0xBD) return "U+FFFD";
        if (c == 0xC2 && ((n1 >= 0x80 && n1 <= 0x9F) || n1 == 0xAD)) return "C1/myk bindestrek";
        if (c == 0xE2 && n1 == 0x80 && ((n2 >= 0x8B && n2 <= 0x8F) || (n2 >= 0xA8 && n2 <= 0xAE)))
            return "nullbreddetegn";
        if (c == 0xE2 && n1 == 0x81 && n2 >= 0xA0 && n2 <= 0xA4) return "formattegn";
    }
    return {};
}

double tall(const json::value& v) {
    return v.to_number<double>();
}

// One Trekkpaalegg object against NAV's validation; "" when valid.
std::string trekk_feil(const json::object& t) {
    static const std::regex dato(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex instant(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)");
    try {
        if (t.at("trekkid").as_string().empty()) return "trekkid";
        if (t.at("trekkversjon").as_int64() <= 0) return "trekkversjon";
        if (t.at("sekvensnummer").as_int64() <= 0) return "sekvensnummer";
        if (!std::regex_match(std::string(t.at("opprettet").as_string()), instant))
            return "opprettet";
        if (t.at("saksnummer").as_string().empty()) return "saksnummer";
        if (!sifre(t.at("trekkpliktig").as_string(), 9, 9)) return "trekkpliktig";
        if (!sifre(t.at("skyldner").as_string(), 11, 11)) return "skyldner";
        auto status = t.at("trekkstatus").as_string();
        if (status != "aktiv" && status != "avsluttet") return "trekkstatus";
        const auto& b = t.at("betalingsinformasjon").as_object();
        if (!sifre(b.at("betalingsmottaker").as_string(), 9, 9)) return "betalingsmottaker";
        if (!sifre(b.at("kontonummer").as_string(), 11, 11)) return "kontonummer";
        std::string kid(b.at("kidnummer").as_string());
        if (!sifre(kid, 2, 25) || !(kid_mod10(kid) || kid_mod11(kid))) return "kidnummer";
        const auto& perioder = t.at("trekkstoerrelseForPeriode").as_array();
        if (perioder.empty()) return "ingen perioder";
        for (const auto& pv : perioder) {
            const auto& p = pv.as_object();
            std::string start(p.at("startdato").as_string());
            if (!std::regex_match(start, dato)) return "startdato";
            if (const auto* s = p.if_contains("sluttdato")) {
                std::string slutt(s->as_string());
                if (!std::regex_match(slutt, dato) || slutt < start) return "sluttdato";
            }
            const auto* bel = p.if_contains("trekkbeloep");
            const auto* pro = p.if_contains("trekkprosent");
            if ((bel != nullptr) == (pro != nullptr)) return "ikke nøyaktig én av beløp/prosent";
            if (bel && tall(bel->as_object().at("trekkbeloep")) < 0) return "trekkbeloep";
            if (pro) {
                double x = tall(pro->as_object().at("trekkprosent"));
                if (x < 0 || x > 100) return "trekkprosent";
            }
        }
    } catch (const std::exception& e) {
        return std::string("mangler eller feil type: ") + e.what();
    }
    return {};
}

struct Eksempel {
    std::string fil;  // where it comes from, for messages
    json::object o;
};

// The documented scenarios as our demo data carries them (data/demo/trekkpaalegg.jsonl, the
// lines for trekkpliktig 123456789; tests/conformance checks them against the official
// examples), as the API shows them, in their own sekvensnummer order (the import order).
std::vector<Eksempel> eksempler() {
    std::vector<Eksempel> r;
    std::ifstream in(source_dir() + "/data/demo/trekkpaalegg.jsonl");
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        auto o = json::parse(line).as_object();
        if (o.at("trekkpliktig") != "123456789") continue;
        o.erase("type");
        o.erase("historisk");
        r.push_back({"data/demo/trekkpaalegg.jsonl:" + std::to_string(n), std::move(o)});
    }
    EXPECT_EQ(r.size(), 17u);
    std::sort(r.begin(), r.end(), [](const Eksempel& a, const Eksempel& b) {
        return a.o.at("sekvensnummer").as_int64() < b.o.at("sekvensnummer").as_int64();
    });
    return r;
}

class TrekkpaaleggE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
    }
    std::string token_for(const std::string& org) const {
        return srv_->token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", org});
    }
    HttpResponse get(const std::string& path, const std::string& org = "123456789",
                     Headers h = {}) {
        h.emplace_back("Authorization", "Bearer " + token_for(org));
        return srv_->get(kBase + path, h);
    }
    // A 200 list that passes NAV's validation.
    json::array liste(const std::string& path, const std::string& org = "123456789") {
        auto r = get(path, org);
        EXPECT_EQ(r.status, 200) << path << " " << r.body;
        EXPECT_EQ(body_feil(r.body), "") << path;
        auto v = r.json();
        if (!v.is_array()) {
            ADD_FAILURE() << path << ": ikke en JSON-liste: " << r.body.substr(0, 200);
            return {};
        }
        for (const auto& t : v.as_array())
            EXPECT_EQ(trekk_feil(t.as_object()), "") << json::serialize(t);
        return v.as_array();
    }
};

TEST_P(TrekkpaaleggE2e, UnpagedListGivesTheLatestVersionOfEachDocumentedOrder) {
    auto l = liste("");
    std::map<std::string, json::object> siste;  // the examples' latest version per trekkid
    for (const auto& e : eksempler()) siste[std::string(e.o.at("trekkid").as_string())] = e.o;
    ASSERT_EQ(l.size(), siste.size());
    std::int64_t forrige = 0;
    for (const auto& v : l) {
        const auto& t = v.as_object();
        EXPECT_GT(t.at("sekvensnummer").as_int64(), forrige);
        forrige = t.at("sekvensnummer").as_int64();
        std::string id(t.at("trekkid").as_string());
        ASSERT_TRUE(siste.count(id)) << id;
        EXPECT_EQ(trekkpaalegg_sammenlignbar(t), trekkpaalegg_sammenlignbar(siste[id])) << id;
    }
}

TEST_P(TrekkpaaleggE2e, EveryDocumentedVersionIsServedFieldForField) {
    for (const auto& e : eksempler()) {
        std::string path = "/" + std::string(e.o.at("trekkid").as_string()) + "/" +
                           std::to_string(e.o.at("trekkversjon").as_int64());
        auto r = get(path);
        ASSERT_EQ(r.status, 200) << e.fil << " " << r.body;
        EXPECT_EQ(body_feil(r.body), "");
        EXPECT_EQ(trekk_feil(r.json().as_object()), "") << e.fil;
        EXPECT_EQ(trekkpaalegg_sammenlignbar(r.json()), trekkpaalegg_sammenlignbar(e.o)) << e.fil;
        EXPECT_TRUE(r.header("Content-Type").find("application/json") == 0)
            << r.header("Content-Type");
    }
    // Amounts keep their decimals as in the examples.
    auto r = get("/10000001/1");
    EXPECT_NE(r.body.find("\"trekkprosent\":{\"trekkprosent\":17.0}"), std::string::npos) << r.body;
}

TEST_P(TrekkpaaleggE2e, PagingReturnsVersionsInTheExamplesOrder) {
    auto ex = eksempler();
    auto alle = liste("?fraSekvensnummer=0&maksAntall=100");
    ASSERT_EQ(alle.size(), ex.size());
    for (std::size_t i = 0; i < ex.size(); ++i)
        EXPECT_EQ(trekkpaalegg_sammenlignbar(alle[i]), trekkpaalegg_sammenlignbar(ex[i].o))
            << ex[i].fil;
    // fraSekvensnummer is exclusive.
    auto tredje = alle[2].as_object().at("sekvensnummer").as_int64();
    auto etter = liste("?fraSekvensnummer=" + std::to_string(tredje) + "&maksAntall=2");
    ASSERT_EQ(etter.size(), 2u);
    EXPECT_EQ(etter[0], alle[3]);
    auto siste = alle.back().as_object().at("sekvensnummer").as_int64();
    EXPECT_EQ(liste("?fraSekvensnummer=" + std::to_string(siste) + "&maksAntall=2500").size(), 0u);
}

TEST_P(TrekkpaaleggE2e, SystemUserActingForTheTrekkpliktigReadsItsOrders) {
    auto t = srv_->token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "974761076",
                          "--systemuser-org", "123456789", "--system-id", "974761076_lonn"});
    auto r =
        srv_->get(std::string(kBase), {{"Authorization", "Bearer " + t},
                                       {"Accept", "application/json, */*"},
                                       {"Klientid", "NAV/0.1"},
                                       {"Korrelasjonsid", "7c9e6679-7425-40de-944b-e07fc1f90ae7"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().as_array().size(), 9u);
    auto v = srv_->get(std::string(kBase) + "/10000005/3", {{"Authorization", "Bearer " + t}});
    EXPECT_EQ(v.status, 200) << v.body;
    // The vendor itself (the token's consumer) has no orders of its own.
    EXPECT_EQ(get("", "974761076").body, "[]");
}

TEST_P(TrekkpaaleggE2e, AnotherTrekkpliktigsOrderIsIndistinguishableFromAMissingOne) {
    auto fremmed = get("/10000001/1", "313367002");
    auto ukjent = get("/99999999/1", "313367002");
    // No such trekkid for this trekkpliktig: KB-009, the same whether another has it or not.
    for (const auto* r : {&fremmed, &ukjent}) {
        EXPECT_EQ(r->status, 404) << r->body;
        EXPECT_EQ(r->json().as_object()["kode"], "KB-009");
        EXPECT_TRUE(r->json().as_object()["korrelasjonsid"].is_string());
    }
    // Its own trekkid in a version that does not exist: KB-007.
    auto ukjent_versjon = get("/10000001/9", "123456789");
    EXPECT_EQ(ukjent_versjon.status, 404) << ukjent_versjon.body;
    EXPECT_EQ(ukjent_versjon.json().as_object()["kode"], "KB-007");
    for (const auto& t : liste("", "313367002"))
        EXPECT_EQ(t.as_object().at("trekkpliktig"), "313367002");
}

TEST_P(TrekkpaaleggE2e, TrekkpliktigWithoutOrdersGetsAnEmptyArray) {
    auto r = get("", "310000000");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "[]");
    r = get("?fraSekvensnummer=0&maksAntall=1", "310000000");
    EXPECT_EQ(r.body, "[]");
}

TEST_P(TrekkpaaleggE2e, BadParametersAre400WithTheStandardBody) {
    for (std::string q :
         {"?fraSekvensnummer=1", "?maksAntall=5", "?fraSekvensnummer=-1&maksAntall=5",
          "?fraSekvensnummer=1&maksAntall=0", "?fraSekvensnummer=abc&maksAntall=5",
          "?fraSekvensnummer=1&maksAntall=10001",
          "?fraSekvensnummer=1&fraSekvensnummer=2&maksAntall=5",
          "?fraSekvensnummer=1&maksAntall=5%00", "/10000001/abc", "/10000001/0", "/10000001/-1",
          "/1000%200001/1", "/10000001/99999999999999999999"}) {
        auto r = get(q);
        EXPECT_EQ(r.status, 400) << q << " " << r.body;
        auto o = r.json().as_object();
        EXPECT_EQ(o["kode"], "KB-006") << q;
        EXPECT_TRUE(o["melding"].is_string() && !o["melding"].as_string().empty()) << q;
        EXPECT_TRUE(o["korrelasjonsid"].is_string()) << q;
        EXPECT_EQ(body_feil(r.body), "") << q;
    }
}

TEST_P(TrekkpaaleggE2e, MaksAntallCapIsTheOneTheOpenApiDocumentPublishes) {
    // The published document's maximum for maksAntall is served, and one more is a 400.
    std::ifstream f(source_dir() + "/docs/openapi/trekkpaalegg.json");
    ASSERT_TRUE(f) << "docs/openapi/trekkpaalegg.json";
    std::stringstream ss;
    ss << f.rdbuf();
    auto doc = json::parse(ss.str());
    std::int64_t maks = 0;
    for (const auto& p : doc.at("paths").at("/v1").at("get").at("parameters").as_array())
        if (p.as_object().contains("name") && p.at("name") == "maksAntall")
            maks = p.at("schema").at("maximum").to_number<std::int64_t>();
    ASSERT_EQ(maks, 10000);
    EXPECT_FALSE(liste("?fraSekvensnummer=0&maksAntall=" + std::to_string(maks)).empty());
    auto over = get("?fraSekvensnummer=0&maksAntall=" + std::to_string(maks + 1));
    EXPECT_EQ(over.status, 400) << over.body;
    EXPECT_EQ(over.json().as_object()["kode"], "KB-006");
}

TEST_P(TrekkpaaleggE2e, TheDocumentationsScopeSpellingIsAnAlias) {
    auto t = srv_->token({"--scope", "skatteetaten:trekkpålegg", "--consumer", "123456789"});
    auto r = srv_->get(std::string(kBase), {{"Authorization", "Bearer " + t}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto unpaged = liste("");
    EXPECT_EQ(r.json().as_array().size(), unpaged.size());
    // Other spellings are still refused.
    auto feil = srv_->token({"--scope", "skatteetaten:trekkpåålegg", "--consumer", "123456789"});
    auto n = srv_->get(std::string(kBase), {{"Authorization", "Bearer " + feil}});
    EXPECT_EQ(n.status, 403);
    EXPECT_EQ(n.json().as_object()["kode"], "KB-005");
}

TEST_P(TrekkpaaleggE2e, AuthenticationAuthorisationAndFormatErrors) {
    auto ingen = srv_->get(std::string(kBase));
    EXPECT_EQ(ingen.status, 401);
    EXPECT_EQ(ingen.json().as_object()["kode"], "KB-004");
    auto feil_scope = srv_->get(
        std::string(kBase),
        {{"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:restanser"})}});
    EXPECT_EQ(feil_scope.status, 403);
    EXPECT_EQ(feil_scope.json().as_object()["kode"], "KB-005");
    auto xml = get("", "123456789", {{"Accept", "application/xml"}});
    EXPECT_EQ(xml.status, 406);
    EXPECT_EQ(xml.json().as_object()["kode"], "KB-008");
    auto ukjent = get("/10000001/1/ekstra");
    EXPECT_EQ(ukjent.status, 404);
    EXPECT_EQ(ukjent.json().as_object()["kode"], "KB-003");
    // The trekkpliktig comes from the token; the old path with it is just an unknown URL.
    EXPECT_EQ(get("/123456789").status, 404);
}

TEST_P(TrekkpaaleggE2e, DemoEmployerOrdersAreValidAndEndedOnesSayAvsluttet) {
    auto l = liste("", "313367002");
    EXPECT_EQ(l.size(), 40u);
    for (const auto& v : l) {
        const auto& t = v.as_object();
        const auto& p = t.at("trekkstoerrelseForPeriode").as_array();
        const auto* slutt = p.back().as_object().if_contains("sluttdato");
        // The server's date is 2026-06-15: an order whose last period ended earlier is avsluttet
        // (the midnight transition made a version for those that ended in the future).
        if (slutt && std::string(slutt->as_string()) < "2026-06-15") {
            EXPECT_EQ(t.at("trekkstatus"), "avsluttet") << json::serialize(t);
        }
        if (!slutt) {
            EXPECT_EQ(t.at("trekkstatus"), "aktiv") << json::serialize(t);
        }
    }
}

TEST_P(TrekkpaaleggE2e, ImportRejectsLifecycleBreachesWithTheLineNumber) {
    std::string out;
    // Line 2: a new period may not start today (the version's opprettet date).
    std::string jsonl =
        "# kommentar\n"
        R"({"type":"trekkpaalegg","trekkid":"E2E-AVVIST-1","trekkversjon":1,"opprettet":"2026-06-15T10:00:00Z","saksnummer":"TREKK/E2E/1","trekkpliktig":"310000001","skyldner":"16507500866","trekkstoerrelseForPeriode":[{"startdato":"2026-06-15","trekkprosent":{"trekkprosent":10.0}}],"betalingsinformasjon":{"betalingsmottaker":"971648199","kidnummer":"6487719756","kontonummer":"70213997155"}})"
        "\n";
    EXPECT_NE(srv_->import_text(jsonl, &out), 0);
    auto r = get("", "310000001");
    EXPECT_EQ(r.body, "[]");
}

std::string ordre(const std::string& org, int nr, int versjon, int beloep) {
    // opprettet on the server's day; the period starts in the future, so a later version may
    // change its amount.
    return "{\"type\":\"trekkpaalegg\",\"trekkid\":\"E2E-" + org + "-" + std::to_string(nr) +
           "\",\"trekkversjon\":" + std::to_string(versjon) +
           ",\"opprettet\":\"2026-06-15T10:00:0" + std::to_string(versjon) +
           "Z\",\"saksnummer\":\"TREKK/E2E/" + std::to_string(nr) + "\",\"trekkpliktig\":\"" + org +
           "\",\"skyldner\":\"16507500866\",\"trekkstoerrelseForPeriode\":[{\"startdato\":\"2026-"
           "07-01\","
           "\"trekkbeloep\":{\"trekkbeloep\":" +
           std::to_string(beloep) +
           "}}],\"betalingsinformasjon\":{\"betalingsmottaker\":\"971648199\",\"kidnummer\":"
           "\"6487719756\","
           "\"kontonummer\":\"70213997155\"}}\n";
}

// Pages until a short page after the writer has finished; checks order, exclusivity and no
// duplicates, and folds versions into the latest per trekkid.
void sidevis_under_skriving(Server& srv, const std::string& org, int maks) {
    std::string seed;
    for (int i = 0; i < 20; ++i) seed += ordre(org, i, 1, 1000 + i);
    ASSERT_EQ(srv.import_text(seed), 0);

    std::atomic<bool> ferdig{false};
    std::thread skriver([&] {
        for (int i = 20; i < 32; ++i) {
            // One new order and a new version of the previous one, in one transaction.
            EXPECT_EQ(srv.import_text(ordre(org, i, 1, 2000 + i) + ordre(org, i - 1, 2, 3000 + i)),
                      0);
        }
        ferdig = true;
    });
    const std::string token =
        srv.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", org});
    std::map<std::string, json::object> siste;
    std::set<std::int64_t> sett;
    std::int64_t fra = 0;
    int sider = 0;
    for (;;) {
        const bool var_ferdig = ferdig.load();
        auto r = srv.get(std::string(kBase) + "?fraSekvensnummer=" + std::to_string(fra) +
                             "&maksAntall=" + std::to_string(maks),
                         {{"Authorization", "Bearer " + token}});
        ASSERT_EQ(r.status, 200) << r.body;
        ASSERT_EQ(body_feil(r.body), "");
        const auto body = r.json();
        const auto& side = body.as_array();
        ++sider;
        for (const auto& v : side) {
            const auto& o = v.as_object();
            ASSERT_EQ(trekk_feil(o), "");
            auto s = o.at("sekvensnummer").as_int64();
            ASSERT_GT(s, fra) << "sider er ikke stigende eller ikke eksklusive";
            ASSERT_TRUE(sett.insert(s).second) << "duplikat " << s;
            fra = s;
            std::string id(o.at("trekkid").as_string());
            auto it = siste.find(id);
            if (it == siste.end() ||
                it->second.at("trekkversjon").as_int64() < o.at("trekkversjon").as_int64())
                siste[id] = o;
        }
        if (static_cast<int>(side.size()) < maks) {
            if (var_ferdig) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    skriver.join();
    auto r = srv.get(std::string(kBase), {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(r.status, 200);
    std::map<std::string, json::object> upaget;
    const auto alle = r.json();
    for (const auto& v : alle.as_array())
        upaget[std::string(v.as_object().at("trekkid").as_string())] = v.as_object();
    EXPECT_EQ(upaget.size(), 32u);
    EXPECT_EQ(siste, upaget);
    EXPECT_GT(sider, 1);
}

TEST_P(TrekkpaaleggE2e, PagesOfSevenWhileAWriterAddsVersionsEqualTheUnpagedResult) {
    sidevis_under_skriving(*srv_, "312000007", 7);
}

TEST_P(TrekkpaaleggE2e, PagesOf2500WhileAWriterAddsVersionsEqualTheUnpagedResult) {
    sidevis_under_skriving(*srv_, "312002500", 2500);
}

TEST_P(TrekkpaaleggE2e, MidnightAfterTheLastSluttdatoEndsTheOrderWithANewVersion) {
    ServerOptions opts;
    opts.demo_data = false;
    Server s(GetParam(), opts);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(
        s.import_text(
            R"({"type":"trekkpaalegg","trekkid":"TID-1","trekkversjon":1,"opprettet":"2026-06-15T09:00:00Z","saksnummer":"TREKK/TID/1","trekkpliktig":"123456789","skyldner":"16507500866","trekkstoerrelseForPeriode":[{"startdato":"2026-06-20","sluttdato":"2026-07-10","trekkprosent":{"trekkprosent":12.5}}],"betalingsinformasjon":{"betalingsmottaker":"971648199","kidnummer":"6487719756","kontonummer":"70213997155"}})"
            "\n"),
        0);
    auto hent = [&](const std::string& path) {
        auto t = s.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"});
        return s.get(std::string(kBase) + path, {{"Authorization", "Bearer " + t}});
    };
    auto v1 = hent("").json().as_array();
    ASSERT_EQ(v1.size(), 1u);
    EXPECT_EQ(v1[0].as_object().at("trekkstatus"), "aktiv");
    const auto seq1 = v1[0].as_object().at("sekvensnummer").as_int64();

    // 23:00 in Norway on the last day: still active.
    ASSERT_TRUE(s.restart("2026-07-10T21:00:00Z"));
    auto fortsatt = hent("").json().as_array();
    ASSERT_EQ(fortsatt.size(), 1u);
    EXPECT_EQ(fortsatt[0].as_object().at("trekkversjon"), 1);

    // 00:30 the next day in Norway: a new version, avsluttet, with a higher sekvensnummer.
    ASSERT_TRUE(s.restart("2026-07-10T22:30:00Z"));
    auto etter = hent("");
    ASSERT_EQ(etter.status, 200);
    EXPECT_EQ(trekk_feil(etter.json().as_array()[0].as_object()), "");
    const auto v2 = etter.json().as_array().at(0).as_object();
    EXPECT_EQ(v2.at("trekkversjon"), 2);
    EXPECT_EQ(v2.at("trekkstatus"), "avsluttet");
    EXPECT_GT(v2.at("sekvensnummer").as_int64(), seq1);
    EXPECT_EQ(v2.at("opprettet"), "2026-07-10T22:00:00.000Z");
    EXPECT_EQ(v2.at("trekkstoerrelseForPeriode"),
              v1[0].as_object().at("trekkstoerrelseForPeriode"));
    auto side =
        hent("?fraSekvensnummer=" + std::to_string(seq1) + "&maksAntall=10").json().as_array();
    ASSERT_EQ(side.size(), 1u);
    EXPECT_EQ(side[0].as_object(), v2);
    EXPECT_EQ(hent("/TID-1/1").json().as_object().at("trekkstatus"), "aktiv");

    // Idempotent: another start on the same day adds nothing.
    ASSERT_TRUE(s.restart("2026-07-12T10:00:00Z"));
    EXPECT_EQ(hent("?fraSekvensnummer=0&maksAntall=10").json().as_array().size(), 2u);
    EXPECT_EQ(hent("/TID-1/3").status, 404);
}

// Version 1 of a one-period order for 123456789, written on 2026-06-15 (the harness's date).
std::string slutter(const std::string& trekkid, const std::string& sluttdato) {
    return R"({"type":"trekkpaalegg","trekkid":")" + trekkid +
           R"(","trekkversjon":1,"opprettet":"2026-06-15T09:00:00Z","saksnummer":"TREKK/)" +
           trekkid +
           R"(","trekkpliktig":"123456789","skyldner":"16507500866","trekkstoerrelseForPeriode":[{"startdato":"2026-06-20","sluttdato":")" +
           sluttdato +
           R"(","trekkprosent":{"trekkprosent":12.5}}],"betalingsinformasjon":{"betalingsmottaker":"971648199","kidnummer":"6487719756","kontonummer":"70213997155"}})"
           "\n";
}

json::array versjoner(const Server& s) {
    auto t = s.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"});
    auto r = s.get(std::string(kBase) + "?fraSekvensnummer=0&maksAntall=100",
                   {{"Authorization", "Bearer " + t}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto v = r.json();
    return v.is_array() ? v.as_array() : json::array{};
}

TEST_P(TrekkpaaleggE2e, RestartAfterSeveralDaysEndsEachOrderOnceStampedAtItsOwnMidnight) {
    ServerOptions opts;
    opts.demo_data = false;
    Server s(GetParam(), opts);
    ASSERT_TRUE(s.ok());
    // Written in the opposite order of their endings, around the end of summer time
    // (01:00 UTC on 25 October 2026).
    ASSERT_EQ(s.import_text(slutter("OKT-27", "2026-10-27") + slutter("OKT-25", "2026-10-25") +
                            slutter("OKT-24", "2026-10-24") + slutter("NOV-30", "2026-11-30")),
              0);
    // The server was down from 15 June until 2 November.
    ASSERT_TRUE(s.restart("2026-11-02T08:00:00Z"));
    auto v = versjoner(s);
    ASSERT_EQ(v.size(), 7u);
    std::vector<std::pair<std::string, std::string>> avsluttet;  // trekkid, opprettet
    std::int64_t forrige = 0;
    for (const auto& x : v) {
        const auto& o = x.as_object();
        EXPECT_GT(o.at("sekvensnummer").as_int64(), forrige);
        forrige = o.at("sekvensnummer").as_int64();
        EXPECT_EQ(trekk_feil(o), "") << json::serialize(o);
        if (o.at("trekkstatus") == "avsluttet") {
            EXPECT_EQ(o.at("trekkversjon"), 2);
            avsluttet.emplace_back(o.at("trekkid").as_string(), o.at("opprettet").as_string());
        }
    }
    // In sekvensnummer order = in time order; each at 00:00 Norwegian time the day after its
    // sluttdato: summer time (UTC+2) until 25 October 03:00, winter time (UTC+1) after.
    const std::vector<std::pair<std::string, std::string>> forventet = {
        {"OKT-24", "2026-10-24T22:00:00.000Z"},
        {"OKT-25", "2026-10-25T23:00:00.000Z"},
        {"OKT-27", "2026-10-27T23:00:00.000Z"}};
    EXPECT_EQ(avsluttet, forventet);

    // Later restarts, on the same day and on later days, add nothing.
    ASSERT_TRUE(s.restart("2026-11-02T09:00:00Z"));
    EXPECT_EQ(versjoner(s).size(), 7u);
    ASSERT_TRUE(s.restart("2026-11-05T09:00:00Z"));
    EXPECT_EQ(versjoner(s).size(), 7u);
}

TEST_P(TrekkpaaleggE2e, RunningServerEndsAnOrderWhenItsClockPassesMidnight) {
    ServerOptions opts;
    opts.demo_data = false;
    // 23:59:55 in Norway on the order's last day, a clock that runs.
    opts.now = "2026-07-10T21:59:55Z";
    opts.frozen_clock = false;
    Server s(GetParam(), opts);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s.import_text(slutter("LOEPENDE-1", "2026-07-10")), 0);
    const auto frist = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    json::array v;
    while ((v = versjoner(s)).size() < 2 && std::chrono::steady_clock::now() < frist)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(v.size(), 2u);
    const auto& ny = v[1].as_object();
    EXPECT_EQ(ny.at("trekkstatus"), "avsluttet");
    EXPECT_EQ(ny.at("opprettet"), "2026-07-10T22:00:00.000Z");
}

INSTANTIATE_TEST_SUITE_P(Backends, TrekkpaaleggE2e, backends(), backend_name);

// SPEC ambiguity 3: trekkpaalegg_scope_alias = false accepts only the ASCII scope.
class TrekkpaaleggUtenAliasE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(TrekkpaaleggUtenAliasE2e, TheAliasIsRefusedWhenTurnedOff) {
    Server s(GetParam(), ServerOptions{.env = {{"SKD_TREKKPAALEGG_SCOPE_ALIAS", "false"}}});
    if (!s.ok()) GTEST_SKIP();
    auto alias = s.token({"--scope", "skatteetaten:trekkpålegg", "--consumer", "123456789"});
    auto r = s.get(kBase, {{"Authorization", "Bearer " + alias}});
    EXPECT_EQ(r.status, 403) << r.body;
    auto ascii = s.token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"});
    EXPECT_EQ(s.get(kBase, {{"Authorization", "Bearer " + ascii}}).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrekkpaaleggUtenAliasE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
