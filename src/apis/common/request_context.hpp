// Everything a handler may know about its request: path and query parameters, the negotiated
// format, the identity from the policy step, the request's instant from the Clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/dato.hpp"
#include "encoding/view_writer.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "security/policy.hpp"

namespace skd::apis {

class QueryParams {
public:
    // Decodes "a=1&b=2"; false if an escape is malformed.
    bool parse(std::string_view query);
    // First value; nullopt if absent.
    std::optional<std::string_view> get(std::string_view name) const;
    std::size_t count(std::string_view name) const;

private:
    std::vector<std::pair<std::string, std::string>> values_;
};

struct RequestContext {
    const http::Request& request;
    const http::PathParams& params;
    QueryParams query;
    encoding::Format format = encoding::Format::Json;
    Tidspunkt naa;
    Dato i_dag = Dato::fra_dager(0);
    std::string korrelasjonsid;
    std::optional<security::Identity> identity;
    std::string_view path_param(std::string_view name) const { return params.get(name); }
};

// A successful answer, already encoded.
struct Reply {
    int status = 200;
    std::string body;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;
};

// Encodes a view model (anything with `void write(encoding::ViewWriter&) const`) in the
// negotiated format.
template <class View>
Reply encode(const RequestContext& ctx, const View& view, int status = 200) {
    Reply r;
    r.status = status;
    r.body.reserve(1024);
    if (ctx.format == encoding::Format::Xml) {
        encoding::XmlWriter w(r.body);
        view.write(w);
        r.content_type = "application/xml;charset=UTF-8";
    } else {
        encoding::JsonWriter w(r.body);
        view.write(w);
        r.content_type = "application/json;charset=UTF-8";
    }
    return r;
}

}  // namespace skd::apis
