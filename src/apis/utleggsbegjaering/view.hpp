// Utleggsbegjæring responses in the API's shape; the only place their JSON names appear.
// JSON only (SPEC §1.2): the API offers no XML.
#pragma once

#include <string>
#include <vector>

#include "encoding/view_writer.hpp"
#include "store/utlegg_store.hpp"

namespace skd::apis::utleggsbegjaering {

// SPEC §6.3: SendInnUtleggsbegjaeringResponse.
struct KvitteringView {
    std::string ekstern_saksreferanse;
    void write(encoding::ViewWriter& w) const;
};

// Receipt of an uploaded attachment, to be referenced as vedlegg[].uuid.
struct VedleggView {
    std::string uuid;
    std::string filnavn;
    std::string status;
    void write(encoding::ViewWriter& w) const;
};

// [INFER] Our own extension (the real "Status på sak" API is unpublished): the case's state
// and its versions, for the innsender only.
struct SakView {
    store::Utleggssak sak;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::utleggsbegjaering
