// The tables the generator loads in bulk, with their columns: the one definition both bulk
// loaders (SQLite INSERT, PostgreSQL COPY) derive their statements from. The read-model
// columns of migration 006 are included: a bulk load writes them itself, and the property
// tests check them against a recomputation from the postings. So is trekkpaalegg.visning
// (migration 007): a load renders it with store/trekk_visning.hpp, as the write path does.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace skd::store {

enum class Tabell {
    Part,
    Krav,
    Kravforfall,
    Innbetaling,
    Plassering,
    Utbetaling,
    UtbetalingGrunnlag,
    Trekkpaalegg,
    Skatteoppgjoer,
    SkatteoppgjoerDel,
    Hendelse,
    Tilgang,
};
inline constexpr std::size_t kAntallTabeller = 12;

struct TabellDef {
    std::string_view navn;
    std::string_view kolonner;  // comma-separated, in the order rows give their values
};

const TabellDef& tabell(Tabell t);
const std::array<TabellDef, kAntallTabeller>& alle_tabeller();
// "INSERT INTO navn (kolonner) VALUES ($1, ..., $n)"; `tillegg` is appended (e.g. ON CONFLICT).
std::string insert_sql(Tabell t, std::string_view tillegg = {});
// The table names quoted for an SQL IN list: 'part','krav',...
std::string tabell_liste();

}  // namespace skd::store
