// `recert explain CERT`: every cycle of one certification and why each activity counted or not.
#include "context.hpp"

#include "recert/render.hpp"

#include <iostream>

namespace recert::cli {

void add_explain_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "explain", "the full history of one certification: cycles, activities, recertifications");
    auto name = std::make_shared<std::string>();
    cmd->add_option("CERT", *name, "the certification (id, name or alias)")->required();
    cmd->callback([&g, name] {
        require_format(g, "explain", {"text", "json"});
        const Rules& rules = load_rules_in_force(g);
        const Certification& cert = resolve_certification(rules, *name);
        const Date as_of = as_of_date(g);
        const Inputs in = load_inputs(g, rules, ActivityUse::List);
        const Ledger& ledger = in.ledger;
        Report report =
            evaluate(rules, ledger.certifications, in.activities, eval_options(as_of, true));
        filter_holders(g, report);
        const std::vector<const CertReport*> found = reports_of(g, rules, report, cert);
        if (g.format == "json") {
            nlohmann::ordered_json j;
            j["schema"] = "recert-explain/1";
            j["as_of"] = format_date(as_of);
            j["program"] = rules.program.id;
            j["explanations"] = nlohmann::ordered_json::array();
            for (const CertReport* r : found)
                j["explanations"].push_back(explain_json(rules, ledger, *r));
            std::cout << j.dump(2) << '\n';
            return;
        }
        const TextStyle style = text_style(g);
        for (std::size_t i = 0; i < found.size(); ++i)
            std::cout << (i ? "\n" : "")
                      << render_explain_text(rules, ledger, *found[i], as_of, style);
    });
}

} // namespace recert::cli
