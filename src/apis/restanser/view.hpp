// The restanser v2 response in the API's shape; the only place its JSON/XML names appear.
#pragma once

#include <string>

#include "core/dato.hpp"
#include "domain/ledger/ledger.hpp"
#include "encoding/view_writer.hpp"

namespace skd::apis::restanser {

struct RestanserView {
    ledger::Restanser restanser;
    Tidspunkt levert;
    std::string forespurte_organisasjon;
    bool alle_felt = true;  // dibk: Renter/Krav/sum; ebevis: only forfaltOgUbetalt [INFER]
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::restanser
