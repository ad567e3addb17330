#include "apis/common/render_error.hpp"

namespace skd::apis {

namespace {
std::string_view title_for(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 406:
            return "Not Acceptable";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 503:
            return "Service Unavailable";
        default:
            return "Internal Server Error";
    }
}
}  // namespace

void render_error(const ApiError& e, ErrorStyle style, encoding::Format f,
                  std::string_view korrelasjonsid, std::string_view instance, http::Response& out) {
    out.status = e.status;
    out.body.clear();
    if (style == ErrorStyle::ProblemDetail) {
        encoding::JsonWriter w(out.body);
        w.begin_root("", "");
        w.string("type", "about:blank");
        w.string("title", title_for(e.status));
        w.integer("status", e.status);
        w.string("detail", e.melding);
        if (!instance.empty()) w.string("instance", instance);
        w.string("feilid", korrelasjonsid);
        w.string("feilkode", e.kode);
        w.string("korrelasjonsid", korrelasjonsid);
        if (!e.kontrollutslag.empty() || e.status == 422 || e.status == 409) {
            w.begin_array("kontrollutslag", "kontrollutslag");
            for (const auto& k : e.kontrollutslag) {
                w.begin_item();
                w.string("kode", k.kode);
                w.string("melding", k.melding);
                w.string("beskrivelse", k.beskrivelse);
                w.end_item();
            }
            w.end_array();
        }
        if (!e.feil.empty()) {
            w.begin_array("feil", "feil");
            for (const auto& k : e.feil) {
                w.begin_item();
                w.string("sti", k.sti);
                w.string("melding", k.melding);
                w.end_item();
            }
            w.end_array();
        }
        w.end_root();
        out.content_type = "application/problem+json;charset=UTF-8";
    } else if (f == encoding::Format::Xml) {
        encoding::XmlWriter w(out.body);
        w.begin_root("feil", "urn:no:skatteetaten:datasamarbeid:feil:v1");
        w.string("kode", e.kode);
        w.string("melding", e.melding);
        w.string("korrelasjonsid", korrelasjonsid);
        w.end_root();
        out.content_type = "application/xml;charset=UTF-8";
    } else {
        encoding::JsonWriter w(out.body);
        w.begin_root("feil", "");
        w.string("kode", e.kode);
        w.string("melding", e.melding);
        w.string("korrelasjonsid", korrelasjonsid);
        w.end_root();
        out.content_type = "application/json;charset=UTF-8";
    }
    if (!e.allow.empty()) out.set_header("Allow", e.allow);
}

}  // namespace skd::apis
