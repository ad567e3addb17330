// Where a request may wait for a write. The server's event-loop workers must not: one waiting
// there holds up every other connection of its worker. A handler on a worker that finds it must
// write (a sandbox party made on first touch) throws TrengerSkrivetraad before it starts, and the
// server runs the request again on its write pool, where waiting is allowed. Every thread may
// wait unless it says otherwise (tools, tests and the write pool do not say); the server's
// workers say so when the server has a write pool.
#pragma once

namespace skd {

// Deliberately not a std::exception: no handler's catch-all for failures takes it for one.
struct TrengerSkrivetraad {};

bool kan_vente_paa_skriving();
void tillat_venting_paa_skriving(bool kan);

}  // namespace skd
