// Party isolation outside sandbox mode: grants exist for some organisations only, and every
// combination a consumer is not entitled to is refused. A refusal for a party with data must
// look exactly like the refusal for a party without any (same status, code and message once
// identifiers are masked), so errors never reveal whether another party's data exists.
#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/harness/harness.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

const std::string kRestanser = "/api/innkreving/restanser/v2";
const std::string kKob = "/api/innkreving/kravogbetalinger/v1";
const std::string kTrekk = "/api/trekkpaalegg/v1";
const std::string kAvregning = "/api/fastsetting/avregning/v2";
const std::string kUtlegg = "/api/utleggsbegjaering/v1";

// Granted below; everyone else has no grant at all.
const std::string kKonsument =
    "312438623";  // restanser dibk+ebevis, kravogbetalinger finans, avregning ssb
const std::string kUgranted = "974761076";  // a consumer with no grant
const std::string kMedData = "310111643";   // a party with restanser and krav
const std::string kUtenData = "399999995";  // a well-formed organisation number nobody has

std::string felt(const HttpResponse& r, const char* navn) {
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains(navn) || !v.as_object().at(navn).is_string())
        return {};
    return std::string(v.as_object().at(navn).as_string());
}

// The message with every identifier-like token masked: digit runs and ELAN references.
std::string maskert(std::string s) {
    static const std::regex id("ELAN-[0-9]{4}-[0-9]+|[0-9]+");
    return std::regex_replace(s, id, "#");
}

// Two refusals that must be indistinguishable to the caller.
void expect_same_refusal(const HttpResponse& a, const HttpResponse& b, const std::string& what,
                         const char* kodefelt = "kode", const char* meldingsfelt = "melding") {
    EXPECT_EQ(a.status, b.status) << what << "\n" << a.body << "\n" << b.body;
    EXPECT_EQ(felt(a, kodefelt), felt(b, kodefelt)) << what;
    EXPECT_EQ(maskert(felt(a, meldingsfelt)), maskert(felt(b, meldingsfelt))) << what << "\n"
                                                                              << a.body << "\n"
                                                                              << b.body;
    EXPECT_GE(a.status, 400) << what;
    EXPECT_LT(a.status, 500) << what;
}

class IsolationE2e : public E2eTest {
protected:
    void SetUp() override {
        ServerOptions o;
        o.sandbox = false;
        srv_ = &server(GetParam(), o);
        if (!srv_->ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
        static std::set<std::string> importert;  // per backend; the server lives for the suite
        if (!importert.count(GetParam())) {
            std::string ut;
            ASSERT_EQ(
                srv_->import_text(R"({"type":"tilgang","api":"restanser","pakke":"dibk","org":")" +
                                      kKonsument + R"("}
{"type":"tilgang","api":"restanser","pakke":"ebevis","org":")" +
                                      kKonsument + R"("}
{"type":"tilgang","api":"kravogbetalinger","pakke":"finans","org":")" +
                                      kKonsument + R"("}
{"type":"tilgang","api":"kravogbetalinger","pakke":"regnskapssystem","org":"974761076"}
{"type":"tilgang","api":"avregning","pakke":"ssb","org":")" +
                                      kKonsument + R"("}
{"type":"tilgang","api":"trekkpaalegg","pakke":"","org":"123456789"}
{"type":"tilgang","api":"trekkpaalegg","pakke":"","org":"313367002"}
)",
                                  &ut),
                0)
                << ut;
            importert.insert(GetParam());
        }
    }
    std::string token(std::vector<std::string> args) const { return srv_->token(args); }
    HttpResponse get(const std::string& path, const std::string& tok, Headers h = {}) const {
        h.emplace_back("Authorization", "Bearer " + tok);
        return srv_->get(path, h);
    }
    Server* srv_ = nullptr;
};

