// Skatteoppgjør (tax settlement) per person and income year, its feed events (Hendelse), and the
// rules that decide what one rettighetspakke may see: a field set plus skjerming (SPEC §1.6, §5).
// Amounts are whole kroner, as the avregning API shows them; pure value types, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/dato.hpp"

namespace skd::skatteoppgjoer {

// One area of the settlement (`fastland` or `svalbard`); every member is optional (SPEC §5.1).
struct Avregningsdel {
    std::optional<std::int64_t> restskatt, beloep_tilgode, avregnet_forskuddstrekk,
        avregnet_forskuddsskatt, overskytende, rentegodtgjoerelse, beregnet_skatt, aa_betale;
    std::optional<bool> forhaandsfastsatt;
    std::optional<std::string> skatteregnskapskommune;
    bool operator==(const Avregningsdel&) const = default;
};

enum class Omraade { Fastland, Svalbard };
std::string_view omraade_tekst(Omraade o);

struct Skatteoppgjoer {
    std::string personidentifikator;
    int inntektsaar = 0;
    Dato skatteoppgjoersdato = Dato::fra_dager(0);
    std::optional<Tidspunkt> ajourholdstidspunkt;
    std::optional<Avregningsdel> fastland, svalbard;
    bool operator==(const Skatteoppgjoer&) const = default;
};

enum class Hendelsetype { Ny, Endret, Slettet, Identitetsendring };
std::string_view hendelsetype_tekst(Hendelsetype t);
std::optional<Hendelsetype> hendelsetype_fra(std::string_view s);

struct Hendelse {
    std::int64_t sekvensnummer = 0;
    std::string identifikator;
    std::string gjelder_periode;  // the income year, "2024"
    Tidspunkt registreringstidspunkt;
    Hendelsetype hendelsetype = Hendelsetype::Ny;
    std::optional<Tidspunkt> ajourholdstidspunkt;
};

// The members of an Avregningsdel a package may see, one bit each.
enum class Felt : std::uint32_t {
    Restskatt = 1u << 0,
    BeloepTilgode = 1u << 1,
    AvregnetForskuddstrekk = 1u << 2,
    AvregnetForskuddsskatt = 1u << 3,
    Overskytende = 1u << 4,
    Rentegodtgjoerelse = 1u << 5,
    BeregnetSkatt = 1u << 6,
    AaBetale = 1u << 7,
    Forhaandsfastsatt = 1u << 8,
    Skatteregnskapskommune = 1u << 9,
};

class Feltsett {
public:
    constexpr Feltsett() = default;
    constexpr Feltsett(std::initializer_list<Felt> felter) {
        for (Felt f : felter) bits_ |= static_cast<std::uint32_t>(f);
    }
    static constexpr Feltsett alle() { return Feltsett(0x3ffu); }
    constexpr bool har(Felt f) const { return (bits_ & static_cast<std::uint32_t>(f)) != 0; }
    constexpr Feltsett uten(Felt f) const {
        return Feltsett(bits_ & ~static_cast<std::uint32_t>(f));
    }

private:
    constexpr explicit Feltsett(std::uint32_t b) : bits_(b) {}
    std::uint32_t bits_ = 0;
};

// What one rettighetspakke may see (a row of the module's data table).
struct Pakkeregel {
    std::string_view navn;
    Feltsett felter;
    bool ser_skjermede = false;  // false: a shielded person gives only the request + skjermet
};

// SPEC §1.6: the geolocating members removed for shielded persons when the package may see them.
inline constexpr Felt kGeolokaliserende = Felt::Skatteregnskapskommune;

// The avregning answer after package filtering and skjerming. Without `innhold` only the request
// parameters and `skjermet` are shown.
struct Avregningsutsnitt {
    std::string personidentifikator;
    std::string inntektsaar;
    bool skjermet = false;
    std::optional<Skatteoppgjoer> innhold;  // parts already filtered
};

// Applies the package rule and skjerming to a settlement. `skjermet`: the person has fortrolig or
// strengtFortrolig address protection.
Avregningsutsnitt utsnitt(const Skatteoppgjoer& s, const Pakkeregel& regel, bool skjermet);
// The answer for a shielded person to a package without rights to shielded persons.
Avregningsutsnitt bare_skjermet(std::string personidentifikator, std::string inntektsaar);
Avregningsdel filtrer(const Avregningsdel& d, Feltsett felter);

// The Hendelsetype for storing `ny` over what was stored before (`forrige`, nullopt if nothing or
// deleted); nullopt when nothing changed, so a repeated import makes no event.
std::optional<Hendelsetype> endringstype(const std::optional<Skatteoppgjoer>& forrige,
                                         const Skatteoppgjoer& ny);

// The instant a Norwegian calendar day starts: hendelser/start?dato= counts Oslo dates.
Tidspunkt oslo_midnatt(Dato d);

}  // namespace skd::skatteoppgjoer
