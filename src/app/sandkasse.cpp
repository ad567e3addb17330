#include "app/sandkasse.hpp"

#include <spdlog/spdlog.h>

#include "apis/sandbox/module.hpp"
#include "app/jobber.hpp"
#include "sandbox/feil.hpp"
#include "sandbox/journal.hpp"
#include "sandbox/klokke.hpp"
#include "sandbox/parter.hpp"
#include "sandbox/scenarier.hpp"
#include "store/tilstand_store.hpp"

namespace skd::app {

bool kontrollplan_paa(const config::Config& cfg) {
    return cfg.control_plane == "on" || (cfg.control_plane == "auto" && cfg.sandbox);
}

struct Sandkasse::Impl {
    const config::Config& cfg;
    store::Database& db;
    Jobber& jobber;
    StyrbarKlokke* styrbar = nullptr;
    std::unique_ptr<sandbox::DeltKlokke> klokke;
    std::unique_ptr<sandbox::Parter> parter;
    sandbox::Journal journal;
    sandbox::Feilregler feil;
    std::unique_ptr<apis::sandbox::Tjenester> tjenester;
    bool har_utgangspunkt = false;
    std::string uten_utgangspunkt;

    Impl(const config::Config& c, store::Database& d, Jobber& j)
        : cfg(c), db(d), jobber(j), journal(c.sandbox_journal_size) {}
};

Sandkasse::Sandkasse(const config::Config& cfg, store::Database& db, Clock& klokke, Jobber& jobber)
    : impl_(std::make_unique<Impl>(cfg, db, jobber)) {
    auto& im = *impl_;
    im.styrbar = dynamic_cast<StyrbarKlokke*>(&klokke);
    if (cfg.sandbox && cfg.sandbox_first_touch)
        im.parter =
            std::make_unique<sandbox::Parter>(db, klokke, sandbox::Parter::Valg{cfg.sandbox_seed});
    // Scenario identifiers whose outcome is an answer rather than data: every request naming
    // them in its path is slow or fails, whatever the API.
    if (cfg.sandbox) {
        for (const auto& s : sandbox::scenarier()) {
            sandbox::Feilregel r;
            r.part = std::string(s.identifikator);
            r.innebygd = true;
            if (s.scenario == sandbox::Scenario::Treg)
                r.forsinkelse_ms = sandbox::kTregMillisekunder;
            else
                continue;
            im.feil.legg_til(r);
        }
    }
    if (!kontrollplan_paa(cfg)) return;
    if (im.styrbar) {
        im.klokke = std::make_unique<sandbox::DeltKlokke>(db, *im.styrbar);
        im.klokke->start(!cfg.now.empty());
    }
    // The baseline (POST /sandbox/v1/reset): what this server was started with. The instance
    // that migrated the database saves it; instances started with --no-migrate use it.
    store::TilstandStore tilstander(db);
    const auto grense = static_cast<std::int64_t>(cfg.sandbox_baseline_max_rows);
    if (cfg.migrate) {
        const auto rader = tilstander.antall_rader(grense);
        if (rader <= grense) {
            tilstander.lagre(apis::sandbox::kUtgangspunkt, SystemClock().naa());
            spdlog::info("sandkasse: utgangstilstand lagret ({} rader)", rader);
        } else {
            im.uten_utgangspunkt = fmt::format(
                "databasen har over {} rader (sandbox_baseline_max_rows); lagre en navngitt "
                "tilstand med PUT /sandbox/v1/tilstander/{{navn}} i stedet",
                grense);
            spdlog::info("sandkasse: ingen utgangstilstand: {}", im.uten_utgangspunkt);
        }
    }
    im.har_utgangspunkt = tilstander.finn(apis::sandbox::kUtgangspunkt).has_value();
    if (!im.har_utgangspunkt && im.uten_utgangspunkt.empty())
        im.uten_utgangspunkt = "serveren som migrerte databasen lagret ingen";
}

Sandkasse::~Sandkasse() {
    if (impl_->klokke) impl_->klokke->stopp();
}

std::function<bool(std::string_view)> Sandkasse::foerste_beroering() {
    if (!impl_->parter) return {};
    return [p = impl_->parter.get()](std::string_view id) { return p->ved_foerste_beroering(id); };
}

bool Sandkasse::har_kontrollplan() const {
    return kontrollplan_paa(impl_->cfg);
}

sandbox::Journal* Sandkasse::journal() {
    return har_kontrollplan() ? &impl_->journal : nullptr;
}

sandbox::Feilregler* Sandkasse::feil() {
    return impl_->cfg.sandbox || har_kontrollplan() ? &impl_->feil : nullptr;
}

apis::ApiModule Sandkasse::kontrollplan(const std::vector<apis::ApiModule>& apier) {
    auto& im = *impl_;
    if (!im.klokke)
        throw std::runtime_error(
            "kontrollplanet krever sandkassemodus (sandbox), der dataenes klokke kan styres");
    std::vector<std::string> navn;
    std::vector<std::pair<std::string, const apis::CodeTable*>> tabeller;
    for (const auto& m : apier) {
        if (m.routes.empty() || m.name == "portal") continue;
        navn.push_back(m.name);
        tabeller.emplace_back(m.name, m.codes);
    }
    im.tjenester.reset(
        new apis::sandbox::Tjenester{im.db, *im.klokke, im.journal, im.feil,
                                     [&jobber = im.jobber] { return jobber.kjoer_naa(); }, navn,
                                     [tabeller](std::string_view api, std::string_view kode) {
                                         for (const auto& [n, t] : tabeller)
                                             if (n == api)
                                                 return t && t->find_kode(kode) != nullptr;
                                         return false;
                                     },
                                     im.har_utgangspunkt, im.uten_utgangspunkt});
    return apis::sandbox::make_module(*im.tjenester);
}

}  // namespace skd::app