TEST_P(IsolationE2e, NotGrantedIsRefusedAlikeForPartiesWithAndWithoutData) {
    struct Case {
        std::string what, scope, pakke_path;
    };
    std::vector<Case> cases = {
        {"restanser dibk", "skatteetaten:restanser", kRestanser + "/dibk/"},
        {"restanser ebevis", "skatteetaten:restanser", kRestanser + "/ebevis/"},
        {"kravogbetalinger finans", "skatteetaten:kravogbetalinger", kKob + "/finans/"},
    };
    for (const auto& c : cases) {
        auto t = token({"--scope", c.scope, "--consumer", kUgranted});
        auto med = get(c.pakke_path + kMedData +
                           (c.scope.find("krav") != std::string::npos ? "/aapnekrav" : ""),
                       t);
        auto uten = get(c.pakke_path + kUtenData +
                            (c.scope.find("krav") != std::string::npos ? "/aapnekrav" : ""),
                        t);
        EXPECT_EQ(med.status, 403) << c.what << " " << med.body;
        expect_same_refusal(med, uten, c.what + ": ikke tildelt");
    }
    // avregning: a person with a settlement and one without.
    auto t = token({"--scope", "skatteetaten:avregning", "--consumer", kUgranted});
    auto med = get(kAvregning + "/ssb/2024/20463518646", t);
    auto uten = get(kAvregning + "/ssb/2024/99999999999", t);
    EXPECT_EQ(med.status, 403) << med.body;
    expect_same_refusal(med, uten, "avregning: ikke tildelt");
    // A package granted to the consumer but not the one asked for.
    auto k = token({"--scope", "skatteetaten:avregning", "--consumer", kKonsument});
    expect_same_refusal(get(kAvregning + "/norgesbank/2024/20463518646", k),
                        get(kAvregning + "/norgesbank/2024/99999999999", k),
                        "avregning: annen pakke");
    EXPECT_EQ(get(kAvregning + "/ssb/2024/20463518646", k).status, 200);
}

TEST_P(IsolationE2e, ConsentMissingOrForAnotherPartyIsRefusedAlike) {
    auto t = token({"--scope", "skatteetaten:restanser", "--consumer", kKonsument});
    // Granted: with the right consent the lookup works, so the refusals below are about consent.
    auto riktig = srv_->samtykke(
        {"--services", "5616_5", "--offered-by", kMedData, "--covered-by", kKonsument});
    EXPECT_EQ(get(kRestanser + "/ebevis/" + kMedData, t, {{"AltinnSamtykke", riktig}}).status, 200);

    auto uten_samtykke_med = get(kRestanser + "/ebevis/" + kMedData, t);
    auto uten_samtykke_uten = get(kRestanser + "/ebevis/" + kUtenData, t);
    EXPECT_EQ(uten_samtykke_med.status, 403);
    EXPECT_EQ(felt(uten_samtykke_med, "kode"), "RESTANSE-007");
    expect_same_refusal(uten_samtykke_med, uten_samtykke_uten, "restanser: uten samtykke");

    // Consent given by a third party, used for a party with data and one without.
    auto annen = srv_->samtykke(
        {"--services", "5616_5", "--offered-by", "313367002", "--covered-by", kKonsument});
    auto a = get(kRestanser + "/ebevis/" + kMedData, t, {{"AltinnSamtykke", annen}});
    auto b = get(kRestanser + "/ebevis/" + kUtenData, t, {{"AltinnSamtykke", annen}});
    EXPECT_EQ(a.status, 403);
    expect_same_refusal(a, b, "restanser: samtykke for en annen part");

    // Altinn 3 consent in the bearer, for another party.
    auto a3 =
        token({"--scope", "skatteetaten:restanser", "--consumer", kKonsument, "--consent-from",
               "313367002", "--consent-resource", "digdir-restanser-skatteetaten",
               "--consent-valid-to", "2026-09-01T00:00:00Z"});
    expect_same_refusal(get(kRestanser + "/ebevis/" + kMedData, a3),
                        get(kRestanser + "/ebevis/" + kUtenData, a3),
                        "restanser: Altinn 3 annen part");

    // Krav og betalinger finans: same rules with its own code.
    auto kt = token({"--scope", "skatteetaten:kravogbetalinger", "--consumer", kKonsument});
    auto ka = get(kKob + "/finans/212201782/aapnekrav", kt);
    auto kb = get(kKob + "/finans/" + kUtenData + "/aapnekrav", kt);
    EXPECT_EQ(ka.status, 403) << ka.body;
    EXPECT_EQ(felt(ka, "kode"), "KB-005");
    expect_same_refusal(ka, kb, "kravogbetalinger: uten samtykke");
    auto ks = srv_->samtykke(
        {"--services", "5928_202301", "--offered-by", "313367002", "--covered-by", kKonsument});
    expect_same_refusal(
        get(kKob + "/finans/212201782/aapnekrav", kt, {{"AltinnSamtykke", ks}}),
        get(kKob + "/finans/" + kUtenData + "/aapnekrav", kt, {{"AltinnSamtykke", ks}}),
        "kravogbetalinger: samtykke for en annen part");
}

