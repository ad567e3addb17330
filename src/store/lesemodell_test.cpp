// Property test of the read models (migration 006, store/ledger_skriv): after random sequences
// of writes through LedgerSkriver — parties, krav, instalments, payments placed in part or in
// full, counter-claims, payouts, kravtype categories changed, transactions rolled back — and
// after concurrent writers, the kept figures equal a recomputation from the postings exactly
// (avvik_i_lesemodeller is empty). On SQLite and on PostgreSQL (SKD_TEST_PG_URL).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/db.hpp"
#include "store/ledger_skriv.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd;
using namespace skd::store;

namespace {

class Lesemodeller : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "Sqlite") {
            auto p = testdata::unique_temp_dir("skd-lesemodell") / "db.sqlite";
            db_ = open_sqlite(p.string());
        } else {
            const char* url = std::getenv("SKD_TEST_PG_URL");
            if (!url || !*url) GTEST_SKIP() << "SKD_TEST_PG_URL er ikke satt";
            db_ = open_postgres(url);
            db_->reader().exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        }
        db_->migrate();
    }

    std::vector<std::string> avvik() {
        std::vector<std::string> ut;
        db_->read([&](Connection& c) { ut = avvik_i_lesemodeller(c); });
        return ut;
    }

    std::unique_ptr<Database> db_;
};

const char* const kKravtyper[] = {"RESTSKATT", "FORSKTREKK",        "MVA",        "ARBGAVG",
                                  "GEBYR",     "Forsinkelsesrente", "UKJENT_TYPE"};
const char* const kKategorier[] = {"restskatt",          "forskuddstrekk", "merverdiavgift",
                                   "arbeidsgiveravgift", "gebyr",          "forskuddsskatt"};

// One writer's random transactions over its own parties (prefix) and the shared ones.
class Tilfeldig {
public:
    Tilfeldig(std::uint64_t seed, std::string prefix) : rng_(seed), prefix_(std::move(prefix)) {}

    // One transaction of 1–6 random operations; returns false if it was rolled back on purpose.
    bool transaksjon(Connection& c) {
        nye_.clear();
        LedgerSkriver w(c);
        const int n = 1 + static_cast<int>(rng_() % 6);
        for (int i = 0; i < n; ++i) operasjon(c, w);
        w.fullfoer();
        if (rng_() % 7 == 0) throw Avbrutt{};
        return true;
    }

    struct Avbrutt {};
    // The instalments of the last transaction count once it has committed.
    void committed() {
        forfall_.insert(forfall_.end(), nye_.begin(), nye_.end());
        nye_.clear();
    }

private:
    std::string part() {
        // Three shared parties (the concurrent writers meet there) and a few of one's own.
        const auto k = rng_() % 8;
        if (k < 3) return "31000000" + std::to_string(k);
        return "3" + prefix_ + std::string(7 - prefix_.size(), '0') + std::to_string(k);
    }
    Beloep beloep(std::int64_t maks_kroner) {
        return Beloep::fra_oere(static_cast<std::int64_t>(rng_() % (maks_kroner * 100)) + 1);
    }
    Dato dato() { return Dato::fra_dager(19000 + static_cast<int>(rng_() % 1500)); }
    std::string id(const char* what) { return prefix_ + what + std::to_string(++teller_); }

