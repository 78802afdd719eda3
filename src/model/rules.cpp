#include "recert/rules.hpp"

#include "base/json_check.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace recert {

namespace builtin {
// generated from data/programs/*.json
extern const char* const kCiscoRules;
extern const char* const kComptiaRules;
extern const char* const kIsc2Rules;
extern const char* const kPmiRules;
} // namespace builtin

using detail::child;
using detail::ojson;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

const Certification* Rules::find_certification(std::string_view name) const {
    // ids as written in the files (lower case) are looked up as they are, without a copy
    const bool has_upper =
        std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    auto it = has_upper ? cert_index.find(lower(name)) : cert_index.find(name);
    return it == cert_index.end() ? nullptr : &certifications[it->second];
}

const Certification* Rules::certification_by_id(std::string_view id) const {
    for (const auto& c : certifications)
        if (c.id == id) return &c;
    return nullptr;
}

namespace {
bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return (x >= 'A' && x <= 'Z' ? static_cast<char>(x - 'A' + 'a') : x) ==
               (y >= 'A' && y <= 'Z' ? static_cast<char>(y - 'A' + 'a') : y);
    });
}

// The first item `is` takes in the program, or in the default program and then the others.
template <class T, class Is>
std::size_t find_in_programs(const std::vector<T>& items, const Is& is, std::size_t program,
                             std::size_t programs) {
    for (std::size_t p = 0; p < programs; ++p) {
        const std::size_t want = program == Rules::kAny ? p : program;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].program == want && is(items[i])) return i;
        if (program != Rules::kAny) break;
    }
    return Rules::kAny;
}

template <class T>
std::size_t find_id_in_programs(const std::vector<T>& items, std::string_view id,
                                std::size_t program, std::size_t programs) {
    // the id as written in the rules first, then ignoring case: the usual lookup copies nothing
    const std::size_t i = find_in_programs(
        items, [id](const T& t) { return t.id == id; }, program, programs);
    if (i != Rules::kAny) return i;
    return find_in_programs(
        items, [id](const T& t) { return equal_ignoring_case(t.id, id); }, program, programs);
}
} // namespace

const Exam* Rules::find_exam(std::string_view code, std::size_t program) const {
    if (code.empty()) return nullptr;
    auto it = exam_index.find(lower(code));
    if (it != exam_index.end() && (program == kAny || exams[it->second].program == program))
        return &exams[it->second];
    // the index keeps the first program's exam of a code; another program's is searched for, and
    // so are exam names ("ENARSI" for 300-410)
    std::size_t i = find_in_programs(
        exams, [code](const Exam& e) { return equal_ignoring_case(e.code, code); }, program,
        programs.size());
    if (i == kAny)
        i = find_in_programs(
            exams, [code](const Exam& e) { return equal_ignoring_case(e.name, code); }, program,
            programs.size());
    return i == kAny ? nullptr : &exams[i];
}

std::size_t Rules::category_index(std::string_view id, std::size_t program) const {
    if (id.empty()) return 0;
    const std::size_t i = find_id_in_programs(categories, id, program, programs.size());
    return i == kAny ? 0 : i + 1;
}

std::size_t Rules::exam_kind_index(std::string_view id, std::size_t program) const {
    return find_id_in_programs(exam_kinds, id, program, programs.size());
}

std::string Rules::exam_need(std::span<const std::string> ids, int count,
                             std::size_t program) const {
    std::string out = std::to_string(count) + ' ';
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) out += (i + 1 == ids.size()) ? " or " : ", ";
        const std::size_t k = exam_kind_index(ids[i], program);
        std::string_view name = k == kAny ? std::string_view(ids[i]) : exam_kinds[k].name;
        if (name.size() > 5 && lower(name.substr(name.size() - 5)) == " exam")
            name.remove_suffix(5); // a name given as "Core exam" reads the same
        out += name;
    }
    return out + (count == 1 ? " exam" : " exams");
}

std::size_t Rules::program_index(std::string_view id) const {
    const std::string want = lower(id);
    for (std::size_t p = 0; p < programs.size(); ++p)
        if (programs[p].program.id == want) return p;
    return kAny;
}

const ProgramPolicy& Rules::policy_named(std::string_view id) const {
    const std::size_t p = id.empty() ? kAny : program_index(id);
    return programs[p == kAny ? 0 : p];
}

