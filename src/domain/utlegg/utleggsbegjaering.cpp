// Layer 1 of utleggsbegjæring validation: JSON → Utleggsbegjaering, collecting every schema
// error with its JSON path. Unknown properties are ignored (SPEC §6.9: removed fields are
// "ignored if sent"), so only what the rules or the API need is read.
#include "domain/utlegg/utleggsbegjaering.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <memory>
#include <set>

namespace skd::utlegg {

namespace json = boost::json;

namespace {

// SPEC §6.4 enum values. Where versions differ both spellings are accepted (ambiguity 12).
const std::vector<std::string_view> kAdressetyper = {
    "bopelsadresse", "postadresse", "forretningsadresse", "postboks", "ukjentBosted"};
const std::vector<std::string_view> kVedleggtyper = {"betalingsoppfordring",
                                                     "fullmakt",
                                                     "transporterklæring",
                                                     "transporterklaering",
                                                     "tvangsgrunnlag",
                                                     "tvangskraftgrunnlag",
                                                     "annet"};
const std::vector<std::string_view> kVarseltyper = {
    "varselTvfbl418", "varselTvfbl419",
    // Removed in 2.0; still valid in 0.9/1.x documents.
    "oppfyllelsesfrist", "erklærtTvangskraftig", "erklaertTvangskraftig", "vedtattForelegg",
    "inkassovarsel"};
const std::vector<std::string_view> kBegrunnelserUnnlatVarsel = {
    "ingenMulighetForVarsling",
    "fullbyrdelsenKanBliVanskeliggjort",
    "ukjentOppholdsstedSakssøkt",
    "ukjentOppholdsstedSaksoekt",
    "ukjentFullmektigMedKjentOppholdssted",
    "ukjentElektroniskKontaktinformasjon"};
const std::vector<std::string_view> kAlminneligeTyper = {"domEllerKjennelse",
                                                         "avgjørelseSomHarVirkningSomDom",
                                                         "avgjoerelseSomHarVirkningSomDom",
                                                         "forelegg",
                                                         "voldgiftsdom",
                                                         "avgjørelseAvUtenlandskDomstolKonvensjon",
                                                         "avgjoerelseAvUtenlandskDomstolKonvensjon",
                                                         "avgjørelseAvUtenlandskDomstol",
                                                         "avgjoerelseAvUtenlandskDomstol",
                                                         "avgjørelseAvInternasjonalDomstol",
                                                         "avgjoerelseAvInternasjonalDomstol",
                                                         "rettsforlik"};
const std::vector<std::string_view> kTilleggsfristGrunnlag = {
    "uvitenhet",    "lovmessigeHindringer",   "skyldnerIUtlandet",
    "kravMotVerge", "kravOmInnskuddISelskap", "proklama"};
const std::vector<std::string_view> kPrioritetDekningsloven = {"a", "b", "c", "d", "e"};
const std::vector<std::string_view> kSaerligeVarianter = {
    "skriftligMeddelelse", "gjeldsbrev", "elektroniskGjeldserklaering",
    "tvangsmulktEllerLovbestemmelse", "sjekkEllerVeksel"};

std::string liste_tekst(const std::vector<std::string_view>& v) {
    std::string s;
    for (auto x : v) {
        if (!s.empty()) s += ", ";
        s += x;
    }
    return s;
}

std::string_view kind_tekst(json::kind k) {
    switch (k) {
        case json::kind::null:
            return "null";
        case json::kind::bool_:
            return "sann/usann";
        case json::kind::int64:
        case json::kind::uint64:
        case json::kind::double_:
            return "tall";
        case json::kind::string:
            return "tekst";
        case json::kind::array:
            return "liste";
        case json::kind::object:
            return "objekt";
    }
    return "ukjent";
}

// Reads one JSON document, recording errors instead of stopping at the first one.
class Leser {
public:
    std::vector<SkjemaFeil> feil_;
    bool kuttet_ = false;

    void feil(std::string sti, std::string melding) {
        if (feil_.size() < kMaksSkjemaFeil - 1) {
            feil_.push_back({std::move(sti), std::move(melding)});
        } else if (!kuttet_) {
            kuttet_ = true;
            feil_.push_back({"$", fmt::format("For mange feil; bare de første {} er vist",
                                              kMaksSkjemaFeil - 1)});
        }
    }

    // A property found under one of its accepted names.
    struct Felt {
        const json::value* v = nullptr;
        std::string sti;
        explicit operator bool() const { return v != nullptr && !v->is_null(); }
    };

    // First accepted name present wins; null counts as absent (optional fields are never null
    // on our side, and clients commonly send null for "not given").
    Felt finn(const json::object& o, const std::string& sti,
              std::initializer_list<std::string_view> navn) {
        for (auto n : navn) {
            if (auto it = o.find(n); it != o.end()) {
                return Felt{&it->value(), sti + "." + std::string(n)};
            }
        }
        return Felt{nullptr, sti + "." + std::string(*navn.begin())};
    }

    bool paakrevd(const Felt& f, bool krav) {
        if (!f && krav) feil(f.sti, "Påkrevd felt mangler");
        return static_cast<bool>(f);
    }

    void feil_type(const Felt& f, std::string_view forventet) {
        feil(f.sti, fmt::format("Forventet {}, fikk {}", forventet, kind_tekst(f.v->kind())));
    }

    const json::object* objekt(const json::object& o, const std::string& sti,
                               std::initializer_list<std::string_view> navn, bool krav,
                               std::string* ut_sti = nullptr) {
        auto f = finn(o, sti, navn);
        if (ut_sti) *ut_sti = f.sti;
        if (!paakrevd(f, krav)) return nullptr;
        if (!f.v->is_object()) {
            feil_type(f, "objekt");
            return nullptr;
        }
        return &f.v->get_object();
    }

