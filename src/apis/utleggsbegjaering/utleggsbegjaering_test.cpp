// The utleggsbegjæring code table and the UtleggStore contract (idempotency, duplicates,
// attachment binding, optimistic changes) on a fresh SQLite file; the e2e suite runs both backends.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "apis/utleggsbegjaering/handlers.hpp"
#include "app/database.hpp"
#include "store/db.hpp"
#include "store/utlegg_store.hpp"
#include "tests/fixtures/temp_dir.hpp"

namespace skd::apis::utleggsbegjaering {
namespace {

using store::Utfall;

TEST(UtleggsbegjaeringCodes, EveryProblemHasAProblemDetailCode) {
    EXPECT_EQ(codes().style(), ErrorStyle::ProblemDetail);
    for (int p = 0; p < kProblemCount; ++p) {
        const auto* e = codes().find(static_cast<Problem>(p));
        ASSERT_NE(e, nullptr) << p;
        EXPECT_FALSE(e->kode.empty()) << p;
    }
    EXPECT_EQ(codes().make(Problem::Unprocessable).kode, "VALIDERINGSFEIL");
    EXPECT_EQ(codes().make(Problem::Conflict).status, 409);
}

TEST(Base64, EncodesWithPadding) {
    EXPECT_EQ(store::base64_encode(""), "");
    EXPECT_EQ(store::base64_encode("f"), "Zg==");
    EXPECT_EQ(store::base64_encode("fo"), "Zm8=");
    EXPECT_EQ(store::base64_encode("foo"), "Zm9v");
    EXPECT_EQ(store::base64_encode(std::string("\xFF\x00\x10", 3)), "/wAQ");
}

class UtleggStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = testdata::unique_temp_dir("skd-utlegg") / "db.sqlite";
        db_ = app::open_database("sqlite://" + path_.string());
        db_->migrate();
        db_->write([](store::Connection& c) {
            c.exec(
                "INSERT INTO vedlegg (uuid, innsender, filnavn, innholdstype, stoerrelse, sha256, "
                "status, opprettet_us) VALUES ('v1', '312597772', 'a.pdf', 'application/pdf', 0, "
                "'x', 'klar', 0)",
                {});
        });
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(path_.parent_path());
    }
    store::Innsending innsending(std::string ref, std::string innhold = "{}") const {
        store::Innsending i;
        i.innsender = "312597772";
        i.innsender_referanse = std::move(ref);
        i.begjaeringsdato = "2025-01-10";
        i.modell = "v1";
        i.innhold = std::move(innhold);
        i.naa_us = 1;
        i.aar = 2026;
        return i;
    }
    std::filesystem::path path_;
    std::unique_ptr<store::Database> db_;
};

TEST_F(UtleggStoreTest, NumbersCasesAndRejectsDuplicates) {
    store::UtleggStore s(*db_);
    auto a = s.opprett_sak(innsending("r1"));
    EXPECT_EQ(a.utfall, Utfall::Lagret);
    EXPECT_EQ(a.ekstern_saksreferanse, "ELAN-2026-000001");
    EXPECT_EQ(s.opprett_sak(innsending("r1", "{\"annen\": 1}")).utfall, Utfall::Duplikat);
    // The rejected attempt consumed no number.
    EXPECT_EQ(s.opprett_sak(innsending("r2")).ekstern_saksreferanse, "ELAN-2026-000002");
    EXPECT_TRUE(s.finnes_sak("312597772", "r1", "2025-01-10"));
    EXPECT_FALSE(s.finnes_sak("312759667", "r1", "2025-01-10"));
    // Another innsender may use the same reference.
    auto annen = innsending("r1");
    annen.innsender = "312759667";
    EXPECT_EQ(s.opprett_sak(annen).utfall, Utfall::Lagret);
    EXPECT_FALSE(s.sak(a.ekstern_saksreferanse, "312759667").has_value());
}

TEST_F(UtleggStoreTest, SameMeldingsidAndBodyIsARetry) {
    store::UtleggStore s(*db_);
    auto i = innsending("r1");
    i.meldingsid = "m-1";
    auto a = s.opprett_sak(i);
    auto b = s.opprett_sak(i);
    EXPECT_EQ(b.utfall, Utfall::Gjentatt);
    EXPECT_EQ(b.ekstern_saksreferanse, a.ekstern_saksreferanse);
    auto c = innsending("r2", "{\"x\": 2}");
    c.meldingsid = "m-1";
    EXPECT_EQ(s.opprett_sak(c).utfall, Utfall::MeldingsidBrukt);
    EXPECT_EQ(s.sak(a.ekstern_saksreferanse, "312597772")->versjoner.size(), 1u);
}

TEST_F(UtleggStoreTest, AttachmentBindsToTheFirstCase) {
    store::UtleggStore s(*db_);
    auto i = innsending("r1");
    i.vedlegg = {"v1"};
    auto a = s.opprett_sak(i);
    ASSERT_EQ(a.utfall, Utfall::Lagret);
    EXPECT_EQ(s.vedlegg("v1", "312597772")->ekstern_saksreferanse, a.ekstern_saksreferanse);
    EXPECT_FALSE(s.vedlegg("v1", "312759667").has_value());
    auto j = innsending("r2");
    j.vedlegg = {"v1"};
    auto b = s.opprett_sak(j);
    EXPECT_EQ(b.utfall, Utfall::VedleggOpptatt);
    EXPECT_EQ(b.detalj, "v1");
    // A change of the owning case may keep referencing it.
    auto endring = innsending("r1", "{\"v\": 2}");
    endring.vedlegg = {"v1"};
    EXPECT_EQ(s.ny_versjon(a.ekstern_saksreferanse, endring, 1, "mottatt").utfall, Utfall::Lagret);
}

TEST_F(UtleggStoreTest, ChangeNeedsTheVersionAndStatusTheRulesSaw) {
    store::UtleggStore s(*db_);
    auto a = s.opprett_sak(innsending("r1"));
    const auto& sak = a.ekstern_saksreferanse;
    auto e = innsending("r1", "{\"v\": 2}");
    EXPECT_EQ(s.ny_versjon(sak, e, 1, "mottatt").versjon, 2);
    EXPECT_EQ(s.ny_versjon(sak, e, 1, "mottatt").utfall, Utfall::SamtidigEndring);
    EXPECT_EQ(s.ny_versjon(sak, e, 2, "uavklart").utfall, Utfall::SamtidigEndring);
    auto fremmed = e;
    fremmed.innsender = "312759667";
    EXPECT_EQ(s.ny_versjon(sak, fremmed, 2, "mottatt").utfall, Utfall::IkkeFunnet);
    auto lest = s.sak(sak, "312597772");
    ASSERT_TRUE(lest);
    EXPECT_EQ(lest->versjoner.size(), 2u);
    EXPECT_EQ(lest->siste_innhold, "{\"v\": 2}");
}

}  // namespace
}  // namespace skd::apis::utleggsbegjaering
