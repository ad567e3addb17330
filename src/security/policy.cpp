#include "security/policy.hpp"

#include <algorithm>

namespace skd::security {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
    std::string r;
    for (const auto& s : v) {
        if (!r.empty()) r += sep;
        r += s;
    }
    return r;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool any_of_in(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string& w) { return contains(have, w); });
}

std::string naa_text(Tidspunkt t) {
    std::string s = t.utc_millis();
    if (auto dot = s.rfind('.'); dot != std::string::npos) s.erase(dot, s.size() - 1 - dot);
    return s;
}

Denial deny(DenialKind k, std::string melding) {
    return Denial{k, std::move(melding)};
}

// A failure with its depth: later checks are more specific, and the deepest failure over all
// Altinn 3 consents in the token is the most useful one to report.
struct Miss {
    int depth;
    std::string melding;
};

std::optional<Miss> check_altinn2(const Altinn2Samtykke& s, const SamtykkeKrav& krav,
                                  std::string_view part, const Claims& claims, Tidspunkt naa) {
    if (!any_of_in(krav.altinn2_tjenester, s.tjenester)) {
        return Miss{0,
                    "Samtykket gjelder ikke tjenesten " + join(krav.altinn2_tjenester, " eller ") +
                        " (gjelder: " + (s.tjenester.empty() ? "ingen" : join(s.tjenester)) + ")"};
    }
    if (s.offered_by != part) {
        return Miss{1, "Samtykket er gitt av " + s.offered_by + ", men oppslaget gjelder " +
                           std::string(part)};
    }
    if (s.covered_by != claims.consumer_org) {
        return Miss{2, "Samtykket er gitt til " + s.covered_by + ", ikke til konsumenten " +
                           claims.consumer_org};
    }
    if (s.valid_to && *s.valid_to <= naa)
        return Miss{3, "Samtykket er utløpt " + naa_text(*s.valid_to)};
    return std::nullopt;
}

std::optional<Miss> check_altinn3(const Altinn3Samtykke& s, const SamtykkeKrav& krav,
                                  std::string_view part, const Claims& claims, Tidspunkt naa) {
    if (!any_of_in(krav.altinn3_ressurser, s.ressurser)) {
        return Miss{0,
                    "Samtykket gjelder ikke ressursen " + join(krav.altinn3_ressurser, " eller ") +
                        " (gjelder: " + (s.ressurser.empty() ? "ingen" : join(s.ressurser)) + ")"};
    }
    if (s.fra_id != part) {
        return Miss{1, "Samtykket er gitt av " +
                           (s.fra_id.empty() ? std::string("(ukjent)") : s.fra_id) +
                           ", men oppslaget gjelder " + std::string(part)};
    }
    if (s.til_org != claims.consumer_org) {
        return Miss{2, "Samtykket er gitt til " +
                           (s.til_org.empty() ? std::string("(ukjent)") : s.til_org) +
                           ", ikke til konsumenten " + claims.consumer_org};
    }
    if (!s.gyldig_til) return Miss{3, "Samtykket mangler gyldighetstid (validTo)"};
    if (*s.gyldig_til <= naa) return Miss{3, "Samtykket er utløpt " + naa_text(*s.gyldig_til)};
    return std::nullopt;
}

std::optional<Denial> check_samtykke(const PackageRule& rule, const PolicyInput& in) {
    const SamtykkeKrav& krav = rule.samtykke;
    const auto& samtykker = in.claims.samtykker;
    if (!in.header_samtykke && samtykker.empty()) {
        std::string how;
        if (!krav.altinn2_tjenester.empty()) {
            how = "AltinnSamtykke-header for tjenesten " + join(krav.altinn2_tjenester, " eller ");
        }
        if (!krav.altinn3_ressurser.empty()) {
            how += std::string(how.empty() ? "" : ", eller ") +
                   "Altinn 3-samtykke i tokenet for ressursen " +
                   join(krav.altinn3_ressurser, " eller ");
        }
        return deny(DenialKind::Samtykke,
                    "Samtykke mangler: rettighetspakken " + rule.navn + " krever " + how);
    }
    if (!in.part) {
        return deny(DenialKind::Samtykke,
                    "Samtykke kan ikke kontrolleres uten en part i oppslaget");
    }
    std::optional<Miss> first;
    // The header is what the client sent explicitly, so its failure is reported first.
    if (in.header_samtykke) {
        auto miss = check_altinn2(*in.header_samtykke, krav, *in.part, in.claims, in.naa);
        if (!miss) return std::nullopt;
        first = std::move(miss);
    }
    std::optional<Miss> best3;
    for (const auto& s : samtykker) {
        auto miss = check_altinn3(s, krav, *in.part, in.claims, in.naa);
        if (!miss) return std::nullopt;
        if (!best3 || miss->depth > best3->depth) best3 = std::move(miss);
    }
    return deny(DenialKind::Samtykke, first ? first->melding : best3->melding);
}

}  // namespace

const PackageRule* rule_for(const Policy& policy, std::optional<std::string_view> pakke) {
    if (!policy.bruker_rettighetspakke)
        return policy.pakker.empty() ? nullptr : &policy.pakker.front();
    if (!pakke) return nullptr;
    for (const auto& p : policy.pakker)
        if (p.navn == *pakke) return &p;
    return nullptr;
}