    const json::array* liste(const json::object& o, const std::string& sti,
                             std::initializer_list<std::string_view> navn, bool krav,
                             std::string* ut_sti) {
        auto f = finn(o, sti, navn);
        *ut_sti = f.sti;
        if (!paakrevd(f, krav)) return nullptr;
        if (!f.v->is_array()) {
            feil_type(f, "liste");
            return nullptr;
        }
        return &f.v->get_array();
    }

    std::optional<std::string> streng(const json::object& o, const std::string& sti,
                                      std::initializer_list<std::string_view> navn, bool krav,
                                      std::size_t maks = 4000) {
        auto f = finn(o, sti, navn);
        if (!paakrevd(f, krav)) return std::nullopt;
        if (!f.v->is_string()) {
            feil_type(f, "tekst");
            return std::nullopt;
        }
        const auto& s = f.v->get_string();
        // SPEC §6.5: Tekst has maxLength 4000.
        if (s.size() > maks) {
            feil(f.sti, fmt::format("Teksten er lengre enn {} tegn", maks));
            return std::nullopt;
        }
        return std::string(s);
    }

    std::string streng_eller_tom(const json::object& o, const std::string& sti,
                                 std::initializer_list<std::string_view> navn, bool krav = false) {
        return streng(o, sti, navn, krav).value_or("");
    }

    std::optional<std::string> enum_verdi(const json::object& o, const std::string& sti,
                                          std::initializer_list<std::string_view> navn, bool krav,
                                          const std::vector<std::string_view>& tillatt) {
        auto s = streng(o, sti, navn, krav);
        if (!s) return std::nullopt;
        if (std::find(tillatt.begin(), tillatt.end(), *s) == tillatt.end()) {
            feil(finn(o, sti, navn).sti,
                 fmt::format("Ugyldig verdi '{}'; tillatte verdier: {}", *s, liste_tekst(tillatt)));
            return std::nullopt;
        }
        return s;
    }

    std::optional<Dato> dato(const json::object& o, const std::string& sti,
                             std::initializer_list<std::string_view> navn, bool krav) {
        auto s = streng(o, sti, navn, krav);
        if (!s) return std::nullopt;
        auto d = Dato::parse(*s);
        if (!d) {
            feil(finn(o, sti, navn).sti,
                 fmt::format("Ugyldig dato '{}'; forventet ÅÅÅÅ-MM-DD", *s));
            return std::nullopt;
        }
        return *d;
    }

    std::optional<bool> boolsk(const json::object& o, const std::string& sti,
                               std::initializer_list<std::string_view> navn, bool krav) {
        auto f = finn(o, sti, navn);
        if (!paakrevd(f, krav)) return std::nullopt;
        if (!f.v->is_bool()) {
            feil_type(f, "sann/usann");
            return std::nullopt;
        }
        return f.v->get_bool();
    }

    // A JSON number with at most two decimals and not negative, as integer hundredths.
    // The value is only ever classified here; rules decide what an invalid one means.
    struct Hundredeler {
        std::int64_t verdi = 0;
        bool gyldig = true;
        // |value| >= 10^13 (10^15 hundredths, Beloep::kGrenseOere): far above any real claim;
        // below it øre stay exact in a double and sums stay far inside int64.
        bool utenfor_grense = false;
        std::string tekst;
    };
    std::optional<Hundredeler> hundredeler(const Felt& f) {
        if (!f.v->is_number()) {
            feil_type(f, "tall");
            return std::nullopt;
        }
        Hundredeler h;
        h.tekst = json::serialize(*f.v);
        constexpr std::int64_t kGrense = Beloep::kGrenseOere / 100;  // in whole units
        if (f.v->is_int64()) {
            auto i = f.v->get_int64();
            h.utenfor_grense = i <= -kGrense || i >= kGrense;
            h.gyldig = i >= 0 && !h.utenfor_grense;
            h.verdi = h.utenfor_grense ? 0 : i * 100;
            return h;
        }
        if (f.v->is_uint64()) {
            auto u = f.v->get_uint64();
            h.utenfor_grense = u >= static_cast<std::uint64_t>(kGrense);
            h.gyldig = !h.utenfor_grense;
            h.verdi = h.utenfor_grense ? 0 : static_cast<std::int64_t>(u) * 100;
            return h;
        }
        double d = f.v->get_double();
        double x = d * 100.0;
        double r = std::round(x);
        // Bounded on the value rounded to hundredths: 9999999999999.999 is 10^15 øre.
        if (!std::isfinite(d) || std::fabs(r) >= static_cast<double>(Beloep::kGrenseOere)) {
            h.utenfor_grense = true;
            h.gyldig = false;
            return h;
        }
        // Decimal fractions are inexact in binary: 12469.14 * 100 = 1246914.0000000002.
        double tol = std::max(1e-6, std::fabs(x) * 1e-15);
        h.verdi = static_cast<std::int64_t>(r);
        h.gyldig = d >= 0 && std::fabs(x - r) <= tol;
        return h;
    }

    std::optional<BeloepValuta> beloep_valuta(const json::object& o, const std::string& sti,
                                              std::initializer_list<std::string_view> navn,
                                              bool krav) {
        std::string s;
        auto* ob = objekt(o, sti, navn, krav, &s);
        if (!ob) return std::nullopt;
        BeloepValuta b;
        auto f = finn(*ob, s, {"beloep", "beløp"});
        // SPEC §6.9 (1.1): beløp in BeløpValuta is required.
        if (!paakrevd(f, true)) return std::nullopt;
        auto h = hundredeler(f);
        if (!h) return std::nullopt;
        if (h->utenfor_grense) {
            feil(f.sti, fmt::format("Beløpet {} er utenfor gyldig område; beløp må være mindre "
                                    "enn 10000000000000 kroner i absoluttverdi",
                                    h->tekst));
            return std::nullopt;
        }
        b.beloep = Beloep::fra_oere(h->verdi);
        b.gyldig = h->gyldig;
        b.tekst = h->tekst;
        b.valuta = streng_eller_tom(*ob, s, {"valuta"});
        if (!b.valuta.empty() && b.valuta.size() != 3) {
            feil(s + ".valuta", fmt::format("Ugyldig valutakode '{}'", b.valuta));
        }
        return b;
    }

