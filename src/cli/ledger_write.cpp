#include "ledger_write.hpp"

#include "model/store.hpp"

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

namespace recert::cli {

namespace {

// A ledger without write permission is refused: one nobody may write (every write bit off) even
// for root, who could write it anyway, since the mode says it is not to be changed. A read-only
// file system or an immutable file is left to the write, which names the cause.
void refuse_read_only(const std::string& path, const std::string& command) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return; // reported when it is read
    if ((st.st_mode & 0222) == 0 || (::access(path.c_str(), W_OK) != 0 && errno == EACCES))
        throw UserError(path + ": the ledger is read-only (no write permission); " + command +
                            " changed nothing",
                        "make it writable (chmod u+w " + path + ") to change it");
}

} // namespace

bool change_ledger(const Globals& g, const Rules& rules, const std::string& command,
                   const std::function<std::optional<std::string>(const LedgerState&)>& change) {
    const std::string path = ledger_path(g);
    if (path == "-") throw UserError(command + " needs a ledger file, not stdin");
    read_ledger_text(g); // a missing or unreadable ledger is reported plainly, before locking
    refuse_read_only(path, command);
    FileLock lock(path);
    if (!lock.error().empty()) throw UserError(lock.error());
    auto [text, name] = read_ledger_text(g);
    auto loaded = load_ledger(text, name, rules);
    if (!loaded.ok()) throw UserError(loaded.errors);
    const std::optional<std::string> out = change(LedgerState{*loaded.value, text, name});
    if (!out) return false;
    auto check = load_ledger(*out, name, rules);
    if (!check.ok()) {
        for (auto& d : check.errors) { // lines of a text that was never written mean nothing
            d.line = 0;
            d.column = 0;
        }
        throw UserError(check.errors);
    }
    const std::string err = write_file_atomic(path, *out);
    if (!err.empty()) throw UserError(err);
    return true;
}

void change_ledger_json(
    const Globals& g, const Rules& rules, const std::string& command,
    const std::function<void(const LedgerState&, nlohmann::ordered_json& doc)>& change) {
    change_ledger(g, rules, command, [&](const LedgerState& s) -> std::optional<std::string> {
        auto doc = nlohmann::ordered_json::parse(s.text);
        change(s, doc);
        return doc.dump(2) + "\n";
    });
}

} // namespace recert::cli
