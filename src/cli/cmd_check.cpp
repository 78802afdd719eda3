// `recert check [--within DAYS] [--expired-within DAYS | --all]`: for scripts and cron. One line
// per problem and exit 1, or nothing and exit 0. Expirations and passed claim deadlines older
// than --expired-within days (default 90) are left out, so that cron does not repeat them forever.
#include "context.hpp"

#include "recert/render.hpp"

#include <iostream>
#include <optional>
#include <set>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct Problem {
    std::string holder;
    std::string certification; // id
    std::string kind;          // expired, pending, expiring, claim_deadline, claim_deadline_passed
    Date date;
    int days_left = 0;
    std::string message;
};

// How far back `check` looks: an expiry or a passed claim deadline more than `expired_within`
// days before the evaluation date is no longer reported; nullopt (--all) reports everything.
std::vector<Problem> find_problems(const Rules& rules, const Report& report, int within,
                                   std::optional<int> expired_within) {
    // true when DATE (in the past) is more than `expired_within` days before the evaluation date
    auto too_old = [&](Date date) {
        return expired_within && days_between(date, report.as_of) > *expired_within;
    };
    std::vector<Problem> out;
    std::set<std::pair<std::string, std::string>> claims_seen; // (holder, activity)
    for (const auto& r : report.certifications) {
        const Certification& c = rules.certifications[r.cert];
        auto add = [&](std::string kind, Date date, std::string message) {
            out.push_back(Problem{r.holder, c.id, std::move(kind), date,
                                  days_between(report.as_of, date), std::move(message)});
        };
        if (r.state == State::Expired) {
            if (!too_old(*r.expires))
                add("expired", *r.expires,
                    c.name + " expired after " + format_date(*r.expires) + ": " + r.next_step);
        } else if (r.state == State::Grace)
            for (const auto& n : r.notices) {
                if (n.code == "grace")
                    add("grace", *n.date,
                        c.name + " expired on " + format_date(*r.expires) +
                            " and is in its grace period: " + r.next_step);
            }
        else if (r.state == State::Pending)
            add("pending", *r.expires,
                c.name + " expired after " + format_date(*r.expires) +
                    " unless pending claims are approved: " + r.next_step);
        else if (r.state != State::Lifetime && r.days_left && *r.days_left <= within)
            add("expiring", *r.expires,
                c.name + " expires on " + format_date(*r.expires) + " (" +
                    std::to_string(*r.days_left) + " days): " + r.next_step);
        for (const auto& n : r.notices) {
            if (n.code != "claim_deadline" && n.code != "claim_deadline_passed") continue;
            if (n.code == "claim_deadline" && days_between(report.as_of, *n.date) > within)
                continue;
            if (n.code == "claim_deadline_passed" && too_old(*n.date)) continue;
            if (!claims_seen.insert({r.holder, n.activity}).second) continue;
            add(n.code, *n.date, n.message);
        }
    }
    return out;
}

// A number of days as a plain whole number from 0 to 36500; anything else (`30d`, `-5`, `1.5`)
// is refused with what is expected, under the option's name.
CLI::Validator whole_days_check() {
    return CLI::Validator(
        [](const std::string& value) -> std::string {
            const bool digits = !value.empty() && value.size() <= 5 &&
                                value.find_first_not_of("0123456789") == std::string::npos;
            if (digits && std::stoi(value) <= 36500) return "";
            return "expected a whole number of days from 0 to 36500, got \"" + value + "\"";
        },
        "DAYS in [0 - 36500]");
}

} // namespace

void add_check_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "check",
        "for scripts and cron: list what needs attention and exit 1, or print nothing and exit 0");
    auto within = std::make_shared<int>(-1);
    cmd->add_option("--within", *within,
                    "days ahead that count as soon (default: the rules' expiring_days)")
        ->check(whole_days_check());
    auto expired_within = std::make_shared<int>(90);
    auto all = std::make_shared<bool>(false);
    auto* expired_opt =
        cmd->add_option("--expired-within", *expired_within,
                        "days back that still count: expirations and passed claim deadlines "
                        "older than this are not reported (default 90)")
            ->check(whole_days_check());
    cmd->add_flag("--all", *all, "report every expiration and passed claim deadline, however old")
        ->excludes(expired_opt);
    cmd->callback([&g, within, expired_within, all] {
        require_format(g, "check", {"text", "json", "csv"});
        const Rules& rules = load_rules_in_force(g);
        const Date as_of = as_of_date(g);
        const Inputs in = load_inputs(g, rules, ActivityUse::Evaluate);
        Report report =
            evaluate(rules, in.ledger.certifications, in.activities, eval_options(as_of, false));
        filter_holders(g, report);
        const int days = *within >= 0 ? *within : rules.expiring_days;
        const std::vector<Problem> problems = find_problems(
            rules, report, days, *all ? std::nullopt : std::optional<int>(*expired_within));
        if (!problems.empty()) g.exit_code = 1;
        if (g.format == "json") {
            ojson j;
            j["schema"] = "recert-check/1";
            j["as_of"] = format_date(as_of);
            j["program"] = rules.program.id;
            j["within"] = days;
            j["problems"] = ojson::array();
            for (const auto& p : problems)
                j["problems"].push_back(ojson{{"holder", p.holder},
                                              {"certification", p.certification},
                                              {"problem", p.kind},
                                              {"date", format_date(p.date)},
                                              {"days_left", p.days_left},
                                              {"message", p.message}});
            std::cout << j.dump(2) << '\n';
            return;
        }
        if (g.format == "csv") {
            std::string out = "holder,certification,problem,date,days_left,message\r\n";
            for (const auto& p : problems)
                out += csv_cell(p.holder) + ',' + csv_cell(p.certification) + ',' + p.kind + ',' +
                       format_date(p.date) + ',' + std::to_string(p.days_left) + ',' +
                       csv_cell(p.message) + "\r\n";
            if (!problems.empty()) std::cout << out;
            return;
        }
        for (const auto& p : problems)
            std::cout << p.kind << ": " << p.holder << ": " << p.message << '\n';
    });
}

} // namespace recert::cli
