// POST /vedlegg: an attachment as the raw request body, checked by type and first bytes.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>

#include "apis/utleggsbegjaering/handlers.hpp"
#include "apis/utleggsbegjaering/view.hpp"
#include "core/ids.hpp"
#include "domain/utlegg/utleggsbegjaering.hpp"
#include "encoding/view_writer.hpp"
#include "http/router.hpp"

namespace skd::apis::utleggsbegjaering {

namespace {

struct Filtype {
    std::string_view media_type, magi, endelse;
};
// [INFER] Attachments are PDF or images (SPEC §6.6 says they are converted to PDF); the body's
// first bytes must match the declared type.
constexpr Filtype kFiltyper[] = {{"application/pdf", "%PDF-", ".pdf"},
                                 {"image/png", "\x89PNG\r\n\x1a\n", ".png"},
                                 {"image/jpeg", "\xFF\xD8\xFF", ".jpg"}};

// The body limit of the server (10 MB by default) applies first; this is the API's own cap.
constexpr std::size_t kMaksVedlegg = 10 * 1024 * 1024;

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    std::string hex;
    for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
    return hex;
}

ApiResult<std::string> les_filnavn(const RequestContext& ctx, std::string_view endelse,
                                   const std::string& uuid) {
    std::string_view raa = ctx.request.header("X-Filnavn");
    if (raa.empty()) raa = ctx.query.get("filnavn").value_or("");
    if (raa.empty()) return uuid + std::string(endelse);
    // Percent-encoding lets clients send æøå in a header.
    std::string navn;
    const bool ok = http::percent_decode(raa, navn, false) && navn.size() <= 255 &&
                    encoding::valid_utf8(navn) &&
                    std::none_of(navn.begin(), navn.end(), [](char c) {
                        auto u = static_cast<unsigned char>(c);
                        return u < 0x20 || u == 0x7f || c == '/' || c == '\\';
                    });
    if (!ok)
        return codes().make(Problem::InvalidInput,
                            "Filnavnet må være gyldig UTF-8 (gjerne %-kodet), høyst 255 byte, "
                            "uten kontrolltegn eller skråstrek");
    return navn;
}

}  // namespace

ApiResult<Reply> last_opp_vedlegg(RequestContext& ctx, const Tjenester& t) {
    const auto ct = media_type(ctx.request.header("Content-Type"));
    const Filtype* type = nullptr;
    for (const auto& f : kFiltyper)
        if (http::iequals(ct, f.media_type)) type = &f;
    if (!type)
        return codes().make(Problem::UnsupportedMedia,
                            fmt::format("Vedlegg sendes som rå kropp med Content-Type "
                                        "application/pdf, image/png eller image/jpeg, fikk '{}'",
                                        ekko(ct)));
    const std::string_view body = ctx.request.body;
    if (body.size() > kMaksVedlegg)
        return codes().make(Problem::PayloadTooLarge, "Vedlegget er større enn 10 MB");
    if (body.empty()) return codes().make(Problem::InvalidInput, "Vedlegget er tomt");
    if (body.substr(0, type->magi.size()) != type->magi)
        return codes().make(Problem::InvalidInput,
                            fmt::format("Innholdet er ikke en gyldig {}-fil", type->media_type));

    std::optional<std::string> vedleggstype;
    std::string_view vt = ctx.request.header("X-Vedleggstype");
    if (vt.empty()) vt = ctx.query.get("type").value_or("");
    if (!vt.empty()) {
        std::string dekodet;
        // The petition's own list: "transporterklaering" for clients that cannot send æ.
        if (!http::percent_decode(vt, dekodet, false) || !skd::utlegg::er_vedleggstype(dekodet))
            return codes().make(Problem::InvalidInput,
                                "Ukjent vedleggstype; bruk betalingsoppfordring, fullmakt, "
                                "transporterklæring, tvangsgrunnlag, tvangskraftgrunnlag eller "
                                "annet");
        vedleggstype = dekodet;
    }

    store::Vedleggsrad rad;
    rad.uuid = uuid_v4();
    auto filnavn = les_filnavn(ctx, type->endelse, rad.uuid);
    if (!filnavn) return filnavn.error();
    rad.innsender = ctx.identity->acting_org;
    rad.filnavn = std::move(*filnavn);
    rad.vedleggstype = std::move(vedleggstype);
    rad.innholdstype = std::string(type->media_type);
    rad.sha256 = sha256_hex(body);
    // [INFER] No virus scan or conversion runs here, so an accepted file is ready at once.
    rad.status = "klar";
    rad.opprettet_us = ctx.naa.mikros();
    t.utlegg.lagre_vedlegg(rad, body);
    return encode(ctx, VedleggView{rad.uuid, rad.filnavn, rad.status}, 201);
}

}  // namespace skd::apis::utleggsbegjaering
