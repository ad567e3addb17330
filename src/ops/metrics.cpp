#include "ops/metrics.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace skd::ops {
namespace {

constexpr std::array<std::int64_t, 12> kBucketsUs = {
    100, 250, 500, 1000, 2500, 5000, 10'000, 25'000, 50'000, 100'000, 500'000, 2'000'000};

struct Series {
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_us{0};
    std::array<std::atomic<std::uint64_t>, kBucketsUs.size()> buckets{};
};

struct Shard {
    std::mutex mu;  // guards the map's shape; counters are atomics
    // Few (api, status) pairs exist; a linear scan beats hashing here.
    std::vector<std::pair<std::pair<std::string, int>, std::unique_ptr<Series>>> series;
};

std::mutex g_shards_mu;
std::vector<std::shared_ptr<Shard>> g_shards;

Shard& my_shard() {
    thread_local std::shared_ptr<Shard> s = [] {
        auto sh = std::make_shared<Shard>();
        std::lock_guard l(g_shards_mu);
        g_shards.push_back(sh);
        return sh;
    }();
    return *s;
}

}  // namespace

void Metrics::record(std::string_view api, int status, std::int64_t micros) {
    Shard& s = my_shard();
    Series* se;
    {
        std::lock_guard l(s.mu);  // uncontended: only this thread and a /metrics read take it
        se = nullptr;
        for (auto& [k, v] : s.series)
            if (k.second == status && k.first == api) se = v.get();
        if (!se) {
            s.series.emplace_back(std::pair(std::string(api), status), std::make_unique<Series>());
            se = s.series.back().second.get();
        }
    }
    se->count.fetch_add(1, std::memory_order_relaxed);
    se->sum_us.fetch_add(static_cast<std::uint64_t>(micros), std::memory_order_relaxed);
    for (std::size_t i = 0; i < kBucketsUs.size(); ++i)
        if (micros <= kBucketsUs[i]) se->buckets[i].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::prometheus_text() const {
    struct Sum {
        std::uint64_t count = 0, sum_us = 0;
        std::array<std::uint64_t, kBucketsUs.size()> b{};
    };
    std::map<std::pair<std::string, int>, Sum> all;
    {
        std::lock_guard l(g_shards_mu);
        for (const auto& sh : g_shards) {
            std::lock_guard l2(sh->mu);
            for (const auto& [k, s] : sh->series) {
                auto& a = all[k];
                a.count += s->count.load();
                a.sum_us += s->sum_us.load();
                for (std::size_t i = 0; i < kBucketsUs.size(); ++i) a.b[i] += s->buckets[i].load();
            }
        }
    }
    std::string out =
        "# HELP skd_requests_total HTTP requests by API and status.\n"
        "# TYPE skd_requests_total counter\n";
    for (const auto& [k, s] : all)
        out += fmt::format("skd_requests_total{{api=\"{}\",status=\"{}\"}} {}\n", k.first, k.second,
                           s.count);
    out +=
        "# HELP skd_request_duration_seconds Request latency by API and status.\n"
        "# TYPE skd_request_duration_seconds histogram\n";
    for (const auto& [k, s] : all) {
        for (std::size_t i = 0; i < kBucketsUs.size(); ++i)
            out += fmt::format(
                "skd_request_duration_seconds_bucket{{api=\"{}\",status=\"{}\",le=\"{}\"}} {}\n",
                k.first, k.second, static_cast<double>(kBucketsUs[i]) / 1e6, s.b[i]);
        out += fmt::format(
            "skd_request_duration_seconds_bucket{{api=\"{}\",status=\"{}\",le=\"+Inf\"}} {}\n",
            k.first, k.second, s.count);
        out += fmt::format("skd_request_duration_seconds_sum{{api=\"{}\",status=\"{}\"}} {}\n",
                           k.first, k.second, static_cast<double>(s.sum_us) / 1e6);
        out += fmt::format("skd_request_duration_seconds_count{{api=\"{}\",status=\"{}\"}} {}\n",
                           k.first, k.second, s.count);
    }
    return out;
}

Metrics& metrics() {
    static Metrics m;
    return m;
}

}  // namespace skd::ops
