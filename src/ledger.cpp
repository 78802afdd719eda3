#include "recert/ledger.hpp"

#include "json_check.hpp"

#include <cstdio>
#include <set>

namespace recert {

using detail::child;
using detail::ojson;

std::string_view to_string(ActivityKind k) { return k == ActivityKind::CE ? "ce" : "exam"; }

std::string_view to_string(ClaimStatus s) {
    switch (s) {
    case ClaimStatus::Approved: return "approved";
    case ClaimStatus::Pending: return "pending";
    case ClaimStatus::Rejected: return "rejected";
    case ClaimStatus::Unclaimed: return "unclaimed";
    }
    return "approved";
}

std::optional<ClaimStatus> parse_status(std::string_view s) {
    const std::string l = lower(s);
    if (l == "approved") return ClaimStatus::Approved;
    if (l == "pending") return ClaimStatus::Pending;
    if (l == "rejected") return ClaimStatus::Rejected;
    if (l == "unclaimed") return ClaimStatus::Unclaimed;
    return std::nullopt;
}

std::string derive_activity_id(const Activity& a) {
    std::string norm = a.holder;
    norm += '\x1f' + format_date(a.date);
    norm += '\x1f' + std::string(to_string(a.kind));
    norm += '\x1f' + (a.kind == ActivityKind::CE ? format_credits(a.credits) : std::string());
    norm += '\x1f' + lower(a.exam);
    norm += '\x1f' + a.title;
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a 64
    for (unsigned char c : norm) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "%c-%016llx", a.kind == ActivityKind::CE ? 'c' : 'e',
                  static_cast<unsigned long long>(h));
    return buf;
}

ojson activity_to_json(const Activity& a, std::string_view file_holder) {
    ojson j;
    j["id"] = a.id;
    if (a.holder != file_holder) j["holder"] = a.holder;
    j["date"] = format_date(a.date);
    j["kind"] = std::string(to_string(a.kind));
    if (a.kind == ActivityKind::CE) {
        if (a.credits % 100 == 0) j["credits"] = a.credits / 100;
        else j["credits"] = credits_to_double(a.credits);
    } else {
        j["exam"] = a.exam;
        if (!a.exam_kind.empty()) j["exam_kind"] = a.exam_kind;
    }
    if (a.kind == ActivityKind::CE) j["status"] = std::string(to_string(a.status));
    if (a.submitted) j["submitted"] = format_date(*a.submitted);
    if (!a.title.empty()) j["title"] = a.title;
    if (!a.category.empty()) j["category"] = a.category;
    return j;
}

ojson certification_to_json(const HeldCertification& c, const Rules& rules, std::string_view file_holder) {
    ojson j;
    j["id"] = rules.certifications[c.cert].id;
    if (c.holder != file_holder) j["holder"] = c.holder;
    j["earned"] = format_date(c.earned);
    if (c.expires) j["expires"] = format_date(*c.expires);
    return j;
}

ojson empty_ledger(std::string_view holder) {
    ojson j;
    j["schema"] = "recert-ledger/1";
    j["holder"] = std::string(holder);
    j["certifications"] = ojson::array();
    j["activities"] = ojson::array();
    return j;
}

namespace {

class LedgerLoader {
  public:
    LedgerLoader(std::string_view text, const std::string& file, Diagnostics& out, const Rules& rules)
        : c_(text, file, out), rules_(rules) {}

    std::optional<Ledger> load(const ojson& doc) {
        Ledger l;
        if (!c_.object(doc, "", {"schema", "holder", "certifications", "activities"}, {"schema"}))
            if (!doc.is_object()) return std::nullopt;
        auto schema = c_.string(doc, "", "schema", true);
        if (schema && *schema != "recert-ledger/1")
            c_.error("/schema", "found \"" + *schema + "\", expected \"recert-ledger/1\"");
        l.holder = c_.string(doc, "", "holder", false).value_or(std::string(kDefaultHolder));
        if (auto it = doc.find("certifications"); it != doc.end() && c_.array(*it, "/certifications"))
            for (std::size_t i = 0; i < it->size(); ++i) certification((*it)[i], child("/certifications", i), l);
        if (auto it = doc.find("activities"); it != doc.end() && c_.array(*it, "/activities"))
            for (std::size_t i = 0; i < it->size(); ++i) activity((*it)[i], child("/activities", i), l);
        return l;
    }

  private:
    void certification(const ojson& j, const std::string& p, Ledger& l) {
        if (!c_.object(j, p, {"id", "holder", "earned", "expires", "program"}, {"id", "earned"}))
            if (!j.is_object()) return;
        const std::size_t before = c_.error_count();
        HeldCertification h;
        h.holder = c_.string(j, p, "holder", false).value_or(l.holder);
        auto name = c_.string(j, p, "id", true);
        if (name) {
            const Certification* cert = rules_.find_certification(*name);
            if (!cert)
                c_.error(child(p, "id"), "unknown certification \"" + *name + "\"",
                         "use an id, name or alias from `recert rules show`");
            else h.cert = static_cast<std::size_t>(cert - rules_.certifications.data());
        }
        if (auto prog = c_.string(j, p, "program", false); prog && lower(*prog) != rules_.program.id)
            c_.error(child(p, "program"), "certification of program \"" + *prog + "\", but the rules in force are \"" +
                                              rules_.program.id + "\"");
        auto earned = c_.date(j, p, "earned", true);
        h.expires = c_.date(j, p, "expires", false);
        if (earned && h.expires && *h.expires < *earned)
            c_.error(child(p, "expires"), "expires " + format_date(*h.expires) + " is before earned " +
                                              format_date(*earned));
        if (c_.error_count() != before || !earned) return;
        h.earned = *earned;
        const std::string key = h.holder + '\x1f' + std::to_string(h.cert) + '\x1f' + format_date(h.earned);
        if (!cert_keys_.insert(key).second) {
            c_.error(p, "duplicate certification: " + rules_.certifications[h.cert].id + " earned " +
                            format_date(h.earned) + " is already recorded for " + h.holder);
            return;
        }
        l.certifications.push_back(h);
    }

