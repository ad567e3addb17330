// Cost of verifying a Maskinporten token: a full RS256 check versus a verified-token cache hit.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/clock.hpp"
#include "security/local_issuer.hpp"
#include "security/token_verifier.hpp"

namespace {

namespace sec = skd::security;

struct Fixture {
    Fixture() {
        auto dir = std::filesystem::temp_directory_path() / "skd-bench-token";
        issuer = std::move(sec::LocalIssuer::load_or_create(dir / "issuer.pem").value());
        sec::MaskinportenTokenSpec spec;
        spec.scope = "skatteetaten:restanser";
        spec.consumer = "974761076";
        spec.iat = clock.naa().sekunder();
        spec.ttl_seconds = 3600;
        token = issuer->mint(sec::maskinporten_payload(spec)).value();
        sec::VerifierConfig cfg;
        cfg.issuers = {{spec.issuer, issuer->jwks_json(), std::nullopt}};
        cfg.refresh_seconds = 0;
        cached = make(cfg);
        cfg.cache_entries = 0;
        uncached = make(cfg);
    }
    std::unique_ptr<sec::TokenVerifier> make(const sec::VerifierConfig& cfg) {
        auto v = sec::TokenVerifier::create(cfg, clock);
        if (!v) throw std::runtime_error(v.error());
        return std::move(*v);
    }
    skd::FixedClock clock{skd::Tidspunkt::fra_mikros(1772366400LL * 1'000'000)};
    std::unique_ptr<sec::LocalIssuer> issuer;
    std::string token;
    std::unique_ptr<sec::TokenVerifier> cached;
    std::unique_ptr<sec::TokenVerifier> uncached;
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void BM_FullVerification(benchmark::State& state) {
    auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.uncached->verify(f.token));
}
BENCHMARK(BM_FullVerification);

void BM_CacheHit(benchmark::State& state) {
    auto& f = fixture();
    (void)f.cached->verify(f.token);
    for (auto _ : state) benchmark::DoNotOptimize(f.cached->verify(f.token));
}
BENCHMARK(BM_CacheHit)->Threads(1)->Threads(2);

void BM_BearerFromHeader(benchmark::State& state) {
    auto& f = fixture();
    std::string header = "Bearer " + f.token;
    for (auto _ : state) benchmark::DoNotOptimize(sec::TokenVerifier::bearer_from_header(header));
}
BENCHMARK(BM_BearerFromHeader);

}  // namespace

BENCHMARK_MAIN();
