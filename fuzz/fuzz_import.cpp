// libFuzzer target: the JSON Lines importer (importer::import_text) into one migrated SQLite file
// in a RAM-backed temp dir. Import is all-or-nothing per text; a refused text must leave no row.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "import/importer.hpp"
#include "store/db.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace {

skd::store::Database& db() {
    static std::unique_ptr<skd::store::Database> d = [] {
        std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                         ? "/dev/shm"
                                         : std::filesystem::temp_directory_path();
        std::string tmpl = (base / "skd-fuzz-import-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
        static std::string dir = tmpl;
        std::atexit([] { std::filesystem::remove_all(dir); });
        auto d = skd::store::open_sqlite(tmpl + "/fuzz.sqlite");
        d->migrate();
        return d;
    }();
    return *d;
}

std::int64_t rader() {
    return db()
        .reader()
        .query_i64(
            "SELECT (SELECT COUNT(*) FROM part) + (SELECT COUNT(*) FROM tilgang) + "
            "(SELECT COUNT(*) FROM krav) + (SELECT COUNT(*) FROM trekkpaalegg) + "
            "(SELECT COUNT(*) FROM skatteoppgjoer) + (SELECT COUNT(*) FROM vedlegg)",
            {})
        .value_or(-1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto foer = rader();
    auto r = skd::importer::import_text(db(), text);
    if (!r && rader() != foer) __builtin_trap();  // a refused file left rows behind
    return 0;
}