    // prioritetISak: string or number, 1-99 (SPEC §6.4).
    std::optional<int> prioritet(const json::object& o, const std::string& sti,
                                 std::initializer_list<std::string_view> navn) {
        auto f = finn(o, sti, navn);
        if (!f) return std::nullopt;
        std::int64_t v = -1;
        if (f.v->is_int64()) {
            v = f.v->get_int64();
        } else if (f.v->is_uint64()) {
            v = f.v->get_uint64() > 99 ? 100 : static_cast<std::int64_t>(f.v->get_uint64());
        } else if (f.v->is_string()) {
            auto s = f.v->get_string();
            if (!s.empty() && s.size() <= 2 &&
                std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                v = std::stoi(std::string(s));
            }
        } else {
            feil_type(f, "tekst eller heltall");
            return std::nullopt;
        }
        if (v < 1 || v > 99) {
            feil(f.sti, fmt::format("Ugyldig prioritet {}; må være et heltall fra 1 til 99",
                                    json::serialize(*f.v)));
            return std::nullopt;
        }
        return static_cast<int>(v);
    }

    // Calls `fn(element_object, element_path)` for each object element of an array property.
    template <class Fn>
    void for_hvert_objekt(const json::object& o, const std::string& sti,
                          std::initializer_list<std::string_view> navn, bool krav, bool minst_en,
                          Fn&& fn) {
        std::string s;
        auto* a = liste(o, sti, navn, krav, &s);
        if (!a) return;
        if (minst_en && a->empty()) feil(s, "Listen må ha minst ett element");
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto es = fmt::format("{}[{}]", s, i);
            if (!(*a)[i].is_object()) {
                feil(es, fmt::format("Forventet objekt, fikk {}", kind_tekst((*a)[i].kind())));
                continue;
            }
            fn((*a)[i].get_object(), es);
        }
    }

    std::vector<std::string> strenger(const json::object& o, const std::string& sti,
                                      std::initializer_list<std::string_view> navn, bool krav) {
        std::vector<std::string> ut;
        std::string s;
        auto* a = liste(o, sti, navn, krav, &s);
        if (!a) return ut;
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (!(*a)[i].is_string()) {
                feil(fmt::format("{}[{}]", s, i),
                     fmt::format("Forventet tekst, fikk {}", kind_tekst((*a)[i].kind())));
                continue;
            }
            ut.emplace_back((*a)[i].get_string());
        }
        return ut;
    }

    // ---- Domain objects ----

    std::optional<Vedlegg> vedlegg(const json::object& o, const std::string& sti,
                                   std::initializer_list<std::string_view> navn, bool krav) {
        std::string s;
        auto* ob = objekt(o, sti, navn, krav, &s);
        if (!ob) return std::nullopt;
        return vedlegg_fra(*ob, s);
    }

    Vedlegg vedlegg_fra(const json::object& ob, const std::string& s) {
        Vedlegg v;
        v.type = enum_verdi(ob, s, {"type"}, true, kVedleggtyper).value_or("");
        if (v.type == "transporterklaering") v.type = "transporterklæring";
        v.filnavn = streng_eller_tom(ob, s, {"filnavn"});
        // A missing uuid is rule VEDLEGG_SKAL_HA_UUID, not a schema error.
        v.uuid = streng_eller_tom(ob, s, {"uuid"});
        return v;
    }

    std::optional<Identifikator> identifikator_fra(const json::object& ob, const std::string& s) {
        Identifikator id;
        id.identifikatortype = streng_eller_tom(ob, s, {"identifikatortype"}, true);
        auto verdi = streng(ob, s, {"verdi"}, true);
        id.landkode = streng_eller_tom(ob, s, {"landkode"});
        if (!id.landkode.empty() && (id.landkode.size() != 2 ||
                                     !std::all_of(id.landkode.begin(), id.landkode.end(),
                                                  [](char c) { return c >= 'A' && c <= 'Z'; }))) {
            feil(s + ".landkode",
                 fmt::format("Ugyldig landkode '{}'; forventet to store bokstaver", id.landkode));
        }
        if (!verdi) return std::nullopt;
        id.verdi = *verdi;
        return id;
    }

    std::optional<Identifikator> identifikator(const json::object& o, const std::string& sti,
                                               std::initializer_list<std::string_view> navn) {
        std::string s;
        auto* ob = objekt(o, sti, navn, false, &s);
        if (!ob) return std::nullopt;
        return identifikator_fra(*ob, s);
    }

    Personnavn personnavn_fra(const json::object& ob, const std::string& s) {
        Personnavn n;
        n.fornavn = streng_eller_tom(ob, s, {"fornavn"});
        n.etternavn = streng_eller_tom(ob, s, {"etternavn"});
        n.mellomnavn = streng_eller_tom(ob, s, {"mellomnavn"});
        return n;
    }

