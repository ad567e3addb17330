// `skattedeling generate`: fills a database with a deterministic synthetic Norway for tests and
// benchmarks (generate/generator.hpp); prints a progress bar and a summary with rows per second.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "app/database.hpp"
#include "config/config.hpp"
#include "generate/generator.hpp"
#include "tools/tools.hpp"

namespace skd::tools {
namespace {

struct GenerateArgs {
    std::string database, config, scale, summary;
    bool quiet = false;
    generate::GeneratorOptions o;
};

void progress_bar(double andel, std::int64_t rader, double sekunder) {
    const int bredde = 30;
    const int fylt = static_cast<int>(andel * bredde);
    std::fprintf(stderr, "\r[%.*s%*s] %3d %% %12lld rader %9.0f rader/s", fylt,
                 "##############################", bredde - fylt, "", static_cast<int>(andel * 100),
                 static_cast<long long>(rader),
                 sekunder > 0 ? static_cast<double>(rader) / sekunder : 0.0);
    std::fflush(stderr);
}

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
    auto* cmd =
        app.add_subcommand("generate", "Lag et syntetisk Norge (deterministisk for --seed)");
    auto a = std::make_shared<GenerateArgs>();
    cmd->add_option("--database", a->database, "sqlite:///sti eller postgresql://... (helst tom)");
    cmd->add_option("--config", a->config, "JSON-konfigurasjonsfil");
    cmd->add_option("--seed", a->o.seed, "Frø for tilfeldighetene");
    cmd->add_option("--persons", a->o.persons, "Antall personer");
    cmd->add_option("--orgs", a->o.orgs, "Antall organisasjoner");
    cmd->add_option("--krav", a->o.krav, "Omtrentlig antall krav (standard 10 per organisasjon)");
    cmd->add_option("--scale", a->scale,
                    "national = 5,5 mill. personer, 1 mill. org., 20 mill. krav")
        ->check(CLI::IsMember({"national"}));
    cmd->add_option("--today", a->o.i_dag, "Dataenes «i dag» (ÅÅÅÅ-MM-DD)");
    cmd->add_option("--consumer", a->o.konsumenter,
                    "Konsument som får alle tilganger (kan gjentas)");
    cmd->add_option("--summary", a->summary, "Skriv sammendraget som JSON hit");
    cmd->add_flag("--quiet", a->quiet, "Ingen framdriftslinje");
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
            const auto t0 = std::chrono::steady_clock::now();
            const bool tty = !a->quiet && ::isatty(2);
            double sist = -1;
            o.progress = [&](double andel, std::int64_t rader) {
                const double s =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                if (tty && s - sist >= 0.25) {
                    progress_bar(andel, rader, s);
                    sist = s;
                }
            };
            try {
                app::open_database(c.database)->migrate();
                auto s = generate::run(*app::open_bulk_loader(c.database), o);
                if (tty) std::fprintf(stderr, "\n");
                for (const auto& [t, n] : s.rader)
                    if (n > 0) std::printf("%-22s %12lld\n", t.c_str(), static_cast<long long>(n));
                std::printf(
                    "totalt %lld rader på %.1f s (%.0f rader/s); ledger %lld rader, %.0f rader/s\n",
                    static_cast<long long>(s.totalt), s.sekunder,
                    static_cast<double>(s.totalt) / s.sekunder,
                    static_cast<long long>(s.ledger_rader),
                    s.ledger_sekunder > 0 ? static_cast<double>(s.ledger_rader) / s.ledger_sekunder
                                          : 0.0);
                std::printf("sjekksum %016llx; eksempler: org %s, trekkpliktig %s, person %s\n",
                            static_cast<unsigned long long>(s.sjekksum),
                            s.eksempler.org_med_aapne_krav.c_str(),
                            s.eksempler.trekkpliktig.c_str(), s.eksempler.person.c_str());
                if (!a->summary.empty()) std::ofstream(a->summary) << summary_json(s, o) << "\n";
                return 0;
            } catch (const std::exception& e) {
                if (tty) std::fprintf(stderr, "\n");
                std::fprintf(stderr, "skattedeling generate: %s\n", e.what());
                return 1;
            }
        };
    });
}

}  // namespace skd::tools
