// Utleggsbegjæring (SPEC §6) over HTTP against the real binary, once per backend: our fixture
// petitions (tests/fixtures/utleggsbegjaering; tests/conformance sends the official examples),
// rules as problem details, changes, attachments, hostile bodies and a SIGKILL.
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

using testdata::kEksempler;
using testdata::kEnkel;
using testdata::kKompleks;
using testdata::kUtvidet;
const std::string kV1 = "/api/utleggsbegjaering/v1";
const std::string kV2 = "/api/utleggsbegjaering/v2";
const std::string kInnsender = "312597772";  // innsender of all three petitions
const std::string kAnnen = "312759667";      // another inkassobyrå of the demo data

json::value eksempel(const char* navn) {
    return json::parse(testdata::les_fixture(navn));
}

using testdata::sett_uuid;
using testdata::variant;

using testdata::til_v2;  // tests/fixtures/utlegg_v2.hpp

std::set<std::string> koder(const HttpResponse& r) {
    std::set<std::string> s;
    auto v = r.json();
    if (!v.is_object()) return s;
    if (auto* k = v.as_object().if_contains("kontrollutslag"))
        for (const auto& e : k->as_array()) s.insert(std::string(e.at("kode").as_string()));
    return s;
}

std::string feilkode(const HttpResponse& r) {
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains("feilkode")) return "(ingen feilkode)";
    return std::string(v.at("feilkode").as_string());
}

class Klient {
public:
    Klient(const Server& s, const std::string& org)
        : s_(s),
          token_(s.token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", org})) {}

    HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                      Headers h = {}) const {
        bool har_ct = false;
        for (const auto& [k, v] : h) har_ct = har_ct || k == "Content-Type";
        if (!har_ct) h.emplace_back("Content-Type", "application/json");
        h.emplace_back("Authorization", "Bearer " + token_);
        return s_.request(method, path, h, body);
    }
    HttpResponse get(const std::string& path) const {
        return s_.get(path, {{"Authorization", "Bearer " + token_}});
    }

private:
    const Server& s_;
    std::string token_;
};

std::string saksref(const HttpResponse& r) {
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains("eksternSaksreferanse")) return {};
    return std::string(v.at("eksternSaksreferanse").as_string());
}

// Imports n attachments ready for the innsender; returns their uuids.
std::vector<std::string> importer_vedlegg(const Server& s, const std::string& prefiks, int n,
                                          const std::string& innsender = kInnsender) {
    std::string jsonl;
    std::vector<std::string> uuider;
    for (int i = 0; i < n; ++i) {
        uuider.push_back(prefiks + "-" + std::to_string(i));
        jsonl += R"({"type": "vedlegg", "uuid": ")" + uuider.back() + R"(", "innsender": ")" +
                 innsender + "\"}\n";
    }
    std::string ut;
    EXPECT_EQ(s.import_text(jsonl, &ut), 0) << ut;
    return uuider;
}

class UtleggsbegjaeringE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
        inn_ = std::make_unique<Klient>(*srv_, kInnsender);
        annen_ = std::make_unique<Klient>(*srv_, kAnnen);
    }
    // A fresh case from the utvidet petition; returns its eksternSaksreferanse.
    std::string ny_sak(const std::string& ref, std::string* body = nullptr) {
        auto uuid = importer_vedlegg(*srv_, "sak-" + ref, 1)[0];
        auto b = variant(kUtvidet, ref, uuid);
        if (body) *body = b;
        auto r = inn_->send("POST", kV1, b);
        EXPECT_EQ(r.status, 201) << r.body;
        return saksref(r);
    }
    std::unique_ptr<Klient> inn_, annen_;
};

TEST_P(UtleggsbegjaeringE2e, FixturePetitionsAreAcceptedUnderV1AndDuplicatesConflict) {
    const std::regex form("ELAN-2026-[0-9]{6}");
    std::set<std::string> saker;
    for (auto* navn : kEksempler) {
        const auto body = json::serialize(eksempel(navn));
        auto r = inn_->send("POST", kV1, body);
        ASSERT_EQ(r.status, 201) << navn << "\n" << r.body;
        const auto sak = saksref(r);
        EXPECT_TRUE(std::regex_match(sak, form)) << sak;
        EXPECT_EQ(r.header("Location"), kV1 + "/" + sak);
        saker.insert(sak);

        auto g = inn_->get(kV1 + "/" + sak);
        ASSERT_EQ(g.status, 200) << g.body;
        auto v = g.json().as_object();
        EXPECT_EQ(v["status"], "mottatt");
        EXPECT_EQ(v["innsender"], kInnsender.c_str());
        EXPECT_EQ(v["versjoner"].as_array().size(), 1u);

        // SPEC §6.7: same begjæringsdato + innsenderReferanse again.
        auto igjen = inn_->send("POST", kV1, body);
        EXPECT_EQ(igjen.status, 409) << igjen.body;
        EXPECT_TRUE(koder(igjen).count("DUPLIKAT_INNSENDING")) << igjen.body;
        EXPECT_EQ(igjen.header("Content-Type").rfind("application/problem+json", 0), 0u);
        EXPECT_EQ(igjen.json().at("status"), 409);
    }
    EXPECT_EQ(saker.size(), 3u);
}

