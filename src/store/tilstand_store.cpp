#include "store/tilstand_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace skd::store {

namespace {

// Tables that are not the sandbox's data: the schema's own bookkeeping, the shared clock and
// the saved states themselves.
bool er_data(std::string_view t) {
    return t != "schema_migrations" && t.rfind("sandbox_", 0) != 0 && t.rfind("tilstand_", 0) != 0;
}

std::vector<std::string> datatabeller(Connection& c, Backend b) {
    std::vector<std::string> ut;
    c.query(
        b == Backend::Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
              "ORDER BY name"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY "
              "tablename",
        {}, [&](const Row& r) {
            if (er_data(r.text(0))) ut.push_back(r.str(0));
        });
    return ut;
}

// The tables ordered so that a table comes after every table it references.
std::vector<std::string> i_fk_rekkefoelge(Connection& c, Backend b,
                                          const std::vector<std::string>& tabeller) {
    std::map<std::string, std::set<std::string>> avhenger;
    for (const auto& t : tabeller) avhenger[t];
    if (b == Backend::Sqlite) {
        for (const auto& t : tabeller)
            c.query("SELECT \"table\" FROM pragma_foreign_key_list($1)", {t}, [&](const Row& r) {
                if (r.str(0) != t) avhenger[t].insert(r.str(0));
            });
    } else {
        c.query(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f'",
            {}, [&](const Row& r) {
                if (r.str(0) != r.str(1) && avhenger.count(r.str(0)))
                    avhenger[r.str(0)].insert(r.str(1));
            });
    }
    std::vector<std::string> ut;
    std::set<std::string> ferdig;
    while (ut.size() < tabeller.size()) {
        bool fremgang = false;
        for (const auto& t : tabeller) {
            if (ferdig.count(t)) continue;
            bool klar = std::all_of(avhenger[t].begin(), avhenger[t].end(), [&](const auto& a) {
                return ferdig.count(a) || !avhenger.count(a);
            });
            if (!klar) continue;
            ut.push_back(t);
            ferdig.insert(t);
            fremgang = true;
        }
        if (!fremgang) throw std::logic_error("syklisk fremmednøkkel mellom datatabellene");
    }
    return ut;
}

std::string kopi(std::int64_t nr, const std::string& tabell) {
    return "tilstand_" + std::to_string(nr) + "_" + tabell;
}

std::vector<std::string> kolonner(Connection& c, Backend b, const std::string& tabell) {
    std::vector<std::string> ut;
    if (b == Backend::Sqlite)
        c.query("SELECT name FROM pragma_table_info($1)", {tabell},
                [&](const Row& r) { ut.push_back(r.str(0)); });
    else
        c.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = $1 ORDER BY ordinal_position",
            {tabell}, [&](const Row& r) { ut.push_back(r.str(0)); });
    return ut;
}

void slett_kopier(Connection& c, Backend b, std::int64_t nr) {
    const std::string prefiks = "tilstand_" + std::to_string(nr) + "_";
    std::vector<std::string> tabeller;
    c.query(b == Backend::Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
            {}, [&](const Row& r) {
                if (r.text(0).rfind(prefiks, 0) == 0) tabeller.push_back(r.str(0));
            });
    for (const auto& t : tabeller) c.exec_script("DROP TABLE \"" + t + "\"");
}

}  // namespace

bool TilstandStore::gyldig_navn(std::string_view navn) {
    if (navn.empty() || navn.size() > 64) return false;
    return std::all_of(navn.begin(), navn.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '_' || ch == '-';
    });
}

Tilstand TilstandStore::lagre(std::string_view navn, Tidspunkt naa) {
    const Backend b = db_.backend();
    Tilstand t{std::string(navn), naa, 0};
    db_.write([&](Connection& c) {
        if (auto gammel = c.query_i64("SELECT nr FROM sandbox_tilstand WHERE navn = $1", {navn})) {
            slett_kopier(c, b, *gammel);
            c.exec("DELETE FROM sandbox_tilstand WHERE navn = $1", {navn});
        }
        const auto nr =
            c.query_i64("SELECT COALESCE(MAX(nr), 0) + 1 FROM sandbox_tilstand", {}).value_or(1);
        for (const auto& tabell : datatabeller(c, b)) {
            c.exec_script("CREATE TABLE \"" + kopi(nr, tabell) + "\" AS SELECT * FROM \"" + tabell +
                          "\"");
            t.rader +=
                c.query_i64("SELECT COUNT(*) FROM \"" + kopi(nr, tabell) + "\"", {}).value_or(0);
        }
        c.exec("INSERT INTO sandbox_tilstand (navn, nr, lagret_us, rader) VALUES ($1, $2, $3, $4)",
               {navn, nr, naa.mikros(), t.rader});
    });
    return t;
}

