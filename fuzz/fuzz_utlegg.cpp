// libFuzzer target: the utleggsbegjæring parser (both models) and the whole rule engine on
// whatever parses, with every optional collaborator present so all rules run.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/utlegg/regler.hpp"
#include "domain/utlegg/utleggsbegjaering.hpp"

namespace {

namespace u = skd::utlegg;

// Answers from the identifier's last digit, so the fuzzer can reach both branches.
struct Register final : u::PartRegister {
    static bool odd(std::string_view s) { return !s.empty() && (s.back() & 1); }
    bool finnes(std::string_view id) const override { return !id.empty() && id.back() != '0'; }
    bool er_hovedenhet(std::string_view o) const override { return odd(o); }
    bool er_enk(std::string_view o) const override { return !odd(o); }
    bool gammelt_regelverk(std::string_view id) const override {
        return id.size() > 2 && id[1] == '9';
    }
    bool er_inkassobyraa(std::string_view o) const override { return odd(o); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto modell = (data[0] & 1) ? u::Modell::V2 : u::Modell::V1_0_9;
    const bool endring = data[0] & 2;
    std::string_view json(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto b = u::parse_utleggsbegjaering(json, modell);
    if (!b) return 0;
    static const Register reg;
    u::RegelKontekst ctx;
    ctx.paalogget_org = "312597772";
    ctx.i_dag = skd::Dato::fra_dager(20619);  // 2026-06-15
    ctx.er_endring = endring;
    if (endring) {
        ctx.forrige = &*b;
        ctx.forrige_status = (data[0] & 4) ? "mottatt" : "avsluttet";
        ctx.ekstern_saksreferanse = "ELAN-2026-000001";
    }
    ctx.har_ubehandlet_innsending = data[0] & 8;
    ctx.er_duplikat = [&](const u::Utleggsbegjaering&) { return (data[0] & 16) != 0; };
    ctx.finn_vedlegg = [&](std::string_view uuid) -> std::optional<u::VedleggInfo> {
        if (uuid.empty() || uuid[0] == '0') return std::nullopt;
        return u::VedleggInfo{std::string(uuid), (data[0] & 32) ? "ELAN-2026-000002" : "",
                              (data[0] & 64) ? "klar" : "feilet", "application/pdf"};
    };
    ctx.partregister = &reg;
    auto utslag = u::kjoer_regler(*b, ctx);
    for (const auto& k : utslag)
        if (k.kode.empty()) __builtin_trap();
    return 0;
}