// The petition `make run` prints a ready-to-paste /valider command for (scripts/run-demo.sh).
TEST_P(UtleggsbegjaeringE2e, DemoPetitionOfMakeRunIsValid) {
    const auto body =
        testdata::les_fil(source_dir() + "/data/demo/utleggsbegjaering-eksempel.json");
    ASSERT_FALSE(body.empty());
    auto r = inn_->send("POST", kV1 + "/valider", body);
    EXPECT_EQ(r.status, 204) << r.body;
}

TEST_P(UtleggsbegjaeringE2e, ValiderAnswers204AndStoresNothing) {
    auto uuid = importer_vedlegg(*srv_, "valider", 1)[0];
    auto body = variant(kKompleks, "valider-1", uuid);
    auto r = inn_->send("POST", kV1 + "/valider", body);
    EXPECT_EQ(r.status, 204) << r.body;
    EXPECT_TRUE(r.body.empty());
    // Nothing was stored: the real submission is not a duplicate and the attachment is free.
    auto s = inn_->send("POST", kV1, body);
    EXPECT_EQ(s.status, 201) << s.body;
}

TEST_P(UtleggsbegjaeringE2e, RuleFailuresGive422WithKontrollutslag) {
    auto uuid = importer_vedlegg(*srv_, "regel", 1)[0];
    // The token's organisation is not the petition's innsender.
    auto r = annen_->send("POST", kV1, variant(kEnkel, "regel-1", uuid));
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(koder(r).count("INNSENDER_SAMSVARER_IKKE_MED_AUTENTISERING")) << r.body;
    EXPECT_EQ(feilkode(r), "VALIDERINGSFEIL");
    const auto svar = r.json();
    for (const auto& k : svar.at("kontrollutslag").as_array()) {
        EXPECT_FALSE(k.at("melding").as_string().empty());
        EXPECT_FALSE(k.at("beskrivelse").as_string().empty());
    }
    // The same through /valider.
    auto v = annen_->send("POST", kV1 + "/valider", variant(kEnkel, "regel-1", uuid));
    EXPECT_EQ(v.status, 422);

    // SPEC §6.8: a debtor locked to the old regime.
    auto b = json::parse(variant(kEnkel, "regel-2", uuid));
    b.at("saksoekt")
        .as_array()[0]
        .at("saksoekt")
        .at("person")
        .at("identifikator")
        .as_object()["verdi"] = "08907395937";
    auto g = inn_->send("POST", kV1, json::serialize(b));
    EXPECT_EQ(g.status, 422) << g.body;
    EXPECT_TRUE(koder(g).count("SAKSOEKT_GAMMELT_REGELVERK")) << g.body;

    // An attachment nobody uploaded.
    auto u = inn_->send("POST", kV1, variant(kEnkel, "regel-3", "finnes-ikke"));
    EXPECT_EQ(u.status, 422);
    EXPECT_TRUE(koder(u).count("VEDLEGG_SKAL_VAERE_TILGJENGELIG")) << u.body;
}

TEST_P(UtleggsbegjaeringE2e, ChangeCreatesANewVersionVisibleInGet) {
    std::string body;
    const auto sak = ny_sak("endring-1", &body);
    ASSERT_FALSE(sak.empty());
    auto endret = json::parse(body);
    endret.at("kravTilInnkreving").as_array()[0].as_object()["kravbeskrivelse"] = "Endret tekst";
    const auto ny = json::serialize(endret);

    auto val = inn_->send("PUT", kV1 + "/valider/" + sak, ny);
    EXPECT_EQ(val.status, 204) << val.body;
    EXPECT_EQ(inn_->get(kV1 + "/" + sak).json().at("versjoner").as_array().size(), 1u);

    const Headers mid = {{"Meldingsid", "6f1c3a52-1111-4a55-9a0e-0f6c1d6c1001"}};
    auto r = inn_->send("PUT", kV1 + "/" + sak, ny, mid);
    EXPECT_EQ(r.status, 204) << r.body;
    // A retry with the same Meldingsid is answered again without a third version.
    auto retry = inn_->send("PUT", kV1 + "/" + sak, ny, mid);
    EXPECT_EQ(retry.status, 204) << retry.body;

    auto g = inn_->get(kV1 + "/" + sak);
    ASSERT_EQ(g.status, 200);
    auto v = g.json().as_object();
    ASSERT_EQ(v["versjoner"].as_array().size(), 2u) << g.body;
    EXPECT_EQ(v["gjeldendeVersjon"], 2);
    EXPECT_EQ(v["versjoner"].as_array()[1].at("versjon"), 2);
}

