#include "ops/access_log.hpp"

#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "encoding/view_writer.hpp"

namespace skd::ops {
namespace {

class FileLog final : public AccessLog {
public:
    explicit FileLog(std::FILE* f, bool owned) : f_(f), owned_(owned) {}
    ~FileLog() override {
        if (owned_) std::fclose(f_);
    }
    void write(const AccessRecord& r) override {
        thread_local std::string line;
        line.clear();
        encoding::JsonWriter w(line);
        w.begin_root("", "");
        w.string("tid", r.tid);
        w.string("metode", r.method);
        w.string("sti", r.path);
        w.integer("status", r.status);
        w.integer("bytes", static_cast<std::int64_t>(r.bytes));
        w.integer("varighet_us", r.micros);
        w.string("korrelasjonsid", r.korrelasjonsid);
        if (!r.api.empty()) w.string("api", r.api);
        if (!r.consumer.empty()) w.string("konsument", r.consumer);
        if (!r.acting_org.empty()) w.string("opptrer_for", r.acting_org);
        if (!r.pakke.empty()) w.string("rettighetspakke", r.pakke);
        if (!r.decision.empty()) w.string("beslutning", r.decision);
        if (!r.remote.empty()) w.string("klient", r.remote);
        w.end_root();
        line.push_back('\n');
        std::lock_guard l(mu_);
        std::fwrite(line.data(), 1, line.size(), f_);
        std::fflush(f_);
    }

private:
    std::FILE* f_;
    bool owned_;
    std::mutex mu_;
};

class NoLog final : public AccessLog {
public:
    void write(const AccessRecord&) override {}
};

}  // namespace

std::unique_ptr<AccessLog> AccessLog::open(const std::string& target) {
    if (target == "off" || target.empty()) return std::make_unique<NoLog>();
    if (target == "-") return std::make_unique<FileLog>(stdout, false);
    std::FILE* f = std::fopen(target.c_str(), "a");
    if (!f) throw std::runtime_error("kan ikke åpne tilgangsloggen " + target);
    return std::make_unique<FileLog>(f, true);
}

}  // namespace skd::ops
