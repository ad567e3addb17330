// Beloep: money as an integer count of øre. No floating point between database and wire;
// kroner appear only in the API encoders, formatted from the integer.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace skd {

class Beloep {
public:
    constexpr Beloep() = default;
    static constexpr Beloep fra_oere(std::int64_t oere) { return Beloep(oere); }
    static constexpr Beloep fra_kroner(std::int64_t kroner) { return Beloep(kroner * 100); }

    constexpr std::int64_t oere() const { return oere_; }
    constexpr bool er_null() const { return oere_ == 0; }
    constexpr bool er_negativ() const { return oere_ < 0; }

    constexpr Beloep operator+(Beloep o) const { return Beloep(oere_ + o.oere_); }
    constexpr Beloep operator-(Beloep o) const { return Beloep(oere_ - o.oere_); }
    constexpr Beloep operator-() const { return Beloep(-oere_); }
    constexpr Beloep& operator+=(Beloep o) {
        oere_ += o.oere_;
        return *this;
    }
    constexpr Beloep& operator-=(Beloep o) {
        oere_ -= o.oere_;
        return *this;
    }
    constexpr auto operator<=>(const Beloep&) const = default;

    // Whole kroner, rounded half away from zero (restanser and avregning show integers).
    constexpr std::int64_t kroner_avrundet() const {
        return oere_ >= 0 ? (oere_ + 50) / 100 : -((-oere_ + 50) / 100);
    }

    // Decimal kroner as krav og betalinger shows them: "10000.0", "12.5", "-0.25".
    std::string desimal_tekst() const;

private:
    constexpr explicit Beloep(std::int64_t oere) : oere_(oere) {}
    std::int64_t oere_ = 0;
};

}  // namespace skd
