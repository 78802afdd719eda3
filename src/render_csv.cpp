#include "recert/render.hpp"

namespace recert {

std::string csv_cell(std::string_view v, bool numeric) {
    std::string s(v);
    auto formula = [](char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    };
    // an apostrophe is added before a formula character, and before text that already looks
    // escaped ('=...), so that reading it back (which drops one apostrophe) is exact
    if (!numeric && !s.empty() &&
        (formula(s[0]) || (s.size() > 1 && s[0] == '\'' && formula(s[1]))))
        s.insert(s.begin(), '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string render_status_csv(const Rules& rules, const Report& report) {
    return status_csv_header() + status_csv_rows(rules, report.certifications);
}

std::string status_csv_header() {
    return "holder,certification,level,state,expires,days_left,approved,pending,required,"
           "remaining,next_step\r\n";
}

std::string status_csv_rows(const Rules& rules, const std::vector<CertReport>& reports) {
    std::string out;
    for (const auto& r : reports) {
        const Certification& c = rules.certifications[r.cert];
        const bool lifetime = r.state == State::Lifetime;
        out += csv_cell(r.holder) + ',';
        out += csv_cell(c.id) + ',';
        out += csv_cell(rules.level_of(c).id) + ',';
        out += std::string(to_string(r.state)) + ',';
        out += (r.expires ? format_date(*r.expires) : "") + ',';
        out += (r.days_left ? csv_cell(std::to_string(*r.days_left), true) : "") + ',';
        out += (lifetime ? "" : format_credits(r.approved)) + ',';
        out += (lifetime ? "" : format_credits(r.pending)) + ',';
        out += (r.required ? format_credits(*r.required) : "") + ',';
        out += (r.remaining ? format_credits(*r.remaining) : "") + ',';
        out += csv_cell(r.next_step) + "\r\n";
    }
    return out;
}

} // namespace recert