    Adresse adresse_fra(const json::object& ob, const std::string& s) {
        Adresse a;
        a.adressetype = enum_verdi(ob, s, {"adressetype"}, true, kAdressetyper).value_or("");
        std::string si;
        if (auto* inn = objekt(ob, s, {"adresseInnland"}, false, &si)) {
            std::string sf;
            if (auto* ff = objekt(*inn, si, {"adresseFrittFormatInnland"}, true, &sf)) {
                AdresseInnland ai;
                // Missing adressetekst/postnummer is rule *_INNENLANDS_ADRESSE_UGYLDIG.
                ai.kommunenummer = streng_eller_tom(*ff, sf, {"kommunenummer"});
                ai.postnummer = streng_eller_tom(*ff, sf, {"postnummer"});
                ai.adressetekst = streng_eller_tom(*ff, sf, {"adressetekst"});
                ai.poststedsnavn = streng_eller_tom(*ff, sf, {"poststedsnavn"});
                a.adresse_innland = ai;
            }
        }
        std::string su;
        if (auto* ut = objekt(ob, s, {"adresseUtland"}, false, &su)) {
            std::string sf;
            if (auto* ff = objekt(*ut, su, {"adresseFrittFormatUtland"}, true, &sf)) {
                AdresseUtland au;
                au.adressetekst = streng_eller_tom(*ff, sf, {"adressetekst"});
                au.poststed_utland = streng_eller_tom(*ff, sf, {"poststedUtland"});
                au.landkode = streng_eller_tom(*ff, sf, {"landkode"});
                au.postnummer_utland = streng_eller_tom(*ff, sf, {"postnummerUtland"});
                a.adresse_utland = au;
            }
        }
        if (objekt(ob, s, {"ukjentBosted"}, false, &su)) a.ukjent_bosted = true;
        return a;
    }

    Aktoer aktoer_fra(const json::object& ob, const std::string& s) {
        Aktoer a;
        for_hvert_objekt(ob, s, {"adresse"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             a.adresse.push_back(adresse_fra(e, es));
                         });
        std::string sv, sp, ss;
        auto* virk = objekt(ob, s, {"virksomhet"}, false, &sv);
        auto* pers = objekt(ob, s, {"person"}, false, &sp);
        auto* samm = objekt(ob, s, {"sammenslutning"}, false, &ss);
        int antall = (virk != nullptr) + (pers != nullptr) + (samm != nullptr);
        if (antall != 1) {
            feil(s, "Nøyaktig én av virksomhet, person og sammenslutning må være angitt");
        }
        if (virk) {
            a.art = Aktoer::Art::Virksomhet;
            a.navn = streng_eller_tom(*virk, sv, {"navn"});
            a.virksomhetstype = streng_eller_tom(*virk, sv, {"virksomhetstype"});
            a.identifikator = identifikator(*virk, sv, {"identifikator"});
        } else if (pers) {
            a.art = Aktoer::Art::Person;
            std::string sn;
            if (auto* pn = objekt(*pers, sp, {"personnavn"}, false, &sn)) {
                a.personnavn = personnavn_fra(*pn, sn);
            }
            a.foedselsdato = dato(*pers, sp, {"foedselsdato", "fødselsdato"}, false);
            a.identifikator = identifikator(*pers, sp, {"identifikator"});
        } else if (samm) {
            a.art = Aktoer::Art::Sammenslutning;
            a.navn = streng_eller_tom(*samm, ss, {"navn"});
            a.identifikator = identifikator(*samm, ss, {"identifikator"});
        }
        return a;
    }

    std::optional<Prosessfullmektig> prosessfullmektig(
        const json::object& o, const std::string& sti,
        std::initializer_list<std::string_view> navn) {
        std::string s;
        auto* ob = objekt(o, sti, navn, false, &s);
        if (!ob) return std::nullopt;
        Prosessfullmektig p;
        std::string sa;
        if (auto* a = objekt(*ob, s, {"prosessfullmektig"}, true, &sa)) {
            p.prosessfullmektig = aktoer_fra(*a, sa);
        } else {
            return std::nullopt;
        }
        std::string sb;
        if (auto* b = objekt(*ob, s, {"bevillingshaver"}, false, &sb)) {
            Bevillingshaver bh;
            std::string sn;
            if (auto* n = objekt(*b, sb, {"navn"}, false, &sn)) bh.navn = personnavn_fra(*n, sn);
            bh.inkassobevillingshaver_nummer =
                streng_eller_tom(*b, sb, {"inkassobevillingshaverNummer"});
            p.bevillingshaver = bh;
        }
        std::string sf;
        if (auto* f = objekt(*ob, s, {"fullmakt"}, false, &sf)) {
            Fullmakt fm;
            fm.fra_dato = dato(*f, sf, {"fraDato"}, false);
            fm.til_dato = dato(*f, sf, {"tilDato"}, false);
            fm.fullmakt = vedlegg(*f, sf, {"fullmakt"}, false);
            p.fullmakt = fm;
        }
        return p;
    }

    std::optional<Kravdetaljer> kravdetaljer(const json::object& o, const std::string& sti,
                                             std::string* tekst_ut) {
        auto s = streng(o, sti, {"kravdetaljer"}, true);
        if (!s) return std::nullopt;
        *tekst_ut = *s;
        // [INFER] The code list kravdetaljerUtleggsbegjaering is unpublished; these are the values
        // seen in examples and named in the documentation (SPEC §6.4).
        static const std::vector<std::pair<std::string_view, Kravdetaljer>> kVerdier = {
            {"Hovedkrav", Kravdetaljer::Hovedkrav},
            {"Hovedstol", Kravdetaljer::Hovedkrav},
            {"Rentekrav", Kravdetaljer::Rentekrav},
            {"UtenrettsligeKostnader", Kravdetaljer::UtenrettsligeKostnader},
            {"TidligereRettsligeSakskostnader", Kravdetaljer::TidligereRettsligeSakskostnader},
            {"SakskostnaderForSkriving", Kravdetaljer::SakskostnaderForSkriving},
            {"Gebyr", Kravdetaljer::Gebyr},
        };
        for (auto& [navn, k] : kVerdier) {
            if (*s == navn) return k;
        }
        std::vector<std::string_view> navn;
        for (auto& e : kVerdier) navn.push_back(e.first);
        feil(sti + ".kravdetaljer",
             fmt::format("Ugyldig verdi '{}'; tillatte verdier: {}", *s, liste_tekst(navn)));
        return std::nullopt;
    }

