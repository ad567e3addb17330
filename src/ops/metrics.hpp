// Request counters and latency histograms per API and status, in Prometheus text format.
// Each worker thread records into its own shard, so the hot path takes no shared lock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace skd::ops {

class Metrics {
public:
    void record(std::string_view api, int status, std::int64_t micros);
    std::string prometheus_text() const;
};

Metrics& metrics();

}  // namespace skd::ops
