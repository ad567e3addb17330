// A trekkpålegg version as the API shows it (SPEC §4.3): the one place the trekkpålegg wire
// names are spelled. Versions are immutable, so each is rendered once, when it is written
// (column trekkpaalegg.visning, by every writer: the store's write path, the midnight job, the
// generator), and answers splice the stored objects instead of rendering rows per request.
#pragma once

#include <string>

#include "domain/trekk/trekkpaalegg.hpp"

namespace skd::encoding {
class ViewWriter;
}

namespace skd::store {

// The members of one Trekkpaalegg object, in the order of the documented examples' model table,
// into an object the caller opened.
void skriv_trekkpaalegg(encoding::ViewWriter& w, const trekk::Trekkpaalegg& t);

// The complete JSON object of one version, exactly the bytes an answer shows.
std::string trekk_visning(const trekk::Trekkpaalegg& t);

}  // namespace skd::store
