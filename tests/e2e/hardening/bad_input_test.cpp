// Bad-input sweep: hostile identifiers, dates, paging values, paths, headers and bodies against
// every endpoint of every API, once per backend. Each must give a 4xx carrying the API's own
// documented code, never a 5xx or a hang, and the server must still answer /health afterwards.
#include <boost/json.hpp>
#include <cctype>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/e2e/harness/harness.hpp"

namespace skd::e2e {
namespace {

namespace json = boost::json;

// What a case may legitimately answer; each kind maps to (status, code) through the API's table.
enum Kind { Inv, Url, Missing, NotAcc, Method, Media, TooLarge, Das, DasTooLarge, Ok };
using Kinds = std::set<Kind>;

struct Api {
    std::string name, base;
    std::vector<std::string> token_args;
    std::map<Kind, std::pair<int, std::set<std::string>>> codes;
    bool problem_detail = false;  // utleggsbegjæring answers RFC 7807 with `feilkode`
};

struct Case {
    std::string what, method, path;  // path relative to the API's base
    Headers headers;
    std::string body;
    Kinds allowed;
};

// SPEC §2.4, §3.4, §4.4, §5.1-5.3, §1.3 (utleggsbegjæring feilkode values are ours, see its
// module).
std::vector<Api> apis() {
    auto tabell = [](std::string p, std::string inv, std::string url, std::set<std::string> missing,
                     std::string acc) {
        std::map<Kind, std::pair<int, std::set<std::string>>> m;
        m[Inv] = {400, {p + inv}};
        m[Url] = {404, {p + url}};
        std::set<std::string> miss;
        for (const auto& k : missing) miss.insert(p + k);
        m[Missing] = {404, miss};
        m[NotAcc] = {406, {p + acc}};
        m[Method] = {405, {p + url}};
        m[Media] = {415, {p + inv}};
        m[TooLarge] = {413, {p + inv}};
        return m;
    };
    std::vector<Api> v;
    v.push_back({"restanser",
                 "/api/innkreving/restanser/v2",
                 {"--scope", "skatteetaten:restanser"},
                 tabell("RESTANSE-", "006", "003", {"008"}, "009")});
    v.push_back({"kravogbetalinger",
                 "/api/innkreving/kravogbetalinger/v1",
                 {"--scope", "skatteetaten:kravogbetalinger", "--systemuser-org", "313367002",
                  "--system-id", "974761076_regnskap"},
                 tabell("KB-", "006", "003", {"007", "009"}, "008")});
    v.push_back({"trekkpaalegg",
                 "/api/trekkpaalegg/v1",
                 {"--scope", "skatteetaten:trekkpaalegg", "--consumer", "123456789"},
                 tabell("KB-", "006", "003", {"007", "009"}, "008")});
    v.push_back({"avregning",
                 "/api/fastsetting/avregning/v2",
                 {"--scope", "skatteetaten:avregning"},
                 tabell("AR-", "006", "003", {"007", "009"}, "008")});
    v.push_back({"hendelser",
                 "/api/formueinntekt/skatteoppgjoer/hendelser",
                 {"--scope", "skatteetaten:beregnetskatt"},
                 tabell("FA-", "004", "002", {"005"}, "006")});
    v.push_back({"sistetilgjengelige",
                 "/api/formueinntekt/sistetilgjengeligeskatteoppgjoer/v1",
                 {"--scope", "skatteetaten:summertskattegrunnlag"},
                 tabell("TD-", "003", "006", {"004"}, "005")});
    Api u{"utleggsbegjaering",
          "/api/utleggsbegjaering/v1",
          {"--scope", "skatteetaten:utleggsbegjaering", "--consumer", "312597772"},
          {},
          true};
    u.codes[Inv] = {400, {"UGYLDIG_FORESPOERSEL"}};
    u.codes[Url] = {404, {"UKJENT_URL"}};
    u.codes[Missing] = {404, {"IKKE_FUNNET"}};
    u.codes[NotAcc] = {406, {"IKKE_STOETTET_FORMAT"}};
    u.codes[Method] = {405, {"METODE_IKKE_STOETTET"}};
    u.codes[Media] = {415, {"UGYLDIG_INNHOLDSTYPE"}};
    u.codes[TooLarge] = {413, {"FOR_STOR_FORESPOERSEL"}};
    v.push_back(u);
    // [INFER] A path that cannot be decoded into segments (bad or truncated escape, NUL, encoded
    // '/', '.'/'..' or empty segments) is not a URL of any API, so no module owns it and the
    // common "not a valid endpoint" code of SPEC §1.3 answers, in the standard error body.
    for (auto& a : v) a.codes[Das] = {404, {"DAS-002"}};
    // A request line past the header limit is refused before the path is known (http/server),
    // so 431 carries the common table's code for unowned client errors (apis/common/codes.cpp).
    for (auto& a : v) a.codes[DasTooLarge] = {431, {"DAS-001"}};
    return v;
}

// Identifier spellings that are never a valid 9- or 11-digit number.
std::vector<std::pair<std::string, std::string>> bad_ids(int digits) {
    std::string ok(digits, '1');
    return {
        {"for kort", ok.substr(1)},
        {"for lang", ok + "1"},
        {"tom etter skråstrek", ""},
        {"bokstav", ok.substr(1) + "a"},
        {"fullbredde-sifre",
         digits == 9
             ? "%EF%BC%93%EF%BC%91%EF%BC%90%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%96%EF%BC%94%EF%BC%93"
             : "%EF%BC%92%EF%BC%90%EF%BC%94%EF%BC%96%EF%BC%93%EF%BC%95%EF%BC%91%EF%BC%98%EF%BC%96%"
               "EF%BC%94%EF%BC%96"},
        {"arabisk-indiske sifre", "%D9%A3%D9%A1%D9%A0%D9%A1%D9%A1%D9%A1%D9%A6%D9%A4%D9%A3"},
        {"fortegn", "-" + ok.substr(1)},
        {"pluss", "+" + ok.substr(1)},
        {"mellomrom", "%20" + ok.substr(1)},
        {"nullbyte", ok.substr(1) + "%00"},
        {"nullbyte midt i", ok.substr(0, 4) + "%00" + ok.substr(5)},
        {"kodet skråstrek", ok.substr(0, 4) + "%2F" + ok.substr(5)},
        {"kodet punktum-punktum", "%2e%2e"},
        {"sql", "%27%20OR%201%3D1%20--"},
        {"sql rå", "1'OR'1'='1"},
        {"crlf", ok.substr(1) + "%0d%0aX-Injisert:%201"},
        {"eksponent", "1e" + std::to_string(digits - 2)},
        {"hex", "0x" + ok.substr(2)},
        {"desimal", ok.substr(1) + ".0"},
        {"svært lang", std::string(5000, '1')},
    };
}

std::vector<std::pair<std::string, std::string>> bad_dates() {
    return {{"30. februar", "2023-02-30"},
            {"år null", "0000-01-01"},
            {"måned 13", "2023-13-01"},
            {"dag null", "2023-01-00"},
            {"uten null", "2023-1-1"},
            {"klokkeslett", "2023-01-01T00:00:00"},
            {"tekst", "igaar"},
            {"tom", ""},
            {"sql", "%27%20OR%201%3D1%20--"},
            {"29. feb ikke skuddår", "2023-02-29"},
            {"femsifret år", "20230-01-01"},
            {"fullbredde", "%EF%BC%92023-01-01"},
            {"nullbyte", "2023-01-01%00"},
            {"kodet crlf", "2023-01-01%0d%0aX-Injisert:%201"}};
}

std::vector<std::pair<std::string, std::string>> bad_numbers() {
    return {{"negativ", "-1"},
            {"enorm", "99999999999999999999999"},
            {"tekst", "abc"},
            {"tom", ""},
            {"desimal", "1.5"},
            {"eksponent", "1e3"},
            {"fullbredde", "%EF%BC%91"},
            {"sql", "1%27%20OR%201%3D1%20--"},
            {"nullbyte", "1%00"},
            {"int64 over", "9223372036854775808"},
            {"fortegn pluss", "+1"},
            {"hex", "0x10"},
            {"mellomrom", "%201"}};
}

// Path tricks that turn a valid route ("" or "/a/b") into something refused cleanly.
std::vector<std::pair<std::string, std::string>> path_tricks(const std::string& valid) {
    return {
        {"punktum-punktum", "/.." + valid},
        {"punktum-punktum bak", valid + "/../../../etc/passwd"},
        {"kodet punktum-punktum", "/%2e%2e/%2e%2e/etc/passwd"},
        {"blandet kodet punktum", valid + "/.%2E/.%2e"},
        {"kodet skråstrek foran", "/%2F" + valid},
        {"dobbel skråstrek", valid.empty() ? "//" : "/" + valid},
        {"kodet nullbyte", valid + "%00"},
        {"ugyldig prosentkoding", valid + "%zz"},
        {"avkuttet prosentkoding", valid + "%4"},
        {"ekstra segment", valid + "/ekstra"},
        {"punktum-segment", valid + "/."},
        {"backslash", valid + "/%5c..%5c"},
        {"overlangt segment", valid + "/" + std::string(20000, 'a')},
    };
}

// True if the text (an identifier spliced into a path) cannot decode into exactly one segment.
bool udekodbar(const std::string& s) {
    std::string l;
    for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return l.empty() || l.find("%00") != std::string::npos || l.find("%2f") != std::string::npos ||
           l == "%2e%2e" || l.find("%zz") != std::string::npos;
}
Kinds med_das(Kinds k, const std::string& id) {
    if (udekodbar(id)) k.insert(Das);
    return k;
}

class BadInputE2e : public E2eTest {
protected:
    void SetUp() override {
        srv_ = &server(GetParam());
        if (!srv_->ok()) GTEST_SKIP() << "backend " << GetParam() << " er ikke tilgjengelig";
    }

