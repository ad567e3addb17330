// Code tables: each API maps every Problem to its own code, HTTP status and default melding.
// A unit test walks every table and fails if a Problem has no mapping.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "apis/common/api_error.hpp"

namespace skd::apis {

enum class ErrorStyle {
    Standard,       // {kode, melding, korrelasjonsid} / <feil>
    ProblemDetail,  // RFC 7807 with kontrollutslag (utleggsbegjæring)
};

struct CodeEntry {
    Problem problem;
    int status;
    std::string_view kode;
    std::string_view melding;
};

class CodeTable {
public:
    CodeTable(std::string_view api, ErrorStyle style, std::initializer_list<CodeEntry> entries);

    // The error for a Problem; an empty melding uses the table's default text.
    ApiError make(Problem p, std::string melding = {}, std::string detail = {}) const;
    const CodeEntry* find(Problem p) const;
    // The entry with this code (the first Problem that maps to it), if the table has it.
    const CodeEntry* find_kode(std::string_view kode) const;
    std::string_view api() const { return api_; }
    ErrorStyle style() const { return style_; }

private:
    std::string_view api_;
    ErrorStyle style_;
    std::array<CodeEntry, kProblemCount> by_problem_{};
    std::array<bool, kProblemCount> present_{};
};

// The common datadeling codes (DAS-00x), used when no API owns the URL.
const CodeTable& das_codes();

// A table in the pattern every datadeling API shares: PREFIX-001..009 with the given meaning of
// -008/-009 (SPEC §2.4, §3.4, §5.1). Generic statuses (405, 413, 415, 431) reuse -003/-006. A
// back-end code of DAS-003 (the common "temporarily unavailable") gets that code's text.
struct StandardCodes {
    std::string_view unexpected, backend, unknown_url, unauthenticated, forbidden, invalid_input,
        not_acceptable;
    std::string_view consent = {}, not_found = {}, unknown_party = {};
    std::string_view not_found_melding = "Fant ingen data for angitt identifikator";
    std::string_view unknown_party_melding = "Ingen treff på oppgitt identifikator";
};
CodeTable standard_table(std::string_view api, const StandardCodes& c);

}  // namespace skd::apis
