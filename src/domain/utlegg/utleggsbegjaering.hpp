// Utleggsbegjaering: the parsed petition for distraint and its syntax/schema layer (layer 1).
// Model 0.9 (/v1) and 1.0-2.0 (/v2) spellings are normalised into one C++ field each, so the
// rule engine (regler.hpp) never sees which name the client used.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/beloep.hpp"
#include "core/dato.hpp"
#include "core/result.hpp"

namespace skd::utlegg {

// SPEC §6.9, ambiguity 9/12: /v1 = model 0.9 (the official example files); /v2 = model
// 1.0-2.0. Both parsers accept both spellings; the model only changes a few rules.
enum class Modell { V1_0_9, V2 };

// One syntax or schema finding. `sti` is a JSON path such as
// "$.kravTilInnkreving[0].opprinneligBeloep.beloep", spelled with the name the client sent.
struct SkjemaFeil {
    std::string sti;
    std::string melding;
};

struct Vedlegg {
    std::string type;  // betalingsoppfordring, fullmakt, transporterklæring, ... annet
    std::string filnavn;
    std::string uuid;  // empty when missing (rule VEDLEGG_SKAL_HA_UUID)
};

struct Identifikator {
    std::string identifikatortype;
    std::string verdi;
    std::string landkode;
};

struct AdresseInnland {
    std::string kommunenummer;
    std::string postnummer;
    std::string adressetekst;
    std::string poststedsnavn;
};

struct AdresseUtland {
    std::string adressetekst;
    std::string poststed_utland;
    std::string landkode;
    std::string postnummer_utland;
};

struct Adresse {
    std::string
        adressetype;  // bopelsadresse, postadresse, forretningsadresse, postboks, ukjentBosted
    std::optional<AdresseInnland> adresse_innland;
    std::optional<AdresseUtland> adresse_utland;
    bool ukjent_bosted = false;
};

struct Personnavn {
    std::string fornavn;
    std::string etternavn;
    std::string mellomnavn;
};

// Saksøker, saksøkt, innsender or prosessfullmektig. Exactly one of virksomhet / person /
// sammenslutning is given (checked in layer 1).
struct Aktoer {
    enum class Art { Virksomhet, Person, Sammenslutning };
    Art art = Art::Virksomhet;
    std::vector<Adresse> adresse;
    std::string navn;             // virksomhet / sammenslutning
    std::string virksomhetstype;  // e.g. "inkassovirksomhet"
    Personnavn personnavn;        // person
    std::optional<Dato> foedselsdato;
    std::optional<Identifikator> identifikator;