    // Runs one case and checks the answer; returns false (with a failure) if it was wrong.
    void run(const Api& api, const Case& c, const std::string& token) {
        Headers h = c.headers;
        bool har_auth = false;
        for (const auto& [k, v] : h) har_auth = har_auth || k == "Authorization";
        if (!har_auth) h.emplace_back("Authorization", "Bearer " + token);
        auto r = srv_->request(c.method, api.base + c.path, h, c.body);
        ++tried_;
        const std::string id =
            api.name + " / " + c.what + ": " + c.method + " " + (api.base + c.path).substr(0, 160);
        ASSERT_NE(r.status, 0) << id << " (no answer: hang or dropped connection)";
        EXPECT_LT(r.status, 500) << id << " " << r.body.substr(0, 300);
        if (c.allowed.count(Ok) && r.status == 200) return;
        EXPECT_GE(r.status, 400) << id << " " << r.body.substr(0, 300);
        // Header injection: nothing the client sent may come back as a response header.
        for (const auto& [k, v] : r.headers) EXPECT_NE(k, "X-Injisert") << id;
        auto v = r.json();
        std::string kode;
        if (v.is_object()) {
            const auto& o = v.as_object();
            for (const char* felt : {"feilkode", "kode"})
                if (kode.empty() && o.contains(felt) && o.at(felt).is_string())
                    kode = std::string(o.at(felt).as_string());
        }
        bool match = false;
        for (Kind k : c.allowed) {
            auto it = api.codes.find(k);
            if (it != api.codes.end() && it->second.first == r.status &&
                it->second.second.count(kode))
                match = true;
        }
        EXPECT_TRUE(match) << id << " -> " << r.status << " " << r.body.substr(0, 300);
        if (tried_ % 25 == 0) expect_healthy(id);
    }

