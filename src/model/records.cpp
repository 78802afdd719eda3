#include "model/records.hpp"

#include <algorithm>
#include <unordered_set>

namespace recert {

namespace {

template <class T> std::string list_ids(const std::vector<T>& v, std::size_t program) {
    std::string s;
    for (const auto& k : v)
        if (program == Rules::kAny || k.program == program) s += (s.empty() ? "" : ", ") + k.id;
    return s;
}

std::string list_categories(const Rules& r, std::size_t program) {
    const std::string s = list_ids(r.categories, program);
    return s.empty() ? "this program has no categories" : "categories: " + s;
}

std::string list_programs(const Rules& r) {
    std::string s;
    for (const auto& p : r.programs) s += (s.empty() ? "" : ", ") + p.program.id;
    return "programs in force: " + s;
}

std::string program_id(const Rules& r, std::size_t program) {
    return r.programs[program].program.id;
}

// The hint for a category that the program (kAny: any) does not have: the close ones, else the
// program it is a category of, else the list.
std::string category_hint(const Rules& r, std::size_t program, std::string_view typed) {
    std::vector<std::string> close;
    for (const auto& c : r.categories)
        if ((program == Rules::kAny || c.program == program) && is_close(typed, c.id))
            close.push_back(c.id);
    if (!close.empty()) return "did you mean " + or_list(close) + "?";
    if (const std::size_t other = r.category_index(typed); other != 0 && program != Rules::kAny)
        return "\"" + r.categories[other - 1].id + "\" is a category of " +
               program_id(r, r.categories[other - 1].program) + "; " + program_id(r, program) +
               "'s " + list_categories(r, program);
    return list_categories(r, program);
}

// "300-410 (ENARSI)": an exam as a suggestion.
std::string exam_text(const Exam& e) {
    return e.code + (e.name.empty() || e.name == e.code ? "" : " (" + e.name + ")");
}

// The exams of the program (kAny: any) closest to a code that is not in the catalog, by code or
// name (at most three, the closest first); empty when none is close.
std::vector<std::string> close_exams(const Rules& r, std::size_t program, std::string_view typed) {
    std::vector<std::pair<std::size_t, const Exam*>> found;
    for (const auto& e : r.exams) {
        if (program != Rules::kAny && e.program != program) continue;
        const bool by_code = is_close(typed, e.code), by_name = is_close(typed, e.name);
        if (!by_code && !by_name) continue;
        found.emplace_back(std::min(by_code ? name_distance(typed, e.code) : 3,
                                    by_name ? name_distance(typed, e.name) : 3),
                           &e);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (const auto& [d, e] : found)
        if (d == found.front().first && out.size() < 3) out.push_back(exam_text(*e));
    return out;
}

// The program named by a field (kAny when absent); an unknown name is reported.
template <class Fail>
std::size_t program_field(const TextField& v, const Rules& rules, const Fail& fail) {
    if (!v) return Rules::kAny;
    const std::size_t p = rules.program_index(*v);
    if (p == Rules::kAny)
        fail("program", "unknown program \"" + shown(*v) + "\"",
             list_programs(rules) + " (the built-in ones are loaded when a record names them)");
    return p;
}

// A value quoted in a message (shortened when long).
std::string str(std::string_view v) {
    return shown(v);
}

std::optional<Date> date_field(const TextField& v, std::string_view name, bool required,
                               const FieldError& error) {
    if (!v) {
        if (required)
            error(name, "missing " + std::string(name) + ", expected a date YYYY-MM-DD", "");
        return std::nullopt;
    }
    if (auto d = parse_record_date(*v)) return d;
    if (parse_iso_date(*v))
        error(name,
              "date " + str(*v) + " is too far ahead: recert takes dates up to " +
                  format_date(kLastRecordDay),
              "");
    else
        error(name, "invalid date \"" + str(*v) + "\": expected a real calendar date YYYY-MM-DD",
              "");
    return std::nullopt;
}

} // namespace

std::optional<CheckedActivity> check_activity(const ActivityFields& f, const Rules& rules,
                                              std::string_view default_holder,
                                              const FieldError& error) {
    bool ok = true;
    auto fail = [&](std::string_view field, std::string message, std::string hint = "") {
        ok = false;
        error(field, std::move(message), std::move(hint));
    };
    CheckedActivity a;
    a.holder = f.holder ? *f.holder : default_holder;
    a.title = f.title.value_or(std::string_view{});
    a.exam = f.exam.value_or(std::string_view{});
    auto date = date_field(f.date, "date", true, fail);
    if (f.kind) {
        if (const auto k = parse_kind(*f.kind))
            a.kind = *k;
        else
            fail("kind", "found \"" + str(*f.kind) + "\", expected \"ce\" or \"exam\"");
    } else {
        a.kind = a.exam.empty() ? ActivityKind::CE : ActivityKind::Exam;
    }
    if (f.status) {
        if (auto s = parse_status(*f.status))
            a.status = *s;
        else
            fail("status", "unknown status \"" + str(*f.status) +
                               "\", expected approved, pending, rejected or unclaimed");
    }
    a.submitted = date_field(f.submitted, "submitted", false, fail);
    if (date && a.submitted && !submitted_in_order(*date, *a.submitted))
        fail("submitted", "submitted " + format_date(*a.submitted) +
                              " is before the activity date " + format_date(*date));
    a.credited = date_field(f.credited, "credited", false, fail);
    if (date && a.credited && !credited_in_order(*date, a.submitted, *a.credited))
        fail("credited", "credited " + format_date(*a.credited) + " is before the " +
                             (a.submitted && *a.credited < *a.submitted
                                  ? "submission date " + format_date(*a.submitted)
                                  : "activity date " + format_date(*date)));
    if (a.credited && f.status && a.status != ClaimStatus::Approved)
        fail("credited", "a " + str(*f.status) + " claim with a credited date",
             "only an approved claim has been credited");
    const std::size_t program = f.program ? program_field(f.program, rules, fail) : f.in_program;
    if (f.program && program != Rules::kAny)
        a.program_named = a.program_given = rules.programs[program].program.id;
    const ActivityIndexes& x = a.indexes =
        resolve_activity(rules, program, f.category.value_or(std::string_view{}), a.kind, a.exam,
                         f.exam_kind.value_or(std::string_view{}));
    if (f.category) {
        if (x.category == 0)
            fail("category", "unknown category \"" + str(*f.category) + "\"",
                 category_hint(rules, program, *f.category));
        else
            a.category = canonical_category(rules, x);
    }
    if (a.kind == ActivityKind::CE) {
        if (!f.credits) {
            fail("credits", "a CE activity without \"credits\"",
                 "give the credits, or kind \"exam\" with an exam code");
        } else {
            const CreditParse p = take_credits(*f.credits, a);
            if (!p.value)
                fail("credits", "invalid credits \"" + str(*f.credits) + "\" (" + p.error +
                                    "): expected a number >= 0 with at most two decimal places");
        }
        if (!a.exam.empty())
            fail("exam", "a CE activity with an exam code", "use kind \"exam\" for exams");
        if (f.exam_kind)
            fail("exam_kind", "a CE activity with an exam kind", "use kind \"exam\" for exams");
    } else {
        if (f.credits) fail("credits", "an exam with credits", "exams count as exams, not credits");
        if (f.status && parse_status(*f.status) != ClaimStatus::Approved)
            fail("status", "an exam with status \"" + str(*f.status) + "\"",
                 "an exam record is a pass; claim statuses are for CE");
        if (f.submitted)
            fail("submitted", "an exam with a claim submission date",
                 "claims are for CE activities");
        if (f.credited)
            fail("credited", "an exam with a claim credited date", "claims are for CE activities");
        if (a.exam.empty()) {
            fail("exam", "an exam activity without \"exam\" (the exam code)");
        } else if (const Exam* e = x.exam) {
            a.exam = e->code;
            a.exam_kind = e->kind;
            if (f.exam_kind && lower(*f.exam_kind) != lower(e->kind))
                fail("exam_kind",
                     "exam " + e->code + " is a " + e->kind + " exam in the catalog, not " +
                         str(*f.exam_kind),
                     "leave the exam kind out for exams in the catalog");
        } else if (f.exam_kind) {
            if (x.exam_kind == Rules::kAny)
                fail("exam_kind", "unknown exam kind \"" + str(*f.exam_kind) + "\"",
                     "exam kinds: " + list_ids(rules.exam_kinds, program));
            else
                a.exam_kind = rules.exam_kinds[x.exam_kind].id;
        } else if (const auto close = close_exams(rules, program, a.exam); !close.empty()) {
            // a typo is not offered the way to record it as an exam outside the catalog
            fail("exam", "unknown exam code \"" + str(a.exam) + "\"",
                 "did you mean " + or_list(close) + "?");
        } else {
            fail("exam", "unknown exam code \"" + str(a.exam) + "\"",
                 "give \"exam_kind\" (" + list_ids(rules.exam_kinds, program) +
                     ") for an exam that is not in the catalog");
        }
    }
    if (!ok || !date) return std::nullopt;
    a.date = *date;
    a.date_text = *f.date; // parsed as exactly YYYY-MM-DD, which is how it is written

    // a record of any program but the default one in force keeps its program's name, so that a
    // ledger it is written to loads that program again
    if (a.program_given.empty()) a.program_given = implied_program(rules, x);
    return a;
}

ActivityIndexes resolve_activity(const Rules& rules, std::size_t program, std::string_view category,
                                 ActivityKind kind, std::string_view exam,
                                 std::string_view exam_kind) {
    ActivityIndexes x;
    x.program = program == Rules::kAny ? 0 : program;
    x.category = rules.category_index(category, program);
    if (x.category > 0) x.program = rules.categories[x.category - 1].program;
    if (kind != ActivityKind::Exam) return x;
    if (!exam.empty()) x.exam = rules.find_exam(exam, program);
    x.exam_kind = x.exam              ? rules.exam_kind_index(x.exam->kind, x.exam->program)
                  : exam_kind.empty() ? Rules::kAny
                                      : rules.exam_kind_index(exam_kind, program);
    if (x.exam_kind != Rules::kAny) x.program = rules.exam_kinds[x.exam_kind].program;
    return x;
}

std::uint64_t content_hash(const CheckedActivity& a) {
    if (a.date_text.empty() || (a.kind == ActivityKind::CE && a.credits_text.empty()))
        return activity_content_hash(a.holder, a.date, a.kind, a.credits, a.exam, a.title,
                                     a.program_named);
    return activity_content_hash(a.holder, a.date_text, a.kind, a.credits_text, a.exam, a.title,
                                 a.program_named);
}

Activity to_activity(const CheckedActivity& c, const TextField& id) {
    Activity a;
    a.holder = c.holder;
    a.date = c.date;
    a.kind = c.kind;
    a.credits = c.credits;
    a.status = c.status;
    a.submitted = c.submitted;
    a.credited = c.credited;
    a.title = c.title;
    a.category = c.category;
    a.exam = c.exam;
    a.exam_kind = c.exam_kind;
    a.program = c.program_given;
    a.program_named = !c.program_named.empty();
    a.id = id ? std::string(*id) : derived_id(c.kind, content_hash(c));
    return a;
}

std::optional<Activity> build_activity(const ActivityFields& f, const Rules& rules,
                                       const std::string& default_holder, const FieldError& error) {
    auto c = check_activity(f, rules, default_holder, error);
    if (!c) return std::nullopt;
    return to_activity(*c, f.id);
}

std::optional<HeldCertification> build_certification(const CertificationFields& f,
                                                     const Rules& rules,
                                                     const std::string& default_holder,
                                                     const FieldError& error) {
    bool ok = true;
    auto fail = [&](std::string_view field, std::string message, std::string hint = "") {
        ok = false;
        error(field, std::move(message), std::move(hint));
    };
    HeldCertification h;
    h.holder = f.holder ? std::string(*f.holder) : default_holder;
    const std::size_t program = program_field(f.program, rules, fail);
    if (!f.certification) {
        fail("certification", "missing certification, expected an id, name or alias");
    } else if (const Certification* c = rules.find_certification(*f.certification)) {
        h.cert = static_cast<std::uint32_t>(c - rules.certifications.data());
        if (program != Rules::kAny && rules.program_of(*c) != program)
            fail("program", c->id + " is a certification of program " +
                                rules.policy_of(*c).program.id + ", not " +
                                rules.programs[program].program.id);
    } else {
        fail("certification", "unknown certification \"" + str(*f.certification) + "\"",
             certification_hint(rules, *f.certification));
    }
    auto earned = date_field(f.earned, "earned", true, fail);
    h.expires = date_field(f.expires, "expires", false, fail);
    if (earned && h.expires && !expires_in_order(*earned, *h.expires))
        fail("expires",
             "expires " + format_date(*h.expires) + " is before earned " + format_date(*earned));
    if (!ok || !earned) return std::nullopt;
    h.earned = *earned;
    return h;
}

void drop_repeated_certifications(std::vector<HeldCertification>& v) {
    // The usual team file is in holder order: then a holder's records are next to each other and
    // a repeat is found among a handful of them, without hashing every holder's name (for a
    // million-row report, time spent for nothing: the usual file has no repeat). Anything else (a
    // repeat to drop, records out of holder order, a long run of one holder) goes to a hash set.
    constexpr std::size_t kRun = 16;
    bool any = false, grouped = true;
    for (std::size_t i = 1, from = 0; i < v.size() && grouped && !any; ++i) {
        const int order = v[i].holder.compare(v[i - 1].holder);
        if (order > 0) {
            from = i; // a new holder's first record
            continue;
        }
        grouped = order == 0 && i - from < kRun;
        for (std::size_t j = from; grouped && !any && j < i; ++j)
            any = same_certification_record(v[j], v[i]);
    }
    if (grouped && !any) return;
    struct Key {
        std::string_view holder;
        std::uint32_t cert;
        std::int32_t earned;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<std::string_view>{}(k.holder) ^ (k.cert * 0x9E3779B97F4A7C15ULL) ^
                   static_cast<std::size_t>(k.earned) << 20;
        }
    };
    std::unordered_set<Key, KeyHash> seen;
    seen.reserve(v.size());
    std::vector<bool> repeat(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        repeat[i] = !seen.insert(Key{v[i].holder, v[i].cert, v[i].earned.days}).second;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!repeat[i]) {
            if (kept != i) v[kept] = std::move(v[i]);
            ++kept;
        }
    v.resize(kept);
}

namespace {

std::string_view title_trimmed(std::string_view t) {
    const std::size_t b = t.find_first_not_of(" \t"), e = t.find_last_not_of(" \t");
    return b == std::string_view::npos ? std::string_view{} : t.substr(b, e - b + 1);
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto low = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        return low(x) == low(y);
    });
}

