#include "ops/access_log.hpp"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <stop_token>
#include <thread>
#include <unordered_map>
#include <vector>

#include "encoding/view_writer.hpp"

namespace skd::ops {
namespace {

// One JSON object and a newline, appended to `out`; the same fields and order as ever.
void append_line(std::string& out, const AccessRecord& r) {
    auto field = [&out](std::string_view key, std::string_view v, bool first = false) {
        if (!first) out.push_back(',');
        out.push_back('"');
        out += key;
        out += "\":";
        encoding::append_json_string(out, v);
    };
    auto number = [&out](std::string_view key, std::int64_t v) {
        char buf[24];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        out += ",\"";
        out += key;
        out += "\":";
        out.append(buf, end);
    };
    out.push_back('{');
    field("tid", r.tid, true);
    field("metode", r.method);
    field("sti", r.path);
    number("status", r.status);
    number("bytes", static_cast<std::int64_t>(r.bytes));
    number("varighet_us", r.micros);
    field("korrelasjonsid", r.korrelasjonsid);
    if (!r.api.empty()) field("api", r.api);
    if (!r.consumer.empty()) field("konsument", r.consumer);
    if (!r.acting_org.empty()) field("opptrer_for", r.acting_org);
    if (!r.pakke.empty()) field("rettighetspakke", r.pakke);
    if (!r.decision.empty()) field("beslutning", r.decision);
    if (!r.remote.empty()) field("klient", r.remote);
    out += "}\n";
}

// The writing end, on the logger's own thread: every message is a batch of whole lines, written
// with one write.
class BatchSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    BatchSink(std::FILE* f, bool owned) : f_(f), owned_(owned) {}
    ~BatchSink() override {
        if (owned_) std::fclose(f_);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        std::fwrite(msg.payload.data(), 1, msg.payload.size(), f_);
        std::fflush(f_);
    }
    void flush_() override { std::fflush(f_); }

private:
    std::FILE* f_;
    bool owned_;
};

// Request threads format their line into a batch of their own (an uncontended lock) and hand
// full batches to spdlog's async logger, whose thread writes them; a flusher hands over what
// has gathered every 100 ms, so a quiet server's lines appear at once too. Nothing on the
// request path writes, flushes or wakes another thread per line. Lines of different threads
// may appear up to one batch out of order (each carries its time). A full queue makes the
// hand-over wait rather than lose audit lines.
class AsyncLog final : public AccessLog {
public:
    AsyncLog(std::FILE* f, bool owned)
        : id_(next_id_++),
          pool_(std::make_shared<spdlog::details::thread_pool>(kQueue, 1)),
          logger_(std::make_shared<spdlog::async_logger>(
              "tilgangslogg", std::make_shared<BatchSink>(f, owned), pool_,
              spdlog::async_overflow_policy::block)) {
        logger_->set_level(spdlog::level::info);
        logger_->flush_on(spdlog::level::off);
        flusher_ = std::jthread([this](std::stop_token stop) {
            std::mutex mu;
            std::condition_variable_any cv;
            while (!stop.stop_requested()) {
                std::unique_lock lock(mu);
                cv.wait_for(lock, stop, kFlushEvery, [] { return false; });
                lock.unlock();
                hand_over_all();
            }
        });
    }
    ~AsyncLog() override {
        flusher_.request_stop();
        flusher_.join();
        hand_over_all();
        // The pool's destructor lets its thread write out everything queued, then joins it.
        logger_.reset();
        pool_.reset();
    }

    void write(const AccessRecord& r) override {
        Batch& b = batch();
        std::unique_lock lock(b.mu);
        append_line(b.text, r);
        if (b.text.size() < kBatch) return;
        std::string full;
        full.reserve(kBatch + 1024);
        full.swap(b.text);
        lock.unlock();
        hand_over(full);
    }

private:
    struct Batch {
        std::mutex mu;
        std::string text;
    };
    static constexpr std::size_t kQueue = 1024;  // batches, not lines
    static constexpr std::size_t kBatch = 16 * 1024;
    static constexpr auto kFlushEvery = std::chrono::milliseconds(100);
    static inline std::atomic<std::uint64_t> next_id_{1};

    // This thread's batch for this log, made and registered on the thread's first line.
    Batch& batch() {
        thread_local std::unordered_map<std::uint64_t, std::shared_ptr<Batch>> mine;
        auto& slot = mine[id_];
        if (!slot) {
            slot = std::make_shared<Batch>();
            slot->text.reserve(kBatch + 1024);
            std::lock_guard lock(batches_mu_);
            batches_.push_back(slot);
        }
        return *slot;
    }
    void hand_over(const std::string& text) {
        logger_->log(spdlog::level::info, spdlog::string_view_t(text.data(), text.size()));
    }
    void hand_over_all() {
        std::vector<std::shared_ptr<Batch>> all;
        {
            std::lock_guard lock(batches_mu_);
            all = batches_;
        }
        std::string out;
        for (auto& b : all) {
            {
                std::lock_guard lock(b->mu);
                if (b->text.empty()) continue;
                out.swap(b->text);
                b->text.reserve(kBatch + 1024);
            }
            hand_over(out);
            out.clear();
        }
    }

    const std::uint64_t id_;
    std::mutex batches_mu_;
    std::vector<std::shared_ptr<Batch>> batches_;
    std::shared_ptr<spdlog::details::thread_pool> pool_;
    std::shared_ptr<spdlog::async_logger> logger_;
    std::jthread flusher_;  // last: stopped before the rest goes
};

class NoLog final : public AccessLog {
public:
    void write(const AccessRecord&) override {}
};

}  // namespace

std::unique_ptr<AccessLog> AccessLog::open(const std::string& target) {
    if (target == "off" || target.empty()) return std::make_unique<NoLog>();
    if (target == "-") return std::make_unique<AsyncLog>(stdout, false);
    std::FILE* f = std::fopen(target.c_str(), "ae");
    if (!f) throw std::runtime_error("kan ikke åpne tilgangsloggen " + target);
    return std::make_unique<AsyncLog>(f, true);
}

}  // namespace skd::ops
