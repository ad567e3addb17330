// Values derived from versioned data, kept while the version they were computed at is still
// the current one. Each entry carries its own version (e.g. a party's version and the ledger's
// epoch), so a write to one party leaves every other party's kept values alone; a reader passes
// the version it just read from the database, so a kept value is never older than the last
// committed change. Shared by the worker threads (sharded locks); bounded (a full shard is
// emptied, which is cheap and keeps no eviction order). A limit of 0 keeps nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace skd {

template <class V, class Version = std::int64_t>
class VersionedCache {
public:
    explicit VersionedCache(std::size_t max_entries)
        : per_shard_(max_entries == 0 ? 0 : std::max<std::size_t>(1, max_entries / kShards)) {}

    bool enabled() const { return per_shard_ > 0; }

    // The value kept for `key` if it was computed at `version`.
    std::optional<V> find(const std::string& key, const Version& version) {
        if (!enabled()) return std::nullopt;
        auto& s = shard(key);
        std::lock_guard lock(s.mu);
        auto it = s.map.find(key);
        if (it == s.map.end() || !(it->second.version == version)) return std::nullopt;
        ++s.hits;
        return it->second.value;
    }

    // Keeps `value` as computed at `version` (replacing an older one).
    void put(const std::string& key, const Version& version, V value) {
        if (!enabled()) return;
        auto& s = shard(key);
        std::lock_guard lock(s.mu);
        if (s.map.size() >= per_shard_ && !s.map.contains(key)) s.map.clear();
        s.map.insert_or_assign(key, Entry{version, std::move(value)});
    }

    std::uint64_t hits() const {
        std::uint64_t h = 0;
        for (const auto& s : shards_) {
            std::lock_guard lock(s.mu);
            h += s.hits;
        }
        return h;
    }

private:
    static constexpr std::size_t kShards = 16;
    struct Entry {
        Version version;
        V value;
    };
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<std::string, Entry> map;
        std::uint64_t hits = 0;
    };
    Shard& shard(const std::string& key) {
        return shards_[std::hash<std::string>{}(key) % kShards];
    }

    std::size_t per_shard_;
    std::array<Shard, kShards> shards_;
};

}  // namespace skd