TEST_P(IsolationE2e, SystemUserForAnotherOrgIsRefusedAlike) {
    // The system user of vendor 974761076 (granted regnskapssystem; the grant is the vendor's)
    // belongs to 313367002 and asks about others. Outside sandbox only its own party answers.
    auto t = token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", "313367002",
                    "--system-id", "974761076_regnskap"});
    EXPECT_EQ(get(kKob + "/regnskapssystem/313367002/aapnekrav", t).status, 200);
    for (const char* e : {"/aapnekrav", "/krav?fraOgMed=2023-01-01&tilOgMed=2023-09-01",
                          "/innbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-09-01",
                          "/utbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-09-01"}) {
        auto med = get(kKob + "/regnskapssystem/212201782" + e, t);
        auto uten = get(kKob + "/regnskapssystem/" + kUtenData + e, t);
        EXPECT_EQ(med.status, 403) << e << " " << med.body;
        EXPECT_EQ(felt(med, "kode"), "KB-005");
        expect_same_refusal(med, uten, std::string("regnskapssystem ") + e);
    }
    // A vendor without the grant, even if its customer (the system user's org) had one.
    auto ug = token({"--scope", "skatteetaten:kravogbetalinger", "--consumer", "312438623",
                     "--systemuser-org", "974761076", "--system-id", "312438623_regnskap"});
    auto r = get(kKob + "/regnskapssystem/974761076/aapnekrav", ug);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(felt(r, "melding").find("312438623"), std::string::npos) << r.body;
    // A plain token (no system user, no consent) on regnskapssystem.
    auto plain = token({"--scope", "skatteetaten:kravogbetalinger", "--consumer", "313367002"});
    expect_same_refusal(get(kKob + "/regnskapssystem/313367002/aapnekrav", plain),
                        get(kKob + "/regnskapssystem/" + kUtenData + "/aapnekrav", plain),
                        "regnskapssystem uten systembruker");
}

TEST_P(IsolationE2e, RegnskapssystemGrantBelongsToTheVendorNotTheCustomer) {
    // The customer 313367002 holds no regnskapssystem grant; its vendor 974761076 does.
    auto su = token({"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", "313367002",
                     "--system-id", "974761076_regnskap"});
    EXPECT_EQ(get(kKob + "/regnskapssystem/313367002/aapnekrav", su).status, 200);
    // Delegated: the customer as consumer, the vendor as supplier.
    auto deleg =
        token({"--scope", "skatteetaten:kravogbetalinger", "--consumer", "313367002", "--supplier",
               "974761076", "--systemuser-org", "313367002", "--system-id", "974761076_regnskap"});
    EXPECT_EQ(get(kKob + "/regnskapssystem/313367002/aapnekrav", deleg).status, 200);
    // With a consent from the party instead of a system user, the vendor's grant counts too.
    auto vendor = token({"--scope", "skatteetaten:kravogbetalinger"});
    auto samtykke = srv_->samtykke({"--services", "5928_202301", "--offered-by", "313367002"});
    EXPECT_EQ(
        get(kKob + "/regnskapssystem/313367002/aapnekrav", vendor, {{"AltinnSamtykke", samtykke}})
            .status,
        200);
}

