// Every API's error-code table against the documented tables in SPEC: §1.3 (DAS), §2.4
// (restanser), §3.4 (krav og betalinger), §4.4 (trekkpålegg: the KB table), §5.1 (AR), §5.2 (FA),
// §5.3 (TD) and the problem details of §6 (utleggsbegjæring). The modules come from the
// composition root's own list, so a new API cannot slip past this test.
#include <gtest/gtest.h>

#include <map>
#include <ranges>
#include <regex>
#include <set>

#include "app/app.hpp"
#include "app/database.hpp"
#include "core/clock.hpp"
#include "store/db.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd;
using apis::Problem;

namespace {

// The HTTP status every table gives a Problem (api_error.hpp).
int status_for(Problem p) {
    switch (p) {
        case Problem::Unexpected:
        case Problem::Backend:
            return 500;
        case Problem::UnknownUrl:
        case Problem::NotFound:
        case Problem::UnknownParty:
            return 404;
        case Problem::Unauthenticated:
            return 401;
        case Problem::Forbidden:
        case Problem::Consent:
            return 403;
        case Problem::InvalidInput:
            return 400;
        case Problem::NotAcceptable:
            return 406;
        case Problem::MethodNotAllowed:
            return 405;
        case Problem::PayloadTooLarge:
            return 413;
        case Problem::HeaderTooLarge:
            return 431;
        case Problem::UnsupportedMedia:
            return 415;
        case Problem::Gone:
            return 410;
        case Problem::Conflict:
            return 409;
        case Problem::Unprocessable:
            return 422;
        case Problem::TooManyRequests:
            return 429;
    }
    return 0;
}

// Problems with a documented meaning in the per-API tables; the code chosen for one of them
// must be documented with the same status. The rest (405, 410, 413, 415, 431, 409, 422) have
// no code of their own anywhere and reuse one of the API's codes with the HTTP status.
bool har_dokumentert_betydning(Problem p) {
    return status_for(p) <= 406 && p != Problem::MethodNotAllowed;
}

struct Dokumentert {
    std::string prefiks;
    std::map<std::string, int> koder;  // code → documented HTTP status
    // Problems answered with a documented code of another status because the API documents
    // no code for that status; each says why.
    std::map<Problem, std::string> unntak;
    // Every documented code is answered somewhere (not for tables borrowed whole).
    bool alle_brukt = true;
    // Problems answered with a code of the common DAS table (SPEC §1.3) because the API's own
    // table has none for them.
    std::map<Problem, std::string> felles = {};
};

std::map<std::string, int> nummerert(const std::string& prefiks, std::vector<int> statuser) {
    std::map<std::string, int> m;
    for (std::size_t i = 0; i < statuser.size(); ++i)
        m[prefiks + (i < 9 ? "00" : "0") + std::to_string(i + 1)] = statuser[i];
    return m;
}

const std::map<std::string, Dokumentert>& spec() {
    static const std::map<std::string, Dokumentert> s = [] {
        std::map<std::string, Dokumentert> m;
        m["restanser"] = {
            "RESTANSE-", nummerert("RESTANSE-", {500, 500, 404, 401, 403, 400, 403, 404, 406}), {}};
        const auto kb = nummerert("KB-", {500, 500, 404, 401, 403, 400, 404, 406, 404});
        m["kravogbetalinger"] = {"KB-", kb, {}};
        // §4.4: the KB table is the only one published; KB-009 (no match for identifier) is a
        // trekkid the trekkpliktig has no trekkpålegg with.
        m["trekkpaalegg"] = {"KB-", kb, {}};
        m["avregning"] = {
            "AR-", nummerert("AR-", {500, 500, 404, 401, 403, 400, 404, 406, 404}), {}};
        // The FA and TD tables have no 403 and no back-end code: refusals use the common
        // table's DAS-008, back-end errors its DAS-003 (temporarily unavailable).
        const std::map<Problem, std::string> felles = {{Problem::Forbidden, "DAS-008"},
                                                       {Problem::Consent, "DAS-008"},
                                                       {Problem::TooManyRequests, "DAS-008"},
                                                       {Problem::Backend, "DAS-003"}};
        m["hendelser"] = {
            "FA-", nummerert("FA-", {500, 404, 401, 400, 404, 406}), {}, true, felles};
        m["sistetilgjengelige"] = {
            "TD-", nummerert("TD-", {500, 401, 400, 404, 406, 404}), {}, true, felles};
        const std::string das = "DAS has no 400/401/406 codes (SPEC §1.3)";
        m["portal"] = {"DAS-",
                       nummerert("DAS-", {500, 404, 500, 500, 500, 500, 500, 403}),
                       {{Problem::Unauthenticated, das},
                        {Problem::InvalidInput, das},
                        {Problem::NotAcceptable, das}},
                       false};
        return m;
    }();
    return s;
}

class AlleKodetabeller : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = app::open_database("sqlite://" +
                                 (testdata::unique_temp_dir("skd-koder") / "db.sqlite").string());
        db_->migrate();
        moduler_ = app::make_modules({*db_, cfg_, klokke_});
    }
    config::Config cfg_;
    FixedClock klokke_{*Tidspunkt::parse("2026-06-15T10:00:00Z")};
    std::unique_ptr<store::Database> db_;
    std::vector<apis::ApiModule> moduler_;
};

