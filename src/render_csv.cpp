#include "recert/render.hpp"

namespace recert {

std::string csv_cell(std::string_view v, bool numeric) {
    std::string out;
    append_csv_cell(out, v, numeric);
    return out;
}

void append_csv_cell(std::string& out, std::string_view v, bool numeric) {
    auto formula = [](char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    };
    // an apostrophe is added before a formula character, and before text that already looks
    // escaped ('=...), so that reading it back (which drops one apostrophe) is exact
    const bool escape = !numeric && !v.empty() &&
                        (formula(v[0]) || (v.size() > 1 && v[0] == '\'' && formula(v[1])));
    bool quote = false;
    for (char c : v)
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    if (quote) out += '"';
    if (escape) out += '\'';
    if (!quote) {
        out += v;
        return;
    }
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
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
    append_status_csv_rows(out, rules, reports);
    return out;
}

void append_status_csv_rows(std::string& out, const Rules& rules,
                            const std::vector<CertReport>& reports) {
    for (const auto& r : reports) {
        const Certification& c = rules.certifications[r.cert];
        const bool lifetime = r.state == State::Lifetime;
        append_csv_cell(out, r.holder);
        out += ',';
        append_csv_cell(out, c.id);
        out += ',';
        append_csv_cell(out, rules.level_of(c).id);
        out += ',';
        out += to_string(r.state);
        out += ',';
        if (r.expires) out += format_date(*r.expires);
        out += ',';
        if (r.days_left) append_csv_cell(out, std::to_string(*r.days_left), true);
        out += ',';
        if (!lifetime) out += format_credits(r.approved);
        out += ',';
        if (!lifetime) out += format_credits(r.pending);
        out += ',';
        if (r.required) out += format_credits(*r.required);
        out += ',';
        if (r.remaining) out += format_credits(*r.remaining);
        out += ',';
        append_csv_cell(out, r.next_step);
        out += "\r\n";
    }
}

} // namespace recert
