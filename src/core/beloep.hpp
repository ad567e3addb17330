// Beloep: money as an integer count of øre. No floating point between database and wire;
// kroner appear only in the API encoders, formatted from the integer.
//
// Arithmetic is checked: money is never silently wrong. Every operation whose exact result
// does not fit in int64 øre (+, -, unary -, *, +=, -=, fra_kroner) throws BeloepOverflyt
// (a std::overflow_error) instead of wrapping or invoking undefined behaviour; negating
// INT64_MIN is such a case. The value is unchanged when a compound assignment throws. Amounts
// from outside are bounded far below the int64 range (kGrenseOere), so a sum of realistic
// amounts never comes near it; the check guards the arithmetic itself, and a request that
// trips it ends as the owning API's unexpected-error answer (500), never as a wrong number.
#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace skd {

struct BeloepOverflyt : std::overflow_error {
    explicit BeloepOverflyt(const char* operasjon)
        : std::overflow_error(std::string("beløpet er utenfor gyldig område (") + operasjon + ")") {
    }
};

class Beloep {
public:
    // The largest magnitude accepted from outside, exclusive: |beløp| < 10^15 øre
    // (10^13 kroner). Far above any real claim, exact in a double's 53 bits, and a sum of
    // 9 000 such amounts still fits in int64.
    static constexpr std::int64_t kGrenseOere = 1'000'000'000'000'000;

    constexpr Beloep() = default;
    static constexpr Beloep fra_oere(std::int64_t oere) { return Beloep(oere); }
    static constexpr Beloep fra_kroner(std::int64_t kroner) {
        std::int64_t r = 0;
        if (__builtin_mul_overflow(kroner, std::int64_t{100}, &r)) throw BeloepOverflyt("kroner");
        return Beloep(r);
    }

    constexpr std::int64_t oere() const { return oere_; }
    constexpr bool er_null() const { return oere_ == 0; }
    constexpr bool er_negativ() const { return oere_ < 0; }
    // |beløp| < kGrenseOere: what an amount from outside (a petition) may be.
    constexpr bool innenfor_grense() const { return oere_ > -kGrenseOere && oere_ < kGrenseOere; }

    constexpr Beloep operator+(Beloep o) const {
        std::int64_t r = 0;
        if (__builtin_add_overflow(oere_, o.oere_, &r)) throw BeloepOverflyt("+");
        return Beloep(r);
    }
    constexpr Beloep operator-(Beloep o) const {
        std::int64_t r = 0;
        if (__builtin_sub_overflow(oere_, o.oere_, &r)) throw BeloepOverflyt("-");
        return Beloep(r);
    }
    constexpr Beloep operator-() const {
        std::int64_t r = 0;
        if (__builtin_sub_overflow(std::int64_t{0}, oere_, &r)) throw BeloepOverflyt("negasjon");
        return Beloep(r);
    }
    // An amount times a whole number (count of instalments, months).
    constexpr Beloep operator*(std::int64_t faktor) const {
        std::int64_t r = 0;
        if (__builtin_mul_overflow(oere_, faktor, &r)) throw BeloepOverflyt("*");
        return Beloep(r);
    }
    constexpr Beloep& operator+=(Beloep o) { return *this = *this + o; }
    constexpr Beloep& operator-=(Beloep o) { return *this = *this - o; }
    constexpr auto operator<=>(const Beloep&) const = default;

    // Whole kroner, rounded half away from zero (restanser and avregning show integers).
    // Defined for every value, INT64_MIN and INT64_MAX included.
    constexpr std::int64_t kroner_avrundet() const {
        const std::int64_t kr = oere_ / 100, rest = oere_ % 100;  // rest has oere_'s sign
        return rest >= 50 ? kr + 1 : rest <= -50 ? kr - 1 : kr;
    }

    // Decimal kroner as krav og betalinger shows them: "10000.0", "12.5", "-0.25".
    std::string desimal_tekst() const;

private:
    constexpr explicit Beloep(std::int64_t oere) : oere_(oere) {}
    std::int64_t oere_ = 0;
};

}  // namespace skd
