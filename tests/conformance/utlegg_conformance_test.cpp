// Utleggsbegjæring against the official model 0.9 examples: they parse and pass every rule (as
// model 0.9 and rewritten to 1.0-2.0), and each of our fixture petitions has exactly the field
// paths of its official counterpart and carries the same facts (identifiers, references,
// amounts, dates, codes, attachments); only free text and addresses are our own.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>

#include "domain/utlegg/regler.hpp"
#include "domain/utlegg/utleggsbegjaering.hpp"
#include "tests/conformance/reference.hpp"
#include "tests/fixtures/utlegg_v2.hpp"

namespace skd::utlegg {
namespace {

namespace json = boost::json;

struct Par {
    const char* fixture;
    const char* offisiell;
};
const Par kPar[] = {
    {testdata::kEnkel, "utleggsbegjaering-v0.9-example-enkel-2025-06.json"},
    {testdata::kKompleks, "utleggsbegjaering-v0.9-example-kompleks-2025-06.json"},
    {testdata::kUtvidet, "utleggsbegjaering-v0.9-example-enkel-apidok.json"},
};

json::value offisiell(const char* navn) {
    const auto tekst = conformance::les_referanse(navn);
    EXPECT_FALSE(tekst.empty()) << navn;
    return json::parse(tekst);
}

// Every party of the examples exists; organisations are hovedenheter.
struct Register : PartRegister {
    std::set<std::string, std::less<>> finnes_ = {"311758489",  "312597772",   "312759667",
                                                  "313182495",  "44926701751", "69887800189",
                                                  "03057738971"};
    bool finnes(std::string_view id) const override { return finnes_.count(id) > 0; }
    bool er_hovedenhet(std::string_view id) const override { return id.size() == 9; }
    bool er_enk(std::string_view) const override { return false; }
    bool gammelt_regelverk(std::string_view) const override { return false; }
    bool er_inkassobyraa(std::string_view) const override { return false; }
};

std::string kjoer(const json::value& v, Modell m) {
    auto b = parse_utleggsbegjaering(json::serialize(v), m);
    if (!b) {
        std::string alle;
        for (const auto& f : b.error()) alle += f.sti + ": " + f.melding + "\n";
        return alle;
    }
    Register reg;
    RegelKontekst ctx;
    ctx.paalogget_org = "312597772";
    ctx.i_dag = *Dato::parse("2025-06-30");
    ctx.er_duplikat = [](const Utleggsbegjaering&) { return false; };
    ctx.finn_vedlegg = [](std::string_view uuid) -> std::optional<VedleggInfo> {
        return VedleggInfo{std::string(uuid), "", "klar", ""};
    };
    ctx.partregister = &reg;
    std::string alle;
    for (const auto& k : kjoer_regler(*b, ctx)) alle += k.kode + ": " + k.melding + "\n";
    return alle;
}

TEST(UtleggConformance, OfficialExamplesParseAndPassAllRules) {
    for (const auto& p : kPar) {
        EXPECT_EQ(kjoer(offisiell(p.offisiell), Modell::V1_0_9), "") << p.offisiell;
        EXPECT_EQ(kjoer(testdata::til_v2(offisiell(p.offisiell)), Modell::V2), "") << p.offisiell;
    }
}

// Object keys along the path, array positions left out: the petition's shape.
void stier(const json::value& v, const std::string& sti, std::set<std::string>& ut) {
    if (v.is_object()) {
        for (const auto& [k, x] : v.as_object()) {
            const auto s = sti + "." + std::string(k);
            ut.insert(s);
            stier(x, s, ut);
        }
    } else if (v.is_array()) {
        for (const auto& x : v.as_array()) stier(x, sti + "[]", ut);
    }
}

TEST(UtleggConformance, FixturesHaveExactlyTheFieldPathsOfTheOfficialExamples) {
    for (const auto& p : kPar) {
        std::set<std::string> vaar, deres;
        stier(json::parse(testdata::les_fixture(p.fixture)), "$", vaar);
        stier(offisiell(p.offisiell), "$", deres);
        EXPECT_EQ(vaar, deres) << p.fixture << " / " << p.offisiell;
    }
}

// Leaves whose key names a fact rather than free text, by their full path.
void fakta(const json::value& v, const std::string& sti, std::string_view nokkel,
           std::map<std::string, std::string>& ut) {
    static const std::set<std::string_view> kFakta = {"verdi",
                                                      "kravreferanse",
                                                      "innsendersKravreferanse",
                                                      "relatertKrav",
                                                      "beloep",
                                                      "valuta",
                                                      "paalydendeBeloep",
                                                      "forfallsdato",
                                                      "bokfoertDato",
                                                      "startdato",
                                                      "sluttdato",
                                                      "brevdato",
                                                      "betalingsfrist",
                                                      "tvangsgrunnlagsdato",
                                                      "dato",
                                                      "begjaeringsdato",
                                                      "innsenderReferanse",
                                                      "uuid",
                                                      "kravdetaljer",
                                                      "tvangsfullbyrdelsestype",
                                                      "kontonummer",
                                                      "kidnummer",
                                                      "iban",
                                                      "prioritetDekningsloven",
                                                      "prioritetISak",
                                                      "avtaltRentesats",
                                                      "forsinkelsesrente",
                                                      "type",
                                                      "adressetype",
                                                      "virksomhetstype",
                                                      "forsendelsesmaate",
                                                      "grunnlag",
                                                      "foedselsdato",
                                                      "kreverRettsgebyrErstattet",
                                                      "berOmInnkallingTilMoete",
                                                      "krevesFravaersdom",
                                                      "kanBehandlesIForliksraadet",
                                                      "begrunnelseUnnlatVarsel",
                                                      "spesiellUtleggsgjenstand",
                                                      "identifikatortype",
                                                      "landkode",
                                                      "inkassobevillingshaverNummer",
                                                      "namsmannsdistrikt",
                                                      "kontovaluta",
                                                      "landkodeBank"};
    if (v.is_object()) {
        for (const auto& [k, x] : v.as_object()) fakta(x, sti + "." + std::string(k), k, ut);
    } else if (v.is_array()) {
        std::size_t i = 0;
        for (const auto& x : v.as_array())
            fakta(x, sti + "[" + std::to_string(i++) + "]", nokkel, ut);
    } else if (kFakta.count(nokkel)) {
        ut[sti] = json::serialize(v);
    }
}

TEST(UtleggConformance, FixturesCarryTheFactsOfTheOfficialExamples) {
    for (const auto& p : kPar) {
        std::map<std::string, std::string> vaar, deres;
        fakta(json::parse(testdata::les_fixture(p.fixture)), "$", "", vaar);
        fakta(offisiell(p.offisiell), "$", "", deres);
        EXPECT_GT(deres.size(), 50u);
        EXPECT_EQ(vaar, deres) << p.fixture << " / " << p.offisiell;
    }
}

}  // namespace
}  // namespace skd::utlegg
