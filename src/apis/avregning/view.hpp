// The avregning v2 response (SPEC §5.1); the only place its JSON/XML names appear. Package
// filtering and skjerming are already applied (domain Avregningsutsnitt).
#pragma once

#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"
#include "encoding/view_writer.hpp"

namespace skd::apis::avregning {

struct AvregningView {
    skatteoppgjoer::Avregningsutsnitt utsnitt;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::avregning
