// `recert rm ID...` and `recert rm cert CERT [--earned DATE]`: remove records from the ledger,
// printing each one removed (FILE.bak keeps the ledger as it was).
#include "context.hpp"
#include "ledger_write.hpp"

#include "model/claims.hpp"

#include <algorithm>
#include <iostream>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct RmOptions {
    std::vector<std::string> ids;
    std::string cert, earned;
};

// "CCNA earned 2021-06-01", with the holder when it is not the file's.
std::string held_text(const Rules& rules, const Ledger& l, const HeldCertification& h) {
    std::string s = rules.certifications[h.cert].name + " earned " + format_date(h.earned);
    if (h.expires) s += " (expires " + format_date(*h.expires) + ")";
    if (h.holder != l.holder) s += " for " + h.holder;
    return s;
}

void remove_activities(const Globals& g, const RmOptions& o) {
    const Rules& rules = load_rules_in_force(g, MorePrograms::All);
    std::vector<std::string> removed;
    change_ledger_json(g, rules, "rm", [&](const LedgerState& s, ojson& doc) {
        Diagnostics errors;
        auto found = resolve_activity_ids(s.ledger.activities, o.ids, errors);
        if (!errors.empty()) {
            if (o.ids.size() == 1 && rules.find_certification(o.ids.front()))
                errors.front().hint = "to remove a certification: recert rm cert " + o.ids.front();
            throw UserError(errors);
        }
        for (std::size_t i : found) {
            const Activity& a = s.ledger.activities[i];
            removed.push_back(a.id + "  " + describe_activity(rules, a));
        }
        std::sort(found.rbegin(), found.rend()); // from the end, so the indexes stay right
        for (std::size_t i : found) doc["activities"].erase(i);
    });
    for (const auto& line : removed) std::cout << "removed " << line << '\n';
}

void remove_certification(const Globals& g, const RmOptions& o) {
    const Rules& rules = load_rules_in_force(g, MorePrograms::All);
    const Certification& cert = resolve_certification(rules, o.cert);
    const std::size_t index = static_cast<std::size_t>(&cert - rules.certifications.data());
    std::optional<Date> earned;
    if (!o.earned.empty()) earned = parse_date_option(o.earned, "--earned");
    std::string removed;
    change_ledger_json(g, rules, "rm cert", [&](const LedgerState& s, ojson& doc) {
        const Ledger& l = s.ledger;
        std::vector<std::size_t> held; // this certification's records (of the holders named)
        for (std::size_t i = 0; i < l.certifications.size(); ++i) {
            const HeldCertification& h = l.certifications[i];
            if (h.cert == index &&
                (g.holders.empty() ||
                 std::find(g.holders.begin(), g.holders.end(), h.holder) != g.holders.end()))
                held.push_back(i);
        }
        std::string list;
        for (std::size_t i : held)
            list += (list.empty() ? "" : "; ") + held_text(rules, l, l.certifications[i]);
        std::vector<std::size_t> chosen;
        for (std::size_t i : held)
            if (!earned || l.certifications[i].earned == *earned) chosen.push_back(i);
        if (held.empty())
            throw UserError(cert.name + " is not in the ledger" +
                            (g.holders.empty() ? "" : " for the holders named"));
        if (chosen.empty())
            throw UserError("no " + cert.name + " earned " + format_date(*earned) +
                                " in the ledger",
                            "the ledger holds " + list);
        if (chosen.size() > 1)
            throw UserError("the ledger holds " + std::to_string(chosen.size()) + " " + cert.name +
                                " records: " + list,
                            "say which with --earned DATE" +
                                std::string(g.holders.empty() ? " (and --holder NAME)" : ""));
        removed = held_text(rules, l, l.certifications[chosen.front()]);
        doc["certifications"].erase(chosen.front());
    });
    std::cout << "removed " << removed << '\n';
}

} // namespace

void add_rm_command(CLI::App& app, Globals& g) {
    auto o = std::make_shared<RmOptions>();
    auto* rm = app.add_subcommand("rm", "remove activities (rm ID...) or a certification "
                                        "(rm cert CERT); FILE.bak keeps the ledger as it was");
    rm->add_option("ID", o->ids, "activity ids, or unambiguous prefixes of them");
    auto* cert = rm->add_subcommand("cert", "remove a certification record");
    cert->add_option("CERT", o->cert, "certification id, name or alias")->required();
    cert->add_option("--earned", o->earned,
                     "the date it was earned, when the ledger holds it more than once");
    cert->callback([&g, o] {
        if (!o->ids.empty())
            throw UserError("rm cert removes one certification record, not activities too",
                            "remove the activities with a separate `recert rm ID...`");
        remove_certification(g, *o);
    });
    rm->callback([&g, o, rm] {
        if (rm->got_subcommand("cert")) return;
        if (o->ids.empty())
            throw UserError("rm needs activity ids, or `rm cert CERT`",
                            "`recert activities` lists the ids");
        remove_activities(g, *o);
    });
}

} // namespace recert::cli
