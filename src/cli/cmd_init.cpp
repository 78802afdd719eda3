// `recert init`: create an empty ledger, never overwriting one.
#include "context.hpp"

#include "model/store.hpp"

#include <cerrno>
#include <iostream>
#include <sys/stat.h>

namespace recert::cli {

namespace {
// Creates the default ledger's parent directories (mode 0700); an explicit path must have them.
void make_parents(const std::string& path) {
    for (std::size_t pos = path.find('/', 1); pos != std::string::npos;
         pos = path.find('/', pos + 1)) {
        const std::string dir = path.substr(0, pos);
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            throw UserError(dir + ": cannot create the directory");
    }
}
} // namespace

void add_init_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand("init", "create an empty ledger (refuses to overwrite one)");
    cmd->callback([&g] {
        const std::string path = ledger_path(g);
        if (path == "-") throw UserError("init needs a ledger file, not stdin");
        const bool explicit_path =
            !g.ledger.empty() || std::getenv("RECERT_LEDGER") || !g.config_ledger.empty();
        if (!explicit_path) make_parents(path);
        const std::string holder = single_holder(g, std::string(kDefaultHolder));
        const std::string err = create_file_exclusive(path, empty_ledger(holder).dump(2) + "\n");
        if (!err.empty()) throw UserError(err);
        if (!g.quiet) std::cerr << "recert: created " << path << " for " << holder << '\n';
    });
}

} // namespace recert::cli
