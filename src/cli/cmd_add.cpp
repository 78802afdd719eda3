// `recert add cert|ce|exam`: append one record to the ledger, validated, atomically.
#include "context.hpp"
#include "ledger_write.hpp"

#include "model/records.hpp"

#include <iostream>
#include <map>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct AddOptions {
    std::string name;
    std::string earned, expires;
    std::string date, credits, title, status, submitted, category, kind;
};

// Appends the record `make` builds to the ledger's `section`; returns it. `what` (filled by
// `make`, when it has to see the ledger first) describes it in the confirmation.
ojson append_record(const Globals& g, const Rules& rules, const char* section,
                    const std::function<ojson(const Ledger&)>& make, const std::string& what) {
    ojson record;
    change_ledger_json(g, rules, "add", [&](const LedgerState& s, ojson& doc) {
        record = make(s.ledger);
        if (!doc.contains(section)) doc[section] = ojson::array();
        doc[section].push_back(record);
    });
    if (!g.quiet) std::cerr << "recert: added " << what << " to " << ledger_path(g) << '\n';
    return record;
}

std::string holder_for(const Globals& g, const Ledger& l) {
    return single_holder(g, l.holder);
}

// The same activity entered twice gets the same derived id: say so plainly.
void refuse_repeat(const Ledger& l, const Activity& a) {
    for (const auto& x : l.activities)
        if (x.id == a.id)
            throw UserError("this activity is already in the ledger (id " + a.id + ")",
                            a.kind == ActivityKind::CE
                                ? "give it a different --title if it really is a second one"
                                : "");
}

// Builds the activity with the checks every input shares, naming the options in errors. Its
// program is the one --program names (then recorded with it), else found from the holder's
// certifications by program_for_new_activity: never guessed.
void add_activity(const Globals& g, const Rules& rules, ActivityFields f,
                  const std::function<std::string(const Activity&)>& describe) {
    Diagnostics errors;
    auto report = [&](std::string_view field, const std::string& message, std::string hint) {
        static const std::map<std::string_view, std::string_view> option{
            {"date", "--date"},
            {"credits", "--credits"},
            {"status", "--status"},
            {"submitted", "--submitted"},
            {"category", "--category"},
            {"exam_kind", "--kind"},
            {"exam", ""},
            {"title", "--title"}, // the message names the code
            {"program", "--program"}};
        auto it = option.find(field);
        if (auto at = hint.find("\"exam_kind\""); at != std::string::npos)
            hint.replace(at, 11, "--kind");
        errors.push_back(Diagnostic{
            "", 0, 0, "",
            (it == option.end() || it->second.empty() ? "" : std::string(it->second) + ": ") +
                message,
            hint});
    };
    if (!g.program.empty()) f.program = g.program;
    const ActivityKind kind = parse_kind(f.kind.value_or("ce")).value_or(ActivityKind::CE);
    // the options first, before the ledger is read; the names whose program depends on the
    // holder's certifications (category, exam, exam kind) once it is
    build_activity(f, rules, std::string(kDefaultHolder),
                   [&](std::string_view field, std::string message, std::string hint) {
                       if (field != "category" && field != "exam" && field != "exam_kind")
                           report(field, message, std::move(hint));
                   });
    if (!errors.empty()) throw UserError(errors);
    std::string what;
    const ojson record = append_record(
        g, rules, "activities",
        [&](const Ledger& l) {
            const std::string holder = holder_for(g, l);
            std::vector<std::size_t> held;
            for (const auto& c : l.certifications)
                if (c.holder == holder)
                    held.push_back(rules.program_of(rules.certifications[c.cert]));
            f.in_program = program_for_new_activity(
                rules, f.program ? rules.program_index(*f.program) : Rules::kAny, held, holder,
                kind, f.category.value_or(""), f.exam.value_or(""), f.exam_kind.value_or(""),
                report);
            if (!errors.empty()) throw UserError(errors);
            auto a = build_activity(f, rules, holder, report);
            if (!a || !errors.empty()) throw UserError(errors);
            refuse_repeat(l, *a);
            what = describe(*a);
            return activity_to_json(*a, l.holder, rules);
        },
        what);
    // the id on stdout, for `recert claim $(recert add ce ...)` and the like
    std::cout << record["id"].get<std::string>() << '\n';
}

} // namespace

