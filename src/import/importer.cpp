#include "import/importer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "core/dato.hpp"
#include "core/ids.hpp"
#include "import/import_types.hpp"
#include "store/ledger_skriv.hpp"

namespace skd::importer {
using namespace skd::store;
namespace {

struct LineError {
    std::string melding;
};

}  // namespace

namespace import_detail {

std::optional<std::string> Fields::opt(std::string_view k) const {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    throw ImportError{fmt::format("feltet '{}' må være en tekst", k)};
}

std::string Fields::str(std::string_view k) const {
    auto v = opt(k);
    if (!v || v->empty()) throw ImportError{fmt::format("feltet '{}' mangler", k)};
    return *v;
}

std::string Fields::dato(std::string_view k) const {
    auto s = str(k);
    if (!Dato::parse(s))
        throw ImportError{fmt::format("feltet '{}' er ikke en gyldig dato: '{}'", k, s)};
    return s;
}

std::optional<std::string> Fields::opt_dato(std::string_view k) const {
    auto s = opt(k);
    if (s && !Dato::parse(*s))
        throw ImportError{fmt::format("feltet '{}' er ikke en gyldig dato: '{}'", k, *s)};
    return s;
}

std::int64_t Fields::i64(std::string_view k) const {
    auto v = opt_i64(k);
    if (!v) throw ImportError{fmt::format("feltet '{}' mangler", k)};
    return *v;
}

std::optional<std::int64_t> Fields::opt_i64(std::string_view k) const {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v->as_uint64());
    throw ImportError{fmt::format("feltet '{}' må være et heltall", k)};
}

bool Fields::flag(std::string_view k, bool def) const {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return def;
    if (v->is_bool()) return v->as_bool();
    throw ImportError{fmt::format("feltet '{}' må være true eller false", k)};
}

Fields Fields::sub(std::string_view k) const {
    static const boost::json::object empty;
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) return Fields{empty};
    if (!v->is_object()) throw ImportError{fmt::format("feltet '{}' må være et objekt", k)};
    return Fields{v->as_object()};
}

std::string Fields::part(std::string_view k) const {
    auto s = str(k);
    if (!PartIdentifikator::parse(s, true))
        throw ImportError{fmt::format("feltet '{}' må være 9 eller 11 siffer: '{}'", k, s)};
    return s;
}

}  // namespace import_detail

namespace {

using import_detail::Fields;
using import_detail::ImportError;

void import_line(Connection& c, const boost::json::object& o, std::string_view type,
                 ImportContext& ctx) {
    for (const auto& t : import_types())
        if (t.type == type) return t.apply(c, Fields{o}, ctx);
    std::string known;
    for (const auto& t : import_types()) known += (known.empty() ? "" : ", ") + std::string(t.type);
    throw ImportError{fmt::format("ukjent type '{}' (kjente typer: {})", type, known)};
}

Result<std::int64_t, ParseError> import_stream(Database& db, std::istream& in,
                                               std::int64_t total_bytes, bool progress,
                                               const ImportProgress& report = {}) {
    std::int64_t lines = 0, entities = 0, bytes = 0;
    std::optional<ParseError> err;
    const bool bar = progress && ::isatty(STDERR_FILENO) && total_bytes > 0;
    try {
        db.write([&](Connection& c) {
            store::LedgerSkriver ledger(c);
            ImportContext ctx;
            ctx.ledger = &ledger;
            std::string line;
            int last_pct = -1;
            while (std::getline(in, line)) {
                ++lines;
                bytes += static_cast<std::int64_t>(line.size()) + 1;
                std::string_view sv = line;
                while (!sv.empty() && (sv.back() == '\r' || sv.back() == ' ')) sv.remove_suffix(1);
                if (sv.empty() || sv.front() == '#') continue;
                boost::system::error_code ec;
                auto v = boost::json::parse(sv, ec);
                if (ec || !v.is_object()) {
                    err = ParseError{fmt::format("linje {}: ikke et JSON-objekt ({})", lines,
                                                 ec ? ec.message() : "feil type")};
                    throw ImportError{};
                }
                const auto* type = v.as_object().if_contains("type");
                if (!type || !type->is_string()) {
                    err = ParseError{fmt::format("linje {}: feltet 'type' mangler", lines)};
                    throw ImportError{};
                }
                try {
                    import_line(c, v.as_object(), type->as_string(), ctx);
                } catch (const ImportError& e) {
                    err = ParseError{fmt::format("linje {} ({}): {}", lines,
                                                 std::string_view(type->as_string()), e.melding)};
                    throw;
                } catch (const store::UgyldigSkriving& e) {
                    err = ParseError{fmt::format("linje {} ({}): {}", lines,
                                                 std::string_view(type->as_string()), e.what())};
                    throw ImportError{};
                } catch (const DbError& e) {
                    err = ParseError{fmt::format("linje {} ({}): {}", lines,
                                                 std::string_view(type->as_string()), e.what())};
                    throw ImportError{};
                }
                ++entities;
                if (report) report(bytes, total_bytes, lines);
                if (bar) {
                    int pct = static_cast<int>(bytes * 100 / total_bytes);
                    if (pct != last_pct) {
                        last_pct = pct;
                        std::fprintf(stderr, "\r[%-50s] %3d%% %lld linjer",
                                     std::string(static_cast<std::size_t>(pct / 2), '#').c_str(),
                                     pct, static_cast<long long>(lines));
                    }
                }
            }
            for (const auto& t : import_types())
                if (t.finish) t.finish(c, ctx);
            // Every party the file touched gets a new version, so figures kept for it are
            // recomputed after this commit (and only for it).
            ledger.fullfoer();
        });
    } catch (const ImportError& e) {
        if (bar) std::fprintf(stderr, "\n");
        if (!err) err = ParseError{e.melding};
        return *err;
    }
    if (bar) std::fprintf(stderr, "\n");
    return entities;
}

}  // namespace

