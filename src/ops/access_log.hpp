// Structured access log: one JSON line per request with the audit fields of the security
// step (acting organisation, API, rettighetspakke, decision).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace skd::ops {

struct AccessRecord {
    std::string_view tid;  // UTC, from the Clock
    std::string_view method, path, api, korrelasjonsid, consumer, acting_org, pakke, decision,
        remote;
    int status = 0;
    std::size_t bytes = 0;
    std::int64_t micros = 0;
};

class AccessLog {
public:
    // "-" = stdout, "off" = nothing, else a file appended to.
    static std::unique_ptr<AccessLog> open(const std::string& target);
    virtual ~AccessLog() = default;
    virtual void write(const AccessRecord& r) = 0;
};

}  // namespace skd::ops