    void expect_healthy(const std::string& after) {
        auto h = srv_->get("/health");
        ASSERT_EQ(h.status, 200) << "/health after " << after;
    }

    std::vector<Case> cases_for(const Api& api) {
        std::vector<Case> cs;
        auto add = [&](std::string what, std::string path, Kinds k, Headers h = {},
                       std::string method = "GET", std::string body = {}) {
            cs.push_back({std::move(what), std::move(method), std::move(path), std::move(h),
                          std::move(body), std::move(k)});
        };
        std::string valid;  // a path that gives 200, relative to base
        if (api.name == "restanser") {
            valid = "/dibk/310111643";
            for (const auto& [w, id] : bad_ids(9))
                add("orgnr " + w, "/dibk/" + id, med_das({Inv, Url}, id));
            add("ukjent pakke", "/%2e%2e/310111643", {Url, Das});
            add("pakke med sql", "/dibk%27--/310111643", {Url});
        } else if (api.name == "kravogbetalinger") {
            valid = "/regnskapssystem/313367002/aapnekrav";
            const std::string base = "/regnskapssystem/313367002";
            for (const auto& [w, id] : bad_ids(9)) {
                add("part " + w, "/regnskapssystem/" + id + "/aapnekrav", med_das({Inv, Url}, id));
                add("part " + w,
                    "/regnskapssystem/" + id + "/krav?fraOgMed=2023-01-01&tilOgMed=2023-09-01",
                    med_das({Inv, Url}, id));
            }
            for (const char* e : {"krav", "innbetalinger", "utbetalinger"}) {
                std::string p = base + "/" + e;
                for (const auto& [w, d] : bad_dates()) {
                    add(std::string(e) + " fraOgMed " + w,
                        p + "?fraOgMed=" + d + "&tilOgMed=2023-09-01", {Inv});
                    add(std::string(e) + " tilOgMed " + w, p + "?fraOgMed=2023-01-01&tilOgMed=" + d,
                        {Inv});
                }
                add(std::string(e) + " snudd periode",
                    p + "?fraOgMed=2023-09-01&tilOgMed=2023-01-01", {Inv});
                add(std::string(e) + " over ett år", p + "?fraOgMed=2020-01-01&tilOgMed=2021-01-02",
                    {Inv});
                add(std::string(e) + " tusen år", p + "?fraOgMed=1000-01-01&tilOgMed=9999-12-31",
                    {Inv});
                add(std::string(e) + " mangler tilOgMed", p + "?fraOgMed=2023-01-01", {Inv});
                add(std::string(e) + " mangler begge", p, {Inv});
                add(std::string(e) + " duplisert fraOgMed",
                    p + "?fraOgMed=2023-01-01&fraOgMed=2023-02-01&tilOgMed=2023-09-01", {Inv});
                add(std::string(e) + " duplisert tilOgMed",
                    p + "?fraOgMed=2023-01-01&tilOgMed=2023-09-01&tilOgMed=2023-09-01", {Inv});
            }
        } else if (api.name == "trekkpaalegg") {
            valid = "";
            for (const auto& [w, n] : bad_numbers()) {
                add("fraSekvensnummer " + w, "?fraSekvensnummer=" + n + "&maksAntall=10", {Inv});
                add("maksAntall " + w, "?fraSekvensnummer=0&maksAntall=" + n, {Inv});
                add("trekkversjon " + w, "/10000001/" + n, med_das({Inv, Url, Missing}, n));
                add("trekkid " + w, "/" + n + "/1", med_das({Inv, Url, Missing}, n));
            }
            add("maksAntall null", "?fraSekvensnummer=0&maksAntall=0", {Inv});
            add("bare fraSekvensnummer", "?fraSekvensnummer=0", {Inv});
            add("bare maksAntall", "?maksAntall=10", {Inv});
            add("duplisert fraSekvensnummer",
                "?fraSekvensnummer=0&fraSekvensnummer=5&maksAntall=10", {Inv});
            add("duplisert maksAntall", "?fraSekvensnummer=0&maksAntall=10&maksAntall=1", {Inv});
            for (const auto& [w, id] : bad_ids(9))
                add("trekkid " + w, "/" + id + "/1", med_das({Inv, Url, Missing}, id));
        } else if (api.name == "avregning") {
            valid = "/ssb/2024/20463518646";
            for (const auto& [w, id] : bad_ids(11))
                add("pid " + w, "/ssb/2024/" + id, med_das({Inv, Url}, id));
            for (const auto& [w, n] : bad_numbers())
                add("år " + w, "/ssb/" + n + "/20463518646", med_das({Inv, Url}, n));
            add("år 0000", "/ssb/0000/20463518646", {Inv});
            add("år 99999", "/ssb/99999/20463518646", {Inv});
            add("år i framtiden", "/ssb/9999/20463518646", {Inv, Missing});
        } else if (api.name == "hendelser") {
            valid = "?fraSekvensnummer=1&antall=10";
            for (const auto& [w, n] : bad_numbers()) {
                add("fraSekvensnummer " + w, "?fraSekvensnummer=" + n + "&antall=10", {Inv});
                add("antall " + w, "?fraSekvensnummer=1&antall=" + n, {Inv});
            }
            add("fraSekvensnummer null", "?fraSekvensnummer=0&antall=10", {Inv});
            add("antall null", "?fraSekvensnummer=1&antall=0", {Inv});
            add("duplisert fraSekvensnummer", "?fraSekvensnummer=1&fraSekvensnummer=2&antall=10",
                {Inv});
            add("duplisert antall", "?fraSekvensnummer=1&antall=10&antall=20", {Inv});
            for (const auto& [w, d] : bad_dates())
                if (!d.empty()) add("start dato " + w, "/start?dato=" + d, {Inv});
            add("start dato i framtiden", "/start?dato=2999-01-01", {Inv});
            add("start duplisert dato", "/start?dato=2024-01-01&dato=2024-01-02", {Inv});
        } else if (api.name == "sistetilgjengelige") {
            valid = "/20463518646";
            for (const auto& [w, id] : bad_ids(11))
                add("pid " + w, "/" + id, med_das({Inv, Url, Method}, id));
        } else if (api.name == "utleggsbegjaering") {
            valid = "/ELAN-2026-999999";
            Headers json_ct = {{"Content-Type", "application/json"}};
            for (const auto& [w, id] : bad_ids(9))
                add("saksreferanse " + w, "/" + id, med_das({Inv, Url, Missing, Method}, id));
            for (std::string p : {"", "/valider"}) {
                add("tom kropp" + p, p, {Inv}, json_ct, "POST", "");
                add("ikke json" + p, p, {Inv}, json_ct, "POST", "{\"innsender\": ");
                add("json-liste" + p, p, {Inv}, json_ct, "POST", "[]");
                add("json-tall" + p, p, {Inv}, json_ct, "POST", "42");
                add("tomt objekt" + p, p, {Inv}, json_ct, "POST", "{}");
                add("nullbyte" + p, p, {Inv}, json_ct, "POST", std::string("{\"a\":\"\0\"}", 10));
                add("ugyldig utf-8" + p, p, {Inv}, json_ct, "POST", "{\"innsender\":\"\xff\xfe\"}");
                add("dyp nesting" + p, p, {Inv}, json_ct, "POST",
                    std::string(100000, '[') + std::string(100000, ']'));
                add("sql i felt" + p, p, {Inv}, json_ct, "POST",
                    R"({"innsender":"' OR 1=1 --","innsenderReferanse":"'; DROP TABLE sak; --"})");
                add("feil innholdstype" + p, p, {Media}, {{"Content-Type", "text/plain"}}, "POST",
                    "{}");
                add("xml innholdstype" + p, p, {Media}, {{"Content-Type", "application/xml"}},
                    "POST", "<a/>");
                add("skjema-innholdstype" + p, p, {Media},
                    {{"Content-Type", "application/x-www-form-urlencoded"}}, "POST", "a=b");
            }
            add("PUT uten sak", "/ELAN-2026-999999", {Inv, Missing}, json_ct, "PUT", "{}");
            add("PUT feil innholdstype", "/ELAN-2026-999999", {Media, Missing},
                {{"Content-Type", "text/plain"}}, "PUT", "x");
            add("vedlegg tomt", "/vedlegg", {Inv, Media}, {{"Content-Type", "application/pdf"}},
                "POST", "");
            add("vedlegg feil type", "/vedlegg", {Media, Inv}, {{"Content-Type", "text/html"}},
                "POST", "<script>");
            add("DELETE", "/ELAN-2026-999999", {Method, Url}, {}, "DELETE");
        }
        // Common to every API.
        for (const auto& [w, p] : path_tricks(valid.empty() || valid[0] == '?' ? "" : valid)) {
            // Only undecodable paths may fall back to DAS-002; a decodable one belongs to the API.
            const bool dekodbar =
                w == "ekstra segment" || w == "backslash" || w == "overlangt segment";
            Kinds k = {Inv, Url, Missing, Method};
            if (!dekodbar) k.insert(Das);
            if (w == "overlangt segment") k.insert(DasTooLarge);
            add("sti " + w, p, k);
        }
        if (!api.problem_detail) {
            add("Accept html", valid, {NotAcc}, {{"Accept", "text/html"}});
            add("Accept med crlf", valid, {NotAcc, Ok},
                {{"Accept", "application/json\r\nX-Injisert: 1"}});
            add("POST på GET-rute", valid, {Method, Url}, {{"Content-Type", "application/json"}},
                "POST", "{}");
            add("DELETE", valid, {Method, Url}, {}, "DELETE");
            // A GET body has no meaning (RFC 9110 §9.3.1); ignoring it is as good as refusing it.
            add("GET med kropp", valid, {Ok, Inv}, {{"Content-Type", "application/json"}}, "GET",
                "{\"x\":1}");
            add("GET med feil innholdstype", valid, {Ok, Inv, Media},
                {{"Content-Type", "text/plain"}}, "GET", "hei");
        }
        add("Korrelasjonsid med crlf", valid, {Ok, Inv, Missing},
            {{"Korrelasjonsid", "7c9e6679-7425-40de-944b-e07fc1f90ae7%0d%0aX-Injisert: 1"}});
        add("Korrelasjonsid sql", valid, {Ok, Inv, Missing}, {{"Korrelasjonsid", "' OR 1=1 --"}});
        add("stort hode", valid, {Ok, Inv, Missing, TooLarge},
            {{"X-Stor", std::string(6000, 'a')}});
        return cs;
    }