namespace {
// The rules files compiled in, by name (the file's name in data/programs/).
struct BuiltinProgram {
    std::string_view name;
    const char* const* text;
};
constexpr BuiltinProgram kBuiltinPrograms[] = {{"cisco", &builtin::kCiscoRules},
                                               {"comptia", &builtin::kComptiaRules},
                                               {"isc2", &builtin::kIsc2Rules},
                                               {"pmi", &builtin::kPmiRules}};
} // namespace

std::vector<std::string> builtin_program_names() {
    std::vector<std::string> names;
    for (const auto& p : kBuiltinPrograms) names.emplace_back(p.name);
    return names;
}

std::optional<std::string_view> builtin_program_text(std::string_view name) {
    const std::string n = lower(name);
    for (const auto& p : kBuiltinPrograms)
        if (p.name == n) return std::string_view(*p.text);
    return std::nullopt;
}

namespace {

std::string describe_path(const Path& p, const Rules& r) {
    std::vector<std::string> parts;
    if (p.credits) {
        std::string s;
        if (p.credits->total) s = format_credits(*p.credits->total) + " " + r.program.unit;
        for (const auto& [cat, n] : p.credits->min)
            s += (s.empty() ? "" : " ") + std::string("(at least ") + format_credits(n) + " " +
                 cat + ")";
        for (const auto& [cat, n] : p.credits->max)
            s += (s.empty() ? "" : " ") + std::string("(at most ") + format_credits(n) + " " + cat +
                 ")";
        for (const auto& [cat, n] : p.credits->max_per_year)
            s += (s.empty() ? "" : " ") + std::string("(at most ") + format_credits(n) + " " + cat +
                 " a year)";
        if (p.credits->min_per_year)
            s += (s.empty() ? "" : " ") + std::string("(at least ") +
                 format_credits(*p.credits->min_per_year) + " a year)";
        if (!s.empty()) parts.push_back(s);
    }
    for (const auto& g : p.exams) parts.push_back(r.exam_need(g.kinds, g.count));
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " + " : "") + parts[i];
    return out;
}

class RulesLoader {
  public:
    RulesLoader(std::string_view text, const std::string& file, Diagnostics& out)
        : c_(text, file, out) {}

    std::optional<Rules> load(const ojson& doc) {
        Rules r;
        r.programs.resize(1); // lookups during loading are within this program
        if (!doc.is_object()) {
            c_.error("", std::string("found ") + detail::type_name(doc) + ", expected an object");
            return std::nullopt;
        }
        auto schema = c_.string(doc, "", "schema", true);
        if (schema && *schema != "recert-rules/1") {
            c_.error("/schema", "found \"" + *schema +
                                    "\", expected \"recert-rules/1\": this is not a rules file");
            return std::nullopt;
        }
        if (!c_.object(doc, "",
                       {"schema",
                        "program",
                        "claim_window_days",
                        "renewal_anchor",
                        "cascade",
                        "expiring_days",
                        "pending_at_expiry",
                        "grace_days",
                        "grace_years",
                        "grace_kind",
                        "grace_activities",
                        "lifetime_before",
                        "credits_count_on",
                        "claim_review_days",
                        "categories",
                        "exam_kinds",
                        "levels",
                        "certifications",
                        "exams",
                        "notes"},
                       {"schema", "program", "levels", "certifications"}))
            if (!doc.is_object()) return std::nullopt;
        if (doc.contains("notes")) c_.string(doc, "", "notes", false);
        program(doc, r);
        if (auto v = c_.integer(doc, "", "claim_window_days", false, 0, 36500))
            r.claim_window_days = *v;
        if (auto v = c_.integer(doc, "", "expiring_days", false, 0, 36500)) r.expiring_days = *v;
        choose(doc, "renewal_anchor", {"recertification_date", "expiry_date"},
               {RenewalAnchor::RecertificationDate, RenewalAnchor::ExpiryDate}, r.anchor);
        choose(doc, "cascade", {"rank", "explicit", "none"},
               {Cascade::Rank, Cascade::Explicit, Cascade::None}, r.cascade);
        choose(doc, "pending_at_expiry", {"retroactive", "none"}, {true, false},
               r.pending_retroactive);
        if (auto v = c_.integer(doc, "", "grace_days", false, 0, 3660)) r.grace_days = *v;
        if (auto v = c_.integer(doc, "", "grace_years", false, 0, 10)) r.grace_years = *v;
        choose(doc, "grace_kind", {"grace", "suspension"}, {false, true}, r.grace_suspension);
        choose(doc, "grace_activities", {"cycle", "cycle_and_grace"}, {false, true},
               r.grace_activities);
        r.lifetime_before = c_.date(doc, "", "lifetime_before", false);
        choose(doc, "credits_count_on", {"completed", "credited"},
               {CountOn::Completed, CountOn::Credited}, r.credits_count_on);
        if (auto v = c_.integer(doc, "", "claim_review_days", false, 0, 3660))
            r.claim_review_days = *v;
        categories(doc, r);
        exam_kinds(doc, r);
        levels(doc, r);
        certifications(doc, r);
        exams(doc, r);
        r.program.id = lower(r.program.id);
        r.programs.assign(1, static_cast<const ProgramPolicy&>(r));
        return r;
    }

