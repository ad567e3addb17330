// Every identifier is a party: in sandbox mode, the first time a request names a valid
// organisation number or fødselsnummer the database does not know, the party is made from the
// generator's per-party model (generate/modell.hpp), seeded by `sandbox_seed` and the
// identifier, and written through the ordinary write path in one transaction — as an import
// would, so it shows up in every API (the hendelser feed too). Readers call this only when
// their own read found no such party, so known parties cost nothing.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "generate/modell.hpp"
#include "store/db.hpp"

namespace skd::sandbox {

class Parter {
public:
    struct Valg {
        std::uint64_t seed = 1;
    };
    Parter(store::Database& db, const Clock& klokke, Valg valg);

    // Makes the party if `identifikator` is a valid identifier the database does not know and
    // no scenario forbids it; returns true when the party exists now — made by this call, by a
    // concurrent one, or after the caller's own read missed it — so the caller reads again, and
    // false when there is no such party (an invalid identifier, the ingen_data scenario). Safe
    // from any thread and any instance: concurrent first touches of one identifier make it
    // once. The scenarios Bakendfeil and UventetFeil throw (store::DbError, std::runtime_error)
    // so the request gets the API's -002 or -001 answer. Throws store::DbError on database
    // failure, and TrengerSkrivetraad on a thread that must not wait for the write (the server
    // then runs the request again where it may).
    bool ved_foerste_beroering(std::string_view identifikator);

    // The model parties are made with now: anchored to the first day of the clock's month in
    // Norway, so a party made again (a recreated database, another instance) gets the same data
    // within the month; income years are the three before the current one.
    generate::Modell modell() const;

    std::uint64_t antall_laget() const { return laget_.load(); }

private:
    store::Database& db_;
    const Clock& klokke_;
    Valg valg_;
    std::atomic<std::uint64_t> laget_{0};
};

}  // namespace skd::sandbox