namespace {
// Runs fn(connection, nr) in one write transaction if a state is saved under `navn`.
template <class Fn>
bool med_tilstand(Database& db, std::string_view navn, Fn&& fn) {
    bool funnet = false;
    db.write([&](Connection& c) {
        auto nr = c.query_i64("SELECT nr FROM sandbox_tilstand WHERE navn = $1", {navn});
        if (!nr) return;
        funnet = true;
        fn(c, *nr);
    });
    return funnet;
}
}  // namespace

bool TilstandStore::gjenopprett(std::string_view navn) {
    const Backend b = db_.backend();
    return med_tilstand(db_, navn, [&](Connection& c, std::int64_t nr) {
        const auto epoke =
            c.query_i64("SELECT verdi FROM sekvens WHERE navn = 'ledger'", {}).value_or(0);
        const auto tabeller = i_fk_rekkefoelge(c, b, datatabeller(c, b));
        // Children first out, parents first in.
        for (auto it = tabeller.rbegin(); it != tabeller.rend(); ++it)
            c.exec_script("DELETE FROM \"" + *it + "\"");
        for (const auto& tabell : tabeller) {
            const auto lagret = kolonner(c, b, kopi(nr, tabell));
            if (lagret.empty()) continue;  // a table added after the state was saved
            const auto naa = kolonner(c, b, tabell);
            std::string liste;
            for (const auto& k : lagret)
                if (std::find(naa.begin(), naa.end(), k) != naa.end())
                    liste += (liste.empty() ? "\"" : ", \"") + k + "\"";
            c.exec_script("INSERT INTO \"" + tabell + "\" (" + liste + ") SELECT " + liste +
                          " FROM \"" + kopi(nr, tabell) + "\"");
            // PostgreSQL's identity columns go on after the restored rows.
            if (b == Backend::Postgres &&
                c.query_i64("SELECT 1 FROM information_schema.columns WHERE table_schema = "
                            "current_schema() AND table_name = $1 AND column_name = 'id' AND "
                            "is_identity = 'YES'",
                            {tabell}))
                c.exec_script("SELECT setval(pg_get_serial_sequence('" + tabell +
                              "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM \"" + tabell +
                              "\"), false)");
        }
        // Figures kept for the data before the restore must never be served for it again.
        c.exec("UPDATE sekvens SET verdi = $1 WHERE navn = 'ledger'", {epoke + 1});
    });
}

bool TilstandStore::slett(std::string_view navn) {
    const Backend b = db_.backend();
    return med_tilstand(db_, navn, [&](Connection& c, std::int64_t nr) {
        slett_kopier(c, b, nr);
        c.exec("DELETE FROM sandbox_tilstand WHERE navn = $1", {navn});
    });
}

std::vector<Tilstand> TilstandStore::liste() const {
    std::vector<Tilstand> ut;
    db_.reader().query(
        "SELECT navn, lagret_us, rader FROM sandbox_tilstand WHERE navn NOT LIKE '\\_%' ESCAPE "
        "'\\' ORDER BY navn",
        {}, [&](const Row& r) {
            ut.push_back({r.str(0), Tidspunkt::fra_mikros(r.i64(1)), r.i64(2)});
        });
    return ut;
}

std::optional<Tilstand> TilstandStore::finn(std::string_view navn) const {
    std::optional<Tilstand> t;
    db_.reader().query("SELECT navn, lagret_us, rader FROM sandbox_tilstand WHERE navn = $1",
                       {navn}, [&](const Row& r) {
                           t = Tilstand{r.str(0), Tidspunkt::fra_mikros(r.i64(1)), r.i64(2)};
                       });
    return t;
}

std::int64_t TilstandStore::antall_rader(std::int64_t grense) const {
    auto& c = db_.reader();
    std::int64_t n = 0;
    for (const auto& t : datatabeller(c, db_.backend())) {
        if (n > grense) break;
        n += c.query_i64("SELECT COUNT(*) FROM (SELECT 1 FROM \"" + t + "\" LIMIT $1) x",
                         {grense - n + 1})
                 .value_or(0);
    }
    return n;
}

}  // namespace skd::store
