#include "apis/hendelser/view.hpp"

#include <array>
#include <charconv>
#include <cstring>

namespace skd::apis::hendelser {

namespace {

constexpr std::string_view kNs = "urn:no:skatteetaten:datasamarbeid:hendelser:v1";
// The root element, whose one JSON member is the array of events, and each event's element.
constexpr std::string_view kRot = "hendelser";
constexpr std::string_view kHendelse = "hendelse";

// The members of an event, in the order they are written.
enum Felt : std::size_t {
    Sekvensnummer,
    Identifikator,
    GjelderPeriode,
    Registreringstidspunkt,
    Hendelsetype,
    // In XML too: our published schema (docs/xsd/hendelser-v1.xsd) extends Skatteetaten's
    // hendelser-utvidet.xsd with it as the last member. Absent when the event has none.
    Ajourholdstidspunkt,
    kAntallFelt
};
constexpr std::array<std::string_view, kAntallFelt> kNavn = {
    "sekvensnummer",          "identifikator", "gjelderPeriode",
    "registreringstidspunkt", "hendelsetype",  "ajourholdstidspunkt"};

// Every literal of a page in one format, made once from the names above. An event is
// foerste/neste (its opening and the first member's), then for each later member i
// mellom[i] (the previous member's end and member i's start) before its value, and
// slutt[i] after the last member i (its end and the event's).
struct Fragmenter {
    std::string dokument_start, dokument_slutt;
    std::string foerste, neste;
    std::array<std::string, kAntallFelt> mellom, slutt;
    std::size_t sum = 0;  // the bytes of every fragment of one event, at most
};

Fragmenter lag(encoding::Format f) {
    const bool xml = f == encoding::Format::Xml;
    // A member's start and end around its value. JSON strings carry their quotes here:
    // every value but sekvensnummer is a string.
    auto start = [&](std::size_t i) {
        if (xml) return "<" + std::string(kNavn[i]) + ">";
        return std::string(i == 0 ? "" : ",") + "\"" + std::string(kNavn[i]) +
               "\":" + (i == Sekvensnummer ? "" : "\"");
    };
    auto slutt = [&](std::size_t i) {
        if (xml) return "</" + std::string(kNavn[i]) + ">";
        return std::string(i == Sekvensnummer ? "" : "\"");
    };
    const std::string aapne = xml ? "<" + std::string(kHendelse) + ">" : "{";
    const std::string lukk = xml ? "</" + std::string(kHendelse) + ">" : "}";
    Fragmenter r;
    if (xml) {
        r.dokument_start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + std::string(kRot) +
                           " xmlns=\"" + std::string(kNs) + "\">";
        r.dokument_slutt = "</" + std::string(kRot) + ">";
    } else {
        r.dokument_start = "{\"" + std::string(kRot) + "\":[";
        r.dokument_slutt = "]}";
    }
    r.foerste = aapne + start(0);
    r.neste = (xml ? "" : ",") + r.foerste;
    for (std::size_t i = 1; i < kAntallFelt; ++i) r.mellom[i] = slutt(i - 1) + start(i);
    for (std::size_t i = 0; i < kAntallFelt; ++i) r.slutt[i] = slutt(i) + lukk;
    r.sum = r.neste.size();
    for (std::size_t i = 0; i < kAntallFelt; ++i) r.sum += r.mellom[i].size() + r.slutt[i].size();
    return r;
}

// An event is built in a buffer on the stack and appended to the body at once when its text
// values are short and need no escaping in either format (the usual identifier and year).
constexpr std::size_t kRadBuffer = 768;
constexpr std::size_t kMaksTekst = 64;  // identifikator and gjelderPeriode together
// Digits of sekvensnummer, two times, and the longest hendelsetype, at most.
constexpr std::size_t kMaksVerdier = kMaksTekst + 20 + 2 * 28 + 17;

// The bytes either format escapes or drops: control characters, '"', '\\', '<', '>' and '&'.
constexpr std::array<bool, 256> kSpesiell = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
    for (unsigned char c : std::string_view("\"\\<>&")) t[c] = true;
    return t;
}();

bool ren(std::string_view s) {
    for (char c : s)
        if (kSpesiell[static_cast<unsigned char>(c)]) return false;
    return true;
}

char* kopi(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
}

const Fragmenter& fragmenter(bool xml) {
    static const Fragmenter json = lag(encoding::Format::Json), x = lag(encoding::Format::Xml);
    return xml ? x : json;
}

}  // namespace

