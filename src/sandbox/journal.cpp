#include "sandbox/journal.hpp"

namespace skd::sandbox {

bool JournalFilter::treffer(const JournalPost& p) const {
    return (!korrelasjonsid || p.korrelasjonsid == *korrelasjonsid) && (!api || p.api == *api) &&
           (!konsument || p.konsument == *konsument) && (!metode || p.metode == *metode) &&
           (!sti || p.sti.rfind(*sti, 0) == 0) && (!status || p.status == *status);
}

void Journal::legg_til(JournalPost p) {
    if (kapasitet_ == 0) return;
    std::lock_guard lock(mu_);
    p.nr = neste_++;
    if (poster_.size() >= kapasitet_) poster_.pop_front();
    poster_.push_back(std::move(p));
}

std::vector<JournalPost> Journal::hent(const JournalFilter& f, std::size_t maks) const {
    std::vector<JournalPost> ut;
    std::lock_guard lock(mu_);
    for (auto it = poster_.rbegin(); it != poster_.rend() && ut.size() < maks; ++it)
        if (f.treffer(*it)) ut.push_back(*it);
    return ut;
}

std::size_t Journal::antall(const JournalFilter& f) const {
    std::size_t n = 0;
    std::lock_guard lock(mu_);
    for (const auto& p : poster_) n += f.treffer(p) ? 1 : 0;
    return n;
}

void Journal::toem() {
    std::lock_guard lock(mu_);
    poster_.clear();
}

}  // namespace skd::sandbox
