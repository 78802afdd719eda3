// `recert status [CERT...] [--state LIST] [--sort ORDER]`: the report of docs/semantics.md §8.
#include "context.hpp"
#include "state_options.hpp"

#include "recert/render.hpp"

#include <algorithm>
#include <iostream>

namespace recert::cli {

void add_status_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "status", "report each certification's state, expiry, credits and next step");
    auto certs = std::make_shared<std::vector<std::string>>();
    cmd->add_option("CERT", *certs, "only these certifications (id, name or alias)");
    auto state = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--state", *state,
                    "only certifications in these states, comma-separated: active, expiring, "
                    "grace, pending, expired, lifetime (repeatable)")
        ->allow_extra_args(false);
    auto sort = std::make_shared<std::string>("holder");
    cmd->add_option("--sort", *sort,
                    "the order of the rows: holder (default), expires (soonest first), days "
                    "(fewest left first) or state (most urgent first)");
    cmd->callback([&g, certs, state, sort] {
        require_format(g, "status", {"text", "json", "csv"});
        const std::vector<State> states = parse_states("--state", *state);
        const ReportOrder order = parse_order("--sort", *sort);
        const Rules& rules = load_rules_in_force(g);
        const Date as_of = as_of_date(g);
        const Inputs in = load_inputs(g, rules, ActivityUse::Evaluate);
        if (g.format == "csv" && certs->empty() && order == ReportOrder::Holder) {
            // a team's rows are formatted (and filtered) by the threads that evaluate them, and
            // written block after block in holder order
            std::cout << status_csv_header();
            EvalOptions opt = eval_options(as_of, false);
            opt.summary = true; // paths, notices and history are not printed in CSV
            evaluate(
                rules, in.ledger.certifications, in.activities, opt,
                [&](std::vector<CertReport>& part, std::string& out) {
                    filter_holders(g, part);
                    keep_states(part, states);
                    append_status_csv_rows(out, rules, part);
                },
                [](const std::string& text) {
                    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
                });
            return;
        }
        EvalOptions opt = eval_options(as_of, false);
        opt.summary = g.format == "csv";
        Report report = evaluate(rules, in.ledger.certifications, in.activities, opt);
        filter_holders(g, report);
        auto& v = report.certifications;
        if (!certs->empty()) {
            std::vector<std::size_t> wanted;
            for (const auto& name : *certs)
                wanted.push_back(static_cast<std::size_t>(&resolve_certification(rules, name) -
                                                          rules.certifications.data()));
            v.erase(std::remove_if(v.begin(), v.end(),
                                   [&](const CertReport& r) {
                                       return std::find(wanted.begin(), wanted.end(), r.cert) ==
                                              wanted.end();
                                   }),
                    v.end());
            if (v.empty()) throw UserError("none of the named certifications is in the ledger");
        }
        const bool any = !v.empty();
        keep_states(v, states);
        sort_reports(v, order);
        if (g.format == "json")
            std::cout << status_json(rules, report).dump(2) << '\n';
        else if (g.format == "csv")
            std::cout << render_status_csv(rules, report);
        else if (any && v.empty()) {
            std::vector<std::string> names;
            names.reserve(states.size());
            for (const State s : states) names.emplace_back(to_string(s));
            std::cout << "No certification is in state " << or_list(names) << " (as of "
                      << format_date(as_of) << ").\n";
        } else
            std::cout << render_status_text(rules, report, text_style(g),
                                            order == ReportOrder::Holder);
    });
}

} // namespace recert::cli