  private:
    void program(const ojson& doc, Rules& r) {
        auto it = doc.find("program");
        if (it == doc.end()) return;
        if (!c_.object(*it, "/program", {"id", "name", "unit", "source", "effective", "notes"},
                       {"id", "name"}))
            if (!it->is_object()) return;
        r.program.id = c_.string(*it, "/program", "id", true).value_or("");
        r.program.name = c_.string(*it, "/program", "name", true).value_or("");
        r.program.unit = c_.string(*it, "/program", "unit", false).value_or("credits");
        r.program.source = c_.string(*it, "/program", "source", false).value_or("");
        if (it->contains("effective")) {
            if (auto d = c_.date(*it, "/program", "effective", false))
                r.program.effective = format_date(*d);
        }
        r.program.notes = c_.string(*it, "/program", "notes", false).value_or("");
    }

    // A top-level key that names one of a few words: `out` gets the value of the word given; any
    // other word is an error listing them.
    template <class T, std::size_t N>
    void choose(const ojson& doc, const char* key, const char* const (&words)[N],
                const T (&values)[N], T& out) {
        auto v = c_.string(doc, "", key, false);
        if (!v) return;
        std::string expected;
        for (std::size_t i = 0; i < N; ++i) {
            if (*v == words[i]) {
                out = values[i];
                return;
            }
            expected += std::string(i == 0       ? ""
                                    : i + 1 == N ? " or "
                                                 : ", ") +
                        "\"" + words[i] + "\"";
        }
        c_.error(std::string("/") + key, "found \"" + *v + "\", expected " + expected);
    }

    template <class F> void each(const ojson& doc, const char* key, F&& f) {
        auto it = doc.find(key);
        if (it == doc.end()) return;
        const std::string ptr = std::string("/") + key;
        if (!c_.array(*it, ptr)) return;
        for (std::size_t i = 0; i < it->size(); ++i) f((*it)[i], child(ptr, i));
    }

    bool unique(std::set<std::string>& seen, const std::string& id, const std::string& ptr,
                const char* what) {
        if (!seen.insert(id).second) {
            c_.error(ptr, "duplicate " + std::string(what) + " \"" + id + "\"",
                     "each id must appear once");
            return false;
        }
        return true;
    }

    // An error at `ptr` when a list has more than `max` entries (what an activity record indexes).
    void at_most(std::size_t n, std::size_t max, const char* ptr, const char* what) {
        if (n > max)
            c_.error(ptr, std::to_string(n) + " " + what + "; at most " + std::to_string(max) +
                              " are supported");
    }

