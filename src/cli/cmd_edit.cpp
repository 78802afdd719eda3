// `recert edit`: the ledger in $VISUAL or $EDITOR (a copy, FILE.edit.json); the edited text
// replaces the ledger only once it is a valid ledger.
#include "context.hpp"
#include "ledger_write.hpp"

#include "model/store.hpp"

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

namespace recert::cli {

namespace {

// The editor the user chose: $VISUAL, else $EDITOR, else vi (as git does).
std::string chosen_editor() {
    for (const char* name : {"VISUAL", "EDITOR"})
        if (const char* e = std::getenv(name); e && *e) return e;
    return "vi";
}

// Runs `editor FILE` through the shell (so that "code --wait" works) and waits; its exit status,
// or -1 when it could not be started.
int run_editor(const std::string& editor, const std::string& file) {
    const pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        const std::string script = editor + " \"$1\"";
        ::execl("/bin/sh", "sh", "-c", script.c_str(), "sh", file.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// On a terminal: asks whether to edit again (yes unless the answer starts with n).
bool ask_edit_again() {
    if (!::isatty(STDIN_FILENO) || !::isatty(STDERR_FILENO)) return false;
    std::cerr << "recert: edit again? [Y/n] " << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer)) return false;
    return answer.empty() || (answer[0] != 'n' && answer[0] != 'N');
}

// The edit loop: the copy edited until it is valid (its text), unchanged (nullopt) or given up
// (UserError, the copy kept). The copy is removed unless kept for the user.
std::optional<std::string> edit_copy(const Globals& g, const Rules& rules, const LedgerState& s) {
    const std::string copy = s.path + ".edit.json";
    if (std::string err = write_file_atomic(copy, s.text, false); !err.empty())
        throw UserError(err);
    const std::string editor = chosen_editor();
    for (;;) {
        const int rc = run_editor(editor, copy);
        if (rc != 0) {
            ::unlink(copy.c_str());
            throw UserError("the editor (" + editor + ") " +
                                (rc < 0 ? std::string("could not be run or was stopped")
                                        : "exited with status " + std::to_string(rc)) +
                                "; the ledger is unchanged",
                            "set VISUAL or EDITOR to the editor to use");
        }
        ReadResult edited = read_file(copy);
        if (!edited.text) throw UserError(edited.error + "; the ledger is unchanged");
        if (*edited.text == s.text) {
            ::unlink(copy.c_str());
            if (!g.quiet) std::cerr << "recert: no changes; the ledger is unchanged\n";
            return std::nullopt;
        }
        auto check = load_ledger(*edited.text, copy, rules);
        if (check.ok()) {
            ::unlink(copy.c_str());
            return std::move(*edited.text);
        }
        const std::string count = std::to_string(check.errors.size()) +
                                  (check.errors.size() == 1 ? " problem" : " problems");
        print_errors(UserError(check.errors));
        if (ask_edit_again()) continue;
        throw UserError("the edited ledger has " + count + "; " + s.path + " is unchanged",
                        "your edit is kept in " + copy + " (the next `recert edit` starts " +
                            "again from the ledger)");
    }
}

} // namespace

void add_edit_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "edit", "open the ledger in $VISUAL or $EDITOR; it is replaced only by a valid edit");
    cmd->callback([&g] {
        const Rules& rules = load_rules_in_force(g, MorePrograms::All);
        const bool wrote = change_ledger(
            g, rules, "edit", [&](const LedgerState& s) { return edit_copy(g, rules, s); });
        if (wrote && !g.quiet) std::cerr << "recert: saved " << ledger_path(g) << '\n';
    });
}

} // namespace recert::cli