TEST_F(AlleKodetabeller, EveryModuleMapsEveryProblemToTheStatusOfItsKind) {
    ASSERT_GE(moduler_.size(), 8u);
    for (const auto& m : moduler_) {
        ASSERT_NE(m.codes, nullptr) << m.name;
        for (int i = 0; i < apis::kProblemCount; ++i) {
            const auto p = static_cast<Problem>(i);
            const auto* e = m.codes->find(p);
            ASSERT_NE(e, nullptr) << m.name << ": Problem " << i << " mangler";
            EXPECT_EQ(e->status, status_for(p)) << m.name << ": Problem " << i << " " << e->kode;
            EXPECT_FALSE(e->melding.empty()) << m.name << ": Problem " << i;
        }
    }
}

TEST_F(AlleKodetabeller, StandardTablesUseOnlyTheirDocumentedCodesWithTheDocumentedStatus) {
    std::set<std::string> sett;
    for (const auto& m : moduler_) {
        if (m.codes->style() != apis::ErrorStyle::Standard) continue;
        sett.insert(m.name);
        auto it = spec().find(m.name);
        ASSERT_NE(it, spec().end()) << m.name << ": legg den dokumenterte tabellen til her";
        const auto& d = it->second;
        for (int i = 0; i < apis::kProblemCount; ++i) {
            const auto p = static_cast<Problem>(i);
            const std::string kode(m.codes->find(p)->kode);
            if (auto f = d.felles.find(p); f != d.felles.end()) {
                EXPECT_EQ(kode, f->second) << m.name << ": Problem " << i;
                continue;
            }
            EXPECT_EQ(kode.rfind(d.prefiks, 0), 0u) << m.name << ": " << kode;
            auto k = d.koder.find(kode);
            ASSERT_NE(k, d.koder.end()) << m.name << ": " << kode << " er ikke dokumentert";
            if (har_dokumentert_betydning(p) && !d.unntak.count(p)) {
                EXPECT_EQ(k->second, status_for(p))
                    << m.name << ": Problem " << i << " svarer med " << kode
                    << ", som er dokumentert med status " << k->second;
            }
        }
        // Each documented code with a meaning of its own is reachable.
        for (const auto& kode : d.koder | std::views::keys) {
            bool brukt = false;
            for (int i = 0; i < apis::kProblemCount; ++i)
                brukt = brukt || m.codes->find(static_cast<Problem>(i))->kode == kode;
            if (d.alle_brukt) {
                EXPECT_TRUE(brukt) << m.name << ": " << kode << " brukes ikke";
            }
        }
    }
    for (const auto& navn : spec() | std::views::keys) {
        EXPECT_TRUE(sett.count(navn)) << navn << " mangler";
    }
}

TEST_F(AlleKodetabeller, UtleggsbegjaeringAnswersProblemDetailsWithItsDocumentedStatuses) {
    const apis::ApiModule* u = nullptr;
    for (const auto& m : moduler_)
        if (m.name == "utleggsbegjaering") u = &m;
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->codes->style(), apis::ErrorStyle::ProblemDetail);
    // SPEC §6.3: 400 schema, 401, 403, 404, 406, 409 conflict, 422 rule violations, 500.
    const std::regex feilkode("[A-Z][A-Z_]*[A-Z]");
    std::set<int> statuser;
    for (int i = 0; i < apis::kProblemCount; ++i) {
        const auto* e = u->codes->find(static_cast<Problem>(i));
        EXPECT_TRUE(std::regex_match(std::string(e->kode), feilkode)) << e->kode;
        statuser.insert(e->status);
    }
    for (int s : {400, 401, 403, 404, 406, 409, 422, 500}) EXPECT_TRUE(statuser.count(s)) << s;
    EXPECT_EQ(u->codes->find(Problem::Conflict)->status, 409);
    EXPECT_EQ(u->codes->find(Problem::Unprocessable)->kode, "VALIDERINGSFEIL");
}

}  // namespace
