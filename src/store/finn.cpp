#include "store/finn.hpp"

#include <algorithm>
#include <string>

namespace skd::store {

std::vector<Partstreff> finn_parter(Connection& c, const FinnFilter& f, Dato i_dag) {
    // The conditions are chosen from a fixed set; every value goes in as a parameter ($1 is
    // today, $2 the limit).
    std::string sql =
        "SELECT p.identifikator, p.navn, p.skjerming, p.er_person, p.er_enk, "
        "(SELECT COALESCE(SUM(k.gjenstaaende_oere), 0) FROM krav k WHERE k.part = p.identifikator "
        "AND k.gjenstaaende_oere <> 0), "
        "(SELECT COALESCE(SUM(x.gjenstaaende_oere), 0) FROM kravforfall x WHERE x.part = "
        "p.identifikator AND x.forfallsdato < $1 AND x.gjenstaaende_oere > 0), "
        "(SELECT COUNT(*) FROM trekkpaalegg t WHERE t.trekkpliktig = p.identifikator AND "
        "t.siste = 1 AND t.trekkstatus = 'aktiv') FROM part p WHERE 1 = 1";
    const std::string dag = i_dag.str();  // Param keeps a view: the text must outlive the query
    std::vector<Param> p = {Param(dag), Param(std::clamp<std::int64_t>(f.antall, 1, 1000))};
    std::vector<std::string> tekster;  // keeps text parameters alive
    tekster.reserve(4);
    auto param = [&](Param v) {
        p.push_back(v);
        return "$" + std::to_string(p.size());
    };
    if (f.person) sql += *f.person ? " AND p.er_person = 1" : " AND p.er_person = 0";
    if (f.identifikator) {
        tekster.push_back(*f.identifikator);
        sql += " AND p.identifikator = " + param(Param(tekster.back()));
    }
    if (f.skjermet) sql += " AND p.skjerming IS NOT NULL";
    if (f.aapne_krav_over)
        sql +=
            " AND (SELECT COALESCE(SUM(k.gjenstaaende_oere), 0) FROM krav k WHERE k.part = "
            "p.identifikator AND k.gjenstaaende_oere <> 0) > " +
            param(Param(f.aapne_krav_over->oere()));
    if (f.forfalt_mva)
        sql +=
            " AND EXISTS (SELECT 1 FROM kravforfall x WHERE x.part = p.identifikator AND "
            "x.forfallsdato < $1 AND x.gjenstaaende_oere > 0 AND x.restanse_kategori = "
            "'merverdiavgift')";
    if (f.aktive_trekk)
        sql +=
            " AND EXISTS (SELECT 1 FROM trekkpaalegg t WHERE t.trekkpliktig = p.identifikator AND "
            "t.siste = 1 AND t.trekkstatus = 'aktiv')";
    if (f.oppgjoer_aar)
        sql +=
            " AND EXISTS (SELECT 1 FROM skatteoppgjoer s WHERE s.personidentifikator = "
            "p.identifikator AND s.slettet = 0 AND s.inntektsaar = " +
            param(Param(static_cast<std::int64_t>(*f.oppgjoer_aar))) + ")";
    sql += " ORDER BY p.identifikator LIMIT $2";

    std::vector<Partstreff> ut;
    auto on_row = [&](const Row& r) {
        ut.push_back({r.str(0), r.opt_text(1), r.opt_text(2), r.i64(3) != 0, r.i64(4) != 0,
                      Beloep::fra_oere(r.i64(5)), Beloep::fra_oere(r.i64(6)), r.i64(7)});
    };
    // Params is an initializer_list: the few shapes are spelled out.
    switch (p.size()) {
        case 2:
            c.query(sql, {p[0], p[1]}, on_row);
            break;
        case 3:
            c.query(sql, {p[0], p[1], p[2]}, on_row);
            break;
        case 4:
            c.query(sql, {p[0], p[1], p[2], p[3]}, on_row);
            break;
        default:
            c.query(sql, {p[0], p[1], p[2], p[3], p[4]}, on_row);
            break;
    }
    return ut;
}

}  // namespace skd::store