    bool er_person() const { return art == Art::Person; }
    // Identifier value, or "" when none was given.
    const std::string& id() const;
    // Display name for messages: organisation name or "fornavn etternavn".
    std::string visningsnavn() const;
};

struct Bevillingshaver {
    Personnavn navn;
    std::string inkassobevillingshaver_nummer;  // removed in 1.0; kept when sent
};

struct Fullmakt {
    std::optional<Dato> fra_dato;
    std::optional<Dato> til_dato;
    std::optional<Vedlegg> fullmakt;
};

struct Prosessfullmektig {
    Aktoer prosessfullmektig;
    std::optional<Bevillingshaver> bevillingshaver;
    std::optional<Fullmakt> fullmakt;
};

struct Saksoeker {
    Aktoer saksoeker;
    std::optional<Prosessfullmektig> prosessfullmektig;  // 1.0: saksoekersProsessfullmektig
};

struct Saksoekt {
    Aktoer saksoekt;
    std::optional<Prosessfullmektig> prosessfullmektig;  // 1.0: saksoektesProsessfullmektig
};

struct Innsender {
    Aktoer innsender;
    std::optional<Prosessfullmektig> prosessfullmektig;  // 1.0: innsendersProsessfullmektig
    std::string saksbehandler;
};

// An amount as sent. `gyldig` is false for negative values or more than two decimals
// (rule UGYLDIG_BELOEP); `beloep` is then the nearest øre and must not be used for sums.
struct BeloepValuta {
    Beloep beloep;
    bool gyldig = true;
    std::string tekst;  // the number as sent, for messages
    std::string valuta;
};

// A percentage in integer hundredths (21.99 % = 2199). `gyldig` as for BeloepValuta
// (UGYLDIG_RENTE).
struct Prosent {
    std::int64_t hundredeler = 0;
    bool gyldig = true;
    std::string tekst;
};

enum class Kravdetaljer {
    Hovedkrav,
    Rentekrav,
    UtenrettsligeKostnader,
    TidligereRettsligeSakskostnader,
    SakskostnaderForSkriving,
    Gebyr,
};

// renteOpplysning (0.9) / rentebaerendeKrav (1.0): the claim bears interest.
struct RenteOpplysning {
    bool forsinkelsesrente = false;
    std::optional<Prosent> avtalt_rentesats;
    std::optional<int> prioritet_i_sak_fremtidig_rentekrav;  // [INFER] 1.1 may give it here too
};

// erRentekrav (0.9) / rentekrav (1.0): this claim is accrued interest.
struct Rentekrav {
    std::optional<Dato> startdato;
    std::optional<Dato> sluttdato;
};

struct Innbetaling {
    Dato bokfoert_dato;
    BeloepValuta beloep;
};

struct Betalingsoppfordring {
    std::optional<Dato> betalingsfrist;
    std::optional<Dato> brevdato;
    std::optional<Vedlegg> betalingsoppfordring;
};

struct Transporterklaering {
    std::optional<Dato> dato;
    std::optional<BeloepValuta> beloep;
    std::optional<Vedlegg> transporterklaering;
};

struct Krav {
    std::string kravreferanse;  // 0.9 kravreferanse / 1.0 innsendersKravreferanse
    Kravdetaljer kravdetaljer = Kravdetaljer::Hovedkrav;
    std::string kravdetaljer_tekst;  // as sent, for messages
    std::string kravbeskrivelse;
    bool har_kravforfall = false;
    std::optional<Dato> forfallsdato;
    std::optional<BeloepValuta> opprinnelig_beloep;
    std::optional<BeloepValuta> gjenstaaende_beloep;
    std::vector<Innbetaling> innbetaling;
    std::string prioritet_dekningsloven;  // a-e or ""
    std::optional<int> prioritet_i_sak;   // 1-99
    std::vector<std::string> relatert_krav;
    std::optional<Rentekrav> rentekrav;
    std::optional<RenteOpplysning> rente_opplysning;
    std::vector<Betalingsoppfordring> betalingsoppfordring;
    std::vector<Transporterklaering> transporterklaering;
    std::string kravgrunnlagsidentifikator;
};

struct Varsel {
    std::optional<Dato> dato;
    std::string type;  // varselTvfbl418, varselTvfbl419, older values
    std::optional<Vedlegg> tvangskraftgrunnlag;
};

struct SkriftligMeddelelse {
    std::optional<bool> kan_behandles_i_forliksraadet;  // required by rule, not by schema
    std::string paastand;
    std::optional<Vedlegg> aksept_kanalvalg;
};

struct SaerligTvangsgrunnlag {
    std::vector<Identifikator> skyldner;
    std::vector<Identifikator> kreditor;
    // Which of skriftligMeddelelse, gjeldsbrev, elektroniskGjeldserklaering,
    // tvangsmulktEllerLovbestemmelse, sjekkEllerVeksel was given.
    std::string variant;
    std::optional<SkriftligMeddelelse> skriftlig_meddelelse;
};

struct AlminneligTvangsgrunnlag {
    std::string type;  // domEllerKjennelse, forelegg, rettsforlik, ...
};

struct BegjaeringensTvangsgrunnlag {
    std::vector<std::string> innsenders_kravreferanse;
    std::string ekstern_saksreferanse;
    std::optional<Dato> tvangsgrunnlagsdato;
    std::string betegnelse_av_tvangsgrunnlag;
    std::optional<Vedlegg> tvangsgrunnlag;
    std::vector<Varsel> varsel;
    std::string begrunnelse_unnlat_varsel;
    std::optional<AlminneligTvangsgrunnlag> alminnelig_tvangsgrunnlag;
    std::optional<SaerligTvangsgrunnlag> saerlig_tvangsgrunnlag;
};

struct NorskKonto {
    std::string kontonummer;
    std::string kidnummer;
    std::string bankkode;
    std::string bank_navn;
    std::string landkode_bank;
    std::string kontovaluta;
    std::string iban;
    std::string bic;
};

enum class Tvangsfullbyrdelsestype { Utlegg, UtleggOgForliksklageKombinert };

struct Utleggsbegjaering {
    Modell modell = Modell::V2;
    std::vector<Saksoeker> saksoeker;
    std::vector<Saksoekt> saksoekt;
    std::optional<Innsender> innsender;  // missing → rule INNSENDER_MANGLER
    std::string underskrift;
    Tvangsfullbyrdelsestype tvangsfullbyrdelsestype = Tvangsfullbyrdelsestype::Utlegg;
    Dato begjaeringsdato_ = Dato::fra_dager(0);
    std::string innsender_referanse_;
    std::string saksreferanse;
    std::vector<BegjaeringensTvangsgrunnlag> begjaeringens_tvangsgrunnlag;
    std::vector<Krav> krav_til_innkreving;  // empty → rule MANGLER_KRAV
    // kreverRettsgebyrErstattet: boolean in 0.9, object in 1.1. Priorities can only be given
    // in the object form, so the PRIORITET_MANGLER_PÅ_* rules look at `rettsgebyr_som_objekt`.
    bool krever_rettsgebyr_erstattet = false;
    bool rettsgebyr_som_objekt = false;
    std::optional<int> prioritet_i_sak_rettsgebyr;
    std::optional<int> prioritet_i_sak_fremtidig_rentekrav;
    bool har_betalingsinformasjon = false;
    std::optional<NorskKonto> norsk_konto;
    std::string valgt_namsmannsdistrikt;
    std::vector<Vedlegg> vedlegg;
    std::optional<bool> ber_om_innkalling_til_moete;
    std::vector<std::string> spesiell_utleggsgjenstand;