TEST_P(UtleggsbegjaeringE2e, ChangingAForbiddenFieldGives422) {
    std::string body;
    const auto sak = ny_sak("ulovlig-1", &body);
    ASSERT_FALSE(sak.empty());
    auto b = json::parse(body);
    b.as_object()["underskrift"] = "En annen person";
    auto r = inn_->send("PUT", kV1 + "/" + sak, json::serialize(b));
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(koder(r), std::set<std::string>{"ULOVLIG_ENDRING_UNDERSKRIFT"}) << r.body;

    b = json::parse(body);
    b.as_object()["begjaeringsdato"] = "2024-02-03";
    r = inn_->send("PUT", kV1 + "/valider/" + sak, json::serialize(b));
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(koder(r).count("ULOVLIG_ENDRING_BEGJAERINGSDATO")) << r.body;
    EXPECT_EQ(inn_->get(kV1 + "/" + sak).json().at("versjoner").as_array().size(), 1u);
}

TEST_P(UtleggsbegjaeringE2e, CaseStateBlocksChangesWith409) {
    std::string body;
    const auto sak = ny_sak("status-1", &body);
    ASSERT_FALSE(sak.empty());
    ASSERT_EQ(srv_->import_text(R"({"type": "utleggssak", "ekstern_saksreferanse": ")" + sak +
                                R"(", "status": "uavklart"})"),
              0);
    auto r = inn_->send("PUT", kV1 + "/" + sak, body);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_TRUE(koder(r).count("UAVKLART_STATUS")) << r.body;

    ASSERT_EQ(srv_->import_text(R"({"type": "utleggssak", "ekstern_saksreferanse": ")" + sak +
                                R"(", "status": "avsluttet"})"),
              0);
    r = inn_->send("PUT", kV1 + "/valider/" + sak, body);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_TRUE(koder(r).count("UGYLDIG_STATUS")) << r.body;
    EXPECT_EQ(inn_->get(kV1 + "/" + sak).json().at("status"), "avsluttet");
}

TEST_P(UtleggsbegjaeringE2e, AnotherInnsendersCaseLooksMissing) {
    std::string body;
    const auto sak = ny_sak("annen-1", &body);
    ASSERT_FALSE(sak.empty());
    auto mangler = annen_->get(kV1 + "/ELAN-2026-999999");
    EXPECT_EQ(mangler.status, 404);
    for (auto r : {annen_->get(kV1 + "/" + sak), annen_->send("PUT", kV1 + "/" + sak, body),
                   annen_->send("PUT", kV1 + "/valider/" + sak, body)}) {
        EXPECT_EQ(r.status, 404) << r.body;
        EXPECT_EQ(feilkode(r), feilkode(mangler));
        EXPECT_EQ(r.body.find(kInnsender), std::string::npos) << r.body;
    }
    EXPECT_EQ(inn_->get(kV1 + "/" + sak).status, 200);
}

TEST_P(UtleggsbegjaeringE2e, RetryWithSameMeldingsidReturnsTheOriginalReceipt) {
    auto uuid = importer_vedlegg(*srv_, "melding", 1)[0];
    const auto body = variant(kUtvidet, "melding-1", uuid);
    const Headers mid = {{"Meldingsid", "0b9e7f7e-2222-4c1d-8e55-3b1f0c2a2002"}};
    auto a = inn_->send("POST", kV1, body, mid);
    ASSERT_EQ(a.status, 201) << a.body;
    auto b = inn_->send("POST", kV1, body, mid);
    EXPECT_EQ(b.status, 201) << b.body;
    EXPECT_EQ(saksref(a), saksref(b));
    // Without the Meldingsid it is a duplicate; with it and another body, a conflict.
    EXPECT_EQ(inn_->send("POST", kV1, body).status, 409);
    auto annen = inn_->send("POST", kV1, variant(kUtvidet, "melding-2", uuid), mid);
    EXPECT_EQ(annen.status, 409) << annen.body;
    EXPECT_EQ(inn_->get(kV1 + "/" + saksref(a)).json().at("versjoner").as_array().size(), 1u);
}

