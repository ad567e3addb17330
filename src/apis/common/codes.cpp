#include "apis/common/codes.hpp"

#include <stdexcept>

namespace skd::apis {

CodeTable::CodeTable(std::string_view api, ErrorStyle style,
                     std::initializer_list<CodeEntry> entries)
    : api_(api), style_(style) {
    for (const auto& e : entries) {
        auto i = static_cast<std::size_t>(e.problem);
        by_problem_[i] = e;
        present_[i] = true;
    }
}

const CodeEntry* CodeTable::find(Problem p) const {
    auto i = static_cast<std::size_t>(p);
    return present_[i] ? &by_problem_[i] : nullptr;
}

const CodeEntry* CodeTable::find_kode(std::string_view kode) const {
    for (std::size_t i = 0; i < by_problem_.size(); ++i)
        if (present_[i] && by_problem_[i].kode == kode) return &by_problem_[i];
    return nullptr;
}

ApiError CodeTable::make(Problem p, std::string melding, std::string detail) const {
    const CodeEntry* e = find(p);
    if (!e) e = find(Problem::Unexpected);
    ApiError err;
    err.status = e ? e->status : 500;
    err.kode = e ? e->kode : std::string_view("DAS-001");
    err.melding =
        melding.empty() ? std::string(e ? e->melding : "Uventet feil") : std::move(melding);
    err.detail = std::move(detail);
    return err;
}

namespace {
constexpr std::string_view kUventet = "Uventet feil på tjenesten.";
constexpr std::string_view kBakenfor = "Uventet feil i et bakenforliggende system.";
constexpr std::string_view kUkjentUrl = "Ukjent url benyttet.";
constexpr std::string_view kAutentisering = "Feil i forbindelse med autentisering.";
constexpr std::string_view kAutorisering = "Feil i forbindelse med autorisering.";
constexpr std::string_view kValidering = "Feil i forbindelse med validering av inputdata.";
constexpr std::string_view kSamtykke = "Feil i forbindelse med samtykke.";
constexpr std::string_view kForMange =
    "For mange samtidige kall. Maksimalt antall samtidige kall per API per konsument er nådd.";
constexpr std::string_view kFormat = "Feil tilknyttet dataformat. Kun json eller xml er støttet.";
constexpr std::string_view kMidlertidig =
    "Informasjonen er midlertidig utilgjengelig. Prøv igjen senere.";
}  // namespace

CodeTable standard_table(std::string_view api, const StandardCodes& c) {
    const auto consent = c.consent.empty() ? c.forbidden : c.consent;
    const auto not_found = c.not_found.empty() ? c.unknown_url : c.not_found;
    const auto unknown_party = c.unknown_party.empty() ? not_found : c.unknown_party;
    const auto unknown_party_melding =
        c.unknown_party.empty() ? c.not_found_melding : c.unknown_party_melding;
    const auto backend_melding = c.backend == "DAS-003" ? kMidlertidig : kBakenfor;
    return CodeTable(
        api, ErrorStyle::Standard,
        {{Problem::Unexpected, 500, c.unexpected, kUventet},
         {Problem::Backend, 500, c.backend, backend_melding},
         {Problem::UnknownUrl, 404, c.unknown_url, kUkjentUrl},
         {Problem::Unauthenticated, 401, c.unauthenticated, kAutentisering},
         {Problem::Forbidden, 403, c.forbidden, kAutorisering},
         {Problem::Consent, 403, consent, kSamtykke},
         {Problem::InvalidInput, 400, c.invalid_input, kValidering},
         {Problem::NotFound, 404, not_found, c.not_found_melding},
         {Problem::UnknownParty, 404, unknown_party, unknown_party_melding},
         {Problem::NotAcceptable, 406, c.not_acceptable, kFormat},
         {Problem::MethodNotAllowed, 405, c.unknown_url,
          "Metoden er ikke støttet for denne url-en."},
         {Problem::PayloadTooLarge, 413, c.invalid_input, "Forespørselen er for stor."},
         {Problem::HeaderTooLarge, 431, c.invalid_input, "Forespørselens hoder er for store."},
         {Problem::UnsupportedMedia, 415, c.invalid_input, "Innholdstypen er ikke støttet."},
         {Problem::Gone, 410, not_found, "Dataene er slettet."},
         {Problem::Conflict, 409, c.invalid_input, "Konflikt med eksisterende data."},
         {Problem::Unprocessable, 422, c.invalid_input, kValidering},
         // [INFER] bruk.md documents the limit but no code: a call over it is refused as a
         // condition of use, with the API's authorisation code and status 429.
         {Problem::TooManyRequests, 429, c.forbidden, kForMange}});
}

const CodeTable& das_codes() {
    // SPEC §1.3: DAS-002 unknown URL; the DAS table has no 400/401/406 codes, DAS-001 covers them
    // only for errors that no API owns.
    static const CodeTable t = standard_table("das", {.unexpected = "DAS-001",
                                                      .backend = "DAS-003",
                                                      .unknown_url = "DAS-002",
                                                      .unauthenticated = "DAS-008",
                                                      .forbidden = "DAS-008",
                                                      .invalid_input = "DAS-001",
                                                      .not_acceptable = "DAS-001"});
    return t;
}

}  // namespace skd::apis
