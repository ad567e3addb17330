#include "sandbox/klokke.hpp"

#include <spdlog/spdlog.h>

namespace skd::sandbox {

DeltKlokke::DeltKlokke(store::Database& db, StyrbarKlokke& klokke,
                       std::chrono::milliseconds intervall)
    : db_(db), klokke_(klokke), intervall_(intervall) {}

DeltKlokke::~DeltKlokke() {
    stopp();
}

std::optional<StyrbarKlokke::Tilstand> DeltKlokke::les() {
    std::optional<StyrbarKlokke::Tilstand> t;
    db_.reader().query("SELECT verdi_us, frossen FROM sandbox_klokke WHERE id = 1", {},
                       [&](const store::Row& r) {
                           t = StyrbarKlokke::Tilstand{r.i64(0), r.i64(1) != 0};
                       });
    return t;
}

void DeltKlokke::skriv() {
    const auto t = klokke_.tilstand();
    const auto naa = SystemClock().naa().mikros();
    db_.write([&](store::Connection& c) {
        c.exec(
            "INSERT INTO sandbox_klokke (id, verdi_us, frossen, endret_us) VALUES (1, $1, $2, $3) "
            "ON CONFLICT (id) DO UPDATE SET verdi_us = excluded.verdi_us, "
            "frossen = excluded.frossen, endret_us = excluded.endret_us",
            {t.verdi_us, t.frossen, naa});
    });
}

void DeltKlokke::start(bool eksplisitt_start) {
    auto rad = les();
    if (eksplisitt_start || !rad)
        skriv();
    else
        klokke_.bruk(*rad);
    start_tilstand_ = klokke_.tilstand();
    traad_ = std::thread([this] {
        std::unique_lock lock(mu_);
        while (!cv_.wait_for(lock, intervall_, [this] { return stopp_; })) {
            lock.unlock();
            try {
                oppdater();
            } catch (const std::exception& e) {
                spdlog::debug("sandkasseklokken: {}", e.what());
            }
            lock.lock();
        }
    });
}

void DeltKlokke::stopp() {
    {
        std::lock_guard lock(mu_);
        stopp_ = true;
    }
    cv_.notify_all();
    if (traad_.joinable()) traad_.join();
}

void DeltKlokke::oppdater() {
    std::lock_guard lock(endring_mu_);
    if (auto rad = les(); rad && !(*rad == klokke_.tilstand())) klokke_.bruk(*rad);
}

void DeltKlokke::sett(Tidspunkt t, std::optional<bool> frossen) {
    std::lock_guard lock(endring_mu_);
    if (frossen && *frossen != klokke_.frossen())
        klokke_.bruk({*frossen ? t.mikros() : t.mikros() - SystemClock().naa().mikros(), *frossen});
    else
        klokke_.sett(t);
    skriv();
}

void DeltKlokke::tilbakestill() {
    std::lock_guard lock(endring_mu_);
    klokke_.bruk(start_tilstand_);
    skriv();
}

void DeltKlokke::frem(std::chrono::microseconds d) {
    std::lock_guard lock(endring_mu_);
    klokke_.flytt_mikros(d.count());
    skriv();
}

}  // namespace skd::sandbox
