// Params, view and the store's write path of the trekkpålegg API, without HTTP.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "apis/trekkpaalegg/params.hpp"
#include "apis/trekkpaalegg/view.hpp"
#include "app/database.hpp"
#include "store/trekk_store.hpp"
#include "store/trekk_visning.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd;
using namespace skd::apis;
using namespace skd::apis::trekkpaalegg;

namespace {

const CodeTable& test_codes() {
    static const CodeTable t = standard_table("trekkpaalegg", {.unexpected = "KB-001",
                                                               .backend = "KB-002",
                                                               .unknown_url = "KB-003",
                                                               .unauthenticated = "KB-004",
                                                               .forbidden = "KB-005",
                                                               .invalid_input = "KB-006",
                                                               .not_acceptable = "KB-008"});
    return t;
}

ApiResult<std::optional<Paging>> paging(std::string_view q) {
    QueryParams p;
    EXPECT_TRUE(p.parse(q));
    return parse_paging(p, test_codes());
}

trekk::Trekkpaalegg eksempel() {
    trekk::Trekkpaalegg x;
    x.trekkid = "10000002";
    x.trekkversjon = 1;
    x.sekvensnummer = 51;
    x.opprettet = *Tidspunkt::parse("2025-08-09T15:00:00.00Z");
    x.saksnummer = "TREKK/2025/2";
    x.trekkpliktig = "123456789";
    x.skyldner = "17488729357";
    x.betalingsinformasjon = {"971648199", "6487719756", "70213997155"};
    trekk::TrekkstoerrelseForPeriode p;
    p.startdato = *Dato::parse("2025-09-01");
    p.trekkbeloep = Beloep::fra_kroner(5000);
    x.perioder = {p};
    return x;
}

}  // namespace

TEST(TrekkpaaleggParams, NeitherParameterMeansUnpaged) {
    auto p = paging("annet=1");
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->has_value());
}

TEST(TrekkpaaleggParams, BothParametersGivePaging) {
    auto p = paging("fraSekvensnummer=0&maksAntall=2500");
    ASSERT_TRUE(p && p->has_value());
    EXPECT_EQ((*p)->etter, 0);
    EXPECT_EQ((*p)->maks_antall, 2500);
}

TEST(TrekkpaaleggParams, MaksAntallUpToTheCapIsAccepted) {
    auto p = paging("fraSekvensnummer=0&maksAntall=10000");
    ASSERT_TRUE(p && p->has_value());
    EXPECT_EQ((*p)->maks_antall, kMaksAntallTak);
}

TEST(TrekkpaaleggParams, RejectsBadCombinationsAndValues) {
    for (auto q :
         {"fraSekvensnummer=1", "maksAntall=5", "fraSekvensnummer=-1&maksAntall=5",
          "fraSekvensnummer=1&maksAntall=0", "fraSekvensnummer=x&maksAntall=5",
          "fraSekvensnummer=1&maksAntall=10001", "fraSekvensnummer=1&maksAntall=5&maksAntall=6",
          "fraSekvensnummer=&maksAntall=5", "fraSekvensnummer=1.0&maksAntall=5"}) {
        auto p = paging(q);
        ASSERT_FALSE(p) << q;
        EXPECT_EQ(p.error().status, 400) << q;
        EXPECT_EQ(p.error().kode, "KB-006") << q;
    }
}

TEST(TrekkpaaleggView, MatchesTheDocumentedExampleFieldForField) {
    auto x = eksempel();
    const std::string out = store::trekk_visning(x);
    auto v = boost::json::parse(out);
    EXPECT_EQ(
        v.at("trekkstoerrelseForPeriode").at(0).at("trekkbeloep").at("trekkbeloep").as_double(),
        5000.0);
    EXPECT_NE(out.find("\"trekkbeloep\":{\"trekkbeloep\":5000.0}"), std::string::npos) << out;
    EXPECT_EQ(v.at("opprettet"), "2025-08-09T15:00:00.000Z");
    EXPECT_EQ(v.at("sekvensnummer"), 51);
    EXPECT_EQ(v.at("betalingsinformasjon").at("kidnummer"), "6487719756");
    EXPECT_FALSE(v.at("trekkstoerrelseForPeriode").at(0).as_object().contains("sluttdato"));
}

