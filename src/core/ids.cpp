#include "core/ids.hpp"

#include <fmt/format.h>

#include <array>
#include <random>

namespace skd {

bool bare_sifre(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

namespace {
int weighted_mod11(std::string_view d, const int* w, std::size_t n) {
    int sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += (d[i] - '0') * w[i];
    int r = 11 - sum % 11;
    return r == 11 ? 0 : r;  // 10 means "no valid check digit"
}
}  // namespace

bool fullfoer_orgnr(char* s) {
    static constexpr int w[] = {3, 2, 7, 6, 5, 4, 3, 2};
    const int k = weighted_mod11(std::string_view(s, 8), w, 8);
    if (k == 10) return false;
    s[8] = static_cast<char>('0' + k);
    return true;
}

bool fullfoer_foedselsnummer(char* s) {
    static constexpr int w1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    static constexpr int w2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    const int k1 = weighted_mod11(std::string_view(s, 9), w1, 9);
    if (k1 == 10) return false;
    s[9] = static_cast<char>('0' + k1);
    const int k2 = weighted_mod11(std::string_view(s, 10), w2, 10);
    if (k2 == 10) return false;
    s[10] = static_cast<char>('0' + k2);
    return true;
}

void fullfoer_kid_mod10(char* s, std::size_t n) {
    int sum = 0;
    bool dbl = true;
    for (std::size_t i = n; i-- > 0;) {
        int v = s[i] - '0';
        if (dbl && (v *= 2) > 9) v -= 9;
        sum += v;
        dbl = !dbl;
    }
    s[n] = static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool mod11_gyldig_orgnr(std::string_view d) {
    static constexpr int w[] = {3, 2, 7, 6, 5, 4, 3, 2};
    if (d.size() != 9 || !bare_sifre(d)) return false;
    int k = weighted_mod11(d, w, 8);
    return k != 10 && k == d[8] - '0';
}

bool mod11_gyldig_foedselsnummer(std::string_view d) {
    static constexpr int w1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    static constexpr int w2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    if (d.size() != 11 || !bare_sifre(d)) return false;
    int k1 = weighted_mod11(d, w1, 9);
    int k2 = weighted_mod11(d, w2, 10);
    return k1 != 10 && k2 != 10 && k1 == d[9] - '0' && k2 == d[10] - '0';
}

bool kid_gyldig_mod10(std::string_view d) {
    if (d.size() < 2 || !bare_sifre(d)) return false;
    int sum = 0;
    bool dbl = true;
    for (std::size_t i = d.size() - 1; i-- > 0;) {
        int v = d[i] - '0';
        if (dbl) {
            v *= 2;
            if (v > 9) v -= 9;
        }
        sum += v;
        dbl = !dbl;
    }
    return (10 - sum % 10) % 10 == d.back() - '0';
}

bool kid_gyldig_mod11(std::string_view d) {
    if (d.size() < 2 || !bare_sifre(d)) return false;
    int sum = 0, w = 2;
    for (std::size_t i = d.size() - 1; i-- > 0;) {
        sum += (d[i] - '0') * w;
        w = w == 7 ? 2 : w + 1;
    }
    int r = 11 - sum % 11;
    char expect = r == 11 ? '0' : r == 10 ? '-' : static_cast<char>('0' + r);
    return expect == d.back();
}

bool kontonummer_gyldig_mod11(std::string_view d) {
    static constexpr int w[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    if (d.size() != 11 || !bare_sifre(d)) return false;
    int k = weighted_mod11(d, w, 10);
    return k != 10 && k == d[10] - '0';
}

Result<Organisasjonsnummer, ParseError> Organisasjonsnummer::parse(std::string_view s, bool mod11) {
    if (s.size() != 9 || !bare_sifre(s))
        return ParseError{"Organisasjonsnummer må være nøyaktig 9 siffer"};
    if (mod11 && !mod11_gyldig_orgnr(s))
        return ParseError{"Organisasjonsnummer har ugyldig kontrollsiffer"};
    return Organisasjonsnummer(std::string(s));
}

Result<Foedselsnummer, ParseError> Foedselsnummer::parse(std::string_view s, bool mod11) {
    if (s.size() != 11 || !bare_sifre(s))
        return ParseError{"Personidentifikator må være nøyaktig 11 siffer"};
    if (mod11 && !mod11_gyldig_foedselsnummer(s))
        return ParseError{"Personidentifikator har ugyldige kontrollsiffer"};
    return Foedselsnummer(std::string(s));
}

Result<PartIdentifikator, ParseError> PartIdentifikator::parse(std::string_view s,
                                                               bool tillat_person) {
    if (bare_sifre(s) && (s.size() == 9 || (tillat_person && s.size() == 11)))
        return PartIdentifikator(std::string(s));
    return ParseError{
        tillat_person ? "partIdentifikator må være et organisasjonsnummer (9 siffer) eller "
                        "et fødselsnummer (11 siffer)"
                      : "partIdentifikator må være et organisasjonsnummer på nøyaktig 9 siffer"};
}

Result<Kid, ParseError> Kid::parse(std::string_view s) {
    if (s.size() < 2 || s.size() > 25 || !bare_sifre(s))
        return ParseError{"KID må være 2-25 siffer"};
    if (!kid_gyldig_mod10(s) && !kid_gyldig_mod11(s))
        return ParseError{"KID har ugyldig kontrollsiffer (verken MOD10 eller MOD11)"};
    return Kid(std::string(s));
}

Result<Inntektsaar, ParseError> Inntektsaar::parse(std::string_view s, int tidligste) {
    if (s.size() != 4 || !bare_sifre(s))
        return ParseError{"Inntektsår må være et årstall med fire siffer"};
    int a = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (a < tidligste)
        return ParseError{fmt::format("Inntektsår må være {} eller senere", tidligste)};
    return Inntektsaar(a);
}

Result<Korrelasjonsid, ParseError> Korrelasjonsid::parse(std::string_view s) {
    // 8-4-4-4-12 hex digits.
    if (s.size() != 36) return ParseError{"Korrelasjonsid må være en UUID"};
    for (std::size_t i = 0; i < 36; ++i) {
        char c = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-'
                 : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return ParseError{"Korrelasjonsid må være en UUID"};
    }
    return Korrelasjonsid(std::string(s));
}

Korrelasjonsid Korrelasjonsid::ny() {
    return Korrelasjonsid(uuid_v4());
}

std::string uuid_v4() {
    thread_local std::mt19937_64 rng{[] {
        std::random_device rd;
        return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    }()};
    std::uint64_t a = rng(), b = rng();
    a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(36, '-');
    int pos = 0;
    auto put = [&](std::uint64_t v, int nibbles_from, int count) {
        for (int i = 0; i < count; ++i) {
            if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
            out[pos++] = hex[(v >> ((nibbles_from - 1 - i) * 4)) & 0xF];
        }
    };
    put(a, 16, 16);
    put(b, 16, 16);
    return out;
}

}  // namespace skd
