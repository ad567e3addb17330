// `skattedeling generate`: fills a database with a deterministic synthetic Norway for tests and
// benchmarks (store/generator.hpp); shows progress on stderr (tools/progress.hpp) and prints a
// summary with rows per second.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "app/database.hpp"
#include "config/config.hpp"
#include "generate/generator.hpp"
#include "tools/progress.hpp"
#include "tools/tools.hpp"

namespace skd::tools {
namespace {

struct GenerateArgs {
    std::string database, config, scale, summary;
    bool quiet = false;
    double progress_every = 10;
    generate::GeneratorOptions o;
};

std::string summary_json(const generate::GeneratorSummary& s, const generate::GeneratorOptions& o) {
    std::string rader;
    for (const auto& [t, n] : s.rader)
        rader += fmt::format("{}\"{}\": {}", rader.empty() ? "" : ", ", t, n);
    return fmt::format(
        "{{\"seed\": {}, \"personer\": {}, \"organisasjoner\": {}, \"rader\": {{{}}}, \"totalt\": "
        "{}, "
        "\"sekunder\": {:.3f}, \"rader_per_sekund\": {:.0f}, \"ledger_rader\": {}, "
        "\"ledger_sekunder\": {:.3f}, \"ledger_rader_per_sekund\": {:.0f}, \"sjekksum\": "
        "\"{:016x}\", "
        "\"db_kontroll\": {}, "
        "\"eksempler\": {{\"org_med_aapne_krav\": \"{}\", \"trekkpliktig\": \"{}\", \"person\": "
        "\"{}\", "
        "\"inntektsaar\": {}}}}}",
        o.seed, o.persons, o.orgs, rader, s.totalt, s.sekunder,
        s.sekunder > 0 ? static_cast<double>(s.totalt) / s.sekunder : 0.0, s.ledger_rader,
        s.ledger_sekunder,
        s.ledger_sekunder > 0 ? static_cast<double>(s.ledger_rader) / s.ledger_sekunder : 0.0,
        s.sjekksum, s.db_kontroll, s.eksempler.org_med_aapne_krav, s.eksempler.trekkpliktig,
        s.eksempler.person, o.siste_inntektsaar);
}

}  // namespace

void add_generate(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand(
        "generate", "Fill a database with a synthetic Norway (deterministic for --seed)");
    auto a = std::make_shared<GenerateArgs>();
    cmd->add_option("--database", a->database,
                    std::string(kDatabaseHelp) + "; an empty one is best");
    cmd->add_option("--config", a->config, kConfigHelp);
    cmd->add_option("--seed", a->o.seed, "Seed of the random choices")->capture_default_str();
    cmd->add_option("--persons", a->o.persons, "Number of persons")->capture_default_str();
    cmd->add_option("--orgs", a->o.orgs, "Number of organisations")->capture_default_str();
    cmd->add_option("--krav", a->o.krav,
                    "Approximate number of krav [default: 10 per organisation]");
    cmd->add_option("--scale", a->scale,
                    "national = 5.5 M persons, 1 M organisations, 20 M krav (overrides the counts)")
        ->check(CLI::IsMember({"national"}));
    cmd->add_option("--today", a->o.i_dag, "The data's \"today\" (YYYY-MM-DD)")
        ->capture_default_str();
    cmd->add_option("--consumer", a->o.konsumenter,
                    "Organisation granted every package (repeatable)")
        ->capture_default_str();
    cmd->add_option("--summary", a->summary, "Also write the summary as JSON to this file");
    cmd->add_flag("--quiet", a->quiet, "No progress on stderr");
    cmd->add_option("--progress-every", a->progress_every,
                    "Seconds between progress lines when stderr is not a terminal")
        ->capture_default_str();
    cmd->callback([&run, a, cmd] {
        run = [a, cmd] {
            auto c = load_config(a->config);
            if (!a->database.empty()) c.database = a->database;
            auto& o = a->o;
            if (a->scale == "national") {
                o.persons = 5'500'000;
                o.orgs = 1'000'000;
                o.krav = 20'000'000;
            }
            if (cmd->count("--krav") == 0 && a->scale.empty()) o.krav = o.orgs * 10;
            Progress p("generate", "rows", Progress::mode_for(a->quiet), a->progress_every);
            o.progress = [&p](double andel, std::int64_t rader) { p.update(andel, rader); };
            try {
                app::open_database(c.database)->migrate();
                auto s = generate::run(*app::open_bulk_loader(c.database), o);
                p.finish();
                for (const auto& [t, n] : s.rader)
                    if (n > 0) std::printf("%-22s %12lld\n", t.c_str(), static_cast<long long>(n));
                std::printf(
                    "total %lld rows in %.1f s (%.0f rows/s); ledger %lld rows, %.0f rows/s\n",
                    static_cast<long long>(s.totalt), s.sekunder,
                    static_cast<double>(s.totalt) / s.sekunder,
                    static_cast<long long>(s.ledger_rader),
                    s.ledger_sekunder > 0 ? static_cast<double>(s.ledger_rader) / s.ledger_sekunder
                                          : 0.0);
                std::printf("checksum %016llx; examples: org %s, trekkpliktig %s, person %s\n",
                            static_cast<unsigned long long>(s.sjekksum),
                            s.eksempler.org_med_aapne_krav.c_str(),
                            s.eksempler.trekkpliktig.c_str(), s.eksempler.person.c_str());
                std::printf("into %s\n", database_label(c.database).c_str());
                if (!a->summary.empty()) std::ofstream(a->summary) << summary_json(s, o) << "\n";
                return 0;
            } catch (const std::exception& e) {
                p.finish();
                std::fprintf(stderr, "skattedeling generate: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
