#include "apis/sistetilgjengelige/view.hpp"

namespace skd::apis::sistetilgjengelige {

void TilgjengeligdataView::write(encoding::ViewWriter& w) const {
    w.begin_root("tilgjengeligdata", "urn:no:skatteetaten:datasamarbeid:tilgjengeligdata:v1");
    w.string("personidentifikator", personidentifikator);
    // SPEC §5.3: the settlement data is served as the resource "skattegrunnlag".
    w.string("ressursId", "skattegrunnlag");
    w.string("sisteTilgjengeligePeriode", std::to_string(siste_tilgjengelige_periode));
    w.end_root();
}

}  // namespace skd::apis::sistetilgjengelige
