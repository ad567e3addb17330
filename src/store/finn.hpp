// Finding test data (`skattedeling finn`, GET /sandbox/v1/parter): parties with given
// properties, like Tenor's search, answered from the read models and the register.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/beloep.hpp"
#include "core/dato.hpp"
#include "store/db.hpp"

namespace skd::store {

struct FinnFilter {
    std::optional<bool> person;                // true: persons, false: organisations
    std::optional<Beloep> aapne_krav_over;     // open claims (remaining) above this
    bool forfalt_mva = false;                  // overdue, unpaid VAT
    bool aktive_trekk = false;                 // an employer with active trekkpålegg
    std::optional<int> oppgjoer_aar;           // a person with a settlement for this year
    bool skjermet = false;                     // fortrolig or strengt fortrolig
    std::optional<std::string> identifikator;  // exactly this one
    std::int64_t antall = 20;                  // at most this many, by identifier
};

struct Partstreff {
    std::string identifikator;
    std::optional<std::string> navn, skjerming;
    bool er_person = false, er_enk = false;
    Beloep aapent;   // the sum of open claims' remaining amounts
    Beloep forfalt;  // of which overdue (forfallsdato before i_dag)
    std::int64_t aktive_trekk = 0;
};

std::vector<Partstreff> finn_parter(Connection& c, const FinnFilter& f, Dato i_dag);

}  // namespace skd::store
