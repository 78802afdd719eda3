// `recert claim|approve|reject ID... [--on DATE]`: a claim's next step (docs/semantics.md §5).
#include "context.hpp"
#include "ledger_write.hpp"

#include "model/claims.hpp"

#include <iostream>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

// The record with its claim fields (status, submitted, credited) set from `a`, in the place
// activity_to_json gives them (before title, category and program); other keys as they were.
ojson with_claim_fields(const ojson& record, const Activity& a) {
    ojson claim = ojson::object();
    claim["status"] = std::string(to_string(a.status));
    if (a.submitted) claim["submitted"] = format_date(*a.submitted);
    if (a.credited) claim["credited"] = format_date(*a.credited);
    ojson out = ojson::object();
    bool placed = false;
    for (auto it = record.begin(); it != record.end(); ++it) {
        const std::string& key = it.key();
        if (key == "status" || key == "submitted" || key == "credited") continue;
        if (!placed && (key == "title" || key == "category" || key == "program")) {
            for (auto c = claim.begin(); c != claim.end(); ++c) out[c.key()] = c.value();
            placed = true;
        }
        out[key] = it.value();
    }
    if (!placed)
        for (auto c = claim.begin(); c != claim.end(); ++c) out[c.key()] = c.value();
    return out;
}

struct StepOptions {
    std::vector<std::string> ids;
    std::string on;
};

void run_step(const Globals& g, ClaimStep step, const StepOptions& o) {
    const Rules& rules = load_rules_in_force(g, MorePrograms::All);
    const Date today = as_of_date(g);
    const Date on = o.on.empty() ? today : parse_date_option(o.on, "--on");
    const std::string command(to_string(step));
    std::vector<std::string> done;
    change_ledger_json(g, rules, command, [&](const LedgerState& s, ojson& doc) {
        Diagnostics errors;
        const auto found = resolve_activity_ids(s.ledger.activities, o.ids, errors);
        for (std::size_t i : found) {
            Activity a = s.ledger.activities[i];
            std::string line = a.id + ": " + describe_activity(rules, a);
            if (auto e = take_claim_step(a, step, on, today)) {
                errors.push_back(std::move(*e));
                continue;
            }
            ojson& record = doc["activities"][i];
            record = with_claim_fields(record, a);
            line += "; now " + std::string(to_string(a.status));
            if (step == ClaimStep::Approve)
                line += ", credited " + format_date(*a.credited);
            else if (a.submitted)
                line += ", submitted " + format_date(*a.submitted);
            done.push_back(std::move(line));
        }
        if (!errors.empty()) throw UserError(errors);
    });
    if (!g.quiet)
        for (const auto& line : done) std::cerr << "recert: " << line << '\n';
}

void add_step(CLI::App& app, Globals& g, ClaimStep step, const char* help, const char* on_help) {
    auto o = std::make_shared<StepOptions>();
    auto* cmd = app.add_subcommand(std::string(to_string(step)), help);
    cmd->add_option("ID", o->ids, "activity ids, or unambiguous prefixes of them")->required();
    cmd->add_option("--on", o->on, on_help);
    cmd->callback([&g, step, o] { run_step(g, step, *o); });
}

} // namespace

void add_claim_commands(CLI::App& app, Globals& g) {
    add_step(app, g, ClaimStep::Claim,
             "an unclaimed activity was submitted: status pending, submitted on DATE",
             "the day the claim was submitted (default: today, or --as-of)");
    add_step(app, g, ClaimStep::Approve,
             "the program credited the claim: status approved, credited on DATE",
             "the day the claim was credited (default: today, or --as-of)");
    add_step(app, g, ClaimStep::Reject, "the program rejected the claim: status rejected",
             "the day the claim was rejected (default: today, or --as-of)");
}

} // namespace recert::cli
