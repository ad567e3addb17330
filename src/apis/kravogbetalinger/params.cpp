#include "apis/kravogbetalinger/params.hpp"

#include <fmt/format.h>

#include "apis/common/params.hpp"

namespace skd::apis::kravogbetalinger {

ApiResult<store::Periode> parse_periode(const QueryParams& q, const CodeTable& codes) {
    std::optional<Dato> datoer[2];
    const char* navn[2] = {"fraOgMed", "tilOgMed"};
    for (int i = 0; i < 2; ++i) {
        if (auto e = sjekk_ikke_duplisert(navn[i], q.count(navn[i]), codes)) return *e;
        auto v = q.get(navn[i]);
        if (!v || v->empty())
            return codes.make(Problem::InvalidInput,
                              fmt::format("Parameteren '{}' er påkrevd (ÅÅÅÅ-MM-DD)", navn[i]));
        auto d = Dato::parse(*v);
        if (!d)
            return codes.make(Problem::InvalidInput,
                              fmt::format("Parameteren '{}': {}", navn[i], d.error().melding));
        datoer[i] = *d;
    }
    if (*datoer[1] < *datoer[0])
        return codes.make(Problem::InvalidInput,
                          fmt::format("fraOgMed ({}) kan ikke være etter tilOgMed ({})",
                                      datoer[0]->str(), datoer[1]->str()));
    if (datoer[0]->pluss_aar(1) < *datoer[1])
        return codes.make(
            Problem::InvalidInput,
            fmt::format("Perioden {}..{} er lengre enn ett år; tilOgMed kan være "
                        "senest {}",
                        datoer[0]->str(), datoer[1]->str(), datoer[0]->pluss_aar(1).str()));
    return store::Periode{*datoer[0], *datoer[1]};
}

}  // namespace skd::apis::kravogbetalinger