    Server* srv_ = nullptr;
    static inline int tried_ = 0;
};

TEST_P(BadInputE2e, EveryEndpointRefusesHostileInputWithItsOwnCode) {
    tried_ = 0;
    for (const auto& api : apis()) {
        std::string token = srv_->token(api.token_args);
        for (const auto& c : cases_for(api)) {
            run(api, c, token);
            if (HasFatalFailure()) return;
        }
        expect_healthy(api.name);
    }
    std::cout << "[ hardening ] " << GetParam() << ": " << tried_ << " bad-input cases tried\n";
    RecordProperty("cases", tried_);
    EXPECT_GT(tried_, 300);
}

// Raw protocol abuse that a well-behaved client library cannot send.
TEST_P(BadInputE2e, MalformedRequestsAreRefusedAndTheServerStaysUp) {
    const int port = srv_->port();
    const std::string valid = "/api/innkreving/restanser/v2/dibk/310111643";
    std::vector<std::pair<std::string, std::string>> raw = {
        {"header line without colon", "GET " + valid + " HTTP/1.1\r\nHost: x\r\nUgyldig\r\n\r\n"},
        {"bare LF in header value",
         "GET " + valid + " HTTP/1.1\r\nHost: x\r\nA: b\nX-Injisert: 1\r\n\r\n"},
        {"bare CR in header value",
         "GET " + valid + " HTTP/1.1\r\nHost: x\r\nA: b\rX-Injisert: 1\r\n\r\n"},
        {"space in target",
         "GET /api/innkreving/restanser/v2/dibk/310 111643 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"CRLF in target", "GET " + valid + "\r\nX-Injisert: 1 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"negative content-length",
         "POST /api/utleggsbegjaering/v1 HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"},
        {"huge content-length",
         "POST /api/utleggsbegjaering/v1 HTTP/1.1\r\nHost: x\r\nContent-Length: "
         "99999999999999999999\r\n\r\n"},
        {"two content-lengths",
         "POST /api/utleggsbegjaering/v1 HTTP/1.1\r\nHost: x\r\nContent-Length: "
         "1\r\nContent-Length: 2\r\n\r\nab"},
        {"bad chunk size",
         "POST /api/utleggsbegjaering/v1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
         "chunked\r\n\r\nzz\r\n"},
        {"unknown version", "GET " + valid + " HTTP/9.9\r\nHost: x\r\n\r\n"},
        {"oversized header", "GET " + valid + " HTTP/1.1\r\nHost: x\r\nX-Stor: " +
                                 std::string(200000, 'a') + "\r\n\r\n"},
        {"many headers",
         [&] {
             std::string s = "GET " + valid + " HTTP/1.1\r\nHost: x\r\n";
             for (int i = 0; i < 5000; ++i) s += "X-" + std::to_string(i) + ": 1\r\n";
             return s + "\r\n";
         }()},
        {"oversized target",
         "GET " + valid + "/" + std::string(100000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"binary garbage",
         std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\0\0\0\r\n\r\n", 18)},
        {"nul in method", std::string("G\0T / HTTP/1.1\r\n\r\n", 18)},
        {"nul in target", "GET /api/innkreving/restanser/v2/dibk/3101" + std::string(1, '\0') +
                              "11643 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"nul in query", "GET /api/trekkpaalegg/v1?maksAntall=1" + std::string(1, '\0') +
                             "&fraSekvensnummer=0 HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"truncated request", "GET " + valid + " HTTP/1.1\r\nHost: x\r\n"},
    };
    int n = 0;
    for (const auto& [what, bytes] : raw) {
        auto out = raw_exchange(port, bytes, 3000);
        ++n;
        EXPECT_EQ(out.find("HTTP/1.1 5"), std::string::npos) << what << ": " << out.substr(0, 200);
        // Whatever came back (possibly nothing for a truncated request), no injected header.
        auto end = out.find("\r\n\r\n");
        EXPECT_EQ(out.substr(0, end).find("\r\nX-Injisert"), std::string::npos) << what;
        if (what != "truncated request" && what != "binary garbage" && !out.empty()) {
            EXPECT_EQ(out.rfind("HTTP/1.1 4", 0), 0u) << what << ": " << out.substr(0, 200);
        }
        ASSERT_EQ(srv_->get("/health").status, 200) << "after " << what;
    }
    std::cout << "[ hardening ] " << GetParam() << ": " << n << " raw protocol cases tried\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInputE2e, backends(), backend_name);

}  // namespace
}  // namespace skd::e2e
