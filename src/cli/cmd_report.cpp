// `recert report [--require FILE] [--limit N] [-o FILE]`: the team view of
// docs/formats.md "Team report" (counts by state, headcounts against requirements, expiries per
// month, the at-risk rows) as text, JSON, Markdown or one HTML page.
#include "context.hpp"

#include "model/store.hpp"
#include "render/report.hpp"
#include "report/require.hpp"
#include "report/summary.hpp"

#include <iostream>

namespace recert::cli {

namespace {

struct ReportOptions {
    std::string require;
    std::string output;
    std::size_t limit = 500;
};

std::vector<Requirement> requirements(const std::string& path, const Rules& rules) {
    if (path.empty()) return {};
    ReadResult r = read_file(path);
    if (!r.text) throw UserError(r.error);
    auto res = load_requirements(*r.text, path, rules);
    if (!res.ok()) throw UserError(std::move(res.errors));
    return std::move(*res.value);
}

} // namespace

void add_report_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "report", "the team view: counts by state, expiries per month, headcounts against "
                  "requirements and the holders at risk (text, json, md or html)");
    auto o = std::make_shared<ReportOptions>();
    cmd->add_option("--require", o->require,
                    "minimum active holders per certification: a CSV file "
                    "(certification,minimum) or a JSON array");
    cmd->add_option("-o,--output", o->output,
                    "write the report to this file (replaced whole, or left as it was on error)");
    cmd->add_option("--limit", o->limit, "at most this many at-risk rows (default 500)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    cmd->callback([&g, o] {
        require_format(g, "report", {"text", "json", "md", "html"});
        const Rules& rules = load_rules_in_force(g);
        const Date as_of = as_of_date(g);
        std::vector<Requirement> required = requirements(o->require, rules);
        const Inputs in = load_inputs(g, rules, ActivityUse::Evaluate);
        SummaryBuilder builder(rules, as_of, std::move(required), o->limit);
        EvalOptions opt = eval_options(as_of, false);
        opt.summary = true; // figures and next steps only
        evaluate(rules, in.ledger.certifications, in.activities, opt,
                 [&](std::vector<CertReport>& block) {
                     filter_holders(g, block);
                     builder.add(block);
                 });
        const TeamSummary summary = builder.finish();
        std::string out;
        if (g.format == "json")
            out = report_json(rules, summary).dump(2) + '\n';
        else if (g.format == "md")
            out = render_report_md(rules, summary);
        else if (g.format == "html")
            out = render_report_html(rules, summary);
        else
            out = render_report_text(rules, summary, text_style(g));
        if (o->output.empty() || o->output == "-") {
            std::cout << out;
            return;
        }
        if (std::string err = write_file_atomic(o->output, out, false, NewFileMode::Umask);
            !err.empty())
            throw UserError(err);
    });
}

} // namespace recert::cli
