#include "apis/kravogbetalinger/view.hpp"

namespace skd::apis::kravogbetalinger {

namespace {

constexpr std::string_view kNs = "urn:no:skatteetaten:innkreving:kravogbetalinger:v1";

void beloep(encoding::ViewWriter& w, std::string_view key, Beloep b) {
    w.number(key, b.desimal_tekst());
}

void opt(encoding::ViewWriter& w, std::string_view key, const std::optional<std::string>& s) {
    if (s) w.string(key, *s);
}

void spraaktekst(encoding::ViewWriter& w, std::string_view key, std::string_view nb,
                 const std::optional<std::string>& en = std::nullopt) {
    w.begin_object(key);
    w.begin_array("spraakTekst", "spraakTekst");
    w.begin_item();
    w.string("tekst", nb);
    w.string("spraak", "nb");
    w.end_item();
    if (en) {
        w.begin_item();
        w.string("tekst", *en);
        w.string("spraak", "en");
        w.end_item();
    }
    w.end_array();
    w.end_object();
}

void kravperiode(encoding::ViewWriter& w, const ledger::Kravperiode& p) {
    w.begin_object("kravperiode");
    if (p.beskrivelse) spraaktekst(w, "periodeBeskrivelse", *p.beskrivelse);
    opt(w, "aar", p.aar);
    opt(w, "fraDato", p.fra_dato);
    opt(w, "tilDato", p.til_dato);
    opt(w, "terminTekniskNavn", p.termin_teknisk_navn);
    w.end_object();
}

void betalt_fra(encoding::ViewWriter& w, std::string_view key, const ledger::BetaltFra& f,
                const Visning& v) {
    w.begin_object(key);
    opt(w, "kidnummer", f.kidnummer);
    opt(w, "meldingSendtTilMottaker", f.melding_sendt_til_mottaker);
    w.begin_object("konto");
    if (!v.skjermet) opt(w, "kontoeiersNavn", f.kontoeiers_navn);
    opt(w, "kontonummer", f.kontonummer);
    w.end_object();
    opt(w, "valutakode", f.valutakode);
    w.end_object();
}

void kravforfall(encoding::ViewWriter& w, const ledger::Kravforfall& f, const Visning& v) {
    w.begin_item();
    w.string("kravforfallsIdentifikator", f.kravforfallsidentifikator);
    w.string("forfallsdato", f.forfallsdato.str());
    beloep(w, "opprinneligBeloep", f.opprinnelig);
    beloep(w, "gjenstaaendeBeloep", f.gjenstaaende());
    w.begin_object("betalingsinformasjon");
    opt(w, "kidnummer", f.kidnummer);
    // The account to pay to is the collecting authority's (its name and bank address), not
    // the party's, so skjerming (which removes the shielded party's own details) leaves it.
    const auto& k = f.konto;
    if (k.kontonummer || k.iban || k.swift_bic || k.kontoeiers_navn || k.bankinformasjon) {
        w.begin_object("konto");
        opt(w, "kontoeiersNavn", k.kontoeiers_navn);
        opt(w, "bankinformasjon", k.bankinformasjon);
        opt(w, "kontonummer", k.kontonummer);
        opt(w, "iban", k.iban);
        opt(w, "swiftBIC", k.swift_bic);
        w.end_object();
    }
    w.end_object();
    // SPEC §3.3 example: placements on an instalment are shown as negative amounts.
    if (!f.plassert_innbetaling.empty()) {
        w.begin_array("plassertInnbetaling", "plassertInnbetaling");
        for (const auto& p : f.plassert_innbetaling) {
            w.begin_item();
            w.string("innbetalingsIdentifikator", p.innbetalingsidentifikator);
            beloep(w, "plassertBeloep", -p.plassert);
            w.string("plassertDato", p.plassert_dato.str());
            w.string("innbetalingsdato", p.innbetalingsdato.str());
            beloep(w, "innbetaltBeloep", p.innbetalt);
            betalt_fra(w, "innbetaltFra", p.innbetalt_fra, v);
            opt(w, "innbetalingstype", p.innbetalingstype);
            w.end_item();
        }
        w.end_array();
    }
    if (!f.plassert_motkrav.empty()) {
        w.begin_array("plassertMotkrav", "plassertMotkrav");
        for (const auto& p : f.plassert_motkrav) {
            w.begin_item();
            w.string("kravforfallsIdentifikator", p.kravforfallsidentifikator);
            beloep(w, "plassertBeloep", -p.plassert);
            w.string("kravtype", p.kravtype);
            w.string("plassertDato", p.plassert_dato.str());
            spraaktekst(w, "kravbeskrivelse", p.kravbeskrivelse);
            w.string("forfallsdato", p.forfallsdato.str());
            kravperiode(w, p.kravperiode);
            w.end_item();
        }
        w.end_array();
    }
    w.end_item();
}

void krav(encoding::ViewWriter& w, const ledger::Krav& k, const Visning& v) {
    w.begin_item();
    w.string("partIdentifikator", k.krav_part);
    w.string("kravidentifikator", k.kravidentifikator);
    w.string("kravtype", k.kravtype);
    beloep(w, "opprinneligBeloep", k.opprinnelig());
    beloep(w, "gjenstaaendeBeloep", k.gjenstaaende());
    w.begin_array("kravforfall", "kravforfall");
    for (const auto& f : k.kravforfall) kravforfall(w, f, v);
    w.end_array();
    beloep(w, "stipulerteRenter", k.stipulerte_renter);
    spraaktekst(w, "kravbeskrivelse", k.kravbeskrivelse, k.kravbeskrivelse_en);
    kravperiode(w, k.kravperiode);
    w.string("opprettelsesdatoForKrav", k.opprettelsesdato.str());
    w.string("kravgruppe", k.kravgruppe);
    opt(w, "hovedstolKravidentifikator", k.hovedstol_kravidentifikator);
    opt(w, "fastsettingsmaate", k.fastsettingsmaate);
    w.end_item();
}

void innbetaling(encoding::ViewWriter& w, const ledger::Innbetaling& i, const Visning& v) {
    w.begin_item();
    w.string("partIdentifikator", i.part);
    w.string("innbetalingsidentifikator", i.innbetalingsidentifikator);
    w.string("innbetalingsdato", i.innbetalingsdato.str());
    beloep(w, "innbetaltBeloep", i.innbetalt);
    if (!i.plassert_krav.empty()) {
        w.begin_array("plassertKrav", "plassertKrav");
        for (const auto& p : i.plassert_krav) {
            w.begin_item();
            w.string("kravforfallIdentifikator", p.kravforfallidentifikator);
            beloep(w, "plassertBeloep", p.plassert);
            w.string("plassertDato", p.plassert_dato.str());
            spraaktekst(w, "kravbeskrivelse", p.kravbeskrivelse);
            w.string("kravforfallsdato", p.kravforfallsdato.str());
            beloep(w, "opprinneligKravforfallsbeloep", p.opprinnelig_kravforfallsbeloep);
            beloep(w, "gjenstaaendeKravforfallsbeloep", p.gjenstaaende_kravforfallsbeloep);
            w.end_item();
        }
        w.end_array();
    }
    beloep(w, "uplassertBeloep", i.uplassert());
    if (i.mottakers_kontonummer) {
        w.begin_object("mottakersKontonummer");
        w.string("kontonummer", *i.mottakers_kontonummer);
        w.end_object();
    }
    betalt_fra(w, "innbetaltFra", i.innbetalt_fra, v);
    opt(w, "innbetalingstype", i.innbetalingstype);
    w.end_item();
}

void skriv_periode(encoding::ViewWriter& w, const store::Periode& p) {
    w.begin_object("periode");
    w.string("fraOgMed", p.fra_og_med.str());
    w.string("tilOgMed", p.til_og_med.str());
    w.end_object();
}

void oversikt(encoding::ViewWriter& w, const ledger::Oversikt& o, bool med_uplasserte) {
    beloep(w, "sumStipulerteRenter", o.sum_stipulerte_renter);
    beloep(w, "sumForfalteKrav", o.sum_forfalte_krav);
    beloep(w, "sumIkkeForfalteKrav", o.sum_ikke_forfalte_krav);
    if (med_uplasserte) beloep(w, "sumUplasserteInnbetalinger", o.sum_uplasserte_innbetalinger);
    beloep(w, "saldo", o.saldo());
}

}  // namespace

void AapneKravView::write(encoding::ViewWriter& w) const {
    w.begin_root("aapneKrav", kNs);
    w.string("partIdentifikator", v.part);
    w.boolean("skjermet", v.skjermet);
    w.begin_array("aapentKravMedGjenstaaendeBeloep", "aapentKravMedGjenstaaendeBeloep");
    for (const auto& k : krav) kravogbetalinger::krav(w, k, v);
    w.end_array();
    w.begin_array("innbetalingMedUplassertBeloep", "innbetalingMedUplassertBeloep");
    for (const auto& i : innbetalinger) innbetaling(w, i, v);
    w.end_array();
    w.begin_object("totalOversikt");
    oversikt(w, total, true);
    w.end_object();
    w.begin_array("oversiktPerKravgruppe", "oversiktPerKravgruppe");
    for (const auto& g : per_gruppe) {
        w.begin_item();
        w.string("kravgruppe", g.kravgruppe);
        oversikt(w, g.oversikt, false);
        w.end_item();
    }
    w.end_array();
    w.end_root();
}

void KravView::write(encoding::ViewWriter& w) const {
    w.begin_root("kravliste", kNs);
    w.string("partIdentifikator", v.part);
    skriv_periode(w, periode);
    w.boolean("skjermet", v.skjermet);
    w.begin_array("krav", "krav");
    for (const auto& k : krav) kravogbetalinger::krav(w, k, v);
    w.end_array();
    w.end_root();
}

void InnbetalingerView::write(encoding::ViewWriter& w) const {
    w.begin_root("innbetalinger", kNs);
    w.string("partIdentifikator", v.part);
    skriv_periode(w, periode);
    w.boolean("skjermet", v.skjermet);
    w.begin_array("innbetaling", "innbetaling");
    for (const auto& i : innbetalinger) innbetaling(w, i, v);
    w.end_array();
    w.end_root();
}

void UtbetalingerView::write(encoding::ViewWriter& w) const {
    w.begin_root("utbetalinger", kNs);
    w.string("partIdentifikator", v.part);
    skriv_periode(w, periode);
    w.boolean("skjermet", v.skjermet);
    w.begin_array("utbetaling", "utbetaling");
    for (const auto& u : utbetalinger) {
        w.begin_item();
        w.string("partIdentifikator", u.part);
        w.string("utbetalingsidentifikator", u.utbetalingsidentifikator);
        w.string("utbetaltdato", u.utbetaltdato.str());
        beloep(w, "utbetaltBeloep", u.utbetalt());
        w.begin_object("betaltTil");
        opt(w, "meldingSendtTilMottaker", u.melding_sendt_til_mottaker);
        w.begin_object("konto");
        if (!v.skjermet) opt(w, "kontoeiersNavn", u.kontoeiers_navn);
        opt(w, "kontonummer", u.kontonummer);
        w.end_object();
        opt(w, "valutakode", u.valutakode);
        w.end_object();
        w.begin_object("grunnlagForUtbetaling");
        w.begin_array("kreditKrav", "kreditKrav");
        for (const auto& k : u.kredit_krav) {
            w.begin_item();
            w.string("kravforfallidentifikator", k.kravforfallidentifikator);
            beloep(w, "opprinneligBeloep", k.opprinnelig);
            beloep(w, "gjenstaaendeBeloep", k.gjenstaaende);
            beloep(w, "utbetaltBeloep", k.utbetalt);
            spraaktekst(w, "kravbeskrivelse", k.kravbeskrivelse);
            w.string("kravtype", k.kravtype);
            kravperiode(w, k.kravperiode);
            w.end_item();
        }
        w.end_array();
        w.end_object();
        w.string("utbetalingstatus", u.utbetalingstatus);
        w.end_item();
    }
    w.end_array();
    w.end_root();
}

}  // namespace skd::apis::kravogbetalinger