    std::optional<Prosent> prosent(const json::object& o, const std::string& sti,
                                   std::initializer_list<std::string_view> navn) {
        auto f = finn(o, sti, navn);
        if (!f) return std::nullopt;
        auto h = hundredeler(f);
        if (!h) return std::nullopt;
        return Prosent{h->verdi, h->gyldig, h->tekst};
    }

    Krav krav_fra(const json::object& ob, const std::string& s) {
        Krav k;
        // SPEC §6.9: kravreferanse (0.9) was renamed innsendersKravreferanse (1.0).
        k.kravreferanse =
            streng(ob, s, {"innsendersKravreferanse", "kravreferanse"}, true).value_or("");
        if (auto kd = kravdetaljer(ob, s, &k.kravdetaljer_tekst)) k.kravdetaljer = *kd;
        k.kravbeskrivelse = streng_eller_tom(ob, s, {"kravbeskrivelse"});
        std::string sf;
        if (auto* kf = objekt(ob, s, {"kravforfall"}, false, &sf)) {
            k.har_kravforfall = true;
            k.forfallsdato = dato(*kf, sf, {"forfallsdato"}, false);
        }
        k.opprinnelig_beloep =
            beloep_valuta(ob, s, {"opprinneligBeloep", "opprinneligBeløp"}, false);
        k.gjenstaaende_beloep =
            beloep_valuta(ob, s, {"gjenstaaendeBeloep", "gjenståendeBeløp"}, false);
        for_hvert_objekt(ob, s, {"innbetaling"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             auto d = dato(e, es, {"bokfoertDato"}, true);
                             auto b = beloep_valuta(e, es, {"beloep", "beløp"}, true);
                             if (d && b) k.innbetaling.push_back(Innbetaling{*d, *b});
                         });
        k.prioritet_dekningsloven =
            enum_verdi(ob, s, {"prioritetDekningsloven"}, false, kPrioritetDekningsloven)
                .value_or("");
        k.prioritet_i_sak = prioritet(ob, s, {"prioritetISak"});
        k.relatert_krav = strenger(ob, s, {"relatertKrav"}, false);
        std::string sr;
        if (auto* r = objekt(ob, s, {"rentekrav", "erRentekrav"}, false, &sr)) {
            Rentekrav rk;
            std::string sp;
            if (auto* p = objekt(*r, sr, {"rentePeriode", "renteperiode"}, false, &sp)) {
                // SPEC §6.9 (1.1): startDato in Datoperiode is required.
                rk.startdato = dato(*p, sp, {"startdato", "startDato"}, true);
                rk.sluttdato = dato(*p, sp, {"sluttdato", "sluttDato"}, false);
            }
            k.rentekrav = rk;
        }
        std::string so;
        if (auto* r = objekt(ob, s, {"rentebaerendeKrav", "renteOpplysning"}, false, &so)) {
            RenteOpplysning ro;
            ro.forsinkelsesrente = boolsk(*r, so, {"forsinkelsesrente"}, false).value_or(false);
            ro.avtalt_rentesats = prosent(*r, so, {"avtaltRentesats"});
            ro.prioritet_i_sak_fremtidig_rentekrav =
                prioritet(*r, so, {"prioritetISakFremtidigRentekrav"});
            k.rente_opplysning = ro;
        }
        for_hvert_objekt(ob, s, {"betalingsoppfordring"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             Betalingsoppfordring b;
                             b.betalingsfrist = dato(e, es, {"betalingsfrist"}, false);
                             b.brevdato = dato(e, es, {"brevdato"}, false);
                             b.betalingsoppfordring =
                                 vedlegg(e, es, {"betalingsoppfordring"}, false);
                             k.betalingsoppfordring.push_back(std::move(b));
                         });
        for_hvert_objekt(ob, s, {"transporterklaering", "transporterklæring"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             Transporterklaering t;
                             t.dato = dato(e, es, {"dato"}, false);
                             t.beloep = beloep_valuta(e, es, {"beloep", "beløp"}, false);
                             t.transporterklaering = vedlegg(
                                 e, es, {"transporterklaering", "transporterklæring"}, false);
                             k.transporterklaering.push_back(std::move(t));
                         });
        for_hvert_objekt(ob, s, {"tilleggsfristForeldelse"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             enum_verdi(e, es, {"grunnlag"}, true, kTilleggsfristGrunnlag);
                             dato(e, es, {"dato"}, false);
                         });
        k.kravgrunnlagsidentifikator = streng_eller_tom(ob, s, {"kravgrunnlagsidentifikator"});
        return k;
    }