// A claim's stage: a status moves to a later stage only (approved and rejected are both final,
// and the program may reverse its decision).
int claim_stage(ClaimStatus s) {
    switch (s) {
    case ClaimStatus::Unclaimed:
        return 0;
    case ClaimStatus::Pending:
        return 1;
    case ClaimStatus::Approved:
    case ClaimStatus::Rejected:
        return 2;
    }
    return 2;
}

std::string date_or_none(const std::optional<Date>& d) {
    return d ? format_date(*d) : std::string();
}

} // namespace

ActivityComparison compare_activity(const Activity& ledger, const Activity& incoming) {
    ActivityComparison r;
    std::vector<FieldChange> content;
    auto differ = [&](std::string field, std::string before, std::string after) {
        content.push_back({std::move(field), std::move(before), std::move(after)});
    };
    if (ledger.holder != incoming.holder) differ("holder", ledger.holder, incoming.holder);
    if (ledger.date != incoming.date)
        differ("date", format_date(ledger.date), format_date(incoming.date));
    if (ledger.kind != incoming.kind)
        differ("kind", std::string(to_string(ledger.kind)), std::string(to_string(incoming.kind)));
    else if (ledger.kind == ActivityKind::CE && ledger.credits != incoming.credits)
        differ("credits", format_credits(ledger.credits), format_credits(incoming.credits));
    if (!same_ignoring_case(ledger.exam, incoming.exam)) differ("exam", ledger.exam, incoming.exam);
    if (title_trimmed(ledger.title) != title_trimmed(incoming.title))
        differ("title", ledger.title, incoming.title);
    if (!ledger.category.empty() && !incoming.category.empty() &&
        !same_ignoring_case(ledger.category, incoming.category))
        differ("category", ledger.category, incoming.category);
    if (!ledger.program.empty() && !incoming.program.empty() && ledger.program != incoming.program)
        differ("program", ledger.program, incoming.program);
    if (!content.empty()) {
        r.match = RecordMatch::Conflict;
        r.changes = std::move(content);
        r.problem = "the ledger has other content under this id";
        return r;
    }

    Activity u = ledger;
    auto change = [&](std::string field, std::string before, std::string after) {
        r.changes.push_back({std::move(field), std::move(before), std::move(after)});
    };
    if (incoming.status != ledger.status) {
        if (claim_stage(incoming.status) < claim_stage(ledger.status)) {
            r.match = RecordMatch::Conflict;
            r.changes = {{"status", std::string(to_string(ledger.status)),
                          std::string(to_string(incoming.status))}};
            r.problem = "the claim would go back to an earlier stage";
            return r;
        }
        change("status", std::string(to_string(ledger.status)),
               std::string(to_string(incoming.status)));
        u.status = incoming.status;
    }
    if (incoming.submitted && incoming.submitted != ledger.submitted) {
        change("submitted", date_or_none(ledger.submitted), format_date(*incoming.submitted));
        u.submitted = incoming.submitted;
    }
    if (incoming.credited && incoming.credited != ledger.credited) {
        change("credited", date_or_none(ledger.credited), format_date(*incoming.credited));
        u.credited = incoming.credited;
    }
    if (u.credited && u.status != ClaimStatus::Approved) {
        change("credited", date_or_none(ledger.credited), "");
        u.credited.reset();
    }
    if (u.credited && !credited_in_order(u.date, u.submitted, *u.credited)) {
        r.match = RecordMatch::Conflict;
        r.problem = "it would be credited " + format_date(*u.credited) + ", before " +
                    (u.submitted ? "its submission " + format_date(*u.submitted)
                                 : "its date " + format_date(u.date));
        return r;
    }
    if (r.changes.empty()) return r;
    r.match = RecordMatch::Update;
    r.updated = std::move(u);
    return r;
}

} // namespace recert

