// Shared state and helpers of the command-line front end.
#pragma once

#include "engine/team.hpp"
#include "input/mapping.hpp"
#include "recert/diagnostic.hpp"
#include "recert/engine.hpp"
#include "recert/ledger.hpp"
#include "recert/render.hpp"
#include "recert/rules.hpp"
#include "table/activity_table.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace recert::cli {

// Options accepted before or after any command.
struct Globals {
    std::string ledger;
    std::string config_ledger; // the configuration file's ledger: weaker than $RECERT_LEDGER
    std::string config;        // --config: the configuration file
    std::string certs;         // --certs: certifications CSV ("-" = stdin)
    std::string activities;    // --activities: activities CSV ("-" = stdin)
    std::string map;           // --map: the mapping of every CSV input (recert-map/1)
    std::string certs_map;     // --certs-map: the mapping of --certs, instead of --map
    std::string rules_file;
    std::string program;
    std::string as_of;
    std::string format = "text";
    std::string color = "auto";
    // --holder: load_inputs replaces each by the name as recorded (matched ignoring case)
    mutable std::vector<std::string> holders;
    bool quiet = false;
    int exit_code = 0; // set by `check` (1: something needs attention)
};

// An error for the user: printed as `recert: error: ...` and exit code 2.
class UserError : public std::runtime_error {
  public:
    explicit UserError(Diagnostics d)
        : std::runtime_error("user error"), diagnostics(std::move(d)) {}
    explicit UserError(const std::string& message, const std::string& hint = "")
        : std::runtime_error(message), diagnostics{Diagnostic{"", 0, 0, "", message, hint}} {}
    // Problems in rows of input files: printed as FILE:LINE:COL: error: MESSAGE, then the summary.
    UserError(Diagnostics rows, std::string summary_line)
        : std::runtime_error(summary_line), diagnostics(std::move(rows)),
          summary(std::move(summary_line)) {}
    Diagnostics diagnostics;
    std::string summary; // set for row-style errors
};

// Prints an error to stderr: at most 50 diagnostics, then "and N more".
void print_errors(const UserError& e);

// Which programs besides the default (--rules, --program, else cisco) are loaded with it.
enum class MorePrograms {
    Named, // those the ledger's records name ("program"); every built-in one for CSV inputs
    All,   // every built-in program (import, add: records may belong to any)
    None,  // the default alone (rules show, rules check)
};
// The rules live until the process ends (never destroyed: a one-person report would spend a
// twentieth of its time freeing them on the way out).
const Rules& load_rules_in_force(const Globals& g, MorePrograms more = MorePrograms::Named);
std::string ledger_path(const Globals& g);
// The ledger's text and the name to use for it in messages; throws when it cannot be read.
std::pair<std::string, std::string> read_ledger_text(const Globals& g);
Ledger load_ledger_in_force(const Globals& g, const Rules& rules);
// What a command does with the activities it reads.
enum class ActivityUse {
    Evaluate, // only evaluates them (status, check, plan): a large CSV is read on both cores
              // into the table alone, titles kept only where a notice may quote them
    List,     // also lists or writes them (explain, activities, export): every one is kept
              // as a ledger record too, with its text
};
// The records a command works on.
struct Inputs {
    // The ledger's holder (the default one without a ledger) and certifications, then those of
    // --certs; with ActivityUse::List also every activity, ledger.activities[i] being record i
    // of `activities`.
    Ledger ledger;
    ActivityTable activities; // what the engine reads
};
// The one input pipeline of every command that reports: the ledger, and/or the --certs and
// --activities CSV files. Without CSV files the ledger is required; with them, a ledger is read
// only when --ledger names it ($RECERT_LEDGER is ignored then). Repeated records count once, the
// first one given: the same certification (holder, certification, earned date) is dropped
// (drop_repeated_certifications), the same activity id is marked in the table
// (ActivityTable::mark_repeats) and, with ActivityUse::List, dropped from ledger.activities. Throws
// UserError with every problem found; prints the notes.
Inputs load_inputs(const Globals& g, const Rules& rules, ActivityUse use);
// Opens a file for streaming ("-" = stdin); throws when it cannot be opened.
int open_input(const std::string& path);
// The import mapping in the file `path` names (--map, --certs-map); nullopt for "". Throws with
// every problem found.
std::optional<ImportMap> load_map_file(const std::string& path);
// Prints "recert: note: ..." lines unless quiet.
void print_notes(const Globals& g, const std::vector<std::string>& notes);
Date as_of_date(const Globals& g);
// Evaluation options: the as-of date, and $RECERT_THREADS (holders evaluated in parallel; unset
// or 0 = automatic, 1 = one thread) so that results can be compared across thread counts.
EvalOptions eval_options(Date as_of, bool explain);
Date parse_date_option(const std::string& value, const std::string& option);
bool color_enabled(const Globals& g);
// How text for people is drawn: colour (color_enabled); ASCII symbols when TERM is dumb or the
// locale (LC_ALL, else LC_CTYPE, else LANG) is not UTF-8; the width of the terminal on standard
// output, else $COLUMNS, else no limit.
TextStyle text_style(const Globals& g);
// Refuses a --format the command does not have.
void require_format(const Globals& g, const std::string& command,
                    std::initializer_list<const char*> formats);
const Certification& resolve_certification(const Rules& rules, const std::string& name);
// The reports of one certification (one per holder); an error when nobody holds it.
std::vector<const CertReport*> reports_of(const Globals& g, const Rules& rules,
                                          const Report& report, const Certification& cert);
// Keeps only the holders named with --holder (all when none).
void filter_holders(const Globals& g, Report& report);
void filter_holders(const Globals& g, std::vector<CertReport>& reports);
std::string single_holder(const Globals& g, const std::string& fallback);
// An activity in one line: `8 CE credits, 2024-03-01, pending "ENCOR course"`, or
// `exam 350-401 (core), 2024-06-01`.
std::string describe_activity(const Rules& rules, const Activity& a);

void add_status_command(CLI::App& app, Globals& g);
void add_explain_command(CLI::App& app, Globals& g);
void add_init_command(CLI::App& app, Globals& g);
void add_add_command(CLI::App& app, Globals& g);
void add_rules_command(CLI::App& app, Globals& g);
void add_import_command(CLI::App& app, Globals& g);
void add_check_command(CLI::App& app, Globals& g);
void add_plan_command(CLI::App& app, Globals& g);
void add_activities_command(CLI::App& app, Globals& g);
void add_export_command(CLI::App& app, Globals& g);
void add_claim_commands(CLI::App& app, Globals& g); // claim, approve, reject
void add_rm_command(CLI::App& app, Globals& g);
void add_edit_command(CLI::App& app, Globals& g);
void add_report_command(CLI::App& app, Globals& g);
// `recert config`, and the configuration file itself: once the command line is parsed and before
// any command runs, the file's settings fill the options the command line left out.
void add_config_command(CLI::App& app, Globals& g);

} // namespace recert::cli