    BegjaeringensTvangsgrunnlag tvangsgrunnlag_fra(const json::object& ob, const std::string& s) {
        BegjaeringensTvangsgrunnlag t;
        t.innsenders_kravreferanse = strenger(ob, s, {"innsendersKravreferanse"}, true);
        t.ekstern_saksreferanse = streng_eller_tom(ob, s, {"eksternSaksreferanse"});
        t.tvangsgrunnlagsdato = dato(ob, s, {"tvangsgrunnlagsdato"}, false);
        t.betegnelse_av_tvangsgrunnlag = streng_eller_tom(ob, s, {"betegnelseAvTvangsgrunnlag"});
        t.tvangsgrunnlag = vedlegg(ob, s, {"tvangsgrunnlag"}, false);
        for_hvert_objekt(
            ob, s, {"varsel"}, false, false, [&](const json::object& e, const std::string& es) {
                Varsel v;
                v.dato = dato(e, es, {"dato"}, false);
                v.type = enum_verdi(e, es, {"type"}, true, kVarseltyper).value_or("");
                // [INFER] 2.0 renamed the class Tvangskraftgrunnlag to Varsel; the
                // attachment property may follow, so accept both names.
                v.tvangskraftgrunnlag = vedlegg(e, es, {"tvangskraftgrunnlag", "varsel"}, false);
                t.varsel.push_back(std::move(v));
            });
        t.begrunnelse_unnlat_varsel =
            enum_verdi(ob, s, {"begrunnelseUnnlatVarsel", "begrunnelseUnnlattVarsel"}, false,
                       kBegrunnelserUnnlatVarsel)
                .value_or("");
        std::string sa, ss;
        auto* alm = objekt(ob, s, {"alminneligTvangsgrunnlag"}, false, &sa);
        auto* saer = objekt(ob, s, {"saerligTvangsgrunnlag", "særligTvangsgrunnlag"}, false, &ss);
        if ((alm != nullptr) == (saer != nullptr)) {
            feil(s,
                 "Nøyaktig én av alminneligTvangsgrunnlag og saerligTvangsgrunnlag må være angitt");
        }
        if (alm) {
            AlminneligTvangsgrunnlag a;
            a.type = enum_verdi(*alm, sa, {"type"}, true, kAlminneligeTyper).value_or("");
            t.alminnelig_tvangsgrunnlag = a;
        }
        if (saer) t.saerlig_tvangsgrunnlag = saerlig_fra(*saer, ss);
        return t;
    }

    SaerligTvangsgrunnlag saerlig_fra(const json::object& ob, const std::string& s) {
        SaerligTvangsgrunnlag st;
        for_hvert_objekt(ob, s, {"skyldner"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             if (auto id = identifikator_fra(e, es)) st.skyldner.push_back(*id);
                         });
        for_hvert_objekt(ob, s, {"kreditor"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             if (auto id = identifikator_fra(e, es)) st.kreditor.push_back(*id);
                         });
        int antall = 0;
        for (auto v : kSaerligeVarianter) {
            if (auto f = finn(ob, s, {v}); f) {
                ++antall;
                st.variant = std::string(v);
            }
        }
        if (antall != 1) {
            feil(s,
                 fmt::format("Nøyaktig én av {} må være angitt", liste_tekst(kSaerligeVarianter)));
        }
        std::string sm;
        if (auto* m = objekt(ob, s, {"skriftligMeddelelse"}, false, &sm)) {
            SkriftligMeddelelse meld;
            meld.kan_behandles_i_forliksraadet =
                boolsk(*m, sm, {"kanBehandlesIForliksraadet"}, false);
            meld.paastand = streng_eller_tom(*m, sm, {"paastand", "påstand"});
            boolsk(*m, sm, {"krevesFravaersdom"}, false);
            std::string sf;
            if (auto* fm = objekt(*m, sm, {"forsendelsesmaate"}, false, &sf)) {
                std::string sk;
                // SPEC ambiguity 12: the examples spell this with and without a capital A, and
                // 1.0 renamed it alternativElektroniskForsendelsesmåte.
                if (auto* k = objekt(*fm, sf,
                                     {"alternativElektroniskKanalForMeddelelse",
                                      "AlternativElektroniskKanalForMeddelelse",
                                      "alternativElektroniskForsendelsesmaate",
                                      "alternativElektroniskForesendelsesmaate",
                                      "alternativElektroniskForsendelsesmåte",
                                      "alternativElektroniskForesendelsesmåte"},
                                     false, &sk)) {
                    meld.aksept_kanalvalg = vedlegg(*k, sk, {"akseptKanalvalg"}, false);
                }
            }
            st.skriftlig_meddelelse = meld;
        }
        return st;
    }

