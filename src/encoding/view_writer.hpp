// ViewWriter: a view model writes itself once; JSON and XML come from the same calls.
// Element names are the JSON names; arrays give their JSON key and their XML item element.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/dato.hpp"

namespace skd::encoding {

enum class Format { Json, Xml };

class ViewWriter {
public:
    virtual ~ViewWriter() = default;

    // The document root. JSON writes '{'; XML writes <name xmlns="ns">.
    virtual void begin_root(std::string_view xml_name, std::string_view xml_ns) = 0;
    virtual void end_root() = 0;
    // A root that is a JSON array (JSON-only APIs such as trekkpålegg).
    virtual void begin_root_array(std::string_view xml_name, std::string_view xml_item,
                                  std::string_view xml_ns) = 0;

    // Inside an array the key is ignored: JSON writes no key, XML uses the array's item name.
    virtual void begin_object(std::string_view key) = 0;
    virtual void end_object() = 0;
    virtual void begin_array(std::string_view key, std::string_view xml_item) = 0;
    virtual void end_array() = 0;

    virtual void string(std::string_view key, std::string_view v) = 0;
    virtual void integer(std::string_view key, std::int64_t v) = 0;
    // A number already formatted as JSON number text ("10000.0").
    virtual void number(std::string_view key, std::string_view text) = 0;
    virtual void boolean(std::string_view key, bool v) = 0;

    // Convenience for array items.
    void begin_item() { begin_object({}); }
    void end_item() { end_object(); }
};

// Writers append to a caller-owned string so a response body is built without copies.
class JsonWriter final : public ViewWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}
    void begin_root(std::string_view, std::string_view) override;
    void end_root() override;
    void begin_root_array(std::string_view, std::string_view, std::string_view) override;
    void begin_object(std::string_view key) override;
    void end_object() override;
    void begin_array(std::string_view key, std::string_view) override;
    void end_array() override;
    void string(std::string_view key, std::string_view v) override;
    void integer(std::string_view key, std::int64_t v) override;
    void number(std::string_view key, std::string_view text) override;
    void boolean(std::string_view key, bool v) override;

private:
    void key(std::string_view k);
    std::string& out_;
    std::vector<char> stack_;  // 'o' object, 'a' array; parallel "first member" flags
    std::vector<bool> first_;
};

class XmlWriter final : public ViewWriter {
public:
    explicit XmlWriter(std::string& out) : out_(out) {}
    void begin_root(std::string_view name, std::string_view ns) override;
    void end_root() override;
    void begin_root_array(std::string_view name, std::string_view item,
                          std::string_view ns) override;
    void begin_object(std::string_view key) override;
    void end_object() override;
    void begin_array(std::string_view key, std::string_view item) override;
    void end_array() override;
    void string(std::string_view key, std::string_view v) override;
    void integer(std::string_view key, std::int64_t v) override;
    void number(std::string_view key, std::string_view text) override;
    void boolean(std::string_view key, bool v) override;

private:
    struct Frame {
        std::string name;  // element to close ("" for an array, which has no wrapper)
        std::string item;  // item element name when this frame is an array
        bool array;
    };
    std::string_view element_for(std::string_view key) const;
    void leaf(std::string_view key, std::string_view text, bool escape);
    std::string& out_;
    std::vector<Frame> stack_;
};

// JSON string escaping (UTF-8 passes through; control characters are escaped).
void append_json_string(std::string& out, std::string_view s);
// The same without the quotes, for a view that writes them in its own literal fragments.
void append_json_escaped(std::string& out, std::string_view s);
// XML text escaping; characters not allowed in XML 1.0 are dropped.
void append_xml_text(std::string& out, std::string_view s);
// Decimal digits of v.
void append_integer(std::string& out, std::int64_t v);
// t in UTC with `broek_siffer` (3 or 6) fraction digits and Z: the text of
// Tidspunkt::utc_millis and utc_mikros, without a temporary string (pages write one per row).
void append_utc(std::string& out, Tidspunkt t, int broek_siffer);
// The same written at p, for a view that builds a row in a buffer of its own: returns the end
// (at most 28 bytes on), or nullptr when the year is outside 0000-9999 (append_utc then).
char* write_utc(char* p, Tidspunkt t, int broek_siffer);
// True if s is valid UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);

}  // namespace skd::encoding
