#include "recert/ledger.hpp"

#include "base/json_check.hpp"
#include "model/records.hpp"

#include <cstdio>
#include <cstring>
#include <set>

namespace recert {

using detail::child;
using detail::ojson;

std::string_view to_string(ActivityKind k) {
    return k == ActivityKind::CE ? "ce" : "exam";
}

std::string_view to_string(ClaimStatus s) {
    switch (s) {
    case ClaimStatus::Approved:
        return "approved";
    case ClaimStatus::Pending:
        return "pending";
    case ClaimStatus::Rejected:
        return "rejected";
    case ClaimStatus::Unclaimed:
        return "unclaimed";
    }
    return "approved";
}

std::optional<ClaimStatus> parse_status(std::string_view s) {
    auto is = [s](std::string_view word) { // ASCII case-insensitive, without a copy
        return std::equal(s.begin(), s.end(), word.begin(), word.end(), [](char a, char b) {
            return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
        });
    };
    // the words differ in length but for approved/rejected: the length picks the candidate
    switch (s.size()) {
    case 8:
        if (is("approved")) return ClaimStatus::Approved;
        if (is("rejected")) return ClaimStatus::Rejected;
        break;
    case 7:
        if (is("pending")) return ClaimStatus::Pending;
        break;
    case 9:
        if (is("unclaimed")) return ClaimStatus::Unclaimed;
        break;
    default:
        break;
    }
    return std::nullopt;
}

std::uint64_t activity_content_hash(std::string_view holder, Date date, ActivityKind kind,
                                    Centi credits, std::string_view exam, std::string_view title,
                                    std::string_view named_program) {
    char day[10];
    format_date_to(date, day);
    char buf[24];
    const std::size_t n = kind == ActivityKind::CE ? format_credits_to(credits, buf) : 0;
    return activity_content_hash(holder, std::string_view(day, sizeof day), kind,
                                 std::string_view(buf, n), exam, title, named_program);
}

std::uint64_t activity_content_hash(std::string_view holder, std::string_view day,
                                    ActivityKind kind, std::string_view credits,
                                    std::string_view exam, std::string_view title,
                                    std::string_view named_program) {
    // fed piece by piece (0x1F between pieces), without building the string
    std::uint64_t h = 1469598103934665603ULL;
    constexpr std::uint64_t prime = 1099511628211ULL;
    auto feed = [&h](std::string_view s) {
        // eight bytes per load (fewer instructions; each byte still goes through the multiply)
        std::size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            for (int k = 0; k < 8; ++k, w >>= 8) // the first byte is the lowest
                h = (h ^ (w & 0xFF)) * prime;
        }
#endif
        for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * prime;
    };
    auto feed_lower = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
            h *= 1099511628211ULL;
        }
    };
    feed(holder);
    feed("\x1f");
    feed(day);
    feed("\x1f");
    feed(to_string(kind));
    feed("\x1f");
    if (kind == ActivityKind::CE) feed(credits);
    feed("\x1f");
    feed_lower(exam);
    feed("\x1f");
    const std::size_t b = title.find_first_not_of(" \t"), e = title.find_last_not_of(" \t");
    if (b != std::string_view::npos)
        feed(title.substr(b, e - b + 1)); // spaces around a title do not make a new record
    if (!named_program.empty()) {         // (nothing more without one: the ids derived before v1.1)
        feed("\x1f");
        feed_lower(named_program);
    }
    return h;
}

std::string derived_id(ActivityKind kind, std::uint64_t h) {
    static const char hex[] = "0123456789abcdef";
    std::string id(18, '0');
    id[0] = kind == ActivityKind::CE ? 'c' : 'e';
    id[1] = '-';
    for (int k = 17; k >= 2; --k, h >>= 4) id[static_cast<std::size_t>(k)] = hex[h & 15];
    return id;
}

std::string derive_activity_id(const Activity& a) {
    return derived_id(a.kind, activity_content_hash(a.holder, a.date, a.kind, a.credits, a.exam,
                                                    a.title, a.program_named ? a.program : ""));
}