Result<Identity, Denial> authorise(const Policy& policy, const PolicyInput& in,
                                   const GrantsLookup& grants) {
    const Claims& c = in.claims;
    if (!policy.scopes.empty() &&
        !std::any_of(policy.scopes.begin(), policy.scopes.end(),
                     [&](const std::string& s) { return c.has_scope(s); })) {
        std::string har = c.scopes.empty() ? "ingen" : join(c.scopes, " ");
        if (policy.scopes.size() == 1) {
            return deny(DenialKind::Scope,
                        "Tokenet mangler scope " + policy.scopes[0] + " (har: " + har + ")");
        }
        return deny(DenialKind::Scope, "Tokenet mangler ett av scopene " + join(policy.scopes) +
                                           " (har: " + har + ")");
    }

    const PackageRule* rule = nullptr;
    if (policy.bruker_rettighetspakke) {
        if (!in.pakke || in.pakke->empty()) {
            return deny(DenialKind::UnknownPackage,
                        "Rettighetspakke mangler i " + policy.api + "-API-et");
        }
        for (const auto& p : policy.pakker) {
            if (p.navn == *in.pakke) rule = &p;
        }
        if (!rule) {
            return deny(DenialKind::UnknownPackage, "Rettighetspakken " + std::string(*in.pakke) +
                                                        " finnes ikke i " + policy.api + "-API-et");
        }
    } else if (!policy.pakker.empty()) {
        rule = &policy.pakker.front();
    }

    if (c.systemuser_org && !policy.tillat_systembruker) {
        return deny(DenialKind::Systembruker,
                    policy.api + "-API-et kan ikke brukes med systembruker");
    }

    const std::string& acting = c.acting_org();
    const std::string pakke_navn = rule ? rule->navn : std::string();
    // Whose grant counts: the acting organisation, or for a vendor's package the vendor itself
    // (consumer, or supplier when a vendor calls on a customer's behalf).
    const bool leverandoer = rule && rule->tilgang_for_leverandoer;
    auto har_tilgang = [&] {
        if (!leverandoer) return grants.granted(policy.api, pakke_navn, acting);
        return grants.granted(policy.api, pakke_navn, c.consumer_org) ||
               (c.supplier_org && grants.granted(policy.api, pakke_navn, *c.supplier_org));
    };
    if (policy.krever_tilgang && !in.sandbox && !har_tilgang()) {
        const std::string& hvem =
            leverandoer ? (c.supplier_org ? *c.supplier_org : c.consumer_org) : acting;
        if (pakke_navn.empty()) {
            return deny(
                DenialKind::NotGranted,
                "Organisasjonen " + hvem + " har ikke tilgang til " + policy.api + "-API-et");
        }
        return deny(DenialKind::NotGranted,
                    "Organisasjonen " + hvem + " har ikke tilgang til rettighetspakken " +
                        pakke_navn + " i " + policy.api + "-API-et" +
                        (leverandoer ? " (tilgangen tildeles leverandøren av systemet)" : ""));
    }

    const std::string where =
        pakke_navn.empty() ? policy.api + "-API-et" : "Rettighetspakken " + pakke_navn;
    auto sjekk_systembruker = [&]() -> std::optional<Denial> {
        if (!c.systemuser_org) {
            return deny(DenialKind::Systembruker,
                        where +
                            " krever systembruker (tokenet mangler authorization_details av typen "
                            "urn:altinn:systemuser)");
        }
        if (rule->systembruker_kun_egen_part && !in.systembruker_sjekk_av && in.part &&
            *in.part != *c.systemuser_org) {
            return deny(DenialKind::Systembruker, "Systembrukeren tilhører " + *c.systemuser_org +
                                                      ", men oppslaget gjelder " +
                                                      std::string(*in.part));
        }
        return std::nullopt;
    };

    if (rule && rule->krever_systembruker) {
        if (auto d = sjekk_systembruker()) return *d;
    }

    if (rule && rule->krever_samtykke) {
        if (auto d = check_samtykke(*rule, in)) return *d;
    }

    // Either a system user for the party or a consent from the party (regnskapssystem). A
    // system user is tried first; its failure is reported only when no consent was sent.
    if (rule && rule->samtykke_eller_systembruker) {
        const bool har_samtykke = in.header_samtykke || !c.samtykker.empty();
        std::optional<Denial> sb;
        if (c.systemuser_org) sb = sjekk_systembruker();
        if (c.systemuser_org && !sb) {
            // a valid system user
        } else if (har_samtykke) {
            if (auto d = check_samtykke(*rule, in)) return *d;
        } else if (sb) {
            return *sb;
        } else {
            return deny(DenialKind::Systembruker,
                        where +
                            " krever systembruker (authorization_details av typen "
                            "urn:altinn:systemuser) eller samtykke fra parten (AltinnSamtykke-"
                            "header for tjenesten " +
                            join(rule->samtykke.altinn2_tjenester, " eller ") +
                            ", eller Altinn 3-samtykke i tokenet for ressursen " +
                            join(rule->samtykke.altinn3_ressurser, " eller ") + ")");
        }
    }

    Identity id;
    id.acting_org = acting;
    id.consumer_org = c.consumer_org;
    id.supplier_org = c.supplier_org;
    id.systemuser_org = c.systemuser_org;
    if (rule && !rule->navn.empty()) id.pakke = rule->navn;
    return id;
}

}  // namespace skd::security
