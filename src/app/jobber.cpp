#include "app/jobber.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "store/trekk_store.hpp"

namespace skd::app {

struct Jobber::Tilstand {
    boost::asio::io_context io;
    boost::asio::steady_timer timer{io};
    std::atomic<std::int64_t> sist_dag{-1'000'000'000};  // last date a run completed for
};

Jobber::Jobber(store::Database& db, const Clock& clock, std::chrono::milliseconds intervall)
    : db_(db), clock_(clock), intervall_(intervall), t_(std::make_unique<Tilstand>()) {}

Jobber::~Jobber() {
    stopp();
}

std::int64_t Jobber::kjoer_naa() {
    std::lock_guard lock(kjoer_mu_);
    const Dato i_dag = clock_.i_dag();
    auto r = store::TrekkStore(db_).midnattsjobb(i_dag);
    t_->sist_dag.store(i_dag.dager_siden_epoch());
    if (r.antall > 0)
        spdlog::info("midnattsovergang {}: {} trekkpålegg avsluttet", i_dag.str(), r.antall);
    return r.antall;
}

void Jobber::poll() {
    // The cheap part, every tick: has the Norwegian date of the data clock changed?
    if (clock_.i_dag().dager_siden_epoch() == t_->sist_dag.load()) return;
    try {
        kjoer_naa();
        if (feilet_) spdlog::info("planlagte jobber kjører igjen");
        feilet_ = false;
    } catch (const std::exception& e) {
        // Tried again on the next tick; logged once per failing stretch.
        if (!feilet_) spdlog::error("planlagt jobb feilet (prøver igjen): {}", e.what());
        feilet_ = true;
    }
}

void Jobber::start() {
    kjoer_naa();
    vent();
    traad_ = std::thread([this] { t_->io.run(); });
}

void Jobber::vent() {
    t_->timer.expires_after(intervall_);
    t_->timer.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        poll();
        vent();
    });
}

void Jobber::stopp() {
    t_->io.stop();
    if (traad_.joinable()) traad_.join();
}

}  // namespace skd::app