TEST(TrekkpaaleggView, ListIsATopLevelArray) {
    std::string out;
    TrekkpaaleggListe tom(out, 0);
    tom.avslutt();
    EXPECT_EQ(out, "[]");
    out.clear();
    TrekkpaaleggListe to(out, 2);
    const auto v = store::trekk_visning(eksempel());
    to.legg_til(v);
    to.legg_til(v);
    to.avslutt();
    EXPECT_EQ(out, "[" + v + "," + v + "]");
    EXPECT_EQ(boost::json::parse(out).as_array().size(), 2u);
}

class TrekkStoreSqlite : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = (testdata::unique_temp_dir("skd-trekk") / "db.sqlite").string();
        db_ = app::open_database("sqlite://" + path_);
        db_->migrate();
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(std::filesystem::path(path_).parent_path());
    }
    std::string path_;
    std::unique_ptr<store::Database> db_;
};

TEST_F(TrekkStoreSqlite, LagreAssignsSekvensnummerAndRejectsWithoutGaps) {
    store::TrekkStore s(*db_);
    auto v1 = eksempel();
    auto r1 = s.lagre(v1);
    ASSERT_TRUE(r1) << r1.error().melding();
    EXPECT_EQ(r1->sekvensnummer, 1);

    auto feil = v1;
    feil.trekkversjon = 2;
    feil.saksnummer = "TREKK/2025/999";
    feil.opprettet = *Tidspunkt::parse("2025-08-20T10:00:00Z");
    auto r2 = s.lagre(feil);
    ASSERT_FALSE(r2);
    EXPECT_NE(r2.error().melding().find("saksnummer"), std::string::npos);

    auto v2 = v1;
    v2.trekkversjon = 2;
    v2.opprettet = *Tidspunkt::parse("2025-08-20T10:00:00Z");
    v2.perioder[0].trekkbeloep = Beloep::fra_kroner(4000);  // not started yet: may change
    auto r3 = s.lagre(v2);
    ASSERT_TRUE(r3) << r3.error().melding();
    EXPECT_EQ(r3->sekvensnummer, 2);  // the rejected write left no gap

    auto gjeldende = s.gjeldende("123456789");
    ASSERT_EQ(gjeldende.size(), 1u);
    EXPECT_EQ(gjeldende[0].trekkversjon, 2);
    EXPECT_EQ(gjeldende[0].perioder, v2.perioder);
    EXPECT_EQ(s.versjoner_etter("123456789", 0, 10).size(), 2u);
    EXPECT_EQ(s.versjoner_etter("123456789", 1, 10).size(), 1u);
    EXPECT_TRUE(s.versjon("123456789", "10000002", 1));
    EXPECT_FALSE(s.versjon("987654321", "10000002", 1));
}

namespace {

// What a ViewWriter renders for versions: the answers before they were spliced from the stored
// objects (a top-level array of objects, or one object).
std::string med_viewwriter(const std::vector<trekk::Trekkpaalegg>& liste) {
    std::string out;
    encoding::JsonWriter w(out);
    w.begin_root_array("trekkpaalegg", "trekkpaalegg", "");
    for (const auto& t : liste) {
        w.begin_item();
        store::skriv_trekkpaalegg(w, t);
        w.end_item();
    }
    w.end_array();
    return out;
}

std::string med_viewwriter(const trekk::Trekkpaalegg& t) {
    std::string out;
    encoding::JsonWriter w(out);
    w.begin_root("trekkpaalegg", "");
    store::skriv_trekkpaalegg(w, t);
    w.end_root();
    return out;
}

// A page as the handler writes it: the stored objects spliced into one array.
std::string spleiset(const std::function<void(const store::TrekkStore::VisningFn&)>& les) {
    std::string out;
    TrekkpaaleggListe liste(out, 16);
    les([&](std::string_view v) { liste.legg_til(v); });
    liste.avslutt();
    return out;
}

}  // namespace

