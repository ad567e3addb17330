// A libFuzzer-compatible driver for the g++ builds (`make test`, plain and ASan/UBSan): runs every
// seed of the given files and folders through LLVMFuzzerTestOneInput, then random mutations of
// them (bit flips, byte changes, insertions, deletions, copies, splices) for --seconds or --runs,
// from a fixed --seed so a failure reproduces exactly. It is not coverage-guided; `make fuzz`
// runs the same targets under clang's libFuzzer for that.
//   fuzz_x_replay [--seconds N] [--runs N] [--seed N] [--crash-dir D] file|dir ...
// A crash (signal) writes the input being run to <crash-dir>/crash-<seed>-<run> first.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Input = std::vector<std::uint8_t>;

// What the signal handler writes: the input being run and where.
const Input* g_current = nullptr;
char g_crash_path[4096] = {};

void on_crash(int sig) {
    if (g_current && g_crash_path[0]) {
        int fd = ::open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            if (!g_current->empty()) {
                [[maybe_unused]] auto n = ::write(fd, g_current->data(), g_current->size());
            }
            ::close(fd);
        }
        static const char msg[] = "fuzz replay: crashing input written to ";
        [[maybe_unused]] auto a = ::write(2, msg, sizeof msg - 1);
        [[maybe_unused]] auto b = ::write(2, g_crash_path, std::strlen(g_crash_path));
        [[maybe_unused]] auto c = ::write(2, "\n", 1);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void load(const std::filesystem::path& p, std::vector<Input>& out) {
    namespace fs = std::filesystem;
    if (fs::is_directory(p)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(p))
            if (e.is_regular_file()) files.push_back(e.path());
        std::sort(files.begin(), files.end());  // the same order, so the same mutations
        for (const auto& f : files) load(f, out);
        return;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz replay: cannot read %s\n", p.c_str());
        std::exit(2);
    }
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

constexpr std::size_t kMaxLen = 64 * 1024;

void mutate(Input& x, const std::vector<Input>& corpus, std::mt19937_64& rng) {
    static constexpr std::uint8_t kInteresting[] = {0,   1,   0x7f, 0x80, 0xff, '"', '\\', '{', '}',
                                                    '[', ']', ',',  ':',  '0',  '9', '-',  '.', 'e',
                                                    '/', '?', '&',  '=',  '%',  ' ', '\n'};
    auto pick = [&](std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); };
    const int steps = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < steps; ++i) {
        switch (rng() % 7) {
            case 0:  // flip a bit
                if (!x.empty()) x[pick(x.size())] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
                break;
            case 1:  // an interesting byte
                if (!x.empty()) x[pick(x.size())] = kInteresting[pick(sizeof kInteresting)];
                break;
            case 2:  // insert bytes
                if (x.size() < kMaxLen)
                    x.insert(x.begin() + static_cast<std::ptrdiff_t>(pick(x.size() + 1)),
                             1 + pick(8), kInteresting[pick(sizeof kInteresting)]);
                break;
            case 3:  // delete a range
                if (!x.empty()) {
                    std::size_t at = pick(x.size()),
                                n = 1 + pick(std::min<std::size_t>(16, x.size() - at));
                    x.erase(x.begin() + static_cast<std::ptrdiff_t>(at),
                            x.begin() + static_cast<std::ptrdiff_t>(at + n));
                }
                break;
            case 4:  // copy a range elsewhere
                if (!x.empty() && x.size() < kMaxLen) {
                    std::size_t at = pick(x.size()),
                                n = 1 + pick(std::min<std::size_t>(32, x.size() - at));
                    Input part(x.begin() + static_cast<std::ptrdiff_t>(at),
                               x.begin() + static_cast<std::ptrdiff_t>(at + n));
                    x.insert(x.begin() + static_cast<std::ptrdiff_t>(pick(x.size() + 1)),
                             part.begin(), part.end());
                }
                break;
            case 5: {  // splice with another seed
                const Input& o = corpus[pick(corpus.size())];
                if (o.empty()) break;
                std::size_t cut = pick(x.size() + 1), from = pick(o.size());
                x.resize(cut);
                x.insert(x.end(), o.begin() + static_cast<std::ptrdiff_t>(from), o.end());
                break;
            }
            default:  // a random byte
                if (!x.empty()) x[pick(x.size())] = static_cast<std::uint8_t>(rng());
                break;
        }
    }
    if (x.size() > kMaxLen) x.resize(kMaxLen);
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 5;
    long long runs = -1;
    std::uint64_t seed = 1;
    std::string crash_dir = ".";
    std::vector<Input> corpus;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "fuzz replay: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--seconds")
            seconds = std::stod(value());
        else if (a == "--runs")
            runs = std::stoll(value());
        else if (a == "--seed")
            seed = std::stoull(value());
        else if (a == "--crash-dir")
            crash_dir = value();
        else
            load(a, corpus);
    }
    if (corpus.empty()) corpus.emplace_back();
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, on_crash);
    std::filesystem::create_directories(crash_dir);

    auto run = [&](const Input& x, const std::string& name) {
        std::snprintf(g_crash_path, sizeof g_crash_path, "%s/crash-%s", crash_dir.c_str(),
                      name.c_str());
        g_current = &x;
        LLVMFuzzerTestOneInput(x.data(), x.size());
        g_current = nullptr;
    };
    for (std::size_t i = 0; i < corpus.size(); ++i) run(corpus[i], "seed-" + std::to_string(i));

    std::mt19937_64 rng(seed);
    const auto start = std::chrono::steady_clock::now();
    long long n = 0;
    for (;; ++n) {
        if (runs >= 0
                ? n >= runs
                : std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >=
                      seconds)
            break;
        Input x = corpus[static_cast<std::size_t>(rng() % corpus.size())];
        mutate(x, corpus, rng);
        run(x, std::to_string(seed) + "-" + std::to_string(n));
    }
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("fuzz replay: %zu seeds, %lld mutations in %.1f s (seed %llu), no crash\n",
                corpus.size(), n, took, static_cast<unsigned long long>(seed));
    return 0;
}
