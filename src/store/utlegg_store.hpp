// Utleggsbegjæring cases, their versions (the exact JSON received) and uploaded attachments.
// Every write first takes the row lock on sekvens 'utleggssak', so submissions, changes and
// attachment bindings of all server instances on one database are serialised and re-checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace skd::store {

struct Utleggsversjon {
    int versjon = 0;
    std::int64_t mottatt_us = 0;
    std::string modell;  // "v1" | "v2"
};

struct Utleggssak {
    std::string ekstern_saksreferanse, innsender, innsender_referanse, begjaeringsdato, status;
    std::int64_t opprettet_us = 0;
    std::vector<Utleggsversjon> versjoner;  // oldest first; never empty
    std::string siste_innhold;              // the newest version's JSON, as received
};

struct Vedleggsrad {
    std::string uuid, innsender, filnavn;
    std::optional<std::string> vedleggstype;
    std::string innholdstype;
    std::int64_t stoerrelse = 0;
    std::string sha256;  // lower-case hex
    std::string status;  // "klar" | "behandles" | "feilet" | "slettet" | ...
    std::optional<std::string> ekstern_saksreferanse;
    std::int64_t opprettet_us = 0;
};

// One submission (POST) or change (PUT) to store.
struct Innsending {
    std::string innsender;  // the acting organisation, already checked against the petition
    std::string innsender_referanse, begjaeringsdato;  // POST only; reference "" = none
    std::string modell;                                // "v1" | "v2"
    std::string innhold;                               // the exact JSON received
    std::optional<std::string> meldingsid;
    std::vector<std::string> vedlegg;  // uuids the petition references
    std::int64_t naa_us = 0;
    int aar = 0;  // year of the case number
};

enum class Utfall {
    Lagret,           // committed durably
    Gjentatt,         // same Meldingsid, same JSON on the same version: the earlier answer holds
    Duplikat,         // innsenderReferanse (given) + begjæringsdato already used by this innsender
    MeldingsidBrukt,  // Meldingsid already used for something else
    VedleggOpptatt,   // an attachment is bound to another case (detalj: uuid)
    IkkeFunnet,       // PUT: no such case for this innsender
    SamtidigEndring,  // PUT: the case changed since the rules were run (detalj: status)
};

struct Lagringsresultat {
    Utfall utfall = Utfall::Lagret;
    std::string ekstern_saksreferanse;
    int versjon = 0;
    std::string detalj;
};

// A thin handle (const methods write too). Thread-safe: reads use the calling thread's connection,
// writes are single transactions. DbError (database down) propagates; the pipeline maps it to the
// API's back-end error.
class UtleggStore {
public:
    explicit UtleggStore(Database& db) : db_(db) {}

    // Creates case + version 1 and binds the attachments, or reports why not. Durable on return.
    [[nodiscard]] Lagringsresultat opprett_sak(const Innsending& i) const;
    // Adds the next version to the innsender's case. `forventet_versjon`/`forventet_status` are
    // what the rules were run against; if either changed meanwhile, nothing is stored.
    [[nodiscard]] Lagringsresultat ny_versjon(std::string_view ekstern_saksreferanse,
                                              const Innsending& i, int forventet_versjon,
                                              std::string_view forventet_status) const;

    // The innsender's case; nullopt for a missing case or another innsender's case alike.
    std::optional<Utleggssak> sak(std::string_view ekstern_saksreferanse,
                                  std::string_view innsender) const;
    // False for an empty reference: petitions without innsenderReferanse are never duplicates.
    bool finnes_sak(std::string_view innsender, std::string_view innsender_referanse,
                    std::string_view begjaeringsdato) const;

    struct Meldingstreff {
        std::string ekstern_saksreferanse;
        int versjon = 0;
        // Same JSON value (parsed, not byte-for-byte) on the same API version (modell).
        bool samme_innhold = false;
        std::string modell;  // the version the Meldingsid was first used on
    };
    std::optional<Meldingstreff> meldingsid(std::string_view innsender, std::string_view meldingsid,
                                            std::string_view innhold,
                                            std::string_view modell) const;

    // The innsender's attachment; another innsender's attachment is not found.
    std::optional<Vedleggsrad> vedlegg(std::string_view uuid, std::string_view innsender) const;
    // Stores an uploaded attachment; the bytes are kept as base64 and rad.stoerrelse is set
    // from them. rad.sha256 comes from the caller (store/ has no crypto library).
    void lagre_vedlegg(Vedleggsrad rad, std::string_view bytes) const;

private:
    Database& db_;
};

// Standard base64 with padding: the storage form of attachment bytes.
std::string base64_encode(std::string_view bytes);

}  // namespace skd::store