    void categories(const ojson& doc, Rules& r) {
        std::set<std::string> seen;
        std::vector<std::string> ptrs;
        each(doc, "categories", [&](const ojson& j, const std::string& p) {
            if (!c_.object(j, p, {"id", "name", "parent", "notes"}, {"id", "name"})) return;
            Category cat;
            cat.id = c_.string(j, p, "id", true).value_or("");
            cat.name = c_.string(j, p, "name", true).value_or("");
            cat.parent = c_.string(j, p, "parent", false).value_or("");
            c_.string(j, p, "notes", false);
            if (!cat.id.empty() && unique(seen, cat.id, child(p, "id"), "category")) {
                r.categories.push_back(cat);
                ptrs.push_back(p);
            }
        });
        at_most(r.categories.size(), Rules::kMaxCategories, "/categories", "categories");
        for (std::size_t i = 0; i < r.categories.size(); ++i) {
            const auto& cat = r.categories[i];
            if (cat.parent.empty()) continue;
            if (!r.has_category(cat.parent)) {
                c_.error(child(ptrs[i], "parent"), "unknown category \"" + cat.parent + "\"",
                         "a parent must be one of the ids under /categories");
                continue;
            }
            // walk up: a category on a cycle comes back to itself
            std::string at = cat.parent;
            for (std::size_t steps = 0; !at.empty() && steps <= r.categories.size(); ++steps) {
                if (at == cat.id) {
                    c_.error(child(ptrs[i], "parent"),
                             "category \"" + cat.id + "\" is its own ancestor",
                             "category parents must form a tree");
                    break;
                }
                auto p = std::find_if(r.categories.begin(), r.categories.end(),
                                      [&](const Category& c) { return c.id == at; });
                at = p == r.categories.end() ? "" : p->parent;
            }
        }
    }

    void exam_kinds(const ojson& doc, Rules& r) {
        std::set<std::string> seen;
        each(doc, "exam_kinds", [&](const ojson& j, const std::string& p) {
            if (!c_.object(j, p, {"id", "name", "notes"}, {"id", "name"})) return;
            ExamKind k{c_.string(j, p, "id", true).value_or(""),
                       c_.string(j, p, "name", true).value_or("")};
            c_.string(j, p, "notes", false);
            if (!k.id.empty() && unique(seen, k.id, child(p, "id"), "exam kind"))
                r.exam_kinds.push_back(k);
        });
        at_most(r.exam_kinds.size(), Rules::kMaxExamKinds, "/exam_kinds", "exam kinds");
    }

    void credit_map(const ojson& j, const std::string& p, const char* key,
                    std::map<std::string, Centi>& out, const Rules& r) {
        auto it = j.find(key);
        if (it == j.end()) return;
        const std::string ptr = child(p, key);
        if (!it->is_object()) {
            c_.error(ptr, std::string("found ") + detail::type_name(*it) +
                              ", expected an object of category: credits");
            return;
        }
        for (auto e = it->begin(); e != it->end(); ++e) {
            if (!r.has_category(e.key())) {
                c_.error(child(ptr, e.key()), "unknown category \"" + e.key() + "\"",
                         "categories are declared under /categories");
                continue;
            }
            if (auto v = c_.credits(*it, ptr, e.key().c_str(), true)) out[e.key()] = *v;
        }
    }

    std::optional<Path> path(const ojson& j, const std::string& p, const Rules& r) {
        if (!c_.object(j, p, {"credits", "exams", "notes"}, {})) return std::nullopt;
        Path path;
        c_.string(j, p, "notes", false);
        if (auto it = j.find("credits"); it != j.end()) {
            const std::string cp = child(p, "credits");
            if (c_.object(*it, cp, {"total", "min", "max", "max_per_year", "min_per_year"}, {})) {
                CreditRequirement req;
                req.total = c_.credits(*it, cp, "total", false);
                credit_map(*it, cp, "min", req.min, r);
                credit_map(*it, cp, "max", req.max, r);
                credit_map(*it, cp, "max_per_year", req.max_per_year, r);
                req.min_per_year = c_.credits(*it, cp, "min_per_year", false);
                for (const auto& [cat, need] : req.min)
                    if (auto cap = req.max.find(cat); cap != req.max.end() && need > cap->second)
                        c_.error(child(cp, "min"),
                                 "this path can never be met: it needs at least " +
                                     format_credits(need) + " " + cat +
                                     " credits but counts at most " + format_credits(cap->second));
                if (!req.total && req.min.empty() && !req.min_per_year)
                    c_.error(cp,
                             "a credit requirement needs \"total\", \"min\" or \"min_per_year\"");
                path.credits = req;
            }
        }
        if (auto it = j.find("exams"); it != j.end()) {
            const std::string ep = child(p, "exams");
            if (c_.array(*it, ep)) {
                for (std::size_t g = 0; g < it->size(); ++g) {
                    const std::string gp = child(ep, g);
                    const ojson& gj = (*it)[g];
                    if (!c_.object(gj, gp, {"kinds", "count"}, {"kinds"})) continue;
                    ExamGroup group;
                    group.count = c_.integer(gj, gp, "count", false, 1, 100).value_or(1);
                    const ojson& kinds = gj["kinds"];
                    if (!c_.array(kinds, child(gp, "kinds"))) continue;
                    if (kinds.empty())
                        c_.error(child(gp, "kinds"),
                                 "an empty list, expected at least one exam kind");
                    for (std::size_t k = 0; k < kinds.size(); ++k) {
                        const std::string kp = child(child(gp, "kinds"), k);
                        if (!kinds[k].is_string()) {
                            c_.error(kp, std::string("found ") + detail::type_name(kinds[k]) +
                                             ", expected an exam kind id");
                            continue;
                        }
                        const std::string kind = kinds[k].get<std::string>();
                        if (!r.has_exam_kind(kind)) {
                            c_.error(kp, "unknown exam kind \"" + kind + "\"",
                                     "exam kinds are declared under /exam_kinds");
                            continue;
                        }
                        group.kinds.push_back(kind);
                    }
                    path.exams.push_back(group);
                }
            }
        }
        if (!path.credits && path.exams.empty()) {
            c_.error(p, "an empty path, expected \"credits\", \"exams\" or both");
            return std::nullopt;
        }
        path.description = describe_path(path, r);
        return path;
    }

