// The hendelser feed responses (SPEC §5.2); the only place their JSON/XML names appear.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "domain/skatteoppgjoer/skatteoppgjoer.hpp"
#include "encoding/view_writer.hpp"

namespace skd::apis::hendelser {

// A page of the feed written straight into a response body, one event at a time as the store
// reads them. Pages are large (1000 events by default, up to 10000), so the JSON and XML of
// every member are literal fragments made once from the names in view.cpp, and an event is a
// few appends of whole fragments, digits and its values; the bytes are those the ViewWriter
// gave (the unit test compares them).
class HendelserSide {
public:
    // Opens the document; `forventet` events are room reserved for.
    HendelserSide(std::string& body, encoding::Format format, std::size_t forventet);
    void legg_til(const skatteoppgjoer::Hendelse& h);
    // Closes the document.
    void avslutt();
    std::size_t antall() const { return antall_; }

private:
    std::string& ut_;
    bool xml_;
    std::size_t antall_ = 0;
};

struct StartView {
    std::int64_t sekvensnummer = 0;
    void write(encoding::ViewWriter& w) const;
};

}  // namespace skd::apis::hendelser
