#include "sandbox/feil.hpp"

#include <algorithm>

namespace skd::sandbox {

Feilregler::Feilregler() : rng_(std::random_device{}()) {}

Feilregel Feilregler::legg_til(Feilregel r) {
    std::lock_guard lock(mu_);
    r.id = neste_++;
    r.brukt = 0;
    regler_.push_back(r);
    antall_ = regler_.size();
    return r;
}

std::vector<Feilregel> Feilregler::liste() const {
    std::lock_guard lock(mu_);
    std::vector<Feilregel> ut;
    for (const auto& r : regler_)
        if (!r.innebygd) ut.push_back(r);
    return ut;
}

bool Feilregler::fjern(std::int64_t id) {
    std::lock_guard lock(mu_);
    const auto n =
        std::erase_if(regler_, [&](const Feilregel& r) { return r.id == id && !r.innebygd; });
    antall_ = regler_.size();
    return n > 0;
}

void Feilregler::fjern_alle() {
    std::lock_guard lock(mu_);
    std::erase_if(regler_, [](const Feilregel& r) { return !r.innebygd; });
    antall_ = regler_.size();
}

std::optional<Feiltreff> Feilregler::treff(std::string_view api, std::string_view metode,
                                           std::string_view sti,
                                           const std::vector<std::string_view>& parter) {
    std::lock_guard lock(mu_);
    for (auto& r : regler_) {
        if (r.api && *r.api != api) continue;
        if (r.metode && *r.metode != metode) continue;
        if (r.sti && sti.rfind(*r.sti, 0) != 0) continue;
        if (r.part && std::find(parter.begin(), parter.end(), *r.part) == parter.end()) continue;
        if (r.antall && r.brukt >= *r.antall) continue;
        if (r.andel < 1.0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng_) >= r.andel)
            continue;
        ++r.brukt;
        Feiltreff t;
        t.status = r.status;
        t.kode = r.kode;
        t.forsinkelse_ms = r.forsinkelse_ms;
        if (r.jitter_ms > 0)
            t.forsinkelse_ms += std::uniform_int_distribution<std::int64_t>(0, r.jitter_ms)(rng_);
        t.bryt = r.bryt;
        t.avkort = r.avkort;
        t.regel = r.id;
        return t;
    }
    return std::nullopt;
}

}  // namespace skd::sandbox
