// `recert activities [--since DATE] [--until DATE]`: each activity with the certifications and
// cycles it counts toward, or why it counts toward none.
#include "context.hpp"

#include "recert/render.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <numeric>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct Use {
    std::string certification; // id
    std::string name;
    Date cycle_start;
    std::optional<Date> cycle_end;
};

struct Row {
    std::size_t activity;
    std::vector<Use> uses;
    std::vector<std::string> reasons;                         // why not, when uses is empty
    std::vector<std::pair<std::string, std::string>> why_not; // (reason, certification name)
};

// "pending approval (CCNP Enterprise, CCNA)": one reason once, with the certifications it is for.
void group_reasons(Row& r) {
    for (const auto& [reason, cert] : r.why_not) {
        (void)cert;
        const std::string head = reason + " (";
        if (std::none_of(r.reasons.begin(), r.reasons.end(),
                         [&](const std::string& x) { return x.rfind(head, 0) == 0; })) {
            std::string certs;
            for (const auto& [reason2, cert2] : r.why_not)
                if (reason2 == reason) certs += (certs.empty() ? "" : ", ") + cert2;
            r.reasons.push_back(head + certs + ")");
        }
    }
}

std::string what(const Rules& rules, const Activity& a) {
    return a.kind == ActivityKind::CE
               ? format_credits(a.credits) + " " + rules.policy_named(a.program).program.unit
               : "exam " + a.exam + " (" + a.exam_kind + ")";
}

} // namespace

void add_activities_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand("activities",
                                   "list activities with where each counts, or why it does not");
    auto since = std::make_shared<std::string>();
    auto until = std::make_shared<std::string>();
    cmd->add_option("--since", *since, "only activities on or after this date");
    cmd->add_option("--until", *until, "only activities on or before this date");
    cmd->callback([&g, since, until] {
        require_format(g, "activities", {"text", "json", "csv"});
        const Rules& rules = load_rules_in_force(g);
        const Date as_of = as_of_date(g);
        std::optional<Date> from, to;
        if (!since->empty()) from = parse_date_option(*since, "--since");
        if (!until->empty()) to = parse_date_option(*until, "--until");
        const Inputs in = load_inputs(g, rules, ActivityUse::List);
        const Ledger& ledger = in.ledger;
        const Report report =
            evaluate(rules, ledger.certifications, in.activities, eval_options(as_of, true));

        std::map<std::size_t, Row> rows;
        auto row = [&](std::size_t i) -> Row& {
            return rows.try_emplace(i, Row{i, {}, {}, {}}).first->second;
        };
        for (const auto& r : report.certifications) {
            const Certification& c = rules.certifications[r.cert];
            for (const auto& cy : r.cycles)
                for (const auto& v : cy.activities) {
                    Row& rw = row(v.activity);
                    if (v.counted)
                        rw.uses.push_back(
                            Use{c.id, c.name, cy.start, cy.closed_on ? cy.closed_on : cy.end});
                    else
                        rw.why_not.emplace_back(v.reason, c.name);
                }
            for (const auto& v : r.outside) row(v.activity).why_not.emplace_back(v.reason, c.name);
        }
        std::vector<std::size_t> order(ledger.activities.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const Activity& x = ledger.activities[a];
            const Activity& y = ledger.activities[b];
            return x.holder != y.holder ? x.holder < y.holder : x.date < y.date;
        });
        std::vector<Row> out;
        for (std::size_t i : order) {
            const Activity& a = ledger.activities[i];
            if ((from && a.date < *from) || (to && a.date > *to)) continue;
            if (!g.holders.empty() &&
                std::find(g.holders.begin(), g.holders.end(), a.holder) == g.holders.end())
                continue;
            Row r = rows.count(i) ? rows.at(i) : Row{i, {}, {}, {}};
            group_reasons(r);
            if (a.date > as_of)
                r.reasons = {"dated after the as-of date " + format_date(as_of)};
            else if (r.uses.empty() && r.reasons.empty())
                r.reasons = {"no certification of " + a.holder + " is recorded"};
            if (!r.uses.empty()) r.reasons.clear();
            out.push_back(std::move(r));
        }

        auto uses_text = [](const Row& r) {
            std::string s;
            for (const auto& u : r.uses)
                s += (s.empty() ? "" : "; ") + u.name + " (cycle from " +
                     format_date(u.cycle_start) + ")";
            return s;
        };
        auto reasons_text = [](const Row& r) {
            std::string s;
            for (const auto& x : r.reasons) s += (s.empty() ? "" : "; ") + x;
            return s;
        };
        if (g.format == "json") {
            ojson j;
            j["schema"] = "recert-activities/1";
            j["as_of"] = format_date(as_of);
            j["program"] = rules.program.id;
            j["activities"] = ojson::array();
            for (const auto& r : out) {
                const Activity& a = ledger.activities[r.activity];
                ojson x = activity_to_json(a, "", rules);
                ojson uses = ojson::array();
                for (const auto& u : r.uses)
                    uses.push_back(
                        ojson{{"certification", u.certification},
                              {"cycle_start", format_date(u.cycle_start)},
                              {"cycle_end",
                               u.cycle_end ? ojson(format_date(*u.cycle_end)) : ojson(nullptr)}});
                x["counts_toward"] = uses;
                x["reasons"] = r.reasons;
                j["activities"].push_back(x);
            }
            std::cout << j.dump(2) << '\n';
            return;
        }
        if (g.format == "csv") {
            std::string s =
                "holder,id,date,kind,credits,exam,status,title,counts_toward,reason\r\n";
            for (const auto& r : out) {
                const Activity& a = ledger.activities[r.activity];
                const bool ce = a.kind == ActivityKind::CE;
                s += csv_cell(a.holder) + ',' + csv_cell(a.id) + ',' + format_date(a.date) + ',' +
                     std::string(to_string(a.kind)) + ',' + (ce ? format_credits(a.credits) : "") +
                     ',' + csv_cell(a.exam) + ',' + (ce ? std::string(to_string(a.status)) : "") +
                     ',' + csv_cell(a.title) + ',' + csv_cell(uses_text(r)) + ',' +
                     csv_cell(reasons_text(r)) + "\r\n";
            }
            std::cout << s;
            return;
        }
        if (out.empty()) {
            std::cout << "No activities" << (from || to ? " in that period" : "") << ".\n";
            return;
        }
        // the ids in a column of their own (what claim, approve, reject and rm take)
        std::size_t id_width = 0;
        for (const auto& r : out)
            id_width = std::max(id_width, ledger.activities[r.activity].id.size());
        std::string holder;
        for (const auto& r : out) {
            const Activity& a = ledger.activities[r.activity];
            if (a.holder != holder) {
                std::cout << (holder.empty() ? "" : "\n") << a.holder << '\n';
                holder = a.holder;
            }
            std::cout << "  " << a.id << std::string(id_width - a.id.size(), ' ') << "  "
                      << format_date(a.date) << "  " << what(rules, a);
            if (a.kind == ActivityKind::CE) std::cout << ", " << to_string(a.status);
            if (!a.title.empty()) std::cout << "  \"" << a.title << "\"";
            std::cout << '\n';
            if (!r.uses.empty())
                std::cout << "      counts toward: " << uses_text(r) << '\n';
            else
                for (const auto& x : r.reasons) std::cout << "      does not count: " << x << '\n';
        }
    });
}

} // namespace recert::cli
