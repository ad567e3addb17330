#include "apis/trekkpaalegg/params.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "apis/common/params.hpp"

namespace skd::apis::trekkpaalegg {

namespace {
constexpr std::string_view kFra = "fraSekvensnummer";
constexpr std::string_view kMaks = "maksAntall";
constexpr std::int64_t kStoersteSekvensnummer = 999'999'999'999'999'999;
}  // namespace

ApiResult<std::optional<Paging>> parse_paging(const QueryParams& q, const CodeTable& codes) {
    for (auto navn : {kFra, kMaks})
        if (auto e = sjekk_ikke_duplisert(navn, q.count(navn), codes)) return *e;
    auto fra = q.get(kFra);
    auto maks = q.get(kMaks);
    if (!fra && !maks) return std::optional<Paging>();
    // SPEC §4.2: the two parameters only work together.
    if (!fra || !maks)
        return codes.make(Problem::InvalidInput,
                          fmt::format("Parameterne '{}' og '{}' må oppgis sammen", kFra, kMaks));
    auto etter = parse_heltall(kFra, *fra, 0, kStoersteSekvensnummer, codes);
    if (!etter) return etter.error();
    auto antall = parse_heltall(kMaks, *maks, 1, kMaksAntallTak, codes);
    if (!antall) return antall.error();
    return std::optional<Paging>(Paging{*etter, *antall});
}

ApiResult<VersjonId> parse_versjon_id(const RequestContext& ctx, const CodeTable& codes) {
    auto trekkid = ctx.path_param("trekkid");
    // The same alphabet the store accepts (domain/trekk), so a malformed id is a 400 for anyone.
    const bool ok = !trekkid.empty() && trekkid.size() <= 64 &&
                    std::all_of(trekkid.begin(), trekkid.end(), [](char c) {
                        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                               (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
                    });
    if (!ok)
        return codes.make(
            Problem::InvalidInput,
            "Parameteren 'trekkid' må være 1-64 tegn av 0-9, A-Z, a-z, '-', '_' og '.'");
    auto versjon = parse_heltall("trekkversjon", ctx.path_param("trekkversjon"), 1,
                                 kStoersteSekvensnummer, codes);
    if (!versjon) return versjon.error();
    return VersjonId{std::string(trekkid), *versjon};
}

}  // namespace skd::apis::trekkpaalegg