TEST_F(TrekkStoreSqlite, SplicedPagesAreByteForByteTheViewWriterRenderingOfTheSameVersions) {
    store::TrekkStore s(*db_);
    const std::string pliktig = "123456789";
    // Three orders of the trekkpliktig (one saksnummer needing JSON escapes, one in percent),
    // a second version, and another trekkpliktig's order between them.
    auto a = eksempel();
    a.saksnummer = R"(TREKK/"2025"\1)";
    auto b = eksempel();
    b.trekkid = "10000003";
    b.perioder[0].trekkbeloep.reset();
    b.perioder[0].trekkprosent = trekk::Prosent::fra_hundredeler(1750);
    b.perioder[0].sluttdato = *Dato::parse("2026-01-31");
    auto annen = eksempel();
    annen.trekkid = "20000001";
    annen.trekkpliktig = "987654321";
    auto a2 = a;
    a2.trekkversjon = 2;
    a2.opprettet = *Tidspunkt::parse("2025-08-20T10:00:00Z");
    a2.perioder[0].trekkbeloep = Beloep::fra_kroner(4000);
    auto c = eksempel();
    c.trekkid = "10000004";
    for (const auto& t : {a, b, annen, a2, c}) {
        auto r = s.lagre(t);
        ASSERT_TRUE(r) << r.error().melding();
    }
    // And one written by the midnight job (b ends after 2026-01-31).
    ASSERT_EQ(s.midnattsjobb(*Dato::parse("2026-02-01")).antall, 1);

    for (auto [etter, maks] : {std::pair<std::int64_t, std::int64_t>{0, 2500},
                               {0, 1},
                               {1, 2},
                               {3, 10},
                               {6, 10},
                               {100, 10}}) {
        EXPECT_EQ(spleiset([&](const auto& f) { s.visninger_etter(pliktig, etter, maks, f); }),
                  med_viewwriter(s.versjoner_etter(pliktig, etter, maks)))
            << etter << " " << maks;
    }
    const auto gjeldende = s.gjeldende(pliktig);
    ASSERT_EQ(gjeldende.size(), 3u);
    EXPECT_EQ(spleiset([&](const auto& f) { s.gjeldende_visninger(pliktig, f); }),
              med_viewwriter(gjeldende));
    EXPECT_EQ(spleiset([&](const auto& f) { s.gjeldende_visninger("111111111", f); }), "[]");
    for (const auto& t : s.versjoner_etter(pliktig, 0, 100))
        EXPECT_EQ(s.visning(pliktig, t.trekkid, t.trekkversjon), med_viewwriter(t));
    EXPECT_FALSE(s.visning("987654321", "10000002", 1));
}

TEST_F(TrekkStoreSqlite, MidnightJobEndsAnOrderOnceTheDayAfterItsSluttdato) {
    store::TrekkStore s(*db_);
    auto v1 = eksempel();
    v1.perioder[0].sluttdato = *Dato::parse("2025-09-30");
    ASSERT_TRUE(s.lagre(v1));
    EXPECT_EQ(s.midnattsjobb(*Dato::parse("2025-09-30")).antall, 0);
    EXPECT_EQ(s.midnattsjobb(*Dato::parse("2025-10-01")).antall, 1);
    EXPECT_EQ(s.midnattsjobb(*Dato::parse("2025-10-02")).antall, 0);
    auto g = s.gjeldende("123456789");
    ASSERT_EQ(g.size(), 1u);
    EXPECT_EQ(g[0].trekkversjon, 2);
    EXPECT_EQ(g[0].sekvensnummer, 2);
    EXPECT_EQ(g[0].trekkstatus, trekk::Trekkstatus::Avsluttet);
}