Result<std::int64_t, ParseError> import_file(Database& db, const std::string& path, bool progress) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return ParseError{"kan ikke lese " + path};
    const auto size = static_cast<std::int64_t>(in.tellg());
    in.seekg(0);
    return import_stream(db, in, size, progress);
}

Result<std::int64_t, ParseError> import_file_with_progress(Database& db, const std::string& path,
                                                           const ImportProgress& progress) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return ParseError{"kan ikke lese " + path};
    const auto size = static_cast<std::int64_t>(in.tellg());
    in.seekg(0);
    return import_stream(db, in, size, false, progress);
}

Result<std::int64_t, ParseError> import_text(Database& db, std::string_view text) {
    std::istringstream in{std::string(text)};
    return import_stream(db, in, 0, false);
}

namespace {
struct AvbruttMedFeil {};
}  // namespace

Result<std::int64_t, std::vector<Linjefeil>> import_alle_feil(Database& db, std::string_view text,
                                                              const Clock& klokke) {
    std::vector<Linjefeil> feil;
    std::int64_t entities = 0;
    try {
        db.write([&](Connection& c) {
            feil.clear();
            entities = 0;
            store::LedgerSkriver ledger(c);
            ImportContext ctx;
            ctx.ledger = &ledger;
            ctx.klokke = &klokke;
            std::int64_t linje = 0;
            std::size_t pos = 0;
            while (pos <= text.size()) {
                const auto slutt = std::min(text.find('\n', pos), text.size());
                std::string_view sv = text.substr(pos, slutt - pos);
                pos = slutt + 1;
                ++linje;
                while (!sv.empty() && (sv.back() == '\r' || sv.back() == ' ')) sv.remove_suffix(1);
                if (sv.empty() || sv.front() == '#') continue;
                boost::system::error_code ec;
                auto v = boost::json::parse(sv, ec);
                if (ec || !v.is_object()) {
                    feil.push_back({linje, fmt::format("ikke et JSON-objekt ({})",
                                                       ec ? ec.message() : "feil type")});
                    continue;
                }
                const auto* type = v.as_object().if_contains("type");
                if (!type || !type->is_string()) {
                    feil.push_back({linje, "feltet 'type' mangler"});
                    continue;
                }
                // Each line in a savepoint of its own: a bad line is undone alone, so every
                // later line is still checked against what the good lines wrote.
                c.exec_script("SAVEPOINT linje");
                try {
                    import_line(c, v.as_object(), type->as_string(), ctx);
                    c.exec_script("RELEASE linje");
                    ++entities;
                    continue;
                } catch (const ImportError& e) {
                    feil.push_back(
                        {linje,
                         fmt::format("({}) {}", std::string_view(type->as_string()), e.melding)});
                } catch (const store::UgyldigSkriving& e) {
                    feil.push_back(
                        {linje,
                         fmt::format("({}) {}", std::string_view(type->as_string()), e.what())});
                } catch (const DbError& e) {
                    if (e.kind == DbError::Kind::Unavailable) throw;
                    feil.push_back(
                        {linje,
                         fmt::format("({}) {}", std::string_view(type->as_string()), e.what())});
                }
                c.exec_script("ROLLBACK TO linje; RELEASE linje");
            }
            for (const auto& t : import_types())
                if (t.finish) t.finish(c, ctx);
            ledger.fullfoer();
            if (!feil.empty()) throw AvbruttMedFeil{};  // nothing of it is committed
        });
    } catch (const AvbruttMedFeil&) {
        return Result<std::int64_t, std::vector<Linjefeil>>(boost::system::in_place_error,
                                                            std::move(feil));
    }
    return Result<std::int64_t, std::vector<Linjefeil>>(boost::system::in_place_value, entities);
}

}  // namespace skd::importer
