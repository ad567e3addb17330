// Values derived from versioned data, kept while the version they were computed at is the
// current one: a reader passes the version it just read from the database, so a kept value is
// never older than the last committed change. Shared by the worker threads; bounded (emptied
// when full, which is cheap and keeps no eviction order). A limit of 0 keeps nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace skd {

template <class V>
class VersionedCache {
public:
    explicit VersionedCache(std::size_t max_entries) : max_(max_entries) {}

    // The value for `key` at `version`, computed (outside the lock) when not kept.
    template <class Compute>
    V get(const std::string& key, std::int64_t version, Compute&& compute) {
        {
            std::lock_guard lock(mu_);
            if (version == version_) {
                auto it = map_.find(key);
                if (it != map_.end()) {
                    ++hits_;
                    return it->second;
                }
            }
        }
        V v = compute();
        std::lock_guard lock(mu_);
        if (version > version_ || version_ < 0) {
            map_.clear();
            version_ = version;
        }
        if (version == version_ && max_ > 0) {
            if (map_.size() >= max_) map_.clear();
            map_.insert_or_assign(key, v);
        }
        return v;
    }

    std::uint64_t hits() const {
        std::lock_guard lock(mu_);
        return hits_;
    }

private:
    mutable std::mutex mu_;
    std::unordered_map<std::string, V> map_;
    std::int64_t version_ = -1;
    std::size_t max_;
    std::uint64_t hits_ = 0;
};

}  // namespace skd
