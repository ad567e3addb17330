// Import of utlegg entities (docs/import-format.md, section "utleggsbegjaering"): attachments
// registered outside the API (demo data, test states) and the status of an existing case.
#include <fmt/format.h>

#include <array>

#include "import/import_types.hpp"

namespace skd::importer {
using namespace skd::store;
namespace {

using import_detail::Fields;
using import_detail::ImportError;

// SHA-256 of zero bytes: imported attachments carry no content unless a test says otherwise.
constexpr std::string_view kTomSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

constexpr std::array<std::string_view, 6> kVedleggStatus = {"klar",    "behandles", "feilet",
                                                            "slettet", "forkastet", "virus"};

// [INFER] The case states this server knows: 'mottatt' (new; changes allowed), 'uavklart' (an
// earlier submission is unprocessed: UAVKLART_STATUS), 'under_behandling' (changes allowed) and
// the final states that give UGYLDIG_STATUS.
constexpr std::array<std::string_view, 8> kSakStatus = {
    "mottatt", "uavklart", "under_behandling", "avsluttet",
    "avvist",  "trukket",  "henlagt",          "ferdigbehandlet"};

template <std::size_t N>
std::string en_av(const Fields& f, std::string_view felt, std::string_view standard,
                  const std::array<std::string_view, N>& lov) {
    auto v = f.opt(felt).value_or(std::string(standard));
    for (auto l : lov)
        if (v == l) return v;
    throw ImportError{fmt::format("'{}' har ukjent verdi '{}'", felt, v)};
}

void vedlegg(Connection& c, const Fields& f, ImportContext&) {
    const auto uuid = f.str("uuid");
    if (uuid.size() > 100) throw ImportError{"'uuid' er for lang"};
    c.exec(
        "INSERT INTO vedlegg (uuid, innsender, filnavn, vedleggstype, innholdstype, stoerrelse, "
        "sha256, innhold, status, ekstern_saksreferanse, opprettet_us) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10) "
        "ON CONFLICT (uuid) DO UPDATE SET innsender = excluded.innsender, "
        "filnavn = excluded.filnavn, vedleggstype = excluded.vedleggstype, "
        "innholdstype = excluded.innholdstype, stoerrelse = excluded.stoerrelse, "
        "sha256 = excluded.sha256, status = excluded.status, "
        "ekstern_saksreferanse = excluded.ekstern_saksreferanse",
        {uuid, f.part("innsender"), f.opt("filnavn").value_or(uuid + ".pdf"), f.opt("vedleggstype"),
         f.opt("innholdstype").value_or("application/pdf"), f.opt_i64("stoerrelse").value_or(0),
         f.opt("sha256").value_or(std::string(kTomSha256)),
         en_av(f, "status", "klar", kVedleggStatus), f.opt("ekstern_saksreferanse"),
         f.opt_i64("opprettet_us").value_or(0)});
}

// Sets the state of a case created through the API; the case must exist.
void utleggssak(Connection& c, const Fields& f, ImportContext&) {
    const auto sak = f.str("ekstern_saksreferanse");
    auto n = c.exec("UPDATE utleggssak SET status = $2 WHERE ekstern_saksreferanse = $1",
                    {sak, en_av(f, "status", "", kSakStatus)});
    if (n == 0) throw ImportError{fmt::format("utleggssaken {} finnes ikke", sak)};
}

}  // namespace

std::vector<ImportType> utlegg_import_types() {
    return {{"vedlegg", vedlegg, {}}, {"utleggssak", utleggssak, {}}};
}

}  // namespace skd::importer