TEST_P(UtleggsbegjaeringE2e, MeldingsidRetryIsRecognisedByJsonContentNotBytes) {
    auto uuid = importer_vedlegg(*srv_, "json-lik", 1)[0];
    const auto body = variant(kUtvidet, "json-lik-1", uuid);
    const Headers mid = {{"Meldingsid", "3d6f0a10-3333-4b1d-9e55-3b1f0c2a3003"}};
    auto a = inn_->send("POST", kV1, body, mid);
    ASSERT_EQ(a.status, 201) << a.body;
    // The same JSON value, pretty-printed and with the root members in reverse order.
    auto v = json::parse(body).as_object();
    std::vector<std::string> par;
    for (auto& [k, x] : v)
        par.push_back(json::serialize(json::value(k)) + " : " + json::serialize(x));
    std::string med_luft = "{\n";
    for (auto it = par.rbegin(); it != par.rend(); ++it)
        med_luft += "  " + *it + (std::next(it) == par.rend() ? "\n" : ",\n");
    med_luft += "}\n";
    ASSERT_NE(med_luft, body);
    ASSERT_EQ(json::parse(med_luft), json::parse(body));
    auto b = inn_->send("POST", kV1, med_luft, mid);
    EXPECT_EQ(b.status, 201) << b.body;
    EXPECT_EQ(saksref(a), saksref(b));
    // The same Meldingsid and content on the other API version is a conflict about it.
    auto v2 = inn_->send("POST", kV2, json::serialize(til_v2(json::parse(body))), mid);
    EXPECT_EQ(v2.status, 409) << v2.body;
    EXPECT_NE(v2.json().at("detail").as_string().find("Meldingsid"), std::string::npos) << v2.body;
    // Different content under the same Meldingsid.
    auto annen = json::parse(body);
    annen.as_object()["underskrift"] = "Noen andre";
    auto c = inn_->send("POST", kV1, json::serialize(annen), mid);
    EXPECT_EQ(c.status, 409) << c.body;
    EXPECT_NE(c.json().at("detail").as_string().find("Meldingsid"), std::string::npos) << c.body;
    EXPECT_EQ(inn_->get(kV1 + "/" + saksref(a)).json().at("versjoner").as_array().size(), 1u);
}

TEST_P(UtleggsbegjaeringE2e, PetitionsWithoutInnsenderReferanseAreNeverDuplicates) {
    auto uuider = importer_vedlegg(*srv_, "uten-ref", 2);
    std::set<std::string> saker;
    for (const auto& uuid : uuider) {
        auto b = json::parse(variant(kUtvidet, "x", uuid));
        b.as_object().erase("innsenderReferanse");
        auto r = inn_->send("POST", kV1, json::serialize(b));
        ASSERT_EQ(r.status, 201) << r.body;
        EXPECT_FALSE(koder(r).count("DUPLIKAT_INNSENDING"));
        saker.insert(saksref(r));
        auto g = inn_->get(kV1 + "/" + saksref(r));
        ASSERT_EQ(g.status, 200) << g.body;
    }
    EXPECT_EQ(saker.size(), 2u);
    // With a reference, the same reference and date is still a duplicate.
    auto uuid = importer_vedlegg(*srv_, "med-ref", 1)[0];
    const auto med = variant(kUtvidet, "med-ref-1", uuid);
    ASSERT_EQ(inn_->send("POST", kV1, med).status, 201);
    auto igjen = inn_->send("POST", kV1, med);
    EXPECT_EQ(igjen.status, 409);
    EXPECT_TRUE(koder(igjen).count("DUPLIKAT_INNSENDING")) << igjen.body;
}

TEST_P(UtleggsbegjaeringE2e, InkassoInnsenderWithoutBevillingshaverIsRefusedWhateverTheShape) {
    // The enkel example: the innsender (an inkassobyrå in the register) has a person as
    // prosessfullmektig; without the licence holder the rule fires.
    auto uuid = importer_vedlegg(*srv_, "bevilling", 1)[0];
    auto b = json::parse(variant(kEnkel, "bevilling-1", uuid));
    auto& pf = b.as_object()["innsender"].as_object()["prosessfullmektig"].as_object();
    ASSERT_TRUE(pf.at("prosessfullmektig").as_object().contains("person"));
    pf.erase("bevillingshaver");
    // Not told by the petition itself: only the register knows the innsender is an inkassobyrå.
    b.as_object()["innsender"].as_object()["innsender"].as_object()["virksomhet"].as_object().erase(
        "virksomhetstype");
    auto r = inn_->send("POST", kV1 + "/valider", json::serialize(b));
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(koder(r).count("MANGLER_OPPLYSNINGER_BEVILLINGSHAVER")) << r.body;
}

