// Query and path parsing for krav og betalinger: the period rules of SPEC §3.2.
#pragma once

#include <optional>

#include "apis/common/api_error.hpp"
#include "apis/common/codes.hpp"
#include "apis/common/request_context.hpp"
#include "store/ledger_store.hpp"

namespace skd::apis::kravogbetalinger {

// fraOgMed and tilOgMed: both required, valid ISO dates, fraOgMed ≤ tilOgMed, and at most one
// year apart (2020-01-01..2021-01-01 is accepted: SPEC ambiguity 15).
ApiResult<store::Periode> parse_periode(const QueryParams& q, const CodeTable& codes);

}  // namespace skd::apis::kravogbetalinger
