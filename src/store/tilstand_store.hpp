// Named states of the sandbox's database: a whole copy of every data table, saved and restored
// in one transaction on either backend, so a test suite can return to a known world between
// tests (PUT /sandbox/v1/tilstander/{navn}, POST .../gjenopprett, POST /sandbox/v1/reset).
// The data tables are found in the database's own catalogue and restored in foreign-key order,
// so tables added by later migrations are included without a list to keep in step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dato.hpp"
#include "store/db.hpp"

namespace skd::store {

struct Tilstand {
    std::string navn;
    Tidspunkt lagret;
    std::int64_t rader = 0;
};

class TilstandStore {
public:
    explicit TilstandStore(Database& db) : db_(db) {}

    // A name is 1-64 of A-Z a-z 0-9 _ - (names starting with "_" are the server's own).
    static bool gyldig_navn(std::string_view navn);

    // Saves the current data under `navn` (replacing a state of that name).
    Tilstand lagre(std::string_view navn, Tidspunkt naa);
    // Restores the data saved under `navn`; false if there is none. Every kept figure is
    // recomputed afterwards (the ledger's epoch moves past any earlier one).
    bool gjenopprett(std::string_view navn);
    bool slett(std::string_view navn);
    std::vector<Tilstand> liste() const;
    std::optional<Tilstand> finn(std::string_view navn) const;

    // Rows in the data tables, counted no further than just past `grense` (to decide cheaply
    // whether a baseline copy is affordable).
    std::int64_t antall_rader(std::int64_t grense) const;

private:
    Database& db_;
};

}  // namespace skd::store