TEST_P(UtleggsbegjaeringE2e, SandboxIdentifiesAnyWellFormedInnsender) {
    // 315551116 is not in the demo register; the harness runs in sandbox mode.
    const std::string ukjent = "315551116";
    Klient k(*srv_, ukjent);
    auto uuid = importer_vedlegg(*srv_, "ukjent-inn", 1, ukjent)[0];
    auto b = json::parse(variant(kUtvidet, "ukjent-inn-1", uuid));
    b.as_object()["innsender"]
        .as_object()["innsender"]
        .as_object()["virksomhet"]
        .as_object()["identifikator"]
        .as_object()["verdi"] = ukjent;
    auto r = k.send("POST", kV1 + "/valider", json::serialize(b));
    EXPECT_FALSE(koder(r).count("INNSENDER_IKKE_IDENTIFISERBAR")) << r.body;
    EXPECT_FALSE(koder(r).count("INNSENDER_SAMSVARER_IKKE_MED_AUTENTISERING")) << r.body;
}

TEST_P(UtleggsbegjaeringE2e, ConcurrentIdenticalSubmissionsCreateOneCase) {
    auto uuid = importer_vedlegg(*srv_, "samtidig", 1)[0];
    const auto body = variant(kUtvidet, "samtidig-1", uuid);
    std::vector<int> statuser(8);
    std::vector<std::string> saker(8);
    std::vector<std::thread> traader;
    for (std::size_t k = 0; k < statuser.size(); ++k) {
        traader.emplace_back([&, k] {
            auto r = inn_->send("POST", kV1, body);
            statuser[k] = r.status;
            saker[k] = saksref(r);
        });
    }
    for (auto& t : traader) t.join();
    std::string alle;
    for (int st : statuser) alle += std::to_string(st) + " ";
    EXPECT_EQ(std::count(statuser.begin(), statuser.end(), 201), 1) << alle;
    EXPECT_EQ(std::count(statuser.begin(), statuser.end(), 409), 7) << alle;
}

// Many different petitions at once: writes waiting together share commits, yet every one gets
// its own 201 and case number, numbers stay gap-free, and a rejected one beside them is not stored.
std::int64_t metrikk(const Server& s, const std::string& navn) {
    auto body = s.get("/metrics").body;
    auto at = body.find("\n" + navn + " ");
    return at == std::string::npos ? -1 : std::stoll(body.substr(at + navn.size() + 2));
}

TEST_P(UtleggsbegjaeringE2e, ConcurrentSubmissionsShareCommitsButSucceedAlone) {
    constexpr int kKlienter = 16, kHver = 6;
    auto uuider = importer_vedlegg(*srv_, "gruppe", kKlienter * kHver);
    const auto skriv0 = metrikk(*srv_, "skd_db_writes_total");
    const auto commit0 = metrikk(*srv_, "skd_db_commits_total");
    ASSERT_GE(skriv0, 0);
    std::mutex mu;
    std::vector<std::string> saker;
    std::atomic<int> feil{0}, avvist{0};
    std::vector<std::thread> traader;
    for (int k = 0; k < kKlienter; ++k) {
        traader.emplace_back([&, k] {
            for (int i = 0; i < kHver; ++i) {
                const int n = k * kHver + i;
                // Every sixth reuses the attachment of the one before: refused with 422.
                const auto& uuid = uuider[static_cast<std::size_t>(i == 5 ? n - 1 : n)];
                auto r =
                    inn_->send("POST", kV1, variant(kUtvidet, "gruppe-" + std::to_string(n), uuid));
                if (i == 5) {
                    ++(r.status == 422 ? avvist : feil);
                    if (r.status != 422) ADD_FAILURE() << r.status << " " << r.body;
                    continue;
                }
                if (r.status != 201) {
                    ++feil;
                    ADD_FAILURE() << r.status << " " << r.body;
                    continue;
                }
                std::lock_guard l(mu);
                saker.push_back(saksref(r));
            }
        });
    }
    for (auto& t : traader) t.join();
    EXPECT_EQ(feil.load(), 0);
    EXPECT_EQ(avvist.load(), kKlienter);
    ASSERT_EQ(saker.size(), static_cast<std::size_t>(kKlienter * (kHver - 1)));
    // Case numbers ELAN-<år>-<nnnnnn>: distinct and consecutive.
    std::vector<int> nr;
    for (const auto& s : saker) nr.push_back(std::stoi(s.substr(s.rfind('-') + 1)));
    std::sort(nr.begin(), nr.end());
    for (std::size_t i = 1; i < nr.size(); ++i) EXPECT_EQ(nr[i], nr[i - 1] + 1) << saker[i];
    for (const auto& s : saker) EXPECT_EQ(inn_->get(kV1 + "/" + s).status, 200) << s;
    const auto skriv = metrikk(*srv_, "skd_db_writes_total") - skriv0;
    const auto commits = metrikk(*srv_, "skd_db_commits_total") - commit0;
    EXPECT_GE(skriv, kKlienter * (kHver - 1));
    if (GetParam() == "Sqlite") {
        EXPECT_LT(commits, skriv) << "ingen skriving delte commit";
    }
}

