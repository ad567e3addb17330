// The tilgjengeligdata response (SPEC §5.3); the only place its JSON/XML names appear.
#pragma once

#include <string>

#include "encoding/view_writer.hpp"

namespace skd::apis::sistetilgjengelige {

struct TilgjengeligdataView {
    std::string personidentifikator;
    int siste_tilgjengelige_periode = 0;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::sistetilgjengelige
