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
// An Altinn 3 consent without --consent-resource covers the APIs that take one (SPEC §2.1,
// §3.1); without --consent-valid-to it lasts this long, like an Altinn 2 consent.
const std::vector<std::string> kConsentResources = {"digdir-restanser-skatteetaten",
                                                    "ske-samtykke-krav-og-betalinger"};
constexpr std::int64_t kConsentDays = 90;

struct TokenOpts {
    std::string cfg, key, issuer, scope, consumer, supplier, systemuser_org, system_id,
        consent_from, consent_to, consent_valid_to, now, alg = "RS256", audience;
    std::vector<std::string> consent_resources;
    std::int64_t ttl = 120;
    bool expired = false;
    // samtykke
    std::vector<std::string> services;
    std::string offered_by, covered_by, handled_by, valid_to;
    std::int64_t samtykke_ttl = 30;
};

std::int64_t now_seconds(const std::string& now) {
    if (now.empty()) return SystemClock().naa().sekunder();
    auto t = Tidspunkt::parse(now);
    if (!t) throw std::runtime_error("invalid --now: " + now);
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
                if (!t) throw std::runtime_error("invalid --valid-to: " + o.valid_to);
                s.valid_to = t->sekunder();
            }
            s.ttl_seconds = o.samtykke_ttl;
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
            s.iat = now_seconds(now);
            if (!o.consent_from.empty()) {
                security::MaskinportenTokenSpec::Samtykke k;
                k.from = o.consent_from;
                k.ressurser = o.consent_resources.empty() ? kConsentResources : o.consent_resources;
                if (!o.consent_to.empty()) k.to = o.consent_to;
                if (!o.consent_valid_to.empty()) {
                    auto t = Tidspunkt::parse(o.consent_valid_to);
                    if (!t)
                        throw std::runtime_error("invalid --consent-valid-to: " +
                                                 o.consent_valid_to);
                    k.valid_to = *t;
                } else {
                    k.valid_to = Tidspunkt::fra_mikros((s.iat + kConsentDays * 86400) * 1'000'000);
                }
                s.samtykke = std::move(k);
            }
            if (!o.audience.empty()) s.audience = o.audience;
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
    auto* cmd = app.add_subcommand(
        "token",
        "Mint a local Maskinporten token (development and tests; trusted by serve --demo)");
    auto* scope = cmd->add_option(
        "--scope", o->scope, "Scope(s), space separated, e.g. skatteetaten:restanser (required)");
    cmd->add_option("--consumer", o->consumer, "The consumer's organisation number")
        ->default_str(kDemoConsumer);
    cmd->add_option("--supplier", o->supplier, "The supplier's organisation number (delegation)");
    cmd->add_option("--systemuser-org", o->systemuser_org, "The system user's organisation");
    cmd->add_option("--system-id", o->system_id, "The system user's system_id");
    auto* from = cmd->add_option("--consent-from", o->consent_from,
                                 "Altinn 3 consent given by (organisation or national id number)");
    cmd->add_option("--consent-to", o->consent_to,
                    "Altinn 3 consent given to [default: --consumer]")
        ->needs(from);
    cmd->add_option("--consent-resource", o->consent_resources,
                    "Consent resource (repeatable) [default: digdir-restanser-skatteetaten and "
                    "ske-samtykke-krav-og-betalinger]")
        ->needs(from);
    cmd->add_option("--consent-valid-to", o->consent_valid_to,
                    "Consent valid until (ISO 8601) [default: 90 days after now]")
        ->needs(from);
    cmd->add_option("--ttl", o->ttl, "Lifetime in seconds")->capture_default_str();
    cmd->add_flag("--expired", o->expired, "Mint a token that has already expired");
    cmd->add_option("--alg", o->alg, "RS256, RS384 or RS512")
        ->capture_default_str()
        ->check(CLI::IsMember({"RS256", "RS384", "RS512"}));
    cmd->add_option("--audience", o->audience, "aud claim (Skatteetaten expects none)");
    cmd->add_option("--issuer", o->issuer, "iss claim [default: the local issuer]");
    cmd->add_option("--key", o->key, "Key file of the local issuer [default: local_issuer_key]");
    cmd->add_option("--now", o->now, "Mint as if the clock showed this instant (ISO 8601)");
    cmd->add_option("--config", o->cfg, kConfigHelp);
    cmd->require_subcommand(0, 1);

    auto* sam = cmd->add_subcommand("samtykke", "Mint an AltinnSamtykke token (Altinn 2 consent)");
    sam->fallthrough();  // --key, --now, --config of `token` may follow
    sam->add_option("--services", o->services, "Service codes, e.g. 5616_5 (repeatable)")
        ->required();
    sam->add_option("--offered-by", o->offered_by,
                    "Who gave the consent (organisation or id number)")
        ->required();
    sam->add_option("--covered-by", o->covered_by, "Who the consent is given to (the consumer)")
        ->default_str(kDemoConsumer);
    sam->add_option("--handled-by", o->handled_by, "Third party acting for the recipient");
    sam->add_option("--valid-to", o->valid_to, "Consent valid until (ISO 8601) [default: 90 days]");
    sam->add_option("--ttl", o->samtykke_ttl, "Lifetime in seconds")->capture_default_str();

    cmd->callback([&run, o, sam, scope] {
        if (sam->parsed()) {
            run = [o] { return mint(*o, true); };
            return;
        }
        if (scope->count() == 0 || o->scope.empty())
            throw CLI::RequiredError("--scope (e.g. --scope skatteetaten:restanser)");
        run = [o] { return mint(*o, false); };
    });
}

}  // namespace skd::tools
