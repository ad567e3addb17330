// `skattedeling token`: mints Maskinporten-shaped tokens (and `token samtykke` AltinnSamtykke
// tokens) signed by the local issuer, for development and tests.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "security/local_issuer.hpp"
#include "tools/tools.hpp"

namespace skd::tools {
namespace {

constexpr const char* kDemoConsumer = "974761076";

struct TokenOpts {
    std::string cfg, key, issuer, scope, consumer, supplier, systemuser_org, system_id,
        consent_from, consent_to, consent_valid_to, now, alg = "RS256", audience;
    std::vector<std::string> consent_resources;
    std::int64_t ttl = 120;
    bool expired = false;
    // samtykke
    std::vector<std::string> services;
    std::string offered_by, covered_by, handled_by, valid_to;
};

std::int64_t now_seconds(const std::string& now) {
    if (now.empty()) return SystemClock().naa().sekunder();
    auto t = Tidspunkt::parse(now);
    if (!t) throw std::runtime_error("ugyldig --now: " + now);
    return t->sekunder();
}

int mint(const TokenOpts& o, bool samtykke) {
    try {
        auto c = load_config(o.cfg);
        auto issuer =
            security::LocalIssuer::load_or_create(o.key.empty() ? c.local_issuer_key : o.key);
        if (!issuer) throw std::runtime_error(issuer.error().melding);
        const std::string now = o.now.empty() ? c.now : o.now;
        std::string payload;
        if (samtykke) {
            security::Altinn2TokenSpec s;
            s.services = o.services;
            s.offered_by = o.offered_by;
            s.covered_by = o.covered_by.empty() ? kDemoConsumer : o.covered_by;
            if (!o.handled_by.empty()) s.handled_by = o.handled_by;
            s.iat = now_seconds(now);
            if (!o.valid_to.empty()) {
                auto t = Tidspunkt::parse(o.valid_to);
                if (!t) throw std::runtime_error("ugyldig --valid-to: " + o.valid_to);
                s.valid_to = t->sekunder();
            }
            s.ttl_seconds = o.ttl;
            s.issuer = o.issuer.empty() ? c.local_altinn_issuer : o.issuer;
            payload = security::altinn2_payload(s);
        } else {
            security::MaskinportenTokenSpec s;
            s.issuer = o.issuer.empty() ? c.local_issuer : o.issuer;
            s.scope = o.scope;
            s.consumer = o.consumer.empty() ? kDemoConsumer : o.consumer;
            if (!o.supplier.empty()) s.supplier = o.supplier;
            if (!o.systemuser_org.empty()) s.systemuser_org = o.systemuser_org;
            if (!o.system_id.empty()) s.system_id = o.system_id;
            if (!o.consent_from.empty()) {
                security::MaskinportenTokenSpec::Samtykke k;
                k.from = o.consent_from;
                k.ressurser = o.consent_resources;
                if (!o.consent_to.empty()) k.to = o.consent_to;
                if (!o.consent_valid_to.empty()) {
                    auto t = Tidspunkt::parse(o.consent_valid_to);
                    if (!t)
                        throw std::runtime_error("ugyldig --consent-valid-to: " +
                                                 o.consent_valid_to);
                    k.valid_to = *t;
                }
                s.samtykke = std::move(k);
            }
            if (!o.audience.empty()) s.audience = o.audience;
            s.iat = now_seconds(now);
            s.ttl_seconds = o.ttl;
            s.expired = o.expired;
            payload = security::maskinporten_payload(s);
        }
        auto jwt = (*issuer)->mint(payload, o.alg);
        if (!jwt) throw std::runtime_error(jwt.error().melding);
        std::printf("%s\n", jwt->c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "skattedeling token: %s\n", e.what());
        return 1;
    }
}

}  // namespace

void add_token(CLI::App& app, Runner& run) {
    auto o = std::make_shared<TokenOpts>();
    auto* cmd =
        app.add_subcommand("token", "Lag et lokalt Maskinporten-token (til utvikling og test)");
    cmd->add_option("--scope", o->scope, "Scope(s), mellomromsseparert");
    cmd->add_option("--consumer", o->consumer,
                    std::string("Konsumentens orgnr (standard ") + kDemoConsumer + ")");
    cmd->add_option("--supplier", o->supplier, "Leverandørens orgnr (delegering)");
    cmd->add_option("--systemuser-org", o->systemuser_org, "Systembrukerens organisasjon");
    cmd->add_option("--system-id", o->system_id, "Systembrukerens system_id");
    cmd->add_option("--consent-from", o->consent_from, "Altinn 3-samtykke gitt av (orgnr/fnr)");
    cmd->add_option("--consent-to", o->consent_to,
                    "Altinn 3-samtykke gitt til (standard: konsumenten)");
    cmd->add_option("--consent-resource", o->consent_resources, "Samtykkeressurs (kan gjentas)");
    cmd->add_option("--consent-valid-to", o->consent_valid_to, "Samtykket gyldig til (ISO 8601)");
    cmd->add_option("--ttl", o->ttl, "Levetid i sekunder (standard 120)");
    cmd->add_flag("--expired", o->expired, "Lag et utløpt token");
    cmd->add_option("--alg", o->alg, "RS256, RS384 eller RS512");
    cmd->add_option("--audience", o->audience, "aud-claim (Skatteetaten forventer ingen)");
    cmd->add_option("--issuer", o->issuer, "iss-claim (standard: den lokale utstederen)");
    cmd->add_option("--key", o->key, "Nøkkelfil for den lokale utstederen");
    cmd->add_option("--now", o->now, "Lag tokenet som om klokken var dette (ISO 8601)");
    cmd->add_option("--config", o->cfg, "JSON-konfigurasjonsfil");
    cmd->require_subcommand(0, 1);

    auto* sam = cmd->add_subcommand("samtykke", "Lag et AltinnSamtykke-token (Altinn 2)");
    sam->add_option("--services", o->services, "Tjenestekoder, f.eks. 5616_5 (kan gjentas)")
        ->required();
    sam->add_option("--offered-by", o->offered_by, "Hvem som ga samtykket (orgnr/fnr)")->required();
    sam->add_option("--covered-by", o->covered_by, "Hvem samtykket er gitt til (konsumenten)");
    sam->add_option("--handled-by", o->handled_by, "Tredjepart som handler for mottakeren");
    sam->add_option("--valid-to", o->valid_to, "Samtykket gyldig til (ISO 8601)");
    sam->add_option("--ttl", o->ttl, "Levetid i sekunder (standard 30)");
    sam->add_option("--key", o->key, "Nøkkelfil for den lokale utstederen");
    sam->add_option("--now", o->now, "Lag tokenet som om klokken var dette (ISO 8601)");
    sam->add_option("--issuer", o->issuer, "iss-claim (standard: den lokale Altinn-utstederen)");

    cmd->callback([&run, o, sam] {
        if (sam->parsed()) {
            if (o->ttl == 120) o->ttl = 30;
            run = [o] { return mint(*o, true); };
        } else {
            run = [o] { return mint(*o, false); };
        }
    });
}

}  // namespace skd::tools
