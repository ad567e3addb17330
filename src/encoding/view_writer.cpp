#include "encoding/view_writer.hpp"

#include <charconv>
#include <chrono>
#include <cstring>

namespace skd::encoding {

void append_integer(std::string& out, std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

namespace {
// Writes v as exactly n digits at p (0 <= v < 10^n), two at a time.
char* siffer(char* p, unsigned v, int n) {
    static constexpr char kPar[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    int i = n;
    for (; i >= 2; i -= 2, v /= 100) std::memcpy(p + i - 2, kPar + 2 * (v % 100), 2);
    if (i == 1) p[0] = static_cast<char>('0' + v % 10);
    return p + n;
}
}  // namespace

char* write_utc(char* p, Tidspunkt t, int broek_siffer) {
    using namespace std::chrono;
    constexpr std::int64_t kUsPerDag = 86'400'000'000;
    const std::int64_t us = t.mikros();
    const std::int64_t dag = us >= 0 ? us / kUsPerDag : -((-us + kUsPerDag - 1) / kUsPerDag);
    const std::int64_t i_dag = us - dag * kUsPerDag;  // microseconds since that midnight
    const year_month_day ymd{sys_days{days{dag}}};
    const int aar = static_cast<int>(ymd.year());
    if (aar < 0 || aar > 9999 || (broek_siffer != 3 && broek_siffer != 6)) return nullptr;
    const auto sek = static_cast<unsigned>(i_dag / 1'000'000);
    const auto broek = static_cast<unsigned>(i_dag % 1'000'000);
    p = siffer(p, static_cast<unsigned>(aar), 4);
    *p++ = '-';
    p = siffer(p, static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    p = siffer(p, static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    p = siffer(p, sek / 3600, 2);
    *p++ = ':';
    p = siffer(p, sek / 60 % 60, 2);
    *p++ = ':';
    p = siffer(p, sek % 60, 2);
    *p++ = '.';
    p = broek_siffer == 3 ? siffer(p, broek / 1000, 3) : siffer(p, broek, 6);
    *p++ = 'Z';
    return p;
}

void append_utc(std::string& out, Tidspunkt t, int broek_siffer) {
    char b[32];
    if (char* slutt = write_utc(b, t, broek_siffer))
        out.append(b, slutt);
    else
        out += broek_siffer == 3 ? t.utc_millis() : t.utc_mikros();  // rare: core's own text
}

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    append_json_escaped(out, s);
    out.push_back('"');
}

void append_json_escaped(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xF]);
        }
    }
    out.append(s.data() + run, s.size() - run);
}

void append_xml_text(std::string& out, std::string_view s) {
    // Runs of plain characters are appended whole.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 ? (c != '<' && c != '>' && c != '&' && c != '"')
                      : (c == '\n' || c == '\r' || c == '\t'))
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                break;  // not allowed in XML 1.0: dropped
        }
    }
    out.append(s.data() + run, s.size() - run);
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07;
        else
            return false;
        if (i + static_cast<std::size_t>(len) > n) return false;
        for (int k = 1; k < len; ++k) {
            unsigned char d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

// ---- JSON ----

void JsonWriter::key(std::string_view k) {
    if (stack_.empty()) return;
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
    if (stack_.back() == 'o') {
        append_json_string(out_, k);
        out_.push_back(':');
    }
}

void JsonWriter::begin_root(std::string_view, std::string_view) {
    out_.push_back('{');
    stack_.push_back('o');
    first_.push_back(true);
}
void JsonWriter::end_root() {
    end_object();
}
void JsonWriter::begin_root_array(std::string_view, std::string_view, std::string_view) {
    out_.push_back('[');
    stack_.push_back('a');
    first_.push_back(true);
}
void JsonWriter::begin_object(std::string_view k) {
    key(k);
    out_.push_back('{');
    stack_.push_back('o');
    first_.push_back(true);
}
void JsonWriter::end_object() {
    out_.push_back('}');
    stack_.pop_back();
    first_.pop_back();
}
void JsonWriter::begin_array(std::string_view k, std::string_view) {
    key(k);
    out_.push_back('[');
    stack_.push_back('a');
    first_.push_back(true);
}
void JsonWriter::end_array() {
    out_.push_back(']');
    stack_.pop_back();
    first_.pop_back();
}
void JsonWriter::string(std::string_view k, std::string_view v) {
    key(k);
    append_json_string(out_, v);
}
void JsonWriter::integer(std::string_view k, std::int64_t v) {
    key(k);
    append_integer(out_, v);
}
void JsonWriter::number(std::string_view k, std::string_view text) {
    key(k);
    out_ += text;
}
void JsonWriter::boolean(std::string_view k, bool v) {
    key(k);
    out_ += v ? "true" : "false";
}

// ---- XML ----

std::string_view XmlWriter::element_for(std::string_view key) const {
    if (!stack_.empty() && stack_.back().array) return stack_.back().item;
    return key;
}

void XmlWriter::begin_root(std::string_view name, std::string_view ns) {
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    out_ += '<';
    out_ += name;
    if (!ns.empty()) {
        out_ += " xmlns=\"";
        out_ += ns;
        out_ += '"';
    }
    out_ += '>';
    stack_.push_back(Frame{std::string(name), {}, false});
}
void XmlWriter::end_root() {
    end_object();
}
void XmlWriter::begin_root_array(std::string_view name, std::string_view item,
                                 std::string_view ns) {
    begin_root(name, ns);
    stack_.back().item = std::string(item);
    stack_.back().array = true;
}
void XmlWriter::begin_object(std::string_view key) {
    auto el = element_for(key);
    out_ += '<';
    out_ += el;
    out_ += '>';
    stack_.push_back(Frame{std::string(el), {}, false});
}
void XmlWriter::end_object() {
    out_ += "</";
    out_ += stack_.back().name;
    out_ += '>';
    stack_.pop_back();
}
void XmlWriter::begin_array(std::string_view, std::string_view item) {
    // Arrays are repeated elements without a wrapper (SPEC §1.2), except a root array.
    stack_.push_back(Frame{{}, std::string(item), true});
}
void XmlWriter::end_array() {
    stack_.pop_back();
}
void XmlWriter::leaf(std::string_view key, std::string_view text, bool escape) {
    auto el = element_for(key);
    out_ += '<';
    out_ += el;
    out_ += '>';
    if (escape)
        append_xml_text(out_, text);
    else
        out_ += text;
    out_ += "</";
    out_ += el;
    out_ += '>';
}
void XmlWriter::string(std::string_view k, std::string_view v) {
    leaf(k, v, true);
}
void XmlWriter::integer(std::string_view k, std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    leaf(k, std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)), false);
}
void XmlWriter::number(std::string_view k, std::string_view text) {
    leaf(k, text, false);
}
void XmlWriter::boolean(std::string_view k, bool v) {
    leaf(k, v ? "true" : "false", false);
}

}  // namespace skd::encoding
