// The grants registry: which organisation may use which rettighetspakke of which API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace skd::store {

struct Tilgang {
    std::string api, pakke, org;
};

class GrantsStore {
public:
    explicit GrantsStore(Database& db) : db_(db) {}
    bool granted(std::string_view api, std::string_view pakke, std::string_view org) const;
    void add(std::string_view api, std::string_view pakke, std::string_view org);
    bool remove(std::string_view api, std::string_view pakke, std::string_view org);
    std::vector<Tilgang> list() const;

private:
    Database& db_;
};

}  // namespace skd::store