    // Accessors the API layer needs.
    std::string innsender_org() const;  // innsender's identifier, "" when missing
    const std::string& innsender_referanse() const { return innsender_referanse_; }
    Dato begjaeringsdato() const { return begjaeringsdato_; }
    std::vector<std::string> saksoekt_identifikatorer() const;  // in order, without blanks
    std::vector<std::string> vedlegg_uuider() const;  // every referenced uuid, once, in order
    const Krav* finn_krav(std::string_view kravreferanse) const;
};

// One attachment reference anywhere in the petition, with the type its slot demands
// ("" for slots that accept any type, e.g. root `vedlegg` and akseptKanalvalg).
struct VedleggReferanse {
    std::string sti;
    std::string paakrevd_type;
    const Vedlegg* vedlegg = nullptr;
};
std::vector<VedleggReferanse> alle_vedlegg(const Utleggsbegjaering& b);

// A Vedlegg.type of SPEC §6.4 (both spellings of transporterklæring).
bool er_vedleggstype(std::string_view type);

// Needed by Result<T, std::vector<SkjemaFeil>>::value() (found by ADL); callers should test
// the result instead of relying on the exception.
[[noreturn]] inline void throw_exception_from_error(const std::vector<SkjemaFeil>& e,
                                                    const boost::source_location&) {
    throw std::invalid_argument(e.empty() ? "Skjemafeil"
                                          : e.front().sti + ": " + e.front().melding);
}

// Layer 1. Rejects malformed JSON, invalid UTF-8, nesting deeper than 64, wrong types,
// missing required fields, bad enums and bad dates. Returns every error found, capped at
// kMaksSkjemaFeil (the last entry then says the list was cut). Never throws on input.
inline constexpr std::size_t kMaksSkjemaFeil = 100;
[[nodiscard]] Result<Utleggsbegjaering, std::vector<SkjemaFeil>> parse_utleggsbegjaering(
    std::string_view json, Modell m);

std::string_view tekst(Kravdetaljer k);

}  // namespace skd::utlegg
