// One snapshot per answer: while payments commit in a loop (through the control plane's data
// lines, one transaction each), every aapnekrav answer must agree with itself — the remaining
// amount of the krav and the unplaced amounts of the payments are read from the same state of
// the ledger. On both backends.
#include <atomic>
#include <boost/json.hpp>
#include <cmath>
#include <thread>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

double belop(const json::value& v) {
    return v.is_double() ? v.as_double() : static_cast<double>(v.to_number<std::int64_t>());
}

class SnapshotE2e : public E2eTest {
protected:
    void SetUp() override {
        use_server();
        if (IsSkipped()) return;
    }
    HttpResponse data(const std::string& linjer) {
        return srv_->request(
            "POST", "/sandbox/v1/data",
            {{"Authorization", "Bearer " + srv_->token({"--scope", "skattedeling:admin"})},
             {"Content-Type", "application/x-ndjson"}},
            linjer);
    }
};

// Each payment is 100 kr, of which 50 kr is placed on the one instalment of 10,000 kr: after
// any number n of them, 10,000 − remaining = 50·n = the sum of the unplaced amounts.
TEST_P(SnapshotE2e, AapneKravListsAndSumsAgreeWhilePaymentsCommit) {
    const std::string org = "311333334";
    ASSERT_EQ(
        data(
            R"({"type":"part","identifikator":")" + org +
            R"(","navn":"SNAPSHOT AS"})"
            "\n"
            R"({"type":"krav","part":")" +
            org +
            R"(","kravidentifikator":"SNAP-1","kravtype":"MVA","kravgruppe":"Merverdiavgift","kravbeskrivelse":"Mva","opprettelsesdato":"2026-01-10"})"
            "\n"
            R"({"type":"kravforfall","part":")" +
            org +
            R"(","kravidentifikator":"SNAP-1","kravforfallsidentifikator":"SNAP-1-1","forfallsdato":"2026-02-10","opprinnelig_oere":1000000})"
            "\n")
            .status,
        200);

    constexpr int kBetalinger = 60;
    std::atomic<bool> ferdig{false};
    std::atomic<int> skrevet{0};
    std::thread skriver([&] {
        for (int i = 0; i < kBetalinger; ++i) {
            const std::string id = "SNAP-INN-" + std::to_string(i);
            auto r = data(
                R"({"type":"innbetaling","part":")" + org + R"(","innbetalingsidentifikator":")" +
                id +
                R"(","innbetalingsdato":"2026-03-01","beloep_oere":10000})"
                "\n"
                R"({"type":"plassering","part":")" +
                org + R"(","kravforfallsidentifikator":"SNAP-1-1","innbetalingsidentifikator":")" +
                id +
                R"(","beloep_oere":5000,"plassert_dato":"2026-03-01"})"
                "\n");
            if (r.status != 200) {
                ADD_FAILURE() << r.body;
                break;
            }
            ++skrevet;
        }
        ferdig = true;
    });

    const Headers h = {
        {"Authorization", "Bearer " + srv_->token({"--scope", "skatteetaten:kravogbetalinger",
                                                   "--systemuser-org", org, "--system-id", "x"})}};
    int lest = 0;
    double forrige = -1;
    while (!ferdig || lest == 0) {
        auto r = srv_->get(
            "/api/innkreving/kravogbetalinger/v1/regnskapssystem/" + org + "/aapnekrav", h);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto v = r.json();
        double gjenstaaende = 0;
        for (const auto& k : v.at("aapentKravMedGjenstaaendeBeloep").as_array())
            gjenstaaende += belop(k.at("gjenstaaendeBeloep"));
        double uplassert = 0;
        int betalinger = 0;
        for (const auto& i : v.at("innbetalingMedUplassertBeloep").as_array()) {
            uplassert += belop(i.at("uplassertBeloep"));
            ++betalinger;
        }
        EXPECT_NEAR(10000.0 - gjenstaaende, uplassert, 0.005) << "svar " << lest;
        EXPECT_NEAR(uplassert, 50.0 * betalinger, 0.005) << "svar " << lest;
        EXPECT_GE(uplassert, forrige) << "a later answer showed fewer payments";
        forrige = uplassert;
        ++lest;
        if (HasFailure()) break;
    }
    skriver.join();
    EXPECT_EQ(skrevet.load(), kBetalinger);
    EXPECT_GT(lest, 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, SnapshotE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