TEST_P(IsolationE2e, AnotherTrekkpliktigsOrderLooksMissing) {
    auto eier = token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "313367002"});
    auto fremmed = token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"});
    ASSERT_EQ(get(kTrekk + "/20260036/1", eier).status, 200);
    auto a = get(kTrekk + "/20260036/1", fremmed);
    auto b = get(kTrekk + "/29999999/1", fremmed);
    EXPECT_EQ(a.status, 404) << a.body;
    expect_same_refusal(a, b, "trekkpålegg: annen trekkpliktig");
    // Another trekkpliktig's orders never appear in a list, paged or not.
    for (const char* q : {"", "?fraSekvensnummer=0&maksAntall=10000"}) {
        auto r = get(kTrekk + q, fremmed);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto liste = r.json();
        for (const auto& t : liste.as_array())
            EXPECT_EQ(t.as_object().at("trekkpliktig"), "123456789");
    }
    // A system user acting for an ungranted trekkpliktig, and an ungranted consumer.
    auto sys = token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "974761076",
                      "--systemuser-org", "212201782", "--system-id", "lonn"});
    auto ug = token({"--scope", "skatteetaten:trekkpaalegg", "--consumer", "212201782"});
    for (const auto& t : {sys, ug}) {
        auto r = get(kTrekk, t);
        EXPECT_EQ(r.status, 403) << r.body;
        expect_same_refusal(get(kTrekk + "/20260036/1", t), get(kTrekk + "/29999999/1", t),
                            "trekkpålegg: uten tilgang");
    }
}

TEST_P(IsolationE2e, AnotherInnsendersPetitionLooksMissing) {
    const std::string innsender = "312597772", annen = "312759667";
    // Every attachment reference points at one imported, ready attachment.
    const std::string uuid = "isolasjon-vedlegg-" + GetParam();
    ASSERT_EQ(srv_->import_text(R"({"type": "vedlegg", "uuid": ")" + uuid + R"(", "innsender": ")" +
                                innsender + "\"}\n"),
              0);
    const std::string body = testdata::variant(testdata::kUtvidet, "isolasjon-" + GetParam(), uuid);
    auto tok = [&](const std::string& org) {
        return token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", org});
    };
    auto send = [&](const std::string& org, const std::string& method, const std::string& path) {
        return srv_->request(
            method, path,
            {{"Authorization", "Bearer " + tok(org)}, {"Content-Type", "application/json"}}, body);
    };
    auto ny = send(innsender, "POST", kUtlegg);
    ASSERT_EQ(ny.status, 201) << ny.body;
    const std::string sak(ny.json().at("eksternSaksreferanse").as_string());
    const std::string mangler = "ELAN-2026-999999";

    auto hent = [&](const std::string& org, const std::string& s) {
        return srv_->get(kUtlegg + "/" + s, {{"Authorization", "Bearer " + tok(org)}});
    };
    EXPECT_EQ(hent(innsender, sak).status, 200);
    expect_same_refusal(hent(annen, sak), hent(annen, mangler), "utlegg GET annen innsender",
                        "feilkode", "detail");
    expect_same_refusal(send(annen, "PUT", kUtlegg + "/" + sak),
                        send(annen, "PUT", kUtlegg + "/" + mangler), "utlegg PUT annen innsender",
                        "feilkode", "detail");
    expect_same_refusal(send(annen, "PUT", kUtlegg + "/valider/" + sak),
                        send(annen, "PUT", kUtlegg + "/valider/" + mangler),
                        "utlegg PUT valider annen innsender", "feilkode", "detail");
    auto a = hent(annen, sak);
    EXPECT_EQ(a.status, 404);
    EXPECT_EQ(a.body.find(innsender), std::string::npos) << a.body;
    // An organisation without the pilot agreement is refused before anything is looked up.
    expect_same_refusal(hent("313367002", sak), hent("313367002", mangler),
                        "utlegg uten pilotavtale", "feilkode", "detail");
    EXPECT_EQ(hent("313367002", sak).status, 403);
    // A system user acting for another innsender sees the case as missing too.
    auto sys = token({"--scope", "skatteetaten:utleggsbegjaering", "--consumer", innsender,
                      "--systemuser-org", annen, "--system-id", "inkasso"});
    auto s1 = srv_->get(kUtlegg + "/" + sak, {{"Authorization", "Bearer " + sys}});
    auto s2 = srv_->get(kUtlegg + "/" + mangler, {{"Authorization", "Bearer " + sys}});
    EXPECT_EQ(s1.status, 404) << s1.body;
    expect_same_refusal(s1, s2, "utlegg systembruker for annen innsender", "feilkode", "detail");
}

INSTANTIATE_TEST_SUITE_P(Backends, IsolationE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