    void activity(const ojson& j, const std::string& p, Ledger& l) {
        if (!c_.object(j, p,
                       {"id", "holder", "date", "kind", "credits", "exam", "exam_kind", "status", "submitted", "title",
                        "category"},
                       {"date"}))
            if (!j.is_object()) return;
        const std::size_t before = c_.error_count();
        Activity a;
        auto explicit_id = c_.string(j, p, "id", false);
        a.holder = c_.string(j, p, "holder", false).value_or(l.holder);
        auto date = c_.date(j, p, "date", true);
        a.title = c_.string(j, p, "title", false, false).value_or("");
        a.exam = c_.string(j, p, "exam", false).value_or("");
        auto kind = c_.string(j, p, "kind", false);
        if (kind) {
            if (lower(*kind) == "ce") a.kind = ActivityKind::CE;
            else if (lower(*kind) == "exam") a.kind = ActivityKind::Exam;
            else c_.error(child(p, "kind"), "found \"" + *kind + "\", expected \"ce\" or \"exam\"");
        } else {
            a.kind = a.exam.empty() ? ActivityKind::CE : ActivityKind::Exam;
        }
        if (auto st = c_.string(j, p, "status", false)) {
            if (auto s = parse_status(*st)) a.status = *s;
            else
                c_.error(child(p, "status"),
                         "unknown status \"" + *st + "\", expected approved, pending, rejected or unclaimed");
        }
        a.submitted = c_.date(j, p, "submitted", false);
        if (date && a.submitted && *a.submitted < *date)
            c_.error(child(p, "submitted"), "submitted " + format_date(*a.submitted) + " is before the activity date " +
                                                format_date(*date));
        if (auto cat = c_.string(j, p, "category", false)) {
            if (!rules_.has_category(*cat))
                c_.error(child(p, "category"), "unknown category \"" + *cat + "\"", category_hint());
            else a.category = *cat;
        }
        auto credits = c_.credits(j, p, "credits", false);
        auto exam_kind = c_.string(j, p, "exam_kind", false);
        if (a.kind == ActivityKind::CE) {
            if (!credits && !j.contains("credits")) c_.error(p, "a CE activity without \"credits\"");
            a.credits = credits.value_or(0);
            if (!a.exam.empty()) c_.error(child(p, "exam"), "a CE activity with an exam code", "use \"kind\": \"exam\"");
        } else {
            if (j.contains("credits")) c_.error(child(p, "credits"), "an exam with credits", "exams count as exams, not credits");
            if (a.exam.empty()) {
                c_.error(p, "an exam activity without \"exam\" (the exam code)");
            } else if (exam_kind) {
                if (!rules_.has_exam_kind(*exam_kind))
                    c_.error(child(p, "exam_kind"), "unknown exam kind \"" + *exam_kind + "\"", kinds_hint());
                else a.exam_kind = *exam_kind;
            } else if (const Exam* e = rules_.find_exam(a.exam)) {
                a.exam_kind = e->kind;
            } else {
                c_.error(child(p, "exam"), "unknown exam code \"" + a.exam + "\"",
                         "add \"exam_kind\" (" + kinds_list() + ") for an exam that is not in the catalog");
            }
        }
        if (c_.error_count() != before || !date) return;
        a.date = *date;
        a.id = explicit_id ? *explicit_id : derive_activity_id(a);
        if (!ids_.insert(a.id).second) {
            c_.error(explicit_id ? child(p, "id") : p,
                     "duplicate activity id \"" + a.id + "\"" + (explicit_id ? "" : " (the same record twice)"),
                     explicit_id ? "ids must be unique in a ledger" : "give one of the two records an explicit \"id\"");
            return;
        }
        l.activities.push_back(std::move(a));
    }

    std::string kinds_list() const {
        std::string s;
        for (const auto& k : rules_.exam_kinds) s += (s.empty() ? "" : ", ") + k.id;
        return s;
    }
    std::string kinds_hint() const { return "exam kinds: " + kinds_list(); }
    std::string category_hint() const {
        std::string s;
        for (const auto& k : rules_.categories) s += (s.empty() ? "" : ", ") + k.id;
        return s.empty() ? "this program has no categories" : "categories: " + s;
    }

    detail::Checker c_;
    const Rules& rules_;
    std::set<std::string> ids_;
    std::set<std::string> cert_keys_;
};

} // namespace

Result<Ledger> load_ledger(std::string_view text, const std::string& file, const Rules& rules) {
    Result<Ledger> res;
    auto doc = detail::parse_json(text, file, res.errors);
    if (!doc) return res;
    LedgerLoader loader(text, file, res.errors, rules);
    auto l = loader.load(*doc);
    if (l && res.errors.empty()) res.value = std::move(l);
    return res;
}

} // namespace recert
