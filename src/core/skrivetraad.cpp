#include "core/skrivetraad.hpp"

namespace skd {
namespace {
thread_local bool kan_vente = true;
}  // namespace

bool kan_vente_paa_skriving() {
    return kan_vente;
}
void tillat_venting_paa_skriving(bool kan) {
    kan_vente = kan;
}

}  // namespace skd