TEST_P(UtleggsbegjaeringE2e, AmountOfTenToTheThirteenKronerIsASchemaError400) {
    auto uuid = importer_vedlegg(*srv_, "for-stort", 1)[0];
    auto b = json::parse(variant(kUtvidet, "for-stort", uuid));
    // 10^13 kroner = 10^15 øre: the first amount outside |beløp| < 10^15 øre.
    auto& krav0 = b.at("kravTilInnkreving").as_array()[0].as_object();
    krav0["opprinneligBeloep"].as_object()["beloep"] = 987654321;
    auto tekst = json::serialize(b);
    const auto i = tekst.find("987654321");
    ASSERT_NE(i, std::string::npos);
    for (const char* tall : {"10000000000000", "-1e19", "9223372036854775807"}) {
        auto body = tekst;
        body.replace(i, 9, tall);
        auto r = inn_->send("POST", kV1, body);
        EXPECT_EQ(r.status, 400) << tall << ": " << r.body;
        EXPECT_EQ(feilkode(r), "UGYLDIG_FORESPOERSEL") << tall;
        auto v = r.json();
        ASSERT_TRUE(v.is_object() && v.as_object().contains("feil")) << r.body;
        EXPECT_EQ(v.at("status"), 400);
        const auto& feil = v.at("feil").as_array();
        ASSERT_EQ(feil.size(), 1u) << r.body;
        EXPECT_EQ(feil[0].at("sti"), "$.kravTilInnkreving[0].opprinneligBeloep.beloep");
        EXPECT_NE(std::string(feil[0].at("melding").as_string()).find("utenfor gyldig område"),
                  std::string::npos)
            << r.body;
    }
    // One øre below the bound is an ordinary amount.
    auto body = tekst;
    body.replace(i, 9, "9999999999999.99");
    auto r = inn_->send("POST", kV1 + "/valider", body);
    EXPECT_NE(r.status, 400) << r.body;
    EXPECT_FALSE(koder(r).count("UGYLDIG_BELOEP")) << r.body;
}

TEST_P(UtleggsbegjaeringE2e, HostileBodiesGive4xxAndTheServerKeepsServing) {
    auto sjekk_400 = [&](const std::string& body, const std::string& hva) -> HttpResponse {
        auto r = inn_->send("POST", kV1, body);
        EXPECT_EQ(r.status, 400) << hva << ": " << r.body.substr(0, 500);
        EXPECT_EQ(feilkode(r), "UGYLDIG_FORESPOERSEL") << hva;
        auto v = r.json();
        const bool har_feil =
            v.is_object() && v.as_object().contains("feil") && !v.at("feil").as_array().empty();
        EXPECT_TRUE(har_feil) << hva << ": " << r.body.substr(0, 500);
        return r;
    };
    sjekk_400("{\"saksoeker\": [", "avbrutt JSON");
    sjekk_400("", "tom kropp");
    sjekk_400("[]", "liste i roten");
    auto b = json::parse(json::serialize(eksempel(kEnkel)));
    b.as_object()["begjaeringsdato"] = 20250110;
    b.as_object()["kravTilInnkreving"] = "ikke en liste";
    auto typer = sjekk_400(json::serialize(b), "feil typer");
    std::set<std::string> stier;
    if (auto v = typer.json(); v.is_object() && v.as_object().contains("feil")) {
        for (const auto& f : v.at("feil").as_array())
            stier.insert(std::string(f.at("sti").as_string()));
    }
    EXPECT_TRUE(stier.count("$.begjaeringsdato")) << typer.body;
    EXPECT_TRUE(stier.count("$.kravTilInnkreving")) << typer.body;

    sjekk_400(std::string(10000, '[') + std::string(10000, ']'), "10 000 nivåer liste");
    std::string objekter;
    for (int i = 0; i < 10000; ++i) objekter += "{\"a\":";
    objekter += "1" + std::string(10000, '}');
    sjekk_400(objekter, "10 000 nivåer objekt");
    auto utf8 = json::serialize(eksempel(kEnkel));
    utf8.replace(utf8.find("Renter på hovedkrav"), 3, "\xC3\x28\xFF");
    sjekk_400(utf8, "ugyldig UTF-8");

    auto ct = inn_->send("POST", kV1, json::serialize(eksempel(kEnkel)),
                         {{"Content-Type", "text/plain"}});
    EXPECT_EQ(ct.status, 415) << ct.body;
    auto xml = inn_->send("POST", kV1 + "/valider", json::serialize(eksempel(kEnkel)),
                          {{"Accept", "application/xml"}});
    EXPECT_EQ(xml.status, 406) << xml.body;

    auto stor = inn_->send("POST", kV1, std::string(50 * 1024 * 1024, ' '));
    EXPECT_EQ(stor.status, 413);

    // Bytes that are not UTF-8 in the path or a header are never echoed into the JSON body.
    auto sti = inn_->get(kV1 + "/%FF%FE");
    EXPECT_EQ(sti.status, 404);
    EXPECT_TRUE(sti.json().is_object()) << sti.body;
    auto hode = inn_->send("POST", kV1, "{}", {{"Content-Type", "text/\xFF"}});
    EXPECT_EQ(hode.status, 415);
    EXPECT_TRUE(hode.json().is_object()) << hode.body;

    EXPECT_EQ(srv_->get("/health").status, 200);
    EXPECT_EQ(inn_->get(kV1 + "/ELAN-2026-999999").status, 404);
}

