// The control plane's request journal: the latest requests of this instance (a bounded ring),
// with what was decided about each and why, and the token's claims — never a signature or a
// whole token — so an integrator sees why a request was answered as it was.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/dato.hpp"

namespace skd::sandbox {

struct JournalPost {
    std::int64_t nr = 0;  // running number in this instance
    Tidspunkt tid;        // the real time the request arrived
    std::string metode, sti, api, korrelasjonsid, konsument, systembruker, beslutning;
    int status = 0;
    std::int64_t varighet_us = 0;
    // Selected claims of the verified token (iss, scope, client_id, consumer, supplier, ...).
    std::vector<std::pair<std::string, std::string>> claims;
};

struct JournalFilter {
    std::optional<std::string> korrelasjonsid, api, konsument, metode, sti;
    std::optional<int> status;
    bool treffer(const JournalPost& p) const;
};

class Journal {
public:
    explicit Journal(std::size_t kapasitet) : kapasitet_(kapasitet) {}
    void legg_til(JournalPost p);
    // The newest first, at most `maks`.
    std::vector<JournalPost> hent(const JournalFilter& f, std::size_t maks) const;
    std::size_t antall(const JournalFilter& f) const;
    void toem();

private:
    mutable std::mutex mu_;
    std::deque<JournalPost> poster_;
    std::size_t kapasitet_;
    std::int64_t neste_ = 1;
};

}  // namespace skd::sandbox
