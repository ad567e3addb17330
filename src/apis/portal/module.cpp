#include "apis/portal/module.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "apis/portal/assets.hpp"
#include "apis/portal/files.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "security/local_issuer.hpp"

namespace skd::apis::portal {

namespace fs = std::filesystem;

namespace {

// A file in `dir`; nullopt when it cannot be read or no folder was found (empty `dir`).
std::optional<std::string> read_file(const fs::path& dir, const fs::path& name) {
    if (dir.empty()) return std::nullopt;
    std::ifstream in(dir / name, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Reply file_reply(std::string body, std::string_view content_type) {
    Reply r;
    r.body = std::move(body);
    r.content_type = std::string(content_type);
    // The portal is for developers on a local server: always fresh beats cached.
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

// Served when portal/dist was not built (no npm): the API list with links to the documents.
std::string fallback_page(const fs::path& openapi_dir) {
    std::string rows;
    std::error_code ec;
    std::vector<std::string> names;
    if (!openapi_dir.empty())
        for (const auto& e : fs::directory_iterator(openapi_dir, ec))
            if (e.path().extension() == ".json" && e.path().filename() != "index.json")
                names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& n : names) rows += "<li><a href=\"/openapi/" + n + "\">" + n + "</a></li>\n";
    return "<!doctype html>\n<html lang=\"nb\"><head><meta "
           "charset=\"utf-8\"><title>skattedeling</title>"
           "</head><body><h1>skattedeling – utviklerportal</h1>\n<p>Portalens ressurser er ikke "
           "bygget (kjør <code>make build</code> med npm tilgjengelig). "
           "OpenAPI-dokumentene:</p>\n<ul>\n" +
           rows + "</ul></body></html>\n";
}

struct TokenView {
    std::string token;
    std::int64_t expires_in;
    void write(encoding::ViewWriter& w) const {
        w.begin_root("token", "");
        w.string("access_token", token);
        w.string("token_type", "Bearer");
        w.integer("expires_in", expires_in);
        w.end_root();
    }
};

bool digits(std::string_view s, std::size_t n) {
    return s.size() == n && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// An AltinnSamtykke header token (Altinn 2 consent): tjenester (comma separated service codes),
// offered_by (who consents), covered_by (the consumer, default the demo consumer).
ApiResult<Reply> altinn2_token(RequestContext& ctx, const security::LocalIssuer& issuer,
                               const std::string& altinn_iss, Tidspunkt naa) {
    auto q = [&](std::string_view k) { return std::string(ctx.query.get(k).value_or("")); };
    security::Altinn2TokenSpec s;
    s.issuer = altinn_iss;
    s.offered_by = q("offered_by");
    s.covered_by = q("covered_by").empty() ? "974761076" : q("covered_by");
    std::string tjenester = q("tjenester");
    for (std::size_t at = 0; at < tjenester.size();) {
        auto end = std::min(tjenester.find(',', at), tjenester.size());
        if (end > at) s.services.push_back(tjenester.substr(at, end - at));
        at = end + 1;
    }
    const bool offered_ok = digits(s.offered_by, 9) || digits(s.offered_by, 11);
    if (s.services.empty() || !offered_ok || !digits(s.covered_by, 9))
        return das_codes().make(Problem::InvalidInput,
                                "Oppgi tjenester (f.eks. 5616_5), offered_by (9 eller 11 siffer) "
                                "og covered_by (9 siffer).");
    s.iat = naa.sekunder();
    s.ttl_seconds = 3600;
    auto jwt = issuer.mint(security::altinn2_payload(s));
    if (!jwt) return das_codes().make(Problem::Unexpected, jwt.error().melding);
    return encode(ctx, TokenView{std::move(*jwt), s.ttl_seconds});
}

}  // namespace

ApiModule make_module(const ModuleDeps& deps) {
    ApiModule m;
    m.name = "portal";
    m.legacy_prefixes = {""};  // routes below all start with a literal, except "/" itself
    m.codes = &das_codes();

    const auto assets = find_assets(deps.cfg.assets_dir, executable_path());
    if (assets.root.empty())
        spdlog::warn("portal: no assets folder found (set assets_dir or SKD_ASSETS_DIR)");
    else
        spdlog::info("portal: assets from {}", assets.root.string());
    const auto portal_dir = assets.portal;
    const auto openapi_dir = assets.openapi;
    auto open = [](Route r) {
        r.policy.autentisering = false;
        return r;
    };

    auto index = [portal_dir, openapi_dir](RequestContext&) -> ApiResult<Reply> {
        if (auto html = read_file(portal_dir, "index.html"))
            return file_reply(std::move(*html), "text/html;charset=UTF-8");
        return file_reply(fallback_page(openapi_dir), "text/html;charset=UTF-8");
    };
    m.routes.push_back(open({"GET", "", {}, index}));
    m.routes.push_back(open({"GET", "/portal", {}, index}));

    m.routes.push_back(open(
        {"GET", "/portal/assets/{fil}", {}, [portal_dir](RequestContext& ctx) -> ApiResult<Reply> {
             auto n = ctx.path_param("fil");
             if (!safe_name(n)) return das_codes().make(Problem::UnknownUrl);
             auto body = read_file(portal_dir, fs::path("assets") / std::string(n));
             if (!body) return das_codes().make(Problem::UnknownUrl);
             return file_reply(std::move(*body), content_type_of(n));
         }}));

    m.routes.push_back(open(
        {"GET", "/openapi/{dokument}", {}, [openapi_dir](RequestContext& ctx) -> ApiResult<Reply> {
             auto name = openapi_file_name(ctx.path_param("dokument"));
             if (!name) return das_codes().make(Problem::UnknownUrl);
             const std::string& n = *name;
             auto body = read_file(openapi_dir, n);
             if (!body)
                 return das_codes().make(Problem::UnknownUrl, "Ukjent OpenAPI-dokument: " + n);
             return file_reply(std::move(*body), content_type_of(n));
         }}));

    // Demo only: a token for the try-it form, minted like `skattedeling token` with the same key.
    if (deps.cfg.demo) {
        std::shared_ptr<const security::LocalIssuer> issuer;
        if (auto i = security::LocalIssuer::load_or_create(deps.cfg.local_issuer_key))
            issuer = std::move(*i);
        const std::string iss = deps.cfg.local_issuer;
        const std::string altinn_iss = deps.cfg.local_altinn_issuer;
        m.routes.push_back(open(
            {"POST",
             "/portal/token",
             {},
             [issuer, iss, altinn_iss](RequestContext& ctx) -> ApiResult<Reply> {
                 if (!issuer)
                     return das_codes().make(Problem::Unexpected, "Ingen lokal token-utsteder.");
                 auto q = [&](std::string_view k) {
                     return std::string(ctx.query.get(k).value_or(""));
                 };
                 // Token and consent lifetimes follow the real clock (as the server checks them),
                 // whatever the data's clock says.
                 const Tidspunkt naa = SystemClock{}.naa();
                 if (q("type") == "altinnsamtykke")
                     return altinn2_token(ctx, *issuer, altinn_iss, naa);
                 security::MaskinportenTokenSpec s;
                 s.issuer = iss;
                 s.scope = q("scope");
                 s.consumer = q("consumer").empty() ? "974761076" : q("consumer");
                 if (s.scope.empty() || !digits(s.consumer, 9))
                     return das_codes().make(Problem::InvalidInput,
                                             "Oppgi scope og et konsument-orgnr på 9 siffer.");
                 if (auto su = q("supplier"); !su.empty()) {
                     if (!digits(su, 9))
                         return das_codes().make(Problem::InvalidInput, "supplier: 9 siffer.");
                     s.supplier = su;
                 }
                 if (auto so = q("systemuser_org"); !so.empty()) {
                     if (!digits(so, 9))
                         return das_codes().make(Problem::InvalidInput,
                                                 "systemuser_org: 9 siffer.");
                     s.systemuser_org = so;
                     s.system_id = q("system_id").empty() ? "portal_demo_system" : q("system_id");
                 }
                 if (auto fra = q("samtykke_fra"); !fra.empty()) {
                     security::MaskinportenTokenSpec::Samtykke k;
                     k.from = fra;
                     k.ressurser = {q("samtykke_ressurs")};
                     k.valid_to = Tidspunkt::fra_mikros(naa.mikros() + 3600LL * 1'000'000);
                     s.samtykke = std::move(k);
                 }
                 s.iat = naa.sekunder();
                 s.ttl_seconds = 3600;
                 auto jwt = issuer->mint(security::maskinporten_payload(s));
                 if (!jwt) return das_codes().make(Problem::Unexpected, jwt.error().melding);
                 return encode(ctx, TokenView{std::move(*jwt), s.ttl_seconds});
             }}));
    }
    return m;
}

}  // namespace skd::apis::portal
