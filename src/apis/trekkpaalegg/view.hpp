// Trekkpålegg v1 responses in the API's shape (SPEC §4.3). JSON only: a list is a top-level JSON
// array. Each version's object is rendered once, when the version is written
// (store/trekk_visning.hpp, the one place its JSON names are spelled); answers splice the stored
// objects into the body as the store reads them, so a page of 2500 versions is one range read
// and a copy of each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace skd::apis::trekkpaalegg {

// A top-level array of stored version objects (hent alle gjeldende, paged or not).
class TrekkpaaleggListe {
public:
    // Opens the array; `forventet` versions are room reserved for.
    TrekkpaaleggListe(std::string& body, std::size_t forventet);
    void legg_til(std::string_view visning);
    // Closes the array.
    void avslutt();

private:
    std::string& ut_;
    bool foerste_ = true;
};

}  // namespace skd::apis::trekkpaalegg
