// `recert status [CERT...]`: the report of docs/semantics.md §8.
#include "context.hpp"

#include "recert/render.hpp"

#include <algorithm>
#include <iostream>

namespace recert::cli {

void add_status_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "status", "report each certification's state, expiry, credits and next step");
    auto certs = std::make_shared<std::vector<std::string>>();
    cmd->add_option("CERT", *certs, "only these certifications (id, name or alias)");
    cmd->callback([&g, certs] {
        require_format(g, "status", {"text", "json", "csv"});
        const Rules& rules = load_rules_in_force(g);
        const Date as_of = as_of_date(g);
        const Inputs in = load_inputs(g, rules, ActivityUse::Evaluate);
        if (g.format == "csv" && certs->empty()) {
            // a team's rows are formatted by the threads that evaluate them, and written block
            // after block in holder order
            std::cout << status_csv_header();
            EvalOptions opt = eval_options(as_of, false);
            opt.summary = true; // paths, notices and history are not printed in CSV
            evaluate(
                rules, in.ledger.certifications, in.activities, opt,
                [&](std::vector<CertReport>& part, std::string& out) {
                    filter_holders(g, part);
                    append_status_csv_rows(out, rules, part);
                },
                [](const std::string& text) {
                    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
                });
            return;
        }
        Report report =
            evaluate(rules, in.ledger.certifications, in.activities, eval_options(as_of, false));
        filter_holders(g, report);
        if (!certs->empty()) {
            std::vector<std::size_t> wanted;
            for (const auto& name : *certs)
                wanted.push_back(static_cast<std::size_t>(&resolve_certification(rules, name) -
                                                          rules.certifications.data()));
            auto& v = report.certifications;
            v.erase(std::remove_if(v.begin(), v.end(),
                                   [&](const CertReport& r) {
                                       return std::find(wanted.begin(), wanted.end(), r.cert) ==
                                              wanted.end();
                                   }),
                    v.end());
            if (v.empty()) throw UserError("none of the named certifications is in the ledger");
        }
        if (g.format == "json")
            std::cout << status_json(rules, report).dump(2) << '\n';
        else if (g.format == "csv")
            std::cout << render_status_csv(rules, report);
        else
            std::cout << render_status_text(rules, report, text_style(g));
    });
}

} // namespace recert::cli