    std::optional<Carryover> carryover(const ojson& j, const std::string& level, const Rules& r) {
        const std::string p = child(level, "carryover");
        if (!c_.object(j, p, {"max", "last_months", "categories"}, {"max", "last_months"}))
            return std::nullopt;
        Carryover c;
        c.max = c_.credits(j, p, "max", true).value_or(0);
        c.last_months = c_.integer(j, p, "last_months", true, 1, 120).value_or(1);
        if (auto it = j.find("categories"); it != j.end() && c_.array(*it, child(p, "categories")))
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string cp = child(child(p, "categories"), i);
                if (!(*it)[i].is_string()) {
                    c_.error(cp, std::string("found ") + detail::type_name((*it)[i]) +
                                     ", expected a category id");
                } else if (!r.has_category((*it)[i].get<std::string>())) {
                    c_.error(cp, "unknown category \"" + (*it)[i].get<std::string>() + "\"",
                             "categories are declared under /categories");
                } else {
                    c.categories.push_back((*it)[i].get<std::string>());
                }
            }
        return c;
    }

    // An optional true/false key.
    std::optional<bool> flag(const ojson& j, const std::string& p, const char* key) {
        auto it = j.find(key);
        if (it == j.end()) return std::nullopt;
        if (!it->is_boolean()) {
            c_.error(child(p, key),
                     std::string("found ") + detail::type_name(*it) + ", expected true or false");
            return std::nullopt;
        }
        return it->get<bool>();
    }

    void levels(const ojson& doc, Rules& r) {
        std::set<std::string> seen;
        each(doc, "levels", [&](const ojson& j, const std::string& p) {
            if (!c_.object(j, p,
                           {"id", "name", "rank", "validity_years", "paths", "carryover",
                            "lifetime_before", "renewed_by_ce", "in_cascade", "notes"},
                           {"id", "name", "rank", "validity_years", "paths"}))
                if (!j.is_object()) return;
            Level lv;
            lv.id = c_.string(j, p, "id", true).value_or("");
            lv.name = c_.string(j, p, "name", true).value_or("");
            lv.rank = c_.integer(j, p, "rank", true, 0, 1000).value_or(0);
            lv.notes = c_.string(j, p, "notes", false).value_or("");
            if (auto it = j.find("validity_years"); it != j.end() && !it->is_null())
                lv.validity_years = c_.integer(j, p, "validity_years", true, 1, 100);
            if (auto it = j.find("paths"); it != j.end() && c_.array(*it, child(p, "paths"))) {
                for (std::size_t i = 0; i < it->size(); ++i)
                    if (auto path = this->path((*it)[i], child(child(p, "paths"), i), r))
                        lv.paths.push_back(*path);
                if (lv.validity_years && it->empty())
                    c_.error(child(p, "paths"), "a level that expires needs at least one path",
                             "use \"validity_years\": null for a lifetime level");
            }
            if (auto it = j.find("carryover"); it != j.end()) lv.carryover = carryover(*it, p, r);
            lv.lifetime_before = c_.date(j, p, "lifetime_before", false);
            if (lv.lifetime_before && !lv.validity_years)
                c_.error(child(p, "lifetime_before"),
                         "a lifetime level with \"lifetime_before\": every certification of it "
                         "is lifetime already",
                         "give \"validity_years\" for those earned on or after the date");
            lv.renewed_by_ce = flag(j, p, "renewed_by_ce").value_or(true);
            lv.in_cascade = flag(j, p, "in_cascade").value_or(true);
            if (!lv.renewed_by_ce)
                for (std::size_t i = 0; i < lv.paths.size(); ++i)
                    if (lv.paths[i].credits)
                        c_.error(child(child(child(p, "paths"), i), "credits"),
                                 "a credit requirement in a level that CE does not renew",
                                 "remove \"credits\" or the level's \"renewed_by_ce\": false");
            if (!lv.id.empty() && unique(seen, lv.id, child(p, "id"), "level"))
                r.levels.push_back(lv);
        });
        if (r.levels.empty() && doc.contains("levels") && doc["levels"].is_array())
            c_.error("/levels", "no levels, expected at least one");
    }

    void certifications(const ojson& doc, Rules& r) {
        std::set<std::string> seen;
        std::vector<std::pair<std::vector<std::string>, std::string>> renews; // ids, pointer
        each(doc, "certifications", [&](const ojson& j, const std::string& p) {
            if (!c_.object(j, p, {"id", "name", "level", "aliases", "retired", "renews", "notes"},
                           {"id", "name", "level"}))
                if (!j.is_object()) return;
            Certification cert;
            cert.id = c_.string(j, p, "id", true).value_or("");
            cert.name = c_.string(j, p, "name", true).value_or("");
            cert.notes = c_.string(j, p, "notes", false).value_or("");
            cert.retired = c_.date(j, p, "retired", false);
            const std::string level = c_.string(j, p, "level", true).value_or("");
            auto lv = std::find_if(r.levels.begin(), r.levels.end(),
                                   [&](const Level& l) { return l.id == level; });
            if (lv == r.levels.end()) {
                if (!level.empty())
                    c_.error(child(p, "level"), "unknown level \"" + level + "\"",
                             "levels are declared under /levels");
                return;
            }
            cert.level = static_cast<std::size_t>(lv - r.levels.begin());
            for (const char* key : {"aliases", "renews"}) {
                auto it = j.find(key);
                if (it == j.end()) continue;
                if (!c_.array(*it, child(p, key))) continue;
                for (std::size_t i = 0; i < it->size(); ++i) {
                    if (!(*it)[i].is_string() || (*it)[i].get<std::string>().empty()) {
                        c_.error(child(child(p, key), i), std::string("found ") +
                                                              detail::type_name((*it)[i]) +
                                                              ", expected a non-empty string");
                        continue;
                    }
                    (std::string(key) == "aliases" ? cert.aliases : cert.renews)
                        .push_back((*it)[i].get<std::string>());
                }
            }
            if (cert.id.empty() || !unique(seen, cert.id, child(p, "id"), "certification")) return;
            const std::size_t index = r.certifications.size();
            auto add_name = [&](const std::string& name, const std::string& ptr) {
                auto [it, fresh] = r.cert_index.emplace(lower(name), index);
                if (!fresh && it->second != index)
                    c_.error(ptr,
                             "the name \"" + name + "\" already names certification \"" +
                                 r.certifications[it->second].id + "\"",
                             "ids, names and aliases must be unique, ignoring case");
            };
            r.certifications.push_back(cert);
            add_name(cert.id, child(p, "id"));
            add_name(cert.name, child(p, "name"));
            for (std::size_t i = 0; i < cert.aliases.size(); ++i)
                add_name(cert.aliases[i], child(child(p, "aliases"), i));
            renews.emplace_back(cert.renews, child(p, "renews"));
        });
        for (const auto& [ids, ptr] : renews)
            for (std::size_t i = 0; i < ids.size(); ++i)
                if (!r.certification_by_id(ids[i]))
                    c_.error(child(ptr, i), "unknown certification \"" + ids[i] + "\"",
                             "\"renews\" lists certification ids of this rules file");
    }

    void exams(const ojson& doc, Rules& r) {
        each(doc, "exams", [&](const ojson& j, const std::string& p) {
            if (!c_.object(j, p, {"code", "name", "kind", "notes"}, {"code", "name", "kind"}))
                return;
            Exam e{c_.string(j, p, "code", true).value_or(""),
                   c_.string(j, p, "name", true).value_or(""),
                   c_.string(j, p, "kind", true).value_or("")};
            c_.string(j, p, "notes", false);
            if (e.code.empty()) return;
            if (!e.kind.empty() && !r.has_exam_kind(e.kind)) {
                c_.error(child(p, "kind"), "unknown exam kind \"" + e.kind + "\"",
                         "exam kinds are declared under /exam_kinds");
                return;
            }
            auto [it, fresh] = r.exam_index.emplace(lower(e.code), r.exams.size());
            if (!fresh) {
                c_.error(child(p, "code"), "duplicate exam code \"" + e.code + "\"",
                         "each code must appear once");
                return;
            }
            r.exams.push_back(e);
        });
    }

    detail::Checker c_;
};

} // namespace