TEST_P(UtleggsbegjaeringE2e, SecurityErrorsAreProblemDetails) {
    auto ingen = srv_->request("POST", kV1, {{"Content-Type", "application/json"}}, "{}");
    EXPECT_EQ(ingen.status, 401);
    EXPECT_EQ(feilkode(ingen), "IKKE_AUTENTISERT");
    auto scope = srv_->token({"--scope", "skatteetaten:restanser", "--consumer", kInnsender});
    auto feil = srv_->request(
        "POST", kV1, {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + scope}},
        "{}");
    EXPECT_EQ(feil.status, 403);
    EXPECT_EQ(feilkode(feil), "IKKE_AUTORISERT");
    // SPEC §6.1: a system user acts for its organisation.
    auto sys = srv_->token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", "974761076",
                            "--systemuser-org", kInnsender, "--system-id", "inkassosystem"});
    auto uuid = importer_vedlegg(*srv_, "sysbruker", 1)[0];
    auto r = srv_->request(
        "POST", kV1, {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + sys}},
        variant(kEnkel, "sysbruker-1", uuid));
    EXPECT_EQ(r.status, 201) << r.body;
}

TEST_P(UtleggsbegjaeringE2e, UploadedAttachmentCanBeReferenced) {
    const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    auto r = inn_->send("POST", kV1 + "/vedlegg?type=tvangsgrunnlag", pdf,
                        {{"Content-Type", "application/pdf"}, {"X-Filnavn", "dom%C3%A6.pdf"}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string uuid(r.json().at("uuid").as_string());
    EXPECT_EQ(r.json().at("filnavn"), "domæ.pdf");
    EXPECT_EQ(r.json().at("status"), "klar");

    auto s = inn_->send("POST", kV1, variant(kKompleks, "vedlegg-1", uuid));
    ASSERT_EQ(s.status, 201) << s.body;
    // Bound to that case now: another petition cannot use it.
    auto t = inn_->send("POST", kV1, variant(kKompleks, "vedlegg-2", uuid));
    EXPECT_EQ(t.status, 422) << t.body;
    EXPECT_TRUE(koder(t).count("VEDLEGG_SKAL_HA_REFERANSE_TIL_BEGJAERINGEN")) << t.body;
    // Nor can another innsender see it.
    auto a = annen_->send("POST", kV1 + "/valider", variant(kKompleks, "vedlegg-3", uuid));
    EXPECT_TRUE(koder(a).count("VEDLEGG_SKAL_VAERE_TILGJENGELIG")) << a.body;

    auto png = inn_->send("POST", kV1 + "/vedlegg", std::string("\x89PNG\r\n\x1a\nabc", 11),
                          {{"Content-Type", "image/png"}});
    EXPECT_EQ(png.status, 201) << png.body;
    EXPECT_EQ(inn_->send("POST", kV1 + "/vedlegg", "hei", {{"Content-Type", "text/plain"}}).status,
              415);
    EXPECT_EQ(inn_->send("POST", kV1 + "/vedlegg", "--x\r\n",
                         {{"Content-Type", "multipart/form-data; boundary=x"}})
                  .status,
              415);
    EXPECT_EQ(
        inn_->send("POST", kV1 + "/vedlegg", "ikke pdf", {{"Content-Type", "application/pdf"}})
            .status,
        400);
    EXPECT_EQ(
        inn_->send("POST", kV1 + "/vedlegg?type=ukjent", pdf, {{"Content-Type", "application/pdf"}})
            .status,
        400);
    EXPECT_EQ(inn_->send("POST", kV1 + "/vedlegg", pdf,
                         {{"Content-Type", "application/pdf"}, {"X-Filnavn", "a%2Fb%00.pdf"}})
                  .status,
              400);
    auto stor = inn_->send("POST", kV1 + "/vedlegg", "%PDF-" + std::string(11 * 1024 * 1024, 'x'),
                           {{"Content-Type", "application/pdf"}});
    EXPECT_EQ(stor.status, 413);
}

INSTANTIATE_TEST_SUITE_P(Backends, UtleggsbegjaeringE2e, backends(), backend_name);

// /v2 on a server of its own, so the examples' attachments are still unbound.
class UtleggsbegjaeringV2E2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
    }
};

