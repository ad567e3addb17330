#include <string_view>

#include "store/db.hpp"
#include "store/ledger_skriv.hpp"
#include "store/migrations.hpp"
#include "store/trekk_store.hpp"

namespace skd::store {

bool Database::ping() {
    try {
        return primary_reader().query_i64("SELECT 1", {}).value_or(0) == 1;
    } catch (const DbError&) {
        return false;
    }
}

void Database::migrate() {
    auto& c = primary_reader();
    c.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (versjon INTEGER PRIMARY KEY, navn TEXT NOT "
        "NULL)");
    for (const auto& m : migrations(backend())) {
        auto done =
            c.query_i64("SELECT COUNT(*) FROM schema_migrations WHERE versjon = $1", {m.versjon});
        if (done.value_or(0) > 0) continue;
        write([&](Connection& w) {
            w.exec_script(m.sql);
            // Steps whose data work is the store's own computation, not SQL of their own.
            if (m.versjon == 6) beregn_lesemodeller(w);
            if (m.versjon == 7) beregn_trekkvisninger(w);
            w.exec("INSERT INTO schema_migrations (versjon, navn) VALUES ($1, $2)",
                   {m.versjon, m.navn});
        });
    }
}

}  // namespace skd::store
