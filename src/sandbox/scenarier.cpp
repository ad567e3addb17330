#include "sandbox/scenarier.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace skd::sandbox {

namespace {

// SPEC §6.8: synthetic persons and organisations Skatteetaten locks to the old regime.
const std::string_view kGammeltRegelverkPersoner[] = {
    "08907395937", "25876099732", "10866995732", "16826098795", "23815198670", "07854498589",
    "30844996450", "07865697079", "11830099524", "19845596576", "28890199277", "07871349252",
    "16818999775", "16830648546", "16851598123", "04929698350", "16906796930", "26876898178",
    "28906599823", "08846599399", "22849499118", "11909096741", "29865399209", "11865395304",
    "30830248842", "26883848240", "23882748456", "16868196126", "05820398698", "10878699314",
    "16922749950", "10921498832", "29865196391", "18888897832", "22865996385", "06818597124",
    "17836595742", "19836199688", "29845999587", "16821748686", "17863349532", "24821698924",
    "19872849567", "24921296564", "24912847973", "05876196907", "05812249675", "17923249419",
    "01874798416", "19870199417", "30845698860", "12880899218", "11838597957", "23874398381",
    "27817897210", "14813048990", "08921849002", "08859999760", "20903549832", "28909198889",
    "03900899547", "03859899098", "15863949308", "13850597132", "03815796623", "19928099914",
    "19845097103", "01925299312", "12915598682", "23871899428", "04928798777", "10876096043",
    "17836196724", "15920598568", "13917499602", "17870899041", "01843747953", "26816797666",
    "05889499062", "06861648492", "18879499808", "15865898816", "13864699671", "14857098634",
    "28860999163", "27885496518", "18831049835", "24918696535", "17814398307", "05845399583",
    "21864699321", "29861348812", "12882349347", "22883348633", "11814996982", "15852247433",
    "13816197753", "12845699338", "07859999993", "19849997931",
};
const std::string_view kGammeltRegelverkOrganisasjoner[] = {
    "313159949", "310844136", "213144502", "312387921", "310222186", "214313502", "311689916",
    "312399970", "213913662", "313185486", "314053885", "315658438", "310777609", "315687845",
    "214659352", "315791677", "315723310", "315139368", "311171941", "310382825", "311136380",
    "315921953", "310598380", "311514709", "315844827", "213732692", "310454680", "312084414",
    "213668722", "313377741", "313388840", "313388700", "310380172", "312981432", "311040065",
    "313474127", "312653834", "311790161", "311784307", "312324431", "310007501", "315835038",
    "311257145", "311243063", "314162730", "315288754", "312865025", "313588815", "313667634",
    "315226805", "313715183", "312752182", "311109383", "313532240", "210008292", "312362945",
    "315484944", "314784235", "214147572", "314883462", "310133019", "314272064", "310203564",
    "310485519", "313032779", "312206331", "315609739", "313638480", "311363956", "310468126",
    "310061018", "315730570", "311327313", "312250705", "313270300", "310601284", "313225941",
    "310506028", "311370308", "312522039", "310125962", "314787811", "315705738", "313589404",
    "310111856", "314839382", "213973932", "310777277", "311788388", "311054244", "311779834",
    "314386930", "313836274", "311297384", "215026272", "214752972", "310963089", "310407577",
    "312356090", "313279472",
};

std::vector<ScenarioIdentifikator> bygg() {
    std::vector<ScenarioIdentifikator> v = {
        {"319999000", Scenario::IngenData, "ingen_data",
         "Organisasjon som ikke finnes: hvert API svarer med sin «fant ikke»-kode"},
        {"01818010083", Scenario::IngenData, "ingen_data",
         "Person som ikke finnes: hvert API svarer med sin «fant ikke»-kode"},
        {"02818010012", Scenario::Fortrolig, "fortrolig", "Person med fortrolig adresse"},
        {"03818010051", Scenario::StrengtFortrolig, "strengt_fortrolig",
         "Person med strengt fortrolig adresse"},
        {"319999019", Scenario::Enk, "enk", "Enkeltpersonforetak med eier"},
        {"319999027", Scenario::Underenhet, "underenhet", "Underenhet (ikke hovedenhet)"},
        {"319999035", Scenario::Inkassobyraa, "inkassobyraa", "Inkassobyrå med bevilling"},
        {"04818010090", Scenario::EndretOppgjoer, "endret_oppgjoer",
         "Person med endret skatteoppgjør (NY og ENDRET i hendelsesstrømmen)"},
        {"319999043", Scenario::TusenvisAvKrav, "tusenvis_av_krav", "Organisasjon med 3 000 krav"},
        {"319999051", Scenario::Bakendfeil, "bakendfeil",
         "Hvert API svarer 500 med sin kode for feil i bakenforliggende system (-002, ellers "
         "DAS-003)"},
        {"05818010100", Scenario::Bakendfeil, "bakendfeil",
         "Hvert API svarer 500 med sin kode for feil i bakenforliggende system (-002, ellers "
         "DAS-003)"},
        {"319999078", Scenario::UventetFeil, "uventet_feil",
         "Hvert API svarer 500 med sin kode for uventet feil (-001)"},
        {"07818010189", Scenario::UventetFeil, "uventet_feil",
         "Hvert API svarer 500 med sin kode for uventet feil (-001)"},
        {"319999086", Scenario::Treg, "treg", "Svaret kommer etter 5 sekunder"},
        {"06818010069", Scenario::Treg, "treg", "Svaret kommer etter 5 sekunder"},
    };
    for (auto id : kGammeltRegelverkOrganisasjoner)
        v.push_back({id, Scenario::GammeltRegelverk, "gammelt_regelverk",
                     "Organisasjon låst til gammelt regelverk (Skatteetatens liste)"});
    for (auto id : kGammeltRegelverkPersoner)
        v.push_back({id, Scenario::GammeltRegelverk, "gammelt_regelverk",
                     "Person låst til gammelt regelverk (Skatteetatens liste)"});
    return v;
}

}  // namespace

const std::vector<ScenarioIdentifikator>& scenarier() {
    static const std::vector<ScenarioIdentifikator> v = bygg();
    return v;
}

std::optional<Scenario> scenario_for(std::string_view id) {
    static const std::unordered_map<std::string_view, Scenario> m = [] {
        std::unordered_map<std::string_view, Scenario> r;
        for (const auto& s : scenarier()) r.emplace(s.identifikator, s.scenario);
        return r;
    }();
    auto it = m.find(id);
    if (it == m.end()) return std::nullopt;
    return it->second;
}

std::string_view navn(Scenario s) {
    for (const auto& x : scenarier())
        if (x.scenario == s) return x.navn;
    return {};
}

}  // namespace skd::sandbox
