#include "recert/render.hpp"

namespace recert {

using ojson = nlohmann::ordered_json;

ojson credits_json(Centi c) {
    if (c % 100 == 0) return ojson(c / 100);
    return ojson(credits_to_double(c));
}

namespace {

ojson opt_date(const std::optional<Date>& d) {
    return d ? ojson(format_date(*d)) : ojson(nullptr);
}
ojson opt_credits(const std::optional<Centi>& c) {
    return c ? credits_json(*c) : ojson(nullptr);
}

ojson path_json(const PathStatus& p) {
    ojson j;
    j["description"] = p.description;
    j["met"] = p.met;
    ojson missing;
    missing["credits"] = credits_json(p.missing_credits);
    if (!p.missing_categories.empty()) {
        ojson cats = ojson::object();
        for (const auto& [cat, n] : p.missing_categories) cats[cat] = credits_json(n);
        missing["categories"] = cats;
    }
    missing["exams"] = ojson::array();
    for (const auto& e : p.missing_exams)
        missing["exams"].push_back(ojson{{"kinds", e.kinds()}, {"count", e.count}});
    j["missing"] = missing;
    return j;
}

ojson notice_json(const Notice& n) {
    ojson j;
    j["code"] = n.code;
    j["message"] = n.message;
    if (n.date) j["date"] = format_date(*n.date);
    if (!n.activity.empty()) j["activity"] = n.activity;
    return j;
}

ojson history_json(const HistoryEvent& h) {
    ojson j;
    j["date"] = format_date(h.date);
    j["event"] = h.event;
    j["via"] = h.via.empty() ? ojson(nullptr) : ojson(h.via);
    j["expires"] = opt_date(h.expires);
    return j;
}

ojson cert_json(const Rules& rules, const CertReport& r) {
    const Certification& c = rules.certifications[r.cert];
    ojson j;
    j["holder"] = r.holder;
    j["id"] = c.id;
    j["name"] = c.name;
    j["level"] = rules.level_of(c).id;
    j["program"] = rules.policy_of(c).program.id;
    j["state"] = std::string(to_string(r.state));
    j["retired"] = r.retired;
    j["earned"] = format_date(r.earned);
    j["expires"] = opt_date(r.expires);
    j["days_left"] = r.days_left ? ojson(*r.days_left) : ojson(nullptr);
    j["cycle_start"] = r.state == State::Lifetime ? ojson(nullptr) : opt_date(r.cycle_start);
    j["last_recertified"] = opt_date(r.last_recertified);
    j["renewed_by"] = r.renewed_by.empty() ? ojson(nullptr) : ojson(r.renewed_by);
    j["credits"] = ojson{{"approved", credits_json(r.approved)},
                         {"pending", credits_json(r.pending)},
                         {"required", opt_credits(r.required)},
                         {"remaining", opt_credits(r.remaining)}};
    j["paths"] = ojson::array();
    for (const auto& p : r.paths) j["paths"].push_back(path_json(p));
    j["notices"] = ojson::array();
    for (const auto& n : r.notices) j["notices"].push_back(notice_json(n));
    j["history"] = ojson::array();
    for (const auto& h : r.history) j["history"].push_back(history_json(h));
    j["next_step"] = r.next_step;
    return j;
}

} // namespace

ojson status_json(const Rules& rules, const Report& report) {
    ojson j;
    j["schema"] = "recert-status/1";
    j["as_of"] = format_date(report.as_of);
    j["program"] = rules.program.id;
    j["certifications"] = ojson::array();
    for (const auto& r : report.certifications) j["certifications"].push_back(cert_json(rules, r));
    return j;
}

ojson explain_json(const Rules& rules, const Ledger& ledger, const CertReport& cert) {
    auto activity = [&](std::size_t i) {
        const Activity& a = ledger.activities[i];
        ojson j;
        j["id"] = a.id;
        j["date"] = format_date(a.date);
        j["kind"] = std::string(to_string(a.kind));
        if (a.kind == ActivityKind::CE)
            j["credits"] = credits_json(a.credits);
        else
            j["exam"] = a.exam;
        j["status"] = std::string(to_string(a.status));
        if (a.submitted) j["submitted"] = format_date(*a.submitted);
        if (a.credited) j["credited"] = format_date(*a.credited);
        if (!a.title.empty()) j["title"] = a.title;
        return j;
    };
    ojson j;
    j["certification"] = cert_json(rules, cert);
    j["cycles"] = ojson::array();
    for (const auto& c : cert.cycles) {
        ojson cj;
        cj["start"] = format_date(c.start);
        cj["end"] = opt_date(c.end);
        cj["outcome"] = c.outcome;
        cj["closed_on"] = opt_date(c.closed_on);
        cj["via"] = c.via.empty() ? ojson(nullptr) : ojson(c.via);
        if (c.carried_over > 0) cj["carried_over"] = credits_json(c.carried_over);
        cj["activities"] = ojson::array();
        for (const auto& v : c.activities) {
            ojson a = activity(v.activity);
            a["counted"] = v.counted;
            a["reason"] = v.reason;
            cj["activities"].push_back(a);
        }
        j["cycles"].push_back(cj);
    }
    j["outside"] = ojson::array();
    for (const auto& v : cert.outside) {
        ojson a = activity(v.activity);
        a["counted"] = false;
        a["reason"] = v.reason;
        j["outside"].push_back(a);
    }
    return j;
}

} // namespace recert
