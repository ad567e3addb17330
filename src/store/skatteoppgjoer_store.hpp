// Settlements (skatteoppgjør), their event feed and identity changes over either backend. Every
// write appends its Hendelse in the caller's transaction, so the feed and the data never disagree.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"
#include "store/db.hpp"

namespace skd::store {

struct AvregningOppslag {
    enum class Status { Funnet, Slettet, IngenForAaret, UkjentPerson };
    Status status = Status::UkjentPerson;
    std::string personidentifikator;  // the current identifier (after identity changes)
    std::optional<skatteoppgjoer::Skatteoppgjoer> oppgjoer;  // when Funnet
};

enum class Slettestatus { Slettet, AlleredeSlettet, FinnesIkke };

// Reads use the calling thread's reader connection and are safe from any thread. Each read that
// must be consistent is one statement, so PostgreSQL answers it from one snapshot.
class SkatteoppgjoerStore {
public:
    explicit SkatteoppgjoerStore(Database& db) : db_(&db) {}

    // The settlement of a person (or of the person an old identifier now points to) for a year.
    AvregningOppslag hent(std::string_view personidentifikator, int inntektsaar) const;
    // The latest year with a settlement that is not deleted.
    std::optional<int> siste_periode(std::string_view personidentifikator) const;
    // True if the person has fortrolig or strengtFortrolig address protection (table part).
    bool skjermet(std::string_view personidentifikator) const;

    // The first sekvensnummer registered at or after `fra`, or from the start of the feed; when
    // no such event exists yet, the number the next event will get.
    std::int64_t foerste_sekvensnummer(std::optional<Tidspunkt> fra) const;
    // Up to `antall` events from and including `fra`, in sekvensnummer order, each passed to
    // `hver` as it is read; one object is reused, so it is valid only during the call. One
    // contiguous range of the table (on SQLite the table is clustered by sekvensnummer).
    void hendelser(std::int64_t fra, std::int64_t antall,
                   const std::function<void(const skatteoppgjoer::Hendelse&)>& hver) const;

    // Writes, inside the caller's db.write() transaction (import, tests). Each appends the
    // matching Hendelse with a sekvensnummer taken under the sekvens row lock.
    // Stores a settlement; returns the event type, or nullopt when nothing changed (no event).
    static std::optional<skatteoppgjoer::Hendelsetype> lagre(
        Connection& c, const skatteoppgjoer::Skatteoppgjoer& s, Tidspunkt registrert);
    static Slettestatus slett(Connection& c, std::string_view personidentifikator, int inntektsaar,
                              Tidspunkt registrert);
    // Moves every settlement of `gammel` to `ny`; one IDENTITETSENDRING event per settlement
    // moved. Fails (and changes nothing) if both hold a settlement for the same year.
    static Result<int, ParseError> endre_identitet(Connection& c, std::string_view gammel,
                                                   std::string_view ny, Tidspunkt registrert);

private:
    std::string gjeldende_id(std::string_view personidentifikator) const;
    Database* db_;
};

}  // namespace skd::store
