// Fault rules of the control plane (POST /sandbox/v1/feil): which requests (an API, a method, a
// path prefix, a party named in the path) and what happens to them — an error status with the
// API's own code, a delay (fixed, with jitter), a dropped connection or a truncated body — for a
// number of requests or a share of them. Rules live in the instance that received them;
// requests no rule matches are untouched.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace skd::sandbox {

enum class Feilhandling { Status, Forsinkelse, Bryt, Avkort };

struct Feilregel {
    std::int64_t id = 0;
    // What it matches (every given field must match).
    std::optional<std::string> api, metode, sti, part;
    // What happens.
    std::optional<int> status;        // 500 or 503 (with the API's code), 429, ...
    std::optional<std::string> kode;  // the API's code to answer with, e.g. RESTANSE-002
    std::int64_t forsinkelse_ms = 0;  // before answering (with or without a status)
    std::int64_t jitter_ms = 0;       // up to this much more, at random
    bool bryt = false;                // drop the connection without answering
    bool avkort = false;              // send part of the body, then close
    // For how many matching requests (nullopt: every one), or what share of them (0..1].
    std::optional<std::int64_t> antall;
    double andel = 1.0;
    std::int64_t brukt = 0;  // matching requests it acted on
    bool innebygd = false;   // a scenario identifier's rule (not listed, not removable)
};

// What the pipeline does with one request.
struct Feiltreff {
    std::optional<int> status;
    std::optional<std::string> kode;
    std::int64_t forsinkelse_ms = 0;
    bool bryt = false, avkort = false;
    std::int64_t regel = 0;
};

class Feilregler {
public:
    Feilregler();
    // Validated by the caller; returns the rule with its id.
    Feilregel legg_til(Feilregel r);
    std::vector<Feilregel> liste() const;
    bool fjern(std::int64_t id);
    void fjern_alle();  // the built-in ones stay
    // The first rule that matches (and is not used up), counted as used. `parter`: the
    // identifiers named in the request's path.
    std::optional<Feiltreff> treff(std::string_view api, std::string_view metode,
                                   std::string_view sti,
                                   const std::vector<std::string_view>& parter);
    // Cheap check the pipeline makes first.
    bool tom() const { return antall_.load(std::memory_order_relaxed) == 0; }

private:
    mutable std::mutex mu_;
    std::vector<Feilregel> regler_;
    std::int64_t neste_ = 1;
    std::atomic<std::size_t> antall_{0};
    std::mt19937_64 rng_;
};

}  // namespace skd::sandbox