    Utleggsbegjaering rot(const json::object& o, Modell m) {
        const std::string s = "$";
        Utleggsbegjaering b;
        b.modell = m;
        for_hvert_objekt(
            o, s, {"saksoeker"}, true, true, [&](const json::object& e, const std::string& es) {
                Saksoeker sk;
                std::string sa;
                if (auto* a = objekt(e, es, {"saksoeker"}, true, &sa)) {
                    sk.saksoeker = aktoer_fra(*a, sa);
                }
                sk.prosessfullmektig =
                    prosessfullmektig(e, es, {"saksoekersProsessfullmektig", "prosessfullmektig"});
                b.saksoeker.push_back(std::move(sk));
            });
        for_hvert_objekt(
            o, s, {"saksoekt"}, true, true, [&](const json::object& e, const std::string& es) {
                Saksoekt sk;
                std::string sa;
                if (auto* a = objekt(e, es, {"saksoekt"}, true, &sa)) {
                    sk.saksoekt = aktoer_fra(*a, sa);
                }
                sk.prosessfullmektig =
                    prosessfullmektig(e, es, {"saksoektesProsessfullmektig", "prosessfullmektig"});
                b.saksoekt.push_back(std::move(sk));
            });
        std::string si;
        if (auto* inn = objekt(o, s, {"innsender"}, false, &si)) {
            Innsender in;
            std::string sa;
            if (auto* a = objekt(*inn, si, {"innsender"}, false, &sa)) {
                in.innsender = aktoer_fra(*a, sa);
                in.prosessfullmektig = prosessfullmektig(
                    *inn, si, {"innsendersProsessfullmektig", "prosessfullmektig"});
                in.saksbehandler = streng_eller_tom(*inn, si, {"saksbehandler"});
                b.innsender = std::move(in);
            }
        }
        b.underskrift = streng_eller_tom(o, s, {"underskrift"}, true);
        // v0 spelled the combined type with a double l; 1.0 fixed it (SPEC §6.4).
        if (auto t = enum_verdi(
                o, s, {"tvangsfullbyrdelsestype"}, true,
                {"utlegg", "utleggOgForliksklageKombinert", "utleggOgForlliksklageKombinert"})) {
            b.tvangsfullbyrdelsestype =
                *t == "utlegg" ? Tvangsfullbyrdelsestype::Utlegg
                               : Tvangsfullbyrdelsestype::UtleggOgForliksklageKombinert;
        }
        if (auto d = dato(o, s, {"begjaeringsdato"}, true)) b.begjaeringsdato_ = *d;
        b.innsender_referanse_ = streng_eller_tom(o, s, {"innsenderReferanse"});
        b.saksreferanse = streng_eller_tom(o, s, {"saksreferanse"});
        for_hvert_objekt(o, s, {"begjaeringensTvangsgrunnlag"}, true, true,
                         [&](const json::object& e, const std::string& es) {
                             b.begjaeringens_tvangsgrunnlag.push_back(tvangsgrunnlag_fra(e, es));
                         });
        // An empty or missing list is rule MANGLER_KRAV, not a schema error.
        for_hvert_objekt(o, s, {"kravTilInnkreving"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             b.krav_til_innkreving.push_back(krav_fra(e, es));
                         });
        auto rg = finn(o, s, {"kreverRettsgebyrErstattet"});
        if (rg) {
            if (rg.v->is_bool()) {
                b.krever_rettsgebyr_erstattet = rg.v->get_bool();
            } else if (rg.v->is_object()) {
                // [INFER] 1.1 object shape is unpublished; we read an optional flag and the
                // two priorities named in the change log.
                const auto& ro = rg.v->get_object();
                b.rettsgebyr_som_objekt = true;
                b.krever_rettsgebyr_erstattet =
                    boolsk(ro, rg.sti, {"kreverRettsgebyrErstattet", "erstattes"}, false)
                        .value_or(true);
                b.prioritet_i_sak_rettsgebyr = prioritet(ro, rg.sti, {"prioritetISak"});
                b.prioritet_i_sak_fremtidig_rentekrav =
                    prioritet(ro, rg.sti, {"prioritetISakFremtidigRentekrav"});
            } else {
                feil_type(rg, "sann/usann eller objekt");
            }
        }
        std::string sb;
        if (auto* bi = objekt(o, s, {"betalingsinformasjon"}, false, &sb)) {
            b.har_betalingsinformasjon = true;
            std::string sk;
            if (auto* k = objekt(*bi, sb, {"norskKonto"}, false, &sk)) {
                NorskKonto nk;
                // All optional here: an empty account is MANGELFULLE_KONTOOPPLYSNINGER.
                nk.kontonummer = streng_eller_tom(*k, sk, {"kontonummer"});
                nk.kidnummer = streng_eller_tom(*k, sk, {"kidnummer"});
                nk.bankkode = streng_eller_tom(*k, sk, {"bankkode"});
                nk.bank_navn = streng_eller_tom(*k, sk, {"bankNavn"});
                nk.landkode_bank = streng_eller_tom(*k, sk, {"landkodeBank"});
                nk.kontovaluta = streng_eller_tom(*k, sk, {"kontovaluta"});
                nk.iban = streng_eller_tom(*k, sk, {"iban"});
                nk.bic = streng_eller_tom(*k, sk, {"bic"});
                b.norsk_konto = nk;
            }
        }
        std::string sn;
        if (auto* n = objekt(o, s, {"valgtNamsmannsdistrikt"}, false, &sn)) {
            b.valgt_namsmannsdistrikt = streng_eller_tom(*n, sn, {"namsmannsdistrikt"}, true);
            streng(*n, sn, {"begrunnelse"}, false);
        }
        for_hvert_objekt(o, s, {"vedlegg"}, false, false,
                         [&](const json::object& e, const std::string& es) {
                             b.vedlegg.push_back(vedlegg_fra(e, es));
                         });
        b.ber_om_innkalling_til_moete = boolsk(o, s, {"berOmInnkallingTilMoete"}, false);
        streng(o, s, {"berOmInnkallingTilMoeteMedBegrunnelse"}, false);
        streng(o, s, {"berOmUnnlattForeleggelseMedBegrunnelse"}, false);
        b.spesiell_utleggsgjenstand = strenger(o, s, {"spesiellUtleggsgjenstand"}, false);
        return b;
    }
};

}  // namespace

const std::string& Aktoer::id() const {
    static const std::string kTom;
    return identifikator ? identifikator->verdi : kTom;
}

std::string Aktoer::visningsnavn() const {
    if (art != Art::Person) return navn;
    std::string n = personnavn.fornavn;
    if (!personnavn.mellomnavn.empty()) n += " " + personnavn.mellomnavn;
    if (!personnavn.etternavn.empty()) n += (n.empty() ? "" : " ") + personnavn.etternavn;
    return n;
}

std::string Utleggsbegjaering::innsender_org() const {
    return innsender ? innsender->innsender.id() : std::string();
}

std::vector<std::string> Utleggsbegjaering::saksoekt_identifikatorer() const {
    std::vector<std::string> ut;
    for (const auto& s : saksoekt) {
        if (!s.saksoekt.id().empty()) ut.push_back(s.saksoekt.id());
    }
    return ut;
}

std::vector<std::string> Utleggsbegjaering::vedlegg_uuider() const {
    std::vector<std::string> ut;
    std::set<std::string> sett;
    for (const auto& r : alle_vedlegg(*this)) {
        const auto& u = r.vedlegg->uuid;
        if (!u.empty() && sett.insert(u).second) ut.push_back(u);
    }
    return ut;
}

