// Identifier value types. The only way in is parse(), so every value that exists is valid.
// Format is checked strictly; mod-11 check digits are optional (SPEC §1.8: official examples fail
// it).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace skd {

// Check-digit helpers (also used by the generator to make valid synthetic numbers).
bool mod11_gyldig_orgnr(std::string_view nine_digits);
bool mod11_gyldig_foedselsnummer(std::string_view eleven_digits);
bool kid_gyldig_mod10(std::string_view digits);
bool kid_gyldig_mod11(std::string_view digits);
bool kontonummer_gyldig_mod11(std::string_view eleven_digits);
bool bare_sifre(std::string_view s);  // ASCII 0-9 only, non-empty

// Check digits for identifiers we make (the synthetic-data generator). Each takes the body in
// the first digits of `s` and writes the check digit(s) after it; false when the body has no
// valid check digit (mod 11 gives 10), and then `s` must not be used.
bool fullfoer_orgnr(char* s);                     // body s[0..7], writes s[8]
bool fullfoer_foedselsnummer(char* s);            // body s[0..8], writes s[9] and s[10]
void fullfoer_kid_mod10(char* s, std::size_t n);  // body s[0..n-1], writes s[n]

namespace detail {
template <class Tag>
class Id {
public:
    const std::string& str() const { return v_; }
    bool operator==(const Id&) const = default;
    auto operator<=>(const Id&) const = default;

protected:
    explicit Id(std::string v) : v_(std::move(v)) {}
    std::string v_;
};
}  // namespace detail

class Organisasjonsnummer : public detail::Id<Organisasjonsnummer> {
public:
    static Result<Organisasjonsnummer, ParseError> parse(std::string_view s, bool mod11 = false);

private:
    using Id::Id;
};

// Fødselsnummer, D-nummer and synthetic (month + 80) numbers alike: 11 digits.
class Foedselsnummer : public detail::Id<Foedselsnummer> {
public:
    static Result<Foedselsnummer, ParseError> parse(std::string_view s, bool mod11 = false);

private:
    using Id::Id;
};

// Either an organisasjonsnummer (9 digits) or a fødselsnummer (11 digits).
class PartIdentifikator : public detail::Id<PartIdentifikator> {
public:
    static Result<PartIdentifikator, ParseError> parse(std::string_view s, bool tillat_person);
    bool er_person() const { return v_.size() == 11; }

private:
    using Id::Id;
};

// KID: 2-25 digits valid under MOD10 or MOD11.
class Kid : public detail::Id<Kid> {
public:
    static Result<Kid, ParseError> parse(std::string_view s);

private:
    using Id::Id;
};

class Inntektsaar {
public:
    // Four digits; the earliest year served is a parameter (avregning: 2017).
    static Result<Inntektsaar, ParseError> parse(std::string_view s, int tidligste = 1900);
    int aar() const { return aar_; }
    std::string str() const { return std::to_string(aar_); }
    auto operator<=>(const Inntektsaar&) const = default;

private:
    explicit Inntektsaar(int a) : aar_(a) {}
    int aar_;
};

// Korrelasjonsid: a UUID as text. Accepted from the client when it looks like a UUID.
class Korrelasjonsid : public detail::Id<Korrelasjonsid> {
public:
    static Result<Korrelasjonsid, ParseError> parse(std::string_view s);
    static Korrelasjonsid ny();

private:
    using Id::Id;
};

// Random UUIDv4 text (thread-local generator, seeded from the OS).
std::string uuid_v4();

}  // namespace skd

template <class Tag>
struct std::hash<skd::detail::Id<Tag>> {
    std::size_t operator()(const skd::detail::Id<Tag>& id) const {
        return std::hash<std::string>{}(id.str());
    }
};
