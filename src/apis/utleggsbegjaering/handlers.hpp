// One function per utleggsbegjæring route (SPEC §6.3): body → schema (400) → rules (422/409)
// → store (201/204). Handlers are synchronous; the store is the only thing that waits.
#pragma once

#include "apis/common/module.hpp"
#include "store/ledger_store.hpp"
#include "store/utlegg_store.hpp"

namespace skd::apis::utleggsbegjaering {

// What the handlers share; copied into each route's closure (both members are thin handles).
struct Tjenester {
    store::UtleggStore utlegg;
    store::LedgerStore partregister;  // the `part` table
    // Sandbox mode (Skatteetaten's test): every well-formed organisation number is an
    // identifiable innsender (INNSENDER_IKKE_IDENTIFISERBAR).
    bool sandkasse = false;
    // Sandbox: parties (innsender, saksøker, saksøkt) made on first touch (ModuleDeps).
    std::function<bool(std::string_view)> foerste_beroering = {};
};

const CodeTable& codes();
// "application/json; charset=utf-8" → "application/json".
std::string_view media_type(std::string_view content_type);
// Client input safe to quote in a message: printable ASCII up to 64 bytes, else a placeholder.
std::string ekko(std::string_view s);

// POST "" (bare_valider = false) and POST /valider.
ApiResult<Reply> send_inn(RequestContext& ctx, const Tjenester& t, bool bare_valider);
// PUT /{eksternSaksreferanse} and PUT /valider/{eksternSaksreferanse}.
ApiResult<Reply> endre(RequestContext& ctx, const Tjenester& t, bool bare_valider);
// GET /{eksternSaksreferanse}: our own status extension.
ApiResult<Reply> hent_sak(RequestContext& ctx, const Tjenester& t);
// POST /vedlegg: raw PDF/PNG/JPEG body (vedlegg.cpp).
ApiResult<Reply> last_opp_vedlegg(RequestContext& ctx, const Tjenester& t);

}  // namespace skd::apis::utleggsbegjaering
