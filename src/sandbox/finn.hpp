// Test-data search: parties with asked-for properties (open claims above an amount, overdue VAT,
// active trekkpålegg, a settlement for a year, address protection, a scenario). One function
// for GET /sandbox/v1/parter and `skattedeling finn`.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/dato.hpp"
#include "store/db.hpp"
#include "store/finn.hpp"

namespace skd::sandbox {

// The parties matching `filter` on `i_dag`, by identifier, at most filter.antall. With a
// scenario name only that scenario's identifiers are candidates; one not yet made is listed
// with no figures (first touch makes it). Throws std::invalid_argument for an unknown scenario.
std::vector<store::Partstreff> finn_parter(store::Connection& c, const store::FinnFilter& filter,
                                           std::optional<std::string_view> scenario, Dato i_dag);

}  // namespace skd::sandbox
