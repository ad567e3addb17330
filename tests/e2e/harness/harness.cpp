#include "tests/e2e/harness/harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <libxml/xmlschemas.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/fixtures/temp_dir.hpp"

namespace fs = std::filesystem;

namespace skd::e2e {

std::string source_dir() {
    return SKD_SOURCE_DIR;
}
// SKD_TEST_BINARY runs the same tests against another build of the server (make test: the
// ASan/UBSan binary).
std::string binary() {
    if (const char* b = std::getenv("SKD_TEST_BINARY"); b && *b) return b;
    return SKD_BINARY;
}

namespace {
bool ieq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool send_all(int fd, const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
        auto n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

std::string read_until_close(int fd, int timeout_ms) {
    std::string out;
    char buf[65536];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
        auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

HttpResponse parse_response(const std::string& raw) {
    HttpResponse r;
    auto head_end = raw.find("\r\n\r\n");
    if (raw.size() < 12 || head_end == std::string::npos) return r;
    r.status = std::atoi(raw.substr(9, 3).c_str());
    std::istringstream hs(raw.substr(0, head_end));
    std::string line;
    std::getline(hs, line);
    while (std::getline(hs, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto c = line.find(':');
        if (c == std::string::npos) continue;
        auto v = line.substr(c + 1);
        while (!v.empty() && v.front() == ' ') v.erase(0, 1);
        r.headers.emplace_back(line.substr(0, c), v);
    }
    r.body = raw.substr(head_end + 4);
    auto cl = r.header("Content-Length");
    if (!cl.empty()) r.body.resize(std::min<std::size_t>(r.body.size(), std::stoul(cl)));
    return r;
}
}  // namespace

int connect_loopback(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::string HttpResponse::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (ieq(k, name)) return v;
    return {};
}

boost::json::value HttpResponse::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    return ec ? boost::json::value() : v;
}

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms) {
    int fd = connect_loopback(port);
    if (fd < 0) return {};
    send_all(fd, bytes);
    auto out = read_until_close(fd, timeout_ms);
    ::close(fd);
    return out;
}

namespace {
std::string request_text(int port, const std::string& method, const std::string& target,
                         const Headers& headers, const std::string& body) {
    std::string req = method + " " + target + " HTTP/1.1\r\n";
    bool has_host = false;
    for (const auto& [k, v] : headers) {
        req += k + ": " + v + "\r\n";
        has_host = has_host || ieq(k, "Host");
    }
    if (!has_host) req += "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT")
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return req + "Connection: close\r\n\r\n" + body;
}

std::string openssl_error(SSL* ssl) {
    std::string text;
    if (ssl && SSL_get_verify_result(ssl) != X509_V_OK)
        text = X509_verify_cert_error_string(SSL_get_verify_result(ssl));
    char buf[256];
    for (unsigned long e; (e = ERR_get_error()) != 0;) {
        ERR_error_string_n(e, buf, sizeof buf);
        text += (text.empty() ? "" : "; ") + std::string(buf);
    }
    return text.empty() ? "TLS-feil" : text;
}
}  // namespace

std::string tls_exchange(int port, const std::string& ca_file, const std::string& bytes,
                         int timeout_ms, std::string* tls_error) {
    // SSL_write on a connection the server has closed must fail, not end the test process.
    static const bool sigpipe_ignored = [] { return ::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)sigpipe_ignored;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                          SSL_CTX_free);
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    if (ca_file.empty())
        SSL_CTX_set_default_verify_paths(ctx.get());
    else
        SSL_CTX_load_verify_locations(ctx.get(), ca_file.c_str(), nullptr);
    int fd = connect_loopback(port);
    if (fd < 0) {
        if (tls_error) *tls_error = "ingen forbindelse";
        return {};
    }
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), "127.0.0.1");
    SSL_set_fd(ssl.get(), fd);
    std::string out;
    if (SSL_connect(ssl.get()) != 1) {
        if (tls_error) *tls_error = openssl_error(ssl.get());
        ERR_clear_error();
        ::close(fd);
        return {};
    }
    std::size_t off = 0;
    while (off < bytes.size()) {
        const int n =
            SSL_write(ssl.get(), bytes.data() + off, static_cast<int>(bytes.size() - off));
        if (n <= 0) break;
        off += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[65536];
    while (std::chrono::steady_clock::now() < deadline) {
        const int n = SSL_read(ssl.get(), buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    SSL_shutdown(ssl.get());
    ERR_clear_error();
    ::close(fd);
    return out;
}

HttpResponse https_request(int port, const std::string& ca_file, const std::string& method,
                           const std::string& target, const Headers& headers,
                           const std::string& body, std::string* tls_error) {
    return parse_response(tls_exchange(
        port, ca_file, request_text(port, method, target, headers, body), 30000, tls_error));
}

HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const Headers& headers, const std::string& body) {
    const std::string req = request_text(port, method, target, headers, body);
    auto resp = parse_response(raw_exchange(port, req, 30000));
    // SKD_RECORD_RESPONSES=<dir>: one JSON line per exchange, so tests/openapi can check every
    // response of the e2e suites against docs/openapi (a document that drifts fails the build).
    // Answers shaped by a sandbox fault rule (cut bodies, injected codes) are not the API's own.
    const char* dir = std::getenv("SKD_RECORD_RESPONSES");
    if (dir && *dir && resp.header("Skattedeling-Feilregel").empty()) {
        std::string host;
        for (const auto& [k, v] : headers)
            if (ieq(k, "Host")) host = v;
        boost::json::object line{{"method", method},
                                 {"target", target},
                                 {"host", host},
                                 {"status", resp.status},
                                 {"content_type", resp.header("Content-Type")},
                                 {"body", resp.body}};
        static std::mutex mu;
        std::lock_guard lock(mu);
        fs::create_directories(dir);
        std::ofstream(fs::path(dir) / ("responses-" + std::to_string(::getpid()) + ".jsonl"),
                      std::ios::app)
            << boost::json::serialize(line) << '\n';
    }
    return resp;
}

pid_t spawn_binary(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env, int out_fd, int err_fd) {
    // Everything is built before the spawn; the child only rearranges descriptors and execs.
    std::vector<std::string> a = {binary()};
    a.insert(a.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    std::vector<std::string> e;
    for (char** p = environ; *p; ++p) {
        std::string_view kv(*p);
        if (!env.count(std::string(kv.substr(0, kv.find('='))))) e.emplace_back(kv);
    }
    for (const auto& [k, v] : env) e.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : e) envp.push_back(s.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (out_fd >= 0) posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    if (err_fd >= 0) posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    pid_t pid = -1;
    if (::posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data()) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

int open_log(const std::string& path) {
    return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

std::string run_binary(const std::vector<std::string>& args, int* code,
                       const std::map<std::string, std::string>& env) {
    int pipefd[2];
    if (::pipe2(pipefd, O_CLOEXEC) != 0) return {};
    pid_t pid = spawn_binary(args, env, pipefd[1]);
    ::close(pipefd[1]);
    if (pid < 0) {
        ::close(pipefd[0]);
        if (code) *code = 127;
        return {};
    }
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    ::close(pipefd[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (code) *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

std::string fresh_database(const std::string& backend) {
    static std::atomic<int> n{0};
    const int k = n++;
    if (backend == "Sqlite") {
        auto dir = testdata::unique_temp_dir("skd-e2e");
        return "sqlite://" + (dir / "db.sqlite").string();
    }
    const char* base = std::getenv("SKD_TEST_PG_URL");
    if (!base || !*base) return {};
    std::string name = "skd_e2e_" + std::to_string(::getpid()) + "_" + std::to_string(k);
    // Rides out a busy or restarting server, and CREATE DATABASE refused while another test's
    // CREATE or DROP holds the template ("being accessed by other users").
    bool ok = false;
    std::string fault;
    for (int attempt = 0; attempt < 100 && !ok; ++attempt) {
        if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        PGconn* c = PQconnectdb(base);
        if (PQstatus(c) == CONNECTION_OK) {
            PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + name).c_str()));
            PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
            ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
        }
        if (!ok) fault = PQerrorMessage(c);
        PQfinish(c);
    }
    if (!ok) {
        std::fprintf(stderr, "testdatabase %s: %s\n", name.c_str(), fault.c_str());
        return {};
    }
    std::string url = base;
    auto slash = url.rfind('/');
    return url.substr(0, slash + 1) + name;
}

Server::Server(const std::string& backend, ServerOptions opts)
    : backend_(backend), opts_(std::move(opts)) {
    database_ = fresh_database(backend);
    if (database_.empty()) {
        // Configured but unusable PostgreSQL is a failure, never a silent skip.
        const char* pg = std::getenv("SKD_TEST_PG_URL");
        if (backend == "Postgres" && pg && *pg)
            ADD_FAILURE() << "kunne ikke lage en testdatabase på " << pg;
        return;
    }
    dir_ = testdata::unique_temp_dir("skd-srv").string();
    key_ = dir_ + "/issuer.pem";
    if (opts_.demo_data) {
        std::vector<std::string> args = {"import", "--database", database_};
        for (const auto& e : fs::directory_iterator(source_dir() + "/data/demo"))
            if (e.path().extension() == ".jsonl") args.push_back(e.path().string());
        // One import per file keeps errors attributable; files are independent by design.
        for (std::size_t i = 3; i < args.size(); ++i) {
            int code = 0;
            run_binary({"import", "--database", database_, args[i]}, &code);
            if (code != 0) {
                ADD_FAILURE() << "demo-import feilet for " << args[i];
                return;
            }
        }
    }
    start();
}

bool Server::start() {
    std::string port_file = dir_ + "/port";
    fs::remove(port_file);
    std::vector<std::string> args = {
        "serve",   "--port",    "0", "--port-file",  port_file,           "--database",
        database_, "--threads", "2", "--access-log", dir_ + "/access.log"};
    if (opts_.demo) args.push_back("--demo");
    if (opts_.sandbox) args.push_back("--sandbox");
    if (!opts_.now.empty()) args.insert(args.end(), {"--now", opts_.now});
    if (!opts_.now.empty() && opts_.frozen_clock) args.push_back("--frozen-clock");
    args.insert(args.end(), opts_.args.begin(), opts_.args.end());
    auto env = opts_.env;
    if (!opts_.foerste_beroering) env.emplace("SKD_SANDBOX_FIRST_TOUCH", "false");
    env.emplace("SKD_LOCAL_ISSUER_KEY", key_);
    const int log_fd = open_log(dir_ + "/server.log");
    pid_ = spawn_binary(args, env, log_fd, log_fd);
    if (log_fd >= 0) ::close(log_fd);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(port_file);
        int p = 0;
        if (in >> p && p > 0) {
            port_ = p;
            return true;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::ifstream log(dir_ + "/server.log");
    std::stringstream ss;
    ss << log.rdbuf();
    ADD_FAILURE() << "serveren startet ikke: " << ss.str();
    port_ = -1;
    return false;
}

Server::~Server() {
    terminate();
    // Scratch files stay behind for a failed test to be looked at.
    if (::testing::Test::HasFailure() || dir_.empty()) return;
    std::error_code ec;
    fs::remove_all(dir_, ec);
    if (database_.rfind("sqlite://", 0) == 0)
        fs::remove_all(fs::path(database_.substr(9)).parent_path(), ec);
}

void Server::terminate() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
}

void Server::kill() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int status;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
}

bool Server::restart() {
    terminate();
    port_ = -1;
    return start();
}

bool Server::restart(const std::string& now) {
    opts_.now = now;
    return restart();
}

HttpResponse Server::get(const std::string& target, const Headers& h) const {
    return http_request(port_, "GET", target, h);
}

HttpResponse Server::request(const std::string& method, const std::string& target, const Headers& h,
                             const std::string& body) const {
    return http_request(port_, method, target, h, body);
}

// Tokens live by the real clock (the server checks exp/nbf/iat against it, whatever the data's
// clock says), so they are minted at the real time.
std::string Server::token(const std::vector<std::string>& args) const {
    std::vector<std::string> a = {"token", "--key", key_};
    a.insert(a.end(), args.begin(), args.end());
    return run_binary(a);
}

Instance::Instance(const Server& s, std::string now,
                   const std::map<std::string, std::string>& env) {
    if (now.empty()) now = s.now();
    dir_ = testdata::unique_temp_dir("skd-instans").string();
    const std::string port_file = dir_ + "/port";
    std::vector<std::string> args = {"serve",     "--port",       "0",          "--port-file",
                                     port_file,   "--database",   s.database(), "--threads",
                                     "2",         "--access-log", "off",        "--demo",
                                     "--sandbox", "--no-migrate"};
    if (!now.empty()) args.insert(args.end(), {"--now", now, "--frozen-clock"});
    auto e = env;
    e.emplace("SKD_LOCAL_ISSUER_KEY", s.key_file());
    if (!s.options().foerste_beroering) e.emplace("SKD_SANDBOX_FIRST_TOUCH", "false");
    const int log = open_log(dir_ + "/server.log");
    pid_ = spawn_binary(args, e, log, log);
    if (log >= 0) ::close(log);
    for (int i = 0; i < 1500 && port_ <= 0; ++i) {
        std::ifstream in(port_file);
        if (!(in >> port_)) port_ = 0;
        if (port_ <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

Instance::~Instance() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string Server::samtykke(const std::vector<std::string>& args) const {
    std::vector<std::string> a = {"token", "samtykke", "--key", key_};
    a.insert(a.end(), args.begin(), args.end());
    return run_binary(a);
}

int Server::import_text(const std::string& jsonl, std::string* output) const {
    static std::atomic<int> n{0};
    std::string path = dir_ + "/import-" + std::to_string(n++) + ".jsonl";
    std::ofstream(path) << jsonl;
    int code = 0;
    auto out = run_binary({"import", "--database", database_, path}, &code);
    if (output) *output = out;
    return code;
}

namespace {
thread_local std::string g_xml_error;
void xml_error(void*, const char* msg, ...) {
    if (g_xml_error.empty()) g_xml_error = msg;
}
}  // namespace

std::string validate_xml(const std::string& xml, const std::string& xsd_path) {
    std::string& last_error = g_xml_error;
    last_error.clear();
    auto handler = &xml_error;
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd_path.c_str());
    xmlSchemaSetParserErrors(pc, handler, handler, nullptr);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!schema) return "kan ikke lese XSD " + xsd_path + ": " + last_error;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "svar.xml", nullptr,
                                  XML_PARSE_NONET);
    std::string result;
    if (!doc) {
        result = "ikke velformet XML";
    } else {
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
        xmlSchemaSetValidErrors(vc, handler, handler, nullptr);
        if (xmlSchemaValidateDoc(vc, doc) != 0)
            result = last_error.empty() ? "ugyldig" : last_error;
        xmlSchemaFreeValidCtxt(vc);
        xmlFreeDoc(doc);
    }
    xmlSchemaFree(schema);
    return result;
}

namespace {
std::map<std::string, std::unique_ptr<Server>>& suite_servers() {
    static std::map<std::string, std::unique_ptr<Server>> s;
    return s;
}
}  // namespace

Server& E2eTest::server(const std::string& backend, ServerOptions opts) {
    auto& s = suite_servers()[backend];
    if (!s) s = std::make_unique<Server>(backend, std::move(opts));
    return *s;
}

void E2eTest::TearDownTestSuite() {
    suite_servers().clear();
}

std::string sh(const std::string& cmd, int* code) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int rc = ::pclose(p);
    if (code) *code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

int free_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    int port = 0;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n) == 0)
        port = ntohs(a.sin_port);
    ::close(s);
    return port;
}

boost::json::value trekkpaalegg_sammenlignbar(boost::json::value v) {
    if (v.is_object()) {
        boost::json::object o;
        for (auto& [k, x] : v.as_object()) o[k] = trekkpaalegg_sammenlignbar(x);
        if (auto* t = o.if_contains("opprettet")) {
            std::string s(t->as_string());
            auto dot = s.find('.');
            if (dot != std::string::npos) s = s.substr(0, dot) + "Z";
            *t = s;
        }
        o.erase("sekvensnummer");
        return o;
    }
    if (v.is_array()) {
        boost::json::array a;
        for (auto& x : v.as_array()) a.push_back(trekkpaalegg_sammenlignbar(x));
        return a;
    }
    if (v.is_number()) return v.to_number<double>();
    return v;
}

}  // namespace skd::e2e