HendelserSide::HendelserSide(std::string& body, encoding::Format format, std::size_t forventet)
    : ut_(body), xml_(format == encoding::Format::Xml) {
    // About 200 bytes an event in JSON and 330 in XML.
    ut_.reserve(ut_.size() + 128 + forventet * (xml_ ? 340 : 210));
    ut_ += fragmenter(xml_).dokument_start;
}

void HendelserSide::legg_til(const skatteoppgjoer::Hendelse& h) {
    const auto& f = fragmenter(xml_);
    if (f.sum + kMaksVerdier <= kRadBuffer &&
        h.identifikator.size() + h.gjelder_periode.size() <= kMaksTekst && ren(h.identifikator) &&
        ren(h.gjelder_periode)) {
        char b[kRadBuffer];
        char* p = kopi(b, antall_ == 0 ? f.foerste : f.neste);
        p = std::to_chars(p, p + 20, h.sekvensnummer).ptr;
        p = kopi(kopi(p, f.mellom[Identifikator]), h.identifikator);
        p = kopi(kopi(p, f.mellom[GjelderPeriode]), h.gjelder_periode);
        p = encoding::write_utc(kopi(p, f.mellom[Registreringstidspunkt]), h.registreringstidspunkt,
                                6);
        if (p) {
            p = kopi(kopi(p, f.mellom[Hendelsetype]),
                     skatteoppgjoer::hendelsetype_tekst(h.hendelsetype));
            if (h.ajourholdstidspunkt) {
                p = encoding::write_utc(kopi(p, f.mellom[Ajourholdstidspunkt]),
                                        *h.ajourholdstidspunkt, 3);
                if (p) p = kopi(p, f.slutt[Ajourholdstidspunkt]);
            } else {
                p = kopi(p, f.slutt[Hendelsetype]);
            }
        }
        if (p) {  // else a year outside 0000-9999: the general path below
            ut_.append(b, p);
            ++antall_;
            return;
        }
    }
    auto tekst = [&](std::string_view s) {
        if (xml_)
            encoding::append_xml_text(ut_, s);
        else
            encoding::append_json_escaped(ut_, s);
    };
    ut_ += antall_++ == 0 ? f.foerste : f.neste;
    encoding::append_integer(ut_, h.sekvensnummer);
    ut_ += f.mellom[Identifikator];
    tekst(h.identifikator);
    ut_ += f.mellom[GjelderPeriode];
    tekst(h.gjelder_periode);
    // SPEC §5.2 example: microseconds and Z ("2021-03-10T09:29:16.000000Z").
    ut_ += f.mellom[Registreringstidspunkt];
    encoding::append_utc(ut_, h.registreringstidspunkt, 6);
    ut_ += f.mellom[Hendelsetype];
    ut_ += skatteoppgjoer::hendelsetype_tekst(h.hendelsetype);
    if (h.ajourholdstidspunkt) {
        ut_ += f.mellom[Ajourholdstidspunkt];
        encoding::append_utc(ut_, *h.ajourholdstidspunkt, 3);
        ut_ += f.slutt[Ajourholdstidspunkt];
    } else {
        ut_ += f.slutt[Hendelsetype];
    }
}

void HendelserSide::avslutt() {
    ut_ += fragmenter(xml_).dokument_slutt;
}

void StartView::write(encoding::ViewWriter& w) const {
    // [INFER] No schema documents the start answer as XML; the root is named after the
    // operation and holds the one JSON member (published in docs/xsd/hendelser-v1.xsd).
    w.begin_root("start", kNs);
    w.integer(kNavn[Sekvensnummer], sekvensnummer);
    w.end_root();
}

}  // namespace skd::apis::hendelser
