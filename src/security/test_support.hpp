// Shared by the security unit tests: temp directories, process-wide test keys, a fixed clock.
// RSA key generation is slow, so each test key is generated once per test process.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "security/local_issuer.hpp"

namespace skd::security::test {

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "skd-sec-XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        if (!p) throw std::runtime_error("mkdtemp failed");
        path_ = p;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

// Test key `n` (0, 1, 2, ...), generated on first use and kept in a process-wide temp dir.
inline const LocalIssuer& test_key(int n) {
    static TempDir dir;
    static std::unique_ptr<LocalIssuer> keys[4];
    if (!keys[n]) {
        auto k = LocalIssuer::load_or_create(dir / ("key" + std::to_string(n) + ".pem"));
        if (!k) throw std::runtime_error(k.error().melding);
        keys[n] = std::move(*k);
    }
    return *keys[n];
}

inline std::string jwks_of(std::initializer_list<int> keys) {
    std::string out = R"({"keys":[)";
    bool first = true;
    for (int k : keys) {
        std::string one = test_key(k).jwks_json();
        // Strip {"keys":[ ... ]} around the single key.
        one = one.substr(9, one.size() - 11);
        out += (first ? "" : ",") + one;
        first = false;
    }
    return out + "]}";
}

inline std::string mint(int key, const std::string& payload, std::string_view alg = "RS256",
                        std::optional<std::string> kid = std::nullopt) {
    auto t = test_key(key).mint(payload, alg, std::move(kid));
    if (!t) throw std::runtime_error(t.error().melding);
    return *t;
}

// 2026-03-01T12:00:00Z
inline constexpr std::int64_t kNow = 1772366400;
inline Tidspunkt now_tidspunkt() {
    return Tidspunkt::fra_mikros(kNow * 1'000'000);
}

inline const std::string kMaskinporten = "https://test.maskinporten.no/";

}  // namespace skd::security::test
