// Layer 2 of utleggsbegjæring validation: the business rules of SPEC §6.7 as one table.
// Each rule is a pure function of the petition and a RegelKontekst holding everything outside
// the petition (token org, today, register, attachments, earlier versions). No I/O here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dato.hpp"
#include "domain/utlegg/utleggsbegjaering.hpp"

namespace skd::utlegg {

// One finding for the problem detail's kontrollutslag[] (SPEC §1.3).
struct Kontrollutslag {
    std::string kode;         // rule name, SPEC §6.7
    std::string melding;      // precise Norwegian text with the values filled in
    std::string beskrivelse;  // the rule's general description
};

// The party register (Enhetsregisteret/Folkeregisteret stand-in). Implementations must be
// safe to call from the thread running the rules; calls are cheap lookups.
struct PartRegister {
    virtual ~PartRegister() = default;
    virtual bool finnes(std::string_view identifikator) const = 0;
    virtual bool er_hovedenhet(std::string_view orgnr) const = 0;
    virtual bool er_enk(std::string_view orgnr) const = 0;
    // SPEC §6.8: debtor locked to the old regime (ELSA).
    virtual bool gammelt_regelverk(std::string_view identifikator) const = 0;
    virtual bool er_inkassobyraa(std::string_view orgnr) const = 0;
};

struct TidligereInnsending {
    std::string ekstern_saksreferanse;
    std::string status;  // "mottatt" | "under_behandling" | "avsluttet" ...
};

struct VedleggInfo {
    std::string uuid;
    std::string ekstern_saksreferanse_eller_tom;  // case the attachment was bound to, "" if none
    std::string status;                           // "klar" | "feilet" | "behandles" | "slettet"
    std::string type;
};

struct RegelKontekst {
    std::string paalogget_org;                   // acting organisation from the token
    Dato i_dag = Dato::fra_dager(0);             // from the injectable clock
    bool er_endring = false;                     // PUT change / valider change
    const Utleggsbegjaering* forrige = nullptr;  // previous version when er_endring
    std::optional<std::string> forrige_status;   // case state when er_endring
    bool har_ubehandlet_innsending = false;      // UAVKLART_STATUS
    // DUPLIKAT_INNSENDING lookup on (begjaeringsdato, innsenderReferanse). Unset = no duplicates.
    std::function<bool(const Utleggsbegjaering&)> er_duplikat;
    // Unset = attachments are not checked.
    std::function<std::optional<VedleggInfo>(std::string_view uuid)> finn_vedlegg;
    // Null = register rules are skipped. (Not `register`: that is a reserved C++ keyword.)
    const PartRegister* partregister = nullptr;
    // Sandbox (Skatteetaten's test environment, where any Tenor organisation may submit): every
    // syntactically valid organisation number identifies an innsender, registered or not.
    bool sandkasse = false;
    // [INFER] The case being changed ("" for a new petition): an attachment bound to another
    // case breaks VEDLEGG_SKAL_HA_REFERANSE_TIL_BEGJAERINGEN.
    std::string ekstern_saksreferanse;
};

struct Regel {
    std::string_view kode;
    std::string_view beskrivelse;
    bool kun_endring;
    // "409" for DUPLIKAT_INNSENDING, UAVKLART_STATUS, UGYLDIG_STATUS; "" otherwise.
    std::string_view konflikt_kategori;
    // Returns one entry per broken instance. kjoer_regler() fills in kode and beskrivelse, so
    // a check only has to write `melding`.
    std::function<std::vector<Kontrollutslag>(const Utleggsbegjaering&, const RegelKontekst&)>
        sjekk;
};

// The one rule table, in SPEC §6.7 order. Adding a rule = one entry here plus one test.
const std::vector<Regel>& regler();

// Runs every rule that applies (kun_endring rules only when ctx.er_endring), in table order.
std::vector<Kontrollutslag> kjoer_regler(const Utleggsbegjaering& b, const RegelKontekst& ctx);

// True for the codes that mean "conflict" (HTTP 409 when the server distinguishes them).
bool er_konflikt(const Kontrollutslag& k);

}  // namespace skd::utlegg