Diagnostics merge_programs(Rules& into, const Rules& more) {
    Diagnostics problems;
    const std::string& id = more.program.id;
    auto fail = [&](std::string message, std::string hint = "") {
        problems.push_back(Diagnostic{"", 0, 0, "", std::move(message), std::move(hint)});
    };
    if (into.program_index(id) != Rules::kAny) {
        fail("program \"" + id + "\" is loaded twice");
        return problems;
    }
    for (const auto& c : more.certifications)
        if (const Certification* there = into.certification_by_id(c.id))
            fail("certification id \"" + c.id + "\" is defined by program \"" +
                     into.policy_of(*there).program.id + "\" and by program \"" + id + "\"",
                 "certification ids must differ between the programs used together");
    if (into.programs.size() + 1 > Rules::kMaxPrograms)
        fail("program \"" + id + "\" would be program " + std::to_string(into.programs.size() + 1) +
             "; at most " + std::to_string(Rules::kMaxPrograms) + " programs are used together");
    if (into.categories.size() + more.categories.size() > Rules::kMaxCategories ||
        into.exam_kinds.size() + more.exam_kinds.size() > Rules::kMaxExamKinds)
        fail("program \"" + id + "\" has too many categories or exam kinds to use with the others",
             "at most " + std::to_string(Rules::kMaxCategories) +
                 " categories and as many exam kinds are used together");
    if (!problems.empty()) return problems;
    const std::size_t program = into.programs.size();
    const std::size_t levels = into.levels.size(), certs = into.certifications.size();
    into.programs.push_back(static_cast<const ProgramPolicy&>(more));
    for (Category c : more.categories) {
        c.program = program;
        into.categories.push_back(std::move(c));
    }
    for (ExamKind k : more.exam_kinds) {
        k.program = program;
        into.exam_kinds.push_back(std::move(k));
    }
    for (Level l : more.levels) {
        l.program = program;
        into.levels.push_back(std::move(l));
    }
    for (Certification c : more.certifications) {
        c.level += levels;
        into.certifications.push_back(std::move(c));
    }
    // names and aliases: the first program's meaning wins where two programs share one
    for (const auto& [name, index] : more.cert_index) into.cert_index.emplace(name, index + certs);
    for (Exam e : more.exams) {
        e.program = program;
        into.exam_index.emplace(lower(e.code), into.exams.size());
        into.exams.push_back(std::move(e));
    }
    return problems;
}

namespace {
Result<Rules> load_document(std::optional<ojson> doc, std::string_view text,
                            const std::string& file, Result<Rules> res) {
    if (!doc) return res;
    RulesLoader loader(text, file, res.errors);
    auto rules = loader.load(*doc);
    if (rules && res.errors.empty()) {
        rules->document = std::move(*doc);
        res.value = std::move(rules);
    }
    return res;
}
} // namespace

Result<Rules> load_rules(std::string_view text, const std::string& file) {
    Result<Rules> res;
    auto doc = detail::parse_json(text, file, res.errors);
    return load_document(std::move(doc), text, file, std::move(res));
}

Result<Rules> load_builtin_rules(std::string_view name) {
    const auto text = builtin_program_text(name);
    if (!text) return {};
    // the built-in files are checked in full by the tests (load_rules): parsed here without the
    // nesting and duplicate-key scans, which cost a one-person report a tenth of its time
    return load_document(ojson::parse(text->begin(), text->end()), *text,
                         "<built-in " + lower(name) + " rules>", {});
}

} // namespace recert
