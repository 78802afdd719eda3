#include "recert/render.hpp"

#include <algorithm>
#include <charconv>

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
    const bool quote = std::any_of(
        v.begin(), v.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
    if (quote) out += '"';
    if (escape) out += '\'';
    if (!quote) {
        out += v;
        return;
    }
    // the text between quotes as it is, each quote doubled
    for (std::size_t q; (q = v.find('"')) != std::string_view::npos; v.remove_prefix(q + 1))
        out.append(v.data(), q + 1) += '"';
    out += v;
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
    // figures are written straight into the text (a team report has a row per certification)
    auto credits = [&out](Centi v) {
        char buf[24];
        out.append(buf, format_credits_to(v, buf));
    };
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
        if (r.expires) {
            char day[10];
            format_date_to(*r.expires, day);
            out.append(day, sizeof day);
        }
        out += ',';
        if (r.days_left) {
            char buf[16];
            const auto end = std::to_chars(buf, buf + sizeof buf, *r.days_left).ptr;
            out.append(buf, static_cast<std::size_t>(end - buf));
        }
        out += ',';
        if (!lifetime) credits(r.approved);
        out += ',';
        if (!lifetime) credits(r.pending);
        out += ',';
        if (r.required) credits(*r.required);
        out += ',';
        if (r.remaining) credits(*r.remaining);
        out += ',';
        append_csv_cell(out, r.next_step);
        out += "\r\n";
    }
}

} // namespace recert