void add_add_command(CLI::App& app, Globals& g) {
    auto* add = app.add_subcommand("add", "record a certification, a CE activity or a passed exam");
    add->require_subcommand(1);
    auto o = std::make_shared<AddOptions>();

    auto* cert = add->add_subcommand("cert", "record a certification held");
    cert->add_option("ID", o->name, "certification id, name or alias")->required();
    cert->add_option("--earned", o->earned, "date earned (YYYY-MM-DD)")->required();
    cert->add_option("--expires", o->expires,
                     "expiry printed by the program's tracker (wins over computation)");
    cert->callback([&g, o] {
        const Rules& rules = load_rules_in_force(g, MorePrograms::All);
        const Certification& c = resolve_certification(rules, o->name);
        HeldCertification h;
        h.cert = static_cast<std::uint32_t>(&c - rules.certifications.data());
        h.earned = parse_date_option(o->earned, "--earned");
        if (!o->expires.empty()) h.expires = parse_date_option(o->expires, "--expires");
        if (h.expires && !expires_in_order(h.earned, *h.expires))
            throw UserError("--expires " + format_date(*h.expires) + " is before --earned " +
                                format_date(h.earned),
                            "a certification expires after it was earned");
        append_record(
            g, rules, "certifications",
            [&](const Ledger& l) {
                h.holder = holder_for(g, l);
                return certification_to_json(h, rules, l.holder);
            },
            c.name + " earned " + format_date(h.earned));
    });

    auto* ce = add->add_subcommand("ce", "record a continuing-education activity");
    ce->add_option("--date", o->date, "completion date (YYYY-MM-DD)")->required();
    ce->add_option("--credits", o->credits, "credits, a decimal with at most two places")
        ->required();
    ce->add_option("--title", o->title, "what it was");
    ce->add_option("--status", o->status, "approved (default), pending, rejected or unclaimed");
    ce->add_option("--submitted", o->submitted, "date the claim was submitted");
    ce->add_option("--category", o->category, "category id from the rules (any case)");
    ce->callback([&g, o] {
        const Rules& rules = load_rules_in_force(g, MorePrograms::All);
        ActivityFields f;
        f.kind = "ce";
        f.date = o->date;
        f.credits = o->credits;
        if (!o->title.empty()) f.title = o->title;
        if (!o->status.empty()) f.status = o->status;
        if (!o->submitted.empty()) f.submitted = o->submitted;
        if (!o->category.empty()) f.category = o->category;
        add_activity(g, rules, f, [&](const Activity& a) {
            return "CE activity (" + format_credits(a.credits) + " " +
                   rules.policy_named(a.program).program.unit + ", " + format_date(a.date) + ")";
        });
    });

    auto* exam = add->add_subcommand("exam", "record a passed exam");
    exam->add_option("CODE", o->name, "exam code or name from the rules (e.g. 300-410 or ENARSI)")
        ->required();
    exam->add_option("--date", o->date, "date passed (YYYY-MM-DD)")->required();
    exam->add_option("--kind", o->kind,
                     "exam kind, needed when the code is not in the rules' catalog");
    exam->callback([&g, o] {
        const Rules& rules = load_rules_in_force(g, MorePrograms::All);
        ActivityFields f;
        f.kind = "exam";
        f.date = o->date;
        f.exam = o->name; // a code or a name from the catalog, in any case
        if (!o->kind.empty()) f.exam_kind = o->kind;
        add_activity(g, rules, f, [&](const Activity& a) {
            return "exam " + a.exam + " (" + a.exam_kind + ", " + format_date(a.date) + ")";
        });
    });
}

} // namespace recert::cli