namespace recert {

namespace {
std::vector<std::string> program_ids(const Rules& r, const std::vector<std::size_t>& programs) {
    std::vector<std::string> out;
    out.reserve(programs.size());
    for (std::size_t p : programs) out.push_back(r.programs[p].program.id);
    return out;
}

// "--program a or --program b"
std::string program_options(const Rules& r, const std::vector<std::size_t>& programs) {
    std::vector<std::string> out;
    out.reserve(programs.size());
    for (std::size_t p : programs) out.push_back("--program " + r.programs[p].program.id);
    return or_list(out);
}
} // namespace

std::size_t program_for_new_activity(const Rules& rules, std::size_t given,
                                     const std::vector<std::size_t>& held_in,
                                     std::string_view holder, ActivityKind kind,
                                     std::string_view category, std::string_view exam,
                                     std::string_view exam_kind, const FieldError& error) {
    if (given != Rules::kAny) return given;
    std::vector<std::size_t> held = held_in;
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    const bool none_held = held.empty();
    if (none_held) held.push_back(0);
    const std::size_t single = held.size() == 1 ? held.front() : Rules::kAny;

    // the name that ties the record to a program, and which programs know it
    enum class Names { Category, Exam, ExamKind } names = Names::Category;
    std::string_view name = category;
    if (kind == ActivityKind::Exam) {
        if (rules.find_exam(exam)) {
            names = Names::Exam;
            name = exam;
        } else if (!exam_kind.empty()) {
            names = Names::ExamKind;
            name = exam_kind;
        } else {
            return single; // an exam code no program knows: check_activity says so
        }
    }
    auto knows = [&](std::size_t p) {
        switch (names) {
        case Names::Category:
            return name.empty() || rules.category_index(name, p) != 0;
        case Names::Exam:
            return rules.find_exam(name, p) != nullptr;
        case Names::ExamKind:
            return rules.exam_kind_index(name, p) != Rules::kAny;
        }
        return false;
    };
    std::vector<std::size_t> mine, others;
    for (std::size_t p = 0; p < rules.programs.size(); ++p)
        if (knows(p))
            (std::binary_search(held.begin(), held.end(), p) ? mine : others).push_back(p);
    if (mine.size() == 1) return mine.front();

    const std::string who(holder);
    // "cisco (the program of Ana's certifications)"
    const std::string whose =
        or_list(program_ids(rules, held)) +
        (none_held ? " (the program in force; " + who + " holds no certification yet)"
                   : (held.size() == 1 ? " (the program of " : " (the programs of ") + who +
                         "'s certifications)");
    const char* field = names == Names::Category ? "category"
                        : names == Names::Exam   ? "exam"
                                                 : "exam_kind";
    const char* noun = names == Names::Category ? "a category"
                       : names == Names::Exam   ? "an exam"
                                                : "an exam kind";
    if (name.empty()) { // a CE activity without a category, for a holder of several programs
        error("program",
              "which program is this activity for? " + who + " holds certifications of " +
                  or_list(program_ids(rules, held), "and"),
              "give " + program_options(rules, held) + ", or a category of one of them");
        return Rules::kAny;
    }
    const std::string quoted = "\"" + shown(name) + "\"";
    if (mine.size() > 1) {
        error(field,
              quoted + " is " + noun + " of " + or_list(program_ids(rules, mine), "and") +
                  ", programs of " + who + "'s certifications: which one is it for?",
              "give " + program_options(rules, mine));
        return Rules::kAny;
    }
    if (others.empty()) return single; // a name no program knows: check_activity says so
    std::string hint;
    for (std::size_t p : held) {
        if (names == Names::Category)
            hint += rules.programs[p].program.id + "'s " + list_categories(rules, p) + "; ";
        else if (names == Names::ExamKind)
            hint += rules.programs[p].program.id +
                    "'s exam kinds: " + list_ids(rules.exam_kinds, p) + "; ";
    }
    hint += (hint.empty() ? "give " : "or give ") + program_options(rules, others) +
            " to record it for " + or_list(program_ids(rules, others));
    error(field,
          quoted + " is " + noun + " of " + or_list(program_ids(rules, others)) + ", not of " +
              whose,
          hint);
    return Rules::kAny;
}

std::string certification_hint(const Rules& rules, std::string_view typed) {
    // those whose id or name contains what was typed ("ccnp"), then the close ones, closest first
    std::vector<std::string> found;
    const std::string want = lower(typed);
    if (want.size() >= 3)
        for (const auto& c : rules.certifications)
            if (lower(c.id).find(want) != std::string::npos ||
                lower(c.name).find(want) != std::string::npos)
                found.push_back(c.id);
    std::vector<std::pair<std::size_t, std::string>> close;
    for (const auto& c : rules.certifications) {
        std::size_t best = 3;
        for (std::string_view n : {std::string_view(c.id), std::string_view(c.name)})
            if (is_close(typed, n)) best = std::min(best, name_distance(typed, n));
        for (const auto& alias : c.aliases)
            if (is_close(typed, alias)) best = std::min(best, name_distance(typed, alias));
        if (best < 3 && std::find(found.begin(), found.end(), c.id) == found.end())
            close.emplace_back(best, c.id);
    }
    std::stable_sort(close.begin(), close.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [d, id] : close) found.push_back(std::move(id));
    if (found.empty()) return "use an id, name or alias from `recert rules show`";
    const std::size_t all = found.size();
    if (all > 6) found.resize(6);
    return "did you mean " + or_list(found) + "?" +
           (all > 6 ? " (" + std::to_string(all) + " match; `recert rules show` lists them)" : "");
}

} // namespace recert
