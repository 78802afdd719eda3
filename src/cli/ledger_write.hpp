// The one way a command changes the ledger file (add, claim, approve, reject, rm, edit).
#pragma once

#include "context.hpp"

#include <functional>
#include <optional>
#include <string>

namespace recert::cli {

// The ledger as a change sees it: the records loaded and checked, the file's text, and its path.
struct LedgerState {
    const Ledger& ledger;
    const std::string& text;
    const std::string& path;
};

// Changes the ledger file: refuses stdin and a file without write permission, takes the lock,
// reads and checks the ledger, asks `change` for the new text (nullopt: nothing to write), checks
// that text as a ledger, then replaces the file atomically (temporary file, fsync, the previous
// version kept as FILE.bak, rename). `command` names the command in messages. Throws UserError,
// leaving the file as it was, when anything fails or `change` throws. Returns whether it wrote.
bool change_ledger(const Globals& g, const Rules& rules, const std::string& command,
                   const std::function<std::optional<std::string>(const LedgerState&)>& change);

// change_ledger for a change of the JSON document: `change` edits `doc` (the file parsed, key
// order kept) and the result is written with two-space indentation.
void change_ledger_json(
    const Globals& g, const Rules& rules, const std::string& command,
    const std::function<void(const LedgerState&, nlohmann::ordered_json& doc)>& change);

} // namespace recert::cli
