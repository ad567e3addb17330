// Trekkpålegg v1 responses in the API's shape (SPEC §4.3); the only place its JSON names appear.
// JSON only: a list is a top-level JSON array.
#pragma once

#include <vector>

#include "domain/trekk/trekkpaalegg.hpp"
#include "encoding/view_writer.hpp"

namespace skd::apis::trekkpaalegg {

// One version as a top-level object (hent versjon).
struct TrekkpaaleggView {
    const trekk::Trekkpaalegg& trekk;
    void write(encoding::ViewWriter& w) const;
};

// A top-level array of versions (hent alle gjeldende, paged or not).
struct TrekkpaaleggListeView {
    const std::vector<trekk::Trekkpaalegg>& liste;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::trekkpaalegg
