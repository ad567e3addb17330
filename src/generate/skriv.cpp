#include "generate/skriv.hpp"

#include <stdexcept>

#include "store/ledger_skriv.hpp"
#include "store/skatteoppgjoer_store.hpp"
#include "store/trekk_store.hpp"

namespace skd::generate {

bool skriv_organisasjon(store::Connection& c, const Organisasjon& o) {
    store::LedgerSkriver w(c);
    if (!w.ny_part(o.part)) return false;
    if (o.eier) w.ny_part(*o.eier);
    for (const auto& k : o.krav) {
        const auto krav_id = w.krav(k.krav);
        for (const auto& f : k.forfall) {
            const auto forfall_id = w.kravforfall(krav_id, f.forfall);
            for (const auto& b : f.betalinger) {
                const auto innbetaling_id = w.innbetaling(b.innbetaling);
                w.plasser_innbetaling(forfall_id, innbetaling_id, b.innbetaling.beloep,
                                      b.plassert_dato);
            }
        }
    }
    for (const auto& u : o.utbetalinger) {
        const auto krav_id = w.krav(u.kreditkrav.krav);
        const auto& f = u.kreditkrav.forfall.front().forfall;
        const auto forfall_id = w.kravforfall(krav_id, f);
        const auto utbetaling_id = w.utbetaling(u.utbetaling);
        w.utbetal(utbetaling_id, forfall_id, -f.opprinnelig);
    }
    // The versions are history: their own "today" is their opprettet, as an import's.
    for (const auto& t : o.trekk) {
        auto r = store::lagre_trekkversjon(c, t, trekk::Livslopsvalg{.historisk = true});
        if (!r)
            throw std::logic_error("modellert trekkpålegg " + t.trekkid +
                                   " bryter reglene: " + r.error().melding());
    }
    w.fullfoer();
    return true;
}

bool skriv_person(store::Connection& c, const Modell& m, std::string_view fnr,
                  const PersonValg& valg, Tidspunkt naa) {
    store::LedgerSkriver w(c);
    if (!w.ny_part(person(m, fnr, valg.skjerming, valg.gammelt_regelverk))) return false;
    std::optional<skatteoppgjoer::Skatteoppgjoer> siste;
    for (int aar = m.foerste_inntektsaar; aar <= m.siste_inntektsaar; ++aar) {
        auto s = oppgjoer(m, fnr, aar, valg.endret_oppgjoer && aar == m.siste_inntektsaar);
        if (!s) continue;
        store::SkatteoppgjoerStore::lagre(c, *s, naa);
        siste = std::move(s);
    }
    if (valg.endret_oppgjoer && siste)
        store::SkatteoppgjoerStore::lagre(c, endret_oppgjoer(*siste), naa);
    w.fullfoer();
    return true;
}

}  // namespace skd::generate
