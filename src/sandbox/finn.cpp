#include "sandbox/finn.hpp"

#include <stdexcept>
#include <string>

#include "sandbox/scenarier.hpp"

namespace skd::sandbox {

std::vector<store::Partstreff> finn_parter(store::Connection& c, const store::FinnFilter& filter,
                                           std::optional<std::string_view> scenario, Dato i_dag) {
    if (!scenario) return store::finn_parter(c, filter, i_dag);
    std::vector<std::string> kandidater;
    for (const auto& s : scenarier())
        if (s.navn == *scenario) kandidater.emplace_back(s.identifikator);
    if (kandidater.empty())
        throw std::invalid_argument("Ukjent scenario '" + std::string(*scenario) + "'");
    std::vector<store::Partstreff> treff;
    for (const auto& id : kandidater) {
        if (static_cast<std::int64_t>(treff.size()) >= filter.antall) break;
        auto en_filter = filter;
        en_filter.identifikator = id;
        auto en = store::finn_parter(c, en_filter, i_dag);
        if (!en.empty()) {
            treff.push_back(std::move(en.front()));
            continue;
        }
        store::Partstreff p;  // not made yet: made on first touch
        p.identifikator = id;
        p.er_person = id.size() == 11;
        treff.push_back(std::move(p));
    }
    return treff;
}

}  // namespace skd::sandbox
