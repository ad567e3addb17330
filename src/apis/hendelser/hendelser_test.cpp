// The hendelser page written from literal fragments (view.hpp) against the ViewWriter rendering
// it replaced, in JSON and in XML: for events made here and for rows read back from a store.
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "apis/hendelser/view.hpp"
#include "app/database.hpp"
#include "store/skatteoppgjoer_store.hpp"
#include "tests/fixtures/temp_dir.hpp"

using namespace skd;
using apis::hendelser::HendelserSide;
using encoding::Format;
using skatteoppgjoer::Hendelse;
using skatteoppgjoer::Hendelsetype;

namespace {

// The rendering before pages were written from fragments, one ViewWriter call per member,
// kept as the reference the bytes must equal.
void forrige(encoding::ViewWriter& w, const std::vector<Hendelse>& hendelser) {
    w.begin_root("hendelser", "urn:no:skatteetaten:datasamarbeid:hendelser:v1");
    w.begin_array("hendelser", "hendelse");
    for (const auto& h : hendelser) {
        w.begin_item();
        w.integer("sekvensnummer", h.sekvensnummer);
        w.string("identifikator", h.identifikator);
        w.string("gjelderPeriode", h.gjelder_periode);
        w.string("registreringstidspunkt", h.registreringstidspunkt.utc_mikros());
        w.string("hendelsetype", skatteoppgjoer::hendelsetype_tekst(h.hendelsetype));
        if (h.ajourholdstidspunkt)
            w.string("ajourholdstidspunkt", h.ajourholdstidspunkt->utc_millis());
        w.end_item();
    }
    w.end_array();
    w.end_root();
}

std::string forrige_tekst(Format f, const std::vector<Hendelse>& hendelser) {
    std::string s;
    if (f == Format::Xml) {
        encoding::XmlWriter w(s);
        forrige(w, hendelser);
    } else {
        encoding::JsonWriter w(s);
        forrige(w, hendelser);
    }
    return s;
}

std::string side(Format f, const std::vector<Hendelse>& hendelser) {
    std::string s;
    HendelserSide side(s, f, hendelser.size());
    for (const auto& h : hendelser) side.legg_til(h);
    side.avslutt();
    EXPECT_EQ(side.antall(), hendelser.size());
    return s;
}

Hendelse hendelse(std::int64_t seq, std::string id, std::string periode, std::int64_t us,
                  Hendelsetype type, std::optional<std::int64_t> ajourhold) {
    Hendelse h;
    h.sekvensnummer = seq;
    h.identifikator = std::move(id);
    h.gjelder_periode = std::move(periode);
    h.registreringstidspunkt = Tidspunkt::fra_mikros(us);
    h.hendelsetype = type;
    if (ajourhold) h.ajourholdstidspunkt = Tidspunkt::fra_mikros(*ajourhold);
    return h;
}

}  // namespace

TEST(HendelserSide, IsByteForByteTheViewWriterRenderingInJsonAndXml) {
    const std::vector<Hendelse> alle = {
        hendelse(1, "01814000008", "2023", 1'711'929'600'000'000, Hendelsetype::Ny, std::nullopt),
        hendelse(2, "02814000047", "2024", 1'732'782'916'337'123, Hendelsetype::Endret,
                 1'732'782'916'337'999),
        hendelse(3, "<&>\"'\\\x01\t\n", "20\"24", 0, Hendelsetype::Slettet, -1),
        hendelse(4, "ÆØÅ-æøå", "", -1, Hendelsetype::Identitetsendring, 0),
        hendelse(9'223'372'036'854'775'807, "x", "9999", 253'402'300'799'999'999, Hendelsetype::Ny,
                 253'402'300'800'000'000),
    };
    for (auto f : {Format::Json, Format::Xml})
        for (std::size_t n = 0; n <= alle.size(); ++n) {
            const std::vector<Hendelse> del(alle.begin(),
                                            alle.begin() + static_cast<std::ptrdiff_t>(n));
            EXPECT_EQ(side(f, del), forrige_tekst(f, del)) << n;
        }
}

TEST(HendelserSide, StorePageEqualsThePreviousRenderingOfTheSameRows) {
    const auto dir = testdata::unique_temp_dir("skd-hendelser");
    {
        auto db = app::open_database("sqlite://" + (dir / "db.sqlite").string());
        db->migrate();
        db->write([](store::Connection& c) {
            for (std::int64_t i = 1; i <= 250; ++i)
                c.exec(
                    "INSERT INTO hendelse (sekvensnummer, identifikator, gjelder_periode, "
                    "registrering_us, hendelsetype, ajourhold_us) VALUES ($1, $2, $3, $4, $5, $6)",
                    {i, i % 7 == 0 ? std::string("<&\"") : "0" + std::to_string(1'000'000'000 + i),
                     std::to_string(2020 + i % 5), 1'700'000'000'000'000 + i * 3'600'000'123,
                     std::string(i % 3 == 0   ? "ENDRET"
                                 : i % 5 == 0 ? "SLETTET"
                                              : "NY"),
                     i % 2 == 0 ? std::optional<std::int64_t>(1'700'000'000'000'000 + i * 7)
                                : std::nullopt});
        });
        store::SkatteoppgjoerStore s(*db);
        for (auto [fra, antall] :
             {std::pair<std::int64_t, std::int64_t>{1, 1000}, {100, 50}, {250, 10}, {251, 10}}) {
            std::vector<Hendelse> rader;
            s.hendelser(fra, antall, [&](const Hendelse& h) { rader.push_back(h); });
            EXPECT_EQ(rader.size(), static_cast<std::size_t>(
                                        std::max<std::int64_t>(0, std::min(antall, 251 - fra))));
            for (auto f : {Format::Json, Format::Xml}) {
                std::string body;
                HendelserSide side(body, f, static_cast<std::size_t>(antall));
                s.hendelser(fra, antall, [&](const Hendelse& h) { side.legg_til(h); });
                side.avslutt();
                EXPECT_EQ(body, forrige_tekst(f, rader)) << fra;
            }
        }
    }
    std::filesystem::remove_all(dir);
}
