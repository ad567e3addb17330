// Structured access log: one JSON line per request with the audit fields of the security
// step (acting organisation, API, rettighetspakke, decision). Lines gather in per-thread
// batches that spdlog's async logger writes on a thread of its own (at the latest 100 ms after
// the line), so requests never wait for the terminal or the disk.
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
    // "-" = stdout, "off" = nothing, else a file appended to. Destruction writes out every line
    // queued so far.
    static std::unique_ptr<AccessLog> open(const std::string& target);
    virtual ~AccessLog() = default;
    virtual void write(const AccessRecord& r) = 0;
};

}  // namespace skd::ops
