// The hendelser feed responses (SPEC §5.2); the only place their JSON/XML names appear.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"
#include "encoding/view_writer.hpp"

namespace skd::apis::hendelser {

struct HendelserView {
    std::vector<skatteoppgjoer::Hendelse> hendelser;
    void write(encoding::ViewWriter& w) const;
};

struct StartView {
    std::int64_t sekvensnummer = 0;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::hendelser