    void operasjon(Connection& c, LedgerSkriver& w) {
        const std::string p = part();
        NyPart np;
        np.identifikator = p;
        w.ny_part(np);
        switch (rng_() % 6) {
            case 0:
            case 1: {  // a krav with 1–3 instalments, some of them credit
                // A third are interest claims: on an earlier krav of the party, or on one not
                // written yet, which then (in half of the cases) follows in the same transaction,
                // before the interest claim's own instalments.
                std::optional<std::string> hovedstol;
                bool senere = false;
                if (rng_() % 3 == 0) {
                    if (const auto* tidligere = krav_av(p); tidligere && rng_() % 2 == 0) {
                        hovedstol = *tidligere;
                    } else {
                        hovedstol = id("K");
                        senere = rng_() % 2 == 0;
                    }
                }
                const auto krav_id = skriv_krav(w, p, id("K"), hovedstol);
                if (senere) skriv_forfall(w, p, skriv_krav(w, p, *hovedstol, std::nullopt));
                skriv_forfall(w, p, krav_id);
                break;
            }
            case 2:
            case 3: {  // a payment placed, in part or in full, on an instalment of the party
                auto f = forfall_av(p, false);
                if (!f) break;
                NyInnbetaling ni;
                ni.part = ni.betaler_part = p;
                ni.innbetalingsidentifikator = id("I");
                ni.innbetalingsdato = dato();
                ni.beloep = beloep(60000);
                const auto inn = w.innbetaling(ni);
                // Sometimes more than the payment, or split over two instalments.
                Beloep plassert =
                    rng_() % 4 == 0 ? ni.beloep : Beloep::fra_oere(ni.beloep.oere() / 2 + 1);
                w.plasser_innbetaling(f->id, inn, plassert, ni.innbetalingsdato);
                if (auto g = forfall_av(p, false); g && ni.beloep > plassert && rng_() % 2 == 0)
                    w.plasser_innbetaling(g->id, inn, ni.beloep - plassert, ni.innbetalingsdato);
                break;
            }
            case 4: {  // a counter-claim: a credit instalment placed on a debit one
                auto kreditt = forfall_av(p, true);
                auto debet = forfall_av(p, false);
                if (!kreditt || !debet) break;
                const auto b =
                    Beloep::fra_oere(std::max<std::int64_t>(1, (-kreditt->opprinnelig.oere()) / 3));
                w.plasser_motkrav(debet->id, kreditt->id, b, dato());
                break;
            }
            default: {  // a payout of a credit instalment, or a category changed
                if (rng_() % 3 == 0) {
                    w.kravtype(kKravtyper[rng_() % 5], kKategorier[rng_() % std::size(kKategorier)],
                               false);
                    break;
                }
                auto kreditt = forfall_av(p, true);
                if (!kreditt) break;
                NyUtbetaling nu;
                nu.part = nu.utbetalt_til_part = p;
                nu.utbetalingsidentifikator = id("U");
                nu.utbetaltdato = dato();
                const auto u = w.utbetaling(nu);
                w.utbetal(u, kreditt->id,
                          Beloep::fra_oere(
                              std::max<std::int64_t>(1, (-kreditt->opprinnelig.oere()) / 4)));
                break;
            }
        }
        (void)c;
    }

    std::int64_t skriv_krav(LedgerSkriver& w, const std::string& p,
                            const std::string& kravidentifikator,
                            const std::optional<std::string>& hovedstol) {
        NyttKrav k;
        k.part = k.krav_part = p;
        k.kravidentifikator = kravidentifikator;
        k.kravtype = hovedstol ? "Forsinkelsesrente" : kKravtyper[rng_() % std::size(kKravtyper)];
        k.hovedstol_kravidentifikator = hovedstol;
        k.kravgruppe = "gruppe";
        k.kravbeskrivelse = "beskrivelse";
        k.opprettelsesdato = dato();
        krav_.emplace_back(p, kravidentifikator);
        return w.krav(k);
    }

    // 1–3 instalments, some of them credit.
    void skriv_forfall(LedgerSkriver& w, const std::string& p, std::int64_t krav_id) {
        const int forfall = 1 + static_cast<int>(rng_() % 3);
        for (int f = 0; f < forfall; ++f) {
            NyttKravforfall nf;
            nf.kravforfallsidentifikator = id("F");
            nf.forfallsdato = dato();
            nf.opprinnelig = rng_() % 6 == 0 ? -beloep(5000) : beloep(100000);
            nye_.push_back({w.kravforfall(krav_id, nf), p, nf.opprinnelig});
        }
    }

    const std::string* krav_av(const std::string& p) {
        std::vector<const std::string*> kandidater;
        for (const auto& [part, ident] : krav_)
            if (part == p) kandidater.push_back(&ident);
        if (kandidater.empty()) return nullptr;
        return kandidater[rng_() % kandidater.size()];
    }

