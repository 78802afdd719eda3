// `recert plan CERT [--by DATE] [--catalog FILE]`: what is still missing on each path, and the
// cheapest set of catalog courses that covers the missing credits.
#include "context.hpp"

#include "input/csv.hpp"
#include "model/policy.hpp"
#include "recert/plan.hpp"
#include "recert/render.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <unistd.h>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct PlanOptions {
    std::string cert;
    std::string by;
    std::string catalog;
    std::string currency; // printed after prices: the catalog's prices carry none
};

std::string money(Centi c) {
    std::string cents = std::to_string(c % 100);
    return std::to_string(c / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

std::string missing_text(const Rules& rules, std::size_t program, const PathStatus& p,
                         const std::string& unit) {
    if (p.met) return "met";
    std::string s;
    if (p.missing_credits > 0) s = format_credits(p.missing_credits) + " " + unit;
    for (const auto& e : p.missing_exams)
        s += (s.empty() ? "" : " and ") + rules.exam_need(e.kinds(), e.count, program);
    return "missing " + s;
}

// The claim-timing section's rows: one claim per line, id (in a column `w` wide), completion
// date, credits, title.
void print_claims(const ActivityTable& table, const std::vector<std::size_t>& claims,
                  const std::string& unit, std::size_t w) {
    for (std::size_t i : claims) {
        const std::string id = table.id(i);
        std::cout << "    " << id << std::string(w - id.size() + 2, ' ')
                  << format_date(table[i].day()) << "  " << format_credits(table[i].credits) << " "
                  << unit;
        if (!table.title(i).empty()) std::cout << "  " << table.title(i);
        std::cout << '\n';
    }
}

// Why the held claims cannot wait longer: the review margin before the expiry, or a deadline.
std::string safe_day_reason(const ClaimTiming& t, const ProgramPolicy& policy, Date expires) {
    if (add_days(expires, -policy.claim_review_days) == t.hold_until)
        return "the expiry, " + format_date(expires) + ", less " +
               std::to_string(policy.claim_review_days) + " days the program may take to credit it";
    return "the last day of its claim window";
}

ojson claim_ids(const ActivityTable& table, const std::vector<std::size_t>& claims) {
    ojson ids = ojson::array();
    for (std::size_t i : claims) ids.push_back(table.id(i));
    return ids;
}

} // namespace

void add_plan_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "plan", "what each path still needs by a date, and the cheapest courses that cover it");
    auto o = std::make_shared<PlanOptions>();
    cmd->add_option("CERT", o->cert, "the certification (id, name or alias)")->required();
    cmd->add_option("--by", o->by, "the date to be done by (default: the certification's expiry)");
    cmd->add_option("--catalog", o->catalog,
                    "a course catalog CSV: code,title,credits[,price][,days]");
    cmd->add_option("--currency", o->currency,
                    "the currency of the catalog's prices, a three-letter code (EUR, USD)")
        ->transform(CLI::Validator(
            [](std::string& v) -> std::string {
                const bool letters = v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) {
                                         return std::isalpha(static_cast<unsigned char>(c));
                                     });
                if (!letters)
                    return "expected a three-letter currency code (EUR, USD), got \"" + shown(v) +
                           "\"";
                for (char& c : v)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                return "";
            },
            "CODE"));
    cmd->callback([&g, o] {
        require_format(g, "plan", {"text", "json"});
        const Rules& rules = load_rules_in_force(g);
        const Certification& cert = resolve_certification(rules, o->cert);
        const std::string& unit = rules.policy_of(cert).program.unit;
        const Date as_of = as_of_date(g);
        std::optional<Date> by;
        if (!o->by.empty()) {
            by = parse_date_option(o->by, "--by");
            if (*by < as_of)
                throw UserError("--by " + o->by + " is before the as-of date " +
                                format_date(as_of));
        }
        std::vector<Course> catalog;
        if (!o->catalog.empty()) {
            const int fd = open_input(o->catalog);
            CsvReader reader(fd);
            auto res = load_catalog(reader, o->catalog == "-" ? "<stdin>" : o->catalog);
            if (fd != STDIN_FILENO) ::close(fd);
            if (!res.ok())
                throw UserError(res.errors,
                                std::to_string(res.errors.size()) +
                                    (res.errors.size() == 1 ? " problem" : " problems") +
                                    " in the catalog");
            catalog = std::move(*res.value);
        }
        const Inputs in = load_inputs(g, rules, ActivityUse::Evaluate);
        Report report =
            evaluate(rules, in.ledger.certifications, in.activities, eval_options(as_of, false));
        filter_holders(g, report);
        const std::vector<const CertReport*> found = reports_of(g, rules, report, cert);
        if (found.size() > 1)
            throw UserError(cert.name + " is held by " + std::to_string(found.size()) + " holders",
                            "pick one with --holder NAME");
        const CertReport& r = *found.front();
        std::vector<std::string> notes;
        if (r.state == State::Lifetime)
            notes.push_back(cert.name + " does not expire: nothing to plan");
        else if (r.state == State::Expired)
            notes.push_back(cert.name + " has expired: it can only be earned again by exam");
        else if (r.retired)
            notes.push_back(cert.name + " is retired: it cannot be recertified");
        else if (r.state == State::Pending)
            notes.push_back("its window has ended; it depends on " + format_credits(r.pending) +
                            " " + unit + " pending approval");
        const ProgramPolicy& policy = rules.policy_of(cert);
        // in a grace period that still counts activities, the grace period's end is the limit
        const bool grace = r.state == State::Grace && policy.grace_activities;
        if (r.state == State::Grace && !grace)
            notes.push_back(cert.name +
                            " is in its grace period: only claims for activities "
                            "completed by " +
                            format_date(*r.expires) + " can still recertify it");
        const std::optional<Date> end =
            grace ? std::optional<Date>(grace_end(policy, *r.expires)) : r.expires;
        const Date deadline = by ? *by : (end ? *end : as_of);
        if (by && end && *by > *end)
            notes.push_back("--by " + format_date(*by) + " is after the expiry (" +
                            format_date(*r.expires) + "): the certification lapses before then");

        // Courses can close a path whose only gap is credits (its exams are done, or it has
        // none): try each such path and keep the cheapest cover.
        const bool plannable = r.state == State::Active || r.state == State::Expiring || grace;
        std::vector<const PathStatus*> candidates;
        if (plannable)
            for (const auto& p : r.paths)
                if (!p.met && p.missing_exams.empty() && p.missing_categories.empty() &&
                    p.missing_credits > 0)
                    candidates.push_back(&p);
        Centi need = plannable && r.remaining ? *r.remaining : 0;
        const PathStatus* target = nullptr;
        std::vector<bool> usable(catalog.size(), true);
        std::size_t too_long = 0;
        const int days_available = days_between(as_of, deadline) + 1;
        for (std::size_t i = 0; plannable && i < catalog.size(); ++i)
            if (catalog[i].days && *catalog[i].days > days_available) {
                usable[i] = false;
                ++too_long;
            }
        CourseChoice choice;
        if (!catalog.empty()) {
            auto cost = [](const CourseChoice& c) {
                return std::make_pair(c.price ? *c.price : c.credits, c.courses.size());
            };
            for (const PathStatus* p : candidates) {
                CourseChoice c = choose_courses(catalog, usable, p->missing_credits);
                if (!c.covered) continue;
                if (!target || !choice.covered || cost(c) < cost(choice)) {
                    choice = c;
                    target = p;
                }
            }
            if (target)
                need = target->missing_credits;
            else if (need > 0)
                choice = choose_courses(catalog, usable, need); // to report why not
        }
        if (too_long > 0)
            notes.push_back(std::to_string(too_long) +
                            (too_long == 1 ? " course takes" : " courses take") +
                            " longer than the " + std::to_string(days_available) +
                            " days left and " + (too_long == 1 ? "was" : "were") + " left out");
        if (!catalog.empty() && need > 0 && choice.too_large)
            notes.push_back("the catalog is too large to search exactly for " +
                            format_credits(need) + " credits");
        else if (!catalog.empty() && need > 0 && !choice.covered)
            notes.push_back("the catalog's usable courses do not add up to the " +
                            format_credits(need) + " " + unit + " missing");

        if (g.format == "json") {
            ojson j;
            j["schema"] = "recert-plan/1";
            j["as_of"] = format_date(as_of);
            j["holder"] = r.holder;
            j["certification"] = cert.id;
            j["state"] = std::string(to_string(r.state));
            j["expires"] = r.expires ? ojson(format_date(*r.expires)) : ojson(nullptr);
            j["by"] = format_date(deadline);
            j["next_step"] = r.next_step;
            j["paths"] = ojson::array();
            for (const auto& p : r.paths) {
                ojson missing{{"credits", credits_json(p.missing_credits)},
                              {"exams", ojson::array()}};
                for (const auto& e : p.missing_exams)
                    missing["exams"].push_back(ojson{{"kinds", e.kinds()}, {"count", e.count}});
                j["paths"].push_back(
                    ojson{{"description", p.description}, {"met", p.met}, {"missing", missing}});
            }
            j["credits_needed"] = credits_json(need);
            j["for_path"] = target ? ojson(target->description) : ojson(nullptr);
            j["courses"] = ojson::array();
            for (std::size_t i : choice.courses) {
                const Course& c = catalog[i];
                j["courses"].push_back(
                    ojson{{"code", c.code},
                          {"title", c.title},
                          {"credits", credits_json(c.credits)},
                          {"price", c.price ? credits_json(*c.price) : ojson(nullptr)}});
            }
            j["courses_credits"] = credits_json(choice.credits);
            j["courses_price"] = choice.price ? credits_json(*choice.price) : ojson(nullptr);
            j["currency"] = o->currency.empty() ? ojson(nullptr) : ojson(o->currency);
            j["covered"] = need == 0 || choice.covered;
            if (const auto& t = r.claim_timing) {
                j["claim_timing"] =
                    ojson{{"submit_all_now", ojson{{"recertified", format_date(as_of)},
                                                   {"expires", format_date(t->now_expires)}}},
                          {"submit_now", claim_ids(in.activities, t->submit)},
                          {"hold", claim_ids(in.activities, t->hold)},
                          {"hold_until",
                           t->hold.empty() ? ojson(nullptr) : ojson(format_date(t->hold_until))},
                          {"expires", format_date(t->hold_expires)},
                          {"days_gained", t->days_gained}};
            } else {
                j["claim_timing"] = nullptr;
            }
            j["notes"] = notes;
            std::cout << j.dump(2) << '\n';
            return;
        }
        const std::string_view dot = glyph(text_style(g), Glyph::Dot);
        std::cout << "Plan for " << cert.name << " " << dot << " " << r.holder << " " << dot
                  << " as of " << format_date(as_of) << " " << dot << " by "
                  << format_date(deadline) << " (" << days_between(as_of, deadline) << " days)\n";
        std::cout << "State " << to_string(r.state);
        if (r.expires) std::cout << ", expires " << format_date(*r.expires);
        std::cout << "\nNext step: " << r.next_step << "\n";
        if (!r.paths.empty()) {
            std::size_t w = 0;
            for (const auto& p : r.paths) w = std::max(w, p.description.size());
            std::cout << "\nPaths:\n";
            for (const auto& p : r.paths)
                std::cout << "  " << p.description << std::string(w - p.description.size() + 2, ' ')
                          << missing_text(rules, rules.program_of(cert), p, unit) << '\n';
        }
        if (const auto& t = r.claim_timing) {
            const std::size_t n = t->submit.size() + t->hold.size();
            std::size_t w = 0;
            for (const auto* v : {&t->submit, &t->hold})
                for (std::size_t i : *v) w = std::max(w, in.activities.id(i).size());
            std::cout << "\nWhen to submit (it recertifies on the day the claim that completes a "
                         "path is credited):\n"
                      << "  Submitting "
                      << (n == 1 ? "the claim" : "all " + std::to_string(n) + " claims")
                      << " now: recertified " << format_date(as_of) << ", valid until "
                      << format_date(t->now_expires) << "\n";
            if (t->hold.empty()) {
                std::cout << "  No later day gains validity: the latest safe day has passed.\n";
            } else {
                if (!t->submit.empty()) {
                    std::cout << "  Better: submit now\n";
                    print_claims(in.activities, t->submit, unit, w);
                    std::cout << "  and hold back until ";
                } else {
                    std::cout << "  Better: hold back until ";
                }
                std::cout << format_date(t->hold_until) << " ("
                          << safe_day_reason(*t, policy, *r.expires) << ")\n";
                print_claims(in.activities, t->hold, unit, w);
                std::cout << "  Then: recertified " << format_date(t->hold_until)
                          << ", valid until " << format_date(t->hold_expires) << ", "
                          << t->days_gained << " days more.\n";
            }
        }
        if (!catalog.empty() && target && choice.covered) {
            std::cout << "\nCheapest courses: " << format_credits(need) << " " << unit << " for \""
                      << target->description << "\" ("
                      << (choice.price ? "lowest total price" : "fewest credits") << "):\n";
            const std::string priced_in = o->currency.empty() ? "" : " " + o->currency;
            std::size_t wc = 4, wt = 5;
            for (std::size_t i : choice.courses) {
                wc = std::max(wc, catalog[i].code.size());
                wt = std::max(wt, catalog[i].title.size());
            }
            for (std::size_t i : choice.courses) {
                const Course& c = catalog[i];
                std::cout << "  " << c.code << std::string(wc - c.code.size() + 2, ' ') << c.title
                          << std::string(wt - c.title.size() + 2, ' ') << format_credits(c.credits)
                          << " credits";
                if (c.price) std::cout << "  " << money(*c.price) << priced_in;
                std::cout << '\n';
            }
            std::cout << "  total: " << format_credits(choice.credits) << " credits";
            if (choice.price) std::cout << ", " << money(*choice.price) << priced_in;
            std::cout << " (" << choice.courses.size()
                      << (choice.courses.size() == 1 ? " course)" : " courses)") << '\n';
        }
        if (!notes.empty()) {
            std::cout << "\nNotes:\n";
            for (const auto& n : notes) std::cout << "  - " << n << '\n';
        }
    });
}

} // namespace recert::cli
