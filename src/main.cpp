// skattedeling: the CLI root. Registers each tools/ subcommand, nothing else.
#include <signal.h>

#include <CLI/CLI.hpp>

#include "tools/tools.hpp"

#ifndef SKD_VERSION
#define SKD_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
    // A file-size limit (RLIMIT_FSIZE) makes a write fail with EFBIG, answered like a full
    // disk, instead of killing the process.
    ::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{"skattedeling – Skatteetaten's data-sharing APIs, locally and fast"};
    app.set_version_flag("--version", "skattedeling " SKD_VERSION);
    app.footer(
        "Options may follow the arguments. Configuration: defaults, then --config FILE, then "
        "SKD_* environment variables, then options (README, Configuration).");
    app.require_subcommand(1);
    skd::tools::Runner run;
    skd::tools::add_serve(app, run);
    skd::tools::add_migrate(app, run);
    skd::tools::add_token(app, run);
    skd::tools::add_grant(app, run);
    skd::tools::add_import(app, run);
    skd::tools::add_generate(app, run);
    skd::tools::add_finn(app, run);
    CLI11_PARSE(app, argc, argv);
    return run ? run() : 0;
}
