#include "domain/ledger/ledger.hpp"

#include <algorithm>
#include <stdexcept>

namespace skd::ledger {

// Øre × basis points × days overflows 64 bits for large amounts over long periods.
__extension__ typedef __int128 Int128;

Beloep Kravforfall::plassert_sum() const {
    Beloep s;
    for (const auto& p : plassert_innbetaling) s += p.plassert;
    for (const auto& p : plassert_motkrav) s += p.plassert;
    return s;
}

Beloep Krav::opprinnelig() const {
    Beloep s;
    for (const auto& f : kravforfall) s += f.opprinnelig;
    return s;
}

Beloep Krav::gjenstaaende() const {
    Beloep s;
    for (const auto& f : kravforfall) s += f.gjenstaaende();
    return s;
}

Beloep Innbetaling::uplassert() const {
    Beloep s = innbetalt;
    for (const auto& p : plassert_krav) s -= p.plassert;
    return s;
}

Beloep Utbetaling::utbetalt() const {
    Beloep s;
    for (const auto& k : kredit_krav) s += k.utbetalt;
    return s;
}

Beloep beregn_stipulerte_renter(Beloep gjenstaaende, Dato forfallsdato, Dato i_dag,
                                const std::vector<RenteSats>& satser) {
    if (gjenstaaende.oere() <= 0 || !(forfallsdato < i_dag) || satser.empty()) return {};
    // Accumulate øre × basis points × days; divide once (by 365 × 10000) to round only once.
    Int128 acc = 0;
    std::int64_t from = forfallsdato.dager_siden_epoch() + 1;
    const std::int64_t to = i_dag.dager_siden_epoch();  // inclusive
    for (std::size_t i = 0; i < satser.size() && from <= to; ++i) {
        std::int64_t start = satser[i].fra.dager_siden_epoch();
        std::int64_t end = i + 1 < satser.size() ? satser[i + 1].fra.dager_siden_epoch() - 1 : to;
        std::int64_t a = std::max(from, start), b = std::min(to, end);
        if (a > b) continue;
        acc += static_cast<Int128>(gjenstaaende.oere()) * satser[i].basispunkter * (b - a + 1);
        from = b + 1;
    }
    const Int128 div = 365 * 10000;
    const Int128 renter = (acc + div / 2) / div;
    // Bounded amounts (|remaining| < 10^15 øre) and rates (≤ 100,000 bp) keep this far inside
    // the range; a value outside it is refused rather than wrapped.
    if (renter >= Beloep::kGrenseOere * Int128{1000})
        throw std::overflow_error("stipulerte renter er utenfor beløpsområdet");
    return Beloep::fra_oere(static_cast<std::int64_t>(renter));
}

RestansePlass restanse_plass(std::string_view kravtype,
                             const std::optional<std::string>& hovedstol_kravtype,
                             const std::map<std::string, KravtypeKategori, std::less<>>& tabell) {
    RestansePlass p;
    auto it = tabell.find(kravtype);
    if (it == tabell.end()) return p;
    p.er_rente = it->second.er_rente;
    if (!p.er_rente) {
        p.kategori = it->second.kategori;
        return p;
    }
    if (!hovedstol_kravtype) return p;
    if (auto h = tabell.find(*hovedstol_kravtype); h != tabell.end())
        p.kategori = h->second.kategori;
    return p;
}

std::size_t restanse_indeks(const std::optional<std::string_view>& kategori) {
    if (kategori)
        for (std::size_t i = 0; i < kRestanseKategorier.size(); ++i)
            if (kRestanseKategorier[i] == *kategori) return i;
    return 4;  // gebyr
}

Restanser beregn_restanser(const std::vector<ForfaltPost>& poster,
                           const std::map<std::string, KravtypeKategori, std::less<>>& tabell) {
    Restanser r;
    for (const auto& p : poster) {
        if (p.gjenstaaende.oere() <= 0) continue;
        const auto plass = restanse_plass(p.kravtype, p.hovedstol_kravtype, tabell);
        auto& k = r.kategori[restanse_indeks(plass.kategori)];
        (plass.er_rente ? k.renter : k.krav) += p.gjenstaaende;
    }
    return r;
}

namespace {
void legg_til(Oversikt& o, const Krav& k, Dato i_dag) {
    for (const auto& f : k.kravforfall) {
        auto g = f.gjenstaaende();
        if (f.forfallsdato < i_dag)
            o.sum_forfalte_krav += g;
        else
            o.sum_ikke_forfalte_krav += g;
    }
    o.sum_stipulerte_renter += k.stipulerte_renter;
}
}  // namespace

Oversikt beregn_total(const std::vector<Krav>& aapne, const std::vector<Innbetaling>& uplasserte,
                      Dato i_dag) {
    Oversikt o;
    for (const auto& k : aapne) legg_til(o, k, i_dag);
    for (const auto& i : uplasserte) o.sum_uplasserte_innbetalinger += i.uplassert();
    return o;
}

std::vector<OversiktPerKravgruppe> beregn_per_kravgruppe(const std::vector<Krav>& aapne,
                                                         Dato i_dag) {
    std::vector<OversiktPerKravgruppe> out;
    for (const auto& k : aapne) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const auto& g) { return g.kravgruppe == k.kravgruppe; });
        if (it == out.end()) it = out.insert(out.end(), OversiktPerKravgruppe{k.kravgruppe, {}});
        legg_til(it->oversikt, k, i_dag);
    }
    return out;
}

}  // namespace skd::ledger
