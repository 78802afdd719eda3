// `report --format json`: recert-report/1 (data/schema/report.schema.json).
#include "render/report.hpp"

#include <cstdio>

namespace recert {

using ojson = nlohmann::ordered_json;

std::string month_key(const MonthSummary& m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", m.year, m.month);
    return buf;
}

std::string month_label(const MonthSummary& m) {
    static constexpr const char* kNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::string(kNames[(m.month - 1) % 12]) + " " + std::to_string(m.year);
}

namespace {

ojson states_json(const std::array<int, kStateCount>& states) {
    ojson j = ojson::object();
    for (std::size_t i = 0; i < kStateCount; ++i)
        j[std::string(to_string(static_cast<State>(i)))] = states[i];
    return j;
}

ojson optional_credits(const std::optional<Centi>& c) {
    return c ? credits_json(*c) : ojson(nullptr);
}

} // namespace

ojson report_json(const Rules& rules, const TeamSummary& s) {
    ojson j;
    j["schema"] = "recert-report/1";
    j["as_of"] = format_date(s.as_of);
    j["program"] = rules.program.id;
    j["holders"] = s.holders;
    j["certifications_held"] = s.reports;
    j["states"] = states_json(s.states);
    ojson levels = ojson::array();
    for (std::size_t l : s.levels)
        levels.push_back({{"id", rules.levels[l].id},
                          {"name", rules.levels[l].name},
                          {"program", rules.programs[rules.levels[l].program].program.id}});
    j["levels"] = std::move(levels);
    ojson certs = ojson::array();
    for (const CertSummary& c : s.certs) {
        const Certification& cert = rules.certifications[c.cert];
        ojson cj;
        cj["id"] = cert.id;
        cj["name"] = cert.name;
        cj["level"] = rules.levels[cert.level].id;
        cj["holders"] = c.holders;
        cj["states"] = states_json(c.states);
        cj["active_now"] = c.active_now;
        ojson in = ojson::object();
        for (std::size_t i = 0; i < kActiveInDays.size(); ++i)
            in[std::to_string(kActiveInDays[i])] = c.active_in[i];
        cj["active_in_days"] = std::move(in);
        cj["required"] = c.required ? ojson(*c.required) : ojson(nullptr);
        cj["shortfall_now"] = c.required ? ojson(c.shortfall_now()) : ojson(nullptr);
        ojson months = ojson::array();
        for (int m = 0; m < kReportMonths; ++m) {
            ojson mj;
            mj["month"] = month_key(s.months[static_cast<std::size_t>(m)]);
            mj["active"] = c.active_at_month_end[static_cast<std::size_t>(m)];
            mj["shortfall"] = c.required ? ojson(c.shortfall_at(m)) : ojson(nullptr);
            months.push_back(std::move(mj));
        }
        cj["month_ends"] = std::move(months);
        certs.push_back(std::move(cj));
    }
    j["certifications"] = std::move(certs);
    ojson months = ojson::array();
    for (const MonthSummary& m : s.months) {
        ojson mj;
        mj["month"] = month_key(m);
        mj["expiring"] = m.total;
        ojson by_level = ojson::object();
        for (std::size_t l : s.levels)
            if (m.by_level[l]) by_level[rules.levels[l].id] = m.by_level[l];
        mj["by_level"] = std::move(by_level);
        ojson by_cert = ojson::object();
        for (const CertSummary& c : s.certs)
            if (m.by_cert[c.cert]) by_cert[rules.certifications[c.cert].id] = m.by_cert[c.cert];
        mj["by_certification"] = std::move(by_cert);
        months.push_back(std::move(mj));
    }
    j["expiries"] = std::move(months);
    ojson risk;
    risk["total"] = s.at_risk_total;
    risk["shown"] = s.at_risk.size();
    risk["expired_within_days"] = kRecentlyExpiredDays;
    ojson rows = ojson::array();
    for (const AtRiskRow& r : s.at_risk) {
        const Certification& cert = rules.certifications[r.cert];
        ojson rj;
        rj["holder"] = r.holder;
        rj["certification"] = cert.id;
        rj["name"] = cert.name;
        rj["level"] = rules.levels[cert.level].id;
        rj["state"] = std::string(to_string(r.state));
        rj["expires"] = r.expires ? ojson(format_date(*r.expires)) : ojson(nullptr);
        rj["days_left"] = r.days_left;
        rj["credits"] = ojson{{"approved", credits_json(r.approved)},
                              {"pending", credits_json(r.pending)},
                              {"required", optional_credits(r.required)},
                              {"remaining", optional_credits(r.remaining)}};
        rj["next_step"] = r.next_step;
        rows.push_back(std::move(rj));
    }
    risk["rows"] = std::move(rows);
    j["at_risk"] = std::move(risk);
    return j;
}

} // namespace recert
