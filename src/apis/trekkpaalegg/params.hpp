// Query and path parameters of the trekkpålegg API, parsed into value types or a 400.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "apis/common/api_error.hpp"
#include "apis/common/codes.hpp"
#include "apis/common/request_context.hpp"

namespace skd::apis::trekkpaalegg {

// SPEC §4.2: versions with sekvensnummer > etter (exclusive), at most maks_antall.
struct Paging {
    std::int64_t etter = 0;
    std::int64_t maks_antall = 0;
};

// [INFER] The largest page served; a larger maksAntall is a 400 (KB-006), not silently capped,
// because the documented paging protocol stops when a page is shorter than maksAntall: a capped
// page would end a client's paging early. The OpenAPI document publishes the cap as maksAntall's
// maximum, so the answer and the document agree.
inline constexpr std::int64_t kMaksAntallTak = 10'000;

// Both or neither of fraSekvensnummer and maksAntall; nullopt when neither is given.
ApiResult<std::optional<Paging>> parse_paging(const QueryParams& q, const CodeTable& codes);

struct VersjonId {
    std::string trekkid;
    std::int64_t trekkversjon = 0;
};
ApiResult<VersjonId> parse_versjon_id(const RequestContext& ctx, const CodeTable& codes);

}  // namespace skd::apis::trekkpaalegg