ojson activity_to_json(const Activity& a, std::string_view file_holder, const Rules& rules) {
    ojson j;
    j["id"] = a.id;
    if (a.holder != file_holder) j["holder"] = a.holder;
    j["date"] = format_date(a.date);
    j["kind"] = std::string(to_string(a.kind));
    if (a.kind == ActivityKind::CE) {
        if (a.credits % 100 == 0)
            j["credits"] = a.credits / 100;
        else
            j["credits"] = credits_to_double(a.credits);
    } else {
        j["exam"] = a.exam;
        if (!a.exam_kind.empty() && !rules.find_exam(a.exam)) j["exam_kind"] = a.exam_kind;
    }
    if (a.kind == ActivityKind::CE) j["status"] = std::string(to_string(a.status));
    if (a.submitted) j["submitted"] = format_date(*a.submitted);
    if (a.credited) j["credited"] = format_date(*a.credited);
    if (!a.title.empty()) j["title"] = a.title;
    if (!a.category.empty()) j["category"] = a.category;
    if (!a.program.empty()) j["program"] = a.program;
    return j;
}

ojson certification_to_json(const HeldCertification& c, const Rules& rules,
                            std::string_view file_holder) {
    ojson j;
    j["id"] = rules.certifications[c.cert].id;
    if (c.holder != file_holder) j["holder"] = c.holder;
    j["earned"] = format_date(c.earned);
    if (c.expires) j["expires"] = format_date(*c.expires);
    // a certification of any program but the default one in force says which (so that it is
    // loaded again)
    const Certification& cert = rules.certifications[c.cert];
    if (rules.program_of(cert) != 0) j["program"] = rules.policy_of(cert).program.id;
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
    LedgerLoader(std::string_view text, const std::string& file, Diagnostics& out,
                 const Rules& rules)
        : c_(text, file, out), rules_(rules) {}

    std::optional<Ledger> load(const ojson& doc) {
        Ledger l;
        if (!doc.is_object()) {
            c_.error("", std::string("found ") + detail::type_name(doc) + ", expected an object");
            return std::nullopt;
        }
        auto schema = c_.string(doc, "", "schema", true);
        if (schema && *schema != "recert-ledger/1") {
            c_.error("/schema",
                     "found \"" + *schema +
                         "\", expected \"recert-ledger/1\": this is not a recert ledger");
            return std::nullopt; // the rest would only be noise
        }
        if (!c_.object(doc, "", {"schema", "holder", "certifications", "activities"}, {"schema"}))
            if (!doc.is_object()) return std::nullopt;
        l.holder = c_.string(doc, "", "holder", false).value_or(std::string(kDefaultHolder));
        if (l.holder.size() > std::size_t{64} * 1024) {
            c_.error("/holder", "a holder name of " + std::to_string(l.holder.size()) +
                                    " bytes; at most 65536 are accepted");
            return std::nullopt;
        }
        if (auto it = doc.find("certifications");
            it != doc.end() && c_.array(*it, "/certifications"))
            for (std::size_t i = 0; i < it->size(); ++i)
                certification((*it)[i], child("/certifications", i), l);
        if (auto it = doc.find("activities"); it != doc.end() && c_.array(*it, "/activities"))
            for (std::size_t i = 0; i < it->size(); ++i)
                activity((*it)[i], child("/activities", i), l);
        return l;
    }

  private:
    // A field as text: strings as they are; numbers (credits) in exact decimal form.
    std::optional<std::string> text(const ojson& j, const std::string& p, const char* key,
                                    bool& ok) {
        auto it = j.find(key);
        if (it == j.end()) return std::nullopt;
        if (it->is_string()) {
            if (it->get_ref<const std::string&>().size() > std::size_t{64} * 1024) {
                c_.error(child(p, key),
                         "a value of " + std::to_string(it->get_ref<const std::string&>().size()) +
                             " bytes; at most 65536 are accepted");
                ok = false;
                return std::nullopt;
            }
            return it->get<std::string>();
        }
        const std::string k = key;
        if (k == "credits") {
            CreditParse cp;
            if (it->is_number_integer() && it->get<long long>() >= 0)
                return std::to_string(it->get<long long>());
            if (it->is_number_integer())
                cp.error = "a negative number";
            else if (it->is_number_float())
                cp = credits_from_double(it->get<double>());
            else
                cp.error = detail::type_name(*it);
            if (cp.value) return format_credits(*cp.value);
            std::string found = it->dump();
            if (found.size() > 40) found.replace(40, std::string::npos, "...");
            c_.error(child(p, key),
                     "invalid credits " + found + " (" + cp.error +
                         "): expected a number >= 0 with at most two decimal places");
            ok = false;
            return std::nullopt;
        }
        const bool is_date =
            k == "date" || k == "submitted" || k == "credited" || k == "earned" || k == "expires";
        c_.error(child(p, key),
                 std::string("found ") + detail::type_name(*it) +
                     (is_date ? ", expected a date YYYY-MM-DD" : ", expected a string"));
        ok = false;
        return std::nullopt;
    }

    // Reports a field error at the field's pointer, or at the record when the field is absent.
    FieldError at(const ojson& j, const std::string& p, bool& ok, std::string_view rename_from = "",
                  const char* rename_to = "") {
        return [&, p, rename_from, rename_to](std::string_view field, std::string message,
                                              std::string hint) {
            ok = false;
            const std::string key =
                (!rename_from.empty() && field == rename_from) ? rename_to : std::string(field);
            c_.error(!field.empty() && j.contains(key) ? child(p, key) : p, std::move(message),
                     std::move(hint));
        };
    }

    void certification(const ojson& j, const std::string& p, Ledger& l) {
        if (!c_.object(j, p, {"id", "holder", "earned", "expires", "program"}, {"id", "earned"}))
            if (!j.is_object()) return;
        bool ok = true;
        // the texts live here while the fields point at them
        const auto holder = text(j, p, "holder", ok), id = text(j, p, "id", ok),
                   earned = text(j, p, "earned", ok), expires = text(j, p, "expires", ok),
                   program = text(j, p, "program", ok);
        CertificationFields f{holder, id, earned, expires, program};
        if (f.holder && f.holder->empty()) {
            c_.error(child(p, "holder"), "found an empty string, expected a value");
            ok = false;
        }
        if (!ok || !f.certification || !f.earned) return;
        auto h = build_certification(f, rules_, l.holder, at(j, p, ok, "certification", "id"));
        if (!h || !ok) return;
        const std::string key =
            h->holder + '\x1f' + std::to_string(h->cert) + '\x1f' + format_date(h->earned);
        if (!cert_keys_.insert(key).second) {
            c_.error(p, "duplicate certification: " + rules_.certifications[h->cert].id +
                            " earned " + format_date(h->earned) + " is already recorded for " +
                            h->holder);
            return;
        }
        l.certifications.push_back(*h);
    }

    void activity(const ojson& j, const std::string& p, Ledger& l) {
        if (!c_.object(j, p,
                       {"id", "holder", "date", "kind", "credits", "exam", "exam_kind", "status",
                        "submitted", "credited", "title", "category", "program"},
                       {"date"}))
            if (!j.is_object()) return;
        bool ok = true;
        // the texts live here while the fields point at them
        const auto id = text(j, p, "id", ok), holder = text(j, p, "holder", ok),
                   date = text(j, p, "date", ok), kind = text(j, p, "kind", ok),
                   credits = text(j, p, "credits", ok), exam = text(j, p, "exam", ok),
                   exam_kind = text(j, p, "exam_kind", ok), status = text(j, p, "status", ok),
                   submitted = text(j, p, "submitted", ok), title = text(j, p, "title", ok),
                   category = text(j, p, "category", ok), program = text(j, p, "program", ok),
                   credited = text(j, p, "credited", ok);
        ActivityFields f{id,     holder,    date,  kind,     credits, exam,    exam_kind,
                         status, submitted, title, category, program, credited};
        for (const char* key : {"id", "holder", "exam", "category"})
            if (auto it = j.find(key);
                it != j.end() && it->is_string() && it->get<std::string>().empty()) {
                ok = false;
                c_.error(child(p, key), "found an empty string, expected a value");
            }
        if (!ok || !f.date) return;
        auto a = build_activity(f, rules_, l.holder, at(j, p, ok));
        if (!a || !ok) return;
        if (!ids_.insert(a->id).second) {
            c_.error(f.id ? child(p, "id") : p,
                     "duplicate activity id \"" + a->id + "\"" +
                         (f.id ? "" : " (the same record twice)"),
                     f.id ? "ids must be unique in a ledger"
                          : "give one of the two records an explicit \"id\"");
            return;
        }
        l.activities.push_back(std::move(*a));
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
