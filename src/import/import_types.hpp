// The entity types `skattedeling import` understands, one table entry each. Internal to store/.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace skd {
class Clock;
}
namespace skd::store {
class LedgerSkriver;
}

namespace skd::importer {

using store::Connection;
using store::Params;

struct ImportContext {
    // The ledger's write path for this file's transaction (read models, party versions).
    store::LedgerSkriver* ledger = nullptr;
    // The data's clock, when the import runs inside the server (events are registered at its
    // time); nullptr for the offline tool.
    const Clock* klokke = nullptr;
    // Opaque per-file state for types that need to finish after the last line.
    std::vector<std::function<void(Connection&)>> after;
};

namespace import_detail {

struct ImportError {
    std::string melding;
};

// Typed access to a line's fields; each accessor throws ImportError naming the field.
struct Fields {
    const boost::json::object& o;
    std::string str(std::string_view k) const;
    std::optional<std::string> opt(std::string_view k) const;
    std::string dato(std::string_view k) const;
    std::optional<std::string> opt_dato(std::string_view k) const;
    std::int64_t i64(std::string_view k) const;
    std::optional<std::int64_t> opt_i64(std::string_view k) const;
    bool flag(std::string_view k, bool def) const;
    Fields sub(std::string_view k) const;
    std::string part(std::string_view k) const;  // 9 or 11 digits
};

}  // namespace import_detail

struct ImportType {
    std::string_view type;
    std::function<void(Connection&, const import_detail::Fields&, ImportContext&)> apply;
    std::function<void(Connection&, ImportContext&)> finish;  // optional
};

// All types, in the order docs/import-format.md lists them.
const std::vector<ImportType>& import_types();

// Each domain contributes its own entries (import_<domain>.cpp).
std::vector<ImportType> ledger_import_types();
std::vector<ImportType> trekk_import_types();
std::vector<ImportType> skatteoppgjoer_import_types();
std::vector<ImportType> utlegg_import_types();

}  // namespace skd::importer