TEST_P(UtleggsbegjaeringV2E2e, RenamedPetitionsAreAcceptedUnderV2) {
    Klient inn(*srv_, kInnsender);
    for (auto* navn : kEksempler) {
        const auto body = json::serialize(til_v2(eksempel(navn)));
        ASSERT_EQ(body.find("\"kravreferanse\""), std::string::npos);
        auto r = inn.send("POST", kV2, body);
        ASSERT_EQ(r.status, 201) << navn << "\n" << r.body;
        EXPECT_EQ(r.header("Location"), kV2 + "/" + saksref(r));
        auto g = inn.get(kV2 + "/" + saksref(r));
        EXPECT_EQ(g.json().at("versjoner").as_array()[0].at("apiVersjon"), "v2") << g.body;
        auto igjen = inn.send("POST", kV2, body);
        EXPECT_EQ(igjen.status, 409) << igjen.body;
        EXPECT_TRUE(koder(igjen).count("DUPLIKAT_INNSENDING"));
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, UtleggsbegjaeringV2E2e, backends(), backend_name);

// SIGKILL while a client submits: every 201 survives the restart, and no submission is stored
// twice (a retry with the same Meldingsid gets the same case; without it, 409).
class UtleggsbegjaeringKrasjE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(UtleggsbegjaeringKrasjE2e, EverySubmissionThatGot201SurvivesSigkill) {
    Server srv(GetParam());
    if (!srv.ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    constexpr int kMaks = 400;
    const auto uuider = importer_vedlegg(srv, "krasj", kMaks);
    Klient inn(srv, kInnsender);
    auto body = [&](int i) {
        return variant(kUtvidet, "krasj-" + std::to_string(i), uuider[static_cast<std::size_t>(i)]);
    };
    auto mid = [](int i) { return Headers{{"Meldingsid", "krasj-melding-" + std::to_string(i)}}; };

    std::map<int, std::string> kvittert;  // i -> eksternSaksreferanse, for every 201
    std::atomic<int> antall_201{0};
    std::atomic<int> forsoekt{0};
    std::mutex mu;
    std::thread klient([&] {
        for (int i = 0; i < kMaks; ++i) {
            forsoekt = i + 1;
            auto r = inn.send("POST", kV1, body(i), mid(i));
            if (r.status == 0) return;  // the server is gone
            if (r.status == 201) {
                std::lock_guard lock(mu);
                kvittert[i] = saksref(r);
                ++antall_201;
            } else {
                ADD_FAILURE() << "innsending " << i << ": " << r.status << " " << r.body;
                return;
            }
        }
    });
    const auto frist = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (antall_201 < 25 && std::chrono::steady_clock::now() < frist)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    srv.kill();
    klient.join();
    ASSERT_GE(antall_201.load(), 25);
    ASSERT_TRUE(srv.restart());

    Klient etter(srv, kInnsender);
    std::set<std::string> saker;
    for (const auto& [i, sak] : kvittert) {
        auto g = etter.get(kV1 + "/" + sak);
        ASSERT_EQ(g.status, 200) << "sak " << sak << " forsvant: " << g.body;
        EXPECT_EQ(g.json().at("innsenderReferanse"), ("krasj-" + std::to_string(i)).c_str());
        EXPECT_EQ(g.json().at("versjoner").as_array().size(), 1u);
        EXPECT_TRUE(saker.insert(sak).second) << "samme saksreferanse to ganger: " << sak;
    }
    // Every attempt, including the one cut off by the kill, is in the database at most once.
    for (int i = 0; i < forsoekt; ++i) {
        auto r = etter.send("POST", kV1, body(i), mid(i));
        ASSERT_EQ(r.status, 201) << i << " " << r.body;
        if (kvittert.count(i)) {
            EXPECT_EQ(saksref(r), kvittert[i]) << i;
        }
        EXPECT_EQ(etter.send("POST", kV1, body(i)).status, 409) << i;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, UtleggsbegjaeringKrasjE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
