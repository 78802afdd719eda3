// `recert rules show` and `recert rules check FILE`.
#include "context.hpp"

#include "model/store.hpp"

#include <algorithm>
#include <iostream>

namespace recert::cli {

namespace {

void show_text(const Rules& r) {
    std::cout << r.program.name << " (" << r.program.id << ")";
    if (!r.program.effective.empty()) std::cout << ", effective " << r.program.effective;
    std::cout << '\n';
    std::cout << "Claims within " << r.claim_window_days
              << " days of completion; renewal anchored on the "
              << (r.anchor == RenewalAnchor::RecertificationDate ? "recertification date"
                                                                 : "expiry date")
              << "; cascade: "
              << (r.cascade == Cascade::Rank       ? "a higher level renews lower ones"
                  : r.cascade == Cascade::Explicit ? "explicit renewals"
                                                   : "none")
              << "; expiring within " << r.expiring_days << " days.\n";
    if (r.credits_count_on == CountOn::Credited)
        std::cout << "Credits count on the day a claim is credited (without a credited date, the "
                     "day it was submitted); crediting is taken to take up to "
                  << r.claim_review_days << " days.\n";
    if (r.grace_days > 0 || r.grace_years > 0)
        std::cout << (r.grace_suspension ? "Suspension: " : "Grace period: ")
                  << (r.grace_years > 0 ? std::to_string(r.grace_years) +
                                              (r.grace_years == 1 ? " year" : " years") +
                                              (r.grace_days > 0 ? " and " : "")
                                        : std::string())
                  << (r.grace_days > 0 ? std::to_string(r.grace_days) + " days" : std::string())
                  << " after expiry (state grace), for "
                  << (r.grace_activities ? "activities completed in the cycle or the grace period"
                                         : "claims of activities completed in the cycle")
                  << ".\n";
    if (r.lifetime_before)
        std::cout << "Certifications earned before " << format_date(*r.lifetime_before)
                  << " never expire.\n";
    if (!r.program.source.empty()) std::cout << "Sources: " << r.program.source << '\n';
    for (std::size_t li = 0; li < r.levels.size(); ++li) {
        const Level& lv = r.levels[li];
        std::cout << '\n'
                  << lv.name << " (level " << lv.id << ", rank " << lv.rank << ", "
                  << (lv.validity_years ? "valid " + std::to_string(*lv.validity_years) + " years"
                                        : "lifetime")
                  << ")\n";
        if (lv.lifetime_before)
            std::cout << "  lifetime when earned before " << format_date(*lv.lifetime_before)
                      << '\n';
        if (!lv.renewed_by_ce)
            std::cout << "  " << r.program.unit
                      << " never renew it, nor does a cascade from a recertification that used "
                         "them\n";
        if (!lv.in_cascade)
            std::cout << "  outside the cascade: other certifications do not renew it, nor it "
                         "them\n";
        for (const auto& p : lv.paths) std::cout << "  path: " << p.description << '\n';
        if (const auto& c = lv.carryover) {
            std::string cats;
            for (const auto& id : c->categories) cats += (cats.empty() ? " " : " or ") + id;
            std::cout << "  carry-over: up to " << format_credits(c->max) << cats << ' '
                      << r.program.unit << " earned in the last " << c->last_months
                      << " months beyond the requirement\n";
        }
        std::size_t w = 0;
        for (const auto& c : r.certifications)
            if (c.level == li) w = std::max(w, c.id.size());
        for (const auto& c : r.certifications) {
            if (c.level != li) continue;
            std::cout << "  " << c.id << std::string(w - c.id.size() + 2, ' ') << c.name;
            if (c.retired) std::cout << "  (retired " << format_date(*c.retired) << ")";
            std::cout << '\n';
        }
    }
    std::cout << "\nExams: " << r.exams.size()
              << " in the catalog; `recert rules show --format json` lists them.\n";
}

} // namespace

void add_rules_command(CLI::App& app, Globals& g) {
    auto* rules = app.add_subcommand("rules", "print the rules in force, or validate a rules file");
    rules->require_subcommand(1);
    auto* show =
        rules->add_subcommand("show", "print the rules in force (--format json: as a rules file)");
    show->callback([&g] {
        require_format(g, "rules show", {"text", "json"});
        const Rules& r = load_rules_in_force(g, MorePrograms::None);
        if (g.format == "json")
            if (!r.document.is_null()) {
                std::cout << r.document.dump(2) << '\n';
            } else { // a compiled-in program: its file's text
                const auto text = builtin_program_text(r.program.id);
                std::cout << nlohmann::ordered_json::parse(text->begin(), text->end()).dump(2)
                          << '\n';
            }
        else
            show_text(r);
    });
    auto file = std::make_shared<std::string>();
    auto* check = rules->add_subcommand("check", "validate a rules file");
    check->add_option("FILE", *file, "the rules file")->required();
    check->callback([&g, file] {
        ReadResult rr = read_file(*file);
        if (!rr.text) throw UserError(rr.error);
        auto res = load_rules(*rr.text, *file);
        if (!res.ok()) throw UserError(res.errors);
        const Rules& r = *res.value;
        if (!g.quiet)
            std::cout << *file << ": valid recert-rules/1 (program " << r.program.id << ": "
                      << r.levels.size() << " levels, " << r.certifications.size()
                      << " certifications, " << r.exams.size() << " exams)\n";
    });
}

} // namespace recert::cli