const Krav* Utleggsbegjaering::finn_krav(std::string_view ref) const {
    for (const auto& k : krav_til_innkreving) {
        if (k.kravreferanse == ref) return &k;
    }
    return nullptr;
}

bool er_vedleggstype(std::string_view type) {
    return std::find(kVedleggtyper.begin(), kVedleggtyper.end(), type) != kVedleggtyper.end();
}

std::vector<VedleggReferanse> alle_vedlegg(const Utleggsbegjaering& b) {
    std::vector<VedleggReferanse> ut;
    auto legg_til = [&](const std::optional<Vedlegg>& v, std::string sti, std::string type) {
        if (v) ut.push_back({std::move(sti), std::move(type), &*v});
    };
    auto fullmektig = [&](const std::optional<Prosessfullmektig>& p, const std::string& sti) {
        if (p && p->fullmakt)
            legg_til(p->fullmakt->fullmakt, sti + ".fullmakt.fullmakt", "fullmakt");
    };
    for (std::size_t i = 0; i < b.saksoeker.size(); ++i) {
        fullmektig(b.saksoeker[i].prosessfullmektig,
                   fmt::format("$.saksoeker[{}].prosessfullmektig", i));
    }
    for (std::size_t i = 0; i < b.saksoekt.size(); ++i) {
        fullmektig(b.saksoekt[i].prosessfullmektig,
                   fmt::format("$.saksoekt[{}].prosessfullmektig", i));
    }
    if (b.innsender) fullmektig(b.innsender->prosessfullmektig, "$.innsender.prosessfullmektig");
    for (std::size_t i = 0; i < b.begjaeringens_tvangsgrunnlag.size(); ++i) {
        const auto& t = b.begjaeringens_tvangsgrunnlag[i];
        auto s = fmt::format("$.begjaeringensTvangsgrunnlag[{}]", i);
        legg_til(t.tvangsgrunnlag, s + ".tvangsgrunnlag", "tvangsgrunnlag");
        for (std::size_t j = 0; j < t.varsel.size(); ++j) {
            legg_til(t.varsel[j].tvangskraftgrunnlag,
                     fmt::format("{}.varsel[{}].tvangskraftgrunnlag", s, j), "tvangskraftgrunnlag");
        }
        if (t.saerlig_tvangsgrunnlag && t.saerlig_tvangsgrunnlag->skriftlig_meddelelse) {
            legg_til(t.saerlig_tvangsgrunnlag->skriftlig_meddelelse->aksept_kanalvalg,
                     s + ".saerligTvangsgrunnlag.skriftligMeddelelse.forsendelsesmaate."
                         "alternativElektroniskKanalForMeddelelse.akseptKanalvalg",
                     "");
        }
    }
    for (std::size_t i = 0; i < b.krav_til_innkreving.size(); ++i) {
        const auto& k = b.krav_til_innkreving[i];
        auto s = fmt::format("$.kravTilInnkreving[{}]", i);
        for (std::size_t j = 0; j < k.betalingsoppfordring.size(); ++j) {
            legg_til(k.betalingsoppfordring[j].betalingsoppfordring,
                     fmt::format("{}.betalingsoppfordring[{}].betalingsoppfordring", s, j),
                     "betalingsoppfordring");
        }
        for (std::size_t j = 0; j < k.transporterklaering.size(); ++j) {
            legg_til(k.transporterklaering[j].transporterklaering,
                     fmt::format("{}.transporterklaering[{}].transporterklaering", s, j),
                     "transporterklæring");
        }
    }
    for (std::size_t i = 0; i < b.vedlegg.size(); ++i) {
        ut.push_back({fmt::format("$.vedlegg[{}]", i), "", &b.vedlegg[i]});
    }
    return ut;
}

std::string_view tekst(Kravdetaljer k) {
    switch (k) {
        case Kravdetaljer::Hovedkrav:
            return "Hovedkrav";
        case Kravdetaljer::Rentekrav:
            return "Rentekrav";
        case Kravdetaljer::UtenrettsligeKostnader:
            return "UtenrettsligeKostnader";
        case Kravdetaljer::TidligereRettsligeSakskostnader:
            return "TidligereRettsligeSakskostnader";
        case Kravdetaljer::SakskostnaderForSkriving:
            return "SakskostnaderForSkriving";
        case Kravdetaljer::Gebyr:
            return "Gebyr";
    }
    return "";
}

Result<Utleggsbegjaering, std::vector<SkjemaFeil>> parse_utleggsbegjaering(std::string_view tekst,
                                                                           Modell m) {
    json::parse_options opts;
    // Deep nesting is an attack, not a petition; the real document is about 10 levels deep.
    opts.max_depth = 64;
    boost::system::error_code ec;
    // The tree lives only while it is read into the petition: one arena per parse, reused by the
    // thread, instead of an allocation per value (a petition has hundreds).
    constexpr std::size_t kArena = 64 * 1024;
    thread_local std::unique_ptr<unsigned char[]> arena(new unsigned char[kArena]);
    json::monotonic_resource mr(arena.get(), kArena);
    json::value v = json::parse(tekst, ec, &mr, opts);
    if (ec) {
        return std::vector<SkjemaFeil>{{"$", fmt::format("Ugyldig JSON: {}", ec.message())}};
    }
    if (!v.is_object()) {
        return std::vector<SkjemaFeil>{
            {"$", fmt::format("Forventet objekt, fikk {}", kind_tekst(v.kind()))}};
    }
    Leser l;
    auto b = l.rot(v.get_object(), m);
    if (!l.feil_.empty()) return std::move(l.feil_);
    return b;
}

}  // namespace skd::utlegg
