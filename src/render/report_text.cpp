// `report` as text for people: the team in a screenful. (Its layout may change; JSON is the
// contract.)
#include "render/report.hpp"
#include "render/text_parts.hpp"

#include <algorithm>

namespace recert {

using namespace text_parts;

namespace {

// A table: each column as wide as its widest cell; numeric columns right-aligned.
void append_table(std::string& out, const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right, std::string_view indent) {
    std::vector<std::size_t> w(rows.empty() ? 0 : rows[0].size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) w[i] = std::max(w[i], width(row[i]));
    for (const auto& row : rows) {
        std::string line(indent);
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) line += "  ";
            if (right[i])
                line += pad_left(row[i], w[i]);
            else
                line += i + 1 == row.size() ? row[i] : pad(row[i], w[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line;
        out += '\n';
    }
}

} // namespace

std::string render_report_text(const Rules& rules, const TeamSummary& s, const TextStyle& st) {
    std::string out = "Team report as of " + format_date(s.as_of) + ": " +
                      std::to_string(s.holders) + (s.holders == 1 ? " holder, " : " holders, ") +
                      std::to_string(s.reports) +
                      (s.reports == 1 ? " certification held\n" : " certifications held\n");
    const std::string counts = state_counts(st, s.states);
    out += "  " + (counts.empty() ? std::string("nothing held") : counts) + "\n";
    if (s.certs.empty()) return out;

    const bool required = std::any_of(s.certs.begin(), s.certs.end(),
                                      [](const CertSummary& c) { return c.required.has_value(); });
    out += "\nHeadcount (in force: active, expiring or lifetime; later figures if nobody acts)\n";
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head = {"CERTIFICATION", "HOLDERS", "NOW"};
    for (int d : kActiveInDays) head.push_back("+" + std::to_string(d) + "D");
    if (required) {
        head.emplace_back("REQUIRED");
        head.emplace_back("SHORT NOW");
        head.emplace_back("FIRST SHORT");
    }
    rows.push_back(head);
    for (const CertSummary& c : s.certs) {
        std::vector<std::string> row = {rules.certifications[c.cert].name,
                                        std::to_string(c.holders), std::to_string(c.active_now)};
        for (int n : c.active_in) row.push_back(std::to_string(n));
        if (required) {
            row.push_back(c.required ? std::to_string(*c.required) : "");
            row.push_back(c.required ? std::to_string(c.shortfall_now()) : "");
            std::string first;
            for (int m = 0; c.required && m < kReportMonths && first.empty(); ++m)
                if (c.shortfall_at(m) > 0)
                    first = month_label(s.months[static_cast<std::size_t>(m)]) + " (" +
                            std::to_string(c.shortfall_at(m)) + " short)";
            row.push_back(c.required && first.empty() ? "-" : first);
        }
        rows.push_back(std::move(row));
    }
    std::vector<bool> right(head.size(), true);
    right[0] = false;
    if (required) right.back() = false;
    append_table(out, rows, right, "  ");

    if (required) {
        out += "\nShort at each month end (if nobody acts)\n";
        rows.clear();
        head = {"CERTIFICATION"};
        for (const MonthSummary& m : s.months) head.push_back(month_label(m).substr(0, 3));
        rows.push_back(head);
        for (const CertSummary& c : s.certs) {
            if (!c.required) continue;
            std::vector<std::string> row = {rules.certifications[c.cert].name};
            for (int m = 0; m < kReportMonths; ++m)
                row.push_back(std::to_string(c.shortfall_at(m)));
            rows.push_back(std::move(row));
        }
        right.assign(head.size(), true);
        right[0] = false;
        append_table(out, rows, right, "  ");
    }

    out += "\nExpiries by month (if nobody acts)\n";
    rows.clear();
    for (const MonthSummary& m : s.months) {
        std::string which;
        for (const CertSummary& c : s.certs)
            if (m.by_cert[c.cert])
                which += (which.empty() ? "" : ", ") + rules.certifications[c.cert].name + " " +
                         std::to_string(m.by_cert[c.cert]);
        rows.push_back({month_label(m), std::to_string(m.total), which});
    }
    append_table(out, rows, {false, true, false}, "  ");

    out += "\nAt risk: " + std::to_string(s.at_risk_total);
    out += " (expiring, grace, pending, or expired in the last " +
           std::to_string(kRecentlyExpiredDays) + " days), fewest days left first\n";
    if (s.at_risk.empty()) return out;
    rows.clear();
    rows.push_back({"HOLDER", "CERTIFICATION", "STATE", "EXPIRES", "DAYS", "NEXT STEP"});
    for (const AtRiskRow& r : s.at_risk)
        rows.push_back({r.holder, rules.certifications[r.cert].name,
                        std::string(to_string(r.state)), r.expires ? format_date(*r.expires) : "",
                        std::to_string(r.days_left), r.next_step});
    append_table(out, rows, {false, false, false, false, true, false}, "  ");
    if (s.at_risk_total > s.at_risk.size())
        out += "  and " + std::to_string(s.at_risk_total - s.at_risk.size()) +
               " more (--limit shows more)\n";
    return out;
}

} // namespace recert