    struct Forfall {
        std::int64_t id;
        std::string part;
        Beloep opprinnelig;
    };
    std::optional<Forfall> forfall_av(const std::string& p, bool kreditt) {
        std::vector<const Forfall*> kandidater;
        for (const auto* liste : {&forfall_, &nye_})
            for (const auto& f : *liste)
                if (f.part == p && (f.opprinnelig.oere() < 0) == kreditt) kandidater.push_back(&f);
        if (kandidater.empty()) return std::nullopt;
        return *kandidater[rng_() % kandidater.size()];
    }

    std::mt19937_64 rng_;
    std::string prefix_;
    int teller_ = 0;
    // Instalments this writer has committed, and those of the transaction under way.
    std::vector<Forfall> forfall_, nye_;
    // Every krav written (rolled back too: an interest claim may name a principal that is not
    // there).
    std::vector<std::pair<std::string, std::string>> krav_;
};

// Runs one random transaction; rollbacks (on purpose or from a vanished id) are expected.
void kjoer(Database& db, Tilfeldig& t, int& commits) {
    try {
        db.write([&](Connection& c) { t.transaksjon(c); });
        t.committed();
        ++commits;
    } catch (const Tilfeldig::Avbrutt&) {
    } catch (const DbError& e) {
        // Only the database's own refusals under concurrency (a serialisation failure or a
        // deadlock the writer is told to retry) are expected; report anything else.
        if (e.kind != DbError::Kind::Unavailable) ADD_FAILURE() << e.what();
    } catch (const UgyldigSkriving& e) {
        ADD_FAILURE() << e.what();
    }
}

}  // namespace

TEST_P(Lesemodeller, EqualARecomputationAfterRandomWrites) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        Tilfeldig t(seed, "s" + std::to_string(seed));
        int commits = 0;
        for (int i = 0; i < 60; ++i) {
            kjoer(*db_, t, commits);
            if (i % 15 == 14) {
                auto a = avvik();
                ASSERT_TRUE(a.empty()) << "seed " << seed << ", transaksjon " << i << ": "
                                       << a.front() << " (" << a.size() << " avvik)";
            }
        }
        EXPECT_GT(commits, 20) << "seed " << seed;
    }
    // The ledger is not empty: the property held over something.
    EXPECT_GT(db_->reader().query_i64("SELECT COUNT(*) FROM kravforfall", {}).value(), 50);
    EXPECT_GT(db_->reader().query_i64("SELECT COUNT(*) FROM plassering", {}).value(), 10);
}

TEST_P(Lesemodeller, EqualARecomputationAfterConcurrentWriters) {
    constexpr int kWriters = 4, kEach = 40;
    std::vector<std::thread> ts;
    std::atomic<int> total{0};
    for (int w = 0; w < kWriters; ++w)
        ts.emplace_back([&, w] {
            Tilfeldig t(100 + static_cast<std::uint64_t>(w), "w" + std::to_string(w));
            int commits = 0;
            for (int i = 0; i < kEach; ++i) kjoer(*db_, t, commits);
            total += commits;
        });
    for (auto& t : ts) t.join();
    EXPECT_GT(total.load(), kWriters * kEach / 3);
    auto a = avvik();
    EXPECT_TRUE(a.empty()) << a.front() << " (" << a.size() << " avvik)";
}

// The check itself sees a difference: a kept figure changed behind the write path's back.
TEST_P(Lesemodeller, ACorruptedFigureIsReported) {
    Tilfeldig t(7, "c");
    int commits = 0;
    for (int i = 0; i < 20; ++i) kjoer(*db_, t, commits);
    ASSERT_TRUE(avvik().empty());
    db_->write([](Connection& c) {
        c.exec(
            "UPDATE kravforfall SET gjenstaaende_oere = gjenstaaende_oere + 1 WHERE id = "
            "(SELECT MIN(id) FROM kravforfall)",
            {});
    });
    EXPECT_FALSE(avvik().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Lesemodeller, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& info) { return info.param; });
