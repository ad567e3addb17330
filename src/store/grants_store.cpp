#include "store/grants_store.hpp"

namespace skd::store {

bool GrantsStore::granted(std::string_view api, std::string_view pakke,
                          std::string_view org) const {
    return db_.reader()
        .query_i64("SELECT 1 FROM tilgang WHERE api = $1 AND pakke = $2 AND org = $3",
                   {api, pakke, org})
        .has_value();
}

void GrantsStore::add(std::string_view api, std::string_view pakke, std::string_view org) {
    db_.write([&](Connection& c) {
        c.exec("INSERT INTO tilgang (api, pakke, org) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
               {api, pakke, org});
    });
}

bool GrantsStore::remove(std::string_view api, std::string_view pakke, std::string_view org) {
    std::int64_t n = 0;
    db_.write([&](Connection& c) {
        n = c.exec("DELETE FROM tilgang WHERE api = $1 AND pakke = $2 AND org = $3",
                   {api, pakke, org});
    });
    return n > 0;
}

std::vector<Tilgang> GrantsStore::list() const {
    std::vector<Tilgang> out;
    db_.reader().query("SELECT api, pakke, org FROM tilgang ORDER BY api, pakke, org", {},
                       [&](const Row& r) {
                           out.push_back({r.str(0), r.str(1), r.str(2)});
                       });
    return out;
}

}  // namespace skd::store
