// `recert export [--format json|csv|ics]`: the records in force as a ledger document or one CSV
// that `recert import` reads back (certification rows and activity rows share one header); `ics` is
// a calendar of the expiries and claim deadlines ahead (render_ics).
#include "context.hpp"

#include "recert/ics.hpp"
#include "recert/render.hpp"

#include <algorithm>
#include <iostream>

namespace recert::cli {

namespace {

bool wanted(const Globals& g, const std::string& holder) {
    return g.holders.empty() ||
           std::find(g.holders.begin(), g.holders.end(), holder) != g.holders.end();
}

} // namespace

void add_export_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "export", "write the ledger as JSON (default) or CSV, or a calendar (ics)");
    cmd->callback([&g] {
        require_format(g, "export", {"text", "json", "csv", "ics"}); // text: the ledger document
        const Rules& rules = load_rules_in_force(g);
        const Inputs in = load_inputs(g, rules, ActivityUse::List);
        const Ledger& l = in.ledger;
        if (g.format == "ics") { // the expiries and claim deadlines ahead, as a calendar
            Report report = evaluate(rules, l.certifications, in.activities,
                                     eval_options(as_of_date(g), false));
            filter_holders(g, report);
            std::cout << render_ics(rules, l, report);
            return;
        }
        if (g.format == "csv") {
            std::string out = "holder,certification,earned,expires,id,date,kind,credits,exam,exam_"
                              "kind,status,submitted,title,category,credited\r\n";
            for (const auto& h : l.certifications) {
                if (!wanted(g, h.holder)) continue;
                out += csv_cell(h.holder) + ',' + csv_cell(rules.certifications[h.cert].id) + ',' +
                       format_date(h.earned) + ',' + (h.expires ? format_date(*h.expires) : "") +
                       ",,,,,,,,,,,\r\n";
            }
            for (const auto& a : l.activities) {
                if (!wanted(g, a.holder)) continue;
                const bool ce = a.kind == ActivityKind::CE;
                out += csv_cell(a.holder) + ",,,," + csv_cell(a.id) + ',' + format_date(a.date) +
                       ',' + std::string(to_string(a.kind)) + ',' +
                       (ce ? format_credits(a.credits) : "") + ',' + csv_cell(a.exam) + ',' +
                       (!ce && !rules.find_exam(a.exam) ? csv_cell(a.exam_kind) : "") + ',' +
                       (ce ? std::string(to_string(a.status)) : "") + ',' +
                       (a.submitted ? format_date(*a.submitted) : "") + ',' + csv_cell(a.title) +
                       ',' + csv_cell(a.category) + ',' +
                       (a.credited ? format_date(*a.credited) : "") + "\r\n";
            }
            std::cout << out;
            return;
        }
        nlohmann::ordered_json doc = empty_ledger(l.holder);
        for (const auto& h : l.certifications)
            if (wanted(g, h.holder))
                doc["certifications"].push_back(certification_to_json(h, rules, l.holder));
        for (const auto& a : l.activities)
            if (wanted(g, a.holder))
                doc["activities"].push_back(activity_to_json(a, l.holder, rules));
        std::cout << doc.dump(2) << '\n';
    });
}

} // namespace recert::cli
